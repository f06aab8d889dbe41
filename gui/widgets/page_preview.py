"""A document's pages on paper, as the PDF and the printer get them: the same layout and painting
(gui.pdf.print_document) on Qt's print preview widget, fitted to the width. A short message (nothing
chosen yet) stands in for the pages when there is no document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QGraphicsView, QLabel, QStackedWidget, QWidget

from db.documents.document import Document


class PagePreview(QStackedWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        from gui import pdf

        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumWidth(320)
        self._document: Document | None = None
        self._pages: pdf.Pages | None = None
        # The widget does not own its printer: kept here as long as the widget.
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setPageLayout(pdf.page_layout())
        self.pages_view = QPrintPreviewWidget(self._printer, self)
        self.pages_view.setObjectName(f"{name}Pages")
        self.pages_view.setViewMode(QPrintPreviewWidget.ViewMode.SinglePageView)
        self.pages_view.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
        self.pages_view.paintRequested.connect(self._paint)
        self.message = QLabel()
        self.message.setObjectName(f"{name}Message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.addWidget(self.pages_view)
        self.addWidget(self.message)
        self.setCurrentWidget(self.message)

    def show_document(self, document: Document) -> None:
        """Lay the document out and show its pages, keeping the place the reader scrolled to."""
        self._document = document
        view = self.pages_view.findChild(QGraphicsView)
        scroll = view.verticalScrollBar().value() if view is not None else 0
        self.setCurrentWidget(self.pages_view)
        self.pages_view.updatePreview()
        if view is not None:
            view.verticalScrollBar().setValue(scroll)

    def show_message(self, text: str) -> None:
        self._document = None
        self._pages = None
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def page_count(self) -> int:
        return len(self._pages) if self._pages is not None else 0

    def toPlainText(self) -> str:  # noqa: N802 (the name QTextEdit gives it)
        """The text on the pages shown, or the message."""
        if self._pages is not None and self._document is not None:
            return self._pages.text()
        return self.message.text()

    def _paint(self, printer: QPrinter) -> None:
        from gui.pdf import print_document

        if self._document is not None:
            self._pages = print_document(self._document, printer)
