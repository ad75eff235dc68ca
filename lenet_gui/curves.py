"""Training curves: loss per batch (raw, faint, and smoothed; log axis by default) with the
learning rate each batch used on a second axis, and accuracy per epoch."""

from __future__ import annotations

import time
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine import History

from .plot_style import EMA, LR, RAW, TEST, TRAIN, LogAxis, RoomyAxis

EMA_ALPHA = 0.05  # weight of the newest batch in the smoothed loss
# a plot still reads (its ticks, its keys in a row) at this height; low enough that the curves
# and the timeline bar fit a 1024x700 window's Curves dock (what the Confusion tab leaves)
PLOT_MIN_H = 100
AXIS_LABEL_AIR = 8  # pixels a side axis' title needs beyond its text, or it is cut
# a curve's key: its colour (a CSS name or RGBA), its mark, its name
Key = tuple[str | tuple[int, int, int, int], str, str]


def ema(values: np.ndarray, alpha: float = EMA_ALPHA,
        state: tuple[float, int] = (0.0, 0)) -> tuple[np.ndarray, tuple[float, int]]:
    """Bias-corrected exponential moving average (it follows the first batches instead of
    lagging from the first value). `state` continues a previous run; returns (ema, state)."""
    out = np.empty(len(values), dtype=np.float64)
    acc, n = state
    for i, v in enumerate(values):
        acc = (1 - alpha) * acc + alpha * float(v)
        n += 1
        out[i] = acc / (1 - (1 - alpha) ** n)
    return out, (acc, n)


def _positive(v: np.ndarray) -> np.ndarray:
    """Values for a log axis: zero, negative and non-finite losses become gaps (NaN)."""
    return np.where(np.isfinite(v) & (v > 0), v, np.nan)


def fit_axis_titles(plot: pg.PlotWidget) -> None:
    """A side axis' title only where it fits the axis' height (a short plot's would be
    cut); the plot's title row and keys say what is plotted anyway."""
    item = plot.getPlotItem()
    for side in ("left", "right"):
        axis = item.getAxis(side)
        if axis.isVisible() and axis.labelText:
            fits = axis.label.boundingRect().width() + AXIS_LABEL_AIR <= axis.height()
            if axis.label.isVisible() != fits:
                axis.showLabel(fits)


def _css(colour: str | tuple[int, int, int, int]) -> str:
    if isinstance(colour, str):
        return colour
    r, g, b, a = colour
    return f"rgba({r},{g},{b},{max(a, 150) / 255:.2f})"  # a faint curve's key still reads


class PlotKeys(QLabel):
    """A plot's keys beside it, one a line: outside the plot they never cover a curve (a
    short plot has no room for a legend inside). `set_extra` adds other curves' keys (run
    B's, when compared) after the plot's own."""

    def __init__(self, keys: list[Key]) -> None:
        super().__init__()
        self.keys, self.extra = list(keys), list[Key]()
        self.setStyleSheet("background: white; color: #202020; padding: 0 8px 0 2px;")
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._write()

    def set_extra(self, keys: list[Key]) -> None:
        self.extra = list(keys)
        self._write()

    def names(self) -> list[str]:
        return [name for _colour, _mark, name in (*self.keys, *self.extra)]

    def _write(self) -> None:
        self.setText("<br>".join(f"<span style='color:{_css(colour)}'>{mark}</span>&nbsp;"
                                 f"{escape(name)}" for colour, mark, name in
                                 (*self.keys, *self.extra)))


def _titled(plot: QWidget, text: str, keys: PlotKeys, switch: QWidget | None = None,
            height: int = 0) -> QVBoxLayout:
    """A plot under a title row (its title centred, a switch at the right), its keys at
    its right: these, not a side axis' title, name what is plotted."""
    title = QLabel(text)
    title.setStyleSheet("color: #202020;")
    row = QHBoxLayout()
    row.setContentsMargins(6, 0, 6, 0)
    row.addStretch(1)
    row.addWidget(title)
    row.addStretch(1)
    if switch is not None:
        row.addWidget(switch)
    box = QWidget()
    box.setLayout(row)
    box.setFixedHeight(max(height, row.sizeHint().height()))
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(box)
    beside = QHBoxLayout()
    beside.setSpacing(0)
    beside.addWidget(plot, 1)
    beside.addWidget(keys)
    column.addLayout(beside, 1)
    return column


