# The command line's own sentences (gatehouse-cli): confirmations, tables and listings for a
# person at a terminal. `--json` output and the wizard's JSON lines stay language-free.
# Values that are also what the commands accept (kinds such as school_staff, levels such as
# p4_6, roles, event names) stay as they are typed.
# Tamil (Singapore): terms follow locales/ta/GLOSSARY.md.

## Errors

cli-error = பிழை: { $message }
cli-server-refused = சேவையகம் மறுத்துவிட்டது: { $message } ({ $code })
cli-nothing-registered = பிழை: { $message }; எதுவும் பதிவுசெய்யப்படவில்லை

## An account

cli-account-summary = { $kind }, { $location } அமைவிடம்{ $level ->
        [none] {""}
       *[other] , { $level } நிலை
    }{ $class ->
        [none] {""}
       *[other] , { $class } வகுப்பு
    }
cli-created = { $login } ({ $account }) உருவாக்கப்பட்டது.
cli-password-reset = { $login } ({ $account }) கணக்கின் கடவுச்சொல் மீட்டமைக்கப்பட்டது.
cli-temporary-password = தற்காலிகக் கடவுச்சொல் (ஒருமுறை மட்டுமே காட்டப்படும்): { $password }
cli-temporary-password-expires = இது { $when } வரை செல்லுபடியாகும்; முதல் உள்நுழைவின்போது அந்த நபர் பாதுகாப்புக் கேள்விகளையும் புதிய கடவுச்சொல்லையும் அமைப்பார்.
cli-updated = { $login } புதுப்பிக்கப்பட்டது.
cli-disabled = { $login } முடக்கப்பட்டது.
cli-enabled = { $login } இயக்கப்பட்டது.
cli-unlocked = { $login } கணக்கின் பூட்டு நீக்கப்பட்டது.
cli-questions-cleared = { $login } கணக்கின் பாதுகாப்புக் கேள்விகள் அழிக்கப்பட்டன.
cli-deleted = { $login } ({ $account }) நீக்கப்பட்டது; தணிக்கைப் பதிவு அதன் வரலாற்றை வைத்திருக்கும்.

cli-field-login = உள்நுழைவு அடையாளம்
cli-field-name = பெயர்
cli-field-kind = வகை
cli-field-level = நிலை
cli-field-location = அமைவிடம்
cli-field-class = வகுப்பு
cli-field-roles = பொறுப்புகள்
cli-field-work-email = அலுவலக மின்னஞ்சல்
cli-field-state = நிலைமை
cli-field-locked-since = பூட்டப்பட்ட நேரம்
cli-field-failed-passwords = தவறான கடவுச்சொற்கள்
cli-field-temporary-password = தற்காலிகக் கடவுச்சொல்
cli-field-questions-set = பாதுகாப்புக் கேள்விகள் அமைக்கப்பட்டன
cli-field-self-service = சுயசேவைக் கடவுச்சொல் மீட்டமைப்பு
cli-field-terms = விதிமுறைகள் ஏற்கப்பட்டன
cli-field-last-sign-in = கடைசி உள்நுழைவு
cli-field-password-changed = கடவுச்சொல் மாற்றப்பட்டது
cli-field-created = உருவாக்கப்பட்டது
cli-field-authenticator = அங்கீகரிப்பான் { $id }
cli-field-recovery-codes = மீட்புக் குறியீடுகள்
cli-recovery-codes-left = { $count ->
        [0] எதுவும் மீதமில்லை
        [one] { $count } மீதமுள்ளது
       *[other] { $count } மீதமுள்ளன
    }

cli-yes = ஆம்
cli-no = இல்லை
cli-generic = { $kind } — பகிரப்பட்ட (பொதுக்) கணக்கு
cli-temporary-password-until = ஆம், { $when } வரை
cli-self-service-blocked = தடுக்கப்பட்டது (தவறான பதில்கள் மிக அதிகம்)
cli-self-service-available = கிடைக்கும்
cli-authenticator = { $name } “{ $comment }”{ $serial ->
        [none] {""}
       *[other] , வரிசை எண் { $serial }
    }, { $tested ->
        [none] இன்னும் சோதிக்கப்படவில்லை
       *[other] { $tested } அன்று சோதனையில் தேறியது
    }

