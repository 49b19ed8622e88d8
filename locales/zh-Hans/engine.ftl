# Gatehouse 引擎向用户显示的每一句话，按固定的 id 排列（Project Fluent 语法）。
# 华文（新加坡，zh-Hans）译本，与英文版的 id 相同；术语见同一文件夹的 GLOSSARY.md。
# 指南中的产品名称（MIMS、iCON、SSPR）不译。

## Sign-in (student guide steps 1–3, troubleshooting D–E)

sign-in-hint = 请使用你的 MIMS 账户登录。学生的 MIMS 登录ID是 <Full_Name>@{ $student_domain }。学校职员的 MIMS 登录ID以 @{ $school_staff_domain } 结尾。总部职员的 MIMS 登录ID以 @{ $hq_staff_domain } 结尾。如果登录时遇到困难，学生请找老师，职员请找 MIMS 管理员。
login-failed = 登录失败。登录ID或密码不正确。请不要一再输入密码，否则你的账户会被锁定。
account-locked = 由于多次登录失败，你的账户已被锁定。如果你已设置 MIMS 安全问题，请点击“忘记密码？”来解锁账户或设置新密码；否则，请找你的老师或 MIMS 管理员（SA/LA）。
account-disabled = 你的账户未启用。请找学校的 MIMS 管理员（SA/LA）重新启用。
password-changed-elsewhere = 你在此处登录后，你的密码已被更改。请使用新密码重新登录。
temporary-password-expired = 你的临时密码已过期。请找你的老师或 MIMS 管理员（SA/LA）再次重设密码。
signed-out = 你已登出。
account-unlocked = 你的账户已解锁。请用原来的密码登录。
sign-in-with-new-password = 你的密码已更改。请用新密码登录。

## Challenge questions (student guide step 4)

select-question-from-list = 请从列表中选择一个问题。
questions-saved = 谢谢。你的安全问题和答案已成功保存。如果你忘记密码，可以用这些问题的答案来重设密码。
questions-choose-exactly = 请选择 { $count } 个问题，并回答每一个问题。
questions-choose-different = 请选择 { $count } 个不同的问题。
answers-printable-only = 答案只能包含可打印的字符。
answer-too-short = 每个答案至少要有 { $count } 个字符。
answer-too-long = 每个答案最多只能有 { $count } 个字符。
answer-repeats-question = 答案不能和问题相同。
answers-must-differ = 每个问题的答案都必须不同。

## A new password (student guide steps 5–7)

password-policy-failed = 新密码不符合以下要求。
passwords-differ = 新密码和确认密码不一致。
password-changing = 正在更改你的密码。这可能需要几分钟，请耐心等候。
password-changed = 你已成功更改密码。
password-changed-notice = 你的 MIMS 账户密码已更改。

## The password checklist (ids: rule-<rule id>)

rule-case_sensitive = 密码区分大小写。
rule-min_length = 长度至少为 { $count } 个字符。
rule-first_not_symbol = 第一个字符不能是符号（非字母或数字）。
rule-no_name_parts = 不能包含你的姓名或用户名的任何部分。
rule-three_classes = 必须至少包含以下字符中的{ $count ->
        [1] 一种
        [2] 两种
        [3] 三种
        [4] 四种
       *[other] { $count } 种
    }：大写字母（A-Z）、小写字母（a-z）、数字（0-9）、符号（!、#、$ 等）
rule-max_length = 长度最多为 { $count } 个字符。
rule-printable = 只能包含可打印的字符。
rule-not_common = 不能是常用密码。
rule-not_previous = 不能是你之前使用的密码。

## The portal (student guide steps 8–12, staff guide sections 2 and FAQ 5, 7)

app-unavailable = 你的账户无法使用这个应用程序。
two-factor-required = 在设置 MIMS 双重认证（2FA）之前，你将无法使用 iCON。请点击“继续”，在“应用程序”中打开“MIMS Identity Portal”，然后点击“Setup 2FA”（见职员指南第1部分）。你的身份验证器通过测试后，请再次打开 iCON。
two-factor-reminder = 请在 { $date } 之前设置 MIMS 2FA：从那天起，你需要用它来登录 iCON。

## Self-service password reset (student guide §2a, staff guide §4, troubleshooting F–G)

answers-incorrect = 一个或多个答案不正确。请再试一次。
answers-locked = 答错次数太多。这个账户已无法使用自助重设密码。请联系你的管理员（LA/SA）重设密码。
answer-all-questions = 请回答全部 { $count } 个问题。
sspr-5006 = 这个用户账户尚未设置安全问题。请联系你的管理员（LA/SA）重设密码。
sspr-5019 = 系统在处理这项请求时出现问题，请稍后再试。如果问题仍然存在，请联系你的管理员（LA/SA）寻求进一步协助。
sspr-busy = 过去一小时内，这台电脑上的重设密码搜索次数太多。请稍后再试，或找你的 MIMS 管理员（SA/LA）。
locked-choice = 由于多次登录失败，你的账户已被锁定。你可以解锁账户，或更改密码，然后继续。

## Codes from an authenticator

