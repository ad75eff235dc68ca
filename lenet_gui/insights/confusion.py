"""The confusion matrix of the latest test-set evaluation, with a gallery per cell."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from engine import Evaluation, Snapshot

from ._common import (
    Gallery,
    InsightContext,
    InsightView,
    caption,
    class_names,
    heading,
    message,
)

EMPTY_TEXT = str(QT_TRANSLATE_NOOP(
    "ConfusionView", "Train for an epoch (or press Refresh) to see the confusion matrix."))
_RIGHT = QColor(38, 110, 190)  # diagonal cells: blue
_WRONG = QColor(205, 60, 45)  # off-diagonal cells: red


class ConfusionMatrix(QWidget):
    """A 10 x 10 heatmap of counts: rows the true class, columns the predicted class.

    Cell colour is the share of the row (the true class), blue on the diagonal and red off
    it, so a student sees at once which confusions matter. Clicking a cell emits it.
    """

    cellClicked = Signal(int, int)  # noqa: N815 (true, predicted)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = np.zeros((10, 10), np.int64)
        self.names: tuple[str, ...] = tuple(str(i) for i in range(10))
        self.selected: tuple[int, int] | None = None
        self.setMouseTracking(True)
        # its cells still hold their counts at 26 px; no larger, or the tab's minimum
        # leaves the Curves dock too little of a 1024x700 window (in Chinese)
        self.setMinimumSize(280, 280)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, 520)

    def set_counts(self, counts: np.ndarray, names: tuple[str, ...]) -> None:
        self.counts = np.asarray(counts, np.int64)
        self.names = tuple(names)
        self.update()

    def _geometry(self) -> tuple[float, float, float]:
        """(left, top, cell) of the grid in widget coordinates."""
        fm = self.fontMetrics()
        label_w = max(fm.horizontalAdvance(n) for n in self.names) + 10
        left = min(label_w, 110) + 22
        top = fm.height() * 2 + 10
        n = len(self.counts)
        cell = max(8.0, min((self.width() - left - 6) / n, (self.height() - top - 6) / n))
        return left, top, cell

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        left, top, cell = self._geometry()
        c, r = int((pos.x() - left) // cell), int((pos.y() - top) // cell)
        n = len(self.counts)
        return (r, c) if 0 <= r < n and 0 <= c < n and pos.x() >= left and pos.y() >= top else None

    def cell_rect(self, r: int, c: int) -> QRectF:
        left, top, cell = self._geometry()
        return QRectF(left + c * cell, top + r * cell, cell, cell)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        left, top, cell = self._geometry()
        n = len(self.counts)
        rows = np.maximum(self.counts.sum(axis=1, keepdims=True), 1)
        share = self.counts / rows
        font = QFont(self.font())
        font.setPixelSize(max(8, min(15, int(cell * 0.34))))
        small = QFont(self.font())
        for r in range(n):
            for c in range(n):
                rect = self.cell_rect(r, c)
                base = _RIGHT if r == c else _WRONG
                a = share[r, c] ** 0.6 if r != c else share[r, c]  # make rare confusions visible
                col = QColor(
                    round(255 + (base.red() - 255) * a), round(255 + (base.green() - 255) * a),
                    round(255 + (base.blue() - 255) * a))
                p.fillRect(rect, col)
                p.setPen(QPen(QColor(225, 225, 225), 1))
                p.drawRect(rect)
                if self.counts[r, c] or r == c:
                    p.setFont(font)
                    p.setPen(Qt.GlobalColor.white if a > 0.55 else QColor(40, 40, 40))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self.counts[r, c]))
        if self.selected is not None:
            p.setPen(QPen(QColor(20, 20, 20), 3))
            p.drawRect(self.cell_rect(*self.selected).adjusted(1, 1, -1, -1))
        # class names and axis titles
        p.setFont(small)
        p.setPen(self.palette().color(self.foregroundRole()))
        fm = self.fontMetrics()
        for i, name in enumerate(self.names[:n]):
            rc = self.cell_rect(i, 0)
            p.drawText(QRectF(22, rc.top(), left - 26, cell),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(name, Qt.TextElideMode.ElideRight, int(left - 26)))
            cc = self.cell_rect(0, i)
            p.drawText(QRectF(cc.left(), top - fm.height() - 4, cell, fm.height()),
                       Qt.AlignmentFlag.AlignCenter,
                       fm.elidedText(name, Qt.TextElideMode.ElideRight, int(cell)))
        bold = QFont(small)
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(left, 2, cell * n, fm.height()), Qt.AlignmentFlag.AlignCenter,
                   self.tr("predicted class \u2192"))
        p.save()
        p.translate(4, top + cell * n / 2)
        p.rotate(-90)
        p.drawText(QRectF(-cell * n / 2, 0, cell * n, fm.height() + 2),
                   Qt.AlignmentFlag.AlignCenter, self.tr("\u2190 true class"))
        p.restore()
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.cell_at(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.cellClicked.emit(*hit)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.cell_at(event.position())
        if hit is None:
            QToolTip.hideText()
            return
        t, pr = hit
        total = int(self.counts[t].sum())
        k = int(self.counts[t, pr])
        pct = self.tr(" ({0:.1f}% of the true {1}s)").format(
            100 * k / total, self.names[t]) if total else ""
        what = self.tr("correct") if t == pr else self.tr("predicted {0}").format(self.names[pr])
        QToolTip.showText(event.globalPosition().toPoint(),
                          self.tr("true {0}, {1}: {2} images{3}").format(
                              self.names[t], what, k, pct), self)


class ConfusionView(InsightView):
    """Confusion matrix of the test set; click a cell to see its images."""

    title = str(QT_TRANSLATE_NOOP("ConfusionView", "Confusion matrix"))

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._evaluation: Evaluation | None = None
        self.heading = heading(self.title)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(
            self.tr("Evaluate the whole test set with the current weights"))
        self.refresh_button.clicked.connect(self._refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)

        self.matrix = ConfusionMatrix()
        self.matrix.cellClicked.connect(self.select_cell)
        self.gallery_caption = caption(self.tr("Click a cell to see its test images."))
        self.gallery = Gallery()
        self.gallery.imageClicked.connect(self._probe)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.gallery_caption)
        rl.addWidget(self.gallery, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.matrix)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.stack = QStackedWidget()
        self.empty = message(self.tr(EMPTY_TEXT))
        self.stack.addWidget(self.empty)
        self.stack.addWidget(split)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(caption(self.tr(
            "Rows are the true class, columns what the network answered; the diagonal is "
            "right. Colour is the share of each true class."), muted=True))
        layout.addWidget(self.stack, 1)
        self._context_changed()

    def _context_changed(self) -> None:
        self._evaluation = None
        ds = self.ctx.dataset
        self.gallery.set_images(None if ds is None else ds.test_images)
        self.matrix.selected = None
        self.stack.setCurrentIndex(0)

    @property
    def names(self) -> tuple[str, ...]:
        return class_names(self.ctx)

    def counts(self) -> np.ndarray:
        """The counts shown (rows true, columns predicted)."""
        return self.matrix.counts.copy()

    def _render(self, snap: Snapshot) -> None:
        ev = snap.evaluation
        if ev is self._evaluation:
            return  # nothing new since the last evaluation
        self._evaluation = ev
        if ev is None:
            self.heading.setText(self.title)
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self.matrix.set_counts(ev.confusion(), self.names)
        self.heading.setText(self.tr(
            "Confusion matrix \u2014 test accuracy {0:.2f}% ({1} images, after epoch {2}, "
            "step {3})").format(100 * ev.accuracy, len(ev.labels), ev.epoch, ev.step))
        if self.matrix.selected is not None:
            self.select_cell(*self.matrix.selected)

    def select_cell(self, true: int, predicted: int) -> None:
        """Show the test images of one cell in the gallery."""
        ev = self._evaluation
        if ev is None:
            return
        self.matrix.selected = (true, predicted)
        self.matrix.update()
        idx = np.flatnonzero((ev.labels == true) & (ev.predictions == predicted))
        conf = ev.probabilities
        names = self.names
        tip = self.tr("test image #{0}: {1} with {2:.1f}% confidence \u2014 click to probe it")
        self.gallery.set_items(
            idx, caption=lambda i: f"{100 * conf[i, predicted]:.0f}%",
            tooltip=lambda i: tip.format(i, names[predicted], 100 * conf[i, predicted]))
        what = (self.tr("correctly classified") if true == predicted
                else self.tr("predicted {0}").format(names[predicted]))
        self.gallery_caption.setText(self.tr(
            "<b>True {0}, {1}: {2} images</b> (confidence under each). Click one to make it "
            "the probe image.").format(names[true], what, idx.size))

    def _refresh(self) -> None:
        self.ctx.request_evaluation()

    def _probe(self, index: int) -> None:
        self.ctx.set_probe_index(index)
