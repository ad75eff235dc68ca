"""The confusion matrix of the latest test-set evaluation, with a gallery per cell."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from engine import Evaluation, Snapshot

from ..run_texts import evaluated_when
from ._common import (
    Gallery,
    InsightContext,
    InsightView,
    caption,
    class_names,
    heading,
    message,
)
from .runs import RUN_COLOURS

EMPTY_TEXT = str(QT_TRANSLATE_NOOP(
    "ConfusionView", "Train for an epoch (or press Refresh) to see the confusion matrix."))
_RIGHT = QColor(38, 110, 190)  # diagonal cells: blue
_WRONG = QColor(205, 60, 45)  # off-diagonal cells: red


def _strength(share: float, diagonal: bool) -> float:
    """How strongly a cell is coloured, from the share of its row alone (so two matrices
    side by side share one scale): rare confusions made visible."""
    return share if diagonal else share ** 0.6


def cell_colour(share: float, diagonal: bool) -> QColor:
    """A cell's colour: white (0) to blue on the diagonal, to red off it (1)."""
    base, a = (_RIGHT if diagonal else _WRONG), _strength(share, diagonal)
    return QColor(round(255 + (base.red() - 255) * a), round(255 + (base.green() - 255) * a),
                  round(255 + (base.blue() - 255) * a))


