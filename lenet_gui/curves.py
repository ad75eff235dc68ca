"""Training curves: loss per batch (raw, faint, and smoothed; log axis by default) with the
learning rate each batch used on a second axis, and accuracy per epoch."""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine import History

from .plot_style import EMA, LR, RAW, TEST, TRAIN, LogAxis

EMA_ALPHA = 0.05  # weight of the newest batch in the smoothed loss


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


class CurvesWidget(QWidget):
    """Two plots side by side; `update_history` is cheap when nothing changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._acc_floor: float | None = None
        self._running_key: tuple[float | None, float | None] | None = None
        pg_opts = {"background": "w"}
        self.loss_plot = pg.PlotWidget(axisItems={"left": LogAxis("left")}, **pg_opts)
        self.acc_plot = pg.PlotWidget(**pg_opts)
        for w in (self.loss_plot, self.acc_plot):
            w.setMinimumHeight(150)
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
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self._loss_column(), 3)
        lay.addWidget(self.acc_plot, 2)
        self.clear()

    def _build_loss_plot(self) -> None:
        lp = self.loss_plot.getPlotItem()
        lp.setLabel("bottom", self.tr("epoch"))
        lp.setLabel("left", self.tr("loss J"))
        lp.addLegend(offset=(-10, 10), labelTextColor="#202020", brush=(255, 255, 255, 200))
        lp.setClipToView(True)
        lp.setDownsampling(auto=True, mode="peak")
        self.raw_curve = lp.plot(pen=pg.mkPen(RAW, width=1), name=self.tr("per batch"),
                                 connect="finite")
        self.ema_curve = lp.plot(pen=pg.mkPen(EMA, width=2), name=self.tr("smoothed (EMA)"),
                                 connect="finite")
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
        lp.legend.addItem(self.lr_curve, self.tr("learning rate (right axis)"))
        lp.vb.sigResized.connect(self._sync_lr_view)
        self._apply_log_scale(True)

    def _sync_lr_view(self) -> None:
        self.lr_view.setGeometry(self.loss_plot.getPlotItem().vb.sceneBoundingRect())

    def _loss_column(self) -> QVBoxLayout:
        """The loss plot under its title and the log-axis switch."""
        title = QLabel(self.tr("training loss per batch"))
        title.setStyleSheet("color: #202020;")
        self.log_check = QCheckBox(self.tr("log scale"))
        self.log_check.setChecked(True)
        self.log_check.setToolTip(self.tr(
            "A logarithmic loss axis: the first batches' large loss does not flatten the rest"))
        self.log_check.toggled.connect(self.set_log_scale)
        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 0)
        row.addStretch(1)
        row.addWidget(title)
        row.addStretch(1)
        row.addWidget(self.log_check)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(row)
        column.addWidget(self.loss_plot, 1)
        return column

    def _build_accuracy_plot(self) -> None:
        ap = self.acc_plot.getPlotItem()
        train_name, test_name = self.tr("train (epoch)"), self.tr("test (epoch)")
        running_name = self.tr("train, this epoch so far")
        # the keys in a legend inside the plot, at the bottom right where accuracy curves
        # rarely go: a title with them was cut off in a 1024 px window
        ap.addLegend(offset=(-10, -30), labelTextColor="#202020", brush=(255, 255, 255, 200))
        ap.setLabel("bottom", self.tr("epoch"))
        ap.setLabel("left", self.tr("accuracy"), units="%")
        ap.getAxis("left").enableAutoSIPrefix(False)
        self.train_curve = ap.plot(pen=pg.mkPen(TRAIN, width=2), symbol="o", symbolSize=6,
                                   symbolBrush=TRAIN, symbolPen=None, name=train_name)
        self.test_curve = ap.plot(pen=pg.mkPen(TEST, width=2), symbol="s", symbolSize=6,
                                  symbolBrush=TEST, symbolPen=None, name=test_name)
        running = pg.mkColor(TRAIN)
        running.setAlpha(150)
        self.running_curve = ap.plot(pen=None, symbol="t", symbolSize=9, symbolBrush=running,
                                     symbolPen=None, name=running_name)

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
