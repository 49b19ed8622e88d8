# Halaman pelayan sendiri dalam pelayar (gatehouse-server): persetujuan yang diminta oleh aplikasi
# yang bukan milik sekolah, dan penolakan log masuk tunggal yang tidak dapat dihantar kembali ke aplikasi.

sso-consent-title = Benarkan { $app } menggunakan Gatehouse untuk log masuk anda?
sso-consent-intro = { $app } bukan salah satu aplikasi sekolah anda sendiri. Untuk log masuk anda, aplikasi ini meminta Gatehouse memberitahunya:
sso-consent-name = nama anda: { $name }
sso-consent-login = ID log masuk anda: { $login }
sso-consent-never = Gatehouse tidak pernah memberikan kata laluan, jawapan keselamatan atau pengesah anda kepada mana-mana aplikasi.
sso-consent-again = Anda akan ditanya sekali lagi apabila anda log masuk ke Gatehouse pada kali seterusnya.
sso-consent-allow = Benarkan
sso-consent-deny = Jangan benarkan
sso-consent-expired = Soalan ini telah tamat tempoh atau sudah dijawab. Kembali ke aplikasi itu dan log masuk semula.
sso-refused-title = Log masuk ditolak
sso-refused-heading = Aplikasi ini tidak boleh menggunakan Gatehouse untuk log masuk anda
sso-refused-tell = Beritahu pemilik aplikasi itu atau pasukan IT sekolah anda.
sso-refused-unregistered = Aplikasi ini tidak didaftarkan dengan Gatehouse sekolah ini.
sso-refused-return-address = Alamat kembali aplikasi ini bukan alamat yang didaftarkan untuknya.
sso-refused-logout-unnamed = Permintaan log keluar aplikasi ini tidak menyatakan siapa yang log keluar. Sebaliknya, log keluar di halaman Gatehouse.
sso-refused-logout-address = Alamat aplikasi ini selepas log keluar bukan alamat yang didaftarkan untuknya.
sso-refused-saml-request = Permintaan ini bukan permintaan log masuk SAML.
sso-refused-saml-acs = Perkhidmatan pengguna penegasan (assertion consumer service) aplikasi ini bukan yang didaftarkan untuknya.
sso-refused-saml-age = Permintaan ini terlalu lama (atau dari masa hadapan). Mulakan semula di aplikasi itu.
sso-refused-saml-id = Permintaan ini tiada ID yang boleh digunakan.
sso-refused-saml-replayed = Permintaan ini sudah dijawab. Mulakan semula di aplikasi itu.
sso-refused-saml-subject = Aplikasi itu meminta orang lain, bukan orang yang telah log masuk di sini. Log keluar, kemudian mulakan semula di aplikasi itu.
sso-refused-not-for-you = Aplikasi ini bukan untuk akaun anda.
sso-saml-continue = Tekan “Teruskan” untuk pergi ke aplikasi itu.
sso-saml-button = Teruskan
sso-saml-title = Sedang log masuk…
sso-refused-signed-out = Tiada sesiapa yang log masuk ke Gatehouse dalam pelayar ini lagi. Mulakan semula di aplikasi itu.
sso-signed-out-of = Anda telah log keluar dari { $app }
sso-signed-out-of-the-app = Anda telah log keluar dari aplikasi itu
sso-signed-out-still = Anda masih log masuk ke Gatehouse dalam pelayar ini sebagai { $name }. Pada komputer yang turut digunakan oleh orang lain, log keluar dari Gatehouse juga, atau orang seterusnya boleh membuka aplikasi anda.
sso-signed-out-button = Log keluar dari Gatehouse
sso-signed-out-stay = Kekal log masuk
sso-signed-out-title = Telah log keluar
sso-signed-out-done = Tiada sesiapa yang log masuk ke Gatehouse dalam pelayar ini. Anda boleh menutup tetingkap ini.
sso-refused-sign-out-elsewhere = Permintaan log keluar ini bukan dari halaman Gatehouse sendiri. Log keluar di halaman Gatehouse.
