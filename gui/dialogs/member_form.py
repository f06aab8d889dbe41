"""The form of a member (成员): profile, post, party small group, term, and the pinyin the pickers
find the member by (shown as it will be stored, and correctable by hand)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel

from db.rules import pinyin
from db.services.groups import party_groups
from db.store.models import Member
from gui import worker
from gui.dialogs.record_form import RecordForm

FIELDS_OF_WORK = (
    "城市建设",
    "产业发展",
    "乡村振兴",
    "招商引资",
    "文化旅游",
    "教育卫生",
    "综合协调",
)


def _warm_pinyin() -> None:
    # The pinyin dictionaries take a moment to load: load them while the secretary types the name.
    pinyin.readings("张")


class MemberForm(RecordForm):
    kind = "member"
    keep_fields = ("party_group", "term_start", "term_end")
    initial_size = (760, 600)

    def build(self) -> None:
        self._stored_keys: list[str] = []
        self.line("name", required=True)
        self.choice("gender", "gender", empty=lambda: "")
        self.choice("political_status", "political_status", empty=lambda: "")
        self.choice("role", "role")
        self.party_group = QComboBox()
        self.add_field(
            "party_group",
            self.party_group,
            get=lambda: self.party_group.currentData() or "",
            set=self._set_party_group,
            signal=self.party_group.currentIndexChanged,
        )
        self.line("phone")
        self.line("sending_unit_post", wide=True)
        self.line("host_unit_post", wide=True)
        self.field_of_work = QComboBox()
        self.field_of_work.setEditable(True)
        self.field_of_work.addItems(["", *FIELDS_OF_WORK])
        self.add_field(
            "field_of_work",
            self.field_of_work,
            get=lambda: self.field_of_work.currentText().strip(),
            set=lambda v: self.field_of_work.setCurrentText("" if v is None else str(v)),
            signal=self.field_of_work.currentTextChanged,
        )
        self.choice("status", "member_status")
        self.date("term_start")
        self.date("term_end")
        self.line("pinyin_override")
        self.number("sort_order")
        self.pinyin_hint = QLabel()
        self.pinyin_hint.setObjectName("pinyinHint")
        self.pinyin_hint.setWordWrap(True)
        self.pinyin_hint.setEnabled(False)
        self.note(self.pinyin_hint)
        self.check("branch_only")
        self.end_row()
        self.text("notes", lines=3)
        self._fill_party_groups()
        worker.start(_warm_pinyin)

    def _fill_party_groups(self) -> None:
        current = self.party_group.currentData()
        self.party_group.clear()
        ordered = party_groups.ordered(self.ledger)
        # A fresh ledger has no party small groups yet: say where they are made, not an empty box.
        none_yet = QCoreApplication.translate(
            "MemberForm", "还没有党小组（在“设置 → 党小组”中添加）"
        )
        self.party_group.addItem("" if ordered else none_yet, "")
        for group in ordered:
            self.party_group.addItem(group.name, str(group.id))
        self.party_group.setToolTip("" if ordered else none_yet)
        index = self.party_group.findData(current)
        self.party_group.setCurrentIndex(max(index, 0))

    def _set_party_group(self, value: Any) -> None:
        index = self.party_group.findData("" if value is None else str(value))
        self.party_group.setCurrentIndex(max(index, 0))

    def defaults(self) -> dict[str, Any]:
        last = Member.select(Member.sort_order).where(Member.group == self.ledger.group_id)
        highest = max((m.sort_order for m in last), default=0)
        return {"status": "active", "role": "member", "sort_order": str(highest + 1)}

    def after_load(self, snapshot: Mapping[str, Any]) -> None:
        self._stored_keys = str(snapshot.get("pinyin_index") or "").split()

    def on_field_changed(self, name: str) -> None:
        if name == "":  # a record loaded or a new one: what is stored, without loading pypinyin
            self._update_pinyin_hint(self._stored_keys if not self.is_new() else [])
        elif name in ("name", "pinyin_override"):
            self._update_pinyin_hint()

    def _update_pinyin_hint(self, keys: list[str] | None = None) -> None:
        name = self.fields["name"].get()
        if not name:
            self.pinyin_hint.setText(self.tr("拼音检索：填写姓名后显示"))
            return
        if keys is None:
            keys = pinyin.search_keys(name, self.fields["pinyin_override"].get())
        if not keys:
            self.pinyin_hint.setText("")
            return
        shown = "、".join(keys[:6]) + ("……" if len(keys) > 6 else "")
        self.pinyin_hint.setText(
            self.tr(
                "拼音检索：输入 {keys} 都能找到{name}。读音不对时，在“拼音更正”中填写，如 shan tian fang。"
            ).format(keys=shown, name=name)
        )

    def retranslate_extra(self) -> None:
        self._update_pinyin_hint(self._stored_keys if not self.is_new() else [])


__all__ = ["MemberForm"]
