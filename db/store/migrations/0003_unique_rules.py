"""Rules that define a duplicate, enforced by the database itself, so that they hold when two programs
save at once (on a server, or a file opened read-only by one while another writes): a member has one
highlight of a given title in a month.

Frozen: it carries the shape it needs and never imports db.store.models. Duplicates that two programs
managed to save before this step are kept, their later copies retitled "标题（2）", "标题（3）"…,
so that the index can be built and nothing is lost.
"""

from peewee import CharField, DateField, DateTimeField, Model, UUIDField

MAX_TITLE = 300


def up(migrator, db):
    class Highlight(Model):
        id = UUIDField(primary_key=True)
        member = UUIDField(column_name="member_id")
        month = DateField()
        title = CharField(max_length=MAX_TITLE)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "highlight"

    rows = (
        Highlight.select(Highlight.id, Highlight.member, Highlight.month, Highlight.title)
        .order_by(Highlight.created_at, Highlight.id)
        .tuples()
    )
    # Every title there is stays taken (a "标题（2）" the user typed keeps its name); each later copy
    # of a title takes the first free number.
    taken = set()
    copies = []
    for record_id, member, month, title in rows:
        if (member, month, title) in taken:
            copies.append((record_id, member, month, title))
        taken.add((member, month, title))
    renames = []
    for record_id, member, month, title in copies:
        number = 2
        while True:
            suffix = f"（{number}）"
            new_title = title[: MAX_TITLE - len(suffix)] + suffix
            if (member, month, new_title) not in taken:
                break
            number += 1
        taken.add((member, month, new_title))
        renames.append((record_id, new_title))
    for record_id, new_title in renames:
        Highlight.update(title=new_title).where(Highlight.id == record_id).execute()
    migrator.migrate(migrator.add_index("highlight", ("member_id", "month", "title"), True))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("highlight", "highlight_member_id_month_title"))
