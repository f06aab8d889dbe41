<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BackupPickerDialog</name>
    <message>
        <source>恢复备份</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>选择要恢复的备份。数据库现在的内容会先另存为一个备份，所以恢复之后仍可找回。
备份文件夹：{folder}</source>
        <translation>Choose the backup to restore. What the database holds now is first saved as a backup of its own, so it can still be recovered.
Backup folder: {folder}</translation>
    </message>
    <message>
        <source>这个文件夹里没有这个数据库的备份。可以选择其他位置的备份文件。</source>
        <translation>This folder holds no backup of this database. You can choose a backup file elsewhere.</translation>
    </message>
    <message>
        <source>恢复所选备份</source>
        <translation>Restore the selected backup</translation>
    </message>
    <message>
        <source>其他备份文件…</source>
        <translation>Other backup file…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>恢复前自动另存</source>
        <translation>saved before a restore</translation>
    </message>
    <message>
        <source>升级前自动备份</source>
        <translation>backup before an upgrade</translation>
    </message>
    <message>
        <source>自动备份</source>
        <translation>automatic backup</translation>
    </message>
    <message>
        <source>手动备份</source>
        <translation>manual backup</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>台账备份 (*{suffix});;所有文件 (*)</source>
        <translation>Ledger backups (*{suffix});;All files (*)</translation>
    </message>
</context>
<context>
    <name>CheckReportDialog</name>
    <message>
        <source>检查数据库</source>
        <translation>Check the database</translation>
    </message>
    <message>
        <source>检查前已备份到：{path}</source>
        <translation>Backed up before the check to: {path}</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>程序遇到了一个意外错误</source>
        <translation>The program ran into an unexpected error</translation>
    </message>
    <message>
        <source>这是程序的缺陷，不是您的操作有误。已保存的记录没有受到影响，正在填写的内容也还在，可以继续工作。</source>
        <translation>This is a defect of the program, not a mistake of yours. Saved records are not affected and what you were typing is still there; you can carry on working.</translation>
    </message>
    <message>
        <source>详细情况已记入日志文件：{path}</source>
        <translation>The details were written to the log file: {path}</translation>
    </message>
    <message>
        <source>隐藏详情</source>
        <translation>Hide details</translation>
    </message>
    <message>
        <source>显示详情</source>
        <translation>Show details</translation>
    </message>
    <message>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>FieldForm</name>
    <message>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
