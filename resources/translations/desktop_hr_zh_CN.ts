<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Edit account</source>
        <translation>编辑账号</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <source>Loading the departments…</source>
        <translation>正在读取部门…</translation>
    </message>
    <message>
        <source>May sign in</source>
        <translation>允许登录</translation>
    </message>
    <message>
        <source>User name *</source>
        <translation>用户名 *</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>A temporary password is made when you save and shown once; the new user chooses their own at the first sign-in.</source>
        <translation>保存时生成临时密码，仅显示一次；新用户首次登录时须自行设置密码。</translation>
    </message>
    <message>
        <source>Account not saved</source>
        <translation>账号未保存</translation>
    </message>
</context>
<context>
    <name>AccountFormDialog</name>
    <message>
        <source>At least {count} characters</source>
        <translation>至少 {count} 个字符</translation>
    </message>
    <message>
        <source>The two passwords differ; type the new password twice.</source>
        <translation>两次输入的密码不一致，请再输入一次新密码。</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Must choose a new password at the next sign-in</source>
        <translation>下次登录时须设置新密码</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>Search user name, display name, role or department</source>
        <translation>搜索用户名、显示名称、角色或部门</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{count} account(s)</source>
        <translation>共 {count} 个账号</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>Give {name} a new temporary password? The current one stops working at once, and {name} must choose their own at the next sign-in.</source>
        <translation>为 {name} 生成新的临时密码？当前密码将立即失效，{name} 下次登录时须自行设置密码。</translation>
    </message>
    <message>
        <source>Resetting the password of {name}</source>
        <translation>正在重置 {name} 的密码</translation>
    </message>
    <message>
        <source>Unlocking {name}</source>
        <translation>正在解锁 {name}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The database file {path} does not exist. It was not created again empty: open it where it is now, restore a backup of it, or create a new database.</source>
        <translation>数据库文件 {path} 不存在。程序没有重新建一个空数据库：请打开它现在所在的位置、从备份恢复，或新建数据库。</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Choose another database file, or create a new one?</source>
        <translation>请选择另一个数据库文件，或新建一个数据库。</translation>
    </message>
    <message>
        <source>Open another…</source>
        <translation>打开其他文件…</translation>
    </message>
    <message>
        <source>New database…</source>
        <translation>新建数据库…</translation>
    </message>
    <message>
        <source>Restore the latest good backup…</source>
        <translation>恢复最近一份完好的备份…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>desktop_hr database (*.sqlite3 *.db);;All files (*)</source>
        <translation>desktop_hr 数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>Restore the latest good backup</source>
        <translation>恢复最近一份完好的备份</translation>
    </message>
    <message>
        <source>Administrator&apos;s user name:</source>
        <translation>管理员用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restored from {backup}. The damaged file was kept as {aside}.</source>
        <translation>已从 {backup} 恢复。损坏的文件保留为 {aside}。</translation>
    </message>
</context>
<context>
    <name>AtRiskModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>达标要求</translation>
    </message>
    <message>
        <source>Still missing</source>
        <translation>还差</translation>
    </message>
</context>
<context>
    <name>AtRiskPanel</name>
    <message>
        <source>At risk of missing a requirement this year</source>
        <translation>本年度可能未达标人员</translation>
    </message>
    <message>
        <source>At risk of missing a requirement this year ({count})</source>
        <translation>本年度可能未达标人员（{count} 人）</translation>
    </message>
    <message>
        <source>From {month}/{day}, the people still short of this year&apos;s requirements are listed here.</source>
        <translation>每年 {month} 月 {day} 日起，这里列出仍未达到本年度要求的人员。</translation>
    </message>
    <message>
        <source>Everyone meets this year&apos;s requirements so far.</source>
        <translation>目前所有人员均已达到本年度要求。</translation>
    </message>
    <message>
        <source>{people} people are still short of a requirement of {year}; double-click to open one.</source>
        <translation>{people} 人尚未达到 {year} 年度的要求；双击可打开该员工。</translation>
    </message>
</context>
<context>
    <name>AttendancePanel</name>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Sign-ins up to this many minutes after the start count as on time (for every session)</source>
        <translation>开始后在此分钟数内签到的均算按时（对所有培训班次生效）</translation>
    </message>
    <message>
        <source>Sign-ins are accepted from this many minutes before the start until the end (online courses: their period); others only as a correction with a reason (for every session)</source>
        <translation>开始前此分钟数起至结束时可签到（线上课程：其学习期内）；其他时间只能作为更正并填写理由（对所有培训班次生效）</translation>
    </message>
    <message>
        <source>Kiosk…</source>
        <translation>自助签到…</translation>
    </message>
    <message>
        <source>Full-screen sign-in for badge scanners</source>
        <translation>全屏签到界面，供工牌扫码枪使用</translation>
    </message>
    <message>
        <source>Sign in by employee no., then Enter</source>
        <translation>输入工号后按 Enter 签到</translation>
    </message>
    <message>
        <source>Present (P)</source>
        <translation>出勤 (P)</translation>
    </message>
    <message>
        <source>Late (L)</source>
        <translation>迟到 (L)</translation>
    </message>
    <message>
        <source>Absent (A)</source>
        <translation>缺勤 (A)</translation>
    </message>
    <message>
        <source>Excused (E)</source>
        <translation>请假 (E)</translation>
    </message>
    <message>
        <source>Completed (C)</source>
        <translation>完成 (C)</translation>
    </message>
    <message>
        <source>Clear (Del)</source>
        <translation>清除 (Del)</translation>
    </message>
    <message>
        <source>Mark all unmarked present</source>
        <translation>未标记的全部记为出勤</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Late after start +</source>
        <translation>签到宽限：开始后</translation>
    </message>
    <message>
        <source>Sign-in from start −</source>
        <translation>可签到：开始前</translation>
    </message>
    <message>
        <source>Not marked {count}</source>
        <translation>未标记 {count}</translation>
    </message>
    <message>
        <source>(of {count} enrolled)</source>
        <translation>（共 {count} 人报名）</translation>
    </message>
    <message>
        <source>Mark {count} as {status}</source>
        <translation>将 {count} 人标记为{status}</translation>
    </message>
    <message>
        <source>Clear {count} mark(s)</source>
        <translation>清除 {count} 条标记</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>未报名</translation>
    </message>
    <message>
        <source>Enrol them in this session and sign them in?</source>
        <translation>是否为其报名本培训班次并签到？</translation>
    </message>
    <message>
        <source>{name} not signed in: {time} is outside the session&apos;s sign-in window</source>
        <translation>{name} 未签到：{time} 不在本班次的签到时段内</translation>
    </message>
    <message>
        <source>{name} not signed in: HR marked them {status}</source>
        <translation>{name} 未签到：人事已标记为“{status}”</translation>
    </message>
    <message>
        <source>Sign in {name}</source>
        <translation>{name} 签到</translation>
    </message>
    <message>
        <source>{name} signed in at {time}: {status}</source>
        <translation>{name} 于 {time} 签到：{status}</translation>
    </message>
    <message>
        <source>{name} already signed in at {time}</source>
        <translation>{name} 已于 {time} 签到</translation>
    </message>
    <message>
        <source>No employee has the number {no}</source>
        <translation>没有工号为 {no} 的员工</translation>
    </message>
    <message>
        <source>This session is cancelled: nobody can sign in</source>
        <translation>本培训班次已取消，无法签到</translation>
    </message>
    <message>
        <source>{name} ({no}) is not enrolled in this session.</source>
        <translation>{name}（{no}）未报名本培训班次。</translation>
    </message>
    <message>
        <source>{name} enrolled and signed in</source>
        <translation>{name} 已报名并签到</translation>
    </message>
</context>
<context>
    <name>AttendanceTableModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Signed in at</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>签到方式</translation>
    </message>
    <message>
        <source>{name} (not enrolled)</source>
        <translation>{name}（未报名）</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Search description, record, changes, reason or account</source>
        <translation>搜索说明、记录、变更内容、原因或账号</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the entries found to an Excel workbook</source>
        <translation>将查到的记录保存为 Excel 工作簿</translation>
    </message>
    <message>
        <source>Verify integrity</source>
        <translation>校验完整性</translation>
    </message>
    <message>
        <source>Recompute the hash chain: any entry edited or deleted outside the program is found</source>
        <translation>重新计算哈希链：在程序之外被修改或删除的记录都会被发现</translation>
    </message>
    <message>
        <source>Select an entry to see what it changed.</source>
        <translation>选择一条记录查看其变更内容。</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>至：</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>全部账号</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>全部对象</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>The search failed.</source>
        <translation>搜索失败。</translation>
    </message>
    <message>
        <source>{count:,} entries found</source>
        <translation>找到 {count:,} 条记录</translation>
    </message>
    <message>
        <source>Entry #{number}, {time}, account {account}: {action} {what} {record}</source>
        <translation>第 #{number} 条，{time}，账号 {account}：{action}{what} {record}</translation>
    </message>
    <message>
        <source>Changes (before → after):</source>
        <translation>变更（前 → 后）：</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Verifying the audit trail…</source>
        <translation>正在校验审计记录…</translation>
    </message>
    <message>
        <source>Audit trail tampered with</source>
        <translation>审计记录已被篡改</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Office identity:</source>
        <translation>单位标识：</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Daily backups kept:</source>
        <translation>保留每日备份份数：</translation>
    </message>
    <message>
        <source>Weekly backups kept:</source>
        <translation>保留每周备份份数：</translation>
    </message>
    <message>
        <source>Monthly backups kept:</source>
        <translation>保留每月备份份数：</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Restore from file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>The backups could not be listed: {reason}</source>
        <translation>无法列出备份：{reason}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>{size:,} KB</source>
        <translation>{size:,} KB</translation>
    </message>
    <message>
        <source>unknown (older backup)</source>
        <translation>未知（旧备份）</translation>
    </message>
    <message>
        <source>Saving the backup settings</source>
        <translation>正在保存备份设置</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Backup saved: {path}</source>
        <translation>备份已保存：{path}</translation>
    </message>
    <message>
        <source>Replace the database with the backup of {time}?
The current file is kept aside, and the program reopens the database.</source>
        <translation>用 {time} 的备份替换当前数据库吗？