## Lists

cli-column-login = உள்நுழைவு அடையாளம்
cli-column-kind = வகை
cli-column-level = நிலை
cli-column-location = அமைவிடம்
cli-column-class = வகுப்பு
cli-column-state = நிலைமை
cli-column-name = பெயர்
cli-column-temporary-password = தற்காலிகக் கடவுச்சொல் (ஒருமுறை மட்டும் காட்டப்படும்)
cli-column-apps = செயலிகள்
cli-column-serial = வரிசை எண்
cli-column-type = வகை
cli-column-digits = இலக்கங்கள்
cli-column-enrolled-to = பதிவான கணக்கு
cli-column-kiosk = கியோஸ்க்
cli-column-registered = பதிவு நேரம்
cli-column-table = அட்டவணை
cli-column-source = மூலம்
cli-column-destination = சேருமிடம்

cli-account-count = { $count ->
        [one] { $count } கணக்கு
       *[other] { $count } கணக்குகள்
    }
cli-class-reset = { $count ->
        [one] { $count } கடவுச்சொல் மீட்டமைக்கப்பட்டது; அது { $when } வரை செல்லுபடியாகும்.
       *[other] { $count } கடவுச்சொற்கள் மீட்டமைக்கப்பட்டன; அவை { $when } வரை செல்லுபடியாகும்.
    }
cli-promoted = { $count ->
        [one] { $count } மாணவர் வகுப்பேற்றப்பட்டார்.
       *[other] { $count } மாணவர்கள் வகுப்பேற்றப்பட்டனர்.
    }
cli-promotion-preview = { $count ->
        [one] முன்னோட்டம் மட்டும்: { $count } மாணவர் மாறுவார். இதைச் செயல்படுத்த, --yes உடன் (--expect { $count } உடனும்) மீண்டும் இயக்குங்கள்.
       *[other] முன்னோட்டம் மட்டும்: { $count } மாணவர்கள் மாறுவார்கள். இதைச் செயல்படுத்த, --yes உடன் (--expect { $count } உடனும்) மீண்டும் இயக்குங்கள்.
    }
cli-promotion-leaving = நகர்த்தப்படவில்லை, தங்கள் நிலையின் கடைசி ஆண்டில் உள்ளனர் (அவர்கள் வெளியேறுவார்கள், அல்லது --class … --to-level மூலம் மேலே செல்வார்கள்): { $who }.
cli-promotion-already = நகர்த்தப்படவில்லை, கடந்த { $days } நாட்களில் ஒரு வகுப்பேற்றத்தால் ஏற்கெனவே வேறு வகுப்புக்கு மாற்றப்பட்டவர்கள்: { $who }.

## Mails waiting for an administrator

cli-no-mails = { $login } கணக்குக்கு அனுப்பப்படாத மின்னஞ்சல்கள் எதுவும் இல்லை.
cli-mail-expired = [காலாவதியானது: இந்தக் குறியீடு இனி செயல்படாது]

## Hardware tokens and authenticators

cli-tokens-imported = { $count ->
        [one] { $file } கோப்பிலிருந்து { $count } வன்பொருள் டோக்கன் இறக்குமதி செய்யப்பட்டது.
       *[other] { $file } கோப்பிலிருந்து { $count } வன்பொருள் டோக்கன்கள் இறக்குமதி செய்யப்பட்டன.
    }
cli-token-free = (கட்டற்றது)
cli-token-free-locked = (கட்டற்றது, பூட்டப்பட்டது: தவறான குறியீடுகள் மிக அதிகம்)
cli-authenticators-deleted = { $count ->
        [one] { $login } கணக்கின் { $count } அங்கீகரிப்பான் நீக்கப்பட்டது.
       *[other] { $login } கணக்கின் { $count } அங்கீகரிப்பான்கள் நீக்கப்பட்டன.
    }
