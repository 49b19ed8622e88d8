# The command line's own sentences (gatehouse-cli): confirmations, tables and listings for a
# person at a terminal. `--json` output and the wizard's JSON lines stay language-free.
# Values that are also what the commands accept (kinds such as school_staff, levels such as
# p4_6, roles, event names) stay as they are typed.
# Bahasa Melayu (Singapura): terms and button labels follow locales/ms/GLOSSARY.md.

## Errors

cli-error = ralat: { $message }
cli-server-refused = pelayan menolak: { $message } ({ $code })
cli-nothing-registered = ralat: { $message }; tiada apa-apa yang didaftarkan

## An account

cli-account-summary = { $kind } di { $location }{ $level ->
        [none] {""}
       *[other] , { $level }
    }{ $class ->
        [none] {""}
       *[other] , kelas { $class }
    }
cli-created = Akaun { $login } ({ $account }) telah dicipta.
cli-password-reset = Kata laluan { $login } ({ $account }) telah ditetapkan semula.
cli-temporary-password = Kata laluan sementara (ditunjukkan sekali sahaja): { $password }
cli-temporary-password-expires = Kata laluan ini tamat tempoh pada { $when }; semasa log masuk kali pertama, pemilik akaun akan menetapkan soalan keselamatan dan kata laluan baharu.
cli-updated = Akaun { $login } telah dikemas kini.
cli-disabled = Akaun { $login } telah dinyahaktifkan.
cli-enabled = Akaun { $login } telah diaktifkan.
cli-unlocked = Kunci akaun { $login } telah dibuka.
cli-questions-cleared = Soalan keselamatan { $login } telah dikosongkan.
cli-deleted = Akaun { $login } ({ $account }) telah dipadam; log audit menyimpan sejarahnya.

cli-field-login = ID log masuk
cli-field-name = nama
cli-field-kind = jenis
cli-field-level = peringkat
cli-field-location = lokasi
cli-field-class = kelas
cli-field-roles = peranan
cli-field-work-email = e-mel kerja
cli-field-state = keadaan
cli-field-locked-since = dikunci sejak
cli-field-failed-passwords = kata laluan yang salah
cli-field-temporary-password = kata laluan sementara
cli-field-questions-set = soalan keselamatan ditetapkan
cli-field-self-service = tetapan semula layan diri
cli-field-terms = terma diterima
cli-field-last-sign-in = log masuk terakhir
cli-field-password-changed = kata laluan ditukar
cli-field-created = dicipta
cli-field-authenticator = pengesah { $id }
cli-field-recovery-codes = kod pemulihan
cli-recovery-codes-left = { $count ->
        [0] tiada lagi
       *[other] tinggal { $count }
    }

cli-yes = ya
cli-no = tidak
cli-generic = { $kind } (generik)
cli-temporary-password-until = ya, tamat tempoh pada { $when }
cli-self-service-blocked = disekat (terlalu banyak jawapan yang salah)
cli-self-service-available = tersedia
cli-authenticator = { $name } “{ $comment }”{ $serial ->
        [none] {""}
       *[other] , nombor siri { $serial }
    }, { $tested ->
        [none] belum diuji
       *[other] diuji pada { $tested }
    }

## Lists

cli-column-login = ID LOG MASUK
cli-column-kind = JENIS
cli-column-level = PERINGKAT
cli-column-location = LOKASI
cli-column-class = KELAS
cli-column-state = KEADAAN
cli-column-name = NAMA
cli-column-temporary-password = KATA LALUAN SEMENTARA (ditunjukkan sekali sahaja)
cli-column-apps = APLIKASI
cli-column-serial = NOMBOR SIRI
cli-column-type = JENIS
cli-column-digits = DIGIT
cli-column-enrolled-to = DIDAFTARKAN KEPADA
cli-column-kiosk = MOD KIOSK
cli-column-registered = DIDAFTARKAN
cli-column-table = JADUAL
cli-column-source = SUMBER
cli-column-destination = DESTINASI