</context>
<context>
    <name>GroupProfileForm</name>
    <message>
        <source>如：商洛市赴南京市挂职工作组</source>
        <translation>e.g. Shangluo secondment group in Nanjing</translation>
    </message>
    <message>
        <source>如：第七批</source>
        <translation>e.g. 7th batch</translation>
    </message>
    <message>
        <source>如：2025-01-01</source>
        <translation>e.g. 2025-01-01</translation>
    </message>
    <message>
        <source>如：2025-12-31</source>
        <translation>e.g. 2025-12-31</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>created</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>restored</translation>
    </message>
    <message>
        <source>彻底删除</source>
        <translation>deleted for good</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <source>操作记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>查找操作人或内容（Ctrl+F）</source>
        <translation>Find a person or content (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>修改前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>修改后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>共 {count} 条</source>
        <translation>{count} in all</translation>
    </message>
    <message>
        <source>选择一条操作记录，查看修改前后的内容。</source>
        <translation>Select an entry to see the record before and after the change.</translation>
    </message>
    <message>
        <source>{at}，{operator} {action}了{kind}</source>
        <translation>{at}: {kind} — {action} by {operator}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>挂职工作组台账</source>
        <translation>Secondment Group Ledger</translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>恢复备份…</source>
        <translation>Restore a backup…</translation>
    </message>
    <message>
        <source>检查数据库</source>
        <translation>Check the database</translation>
    </message>
    <message>
        <source>切换数据库…</source>
        <translation>Switch database…</translation>
    </message>
    <message>
        <source>新建数据库…</source>
        <translation>New database…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>撤销：{action}</source>
        <translation>Undo: {action}</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做：{action}</source>
        <translation>Redo: {action}</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>正在处理……</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>数据库：{name}</source>
        <translation>Database: {name}</translation>
    </message>
    <message>
        <source>工作组：{name}</source>
        <translation>Group: {name}</translation>
    </message>
    <message>
        <source>尚未建立工作组</source>
        <translation>No work group yet</translation>
    </message>
    <message>
        <source>服务器上的数据库由服务器管理员备份和恢复，本程序只备份本地文件。</source>
        <translation>A database on a server is backed up and restored by its administrator; this program backs up local files only.</translation>
    </message>
    <message>
        <source>已备份到：{path}</source>
        <translation>Backed up to: {path}</translation>
    </message>
    <message>
        <source>正在备份……</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>已自动备份到：{path}</source>
        <translation>Automatic backup written to: {path}</translation>
    </message>
    <message>
        <source>自动备份失败：{problem}</source>
        <translation>The automatic backup failed: {problem}</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>用备份 {backup} 替换现在的数据库？
现在的内容会先另存为一个备份。恢复时窗口会重新打开。</source>
        <translation>Replace the database with the backup {backup}?
What it holds now is first saved as a backup. The window reopens for the restore.</translation>
    </message>
    <message>
        <source>正在检查数据库……</source>
        <translation>Checking the database…</translation>
    </message>
    <message>
        <source>台账数据库 ({patterns});;所有文件 (*)</source>
        <translation>Ledger databases ({patterns});;All files (*)</translation>
    </message>
    <message>
        <source>切换数据库</source>
        <translation>Switch database</translation>
    </message>
    <message>
        <source>新建数据库</source>
        <translation>New database</translation>
    </message>
    <message>
        <source>新台账.sqlite3</source>
        <translation>new-ledger.sqlite3</translation>
    </message>
    <message>
        <source>关于挂职工作组台账</source>
        <translation>About Secondment Group Ledger</translation>
    </message>
    <message>
        <source>&lt;h3&gt;挂职工作组台账&lt;/h3&gt;&lt;p&gt;挂职工作组秘书的日常台账：成员、学习交流、请销假、在岗抽查、调研走访、月度亮点、调研报告、工作成果和信息动态。&lt;/p&gt;&lt;p&gt;内置字体：思源黑体（Noto Sans CJK SC）子集，SIL 开源字体许可证 1.1。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Secondment Group Ledger&lt;/h3&gt;&lt;p&gt;The daily ledger of a secondment group&apos;s secretary: members, study sessions, leave, spot checks, surveys, monthly highlights, research reports, achievements and bulletins.&lt;/p&gt;&lt;p&gt;Carried font: a subset of Noto Sans CJK SC, under the SIL Open Font License 1.1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>程序正在处理数据，完成后才能关闭或切换数据库。</source>
        <translation>The program is still working on the data; the window can be closed, or the database switched, once it has finished.</translation>
    </message>
</context>
<context>
    <name>OpenErrorDialog</name>
    <message>
        <source>恢复备份…</source>
        <translation>Restore a backup…</translation>
    </message>
    <message>
        <source>只读打开</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>选择其他文件…</source>
        <translation>Choose another file…</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>恢复备份：用较早的备份替换这个文件；替换前会先另存它现在的内容。</source>
        <translation>Restore a backup: replace this file with an earlier backup; what it holds now is saved first.</translation>
    </message>
    <message>
        <source>只读打开：可以查看和导出，但不能修改。</source>
        <translation>Open read-only: view and export, but change nothing.</translation>
    </message>
    <message>
        <source>选择其他文件：打开另一个台账数据库文件。</source>
        <translation>Choose another file: open another ledger database file.</translation>
    </message>
    <message>
        <source>重试：等另一个程序释放数据库后再试一次。</source>
        <translation>Retry: try again once the other program has released the database.</translation>
    </message>
    <message>
        <source>无法读写 {path}：{detail}</source>
        <translation>Cannot read or write {path}: {detail}</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>The database cannot be opened</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>无法读写 {path}：{detail}</source>
        <translation>Cannot read or write {path}: {detail}</translation>
    </message>
    <message>
        <source>已撤销：{action}</source>
        <translation>Undone: {action}</translation>
    </message>
    <message>
        <source>已重做：{action}</source>
        <translation>Redone: {action}</translation>
    </message>
    <message>
        <source>未能完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>删除 {count} 条{noun}</source>
        <translation>Delete {count} × {noun}</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>学习交流</source>
        <translation>Study sessions</translation>
    </message>
    <message>
        <source>请销假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>在岗抽查</source>
        <translation>Spot checks</translation>
    </message>
    <message>
        <source>调研走访</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>月度亮点</source>
        <translation>Highlights</translation>
    </message>
    <message>
        <source>调研报告</source>
        <translation>Research reports</translation>
    </message>
    <message>
        <source>工作成果</source>
        <translation>Achievements</translation>
    </message>
    <message>
        <source>信息动态与报表</source>
        <translation>Bulletins and reports</translation>
    </message>
    <message>
        <source>目标完成情况</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>个人档案</source>
        <translation>Member file</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>Recycle bin</translation>
    </message>
    <message>
        <source>操作记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>这一页正在制作中。</source>
        <translation>This page is being built.</translation>
    </message>
</context>
<context>
    <name>Program</name>
    <message>
        <source>挂职工作组台账</source>
        <translation>Secondment Group Ledger</translation>
    </message>
    <message>
        <source>正在打开数据库……</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>选择数据库文件</source>
        <translation>Choose a database file</translation>
    </message>
    <message>
        <source>台账数据库 ({patterns});;所有文件 (*)</source>
        <translation>Ledger databases ({patterns});;All files (*)</translation>
    </message>
    <message>
        <source>未能恢复备份</source>
        <translation>The backup was not restored</translation>
    </message>
    <message>
        <source>已恢复备份</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>已恢复备份 {backup}。原来的文件已另存为 {safety}。</source>
        <translation>Restored the backup {backup}. The file as it was is kept as {safety}.</translation>
    </message>
</context>
<context>
    <name>RecycleBinPage</name>
    <message>
        <source>回收站</source>
        <translation>Recycle bin</translation>
    </message>
    <message>
        <source>删除的记录先放在这里，可以恢复。彻底删除后不能恢复，但操作记录中仍保留其内容。</source>
        <translation>Deleted records wait here and can be restored. Once deleted for good they cannot be restored, but the history still keeps what they held.</translation>
    </message>
    <message>
        <source>查找内容或删除人（Ctrl+F）</source>
        <translation>Find content or who deleted it (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>彻底删除</source>
        <translation>Delete for good</translation>
    </message>
    <message>
        <source>共 {count} 条</source>
        <translation>{count} in all</translation>
    </message>
    <message>
        <source>已恢复 {count} 条记录</source>
        <translation>Restored {count} record(s)</translation>
    </message>
    <message>
        <source>彻底删除所选的 {count} 条记录？彻底删除后不能恢复。</source>
        <translation>Delete the {count} selected record(s) for good? They cannot be restored afterwards.</translation>
    </message>
    <message>
        <source>已彻底删除 {count} 条记录</source>
        <translation>Deleted {count} record(s) for good</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>工作组</source>
        <translation>Work group</translation>
    </message>
    <message>
        <source>党小组</source>
        <translation>Party small groups</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>节假日更正</source>
        <translation>Holiday corrections</translation>
    </message>
    <message>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <source>备份与维护</source>
        <translation>Backup and upkeep</translation>
    </message>
    <message>
        <source>保存工作组信息</source>
        <translation>Save the group profile</translation>
    </message>
    <message>
        <source>临时党支部下设的党小组。还有成员或学习记录的党小组不能删除。</source>
        <translation>The party small groups of the temporary party branch. A small group that still has members or study sessions cannot be deleted.</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>请假审批规则</source>
        <translation>Leave approval rules</translation>
    </message>
    <message>
        <source>按请假的工作日天数确定审批人：从上往下，第一条天数上限不小于请假天数的规则适用。最后一条不填上限，表示更长的请假。</source>
        <translation>Who approves a leave request depends on its working days: from the top, the first rule whose day limit is not below the request applies. The last rule has no limit and covers longer requests.</translation>
    </message>
    <message>
        <source>天数上限（空白为不限）</source>
        <translation>Day limit (blank: none)</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>添加一条</source>
        <translation>Add a rule</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>保存审批规则</source>
        <translation>Save the approval rules</translation>
    </message>
    <message>
        <source>考核目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>每人每周调研次数：</source>
        <translation>Surveys per member per week:</translation>
    </message>
    <message>
        <source>每人每月亮点数：</source>
        <translation>Highlights per member per month:</translation>
    </message>
    <message>
        <source>每月集体学习交流会次数：</source>
        <translation>Collective study meetings per month:</translation>
    </message>
    <message>
        <source>保存考核目标</source>
        <translation>Save the targets</translation>
    </message>
    <message>
        <source>信息动态期号</source>
        <translation>Bulletin numbering</translation>
    </message>
    <message>
        <source>每年从头编号</source>
        <translation>Start the numbering again each year</translation>
    </message>
    <message>
        <source>第一期的期号：</source>
        <translation>Number of the first issue:</translation>
    </message>
    <message>
        <source>保存期号设置</source>
        <translation>Save the numbering</translation>
    </message>
    <message>
        <source>程序内置国家法定节假日和调休安排。内置日历还没有的年份，请在这里补充放假日和调休上班日；请假天数按这些更正计算。</source>
        <translation>The program knows the official public holidays and adjusted working days. For a year its calendar does not know yet, add the holidays and adjusted working days here; leave days are counted with these corrections.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>日期，如 2027-10-01</source>
        <translation>Date, e.g. 2027-10-01</translation>
    </message>
    <message>
        <source>放假</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Adjusted working day</translation>
    </message>
    <message>
        <source>说明，如 国庆节</source>
        <translation>Note, e.g. National Day</translation>
    </message>
    <message>
        <source>添加更正</source>
        <translation>Add the correction</translation>
    </message>
    <message>
        <source>操作人姓名：</source>
        <translation>Operator name:</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>每一条修改都会在操作记录中记下操作人。</source>
        <translation>Every change is recorded in the history with the operator&apos;s name.</translation>
    </message>
    <message>
        <source>界面语言：</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <source>自动备份</source>
        <translation>Automatic backups</translation>
    </message>
    <message>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>空白：数据库旁边的 backups 文件夹</source>
        <translation>Blank: the backups folder beside the database</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>保留最近的备份（个）：</source>
        <translation>Recent backups kept:</translation>
    </message>
    <message>
        <source>另保留每日备份（天）：</source>
        <translation>Also keep daily backups (days):</translation>
    </message>
    <message>
        <source>另保留每周备份（周）：</source>
        <translation>Also keep weekly backups (weeks):</translation>
    </message>
    <message>
        <source>另保留每月备份（月）：</source>
        <translation>Also keep monthly backups (months):</translation>
    </message>
    <message>
        <source>保存备份设置</source>
        <translation>Save the backup settings</translation>
    </message>
    <message>
        <source>维护</source>
        <translation>Upkeep</translation>
    </message>
    <message>
        <source>检查数据库前会先备份一次。恢复备份前，现在的内容也会先另存为备份。</source>
        <translation>A backup is taken before each check. Before a restore, what the database holds now is saved as a backup too.</translation>
    </message>
    <message>
        <source>服务器上的数据库由服务器管理员备份和恢复；这里只能检查。</source>
        <translation>A database on a server is backed up and restored by its administrator; here it can only be checked.</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>恢复备份…</source>
        <translation>Restore a backup…</translation>
    </message>
    <message>
        <source>检查数据库</source>
        <translation>Check the database</translation>
    </message>
    <message>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>工作组信息已保存</source>
        <translation>Group profile saved</translation>
    </message>
    <message>
        <source>添加党小组</source>
        <translation>Add a party small group</translation>
    </message>
    <message>
        <source>党小组名称：</source>
        <translation>Name of the party small group:</translation>
    </message>
    <message>
        <source>重命名党小组</source>
        <translation>Rename the party small group</translation>
    </message>
    <message>
        <source>新的名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>党小组已保存</source>
        <translation>Party small group saved</translation>
    </message>
    <message>
        <source>节假日更正已添加</source>
        <translation>Holiday correction added</translation>
    </message>
    <message>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用挂职工作组台账</source>
        <translation>Welcome to the Secondment Group Ledger</translation>
    </message>
    <message>
        <source>这个数据库里还没有工作组。请先填写工作组的基本信息（以后可在“设置”中修改），或者载入一年的示例数据，先试用一下。</source>
        <translation>This database has no work group yet. Fill in the group&apos;s profile first (it can be changed later in Settings), or load a demo year to try the program out.</translation>
    </message>
    <message>
        <source>建立工作组</source>
        <translation>Create the work group</translation>
    </message>
    <message>
        <source>您的姓名（记入操作记录）：</source>
        <translation>Your name (kept in the history):</translation>
    </message>
    <message>
        <source>先试用示例数据</source>
        <translation>Try it with demo data first</translation>
    </message>
    <message>
        <source>示例数据是一个 20 人工作组一年的记录：成员、学习交流、请销假、调研走访、亮点、报告和成果。只能载入空数据库；试用完毕请另建一个数据库正式使用。</source>
        <translation>The demo data is a year of a 20-member group: members, study sessions, leave, surveys, highlights, reports and achievements. It only goes into an empty database; for real work, create another database afterwards.</translation>
    </message>
    <message>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>载入示例数据</source>
        <translation>Load demo data</translation>
    </message>
    <message>
        <source>已建立工作组</source>
        <translation>Work group created</translation>
    </message>
    <message>
        <source>在这个数据库中生成 {year} 年的示例数据？这需要几秒钟。</source>
        <translation>Fill this database with demo records of {year}? This takes a few seconds.</translation>
    </message>
    <message>
        <source>正在生成示例数据……</source>
        <translation>Creating the demo data…</translation>
    </message>
    <message>
        <source>已载入 {year} 年的示例数据</source>
        <translation>Demo data of {year} loaded</translation>
    </message>
</context>
</TS>
