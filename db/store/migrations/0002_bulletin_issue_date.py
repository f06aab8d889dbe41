"""The bulletin issue's own date (印发日期), kept with the issue so that every export of it gives the
same document.

Frozen: it names the table and column it adds and never imports db.store.models. An issue already exported
keeps the day it was last produced, which its masthead then showed; the others get their date (the
first working day after the month) from the program the first time they are used, since the working
day calendar is not a migration's business.
"""

from peewee import DateField


def up(migrator, db):
    migrator.migrate(migrator.add_column("bulletin_issue", "issue_date", DateField(null=True)))
    db.execute_sql(
        "UPDATE bulletin_issue SET issue_date = date(produced_at) WHERE produced_at IS NOT NULL"
    )
