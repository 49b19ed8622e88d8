# The server's own pages in the browser (gatehouse-server): the consent an app that is not the
# school's own asks for, and the refusals of single sign-on that cannot go back to an app.
# Every id starts with sso-.

sso-consent-title = Allow { $app } to sign you in?
sso-consent-intro = { $app } is not one of your school's own apps. To sign you in, it asks Gatehouse to tell it:
sso-consent-name = your name: { $name }
sso-consent-login = your login ID: { $login }
sso-consent-never = Gatehouse never gives an app your password, your challenge answers or your authenticators.
sso-consent-again = You will be asked again the next time you sign in to Gatehouse.
sso-consent-allow = Allow
sso-consent-deny = Don't allow
sso-consent-expired = This question has expired or was already answered. Go back to the app and sign in again.
sso-refused-title = Sign-in refused
sso-refused-heading = This app cannot sign you in with Gatehouse
sso-refused-tell = Tell the app's owner or your school's IT team.
sso-refused-unregistered = The app is not registered with this school's Gatehouse.
sso-refused-return-address = The app's return address is not the one registered for it.
sso-refused-logout-unnamed = The app's sign-out did not say who signs out. Sign out on Gatehouse's page instead.
sso-refused-logout-address = The app's address after signing out is not the one registered for it.
sso-refused-saml-request = The request is not a SAML sign-in request.
sso-refused-saml-acs = The app's assertion consumer service is not the one registered for it.
sso-refused-saml-age = The request is too old (or from the future). Start again at the app.
sso-refused-saml-id = The request has no usable ID.
sso-refused-saml-replayed = The request was already answered. Start again at the app.
sso-refused-saml-subject = The app asked for someone other than the person signed in here. Sign out, then start again at the app.
sso-refused-not-for-you = This app is not for your account.
sso-saml-continue = Press Continue to go on to the app.
sso-saml-button = Continue
sso-saml-title = Signing you in…
sso-refused-signed-out = Nobody is signed in to Gatehouse in this browser any more. Start again at the app.
sso-signed-out-of = You have signed out of { $app }
sso-signed-out-of-the-app = You have signed out of the app
sso-signed-out-still = You are still signed in to Gatehouse in this browser as { $name }. On a computer that other people use, sign out of Gatehouse too, or the next person could open your apps.
sso-signed-out-button = Sign out of Gatehouse
sso-signed-out-stay = Stay signed in
sso-signed-out-title = Signed out
sso-signed-out-done = Nobody is signed in to Gatehouse in this browser. You may close this window.
sso-again-title = Sign in again
sso-again-ask = { $app } asks you to sign in again before it goes on. Signing in again signs you out of Gatehouse in this browser first.
sso-again-button = Sign in again
sso-again-stay = Not now
sso-handoff-title = Continue as { $name }?
sso-handoff-ask = Your Gatehouse window is signed in as { $name } and hands this browser that sign-in, to open { $app }. If you are not { $name }, do not continue: close this page.
sso-handoff-button = Continue as { $name }
sso-handoff-not-me = I am not { $name }
sso-refused-sign-out-elsewhere = This sign-out did not come from Gatehouse's own page. Sign out on Gatehouse's page instead.
