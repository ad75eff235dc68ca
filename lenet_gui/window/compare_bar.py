"""The widgets of a comparison: the bar under the probe bar (which run the views show,
which run the controls act on, End comparison) and the note that covers the views while
the timeline is on a step the run shown has not reached yet."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QWidget,
)


class CompareBar(QWidget):
    """Which run the views show, which run the controls act on, and End comparison."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)  # two lines rather than a window wider than the screen
        self.show_a = QPushButton(self.tr("Show A"))
        self.show_b = QPushButton(self.tr("Show B"))
        self.group = QButtonGroup(self)
        for i, button in enumerate((self.show_a, self.show_b)):
            button.setCheckable(True)
            self.group.addButton(button, i)
        self.show_a.setChecked(True)
        self.setStyleSheet("QPushButton:checked { font-weight: bold; }")
        self.show_b.setToolTip(self.tr("Key B switches between the runs"))
        self.apply_to = QComboBox()
        self.apply_to.addItem(self.tr("both"), "both")
        self.apply_to.addItem(self.tr("A"), "A")
        self.apply_to.addItem(self.tr("B"), "B")
        self.apply_to.setToolTip(self.tr("The run(s) Start, Pause, Stop and Reset act on"))
        self.end = QPushButton(self.tr("End comparison"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.show_a)
        lay.addWidget(self.show_b)
        lay.addWidget(QLabel(self.tr("Apply to")))
        lay.addWidget(self.apply_to)
        lay.addWidget(self.end)


class NotReachedNote(QLabel):
    """Covers the tabs' pages (not their tab bar) with a plain note: the run shown has not
    reached the step the timeline is on, so there is no network of it to show."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAutoFillBackground(True)
        self.setStyleSheet("QLabel { background: #f4f4f6; color: #303030; font-size: 16px; "
                           "padding: 40px; border-top: 3px solid #e12878; }")
        tabs.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.tabs and event.type() == QEvent.Type.Resize and self.isVisible():
            self._cover()
        return False

    def _cover(self) -> None:
        top = self.tabs.tabBar().geometry().bottom() + 1
        self.setGeometry(0, top, self.tabs.width(), max(0, self.tabs.height() - top))

    def show_note(self, text: str) -> None:
        self.setText(text)
        self._cover()
        self.show()
        self.raise_()
