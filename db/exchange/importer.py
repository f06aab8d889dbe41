"""Importing ledgers and rosters from spreadsheets (.xlsx, .xls, .ods…) and CSV: read the sheets by their Chinese headers, check
every row with the services' own clean() — the validation the forms use — and write all or nothing.

How it checks: the whole import is tried inside one transaction, row by row through the services, in
the order the records depend on each other (the group's profile, party groups, members, then records);
each row's save is its own savepoint, so a bad row leaves nothing behind and the rows after it still
get checked against what the rows before it wrote. A preview rolls the transaction back at the end; a
commit keeps it when the whole file is clean, or — when the user chose ``clean_only`` — keeps the clean
rows. So the preview and the commit find exactly the same problems.

For the window's import wizard and the command line:

    result = importer.preview(ledger, path)         # nothing written
    result.problems                                 # Problem(sheet, row, column, message), .text(lang)
    result.sheets                                   # per sheet: the rows understood and what each would do
    result = importer.commit(ledger, path, clean_only=False)
    result.committed                                # True when something was written

A file that cannot be read at all (empty, a text file named .xlsx, a damaged workbook, an unknown
encoding) gives one problem and nothing else; db/exchange/sheets.py reads the files.

The parts are in db/exchange/importing/: rows.py understands the file's sheets, run.py is the path every
kind shares (problems, identities, saving), and each kind of record is read by a module of its own;
``import_all`` below runs them in the order the records depend on each other.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from db.exchange.importing.bulletins import import_bulletins
from db.exchange.importing.group import (
    import_group,
    import_party_group_leaders,
    import_party_groups,
)
from db.exchange.importing.members import import_members
from db.exchange.importing.messages import (
    MSG_CLI_ALL_SAME,
    MSG_CLI_DONE,
    MSG_CLI_NOTHING,
    MSG_CLI_REFUSED,
    MSG_CLI_SKIPPED,
)
from db.exchange.importing.plans import import_plans
from db.exchange.importing.records import import_records
from db.exchange.importing.rows import (
    CREATE,
    SAME,
    SKIP,
    UPDATE,
    ImportResult,
    Problem,
    SheetResult,
    read,
)
from db.exchange.importing.run import ImportRun, _Rollback
from db.exchange.importing.sessions import import_sessions
from db.exchange.importing.spotchecks import import_spotchecks
from db.services.base import MSG_NO_GROUP
from db.store.ledger import Ledger

__all__ = [
    "CREATE",
    "SAME",
    "SKIP",
    "UPDATE",
    "ImportResult",
    "Problem",
    "commit",
    "preview",
    "read",
]


def import_all(run: ImportRun) -> None:
    """Every kind of the file, in the order the records depend on each other: the group's profile,
    party small groups, members (then the groups' leaders among them), then the records, and last
    the year plan (its ticks name members)."""
    for key in (
        "group",
        "party_groups",
        "members",
        "leave",
        "reports",
        "surveys",
        "highlights",
        "achievements",
        "bulletins",
        "plan",
        "plan_ticks",
    ):
        run.check_duplicates(key)
    run.check_duplicates("sessions")
    run.check_duplicates("attendance", one_row_per_record=False)
    run.check_duplicates("spotchecks", one_row_per_record=False)
    import_group(run)
    if run.ledger.group_id is None:
        if not any(t.rows for t in run.tables("group")):
            first = next(
                (t for tables in run.by_key.values() for t in tables if t.usable and t.rows),
                None,
            )
            if first is not None:
                first.result.problems.append(
                    Problem(first.result.title, None, None, MSG_NO_GROUP())
                )
        for tables in run.by_key.values():
            for table in tables:
                for row in table.rows:
                    row.result.action = SKIP
        return
    run.names.load_members(run.ledger.group_id)
    pending_leaders = import_party_groups(run)
    import_members(run)
    import_party_group_leaders(run, pending_leaders)
    import_records(run, "leave")
    import_records(run, "reports")
    run.names.load_reports(run.ledger.group_id)
    import_sessions(run)
    import_spotchecks(run)
    for key in ("surveys", "highlights", "achievements"):
        import_records(run, key)
    import_bulletins(run)
    import_plans(run)


def preview(
    ledger: Ledger, path: str | os.PathLike[str], *, clean_only: bool = False
) -> ImportResult:
    """Everything an import would do and every problem it would meet, with nothing written."""
    return _run(ledger, Path(path), write=False, clean_only=clean_only)


def commit(
    ledger: Ledger, path: str | os.PathLike[str], *, clean_only: bool = False
) -> ImportResult:
    """Import the file in one transaction: all of it when it is clean; with ``clean_only``, the clean
    rows (a row whose record depends on a bad row fails too); otherwise nothing."""
    return _run(ledger, Path(path), write=True, clean_only=clean_only)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while an import runs. An import makes hundreds of thousands
    of objects that live until it ends (the file's cells, the rows' values, the queued records), and
    the collector went over all of them, and over everything else the program holds, again and again
    as they were made. The few cycles an import leaves are collected once it is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(ledger: Ledger, path: Path, *, write: bool, clean_only: bool) -> ImportResult:
    with _collector_paused():
        return _run_paused(ledger, path, write=write, clean_only=clean_only)


def _run_paused(ledger: Ledger, path: Path, *, write: bool, clean_only: bool) -> ImportResult:
    tables, sheets, problems, fmt, encoding = read(path)
    result = ImportResult(path, sheets, [], clean_only=clean_only, format=fmt, encoding=encoding)
    if not tables:
        result.problems = problems
        return result
    group_before = ledger.group_id
    try:
        with ledger.transaction():
            run = ImportRun(ledger, tables, clean_only)
            import_all(run)
            result.problems = _ordered_problems(sheets, problems)
            wrote = run.wrote
            if not write or not wrote or (result.problems and not clean_only):
                raise _Rollback
            run.finish()
            result.committed = True
    except _Rollback:
        ledger.group_id = group_before
    except BaseException:
        ledger.group_id = group_before
        raise
    return result


def _ordered_problems(
    sheets: Sequence[SheetResult], file_problems: Sequence[Problem]
) -> list[Problem]:
    out = [p for p in file_problems if p.sheet is None]
    for sheet in sheets:
        out.extend(sheet.problems)
        for row in sheet.rows:
            out.extend(row.problems)
    return out


def cli_import(args: Any) -> int:
    """`main.py import FILE [--clean-only]`: problems one per line, then what was done; exit status 1
    when the file was refused (nothing written), 0 otherwise. The database is created if need be."""
    from db.store.database import open_database

    path = Path(args.file).expanduser()
    clean_only = bool(getattr(args, "clean_only", False))
    with open_database(args.db, group=getattr(args, "group", None)) as ledger:
        result = commit(ledger, path, clean_only=clean_only)
    for line in [*result.problem_lines(), *result.same_lines()]:
        print(line, flush=True)
    created, updated = result.count(CREATE), result.count(UPDATE)
    if not result.committed and not result.refused and result.count(SAME):
        # A second import of the same rows: nothing to do, and nothing wrong.
        print(MSG_CLI_ALL_SAME().text(), flush=True)
        return 0
    if result.committed and not result.problems:
        message = MSG_CLI_DONE(path=str(path), created=created, updated=updated)
    elif result.committed:
        skipped = sum(s.count(SKIP) for s in result.sheets)
        message = MSG_CLI_SKIPPED(path=str(path), created=created, updated=updated, skipped=skipped)
    elif result.problems and not clean_only:
        message = MSG_CLI_REFUSED(count=len(result.problems))
    else:
        message = MSG_CLI_NOTHING()
    print(message.text(), flush=True)
    return 0 if result.committed else 1
