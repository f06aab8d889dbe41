<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AchievementsPage</name>
    <message>
        <source>工作成果</source>
        <translation>Achievements</translation>
    </message>
    <message>
        <source>全部成果类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>查找：成果名称、备注或成员（Ctrl+F）</source>
        <translation>Find: title, notes or member (Ctrl+F)</translation>
    </message>
    <message>
        <source>共 {count} 项</source>
        <translation>{count} achievement(s)</translation>
    </message>
    <message>
        <source>{count_text}，金额合计 {amount} 万元，数量合计 {items}</source>
        <translation>{count_text}; amount {amount} (10,000 yuan), count {items}</translation>
    </message>
</context>
<context>
    <name>AttendanceTable</name>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>出席</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>缺席原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>↑↓ 选择成员，空格键切换出席/缺席；缺席原因可输入拼音首字母（如 qj 请假）</source>
        <translation>Up/Down choose a member, Space toggles present/absent; type the start of a reason to pick it (e.g. &quot;on&quot; for On leave)</translation>
    </message>
</context>
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
    <name>BulletinsPage</name>
    <message>
        <source>信息动态与报表</source>
        <translation>Bulletins and reports</translation>
    </message>
    <message>
        <source>信息动态</source>
        <translation>Monthly bulletin</translation>
    </message>
    <message>
        <source>年度汇总</source>
        <translation>Year summary</translation>
    </message>
    <message>
        <source>个人档案</source>
        <translation>Member file</translation>
    </message>
    <message>
        <source>月份：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>yyyy年M月</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>下月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>印发日期：</source>
        <translation>Issue date:</translation>
    </message>
    <message>
        <source>yyyy年M月d日</source>
        <translation>MMM d, yyyy</translation>
    </message>
    <message>
        <source>印在报头上；本期的各项数字（如逾期未销假）截至这一天。随本期文字保存。</source>
        <translation>Printed in the masthead; the issue&apos;s figures (such as overdue returns) are as of this day. Saved with the issue&apos;s text.</translation>
    </message>
    <message>
        <source>编者的文字（随本期保存）</source>
        <translation>The editor&apos;s text (kept with the issue)</translation>
    </message>
    <message>
        <source>本月概述：</source>
        <translation>This month (overview):</translation>
    </message>
    <message>
        <source>下月工作安排：</source>
        <translation>Next month&apos;s plan:</translation>
    </message>
    <message>
        <source>写在本月各项数字之前的一段话，例如本月的重点工作。</source>
        <translation>A paragraph written before the month&apos;s figures, e.g. the month&apos;s main work.</translation>
    </message>
    <message>
        <source>下月的工作安排；不写则信息动态中没有这一节。</source>
        <translation>The plan for next month; left empty, the bulletin has no such section.</translation>
    </message>
    <message>
        <source>保存文字</source>
        <translation>Save text</translation>
    </message>
    <message>
        <source>年份：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>成员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>输入姓名或拼音首字母</source>
        <translation>Type a name or its pinyin initials</translation>
    </message>
    <message>
        <source>正在生成预览……</source>
        <translation>Preparing the preview…</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Markdown 文件 (*.md)</source>
        <translation>Markdown files (*.md)</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>选择一名成员，查看并导出其个人档案。</source>
        <translation>Choose a member to see and export the member&apos;s file.</translation>
    </message>
    <message>
        <source>第{number}期（保存或导出时编号）</source>
        <translation>No. {number} (numbered when saved or exported)</translation>
    </message>
    <message>
        <source>第{number}期</source>
        <translation>No. {number}</translation>
    </message>
    <message>
        <source>数据库以只读方式打开，文字不能保存。</source>
        <translation>The database is open read-only; the text cannot be saved.</translation>
    </message>
    <message>
        <source>文字或印发日期尚未保存；导出时会先保存。</source>
        <translation>The text or the issue date is not saved yet; exporting saves it first.</translation>
    </message>
    <message>
        <source>Word 按设置中的模板生成：{name}</source>
        <translation>Word uses the template chosen in Settings: {name}</translation>
    </message>
    <message>
        <source>已保存{year}年{month}月信息动态的文字</source>
        <translation>Saved the bulletin text of {year}-{month}</translation>
    </message>
    <message>
        <source>本期文字已在别处修改。您输入的文字仍在这里，再次保存将以它为准。</source>
        <translation>The issue&apos;s text was changed elsewhere. Your text is still here; saving again makes it the issue&apos;s text.</translation>
    </message>
    <message>
        <source>{year}年第{number}期{title}</source>
        <translation>{title} {year} No. {number}</translation>
    </message>
    <message>
        <source>导出信息动态</source>
        <translation>Export bulletin</translation>
    </message>
    <message>
        <source>导出年度汇总</source>
        <translation>Export year summary</translation>
    </message>
    <message>
        <source>{year}年度工作情况汇总</source>
        <translation>Year summary {year}</translation>
    </message>
    <message>
        <source>{name}个人档案</source>
        <translation>Member file {name}</translation>
    </message>
    <message>
        <source>导出个人档案</source>
        <translation>Export member file</translation>
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
    <name>ExportButtons</name>
    <message>
        <source>导出 Word(&amp;W)</source>
        <translation>Export &amp;Word</translation>
    </message>
    <message>
        <source>导出 PDF(&amp;P)</source>
        <translation>Export &amp;PDF</translation>
    </message>
    <message>
        <source>导出 Markdown(&amp;M)</source>
        <translation>Export &amp;Markdown</translation>
    </message>
    <message>
        <source>打印预览(&amp;R)…</source>
        <translation>Print p&amp;review…</translation>
    </message>
</context>
<context>
    <name>ExportLedgerDialog</name>
    <message>
        <source>导出台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <source>只导出列表中筛选出的记录（按列表的筛选条件）</source>
        <translation>Only the records the list shows (its filter)</translation>
    </message>
    <message>
        <source>日期范围</source>
        <translation>Date range</translation>
    </message>
    <message>
        <source>只导出此范围内的记录：</source>
        <translation>Only records dated from</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>台账种类（每种一个工作表）</source>
        <translation>Kinds of record (one sheet each)</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Excel 工作簿（.xlsx），每种台账一个工作表</source>
        <translation>Excel workbook (.xlsx), one sheet per kind</translation>
    </message>
    <message>
        <source>CSV（.csv，UTF-8），只能选一种台账</source>
        <translation>CSV (.csv, UTF-8), one kind only</translation>
    </message>
    <message>
        <source>Markdown（.md），便于粘贴到别处</source>
        <translation>Markdown (.md), for pasting elsewhere</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请至少选择一种台账。</source>
        <translation>Choose at least one kind of record.</translation>
    </message>
    <message>
        <source>CSV 文件只能包含一种台账，请只选一种，或改用 Excel。</source>
        <translation>A CSV file holds one kind of record: choose only one, or use Excel.</translation>
    </message>
    <message>
        <source>结束日期不能早于开始日期。</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
    <message>
        <source>{group}{kind}台账</source>
        <translation>{group} {kind} ledger</translation>
    </message>
    <message>
        <source>{group}台账</source>
        <translation>{group} ledger</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Markdown 文件 (*.md)</source>
        <translation>Markdown files (*.md)</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出 {count} 条记录：{path}</source>
        <translation>Exported {count} records: {path}</translation>
    </message>
</context>
<context>
    <name>ExportedBox</name>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>文件已导出：</source>
        <translation>The file was exported:</translation>
    </message>
    <message>
        <source>打开文件</source>
        <translation>Open the file</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open its folder</translation>
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
    <name>FormKeys</name>
    <message>
        <source>Ctrl+Enter {save} · Enter 到下一项</source>
        <translation>Ctrl+Enter {save} · Enter next field</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>save</translation>
    </message>
    <message>
        <source> · Esc 取消</source>
        <translation> · Esc cancel</translation>
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
    <name>HelpDialog</name>
    <message>
        <source>使用指南</source>
        <translation>User guide</translation>
    </message>
