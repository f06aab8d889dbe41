"""The import's messages, in Chinese and English."""

from __future__ import annotations

from db.common.messages import define

MSG_AT_CELL = define(
    "import.at_cell",
    zh="{sheet} 第 {row} 行「{column}」：{text}",
    en="{sheet}, row {row}, “{column}”: {text}",
)


MSG_AT_ROW = define(
    "import.at_row", zh="{sheet} 第 {row} 行：{text}", en="{sheet}, row {row}: {text}"
)


MSG_AT_COLUMN = define(
    "import.at_column", zh="{sheet}「{column}」列：{text}", en="{sheet}, column “{column}”: {text}"
)


MSG_AT_SHEET = define("import.at_sheet", zh="{sheet}：{text}", en="{sheet}: {text}")


MSG_NO_ROWS = define(
    "import.no_rows",
    zh="文件中没有可导入的数据行：{path}",
    en="The file holds no rows to import: {path}",
)


MSG_UNKNOWN_SHEET = define(
    "import.unknown_sheet",
    zh="无法识别这张表：表头应与导出的台账一致（例如成员表须有“{name}”列）",
    en="This sheet is not recognised: its headers should be those of an exported ledger "
    "(a member sheet needs a “{name}” column, for example)",
)


MSG_UNKNOWN_COLUMN = define(
    "import.unknown_column",
    zh="无法识别的列（这张表可用的列：{known}）",
    en="Unknown column (this sheet's columns are: {known})",
)


MSG_MISSING_COLUMN = define(
    "import.missing_column",
    zh="缺少必需的列「{column}」",
    en="The required column “{column}” is missing",
)


MSG_DUPLICATE_COLUMN = define(
    "import.duplicate_column", zh="这一列出现了两次", en="This column appears twice"
)


MSG_NAMELESS_COLUMN = define(
    "import.nameless_column",
    zh="第 {index} 列有数据但没有表头",
    en="Column {index} holds data but has no header",
)


MSG_ATTENDANCE_LINK = define(
    "import.attendance_link",
    zh="出勤表须有「{session}」列，或者「{date}」和「{topic}」两列，才能对应到学习记录",
    en="The attendance sheet needs a “{session}” column, or both “{date}” and “{topic}”, "
    "to find its sessions",
)


MSG_DUPLICATE_ID = define(
    "import.duplicate_id",
    zh="编号与第 {first} 行相同，同一条记录出现了两次",
    en="Same identity as row {first}: one record appears twice",
)


MSG_BAD_ID = define(
    "import.bad_id",
    zh="“{value}”不是本程序导出的编号；新记录请留空",
    en="“{value}” is not an identity this program exported; leave it empty for a new record",
)


MSG_UNKNOWN_MEMBER_NAME = define(
    "import.unknown_member",
    zh="找不到名为“{name}”的成员（请先在成员表中加上这位成员）",
    en="No member is named “{name}” (add the member to the member sheet first)",
)


MSG_AMBIGUOUS_MEMBER = define(
    "import.ambiguous_member",
    zh="有 {count} 位成员都叫“{name}”（{who}），无法确定是哪一位；请先在成员表中改名加以区分",
    en="{count} members are named “{name}” ({who}); it is not clear which one is meant. "
    "Rename them in the member sheet to tell them apart",
)


MSG_WHO = define("import.who", zh="{detail}，编号 {id}", en="{detail}, id {id}")


MSG_UNKNOWN_REPORT = define(
    "import.unknown_report",
    zh="找不到题为“{title}”的调研报告",
    en="No research report is titled “{title}”",
)


MSG_AMBIGUOUS_REPORT = define(
    "import.ambiguous_report",
    zh="有 {count} 篇调研报告都题为“{title}”，无法确定是哪一篇",
    en="{count} research reports are titled “{title}”; it is not clear which one is meant",
)


MSG_BAD_PRESENT = define(
    "import.bad_present",
    zh="请填“{present}”或“{absent}”，而不是“{value}”",
    en="Write {present} (present) or {absent} (absent), not “{value}”",
)


MSG_NO_SESSION = define(
    "import.no_session",
    zh="找不到 {date}“{topic}”这次学习记录（请在学习交流表中加上它）",
    en="No study session “{topic}” on {date} (add it to the study session sheet)",
)