当前文件会另行保留，程序随后重新打开数据库。</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore from file</source>
        <translation>从文件恢复</translation>
    </message>
    <message>
        <source>Backups (*.backup.sqlite3 *.sqlite3 *.db);;All files (*)</source>
        <translation>备份 (*.backup.sqlite3 *.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the database with the file {file}?
The current file is kept aside, and the program reopens the database.</source>
        <translation>用文件 {file} 替换数据库吗？
当前文件会先另存一份，程序随后重新打开数据库。</translation>
    </message>
    <message>
        <source>Restored; the previous file was kept as {aside}</source>
        <translation>已恢复；原文件保留为 {aside}</translation>
    </message>
    <message>
        <source>Restoring {file}…</source>
        <translation>正在恢复 {file}…</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The program copies the database into this folder every day at start and on closing, and keeps the recent copies. A folder on another disk or a USB drive survives a broken PC. It can be changed later under File › Backups.</source>
        <translation>程序每天在启动和关闭时把数据库复制到这个文件夹，并保留最近的几份。放在另一块硬盘或 U 盘上的文件夹，在电脑损坏时也能保住数据。以后可在“文件 › 备份”中更改。</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>Backup &amp;folder:</source>
        <translation>备份文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Saving the backup folder</source>
        <translation>正在保存备份文件夹</translation>
    </message>
</context>
<context>
    <name>BackupRun</name>
    <message>
        <source>Recording the backup in the audit trail</source>
        <translation>正在把备份记入审计记录</translation>
    </message>
</context>
<context>
    <name>BalanceModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>获得合计</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>已兑换</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
</context>
<context>
    <name>BalancesPage</name>
    <message>
        <source>Search employee no. or name</source>
        <translation>搜索工号或姓名</translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation>{count} 人</translation>
    </message>
    <message>
        <source>Choose a person to see every entry and where it came from.</source>
        <translation>选择一名员工，查看其每条积分明细及来源。</translation>
    </message>
    <message>
        <source>Ledger of {name} ({no}): loading…</source>
        <translation>{name}（{no}）的积分明细：正在加载…</translation>
    </message>
    <message>
        <source>Ledger of {name} ({no}): {count} entries, balance {balance}</source>
        <translation>{name}（{no}）的积分明细：共 {count} 条，余额 {balance}</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Batch</source>
        <translation>批量导出</translation>
    </message>
    <message>
        <source>{what} — {whom}</source>
        <translation>{what} — {whom}</translation>
    </message>
    <message>
        <source>All in one PDF file</source>
        <translation>全部合并为一个 PDF 文件</translation>
    </message>
    <message>
        <source>One PDF file per person, into a folder</source>
        <translation>每人一个 PDF 文件，保存到文件夹</translation>
    </message>
</context>
<context>
    <name>CatalogueSection</name>
    <message>
        <source>Add reward…</source>
        <translation>新增奖励…</translation>
    </message>
    <message>
        <source>Stock goes down when a redemption is approved.</source>
        <translation>兑换申请批准后扣减库存。</translation>
    </message>
    <message>
        <source>Activate reward</source>
        <translation>启用奖励</translation>
    </message>
    <message>
        <source>Offer “{name}” to employees again?</source>
        <translation>确定重新向员工提供“{name}”吗？</translation>
    </message>
    <message>
        <source>Deactivate reward</source>
        <translation>停用奖励</translation>
    </message>
    <message>
        <source>Stop offering “{name}”? Requests already made go on.</source>
        <translation>确定停止提供“{name}”吗？已提交的兑换申请不受影响。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Your password was set by an administrator. Choose your own password before you go on.</source>
        <translation>您的密码由管理员设置，请先设置自己的密码再继续。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <source>Save this chart as a PNG image</source>
        <translation>将此图表保存为 PNG 图片</translation>
    </message>
    <message>
        <source>Export chart image</source>
        <translation>导出图表图片</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>The image could not be saved to {path}.</source>
        <translation>无法将图片保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>CourseChecklist</name>
    <message>
        <source>Course code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>课程名称</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是数字</translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>素材</translation>
    </message>
    <message>
        <source>Save the new course first; then files can be added.</source>
        <translation>请先保存新课程，然后才能添加文件。</translation>
    </message>
    <message>
        <source>Course {code} {title}</source>
        <translation>课程：{code} {title}</translation>
    </message>
    <message>
        <source>New course</source>
        <translation>新增课程</translation>
    </message>
    <message>
        <source>HR general module</source>
        <translation>人事通用模块</translation>
    </message>
    <message>
        <source>Not a trainer course</source>
        <translation>非内训师培训</translation>
    </message>
    <message>
        <source>Courses that train internal trainers: their class hours count toward trainer levels</source>
        <translation>用于培养内训师的课程：其学时计入内训师晋级条件</translation>
    </message>
    <message>
        <source>Offered (untick for a course no longer run)</source>
        <translation>启用（不再开设的课程请取消勾选）</translation>
    </message>
    <message>
        <source>Course code *</source>
        <translation>课程编号 *</translation>
    </message>
    <message>
        <source>Title *</source>
        <translation>课程名称 *</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>Class hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>课程类别</translation>
    </message>
    <message>
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <source>Subject type</source>
        <translation>科目类型</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>授课方式</translation>
    </message>
    <message>
        <source>Module owner</source>
        <translation>归属部门</translation>
    </message>
    <message>
        <source>Trainer training</source>
        <translation>内训师培训</translation>
    </message>
    <message>
        <source>Competencies addressed</source>
        <translation>对应能力项</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>课程说明</translation>
    </message>
    <message>
        <source>Cannot save the course</source>
        <translation>无法保存课程</translation>
    </message>
    <message>
        <source>You have changed this course. Close without saving?</source>
        <translation>课程信息已修改，确定不保存就关闭吗？</translation>
    </message>
</context>
<context>
    <name>CourseTableModel</name>
    <message>
        <source>Code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>课程名称</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>课程类别</translation>
    </message>
    <message>
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>科目类型</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>授课方式</translation>
    </message>
    <message>
        <source>Module owner</source>
        <translation>归属部门</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>班次数</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>素材</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>CoursesTab</name>
    <message>
        <source>Search course code or title</source>
        <translation>搜索课程编号或名称</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部课程类别</translation>
    </message>
    <message>
        <source>Online and offline</source>
        <translation>线上和线下</translation>
    </message>
    <message>
        <source>Show courses no longer offered</source>
        <translation>显示已停用的课程</translation>
    </message>
    <message>
        <source>New course</source>
        <translation>新增课程</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Template…</source>
        <translation>导入模板…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>No courses yet. Sessions, sign-ins and credits all start from a course: add the first one, or import the course catalogue from Excel.</source>
        <translation>还没有任何课程。培训班次、签到和学分都从课程开始：请新建第一门课程，或从 Excel 导入课程目录。</translation>
    </message>
    <message>
        <source>New course…</source>
        <translation>新建课程…</translation>
    </message>
    <message>
        <source>Import courses…</source>
        <translation>导入课程…</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <source>Delete course</source>
        <translation>删除课程</translation>
    </message>
    <message>
        <source>Delete the course {code} {title} and its materials permanently?

A course that has been run cannot be deleted; untick “Offered” instead.</source>
        <translation>确定永久删除课程“{code} {title}”及其素材吗？

已开过班的课程不能删除，请改为取消勾选“启用”。</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>Participation rate by month, {start} to {end}</source>
        <translation>各月参训率（{start} 至 {end}）</translation>
    </message>
    <message>
        <source>Attended / enrolled</source>
        <translation>实到人数 / 报名人数</translation>
    </message>
    <message>
        <source>Points by category against targets, {period}</source>
        <translation>各类别积分与目标对比（{period}）</translation>
    </message>
    <message>
        <source>Actual share</source>
        <translation>实际占比</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标占比</translation>
    </message>
    <message>
        <source>Class hours and credits by department, {year}</source>
        <translation>各部门学时与学分（{year} 年）</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>未分配部门</translation>
    </message>
    <message>
        <source>Class hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Accept the nomination</source>
        <translation>接受推荐</translation>
    </message>
    <message>
        <source>Accept the nomination of {person} ({department})? They become a junior trainer.</source>
        <translation>接受对 {person}（{department}）的推荐？其将成为初级内训师。</translation>
    </message>
    <message>
        <source>Decline the nomination</source>
        <translation>不接受推荐</translation>
    </message>
    <message>
        <source>Decline the nomination of {person} ({department})?</source>
        <translation>不接受对 {person}（{department}）的推荐？</translation>
    </message>
    <message>
        <source>Reason given: {reason}</source>
        <translation>推荐理由：{reason}</translation>
    </message>
    <message>
        <source>Note (optional, at most {limit} characters)</source>
        <translation>审核意见（可不填，最多 {limit} 个字符）</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>不接受</translation>
    </message>
    <message>
        <source>Cannot decide</source>
        <translation>无法审核</translation>
    </message>
</context>
<context>
    <name>DepartmentLeaderModel</name>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Per person</source>
        <translation>人均</translation>
    </message>
</context>
<context>
    <name>DepartmentPanel</name>
    <message>
        <source>Add sub-department…</source>
        <translation>新增下级部门…</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>A new department under the selected one (a top-level one when all departments are selected)</source>
        <translation>在所选部门下新建部门（选中“全部部门”时新建顶级部门）</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the selected department</source>
        <translation>重命名所选部门</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>移动…</translation>
    </message>
    <message>
        <source>Move the selected department, with everything under it, under another department</source>
        <translation>把所选部门连同其下级部门移到另一个部门下</translation>
    </message>
    <message>
        <source>Delete department</source>
        <translation>删除部门</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected department (only one with no people and no sub-departments)</source>
        <translation>删除所选部门（只能删除没有人员、没有下级部门的部门）</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Add top-level department…</source>
        <translation>新增顶级部门…</translation>
    </message>
    <message>
        <source>Department not changed</source>
        <translation>部门未修改</translation>
    </message>
    <message>
        <source>Name of the new department under {parent}:</source>
        <translation>在“{parent}”下新建部门，名称：</translation>
    </message>
    <message>
        <source>Name of the new top-level department:</source>
        <translation>新顶级部门的名称：</translation>
    </message>
    <message>
        <source>Add department</source>
        <translation>新增部门</translation>
    </message>
    <message>
        <source>Rename department</source>
        <translation>重命名部门</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>(Top level)</source>
        <translation>（顶级）</translation>
    </message>
    <message>
        <source>Move department</source>
        <translation>移动部门</translation>
    </message>
    <message>
        <source>Move {path} (with everything under it) under:</source>
        <translation>将 {path}（连同其下级部门）移到：</translation>
    </message>
    <message>
        <source>Department not deleted</source>
        <translation>未删除部门</translation>
    </message>
    <message>
        <source>{path} has sub-departments. Move or delete them first: only a department with no people and no sub-departments can be deleted.</source>
        <translation>{path} 有下级部门。请先移走或删除下级部门：只能删除没有人员、没有下级部门的部门。</translation>
    </message>
    <message>
        <source>{path} has {count} people. Move them to another department first: only a department with no people (past or present) can be deleted.</source>
        <translation>{path} 有 {count} 人。请先把他们调到其他部门：只能删除没有人员（含已离职人员）的部门。</translation>
    </message>
    <message>
        <source>Delete the department {path}?</source>
        <translation>确定删除部门“{path}”吗？</translation>
    </message>
</context>
<context>
    <name>DepartmentPickDialog</name>
    <message>
        <source>Enrol a department or group</source>
        <translation>按部门或群体报名</translation>
    </message>
    <message>
        <source>Whole company</source>
        <translation>全公司</translation>
    </message>
    <message>
        <source>Everyone active or on probation in the department and the departments under it is enrolled; narrow it down by category or rank if needed.</source>
        <translation>该部门及其下属部门中所有在职和试用人员都将报名；如有需要，可按人员类别或职级缩小范围。</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部人员类别</translation>
    </message>
    <message>
        <source>Any rank</source>
        <translation>全部职级</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Choose a department, or the whole company.</source>
        <translation>请选择一个部门，或选择全公司。</translation>
    </message>
    <message>
        <source>{count} people match</source>
        <translation>符合条件：{count} 人</translation>
    </message>
</context>
<context>
    <name>DepartmentTreeModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Everyone on file: {total} (people who left included)</source>
        <translation>在册人员共 {total} 人（含离职人员）</translation>
    </message>
    <message>
        <source>{path}
In this department: {direct}; with sub-departments: {total} (people who left included)</source>
        <translation>{path}
本部门 {direct} 人，含下级部门共 {total} 人（含离职人员）</translation>
    </message>
</context>
<context>
    <name>DevelopmentSettingsDialog</name>
    <message>
        <source>Trainer and mentor settings</source>
        <translation>内训师与导师参数</translation>
    </message>
    <message>
        <source>Contribution value</source>
        <translation>贡献值</translation>
    </message>
    <message>
        <source>Weight of hours taught</source>
        <translation>授课学时权重</translation>
    </message>
    <message>
        <source>Weight of satisfaction</source>
        <translation>满意度权重</translation>
    </message>
    <message>
        <source>Weight of team uplift (%)</source>
        <translation>团队业绩提升(%)权重</translation>
    </message>
    <message>
        <source>Excellent trainer from (contribution ≥)</source>
        <translation>优秀内训师标准（贡献值 ≥）</translation>
    </message>
    <message>
        <source>Level checks</source>
        <translation>晋级条件</translation>
    </message>
    <message>
        <source>Junior → intermediate: basic training hours</source>
        <translation>初级 → 中级：基础培训学时</translation>
    </message>
    <message>
        <source>Junior → intermediate: satisfaction ≥</source>
        <translation>初级 → 中级：满意度 ≥</translation>
    </message>
    <message>
        <source>Intermediate → senior: specialised training hours</source>
        <translation>中级 → 高级：专项培训学时</translation>
    </message>
    <message>
        <source>Intermediate → senior: team uplift (%) ≥</source>
        <translation>中级 → 高级：团队业绩提升(%) ≥</translation>
    </message>
    <message>
        <source>Re-certification</source>
        <translation>复审</translation>
    </message>
    <message>
        <source>Years looked at</source>
        <translation>统计年数</translation>
    </message>
    <message>
        <source>Listed below these hours taught</source>
        <translation>授课学时低于此数列入复审</translation>
    </message>
    <message>
        <source>Listed below this mean satisfaction</source>
        <translation>平均满意度低于此数列入复审</translation>
    </message>
    <message>
        <source>Excellent mentor</source>
        <translation>优秀导师</translation>
    </message>
    <message>
        <source>Hours with mentees in the year ≥</source>
        <translation>年度带教学时 ≥</translation>
    </message>
    <message>
        <source>Mean evaluation ≥</source>
        <translation>学员评价均分 ≥</translation>
    </message>
    <message>
        <source>Hours, satisfaction and percentages may have two decimals.</source>
        <translation>学时、满意度和百分比最多两位小数。</translation>
    </message>
    <message>
        <source>Discard the changed settings?</source>
        <translation>放弃已修改的参数？</translation>
    </message>
</context>
<context>
    <name>DistributionPage</name>
    <message>
        <source>No points in {period} yet.</source>
        <translation>{period}暂无积分。</translation>
    </message>
    <message>
        <source>{period}: {total} points. Off target by more than {tolerance} points of percentage: {names}. Check whether their rules are set too high or too low.</source>
        <translation>{period}：共 {total} 分。偏离目标占比超过 {tolerance} 个百分点的类别：{names}。请检查这些类别的规则分值是否过高或过低。</translation>
    </message>
    <message>
        <source>{period}: {total} points; every category is within {tolerance} points of its target.</source>
        <translation>{period}：共 {total} 分，各类别与目标占比的差距均在 {tolerance} 个百分点以内。</translation>
    </message>
    <message>
        <source>Manual awards and deductions ({other}) are not part of the shares.</source>
        <translation>手工加减分（{other}）不计入占比。</translation>
    </message>
    <message>
        <source>Share of points by category, {period}</source>
        <translation>各类别积分占比（{period}）</translation>
    </message>
    <message>
        <source>Actual share</source>
        <translation>实际占比</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标占比</translation>
    </message>
</context>
<context>
    <name>EligibilityModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>差距</translation>
    </message>
</context>
<context>
    <name>EmployeeDialog</name>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Performance reviews</source>
        <translation>绩效考核</translation>
    </message>
    <message>
        <source>Career goals</source>
        <translation>职业目标</translation>
    </message>
    <message>
        <source>Save the new employee first; then reviews and goals can be added.</source>
        <translation>请先保存新员工，然后才能添加绩效考核和职业目标。</translation>
    </message>
    <message>
        <source>Employee {no} {name}</source>
        <translation>员工档案：{no} {name}</translation>
    </message>
    <message>
        <source>New employee</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Employee no. of the manager</source>
        <translation>直属上级的工号</translation>
    </message>
    <message>
        <source>Yes, level:</source>
        <translation>是，级别：</translation>
    </message>
    <message>
        <source>Internal trainer</source>
        <translation>内训师</translation>
    </message>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Training history</source>
        <translation>培训履历</translation>
    </message>
    <message>
        <source>Requirements and growth</source>
        <translation>达标与成长</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID card no.</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>直属上级</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>职级</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Professional title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Leave date</source>
        <translation>离职日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>You have changed this employee. Close without saving?</source>
        <translation>员工信息已修改，确定不保存就关闭吗？</translation>
    </message>
</context>
<context>
    <name>EmployeeHistoryPanel</name>
    <message>
        <source>Add historical record…</source>
        <translation>添加历史培训记录…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Sessions are edited on the Sessions tab.</source>
        <translation>培训班次请在“培训班次”页中编辑。</translation>
    </message>
    <message>
        <source>Hours total {hours} · Credits total {credits}</source>
        <translation>总学时 {hours} · 总学分 {credits}</translation>
    </message>
    <message>
        <source>{year}: {hours} hours, {credits} credits</source>
        <translation>{year} 年：{hours} 学时，{credits} 学分</translation>
    </message>
    <message>
        <source>No training recorded yet.</source>
        <translation>暂无培训记录。</translation>
    </message>
    <message>
        <source>Delete the historical record “{title}” of {date}?</source>
        <translation>确定删除 {date} 的历史培训记录“{title}”吗？</translation>
    </message>
    <message>
        <source>Delete historical record</source>
        <translation>删除历史培训记录</translation>
    </message>
    <message>
        <source>Export the training history</source>
        <translation>导出培训履历</translation>
    </message>
    <message>
        <source>Training_history_{no}.xlsx</source>
        <translation>培训履历_{no}.xlsx</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Exported {count} rows to
{path}</source>
        <translation>已导出 {count} 行到
{path}</translation>
    </message>
</context>
<context>
    <name>EmployeePickModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>EmployeePicker</name>
    <message>
        <source>Choose people</source>
        <translation>选择人员</translation>
    </message>
    <message>
        <source>Search employee no. or name</source>
        <translation>搜索工号或姓名</translation>
    </message>
    <message>
        <source>Select all shown</source>
        <translation>全选当前显示</translation>
    </message>
    <message>
        <source>Add selected</source>
        <translation>添加所选</translation>
    </message>
    <message>
        <source>{shown} of {total} shown; search to narrow. {chosen} selected.</source>
        <translation>共 {total} 人，仅显示 {shown} 人，请搜索缩小范围。已选 {chosen} 人。</translation>
    </message>
    <message>
        <source>{total} found, {chosen} selected.</source>
        <translation>找到 {total} 人，已选 {chosen} 人。</translation>
    </message>
</context>
<context>
    <name>EmployeeRequirementsPanel</name>
    <message>
        <source> year</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Growth this year</source>
        <translation>本年成长</translation>
    </message>
    <message>
        <source>Upcoming sessions that would close a gap, soonest first:</source>
        <translation>可补齐差距的近期培训班次（按开课时间先后）：</translation>
    </message>
    <message>
        <source>Standing as of</source>
        <translation>达标情况，年度</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>{count} requirement(s) apply, {met} met</source>
        <translation>适用 {count} 项要求，已达标 {met} 项</translation>
    </message>
    <message>
        <source>No requirement applies.</source>
        <translation>没有适用的达标要求。</translation>
    </message>
    <message>
        <source>next milestone {credits} credits: {reward} (still {missing})</source>
        <translation>下一个里程碑 {credits} 学分：{reward}（还差 {missing}）</translation>
    </message>
    <message>
        <source>every credit milestone reached</source>
        <translation>已达成全部学分里程碑</translation>
    </message>
    <message>
        <source>rank {rank} of {ranked} over the last 12 months</source>
        <translation>近12个月积分排名第 {rank}（共 {ranked} 人）</translation>
    </message>
    <message>
        <source>no points in the last 12 months</source>
        <translation>近12个月无积分</translation>
    </message>
    <message>
        <source>{year}: {hours} hours, {credits} credits · {total} credits in all, {milestone} · {balance} points to spend, {points} earned in the last 12 months, {rank}</source>
        <translation>{year} 年：{hours} 学时，{credits} 学分 · 累计 {total} 学分，{milestone} · 可用积分 {balance}，近12个月获得 {points}，{rank}</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>Competencies below 70 in the latest review: {items}</source>
        <translation>最近一次考核中低于70分的能力项：{items}</translation>
    </message>
</context>
<context>
    <name>EmployeeTableModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>职级</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Professional title</source>
        <translation>职称</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Leave date</source>
        <translation>离职日期</translation>
    </message>
    <message>
        <source>Left on {date}</source>
        <translation>{date} 离职</translation>
    </message>
</context>
<context>
    <name>EmployeesTab</name>
    <message>
        <source>Search employee no., name or phone</source>
        <translation>搜索工号、姓名或手机号</translation>
    </message>
    <message>
        <source>Active and probation</source>
        <translation>在职和试用</translation>
    </message>
    <message>
        <source>All statuses (incl. left)</source>
        <translation>全部状态（含离职）</translation>
    </message>
    <message>
        <source>Active only</source>
        <translation>仅在职</translation>
    </message>
    <message>
        <source>Probation only</source>
        <translation>仅试用</translation>
    </message>
    <message>
        <source>Left only</source>
        <translation>仅离职</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部人员类别</translation>
    </message>
    <message>
        <source>All ranks</source>
        <translation>全部职级</translation>
    </message>
    <message>
        <source>New employee</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Nobody is in the archive yet. Import the roster your office keeps in Excel or WPS (the template shows the columns it reads), or add employees one by one.</source>
        <translation>档案中还没有任何员工。请导入单位在 Excel 或 WPS 中保存的花名册（模板列出了导入读取的各列），或逐个添加员工。</translation>
    </message>
    <message>
        <source>Nobody is in the archive yet; the HR administrator imports the roster.</source>
        <translation>档案中还没有任何员工；花名册由人事管理员导入。</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>导入花名册…</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <source>Add employee…</source>
        <translation>添加员工…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Mark as left…</source>
        <translation>办理离职…</translation>
    </message>
    <message>
        <source>Rehire</source>
        <translation>重新入职</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>{total} people · active {active} · probation {probation} · left {left} · showing {shown}</source>
        <translation>共 {total} 人 · 在职 {active} · 试用 {probation} · 离职 {left} · 当前显示 {shown}</translation>
    </message>
    <message>
        <source>Edit {no} {name}</source>
        <translation>修改 {no} {name}</translation>
    </message>
    <message>
        <source>Mark {no} {name} as left</source>
        <translation>{no} {name} 离职</translation>
    </message>
    <message>
        <source>Rehire {who}? The status becomes active and the leave date is cleared.</source>
        <translation>确定让 {who} 重新入职吗？状态将改为在职，离职日期将被清除。</translation>
    </message>
    <message>
        <source>Rehire {no} {name}</source>
        <translation>{no} {name} 重新入职</translation>
    </message>
    <message>
        <source>Delete employee</source>
        <translation>删除员工</translation>
    </message>
    <message>
        <source>Delete {who} permanently?

Only records entered by mistake should be deleted; for someone who leaves, use “Mark as left” so the history stays.</source>
        <translation>确定永久删除 {who} 吗？

只有误录入的记录才应删除；员工离开公司请使用“办理离职”，以便保留历史记录。</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
</context>
<context>
    <name>EndPairDialog</name>
    <message>
        <source>End the mentoring pair</source>
        <translation>结束导师结对</translation>
    </message>
    <message>
        <source>Mentor {mentor}, mentee {mentee}, since {start}.</source>
        <translation>导师 {mentor}，学员 {mentee}，自 {start} 起。</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>Close without ending the pair?</source>
        <translation>不结束结对并关闭？</translation>
    </message>
</context>
<context>
    <name>EnrolmentModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>候补顺序</translation>
    </message>
    <message>
        <source>Enrolled by</source>
        <translation>报名来源</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>报名时间</translation>
    </message>
</context>
<context>
    <name>EnrolmentPanel</name>
    <message>
        <source>Add people…</source>
        <translation>添加人员…</translation>
    </message>
    <message>
        <source>Add department or group…</source>
        <translation>按部门或群体报名…</translation>
    </message>
    <message>
        <source>Cancel enrolment…</source>
        <translation>取消报名…</translation>
    </message>
    <message>
        <source>Show cancelled</source>
        <translation>显示已取消</translation>
    </message>
    <message>
        <source>{enrolled} enrolled · {waitlisted} waitlisted · {cancelled} cancelled</source>
        <translation>已报名 {enrolled} · 候补 {waitlisted} · 已取消 {cancelled}</translation>
    </message>
    <message>
        <source>Enrol people</source>
        <translation>选择报名人员</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>正在报名…</translation>
    </message>
    <message>
        <source>Take {who} off the waitlist?</source>
        <translation>确定将 {who} 移出候补名单吗？</translation>
    </message>
    <message>
        <source>Cancel the enrolment of {who}? The first person on the waitlist takes the place.</source>
        <translation>确定取消 {who} 的报名吗？候补名单中的第一位将递补。</translation>
    </message>
    <message>
        <source>Cancel enrolment</source>
        <translation>取消报名</translation>
    </message>
    <message>
        <source>Enrolment cancelled</source>
        <translation>报名已取消</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>Mentee&apos;s evaluation</source>
        <translation>学员评价</translation>
    </message>
    <message>
        <source>{mentee} evaluates mentor {mentor}.</source>
        <translation>{mentee} 对导师 {mentor} 的评价。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Evaluation (0-100)</source>
        <translation>评价（0-100）</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>Close without saving the evaluation?</source>
        <translation>不保存评价并关闭？</translation>
    </message>
</context>
<context>
    <name>EvaluationModel</name>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
</context>
<context>
    <name>ExamTableModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>是否及格</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ExcelFiles</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export {what}</source>
        <translation>导出{what}</translation>
    </message>
    <message>
        <source>{what}_{day}.xlsx</source>
        <translation>{what}_{day}.xlsx</translation>
    </message>
    <message>
        <source>Exported {count} row(s) to
{path}</source>
        <translation>已导出 {count} 行到
{path}</translation>
    </message>
    <message>
        <source>Exporting {what}…</source>
        <translation>正在导出{what}…</translation>
    </message>
    <message>
        <source>{what}_template.xlsx</source>
        <translation>{what}_导入模板.xlsx</translation>
    </message>
    <message>
        <source>The template was saved to
{path}
Fill in one record per row, then import it.</source>
        <translation>模板已保存到
{path}
请每行填写一条记录，然后导入。</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 编码 (*.csv)</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns});;All files (*)</source>
        <translation>表格文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save the import template</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <source>Template saved</source>
        <translation>模板已保存</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Cannot use the file {path}: {reason}</source>
        <translation>无法使用文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>The program ran into an error it did not expect. Data saved before this is safe.</source>
        <translation>程序遇到了意外错误。此前已保存的数据不受影响。</translation>
    </message>
    <message>
        <source>Details were written to the log file:
{path}
Please send it to whoever supports the program.</source>
        <translation>详细信息已写入日志文件：
{path}
请将该文件发给程序的技术支持人员。</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Feedback</source>
        <translation>学员评价</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未评</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Trainer satisfaction (0-100)</source>
        <translation>讲师满意度（0-100）</translation>
    </message>
    <message>
        <source>Course rating (1-5)</source>
        <translation>课程评分（1-5）</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>Feedback not saved</source>
        <translation>学员评价未保存</translation>
    </message>
    <message>
        <source>Nobody is enrolled in this session yet.</source>
        <translation>本培训班次尚无人报名。</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <source>Add feedback…</source>
        <translation>添加学员评价…</translation>
    </message>
    <message>
        <source>Record score</source>
        <translation>登记成绩</translation>
    </message>
    <message>
        <source>Clear score</source>
        <translation>清除成绩</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Exam</source>
        <translation>考试</translation>
    </message>
    <message>
        <source>Trainer satisfaction mean {satisfaction} · course rating mean {rating} · {count} form(s)</source>
        <translation>讲师满意度均值 {satisfaction} · 课程评分均值 {rating} · 共 {count} 份</translation>
    </message>
    <message>
        <source>Pass mark: {mark}</source>
        <translation>及格分：{mark}</translation>
    </message>
    <message>
        <source>Pass mark: not set (set it on the session)</source>
        <translation>及格分：未设置（请在培训班次中设置）</translation>
    </message>
    <message>
        <source>{passed} of {scored} scored passed</source>
        <translation>已评分 {scored} 人，及格 {passed} 人</translation>
    </message>
    <message>
        <source>Delete the feedback of {name}?</source>
        <translation>确定删除 {name} 的学员评价吗？</translation>
    </message>
    <message>
        <source>Delete feedback</source>
        <translation>删除学员评价</translation>
    </message>