class CurvesWidget(QWidget):
    """Two plots side by side; `update_history` is cheap when nothing changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._acc_floor: float | None = None
        self._running_key: tuple[float | None, float | None] | None = None
        pg_opts = {"background": "w"}
        self.loss_plot = pg.PlotWidget(axisItems={"left": LogAxis("left"),
                                                  "right": RoomyAxis("right")}, **pg_opts)
        self.acc_plot = pg.PlotWidget(axisItems={"left": RoomyAxis("left")}, **pg_opts)
        for w in (self.loss_plot, self.acc_plot):
            w.setMinimumHeight(PLOT_MIN_H)
            item = w.getPlotItem()
            item.setMenuEnabled(False)
            for axis in ("left", "bottom"):
                item.getAxis(axis).setTextPen("#202020")
                item.getAxis(axis).setPen("#606060")
                item.getAxis(axis).enableAutoSIPrefix(False)
        self._build_loss_plot()
        self._build_accuracy_plot()
        # the step the timeline shows (hidden while live)
        self.cursors = [pg.InfiniteLine(angle=90, movable=False,
                                        pen=pg.mkPen((200, 30, 30), width=1.5))
                        for _ in range(2)]
        for plot, line in zip((self.loss_plot, self.acc_plot), self.cursors, strict=True):
            plot.getPlotItem().addItem(line, ignoreBounds=True)
            line.hide()
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().vb.sigResized.connect(lambda _vb, p=plot: fit_axis_titles(p))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self._loss_column(), 3)
        lay.addLayout(self._accuracy_column(), 2)
        self.clear()

    def _build_loss_plot(self) -> None:
        lp = self.loss_plot.getPlotItem()
        lp.setLabel("bottom", self.tr("epoch"))
        lp.setLabel("left", self.tr("loss J"))
        lp.setClipToView(True)
        lp.setDownsampling(auto=True, mode="peak")
        self.raw_curve = lp.plot(pen=pg.mkPen(RAW, width=1), connect="finite")
        self.ema_curve = lp.plot(pen=pg.mkPen(EMA, width=2), connect="finite")
        # the learning rate on its own (linear) axis at the right, sharing the epoch axis
        self.lr_view = pg.ViewBox(enableMenu=False)  # pyqtgraph's English menu: off
        lp.showAxis("right")
        right = lp.getAxis("right")
        right.linkToView(self.lr_view)
        right.setLabel(self.tr("learning rate"), color=LR)
        right.setTextPen(LR)
        right.setPen(LR)
        right.enableAutoSIPrefix(False)
        right.setStyle(showValues=True)
        lp.scene().addItem(self.lr_view)
        self.lr_view.setXLink(lp)
        self.lr_view.setMouseEnabled(x=False, y=False)
        self.lr_curve = pg.PlotDataItem(pen=pg.mkPen(LR, width=1.5,
                                                     style=Qt.PenStyle.DashLine),
                                        connect="finite")
        self.lr_view.addItem(self.lr_curve)
        lp.vb.sigResized.connect(self._sync_lr_view)
        self._apply_log_scale(True)

    def _sync_lr_view(self) -> None:
        self.lr_view.setGeometry(self.loss_plot.getPlotItem().vb.sceneBoundingRect())

    def _loss_column(self) -> QVBoxLayout:
        """The loss plot under its title and the log-axis switch."""
        self.log_check = QCheckBox(self.tr("log scale"))
        self.log_check.setChecked(True)
        self.log_check.setToolTip(self.tr(
            "A logarithmic loss axis: the first batches' large loss does not flatten the rest"))
        self.log_check.toggled.connect(self.set_log_scale)
        self.loss_keys = PlotKeys([(RAW, "\u2501", self.tr("per batch")),
                                   (EMA, "\u2501", self.tr("smoothed (EMA)")),
                                   (LR, "\u254c", self.tr("learning rate"))])
        return _titled(self.loss_plot, self.tr("training loss per batch"), self.loss_keys,
                       self.log_check)

    def _accuracy_column(self) -> QVBoxLayout:
        """The accuracy plot under its title, level with the loss plot (the same epochs)."""
        self.acc_keys = PlotKeys([(TRAIN, "\u25cf", self.tr("train")),
                                  (TEST, "\u25a0", self.tr("test")),
                                  ((*pg.mkColor(TRAIN).getRgb()[:3], 150), "\u25bc",
                                   self.tr("train so far"))])
        return _titled(self.acc_plot, self.tr("accuracy per epoch (%)"), self.acc_keys,
                       height=self.log_check.sizeHint().height())

    def _build_accuracy_plot(self) -> None:
        ap = self.acc_plot.getPlotItem()
        ap.setLabel("bottom", self.tr("epoch"))
        ap.setLabel("left", self.tr("accuracy"), units="%")
        ap.getAxis("left").enableAutoSIPrefix(False)
        self.train_curve = ap.plot(pen=pg.mkPen(TRAIN, width=2), symbol="o", symbolSize=6,
                                   symbolBrush=TRAIN, symbolPen=None)
        self.test_curve = ap.plot(pen=pg.mkPen(TEST, width=2), symbol="s", symbolSize=6,
                                  symbolBrush=TEST, symbolPen=None)
        running = pg.mkColor(TRAIN)
        running.setAlpha(150)
        self.running_curve = ap.plot(pen=None, symbol="t", symbolSize=9, symbolBrush=running,
                                     symbolPen=None)

    def log_scale(self) -> bool:
        return self.log_check.isChecked()

    def set_log_scale(self, on: bool) -> None:
        """A log (default) or linear loss axis."""
        if self.log_check.isChecked() != on:
            self.log_check.setChecked(on)  # comes back here through toggled
            return
        self._apply_log_scale(on)
        self.loss_plot.getPlotItem().enableAutoRange(axis="y")

    def _apply_log_scale(self, on: bool) -> None:
        lp = self.loss_plot.getPlotItem()
        lp.setLogMode(False, on)
        lp.getAxis("right").setLogMode(False, False)  # the learning rate stays linear

    min_interval = 0.33

    def _fit_accuracy_range(self, history: History, running_acc: float | None) -> None:
        """y from a bit below the lowest accuracy shown to 100 %: 97 % and 99 % must look
        different."""
        values = [100 * v for v in (*history.epoch_train_acc, *history.epoch_test_acc)
                  if v == v]
        if running_acc is not None:
            values.append(100 * running_acc)
        if not values:
            return
        floor = max(0.0, 10 * ((min(values) - 2) // 10))
        if floor != self._acc_floor:
            self._acc_floor = floor
            self.acc_plot.getPlotItem().setYRange(floor, 100, padding=0.02)

    def set_cursor(self, epoch: float | None) -> None:
        """Mark the epoch the timeline shows on both plots (None: no mark, live)."""
        for line in self.cursors:
            line.setVisible(epoch is not None)
            if epoch is not None:
                line.setValue(epoch)

    def clear(self) -> None:
        """No curves, and the axes of a run that has not started (Reset)."""
        self._acc_floor = None
        self._last_update = 0.0
        self._n_batches = 0
        self._n_epochs = -1
        self._ema = np.zeros(0)
        self._ema_state = (0.0, 0)
        self._running_key = None
        for c in (self.raw_curve, self.ema_curve, self.lr_curve, self.train_curve,
                  self.test_curve, self.running_curve):
            c.setData([], [])
        lp, ap = self.loss_plot.getPlotItem(), self.acc_plot.getPlotItem()
        lp.setXRange(0, 1, padding=0.02)
        lp.setYRange(-1, 0.5, padding=0) if self.log_scale() else lp.setYRange(0, 3, padding=0)
        lp.enableAutoRange()  # the next run's data sets the ranges again
        self.lr_view.enableAutoRange()
        ap.setYRange(0, 100, padding=0.02)
        ap.setXRange(0, 1, padding=0.02)

    def update_history(self, history: History, running_acc: float | None = None,
                       epoch_float: float | None = None, force: bool = False) -> None:
        """Redraw from a History; at most every `min_interval` s unless forced (the loss
        curve does not need 20 frames a second, and its axes are costly to repaint)."""
        now = time.monotonic()
        if not force and now - self._last_update < self.min_interval and \
                len(history.epoch_train_acc) == self._n_epochs:
            return
        self._last_update = now
        loss = np.asarray(history.batch_loss, dtype=np.float64)
        x = np.asarray(history.batch_epoch, dtype=np.float64)
        n = len(loss)
        if n < self._n_batches:  # a different run: start over
            self.clear()
        if n != self._n_batches:
            new, self._ema_state = ema(loss[len(self._ema):], state=self._ema_state)
            self._ema = np.concatenate([self._ema, new])
            self.raw_curve.setData(x, _positive(loss))
            self.ema_curve.setData(x, _positive(self._ema))
            lr = np.asarray(history.batch_lr, dtype=np.float64)
            if len(lr) == n:
                self.lr_curve.setData(x, lr)
            self._n_batches = n
        n_ep = len(history.epoch_train_acc)
        if n_ep != self._n_epochs:
            ep = np.arange(1, n_ep + 1, dtype=np.float64)
            self.train_curve.setData(ep, 100 * np.asarray(history.epoch_train_acc, float))
            test = np.asarray(history.epoch_test_acc, dtype=np.float64)
            ok = np.isfinite(test)
            self.test_curve.setData(ep[ok], 100 * test[ok])
            self._n_epochs = n_ep
            self._fit_accuracy_range(history, running_acc)
        if running_acc is not None and (self._acc_floor is None
                                        or 100 * running_acc < self._acc_floor):
            self._fit_accuracy_range(history, running_acc)
        key = (running_acc, epoch_float)
        if key != self._running_key:
            self._running_key = key
            if running_acc is not None and epoch_float is not None:
                self.running_curve.setData([epoch_float], [100 * running_acc])
            else:
                self.running_curve.setData([], [])
            last = max(1.0, float(epoch_float or 0), float(n_ep))
            self.acc_plot.getPlotItem().setXRange(0, last + 0.05 * last, padding=0)
