# The window's own texts: titles, labels, buttons and the guides' explanatory paragraphs
# (student guide v1.0, staff guide v1.1). The engine's sentences are in engine.ftl.
# Ids are the front-end's keys with "." written as "-" (ui/src/messages.ts: t('signIn.heading')).
# Tamil (Singapore): terms and button labels follow locales/ta/GLOSSARY.md.

lang-label = மொழி
app-skip = உள்ளடக்கத்துக்குச் செல்
app-signOut = வெளியேறு
app-demoBadge = மாதிரிப் பள்ளி
app-failure = இந்தப் பயன்பாட்டால் அதன் கணக்குச் சேவையை அணுக முடியவில்லை. மீண்டும் முயலுங்கள். சிக்கல் தொடர்ந்தால், உங்கள் நிர்வாகியை (LA/SA) தொடர்புகொள்ளுங்கள்.
app-retry = மீண்டும் முயல்க
offline-heading = Gatehouse சேவையகத்தை அணுக முடியவில்லை
offline-retrying = இந்தச் சாளரம் சில வினாடிகளுக்கு ஒருமுறை தானாகவே மீண்டும் முயலும். நீங்கள் தட்டச்சு செய்தவை பக்கத்திலேயே இருக்கும்.
offline-retryNow = இப்போதே மீண்டும் முயல்க
offline-back = Gatehouse சேவையகம் மீண்டும் பதிலளிக்கிறது. நீங்கள் தொடரலாம்.
device-heading = இந்தக் கணினியில் Gatehouse-ஐப் பயன்படுத்த முடியாது
device-help = உங்கள் நிர்வாகியிடம் (LA/SA) தெரிவியுங்கள்: இந்தக் கணினியைப் பள்ளியின் Gatehouse சேவையகத்தில் மீண்டும் பதிவுசெய்ய வேண்டும்.
chrome-twofa = MIMS 2FA
chrome-workspace = { $workspace } பணியிடம்
common-continue = தொடர்க
common-cancel = ரத்துசெய்
common-next = அடுத்து
common-show = காட்டு
common-hide = மறை
common-showPassword = கடவுச்சொல்லைக் காட்டு
common-hidePassword = கடவுச்சொல்லை மறை
common-showAnswer = பதிலைக் காட்டு
common-hideAnswer = பதிலை மறை
common-capsLock = Caps Lock இயக்கத்தில் உள்ளது.
common-errorPrefix = பிழை:
common-selectQuestion = — பட்டியலிலிருந்து ஒரு கேள்வியைத் தேர்ந்தெடுங்கள் —

## Sign-in (student guide p.3 and p.15; staff guide p.7 and p.20).
signIn-heading = பயன்பாடுகளைப் பயன்படுத்த உள்நுழையுங்கள்
signIn-username = பயனர் பெயர்
signIn-password = கடவுச்சொல்
signIn-submit = உள்நுழைக
signIn-forgot = கடவுச்சொல் மறந்துவிட்டதா?
signIn-moreHelp = மேலும் உதவி
signIn-waitingApp = நீங்கள் { $app } செயலியில் உள்நுழைகிறீர்கள். உள்நுழைந்த பின், Gatehouse உங்களை அங்கே திரும்ப அழைத்துச் செல்லும்.

## The Help button on every screen (issue 15): the core sends the texts; these are the frame.
help-open = உதவி
help-title = உதவி
help-intro = MIMS பயனர் வழிகாட்டிகளிலிருந்து பதில்களும், உங்களுக்கு உதவக்கூடியவர்களும்.
help-contacts = யார் உதவலாம்
help-desk = சேவை மையம்
help-administrators = உங்கள் பள்ளியின் MIMS நிர்வாகிகள்
help-topics = பொதுவான சிக்கல்கள்
help-close = உதவியை மூடு
help-failed = உதவியை ஏற்ற முடியவில்லை. மீண்டும் முயலுங்கள்.
locked-heading = கணக்கு பூட்டப்பட்டது
locked-back = உள்நுழைவுக்குத் திரும்பு
signedOut-heading = வெளியேறிவிட்டீர்கள்
signedOut-again = மீண்டும் உள்நுழைக

## Challenge questions (student guide steps 4–7).
setQuestions-heading = பாதுகாப்புக் கேள்விகளை அமைத்தல்
setQuestions-intro1 = உங்கள் கடவுச்சொல்லை மறந்துவிட்டால், உங்கள் பாதுகாப்புக் கேள்விகளுக்குப் பதில் அளித்து உங்கள் கணக்கை அணுகலாம்.
setQuestions-intro2 = கடவுச்சொல்லை மறந்துவிட்டால் உங்கள் அடையாளத்தை உறுதிப்படுத்தப் பயன்படும் கேள்விகளையும் பதில்களையும் தேர்ந்தெடுங்கள். இந்தக் கேள்விகளுக்கான பதில்களைக் கொண்டு உங்கள் கணக்கை அணுக முடியும் என்பதால், மற்றவர்கள் எளிதில் ஊகிக்கவோ கண்டுபிடிக்கவோ முடியாத பதில்களைக் கொடுங்கள்.
setQuestions-note = நீங்கள் எளிதில் நினைவில் வைக்கக்கூடிய சிறிய பதில்களை உள்ளிடுங்கள்.
setQuestions-legend = உங்கள் பாதுகாப்புப் பதில்களைத் தட்டச்சு செய்யுங்கள்
setQuestions-question = பாதுகாப்புக் கேள்வி { $n }
setQuestions-answer = பதில் { $n }
setQuestions-answerHint = குறைந்தது { $min } எழுத்துகள்; மூன்று வெவ்வேறு பதில்கள்.
setQuestions-submit = பதில்களைச் சேமி
setQuestions-current = தற்போதைய கடவுச்சொல்
setQuestions-currentHint = உங்கள் பாதுகாப்புக் கேள்விகளை மாற்ற, முதலில் உங்கள் கடவுச்சொல்லைத் தட்டச்சு செய்யுங்கள்.
confirmQuestions-heading = பாதுகாப்புக் கேள்விகளை உறுதிசெய்தல்
confirmQuestions-intro = உங்கள் பதில்களும் கேள்விகளும் சரியானவை என்பதை உறுதிசெய்யுங்கள். எழுத்துக்கூட்டலையும் நிறுத்தக்குறிகளையும் சரிபாருங்கள். உங்கள் கடவுச்சொல் நினைவில் இல்லாவிட்டால், இந்தப் பாதுகாப்புக் கேள்விகளுக்குப் பதில் அளித்து உங்கள் கணக்கை அணுகலாம்.
confirmQuestions-editHint = திருத்த, முந்தைய படிக்குத் திரும்ப “பின்செல்” என்பதைத் தேர்ந்தெடுங்கள்.
confirmQuestions-back = பின்செல்
confirmQuestions-submit = பதில்களை உறுதிசெய்
questionsSaved-heading = வெற்றி