code-incorrect = 验证码不正确。请输入你的身份验证器现在显示的验证码。
code-used = 这个验证码已经用过了。请等下一个验证码出现后再输入。
code-just-used = 你刚刚用过这个验证码。请等身份验证器应用程序显示下一个验证码（每 { $period } 秒更换一次）：它将在 { $seconds } 秒后出现。
codes-locked = 输错验证码的次数太多：你的账户已被锁定。请联系你的 MIMS 本地管理员解锁。
code-clock-skew = 这个验证码对应的时间与现在相差约 { $unit ->
        [minutes] { $amount } 分钟
       *[seconds] { $amount } 秒
    }：你的设备的时钟比这台电脑{ $direction ->
        [ahead] 快
       *[behind] 慢
    }。请把手机的日期和时间设为自动更新，然后输入新的验证码。

## Setting up two-factor authentication (staff guide section 1, FAQ 11)

setup-2fa-first-login = 职员首次登录时须设置双重认证（2FA）。
two-factor-set-up-completed = 你已成功完成 MIMS 2FA 设置。
enter-own-login = 请输入你自己的 MIMS 登录ID，也就是你登录时所用的ID。
choose-email-otp = 请选择“Email OTP”方式。
work-email-is-icon = 一次性密码（OTP）无法发送到你的职员 iCON 电邮地址：由于职员 iCON 需要 MIMS 2FA，你必须先登录才能读取这封电邮。请找学校的 MIMS 本地管理员（LA），在 MIMS Portal 中把电邮地址更新为另一个工作电邮（例如 CES 或 SG-Mail），以接收这个一次性的 MIMS 电邮 OTP。
no-work-email = 你的账户没有登记工作电邮，因此无法发送一次性密码（OTP）。请找学校的 MIMS 本地管理员（LA）添加你的工作电邮（例如 CES 或 SG-Mail）。
email-otp-incorrect = 一次性密码不正确。你还可以尝试 { $tries } 次。
email-otp-expired = 这个一次性密码已过期，或尝试次数过多。请点击“发送新验证码”获取新的密码。
email-otp-send-limit = 过去一小时内，已有 { $max } 个验证码发送到你的工作电邮。请使用最新的一个，或稍后再试。
generic-account-note = 这是一个共用（通用）账户。每位需要使用它的人都必须现在用自己的身份验证器应用程序扫描这同一个二维码。以后如果要取消某人的使用权限，请删除这个令牌，并与所有仍需使用的人一起注册一个新的令牌。
soft-token-saved = 已保存“Soft Token (OTP)”（身份验证器 { $id }）。请选择它并点击“测试”：通过测试后，它才能用于登录。
hard-token-enrolled = 硬件令牌已注册并通过测试。
enter-token-code = 请输入令牌现在显示的验证码。
token-code-incorrect = 验证码不正确。请按令牌上的按钮（或等待它的下一个验证码），然后输入它现在显示的验证码。如果带按钮的令牌仍然不通过，可能是它之前被按了很多次：请连按两次，并输入两个验证码，第一个填在“OTP 验证码”，第二个填在“下一个 OTP 验证码”。
token-locked = 由于输错验证码的次数太多，这个硬件令牌已被锁定。请联系你的 MIMS 本地管理员（LA）释放它，或使用另一个令牌。
no-such-authenticator = 你的账户中没有这个身份验证器。
delete-shown-authenticator = 删除这个页面上显示的身份验证器。
authenticator-passed-test = 身份验证器“{ $name }”已通过测试
authenticator-deleted = 身份验证器已删除。请也从你的身份验证器应用程序中删除它的条目。
authenticator-deleted-shared = 身份验证器已删除。所有仍需使用这个共用账户的人现在必须一起注册一个新的软件令牌（同时扫描新的二维码）。
soft-token-added-notice = 你的 MIMS 账户新增了一个软件令牌（身份验证器应用程序）。
hard-token-added-notice = 你的 MIMS 账户新增了硬件令牌 { $serial }。
authenticator-removed-notice = 你的 MIMS 账户中的一个身份验证器已被删除。
authenticators-removed-by-administrator-notice = 管理员已删除你的 MIMS 账户中的所有身份验证器。
password-reset-by-administrator-notice = 管理员已重设你的 MIMS 账户密码，并为你取得了一个临时密码。
work-email-changed-by-administrator-notice = 管理员已把你的 MIMS 账户的工作电邮改为 { $address }。今后一次性验证码和变更通知都会发到这个地址。

## Recovery codes (issue 17 §2): each stands in for the second factor once, never for the password.
recovery-codes-issued-notice = 你的 MIMS 账户已生成一组新的恢复码，共 { $count } 个。你以前的恢复码都已失效。
recovery-code-used-notice = 恢复码 #{ $number } 已被用来代替你的身份验证器。{ $left ->
        [0] 你已经没有恢复码了。
       *[other] 你还剩 { $left } 个恢复码。
    }
recovery-code-accepted = 恢复码 #{ $number } 已通过验证；它不能再次使用。{ $left ->
       *[other] 你还剩 { $left } 个恢复码。
    }
recovery-code-accepted-low = 恢复码 #{ $number } 已通过验证；它不能再次使用。{ $left ->
        [0] 你已经没有恢复码了。
       *[other] 你只剩 { $left } 个恢复码。
    }请在“MIMS Identity Portal”的“Setup 2FA”中生成一组新的恢复码。
