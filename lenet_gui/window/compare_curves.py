"""Run B on the curves: its smoothed loss and test accuracy over run A's, in B's colour,
named in the curves' keys with B's label."""

from __future__ import annotations

import contextlib
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from engine import Snapshot

from ..curves import CurvesWidget, ema
from ..plot_style import RUN_B

CURVE_INTERVAL = 0.33  # seconds between redraws of B's curves while it trains


class RunBCurves:
    """B's two curves on the window's curves widget; `update(snap)` is cheap and paced."""

    def __init__(self, curves: CurvesWidget) -> None:
        self.curves = curves
        self.items: list[pg.PlotDataItem] = []
        self._ema: tuple[np.ndarray, tuple[float, int]] = (np.zeros(0), (0.0, 0))
        self._time = 0.0

    def add(self, label: str) -> None:
        """B's curves, named after B's label ("B (activation=sigmoid) smoothed")."""
        self.remove()
        lp = self.curves.loss_plot.getPlotItem()
        ap = self.curves.acc_plot.getPlotItem()
        smoothed = QCoreApplication.translate("CompareController", "{0} smoothed")
        test = QCoreApplication.translate("CompareController", "{0} test")
        self._loss = lp.plot(pen=pg.mkPen(RUN_B, width=2))
        self._test = ap.plot(pen=pg.mkPen(RUN_B, width=2, style=Qt.PenStyle.DashLine),
                             symbol="s", symbolSize=6, symbolBrush=RUN_B, symbolPen=None)
        self.items = [self._loss, self._test]
        self.curves.loss_keys.set_extra([(RUN_B, "\u2501", smoothed.format(label))])
        self.curves.acc_keys.set_extra([(RUN_B, "\u25a0", test.format(label))])
        self.clear()

    def clear(self) -> None:
        """No data (run B was reset)."""
        self._ema = (np.zeros(0), (0.0, 0))
        for item in self.items:
            item.setData([], [])

    def remove(self) -> None:
        for item in self.items:
            with contextlib.suppress(Exception):  # the plot may be gone already
                item.getViewBox().removeItem(item)
        with contextlib.suppress(RuntimeError):  # the widget may be gone already
            self.curves.loss_keys.set_extra([])
            self.curves.acc_keys.set_extra([])
        self.items = []

    def update(self, snap: Snapshot, force: bool = False) -> None:
        now = time.monotonic()
        if not self.items or (not force and now - self._time < CURVE_INTERVAL):
            return
        self._time = now
        h = snap.history
        loss = np.asarray(h.batch_loss, dtype=np.float64)
        done, state = self._ema
        if len(loss) < len(done):
            done, state = np.zeros(0), (0.0, 0)
        new, state = ema(loss[len(done):], state=state)
        done = np.concatenate([done, new])
        self._ema = (done, state)
        self._loss.setData(np.asarray(h.batch_epoch, dtype=np.float64), done)
        test = np.asarray(h.epoch_test_acc, dtype=np.float64)
        epochs = np.arange(1, len(test) + 1, dtype=np.float64)
        ok = np.isfinite(test)
        self._test.setData(epochs[ok], 100 * test[ok])