## Password change (student guide steps 8–9, p.17–18).
changePassword-heading = கடவுச்சொல்லை மாற்றுதல்
changePassword-intro = உங்கள் கடவுச்சொல்லை மாற்றுங்கள். உங்கள் புதிய கடவுச்சொல்லைப் பாதுகாப்பாக வைத்திருங்கள். புதிய கடவுச்சொல்லைத் தட்டச்சு செய்த பிறகு, “கடவுச்சொல்லை மாற்று” பொத்தானை அழுத்துங்கள். அதை எழுதி வைக்க வேண்டியிருந்தால், பாதுகாப்பான இடத்தில் வைத்திருங்கள். உங்கள் புதிய கடவுச்சொல் பின்வரும் நிபந்தனைகளை நிறைவு செய்ய வேண்டும்:
changePassword-rulesLabel = கடவுச்சொல் நிபந்தனைகள்
changePassword-ruleMet = நிறைவேறியது
changePassword-ruleNotMet = நிறைவேறவில்லை
changePassword-summary = { $total } நிபந்தனைகளில் { $met } நிறைவேறின
changePassword-legend = உங்கள் புதிய கடவுச்சொல்லைத் தட்டச்சு செய்யுங்கள்
changePassword-new = புதிய கடவுச்சொல்
changePassword-confirm = கடவுச்சொல்லை உறுதிசெய்க
changePassword-current = தற்போதைய கடவுச்சொல்
changePassword-strength = கடவுச்சொல்லின் வலிமை
changePassword-strengthNone = வலிமையைப் பார்க்க ஒரு கடவுச்சொல்லைத் தட்டச்சு செய்யுங்கள்.
changePassword-submit = கடவுச்சொல்லை மாற்று
passwordChanging-heading = காத்திருங்கள்
passwordChanging-progress = உங்கள் கடவுச்சொல் மாற்றப்படுகிறது
passwordChanged-heading = வெற்றி

## Terms (student guide step 11, p.10).
terms-p1 = உங்கள் புதிய கணக்குக்கு வரவேற்கிறோம்: { $login }. இந்தக் கணக்கைக் கொண்டு நீங்கள் எந்த Google Workspace, பிற Google சேவைகளை அணுகலாம் என்பதை உங்கள் { $domain } நிர்வாகி முடிவுசெய்வார்.
terms-p2 = உங்கள் நிறுவனத்தின் நிர்வாகி இந்தக் கணக்கையும் இதனுடன் தொடர்புடைய எல்லா Google தரவையும் நிர்வகிக்கிறார். அதாவது, உங்கள் தகவல்தொடர்புகளின் உள்ளடக்கம், Google சேவைகளை நீங்கள் பயன்படுத்தும் விதம், உங்கள் கணக்கின் தனியுரிமை அமைப்புகள் உட்பட உங்கள் தரவை உங்கள் நிர்வாகி அணுகிச் செயலாக்கலாம். உங்கள் நிர்வாகி உங்கள் கணக்கை நீக்கவும், இந்தக் கணக்குடன் தொடர்புடைய எந்தத் தரவையும் நீங்கள் அணுகுவதைக் கட்டுப்படுத்தவும் முடியும்.
terms-p3 = Google Workspace போன்ற நிர்வாகி நிர்வகிக்கும் சேவைகளை உங்கள் நிறுவனம் உங்களுக்கு வழங்கினால், அந்தச் சேவைகளை நீங்கள் பயன்படுத்துவது உங்கள் நிறுவனத்தின் நிறுவன ஒப்பந்தத்துக்கு உட்பட்டது. இந்த விதிமுறைகளுடன், Google Cloud தனியுரிமை அறிவிப்பையும் நாங்கள் வெளியிடுகிறோம்.
terms-p4 = இந்த { $login } கணக்கில் உள்நுழைந்திருக்கும்போது Google Workspace தவிர மற்ற Google சேவைகளையும் பயன்படுத்த உங்கள் நிர்வாகி அனுமதித்தால், அந்தச் சேவைகளை நீங்கள் பயன்படுத்துவது அவற்றுக்குரிய விதிமுறைகளுக்கு உட்பட்டது — எடுத்துக்காட்டாக Google சேவை விதிமுறைகள், Google தனியுரிமைக் கொள்கை, சேவைக்கே உரிய பிற Google விதிமுறைகள். இந்த விதிமுறைகளை நீங்கள் ஏற்காவிட்டால், அல்லது உங்கள் தரவை Google இவ்வாறு கையாள்வதை நீங்கள் விரும்பாவிட்டால், இந்த { $login } கணக்குடன் அந்தப் பிற Google சேவைகளைப் பயன்படுத்தாதீர்கள். myaccount.google.com-இல் உங்கள் தனியுரிமை அமைப்புகளையும் மாற்றிக்கொள்ளலாம்.
terms-p5 = இந்தக் கணக்குடன் Google சேவைகளை நீங்கள் பயன்படுத்துவது உங்கள் நிறுவனத்தின் உள் கொள்கைகளுக்கும் உட்பட்டது.
terms-accept = புரிந்துகொண்டேன்

## Portal applications and the workspace dashboard (student guide steps 10 and 12).
applications-heading = பயன்பாடுகள்
applications-intro = ஒரு பயன்பாட்டைத் திறக்க அதைத் தேர்ந்தெடுங்கள்.
dashboard-heading = முகப்புப் பலகை
dashboard-success = வெற்றி! { $workspace } பணியிட முகப்புப் பலகையில் உள்நுழைந்துவிட்டீர்கள்.
dashboard-appsLabel = உங்கள் செயலிகள்
dashboard-opens = உங்கள் இணைய உலாவியில் திறக்கும்
dashboard-notesLabel = குறிப்புகள்
dashboard-openFailed = உங்கள் இணைய உலாவியில் செயலியைத் திறக்க முடியவில்லை.
dashboard-back = பயன்பாடுகளுக்குத் திரும்பு
account-changePassword = என் கடவுச்சொல்லை மாற்று
account-changeQuestions = என் பாதுகாப்புக் கேள்விகளை மாற்று
account-label = என் கணக்கு

## Self-service password reset (student guide section 2a; staff guide section 4).
ssprSearch-heading = மறந்த கடவுச்சொல்
ssprSearch-intro = உங்கள் கடவுச்சொல்லை மறந்துவிட்டால், அதை மீட்டமைக்கத் திரையில் வரும் வழிமுறைகளைப் பின்பற்றுங்கள்.
ssprSearch-username = பயனர் பெயர்
ssprSearch-submit = தேடு
ssprQuestions-heading = மறந்த கடவுச்சொல்
ssprQuestions-intro = பின்வரும் கேள்விகளுக்குப் பதில் அளியுங்கள். இவற்றுக்குச் சரியாகப் பதில் அளித்தால், உங்கள் கடவுச்சொல்லை மீட்டமைக்கலாம்.
ssprQuestions-for = கணக்கு: { $login }
ssprQuestions-submit = பதில்களைச் சரிபார்
ssprLocked-heading = மறந்த கடவுச்சொல்
ssprLocked-choices = நீங்கள் என்ன செய்ய விரும்புகிறீர்கள்?
ssprLocked-unlock = கடவுச்சொல் பூட்டை நீக்கு
ssprLocked-unlockHelp = உங்கள் கணக்கின் பூட்டை நீக்குங்கள். உங்கள் கடவுச்சொல் நினைவில் இருந்தால், இந்தத் தேர்வைத் தேர்ந்தெடுத்து உங்கள் கணக்கின் பூட்டை நீக்கலாம். உங்கள் கடவுச்சொல் மாற்றப்படாது.
ssprLocked-change = கடவுச்சொல்லை மாற்று
ssprLocked-changeHelp = புதிய கடவுச்சொல்லை அமையுங்கள். உங்கள் கடவுச்சொல்லை மறந்துவிட்டுப் புதியதை அமைக்க விரும்பினால், இங்கே அழுத்துங்கள். புதிய கடவுச்சொல்லை அமைக்கும்போது உங்கள் கணக்கின் பூட்டும் நீக்கப்படும்.

