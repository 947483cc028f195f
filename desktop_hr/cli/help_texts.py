"""The command line's help: every command's and argument's help and the placeholders of their values, in
zh_CN and English (messages.text picks the user's language when the parser is built)."""

from __future__ import annotations

from desktop_hr import messages

messages.define(
    {
        # placeholders shown in usage lines ("--db 文件")
        "cli.meta.path": ("文件", "PATH"),
        "cli.meta.name": ("用户名", "NAME"),
        "cli.meta.text": ("文字", "TEXT"),
        "cli.meta.department": ("部门路径", "PATH"),
        "cli.meta.employee": ("工号", "NO"),
        "cli.meta.session": ("班次编号", "CODE"),
        "cli.meta.course": ("课程编号", "CODE"),
        "cli.meta.requirement": ("达标规则", "NAME"),
        "cli.meta.command": ("命令", "COMMAND"),
        "cli.meta.action": ("操作", "ACTION"),
        "cli.meta.kind": ("类型", "KIND"),
        "cli.meta.file": ("文件", "FILE"),
        "cli.meta.out": ("输出文件", "OUT"),
        "cli.meta.out_pdf": ("输出.pdf", "OUT.pdf"),
        "cli.meta.dir": ("文件夹", "DIR"),
        "cli.meta.out_xlsx": ("输出.xlsx", "OUT.xlsx"),
        "cli.meta.role": ("角色", "ROLE"),
        "cli.meta.year": ("年度", "YEAR"),
        "cli.meta.number": ("数量", "N"),
        "cli.meta.serial": ("证书编号", "SERIAL"),
        "cli.meta.public_key": ("公钥.pem", "PUBLIC.pem"),
        "cli.meta.revocations": ("撤销清单", "REVOCATIONS"),
        "cli.meta.code": ("验证码", "CODE"),
        "cli.meta.date": ("YYYY-MM-DD", "YYYY-MM-DD"),
        "cli.meta.var": ("环境变量", "VAR"),
        "cli.meta.pem": ("公钥.pem", "KEY.pem"),
        # values typed wrong
        "cli.bad_year": ("年度必须是整数，而不是 {value!r}", "a year is a whole number, not {value!r}"),
        "cli.bad_number": ("必须是整数，而不是 {value!r}", "a whole number is needed, not {value!r}"),
        "cli.bad_date": (
            "日期 {value!r} 无效，请写成 YYYY-MM-DD，例如 2026-03-01",
            "{value!r} is not a date: write YYYY-MM-DD, e.g. 2026-03-01",
        ),
        # the program and its common options
        "cli.help.version": ("显示程序版本号并退出", "show the program's version and exit"),
        "cli.help.db": (
            "SQLite 数据库文件或 SQLAlchemy 连接地址（默认：环境变量 DESKTOP_HR_DB 或数据文件夹中的数据库）；"
            "只有 init 和 demo 会新建不存在的文件",
            "SQLite file or SQLAlchemy URL (default: DESKTOP_HR_DB or the data folder); only init and demo "
            "create a file that does not exist",
        ),
        "cli.help.lang": (
            "提示与帮助的语言（默认 zh_CN，也可用环境变量 DESKTOP_HR_LANG）",
            "language of messages and help (default zh_CN, or DESKTOP_HR_LANG)",
        ),
        "cli.help.user": (
            "以哪个账号执行（默认：环境变量 {user_env}）；密码取自 {password_env} 或在终端中输入",
            "account to act as (default: {user_env}); the password comes from {password_env} or a prompt",
        ),
        # init, account, audit
        "cli.help.init": (
            "为新数据库创建第一个账号（人事管理员）",
            "create a new database's first account, an HR administrator",
        ),
        "cli.help.admin": ("管理员的用户名", "the administrator's user name"),
        "cli.help.display_name": ("显示的姓名", "the name shown for the account"),
        "cli.help.account": (
            "账号管理（管理员）：列出、添加、重设密码、解锁",
            "accounts (administrators): list, add, reset, unlock",
        ),
        "cli.help.account_list": ("列出每个账号及其角色和状态", "every account with its role and state"),
        "cli.help.account_add": (
            "添加账号；密码的给法与您的相同，由其本人在首次登录时修改",
            "add an account; its password comes like yours, for it to change",
        ),
        "cli.help.account_name": ("账号的用户名", "the account's user name"),
        "cli.help.role": ("角色：{roles}", "role: {roles}"),
        "cli.help.account_department": (
            "部门负责人所在的部门，例如 总公司/财务部",
            "a department head's department, e.g. 总公司/财务部",
        ),
        "cli.help.account_reset": (
            "设置新密码（下次登录时须修改）",
            "set a new password (to be changed at the next sign-in)",
        ),
        "cli.help.account_unlock": ("解除因密码错误导致的锁定", "lift a lock-out after wrong passwords"),
        "cli.help.audit": (
            "审计记录：校验哈希链，或导出",
            "the audit trail: verify the hash chain, or export it",
        ),
        "cli.help.audit_verify": (
            "显示“完整”，或第一条在程序之外被改动的记录（退出码 1）",
            '"intact", or the first entry changed outside the program (exit 1)',
        ),
        "cli.help.audit_verify_key": (
            "用导出的公钥文件核对签名，而不只用数据库中保存的公钥",
            "check the signatures with an exported public key file, not only the keys the database holds",
        ),
        "cli.help.audit_export": ("将全部记录导出为 .xlsx", "every entry to .xlsx"),
        # keys
        "cli.help.keys": (
            "本单位的签名密钥：查看、导出公钥、备份、恢复、更换、移动存放位置",
            "the office's signing key: show, export the public key, back up, restore, rotate, move",
        ),
        "cli.help.keys_show": ("显示密钥编号、指纹和存放文件夹", "show the key id, fingerprint and folder"),
        "cli.help.keys_export_public": (
            "把全部公钥（当前的在前）写入 .pem 文件，供核验人员使用",
            "write every public key (the current one first) to a .pem file for inspectors",
        ),
        "cli.help.keys_out_pem": ("要写入的 .pem 文件", "the .pem file to write"),
        "cli.help.keys_backup": (
            "把私钥加密备份到文件（需要口令，至少 8 个字符）",
            "back up the private key to a file, encrypted with a passphrase (8 characters or more)",
        ),
        "cli.help.keys_backup_out": ("要写入的密钥备份文件", "the key backup file to write"),
        "cli.help.keys_restore": ("从密钥备份恢复私钥", "restore the private key from a key backup"),
        "cli.help.keys_backup_file": ("密钥备份文件", "the key backup file"),
        "cli.help.keys_passphrase_file": (
            "从该文件的第一行读取口令（不指定则在终端中输入）",
            "read the passphrase from the first line of this file (else it is typed at a prompt)",
        ),
        "cli.help.keys_rotate": (
            "生成新的签名密钥；旧证书和旧签名仍用旧公钥核验",
            "make a new signing key; old certificates and signatures keep verifying with the old one",
        ),
        "cli.help.keys_folder": (
            "把密钥文件移到该文件夹（例如U盘）存放",
            "keep the key files in this folder from now on (a USB stick, say)",
        ),
        "cli.help.audit_out": ("要写入的 .xlsx 文件", "the .xlsx file to write"),
        # import, export, template
        "cli.help.import": (
            "导入表格：.xlsx、.xls、.ods 或 CSV（UTF-8 或 GBK），按内容识别格式",
            "import a spreadsheet: .xlsx, .xls, .ods or CSV (UTF-8 or GBK), read by content",
        ),
        "cli.help.kind": ("数据类型：{kinds}", "what the file holds: {kinds}"),
        "cli.help.import_file": ("要导入的文件", "the file to import"),
        "cli.help.valid_only": (
            "只导入有效的行，并列出其余的行",
            "import the valid rows and list the others",
        ),
        "cli.help.create_departments": (
            "员工：创建文件中提到但尚不存在的部门（否则每个都算作错误）",
            "employees: create the departments the file names that do not exist yet (else each is an error)",
        ),
        "cli.help.export": (
            "导出为 .xlsx；输出文件以 .csv 结尾时导出为 CSV（UTF-8 带 BOM）",
            "export to .xlsx, or to CSV (UTF-8 with BOM) when OUT ends in .csv",
        ),
        "cli.help.export_out": (
            "要写入的文件（.xlsx、.csv 或 .ics）",
            "the file to write (.xlsx, .csv or .ics)",
        ),
        "cli.help.export_year": (
            "requirements：按哪一年判定；trainers：档案的年度；training-effect：班次的年度（默认：今年）",
            "requirements: the year the verdicts are as of; trainers: the profiles' year; training-effect: the"
            " sessions' year (default: this year)",
        ),
        "cli.help.calendar_employee": (
            "calendar：某个人的班次（报名参加或授课）",
            "calendar: one person's sessions (enrolled or teaching)",
        ),
        "cli.help.calendar_department": (
            "calendar：某个部门人员的班次",
            "calendar: the sessions of a department's people",
        ),
        "cli.help.calendar_from": ("calendar：从这一天起", "calendar: from this day"),
        "cli.help.calendar_to": ("calendar：到这一天为止", "calendar: up to this day"),
        "cli.help.template": ("生成空白的导入模板", "write an empty import template"),
        "cli.help.template_out": ("模板要保存到的 .xlsx 文件", "the .xlsx file to save the template to"),
        # demo, points, verify
        "cli.help.demo": ("向空数据库写入逼真的演示数据", "fill an empty database with realistic demo data"),
        "cli.help.demo_employees": ("员工人数（默认 300）", "how many employees (default 300)"),
        "cli.help.demo_seed": (
            "随机种子：相同的种子生成相同的数据（默认 2026）",
            "random seed: the same seed, the same data (default 2026)",
        ),
        "cli.help.points": ("积分：重新计算自动积分", "points: recompute the automatic awards"),
        "cli.help.points_action": ("recompute：重新计算", "recompute"),
        "cli.help.verify": (
            "核验证书：用本单位数据库（编号与校验码，或扫描的二维码文字），或只用公钥文件（--key，无需数据库和账号）",
            "check a certificate: against this office's database (serial and code, or the scanned QR text), "
            "or with only the public key file (--key, no database, no account)",
        ),
        "cli.help.serial": (
            "证书编号，或扫描得到的二维码文字（旧版证书为“编号|校验码”），整体用引号括起来",
            'serial number, or the scanned QR text ("DHR1|…"; older certificates: "serial|code"), quoted whole',
        ),
        "cli.help.code": ("证书上印的验证码", "verification code printed on the certificate"),
        "cli.help.verify_key": (
            "签发单位的公钥文件（.pem）：只用它核验二维码的签名，不打开任何数据库",
            "the issuing office's public key file (.pem): check the QR code's signature with it alone, "
            "opening no database",
        ),
        "cli.help.verify_revocations": (
            "签发单位导出的、已签名的撤销清单（desktop-hr export revocations），与 --key 一起使用",
            "the signed revocation list the issuing office exported (desktop-hr export revocations); "
            "with --key",
        ),
        # print
        "cli.help.print": ("将文档打印为 PDF", "print a document to PDF"),
        "cli.help.print_out": ("要保存的 PDF 文件", "the PDF file to save"),
        "cli.help.print_certificates": (
            "某个班次的结业证书（需要时签发）",
            "completion certificates of a session (issued if needed)",
        ),
        "cli.help.session": ("班次编号", "the session's code"),
        "cli.help.trainer_certificate": (
            "某员工某年度的优秀内训师证书（需要时签发）",
            "excellent trainer certificate of an employee for a year (issued if needed)",
        ),
        "cli.help.credit_certificate": (
            "某员工某年度的年度学分证书（需要时签发）",
            "annual credit certificate of an employee for a year (issued if needed)",
        ),
        "cli.help.employee": ("员工的工号", "the employee's number (工号)"),
        "cli.help.year": ("年度", "the year"),
        "cli.help.sign_in_sheet": (
            "班次的签到表，已填写或 --blank 空白",
            "sign-in sheet of a session, filled or --blank",
        ),
        "cli.help.blank": ("不填签到时间，留出空行供签名", "without sign-in times, spare lines to sign"),
        "cli.help.archive": (
            "员工或整个部门的培训档案卡",
            "training archive card of an employee or of a whole department",
        ),
        "cli.help.archive_department": (
            "例如 总公司/华东分部（包括下级部门）",
            "e.g. 总公司/华东分部 (sub-departments included)",
        ),
        "cli.help.session_report": ("班次总结报告", "summary report of a session"),
        "cli.help.points_statement": (
            "员工某期间的积分对账单",
            "points statement of an employee for a period",
        ),
        "cli.help.statement_from": ("期间的第一天", "the period's first day"),
        "cli.help.statement_to": ("期间的最后一天（默认：今天）", "the period's last day (default: today)"),
        "cli.help.department_report": ("部门的年度培训报告", "annual training report of a department"),
        "cli.help.department": ("部门路径，例如 总公司/技术部", "the department's path, e.g. 总公司/技术部"),
        "cli.help.eligibility": (
            "某达标规则某年度的达标名单，按部门，供签字",
            "eligibility list of a requirement for a year, by department, to sign",
        ),
        "cli.help.requirement": ("达标规则的名称，例如 职称评定", "the requirement's name, e.g. 职称评定"),
        "cli.help.under_department": (
            "只含这个部门及其下级部门，例如 总公司/技术部",
            "only this department and those under it, e.g. 总公司/技术部",
        ),
        "cli.help.requirement_report": (
            "员工某年度的达标报告（职称资格报告）",
            "an employee's requirement report (职称资格报告) for a year",
        ),
        "cli.help.needs_analysis": (
            "根据绩效考核得出的培训需求分析，按部门",
            "training needs analysis from the reviews, by department",
        ),
        "cli.help.trainer_report": (
            "某年度的内训师贡献报告，含复审名单",
            "the trainer contribution report (内训师贡献报告) of a year, with re-certification",
        ),
        "cli.help.training_effect": (
            "培训效果报告：每门课程的四个层级，以及按部门",
            "training effect report: the four levels per course, and by department",
        ),
        "cli.help.effect_year": (
            "班次开始的年度（默认：今年）",
            "the year the sessions started in (default: this year)",
        ),
        "cli.help.effect_course": (
            "只含这门课程（默认：全部课程）",
            "only this course (default: every course)",
        ),
        "cli.help.effect_department": (
            "只含这个部门及其下级部门的学员",
            "only attendees of this department and those under it",
        ),
        # backup, restore, gui
        "cli.help.backup": (
            "备份 SQLite 数据库（校验并轮换）",
            "back up the SQLite database (checked, rotated)",
        ),
        "cli.help.backup_folder": (
            "备份文件夹（默认：已设定的备份文件夹）",
            "default: the chosen backup folder",
        ),
        "cli.help.restore": (
            "从备份恢复；当前文件先另存一份",
            "restore a backup; the current file is kept aside first",
        ),
        "cli.help.restore_file": ("要恢复的备份文件", "the backup file to restore"),
        "cli.help.restore_force": (
            "管理员确认：即使备份属于另一个单位、会丢失账号或审计记录未通过校验，也用它恢复",
            "the administrator confirms: restore even a backup of another office, one that would lose "
            "the accounts, or one whose audit trail does not verify",
        ),
        "cli.help.gui": ("打开窗口（默认）", "open the window (the default)"),
        # reminder notices
        "cli.help.notices": (
            "今天的各部门提醒通知：PDF、.xlsx 或电子邮件",
            "today's reminder notices per department: PDF, .xlsx or e-mail",
        ),
        "cli.help.notices_out": ("写成一个 PDF，每个部门一份通知", "one PDF, a notice per department"),
        "cli.help.notices_export": ("导出 .xlsx，每项待办一行", "an .xlsx, one row per thing to do"),
        "cli.help.notices_send": (
            "按邮件设置把每个部门的通知发送出去",
            "e-mail each department's notice (the SMTP settings)",
        ),
        "cli.help.notices_department": (
            "只含这个部门及其下级部门",
            "only this department and those under it",
        ),
    }
)


def help_text(key: str, **params: object) -> str:
    """The help of `key` (cli.help.KEY) in the user's language."""
    return messages.text(f"cli.help.{key}", **params)


def meta(key: str) -> str:
    """The placeholder of a value (cli.meta.KEY) in the user's language."""
    return messages.text(f"cli.meta.{key}")