cli-token-unbound = { $serial } என்ற வன்பொருள் டோக்கன் மீண்டும் விடுவிக்கப்பட்டது.

## The audit log

cli-audit-written = { $count ->
        [one] { $count } நிகழ்வு { $file } கோப்பில் எழுதப்பட்டது.
       *[other] { $count } நிகழ்வுகள் { $file } கோப்பில் எழுதப்பட்டன.
    }

## Importing a class list

# The progress line: each placeable is filled in while the import runs.
cli-import-progress = இறக்குமதி { $bar } { $done }/{ $total } கணக்குகள், { $rate }, { $eta } மீதம்
cli-import-done = { $rows ->
        [one] இறக்குமதியானவை: { $rows } வரிசையில் { $created }, { $seconds } வினாடிகளில் (வினாடிக்கு { $rate } கணக்குகள்).
       *[other] இறக்குமதியானவை: { $rows } வரிசைகளில் { $created }, { $seconds } வினாடிகளில் (வினாடிக்கு { $rate } கணக்குகள்).
    }
cli-import-row = வரி { $line }: { $reason }
cli-import-row-login = வரி { $line }: { $login }: { $reason }
cli-import-cancelled = { $left ->
        [one] முடிவதற்கு முன்பே நிறுத்தப்பட்டது: 1 வரிசை இறக்குமதி செய்யப்படவில்லை. வேறொரு --passwords-out உடன் கோப்பை மீண்டும் இறக்குமதி செய்யுங்கள்: ஏற்கெனவே உருவாக்கப்பட்ட கணக்குகள் ஏற்கெனவே உள்ளவை என்று தெரிவிக்கப்படும், மீதமுள்ளவை உருவாக்கப்படும்.
       *[other] முடிவதற்கு முன்பே நிறுத்தப்பட்டது: { $left } வரிசைகள் இறக்குமதி செய்யப்படவில்லை. வேறொரு --passwords-out உடன் கோப்பை மீண்டும் இறக்குமதி செய்யுங்கள்: ஏற்கெனவே உருவாக்கப்பட்ட கணக்குகள் ஏற்கெனவே உள்ளவை என்று தெரிவிக்கப்படும், மீதமுள்ளவை உருவாக்கப்படும்.
    }
cli-import-passwords = அச்சிடுவதற்கான தற்காலிகக் கடவுச்சொற்கள்: { $file } (உங்களால் மட்டுமே படிக்க முடியும்; எல்லாவற்றையும் கொடுத்து முடித்ததும் அதை நீக்குங்கள்)
cli-import-roles = வரி { $line }: { $login } க்கு நிர்வாகப் பங்குகள் { $roles } வழங்கப்பட்டுள்ளன

## Devices of the school's server

cli-enrolment-code = பதிவுக் குறியீடு: { $code }
cli-enrolment-uses = { $uses ->
        [one] இது { $until } வரை { $uses } கணினியைப் பதிவுசெய்யும். இது இப்போது மட்டுமே காட்டப்படும்.
       *[other] இது { $until } வரை அதிகபட்சம் { $uses } கணினிகளைப் பதிவுசெய்யும். இது இப்போது மட்டுமே காட்டப்படும்.
    }