recovery-code-wrong = 这不是你的恢复码，或者它已经用过了。请照着打印出来的样子输入（短横线可以省略），或改用你的身份验证器。
recovery-codes-need-authenticator = 必须先有一个已通过测试的身份验证器，才能获取恢复码：请先添加一个身份验证器并测试它。
recovery-codes-made = 已生成新的恢复码。你以前的恢复码都已失效。

## FIDO2 security keys (issue 17 §1): a touch instead of a code.
security-key-added = 安全密钥已注册并通过测试。
security-key-added-notice = 你的 MIMS 账户新增了一个安全密钥（FIDO2）。
security-key-enrolment-refused = 无法接受安全密钥的回应。请在密钥闪烁时再触摸一次；如果仍然失败，请使用另一个密钥。
no-security-key = 你的账户中没有已通过测试的安全密钥。请改为输入你的身份验证器中的验证码。
security-key-not-asked = 请先选择“使用我的安全密钥”，然后再触摸密钥。
security-key-refused = 安全密钥的回应未被接受。请触摸已在你的账户中注册的密钥，或改为输入验证码。
security-key-takes-no-code = 这个身份验证器是安全密钥：测试它要触摸密钥，而不是输入验证码。请点击“使用我的安全密钥”，然后在密钥闪烁时触摸它。
security-key-timeout = 你没有及时触摸密钥。请再试一次，并在密钥闪烁时触摸它。
security-key-may-be-cloned-notice = 你的安全密钥“{ $comment }”在登录你的 MIMS 账户时被拒绝：它的回应重复了已经用过的计数，因此该密钥可能已被复制。请告知管理员，并更换该密钥。

## Requests the wizard cannot take

request-not-json = 请求不是有效的 JSON：{ $detail }
request-needs-action = 请求需要一个指明操作名称的 "action" 字段。
unknown-action = 没有名为 { $name } 的操作。
request-malformed = { $name } 请求的格式不正确：{ $detail }
invalid-action = 在 { $screen } 页面上无法执行操作 { $action }。

## Accounts (the administrators' forms, the import file, DESIGN §1)

account-not-found = 没有登录ID为 { $login } 的账户。
account-moved-meanwhile = 在进行这项更改时，有一个账户被转移到了另一个地点。没有作出任何更改：请重新查找这些账户。
account-exists = 登录ID为 { $login } 的账户已经存在。
login-empty = 请输入登录ID。
login-too-long = 登录ID最多 { $count } 个字符。
login-shape = 登录ID的格式是 name@domain，例如 John_Tan@students.edu.sg。
login-characters = 登录ID在 @ 之前只能包含字母、数字和 _ . - '，@ 之后是域名。
login-wrong-domain = { $kind ->
        [student] 学生
        [school_staff] 学校职员
       *[hq_staff] 总部职员
    }的登录ID必须以 @{ $domain } 结尾。
email-invalid = 请输入有效的电邮地址，例如 name@ces.gov.sg。
name-empty = 请输入这个人的全名。
name-too-long = 全名最多 { $count } 个可打印字符。
location-invalid = 单位是学校或部门的代码，由 1 至 { $max } 个字母、数字、- 或 _ 组成。
kind-invalid = 类别必须是 student、school_staff 或 hq_staff。
level-invalid = 年级必须是 p1_3、p4_6、secondary 或 jc_mi。
class-invalid = 班级是像 4A 这样的名称，由 1 至 { $max } 个字母、数字、空格、-、_ 或 . 组成，并以字母或数字开头。
role-invalid = 角色必须是 sa、la 或 ao。
level-required = 学生必须有年级：p1_3、p4_6、secondary 或 jc_mi。
level-students-only = 只有学生才有年级。
students-no-work-email = 学生的登录ID就是他们的 iCON 电邮；学生没有工作电邮。
generic-staff-only = 只有职员类账户才能是共用（通用）账户。
roles-staff-only = 管理员角色只适用于职员账户。
class-students-only = 只有学生才有班级。

## The school year: edits, promotions, disabled and deleted accounts (issue 15)

edit-nothing = 请至少指明一项更改：--name、--level、--location 或 --class。
promote-select = 请选择要升级的对象：一个年级、一个班级，或两者。
promote-nothing = 请说明要更改什么：新的年级、新的班级，或升上下一个班级（3A 变成 4A）。
promote-class-twice = 请指定新的班级，或要求升上下一个班级，不能两者都选。
promote-changed = 自预览以来，要升级的账户有了变化（当时 { $expected } 个，现在 { $found } 个）；请重新预览。
promote-level-needs-class = 新的级别一次只能给一个班：请指明班级（--class 3A --to-level p4_6 --next-class）。一个级别包含其中每个年级，否则小一和小二会随小三一起被移动。
students-location-needed = 这些学生分布在 { $count } 个地点（{ $locations }）：请用 --location 指明一个，或加上 --all-locations 表示全部地点。

## What an administrator may do in the console (DESIGN §1). $role and $roles are the roles'
## abbreviations (SA, LA, AO; several joined by +), or "none".

