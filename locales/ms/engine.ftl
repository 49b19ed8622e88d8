# Every sentence the Gatehouse engine shows a person, by a stable id (Project Fluent syntax).
# The wire contract carries the id and its arguments beside the English; translations add one
# file per language with the same ids. Product names from the guides (MIMS, iCON, SSPR) stay.
# Bahasa Melayu (Singapura): terms follow locales/ms/GLOSSARY.md.

## Sign-in (student guide steps 1–3, troubleshooting D–E)

sign-in-hint = Sila log masuk dengan akaun MIMS anda. Bagi Pelajar, ID log masuk MIMS anda ialah <Nama_Penuh>@{ $student_domain }. Bagi Kakitangan Sekolah, ID log masuk MIMS anda berakhir dengan @{ $school_staff_domain }. Bagi Kakitangan HQ, ID log masuk MIMS anda berakhir dengan @{ $hq_staff_domain }. Jika anda menghadapi kesukaran untuk log masuk, sila berjumpa guru anda (bagi Pelajar) atau Pentadbir MIMS (bagi Kakitangan).
login-failed = Log masuk gagal. ID log masuk atau kata laluan tidak betul. Jangan masukkan kata laluan anda berulang kali, kerana akaun anda akan dikunci.
account-locked = Akaun anda telah dikunci kerana terlalu banyak cubaan log masuk yang salah. Jika anda telah menetapkan soalan keselamatan MIMS anda, klik “Lupa Kata Laluan?” untuk membuka kuncinya atau menetapkan kata laluan baharu; jika tidak, sila berjumpa guru anda atau pentadbir MIMS (SA/LA).
account-disabled = Akaun anda tidak aktif. Sila berjumpa pentadbir MIMS (SA/LA) sekolah anda untuk mengaktifkannya semula.
password-changed-elsewhere = Kata laluan anda telah ditukar selepas anda log masuk di sini. Log masuk semula dengan kata laluan baharu.
temporary-password-expired = Kata laluan sementara anda telah tamat tempoh. Sila berjumpa guru anda atau pentadbir MIMS (SA/LA) untuk menetapkan semula kata laluan anda.
signed-out = Anda telah log keluar.
account-unlocked = Kunci akaun anda telah dibuka. Log masuk dengan kata laluan sedia ada anda.
sign-in-with-new-password = Kata laluan anda telah ditukar. Log masuk dengan kata laluan baharu anda.

## Challenge questions (student guide step 4)

select-question-from-list = Sila pilih satu soalan daripada senarai.
questions-saved = Terima kasih. Soalan dan jawapan keselamatan anda telah berjaya disimpan. Jika anda terlupa kata laluan, anda boleh menggunakan jawapan kepada soalan-soalan ini untuk menetapkan semula kata laluan anda.
questions-choose-exactly = Pilih tepat { $count } soalan dan jawab setiap satu.
questions-choose-different = Pilih { $count } soalan yang berbeza.
answers-printable-only = Jawapan hanya boleh mengandungi aksara yang boleh dicetak.
answer-too-short = Setiap jawapan mesti mempunyai sekurang-kurangnya { $count } aksara.
answer-too-long = Setiap jawapan mesti mempunyai tidak lebih daripada { $count } aksara.
answer-repeats-question = Jawapan tidak boleh mengulangi soalannya.
answers-must-differ = Berikan jawapan yang berbeza bagi setiap soalan.

## A new password (student guide steps 5–7)

password-policy-failed = Kata laluan baharu tidak memenuhi syarat di bawah.
passwords-differ = Kata laluan baharu dan pengesahannya tidak sama.
password-changing = Kata laluan anda sedang ditukar. Proses ini mungkin mengambil masa beberapa minit, sila bersabar.
password-changed = Anda telah berjaya menukar kata laluan anda.
password-changed-notice = Kata laluan akaun MIMS anda telah ditukar.

## The password checklist (ids: rule-<rule id>)

