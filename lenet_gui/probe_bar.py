"""The probe selector above the network view: which image the network shows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)


class ProbeBar(QWidget):
    """Which image the network view shows: a test image (prev / next / random) or the pad's
    drawing."""

    previousClicked = Signal()
    nextClicked = Signal()
    randomClicked = Signal()
    drawingToggled = Signal(bool)
    backClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        title = QLabel(self.tr("<b>Probe image:</b>"))
        lay.addWidget(title)
        self.prev = QToolButton()
        self.prev.setText(self.tr("◀ Prev"))
        self.prev.setToolTip(self.tr("Previous test image (Page Up)"))
        self.prev.clicked.connect(self.previousClicked)
        self.next = QToolButton()
        self.next.setText(self.tr("Next ▶"))
        self.next.setToolTip(self.tr("Next test image (Page Down)"))
        self.next.clicked.connect(self.nextClicked)
        self.random = QToolButton()
        self.random.setText(self.tr("Random"))
        self.random.setToolTip(self.tr("A random test image (R)"))
        self.random.clicked.connect(self.randomClicked)
        for b in (self.prev, self.next, self.random):
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            lay.addWidget(b)
        self.label = QLabel(self.tr("no data yet"))
        self.label.setMinimumWidth(40)
        self.label.setWordWrap(True)  # two lines rather than "test im" on a small screen
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.label, 1)
        self.back = QToolButton()
        self.back.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.back.clicked.connect(self.backClicked)
        self.back.setVisible(False)
        lay.addWidget(self.back)
        self.drawing = QCheckBox(self.tr("my drawing"))
        self.drawing.setToolTip(self.tr("Show the digit drawn on the pad in the network view"))
        self.drawing.toggled.connect(self.drawingToggled)
        lay.addWidget(self.drawing)
        self.scale = QComboBox()
        self.scale.addItem(self.tr("scale per layer"), "layer")
        self.scale.addItem(self.tr("scale per map"), "map")
        self.scale.setToolTip(self.tr(
            "Per layer: maps of a layer share one scale, so you can compare them. Per map: "
            "each map is stretched to its own range, so you can see its pattern."))
        lay.addWidget(self.scale)

    def show_back(self, title: str | None) -> None:
        """A button back to the tab the probe was picked in (None hides it)."""
        self.back.setVisible(bool(title))
        if title:
            self.back.setText(self.tr("↩ back to {0}").format(title))
            self.back.setToolTip(self.tr("Return to the {0} tab").format(title))

    def show_test_image(self, index: int, count: int, label: int, class_name: str) -> None:
        name = "" if class_name == str(label) else f" ({class_name})"
        self.label.setText(self.tr("test image {0} of {1} · label <b>{2}</b>{3}")
                           .format(index + 1, count, label, name))

    def show_drawing(self, empty: bool) -> None:
        self.label.setText(self.tr("your drawing (no label)") if not empty else
                           self.tr("your drawing: the pad is empty, showing the test image"))