cli-enrolment-how = ஒவ்வொரு கணினியிலும் (கியோஸ்க் அல்லாதது): gatehouse-cli device register --code CODE --name NAME
cli-enrolment-how-kiosk = ஒவ்வொரு கியோஸ்கிலும்: gatehouse-cli device register --code CODE --name NAME --kiosk
cli-device-registered = பதிவுசெய்யப்பட்டது
cli-device-revoked-at = { $when } அன்று ரத்துசெய்யப்பட்டது
cli-device-revoked = { $name } கணினியின் பதிவு ரத்துசெய்யப்பட்டது: அதன் அடுத்த கோரிக்கை மறுக்கப்படும்.
cli-device-kept-in-file = { $file } கோப்பில்
cli-device-kept-in-keyring = இயக்க முறைமையின் (OS) சாவிக்கொத்தில்
cli-device-register-done = இந்தக் கணினி { $url } சேவையகத்தில் “{ $name }” என்ற சாதனமாகப் பதிவுசெய்யப்பட்டது (அடையாள எண் { $id }); அதன் நற்சான்று { $place } வைக்கப்பட்டுள்ளது.
cli-break-glass-code = இந்தக் கியோஸ்கின் அவசரக் குறியீடு, இப்போது மட்டுமே காட்டப்படும் — இதை எழுதி, நிர்வாகிகளிடம் வைத்திருங்கள்:
cli-break-glass-how = கியோஸ்கின் வெளியேறும் உரையாடல் பெட்டியில் இதைத் தட்டச்சு செய்தால் கியோஸ்க் சாளரம் மூடும்; ஐந்து தவறான குறியீடுகளுக்குப் பிறகு அந்தப் பெட்டி ஐந்து நிமிடங்களுக்குப் பூட்டப்படும். இதன் ஹாஷ் மட்டுமே { $file } கோப்பில் வைக்கப்படுகிறது. இதை மாற்ற, மீண்டும் பதிவுசெய்யுங்கள்.
cli-device-forgotten = { $url } சேவையகத்துக்கான இந்தக் கணினியின் நற்சான்று ({ $place }) அகற்றப்பட்டது. சேவையகத்தில் இந்தக் கணினியின் பதிவை ஒரு நிர்வாகி ரத்துசெய்யலாம்.
cli-device-none = { $url } சேவையகத்துக்கான நற்சான்று எதுவும் இந்தக் கணினியில் இல்லை.

## Configuration and moving a school

cli-config-exists = { $file } ஏற்கெனவே உள்ளது; அது மாற்றப்படவில்லை.
cli-config-written = { $file } எழுதப்பட்டது.
cli-migrated = { $count ->
        [one] நகலெடுக்கப்பட்டது; எல்லா அட்டவணைகளும் பொருந்துகின்றன. { $count } 2FA இரகசியக் குறியீடு சேருமிடத்தின் சாவியால் மறையாக்கம் செய்யப்பட்டது.
       *[other] நகலெடுக்கப்பட்டது; எல்லா அட்டவணைகளும் பொருந்துகின்றன. { $count } 2FA இரகசியக் குறியீடுகள் சேருமிடத்தின் சாவியால் மறையாக்கம் செய்யப்பட்டன.
    }

cli-migrate-left-behind = நகலெடுக்கப்படவில்லை: { $table ->
        [email_otps] இன்னும் செல்லுபடியாகும் { $count } மின்னஞ்சல் குறியீடுகள் (பயனர் புதிய குறியீட்டைக் கேட்க வேண்டும்).
        [sessions] திறந்திருக்கும் { $count } அமர்வுகள் (பயனர்கள் மீண்டும் உள்நுழைய வேண்டும்).
        [devices] பதிவுசெய்யப்பட்ட { $count } இயந்திரங்கள் (இலக்குச் சேவையகத்தில் அவற்றைப் பதிவுசெய்யவும்).
       *[enrolment_codes] { $count } இயந்திரப் பதிவுக் குறியீடுகள் (இலக்கில் புதியவற்றை வழங்கவும்).
    }

## The demonstration school

cli-demo-school = Gatehouse மாதிரிப் பள்ளி { $location }, { $dir } கோப்புறையில்
cli-demo-passwords = மாதிரிக்கு மட்டுமான கடவுச்சொற்கள்: தற்காலிகக் கடவுச்சொல் { $temporary }, அமைக்கப்பட்ட கடவுச்சொல் { $password }; பதில்கள்: yellow / hamster / The Good Earth.
cli-demo-try = முயன்று பாருங்கள்: { $what }
cli-demo-session = ஒவ்வொரு வரியிலும் ஒரு JSON கோரிக்கையைத் தட்டச்சு செய்யுங்கள்; அமர்வு sign_in உடன் தொடங்கும், எடுத்துக்காட்டாக:

# Each demo account: what state it is in, and what to try with it (by its login's first part).
cli-demo-ada_lim-state = புதிய கணக்கு: தற்காலிகக் கடவுச்சொல், பாதுகாப்புக் கேள்விகள் இல்லை, இதுவரை உள்நுழைந்ததே இல்லை
cli-demo-ada_lim-try = முதல் உள்நுழைவு: பாதுகாப்புக் கேள்விகள், கடவுச்சொல் மாற்றம், விதிமுறைகள், முகப்புப் பலகை
cli-demo-ben_tan-state = தற்காலிகக் கடவுச்சொல், பாதுகாப்புக் கேள்விகள் ஏற்கெனவே அமைக்கப்பட்டுள்ளன
cli-demo-ben_tan-try = முதல் உள்நுழைவு நேராகக் கடவுச்சொல் மாற்றத்துக்குச் செல்லும்
cli-demo-chloe_ng-state = செயலில் உள்ளது, பாதுகாப்புக் கேள்விகள் அமைக்கப்பட்டுள்ளன
cli-demo-chloe_ng-try = P1-3 முகப்புப் பலகையில் உள்நுழையுங்கள் (Gmail இல்லை); அல்லது “கடவுச்சொல் மறந்துவிட்டதா?” என்பதை அழுத்துங்கள் (பதில்கள்: yellow / hamster / The Good Earth)
cli-demo-dev_kumar-state = 5 தவறான கடவுச்சொற்களுக்குப் பிறகு பூட்டப்பட்டது, பாதுகாப்புக் கேள்விகள் அமைக்கப்பட்டுள்ளன
cli-demo-dev_kumar-try = “கடவுச்சொல் மறந்துவிட்டதா?” என்பதை அழுத்தி, பதில் அளித்து, பிறகு “கடவுச்சொல் பூட்டை நீக்கு” அல்லது “கடவுச்சொல்லை மாற்று” என்பதை அழுத்துங்கள்
cli-demo-eve_goh-state = தற்காலிகக் கடவுச்சொல் காலாவதியானது
cli-demo-eve_goh-try = உள்நுழைவு மறுக்கப்படும்: புதிய கடவுச்சொல்லை மாணவர் நிர்வாகியிடம் (SA) கேளுங்கள்
cli-demo-faris_ali-state = செயலில் உள்ளது, பாதுகாப்புக் கேள்விகள் இல்லை
cli-demo-faris_ali-try = “கடவுச்சொல் மறந்துவிட்டதா?” என்பது SSPR 5006 பிழையைக் காட்டும்; உள்நுழைந்தால் முதலில் பாதுகாப்புக் கேள்விகள் கேட்கப்படும், பிறகு பயன்பாடுகள் தோன்றும்
cli-demo-grace_lee-state = பள்ளி ஊழியர்; மாணவர் நிர்வாகி (SA), உள்ளக நிர்வாகி (LA); பாதுகாப்புக் கேள்விகள் அமைக்கப்பட்டுள்ளன
cli-demo-grace_lee-try = ஊழியர் உள்நுழைவு; சுயசேவைக் கடவுச்சொல் மீட்டமைப்பு (SSPR) 3 பாதுகாப்புக் கேள்விகளையும் கேட்கும்
cli-demo-irene_tan-state = சோதிக்கப்பட்ட அங்கீகரிப்பானுடன் நிர்வாகி (SA, LA)
cli-demo-irene_tan-try = கியோஸ்கை மூடுங்கள்; குறியீடுகள்: oathtool --totp -b JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
cli-demo-henry_wong-state = தலைமையக ஊழியர் (HQ), புதிய கணக்கு, அலுவலக மின்னஞ்சல் அவரது iCON முகவரி
cli-demo-henry_wong-try = ஊழியரின் முதல் உள்நுழைவு
cli-demo-gus_tay-state = மாணவர் நிர்வாகியால் (SA) முடக்கப்பட்டது (செயலில் இல்லாத கணக்கு), பாதுகாப்புக் கேள்விகள் அமைக்கப்பட்டுள்ளன
cli-demo-gus_tay-try = account_disabled என்ற காரணத்துடன் உள்நுழைவு மறுக்கப்படும்; மீண்டும் இயக்க: gatehouse-cli admin enable --login Gus_Tay@students.edu.sg