scope-role-acts-on = 只有 { $role } 才能管理{ $role ->
        [SA] 学生
       *[LA] 职员
    }（你的角色：{ $roles ->
        [none] 无
       *[other] { $roles }
    }）。
scope-location-acts-on = { $role } 只能管理单位 { $location } 的{ $role ->
        [SA] 学生
       *[LA] 职员
    }。
scope-role-creates = 只有 { $role } 才能创建{ $role ->
        [SA] 学生
       *[LA] 职员
    }账户（你的角色：{ $roles ->
        [none] 无
       *[other] { $roles }
    }）。
scope-location-creates = { $role } 只能为单位 { $location } 创建{ $role ->
        [SA] 学生
       *[LA] 职员
    }账户。
scope-grants-held-roles = 管理员只能通过管理控制台授予自己拥有的角色（{ $roles ->
        [none] 无
       *[other] { $roles }
    }），不能授予 { $role }。
scope-administrator-account = 管理控制台不能对管理员账户进行这项操作：{ $op ->
        [reset_password] 重设密码
        [unlock] 解锁
        [clear_questions] 清除安全问题
        [set_work_email] 更改工作电邮
        [delete_authenticators] 删除身份验证器
        [request_transfer] 申请转移
        [decide_transfer] 决定转移
        [edit] 编辑
        [disable] 停用
        [enable] 启用
        [delete] 删除
        [promote] 升级
        [mails] 阅读未送达的电邮
       *[other] 更改
    }（{ $login } 拥有 { $roles } 角色）；这类操作由这台电脑的操作员使用 gatehouse-cli admin 进行。
scope-own-account = 管理员不能通过管理控制台对自己的账户进行这项操作：{ $op ->
        [reset_password] 重设密码
        [unlock] 解锁
        [clear_questions] 清除安全问题
        [set_work_email] 更改工作电邮
        [delete_authenticators] 删除身份验证器
        [request_transfer] 申请转移
        [decide_transfer] 决定转移
        [edit] 编辑
        [disable] 停用
        [enable] 启用
        [delete] 删除
        [promote] 升级
       *[other] 更改
    }。
mails-no-outbox = 这个系统通过 SMTP 发送电邮，因此没有可显示的未送达电邮。
scope-location-moves = 管理员只能在单位 { $location } 内移动账户；如要把账户移到另一个单位，请申请转移（由该单位的 AO 批准）。
scope-own-transfer = 管理员不能决定自己账户的转移。
scope-la-requests-transfers = 只有 LA 才能申请单位转移（你的角色：{ $roles ->
        [none] 无
       *[other] { $roles }
    }）。
scope-la-transfers-location = LA 只能为单位 { $location } 的账户申请转移。
scope-ao-decides-transfers = 只有 AO 才能批准或拒绝单位转移（你的角色：{ $roles ->
        [none] 无
       *[other] { $roles }
    }）。
scope-ao-transfers-location = AO 只能决定转入单位 { $location } 的转移。
scope-la-imports-tokens = 只有 LA 才能导入硬件令牌（你的角色：{ $roles ->
        [none] 无
       *[other] { $roles }
    }）。
scope-la-frees-tokens = 只有 LA 才能释放被锁定的硬件令牌（你的角色：{ $roles ->
        [none] 无
       *[other] { $roles }
    }）。

## Location transfers (DESIGN §1)

already-at-location = { $login } 已经在单位 { $location }。
no-such-transfer = 没有编号为 #{ $id } 的转移申请。
transfer-account-moved = 这个账户现在属于单位 { $location }，而不是 { $from }。
transfer-pending = 这个账户的转移申请 #{ $id }（转到单位 { $location }）仍在等待处理；必须先批准或拒绝它。
transfer-already-decided = 转移申请 #{ $id } 已由 { $by } 于 { $at } { $decision ->
        [approved] 批准
       *[rejected] 拒绝
    }；已决定的申请不能再次决定。
transfer-account-left = { $login } 已不在单位 { $location }；无法批准转移申请 #{ $id }。
transfer-decided-meanwhile = 转移申请 #{ $id } 在此期间已被决定。

## Importing accounts from a CSV file

import-no-header = 文件中没有可读取的标题行：{ $detail }
import-unknown-column = 标题行中有未知的列“{ $column }”；可用的列是 { $columns }。
import-missing-column = 标题行缺少“{ $column }”列。
import-column-twice = “{ $column }”列出现了两次（第 { $position } 列）。
import-row-unreadable = 无法读取这一行：{ $detail }
import-roles-refused = 该文件在 { $count } 行中授予管理员角色（第 { $lines } 行）：未导入任何内容。如确有此意，请加上 --allow-roles 重新导入。
import-row-roles-console = 这一行授予管理员角色（{ $roles }）：控制台不导入角色。请用“创建账户”逐个账户授予（在那里可以看到角色），或请操作员用 gatehouse-cli admin import --allow-roles 导入该文件。
import-row-fields = 应有 { $expected } 个字段，实际有 { $found } 个
import-row-generic = generic 必须是 yes 或 no，而不是“{ $value }”
import-row-login-repeated = 这个登录ID已出现在本文件的第 { $line } 行
import-row-exists = 使用这个登录ID的账户已经存在
import-stopped = 未导入：轮到此行时无法写入账户存储（此前的行已创建）。请重新导入此行。