</context>
<context>
    <name>FeedbackTableModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Trainer satisfaction</source>
        <translation>讲师满意度</translation>
    </message>
    <message>
        <source>Course rating</source>
        <translation>课程评分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
</context>
<context>
    <name>FieldDialog</name>
    <message>
        <source>Fields marked * are required.</source>
        <translation>带 * 的为必填项。</translation>
    </message>
    <message>
        <source>Please correct the marked fields</source>
        <translation>请更正标出的字段</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改吗？</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>This database has no accounts yet. Create the account of the HR administrator: it may do everything, and adds the accounts of the other users.</source>
        <translation>此数据库还没有账号。请创建人事管理员账号：管理员拥有全部权限，并负责添加其他用户的账号。</translation>
    </message>
    <message>
        <source>Sign-in name, without spaces, e.g. zhangwei</source>
        <translation>登录名，不含空格，例如 zhangwei</translation>
    </message>
    <message>
        <source>Shown in the window and the audit trail</source>
        <translation>显示在窗口和审计记录中</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>显示名称：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
</context>
<context>
    <name>FirstDayGuide</name>
    <message>
        <source>Getting started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Skip the guide</source>
        <translation>跳过向导(&amp;S)</translation>
    </message>
    <message>
        <source>Remembering that the guide was done</source>
        <translation>正在记录向导已完成</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Preparing the demo data (the first time takes a little while)…</source>
        <translation>正在准备演示数据（第一次需要稍等片刻）…</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <source>Career goal</source>
        <translation>职业目标</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Target position</source>
        <translation>目标岗位</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>目标日期</translation>
    </message>
    <message>
        <source>Goal not saved</source>
        <translation>职业目标未保存</translation>
    </message>
</context>
<context>
    <name>GoalTableModel</name>
    <message>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Target position</source>
        <translation>目标岗位</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>目标日期</translation>
    </message>
</context>
<context>
    <name>GoalsPanel</name>
    <message>
        <source>Add goal…</source>
        <translation>添加目标…</translation>
    </message>
    <message>
        <source>Goals are saved as soon as you confirm them.</source>
        <translation>职业目标在确认后立即保存。</translation>
    </message>
    <message>
        <source>Delete goal</source>
        <translation>删除职业目标</translation>
    </message>
    <message>
        <source>Delete the goal “{text}”?</source>
        <translation>确定删除职业目标“{text}”吗？</translation>
    </message>
</context>
<context>
    <name>GradeDialog</name>
    <message>
        <source>Grade {name}&apos;s submission</source>
        <translation>为 {name} 的提交评分</translation>
    </message>
    <message>
        <source>The final score is the mean of both; it stays pending until both are given.</source>
        <translation>最终得分为两项评分的平均值；两项都评完之前显示为待评。</translation>
    </message>
    <message>
        <source>HR score</source>
        <translation>HR评分</translation>
    </message>
    <message>
        <source>Department head score</source>
        <translation>部门评分</translation>
    </message>
    <message>
        <source>Grades not saved</source>
        <translation>评分未保存</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Course code</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>培训班次</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <source>Submissions (final score)</source>
        <translation>提交（最终得分）</translation>
    </message>
    <message>
        <source>Exam score</source>
        <translation>考试成绩</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>not graded</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source> (excellent)</source>
        <translation>（优秀）</translation>
    </message>
    <message>
        <source>Historical record</source>
        <translation>历史培训记录</translation>
    </message>
</context>
<context>
    <name>HomeTab</name>
    <message>
        <source>Welcome back. Here is what needs doing.</source>
        <translation>欢迎回来。以下是待办事项。</translation>
    </message>
    <message>
        <source>Loading reminders…</source>
        <translation>正在加载提醒…</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开培训班次</translation>
    </message>
    <message>
        <source>Open employee</source>
        <translation>打开员工档案</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Reload the reminders and the charts (F5)</source>
        <translation>重新加载提醒和图表 (F5)</translation>
    </message>
    <message>
        <source>Reminder &amp;notices…</source>
        <translation>提醒通知(&amp;N)…</translation>
    </message>
    <message>
        <source>Each department&apos;s people with work due or overdue: print, export or e-mail to the heads</source>
        <translation>各部门人员即将开始的培训和到期、逾期的提交：打印、导出或发邮件给部门负责人</translation>
    </message>
    <message>
        <source>Double-click a line or press Enter to open it.</source>
        <translation>双击某行或按 Enter 键打开。</translation>
    </message>
    <message>
        <source>Today {date}</source>
        <translation>今天：{date}</translation>
    </message>
    <message>
        <source>The reminders could not be loaded.</source>
        <translation>无法加载提醒。</translation>
    </message>
    <message>
        <source>Nothing due today. Everything is up to date.</source>
        <translation>今天没有待办事项，一切都已处理完毕。</translation>
    </message>
    <message>
        <source>{upcoming} session(s) start soon, {due} submission(s) are due, {chase} action plan(s) to chase, {overdue} overdue, {stale} session(s) to close.</source>
        <translation>{upcoming} 个培训班次即将开始，{due} 份提交即将到期，{chase} 份行动计划待跟进，{overdue} 份已逾期，{stale} 个培训班次待结束。</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <source>Check and import</source>
        <translation>检查并导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Copy list</source>
        <translation>复制错误列表</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>导出错误列表…</translation>
    </message>
    <message>
        <source>Import the valid rows only</source>
        <translation>仅导入正确的行</translation>
    </message>
    <message>
        <source>Cancel (write nothing)</source>
        <translation>取消（不写入任何数据）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import {what}</source>
        <translation>导入{what}</translation>
    </message>
    <message>
        <source>Choose a spreadsheet (.xlsx, .xls, .ods or CSV) of {what}. The header row may be anywhere near the top and the columns in any order; required columns: {required}. The whole file is checked first: if any row has a problem, nothing is written until you decide. Rows already on file (same {key}) are updated.</source>
        <translation>选择{what}表格文件（.xlsx、.xls、.ods 或 CSV）。表头可以在靠上的任意一行，列的顺序不限；必需的列：{required}。会先检查整个文件：只要有一行有问题，在您决定之前不会写入任何内容。档案中已有的行（{key}相同）会被更新。</translation>
    </message>
    <message>
        <source>Path of the file</source>
        <translation>文件路径</translation>
    </message>
    <message>
        <source>Create the new departments…</source>
        <translation>新建这些部门…</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Reading and checking {name}…</source>
        <translation>正在读取并检查 {name}…</translation>
    </message>
    <message>
        <source>Cannot import this file</source>
        <translation>无法导入此文件</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing has been imported.&lt;/b&gt; {problems} problem(s) in {bad} of {rows} data rows; {good} rows are correct. Correct the file and import it again, or import the correct rows now and the others later.</source>
        <translation>&lt;b&gt;尚未导入任何数据。&lt;/b&gt;共 {rows} 行数据，其中 {bad} 行有 {problems} 处问题，{good} 行正确。请修改文件后重新导入，或先导入正确的行、其余的以后再导入。</translation>
    </message>
    <message>
        <source>Import the {count} valid rows only</source>
        <translation>仅导入 {count} 行正确数据</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 个</translation>
    </message>
    <message>
        <source>Create new departments</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <source>The file names {count} department(s) the archive does not have:

{paths}

Create them and import the file? Check first that none is a typo of an existing department.</source>
        <translation>文件中有 {count} 个部门在档案中不存在：

{paths}

新建这些部门并导入文件吗？请先确认其中没有现有部门的错别字。</translation>
    </message>
    <message>
        <source>Creating the departments and importing…</source>
        <translation>正在新建部门并导入……</translation>
    </message>
    <message>
        <source>Importing the valid rows…</source>
        <translation>正在导入正确的行…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt; Created {created}, updated {updated}, unchanged {unchanged}.</source>
        <translation>&lt;b&gt;导入完成。&lt;/b&gt;新增 {created} 条，更新 {updated} 条，未变 {unchanged} 条。</translation>
    </message>
    <message>
        <source>New departments: {paths}</source>
        <translation>新建部门：{paths}</translation>
    </message>
    <message>
        <source>{count} row(s) with problems were skipped; they are listed below.</source>
        <translation>有问题的 {count} 行已跳过，详见下方列表。</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>提示：{text}</translation>
    </message>
    <message>
        <source>Export the error list</source>
        <translation>导出错误列表</translation>
    </message>
    <message>
        <source>Import_errors.xlsx</source>
        <translation>导入错误列表.xlsx</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Error list saved</source>
        <translation>错误列表已保存</translation>
    </message>
    <message>
        <source>{count} problem(s) saved to
{path}</source>
        <translation>{count} 处问题已保存到
{path}</translation>
    </message>