## TOTP at sign-in and during a reset (staff guide section 2 steps 3–4; section 4).
totp-heading = ஒருமுறை அங்கீகரிப்புக் குறியீடு (TOTP)
totp-obtain = சாதனம் உருவாக்கும் TOTP-ஐப் பெறுங்கள்
totp-ssprIntro = உங்கள் கணக்கில் இரு-காரணி அங்கீகரிப்பு உள்ளது. கடவுச்சொல் மீட்டமைப்பைத் தொடர, உங்கள் அங்கீகரிப்புச் செயலியில் உள்ள குறியீட்டை உள்ளிடுங்கள்.
totp-portalIntro = உங்கள் கணக்கில் இரு-காரணி அங்கீகரிப்பு உள்ளது. ஓர் அங்கீகரிப்பானைச் சேர்க்கும், சோதிக்கும் அல்லது நீக்கும் முன், உங்கள் அங்கீகரிப்புச் செயலியில் உள்ள குறியீட்டை உள்ளிடுங்கள்.
totp-changeIntro = உங்கள் கணக்கில் இரு-காரணி அங்கீகரிப்பு உள்ளது. உங்கள் கடவுச்சொல்லையோ பாதுகாப்புக் கேள்விகளையோ மாற்றும் முன், உங்கள் அங்கீகரிப்புச் செயலியில் உள்ள குறியீட்டை உள்ளிடுங்கள்.
totp-account = கணக்கு: { $login }
totp-code = ஒருமுறைக் கடவுச்சொல் (OTP)
totp-codeHint = உங்கள் அங்கீகரிப்புச் செயலியில் உள்ள { $digits } இலக்கக் குறியீடு
totp-useRecovery = அதற்குப் பதிலாக மீட்புக் குறியீட்டைப் பயன்படுத்து
totp-useCode = அதற்குப் பதிலாக என் அங்கீகரிப்பானைப் பயன்படுத்து
totp-recoveryCode = மீட்புக் குறியீடு
totp-recoveryHint = நீங்கள் அச்சிட்ட மீட்புக் குறியீடுகளில் ஒன்று, எ.கா. K7QF-2M9X-HB4R-T6WD (மீதம்: { $left })