## Hardware tokens in stock (staff guide section 1)

token-not-in-stock = 库存中没有硬件令牌“{ $serial }”。
token-not-bound = 硬件令牌 { $serial } 没有绑定给任何人。
token-not-registered = 没有登记序列号为“{ $serial }”的硬件令牌。请查看令牌背面的序列号。
token-already-enrolled = 这个硬件令牌已注册到一个账户。
token-counter-moved = 令牌的计数器在此期间已经前进；请输入下一个验证码
comment-too-long = 备注最多 { $count } 个可打印字符。

## Authenticator secrets and parameters (RFC 4226, RFC 6238, the Key URI Format)

otp-algorithm-unsupported = 不支持的 OTP 算法“{ $algorithm }”
otp-digits-range = OTP 有 { $min } 至 { $max } 位数字。
otp-period-range = 周期必须是 { $min } 至 { $max } 秒。
secret-not-base32 = 密钥不是有效的 base32（字母 A-Z 和数字 2-7）。
secret-base32-too-short = 密钥太短：至少需要 { $count } 个 base32 字符（{ $bits } 位）。
secret-too-long = 密钥太长：最多 { $bytes } 字节。
secret-not-hex = 密钥不是有效的十六进制。
secret-hex-length = 密钥太短或太长：必须是 { $min } 至 { $max } 个十六进制数字（80 位至 128 字节）。
otpauth-cannot-build = 无法生成 otpauth URI：{ $detail }
otpauth-invalid = 不是有效的 otpauth URI：{ $detail }
qr-cannot-encode = 无法生成二维码：{ $detail }

## Password slips (printed for a new or reset account)

no-slips = 没有可打印的密码单。
slip-expiry-not-a-date = { $login } 的密码有效期不是日期。
slip-password-unprintable = { $login } 的临时密码含有密码单无法显示的字符；请再重设一次。

## Mail and the audit log's filters

cannot-mail = 无法发送电邮到 { $address }：{ $detail }
audit-filter-not-a-date = { $field }：“{ $value }”不是日期（例如 2026-11-26）或时间（例如 2026-11-26T08:00:00+08:00）。

## Hardware token seed files (CSV, or PSKC of RFC 6030). A fault is a message of its own,
## shown after the place: $fault.

token-file-line = 第 { $line } 行：{ $fault }
token-file-element = 第 { $line } 行，<{ $element }>：{ $fault }
token-file-empty = 文件中没有令牌。
token-serial-twice = 序列号 { $serial } 在文件中出现了两次。
token-serial-invalid = 序列号“{ $serial }”必须由 1 至 { $max } 个字母、数字、- _ 或 . 组成
token-csv-unreadable = 无法读取这一行（{ $detail }）
token-csv-fields = 应为 serial,secret[,digits,period]，实际有 { $count } 个字段
token-csv-not-a-number = { $column }“{ $value }”不是数字
token-csv-digits = digits 必须是 6、7 或 8
token-xml-malformed = XML 格式不正确：{ $detail }
token-pskc-not-a-container = 不是 PSKC 密钥容器（应为 <KeyContainer xmlns="{ $namespace }">）
token-pskc-no-serial = 缺少 DeviceInfo/SerialNo
token-pskc-no-element = 缺少 <{ $name }>
token-pskc-algorithm = 不支持的 Algorithm“{ $algorithm }”（只支持 HOTP 或 TOTP 密钥）
token-pskc-not-decimal = 只支持 DECIMAL 格式的响应
token-pskc-not-a-number = { $name } 不是数字
token-pskc-key-needed = 文件中的密钥已用加密密钥（“{ $name }”）加密：请提供它的密钥文件
token-pskc-passphrase-needed = 文件中的密钥已用密码短语（“{ $name }”）加密：请提供它的密码短语文件
token-pskc-key-wrong = 加密密钥或密码短语无法打开这个文件
token-pskc-mac-failed = MAC 不匹配：加密密钥或密码短语不正确，或者文件已被更改
token-pskc-unsupported = 不支持的算法“{ $algorithm }”（只支持 CBC 模式的 AES-128、AES-192 或 AES-256，使用 SHA-1 或 SHA-2 的 HMAC，以及 PBKDF2）
token-pskc-key-length = 加密密钥长 { $bytes } 字节；这个算法需要 { $needed } 字节
token-pskc-ciphertext = 加密的值不是一个 IV 后接若干完整的 AES 块
token-pskc-pbkdf2-params = 不支持迭代 { $iterations } 次、生成 { $bytes } 字节加密密钥的 PBKDF2（迭代次数须为 1 至 10,000,000 次；加密密钥须为 16、24 或 32 字节）
token-pskc-key-file = 密钥文件中的内容既不是十六进制的加密密钥（32、48 或 64 个十六进制数字），也不是 16、24 或 32 个字节
token-pskc-passphrase-file = 密码短语文件的第一行是空的，或者不是文本
token-pskc-not-base64 = 密钥不是有效的 base64
token-pskc-secret-short = 密钥短于 { $bits } 位
token-pskc-plain-in-encrypted = 在密钥已加密的文件中，此密钥却是明文：没有 MAC 可证明它由供应商写入（文件可能已被改动；请向供应商索取新文件）
token-pskc-counter-large = 计数器大于 { $max }
token-file-not-encrypted = 已提供密钥或口令，但此文件中的密钥未加密：请确认这是供应商随该密钥发送的文件。