rule-case_sensitive = Kata laluan membezakan huruf besar dan huruf kecil.
rule-min_length = Mesti mempunyai sekurang-kurangnya { $count } aksara.
rule-first_not_symbol = Aksara pertama tidak boleh berupa simbol (bukan huruf atau nombor).
rule-no_name_parts = Tidak boleh mengandungi sebahagian daripada nama anda atau nama pengguna anda.
rule-three_classes = Mesti mempunyai sekurang-kurangnya { $count ->
        [1] satu jenis
        [2] dua jenis
        [3] tiga jenis
        [4] empat jenis
       *[other] { $count } jenis
    } aksara berikut: Huruf besar (A-Z), Huruf kecil (a-z), Nombor (0-9), Simbol (!, #, $, dll.)
rule-max_length = Mesti mempunyai tidak lebih daripada { $count } aksara.
rule-printable = Mesti mengandungi aksara yang boleh dicetak sahaja.
rule-not_common = Tidak boleh menggunakan kata laluan yang lazim.
rule-not_previous = Tidak boleh sama dengan kata laluan anda yang sebelumnya.

## The portal (student guide steps 8–12, staff guide sections 2 and FAQ 5, 7)

app-unavailable = Aplikasi ini tidak tersedia untuk akaun anda.
two-factor-required = Anda tidak akan dapat mengakses iCON sehingga anda menetapkan Pengesahan 2-Faktor (2FA) MIMS. Klik “Teruskan”, buka “MIMS Identity Portal” di bawah Aplikasi dan klik “Setup 2FA” (panduan kakitangan, Bahagian 1). Setelah pengesah anda lulus ujiannya, buka iCON semula.
two-factor-reminder = Sila tetapkan 2FA MIMS sebelum { $date }: mulai tarikh itu anda memerlukannya untuk log masuk ke iCON.

## Self-service password reset (student guide §2a, staff guide §4, troubleshooting F–G)

answers-incorrect = Satu atau lebih jawapan tidak betul. Sila cuba lagi.
answers-locked = Terlalu banyak jawapan yang salah. Tetapan semula kata laluan layan diri tidak lagi tersedia untuk akaun ini. Sila hubungi pentadbir anda (LA/SA) untuk menetapkan semula kata laluan anda.
answer-all-questions = Jawab kesemua { $count } soalan.
sspr-5006 = Soalan keselamatan belum ditetapkan untuk akaun pengguna ini. Sila hubungi pentadbir anda (LA/SA) untuk menetapkan semula kata laluan anda.
sspr-5019 = Sistem menghadapi masalah untuk memproses permintaan ini, sila cuba lagi kemudian. Jika masalah berterusan, sila hubungi pentadbir anda (LA/SA) untuk bantuan lanjut.
sspr-busy = Terlalu banyak carian tetapan semula kata laluan telah dibuat di komputer ini dalam sejam yang lalu. Sila cuba lagi kemudian, atau berjumpa pentadbir MIMS anda (SA/LA).
locked-choice = Akaun anda telah dikunci kerana terlalu banyak cubaan log masuk yang salah. Anda boleh meneruskan dengan membuka kunci akaun anda atau dengan menukar kata laluan anda.

## Codes from an authenticator

code-incorrect = Kod tidak betul. Masukkan kod yang ditunjukkan oleh pengesah anda sekarang.
code-used = Kod ini telah digunakan. Tunggu kod seterusnya dan masukkannya.
code-just-used = Anda baru sahaja menggunakan kod ini. Tunggu kod seterusnya dalam aplikasi pengesah anda (kod bertukar setiap { $period } saat): kod itu akan muncul dalam { $seconds } saat.
codes-locked = Terlalu banyak kod yang salah: akaun anda dikunci. Minta Pentadbir Tempatan MIMS anda membuka kuncinya.
code-clock-skew = Kod itu ialah kod bagi waktu yang berselisih kira-kira { $unit ->
        [minutes] { $amount } minit
       *[seconds] { $amount } saat
    }: jam peranti anda { $direction ->
        [ahead] lebih cepat daripada
       *[behind] lebih lambat daripada
    } jam komputer ini. Tetapkan tarikh dan masa pada telefon anda supaya dikemas kini secara automatik, kemudian masukkan kod yang baharu.

## Setting up two-factor authentication (staff guide section 1, FAQ 11)

setup-2fa-first-login = Kakitangan perlu menetapkan Pengesahan 2-Faktor (2FA) semasa log masuk kali pertama.
two-factor-set-up-completed = Anda telah berjaya melengkapkan penetapan 2FA MIMS.
enter-own-login = Masukkan ID log masuk MIMS anda sendiri, iaitu ID yang anda gunakan untuk log masuk.
choose-email-otp = Pilih kaedah “Email OTP”.
work-email-is-icon = Kata laluan sekali guna (OTP) tidak boleh dihantar ke alamat e-mel Staff iCON anda: oleh sebab 2FA MIMS diperlukan untuk Staff iCON, anda perlu log masuk untuk membacanya. Sila berjumpa Pentadbir Tempatan (LA) MIMS sekolah anda untuk mengemas kini alamat e-mel dalam Portal MIMS kepada e-mel kerja yang lain (cth. CES atau SG-Mail) bagi menerima OTP e-mel MIMS sekali guna ini.
no-work-email = Tiada e-mel kerja direkodkan untuk akaun anda, jadi kata laluan sekali guna (OTP) tidak dapat dihantar. Sila berjumpa Pentadbir Tempatan (LA) MIMS sekolah anda untuk menambah e-mel kerja anda (cth. CES atau SG-Mail).
email-otp-incorrect = Kata laluan sekali guna tidak betul. Tinggal { $tries } cubaan lagi.
email-otp-expired = Kata laluan sekali guna ini telah tamat tempoh atau telah dicuba terlalu banyak kali. Klik “Hantar kod baharu” untuk mendapatkan kod yang baharu.
email-otp-send-limit = { $max } kod telah dihantar ke e-mel kerja anda dalam sejam yang lalu. Sila gunakan kod yang terbaharu, atau cuba lagi kemudian.
generic-account-note = Ini ialah akaun kongsi (generik). Setiap orang yang memerlukan akses mesti mengimbas kod QR yang sama ini sekarang, masing-masing dengan aplikasi pengesah sendiri. Untuk membuang akses seseorang kemudian, padam token ini dan daftarkan token baharu bersama semua orang yang masih memerlukan akses.
soft-token-saved = Soft Token (OTP) disimpan (pengesah { $id }). Pilih pengesah itu dan klik “Uji”: pengesah itu hanya boleh digunakan untuk log masuk setelah lulus ujian.
hard-token-enrolled = Token perkakasan telah didaftarkan dan diuji.
enter-token-code = Masukkan kod yang ditunjukkan oleh token sekarang.
token-code-incorrect = Kod tidak betul. Tekan butang token (atau tunggu kod seterusnya) dan masukkan kod yang ditunjukkannya sekarang. Jika token yang mempunyai butang masih gagal, butangnya telah ditekan banyak kali sebelum ini: tekan dua kali dan masukkan kedua-dua kod, yang pertama dalam “OTP” dan yang kedua dalam “OTP Seterusnya”.
token-locked = Token perkakasan ini dikunci selepas terlalu banyak kod yang salah. Minta Pentadbir Tempatan (LA) MIMS anda membebaskannya, atau gunakan token lain.
no-such-authenticator = Tiada pengesah sedemikian dalam akaun anda.
delete-shown-authenticator = Padam pengesah yang ditunjukkan pada skrin ini.
authenticator-passed-test = Pengesah “{ $name }” lulus ujian
authenticator-deleted = Pengesah telah dipadam. Buang juga entrinya daripada aplikasi pengesah anda.
authenticator-deleted-shared = Pengesah telah dipadam. Setiap orang yang masih memerlukan akaun kongsi ini kini mesti mendaftarkan token perisian baharu bersama-sama (imbas kod QR baharu pada masa yang sama).
soft-token-added-notice = Satu token perisian (aplikasi pengesah) telah ditambah pada akaun MIMS anda.
hard-token-added-notice = Token perkakasan { $serial } telah ditambah pada akaun MIMS anda.
authenticator-removed-notice = Satu pengesah telah dibuang daripada akaun MIMS anda.
authenticators-removed-by-administrator-notice = Semua pengesah telah dibuang daripada akaun MIMS anda oleh seorang pentadbir.
password-reset-by-administrator-notice = Kata laluan akaun MIMS anda telah ditetapkan semula oleh seorang pentadbir, yang telah diberi kata laluan sementara untuk anda.
work-email-changed-by-administrator-notice = E-mel kerja akaun MIMS anda telah ditukar oleh seorang pentadbir kepada { $address }. Kod sekali guna dan notis perubahan kini dihantar ke alamat itu.

## Recovery codes (issue 17 §2): each stands in for the second factor once, never for the password.
recovery-codes-issued-notice = Satu set baharu yang mengandungi { $count } kod pemulihan telah dijana untuk akaun MIMS anda. Kod yang anda miliki sebelum ini tidak lagi boleh digunakan.
recovery-code-used-notice = Kod pemulihan #{ $number } telah digunakan sebagai ganti pengesah anda. { $left ->
        [0] Anda tidak mempunyai kod pemulihan lagi.
       *[other] Tinggal { $left } kod pemulihan lagi.
    }