## 2FA set-up (staff guide section 1).
setup2fa-heading = அங்கீகரிப்புச் செயலியைப் பதிவுசெய்தல்
setup2fa-intro = உங்கள் MIMS உள்நுழைவு அடையாளத்தை உள்ளிட்டு “அடுத்து” என்பதை அழுத்துங்கள்.
setup2fa-hint = பள்ளி ஊழியர்கள்: உங்கள் MIMS உள்நுழைவு அடையாளம் @schools.gov.sg என்று முடியும். தலைமையக ஊழியர்கள்: அது @hq.moe.gov.sg என்று முடியும்.
setup2fa-username = பயனர் பெயர்
chooseMethod-heading = அங்கீகரிப்புச் செயலியைப் பதிவுசெய்தல்
chooseMethod-intro = உங்கள் அலுவலக மின்னஞ்சல் வழியாக ஒருமுறைக் கடவுச்சொல்லை (OTP) பெற “அடுத்து” என்பதை அழுத்துங்கள்.
chooseMethod-chain = சங்கிலி
chooseMethod-method = முறை
emailOtp-heading = அங்கீகரிப்புச் செயலியைப் பதிவுசெய்தல்
emailOtp-method = முறை: Email OTP
emailOtp-sent = OTP #{ $n } { $address } முகவரிக்கு அனுப்பப்பட்டது
emailOtp-code = ஒருமுறைக் கடவுச்சொல்
emailOtp-codeHint = OTP #{ $n } எனக் குறிக்கப்பட்ட மின்னஞ்சலில் உள்ள 6 இலக்கக் குறியீடு
emailOtp-resend = புதிய குறியீட்டை அனுப்பு
emailOtp-note = காட்டப்படும் மின்னஞ்சல் முகவரி உங்கள் அலுவலக மின்னஞ்சல் இல்லையென்றால், உங்கள் MIMS கணக்குடன் இணைக்கப்பட்ட மின்னஞ்சல் முகவரியைப் புதுப்பிக்க உங்கள் பள்ளியின் MIMS உள்ளக நிர்வாகியை (LA) கேளுங்கள்.
identityPortal-heading = MIMS Identity Portal
identityPortal-intro = “Setup 2FA” என்பதை அழுத்துங்கள்.
identityPortal-back = பயன்பாடுகளுக்குத் திரும்பு
selfService-heading = சுயசேவை
selfService-welcome = MIMS இரு-காரணி அங்கீகரிப்புக்கான (2FA) சுயசேவை வாசலுக்கு வரவேற்கிறோம்.
selfService-intro = இந்த வாசலில் உங்கள் அங்கீகரிப்பு முறைகளை நிர்வகிக்கலாம். “பதிவுசெய்த அங்கீகரிப்பான்கள்” பகுதி நீங்கள் பதிவுசெய்த எல்லா முறைகளையும் காட்டும். “அங்கீகரிப்பானைச் சேர்” பகுதி பதிவுசெய்யக் கிடைக்கும் முறைகளைக் காட்டும்.
selfService-enrolled = பதிவுசெய்த அங்கீகரிப்பான்கள்
selfService-add = அங்கீகரிப்பானைச் சேர்
selfService-done = பயன்பாடுகளுக்குத் திரும்பு
addToken-heading = மென்பொருள் டோக்கன் (OTP) அங்கீகரிப்பானைச் சேர்த்தல்
addToken-p1 = நேர அடிப்படையிலான ஒருமுறைக் கடவுச்சொல் (TOTP) முறை, உங்கள் கைபேசியில் உள்ள அங்கீகரிப்புச் செயலி (Google Authenticator, Microsoft Authenticator அல்லது NetIQ Authenticator) மூலம் OTP-ஐ உருவாக்குகிறது.
addToken-p2 = இந்த முறையைப் பின்வரும் வழிகளில் ஒன்றில் பதிவுசெய்யலாம்: கீழே உள்ள QR குறியீட்டைச் செயலியைக் கொண்டு ஸ்கேன் செய்யுங்கள் (அல்லது அதன் அருகே காட்டப்படும் சாவியைத் தட்டச்சு செய்யுங்கள்); அல்லது, உங்கள் நிறுவனம் வழங்கிய வன்பொருள் OTP டோக்கன் உங்களிடம் இருந்தால், “OATH டோக்கன் வரிசை எண்” என்பதன் கீழ் டோக்கனின் வரிசை எண்ணையும் அதன் OTP-ஐயும் குறிப்பிடுங்கள்.
addToken-p3 = TOTP இரகசியக் குறியீட்டை நீங்களே பதிவுசெய்ய விரும்பினால், கீழே உள்ள பகுதியை விரித்து உங்கள் இரகசியக் குறியீட்டையும் கால இடைவெளியையும் சேருங்கள்.
addToken-comment = குறிப்பு
addToken-commentHint = எ.கா. Google Authenticator
addToken-qrAlt = உங்கள் அங்கீகரிப்புச் செயலியால் ஸ்கேன் செய்ய வேண்டிய QR குறியீடு
addToken-qrLabel = இந்த QR குறியீட்டை உங்கள் அங்கீகரிப்புச் செயலியால் ஸ்கேன் செய்யுங்கள்
addToken-secretLabel = ஸ்கேன் செய்ய முடியவில்லையா? இந்தச் சாவியைச் செயலியில் உள்ளிடுங்கள்:
addToken-secretDetails = நேர அடிப்படை (TOTP), { $digits } இலக்கங்கள், { $period } வினாடிகளுக்கு ஒருமுறை
addToken-tokenIntro = உங்களிடம் டோக்கன் இருந்தால், அதைச் சரிபார்க்க வரிசை எண்ணையும் OTP-ஐயும் குறிப்பிடுங்கள். இல்லையெனில், கைபேசிச் செயலியைக் கொண்டு QR குறியீட்டை ஸ்கேன் செய்யுங்கள்.
addToken-serial = OATH டோக்கன் வரிசை எண்
addToken-serialPlaceholder = டோக்கனின் வரிசை எண்ணைக் குறிப்பிடுங்கள்
addToken-otp = OTP
addToken-nextOtp = அடுத்த OTP
addToken-nextOtpHint = பொத்தான் உள்ள டோக்கனின் குறியீடு ஏற்கப்படாதபோது மட்டும்: பொத்தானை மீண்டும் அழுத்தி அந்தக் குறியீட்டையும் உள்ளிடுங்கள்.
addToken-manual = TOTP இரகசியக் குறியீட்டை நீங்களே உள்ளிடுங்கள்
addToken-secret = இரகசியக் குறியீடு
addToken-secretHint = Base32, டோக்கன் அல்லது செயலி காட்டுவது போலவே
addToken-period = கால இடைவெளி
addToken-periodHint = ஒரு குறியீட்டுக்கான வினாடிகள் (பொதுவாக 30)
addToken-save = சேமி
editToken-heading = “{ $name }” அங்கீகரிப்பானைத் திருத்துதல்
editToken-intro = அது செயல்படுகிறதா என்று சோதிக்க, “சோதி” பொத்தானை அழுத்தி, உங்கள் அங்கீகரிப்புச் செயலியில் உள்ள OTP/குறியீட்டை உள்ளிடுங்கள்.
editToken-continue = பயன்பாடுகளுக்குச் செல்
editToken-nextStep = iCON-ஐத் திறக்க, “பயன்பாடுகள்” பகுதியில் “ICON” என்பதை அழுத்தி, உங்கள் அங்கீகரிப்புச் செயலியில் உள்ள அடுத்த OTP/குறியீட்டை உள்ளிடுங்கள்.
editToken-comment = குறிப்பு
editToken-serial = OATH டோக்கன் வரிசை எண்
editToken-noSerial = டோக்கன் வரிசை எண் வரையறுக்கப்படவில்லை
editToken-status = நிலைமை
editToken-tested = { $when } அன்று சோதனையில் தேறியது
editToken-untested = இன்னும் சோதிக்கப்படவில்லை: “சோதி” என்பதை அழுத்துங்கள். சோதனையில் தேறிய பிறகே அது உள்நுழைவுக்குப் பயன்படும்.
editToken-delete = நீக்கு
editToken-deleteConfirm = இந்த அங்கீகரிப்பானை நீக்கவா? உங்கள் அங்கீகரிப்புச் செயலியிலிருந்தும் அதன் பதிவை அகற்றுங்கள்.
editToken-deleteYes = ஆம், நீக்கு
editToken-deleteNo = வைத்திரு
editToken-test = சோதி
recovery-heading = மீட்புக் குறியீடுகள்
recovery-intro = உங்கள் அங்கீகரிப்பான் உங்களிடம் இல்லாதபோது (கைபேசி தொலைந்துவிட்டாலோ பழுதடைந்துவிட்டாலோ), இந்தக் குறியீடுகள் ஒவ்வொன்றும் உங்களை ஒருமுறை உள்நுழைய அனுமதிக்கும்: குறியீடு கேட்கப்படும் இடத்தில் அவற்றில் ஒன்றைத் தட்டச்சு செய்யுங்கள். அவை ஒருபோதும் உங்கள் கடவுச்சொல்லுக்கு மாற்றாகாது. அவற்றை அச்சிடுங்கள் அல்லது எழுதிவைத்து, பாதுகாப்பான இடத்தில் வைத்திருங்கள்; அவை இப்போது மட்டுமே காட்டப்படும்.
recovery-number = #{ $number }
recovery-print = குறியீடுகளை அச்சிடு
recovery-continue = குறியீடுகளைச் சேமித்துவிட்டேன்
recovery-listLabel = உங்கள் மீட்புக் குறியீடுகள்
recovery-left = { $left ->
        [0] உங்களிடம் மீட்புக் குறியீடுகள் எதுவும் மீதமில்லை.
        [one] உங்களிடம் இன்னும் 1 மீட்புக் குறியீடு மீதமுள்ளது.
       *[other] உங்களிடம் இன்னும் { $left } மீட்புக் குறியீடுகள் மீதமுள்ளன.
    }