</context>
<context>
    <name>ImportErrorModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>IncentiveModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Qualifies</source>
        <translation>是否符合</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>rank {rank}</source>
        <translation>第 {rank} 名</translation>
    </message>
    <message>
        <source>bonus coefficient +{value}</source>
        <translation>奖金系数 +{value}</translation>
    </message>
    <message>
        <source>quarterly bonus +{value} %</source>
        <translation>季度奖金 +{value}%</translation>
    </message>
    <message>
        <source>action plans {done}/{due} on time ({rate})</source>
        <translation>行动计划按时提交 {done}/{due}（{rate}）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>IncentiveSettingsDialog</name>
    <message>
        <source>Incentive and target settings</source>
        <translation>激励与目标设置</translation>
    </message>
    <message>
        <source>Target share, {category}:</source>
        <translation>{category}目标占比：</translation>
    </message>
    <message>
        <source>Flag a category off target by more than (points of percentage):</source>
        <translation>偏离目标超过多少个百分点时标记：</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
</context>
<context>
    <name>IncentivesPage</name>
    <message>
        <source>Those who qualify</source>
        <translation>仅符合条件者</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>These are suggestions for HR to confirm; the program pays nothing.</source>
        <translation>名单仅为建议，需由人事部门确认；本程序不发放任何奖励。</translation>
    </message>
    <message>
        <source>{title} — {period}. {rule}. {count} qualify.</source>
        <translation>{title} — {period}。{rule}。符合条件：{count} 人。</translation>
    </message>
</context>
<context>
    <name>LeaderModel</name>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
</context>
<context>
    <name>LeaderboardPage</name>
    <message>
        <source>People</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>{count} departments</source>
        <translation>共 {count} 个部门</translation>
    </message>
    <message>
        <source>{count} people ranked</source>
        <translation>共 {count} 人上榜</translation>
    </message>
    <message>
        <source>Leaderboard {period}</source>
        <translation>积分排行榜 {period}</translation>
    </message>
</context>
<context>
    <name>LeaveDateDialog</name>
    <message>
        <source>Mark as left</source>
        <translation>办理离职</translation>
    </message>
    <message>
        <source>{who} leaves the company. The record and its history are kept.</source>
        <translation>{who} 离职。档案及历史记录将保留。</translation>
    </message>
    <message>
        <source>Leave date</source>
        <translation>离职日期</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