recovery-code-accepted = Kod pemulihan #{ $number } diterima; kod ini tidak boleh digunakan lagi. { $left ->
       *[other] Tinggal { $left } kod pemulihan lagi.
    }
recovery-code-accepted-low = Kod pemulihan #{ $number } diterima; kod ini tidak boleh digunakan lagi. { $left ->
        [0] Anda tidak mempunyai kod pemulihan lagi.
       *[other] Hanya tinggal { $left } kod pemulihan.
    } Jana set baharu melalui “Setup 2FA” dalam “MIMS Identity Portal”.
recovery-code-wrong = Kod itu bukan salah satu kod pemulihan anda, atau kod itu telah digunakan. Taip kod itu seperti yang dicetak (sengkang boleh ditinggalkan), atau gunakan pengesah anda.
recovery-codes-need-authenticator = Kod pemulihan hanya diberikan bersama pengesah yang telah lulus ujian: tambah satu pengesah dan uji dahulu.
recovery-codes-made = Kod pemulihan baharu telah dijana. Kod yang anda miliki sebelum ini tidak lagi boleh digunakan.

## FIDO2 security keys (issue 17 §1): a touch instead of a code.
security-key-added = Kunci keselamatan telah didaftarkan dan diuji.
security-key-added-notice = Satu kunci keselamatan (FIDO2) telah ditambah pada akaun MIMS anda.
security-key-enrolment-refused = Jawapan daripada kunci keselamatan tidak dapat diterima. Sentuh kunci itu sekali lagi apabila ia berkelip; jika masih gagal, gunakan kunci lain.
no-security-key = Tiada kunci keselamatan yang telah diuji dalam akaun anda. Masukkan kod daripada pengesah anda sebagai gantinya.
security-key-not-asked = Pilih “Gunakan kunci keselamatan saya” dahulu, kemudian sentuh kunci itu.
security-key-refused = Jawapan daripada kunci keselamatan tidak diterima. Sentuh kunci yang telah didaftarkan dalam akaun anda, atau masukkan kod sebagai gantinya.
security-key-takes-no-code = Pengesah ini ialah kunci keselamatan: ia diuji dengan sentuhan, bukan dengan kod. Klik “Gunakan kunci keselamatan saya” dan sentuh kunci itu apabila ia berkelip.
security-key-timeout = Kunci itu tidak disentuh dalam masa yang diberikan. Cuba lagi dan sentuh kunci itu apabila ia berkelip.
security-key-may-be-cloned-notice = Kunci keselamatan anda “{ $comment }” telah ditolak semasa log masuk ke akaun MIMS anda: jawapannya mengulangi kiraan yang telah digunakan, jadi kunci itu mungkin telah disalin. Maklumkan kepada pentadbir anda, dan gantikan kunci itu.

## Requests the wizard cannot take

request-not-json = Permintaan ini bukan JSON yang sah: { $detail }
request-needs-action = Permintaan ini memerlukan medan “action” yang menamakan tindakan.
unknown-action = Tiada tindakan bernama { $name }.
request-malformed = Permintaan { $name } tidak lengkap atau rosak: { $detail }
invalid-action = Tindakan { $action } tidak tersedia pada skrin { $screen }.

## Accounts (the administrators' forms, the import file, DESIGN §1)

account-not-found = Tiada akaun dengan ID log masuk { $login }.
account-moved-meanwhile = Sebuah akaun telah dipindahkan ke lokasi lain semasa perubahan ini sedang dibuat. Tiada apa-apa yang diubah: cari akaun-akaun itu sekali lagi.
account-exists = Akaun dengan ID log masuk { $login } sudah wujud.
login-empty = Masukkan ID log masuk.
login-too-long = ID log masuk tidak boleh melebihi { $count } aksara.
login-shape = ID log masuk berbentuk nama@domain, contohnya John_Tan@students.edu.sg.
login-characters = ID log masuk hanya boleh mengandungi huruf, digit dan _ . - ' sebelum @, dan domain selepasnya.
login-wrong-domain = ID log masuk { $kind ->
        [student] pelajar
        [school_staff] kakitangan sekolah
       *[hq_staff] kakitangan HQ
    } mesti berakhir dengan @{ $domain }.
email-invalid = Masukkan alamat e-mel yang sah, contohnya name@ces.gov.sg.
name-empty = Masukkan nama penuh orang itu.
name-too-long = Nama penuh tidak boleh melebihi { $count } aksara yang boleh dicetak.
location-invalid = Lokasi ialah kod sekolah atau bahagian yang terdiri daripada 1 hingga { $max } huruf, digit, - atau _.
kind-invalid = Jenis mestilah student, school_staff atau hq_staff.
level-invalid = Peringkat mestilah p1_3, p4_6, secondary atau jc_mi.
class-invalid = Kelas ialah label seperti 4A yang terdiri daripada 1 hingga { $max } huruf, digit, ruang, -, _ atau ., bermula dengan huruf atau digit.
role-invalid = Peranan mestilah sa, la atau ao.
level-required = Pelajar memerlukan peringkat: p1_3, p4_6, secondary atau jc_mi.
level-students-only = Hanya pelajar yang mempunyai peringkat.
students-no-work-email = ID log masuk pelajar ialah e-mel iCON mereka; pelajar tidak mempunyai e-mel kerja.
generic-staff-only = Hanya akaun jenis kakitangan boleh menjadi akaun kongsi (generik).
roles-staff-only = Peranan pentadbir hanya untuk akaun kakitangan.
class-students-only = Hanya pelajar yang mempunyai kelas.

## The school year: edits, promotions, disabled and deleted accounts (issue 15)

