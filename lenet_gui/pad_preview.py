"""What the pad's network sees and says: the normalised digit and one bar per class."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["ACCENT", "DigitThumbnail", "ProbabilityBars", "small_caption"]

ACCENT = QColor(37, 114, 221)  # the predicted class
_BAR = QColor(150, 162, 178)
_TRACK = QColor(0, 0, 0, 18)


class ProbabilityBars(QWidget):
    """One horizontal bar per class: label, bar, percentage; the predicted class highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = [str(i) for i in range(10)]
        self._probs: np.ndarray | None = None
        self._predicted: int | None = None
        # grows to its hint (comfortable rows), never taller: spare height goes elsewhere
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def set_names(self, names: Sequence[str]) -> None:
        self._names = [str(n) for n in names]
        self.updateGeometry()
        self.update()

    def set_probabilities(self, probs: np.ndarray | None) -> None:
        """probs (classes,) or None (empty canvas: bare tracks)."""
        self._probs = None if probs is None else np.asarray(probs, dtype=np.float64)
        self._predicted = None if self._probs is None else int(np.argmax(self._probs))
        self.update()

    def _row_height(self) -> int:
        return max(17, self.fontMetrics().height() + 3)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(200, self._row_height() * len(self._names))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(160, 14 * len(self._names))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            fm = self.fontMetrics()
            n = max(1, len(self._names))
            row = self.height() / n
            label_w = max(fm.horizontalAdvance(s) for s in self._names) + 8
            pct_w = fm.horizontalAdvance("100.0%") + 6
            bar_x = label_w
            bar_w = max(10.0, self.width() - label_w - pct_w)
            bar_h = min(row * 0.62, 16.0)
            text = self.palette().color(QPalette.ColorRole.WindowText)
            dim = QColor(text)
            dim.setAlpha(110)
            bold = QFont(self.font())
            bold.setBold(True)
            for i, name in enumerate(self._names):
                top = i * row
                hit = i == self._predicted
                p.setFont(bold if hit else self.font())
                p.setPen(ACCENT if hit else text)
                p.drawText(QRectF(0, top, label_w - 6, row),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
                track = QRectF(bar_x, top + (row - bar_h) / 2, bar_w, bar_h)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(_TRACK)
                p.drawRoundedRect(track, 3, 3)
                if self._probs is None or i >= len(self._probs):
                    continue
                prob = float(self._probs[i])
                prob = min(max(prob if np.isfinite(prob) else 0.0, 0.0), 1.0)
                if prob >= 0.0005:  # shows as at least 0.1%
                    fill = QRectF(track.x(), track.y(), max(3.0, track.width() * prob), bar_h)
                    p.setBrush(ACCENT if hit else _BAR)
                    p.drawRoundedRect(fill, 3, 3)
                p.setPen(ACCENT if hit else (text if prob >= 0.01 else dim))
                p.drawText(QRectF(bar_x + bar_w, top, pct_w, row),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           self.tr("{0:.1f}%").format(100 * prob))
        finally:
            p.end()


class DigitThumbnail(QWidget):
    """The normalised 28x28 digit, magnified with nearest-neighbour (white ink on black)."""

    def __init__(self, scale: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self.setFixedSize(28 * scale + 2, 28 * scale + 2)

    def set_digit(self, digit: np.ndarray | None) -> None:
        """uint8 (28, 28) or None."""
        if digit is None:
            self._image = None
        else:
            arr = np.ascontiguousarray(digit, dtype=np.uint8)
            h, w = arr.shape
            self._image = QImage(arr.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        try:
            inner = QRectF(1, 1, self.width() - 2, self.height() - 2)
            p.fillRect(self.rect(), QColor(0, 0, 0, 70))
            p.fillRect(inner, QColor(0, 0, 0))
            if self._image is not None:
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                p.drawImage(inner, self._image)
            else:
                p.setPen(QColor(120, 120, 120))
                p.drawText(inner, Qt.AlignmentFlag.AlignCenter, self.tr("28 × 28"))
        finally:
            p.end()


def small_caption(label: QLabel) -> None:
    f = QFont(label.font())
    f.setPointSizeF(max(7.0, f.pointSizeF() * 0.85))
    label.setFont(f)
    label.setStyleSheet("color: #6b7280;")