recovery-low = விரைவில் புதிய தொகுப்பை உருவாக்குங்கள்: குறியீடுகள் தீர்ந்துவிட்டால், உங்கள் அங்கீகரிப்பான் அல்லது ஒரு நிர்வாகியின் உதவியுடன் மட்டுமே நீங்கள் உள்நுழைய முடியும்.
recovery-new = புதிய மீட்புக் குறியீடுகளை உருவாக்கு
recovery-newHelp = புதிய தொகுப்பு பழைய தொகுப்புக்கு மாற்றாக அமையும். அதை உருவாக்க உங்கள் கடவுச்சொல்லை உள்ளிடுங்கள்.
recovery-password = உங்கள் கடவுச்சொல்
securityKey-heading = பாதுகாப்புச் சாவியை (FIDO2) சேர்த்தல்
securityKey-intro = உங்கள் பாதுகாப்புச் சாவியை இந்தக் கணினியில் செருகி, “என் பாதுகாப்புச் சாவியைப் பயன்படுத்து” என்பதை அழுத்தி, சாவி மின்னும்போது அதைத் தொடுங்கள்.
securityKey-comment = குறிப்பு
securityKey-commentHint = எ.கா. என் கழுத்துக் கயிற்றில் உள்ள நீலச் சாவி
securityKey-use = என் பாதுகாப்புச் சாவியைப் பயன்படுத்து
securityKey-touch = இப்போது உங்கள் பாதுகாப்புச் சாவியைத் தொடுங்கள்…
securityKey-model = மாதிரி
securityKey-none = பாதுகாப்புச் சாவி எதுவும் கண்டறியப்படவில்லை. அதைச் செருகி (அல்லது வேறொரு USB போர்ட்டில் செருகிப் பார்த்து) மீண்டும் முயலுங்கள்.
securityKey-timeout = உரிய நேரத்தில் சாவி தொடப்படவில்லை. மீண்டும் முயன்று, சாவி மின்னும்போது அதைத் தொடுங்கள்.
securityKey-unsupported = இந்தக் கணினியில் இன்னும் பாதுகாப்புச் சாவிகளைப் பயன்படுத்த முடியாது. அதற்குப் பதிலாக அங்கீகரிப்புச் செயலியையோ வன்பொருள் டோக்கனையோ பயன்படுத்துங்கள்.
securityKey-failed = பாதுகாப்புச் சாவியைப் பயன்படுத்த முடியவில்லை. மீண்டும் முயலுங்கள், அல்லது வேறொரு வழியைப் பயன்படுத்துங்கள்.
securityKey-testIntro = “என் பாதுகாப்புச் சாவியைப் பயன்படுத்து” என்பதை அழுத்தி, சாவி மின்னும்போது அதைத் தொடுங்கள்.
testToken-heading = “{ $name }” அங்கீகரிப்பானைச் சோதித்தல்
testToken-intro = “கடவுச்சொல்” என்பதன் கீழ், அங்கீகரிப்புச் செயலியில் உள்ள OTP/குறியீட்டை உள்ளிட்டு “அடுத்து” என்பதை அழுத்துங்கள்.
testToken-code = கடவுச்சொல்
testToken-codeHint = உங்கள் அங்கீகரிப்புச் செயலி இப்போது காட்டும் குறியீடு

## Errors the guides name (student guide troubleshooting F and G; staff FAQ 7 and 11).
error-heading = பிழை

## Kiosk (DESIGN §6).
kiosk-title = நீங்கள் இன்னும் இங்கே இருக்கிறீர்களா?
kiosk-countdown = { $n ->
        [one] உங்கள் தனியுரிமைக்காக, இந்த அமர்வு { $n } வினாடியில் முடிவடையும்.
       *[other] உங்கள் தனியுரிமைக்காக, இந்த அமர்வு { $n } வினாடிகளில் முடிவடையும்.
    }
kiosk-stay = நான் இங்கே இருக்கிறேன்
kiosk-ended = எந்தச் செயல்பாடும் இல்லாததால் உங்கள் அமர்வு முடிவடைந்தது. அதிலிருந்து எதுவும் சேமிக்கப்படவில்லை.
signIn-admin = நிர்வாகி உள்நுழைவு
firstRun-banner = இந்த நிறுவலில் இன்னும் நிர்வாகி இல்லை. மற்ற அனைவரும் பயன்படுத்தும் கணக்குகளை முதல் நிர்வாகி உருவாக்குவார்.
firstRun-start = முதல் நிர்வாகியை அமை
firstRun-title = முதல் நிர்வாகி
firstRun-intro = இந்த நிறுவலின் முதல் நிர்வாகி (SA, LA, AO) நீங்கள்தான். இப்போது உங்கள் கடவுச்சொல்லைத் தேர்ந்தெடுங்கள்; அடுத்து உங்கள் அங்கீகரிப்புச் செயலியை அமைப்பீர்கள்.
firstRun-login = உங்கள் உள்நுழைவு அடையாளம்
firstRun-loginHint = பள்ளி ஊழியர்கள்: name@schools.gov.sg; தலைமையக ஊழியர்கள்: name@hq.moe.gov.sg
firstRun-name = முழுப்பெயர்
firstRun-kind = கணக்கு வகை
firstRun-location = அமைவிடக் குறியீடு
firstRun-locationHint = உங்கள் பள்ளி அல்லது பிரிவுக் குறியீடு, எ.கா. 5521
firstRun-workEmail = அலுவலக மின்னஞ்சல் (விருப்பத்தேர்வு)
firstRun-password = கடவுச்சொல்
firstRun-confirm = கடவுச்சொல்லை உறுதிசெய்க
firstRun-scan = இந்த QR குறியீட்டை உங்கள் அங்கீகரிப்புச் செயலியால் (Google Authenticator, Microsoft Authenticator அல்லது NetIQ Authenticator) ஸ்கேன் செய்யுங்கள், அல்லது சாவியைத் தட்டச்சு செய்யுங்கள்; பிறகு அது காட்டும் குறியீட்டை உள்ளிடுங்கள்.
firstRun-code = செயலியில் உள்ள குறியீடு
firstRun-finish = உருவாக்கி நிர்வாகத் தளத்தைத் திற
admin-title = நிர்வாகி உள்நுழைவு
admin-text = பள்ளி நிர்வாகிகள் (SA, LA, AO) தங்கள் கடவுச்சொல்லுடன், அங்கீகரிப்பானில் உள்ள குறியீட்டை (அல்லது தங்கள் மீட்புக் குறியீடுகளில் ஒன்றை) உள்ளிட்டோ தங்கள் பாதுகாப்புச் சாவியைத் தொட்டோ உள்நுழைவார்கள். நிர்வாகத் தளம் தனிச் சாளரத்தில் திறக்கும்.
admin-submit = உள்நுழைக
admin-codeHint = உங்கள் அங்கீகரிப்பான் காட்டும் குறியீடு, அல்லது உங்கள் மீட்புக் குறியீடுகளில் ஒன்று.
admin-opened = நிர்வாகத் தளம் புதிய சாளரத்தில் திறந்துள்ளது.
console-title = நிர்வாகம்
console-signedInAs = { $login } ஆக உள்நுழைந்துள்ளீர்கள் ({ $roles })
console-tab-accounts = கணக்குகள்
console-tab-import = இறக்குமதி
console-tab-tokens = வன்பொருள் டோக்கன்கள்
console-tab-audit = தணிக்கைப் பதிவு
console-tab-transfers = இடமாற்றங்கள்
console-tab-year = ஆண்டு இறுதி
console-transfer-to = இந்த அமைவிடத்துக்கு நகர்த்து
console-transfer-from = எங்கிருந்து
console-transfer-by = கோரியவர்
console-transfer-request = இடமாற்றத்தைக் கோரு
console-transfer-requested = { $to } அமைவிடத்துக்கு இடமாற்றம் கோரப்பட்டது; { $to } அமைவிடத்தின் ஒப்புதல் அதிகாரி முடிவுசெய்வார்.
console-transfer-approve = ஒப்புதல் அளி
console-transfer-reject = நிராகரி
console-transfer-confirm = { $login } கணக்கின் இடமாற்றத்தை முடிவுசெய்யவா? இதைத் திரும்பப் பெற முடியாது.
console-transfer-none = உங்கள் முடிவுக்காகக் காத்திருக்கும் இடமாற்றக் கோரிக்கைகள் எதுவும் இல்லை.
console-any = ஏதேனும்
console-kind-student = மாணவர்
console-kind-school_staff = பள்ளி ஊழியர்
console-kind-hq_staff = தலைமையக ஊழியர்
console-state-active = செயலில் உள்ளது
console-state-locked = பூட்டப்பட்டது
console-state-temporary_password = தற்காலிகக் கடவுச்சொல்
console-state-temporary_password_expired = தற்காலிகக் கடவுச்சொல் காலாவதியானது
console-state-disabled = முடக்கப்பட்டது
console-searchText = உள்நுழைவு அடையாளம் அல்லது பெயர்
console-lockedOnly = பூட்டப்பட்ட கணக்குகள் மட்டும்
console-search = தேடு
console-found = { $n ->
        [one] { $n } கணக்கு கண்டறியப்பட்டது.
       *[other] { $n } கணக்குகள் கண்டறியப்பட்டன.
    }