cli-account-count = { $count } akaun
cli-class-reset = { $count } kata laluan telah ditetapkan semula; kata laluan ini tamat tempoh pada { $when }.
cli-promoted = { $count } pelajar telah dinaikkan.
cli-promotion-preview = Pratonton sahaja: { $count } pelajar akan berubah. Jalankan semula dengan --yes (dan --expect { $count }) untuk melaksanakannya.
cli-promotion-leaving = Tidak dipindahkan, berada di tahun terakhir tahap mereka (mereka keluar, atau naik dengan --class … --to-level): { $who }.
cli-promotion-already = Tidak dipindahkan, sudah dipindahkan ke kelas lain oleh kenaikan dalam { $days } hari yang lalu: { $who }.

## Mails waiting for an administrator

cli-no-mails = Tiada mel yang belum dihantar untuk { $login }.
cli-mail-expired = [tamat tempoh: kod ini tidak lagi berfungsi]

## Hardware tokens and authenticators

cli-tokens-imported = { $count } token perkakasan telah diimport daripada { $file }.
cli-token-free = (bebas)
cli-token-free-locked = (bebas, dikunci: terlalu banyak kod yang salah)
cli-authenticators-deleted = { $count } pengesah milik { $login } telah dipadam.
cli-token-unbound = Token perkakasan { $serial } bebas semula.

## The audit log

cli-audit-written = { $count } peristiwa telah ditulis ke { $file }.

## Importing a class list

# The progress line: each placeable is filled in while the import runs.
cli-import-progress = mengimport { $bar } { $done }/{ $total } akaun, { $rate }, { $eta } lagi
cli-import-done = { $created } daripada { $rows } baris telah diimport dalam { $seconds } s ({ $rate } akaun/s).
cli-import-row = baris { $line }: { $reason }
cli-import-row-login = baris { $line }: { $login }: { $reason }
cli-import-cancelled = Dihentikan sebelum selesai: { $left } baris tidak diimport. Import fail itu sekali lagi dengan --passwords-out yang lain: akaun yang sudah dibuat dilaporkan sebagai sudah wujud, selebihnya akan dibuat.
cli-import-passwords = Kata laluan sementara untuk dicetak: { $file } (hanya anda yang boleh membacanya; padamkan fail ini setelah kata laluan diserahkan)
cli-import-roles = baris { $line }: { $login } diberi peranan pentadbir { $roles }

## Devices of the school's server

cli-enrolment-code = Kod pendaftaran: { $code }
cli-enrolment-uses = Kod ini boleh mendaftarkan paling banyak { $uses } mesin dan sah sehingga { $until }. Kod ini hanya ditunjukkan sekarang.
cli-enrolment-how = Pada setiap mesin (bukan kiosk): gatehouse-cli device register --code CODE --name NAME
cli-enrolment-how-kiosk = Pada setiap kiosk: gatehouse-cli device register --code CODE --name NAME --kiosk
cli-device-registered = berdaftar
cli-device-revoked-at = ditarik balik pada { $when }
cli-device-revoked = Pendaftaran { $name } telah ditarik balik: permintaannya yang seterusnya akan ditolak.
cli-device-kept-in-file = dalam { $file }
cli-device-kept-in-keyring = dalam keyring sistem pengendalian
cli-device-register-done = Mesin ini telah didaftarkan dengan { $url } sebagai mesin “{ $name }” (ID { $id }); bukti kelayakannya disimpan { $place }.
cli-break-glass-code = Kod kecemasan kiosk ini, yang hanya ditunjukkan sekarang — catat kod ini dan simpan bersama pentadbir:
cli-break-glass-how = Apabila ditaip dalam dialog keluar kiosk, kod ini menutup tetingkap kiosk; lima kod yang salah mengunci dialog itu selama lima minit. Hanya cincangan (hash) kod ini yang disimpan, dalam { $file }. Daftar semula untuk menggantikannya.
cli-device-forgotten = Bukti kelayakan mesin ini untuk { $url } telah dibuang ({ $place }). Pentadbir boleh menarik balik pendaftaran mesin ini di pelayan.
cli-device-none = Mesin ini tidak mempunyai bukti kelayakan untuk { $url }.

