"""A table model over one of db.queries.lists.LISTS (Anki's browser table): the ordered keys are fetched once
per filter or sort, the row count comes from them, and row values are fetched only for the rows the
view asks for, a block at a time, with a small cache. A click on a header sorts in SQL."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from db.common.messages import current_language
from db.queries.lists import Filters, Key, ListSpec, to_uuid
from db.store.ledger import Ledger

Index = QModelIndex | QPersistentModelIndex
# (row values, column key, language) -> the text of a cell, for columns a page shows its own way.
Formatter = Callable[[Mapping[str, Any], str, str], str]
# (row values, column key, role) -> a value for other roles (colours, fonts, icons), or None.
Decorator = Callable[[Mapping[str, Any], str, int], Any]

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record's id (uuid.UUID)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's values (dict)
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # the key as the list returned it (opaque)


class RecordTableModel(QAbstractTableModel):
    """Rows of ``spec`` for ``filters``, in the order of ``sort_key``; see the module docstring."""

    def __init__(
        self,
        ledger: Ledger,
        spec: ListSpec,
        parent: Any = None,
        *,
        filters: Filters | None = None,
        formatters: Mapping[str, Formatter] | None = None,
        decorate: Decorator | None = None,
        block: int = 100,
        cache_rows: int = 2000,
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.spec = spec
        self.filters = filters or Filters()
        self.sort_key = spec.default_sort
        self.descending = spec.default_descending
        self._formatters = dict(formatters or {})
        self._decorate = decorate
        self._block = block
        self._cache_rows = max(cache_rows, block * 2)
        self._keys: list[Key] = []
        self._positions: dict[Key, int] | None = None
        self._cache: OrderedDict[Key, dict[str, Any]] = OrderedDict()
        self.fetches = 0  # how many times rows were read (for tests and benchmarks)

    # -- loading ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Run the query for the ordered keys again (after a change, a filter or a sort)."""
        self.beginResetModel()
        self._keys = self.spec.ids(self.ledger, self.filters, self.sort_key, self.descending)
        self._positions = None
        self._cache.clear()
        self.endResetModel()

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.reload()

    def set_keys(self, keys: list[Key], *, keep_cache: bool = False) -> None:
        """Show these keys, in this order, without running the query: a list page that narrows the
        keys it holds (a keystroke in its free-text filter) hands them over here. ``keep_cache`` when
        the records themselves did not change, so that rows already read are not read again."""
        self.beginResetModel()
        self._keys = keys
        self._positions = None
        if not keep_cache:
            self._cache.clear()
        self.endResetModel()

    def totals(self) -> dict[str, Any]:
        return self.spec.totals(self.ledger, self.filters)

    def retranslate(self) -> None:
        """Headers and vocabulary labels in the current language."""
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # -- rows --------------------------------------------------------------------------------------------
    def keys(self) -> list[Key]:
        return list(self._keys)

    def key_at(self, row: int) -> Key:
        return self._keys[row]

    def id_at(self, row: int) -> Any:
        return to_uuid(self._keys[row])

    def row_of(self, record_id: Any) -> int:
        """The row showing a record (by key or id), or -1."""
        if self._positions is None:
            self._positions = {to_uuid(k): i for i, k in enumerate(self._keys)}
        return self._positions.get(to_uuid(record_id), -1)

    def row_values(self, row: int) -> dict[str, Any]:
        """The values of a row (fetching its block if needed); {} if the record is gone."""
        key = self._keys[row]
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        start = max(0, row - self._block // 4)
        wanted = [k for k in self._keys[start : start + self._block] if k not in self._cache]
        self.fetches += 1
        fetched = self.spec.rows(self.ledger, wanted)
        for k in wanted:
            self._cache[k] = fetched.get(k, {})
        while len(self._cache) > self._cache_rows:
            self._cache.popitem(last=False)
        return self._cache.get(key, {})

    def forget(self) -> None:
        """Drop cached row values (they are read again when shown) without re-running the query."""
        self._cache.clear()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # -- Qt's model interface --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def text(self, row: int, column_key: str) -> str:
        values = self.row_values(row)
        lang = current_language()
        formatter = self._formatters.get(column_key)
        if formatter is not None:
            return formatter(values, column_key, lang) if values else ""
        return self.spec.display(column_key, values.get(column_key), lang)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys):
            return None
        column = self.spec.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and self._decorate is not None:
            values = self.row_values(index.row())
            tip = self._decorate(values, column.key, role) if values else None
            if tip is not None:  # the page's own tooltip (why a row stands out) comes first
                return tip
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.text(index.row(), column.key)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 20 else None
            return text
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role == KEY_ROLE:
            return self._keys[index.row()]
        if role == ROW_ROLE:
            return self.row_values(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = self.row_values(index.row()).get(column.key)
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if self._decorate is not None:
            values = self.row_values(index.row())
            return self._decorate(values, column.key, role) if values else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.spec.columns):
            return None
        return self.spec.columns[section].label().text(current_language())

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by the column (columns without an ORDER BY keep the list's own order)."""
        if not 0 <= column < len(self.spec.columns):
            return
        spec_column = self.spec.columns[column]
        self.sort_key = spec_column.key if spec_column.sort is not None else self.spec.default_sort
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.spec.columns) if c.key == key), -1)