console-accounts = கணக்குகள்
console-select = { $login } கணக்கைத் தேர்ந்தெடு
console-selectAll = காட்டப்படும் அனைத்தையும் தேர்ந்தெடு
console-selectFirst = முதலில் மீட்டமைக்க வேண்டிய கணக்குகளைத் தேர்ந்தெடுங்கள்.
console-resetSelected = தேர்ந்தெடுத்த கணக்குகளின் கடவுச்சொற்களை மீட்டமை
console-resetTitle = கடவுச்சொற்களை மீட்டமைத்தல்
console-resetText = { $n ->
        [one] { $n } கணக்குக்குப் புதிய தற்காலிகக் கடவுச்சொல் வழங்கவா? அதன் தற்போதைய கடவுச்சொல் உடனே செயல்படாது; அந்த நபர் புதியதைக் கொண்டு உள்நுழைந்து புதிய கடவுச்சொல்லைத் தேர்ந்தெடுக்க வேண்டும்.
       *[other] { $n } கணக்குகளுக்குப் புதிய தற்காலிகக் கடவுச்சொற்கள் வழங்கவா? அவற்றின் தற்போதைய கடவுச்சொற்கள் உடனே செயல்படாது; ஒவ்வொருவரும் புதியதைக் கொண்டு உள்நுழைந்து புதிய கடவுச்சொல்லைத் தேர்ந்தெடுக்க வேண்டும்.
    }
console-resetConfirm = கடவுச்சொற்களை மீட்டமை
console-resetOne = கடவுச்சொல்லை மீட்டமை
console-resetClass = { $class } வகுப்பின் கடவுச்சொற்களை மீட்டமை
console-resetClassText = உங்கள் அமைவிடத்தில் உள்ள { $class } வகுப்பின் ஒவ்வொரு மாணவருக்கும் — மற்ற வடிகட்டிகள் பட்டியலிலிருந்து விலக்கியவர்களுக்கும் — புதிய தற்காலிகக் கடவுச்சொல் வழங்கவா? அவர்களின் தற்போதைய கடவுச்சொற்கள் உடனே செயல்படாது; ஒவ்வொரு மாணவரும் புதியதைக் கொண்டு உள்நுழைந்து புதிய கடவுச்சொல்லைத் தேர்ந்தெடுக்க வேண்டும்.
console-editTitle = கணக்கைத் திருத்து
console-editSave = மாற்றங்களைச் சேமி
console-edited = மாற்றங்கள் சேமிக்கப்பட்டன.
console-editNothing = எதுவும் மாற்றப்படவில்லை.
console-editLocationHint = வேறோர் அமைவிடத்துக்கு நகர்த்துவது ஓர் இடமாற்றம்: அதை LA கோருவார், அந்த அமைவிடத்தின் AO ஒப்புதல் அளிப்பார்.
console-disable = கணக்கை முடக்கு
console-disableText = { $login } கணக்கை முடக்கவா? கணக்கு மீண்டும் இயக்கப்படும் வரை அந்த நபரால் உள்நுழையவோ கடவுச்சொல்லை மீட்டமைக்கவோ முடியாது. அவரது கடவுச்சொல், கேள்விகள், அங்கீகரிப்பான்கள் அப்படியே இருக்கும்.
console-disabled = கணக்கு முடக்கப்பட்டது.
console-enable = கணக்கை இயக்கு
console-enableText = { $login } கணக்கை மீண்டும் இயக்கவா? அந்த நபர் முன்புபோலவே தம் கடவுச்சொல்லுடன் உள்நுழையலாம்.
console-enabled = கணக்கு மீண்டும் இயக்கப்பட்டது.
console-delete = கணக்கை நீக்கு
console-deleteText = { $login } ({ $name }) கணக்கை நீக்கவா? கணக்கு, அதன் பாதுகாப்புப் பதில்கள், அதன் அங்கீகரிப்பான்கள் அகற்றப்படும்; அவற்றைத் திரும்பப் பெற முடியாது. தணிக்கைப் பதிவு அதன் வரலாற்றை வைத்திருக்கும்.
console-deleted = { $login } நீக்கப்பட்டது. தணிக்கைப் பதிவு அதன் வரலாற்றை வைத்திருக்கும்.
console-unlock = பூட்டை நீக்கு
console-clearQuestions = பாதுகாப்புக் கேள்விகளை அழி
console-clearQuestionsText = இந்தக் கணக்கின் பாதுகாப்புக் கேள்விகளை அழிக்கவா? அடுத்த முறை உள்நுழையும்போது அந்த நபர் புதிய கேள்விகளை அமைப்பார்; அதுவரை “கடவுச்சொல் மறந்துவிட்டதா?” அவருக்கு உதவாது.
console-deleteAuthenticators = அங்கீகரிப்பான்களை நீக்கு
console-deleteAuthenticatorsText = இந்தக் கணக்கின் எல்லா அங்கீகரிப்பான்களையும் நீக்கவா (கைபேசி தொலைந்தது, அல்லது பகிரப்பட்ட கணக்கு வேறொருவருக்கு மாறுகிறது)? வன்பொருள் டோக்கன்கள் மீண்டும் விடுவிக்கப்படும்.
console-done = முடிந்தது.
console-save = சேமி
console-yes = ஆம்
console-no = இல்லை
console-never = ஒருபோதும் இல்லை
console-since = ஆம், { $at } முதல்
console-until = ஆம், { $at } வரை
console-authenticators = அங்கீகரிப்பான்கள்
console-noAuthenticators = அங்கீகரிப்பான்கள் இல்லை.
console-recoveryLeft = மீதமுள்ள மீட்புக் குறியீடுகள்: { $count }
console-mails = அனுப்பப்படாத மின்னஞ்சல்கள்
console-mailsShow = அனுப்பப்படாத மின்னஞ்சல்களைக் காட்டு
console-mailsNote = SMTP சேவையகம் அமைக்கப்படாததால், மின்னஞ்சல் OTP-களும் அறிவிப்புகளும் இங்கே காத்திருக்கின்றன. அவற்றைப் படிப்பது தணிக்கைப் பதிவில் பதிவாகும்.
console-noMails = அனுப்பப்படாத மின்னஞ்சல்கள் இல்லை.
console-mailSent = எழுதப்பட்டது { $at }
console-mailExpired = காலாவதியானது: இந்தக் குறியீடு இனி செயல்படாது
console-col-login = உள்நுழைவு அடையாளம்
console-col-name = பெயர்
console-col-kind = வகை
console-col-level = நிலை
console-col-location = அமைவிடம்
console-col-state = நிலைமை
console-col-roles = பொறுப்புகள்
console-col-class = வகுப்பு
console-col-apps = செயலிகள்
console-col-comment = குறிப்பு
console-col-serial = வரிசை எண்
console-col-lastTest = கடைசிச் சோதனை
console-col-temporary = தற்காலிகக் கடவுச்சொல்
console-col-expires = காலாவதி
console-col-line = வரி
console-col-reason = காரணம்
console-col-digits = இலக்கங்கள்
console-col-boundTo = இணைக்கப்பட்டவர்
console-col-imported = இறக்குமதியானது
console-col-time = நேரம் (UTC)
console-col-actor = செய்தவர்
console-col-subject = யாருக்கு
console-col-event = நிகழ்வு
console-col-outcome = விளைவு
console-col-detail = விவரம்
console-fact-locked = பூட்டப்பட்டது
console-fact-disabled = முடக்கப்பட்டது
console-fact-generic = பகிரப்பட்ட (பொதுக்) கணக்கு
console-fact-temporary = தற்காலிகக் கடவுச்சொல்
console-fact-questions = பாதுகாப்புக் கேள்விகள் அமைக்கப்பட்டன
console-fact-terms = விதிமுறைகள் ஏற்கப்பட்டன
console-fact-workEmail = அலுவலக மின்னஞ்சல்
console-fact-lastSignIn = கடைசி உள்நுழைவு
console-fact-passwordChanged = கடவுச்சொல் மாற்றப்பட்டது
console-create = கணக்கை உருவாக்கு
console-createSubmit = உருவாக்கு
console-create-generic = பகிரப்பட்ட (பொதுக்) கணக்கு
console-create-roles = நிர்வாகிப் பொறுப்புகள்
console-role-sa = SA (மாணவர் நிர்வாகி)
console-role-la = LA (உள்ளக நிர்வாகி)
console-role-ao = AO (ஒப்புதல் அதிகாரி)
console-year-intro = பள்ளி ஆண்டின் இறுதியில், ஒரு முழு நிலையையோ வகுப்பையோ அடுத்த கட்டத்துக்கு நகர்த்துங்கள். யாரை, எங்கே நகர்த்துவது என்று தேர்ந்தெடுத்து, முன்னோட்டத்தைப் பார்த்து, பிறகு அதைச் செயல்படுத்துங்கள். ஒவ்வொரு கணக்கும் மாற்றப்பட்டுத் தணிக்கைப் பதிவில் பதிவாகும்; மாற்றம் இல்லாத மாணவர்கள் விடுபடுவார்கள்.
console-year-who = யாரை நகர்த்துவது
console-year-where = எங்கே
console-year-level = இந்த நிலையின் மாணவர்கள்
console-year-class = இந்த வகுப்பின் மாணவர்கள்
console-year-toLevel = புதிய நிலை
console-year-toClass = புதிய வகுப்பு
console-year-unchanged = மாற்றமில்லை
console-year-nextClass = ஒவ்வொருவரும் அடுத்த வகுப்புக்கு (3A என்பது 4A ஆகும்)
console-year-preview = முன்னோட்டம்
console-year-apply = { $n ->
        [one] { $n } மாணவருக்குச் செயல்படுத்து
       *[other] { $n } மாணவர்களுக்குச் செயல்படுத்து
    }