edit-nothing = Nyatakan sekurang-kurangnya satu perubahan: --name, --level, --location atau --class.
promote-select = Pilih siapa yang hendak dinaikkan: satu peringkat, satu kelas atau kedua-duanya.
promote-nothing = Nyatakan perubahannya: peringkat baharu, kelas baharu, atau kelas seterusnya (3A menjadi 4A).
promote-class-twice = Berikan kelas baharu atau minta kelas seterusnya, bukan kedua-duanya.
promote-changed = Akaun yang hendak dinaikkan telah berubah sejak pratonton ({ $expected } ketika itu, { $found } sekarang); buat pratonton semula.
promote-level-needs-class = Tahap baharu diberikan kepada satu kelas pada satu masa: namakan kelas itu (--class 3A --to-level p4_6 --next-class). Satu tahap merangkumi setiap tahun dalam julatnya, jadi murid P1 dan P2 akan turut berpindah bersama P3.
students-location-needed = Pelajar ini berada di { $count } lokasi ({ $locations }): namakan satu dengan --location, atau berikan --all-locations untuk semuanya.

## What an administrator may do in the console (DESIGN §1). $role and $roles are the roles'
## abbreviations (SA, LA, AO; several joined by +), or "none".

scope-role-acts-on = Hanya { $role } boleh mengurus { $role ->
        [SA] pelajar
       *[LA] kakitangan
    } (peranan anda: { $roles ->
        [none] tiada
       *[other] { $roles }
    }).
scope-location-acts-on = { $role } hanya mengurus { $role ->
        [SA] pelajar
       *[LA] kakitangan
    } di lokasi { $location }.
scope-role-creates = Hanya { $role } boleh mencipta akaun { $role ->
        [SA] pelajar
       *[LA] kakitangan
    } (peranan anda: { $roles ->
        [none] tiada
       *[other] { $roles }
    }).
scope-location-creates = { $role } hanya mencipta akaun { $role ->
        [SA] pelajar
       *[LA] kakitangan
    } di lokasi { $location }.
scope-grants-held-roles = Melalui konsol, pentadbir hanya boleh memberikan peranan yang dipegangnya ({ $roles ->
        [none] tiada
       *[other] { $roles }
    }), bukan { $role }.
scope-administrator-account = Konsol tidak boleh { $op ->
        [reset_password] menetapkan semula kata laluan
        [unlock] membuka kunci
        [clear_questions] mengosongkan soalan keselamatan
        [set_work_email] menukar e-mel kerja
        [delete_authenticators] memadam pengesah
        [request_transfer] memohon pemindahan
        [decide_transfer] memutuskan pemindahan
        [edit] mengedit
        [disable] menyahaktifkan
        [enable] mengaktifkan
        [delete] memadam
        [promote] menaikkan
        [mails] membaca mel yang belum dihantar bagi
       *[other] mengubah
    } akaun pentadbir ({ $login } memegang { $roles }); pengendali mesin melakukannya dengan gatehouse-cli admin.
scope-own-account = Pentadbir tidak boleh { $op ->
        [reset_password] menetapkan semula kata laluan
        [unlock] membuka kunci
        [clear_questions] mengosongkan soalan keselamatan
        [set_work_email] menukar e-mel kerja
        [delete_authenticators] memadam pengesah
        [request_transfer] memohon pemindahan
        [decide_transfer] memutuskan pemindahan
        [edit] mengedit
        [disable] menyahaktifkan
        [enable] mengaktifkan
        [delete] memadam
        [promote] menaikkan
       *[other] mengubah
    } akaunnya sendiri melalui konsol.
mails-no-outbox = Mel dihantar melalui SMTP pada pemasangan ini, jadi tiada peti keluar mel yang belum dihantar untuk ditunjukkan.
scope-location-moves = Pentadbir hanya memindahkan akaun dalam lokasi { $location }; untuk memindahkan akaun ke lokasi lain, mohon pemindahan (AO lokasi itu yang meluluskannya).
scope-own-transfer = Pentadbir tidak boleh memutuskan pemindahan akaunnya sendiri.
scope-la-requests-transfers = Hanya LA boleh memohon pemindahan lokasi (peranan anda: { $roles ->
        [none] tiada
       *[other] { $roles }
    }).
scope-la-transfers-location = LA hanya memohon pemindahan akaun di lokasi { $location }.
scope-ao-decides-transfers = Hanya AO boleh meluluskan atau menolak pemindahan lokasi (peranan anda: { $roles ->
        [none] tiada
       *[other] { $roles }
    }).
scope-ao-transfers-location = AO hanya memutuskan pemindahan ke lokasi { $location }.
scope-la-imports-tokens = Hanya LA boleh mengimport token perkakasan (peranan anda: { $roles ->
        [none] tiada
       *[other] { $roles }
    }).
scope-la-frees-tokens = Hanya LA boleh membebaskan token perkakasan yang dikunci (peranan anda: { $roles ->
        [none] tiada
       *[other] { $roles }
    }).

## Location transfers (DESIGN §1)

already-at-location = { $login } sudah berada di lokasi { $location }.
no-such-transfer = Tiada permohonan pemindahan #{ $id }.
transfer-account-moved = Akaun ini kini berada di lokasi { $location }, bukan { $from }.
transfer-pending = Permohonan pemindahan #{ $id } bagi akaun ini (ke lokasi { $location }) masih belum diputuskan; permohonan itu mesti diluluskan atau ditolak dahulu.
transfer-already-decided = Permohonan pemindahan #{ $id } telah pun { $decision ->
        [approved] diluluskan
       *[rejected] ditolak
    } oleh { $by } pada { $at }; permohonan yang telah diputuskan tidak boleh diputuskan semula.
transfer-account-left = { $login } tidak lagi berada di lokasi { $location }; permohonan pemindahan #{ $id } tidak boleh diluluskan.
transfer-decided-meanwhile = Permohonan pemindahan #{ $id } telah diputuskan sementara itu.

## Importing accounts from a CSV file

import-no-header = Fail ini tiada baris pengepala yang boleh dibaca: { $detail }
import-unknown-column = Lajur “{ $column }” dalam pengepala tidak dikenali; lajur yang sah ialah { $columns }.
import-missing-column = Baris pengepala tiada lajur “{ $column }”.
import-column-twice = Lajur “{ $column }” muncul dua kali (lajur { $position }).
import-row-unreadable = baris tidak boleh dibaca: { $detail }
import-roles-refused = Fail ini memberikan peranan pentadbir pada { $count } baris (baris { $lines }): tiada apa-apa yang diimport. Jika itu memang dimaksudkan, import semula dengan --allow-roles.
import-row-roles-console = baris ini memberikan peranan pentadbir ({ $roles }): konsol tidak mengimport peranan. Berikan peranan satu akaun pada satu masa dengan “Cipta akaun”, di mana anda melihatnya, atau minta pengendali mengimport fail ini dengan gatehouse-cli admin import --allow-roles.
import-row-fields = dijangka { $expected } medan, ditemui { $found }
import-row-generic = generic mestilah yes atau no, bukan “{ $value }”
import-row-login-repeated = ID log masuk ini sudah ada pada baris { $line } dalam fail ini
import-row-exists = akaun dengan ID log masuk ini sudah wujud
import-stopped = tidak diimport: stor akaun tidak dapat ditulis apabila tiba giliran baris ini (baris sebelumnya telah dicipta). Import baris ini semula.

