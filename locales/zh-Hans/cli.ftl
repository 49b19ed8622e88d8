# 命令行工具（gatehouse-cli）自己的句子：给终端前的操作员看的确认信息、表格和列表。
# `--json` 的输出和向导的 JSON 行不分语言。
# 同时也是命令所接受的值（类别如 school_staff、年级如 p4_6、角色、事件名称）按输入时的样子保留。
# 华文（新加坡，zh-Hans）译本；术语见同一文件夹的 GLOSSARY.md。

## Errors

cli-error = 错误：{ $message }
cli-server-refused = 服务器拒绝了请求：{ $message }（{ $code }）
cli-nothing-registered = 错误：{ $message }；没有进行任何登记

## An account

cli-account-summary = { $kind }，单位 { $location }{ $level ->
        [none] {""}
       *[other] ，年级 { $level }
    }{ $class ->
        [none] {""}
       *[other] ，班级 { $class }
    }
cli-created = 已创建 { $login }（{ $account }）。
cli-password-reset = 已重设 { $login }（{ $account }）的密码。
cli-temporary-password = 临时密码（只显示这一次）：{ $password }
cli-temporary-password-expires = 有效期至 { $when }；首次登录时须设置安全问题和新密码。
cli-updated = 已更新 { $login }。
cli-disabled = 已停用 { $login }。
cli-enabled = 已启用 { $login }。
cli-unlocked = 已解锁 { $login }。
cli-questions-cleared = 已清除 { $login } 的安全问题。
cli-deleted = 已删除 { $login }（{ $account }）；审计日志会保留它的记录。

cli-field-login = 登录ID
cli-field-name = 姓名
cli-field-kind = 类别
cli-field-level = 年级
cli-field-location = 单位
cli-field-class = 班级
cli-field-roles = 角色
cli-field-work-email = 工作电邮
cli-field-state = 状态
cli-field-locked-since = 锁定时间
cli-field-failed-passwords = 密码错误次数
cli-field-temporary-password = 临时密码
cli-field-questions-set = 已设置安全问题
cli-field-self-service = 自助重设密码
cli-field-terms = 已接受条款
cli-field-last-sign-in = 上次登录
cli-field-password-changed = 密码更改时间
cli-field-created = 创建时间
cli-field-authenticator = 身份验证器 { $id }
cli-field-recovery-codes = 恢复码
cli-recovery-codes-left = { $count ->
        [0] 没有剩余
       *[other] 还剩 { $count } 个
    }

cli-yes = 是
cli-no = 否
cli-generic = { $kind }，共用（通用）账户
cli-temporary-password-until = 是，有效期至 { $when }
cli-self-service-blocked = 不可用（答错次数太多）
cli-self-service-available = 可用
cli-authenticator = { $name }“{ $comment }”{ $serial ->
        [none] {""}
       *[other] ，序列号 { $serial }
    }，{ $tested ->
        [none] 尚未测试
       *[other] 已于 { $tested } 通过测试
    }

## Lists

cli-column-login = 登录ID
cli-column-kind = 类别
cli-column-level = 年级
cli-column-location = 单位
cli-column-class = 班级
cli-column-state = 状态
cli-column-name = 名称
cli-column-temporary-password = 临时密码（只显示这一次）
cli-column-apps = 应用程序
cli-column-serial = 序列号
cli-column-type = 类型
cli-column-digits = 位数
cli-column-enrolled-to = 注册账户
cli-column-kiosk = 公用终端
cli-column-registered = 登记时间
cli-column-table = 数据表
cli-column-source = 来源
cli-column-destination = 目标

cli-account-count = { $count } 个账户
cli-class-reset = 已重设 { $count } 个密码；新密码有效期至 { $when }。
cli-promoted = 已为 { $count } 名学生升级。
cli-promotion-preview = 这只是预览：有 { $count } 名学生会改变。如要执行，请加上 --yes（和 --expect { $count }）再运行一次。
cli-promotion-leaving = 未移动，已在其级别的最后一年（他们将离校，或用 --class … --to-level 升上去）：{ $who }。
cli-promotion-already = 未移动，过去 { $days } 天内已由一次升级转到另一个班：{ $who }。

## Mails waiting for an administrator

cli-no-mails = { $login } 没有未送达的电邮。
cli-mail-expired = [已过期：这个验证码已失效]

## Hardware tokens and authenticators

cli-tokens-imported = 已从 { $file } 导入 { $count } 个硬件令牌。
cli-token-free = （可用）
cli-token-free-locked = （可用，但已锁定：输错验证码次数太多）
cli-authenticators-deleted = 已删除 { $login } 的 { $count } 个身份验证器。
cli-token-unbound = 硬件令牌 { $serial } 已重新变为可用。

## The audit log

cli-audit-written = 已把 { $count } 个事件写入 { $file }。

## Importing a class list

