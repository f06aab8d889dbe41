"""Start the real program (or a bare PySide6 window) and print "ready" once the window is shown and
the event loop has turned: the moment a user could start typing. run.py times this from outside."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _ready_then_quit() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def report() -> None:
        print("ready", flush=True)
        QApplication.instance().quit()

    QTimer.singleShot(0, report)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 800)
    window.show()
    _ready_then_quit()
    return app.exec()


def program(target: str) -> int:
    import gui.app as app_module

    show = app_module.MainWindow.show

    def show_and_report(self) -> None:  # type: ignore[no-untyped-def]
        show(self)
        _ready_then_quit()

    app_module.MainWindow.show = show_and_report
    return app_module.run(target)


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "--bare" else program(sys.argv[1]))
