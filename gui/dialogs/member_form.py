"""The form of a member (成员): profile, post, party small group, term, and the pinyin the pickers
find the member by (shown as it will be stored, and correctable by hand)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from db.common.errors import ValidationError
from db.rules import pinyin
from db.services.groups import party_groups
from db.store.models import Member
from gui import worker
from gui.dialogs.record_form import Field, RecordForm

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
        # The party small group, and a way to add one right here (a fresh ledger has none yet).
        self.party_group = QComboBox()
        self.party_group.setObjectName("partyGroupCombo")
        self.party_group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.party_group_add = QPushButton()
        self.party_group_add.setObjectName("addPartyGroup")
        self.party_group_add.setAutoDefault(False)
        self.party_group_add.clicked.connect(self._on_party_group_add_clicked)
        party_box = QWidget()
        party_row = QHBoxLayout(party_box)
        party_row.setContentsMargins(0, 0, 0, 0)
        party_row.addWidget(self.party_group, 1)
        party_row.addWidget(self.party_group_add)
        party_box.setFocusProxy(self.party_group)
        self.add_field(
            "party_group",
            party_box,
            get=lambda: self.party_group.currentData() or "",
            set=self._set_party_group,
            signal=self.party_group.currentIndexChanged,
            focus=self.party_group,
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
        # A fresh ledger has no party small groups yet: the box says so (its placeholder) and the
        # button beside it adds one, instead of an empty box.
        if ordered:
            self.party_group.addItem("", "")
        for group in ordered:
            self.party_group.addItem(group.name, str(group.id))
        index = self.party_group.findData(current)
        self.party_group.setCurrentIndex(index if index >= 0 else (0 if ordered else -1))
        self.party_group.setEnabled(bool(ordered))
        self._party_group_texts()

    def _party_group_texts(self) -> None:
        none_yet = not self.party_group.count()
        self.party_group.setPlaceholderText(self.tr("（还没有党小组）") if none_yet else "")
        self.party_group.setToolTip(
            self.tr("还没有党小组：点旁边的“添加…”添加（也可在“设置 → 党小组”中添加）")
            if none_yet
            else ""
        )
        self.party_group_add.setText(self.tr("添加…"))
        self.party_group_add.setToolTip(self.tr("添加一个党小组，并把这名成员编入"))

    def _set_party_group(self, value: Any) -> None:
        index = self.party_group.findData("" if value is None else str(value))
        if index < 0 and self.party_group.count():
            index = 0
        self.party_group.setCurrentIndex(index)

    @Slot()
    def _on_party_group_add_clicked(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("添加党小组"), self.tr("党小组名称（如：第一党小组）：")
        )
        if not ok or not name.strip():
            return
        values = {"name": name, "sort_order": len(party_groups.ordered(self.ledger))}
        try:
            saved = self.operations.save("party_group", values, description=self.tr("党小组已保存"))
        except ValidationError as exc:
            self.fields["party_group"].error.show_messages([e.message for e in exc.errors])
            return
        if saved is None:
            return
        self.fields["party_group"].error.clear()
        self._fill_party_groups()
        self.party_group.setCurrentIndex(self.party_group.findData(str(saved.id)))
        self.party_group.setFocus(Qt.FocusReason.OtherFocusReason)

    def field_focus(self, field: Field) -> list[QWidget]:
        if field.name == "party_group":
            return [self.party_group, self.party_group_add]
        return super().field_focus(field)

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
        self._party_group_texts()
        self._update_pinyin_hint(self._stored_keys if not self.is_new() else [])


__all__ = ["MemberForm"]