## Administrator sign-in and the first run (DESIGN §5)

admin-sign-in-failed = 登录ID、密码或身份验证器验证码不正确。
admin-key-sign-in-failed = 登录ID、密码或安全密钥不正确。
admin-account-locked = 这个账户已被锁定。其他管理员可以为它解锁。
admin-account-disabled = 这个账户已停用。其他管理员可以重新启用它。
admin-not-administrator = 这个账户不是管理员账户（SA、LA 或 AO）。
admin-no-authenticator = 管理员须使用身份验证器登录：请先在门户中设置并测试一个身份验证器。
admin-no-security-key = 此账户没有通过测试的安全密钥。请改为输入身份验证器上的验证码。
admin-temporary-password = 请先在门户中完成首次登录（你的密码仍是临时密码）。
kiosk-exit-wait = 在这台公用终端上尝试错误的次数太多。请在 { $seconds } 秒后再试。
first-run-done = 这个系统已经设置好了：管理员由系统的运维人员创建（gatehouse-cli admin create）。
first-run-staff-only = 第一位管理员必须是职员账户（学校职员或总部职员）。
first-run-passwords-differ = 两次输入的密码不一致。
first-run-password-rule = 密码不符合这项规则：{ $rule }
first-run-wrong-code = 这不是身份验证器现在显示的验证码。请查看应用程序，输入当前的验证码。

## The operator's command line

demo-reset-refused = { $dir } 中有示范学校以外的账户（例如 { $login }）；拒绝重设
demo-seed-refused = 此账户存储中有示范学校以外的账户（例如 { $login }）；示范学校只能在专用的数据目录中设置（不要加 --data-dir，或指定一个空目录）
demo-config-refused = { $dir } 中有学校的数据库，但没有示范学校的配置；示范学校只能在专用的数据目录中设置（不要加 --data-dir，或指定一个空目录）
output-file-exists = { $path } 已存在；请把它移走，或加上 { $option }
migrate-destination-not-empty = 目标数据库中已有账户或审计记录；请复制到空的数据库，或加上 --force 强行尝试（如果某个登录ID或键在两边都存在，整个复制会停止，且不会写入任何内容）
migrate-clash = 目标数据库中已有复制所需的一行（{ $detail }）；没有写入任何内容
migrate-source-missing = { $dir } 不是 Gatehouse 数据目录（其中没有 gatehouse.db，也没有 gatehouse.toml）；请检查 --from 指定的路径
migrate-source-empty = 来源中没有任何账户，也没有审计记录：来源是否正确？没有复制任何内容

## The server (what it answers when a request never reaches the wizard)

session-ended = 你这次的登录已结束。请从登录页面重新开始。
session-changed = 这个页面同时被另一个请求更改了。请重新查看，然后再做一次你的上一步。
request-too-large = 请求太大（最多 { $limit } 字节）。
too-many-requests = 这台电脑发出的请求太多。请等一分钟后再试。
request-timed-out = 请求时间太长，已被停止。请再试一次。
bad-request = 无法理解这个请求。
server-unreachable = 现在无法连接 Gatehouse 服务器。请稍后再试。
server-busy = Gatehouse 服务器现在很忙。请稍后再试。
csrf-refused = 此页面已过期。请重新加载后再试。

## A signed-in person's own changes (issue 15)
current-password-needed = 请输入你当前的密码。
current-password-wrong = 你当前的密码不正确。
questions-changed-notice = 你的 MIMS 账户的安全问题已更改。如果这不是你本人所做，请立即联系你的 MIMS 管理员（SA/LA）。

## The console's operations over the server (issue 14 §1)
console-select-accounts = 请至少选择一个账户。
console-import-too-large = 这个文件要创建 { $rows } 个账户；每次最多只能发送 { $max } 个。

## Registered machines (issue 14 §2)
enrolment-code-invalid = 这个登记码无效：它不正确、已用完或已过期。请向学校的资讯科技团队索取新的登记码。
enrolment-uses-invalid = 一个登记码可登记 1 至 { $max } 台电脑。
enrolment-hours-invalid = 登记码的有效期为 1 至 { $max } 小时。
device-name-invalid = 电脑名称由 1 至 { $max } 个字母、数字、点、短横线或下划线组成，并以字母或数字开头。
device-name-taken = 已有一台名为 { $name } 的电脑登记。请换一个名称，或先撤销旧的登记。
device-not-found = 没有名为 { $name } 的电脑登记。
devices-operator-only = 电脑的登记和撤销由服务器的操作员进行（gatehouse-cli admin device）。
device-unknown = 这台电脑尚未在 Gatehouse 服务器上登记。请学校的资讯科技团队为它登记。
device-revoked = 这台电脑的登记已被撤销。请学校的资讯科技团队重新为它登记。
device-not-kiosk = 这台电脑没有登记为公用终端，因此不能以公用终端模式使用。