# a matrix's least side: its cells still hold their counts at 26 px; no larger, or the
# tab's minimum leaves the Curves dock too little of a 1024x700 window (in Chinese)
MATRIX_MIN = 280
PAIR_MIN = 220  # two matrices (compare) must fit beside each other and the gallery


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
        self.setMinimumSize(MATRIX_MIN, MATRIX_MIN)
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
                p.fillRect(rect, cell_colour(float(share[r, c]), r == c))
                p.setPen(QPen(QColor(225, 225, 225), 1))
                p.drawRect(rect)
                if self.counts[r, c] or r == c:
                    p.setFont(font)
                    dark = _strength(float(share[r, c]), r == c) > 0.55
                    p.setPen(Qt.GlobalColor.white if dark else QColor(40, 40, 40))
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
    """Confusion matrix of the test set; click a cell to see its images.

    While a comparison runs: runs A and B side by side, each under its run's label, on one
    colour scale."""

    title = str(QT_TRANSLATE_NOOP("ConfusionView", "Confusion matrix"))
    draws_both_runs = True

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._evaluations: list[Evaluation | None] = [None, None]
        self._run = 0  # whose cell the gallery shows (0: A or the only run, 1: B)
        self.heading = heading(self.title)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(
            self.tr("Evaluate the whole test set with the current weights"))
        self.refresh_button.clicked.connect(self._refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)

        self.matrix = ConfusionMatrix()  # the run shown, or run A while comparing
        self.matrix_b = ConfusionMatrix()  # run B, beside A while comparing
        self.run_titles = (caption(), caption())
        for run, m in enumerate(self.matrices):
            m.cellClicked.connect(lambda t, pr, run=run: self.select_cell(t, pr, run))
        self.gallery_caption = caption(self.tr("Click a cell to see its test images."))
        self.gallery = Gallery()
        self.gallery.imageClicked.connect(self._probe)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.gallery_caption)
        rl.addWidget(self.gallery, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._matrices_box())
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

    @property
    def matrices(self) -> tuple[ConfusionMatrix, ConfusionMatrix]:
        return self.matrix, self.matrix_b

    def _matrices_box(self) -> QWidget:
        """The matrix, and B's beside it (shown while comparing), each under its title."""
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for run, m in enumerate(self.matrices):
            grid.addWidget(self.run_titles[run], 0, run)
            grid.addWidget(m, 1, run)
            grid.setColumnStretch(run, 1)
        grid.setRowStretch(1, 1)
        return box

    def _context_changed(self) -> None:
        self._evaluations = [None, None]
        ds = self.ctx.dataset
        self.gallery.set_images(None if ds is None else ds.test_images)
        for m in self.matrices:
            m.selected = None
        pair = self.runs is not None
        self.matrix_b.setVisible(pair)
        for t in self.run_titles:
            t.setVisible(pair)
        for m in self.matrices:  # two must fit beside each other and the gallery
            m.setMinimumSize(*((PAIR_MIN, PAIR_MIN) if pair else (MATRIX_MIN, MATRIX_MIN)))
            m.setEnabled(True)
        self.stack.setCurrentIndex(0)

    @property
    def names(self) -> tuple[str, ...]:
        return class_names(self.ctx)

    def counts(self, run: int = 0) -> np.ndarray:
        """The counts shown (rows true, columns predicted); run 1: B's while comparing."""
        return self.matrices[run].counts.copy()

    def _wanted(self, snap: Snapshot) -> list[Evaluation | None]:
        """The evaluations to show: the snapshot's, or runs A's and B's newest."""
        if self.runs is None:
            return [snap.evaluation, None]
        return [None if s is None else s.evaluation for s in self.runs.snapshots()]

    def _render(self, snap: Snapshot) -> None:
        wanted = self._wanted(snap)
        if all(a is b for a, b in zip(wanted, self._evaluations, strict=True)):
            return  # nothing new since the last evaluation
        self._evaluations = wanted
        if all(ev is None for ev in wanted):
            self.heading.setText(self.title)
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        for m, ev in zip(self.matrices, wanted, strict=True):
            m.set_counts(np.zeros((len(self.names),) * 2, np.int64) if ev is None
                         else ev.confusion(), self.names)
        if self.runs is None:
            ev = wanted[0]
            assert ev is not None
            self.heading.setText(self.tr(
                "Confusion matrix \u2014 test accuracy {0:.2f}% ({1} images, {2})").format(
                    100 * ev.accuracy, len(ev.labels), evaluated_when(ev)))
        else:
            self._title_runs(self.runs.labels, wanted)
        selected = self.matrices[self._run].selected
        if selected is not None:
            self.select_cell(*selected, self._run)

    def _title_runs(self, labels: tuple[str, str], evs: list[Evaluation | None]) -> None:
        """Each matrix under its run's label, in the run's colour on the curves."""
        parts = []
        for run, (label, ev) in enumerate(zip(labels, evs, strict=True)):
            if ev is None:
                text = self.tr("{0}: no test-set evaluation yet").format(label)
            else:
                text = self.tr("{0}: test accuracy {1:.2f}% ({2})").format(
                    label, 100 * ev.accuracy, evaluated_when(ev))
                parts.append(f"{'AB'[run]} {100 * ev.accuracy:.2f}%")
            colour = pg.mkColor(RUN_COLOURS[run]).name()
            self.run_titles[run].setText(f"<b style='color:{colour}'>{text}</b>")
            self.matrices[run].setEnabled(ev is not None)
        self.heading.setText(self.tr("Confusion matrices \u2014 {0}").format(
            " \u00b7 ".join(parts)))

    def select_cell(self, true: int, predicted: int, run: int = 0) -> None:
        """Show the test images of one cell (of run A's or B's matrix) in the gallery."""
        ev = self._evaluations[run]
        if ev is None:
            return
        self._run = run
        for i, m in enumerate(self.matrices):
            m.selected = (true, predicted) if i == run else None
            m.update()
        idx = np.flatnonzero((ev.labels == true) & (ev.predictions == predicted))
        conf = ev.probabilities
        names = self.names
        tip = self.tr("test image #{0}: {1} with {2:.1f}% confidence \u2014 click to probe it")
        self.gallery.set_items(
            idx, caption=lambda i: f"{100 * conf[i, predicted]:.0f}%",
            tooltip=lambda i: tip.format(i, names[predicted], 100 * conf[i, predicted]))
        what = (self.tr("correctly classified") if true == predicted
                else self.tr("predicted {0}").format(names[predicted]))
        text = self.tr(
            "<b>True {0}, {1}: {2} images</b> (confidence under each). Click one to make it "
            "the probe image.").format(names[true], what, idx.size)
        if self.runs is not None:
            text = f"<b>{self.runs.labels[run]}</b> \u2014 {text}"
        self.gallery_caption.setText(text)

    def _refresh(self) -> None:
        if self.runs is not None:
            self.runs.request_evaluation()  # both runs
        else:
            self.ctx.request_evaluation()

    def _probe(self, index: int) -> None:
        self.ctx.set_probe_index(index)
