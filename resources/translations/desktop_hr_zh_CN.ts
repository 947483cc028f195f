<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
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
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>desktop_hr database (*.sqlite3 *.db);;All files (*)</source>
        <translation>desktop_hr 数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>DepartmentPanel</name>
    <message>
        <source>Add sub-department…</source>
        <translation>新增下级部门…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete department</source>
        <translation>删除部门</translation>
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
        <source>Department not empty</source>
        <translation>部门不为空</translation>
    </message>
    <message>
        <source>Only a department with no people (past or present) and no sub-departments can be deleted.</source>
        <translation>只有没有人员（含已离职人员）且没有下级部门的部门才能删除。</translation>
    </message>
    <message>
        <source>Delete the department {path}?</source>
        <translation>确定删除部门“{path}”吗？</translation>
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
        <source>Fields marked * are required.</source>
        <translation>标 * 的为必填项。</translation>
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
        <source>Please correct the marked fields</source>
        <translation>请修改标红的项目</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>You have changed this employee. Close without saving?</source>
        <translation>员工信息已修改，确定不保存就关闭吗？</translation>
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
    <name>ExcelFiles</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx *.xlsm);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export employees</source>
        <translation>导出员工档案</translation>
    </message>
    <message>
        <source>Employees_{day}.xlsx</source>
        <translation>员工档案_{day}.xlsx</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Exported {count} employees to
{path}</source>
        <translation>已导出 {count} 名员工到
{path}</translation>
    </message>
    <message>
        <source>Exporting employees…</source>
        <translation>正在导出员工档案…</translation>
    </message>
    <message>
        <source>Save the import template</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <source>Employees_template.xlsx</source>
        <translation>员工导入模板.xlsx</translation>
    </message>
    <message>
        <source>Template saved</source>
        <translation>模板已保存</translation>
    </message>
    <message>
        <source>The template was saved to
{path}
Fill in one employee per row, then import it.</source>
        <translation>模板已保存到
{path}
每行填写一名员工，然后导入即可。</translation>
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
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
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
    <name>ImportDialog</name>
    <message>
        <source>Import employees</source>
        <translation>导入员工</translation>
    </message>
    <message>
        <source>Choose an Excel roster (.xlsx). The header row may be anywhere near the top and the columns in any order; 工号 and 姓名 are required. The whole file is checked first: if any row has a problem, nothing is written until you decide. Employees already on file (same 工号) are updated.</source>
        <translation>请选择 Excel 花名册（.xlsx）。表头可以在前几行的任意位置，列的顺序不限；工号和姓名为必填列。程序会先检查整个文件：只要有一行有问题，在您决定之前不会写入任何数据。已在档案中的员工（工号相同）将被更新。</translation>
    </message>
    <message>
        <source>Path of the .xlsx file</source>
        <translation>.xlsx 文件的路径</translation>
    </message>
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
        <source>Choose the roster to import</source>
        <translation>选择要导入的花名册</translation>
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
        <source>Importing the valid rows…</source>
        <translation>正在导入正确的行…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt; Created {created}, updated {updated}, unchanged {unchanged}.</source>
        <translation>&lt;b&gt;导入完成。&lt;/b&gt;新增 {created} 条，更新 {updated} 条，未变 {unchanged} 条。</translation>
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
        <source>Employees</source>
        <translation>员工档案</translation>
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
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
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
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
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
</TS>