## Help, on every screen (issue 15: the guides' service desk, troubleshooting and 2FA advice)
sign-in-hint-short = 学生：你的登录ID是 Full_Name@{ $student_domain }（Full_Name 是你的全名）。
help-desk-call = 请拨打 { $phone } 联系 { $desk }。
help-desk-email = 请发电邮到 { $email } 联系 { $desk }。
help-desk-web = { $desk } 提供更多帮助：{ $url }
help-admins-students = 学校的 MIMS 学生管理员（SA）可以为你重设密码、解锁账户和设置安全问题：
help-admins-staff = 学校的 MIMS 本地管理员（LA）可以为你重设密码、解锁账户和更新工作电邮：
help-admins-none = 这里还没有列出你学校的 MIMS 管理员。请问你的老师或学校办公室。
help-sign-in-title = 我无法登录
help-sign-in-student = 请输入你的学生 iCON 电邮地址作为登录ID：就是你的全名，后面加上 @{ $student_domain }。如果不确定，请问你的老师。
help-sign-in-staff = 学校职员用以 @{ $school_staff_domain } 结尾的登录ID登录，总部职员用以 @{ $hq_staff_domain } 结尾的登录ID登录。
help-password-title = 我的密码不被接受
help-password-body = 请确保正确输入你的 MIMS 密码（密码区分大小写）。出现“登录失败……”后，请不要一再输入密码，否则你的账户会被锁定。
help-password-forgot = 如果你已设置安全问题，请在登录页面点击“忘记密码？”来设置新密码。
help-password-admin-student = 如果你无法这样做，请找你的老师或学校的 MIMS 学生管理员（SA）重设密码。
help-password-admin-staff = 如果你记不起安全问题的答案，请联系学校的 MIMS 本地管理员（LA）重设密码。
help-locked-title = 我的账户被锁定了
help-locked-body = 输错密码太多次，账户就会被锁定。如果你已设置安全问题，请点击“忘记密码？”来解锁账户或设置新密码；否则，请找你的老师或 MIMS 管理员（SA/LA）。
help-no-questions-title = “SSPR 5006”：尚未设置安全问题
help-no-questions-body = 如果你还没有设置安全问题，点击“忘记密码？”后就会出现这个错误。请找你的老师或 MIMS 管理员（SA/LA）为你设置安全问题并重设密码。
help-app-title = 仪表板上的某个应用程序显示错误
help-app-body = 某些年级不能使用一些应用程序：例如，小一至小三学生不能使用 Gmail。如果你应该有的应用程序不见了或显示错误，请告诉你的老师，老师会代你向 { $desk } 报告。
help-two-factor-title = 什么是 MIMS 2FA？
help-two-factor-body = MIMS 双重认证（2FA）在你登录 iCON 时，在 MIMS 密码之外多加一个步骤：密码是你“知道”的东西，你的手机或平板电脑是你“拥有”的东西。
help-two-factor-students = 学生 iCON 不需要 MIMS 2FA。
help-apps-title = 我应该用哪个身份验证器应用程序？
help-apps-body = 请在你个人的手机或平板电脑上安装以下其中一个应用程序：Google Authenticator、Microsoft Authenticator 或 NetIQ Authenticator。
help-apps-ios = 如果要在 iOS 设备上设置多于一个 MIMS 2FA 配置（例如你自己的账户和一个通用 iCON 账户），请下载并安装 Google Authenticator 应用程序，而不是 Microsoft Authenticator 应用程序。
help-no-phone-title = 我没有可以安装应用程序的手机或平板电脑
help-no-phone-body = 你可以改用硬件令牌：添加身份验证器时，请选择“Hard Token/FIDO 2.0”。请向学校的 MIMS 本地管理员（LA）询问如何申请。
help-email-otp-title = 收不到电邮 OTP
help-email-otp-body = 一次性密码无法发送到职员 iCON 地址（以 @{ $icon_domain } 结尾）。请找学校的 MIMS 本地管理员（LA）把你的工作电邮更新为另一个地址，例如你的 CES 电邮。
help-email-otp-desk = 如果电邮地址正确，但仍然收不到 OTP，请联系 { $desk }。
help-setup-error-title = 设置 2FA 时出现错误
help-setup-error-body = 请先登出 MIMS Portal，再重新登录，以重新开始设置 MIMS 2FA。
help-other-title = 技术问题和其他问题
help-other-student = 请告诉你的老师，老师会代你向 { $desk } 报告。
help-other-staff = 你可以联系学校的桌面工程师（DE），或向 { $desk } 报告问题。

## The languages, each named in its own script (the selector's list and the CLI's --language).
language-en = English
language-zh-Hans = 华文
language-ms = Bahasa Melayu
language-ta = தமிழ்