## Hardware tokens in stock (staff guide section 1)

token-not-in-stock = Tiada token perkakasan “{ $serial }” dalam stok.
token-not-bound = Token perkakasan { $serial } tidak terikat kepada sesiapa.
token-not-registered = Tiada token perkakasan dengan nombor siri “{ $serial }” yang didaftarkan. Semak nombor siri di belakang token.
token-already-enrolled = Token perkakasan ini sudah didaftarkan kepada satu akaun.
token-counter-moved = pembilang token telah bergerak sementara itu; masukkan kod seterusnya
comment-too-long = Catatan tidak boleh melebihi { $count } aksara yang boleh dicetak.

## Authenticator secrets and parameters (RFC 4226, RFC 6238, the Key URI Format)

otp-algorithm-unsupported = algoritma OTP “{ $algorithm }” tidak disokong
otp-digits-range = OTP mempunyai { $min } hingga { $max } digit.
otp-period-range = Tempoh mestilah { $min } hingga { $max } saat.
secret-not-base32 = Kunci rahsia bukan base32 yang sah (huruf A-Z dan digit 2-7).
secret-base32-too-short = Kunci rahsia terlalu pendek: sekurang-kurangnya { $count } aksara base32 ({ $bits } bit).
secret-too-long = Kunci rahsia terlalu panjang: tidak lebih daripada { $bytes } bait.
secret-not-hex = Kunci rahsia bukan heksadesimal yang sah.
secret-hex-length = Kunci rahsia terlalu pendek atau terlalu panjang: { $min } hingga { $max } digit heksadesimal (80 bit hingga 128 bait).
otpauth-cannot-build = tidak dapat membina URI otpauth: { $detail }
otpauth-invalid = bukan URI otpauth yang sah: { $detail }
qr-cannot-encode = tidak dapat mengekod kod QR: { $detail }

## Password slips (printed for a new or reset account)

no-slips = Tiada slip kata laluan untuk dicetak.
slip-expiry-not-a-date = Tarikh luput kata laluan { $login } bukan tarikh yang sah.
slip-password-unprintable = Kata laluan sementara { $login } mempunyai aksara yang tidak dapat ditunjukkan pada slip; tetapkan semula sekali lagi.

## Mail and the audit log's filters

cannot-mail = tidak dapat menghantar mel kepada { $address }: { $detail }
audit-filter-not-a-date = { $field }: “{ $value }” bukan tarikh seperti 2026-11-26 atau masa seperti 2026-11-26T08:00:00+08:00.

## Hardware token seed files (CSV, or PSKC of RFC 6030). A fault is a message of its own,
## shown after the place: $fault.

token-file-line = baris { $line }: { $fault }
token-file-element = baris { $line }, <{ $element }>: { $fault }
token-file-empty = Fail ini tidak mengandungi sebarang token.
token-serial-twice = Nombor siri { $serial } muncul dua kali dalam fail.
token-serial-invalid = nombor siri “{ $serial }” mestilah 1 hingga { $max } huruf, digit, - _ atau .
token-csv-unreadable = baris ini tidak dapat dibaca ({ $detail })
token-csv-fields = dijangka serial,secret[,digits,period], ditemui { $count } medan
token-csv-not-a-number = { $column } “{ $value }” bukan nombor
token-csv-digits = digits mestilah 6, 7 atau 8
token-xml-malformed = XML tidak dibentuk dengan betul: { $detail }
token-pskc-not-a-container = bukan bekas kunci PSKC (dijangka <KeyContainer xmlns="{ $namespace }">)
token-pskc-no-serial = tiada DeviceInfo/SerialNo
token-pskc-no-element = tiada <{ $name }>
token-pskc-algorithm = Algorithm “{ $algorithm }” tidak disokong (kunci HOTP atau TOTP sahaja)
token-pskc-not-decimal = hanya format respons DECIMAL yang disokong
token-pskc-not-a-number = { $name } bukan nombor
token-pskc-key-needed = kunci rahsia disulitkan dengan kunci (“{ $name }”): berikan fail kuncinya
token-pskc-passphrase-needed = kunci rahsia disulitkan dengan frasa laluan (“{ $name }”): berikan fail frasa laluannya
token-pskc-key-wrong = kunci atau frasa laluan tidak dapat membuka fail ini
token-pskc-mac-failed = MAC tidak sepadan: kunci atau frasa laluan salah, atau fail telah diubah
token-pskc-unsupported = algoritma “{ $algorithm }” tidak disokong (yang dibaca ialah AES-128, AES-192 atau AES-256 dalam mod CBC, HMAC dengan SHA-1 atau SHA-2, dan PBKDF2)
token-pskc-key-length = panjang kunci ialah { $bytes } bait; algoritma ini memerlukan { $needed } bait
token-pskc-ciphertext = nilai yang disulitkan bukan IV yang diikuti oleh blok AES yang lengkap
token-pskc-pbkdf2-params = PBKDF2 dengan { $iterations } lelaran dan kunci { $bytes } bait tidak dibaca (1 hingga 10,000,000 lelaran; 16, 24 atau 32 bait)
token-pskc-key-file = fail kunci tidak mengandungi kunci dalam heksadesimal (32, 48 atau 64 digit) mahupun 16, 24 atau 32 bait
token-pskc-passphrase-file = baris pertama fail frasa laluan kosong atau bukan teks
token-pskc-not-base64 = kunci rahsia bukan base64 yang sah
token-pskc-secret-short = kunci rahsia lebih pendek daripada { $bits } bit
token-pskc-plain-in-encrypted = rahsia dalam teks biasa dalam fail yang rahsianya disulitkan: tiada MAC untuk menunjukkan vendor yang menulisnya (fail mungkin telah diubah; minta fail baharu daripada vendor)
token-pskc-counter-large = pembilang lebih besar daripada { $max }
token-file-not-encrypted = Kunci atau frasa laluan telah diberikan, tetapi rahsia dalam fail ini tidak disulitkan: pastikan ini fail yang dihantar oleh vendor bersama kunci itu.

