# 服务器自己的浏览器页面（gatehouse-server）：非学校自有的应用程序请求的同意，以及无法送回应用程序的单点登录拒绝。

sso-consent-title = 允许 { $app } 通过 Gatehouse 让你登录吗？
sso-consent-intro = { $app } 不是你学校自己的应用程序。为了让你登录，它要求 Gatehouse 告诉它：
sso-consent-name = 你的姓名：{ $name }
sso-consent-login = 你的登录ID：{ $login }
sso-consent-never = Gatehouse 从不把你的密码、安全问题的答案或身份验证器交给任何应用程序。
sso-consent-again = 下次你登录 Gatehouse 时，会再次询问你。
sso-consent-allow = 允许
sso-consent-deny = 不允许
sso-consent-expired = 这个询问已过期或已经回答过了。请回到应用程序，重新登录。
sso-refused-title = 登录被拒绝
sso-refused-heading = 这个应用程序无法通过 Gatehouse 让你登录
sso-refused-tell = 请告诉应用程序的负责人或学校的IT团队。
sso-refused-unregistered = 这个应用程序没有在本校的 Gatehouse 登记。
sso-refused-return-address = 应用程序的返回地址不是为它登记的地址。
sso-refused-logout-unnamed = 应用程序的登出请求没有说明谁要登出。请改在 Gatehouse 的页面上登出。
sso-refused-logout-address = 应用程序登出后要前往的地址不是为它登记的地址。
sso-refused-saml-request = 这个请求不是 SAML 登录请求。
sso-refused-saml-acs = 应用程序的断言消费服务（assertion consumer service）不是为它登记的那个。
sso-refused-saml-age = 这个请求太旧了（或来自未来）。请回到应用程序重新开始。
sso-refused-saml-id = 这个请求没有可用的ID。
sso-refused-saml-replayed = 这个请求已经回答过了。请回到应用程序重新开始。
sso-refused-not-for-you = 这个应用程序不适用于你的账户。
sso-saml-continue = 按“继续”前往应用程序。
sso-saml-button = 继续
sso-saml-title = 正在为你登录…
sso-refused-signed-out = 这个浏览器上已经没有人登录 Gatehouse 了。请回到应用程序重新开始。