</context>
<context>
    <name>HighlightsPage</name>
    <message>
        <source>月度亮点</source>
        <translation>Monthly highlights</translation>
    </message>
    <message>
        <source>全部亮点类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>查找：标题、内容或成员（可用拼音首字母，Ctrl+F）</source>
        <translation>Find: title, text or member (pinyin initials work; Ctrl+F)</translation>
    </message>
    <message>
        <source>重点亮点：在信息动态中排在前面</source>
        <translation>Featured highlight: shown first in the bulletin</translation>
    </message>
    <message>
        <source>共 {count} 个亮点</source>
        <translation>{count} highlight(s)</translation>
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
        <source>{at}，{operator} {action}了{kind}：{record}</source>
        <translation>{at}: {kind} {record} — {action} by {operator}</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>学习交流（次）</source>
        <translation>Study sessions</translation>
    </message>
    <message>
        <source>调研走访（次）</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>月度亮点（条）</source>
        <translation>Highlights</translation>
    </message>
    <message>
        <source>请假（天）</source>
        <translation>Leave (days)</translation>
    </message>
    <message>
        <source>下一步：录入成员</source>
        <translation>Next: the members</translation>
    </message>
    <message>
        <source>工作组已经建立，但还没有成员，所以下面的统计都是空的。请逐个录入成员，或者从电子表格导入成员名单；党小组可在入门向导或“设置 → 党小组”中建立。</source>
        <translation>The group is set up but has no members yet, so the figures below are all empty. Enter the members one by one, or import a member list from a spreadsheet; party small groups are made in the getting-started guide or in Settings → Party small groups.</translation>
    </message>
    <message>
        <source>录入成员…</source>
        <translation>Enter members…</translation>
    </message>
    <message>
        <source>导入成员名单…</source>
        <translation>Import a member list…</translation>
    </message>
    <message>
        <source>打开入门向导</source>
        <translation>Open the getting-started guide</translation>
    </message>
    <message>
        <source>今天：{date}</source>
        <translation>Today: {date}</translation>
    </message>
    <message>
        <source>yyyy年M月d日 dddd</source>
        <translation>dddd, MMMM d, yyyy</translation>
    </message>
    <message>
        <source>正在统计 {year} 年 {month} 月的情况……</source>
        <translation>Counting the records of {year}-{month}…</translation>
    </message>
    <message>
        <source>统计未能完成：{problem}</source>
        <translation>The figures could not be computed: {problem}</translation>
    </message>
    <message>
        <source>yyyy年M月</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>{start}—{end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>本月集体学习交流会</source>
        <translation>This month’s collective meeting</translation>
    </message>
    <message>
        <source>本周未调研</source>
        <translation>No survey this week</translation>
    </message>
    <message>
        <source>本月未报亮点</source>
        <translation>No highlight this month</translation>
    </message>
    <message>
        <source>今日请假、外出</source>
        <translation>Away today</translation>
    </message>
    <message>
        <source>{month}集体学习交流会</source>
        <translation>Collective meeting, {month}</translation>
    </message>
    <message>
        <source>{month}调研未达标</source>
        <translation>Weekly surveys missed, {month}</translation>
    </message>
    <message>
        <source>{month}未报亮点</source>
        <translation>No highlight, {month}</translation>
    </message>
    <message>
        <source>{month}请假、外出</source>
        <translation>Leave and trips, {month}</translation>
    </message>
    <message>
        <source>逾期未销假</source>
        <translation>Overdue returns</translation>
    </message>
    <message>
        <source>待审批的请假</source>
        <translation>Leave awaiting approval</translation>
    </message>
    <message>
        <source>查看{month}的这些记录</source>
        <translation>Show these records of {month}</translation>
    </message>
    <message>
        <source>{month}开始的请假 {count} 次，共 {days} 个工作日（不含因公外出）</source>
        <translation>Leave starting in {month}: requests {count}, working days {days} (business trips not counted)</translation>
    </message>
    <message>
        <source>√ 已召开</source>
        <translation>√ Held</translation>
    </message>
    <message>
        <source>共 {count} 次</source>
        <translation>Meetings: {count}</translation>
    </message>
    <message>
        <source>{date} · {topic} · 出席 {present}/{expected}</source>
        <translation>{date} · {topic} · present {present}/{expected}</translation>
    </message>
    <message>
        <source>× 未召开</source>
        <translation>× Not held</translation>
    </message>
    <message>
        <source>这个月没有记录集体学习交流会。</source>
        <translation>No collective meeting was recorded in this month.</translation>
    </message>
    <message>
        <source>尚未召开</source>
        <translation>Not held yet</translation>
    </message>
    <message>
        <source>这个月还没有记录集体学习交流会。</source>
        <translation>No collective meeting has been recorded this month yet.</translation>
    </message>
    <message>
        <source>查看这个月的学习交流 →</source>
        <translation>Study sessions of the month →</translation>
    </message>
    <message>
        <source>{count} 人</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>{name} · {note}</source>
        <translation>{name} · {note}</translation>
    </message>
    <message>
        <source>打开{name}的个人档案</source>
        <translation>Open the member file of {name}</translation>
    </message>
    <message>
        <source>√</source>
        <translation>√</translation>
    </message>
    <message>
        <source>这段时间没有在任的成员。</source>
        <translation>No member’s term covers this time.</translation>
    </message>
    <message>
        <source>本周：{week}</source>
        <translation>This week: {week}</translation>
    </message>
    <message>
        <source>每人都已完成本周的调研。</source>
        <translation>Everyone has done this week’s survey.</translation>
    </message>
    <message>
        <source>查看本周的调研 →</source>
        <translation>Surveys of this week →</translation>
    </message>
    <message>
        <source>查看这个月的调研 →</source>
        <translation>Surveys of the month →</translation>
    </message>
    <message>
        <source>这个月还没有开始。</source>
        <translation>This month has not begun yet.</translation>
    </message>
    <message>
        <source>按周统计（共 {weeks} 周），未完成调研的周数</source>
        <translation>Weeks without the survey, of {weeks} weeks</translation>
    </message>
    <message>
        <source>{weeks} 周</source>
        <translation>{weeks} wk</translation>
    </message>
    <message>
        <source>每人每周都完成了调研。</source>
        <translation>Everyone did the survey every week.</translation>
    </message>
    <message>
        <source>已报 {count} 条</source>
        <translation>Reported: {count}</translation>
    </message>
    <message>
        <source>每人都已报送这个月的亮点。</source>
        <translation>Everyone has reported a highlight for the month.</translation>
    </message>
    <message>
        <source>查看这个月的亮点 →</source>
        <translation>Highlights of the month →</translation>
    </message>
    <message>
        <source>请假 {leave} 人，因公外出 {trips} 人</source>
        <translation>On leave: {leave}; on business trips: {trips}</translation>
    </message>
    <message>
        <source>{name} · {kind} · 至 {end}</source>
        <translation>{name} · {kind} · until {end}</translation>
    </message>
    <message>
        <source>今天全员在岗。</source>
        <translation>Everyone is at post today.</translation>
    </message>
    <message>
        <source>请假 {count} 次 {days} 天，因公外出 {trips} 次</source>
        <translation>Leave requests: {count}, days: {days}; business trips: {trips}</translation>
    </message>
    <message>
        <source>{count} 次</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>{name} · {kind} · {days}</source>
        <translation>{name} · {kind} · {days}</translation>
    </message>
    <message>
        <source>这个月没有开始的请假或外出。</source>
        <translation>No leave or business trip began in this month.</translation>
    </message>
    <message>
        <source>查看这个月的请假 →</source>
        <translation>Leave of the month →</translation>
    </message>
    <message>
        <source>{date}{half}</source>
        <translation>{date} {half}</translation>
    </message>
    <message>
        <source>请假已到期，还没有销假</source>
        <translation>Leave has ended, no return reported yet</translation>
    </message>
    <message>
        <source>{name} · {kind} · 假期至 {end} · 逾期 {days} 天</source>
        <translation>{name} · {kind} · until {end} · {days} d overdue</translation>
    </message>
    <message>
        <source>查看全部逾期 →</source>
        <translation>All overdue returns →</translation>
    </message>
    <message>
        <source>没有逾期未销假的请假。</source>
        <translation>No return is overdue.</translation>
    </message>
    <message>
        <source>{count} 件</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>等待批准或不批准</source>
        <translation>Waiting to be approved or refused</translation>
    </message>
    <message>
        <source>{name} · {kind} · {days} · {count} 天</source>
        <translation>{name} · {kind} · {days} · {count} d</translation>
    </message>
    <message>
        <source>查看全部待审批 →</source>
        <translation>All requests awaiting approval →</translation>
    </message>
    <message>
        <source>没有待审批的请假。</source>
        <translation>No request awaits approval.</translation>
    </message>
    <message>
        <source>{year} 年年度计划中滞后的措施</source>
        <translation>Year plan {year}: measures behind</translation>
    </message>
    <message>
        <source>{count} 项</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>《{title}》共 {total} 项：已完成 {done} 项，推进中 {going} 项，滞后 {behind} 项</source>
        <translation>“{title}”, {total} measures: {done} done, {going} on track, {behind} behind</translation>
    </message>
    <message>
        <source>本年度还没有年度计划，按三项基本考核目标计算：</source>
        <translation>No plan for this year yet; the three basic targets count: </translation>
    </message>
    <message>
        <source>（工作组未填写挂职起止日期，按全年计算；请在“设置 → 工作组”中填写）</source>
        <translation> (the group&apos;s term is not filled in, so the whole year counts; fill it in under Settings → Work group)</translation>
    </message>
    <message>
        <source>{wording} · 已完成 {done}/{expected}</source>
        <translation>{wording} · done {done}/{expected}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{names}等 {count} 人</source>
        <translation>{names} and others ({count} in all)</translation>
    </message>
    <message>
        <source>{text} · 未完成：{names}</source>
        <translation>{text} · behind: {names}</translation>
    </message>
    <message>
        <source>在年度计划中查看这项措施</source>
        <translation>Show this measure in the year plan</translation>
    </message>
    <message>
        <source>没有滞后的措施。</source>
        <translation>No measure is behind.</translation>
    </message>
    <message>
        <source>这一年不在挂职期内，没有要完成的措施。</source>
        <translation>This year is outside the secondment term; no measure is due.</translation>
    </message>
    <message>
        <source>查看年度计划 →</source>
        <translation>Open the year plan →</translation>
    </message>
    <message>
        <source>M月</source>
        <translation>MMM</translation>
    </message>
    <message>
        <source>学习交流</source>
        <translation>Study sessions</translation>
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
        <source>{year} 年各月记录数</source>
        <translation>Records per month, {year}</translation>
    </message>
    <message>
        <source>{year} 年每人调研次数（最少的 {count} 人）</source>
        <translation>Surveys per member, {year} (the {count} with the fewest)</translation>
    </message>
    <message>
        <source>调研次数</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>{year} 年每人调研次数</source>
        <translation>Surveys per member, {year}</translation>
    </message>
    <message>
        <source>yyyy年M月d日</source>
        <translation>MMM d, yyyy</translation>
    </message>
    <message>
        <source>M月d日</source>
        <translation>MMM d</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>导入台账</source>
        <translation>Import ledger</translation>
    </message>
    <message>
        <source>从 Excel（.xlsx）或 CSV 文件导入成员名单和台账。先检查每一行，列出所有问题；文件没有问题时才能全部导入，也可以只导入没有问题的行。</source>
        <translation>Import the roster and ledgers from an Excel (.xlsx) or CSV file. Every row is checked first and every problem listed; the whole file is imported only when it is clean, or you can import the rows without problems only.</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>已有相同记录</source>
        <translation>Already in the ledger</translation>
    </message>
    <message>
        <source>有问题跳过</source>
        <translation>Skipped (problems)</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>全部导入</source>
        <translation>Import all</translation>
    </message>
    <message>
        <source>只导入没有问题的行</source>
        <translation>Import clean rows only</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>电子表格或 CSV 文件 (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets or CSV files (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>正在检查文件……</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <source>{title}（未能识别）</source>
        <translation>{title} (not recognised)</translation>
    </message>
    <message>
        <source>{title}（{kind}）</source>
        <translation>{title} ({kind})</translation>
    </message>
    <message>
        <source>发现 {count} 个问题：</source>
        <translation>{count} problems found:</translation>
    </message>
    <message>
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>没有导入任何记录：文件中仍有问题。</source>
        <translation>Nothing was imported: the file still has problems.</translation>
    </message>
    <message>
        <source>已导入：新建 {created} 条，更新 {updated} 条，跳过 {skipped} 条。</source>
        <translation>Imported: {created} new, {updated} updated, {skipped} skipped.</translation>
    </message>
    <message>
        <source>这个文件无法导入。</source>
        <translation>This file cannot be imported.</translation>
    </message>
    <message>
        <source>文件中没有需要导入的新内容。</source>
        <translation>The file holds nothing new to import.</translation>
    </message>
    <message>
        <source>文件没有问题：将新建 {created} 条，更新 {updated} 条记录。</source>
        <translation>The file is clean: {created} records will be created and {updated} updated.</translation>
    </message>
    <message>
        <source>文件中有 {count} 个问题，不能全部导入。改正后重新选择文件，或只导入没有问题的行（新建 {created} 条，更新 {updated} 条，跳过 {skipped} 条）。</source>
        <translation>The file has {count} problems and cannot be imported as a whole. Correct them and choose the file again, or import the clean rows only ({created} new, {updated} updated, {skipped} skipped).</translation>
    </message>
    <message>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>已导入 {name}</source>
        <translation>Imported {name}</translation>
    </message>
</context>
<context>
    <name>LeaveActionDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>批准请假</source>
        <translation>Approve leave</translation>
    </message>
    <message>
        <source>不批准请假</source>
        <translation>Refuse leave</translation>
    </message>
    <message>
        <source>销假</source>
        <translation>Report return</translation>
    </message>
    <message>
        <source>备案</source>
        <translation>File</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>不批准</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>已批准请假</source>
        <translation>Leave approved</translation>
    </message>
    <message>
        <source>已记录不批准</source>
        <translation>Refusal recorded</translation>
    </message>
    <message>
        <source>已销假</source>
        <translation>Return recorded</translation>
    </message>
    <message>
        <source>已备案</source>
        <translation>Filing recorded</translation>
    </message>
</context>
<context>
    <name>LeaveForm</name>
    <message>
        <source>{approve} 批准 · {reject} 不批准 · {ret} 销假 · {file} 备案</source>
        <translation>{approve} approve · {reject} refuse · {ret} report return · {file} file</translation>
    </message>
    <message>
        <source>批准所选请假（{key}）</source>
        <translation>Approve the selected request ({key})</translation>
    </message>
    <message>
        <source>记录不批准（{key}）</source>
        <translation>Record the refusal ({key})</translation>
    </message>
    <message>
        <source>登记销假（{key}）</source>
        <translation>Report the return ({key})</translation>
    </message>
    <message>
        <source>登记向工作队备案（{key}）</source>
        <translation>Record the filing with the higher team ({key})</translation>
    </message>
    <message>
        <source>批准…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>不批准…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <source>销假…</source>
        <translation>Report return…</translation>
    </message>
    <message>
        <source>备案…</source>
        <translation>File…</translation>
    </message>
    <message>
        <source>逾期未销假：请假应于 {end} 结束，至今未销假。</source>
        <translation>Overdue: the leave was to end on {end} and no return has been reported.</translation>
    </message>
    <message>
        <source>审批、销假与备案</source>
        <translation>Approval, return and filing</translation>
    </message>
    <message>
        <source>填写开始和结束日期后，这里显示请假的工作日天数。</source>
        <translation>Fill in the start and end to see the working days here.</translation>
    </message>
    <message>
        <source>结束早于开始，无法计算天数。</source>
        <translation>The end is before the start; no days can be counted.</translation>
    </message>
    <message>
        <source>共 {days} 个工作日（不含周末和法定节假日，调休上班日计入）</source>
        <translation>{days} working day(s) (weekends and public holidays left out, adjusted working days counted)</translation>
    </message>
    <message>
        <source>；核定为 {days} 天</source>
        <translation>; corrected to {days}</translation>
    </message>
    <message>
        <source>；因公外出不计入请假天数</source>
        <translation>; a business trip is not counted as leave</translation>
    </message>
    <message>
        <source>；需由“{approver}”审批</source>
        <translation>; to be approved by “{approver}”</translation>
    </message>
    <message>
        <source>；实际休假 {days} 个工作日</source>
        <translation>; {days} working day(s) actually taken</translation>
    </message>
    <message>
        <source>{years} 年的法定节假日安排尚未内置：按周一至周五计算，并采用“设置”中填写的节假日和调休。</source>
        <translation>The public holidays of {years} are not built in yet: Monday to Friday count, corrected by the holidays and adjusted days entered in Settings.</translation>
    </message>
    <message>
        <source>先保存或撤回修改，再办理审批、销假或备案</source>
        <translation>Save or undo your changes first, then approve, report the return or file</translation>
    </message>
</context>
<context>
    <name>LeavePage</name>
    <message>
        <source>请销假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>查找：请假人（可用拼音首字母）、事由、去向或审批人（Ctrl+F）</source>
        <translation>Find: member (pinyin initials work), reason, destination or approver (Ctrl+F)</translation>
    </message>
    <message>
        <source>逾期未销假</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>共 {count} 条</source>
        <translation>{count} request(s)</translation>
    </message>
    <message>
        <source>{count_text}，请假合计 {days} 个工作日（不含因公外出）</source>
        <translation>{count_text}; {days} working day(s) of leave (business trips left out)</translation>
    </message>
</context>
<context>
    <name>LinkList</name>
    <message>
        <source>…… 另有 {count} 条</source>
        <translation>… and {count} more</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>全部日期</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>去年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>查找：文字或成员姓名、拼音首字母（Ctrl+F）</source>
        <translation>Find: text, or a member by name or pinyin initials (Ctrl+F)</translation>
    </message>
    <message>
        <source>共 {count} 条</source>
        <translation>{count} record(s)</translation>
    </message>
    <message>
        <source>双击或回车编辑 · 菜单键 更多操作 · Delete 删除（Ctrl+Z 撤销）</source>
        <translation>Double-click or Enter to edit · Menu key for more · Delete to delete (Ctrl+Z undoes)</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <source>新建一条记录（Ctrl+N）</source>
        <translation>Add a record (Ctrl+N)</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>To</translation>
    </message>
    <message>
        <source>全部成员</source>
        <translation>All members</translation>
    </message>
    <message>
        <source>只看某位成员：输入姓名或拼音首字母</source>
        <translation>One member only: type a name or its pinyin initials</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>显示全部记录</source>
        <translation>Show all records</translation>
    </message>
    <message>
        <source>Delete 删除（Ctrl+Z 撤销）</source>
        <translation>Delete to delete (Ctrl+Z undoes)</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export ledger…</translation>
    </message>
    <message>
        <source>导出台账的功能尚未完成</source>
        <translation>Exporting ledgers is not available yet</translation>
    </message>
    <message>
        <source>把当前显示的记录导出为 Excel、CSV 或 Markdown</source>
        <translation>Export the records shown to Excel, CSV or Markdown</translation>
    </message>
    <message>
        <source>还没有记录。按 Ctrl+N 或点“新建…”添加第一条。</source>
        <translation>No records yet. Press Ctrl+N or click “New…” to add the first.</translation>
    </message>
    <message>
        <source>还没有记录。</source>
        <translation>No records yet.</translation>
    </message>
    <message>
        <source>没有符合筛选条件的记录（可点“清除筛选”）。</source>
        <translation>No records match the filters (“Clear filters” shows all).</translation>
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
        <source>切换工作组…</source>
        <translation>Switch work group…</translation>
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
        <source>导入台账…</source>
        <translation>Import ledger…</translation>
    </message>
    <message>
        <source>合并工作组文件…</source>
        <translation>Merge a Group&apos;s File…</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export ledger…</translation>
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
        <source>使用指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>入门向导…</source>
        <translation>Getting started…</translation>
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
        <source>已显示别处保存的修改</source>
        <translation>Showing changes saved elsewhere</translation>
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
        <source>数据库以只读方式打开，不能导入。</source>
        <translation>The database is open read-only; nothing can be imported.</translation>
    </message>
    <message>
        <source>数据库以只读方式打开，不能合并。</source>
        <translation>The database is open read-only; nothing can be merged into it.</translation>
    </message>
    <message>
        <source>还没有工作组，没有可导出的台账。</source>
        <translation>There is no work group yet, so there is no ledger to export.</translation>
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
    <name>MemberFilePage</name>
    <message>
        <source>yyyy年M月d日</source>
        <translation>MMM d, yyyy</translation>
    </message>
    <message>
        <source>yyyy年M月</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>个人档案</source>
        <translation>Member file</translation>
    </message>
    <message>
        <source>成员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>输入姓名或拼音首字母</source>
        <translation>Type a name or its pinyin initials</translation>
    </message>
    <message>
        <source>上一位成员</source>
        <translation>Previous member</translation>
    </message>
    <message>
        <source>下一位成员</source>
        <translation>Next member</translation>
    </message>
    <message>
        <source>打印/导出</source>
        <translation>Print / export</translation>
    </message>
    <message>
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>导出为 Word、PDF 或 Markdown……</source>
        <translation>Export as Word, PDF or Markdown…</translation>
    </message>
    <message>
        <source>打印本档案，或导出为文件</source>
        <translation>Print this file, or export it</translation>
    </message>
    <message>
        <source>打印和导出还未就绪（缺少导出组件）</source>
        <translation>Printing and export are not available (the export components are missing)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>政治面貌</source>
        <translation>Political status</translation>
    </message>
    <message>
        <source>组内职务</source>
        <translation>Role in the group</translation>
    </message>
    <message>
        <source>党小组</source>
        <translation>Party small group</translation>
    </message>
    <message>
        <source>工作领域</source>
        <translation>Field of work</translation>
    </message>
    <message>
        <source>派出单位及职务</source>
        <translation>Sending unit and post</translation>
    </message>
    <message>
        <source>挂职单位及职务</source>
        <translation>Host unit and post</translation>
    </message>
    <message>
        <source>挂职期间</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>参加学习（次）</source>
        <translation>Sessions attended</translation>
    </message>
    <message>
        <source>缺席学习（次）</source>
        <translation>Sessions missed</translation>
    </message>
    <message>
        <source>调研走访（次）</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>月度亮点（条）</source>
        <translation>Highlights</translation>
    </message>
    <message>
        <source>调研报告（篇）</source>
        <translation>Research reports</translation>
    </message>
    <message>
        <source>请假（天）</source>
        <translation>Leave (days)</translation>
    </message>
    <message>
        <source>在岗抽查（次）</source>
        <translation>Spot checks</translation>
    </message>
    <message>
        <source>工作成果（项）</source>
        <translation>Achievements</translation>
    </message>
    <message>
        <source>正在整理个人档案……</source>
        <translation>Gathering the member file…</translation>
    </message>
    <message>
        <source>未能整理个人档案：{problem}</source>
        <translation>The member file could not be gathered: {problem}</translation>
    </message>
    <message>
        <source>{start}—{end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>与工作组相同</source>
        <translation>As the group’s</translation>
    </message>
    <message>
        <source>{own}（本档案：{start}—{end}）</source>
        <translation>{own} (this file: {start} – {end})</translation>
    </message>
    <message>
        <source>（支部成员，不计入工作组目标）</source>
        <translation> (branch member, not counted in the group’s targets)</translation>
    </message>
    <message>
        <source>请假 {count} 次，共 {days} 个工作日；因公外出 {trips} 次（不计为请假）</source>
        <translation>Leave requests: {count}, working days: {days}; business trips: {trips} (not counted as leave)</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{kind} {count} 次</source>
        <translation>{kind} {count}</translation>
    </message>
    <message>
        <source>学习交流：出席 {attended} 次，缺席 {missed} 次</source>
        <translation>Study sessions: attended {attended}, missed {missed}</translation>
    </message>
    <message>
        <source>（{detail}）</source>
        <translation> ({detail})</translation>
    </message>
    <message>
        <source>缺席（{reason}）</source>
        <translation>Absent ({reason})</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>出席</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>出席情况</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>没有学习交流的出席记录。</source>
        <translation>No study session attendance recorded.</translation>
    </message>
    <message>
        <source>调研走访：{count} 次</source>
        <translation>Surveys: {count}</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>调研对象</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>没有调研走访记录。</source>
        <translation>No survey recorded.</translation>
    </message>
    <message>
        <source>月度亮点：{count} 条</source>
        <translation>Highlights: {count}</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>重点亮点</source>
        <translation>Featured highlight</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>没有月度亮点。</source>
        <translation>No highlight recorded.</translation>
    </message>
    <message>
        <source>调研报告：{count} 篇</source>
        <translation>Research reports: {count}</translation>
    </message>
    <message>
        <source>撰写中</source>
        <translation>being written</translation>
    </message>
    <message>
        <source>完成日期</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>作者</source>
        <translation>Authors</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Submitted to</translation>
    </message>
    <message>
        <source>获奖</source>
        <translation>Award</translation>
    </message>
    <message>
        <source>没有调研报告。</source>
        <translation>No research report.</translation>
    </message>
    <message>
        <source>请假：{count} 次，共 {days} 个工作日；因公外出 {trips} 次</source>
        <translation>Leave requests: {count}, working days: {days}; business trips: {trips}</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>销假</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>去向</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>没有请假或因公外出。</source>
        <translation>No leave or business trip.</translation>
    </message>
    <message>
        <source>{result} {count} 次</source>
        <translation>{result} {count}</translation>
    </message>
    <message>
        <source>在岗抽查：{count} 次</source>
        <translation>Spot checks: {count}</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>没有被抽查的记录。</source>
        <translation>Not spot-checked.</translation>
    </message>
    <message>
        <source>工作成果：{count} 项</source>
        <translation>Achievements: {count}</translation>
    </message>
    <message>
        <source>{amount} 万元</source>
        <translation>{amount} × 10,000 yuan</translation>
    </message>
    <message>
        <source>金额或数量</source>
        <translation>Amount or count</translation>
    </message>
    <message>
        <source>没有工作成果记录。</source>
        <translation>No achievement recorded.</translation>
    </message>
    <message>
        <source>年度计划：每人的措施 {count} 项，已完成 {done} 项，滞后 {behind} 项</source>
        <translation>Year plan: {count} measures of each member, {done} done, {behind} behind</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>滞后</source>
        <translation>Behind</translation>
    </message>
    <message>
        <source>基本考核目标</source>
        <translation>Basic targets</translation>
    </message>
    <message>
        <source>{year} 年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>{period} {count} 次</source>
        <translation>{period}, {count}×</translation>
    </message>
    <message>
        <source>推进中</source>
        <translation>On track</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>至今应完成</source>
        <translation>Expected so far</translation>
    </message>
    <message>
        <source>全年应完成</source>
        <translation>Due in the year</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>年度计划中没有这位成员要落实的措施。</source>
        <translation>The year plan has no measure for this member.</translation>
    </message>
    <message>
        <source>{name}个人档案</source>
        <translation>Member file {name}</translation>
    </message>
    <message>
        <source>导出个人档案</source>
        <translation>Export the member file</translation>
    </message>
    <message>
        <source>Word 文档 (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Markdown 文件 (*.md)</source>
        <translation>Markdown files (*.md)</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>（还没有党小组）</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <source>还没有党小组：点旁边的“添加…”添加（也可在“设置 → 党小组”中添加）</source>
        <translation>No party small groups yet: add one with “Add…” beside the box (or in Settings → Party small groups)</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>添加一个党小组，并把这名成员编入</source>
        <translation>Add a party small group and put this member in it</translation>
    </message>
    <message>
        <source>添加党小组</source>
        <translation>Add a party small group</translation>
    </message>
    <message>
        <source>党小组名称（如：第一党小组）：</source>
        <translation>Name of the party small group (e.g. Group One):</translation>
    </message>
    <message>
        <source>党小组已保存</source>
        <translation>Party small group saved</translation>
    </message>
    <message>
        <source>拼音检索：填写姓名后显示</source>
        <translation>Pinyin search: shown once the name is filled in</translation>
    </message>
    <message>
        <source>拼音检索：输入 {keys} 都能找到{name}。读音不对时，在“拼音更正”中填写，如 shan tian fang。</source>
        <translation>Pinyin search: {keys} all find {name}. If a reading is wrong, write the right one under “Pinyin correction”, e.g. shan tian fang.</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>移除 {name}</source>
        <translation>Remove {name}</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>查找：姓名、拼音首字母、单位或电话（Ctrl+F）</source>
        <translation>Find: name, pinyin initials, unit or phone (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部成员</source>
        <translation>All members</translation>
    </message>
    <message>
        <source>共 {count} 人</source>
        <translation>{count} member(s)</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>合并工作组文件</source>
        <translation>Merge a group&apos;s file</translation>
    </message>
    <message>
        <source>把一个工作组自己的台账文件（例如在笔记本上离线记录的）合并到当前打开的数据库：按记录身份合并，新记录加入，只在一方改过的记录取新版本，两边都改过的由您选择；删除的记录进回收站，历史记录一并带入。同一文件再合并一次不会重复写入。</source>
        <translation>Merge a group&apos;s own ledger file (kept offline on a laptop, say) into the open database, record by record: new records are added, a record changed on one side takes that version, and you choose for one changed on both; deleted records go to the recycle bin and the history comes along. Merging the same file again writes nothing twice.</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose File…</translation>
    </message>
    <message>
        <source>冲突的记录</source>
        <translation>Record in conflict</translation>
    </message>
    <message>
        <source>本库与来源的不同</source>
        <translation>Here and in the source</translation>
    </message>
    <message>
        <source>以哪边为准</source>
        <translation>Which one wins</translation>
    </message>
    <message>
        <source>全部保留本库</source>
        <translation>Keep All Here</translation>
    </message>
    <message>
        <source>全部采用来源</source>
        <translation>Take All from Source</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择要合并的工作组文件</source>
        <translation>Choose the group&apos;s file to merge</translation>
    </message>
    <message>
        <source>台账文件 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</source>
        <translation>Ledger files (*.sqlite3 *.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取……</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>以后再定</source>
        <translation>Decide later</translation>
    </message>
    <message>
        <source>保留本库</source>
        <translation>Keep this database&apos;s</translation>
    </message>
    <message>
        <source>采用来源</source>
        <translation>Take the source&apos;s</translation>
    </message>
    <message>
        <source>正在合并……</source>
        <translation>Merging…</translation>
    </message>
    <message>
        <source>已合并工作组文件 {path}</source>
        <translation>Merged the group&apos;s file {path}</translation>
    </message>
    <message>
        <source>（尚未选择文件）</source>
        <translation>(no file chosen yet)</translation>
    </message>
    <message>
        <source>以下 {count} 条记录在上次合并后两边都改过（或一边删除、一边修改）：请逐条选择以哪边为准；选“以后再定”的这次不合并。</source>
        <translation>These {count} records were changed on both sides since the last merge (or deleted on one and changed on the other): choose which version wins for each; those left at “Decide later” are not merged this time.</translation>
    </message>
</context>
<context>
    <name>MonthPicker</name>
    <message>
        <source>上个月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>下个月</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>回到本月</source>
        <translation>Back to this month</translation>
    </message>
    <message>
        <source>yyyy年M月</source>
        <translation>MMMM yyyy</translation>
    </message>
</context>
<context>
    <name>OpenErrorDialog</name>
    <message>
        <source>输入密码…</source>
        <translation>Enter the password…</translation>
    </message>
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
        <source>输入密码：密码只留在本程序的内存中，不写入任何文件；也可以把它写进 ~/.pgpass。</source>
        <translation>Enter the password: it stays in this program&apos;s memory and is never written to a file; it may also go into ~/.pgpass.</translation>
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
    <name>OperatorDialog</name>
    <message>
        <source>您的姓名</source>
        <translation>Your name</translation>
    </message>
    <message>
        <source>每一条修改都会在操作记录中记下操作人。请填写您的姓名（以后可在“设置 → 常规”中修改）：</source>
        <translation>Every change is written in the history with the name of who made it. Please give your name (Settings → General changes it later):</translation>
    </message>
    <message>
        <source>如：李明</source>
        <translation>e.g. Li Ming</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Later</translation>
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
        <source>年度计划</source>
        <translation>Year plan</translation>
    </message>
    <message>
        <source>全队概览</source>
        <translation>Team overview</translation>
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
    <message>
        <source>信息动态</source>
        <translation>Bulletin issues</translation>
    </message>
    <message>
        <source>工作组概况</source>
        <translation>Work group</translation>
    </message>
    <message>
        <source>党小组</source>
        <translation>Party small groups</translation>
    </message>
    <message>
        <source>计划勾选</source>
        <translation>Plan ticks</translation>
    </message>
</context>
<context>
    <name>PartyGroupsEditor</name>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>如：第一党小组（按 Enter 添加）</source>
        <translation>e.g. Group One (Enter adds it)</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>设置组长…</source>
        <translation>Set leader…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>还没有党小组。</source>
        <translation>No party small groups yet.</translation>
    </message>
    <message>
        <source>{name}（组长：{leader}）</source>
        <translation>{name} (leader: {leader})</translation>
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
        <source>这个党小组还没有成员：先在成员页把成员编入党小组。</source>
        <translation>This party small group has no members yet: assign members to it on the Members page first.</translation>
    </message>
    <message>
        <source>（不设组长）</source>
        <translation>(no leader)</translation>
    </message>
    <message>
        <source>党小组组长</source>
        <translation>Party small group leader</translation>
    </message>
    <message>
        <source>{name}的组长：</source>
        <translation>Leader of {name}:</translation>
    </message>
    <message>
        <source>党小组已保存</source>
        <translation>Party small group saved</translation>
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
    <name>PlanPage</name>
    <message>
        <source>年度计划</source>
        <translation>Year plan</translation>
    </message>
    <message>
        <source>采用起始计划（细化措施二十条）</source>
        <translation>Take the starting plan (twenty measures)</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Binds</translation>
    </message>
    <message>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>计入</source>
        <translation>Counted from</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>至今应完成</source>
        <translation>Expected so far</translation>
    </message>
    <message>
        <source>全年应完成</source>
        <translation>Due in the year</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>措施：</source>
        <translation>Measure:</translation>
    </message>
    <message>
        <source>对象：</source>
        <translation>Binds:</translation>
    </message>
    <message>
        <source>周期：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>次数：</source>
        <translation>Count:</translation>
    </message>
    <message>
        <source>计入：</source>
        <translation>Counted from:</translation>
    </message>
    <message>
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <source>新增措施</source>
        <translation>New measure</translation>
    </message>
    <message>
        <source>保存措施</source>
        <translation>Save measure</translation>
    </message>
    <message>
        <source>删除措施</source>
        <translation>Delete measure</translation>
    </message>
    <message>
        <source>手动勾选</source>
        <translation>Manual ticks</translation>
    </message>
    <message>
        <source>成员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>勾选</source>
        <translation>Tick</translation>
    </message>
    <message>
        <source>滞后</source>
        <translation>Behind</translation>
    </message>
    <message>
        <source>推进中</source>
        <translation>On track</translation>
    </message>
    <message>
        <source>{year} 年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>《{title}》共 {total} 项：已完成 {done} 项，推进中 {going} 项，滞后 {behind} 项。</source>
        <translation>“{title}”: {total} measures — {done} done, {going} on track, {behind} behind.</translation>
    </message>
    <message>
        <source>本年度还没有年度计划，按三项基本考核目标计算；可采用起始计划或新增措施。</source>
        <translation>This year has no plan yet, so the three basic targets count; take the starting plan or add measures.</translation>
    </message>
    <message>
        <source>工作组未填写挂职起止日期，按全年计算；请在“设置 → 工作组”中填写。</source>
        <translation>The group&apos;s term is not filled in, so the whole year counts; fill it in under Settings → Work group.</translation>
    </message>
    <message>
        <source>{period} {count} 次</source>
        <translation>{period}, {count}×</translation>
    </message>
    <message>
        <source>（不限）</source>
        <translation>(any)</translation>
    </message>
    <message>
        <source>措施已保存</source>
        <translation>Measure saved</translation>
    </message>
    <message>
        <source>已采用起始计划</source>
        <translation>Starting plan taken</translation>
    </message>
    <message>
        <source>已勾选</source>
        <translation>Ticked</translation>
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
    <message>
        <source>数据库服务器的密码</source>
        <translation>The database server&apos;s password</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>工作组</source>
        <translation>Work group</translation>
    </message>
    <message>
        <source>选择工作组</source>
        <translation>Choose the work group</translation>
    </message>
    <message>
        <source>此数据库中有多个工作组，请选择要处理的一个：</source>
        <translation>This database holds several work groups; choose the one to work on:</translation>
    </message>
    <message>
        <source>数据库文件已损坏</source>
        <translation>The database file is damaged</translation>
    </message>
    <message>
        <source>现在用这个备份恢复吗？恢复前会先把现在的文件另存一份。</source>
        <translation>Restore this backup now? The current file is kept as a copy first.</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <source>数据库以只读方式打开（另一个程序正在使用它，或文件不可写），不能修改。</source>
        <translation>The database is open read-only (another program is using it, or the file cannot be written): nothing can be changed.</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>如 2025-03</source>
        <translation>e.g. 2025-03</translation>
    </message>
    <message>
        <source>如 2025-03-01</source>
        <translation>e.g. 2025-03-01</translation>
    </message>
    <message>
        <source>选择日期（也可按 ↑↓ 键逐日调整）</source>
        <translation>Choose a date (or step a day at a time with ↑ and ↓)</translation>
    </message>
    <message>
        <source>如 14:30</source>
        <translation>e.g. 14:30</translation>
    </message>
    <message>
        <source>姓名或拼音首字母，如 zs</source>
        <translation>Name or pinyin initials, e.g. zs</translation>
    </message>
    <message>
        <source>输入姓名或拼音首字母后按回车添加</source>
        <translation>Type a name or its pinyin initials and press Enter to add</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存并关闭（Ctrl+S 或 Ctrl+Enter）</source>
        <translation>Save and close (Ctrl+S or Ctrl+Enter)</translation>
    </message>
    <message>
        <source>保存并新建</source>
        <translation>Save and new</translation>
    </message>
    <message>
        <source>保存后接着填写下一条，保留日期和类别（Ctrl+Shift+S）</source>
        <translation>Save, then go on with the next record, keeping the date and kind (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>载入最新内容并保留我的修改</source>
        <translation>Load the newest version and keep my changes</translation>
    </message>
    <message>
        <source>载入别处保存的这条记录，再把您在这里改过的内容放回表单；核对后再保存</source>
        <translation>Load this record as saved elsewhere, then put back what you changed here; check it, then save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>关闭，不保存（Esc）</source>
        <translation>Close without saving (Esc)</translation>
    </message>
    <message>
        <source>新建{noun}</source>
        <translation>New {noun}</translation>
    </message>
    <message>
        <source>编辑{noun}</source>
        <translation>Edit {noun}</translation>
    </message>
    <message>
        <source>已保存{noun}</source>
        <translation>Saved the {noun}</translation>
    </message>
    <message>
        <source>已保存：{summary}</source>
        <translation>Saved: {summary}</translation>
    </message>
    <message>
        <source>已载入别处保存的最新内容；您改过的 {count} 项仍在表单中，核对后请保存。</source>
        <translation>The newest version saved elsewhere is loaded; the {count} fields you changed are still in the form. Check them, then save.</translation>
    </message>
    <message>
        <source>请核对</source>
        <translation>Please check</translation>
    </message>
    <message>
        <source>这条记录有不同寻常之处：
{warnings}

仍然保存吗？</source>
        <translation>Something in this record is unusual:
{warnings}

Save it all the same?</translation>
    </message>
    <message>
        <source>放弃填写的内容？</source>
        <translation>Discard what you typed?</translation>
    </message>
    <message>
        <source>填写的内容还没有保存。放弃这些内容吗？</source>
        <translation>What you typed has not been saved. Discard it?</translation>
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
    <name>ReportForm</name>
    <message>
        <source>按署名顺序添加：第一位为第一作者</source>
        <translation>Add them in the order of the byline: the first is the first author</translation>
    </message>
    <message>
        <source>获奖情况</source>
        <translation>Award</translation>
    </message>
    <message>
        <source>（未获奖）</source>
        <translation>(no award)</translation>
    </message>
    <message>
        <source>如：一等奖</source>
        <translation>e.g. first prize</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>调研报告</source>
        <translation>Research reports</translation>
    </message>
    <message>
        <source>全部获奖级别</source>
        <translation>All award levels</translation>
    </message>
    <message>
        <source>查找：题目、报送单位、获奖等次或作者（Ctrl+F）</source>
        <translation>Find: title, submitted to, award or author (Ctrl+F)</translation>
    </message>
    <message>
        <source>共 {count} 篇报告</source>
        <translation>{count} report(s)</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>不抽查此人</source>
        <translation>Do not check this member</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <source>全支部</source>
        <translation>Whole branch</translation>
    </message>
    <message>
        <source>添加出席人员：</source>
        <translation>Add an attendee:</translation>
    </message>
    <message>
        <source>姓名或拼音首字母</source>
        <translation>Name or pinyin initials</translation>
    </message>
    <message>
        <source>未填原因</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>应到 {expected} 人，出席 {present} 人，缺席 {absent} 人</source>
        <translation>{expected} expected, {present} present, {absent} absent</translation>
    </message>
    <message>
        <source>（{reasons}）</source>
        <translation> ({reasons})</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>学习交流</source>
        <translation>Study sessions</translation>
    </message>
    <message>
        <source>全部学习类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>查找：主题、地点、主持人、内容或参加成员（Ctrl+F）</source>
        <translation>Find: topic, place, host, content or member (Ctrl+F)</translation>
    </message>
    <message>
        <source>共 {count} 次</source>
        <translation>{count} session(s)</translation>
    </message>
    <message>
        <source>{count_text}，培训合计 {hours} 学时</source>
        <translation>{count_text}; {hours} training hour(s)</translation>
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
        <source>信息动态版记</source>
        <translation>Bulletin colophon</translation>
    </message>
    <message>
        <source>版记印在信息动态末尾：抄送单位一行，印发机关和印发日期一行（日期即信息动态的日期）。两项都空着时不印版记。</source>
        <translation>The colophon closes the bulletin: a line naming who else receives it (copy to), and a line with the issuing body and the date of issue (the bulletin&apos;s date). With both left empty, no colophon is printed.</translation>
    </message>
    <message>
        <source>抄送：</source>
        <translation>Copy to:</translation>
    </message>
    <message>
        <source>如 省挂职工作队，派出单位组织部</source>
        <translation>e.g. the provincial team, the sending unit&apos;s organisation department</translation>
    </message>
    <message>
        <source>印发机关：</source>
        <translation>Issued by:</translation>
    </message>
    <message>
        <source>如 商洛市赴南京市挂职工作组</source>
        <translation>e.g. the working group&apos;s name</translation>
    </message>
    <message>
        <source>保存版记</source>
        <translation>Save colophon</translation>
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
        <source>节假日更正已添加</source>
        <translation>Holiday correction added</translation>
    </message>
    <message>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
</context>
<context>
    <name>SpotCheckForm</name>
    <message>
        <source>随机抽取</source>
        <translation>Pick at random</translation>
    </message>
    <message>
        <source> 人</source>
        <translation> members</translation>
    </message>
    <message>
        <source>从当天在岗名单中随机抽取，已有的抽查名单将被替换</source>
        <translation>Pick at random among the members on the books that day; the list below is replaced</translation>
    </message>
    <message>
        <source>添加：</source>
        <translation>Add:</translation>
    </message>
    <message>
        <source>姓名或拼音首字母</source>
        <translation>Name or pinyin initials</translation>
    </message>
    <message>
        <source>请先填写有效的抽查日期，再随机抽取。</source>
        <translation>Fill in a valid date first, then pick at random.</translation>
    </message>
    <message>
        <source>已抽取 {count} 人，其中 {away} 人按请假或因公外出记录预填了结果，请核对。</source>
        <translation>{count} picked; {away} of them prefilled from leave or business trips. Please check.</translation>
    </message>
    <message>
        <source>已抽取 {count} 人，请逐一核对结果。</source>
        <translation>{count} picked; please check each result.</translation>
    </message>
</context>
<context>
    <name>SpotChecksPage</name>
    <message>
        <source>在岗抽查</source>
        <translation>Spot checks</translation>
    </message>
    <message>
        <source>全部抽查方式</source>
        <translation>All methods</translation>
    </message>
    <message>
        <source>查找：抽查人、备注或被抽查成员（Ctrl+F）</source>
        <translation>Find: checker, notes or member checked (Ctrl+F)</translation>
    </message>
    <message>
        <source>共 {count} 次抽查</source>
        <translation>{count} spot check(s)</translation>
    </message>
</context>
<context>
    <name>SurveyForm</name>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>SurveysPage</name>
    <message>
        <source>调研走访</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>全部调研类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>查找：调研对象、主题、发现或成员（可用拼音首字母，Ctrl+F）</source>
        <translation>Find: place visited, topic, findings or member (pinyin initials work; Ctrl+F)</translation>
    </message>
    <message>
        <source>共 {count} 次调研</source>
        <translation>{count} survey(s)</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>不计</source>
        <translation>Not counted</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not due yet</translation>
    </message>
    <message>
        <source>这段时间没有工作日（节假日）</source>
        <translation>No working day in this period (public holidays)</translation>
    </message>
    <message>
        <source>这段时间不在本人任期内</source>
        <translation>Outside the member’s term</translation>
    </message>
    <message>
        <source>这段时间的工作日都在批准的假期内</source>
        <translation>On approved leave for every working day of the period</translation>
    </message>
    <message>
        <source>缺席的会议都是请假或因公务</source>
        <translation>Every meeting missed was missed on leave or official duty</translation>
    </message>
    <message>
        <source>没有需要本人参加的集体学习交流会</source>
        <translation>No collective meeting the member was expected at</translation>
    </message>
    <message>
        <source>yyyy年M月d日</source>
        <translation>MMM d, yyyy</translation>
    </message>
    <message>
        <source>M月d日</source>
        <translation>MMM d</translation>
    </message>
    <message>
        <source>yyyy年M月</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>本届任期（{start}—{end}）</source>
        <translation>This term ({start} – {end})</translation>
    </message>
    <message>
        <source>{year} 年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>{year} 年第 {quarter} 季度</source>
        <translation>Q{quarter} {year}</translation>
    </message>
    <message>
        <source>第{week}周
{date}</source>
        <translation>W{week}
{date}</translation>
    </message>
    <message>
        <source>M/d</source>
        <translation>M/d</translation>
    </message>
    <message>
        <source>M月</source>
        <translation>MMM</translation>
    </message>
    <message>
        <source>yy年M月</source>
        <translation>MMM yy</translation>
    </message>
    <message>
        <source>召开情况</source>
        <translation>Meeting held</translation>
    </message>
    <message>
        <source>本工作组每月召开集体学习交流会的情况；未召开的月份 {count} 个</source>
        <translation>Whether the group held its monthly collective meeting; months without one: {count}</translation>
    </message>
    <message>
        <source>{name}：未达标 {count} 周（双击打开个人档案）</source>
        <translation>{name}: weeks missed: {count} (double-click for the member file)</translation>
    </message>
    <message>
        <source>{name}：未达标 {count} 个月（双击打开个人档案）</source>
        <translation>{name}: months missed: {count} (double-click for the member file)</translation>
    </message>
    <message>
        <source>{year} 年第 {week} 周（{start}—{end}），{workdays} 个工作日</source>
        <translation>Week {week} of {year} ({start} – {end}), working days: {workdays}</translation>
    </message>
    <message>
        <source>本工作组</source>
        <translation>The group</translation>
    </message>
    <message>
        <source>{status}：{count} / {target}</source>
        <translation>{status}: {count} / {target}</translation>
    </message>
    <message>
        <source>调研：</source>
        <translation>Surveys:</translation>
    </message>
    <message>
        <source>亮点：</source>
        <translation>Highlights:</translation>
    </message>
    <message>
        <source>召开：</source>
        <translation>Held:</translation>
    </message>
    <message>
        <source>出席：</source>
        <translation>Attended:</translation>
    </message>
    <message>
        <source>缺席：</source>
        <translation>Absent:</translation>
    </message>
    <message>
        <source>{date} {kind} {visited}</source>
        <translation>{date} {kind} {visited}</translation>
    </message>
    <message>
        <source>{line}（{topic}）</source>
        <translation>{line} ({topic})</translation>
    </message>
    <message>
        <source>{date} {topic}</source>
        <translation>{date} {topic}</translation>
    </message>
    <message>
        <source>目标完成情况</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>查看：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>每周调研（成员 × 周）</source>
        <translation>Weekly surveys (members × weeks)</translation>
    </message>
    <message>
        <source>月度亮点（成员 × 月）</source>
        <translation>Monthly highlights (members × months)</translation>
    </message>
    <message>
        <source>集体学习交流会出席（成员 × 月）</source>
        <translation>Collective meeting attendance (members × months)</translation>
    </message>
    <message>
        <source>（不计：请假、节假日或不在任期内，原因见提示）</source>
        <translation>(not counted: leave, public holidays or outside the term; the tooltip says why)</translation>
    </message>
    <message>
        <source>双击格子查看记录，双击姓名打开个人档案</source>
        <translation>Double-click a cell for its records, a name for the member file</translation>
    </message>
    <message>
        <source>{count} 周</source>
        <translation>{count} weeks</translation>
    </message>
    <message>
        <source>每人每周调研 {n} 次</source>
        <translation>{n} survey(s) per member per week</translation>
    </message>
    <message>
        <source>{count} 个月</source>
        <translation>{count} months</translation>
    </message>
    <message>
        <source>每人每月亮点 {n} 条</source>
        <translation>{n} highlight(s) per member per month</translation>
    </message>
    <message>
        <source>每月集体学习交流会 {n} 次</source>
        <translation>{n} collective meeting(s) per month</translation>
    </message>
    <message>
        <source>{members} 名成员 × {periods}；目标：{target}；未达标 {missed} 格</source>
        <translation>{members} members × {periods}; target: {target}; cells missed: {missed}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>程序还没有 {years} 年的法定节假日安排：这些年份按周一至周五计算工作日，并采用设置中录入的节假日调整。</source>
        <translation>The program does not know the official holidays of {years} yet: those years count Monday to Friday as working days, with the holiday corrections entered in Settings.</translation>
    </message>
    <message>
        <source>正在计算目标完成情况……</source>
        <translation>Computing the targets…</translation>
    </message>
    <message>
        <source>未能计算：{problem}</source>
        <translation>Could not compute: {problem}</translation>
    </message>
    <message>
        <source>第{week}周</source>
        <translation>W{week}</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>挂职干部（人）</source>
        <translation>Cadres</translation>
    </message>
    <message>
        <source>集体学习交流会（次）</source>
        <translation>Collective meetings</translation>
    </message>
    <message>
        <source>党小组学习（次）</source>
        <translation>Party-group sessions</translation>
    </message>
    <message>
        <source>专题培训（次）</source>
        <translation>Trainings</translation>
    </message>
    <message>
        <source>调研走访（次）</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>其中企业调研（次）</source>
        <translation>of which enterprise surveys</translation>
    </message>
    <message>
        <source>月度亮点（个）</source>
        <translation>Highlights</translation>
    </message>
    <message>
        <source>未报亮点（人次）</source>
        <translation>Highlights missing (member-months)</translation>
    </message>
    <message>
        <source>调研报告（篇）</source>
        <translation>Research reports</translation>
    </message>
    <message>
        <source>获奖调研报告（篇）</source>
        <translation>Reports with awards</translation>
    </message>
    <message>
        <source>消费帮扶（万元）</source>
        <translation>Consumption aid (10,000 yuan)</translation>
    </message>
    <message>
        <source>项目签约（个）</source>
        <translation>Projects signed</translation>
    </message>
    <message>
        <source>请假（人次）</source>
        <translation>Leave requests</translation>
    </message>
    <message>
        <source>请假（工作日）</source>
        <translation>Leave (working days)</translation>
    </message>
    <message>
        <source>逾期未销假（人次）</source>
        <translation>Overdue returns</translation>
    </message>
    <message>
        <source>在岗抽查（次）</source>
        <translation>Spot checks</translation>
    </message>
    <message>
        <source>每周调研达标率</source>
        <translation>Weekly surveys met</translation>
    </message>
    <message>
        <source>每月亮点达标率</source>
        <translation>Monthly highlights met</translation>
    </message>
    <message>
        <source>集体学习参会率</source>
        <translation>Collective meetings attended</translation>
    </message>
    <message>
        <source>综合达标率</source>
        <translation>All targets met</translation>
    </message>
    <message>
        <source>{percent}%（{met}/{expected}）</source>
        <translation>{percent}% ({met}/{expected})</translation>
    </message>
    <message>
        <source>全队合计</source>
        <translation>Team total</translation>
    </message>
    <message>
        <source>已到期的周期中达标 {met} 个、未达标 {missed} 个（请假、节假日、不在任期内的周期不计）</source>
        <translation>Of the periods that are over, {met} met the target and {missed} missed it (periods on leave, without working days or outside the term are not counted)</translation>
    </message>
    <message>
        <source>双击查看该工作组的记录</source>
        <translation>Double-click to see this group&apos;s records</translation>
    </message>
    <message>
        <source>全队概览</source>
        <translation>Team overview</translation>
    </message>
    <message>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>全年</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <source>{month} 月</source>
        <translation>{month}</translation>
    </message>
    <message>
        <source>每列为一个工作组在所选期间的统计（与该组的信息动态、年度汇总和目标完成情况一致），最后一列为全队合计。双击某组的数字查看该组的相应记录。</source>
        <translation>Each column is one work group&apos;s figures for the period chosen (the same as its bulletin, year summary and targets), the last column the team&apos;s total. Double-click a group&apos;s figure to see the records behind it.</translation>
    </message>
    <message>
        <source>{year} 年全年</source>
        <translation>The year {year}</translation>
    </message>
    <message>
        <source>{year} 年 {month} 月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>{period}：{count} 个工作组，挂职干部 {members} 名；逾期未销假 {overdue} 人次。</source>
        <translation>{period}: {count} work groups, {members} cadres; {overdue} overdue returns.</translation>
    </message>
    <message>
        <source>正在统计各工作组……</source>
        <translation>Counting the work groups…</translation>
    </message>
    <message>
        <source>未能统计：{problem}</source>
        <translation>Could not count: {problem}</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用挂职工作组台账</source>
        <translation>Welcome to the Secondment Group Ledger</translation>
    </message>
    <message>
        <source>第一步：工作组</source>
        <translation>Step 1: the work group</translation>
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
        <source>示例数据是一个 20 名挂职干部（临时党支部共 26 人）的工作组一年的记录：成员、学习交流、请销假、调研走访、亮点、报告和成果。只能载入空数据库；试用完毕请另建一个数据库正式使用。</source>
        <translation>The demo data is a year of a group of 20 cadres (26 in its temporary party branch): members, study sessions, leave, surveys, highlights, reports and achievements. It only goes into an empty database; for real work, create another database afterwards.</translation>
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
        <source>第二步：党小组</source>
        <translation>Step 2: party small groups</translation>
    </message>
    <message>
        <source>临时党支部下设的党小组：逐个填写名称，按 Enter 添加。成员表里的“党小组”从这里选；组长在录入成员后到“设置 → 党小组”中设置。没有党小组可以跳过这一步，以后再添加。</source>
        <translation>The party small groups of the temporary party branch: type each name and press Enter to add it. The member form’s “Party small group” is chosen from these; their leaders are set in Settings → Party small groups once the members are entered. Without party small groups, skip this step and add them later.</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Enter 添加 · Ctrl+Enter {next}</source>
        <translation>Enter adds · Ctrl+Enter {next}</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>第三步：成员</source>
        <translation>Step 3: the members</translation>
    </message>
    <message>
        <source>录入工作组的成员：逐个填写，或者从电子表格导入已有的成员名单。也可以以后再录入。</source>
        <translation>Enter the group’s members one by one, or import a member list you already have in a spreadsheet. This can also be done later.</translation>
    </message>
    <message>
        <source>逐个录入成员…</source>
        <translation>Enter members one by one…</translation>
    </message>
    <message>
        <source>在成员表中填写一名成员；Ctrl+Shift+S 保存后接着填写下一名。</source>
        <translation>Fill in one member in the member form; Ctrl+Shift+S saves and starts the next one.</translation>
    </message>
    <message>
        <source>从电子表格导入成员名单…</source>
        <translation>Import a member list from a spreadsheet…</translation>
    </message>
    <message>
        <source>Excel、WPS 或 CSV 文件，一行一名成员，列名如：姓名、性别、政治面貌、派出单位及职务、挂职单位及职务、组内职务、党小组、联系电话。导入前先检查每一行。</source>
        <translation>An Excel, WPS or CSV file with one member per row, its columns headed as in the Members sheet of a ledger the program exports (name, gender, political status, sending unit and post, host unit and post, role, party small group, phone — in Chinese). Every row is checked before anything is imported.</translation>
    </message>
    <message>
        <source>按三步开始使用：填写工作组的基本信息，建立党小组，录入成员。每一步都会立即保存，以后可在“设置”和“成员”页修改；党小组和成员也可以以后再录入。</source>
        <translation>Three steps to get started: the work group’s profile, its party small groups, its members. Each step is saved at once and can be changed later in Settings and on the Members page; party small groups and members can also be entered later.</translation>
    </message>
    <message>
        <source>这个数据库里还没有工作组。按三步开始使用：填写工作组的基本信息，建立党小组，录入成员（党小组和成员可以以后再录入）。也可以先载入一年的示例数据试用一下。</source>
        <translation>This database has no work group yet. Three steps to get started: the work group’s profile, its party small groups, its members (party small groups and members can be entered later). Or load a demo year first to try the program out.</translation>
    </message>
    <message>
        <source>保存并继续</source>
        <translation>Save and continue</translation>
    </message>
    <message>
        <source>建立工作组并继续</source>
        <translation>Create the group and continue</translation>
    </message>
    <message>
        <source>跳过这一步</source>
        <translation>Skip this step</translation>
    </message>
    <message>
        <source>{names}等 {count} 人</source>
        <translation>{names} and others ({count} in all)</translation>
    </message>
    <message>
        <source>已有 {count} 名成员：{names}</source>
        <translation>{count} members so far: {names}</translation>
    </message>
    <message>
        <source>还没有成员。</source>
        <translation>No members yet.</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>跳过，以后再录入</source>
        <translation>Skip, enter them later</translation>
    </message>
    <message>
        <source>Ctrl+Enter {finish}</source>
        <translation>Ctrl+Enter {finish}</translation>
    </message>
    <message>
        <source>1 工作组</source>
        <translation>1 Work group</translation>
    </message>
    <message>
        <source>2 党小组</source>
        <translation>2 Party small groups</translation>
    </message>
    <message>
        <source>3 成员</source>
        <translation>3 Members</translation>
    </message>
    <message>
        <source>已建立工作组</source>
        <translation>Work group created</translation>
    </message>
    <message>
        <source>工作组信息已保存</source>
        <translation>Group profile saved</translation>
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