## Administrator sign-in and the first run (DESIGN §5)

admin-sign-in-failed = ID log masuk, kata laluan atau kod pengesah tidak betul.
admin-key-sign-in-failed = ID log masuk, kata laluan atau kunci keselamatan tidak betul.
admin-account-locked = Akaun ini dikunci. Pentadbir lain boleh membuka kuncinya.
admin-account-disabled = Akaun ini dinyahaktifkan. Pentadbir lain boleh mengaktifkannya.
admin-not-administrator = Akaun ini bukan akaun pentadbir (SA, LA atau AO).
admin-no-authenticator = Pentadbir log masuk dengan pengesah: tetapkan satu pengesah dan uji dahulu di portal.
admin-no-security-key = Tiada kunci keselamatan yang lulus ujian pada akaun ini. Masukkan kod daripada pengesah anda.
admin-temporary-password = Selesaikan log masuk pertama anda di portal (kata laluan anda masih sementara).
kiosk-exit-wait = Terlalu banyak cubaan yang salah di kiosk ini. Cuba lagi dalam { $seconds } saat.
first-run-done = Pemasangan ini sudah disediakan: pengendalinya yang mencipta pentadbir (gatehouse-cli admin create).
first-run-staff-only = Pentadbir pertama ialah akaun kakitangan (kakitangan sekolah atau HQ).
first-run-passwords-differ = Kedua-dua kata laluan tidak sama.
first-run-password-rule = Kata laluan tidak memenuhi syarat ini: { $rule }
first-run-wrong-code = Kod itu bukan kod yang ditunjukkan oleh pengesah sekarang. Semak aplikasi dan taip kod semasa.

## The operator's command line

demo-reset-refused = { $dir } mengandungi akaun di luar sekolah demo (cth. { $login }); enggan menetapkannya semula
demo-seed-refused = Storan ini mengandungi akaun di luar sekolah demo (cth. { $login }); sekolah demo hanya disediakan dalam direktori data tersendiri (jangan gunakan --data-dir, atau berikan direktori yang kosong)
demo-config-refused = { $dir } mengandungi pangkalan data sebuah sekolah tetapi bukan konfigurasi demo; sekolah demo hanya disediakan dalam direktori data tersendiri (jangan gunakan --data-dir, atau berikan direktori yang kosong)
output-file-exists = { $path } sudah wujud; alihkan fail itu atau gunakan { $option }
migrate-destination-not-empty = Destinasi sudah mengandungi akaun atau rekod audit; salin ke pangkalan data yang kosong, atau gunakan --force untuk mencuba juga (ID log masuk atau kunci yang ada di kedua-duanya menghentikan seluruh salinan, dan tiada apa-apa yang ditulis)
migrate-clash = Destinasi sudah mengandungi baris yang diperlukan oleh salinan ({ $detail }); tiada apa-apa yang ditulis
migrate-source-missing = { $dir } bukan direktori data Gatehouse (tiada gatehouse.db dan tiada gatehouse.toml di dalamnya); semak laluan yang diberikan dengan --from
migrate-source-empty = Sumber tidak mengandungi sebarang akaun atau rekod audit: adakah sumber itu betul? Tiada apa-apa yang disalin

## The server (what it answers when a request never reaches the wizard)

session-ended = Sesi anda telah tamat. Sila mula semula dari halaman log masuk.
session-changed = Halaman ini telah diubah oleh permintaan lain pada masa yang sama. Sila lihat semula dan ulangi langkah terakhir anda.
request-too-large = Permintaan ini terlalu besar (tidak lebih daripada { $limit } bait).
too-many-requests = Terlalu banyak permintaan dari komputer ini. Sila tunggu seminit dan cuba lagi.
request-timed-out = Permintaan ini mengambil masa terlalu lama dan telah dihentikan. Sila cuba lagi.
bad-request = Permintaan ini tidak dapat difahami.
server-unreachable = Pelayan Gatehouse tidak dapat dihubungi buat masa ini. Sila cuba lagi sebentar lagi.
server-busy = Pelayan Gatehouse sedang sibuk buat masa ini. Sila cuba lagi sebentar lagi.
csrf-refused = Halaman ini sudah lapuk. Muat semula halaman dan cuba lagi.

## A signed-in person's own changes (issue 15)
current-password-needed = Sila masukkan kata laluan semasa anda.
current-password-wrong = Kata laluan semasa anda tidak betul.
questions-changed-notice = Soalan keselamatan akaun MIMS anda telah ditukar. Jika ini bukan anda, hubungi pentadbir MIMS anda (SA/LA) dengan segera.

## The console's operations over the server (issue 14 §1)
console-select-accounts = Pilih sekurang-kurangnya satu akaun.
console-import-too-large = Fail ini mengandungi { $rows } akaun untuk dicipta; hantar tidak lebih daripada { $max } pada satu masa.

## Registered machines (issue 14 §2)
enrolment-code-invalid = Kod pendaftaran ini tidak sah: kod itu salah, telah habis digunakan atau telah tamat tempoh. Minta kod baharu daripada pasukan IT sekolah anda.
enrolment-uses-invalid = Satu kod pendaftaran mendaftarkan 1 hingga { $max } mesin.
enrolment-hours-invalid = Kod pendaftaran sah selama 1 hingga { $max } jam.
device-name-invalid = Nama mesin terdiri daripada 1 hingga { $max } huruf, digit, titik, sengkang atau garis bawah, bermula dengan huruf atau digit.
device-name-taken = Mesin bernama { $name } sudah didaftarkan. Pilih nama lain, atau tarik balik pendaftaran lama dahulu.
device-not-found = Tiada mesin bernama { $name } yang didaftarkan.
devices-operator-only = Mesin didaftarkan dan ditarik balik oleh pengendali pelayan (gatehouse-cli admin device).
device-unknown = Mesin ini tidak didaftarkan dengan pelayan Gatehouse. Minta pasukan IT sekolah anda mendaftarkannya.
device-revoked = Pendaftaran mesin ini telah ditarik balik. Minta pasukan IT sekolah anda mendaftarkannya semula.
device-not-kiosk = Mesin ini tidak didaftarkan sebagai kiosk, jadi mesin ini tidak boleh membuka sesi kiosk.