</context>
<context>
    <name>LoadingDialog</name>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>LogHoursDialog</name>
    <message>
        <source>Log mentoring hours</source>
        <translation>记录带教学时</translation>
    </message>
    <message>
        <source>Mentor {mentor}, mentee {mentee}.</source>
        <translation>导师 {mentor}，学员 {mentee}。</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 学时</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Close without logging these hours?</source>
        <translation>不记录这些学时并关闭？</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>MailSettingsDialog</name>
    <message>
        <source>Mail server</source>
        <translation>邮件服务器</translation>
    </message>
    <message>
        <source>None</source>
        <translation>不加密</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>empty: the server takes mail without signing in</source>
        <translation>留空：服务器无需登录即可发信</translation>
    </message>
    <message>
        <source>Keep the password on this computer (never in the database)</source>
        <translation>在本机保存密码（不存入数据库）</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>加密方式：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sender address:</source>
        <translation>发件地址：</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>E-mail address(es)</source>
        <translation>邮件地址</translation>
    </message>
    <message>
        <source>Each department&apos;s notice goes to its address, or to the address of the department above it. Several addresses: separate them with commas.</source>
        <translation>各部门的通知发往本部门的地址；未设置时发往上级部门的地址。多个地址请用逗号分隔。</translation>
    </message>
    <message>
        <source>Send a &amp;test mail</source>
        <translation>发送测试邮件(&amp;T)</translation>
    </message>
    <message>
        <source>Sends a short mail to the sender address with the values above</source>
        <translation>用上面填写的设置向发件地址发送一封短邮件</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>kept on this computer; type to replace</source>
        <translation>已保存在本机；输入新密码可替换</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>Saving the mail settings</source>
        <translation>正在保存邮件设置</translation>
    </message>
    <message>
        <source>Test mail sent</source>
        <translation>测试邮件已发送</translation>
    </message>
    <message>
        <source>The server took the test mail for {address}. Check that it arrives.</source>
        <translation>邮件服务器已接收发往 {address} 的测试邮件，请查看是否收到。</translation>
    </message>
    <message>
        <source>Test mail not sent</source>
        <translation>测试邮件未发送</translation>
    </message>
    <message>
        <source>Sending a test mail…</source>
        <translation>正在发送测试邮件…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>HR Training Archive — {name}</source>
        <translation>员工培训档案 — {name}</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <source>Signed in: {account} · {role}</source>
        <translation>已登录：{account} · {role}</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>HR Training Archive — {name} — demo data</source>
        <translation>人事培训档案 — {name} — 演示数据</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>员工档案</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>培训班次</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>内训师</translation>
    </message>
    <message>
        <source>Needs &amp;&amp; effect</source>
        <translation>需求与效果</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import employees…</source>
        <translation>导入员工(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export employees…</source>
        <translation>导出员工(&amp;E)…</translation>
    </message>
    <message>
        <source>Download import &amp;template…</source>
        <translation>下载导入模板(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Try the &amp;demo data…</source>
        <translation>试用演示数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Bac&amp;k to our own database</source>
        <translation>回到本单位数据库(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>S&amp;witch account…</source>
        <translation>切换账号(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;New employee…</source>
        <translation>新增员工(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Positions and core competencies…</source>
        <translation>岗位与核心能力(&amp;P)…</translation>
    </message>
    <message>
        <source>Printed &amp;documents (organisation, certificates)…</source>
        <translation>打印文档设置（单位名称、证书）(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Signing key…</source>
        <translation>签名密钥(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>账号管理(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Import templates</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>desktop_hr database (*.sqlite3 *.db);;All files (*)</source>
        <translation>desktop_hr 数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>&lt;h3&gt;HR Training Archive&lt;/h3&gt;&lt;p&gt;Version {version}&lt;/p&gt;&lt;p&gt;Personnel archive, training, points and printed records, offline.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;br&gt;Log file: {log}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;员工培训档案&lt;/h3&gt;&lt;p&gt;版本 {version}&lt;/p&gt;&lt;p&gt;人事档案、培训、积分与归档打印，离线使用。&lt;/p&gt;&lt;p&gt;数据库：{database}&lt;br&gt;日志文件：{log}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ManualAwardDialog</name>
    <message>
        <source>Award or deduct points</source>
        <translation>手工加减分</translation>
    </message>
    <message>
        <source>Nobody chosen yet</source>
        <translation>尚未选择人员</translation>
    </message>
    <message>
        <source>Choose people…</source>
        <translation>选择人员…</translation>
    </message>
    <message>
        <source>Required: why, so the ledger explains itself</source>
        <translation>必填：说明原因，便于积分明细查证</translation>
    </message>
    <message>
        <source>People:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Points (negative deducts):</source>
        <translation>积分（负数为扣分）：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Who gets the points</source>
        <translation>选择加减分人员</translation>
    </message>
    <message>
        <source>{count} people chosen</source>
        <translation>已选 {count} 人</translation>
    </message>
    <message>
        <source>Choose at least one person.</source>
        <translation>请至少选择一人。</translation>
    </message>
    <message>
        <source>Points not saved</source>
        <translation>积分未保存</translation>
    </message>
</context>
<context>
    <name>MaterialModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>MaterialsPanel</name>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Files are kept inside the database, under the name they were added with.</source>
        <translation>文件保存在数据库中，并保留添加时的文件名。</translation>
    </message>
    <message>
        <source>Add a file to the material library</source>
        <translation>向素材库添加文件</translation>
    </message>
    <message>
        <source>Storing {name}…</source>
        <translation>正在保存 {name}…</translation>
    </message>
    <message>
        <source>Save the file as</source>
        <translation>文件另存为</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>移除文件</translation>
    </message>
    <message>
        <source>Remove “{name}” from this course&apos;s material library?</source>
        <translation>确定从本课程的素材库中移除“{name}”吗？</translation>
    </message>
</context>
<context>
    <name>MentorSummaryModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>结对</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>Mean evaluation</source>
        <translation>评价均分</translation>
    </message>
    <message>
        <source>Excellent mentor</source>
        <translation>优秀导师</translation>
    </message>
</context>
<context>
    <name>Mentoring</name>
    <message>
        <source>At most {limit} characters</source>
        <translation>最多 {limit} 个字符</translation>
    </message>
</context>
<context>
    <name>MentoringPage</name>
    <message>
        <source>Only pairs running in the year</source>
        <translation>仅显示该年度进行中的结对</translation>
    </message>
    <message>
        <source>Search mentor or mentee (employee no. or name)</source>
        <translation>搜索导师或学员（工号或姓名）</translation>
    </message>
    <message>
        <source>New pair…</source>
        <translation>新建结对…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>End…</source>
        <translation>结束…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Log hours…</source>
        <translation>记录学时…</translation>
    </message>
    <message>
        <source>Evaluation…</source>
        <translation>评价…</translation>
    </message>
    <message>
        <source>Delete hours…</source>
        <translation>删除学时…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>结对</translation>
    </message>
    <message>
        <source>Mentor summary</source>
        <translation>导师汇总</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Hours logged</source>
        <translation>带教记录</translation>
    </message>
    <message>
        <source>Mentee&apos;s evaluations</source>
        <translation>学员评价</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{pairs} pair(s) · {mentors} mentor(s) · {excellent} excellent</source>
        <translation>{pairs} 个结对 · {mentors} 位导师 · {excellent} 位优秀</translation>
    </message>
    <message>
        <source>{year}: an excellent mentor has at least {hours} hours logged with mentees in the year and a mean evaluation of at least {score} (the settings of the trainer programme).</source>
        <translation>{year} 年度：带教学时不少于 {hours} 学时且学员评价均分不低于 {score} 分者为优秀导师（见内训师与导师参数）。</translation>
    </message>
    <message>
        <source>Choose a pair to see its hours and evaluations.</source>
        <translation>选择一个结对以查看其带教学时和评价。</translation>
    </message>
    <message>
        <source>{mentor} → {mentee}: {hours} hours logged in all.</source>
        <translation>{mentor} → {mentee}：累计带教 {hours} 学时。</translation>
    </message>
    <message>
        <source>Delete pair</source>
        <translation>删除结对</translation>
    </message>
    <message>
        <source>Delete the pair of mentor {mentor} and mentee {mentee} ({start})? Only a pair with no hours and no evaluation can be deleted; end it otherwise.</source>
        <translation>删除导师 {mentor} 与学员 {mentee} 的结对（{start}）？只有没有带教记录和评价的结对才能删除，否则请设置结束日期。</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Delete hours</source>
        <translation>删除学时</translation>
    </message>
    <message>
        <source>Delete the {hours} hours logged on {day}?</source>
        <translation>删除 {day} 记录的 {hours} 学时？</translation>
    </message>
    <message>
        <source>Mentor summary {year}</source>
        <translation>{year}年导师汇总</translation>
    </message>
</context>
<context>
    <name>MilestoneDialog</name>
    <message>
        <source>Edit milestone</source>
        <translation>编辑里程碑</translation>
    </message>
    <message>
        <source>Add milestone</source>
        <translation>新增里程碑</translation>
    </message>
    <message>
        <source>Unlocks when reached</source>
        <translation>达到该学分即达成</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Milestone not saved</source>
        <translation>里程碑未保存</translation>
    </message>
</context>
<context>
    <name>MilestoneList</name>
    <message>
        <source>Add milestone…</source>
        <translation>新增里程碑…</translation>
    </message>
    <message>
        <source>Credits are never spent: each milestone is reached once.</source>
        <translation>学分不会被扣减：每个里程碑每人只达成一次。</translation>
    </message>
    <message>
        <source>Activate milestone</source>
        <translation>启用里程碑</translation>
    </message>
    <message>
        <source>Unlock “{reward}” at {credits} credits again?</source>
        <translation>确定重新启用里程碑“{reward}”（{credits} 学分）吗？</translation>
    </message>
    <message>
        <source>Deactivate milestone</source>
        <translation>停用里程碑</translation>
    </message>
    <message>
        <source>Stop unlocking “{reward}” at {credits} credits? Those who reached it keep it.</source>
        <translation>确定停用里程碑“{reward}”（{credits} 学分）吗？已达成的人员不受影响。</translation>
    </message>
</context>
<context>
    <name>MilestoneTableModel</name>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Reached by</source>
        <translation>达成人数</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>MilestonesSection</name>
    <message>
        <source>Only not yet granted</source>
        <translation>仅显示未发放</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Mark granted</source>
        <translation>标记为已发放</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>达成记录</translation>
    </message>
    <message>
        <source>{count} reached</source>
        <translation>已达成 {count} 人次</translation>
    </message>
    <message>
        <source>Credit milestones</source>
        <translation>学分里程碑</translation>
    </message>
    <message>
        <source>{count} new milestones reached.</source>
        <translation>新达成里程碑 {count} 项。</translation>
    </message>
    <message>
        <source>Nobody reached a new milestone.</source>
        <translation>没有人新达成里程碑。</translation>
    </message>
    <message>
        <source>Has {name} received “{reward}” ({credits} credits)?</source>
        <translation>{name} 是否已领取“{reward}”（{credits} 学分）？</translation>
    </message>
</context>
<context>
    <name>NeedDialog</name>
    <message>
        <source>New training need</source>
        <translation>新建培训需求</translation>
    </message>
    <message>
        <source>Training need</source>
        <translation>培训需求</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>能力项</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>(whole company)</source>
        <translation>（全公司）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Discard the changes to this need?</source>
        <translation>放弃对此需求的修改？</translation>
    </message>
</context>
<context>
    <name>NeedStatusDialog</name>
    <message>
        <source>Status of “{title}”</source>
        <translation>“{title}”的状态</translation>
    </message>
    <message>
        <source>(no course)</source>
        <translation>（不关联课程）</translation>
    </message>
    <message>
        <source>(no session)</source>
        <translation>（不关联班次）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Or session</source>
        <translation>或班次</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Discard the change of status?</source>
        <translation>放弃对状态的修改？</translation>
    </message>
</context>
<context>
    <name>NeedsAnalysisModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>能力项</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Below 70</source>
        <translation>低于70分</translation>
    </message>
    <message>
        <source>Assessed</source>
        <translation>评估人数</translation>
    </message>
    <message>
        <source>Related courses</source>
        <translation>相关课程</translation>
    </message>
    <message>
        <source>Career goals</source>
        <translation>职业目标</translation>
    </message>
    <message>
        <source>In the pool</source>
        <translation>需求池</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>NeedsAnalysisPage</name>
    <message>
        <source>Only needs</source>
        <translation>只看需求</translation>
    </message>
    <message>
        <source>Add to needs pool</source>
        <translation>加入需求池</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Analysing…</source>
        <translation>正在分析…</translation>
    </message>
    <message>
        <source>{needs} need(s) among {rows} department competencies</source>
        <translation>{rows} 个部门能力项中有 {needs} 项培训需求</translation>
    </message>
    <message>
        <source>No active course addresses it.</source>
        <translation>暂无相关的在用课程。</translation>
    </message>
    <message>
        <source>No career goal mentions it.</source>
        <translation>没有职业目标提到该能力项。</translation>
    </message>
    <message>
        <source>None in the pool yet.</source>
        <translation>需求池中尚无。</translation>
    </message>
    <message>
        <source>Related courses:</source>
        <translation>相关课程：</translation>
    </message>
    <message>
        <source>Career goals:</source>
        <translation>职业目标：</translation>
    </message>
    <message>
        <source>In the pool:</source>
        <translation>需求池中：</translation>
    </message>
    <message>
        <source>Added to the needs pool</source>
        <translation>已加入需求池</translation>
    </message>
    <message>
        <source>“{competency}” of {department} is now a need in the pool.</source>
        <translation>{department}的“{competency}”已加入培训需求池。</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>未加入</translation>
    </message>
    <message>
        <source>Adding the need to the pool</source>
        <translation>正在加入需求池</translation>
    </message>
    <message>
        <source>Training needs analysis</source>
        <translation>培训需求分析</translation>
    </message>
    <message>
        <source>the needs analysis</source>
        <translation>培训需求分析报告</translation>
    </message>
    <message>
        <source>Preparing the needs analysis…</source>
        <translation>正在准备培训需求分析…</translation>
    </message>
</context>
<context>
    <name>NeedsEffectTab</name>
    <message>
        <source>Needs pool</source>
        <translation>需求池</translation>
    </message>
    <message>
        <source>Needs analysis</source>
        <translation>需求分析</translation>
    </message>
    <message>
        <source>Training effect</source>
        <translation>培训效果</translation>
    </message>
</context>
<context>
    <name>NeedsModel</name>
    <message>
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>能力项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Linked course</source>
        <translation>关联课程</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
</context>
<context>
    <name>NeedsPoolPage</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Search need, department or competency</source>
        <translation>搜索需求、部门或能力项</translation>
    </message>
    <message>
        <source>New need…</source>
        <translation>新建需求…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>更改状态…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>{count} need(s)</source>
        <translation>{count} 条需求</translation>
    </message>
    <message>
        <source>(no detail)</source>
        <translation>（无说明）</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <source>Delete need</source>
        <translation>删除需求</translation>
    </message>
    <message>
        <source>Delete the need “{title}” from the pool?
Reason (kept in the audit trail):</source>
        <translation>从需求池中删除需求“{title}”？
删除原因（记入审计记录）：</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Deleting the need</source>
        <translation>正在删除需求</translation>
    </message>
</context>
<context>
    <name>NextStepsPage</name>
    <message>
        <source>Your people</source>
        <translation>您的员工</translation>
    </message>
    <message>
        <source>Bring in the roster your office keeps in Excel or WPS, or look around in demo data first: the demo opens as a separate file and never mixes with your records.</source>
        <translation>导入单位在 Excel 或 WPS 中保存的花名册，或先用演示数据看一看：演示数据在单独的文件中打开，绝不会混入您的档案。</translation>
    </message>
    <message>
        <source>&amp;Import our roster…</source>
        <translation>导入我们的花名册(&amp;I)…</translation>
    </message>
    <message>
        <source>Download the roster &amp;template…</source>
        <translation>下载花名册模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Try the &amp;demo data</source>
        <translation>试用演示数据(&amp;D)</translation>
    </message>
    <message>
        <source>.xlsx, .xls, .ods or CSV; every row is checked first and every problem listed.</source>
        <translation>支持 .xlsx、.xls、.ods 或 CSV；先逐行检查，列出每一个问题。</translation>
    </message>
    <message>
        <source>The columns the import reads, with an example row.</source>
        <translation>导入读取的各列，附一行示例。</translation>
    </message>
    <message>
        <source>300 made-up employees with a year of training, in a file of its own; File › Back to our own database returns here.</source>
        <translation>300 名虚构员工和一年的培训记录，保存在单独的文件中；“文件 › 回到本单位数据库”即可返回。</translation>
    </message>
</context>
<context>
    <name>NominationDialog</name>
    <message>
        <source>Nominate an internal trainer</source>
        <translation>推荐内训师</translation>
    </message>
    <message>
        <source>Nobody chosen yet</source>
        <translation>尚未选择</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Why this person should teach (at most {limit} characters)</source>
        <translation>推荐理由（最多 {limit} 个字符）</translation>
    </message>
    <message>
        <source>Nominee</source>
        <translation>被推荐人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <source>Choose the nominee</source>
        <translation>选择被推荐人</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>You have started a nomination. Close without saving?</source>
        <translation>推荐尚未提交，确定关闭？</translation>
    </message>
</context>
<context>
    <name>NominationModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <source>Nominated by</source>
        <translation>推荐人</translation>
    </message>
    <message>
        <source>Nominated at</source>
        <translation>推荐时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审核结果</translation>
    </message>
</context>
<context>
    <name>NominationsPage</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Nominate…</source>
        <translation>推荐…</translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation>接受…</translation>
    </message>
    <message>
        <source>Decline…</source>
        <translation>不接受…</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>You see and nominate the people of your own department and those under it; HR decides.</source>
        <translation>您可查看和推荐本部门（含下级部门）的人员，由人事部门审核。</translation>
    </message>
    <message>
        <source>An accepted nominee becomes a junior internal trainer.</source>
        <translation>接受推荐后，被推荐人成为初级内训师。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{count} nomination(s)</source>
        <translation>{count} 条推荐</translation>
    </message>
</context>
<context>
    <name>NoticeTableModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>部门负责人</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>邮件地址</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Starting soon</source>
        <translation>即将开始</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>To chase</source>
        <translation>待催交</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（未设置）</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <source>Reminder notices</source>
        <translation>提醒通知</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>The actions take the departments selected, or every department when none is. A department without an address uses the address of the department above it.</source>
        <translation>操作针对所选部门；未选择时针对全部部门。没有邮件地址的部门使用上级部门的地址。</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Send by e-&amp;mail…</source>
        <translation>发送邮件(&amp;M)…</translation>
    </message>
    <message>
        <source>Mail &amp;settings…</source>
        <translation>邮件设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Notices of {day}: {departments} department(s), {people} people, {items} thing(s) to do.</source>
        <translation>{day} 的提醒通知：{departments} 个部门，{people} 人，{items} 项待办。</translation>
    </message>
    <message>
        <source>Nothing to remind anyone of on {day}.</source>
        <translation>{day} 没有需要提醒的事项。</translation>
    </message>
    <message>
        <source>An administrator sets up the mail server first (Mail settings…).</source>
        <translation>请管理员先设置邮件服务器（邮件设置…）。</translation>
    </message>
    <message>
        <source>Preparing the reminder notices…</source>
        <translation>正在准备提醒通知…</translation>
    </message>
    <message>
        <source>the reminder notices</source>
        <translation>提醒通知</translation>
    </message>
    <message>
        <source>Reminder notices {day}</source>
        <translation>培训提醒通知_{day}</translation>
    </message>
    <message>
        <source>Send the reminder notices</source>
        <translation>发送提醒通知</translation>
    </message>
    <message>
        <source>Send {count} notice(s) by e-mail, each with its PDF? {missing} department(s) have no address and will be named, not sent.</source>
        <translation>发送 {count} 封提醒通知邮件（各附 PDF）吗？另有 {missing} 个部门没有邮件地址，将列出而不发送。</translation>
    </message>
    <message>
        <source>Mail password</source>
        <translation>邮件密码</translation>
    </message>
    <message>
        <source>Password of the mail account (not kept):</source>
        <translation>邮件账号的密码（不保存）：</translation>
    </message>
    <message>
        <source>Notices not sent</source>
        <translation>提醒通知未发送</translation>
    </message>
    <message>
        <source>Sending the reminder notices…</source>
        <translation>正在发送提醒通知…</translation>
    </message>
    <message>
        <source>{sent} of {total} notice(s) sent.</source>
        <translation>已发送 {sent} 封，共 {total} 封提醒通知。</translation>
    </message>
    <message>
        <source>Not sent:</source>
        <translation>未发送：</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>Untick to leave the date blank</source>
        <translation>取消勾选表示不填日期</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>（未填写）</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>Your organisation</source>
        <translation>您的单位</translation>
    </message>
    <message>
        <source>Its name and logo head every certificate, sign-in sheet and report the program prints. Both can be changed later under Edit › Printed documents.</source>
        <translation>单位名称和标志印在程序打印的每一张证书、签到表和报表的抬头。以后可在“编辑 › 打印文档设置”中更改。</translation>
    </message>
    <message>
        <source>e.g. Riverside City Library</source>
        <translation>例如：某某市图书馆</translation>
    </message>
    <message>
        <source>Optional: a PNG or JPG picture</source>
        <translation>可不填：PNG 或 JPG 图片</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>单位名称(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Logo:</source>
        <translation>标志图片(&amp;L)：</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>选择标志图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Saving the organisation&apos;s name and logo</source>
        <translation>正在保存单位名称和标志</translation>
    </message>
</context>
<context>
    <name>PairDialog</name>
    <message>
        <source>New mentoring pair</source>
        <translation>新建导师结对</translation>
    </message>
    <message>
        <source>Mentoring pair</source>
        <translation>导师结对</translation>
    </message>
    <message>
        <source>Choose the mentor</source>
        <translation>选择导师</translation>
    </message>
    <message>
        <source>Choose the mentee</source>
        <translation>选择学员</translation>
    </message>
    <message>
        <source>Mentor</source>
        <translation>导师</translation>
    </message>
    <message>
        <source>Mentee</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>End (blank while it runs)</source>
        <translation>结束日期（进行中留空）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>You have changed this pair. Close without saving?</source>
        <translation>结对已修改，不保存并关闭？</translation>
    </message>
</context>
<context>
    <name>PairModel</name>
    <message>
        <source>Mentor</source>
        <translation>导师</translation>
    </message>
    <message>
        <source>Mentee</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Hours in the year</source>
        <translation>本年度带教学时</translation>
    </message>
    <message>
        <source>Evaluation of the year</source>
        <translation>本年度评价</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(running)</source>
        <translation>（进行中）</translation>
    </message>
</context>
<context>
    <name>PasswordShownDialog</name>
    <message>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <source>The temporary password of {name}:</source>
        <translation>{name} 的临时密码：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>It is shown only this once: give it to {name}, who must choose their own password at the next sign-in.</source>
        <translation>此密码仅显示这一次：请交给 {name}，其下次登录时须自行设置密码。</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Select a document to see it here.</source>
        <translation>请选择一份文档，将在此处预览。</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page width</source>
        <translation>按页面宽度缩放</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>适合页面</translation>
    </message>
    <message>
        <source>Show whole pages</source>
        <translation>显示整页</translation>
    </message>
    <message>
        <source>Page {page} / {pages}</source>
        <translation>第 {page} 页 / 共 {pages} 页</translation>
    </message>
</context>
<context>
    <name>PdfPrinting</name>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>No printer is installed on this computer. Install one, or use Save as PDF… and print the file elsewhere.</source>
        <translation>这台电脑没有安装打印机。请先安装打印机，或使用“另存为 PDF…”后在其他电脑上打印。</translation>
    </message>
    <message>
        <source>The document {path} cannot be read.</source>
        <translation>无法读取文件 {path}。</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印 {title}</translation>
    </message>
    <message>
        <source>The printer {name} could not start printing. Check that it is on and connected.</source>
        <translation>打印机 {name} 无法开始打印。请检查打印机是否已开机并连接。</translation>
    </message>
    <message>
        <source>Save {what} as PDF</source>
        <translation>将{what}另存为 PDF</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Saved {what} ({pages} page(s)) to
{path}</source>
        <translation>已将{what}（共 {pages} 页）保存到
{path}</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Writing {what}…</source>
        <translation>正在生成{what}……</translation>
    </message>
</context>
<context>
    <name>PersonChooser</name>
    <message>
        <source>Nobody chosen yet</source>
        <translation>尚未选择</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
</context>
<context>
    <name>PersonStandingModel</name>
    <message>
        <source>Requirement</source>
        <translation>达标要求</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>差距</translation>
    </message>
</context>
<context>
    <name>PointRulesDialog</name>
    <message>
        <source>Point rules</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>Enable / disable</source>
        <translation>启用/停用</translation>
    </message>
    <message>
        <source>Selected rule</source>
        <translation>所选规则</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Points:</source>
        <translation>积分：</translation>
    </message>
    <message>
        <source>Change applies from:</source>
        <translation>修改生效日期：</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设方案</translation>
    </message>
    <message>
        <source>Recompute points</source>
        <translation>重新计算积分</translation>
    </message>
    <message>
        <source>{name}: {enabled} of {total} enabled</source>
        <translation>{name}：已启用 {enabled}/{total} 条</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>全部启用</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>全部停用</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>This rule has awarded points: a change of points, category or enabling becomes a new version from the date above; past entries keep their points.</source>
        <translation>此规则已产生积分：修改积分、类别或启用状态，将自上面的日期起生成新版本，此前的积分明细保持不变。</translation>
    </message>
    <message>
        <source>Not used yet: changes apply to it as it is.</source>
        <translation>尚未使用：修改将直接作用于本规则。</translation>
    </message>
    <message>
        <source>Recomputing points…</source>
        <translation>正在重新计算积分…</translation>
    </message>
</context>
<context>
    <name>Points</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>PointsTab</name>
    <message>
        <source>Award or deduct…</source>
        <translation>手工加减分…</translation>
    </message>
    <message>
        <source>Incentive settings…</source>
        <translation>激励设置…</translation>
    </message>
    <message>
        <source>Point rules…</source>
        <translation>积分规则…</translation>
    </message>
    <message>
        <source>Export summary…</source>
        <translation>导出汇总…</translation>
    </message>
    <message>
        <source>Points summary</source>
        <translation>积分汇总</translation>
    </message>
    <message>
        <source>Export ledger…</source>
        <translation>导出明细…</translation>
    </message>
    <message>
        <source>Points ledger</source>
        <translation>积分明细</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近12个月</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>积分余额</translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>排行榜</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>积分分布</translation>
    </message>
    <message>
        <source>Incentive lists</source>
        <translation>激励名单</translation>
    </message>
    <message>
        <source>Rewards and redemption</source>
        <translation>奖励与兑换</translation>
    </message>
</context>
<context>
    <name>PositionsDialog</name>
    <message>
        <source>Positions and core competencies</source>
        <translation>岗位与核心能力</translation>
    </message>
    <message>
        <source>New position</source>
        <translation>新增岗位</translation>
    </message>
    <message>
        <source>Delete position…</source>
        <translation>删除岗位…</translation>
    </message>
    <message>
        <source>New competency, e.g. 谈判技巧</source>
        <translation>新能力项，例如：谈判技巧</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Save position</source>
        <translation>保存岗位</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>岗位：</translation>
    </message>
    <message>
        <source>Core competencies (tick):</source>
        <translation>核心能力（勾选）：</translation>
    </message>
    <message>
        <source>{name} ({count} people)</source>
        <translation>{name}（{count} 人）</translation>
    </message>
    <message>
        <source>Held by {count} employee(s).</source>
        <translation>现有 {count} 名员工担任此岗位。</translation>
    </message>
    <message>
        <source>A new position.</source>
        <translation>新岗位。</translation>
    </message>
    <message>
        <source>Delete the position &quot;{name}&quot;? This cannot be undone.</source>
        <translation>删除岗位“{name}”？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete position</source>
        <translation>删除岗位</translation>
    </message>
    <message>
        <source>Position not saved</source>
        <translation>岗位未保存</translation>
    </message>
</context>
<context>
    <name>PrintSettingsDialog</name>
    <message>
        <source>Printed documents</source>
        <translation>打印文档设置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Placeholders in the wording: {names}</source>
        <translation>证书措辞中可用的占位符：{names}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>The settings could not be read.</source>
        <translation>无法读取设置。</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>选择标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>Saving the settings of the printed documents</source>
        <translation>正在保存打印文档设置</translation>
    </message>
</context>
<context>
    <name>PrintablesModel</name>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>For</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>培训班次</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Requirement</source>
        <translation>达标要求</translation>
    </message>
    <message>
        <source>Whole office</source>
        <translation>全单位</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>{kind} · batch</source>
        <translation>{kind} · 批量导出</translation>
    </message>
</context>
<context>
    <name>PrintingTab</name>
    <message>
        <source>Name, employee no., session code or course title</source>
        <translation>姓名、工号、班次编号或课程名称</translation>
    </message>
    <message>
        <source>Verify certificate…</source>
        <translation>验证证书…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Batch…</source>
        <translation>批量导出…</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Type a name, employee no., session code or course title.</source>
        <translation>请输入姓名、工号、班次编号或课程名称。</translation>
    </message>
    <message>
        <source>{count} document(s) for “{text}”.</source>
        <translation>找到 {count} 份与“{text}”相关的文档。</translation>
    </message>
    <message>
        <source>Nothing printable for “{text}”.</source>
        <translation>没有与“{text}”相关的可打印文档。</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在准备预览…</translation>
    </message>
    <message>
        <source>Preparing {what} for {whom}…</source>
        <translation>正在为 {whom} 准备{what}…</translation>
    </message>
    <message>
        <source>The preview could not be shown.</source>
        <translation>无法显示预览。</translation>
    </message>
    <message>
        <source>This document cannot be printed; see the message.</source>
        <translation>此文档无法打印，请查看提示信息。</translation>
    </message>
    <message>
        <source>Cannot print {what}</source>
        <translation>无法打印{what}</translation>
    </message>
    <message>
        <source>Preparing {what} for {whom}</source>
        <translation>正在为{whom}准备{what}</translation>
    </message>
    <message>
        <source>Recording what was printed</source>
        <translation>正在登记打印记录</translation>
    </message>
    <message>
        <source>Sent {pages} page(s) to {printer}.</source>
        <translation>已将 {pages} 页发送到 {printer}。</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saving {what} as {path}</source>
        <translation>正在把{what}保存为 {path}</translation>
    </message>
    <message>
        <source>Folder for the files</source>
        <translation>选择保存文件的文件夹</translation>
    </message>
    <message>
        <source>Save the batch as one PDF</source>
        <translation>将批量导出内容保存为一个 PDF</translation>
    </message>
    <message>
        <source>Saved {files} file(s), {pages} page(s), to {path}.</source>
        <translation>已将 {files} 个文件（共 {pages} 页）保存到 {path}。</translation>
    </message>
    <message>
        <source>Batch cancelled: nothing was saved.</source>
        <translation>批量导出已取消，未保存任何文件。</translation>
    </message>
    <message>
        <source>Cannot save the batch</source>
        <translation>无法保存批量导出文件</translation>
    </message>
    <message>
        <source>Writing {what} for {whom}…</source>
        <translation>正在为 {whom} 生成{what}…</translation>
    </message>
</context>
<context>
    <name>ProfilesModel</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>授课次数</translation>
    </message>
    <message>
        <source>Hours taught</source>
        <translation>授课学时</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>平均满意度</translation>
    </message>
    <message>
        <source>Team uplift (%)</source>
        <translation>团队业绩提升(%)</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>贡献值</translation>
    </message>
    <message>
        <source>Excellent trainer</source>
        <translation>优秀内训师</translation>
    </message>
    <message>
        <source>★ Excellent</source>
        <translation>★ 优秀内训师</translation>
    </message>
</context>
<context>
    <name>PromotionModel</name>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Promotion to</source>
        <translation>晋升为</translation>
    </message>
    <message>
        <source>Trainer training hours</source>
        <translation>内训师培训学时</translation>
    </message>
    <message>
        <source>Satisfaction / uplift</source>
        <translation>满意度 / 业绩提升</translation>
    </message>
    <message>
        <source>Qualifies</source>
        <translation>是否符合</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>欠缺条件</translation>
    </message>
    <message>
        <source>Satisfaction {figures}</source>
        <translation>满意度 {figures}</translation>
    </message>
    <message>
        <source>Uplift {figures} %</source>
        <translation>业绩提升 {figures} %</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>替身</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecertificationModel</name>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Hours taught</source>
        <translation>授课学时</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>平均满意度</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>复审原因</translation>
    </message>
</context>
<context>
    <name>RecognitionDialog</name>
    <message>
        <source>Credit recognition table (学时认定)</source>
        <translation>学时认定表</translation>
    </message>
    <message>
        <source>A historical record with a learning form and a quantity and no hours entered gets quantity × hours per unit. Provinces differ: adjust the table to your office&apos;s rules.</source>
        <translation>历史培训记录填写了学习形式和数量、未填学时时，按“数量 × 每单位学时”认定学时。各地规定不同，请按本单位的规定调整此表。</translation>
    </message>
</context>
<context>
    <name>RecognitionModel</name>
    <message>
        <source>Learning form</source>
        <translation>学习形式</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Hours per unit</source>
        <translation>每单位学时</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>as recorded</source>
        <translation>按记录学时</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>RecognitionPanel</name>
    <message>
        <source>Add learning form…</source>
        <translation>新增学习形式…</translation>
    </message>
    <message>
        <source>A form used by records can be switched off, not deleted.</source>
        <translation>已被培训记录使用的学习形式只能停用，不能删除。</translation>
    </message>
    <message>
        <source>Delete learning form</source>
        <translation>删除学习形式</translation>
    </message>
    <message>
        <source>Delete the learning form “{name}” from the recognition table?</source>
        <translation>从学时认定表中删除学习形式“{name}”？</translation>
    </message>
</context>
<context>
    <name>RecognitionRuleDialog</name>
    <message>
        <source>New learning form</source>
        <translation>新增学习形式</translation>
    </message>
    <message>
        <source>Edit learning form</source>
        <translation>编辑学习形式</translation>
    </message>
    <message>
        <source>capital letters, digits, _ (e.g. FULL_TIME_DAY)</source>
        <translation>大写字母、数字、下划线（如 FULL_TIME_DAY）</translation>
    </message>
    <message>
        <source>The quantity is in hours already (as recorded)</source>
        <translation>数量本身即为学时（按记录学时认定）</translation>
    </message>
    <message>
        <source>e.g. 天, 篇, 学年</source>
        <translation>如：天、篇、学年</translation>
    </message>
    <message>
        <source>In use (offered on new records)</source>
        <translation>启用（录入新记录时可选）</translation>
    </message>
    <message>
        <source>Learning form</source>
        <translation>学习形式</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Hours per unit</source>
        <translation>每单位学时</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Records already entered keep their hours; a change applies to records saved after it.</source>
        <translation>已录入的记录保留原学时；修改只对此后保存的记录生效。</translation>
    </message>
    <message>
        <source>Learning form not saved</source>
        <translation>学习形式未保存</translation>
    </message>
</context>
<context>
    <name>RecommendationModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source> (enrolled)</source>
        <translation>（已报名）</translation>
    </message>
</context>
<context>
    <name>RecordsPanel</name>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>RedemptionRequestDialog</name>
    <message>
        <source>New redemption request</source>
        <translation>新建兑换申请</translation>
    </message>
    <message>
        <source>Nobody chosen</source>
        <translation>未选择人员</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>{name} — {cost} points (stock {stock})</source>
        <translation>{name} — {cost} 积分（库存 {stock}）</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Request and hold the points</source>
        <translation>提交申请并冻结积分</translation>
    </message>
    <message>
        <source>Who redeems the reward?</source>
        <translation>选择兑换奖励的员工</translation>
    </message>
    <message>
        <source>Choose the employee and the reward.</source>
        <translation>请选择员工和奖励。</translation>
    </message>
    <message>
        <source>No reward is offered; add one to the catalogue first.</source>
        <translation>暂无可兑换的奖励，请先在奖励目录中添加。</translation>
    </message>
    <message>
        <source>Balance {balance} points; “{reward}” costs {cost}; {left} left after the request.</source>
        <translation>余额 {balance} 分；“{reward}”需 {cost} 分；申请后剩余 {left} 分。</translation>
    </message>
    <message>
        <source>Balance {balance} points; “{reward}” costs {cost}: not enough points.</source>
        <translation>余额 {balance} 分；“{reward}”需 {cost} 分：积分不足。</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>无法提交申请</translation>
    </message>
</context>
<context>
    <name>RedemptionTableModel</name>
    <message>
        <source>No.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Requested at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <source>Fulfilled at</source>
        <translation>兑现时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RedemptionsSection</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>New request…</source>
        <translation>新建申请…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Fulfil</source>
        <translation>兑现</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>撤销申请</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>{count} requests</source>
        <translation>共 {count} 条申请</translation>
    </message>
    <message>
        <source>Approve redemption</source>
        <translation>批准兑换</translation>
    </message>
    <message>
        <source>Approve request #{id}: “{reward}” for {name}? One is taken from the stock.</source>
        <translation>确定批准申请 #{id}（{name} 兑换“{reward}”）吗？库存将减少 1 件。</translation>
    </message>
    <message>
        <source>Reject redemption</source>
        <translation>驳回兑换</translation>
    </message>
    <message>
        <source>Reject request #{id}: “{reward}” for {name}? The {points} points are given back.</source>
        <translation>确定驳回申请 #{id}（{name} 兑换“{reward}”）吗？{points} 积分将退回。</translation>
    </message>
    <message>
        <source>Fulfil redemption</source>
        <translation>兑现奖励</translation>
    </message>
    <message>
        <source>Has {name} received “{reward}” (request #{id})?</source>
        <translation>{name} 是否已领取“{reward}”（申请 #{id}）？</translation>
    </message>
    <message>
        <source>Cancel redemption</source>
        <translation>撤销兑换</translation>
    </message>
    <message>
        <source>Cancel request #{id}: “{reward}” for {name}? The {points} points are given back.</source>
        <translation>确定撤销申请 #{id}（{name} 兑换“{reward}”）吗？{points} 积分将退回。</translation>
    </message>
</context>
<context>
    <name>ReminderTreeModel</name>
    <message>
        <source>Sessions starting within 3 days</source>
        <translation>3 天内开始的培训班次</translation>
    </message>
    <message>
        <source>Submissions due within 2 days</source>
        <translation>2 天内到期的提交</translation>
    </message>
    <message>
        <source>Action plans to chase</source>
        <translation>待跟进的行动计划</translation>
    </message>
    <message>
        <source>Overdue submissions</source>
        <translation>逾期未提交</translation>
    </message>
    <message>
        <source>Past sessions to mark finished</source>
        <translation>待标记为已结束的往期培训班次</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Nothing due.</source>
        <translation>暂无待办事项。</translation>
    </message>
</context>
<context>
    <name>RequirementDialog</name>
    <message>
        <source>New requirement</source>
        <translation>新增达标规则</translation>
    </message>
    <message>
        <source>Edit requirement</source>
        <translation>编辑达标规则</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>不要求</translation>
    </message>
    <message>
        <source>Requirement name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用范围</translation>
    </message>
    <message>
        <source>(no further choice)</source>
        <translation>（无需再选）</translation>
    </message>
    <message>
        <source>e.g. 工程师; blank: anyone holding a title</source>
        <translation>如：工程师；留空表示持有任一职称</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>适用对象</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>年数</translation>
    </message>
    <message>
        <source>In use (evaluated and listed)</source>
        <translation>启用（参与计算并列入名单）</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Who and when</source>
        <translation>适用范围与期间</translation>
    </message>
    <message>
        <source>Minimum hours</source>
        <translation>最低学时</translation>
    </message>
    <message>
        <source>Minimum credits</source>
        <translation>最低学分</translation>
    </message>
    <message>
        <source>Minimum reflections</source>
        <translation>最少心得篇数</translation>
    </message>
    <message>
        <source>e.g. 80% or 4/5; blank: not asked</source>
        <translation>如 80% 或 4/5；留空表示不要求</translation>
    </message>
    <message>
        <source>Minimum excellent rate</source>
        <translation>最低优秀率</translation>
    </message>
    <message>
        <source>Conditions on a part</source>
        <translation>分项条件</translation>
    </message>
    <message>
        <source>A part is a course category, subject, training type, delivery or competency: give a minimum (50) or a share of all the hours or credits (30%, 2/3; shares need a minimum in all).</source>
        <translation>分项可以是课程类别、科目类型、培训类型、授课方式或能力项：填写最低值（如 50），或占全部学时/学分的比例（如 30%、2/3；设定比例时须同时设定总的最低值）。</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>达标条件</translation>
    </message>
    <message>
        <source>Every course of the checklist must be attended</source>
        <translation>须完成清单中的全部课程</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Create the missing courses…</source>
        <translation>创建尚未建立的课程…</translation>
    </message>
    <message>
        <source>Course checklist</source>
        <translation>必修课程清单</translation>
    </message>
    <message>
        <source>In words</source>
        <translation>条件说明</translation>
    </message>
    <message>
        <source>Once saved, courses of the checklist not created yet can be created here.</source>
        <translation>保存后，可在此创建清单中尚未建立的课程。</translation>
    </message>
    <message>
        <source>Every course of the saved checklist exists.</source>
        <translation>已保存清单中的课程均已建立。</translation>
    </message>
    <message>
        <source>{count} course(s) of the saved checklist do not exist yet: {codes}</source>
        <translation>已保存清单中有 {count} 门课程尚未建立：{codes}</translation>
    </message>
    <message>
        <source>(no condition yet)</source>
        <translation>（尚未设定条件）</translation>
    </message>
    <message>
        <source>is not a rate (80%, 4/5 or 0.8)</source>
        <translation>不是有效的比例（如 80%、4/5 或 0.8）</translation>
    </message>
    <message>
        <source>Discard the changes to this requirement?</source>
        <translation>放弃对该达标规则的修改？</translation>
    </message>
    <message>
        <source>Create courses</source>
        <translation>创建课程</translation>
    </message>
    <message>
        <source>Create the courses of the saved checklist that do not exist yet (required, initial training, HR&apos;s general module)? Their hours and other details can be completed on the Courses tab.</source>
        <translation>创建已保存清单中尚未建立的课程（必修、初任培训、人事通用模块）？学时等信息可在“课程”页补充。</translation>
    </message>
    <message>
        <source>Courses created</source>
        <translation>课程已创建</translation>
    </message>
    <message>
        <source>{count} course(s) created.</source>
        <translation>已创建 {count} 门课程。</translation>
    </message>
</context>
<context>
    <name>RequirementParts</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>RequirementsTab</name>
    <message>
        <source> year</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Met and not met</source>
        <translation>全部（达标与未达标）</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>Search name or employee no.</source>
        <translation>搜索姓名或工号</translation>
    </message>
    <message>
        <source>New requirement…</source>
        <translation>新增达标规则…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Credit recognition table…</source>
        <translation>学时认定表…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Requirement:</source>
        <translation>达标要求：</translation>
    </message>
    <message>
        <source>{name} (switched off)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No requirement yet: add one.</source>
        <translation>还没有达标规则，请新增。</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Applies to {whom} · {conditions}</source>
        <translation>适用：{whom} · {conditions}</translation>
    </message>
    <message>
        <source>{total} people · {met} met · {not_met} not met ({rate})</source>
        <translation>{total} 人 · 达标 {met} 人 · 未达标 {not_met} 人（{rate}）</translation>
    </message>
    <message>
        <source>Delete requirement</source>
        <translation>删除达标规则</translation>
    </message>
    <message>
        <source>Delete the requirement “{name}” and its conditions permanently?

Lists already printed stay in the print log. To stop evaluating it but keep it, untick “In use” in the requirement instead.</source>
        <translation>永久删除达标规则“{name}”及其条件？

已打印的名单仍保留在打印记录中。如只想停止计算而保留规则，请在规则中取消勾选“启用”。</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>{year} {requirement} eligibility</source>
        <translation>{year}年度{requirement}达标名单</translation>
    </message>
    <message>
        <source>the eligibility list</source>
        <translation>达标名单</translation>
    </message>
    <message>
        <source>Preparing the eligibility list…</source>
        <translation>正在准备达标名单…</translation>
    </message>
</context>
<context>
    <name>RestoreRefusalBox</name>
    <message>
        <source>Restore refused</source>
        <translation>未恢复备份</translation>
    </message>
    <message>
        <source>The backup {backup} was not restored. It differs from the current database:</source>
        <translation>没有用备份 {backup} 恢复。它与当前数据库有以下不同：</translation>
    </message>
    <message>
        <source>The current database has not been changed. Restore this backup only if you are sure it is the right one: the current file is kept aside, and the audit trail records your decision.</source>
        <translation>当前数据库未作任何改动。只有确定这份备份正确时才用它恢复：当前文件会先另存一份，审计记录会记下您的决定。</translation>
    </message>
    <message>
        <source>Restore anyway</source>
        <translation>仍然恢复</translation>
    </message>
    <message>
        <source>Do not restore</source>
        <translation>不恢复</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Performance review</source>
        <translation>绩效考核</translation>
    </message>
    <message>
        <source>Edit review {period}</source>
        <translation>修改 {period} 绩效考核</translation>
    </message>
    <message>
        <source>e.g. 2025, 2025H1, 2025Q3</source>
        <translation>如 2025、2025H1、2025Q3</translation>
    </message>
    <message>
        <source>Competency</source>
        <translation>能力项</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Add competency</source>
        <translation>添加能力项</translation>
    </message>
    <message>
        <source>Remove competency</source>
        <translation>删除能力项</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>考核期间</translation>
    </message>
    <message>
        <source>Overall score (0-100)</source>
        <translation>综合得分（0-100）</translation>
    </message>
    <message>
        <source>Competency scores</source>
        <translation>能力项得分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>Review not saved</source>
        <translation>绩效考核未保存</translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message>
        <source>Period</source>
        <translation>考核期间</translation>
    </message>
    <message>
        <source>Overall score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <source>Competency scores</source>
        <translation>能力项得分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
</context>
<context>
    <name>ReviewsPanel</name>
    <message>
        <source>Add review…</source>
        <translation>添加考核…</translation>
    </message>
    <message>
        <source>Reviews are saved as soon as you confirm them.</source>
        <translation>绩效考核在确认后立即保存。</translation>
    </message>
    <message>
        <source>Delete review</source>
        <translation>删除绩效考核</translation>
    </message>
    <message>
        <source>Delete the review for {period} (score {score})?</source>
        <translation>确定删除 {period} 的绩效考核（综合得分 {score}）吗？</translation>
    </message>
</context>
<context>
    <name>RewardDialog</name>
    <message>
        <source>Edit reward</source>
        <translation>编辑奖励</translation>
    </message>
    <message>
        <source>Add reward</source>
        <translation>新增奖励</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Offered to employees</source>
        <translation>向员工提供</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cost in points</source>
        <translation>所需积分</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Reward not saved</source>
        <translation>奖励未保存</translation>
    </message>
</context>
<context>
    <name>RewardTableModel</name>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>所需积分</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>RewardsPanel</name>
    <message>
        <source>Reward catalogue</source>
        <translation>奖励目录</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>兑换申请</translation>
    </message>
    <message>
        <source>Credit milestones</source>
        <translation>学分里程碑</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RuleModel</name>
    <message>
        <source>Code</source>
        <translation>规则代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>失效日期</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设方案</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>Safekeeping</name>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backup saved: {path}</source>
        <translation>备份已保存：{path}</translation>
    </message>
    <message>
        <source>The automatic backup failed</source>
        <translation>自动备份失败</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>正在关闭</translation>
    </message>
    <message>
        <source>A change being saved</source>
        <translation>正在保存的一项修改</translation>
    </message>
    <message>
        <source>The window closes once this is finished:</source>
        <translation>以下操作完成后窗口将自动关闭：</translation>
    </message>
    <message>
        <source>Keep the window open</source>
        <translation>保持窗口打开</translation>
    </message>
    <message>
        <source>Backing up the database before closing…</source>
        <translation>关闭前正在备份数据库…</translation>
    </message>
    <message>
        <source>Close without backup</source>
        <translation>不备份直接关闭</translation>
    </message>
    <message>
        <source>Checking the backup before closing…</source>
        <translation>关闭前正在检查备份…</translation>
    </message>
    <message>
        <source>Backup at exit failed</source>
        <translation>退出时备份失败</translation>
    </message>
    <message>
        <source>The backup could not be taken: {reason}

Close the program without a backup?</source>
        <translation>无法完成备份：{reason}

不备份就关闭程序吗？</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Session {code}</source>
        <translation>培训班次：{code}</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新增培训班次</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>External</source>
        <translation>外部</translation>
    </message>
    <message>
        <source> (trainer)</source>
        <translation>（内训师）</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>培训班次</translation>
    </message>
    <message>
        <source>Name of the external trainer</source>
        <translation>外部讲师姓名</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No exam</source>
        <translation>不考试</translation>
    </message>
    <message>
        <source>Session code</source>
        <translation>班次编号</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>讲师</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Enrolment deadline</source>
        <translation>报名截止日期</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>作业类型</translation>
    </message>
    <message>
        <source>Assignment due</source>
        <translation>作业截止日期</translation>
    </message>
    <message>
        <source>Exam pass mark</source>
        <translation>考试及格分</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>You have changed this session. Close without saving?</source>
        <translation>培训班次信息已修改，确定不保存就关闭吗？</translation>
    </message>
</context>
<context>
    <name>SessionDocumentDialog</name>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在准备预览……</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>The preview could not be shown.</source>
        <translation>无法显示预览。</translation>
    </message>
    <message>
        <source>{what} — {whom}</source>
        <translation>{what} — {whom}</translation>
    </message>
    <message>
        <source>This document cannot be printed; see the message.</source>
        <translation>此文件无法打印，请查看提示信息。</translation>
    </message>
</context>
<context>
    <name>SessionDocuments</name>
    <message>
        <source>Blank sign-in sheet</source>
        <translation>空白签到表</translation>
    </message>
    <message>
        <source>Filled sign-in sheet</source>
        <translation>已签到签到表</translation>
    </message>
    <message>
        <source>Session report</source>
        <translation>班次总结报告</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>结业证书</translation>
    </message>
    <message>
        <source>Print:</source>
        <translation>打印：</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>The sheet people sign at the session, with everyone enrolled.</source>
        <translation>培训现场签字用的签到表，列出全部报名人员。</translation>
    </message>
    <message>
        <source>Who signed in and when; once the session has started.</source>
        <translation>谁在何时签到；班次开始后可打印。</translation>
    </message>
    <message>
        <source>Attendance, results and feedback; once the session has started.</source>
        <translation>出勤、成绩和评估反馈；班次开始后可打印。</translation>
    </message>
    <message>
        <source>A completion certificate for everyone who attended (issued now where missing); once the session is over and someone attended.</source>
        <translation>为每位出勤人员打印结业证书（尚未签发的现在签发）；班次结束且有人出勤后可打印。</translation>
    </message>
    <message>
        <source>Cannot print {what}</source>
        <translation>无法打印{what}</translation>
    </message>
    <message>
        <source>Preparing {what}</source>
        <translation>正在准备{what}</translation>
    </message>
    <message>
        <source>Preparing {what}…</source>
        <translation>正在准备{what}……</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <source>Back to sessions</source>
        <translation>返回培训班次列表</translation>
    </message>
    <message>
        <source>Back to the list of sessions (Esc)</source>
        <translation>返回培训班次列表 (Esc)</translation>
    </message>
    <message>
        <source>Edit session…</source>
        <translation>编辑培训班次…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>班次编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>讲师</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Enrolled / waitlisted / attended</source>
        <translation>已报名 / 候补 / 出勤</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{kind}, due {due}</source>
        <translation>{kind}，{due} 截止</translation>
    </message>
    <message>
        <source>Session saved</source>
        <translation>培训班次已保存</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Code</source>
        <translation>班次编号</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>讲师</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>已报名</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>SessionsTab</name>
    <message>
        <source>Search code, course or place</source>
        <translation>搜索班次编号、课程或地点</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新增培训班次</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Cancel session…</source>
        <translation>取消培训班次…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Template…</source>
        <translation>导入模板…</translation>
    </message>
    <message>
        <source>Calendar…</source>
        <translation>日历…</translation>
    </message>
    <message>
        <source>The sessions in the date range shown, as an iCalendar file for Outlook, WPS or a phone</source>
        <translation>把当前日期范围内的培训班次导出为 iCalendar 日历文件，可导入 Outlook、WPS 或手机日历</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Feedback and exams</source>
        <translation>学员评价与考试</translation>
    </message>
    <message>
        <source>No training sessions yet. A session runs a course on given days, at a place, with a trainer: plan the first one (its course must exist first), or import the sessions from Excel.</source>
        <translation>还没有任何培训班次。班次是在指定日期、地点由讲师讲授的一门课程：请安排第一个班次（须先有课程），或从 Excel 导入班次。</translation>
    </message>
    <message>
        <source>New session…</source>
        <translation>新建班次…</translation>
    </message>
    <message>
        <source>Import sessions…</source>
        <translation>导入班次…</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <source>{count} session(s)</source>
        <translation>共 {count} 个培训班次</translation>
    </message>
    <message>
        <source>Cancel session</source>
        <translation>取消培训班次</translation>
    </message>
    <message>
        <source>Cancel the session {code} ({course})? Its enrolments and any records are kept; nobody can enrol any more.</source>
        <translation>确定取消培训班次 {code}（{course}）吗？其报名和各项记录都会保留，但之后无法再报名。</translation>
    </message>
    <message>
        <source>Delete the session {code} ({course}) permanently?</source>
        <translation>确定永久删除培训班次 {code}（{course}）吗？</translation>
    </message>
    <message>
        <source>Its enrolment list ({count} people) is deleted with it.</source>
        <translation>其报名名单（{count} 人）将一并删除。</translation>
    </message>
    <message>
        <source>A session that took place cannot be deleted; cancel it instead.</source>
        <translation>已举办的培训班次不能删除，请改为取消。</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>删除培训班次</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>无法继续</translation>
    </message>
    <message>
        <source>Export the training calendar</source>
        <translation>导出培训日历</translation>
    </message>
    <message>
        <source>Training calendar.ics</source>
        <translation>培训日历.ics</translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar 日历 (*.ics)</translation>
    </message>
    <message>
        <source>Training calendar</source>
        <translation>培训日历</translation>
    </message>
    <message>
        <source>{count} session(s) written to
{path}
Open it with Outlook, WPS or a phone&apos;s calendar.</source>
        <translation>已将 {count} 个班次写入
{path}
可用 Outlook、WPS 或手机日历打开。</translation>
    </message>
</context>
<context>
    <name>ShareModel</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Actual share</source>
        <translation>实际占比</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标占比</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>pts</source>
        <translation>个百分点</translation>
    </message>
</context>
<context>
    <name>SignInCorrectionDialog</name>
    <message>
        <source>Correct a sign-in</source>
        <translation>更正签到</translation>
    </message>
    <message>
        <source>It is not recorded as it stands. Record it anyway as a correction? The reason is kept in the audit trail with the sign-in.</source>
        <translation>按规定不能直接登记。如确需登记，可作为更正：填写的理由将与签到一起记入审计记录。</translation>
    </message>
    <message>
        <source>Why this sign-in is correct, e.g. signed the paper sheet, the kiosk was down</source>
        <translation>为何应登记此签到，例如：纸质签到表上有本人签名、签到机故障</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Record the correction</source>
        <translation>登记更正</translation>
    </message>
    <message>
        <source>Close without recording the sign-in?</source>
        <translation>不登记此签到并关闭？</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Type or choose your user name.</source>
        <translation>请输入或选择用户名。</translation>
    </message>
</context>
<context>
    <name>SignInKioskDialog</name>
    <message>
        <source>Sign-in: {title}</source>
        <translation>签到：{title}</translation>
    </message>
    <message>
        <source>Scan your badge or type your employee no., then press Enter</source>
        <translation>请刷工牌或输入工号，然后按 Enter 键</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Clerk: press Esc to leave the kiosk</source>
        <translation>工作人员：按 Esc 键退出自助签到</translation>
    </message>
    <message>
        <source>✓ {name} signed in {time}</source>
        <translation>✓ {name} {time} 签到成功</translation>
    </message>
    <message>
        <source>✓ {name} signed in {time} — late</source>
        <translation>✓ {name} {time} 签到成功 — 迟到</translation>
    </message>
    <message>
        <source>✓ {name} already signed in at {time}</source>
        <translation>✓ {name} 已于 {time} 签到</translation>
    </message>
    <message>
        <source>✗ Employee no. {no} does not exist</source>
        <translation>✗ 工号 {no} 不存在</translation>
    </message>
    <message>
        <source>✗ {name} ({no}) is not enrolled in this session</source>
        <translation>✗ {name}（{no}）未报名本培训班次</translation>
    </message>
    <message>
        <source>✗ {name} ({no}): HR has marked you {status} for this session. Please see HR.</source>
        <translation>✗ {name}（{no}）：人事已将您本班次标记为“{status}”，不能签到，请联系人事。</translation>
    </message>
    <message>
        <source>✗ This session is cancelled</source>
        <translation>✗ 本培训班次已取消</translation>
    </message>
    <message>
        <source>Session {code} {title} {start}–{end}</source>
        <translation>班次 {code}「{title}」{start}–{end}</translation>
    </message>
    <message>
        <source>✗ Not signed in: {reason}
{session}
It is now {now}</source>
        <translation>✗ 未签到：{reason}
{session}
现在是 {now}</translation>
    </message>
    <message>
        <source>sign-in opens at {opens}</source>
        <translation>{opens} 起方可签到</translation>
    </message>
    <message>
        <source>the session has ended</source>
        <translation>该班次已结束，签到已关闭</translation>
    </message>
    <message>
        <source>✗ Not saved: {reason}</source>
        <translation>✗ 未保存：{reason}</translation>
    </message>
    <message>
        <source>Signed in: {count} of {enrolled}</source>
        <translation>已签到：{count} / {enrolled}</translation>
    </message>
    <message>
        <source>Leave the kiosk</source>
        <translation>退出自助签到</translation>
    </message>
    <message>
        <source>Close the sign-in kiosk?</source>
        <translation>确定关闭自助签到吗？</translation>
    </message>
    <message>
        <source>Exit code set when the kiosk was opened:</source>
        <translation>请输入开启自助签到时设置的退出密码：</translation>
    </message>
    <message>
        <source>✗ Wrong exit code</source>
        <translation>✗ 退出密码错误</translation>
    </message>
    <message>
        <source>Open the sign-in kiosk</source>
        <translation>开启自助签到</translation>
    </message>
    <message>
        <source>Set a 4-digit exit code needed to leave the kiosk
(leave it empty to just confirm on leaving):</source>
        <translation>设置退出自助签到所需的 4 位退出密码
（留空则退出时只需确认）：</translation>
    </message>
    <message>
        <source>The exit code must be exactly 4 digits.</source>
        <translation>退出密码必须是 4 位数字。</translation>
    </message>
</context>
<context>
    <name>SigningKeyDialog</name>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>The office&apos;s signing key</source>
        <translation>本单位的签名密钥</translation>
    </message>
    <message>
        <source>Key id:</source>
        <translation>密钥编号：</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
    <message>
        <source>Key folder:</source>
        <translation>密钥文件夹：</translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation>密钥文件：</translation>
    </message>
    <message>
        <source>Earlier keys:</source>
        <translation>以前的密钥：</translation>
    </message>
    <message>
        <source>Certificates and the audit trail&apos;s checkpoints are signed with this key. Its private half never enters the database or its backups: keep a key backup, and give inspectors the exported public key.</source>
        <translation>证书和审计记录的签名检查点都用此密钥签名。私钥从不进入数据库或数据库备份：请另行做好密钥备份，并把导出的公钥交给核验人员。</translation>
    </message>
    <message>
        <source>Export public key…</source>
        <translation>导出公钥…</translation>
    </message>
    <message>
        <source>Key folder…</source>
        <translation>密钥文件夹…</translation>
    </message>
    <message>
        <source>Back up key…</source>
        <translation>备份密钥…</translation>
    </message>
    <message>
        <source>Restore key backup…</source>
        <translation>恢复密钥备份…</translation>
    </message>
    <message>
        <source>New key (rotate)…</source>
        <translation>更换新密钥…</translation>
    </message>
    <message>
        <source>None yet (made with the first signature)</source>
        <translation>尚无（第一次签名时生成）</translation>
    </message>
    <message>
        <source>Present: signing works</source>
        <translation>在：可以签名</translation>
    </message>
    <message>
        <source>Missing: nothing is signed until the key&apos;s folder is back or a backup is restored</source>
        <translation>找不到：在密钥文件夹恢复可用或恢复密钥备份之前，不会签名</translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <source>Public key (*.pem)</source>
        <translation>公钥 (*.pem)</translation>
    </message>
    <message>
        <source>Wrote {count} public key(s) to {path}</source>
        <translation>已把 {count} 个公钥写入 {path}</translation>
    </message>
    <message>
        <source>Key folder</source>
        <translation>密钥文件夹</translation>
    </message>
    <message>
        <source>The key files are now kept in {folder}</source>
        <translation>密钥文件现存放在 {folder}</translation>
    </message>
    <message>
        <source>Key backup passphrase (8 characters or more):</source>
        <translation>密钥备份口令（至少 8 个字符）：</translation>
    </message>
    <message>
        <source>Back up key</source>
        <translation>备份密钥</translation>
    </message>
    <message>
        <source>Key backup (*.backup);;All files (*)</source>
        <translation>密钥备份 (*.backup);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Key backed up to {path}; keep the passphrase apart from it.</source>
        <translation>密钥已备份到 {path}；请把口令与备份分开保管。</translation>
    </message>
    <message>
        <source>Restore key backup</source>
        <translation>恢复密钥备份</translation>
    </message>
    <message>
        <source>The key was restored from {path}</source>
        <translation>已从 {path} 恢复密钥</translation>
    </message>
    <message>
        <source>New signing key</source>
        <translation>更换签名密钥</translation>
    </message>
    <message>
        <source>Make a new signing key? What was signed before keeps verifying with the old public key, but inspectors need the newly exported public key file, and the key needs a new backup.</source>
        <translation>要生成新的签名密钥吗？以前签名的内容仍可用旧公钥核验，但需要把新导出的公钥文件交给核验人员，并重新备份密钥。</translation>
    </message>
    <message>
        <source>A new signing key is in use; export the public key and back it up.</source>
        <translation>新的签名密钥已启用；请导出公钥并备份密钥。</translation>
    </message>
</context>
<context>
    <name>SliceTable</name>
    <message>
        <source>Measure</source>
        <translation>计量</translation>
    </message>
    <message>
        <source>Part by</source>
        <translation>分项维度</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>分项</translation>
    </message>
    <message>
        <source>Minimum or share</source>
        <translation>最低值或比例</translation>
    </message>
    <message>
        <source>e.g. 50, 30% or 2/3</source>
        <translation>如 50、30% 或 2/3</translation>
    </message>
    <message>
        <source>Competency name</source>
        <translation>能力项名称</translation>
    </message>
    <message>
        <source>is neither a minimum (50) nor a share (30%, 2/3)</source>
        <translation>既不是最低值（如 50）也不是比例（如 30%、2/3）</translation>
    </message>
</context>
<context>
    <name>SubmissionDialog</name>
    <message>
        <source>Submission</source>
        <translation>新增提交</translation>
    </message>
    <message>
        <source>Edit submission</source>
        <translation>编辑提交</translation>
    </message>
    <message>
        <source>(no file)</source>
        <translation>（无文件）</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Correct the time it was handed in</source>
        <translation>更正提交时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>学员</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Attached file</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>选择附件</translation>
    </message>
    <message>
        <source>Submission not saved</source>
        <translation>提交未保存</translation>
    </message>
    <message>
        <source>Nobody is enrolled in this session yet.</source>
        <translation>本培训班次尚无人报名。</translation>
    </message>
</context>
<context>
    <name>SubmissionTableModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>HR score</source>
        <translation>HR评分</translation>
    </message>
    <message>
        <source>Head score</source>
        <translation>部门评分</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>最终得分</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待评</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发表</translation>
    </message>
    <message>
        <source>Did not attend</source>
        <translation>未出勤</translation>
    </message>
</context>
<context>
    <name>SubmissionsPanel</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Grade…</source>
        <translation>评分…</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>优秀</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发表</translation>
    </message>
    <message>
        <source>Late submissions are shown in red.</source>
        <translation>逾期提交的以红色显示。</translation>
    </message>
    <message>
        <source>Delete {name}&apos;s {kind} “{title}”?</source>
        <translation>确定删除 {name} 的{kind}“{title}”吗？</translation>
    </message>
    <message>
        <source>Delete submission</source>
        <translation>删除提交</translation>
    </message>
</context>
<context>
    <name>TrainerLevelsPage</name>
    <message>
        <source> year</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Confirm promotion…</source>
        <translation>确认晋级…</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>晋级</translation>
    </message>
    <message>
        <source>Re-certification</source>
        <translation>复审</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{qualified} of {total} trainer(s) qualify for promotion · {recert} to re-certify</source>
        <translation>{total} 名内训师中 {qualified} 名符合晋级条件 · {recert} 名待复审</translation>
    </message>
    <message>
        <source>{first}–{last}: fewer than {hours} hours taught, or a mean satisfaction below {satisfaction}</source>
        <translation>{first}–{last} 年：授课不足 {hours} 学时，或平均满意度低于 {satisfaction}</translation>
    </message>
    <message>
        <source>Choose a trainer who qualifies to confirm the promotion.</source>
        <translation>选择符合条件的内训师以确认晋级。</translation>
    </message>
    <message>
        <source>{name} qualifies for {level}.</source>
        <translation>{name} 符合晋升{level}的条件。</translation>
    </message>
    <message>
        <source>{name} does not qualify yet: {missing}</source>
        <translation>{name} 还不符合条件：{missing}</translation>
    </message>
    <message>
        <source>Confirm promotion</source>
        <translation>确认晋级</translation>
    </message>
    <message>
        <source>Promote {name} ({no}) from {level} to {next} trainer?</source>
        <translation>将 {name}（{no}）由{level}内训师晋升为{next}内训师？</translation>
    </message>
    <message>
        <source>Promoted</source>
        <translation>已晋级</translation>
    </message>
    <message>
        <source>{name} is now a {level} trainer.</source>
        <translation>{name} 现为{level}内训师。</translation>
    </message>
    <message>
        <source>Cannot promote</source>
        <translation>无法晋级</translation>
    </message>
</context>
<context>
    <name>TrainerProfilesPage</name>
    <message>
        <source> year</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Search employee no., name or department</source>
        <translation>搜索工号、姓名或部门</translation>
    </message>
    <message>
        <source>Enter uplift…</source>
        <translation>录入业绩提升…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>参数设置…</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Excellent trainer: contribution ≥ {threshold} (the boundary counts)</source>
        <translation>优秀内训师：贡献值 ≥ {threshold}（含等于）</translation>
    </message>
    <message>
        <source>{count} trainer(s) · {excellent} excellent</source>
        <translation>{count} 名内训师 · 优秀 {excellent} 名</translation>
    </message>
    <message>
        <source>{year} trainer contribution</source>
        <translation>{year} 年度内训师贡献</translation>
    </message>
    <message>
        <source>the trainer contribution report</source>
        <translation>内训师贡献报告</translation>
    </message>
    <message>
        <source>Preparing the trainer contribution report…</source>
        <translation>正在准备内训师贡献报告…</translation>
    </message>
</context>
<context>
    <name>TrainersTab</name>
    <message>
        <source>Profiles &amp;&amp; ranking</source>
        <translation>档案与排名</translation>
    </message>
    <message>
        <source>Promotion &amp;&amp; re-certification</source>
        <translation>晋级与复审</translation>
    </message>
    <message>
        <source>Nominations</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Mentoring</source>
        <translation>导师制</translation>
    </message>
</context>
<context>
    <name>TrainingEffect</name>
    <message>
        <source>Course no.</source>
        <translation>课程编号</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>班次数</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人数</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Course rating</source>
        <translation>课程评分</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>考试通过率</translation>
    </message>
    <message>
        <source>Exam mean</source>
        <translation>考试均分</translation>
    </message>
    <message>
        <source>Plans in 30 days</source>
        <translation>行动计划提交率</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>采纳数</translation>
    </message>
    <message>
        <source>Competencies up</source>
        <translation>提升能力项</translation>
    </message>
    <message>
        <source>Trained, before</source>
        <translation>参训 训前</translation>
    </message>
    <message>
        <source>Trained, after</source>
        <translation>参训 训后</translation>
    </message>
    <message>
        <source>Not trained, before</source>
        <translation>未参训 同期前</translation>
    </message>
    <message>
        <source>Not trained, after</source>
        <translation>未参训 同期后</translation>
    </message>
    <message>
        <source>No review scores before and after</source>
        <translation>没有训前训后的考核评分</translation>
    </message>
</context>
<context>
    <name>TrainingEffectPage</name>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>All courses</source>
        <translation>全部课程</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>By course</source>
        <translation>按课程</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按部门</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>The start {start} is after the end {end}: nothing to show.</source>
        <translation>开始日期 {start} 晚于结束日期 {end}：没有可显示的内容。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>{courses} course(s) · {attendees} attendee(s)</source>
        <translation>{courses} 门课程 · {attendees} 人次参训</translation>
    </message>
    <message>
        <source>No course held in the period</source>
        <translation>本期间没有举办的课程</translation>
    </message>
    <message>
        <source>Reaction: trainer satisfaction {satisfaction}, course rating {rating} ({count} form(s))</source>
        <translation>反应层：讲师满意度 {satisfaction}，课程评分 {rating}（评价 {count} 份）</translation>
    </message>
    <message>
        <source>Learning: pass rate {rate}, exam mean {mean} ({count} result(s))</source>
        <translation>学习层：考试通过率 {rate}，平均分 {mean}（成绩 {count} 份）</translation>
    </message>
    <message>
        <source>Behaviour: {done} of {due} action plans within 30 days ({rate}), {adopted} adopted</source>
        <translation>行为层：30 天内提交行动计划 {done}/{due}（{rate}），采纳 {adopted} 份</translation>
    </message>
    <message>
        <source>Results: {lines}</source>
        <translation>结果层：{lines}</translation>
    </message>
    <message>
        <source>Results: the course addresses no competency</source>
        <translation>结果层：课程未关联能力项</translation>
    </message>
    <message>
        <source>Training effect {year}</source>
        <translation>{year} 年度培训效果</translation>
    </message>
    <message>
        <source>Training effect {start} to {end}</source>
        <translation>培训效果 {start} 至 {end}</translation>
    </message>
    <message>
        <source>the training effect report</source>
        <translation>培训效果报告</translation>
    </message>
    <message>
        <source>Preparing the training effect report…</source>
        <translation>正在准备培训效果报告…</translation>
    </message>
</context>
<context>
    <name>TrainingRecordDialog</name>
    <message>
        <source>New historical record</source>
        <translation>新增历史培训记录</translation>
    </message>
    <message>
        <source>Edit historical record</source>
        <translation>编辑历史培训记录</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>e.g. 85, 合格, 优秀</source>
        <translation>如 85、合格、优秀</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程名称</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Learning form</source>
        <translation>学习形式</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>Course category</source>
        <translation>课程类别</translation>
    </message>
    <message>
        <source>Subject type</source>
        <translation>科目类型</translation>
    </message>
    <message>
        <source>Training type</source>
        <translation>培训类型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Historical records count toward hours and credits, never toward points.</source>
        <translation>历史培训记录计入学时和学分，但不计入积分。</translation>
    </message>
    <message>
        <source>{name} (hours as recorded)</source>
        <translation>{name}（按记录学时）</translation>
    </message>
    <message>
        <source>{name} ({hours} hours per {unit})</source>
        <translation>{name}（每{unit} {hours} 学时）</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Without a learning form, enter the hours.</source>
        <translation>未选学习形式时，请直接填写学时。</translation>
    </message>
    <message>
        <source>Hours entered: kept as they are (the recognition table is not applied).</source>
        <translation>已填写学时：按填写的学时计（不按学时认定表折算）。</translation>
    </message>
    <message>
        <source>Enter the quantity: the recognition table turns it into hours.</source>
        <translation>请填写数量，系统按学时认定表折算学时。</translation>
    </message>
    <message>
        <source>By the recognition table: {quantity} {unit} = {hours} hours</source>
        <translation>按学时认定表折算：{quantity} {unit} = {hours} 学时</translation>
    </message>
    <message>
        <source>Record not saved</source>
        <translation>历史培训记录未保存</translation>
    </message>
</context>
<context>
    <name>UnlockTableModel</name>
    <message>
        <source>Employee No</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>学分</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Reached at</source>
        <translation>达成时间</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Yes, {when}</source>
        <translation>是，{when}</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>UpliftDialog</name>
    <message>
        <source>Team uplift of {year}</source>
        <translation>{year} 年度团队业绩提升</translation>
    </message>
    <message>
        <source>{name} ({no}), {department}</source>
        <translation>{name}（{no}），{department}</translation>
    </message>
    <message>
        <source>-100 to 1000, e.g. 12.5</source>
        <translation>-100 到 1000，如 12.5</translation>
    </message>
    <message>
        <source>Where the figure comes from (optional)</source>
        <translation>数据来源（可不填）</translation>
    </message>
    <message>
        <source>Team uplift (%)</source>
        <translation>团队业绩提升(%)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Counts in the contribution value of {year} with the uplift weight.</source>
        <translation>按业绩提升权重计入 {year} 年度贡献值。</translation>
    </message>
    <message>
        <source>Discard the uplift you typed?</source>
        <translation>放弃已输入的业绩提升？</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a certificate</source>
        <translation>验证证书</translation>
    </message>
    <message>
        <source>e.g. ABCD-EFGH-IJKL-MNOP</source>
        <translation>例如 ABCD-EFGH-IJKL-MNOP</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>撤销证书…</translation>
    </message>
    <message>
        <source>Withdraw a genuine certificate; its record is kept</source>
        <translation>撤销一张真实有效的证书；证书记录仍会保留</translation>
    </message>
    <message>
        <source>Scan the QR code here, or type the serial, e.g. JY2026-000012</source>
        <translation>在此扫描二维码，或输入证书编号，如 JY2026-000012</translation>
    </message>
    <message>
        <source>QR text or serial</source>
        <translation>二维码文字或编号</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>校验码</translation>
    </message>
    <message>
        <source>Revoke certificate</source>
        <translation>撤销证书</translation>
    </message>
    <message>
        <source>Why is {serial} revoked?</source>
        <translation>撤销证书 {serial} 的原因：</translation>
    </message>
    <message>
        <source>Not revoked</source>
        <translation>未能撤销</translation>
    </message>
    <message>
        <source>Revoking certificate {serial}</source>
        <translation>正在撤销证书 {serial}</translation>
    </message>
    <message>
        <source>GENUINE: the signature is valid</source>
        <translation>真实有效：签名有效</translation>
    </message>
    <message>
        <source>REVOKED: this certificate is withdrawn</source>
        <translation>已撤销：此证书已作废</translation>
    </message>
    <message>
        <source>ALTERED: does not match its signature</source>
        <translation>已被改动：与签名不符</translation>
    </message>
    <message>
        <source>UNKNOWN: no such certificate</source>
        <translation>查无此证</translation>
    </message>
    <message>
        <source>UNREADABLE: incomplete or not a certificate&apos;s QR text</source>
        <translation>无法核验：二维码文字不完整，或不是证书的二维码</translation>
    </message>
    <message>
        <source>NOT THIS OFFICE&apos;S: signed with another key</source>
        <translation>非本单位签发：用其他单位的密钥签名</translation>
    </message>
    <message>
        <source>Holder: {name} ({no}), issued {issued}</source>
        <translation>持证人：{name}（{no}），签发日期：{issued}</translation>
    </message>
    <message>
        <source>Course: {course}</source>
        <translation>课程：{course}</translation>
    </message>
    <message>
        <source>Signed with key {key_id} (fingerprint {fingerprint})</source>
        <translation>签名密钥 {key_id}（公钥指纹 {fingerprint}）</translation>
    </message>
</context>
<context>
    <name>_ToggledRecords</name>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>_VerdictColours</name>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>No program is set up to open {path}.</source>
        <translation>系统中没有设置用于打开 {path} 的程序。</translation>
    </message>
    <message>
        <source>Not graded</source>
        <translation>未评分</translation>
    </message>
</context>
</TS>