MSG_NO_SESSION_ID = define(
    "import.no_session_id",
    zh="找不到编号为 {id} 的学习记录",
    en="No study session has the identity {id}",
)


MSG_AMBIGUOUS_SESSION = define(
    "import.ambiguous_session",
    zh="{date}有不止一次题为“{topic}”的学习，无法确定是哪一次；请填写「{session}」",
    en="There is more than one session “{topic}” on {date}; fill in “{session}” to say which",
)


MSG_SESSION_SKIPPED = define(
    "import.session_skipped",
    zh="这次学习的出勤有问题，未能导入（见出勤表）",
    en="This session's attendance has problems, so it was not imported (see the attendance sheet)",
)


MSG_INCONSISTENT = define(
    "import.inconsistent",
    zh="同一次抽查的各行应相同，而第 {first} 行是“{other}”",
    en="The rows of one check should agree, but row {first} has “{other}”",
)


MSG_GROUP_ONE_ROW = define(
    "import.group_one_row",
    zh="工作组概况只能有一行",
    en="The group's profile has one row only",
)


MSG_OTHER_GROUP = define(
    "import.other_group",
    zh="这份台账属于另一个工作组（“{name}”），而这个数据库是“{current}”的；请在另一个数据库中导入",
    en="This ledger belongs to another work group (“{name}”), while this database is “{current}”'s; "
    "import it into another database",
)


MSG_EMPTY_VALUE = define("import.empty_value", zh="（空）", en="(empty)")


MSG_SAME = define(
    "import.same",
    zh="{count} 行与台账中已有记录相同，已跳过：",
    en="{count} row(s) are the same as records already in the ledger and were skipped:",
)


MSG_SAME_ROWS = define(
    "import.same_rows", zh="  {sheet} 第 {rows} 行", en="  {sheet}, row(s) {rows}"
)


MSG_CLI_DONE = define(
    "import.cli_done",
    zh="已导入 {path}：新增 {created} 行，更新 {updated} 行",
    en="Imported {path}: {created} row(s) added, {updated} updated",
)


MSG_CLI_SKIPPED = define(
    "import.cli_skipped",
    zh="已导入 {path} 中没有问题的行：新增 {created} 行，更新 {updated} 行；跳过 {skipped} 行（问题见上）",
    en="Imported the clean rows of {path}: {created} row(s) added, {updated} updated; "
    "{skipped} skipped (problems above)",
)


MSG_CLI_REFUSED = define(
    "import.cli_refused",
    zh="未导入：发现 {count} 个问题，没有写入任何内容。改正后重新导入，或加 --clean-only 只导入没有问题的行。",
    en="Nothing imported: {count} problem(s) found and nothing written. Correct them and import "
    "again, or add --clean-only to import the rows without problems.",
)


MSG_CLI_ALL_SAME = define(
    "import.cli_all_same",
    zh="未写入任何内容：文件中的记录都已在台账中。",
    en="Nothing written: every record in the file is already in the ledger.",
)


MSG_CLI_NOTHING = define(
    "import.cli_nothing",
    zh="未导入：文件中没有可以导入的行。",
    en="Nothing imported: the file has no row that could be imported.",
)


MSG_PLAN_TITLES = define(
    "import.plan_titles",
    zh="同一年度的各行计划名称应相同，而第 {first} 行是“{other}”",
    en="The rows of one year should name the same plan, but row {first} has “{other}”",
)


MSG_PLAN_NOT_IMPORTED = define(
    "import.plan_not_imported",
    zh="{year}年的年度计划未能导入（见第 {first} 行）",
    en="The plan for {year} could not be imported (see row {first})",
)


MSG_NO_MEASURE = define(
    "import.no_measure",
    zh="找不到{year}年年度计划中的措施“{wording}”（请在年度计划表中加上它）",
    en="The plan for {year} has no measure “{wording}” (add it to the year plan sheet)",
)


MSG_NO_MEASURE_ID = define(
    "import.no_measure_id",
    zh="找不到编号为 {id} 的计划措施",
    en="No plan measure has the identity {id}",
)


MSG_AMBIGUOUS_MEASURE = define(
    "import.ambiguous_measure",
    zh="{year}年年度计划中有不止一项措施叫“{wording}”，无法确定是哪一项；请填写「{measure}」",
    en="The plan for {year} has more than one measure “{wording}”; fill in “{measure}” to say which",
)
