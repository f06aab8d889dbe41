"""Bar charts drawn with QtCharts, in calm colours that follow the window's palette (light or dark):
grouped bars per month, and ranked horizontal bars (one per member). A click on a bar is a signal, so
that a page can lead to the records behind it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.widgets import is_dark

# Muted blue, green and amber: told apart by people with the common colour-vision deficiencies, and
# readable on a light or a dark background. Each has a lighter twin for the dark palette.
SERIES_COLORS = ("#5b8ff9", "#5ad8a6", "#e8b339")
SERIES_COLORS_DARK = ("#7aa6ff", "#6fe0b4", "#f0c453")
BAR_HEIGHT_PX = 22  # per member in the ranked chart


def series_color(index: int, palette: QPalette) -> QColor:
    colors = SERIES_COLORS_DARK if is_dark(palette) else SERIES_COLORS
    return QColor(colors[index % len(colors)])


def nice_scale(value: int) -> tuple[int, int]:
    """A round upper bound for an axis of counts and the step of its ticks (1, 2, 5, 10, 20, …):
    at most five steps, whole numbers only."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if max(value, 1) <= step * factor * 5:
                size = step * factor
                return max(-(-value // size), 1) * size, size
        step *= 10


def set_count_range(axis: QValueAxis, value: int) -> None:
    top, step = nice_scale(value)
    axis.setRange(0, top)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)


class _ChartView(QChartView):
    """A chart view without a frame or animations, restyled when the palette changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._title = ""

    def set_title(self, text: str) -> None:
        self._title = text
        self.chart().setTitle(text)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.apply_style()

    def apply_style(self) -> None:
        """Colours and fonts from the palette and the widget's font."""
        palette = self.palette()
        chart = self.chart()
        text = palette.color(QPalette.ColorRole.WindowText)
        chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
        chart.setPlotAreaBackgroundVisible(False)
        title_font = QFont(self.font())
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setTitleBrush(QBrush(text))
        legend = chart.legend()
        legend.setFont(self.font())
        legend.setLabelColor(text)
        grid = QColor(text)
        grid.setAlpha(40)
        for axis in chart.axes():
            axis.setLabelsFont(self.font())
            axis.setLabelsBrush(QBrush(text))
            axis.setLinePen(QPen(grid))
            axis.setGridLineColor(grid)
            axis.setTitleBrush(QBrush(text))
        self._color_series()

    def _color_series(self) -> None:
        """Give each bar set its colour (subclasses know their sets)."""


class MonthBarChart(_ChartView):
    """Grouped vertical bars: one group per category (a month), one bar per series."""

    bar_clicked = Signal(int, int)  # series index, category index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = QBarSeries()
        self.series.setBarWidth(0.8)
        self.chart().addSeries(self.series)
        self.axis_x = QBarCategoryAxis()
        self.axis_x.setGridLineVisible(False)
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%d")
        self.chart().addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart().addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.axis_x)
        self.series.attachAxis(self.axis_y)
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.sets: list[QBarSet] = []
        self.categories: list[str] = []
        self.setMinimumHeight(260)
        self.apply_style()

    def set_data(
        self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]
    ) -> None:
        """``series``: (name, one value per category) each."""
        self.series.clear()
        self.sets = []
        self.categories = list(categories)
        self.axis_x.clear()
        self.axis_x.append(self.categories)
        top = 0
        for index, (name, values) in enumerate(series):
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in values])
            bar_set.clicked.connect(lambda column, s=index: self.bar_clicked.emit(s, column))
            bar_set.hovered.connect(
                lambda status, column, s=bar_set: self._on_bar_hovered(status, column, s)
            )
            self.series.append(bar_set)
            self.sets.append(bar_set)
            top = max(top, *(int(v) for v in values)) if values else top
        set_count_range(self.axis_y, top + max(top // 20, 1))  # room above the highest bar
        self.apply_style()

    def rename(self, names: Sequence[str]) -> None:
        for bar_set, name in zip(self.sets, names, strict=False):
            bar_set.setLabel(name)

    def _on_bar_hovered(self, status: bool, column: int, bar_set: QBarSet) -> None:
        if status and 0 <= column < len(self.categories):
            self.setToolTip(
                f"{bar_set.label()} · {self.categories[column]}: {int(bar_set.at(column))}"
            )
        else:
            self.setToolTip("")

    def _color_series(self) -> None:
        for index, bar_set in enumerate(self.sets):
            color = series_color(index, self.palette())
            bar_set.setColor(color)
            bar_set.setBorderColor(color)

    def bar_center(self, series_index: int, category: int) -> QPointF:
        """Where a bar is drawn, in the view's viewport coordinates (for tests and tooltips)."""
        count = max(len(self.sets), 1)
        width = self.series.barWidth()
        offset = -width / 2 + width * (series_index + 0.5) / count
        value = self.sets[series_index].at(category)
        point = self.chart().mapToPosition(QPointF(category + offset, value / 2), self.series)
        return QPointF(self.mapFromScene(self.chart().mapToScene(point)))


class RankedBarChart(_ChartView):
    """Horizontal bars, one per item, the largest on top; the chart grows with the number of items."""

    bar_clicked = Signal(int)  # index into the items as given to set_data

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = QHorizontalBarSeries()
        self.series.setBarWidth(0.7)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.series.setLabelsFormat("@value")
        self.chart().addSeries(self.series)
        self.axis_y = QBarCategoryAxis()
        self.axis_y.setGridLineVisible(False)
        self.axis_y.setTruncateLabels(False)
        self.axis_x = QValueAxis()
        self.axis_x.setLabelFormat("%d")
        self.chart().addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.chart().addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(self.axis_y)
        self.series.attachAxis(self.axis_x)
        self.chart().legend().setVisible(False)
        self.bar_set: QBarSet | None = None
        self.order: list[int] = []  # position on the axis (bottom first) -> index as given
        self.labels: list[str] = []
        self.apply_style()

    def set_data(self, items: Sequence[tuple[str, int]], name: str = "") -> None:
        """(label, value) each; shown sorted, the largest on top (ties in the order given)."""
        self.series.clear()
        self.axis_y.clear()
        # The category axis runs upwards: the smallest first, so that the largest is on top.
        ranked = sorted(range(len(items)), key=lambda i: (items[i][1], -i))
        self.order = ranked
        self.labels = [items[i][0] for i in ranked]
        bar_set = QBarSet(name)
        bar_set.append([float(items[i][1]) for i in ranked])
        bar_set.clicked.connect(self._on_bar_clicked)
        bar_set.hovered.connect(self._on_bar_hovered)
        self.bar_set = bar_set
        self.series.append(bar_set)
        if self.labels:
            self.axis_y.append(self.labels)
        top = max((v for _label, v in items), default=0)
        # Room on the right for the value written after the longest bar.
        set_count_range(self.axis_x, int(top * 1.1) + 1)
        self.setMinimumHeight(90 + BAR_HEIGHT_PX * max(len(items), 3))
        self.apply_style()

    def _on_bar_clicked(self, position: int) -> None:
        if 0 <= position < len(self.order):
            self.bar_clicked.emit(self.order[position])

    def _on_bar_hovered(self, status: bool, position: int) -> None:
        if status and self.bar_set is not None and 0 <= position < len(self.labels):
            self.setToolTip(f"{self.labels[position]}: {int(self.bar_set.at(position))}")
        else:
            self.setToolTip("")

    def _color_series(self) -> None:
        palette = self.palette()
        if self.bar_set is not None:
            color = series_color(1, palette)
            self.bar_set.setColor(color)
            self.bar_set.setBorderColor(color)
            self.bar_set.setLabelColor(palette.color(QPalette.ColorRole.WindowText))
            self.bar_set.setLabelFont(self.font())

    def bar_center(self, index: int) -> QPointF:
        """Where the bar of item ``index`` (as given) is drawn, in viewport coordinates."""
        position = self.order.index(index)
        assert self.bar_set is not None
        value = self.bar_set.at(position)
        point = self.chart().mapToPosition(QPointF(value / 2, position), self.series)
        return QPointF(self.mapFromScene(self.chart().mapToScene(point)))


__all__ = ["MonthBarChart", "RankedBarChart", "nice_scale", "series_color", "set_count_range"]
