"""The drawing canvas: anti-aliased round-pen strokes, undo, clear, a resolution-independent image.

Strokes are kept as point lists in canvas coordinates (a fixed ``CANVAS`` x ``CANVAS`` square).
``image()`` renders them off-screen at that resolution, so what the network sees does not depend
on the widget's size; the screen shows the same strokes drawn as vectors, scaled to fit.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from .render_scheduler import PAD_THROTTLE_S

__all__ = ["CANVAS", "DEFAULT_PEN_WIDTH", "DrawingPad"]

CANVAS = 280  # internal resolution (10x MNIST's 28)
# A digit drawn ~200 px tall becomes 20 px tall (factor 0.1): a 22 px pen then gives the
# ~2 px wide strokes of MNIST digits.
DEFAULT_PEN_WIDTH = 22.0

_INK = QColor(24, 24, 32)
_PAPER = QColor(255, 255, 255)
_BORDER = QColor(0, 0, 0, 60)
_HINT = QColor(150, 150, 160)

Stroke = list[QPointF]


class DrawingPad(QWidget):
    """A square canvas to draw a digit on with the mouse (left button)."""

    drawingChanged = Signal()  # while drawing (PAD_THROTTLE_S) and after each stroke / undo / clear
    strokeFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[Stroke] = []  # finished strokes
        self._current: Stroke | None = None  # the stroke being drawn
        self._pen_width = DEFAULT_PEN_WIDTH
        self._base = self._blank()  # finished strokes, rendered (ink 255 on 0)
        self._array: np.ndarray | None = None  # cached image(); None = stale
        self._last_emit = float("-inf")
        self._pending = QTimer(self)  # delivers the last throttled update of a stroke
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self._emit_changed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)  # room for the pen row on a 768 px screen
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setToolTip(self.tr("Draw a digit with the left mouse button"))

    # ---- public API ----

    def image(self) -> np.ndarray:
        """float32 (CANVAS, CANVAS) in 0..1, ink high, rendered from the strokes."""
        if self._array is None:
            img = self._base
            if self._current:
                img = self._base.copy()
                self._render(img, [self._current])
            self._array = _to_array(img)
        return self._array.copy()

    def clear(self) -> None:
        had = bool(self._strokes or self._current)
        self._strokes.clear()
        self._current = None
        self._rebuild()
        if had:
            self._emit_changed()

    def undo(self) -> None:
        """Remove the last finished stroke (or abandon the one being drawn)."""
        if self._current is not None:
            self._current = None
        elif self._strokes:
            self._strokes.pop()
        else:
            return
        self._rebuild()
        self._emit_changed()

    def is_empty(self) -> bool:
        return not self._strokes and not self._current

    def stroke_count(self) -> int:
        return len(self._strokes)

    def stroke_points(self) -> list[np.ndarray]:
        """Every stroke's path, the one being drawn included: float64 (N, 2) canvas (x, y)."""
        strokes = self._strokes + ([self._current] if self._current else [])
        return [np.array([(p.x(), p.y()) for p in s], np.float64) for s in strokes]

    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, px: float) -> None:
        """Pen diameter in canvas pixels (the canvas is CANVAS px wide); applies to all strokes."""
        px = float(min(max(px, 1.0), CANVAS / 2))
        if px == self._pen_width:
            return
        self._pen_width = px
        self._rebuild()
        if not self.is_empty():
            self._emit_changed()

    def canvas_rect(self) -> QRectF:
        """Where the canvas square sits in widget coordinates."""
        side = max(1.0, min(self.width(), self.height()) - 2.0)
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def to_canvas(self, pos: QPointF) -> QPointF:
        """Widget -> canvas coordinates, clamped to the canvas (strokes may leave the pad)."""
        r = self.canvas_rect()
        s = CANVAS / r.width()
        x = min(max((pos.x() - r.x()) * s, 0.0), float(CANVAS))
        y = min(max((pos.y() - r.y()) * s, 0.0), float(CANVAS))
        return QPointF(x, y)

    # ---- rendering ----

    @staticmethod
    def _blank() -> QImage:
        img = QImage(CANVAS, CANVAS, QImage.Format.Format_Grayscale8)
        img.fill(0)
        return img

    def _pen(self, color: QColor, width: float) -> QPen:
        pen = QPen(color, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _paint_strokes(self, p: QPainter, strokes: list[Stroke], pen: QPen) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for stroke in strokes:
            if len(stroke) == 1:  # a click without a move: a round dot
                p.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for pt in stroke[1:]:
                path.lineTo(pt)
            p.drawPath(path)

    def _render(self, img: QImage, strokes: list[Stroke]) -> None:
        p = QPainter(img)
        try:
            self._paint_strokes(p, strokes, self._pen(QColor(255, 255, 255), self._pen_width))
        finally:
            p.end()

    def _rebuild(self) -> None:
        self._base = self._blank()
        self._render(self._base, self._strokes)
        self._array = None
        self.update()

    # ---- events ----

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
            r = self.canvas_rect()
            p.setPen(QPen(_BORDER, 1.0))
            p.setBrush(_PAPER)
            p.drawRoundedRect(r.adjusted(-0.5, -0.5, 0.5, 0.5), 6, 6)
            if self.is_empty():
                p.setPen(_HINT)
                font = p.font()
                font.setPointSizeF(max(9.0, r.width() / 22))
                p.setFont(font)
                p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.tr("draw a digit here"))
                return
            p.setClipRect(r)
            p.translate(r.topLeft())
            p.scale(r.width() / CANVAS, r.height() / CANVAS)
            strokes = self._strokes + ([self._current] if self._current else [])
            self._paint_strokes(p, strokes, self._pen(_INK, self._pen_width))
        finally:
            p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._current = [self.to_canvas(event.position())]
        self._array = None
        self.update()
        self._changed_throttled()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._current is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            super().mouseMoveEvent(event)
            return
        pt = self.to_canvas(event.position())
        if pt != self._current[-1]:
            self._current.append(pt)
            self._array = None
            self.update()
            self._changed_throttled()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or self._current is None:
            super().mouseReleaseEvent(event)
            return
        pt = self.to_canvas(event.position())
        if pt != self._current[-1]:
            self._current.append(pt)
        self._strokes.append(self._current)
        self._current = None
        self._render(self._base, [self._strokes[-1]])
        self._array = None
        self.update()
        self._emit_changed()
        self.strokeFinished.emit()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.update()  # strokes live in canvas coordinates: nothing else to do

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return width

    # ---- throttling ----

    def _changed_throttled(self) -> None:
        wait = self._last_emit + PAD_THROTTLE_S - time.perf_counter()
        if wait <= 0:
            self._emit_changed()
        elif not self._pending.isActive():
            self._pending.start(max(1, int(wait * 1000 + 0.5)))

    def _emit_changed(self) -> None:
        self._pending.stop()
        self._last_emit = time.perf_counter()
        self.drawingChanged.emit()


def _to_array(img: QImage) -> np.ndarray:
    """Grayscale8 QImage -> float32 (H, W) in 0..1 (copies; honours the row padding)."""
    h, w, bpl = img.height(), img.width(), img.bytesPerLine()
    raw = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * bpl).reshape(h, bpl)[:, :w]
    return raw.astype(np.float32) * np.float32(1.0 / 255.0)