console-year-applyTitle = வகுப்பேற்றத்தைச் செயல்படுத்துதல்
console-year-applyText = { $n ->
        [one] முன்னோட்டம் காட்டுவது போல { $n } மாணவரை நகர்த்தவா? அவரது நிலையும் வகுப்பும் உடனே மாறும்; அவரது செயலிகளும் மாறும்.
       *[other] முன்னோட்டம் காட்டுவது போல { $n } மாணவர்களை நகர்த்தவா? அவர்களின் நிலையும் வகுப்பும் உடனே மாறும்; அவர்களின் செயலிகளும் மாறும்.
    }
console-year-previewed = { $n ->
        [one] { $n } மாணவர் மாறுவார். நீங்கள் செயல்படுத்தும் வரை எதுவும் மாற்றப்படாது.
       *[other] { $n } மாணவர்கள் மாறுவார்கள். நீங்கள் செயல்படுத்தும் வரை எதுவும் மாற்றப்படாது.
    }
console-year-applied = { $n ->
        [one] { $n } மாணவர் நகர்த்தப்பட்டார்.
       *[other] { $n } மாணவர்கள் நகர்த்தப்பட்டனர்.
    }
console-year-none = எந்த மாணவரும் மாறமாட்டார்.
console-year-caption = மாணவர்களும் அவர்களின் மாற்றங்களும்
console-year-from = இப்போது
console-year-to = பின்னர்
console-year-gained = பெறுவது: { $apps }
console-year-lost = இழப்பது: { $apps }
console-year-noApps = மாற்றமில்லை
console-year-leaving = { $n ->
        [one] { $n } மாணவர் தம் நிலையின் கடைசி ஆண்டில் உள்ளார்; அப்படியே இருப்பார்: { $names }
       *[other] { $n } மாணவர்கள் தம் நிலையின் கடைசி ஆண்டில் உள்ளனர்; அப்படியே இருப்பர்: { $names }
    }
console-year-alreadyPromoted = { $n ->
        [one] { $n } மாணவர் கடந்த 180 நாள்களில் ஒரு வகுப்பேற்றத்தால் ஏற்கெனவே மாற்றப்பட்டார்; மீண்டும் மாற்றப்படமாட்டார்: { $names }
       *[other] { $n } மாணவர்கள் கடந்த 180 நாள்களில் ஒரு வகுப்பேற்றத்தால் ஏற்கெனவே மாற்றப்பட்டனர்; மீண்டும் மாற்றப்படமாட்டார்கள்: { $names }
    }
