"""What the command line says (zh_CN and English), its exit codes and the environment it reads; nothing
heavy, so parsing the arguments stays quick."""

from __future__ import annotations

from desktop_hr import messages

EXIT_OK = 0
EXIT_INPUT_ERRORS = 1
EXIT_USAGE = 2
EXPORT_ONLY_KINDS = (
    "points-summary",
    "points-ledger",
    "requirements",
    "needs-analysis",
    "trainers",
    "calendar",
    "training-effect",
    "revocations",
)  # `export` writes them; nothing imports them
YEAR_EXPORTS = ("requirements", "trainers", "training-effect")  # the exports that take --year
YEAR_MIN, YEAR_MAX = 1900, 2199  # a --year outside is a typing error, refused as a usage error
USER_ENV = "DESKTOP_HR_USER"
PASSWORD_ENV = "DESKTOP_HR_PASSWORD"
NEW_PASSWORD_ENV = "DESKTOP_HR_NEW_PASSWORD"  # `account add` / `account reset`: the new account's password


messages.define(
    {
        "cli.description": (
            "desktop_hr：离线的培训与人事档案管理程序。不带子命令时打开窗口。",
            "desktop_hr: offline HR training and personnel archive. With no command it opens the window.",
        ),
        "cli.database": ("数据库：{path}", "Database: {path}"),
        "cli.upgraded": (
            "数据库已从版本 {old} 升级，升级前的副本：{backup}",
            "Database upgraded from revision {old}; the copy taken before: {backup}",
        ),
        "cli.import_done": (
            "导入完成：新增 {created} 条，更新 {updated} 条，未变 {unchanged} 条。",
            "Import finished: {created} created, {updated} updated, {unchanged} unchanged.",
        ),
        "cli.import_skipped": (
            "有 {count} 行有错误，未导入（仅导入了有效行）：",
            "{count} row(s) had errors and were not imported (valid rows only):",
        ),
        "cli.import_rejected": (
            "文件中有 {count} 处错误，未写入任何数据。改正后重新导入，或使用 --valid-only 只导入有效行：",
            "The file has {count} error(s); nothing was written. Correct them and import again, or use --valid-only:",
        ),
        "cli.warning": ("提示：{text}", "Note: {text}"),
        "cli.exported": ("已导出 {count} 行到 {path}", "Exported {count} row(s) to {path}"),
        "cli.template": ("模板已保存到 {path}", "Template saved to {path}"),
        "cli.demo_done": (
            "演示数据已写入：{employees} 名员工，{departments} 个部门，{reviews} 份绩效考核，{goals} 个职业目标；"
            "{courses} 门课程，{sessions} 个培训班次，{sign_ins} 人次签到，{submissions} 份提交，{feedback} 份学员评价，"
            "{records} 条历史培训记录；{awards} 条自动积分，{redemptions} 个兑换申请，{milestones} 个学分里程碑达成。",
            "Demo data written: {employees} employees, {departments} departments, {reviews} reviews, {goals} goals; "
            "{courses} courses, {sessions} sessions, {sign_ins} sign-ins, {submissions} submissions, "
            "{feedback} feedback forms, {records} historical training records; {awards} automatic point awards, "
            "{redemptions} redemptions, {milestones} credit milestones reached.",
        ),
        "cli.certificate_facts": (
            "持证人：{name}（工号 {no}），发证日期 {issued}",
            "Holder: {name} (no. {no}), issued {issued}",
        ),
        "cli.certificates_file": ("结业证书", "certificates"),
        "cli.certificates_printed": (
            "已将 {count} 张证书（{pages} 页）保存到 {path}",
            "Saved {count} certificate(s) ({pages} pages) to {path}",
        ),
        "cli.document_printed": ("已保存 {path}（{pages} 页）", "Saved {path} ({pages} pages)"),
        "cli.file_missing": ("找不到文件：{path}", "File not found: {path}"),
        "cli.cannot_write": ("无法写入 {path}：{detail}", "Cannot write {path}: {detail}"),
        "cli.backup_done": ("备份已保存：{path}（{size} 字节）", "Backup saved: {path} ({size} bytes)"),
        "cli.points_summary": ("积分汇总", "Points summary"),
        "cli.points_ledger": ("积分明细", "Points ledger"),
        "cli.requirements": ("达标情况", "Requirements"),
        "cli.needs_analysis": ("培训需求分析", "Training needs analysis"),
        "cli.year_only_requirements": (
            "--year 只用于 export {kinds}。",
            "--year only applies to export {kinds}.",
        ),
        "cli.trainers": ("内训师", "Internal trainers"),
        "cli.revocations": ("证书撤销清单", "Certificate revocation list"),
        "cli.revocations_exported": (
            "已导出签名的证书撤销清单到 {path}（{count} 张已撤销证书，签发时间 {at}）",
            "Signed certificate revocation list exported to {path} ({count} revoked certificate(s), dated {at})",
        ),
        "cli.calendar": ("培训日历", "Training calendar"),
        "cli.calendar_only": (
            "--employee、--department、--from、--to 只用于 export calendar。",
            "--employee, --department, --from and --to only apply to export calendar.",
        ),
        "cli.training_effect": ("培训效果", "Training effect"),
        "cli.year_range": (
            "年度 {year} 不在 {low} 到 {high} 之间。",
            "The year {year} is not from {low} to {high}.",
        ),
        "cli.restored": (
            "已从 {backup} 恢复 {path}；原来的文件保留为 {aside}",
            "Restored {path} from {backup}; the previous file was kept as {aside}",
        ),
        "cli.restore_forced": (
            "管理员已确认（--force）：{difference}",
            "Confirmed by the administrator (--force): {difference}",
        ),
        "cli.demo_accounts": (
            "演示账号：{names}（管理员、人事专员、部门负责人、审计员），密码均为 {password}",
            "Demo accounts: {names} (administrator, clerk, department head, auditor), password {password} for all",
        ),
        "cli.need_user": (
            "请用 --user 用户名（或环境变量 DESKTOP_HR_USER）指定以哪个账号执行。",
            "Say which account acts with --user NAME (or DESKTOP_HR_USER).",
        ),
        "cli.password_prompt": ("{name} 的密码：", "Password for {name}: "),
        "cli.new_password_prompt": ("“{name}”的新密码：", 'New password for "{name}": '),
        "cli.password_needed": (
            "需要密码：设置环境变量 {env}，或在终端中运行以便输入。",
            "A password is needed: set {env}, or run in a terminal to type it.",
        ),
        "cli.signed_in": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
        "cli.initialised": (
            "已创建管理员账号“{name}”。以后的命令请用 --user {name}。",
            'Administrator "{name}" created. Run later commands with --user {name}.',
        ),
        "cli.account_added": ("已添加账号“{name}”（{role}）", 'Account "{name}" added ({role})'),
        "cli.password_reset": (
            "已重设“{name}”的密码，下次登录时须修改。",
            'The password of "{name}" was reset; it must be changed at the next sign-in.',
        ),
        "cli.unlocked": ("已解锁账号“{name}”", 'Account "{name}" unlocked'),
        "cli.unexpected": (
            "发生意外错误：{detail}\n详细信息已写入日志：{log}",
            "Unexpected error: {detail}\nDetails were written to the log: {log}",
        ),
    }
)