# 进度行：导入进行时，每个占位符会随时更新。
cli-import-progress = 正在导入 { $bar } { $done }/{ $total } 个账户，{ $rate }，还剩 { $eta }
cli-import-done = 已导入 { $rows } 行中的 { $created } 行，用时 { $seconds } 秒（每秒 { $rate } 个账户）。
cli-import-row = 第 { $line } 行：{ $reason }
cli-import-row-login = 第 { $line } 行：{ $login }：{ $reason }
cli-import-cancelled = 导入在完成前停止：有 { $left } 行没有导入。请用另一个 --passwords-out 再次导入该文件：已建立的账户会被报告为已存在，其余的会被建立。
cli-import-passwords = 供打印的临时密码：{ $file }（只有你可以读取；分发后请删除）
cli-import-roles = 第 { $line } 行：{ $login } 被授予管理员角色 { $roles }

## Devices of the school's server

cli-enrolment-code = 登记码：{ $code }
cli-enrolment-uses = 最多可登记 { $uses } 台电脑，有效期至 { $until }。登记码只在此刻显示。
cli-enrolment-how = 在每台电脑（公用终端除外）上运行：gatehouse-cli device register --code CODE --name NAME
cli-enrolment-how-kiosk = 在每台公用终端上运行：gatehouse-cli device register --code CODE --name NAME --kiosk
cli-device-registered = 已登记
cli-device-revoked-at = 已于 { $when } 撤销
cli-device-revoked = 已撤销 { $name }：它的下一个请求会被拒绝。
cli-device-kept-in-file = 保存在 { $file } 中
cli-device-kept-in-keyring = 保存在操作系统的密钥环中
cli-device-register-done = 已在 { $url } 登记这台电脑，名称为“{ $name }”（ID { $id }）；它的登记凭据{ $place }。
cli-break-glass-code = 这台公用终端的紧急关闭码只在此刻显示——请把它记下来，交给管理员保管：
cli-break-glass-how = 在公用终端的退出对话框中输入这个码，就能关闭公用终端窗口；输错五次，对话框会被锁定五分钟。系统只在 { $file } 中保存它的哈希值。重新登记即可更换紧急关闭码。
cli-device-forgotten = 已删除这台电脑用于 { $url } 的登记凭据（{ $place }）。管理员可以在服务器上撤销这台电脑的登记。
cli-device-none = 这台电脑没有用于 { $url } 的登记凭据。

## Configuration and moving a school

cli-config-exists = { $file } 已存在；保持不变。
cli-config-written = 已写入 { $file }。
cli-migrated = 复制完成；每个数据表都一致。已用目标数据库的加密密钥封存 { $count } 个 2FA 密钥。

cli-migrate-left-behind = 未复制：{ $table ->
        [email_otps] { $count } 个仍有效的电子邮件验证码（用户需重新索取）。
        [sessions] { $count } 个未结束的会话（用户需重新登录）。
        [devices] { $count } 台已注册的机器（请在目标服务器上重新注册）。
       *[enrolment_codes] { $count } 个机器注册码（请在目标上重新签发）。
    }

## The demonstration school

cli-demo-school = Gatehouse 示范学校 { $location }，位于 { $dir }
cli-demo-passwords = 仅供示范的密码：临时密码 { $temporary }，已设置账户的密码 { $password }；安全问题的答案 yellow / hamster / The Good Earth。
cli-demo-try = 试试：{ $what }
cli-demo-session = 每行输入一个 JSON 请求；本次登录从 sign_in 开始，例如：

# 每个示范账户：它处于什么状态，可以用它来试什么（按登录ID的第一部分）。
cli-demo-ada_lim-state = 全新：临时密码，没有安全问题，从未登录
cli-demo-ada_lim-try = 首次登录：安全问题、更改密码、条款、仪表板
cli-demo-ben_tan-state = 临时密码，已设置安全问题
cli-demo-ben_tan-try = 首次登录，直接进入更改密码
cli-demo-chloe_ng-state = 正常，已设置安全问题
cli-demo-chloe_ng-try = 登录 P1-3 仪表板（小一至小三，没有 Gmail）；或点击“忘记密码？”（答案 yellow / hamster / The Good Earth）
cli-demo-dev_kumar-state = 输错 5 次密码后被锁定，已设置安全问题
cli-demo-dev_kumar-try = 点击“忘记密码？”，回答问题，然后选择“解锁密码”或“更改密码”
cli-demo-eve_goh-state = 临时密码已过期
cli-demo-eve_goh-try = 登录被拒绝：请 SA 发一个新的临时密码
cli-demo-faris_ali-state = 正常，没有安全问题
cli-demo-faris_ali-try = 点击“忘记密码？”会显示“SSPR 5006”；登录时会先要求设置安全问题，然后显示应用程序
cli-demo-grace_lee-state = 学校职员，SA 和 LA，已设置安全问题
cli-demo-grace_lee-try = 职员登录；SSPR 会问全部 3 个问题
cli-demo-irene_tan-state = 管理员（SA、LA），有一个已通过测试的身份验证器
cli-demo-irene_tan-try = 关闭公用终端；验证码：oathtool --totp -b JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
cli-demo-henry_wong-state = 总部（HQ）职员，全新，工作电邮是他的 iCON 地址
cli-demo-henry_wong-try = 职员首次登录
cli-demo-gus_tay-state = 已被 SA 停用（未启用的账户），已设置安全问题
cli-demo-gus_tay-try = 登录被拒绝，显示 account_disabled；gatehouse-cli admin enable --login Gus_Tay@students.edu.sg
