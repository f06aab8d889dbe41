"""挂职工作组台账 — the command line: opens the window, or runs a subcommand on a ledger.

    uv run main.py [--db PATH-or-URL] [--lang zh|en]          the window
    uv run main.py check   [--db …]                          integrity and consistency
    uv run main.py backup  [--db …] [--to DIR]               a backup now
    uv run main.py restore [--db …] BACKUP                   replace the content with a backup's
    uv run main.py demo    [--db …] [--year YYYY]            a realistic year, for trying things out
    uv run main.py export bulletin --month YYYY-MM --format docx|pdf|md --out FILE [--template FILE]
    uv run main.py export summary  --year YYYY --format docx|pdf|md --out FILE
    uv run main.py export member   --member NAME --format docx|pdf|md --out FILE
    uv run main.py export team-summary --year YYYY --format docx|pdf|md [--out FILE]
    uv run main.py export ledger [--from DATE --to DATE] [--kind K] --format xlsx|csv|md --out FILE
    uv run main.py import  [--db …] FILE [--clean-only]      a ledger or roster from .xlsx, .xls, .ods or CSV
    uv run main.py merge   [--db …] --from GROUP.sqlite3 [--group NAME] [--take-source ID] [--keep-target ID] [--dry-run]
                                                             a group's own file, merged in by identity
    uv run main.py server init|add-group NAME|add-user LOGIN --group NAME|--team|list --db URL

A problem of the user's world prints one line on stderr in the chosen language and exits 2; `check`
exits 1 when it found problems, `import` when it refused the file; `merge` exits 3 when records in
conflict are left for the user to choose. Qt is imported only when the
window opens.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from db.common import clock, errors
from db.common.messages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Message,
    MessageDef,
    define,
    set_language,
)

if TYPE_CHECKING:
    from db.store.ledger import Ledger

EXIT_OK = 0
EXIT_PROBLEMS = 1  # `check` found errors or warnings
EXIT_ERROR = 2  # the command could not do its work (and argparse's usage errors)
EXIT_CONFLICTS = 3  # `merge` left records changed on both sides for the user to choose
EXIT_INTERRUPTED = 130

MSG_ERROR = define("cli.error", zh="错误：{text}", en="Error: {text}")
MSG_OS_ERROR = define(
    "cli.os_error",
    zh="无法读写 {path}：{detail}",
    en="Cannot read or write {path}: {detail}",
)
MSG_BACKUP_DONE = define("cli.backup_done", zh="已备份到：{path}", en="Backed up to: {path}")
MSG_RESTORE_DONE = define(
    "cli.restore_done",
    zh="已用备份 {backup} 恢复数据库 {path}",
    en="Restored the database {path} from the backup {backup}",
)
MSG_RESTORE_DONE_SAFETY = define(
    "cli.restore_done_safety",
    zh="已用备份 {backup} 恢复数据库 {path}；恢复前的数据已另存为 {safety}",
    en="Restored the database {path} from the backup {backup}; what it held before is kept in {safety}",
)
MSG_RESTORE_SERVER = define(
    "cli.restore_server",
    zh="服务器上的数据库由服务器管理员用 pg_dump 和 pg_restore 备份与恢复，本程序只恢复本地文件。",
    en="A database on a server is backed up and restored by its administrator with pg_dump and "
    "pg_restore; this program restores local files only.",
)
MSG_DEMO_MISSING = define(
    "cli.demo_missing",
    zh="演示数据功能尚未完成（缺少 db/exchange/demo.py），暂时无法生成演示数据。",
    en="Demo data is not available yet (db/exchange/demo.py is missing).",
)
MSG_DEMO_DONE = define(
    "cli.demo_done",
    zh="已在 {path} 中生成 {year} 年的演示数据。",
    en="Filled {path} with demo records of {year}.",
)
MSG_BAD_YEAR = define(
    "cli.bad_year",
    zh="年份应为 2000 到 2100 之间的四位数，而不是“{value}”",
    en="a year from 2000 to 2100, not “{value}”",
)

H_DESCRIPTION = define(
    "cli.help.description",
    zh="挂职工作组台账。不带子命令时打开程序窗口。",
    en="Secondment group ledger. Without a command, opens the program's window.",
)
H_DB = define(
    "cli.help.db",
    zh="数据库：文件路径或 postgresql://… 地址（默认：用户数据文件夹中的台账文件）",
    en="the database: a file path or a postgresql://… URL (default: the ledger in the user's data folder)",
)
H_LANG = define(
    "cli.help.lang",
    zh="提示信息的语言：zh（中文，默认）或 en（英文）",
    en="language of the messages: zh (Chinese, the default) or en (English)",
)
H_GROUP = define(
    "cli.help.group",
    zh="要处理的工作组名称（一个数据库或服务器登录名有多个工作组时；默认：第一个）",
    en="the work group to work on, by name (when the database or the server login has several; "
    "default: the first)",
)
H_COMMANDS = define("cli.help.commands", zh="子命令", en="commands")
H_CHECK = define(
    "cli.help.check",
    zh="检查数据库文件的完整性和记录的一致性；无问题时退出码为 0",
    en="check the file's integrity and the records' consistency; exit status 0 when all is well",
)
H_BACKUP = define(
    "cli.help.backup",
    zh="立即备份数据库（SQLite 在线备份），并按设置轮换旧备份",
    en="back the database up now (SQLite's online backup) and rotate old backups as set",
)
H_BACKUP_TO = define(
    "cli.help.backup_to",
    zh="备份文件夹（默认：设置中的备份文件夹，或数据库旁的 backups 文件夹）",
    en="the backup folder (default: the one in Settings, or backups beside the database)",
)
H_RESTORE = define(
    "cli.help.restore",
    zh="用备份文件替换数据库的内容（先另存当前内容）；数据库须未被程序打开",
    en="replace the database's content with a backup's (keeping the current content first); "
    "the database must not be open in the program",
)
H_RESTORE_FILE = define("cli.help.restore_file", zh="备份文件", en="the backup file")
H_DEMO = define(
    "cli.help.demo",
    zh="生成一年的演示数据（20 名挂职干部的工作组，临时党支部共 26 人），用于试用",
    en="fill the database with a realistic year of a group of 20 cadres (26 in its party branch), "
    "for trying the program",
)
H_DEMO_YEAR = define(
    "cli.help.demo_year",
    zh="演示数据的年份（默认：今年）",
    en="the year of the demo records (default: this year)",
)

H_EXPORT = define(
    "cli.help.export",
    zh="导出信息动态、年度汇总、个人档案或台账",
    en="export the bulletin, the year summary, a member file or the ledgers",
)
H_EXPORT_KINDS = define("cli.help.export_kinds", zh="导出内容", en="what to export")
H_EXPORT_BULLETIN = define(
    "cli.help.export_bulletin",
    zh="导出一个月的信息动态（首次导出时自动编号为当年第N期）",
    en="export a month's bulletin (numbered No. N of its year when first exported)",
)
H_EXPORT_SUMMARY = define(
    "cli.help.export_summary", zh="导出年度工作情况汇总", en="export the year summary"
)
H_EXPORT_TEAM_SUMMARY = define(
    "cli.help.export_team_summary",
    zh="导出全队年度工作情况汇总（数据库中各工作组并列，附全队合计）",
    en="export the team's year summary (every work group of the database side by side, with the "
    "team's totals)",
)
H_EXPORT_OUT_DEFAULT = define(
    "cli.help.export_out_default",
    zh="输出文件（默认：当前文件夹中的“{name}”）",
    en="the file to write (default: “{name}” in the current folder)",
)
H_EXPORT_MEMBER = define(
    "cli.help.export_member", zh="导出一名成员的个人档案", en="export one member's file"
)
H_EXPORT_MONTH = define(
    "cli.help.export_month", zh="月份，如 2025-06", en="the month, e.g. 2025-06"
)
H_EXPORT_YEAR = define("cli.help.export_year", zh="年份，如 2025", en="the year, e.g. 2025")
H_EXPORT_MEMBER_NAME = define(
    "cli.help.export_member_name",
    zh="成员姓名（也可写姓名的一部分或拼音首字母，须只对应一人）",
    en="the member's name (or part of it, or its pinyin initials; it must designate one member)",
)
H_EXPORT_FORMAT = define("cli.help.export_format", zh="文件格式", en="the file format")
H_EXPORT_OUT = define("cli.help.export_out", zh="输出文件", en="the file to write")
H_EXPORT_TEMPLATE = define(
    "cli.help.export_template",
    zh="用自己的 Word 模板（.docx）生成（默认：设置中选定的模板，未选定则用内置版式）",
    en="write into your own Word template (.docx) (default: the one chosen in Settings, else the "
    "built-in layout)",
)
H_EXPORT_LEDGER = define(
    "cli.help.export_ledger",
    zh="导出台账（.xlsx 每类一张表；csv 须用 --kind 选一类）",
    en="export the ledgers (.xlsx: a sheet per kind; csv: choose one kind with --kind)",
)
H_EXPORT_FROM = define(
    "cli.help.export_from", zh="起始日期，如 2025-01-01", en="the first date, e.g. 2025-01-01"
)
H_EXPORT_TO = define(
    "cli.help.export_to", zh="截止日期，如 2025-12-31", en="the last date, e.g. 2025-12-31"
)
H_EXPORT_LEDGER_KIND = define(
    "cli.help.export_ledger_kind",
    zh="只导出这一类（可重复）：members、sessions、attendance、leave、spotchecks、surveys、"
    "highlights、reports、achievements、bulletins、plan、plan_ticks、group、party_groups",
    en="export this kind only (may repeat): members, sessions, attendance, leave, spotchecks, "
    "surveys, highlights, reports, achievements, bulletins, plan, plan_ticks, group, party_groups",
)
H_IMPORT = define(
    "cli.help.import",
    zh="从 .xlsx、.xls、.ods 或 CSV 导入台账或花名册：逐行检查，有问题则一行也不导入（数据库不存在时新建）",
    en="import ledgers or a roster from .xlsx, .xls, .ods or CSV: every row is checked, and nothing is imported "
    "while any has a problem (creates the database if needed)",
)
H_IMPORT_FILE = define("cli.help.import_file", zh="要导入的文件", en="the file to import")
H_IMPORT_CLEAN_ONLY = define(
    "cli.help.import_clean_only",
    zh="只导入没有问题的行（其余的行列出问题后跳过）",
    en="import the rows without problems only (list the others' problems and skip them)",
)
H_MERGE = define(
    "cli.help.merge",
    zh="把一个工作组自己的数据库文件按记录身份合并进 --db（团队服务器或另一个文件）：新记录加入，"
    "只在一方修改的取新版本，两方都改过的列为冲突留待选择；删除和历史一并带入；重复合并不改变任何内容",
    en="merge a group's own database file into --db (the team's server or another file) by record "
    "identity: new records are added, a record changed on one side takes that version, one changed "
    "on both is listed as a conflict for you to choose; deletions and history come along; merging "
    "again changes nothing",
)
H_MERGE_FROM = define(
    "cli.help.merge_from", zh="工作组的数据库文件", en="the group's database file"
)
H_MERGE_TAKE = define(
    "cli.help.merge_take_source",
    zh="冲突时采用来源中的版本（记录编号，可重复；写 all 表示全部）",
    en="in a conflict, take the source's version (the record's id; may repeat; all for every one)",
)
H_MERGE_KEEP = define(
    "cli.help.merge_keep_target",
    zh="冲突时保留本库的版本（记录编号，可重复；写 all 表示全部）",
    en="in a conflict, keep this database's version (the record's id; may repeat; all for every one)",
)
H_MERGE_DRY = define(
    "cli.help.merge_dry_run",
    zh="只列出将要做的合并，不写入",
    en="list what the merge would do, writing nothing",
)
MSG_MERGE_CHOOSE = define(
    "cli.merge_choose",
    zh="有 {count} 条记录两边都改过，未合并。用 --take-source 编号 或 --keep-target 编号 选择后再合并。",
    en="{count} records changed on both sides were not merged. Choose with --take-source ID or "
    "--keep-target ID and merge again.",
)
H_SERVER = define(
    "cli.help.server",
    zh="设置团队的 PostgreSQL 服务器：表、角色和行级安全，工作组与登录名（须用管理员登录）",
    en="set up a team's PostgreSQL server: tables, roles and row-level security, groups and logins "
    "(as its administrator)",
)
H_SERVER_ACTIONS = define("cli.help.server_actions", zh="操作", en="actions")
H_SERVER_INIT = define(
    "cli.help.server_init",
    zh="建立或升级表结构，建立角色，为每张表设置行级安全（升级后可再次运行）",
    en="create or migrate the tables, create the roles and set row-level security on every table "
    "(run again after an upgrade)",
)
H_SERVER_ADD_GROUP = define(
    "cli.help.server_add_group",
    zh="添加一个工作组（及其角色）",
    en="add a work group (and its role)",
)
H_SERVER_GROUP_NAME = define("cli.help.server_group_name", zh="工作组名称", en="the group's name")
H_SERVER_ADD_USER = define(
    "cli.help.server_add_user",
    zh="添加登录名：--group 某工作组的联络员（只能看、写本组），或 --team 工作队（能看所有组、不能写）；"
    "新登录名的密码会提示输入，不写在命令行上",
    en="add a login: --group a group's secretary (reads and writes that group only), or --team the "
    "team office (reads every group, writes none); a new login's password is asked for, never "
    "given on the command line",
)
H_SERVER_LOGIN = define("cli.help.server_login", zh="登录名", en="the login")
H_SERVER_USER_GROUP = define(
    "cli.help.server_user_group", zh="此登录名所属的工作组", en="the group this login belongs to"
)
H_SERVER_USER_TEAM = define(
    "cli.help.server_user_team",
    zh="工作队的登录名（只读，看所有组）",
    en="a login of the team office",
)
H_SERVER_NEW_PASSWORD = define(
    "cli.help.server_new_password",
    zh="为已有的登录名设置新密码（会提示输入）",
    en="set a new password for an existing login (asked for)",
)
H_SERVER_LIST = define(
    "cli.help.server_list",
    zh="列出工作组及其登录名、工作队的登录名",
    en="list the groups with their logins, and the team's logins",
)
MSG_PASSWORD_PROMPT = define(
    "cli.password_prompt", zh="登录名“{login}”的密码：", en="Password for the login “{login}”: "
)
MSG_PASSWORD_AGAIN = define("cli.password_again", zh="再输入一次：", en="Once more: ")
MSG_SERVER_PASSWORD = define("cli.server_password", zh="密码：", en="Password: ")
MSG_PASSWORD_MISMATCH = define(
    "cli.password_mismatch",
    zh="两次输入的密码不一致，未作修改。",
    en="The two passwords differ; nothing was changed.",
)
MSG_PASSWORD_EMPTY = define(
    "cli.password_empty",
    zh="密码不能为空，未作修改。",
    en="The password must not be empty; nothing was changed.",
)
MSG_SERVER_INIT_DONE = define(
    "cli.server_init_done",
    zh="团队服务器已设置好：{scoped} 张表按工作组隔离，{shared} 张表各组共用（{shared_names}）。",
    en="The team server is set up: {scoped} tables kept to each group, {shared} shared by all "
    "({shared_names}).",
)
MSG_SERVER_CLOSED = define(
    "cli.server_closed",
    zh="注意：以下表无法对应到工作组，只有管理员能读写：{tables}",
    en="Note: these tables belong to no group and only the administrator can reach them: {tables}",
)
MSG_SERVER_GROUP_DONE = define(
    "cli.server_group_done",
    zh="工作组“{name}”（角色 {role}）已就绪。",
    en="The group “{name}” (role {role}) is ready.",
)
MSG_SERVER_USER_GROUP_DONE = define(
    "cli.server_user_group_done",
    zh="登录名“{login}”是工作组“{group}”的联络员。",
    en="The login “{login}” is a secretary of the group “{group}”.",
)
MSG_SERVER_USER_TEAM_DONE = define(
    "cli.server_user_team_done",
    zh="登录名“{login}”属于工作队：能看所有工作组，不能修改。",
    en="The login “{login}” is the team office's: it reads every group and changes none.",
)
MSG_SERVER_LIST_GROUP = define(
    "cli.server_list_group", zh="工作组 {name}：{logins}", en="Group {name}: {logins}"
)
MSG_SERVER_LIST_TEAM = define("cli.server_list_team", zh="工作队：{logins}", en="Team: {logins}")
MSG_SERVER_LIST_NO_ROLE = define(
    "cli.server_list_no_role",
    zh="（还没有角色，请再运行一次 server init）",
    en="(no role yet: run server init again)",
)


# -- the commands ---------------------------------------------------------------------------------


def _say(message: Message) -> None:
    print(message.text(), flush=True)


def run_window(args: argparse.Namespace) -> int:
    from gui.app import run  # Qt is loaded here and only here

    # --lang en forces English; without it the window uses the language chosen in its Settings.
    return run(args.db, lang=args.lang if args.lang != DEFAULT_LANGUAGE else None, group=args.group)


def run_check(args: argparse.Namespace) -> int:
    from db.queries.check import is_problem, run_check, summary
    from db.store.database import open_database

    # Read-only: a check changes nothing, takes no lock, and may run while the window is open.
    with open_database(args.db, read_only=True, group=args.group) as ledger:
        findings = run_check(ledger)
    for finding in findings:
        print(finding.text(), flush=True)
    _say(summary(findings))
    return EXIT_PROBLEMS if any(is_problem(f) for f in findings) else EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    from db.services.settings import backup_preferences
    from db.store.backup import take_backup
    from db.store.database import open_database

    # Read-only: the online backup reads a consistent snapshot, even while the window has the file.
    with open_database(args.db, read_only=True, group=args.group) as ledger:
        folder, policy = backup_preferences(ledger)
        if args.to is not None:
            folder = Path(args.to).expanduser().absolute()
        target = take_backup(ledger, folder, reason="manual", policy=policy)
    _say(MSG_BACKUP_DONE(path=str(target)))
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from db.store.backup import restore_backup
    from db.store.ledger import default_database_path, is_server_url

    if is_server_url(args.db):
        raise errors.ActionRefusedError(MSG_RESTORE_SERVER())
    db_path = Path(args.db).expanduser().absolute() if args.db else default_database_path()
    backup = Path(args.backup).expanduser().absolute()
    safety = restore_backup(db_path, backup)
    if safety is None:
        _say(MSG_RESTORE_DONE(path=str(db_path), backup=str(backup)))
    else:
        _say(MSG_RESTORE_DONE_SAFETY(path=str(db_path), backup=str(backup), safety=str(safety)))
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    try:
        from db.exchange import demo
    except ModuleNotFoundError as exc:
        if exc.name != "db.exchange.demo":
            raise
        raise errors.ActionRefusedError(MSG_DEMO_MISSING()) from None
    from db.store.database import open_database

    year = args.year or clock.today().year
    with open_database(args.db, group=args.group) as ledger:
        demo.fill(ledger, year)
        where = ledger.display_name
    _say(MSG_DEMO_DONE(path=where, year=year))
    return EXIT_OK


def _server_ledger(args: argparse.Namespace) -> Ledger:
    from db.store.database import open_database
    from db.store.ledger import is_server_url
    from db.store.server import MSG_NOT_SERVER

    if not is_server_url(args.db):
        raise errors.ActionRefusedError(MSG_NOT_SERVER(where=args.db or "-"))
    ledger = open_database(args.db)
    ledger.operator = ledger.operator or "server"
    return ledger


def _ask_password(login: str) -> str:
    import getpass

    first = getpass.getpass(MSG_PASSWORD_PROMPT(login=login).text())
    if not first:
        raise errors.ActionRefusedError(MSG_PASSWORD_EMPTY())
    if getpass.getpass(MSG_PASSWORD_AGAIN().text()) != first:
        raise errors.ActionRefusedError(MSG_PASSWORD_MISMATCH())
    return first


def run_server_init(args: argparse.Namespace) -> int:
    from db.store import server

    with _server_ledger(args) as ledger:
        report = server.init_server(ledger)
    kinds = [s.kind for s in report.scopes.values()]
    shared = [t for t, s in report.scopes.items() if s.kind == "shared"]
    _say(
        MSG_SERVER_INIT_DONE(
            scoped=sum(k in ("group", "direct", "child") for k in kinds),
            shared=len(shared),
            shared_names="、".join(shared),
        )
    )
    if report.closed:
        _say(MSG_SERVER_CLOSED(tables="、".join(report.closed)))
    return EXIT_OK


def run_server_add_group(args: argparse.Namespace) -> int:
    from db.services.groups import add_server_group

    with _server_ledger(args) as ledger:
        group, role = add_server_group(ledger, args.name)
    _say(MSG_SERVER_GROUP_DONE(name=group.name, role=role))
    return EXIT_OK


def run_server_add_user(args: argparse.Namespace) -> int:
    from db.store import server

    with _server_ledger(args) as ledger:
        server.check_login(ledger, args.login)
        if args.group is not None:
            server.group_by_name(ledger, args.group)  # before a password is asked for
        password = None
        if args.new_password or not server.login_exists(ledger, args.login):
            password = _ask_password(args.login)
        server.add_user(ledger, args.login, group=args.group, team=args.team, password=password)
    if args.team:
        _say(MSG_SERVER_USER_TEAM_DONE(login=args.login))
    else:
        _say(MSG_SERVER_USER_GROUP_DONE(login=args.login, group=args.group))
    return EXIT_OK


def run_server_list(args: argparse.Namespace) -> int:
    from db.store import server

    with _server_ledger(args) as ledger:
        listing = server.list_server(ledger)
    none = server.MSG_NONE().text()
    for group in listing.groups:
        logins = "、".join(group.logins) or none
        if group.role is None:
            logins = MSG_SERVER_LIST_NO_ROLE().text()
        _say(MSG_SERVER_LIST_GROUP(name=group.name, logins=logins))
    _say(MSG_SERVER_LIST_TEAM(logins="、".join(listing.team) or none))
    if listing.closed_tables:
        _say(MSG_SERVER_CLOSED(tables="、".join(listing.closed_tables)))
    return EXIT_OK


def _write_pdf(document: object, path: Path) -> object:
    from gui.pdf import write_pdf  # Qt is loaded for a PDF only

    return write_pdf(document, path)  # type: ignore[arg-type]


def run_export_document(args: argparse.Namespace) -> int:
    from db.documents.export import run_cli

    _say(run_cli(args, _write_pdf))
    return EXIT_OK


def run_export_ledger(args: argparse.Namespace) -> int:
    from db.exchange.ledgers import cli_export

    return cli_export(args)


def run_import(args: argparse.Namespace) -> int:
    from db.exchange.importer import cli_import

    return cli_import(args)


def run_merge(args: argparse.Namespace) -> int:
    from db.exchange.merge import SOURCE, TARGET, merge_file
    from db.store.database import open_database

    with open_database(args.db, group=args.group) as ledger:
        # --group: the target's group the file goes into, whatever the file's group's identity.
        into = ledger.group_id if args.group else None
        choices: dict[str, str] = {}
        wanted = [(SOURCE, args.take_source or []), (TARGET, args.keep_target or [])]
        if any("all" in ids for _side, ids in wanted):
            found = merge_file(ledger, args.source, dry_run=True, into=into).conflicts
            for side, ids in wanted:
                if "all" in ids:
                    choices.update({str(c.record_id): side for c in found})
        for side, ids in wanted:
            choices.update({i: side for i in ids if i != "all"})
        result = merge_file(
            ledger, args.source, resolutions=choices, dry_run=args.dry_run, into=into
        )
    _say(result.summary())
    for conflict in result.conflicts:
        for line in conflict.lines():
            print(line, flush=True)
    if result.conflicts:
        _say(MSG_MERGE_CHOOSE(count=len(result.conflicts)))
        return EXIT_CONFLICTS
    return EXIT_OK


# -- the parser -----------------------------------------------------------------------------------


def _year(lang: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.strip().isdigit() or not 2000 <= int(text) <= 2100:
            raise argparse.ArgumentTypeError(MSG_BAD_YEAR(value=text).text(lang))
        return int(text)

    return parse


def peek_language(argv: Sequence[str]) -> str:
    """The --lang given, found before parsing so that the help itself is in that language."""
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return DEFAULT_LANGUAGE


def build_parser(lang: str = DEFAULT_LANGUAGE) -> argparse.ArgumentParser:
    def t(message: MessageDef) -> str:
        return message().text(lang)

    parser = argparse.ArgumentParser(prog="main.py", description=t(H_DESCRIPTION))
    parser.add_argument("--db", metavar="PATH-or-URL", default=None, help=t(H_DB))
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=t(H_LANG))
    parser.add_argument("--group", metavar="NAME", default=None, help=t(H_GROUP))
    parser.set_defaults(run=run_window)

    # The subcommands take --db and --lang too; SUPPRESS keeps a value given before the
    # subcommand when none is given after it.
    base = argparse.ArgumentParser(add_help=False)
    base.add_argument("--db", metavar="PATH-or-URL", default=argparse.SUPPRESS, help=t(H_DB))
    base.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t(H_LANG))
    common = argparse.ArgumentParser(add_help=False, parents=[base])
    common.add_argument("--group", metavar="NAME", default=argparse.SUPPRESS, help=t(H_GROUP))

    commands = parser.add_subparsers(title=t(H_COMMANDS), metavar="COMMAND")
    check = commands.add_parser("check", parents=[common], help=t(H_CHECK), description=t(H_CHECK))
    check.set_defaults(run=run_check)

    backup = commands.add_parser(
        "backup", parents=[common], help=t(H_BACKUP), description=t(H_BACKUP)
    )
    backup.add_argument("--to", metavar="DIR", default=None, help=t(H_BACKUP_TO))
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser(
        "restore", parents=[common], help=t(H_RESTORE), description=t(H_RESTORE)
    )
    restore.add_argument("backup", metavar="BACKUP", help=t(H_RESTORE_FILE))
    restore.set_defaults(run=run_restore)

    demo = commands.add_parser("demo", parents=[common], help=t(H_DEMO), description=t(H_DEMO))
    demo.add_argument("--year", metavar="YYYY", type=_year(lang), default=None, help=t(H_DEMO_YEAR))
    demo.set_defaults(run=run_demo)

    export = commands.add_parser("export", help=t(H_EXPORT), description=t(H_EXPORT))
    exports = export.add_subparsers(title=t(H_EXPORT_KINDS), metavar="KIND", required=True)

    def export_kind(
        name: str, help_text: MessageDef, formats: Sequence[str], *, out_required: bool = True
    ) -> argparse.ArgumentParser:
        kind = exports.add_parser(
            name, parents=[common], help=t(help_text), description=t(help_text)
        )
        kind.add_argument("--format", choices=formats, required=True, help=t(H_EXPORT_FORMAT))
        kind.add_argument(
            "--out",
            metavar="FILE",
            required=out_required,
            default=None,
            help=t(H_EXPORT_OUT)
            if out_required
            else H_EXPORT_OUT_DEFAULT(name=f"YYYY年度全队工作情况汇总.{'|'.join(formats)}").text(
                lang
            ),
        )
        kind.set_defaults(run=run_export_document, document=name)
        return kind

    bulletin = export_kind("bulletin", H_EXPORT_BULLETIN, ("docx", "pdf", "md"))
    bulletin.add_argument("--month", metavar="YYYY-MM", required=True, help=t(H_EXPORT_MONTH))
    bulletin.add_argument("--template", metavar="FILE", default=None, help=t(H_EXPORT_TEMPLATE))
    summary = export_kind("summary", H_EXPORT_SUMMARY, ("docx", "pdf", "md"))
    summary.add_argument(
        "--year", metavar="YYYY", type=_year(lang), required=True, help=t(H_EXPORT_YEAR)
    )
    team_summary = export_kind(
        "team-summary", H_EXPORT_TEAM_SUMMARY, ("docx", "pdf", "md"), out_required=False
    )
    team_summary.add_argument(
        "--year", metavar="YYYY", type=_year(lang), required=True, help=t(H_EXPORT_YEAR)
    )
    member = export_kind("member", H_EXPORT_MEMBER, ("docx", "pdf", "md"))
    member.add_argument("--member", metavar="NAME", required=True, help=t(H_EXPORT_MEMBER_NAME))
    ledger = export_kind("ledger", H_EXPORT_LEDGER, ("xlsx", "csv", "md"))
    ledger.add_argument("--from", dest="date_from", metavar="DATE", help=t(H_EXPORT_FROM))
    ledger.add_argument("--to", dest="date_to", metavar="DATE", help=t(H_EXPORT_TO))
    ledger.add_argument(
        "--kind", dest="kinds", metavar="KIND", action="append", help=t(H_EXPORT_LEDGER_KIND)
    )
    ledger.set_defaults(run=run_export_ledger)

    import_ = commands.add_parser(
        "import", parents=[common], help=t(H_IMPORT), description=t(H_IMPORT)
    )
    import_.add_argument("file", metavar="FILE", help=t(H_IMPORT_FILE))
    import_.add_argument("--clean-only", action="store_true", help=t(H_IMPORT_CLEAN_ONLY))
    import_.set_defaults(run=run_import)

    merge = commands.add_parser("merge", parents=[common], help=t(H_MERGE), description=t(H_MERGE))
    merge.add_argument(
        "--from", dest="source", metavar="GROUP.sqlite3", required=True, help=t(H_MERGE_FROM)
    )
    merge.add_argument("--take-source", metavar="ID", action="append", help=t(H_MERGE_TAKE))
    merge.add_argument("--keep-target", metavar="ID", action="append", help=t(H_MERGE_KEEP))
    merge.add_argument("--dry-run", action="store_true", help=t(H_MERGE_DRY))
    merge.set_defaults(run=run_merge)
    server_ = commands.add_parser("server", help=t(H_SERVER), description=t(H_SERVER))
    actions = server_.add_subparsers(title=t(H_SERVER_ACTIONS), metavar="ACTION", required=True)
    init = actions.add_parser(
        "init", parents=[base], help=t(H_SERVER_INIT), description=t(H_SERVER_INIT)
    )
    init.set_defaults(run=run_server_init)
    add_group = actions.add_parser(
        "add-group", parents=[base], help=t(H_SERVER_ADD_GROUP), description=t(H_SERVER_ADD_GROUP)
    )
    add_group.add_argument("name", metavar="NAME", help=t(H_SERVER_GROUP_NAME))
    add_group.set_defaults(run=run_server_add_group)
    add_user = actions.add_parser(
        "add-user", parents=[base], help=t(H_SERVER_ADD_USER), description=t(H_SERVER_ADD_USER)
    )
    add_user.add_argument("login", metavar="LOGIN", help=t(H_SERVER_LOGIN))
    whose = add_user.add_mutually_exclusive_group(required=True)
    whose.add_argument("--group", metavar="NAME", help=t(H_SERVER_USER_GROUP))
    whose.add_argument("--team", action="store_true", help=t(H_SERVER_USER_TEAM))
    add_user.add_argument("--new-password", action="store_true", help=t(H_SERVER_NEW_PASSWORD))
    add_user.set_defaults(run=run_server_add_user)
    list_ = actions.add_parser(
        "list", parents=[base], help=t(H_SERVER_LIST), description=t(H_SERVER_LIST)
    )
    list_.set_defaults(run=run_server_list)
    return parser


def _run_asking_password(args: argparse.Namespace) -> int:
    """The command; when the server wants a password that libpq found nowhere (~/.pgpass, a service
    file, PGPASSWORD) — or refused it — and someone sits at the terminal, it is asked for (hidden,
    once) and the command runs again with it. It is kept in this program's own environment, where
    libpq reads it, for as long as the command runs: never written, never shown."""
    try:
        return args.run(args)
    except errors.DatabasePasswordError as exc:
        if args.run is run_window or not sys.stdin.isatty():
            raise
        import getpass
        import os

        typed = getpass.getpass(f"{exc.text(args.lang)}\n{MSG_SERVER_PASSWORD().text(args.lang)}")
        if not typed:
            raise
        os.environ["PGPASSWORD"] = typed
    return args.run(args)


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def _world_error(exc: Exception, args: argparse.Namespace) -> errors.LedgerError | None:
    """A driver error that slipped past the core's translation but is a problem of the machine's
    world (a full disk, a damaged or locked file): its message; None for a bug."""
    from db.store.ledger import (
        default_database_path,
        is_server_url,
        server_display_name,
        user_error,
    )

    target = getattr(args, "db", None)
    server = is_server_url(target)
    if server:
        where = server_display_name(str(target))
    else:
        where = str(_path_of(target) or default_database_path())
    found = user_error(exc, where, server=server)
    return found if isinstance(found, errors.LedgerError) else None


def _path_of(target: str | None) -> Path | None:
    return Path(target).expanduser().absolute() if target else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show Chinese still gets the line, with escapes, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser(peek_language(argv)).parse_args(argv)
    set_language(args.lang)
    try:
        return _run_asking_password(args)
    except errors.LedgerError as exc:
        text = exc.text(args.lang)
    except OSError as exc:  # a folder or file of the user's that cannot be read or written
        detail = exc.strerror or type(exc).__name__
        text = MSG_OS_ERROR(path=exc.filename or "?", detail=detail).text(args.lang)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        world = _world_error(exc, args)
        if world is None:
            raise  # a bug: the traceback is for the developer
        text = world.text(args.lang)
    print(MSG_ERROR(text=_one_line(text)).text(args.lang), file=sys.stderr, flush=True)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