## Help, on every screen (issue 15: the guides' service desk, troubleshooting and 2FA advice)
sign-in-hint-short = Pelajar: ID log masuk anda ialah Nama_Penuh@{ $student_domain }.
help-desk-call = Hubungi { $desk } di talian { $phone }.
help-desk-email = Hantar e-mel kepada { $desk } di { $email }.
help-desk-web = Bantuan lanjut daripada { $desk }: { $url }
help-admins-students = Pentadbir Pelajar (SA) MIMS sekolah anda boleh menetapkan semula kata laluan anda, membuka kunci akaun anda dan menetapkan soalan keselamatan anda:
help-admins-staff = Pentadbir Tempatan (LA) MIMS sekolah anda boleh menetapkan semula kata laluan anda, membuka kunci akaun anda dan mengemas kini e-mel kerja anda:
help-admins-none = Belum ada pentadbir MIMS sekolah anda yang disenaraikan di sini. Sila tanya guru anda atau pejabat sekolah.
help-sign-in-title = Saya tidak dapat log masuk
help-sign-in-student = Taip alamat e-mel Student iCON anda sebagai ID log masuk: nama penuh anda diikuti dengan @{ $student_domain }. Tanya guru anda jika anda tidak pasti.
help-sign-in-staff = Kakitangan sekolah log masuk dengan ID log masuk yang berakhir dengan @{ $school_staff_domain }, kakitangan HQ dengan ID yang berakhir dengan @{ $hq_staff_domain }.
help-password-title = Kata laluan saya tidak diterima
help-password-body = Pastikan anda menaip kata laluan MIMS anda dengan betul (huruf besar dan huruf kecil dibezakan). Jangan masukkan kata laluan anda berulang kali selepas “Log masuk gagal…”, kerana akaun anda akan dikunci.
help-password-forgot = Jika anda telah menetapkan soalan keselamatan anda, klik “Lupa Kata Laluan?” di halaman log masuk untuk menetapkan kata laluan baharu.
help-password-admin-student = Jika anda tidak dapat berbuat demikian, sila berjumpa guru anda atau Pentadbir Pelajar (SA) MIMS sekolah anda untuk menetapkan semula kata laluan anda.
help-password-admin-staff = Jika anda tidak ingat jawapan kepada soalan keselamatan anda, sila hubungi Pentadbir Tempatan (LA) MIMS sekolah anda untuk menetapkan semula kata laluan.
help-locked-title = Akaun saya dikunci
help-locked-body = Terlalu banyak kata laluan yang salah akan mengunci akaun. Jika anda telah menetapkan soalan keselamatan anda, klik “Lupa Kata Laluan?” untuk membuka kuncinya atau menetapkan kata laluan baharu; jika tidak, sila berjumpa guru anda atau pentadbir MIMS anda (SA/LA).
help-no-questions-title = “SSPR 5006”: soalan keselamatan belum ditetapkan
help-no-questions-body = Mesej ini muncul selepas “Lupa Kata Laluan?” apabila soalan keselamatan belum ditetapkan. Sila berjumpa guru anda atau pentadbir MIMS anda (SA/LA) untuk menetapkannya dan menetapkan semula kata laluan anda.
help-app-title = Satu aplikasi di papan pemuka saya menunjukkan ralat
help-app-body = Sesetengah aplikasi dinyahaktifkan bagi peringkat tertentu: contohnya, Gmail tidak tersedia untuk Darjah 1 hingga 3. Jika aplikasi yang sepatutnya ada tidak kelihatan atau menunjukkan ralat, sila laporkan kepada guru anda, yang akan membuka kes dengan { $desk } bagi pihak anda.
help-two-factor-title = Apakah itu 2FA MIMS?
help-two-factor-body = Pengesahan 2-Faktor (2FA) MIMS menambah langkah kedua selepas kata laluan MIMS anda apabila anda log masuk ke iCON: kata laluan ialah sesuatu yang anda TAHU, peranti mudah alih anda ialah sesuatu yang anda PUNYA.
help-two-factor-students = 2FA MIMS tidak diperlukan untuk Student iCON.
help-apps-title = Aplikasi pengesah yang manakah patut saya gunakan?
help-apps-body = Pasang SATU daripada aplikasi ini pada telefon atau tablet peribadi anda: Google Authenticator, Microsoft Authenticator atau NetIQ Authenticator.
help-apps-ios = Apabila menetapkan lebih daripada satu profil 2FA MIMS pada peranti iOS (contohnya profil anda sendiri dan akaun iCON generik), muat turun dan pasang aplikasi Google Authenticator dan bukan aplikasi Microsoft Authenticator.
help-no-phone-title = Saya tiada telefon atau tablet untuk aplikasi itu
help-no-phone-body = Anda boleh menggunakan token perkakasan sebagai gantinya: pilih “Hard Token/FIDO 2.0” semasa menambah pengesah. Sila tanya Pentadbir Tempatan (LA) MIMS sekolah anda cara untuk memohonnya.
help-email-otp-title = OTP e-mel tidak sampai
help-email-otp-body = Kata laluan sekali guna tidak dapat dihantar ke alamat Staff iCON (yang berakhir dengan @{ $icon_domain }). Sila berjumpa Pentadbir Tempatan (LA) MIMS sekolah anda untuk menukar e-mel kerja anda kepada alamat lain, seperti e-mel CES anda.
help-email-otp-desk = Jika alamat e-mel itu betul dan OTP masih tidak sampai, sila hubungi { $desk }.
help-setup-error-title = Penetapan 2FA menunjukkan ralat
help-setup-error-body = Sila log keluar daripada Portal MIMS dan log masuk semula untuk memulakan semula penetapan 2FA MIMS.
help-other-title = Masalah teknikal dan soalan lain
help-other-student = Sila laporkan kepada guru anda, yang akan membuka kes dengan { $desk } bagi pihak anda.
help-other-staff = Anda boleh menghubungi Jurutera Desktop (DE) sekolah anda atau membuka kes dengan { $desk }.

## The languages, each named in its own script (the selector's list and the CLI's --language).
language-en = English
language-zh-Hans = 华文
language-ms = Bahasa Melayu
language-ta = தமிழ்

