"""The coloured message strip above the network view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    """A coloured message strip above the network view, with an optional action button."""

    STYLES = {
        "error": "background:#fde2e1; border:1px solid #d9534f; color:#7a1c1a;",
        "warning": "background:#fff4d6; border:1px solid #e0a800; color:#5c4300;",
        "info": "background:#e3f0fb; border:1px solid #5b9bd5; color:#1c3d5a;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        self.action_button = QPushButton()
        self.action_button.setVisible(False)
        lay.addWidget(self.action_button)
        close = QPushButton("✕")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self.hide)
        lay.addWidget(close)
        self.kind = ""
        self._callback: Callable[[], object] | None = None
        self.action_button.clicked.connect(self._on_action)
        self.hide()

    def show_message(self, text: str, kind: str = "info", action: str | None = None,
                     callback: Callable[[], object] | None = None) -> None:
        """Show `text` styled as `kind` (error, warning, info); `action` labels a button
        that calls `callback`."""
        self.kind = kind
        self.setStyleSheet(f"Banner {{{self.STYLES.get(kind, self.STYLES['info'])}}}")
        self.label.setText(text)
        self._callback = callback
        self.action_button.setVisible(bool(action))
        if action:
            self.action_button.setText(action)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _on_action(self) -> None:
        if self._callback is not None:
            self._callback()