## Configuration and moving a school

cli-config-exists = { $file } sudah wujud; fail itu dibiarkan seperti sedia ada.
cli-config-written = { $file } telah ditulis.
cli-migrated = Salinan selesai; setiap jadual sepadan. { $count } kunci rahsia 2FA telah disulitkan dengan kunci destinasi.

cli-migrate-left-behind = Tidak disalin: { $table ->
        [email_otps] { $count } kod e-mel yang masih sah (pengguna perlu meminta kod baharu).
        [sessions] { $count } sesi yang masih terbuka (pengguna perlu log masuk semula).
        [devices] { $count } mesin berdaftar (daftarkan mesin itu dengan pelayan destinasi).
       *[enrolment_codes] { $count } kod pendaftaran mesin (keluarkan kod baharu di destinasi).
    }

## The demonstration school

cli-demo-school = Sekolah demo Gatehouse { $location } dalam { $dir }
cli-demo-passwords = Kata laluan untuk demo sahaja: kata laluan sementara { $temporary }, akaun yang telah disediakan { $password }; jawapan: yellow / hamster / The Good Earth.
cli-demo-try = cuba: { $what }
cli-demo-session = Taip satu permintaan JSON bagi setiap baris; sesi bermula dengan sign_in, contohnya

# Each demo account: what state it is in, and what to try with it (by its login's first part).
cli-demo-ada_lim-state = baharu: kata laluan sementara, tiada soalan keselamatan, belum pernah log masuk
cli-demo-ada_lim-try = log masuk kali pertama: soalan keselamatan, tukar kata laluan, terma, Papan Pemuka
cli-demo-ben_tan-state = kata laluan sementara, soalan keselamatan sudah ditetapkan
cli-demo-ben_tan-try = log masuk kali pertama terus ke penukaran kata laluan
cli-demo-chloe_ng-state = aktif, soalan keselamatan ditetapkan
cli-demo-chloe_ng-try = log masuk ke Papan Pemuka P1-3 (tiada Gmail); atau “Lupa Kata Laluan?” (jawapan yellow / hamster / The Good Earth)
cli-demo-dev_kumar-state = dikunci selepas 5 kata laluan yang salah, soalan keselamatan ditetapkan
cli-demo-dev_kumar-try = “Lupa Kata Laluan?”, jawab soalan, kemudian “Buka Kunci Kata Laluan” atau “Tukar Kata Laluan”
cli-demo-eve_goh-state = kata laluan sementara telah tamat tempoh
cli-demo-eve_goh-try = log masuk ditolak: minta kata laluan baharu daripada SA
cli-demo-faris_ali-state = aktif, tiada soalan keselamatan
cli-demo-faris_ali-try = “Lupa Kata Laluan?” menunjukkan SSPR 5006; semasa log masuk, soalan keselamatan diminta, kemudian Aplikasi dipaparkan
cli-demo-grace_lee-state = kakitangan sekolah, SA dan LA, soalan keselamatan ditetapkan
cli-demo-grace_lee-try = log masuk kakitangan; SSPR meminta jawapan kepada kesemua 3 soalan
cli-demo-irene_tan-state = pentadbir (SA, LA) dengan pengesah yang telah diuji
cli-demo-irene_tan-try = tutup kiosk; kod: oathtool --totp -b JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
cli-demo-henry_wong-state = kakitangan HQ, baharu, e-mel kerjanya ialah alamat iCON beliau
cli-demo-henry_wong-try = log masuk kali pertama kakitangan
cli-demo-gus_tay-state = dinyahaktifkan oleh SA (akaun tidak aktif), soalan keselamatan ditetapkan
cli-demo-gus_tay-try = log masuk ditolak dengan account_disabled; gatehouse-cli admin enable --login Gus_Tay@students.edu.sg
