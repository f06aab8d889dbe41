"""How bulletin-example.docx beside it was made (run again to remake it).

    uv run python resources/templates/make_example.py

The example is the built-in bulletin layout (db.documents.docx_writer, GB/T 9704) with placeholders where the
figures go, so an office can open it in Word or WPS, change fonts, add its own masthead or closing
lines (报、送、发), keep the placeholders it wants, and point the program at it (Settings → Word template,
or `main.py export bulletin --template FILE`). The placeholders are listed in db/documents/templates.py
(PLACEHOLDERS) and in README.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from db.documents import docx_writer  # noqa: E402 - after the path is set
from db.documents.bulletin import LEAVE_COLUMNS, SESSION_COLUMNS  # noqa: E402
from db.documents.document import Column, DocumentBuilder  # noqa: E402

TARGET = HERE / "bulletin-example.docx"


def loop_rows(start: str, cells: tuple[str, ...], end: str) -> list[tuple[str, ...]]:
    """A table row repeated for each item: docxtpl's {%tr %} tags sit in rows of their own."""
    blank = ("",) * (len(cells) - 1)
    return [(start, *blank), cells, (end, *blank)]


def example() -> DocumentBuilder:
    b = DocumentBuilder()
    b.masthead("{{ title }}", "{{ issue }}", "{{ unit }}编", "{{ date }}")
    b.title("{{ year }}年{{ month }}月份挂职工作情况")

    b.h1("本月概述")
    b.para("{%p for p in overview_paragraphs %}")
    b.para("{{ p }}")
    b.para("{%p endfor %}")
    b.para("{{ overview_figures }}")

    b.h1("学习交流情况")
    b.para(
        "本月共组织学习交流活动{{ figures.sessions }}次，其中集体学习交流会"
        "{{ figures.collective_meetings }}次、党小组学习{{ figures.party_group_sessions }}次、"
        "专题培训{{ figures.trainings }}次。"
    )
    b.table(
        SESSION_COLUMNS,
        loop_rows(
            "{%tr for s in sessions %}",
            (
                "{{ s.date }}",
                "{{ s.kind }}",
                "{{ s.topic }}",
                "{{ s.expected }}",
                "{{ s.present }}",
                "{{ s.absentees }}",
            ),
            "{%tr endfor %}",
        ),
        caption="学习交流及出勤情况",
    )

    b.h1("调研走访情况")
    b.para(
        "本月，成员开展调研走访{{ figures.surveys }}次（其中企业调研{{ figures.enterprise_surveys }}次），"
        "累计{{ figures.survey_participations }}人次，走访企业和单位{{ figures.bodies_visited }}家："
        "{{ bodies|join('、') }}。"
    )
    b.table(
        (Column("姓名", 18.0), Column("调研次数", 18.0)),
        loop_rows(
            "{%tr for m in surveys_per_member %}",
            ("{{ m.name }}", "{{ m.count }}次"),
            "{%tr endfor %}",
        ),
        caption="成员调研走访次数",
    )

    b.h1("工作亮点")
    b.para("本月成员共报送月度亮点{{ figures.highlights }}个。")
    b.para("{%p for h in highlights %}")
    b.para("{{ h.text }}", lead="{{ loop.index }}.{{ h.name }}：{{ h.title }}。")
    b.para("{%p endfor %}")

    b.h1("请销假及在岗情况")
    b.para(
        "本月批准请假{{ figures.leave_requests }}人次、共{{ figures.leave_days }}个工作日，"
        "因公外出{{ figures.business_trips }}人次，逾期未销假{{ figures.overdue }}人次；"
        "开展在岗抽查{{ figures.spot_checks }}次、抽查{{ figures.members_checked }}人次。"
    )
    b.table(
        LEAVE_COLUMNS,
        loop_rows(
            "{%tr for i in leave %}",
            (
                "{{ i.name }}",
                "{{ i.type }}",
                "{{ i.period }}",
                "{{ i.days }}",
                "{{ i.destination }}",
                "{{ i.approver }}",
                "{{ i.state }}",
            ),
            "{%tr endfor %}",
        ),
    )

    b.h1("下月工作安排")
    b.para("{%p for p in plan_paragraphs %}")
    b.para("{{ p }}")
    b.para("{%p endfor %}")
    return b


def main() -> None:
    document = example().build("{{ title }}（{{ year }}年{{ issue }}）", author="", subject="")
    docx_writer.render(document, TARGET)
    print(TARGET)


if __name__ == "__main__":
    main()