## Mails (issue 16): the subject line and the body, in the person's language.
mail-greeting = { $name }，你好：
mail-otp-subject = MIMS OTP #{ $sequence }（一次性密码）
mail-otp-body = 你的 MIMS 一次性密码（OTP #{ $sequence }）是 { $code }
mail-otp-expiry = 它将在 { $minutes } 分钟后（{ $at }）失效。请在显示 OTP #{ $sequence } 的 MIMS 2FA 页面上输入。
mail-otp-not-you = 如果你没有申请这个密码，可能有人知道你的密码：请更改密码，并告诉你的 MIMS 本地管理员。
mail-change-subject = MIMS 账户变更
mail-change-when = 时间：{ $at }，电脑：{ $machine }。
mail-change-not-you = 如果这不是你本人所做，请立即联系你的 MIMS 本地管理员。

## Password slips (issue 16): printed for a class, in the school's language.
slip-title = 密码单
slip-tag = 密码单
slip-first-sign-in = 你的第一次登录
slip-student = 学生
slip-login = 登录ID
slip-location = 单位
slip-level = 年级
slip-password = 临时密码
slip-step-portal = 打开 { $portal } 的登录页面。
slip-step-sign-in = 在“用户名”里输入你的登录ID，在“密码”里输入你的临时密码。点击“登录”。
slip-step-questions = 选 3 个安全问题，写下容易记住的简短答案。点击“保存答案”。
slip-step-password = 设一个符合页面上规则的新密码。输入两次，然后点击“更改密码”。
slip-step-terms = 读一读条款，然后点击“我明白”。
slip-footer = 不要把这张单给别人看。需要帮助？请问你的老师。
slip-printed = 打印于 { $at }
slip-expires = 有效期至 { $at }
slip-exactly = 请照着输入，一模一样：大写字母和小写字母不一样。
# "0 is zero": a look-alike character of the password, and what to call it.
slip-lookalike = { $glyph } 是{ $name }
slip-lookalike-zero = 数字零
slip-lookalike-capital-o = 大写字母 O
slip-lookalike-one = 数字一
slip-lookalike-small-l = 小写字母 l
slip-lookalike-capital-i = 大写字母 I
slip-lookalike-straight-line = 竖线
slip-level-p1-3 = 小一至小三
slip-level-p4-6 = 小四至小六
slip-level-secondary = 中学
slip-level-jc-mi = 初级学院 / 励仁高级中学

## The challenge questions (crates/core/src/questions.rs), by their stored id.
question-favourite_colour = 你最喜欢什么颜色？
question-favourite_animal = 你最喜欢什么动物？
question-favourite_book = 你最喜欢哪一本书？
question-favourite_sport = 你最喜欢什么运动或爱好？
question-favourite_city = 你最喜欢哪一个城市？
question-mothers_maiden_name = 你妈妈结婚前姓什么？
question-favourite_food = 你最喜欢吃什么？
question-favourite_subject = 你在学校最喜欢哪一个科目？
question-favourite_movie = 你最喜欢哪一部电影？
question-first_pet = 你的第一只宠物叫什么名字？
question-childhood_friend = 你小时候最好的朋友叫什么名字？
question-favourite_fruit = 你最喜欢什么水果？
question-dream_job = 你小时候想做什么工作？
question-favourite_song = 你最喜欢哪一首歌？

## How strong a password is: zxcvbn's score and its advice (crates/core/src/policy.rs).
strength-0 = 非常弱
strength-1 = 弱
strength-2 = 一般
strength-3 = 强
strength-4 = 非常强
strength-warning-straight-rows = 键盘上连成一排的键很容易被猜到。
strength-warning-short-keyboard-patterns = 简短的键盘图案很容易被猜到。
strength-warning-repeats = 像“aaa”这样的重复很容易被猜到。
strength-warning-repeated-words = 像“abcabcabc”这样的重复只比“abc”难猜一点点。
strength-warning-top-10 = 这是最常用的10个密码之一。
strength-warning-top-100 = 这是最常用的100个密码之一。
strength-warning-common = 这是一个非常常用的密码。
strength-warning-similar-to-common = 这和一个常用密码很相似。
strength-warning-sequences = 像 abc 或 6543 这样的顺序很容易被猜到。
strength-warning-recent-years = 最近的年份很容易被猜到。
strength-warning-one-word = 只用一个词很容易被猜到。
strength-warning-dates = 日期往往很容易被猜到。
strength-warning-names = 只用名字或姓氏很容易被猜到。
strength-warning-common-names = 常见的名字和姓氏很容易被猜到。
strength-tip-few-words = 用几个词组成密码，避免常用的词组。
strength-tip-no-need-for-symbols = 不一定要用符号、数字或大写字母。
strength-tip-another-word = 再加一两个词。不常用的词更好。
strength-tip-capitals = 用大写字母作用不大。
strength-tip-all-uppercase = 全部大写和全部小写几乎一样容易被猜到。
strength-tip-reversed = 把词倒过来写并不会难猜多少。
strength-tip-substitutions = 用“@”代替“a”这类容易预料的替换作用不大。
strength-tip-longer-keyboard-pattern = 使用更长、转弯更多的键盘图案。
strength-tip-avoid-repeats = 避免重复的词和字符。
strength-tip-avoid-sequences = 避免使用顺序。
strength-tip-avoid-recent-years = 避免使用最近的年份。
strength-tip-avoid-your-years = 避免使用和你有关的年份。
strength-tip-avoid-your-dates = 避免使用和你有关的日期和年份。