console-issued-title = புதிய தற்காலிகக் கடவுச்சொற்கள் ({ $n })
console-issued-once = இந்தக் கடவுச்சொற்கள் இப்போதும் சீட்டுகளிலும் மட்டுமே காட்டப்படும். ஒவ்வொரு சீட்டையும் அதற்குரியவரிடம் கொடுங்கள்.
console-issued-openSlips = PDF சீட்டுகளைத் திற
console-issued-print = இந்தப் பட்டியலை அச்சிடு
console-issued-saved = சீட்டுகள் { $path }-இல் சேமிக்கப்பட்டன
console-issued-atKiosk = கியோஸ்க்கில் வேறு எந்த நிரலும் திறக்கப்படாது: இந்தப் பட்டியலை அச்சிடுங்கள், அல்லது உங்கள் சொந்தக் கணினியிலிருந்து சீட்டுகளைத் திறங்கள். இந்தக் கன்சோல் இங்கே எழுதிய அனைத்தும் அது முடியும்போது நீக்கப்படும்.
console-issued-caption = தற்காலிகக் கடவுச்சொற்கள்
console-step1 = MIMS வாசலைத் திறந்து உங்கள் உள்நுழைவு அடையாளத்தையும் தற்காலிகக் கடவுச்சொல்லையும் உள்ளிடுங்கள்.
console-step2 = மூன்று பாதுகாப்புக் கேள்விகளைத் தேர்ந்தெடுத்து உங்கள் பதில்களைத் தட்டச்சு செய்யுங்கள்.
console-step3 = திரையில் உள்ள எல்லா விதிகளையும் நிறைவு செய்யும் புதிய கடவுச்சொல்லைத் தேர்ந்தெடுங்கள்.
console-step4 = விதிமுறைகளைப் படித்து “புரிந்துகொண்டேன்” என்பதைத் தேர்ந்தெடுங்கள்.
console-step5 = உங்கள் செயலிகள் தோன்றும். உங்கள் கடவுச்சொல்லை இரகசியமாக வைத்திருங்கள்.
console-import-intro = login, name, kind, level, location (விருப்பமாக class, work_email, generic, roles) ஆகிய நெடுவரிசைகளைப் பெயரிடும் தலைப்பு வரிசையுடன் ஒரு CSV கோப்பைத் தேர்ந்தெடுங்கள். எதையும் இறக்குமதி செய்வதற்கு முன் ஒவ்வொரு வரிசையும் சரிபார்க்கப்படும். நிர்வாகப் பங்குகளை வழங்கும் வரிசை இங்கே இறக்குமதி செய்யப்படாது: பங்குகளை “கணக்கை உருவாக்கு” மூலம் வழங்குங்கள்.
console-import-file = CSV கோப்பு
console-import-checked = { $rows } வரிசைகள்: { $good } சரியானவை, { $bad } சிக்கலுள்ளவை.
console-import-badRows = இறக்குமதி செய்யப்படாத வரிசைகள்
console-import-start = { $n ->
        [one] { $n } கணக்கை இறக்குமதி செய்
       *[other] { $n } கணக்குகளை இறக்குமதி செய்
    }
console-import-progress = { $total } கணக்குகளில் { $done }, வினாடிக்கு { $rate }
console-import-progressLeft = { $total } கணக்குகளில் { $done }, வினாடிக்கு { $rate }, சுமார் { $s } வினாடிகள் மீதம்
console-import-done = { $created ->
        [one] { $created } கணக்கு { $seconds } வினாடிகளில் உருவாக்கப்பட்டது.
       *[other] { $created } கணக்குகள் { $seconds } வினாடிகளில் உருவாக்கப்பட்டன.
    }
console-import-cancelled = இறக்குமதி ரத்துசெய்யப்பட்டது: { $rows } வரிசைகளில் { $created } முழுமையாக உருவாக்கப்பட்டன; மற்றவை உருவாக்கப்படவில்லை.
console-tokens-file = டோக்கன் மூலக் கோப்பை இறக்குமதி செய் (CSV அல்லது PSKC)
console-tokens-encryptedHint = மறையாக்கம் செய்யப்பட்ட இரகசியக் குறியீடுகளைக் கொண்ட, வழங்குநரின் PSKC கோப்பு: முதலில் அதன் சாவிக் கோப்பைத் தேர்ந்தெடுங்கள் அல்லது அதன் கடவுச்சொற்றொடரைத் தட்டச்சு செய்யுங்கள், பிறகு அந்தக் கோப்பைத் தேர்ந்தெடுங்கள்.
console-tokens-keyFile = சாவிக் கோப்பு (மறையாக்கம் செய்யப்பட்ட PSKC மட்டும்)
console-tokens-passphrase = கடவுச்சொற்றொடர் (மறையாக்கம் செய்யப்பட்ட PSKC மட்டும்)
console-tokens-free = கட்டற்றது
console-tokens-none = வன்பொருள் டோக்கன்கள் எதுவும் இறக்குமதி செய்யப்படவில்லை.
console-tokens-imported = { $n ->
        [one] { $n } டோக்கன் இறக்குமதி செய்யப்பட்டது.
       *[other] { $n } டோக்கன்கள் இறக்குமதி செய்யப்பட்டன.
    }
console-tokens-unbind = இணைப்பை நீக்கு
console-tokens-unbindText = { $serial } டோக்கனை { $holder } என்பவரிடமிருந்து விடுவிக்கவா? அவரது உள்நுழைவுக்கு அது உடனே செயல்படாது.
console-tokens-unbound = { $serial } டோக்கன் மீண்டும் விடுவிக்கப்பட்டது.
console-tokens-locked = பூட்டப்பட்டது: தவறான குறியீடுகள் மிக அதிகம்
console-tokens-freeLocked = விடுவி
console-tokens-freeLockedText = { $serial } டோக்கனை விடுவிக்கவா? அதைப் பதிவுசெய்யும்போது தவறான குறியீடுகள் உள்ளிடப்பட்டதால் அது பூட்டப்பட்டது; அதை வைத்திருப்பவர் கேட்டால் மட்டுமே விடுவியுங்கள்.
console-adminAccount = இது ஒரு நிர்வாகி கணக்கு ({ $roles }): நிர்வாகத் தளம் அதைக் காட்டும், ஆனால் மாற்றாது. கணினியின் இயக்குநர் gatehouse-cli admin மூலம் அதை மீட்டமைப்பார், பூட்டை நீக்குவார் அல்லது மாற்றுவார்.
console-audit-since = முதல்
console-audit-until = வரை
console-audit-filter = வடிகட்டு
console-audit-export = CSV-க்கு ஏற்றுமதி செய்
console-audit-exported = { $path }-க்கு ஏற்றுமதி செய்யப்பட்டது
console-audit-open = ஏற்றுமதியைத் திற
console-audit-newer = புதியவை
console-audit-older = பழையவை
console-audit-page = நிகழ்வுகள் { $from }–{ $to }
console-audit-none = பொருந்தும் நிகழ்வுகள் இல்லை.
kiosk-adminTitle = கியோஸ்கை மூடுதல்
kiosk-adminText = நிர்வாகி மட்டுமே இந்தக் கணினி ஆய்வகக் கியோஸ்கை மூட முடியும். உங்கள் கடவுச்சொல்லுடன், அங்கீகரிப்பானில் உள்ள குறியீட்டை உள்ளிட்டோ உங்கள் பாதுகாப்புச் சாவியைத் தொட்டோ உள்நுழையுங்கள்.
kiosk-adminLogin = நிர்வாகியின் உள்நுழைவு அடையாளம்
kiosk-adminPassword = கடவுச்சொல்
kiosk-adminCode = அங்கீகரிப்பான் குறியீடு
kiosk-adminSubmit = உள்நுழைந்து மூடு
kiosk-breakGlassLink = பள்ளியின் சேவையகத்தை அணுக முடியவில்லையா? இந்தக் கியோஸ்கின் அவசரக் குறியீட்டைப் பயன்படுத்துங்கள்
kiosk-breakGlassTitle = அவசரக் குறியீட்டைக் கொண்டு கியோஸ்கை மூடுதல்
kiosk-breakGlassText = இந்தக் கியோஸ்க் பள்ளியின் Gatehouse சேவையகத்தில் பதிவுசெய்யப்பட்டபோது எழுதி வைக்கப்பட்ட அவசரக் குறியீட்டைத் தட்டச்சு செய்யுங்கள். ஐந்து தவறான குறியீடுகளுக்குப் பிறகு, ஐந்து நிமிடங்கள் காத்திருங்கள்.
kiosk-breakGlassCode = அவசரக் குறியீடு
kiosk-breakGlassSubmit = கியோஸ்கை மூடு