## Mails (issue 16): the subject line and the body, in the person's language.
mail-greeting = { $name } yang dihormati,
mail-otp-subject = OTP MIMS #{ $sequence }
mail-otp-body = Kata laluan sekali guna MIMS anda (OTP #{ $sequence }) ialah { $code }
mail-otp-expiry = Kod ini tamat tempoh dalam { $minutes } minit, pada { $at }. Masukkan kod ini pada skrin 2FA MIMS yang menunjukkan OTP #{ $sequence }.
mail-otp-not-you = Jika anda tidak memintanya, mungkin ada orang yang tahu kata laluan anda: tukar kata laluan anda dan beritahu Pentadbir Tempatan MIMS anda.
mail-change-subject = Perubahan akaun MIMS
mail-change-when = Masa: { $at }, mesin { $machine }.
mail-change-not-you = Jika ini bukan anda, hubungi Pentadbir Tempatan MIMS anda dengan segera.

## Password slips (issue 16): printed for a class, in the school's language.
slip-title = Slip kata laluan
slip-tag = SLIP KATA LALUAN
slip-first-sign-in = LOG MASUK PERTAMA ANDA
slip-student = PELAJAR
slip-login = ID LOG MASUK
slip-location = LOKASI
slip-level = PERINGKAT
slip-password = KATA LALUAN SEMENTARA
slip-step-portal = Buka halaman log masuk { $portal }.
slip-step-sign-in = Taip ID log masuk anda di “Nama Pengguna” dan kata laluan sementara anda di “Kata Laluan”. Klik “Log Masuk”.
slip-step-questions = Pilih 3 soalan keselamatan. Taip jawapan pendek yang mudah diingat. Klik “Simpan Jawapan”.
slip-step-password = Buat kata laluan baharu mengikut peraturan di skrin. Taip dua kali, kemudian klik “Tukar Kata Laluan”.
slip-step-terms = Baca terma dan klik “Saya faham”.
slip-footer = Rahsiakan slip ini. Perlu bantuan? Tanya guru anda.
slip-printed = Dicetak { $at }
slip-expires = Tamat tempoh { $at }
slip-exactly = Taip tepat seperti yang tertulis: huruf besar dan huruf kecil mesti sama.
# "0 is zero": a look-alike character of the password, and what to call it.
slip-lookalike = { $glyph } ialah { $name }
slip-lookalike-zero = sifar
slip-lookalike-capital-o = huruf besar O
slip-lookalike-one = satu
slip-lookalike-small-l = huruf kecil L
slip-lookalike-capital-i = huruf besar I
slip-lookalike-straight-line = garis lurus
slip-level-p1-3 = Darjah 1–3
slip-level-p4-6 = Darjah 4–6
slip-level-secondary = Menengah
slip-level-jc-mi = JC / MI

## The challenge questions (crates/core/src/questions.rs), by their stored id.
question-favourite_colour = Apakah warna kegemaran anda?
question-favourite_animal = Apakah haiwan kegemaran anda?
question-favourite_book = Apakah buku kegemaran anda?
question-favourite_sport = Apakah sukan atau hobi kegemaran anda?
question-favourite_city = Apakah bandar kegemaran anda?
question-mothers_maiden_name = Siapakah nama ibu anda sebelum berkahwin?
question-favourite_food = Apakah makanan kegemaran anda?
question-favourite_subject = Apakah mata pelajaran kegemaran anda di sekolah?
question-favourite_movie = Apakah filem kegemaran anda?
question-first_pet = Apakah nama haiwan peliharaan pertama anda?
question-childhood_friend = Siapakah nama kawan baik anda semasa kecil?
question-favourite_fruit = Apakah buah kegemaran anda?
question-dream_job = Apakah cita-cita anda semasa kecil?
question-favourite_song = Apakah lagu kegemaran anda?

## How strong a password is: zxcvbn's score and its advice (crates/core/src/policy.rs).
strength-0 = Sangat lemah
strength-1 = Lemah
strength-2 = Sederhana
strength-3 = Kuat
strength-4 = Sangat kuat
strength-warning-straight-rows = Kekunci dalam satu baris lurus mudah diteka.
strength-warning-short-keyboard-patterns = Corak papan kekunci yang pendek mudah diteka.
strength-warning-repeats = Ulangan seperti “aaa” mudah diteka.
strength-warning-repeated-words = Ulangan seperti “abcabcabc” hanya sedikit lebih sukar diteka daripada “abc”.
strength-warning-top-10 = Ini antara 10 kata laluan yang paling biasa.
strength-warning-top-100 = Ini antara 100 kata laluan yang paling biasa.
strength-warning-common = Ini kata laluan yang sangat biasa.
strength-warning-similar-to-common = Ini hampir sama dengan kata laluan yang biasa digunakan.
strength-warning-sequences = Urutan seperti abc atau 6543 mudah diteka.
strength-warning-recent-years = Tahun-tahun kebelakangan ini mudah diteka.
strength-warning-one-word = Satu perkataan sahaja mudah diteka.
strength-warning-dates = Tarikh selalunya mudah diteka.
strength-warning-names = Nama dan nama keluarga sahaja mudah diteka.
strength-warning-common-names = Nama dan nama keluarga yang biasa mudah diteka.
strength-tip-few-words = Gunakan beberapa perkataan, elakkan frasa yang biasa.
strength-tip-no-need-for-symbols = Tidak perlu simbol, nombor atau huruf besar.
strength-tip-another-word = Tambah satu atau dua perkataan lagi. Perkataan yang jarang digunakan lebih baik.
strength-tip-capitals = Huruf besar tidak banyak membantu.
strength-tip-all-uppercase = Semua huruf besar hampir sama mudah diteka seperti semua huruf kecil.
strength-tip-reversed = Perkataan yang diterbalikkan tidak banyak lebih sukar diteka.
strength-tip-substitutions = Gantian yang mudah dijangka seperti “@” bagi “a” tidak banyak membantu.
strength-tip-longer-keyboard-pattern = Gunakan corak papan kekunci yang lebih panjang dengan lebih banyak belokan.
strength-tip-avoid-repeats = Elakkan perkataan dan aksara yang berulang.
strength-tip-avoid-sequences = Elakkan urutan.
strength-tip-avoid-recent-years = Elakkan tahun-tahun kebelakangan ini.
strength-tip-avoid-your-years = Elakkan tahun yang berkaitan dengan anda.
strength-tip-avoid-your-dates = Elakkan tarikh dan tahun yang berkaitan dengan anda.
