"""Compare: run B trains beside the window's run A, one option changed.

"Compare with…" builds an `engine.Pair` (same data and seed, the same initial weights where
the networks allow) and makes A the window's trainer; B gets a `TrainingSession` of its
own, so each run trains in its own process (`lenet_gui.session` decides process or thread).
The views show one run at a time for the same probe (the A/B toggle, key B); the curves
overlay B's loss and test accuracy; the timeline scrubs the run shown, and toggling keeps
the step. One run diverging leaves the other running; Stop, Start, Pause and Reset go to
the run(s) "Apply to" names.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from engine import (
    Change,
    LenetError,
    NetworkConfig,
    Pair,
    RunState,
    Snapshot,
    Timeline,
    TrainerProtocol,
    build_pair,
)

from ..curves import ema
from ..session import TrainingSession
from ..training_worker import TrainingWorker
from .compare_dialog import CompareDialog

if TYPE_CHECKING:
    from .main_window import MainWindow

B_COLOUR = (225, 40, 120)  # run B on the curves: pink (the learning rate is purple)
CURVE_INTERVAL = 0.33  # seconds between redraws of B's curves while it trains


class CompareBar(QWidget):
    """Which run the views show, which run the controls act on, and End comparison."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
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


class CompareController(QObject):
    """Owns run B (its session, worker and curves) while a comparison is on."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.pair: Pair | None = None
        self.session_b: TrainingSession | None = None
        self.worker_b: TrainingWorker | None = None
        self.showing = "A"
        self._starting = False
        self.latest: dict[str, Snapshot] = {}
        self.bar = CompareBar()
        self.bar.hide()
        self.bar.group.idClicked.connect(lambda i: self.set_showing("AB"[i]))
        self.bar.end.clicked.connect(self.end)
        self._curves: list[pg.PlotDataItem] = []
        self._ema: tuple[np.ndarray, tuple[float, int]] = (np.zeros(0), (0.0, 0))
        self._curve_time = 0.0
        self.action = QAction(self.tr("&Compare with…"), window)
        self.action.setToolTip(self.tr("Train a second run beside this one, one option "
                                       "changed"))
        self.action.triggered.connect(self.open_dialog)
        self.toggle = QAction(self.tr("Switch between runs A and B"), window)
        self.toggle.setShortcut(QKeySequence("B"))
        self.toggle.triggered.connect(lambda: self.set_showing(
            "B" if self.showing == "A" else "A"))
        window.addAction(self.toggle)

    def install(self) -> None:
        """Put "Compare with…" into the Training menu."""
        start = self.w.actions_by_name["start"]
        for action in self.w.menuBar().actions():
            menu = action.menu()
            if menu is not None and start in menu.actions():  # type: ignore[attr-defined]
                menu.addSeparator()  # type: ignore[attr-defined]
                menu.addAction(self.action)  # type: ignore[attr-defined]
        bar = self.w.probe_bar
        parent = bar.parentWidget()
        layout = None if parent is None else parent.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(layout.indexOf(bar) + 1, self.bar)

    @property
    def active(self) -> bool:
        return self.pair is not None

    def label(self, which: str) -> str:
        return "" if self.pair is None else self.pair.label(which)

    # ---- starting and ending ----

    def open_dialog(self) -> None:
        w = self.w
        try:
            net, train = w.controls.network_config(), w.controls.train_config()
        except LenetError as exc:
            w.show_error(self.tr("Cannot compare"), str(exc))
            return
        dialog = CompareDialog(net, train, w)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.change() is not None:
            change = dialog.change()
            assert change is not None
            self.start(change)

    def start(self, change: Change) -> bool:
        """Start A (the window's run, afresh) and B (with `change`) side by side."""
        w = self.w
        if w.dataset is None:
            w.show_error(self.tr("Cannot compare"), self.tr("no data is loaded yet"))
            return False
        self.end()
        try:
            pair = build_pair(w.controls.network_config(), w.controls.train_config(), change,
                              w.dataset, timeline_budget=w.timeline.budget)
        except LenetError as exc:
            w.show_error(self.tr("Cannot compare"), str(exc))
            return False
        w.training.stop_worker()
        self.pair = pair
        w.net = pair.a.net
        w.layout_views()
        w.training.trainer = pair.a
        w.curves.clear()
        w.scheduler.latest = None
        self._add_curves(pair.label("B"))
        self.bar.label.setText(self.tr("A: {0} · B: {1} (pink on the curves)").format(
            pair.label("A"), pair.label("B")))
        self.bar.show()
        self._set_toggle("A")
        self._start_b()
        self._starting = True  # A starts now whatever "Apply to" says
        try:
            w.start()
        finally:
            self._starting = False
        return True

    def _start_b(self, steps: int = 0) -> None:
        assert self.pair is not None
        if self.session_b is None:
            self.session_b = TrainingSession()
        x, label = self.w.probe()
        worker = self.session_b.worker(self.pair.b, x, label)
        worker.snapshotReady.connect(self._on_b_snapshot)
        worker.finished.connect(self._on_b_finished)
        worker.failed.connect(self._on_b_failed)
        self.worker_b = worker
        worker.start(steps=steps)

    def end(self) -> None:
        """Back to one run: B stops and goes; A stays the window's run."""
        if self.pair is None:
            return
        self._stop_b()
        if self.session_b is not None:
            self.session_b.close()
            self.session_b = None
        self.pair = None
        self.latest.pop("B", None)
        for item in self._curves:
            with contextlib.suppress(Exception):  # the plot may be gone already
                item.getViewBox().removeItem(item)
                self.w.curves.loss_plot.getPlotItem().legend.removeItem(item)
                self.w.curves.acc_plot.getPlotItem().legend.removeItem(item)
        self._curves = []
        self.bar.hide()
        if self.showing == "B":
            self.set_showing("A")

    def close(self) -> None:
        """The window closes: nothing waits."""
        worker, self.worker_b = self.worker_b, None
        if worker is not None:
            worker.abandon()
        if self.session_b is not None:
            self.session_b.close()

    def _stop_b(self) -> None:
        worker, self.worker_b = self.worker_b, None
        if worker is not None:
            worker.close()
            worker.stop(2.0)

    # ---- what the window asks ----

    def trainer_b(self) -> TrainerProtocol | None:
        worker = self.worker_b
        if worker is not None and worker.is_alive():
            return worker.trainer
        return None if self.pair is None else self.pair.b

    def timeline(self) -> Timeline | None:
        """The timeline of the run shown when that is B (None: the window's own)."""
        trainer = self.trainer_b() if self.showing == "B" else None
        return None if trainer is None else trainer.timeline

    def network_config(self) -> NetworkConfig | None:
        """The network config of the run shown, None: the window's network's."""
        if self.showing == "B" and self.pair is not None:
            return self.pair.b.net.config
        return None

    def show_a(self, snap: Snapshot) -> None:
        """A snapshot of the window's run (A)."""
        self.latest["A"] = snap
        if self.showing == "A":
            self.w.timeline.show_live(snap)

    def follow_probe(self) -> None:
        """The probe changed (or the window re-renders): run B shows it too."""
        pair, worker = self.pair, self.worker_b
        if pair is None:
            return
        x, label = self.w.probe()
        if worker is not None and worker.is_alive():
            worker.set_probe(x, label)
            return
        self._show_b(pair.b.snapshot(x, label))

    def _show_b(self, snap: Snapshot) -> None:
        self.latest["B"] = snap
        if self.showing == "B":
            self.w.timeline.show_live(snap)
            self.w.render_if_dirty()

    def route(self, action: str) -> bool:
        """A control while comparing: do B's part; True when A must not act."""
        if self.pair is None or self._starting:
            return False
        target = str(self.bar.apply_to.currentData())
        if action == "reset":
            self._reset(target)
            return True
        if target in ("B", "both"):
            self._act_on_b(action)
        return target == "B"

    def _act_on_b(self, action: str) -> None:
        assert self.pair is not None
        worker = self.worker_b
        alive = worker is not None and worker.is_alive()
        if action == "stop":
            self._stop_b()
        elif action == "pause" and alive:
            assert worker is not None
            if worker.trainer.paused:
                worker.trainer.resume()
            else:
                worker.trainer.pause()
        elif action == "start":
            if alive:
                assert worker is not None
                worker.trainer.resume()
            elif not self.pair.b.done:
                self._start_b()

    def _reset(self, target: str) -> None:
        """Fresh runs (A, B or both) from the pair's initial weights, ready to start."""
        pair, w = self.pair, self.w
        assert pair is not None
        fresh = build_pair(pair.a.net.config, pair.a.config, pair.change, pair.a.dataset,
                           timeline_budget=w.timeline.budget)
        if target in ("B", "both"):
            self._stop_b()
            pair.b = fresh.b
            self.latest.pop("B", None)
            self._ema = (np.zeros(0), (0.0, 0))
            for item in self._curves:
                item.setData([], [])
        if target in ("A", "both"):
            w.training.stop_worker()
            pair.a = fresh.a
            w.net = fresh.a.net
            w.training.trainer = fresh.a
            self.latest.pop("A", None)
            w.curves.clear()
            w.scheduler.latest = None
        if self.showing == "B" and target != "A":
            w.timeline.switch_run(pair.b.snapshot(*w.probe()))
        else:
            w.render_now()
        w.update_actions()

    # ---- showing A or B ----

    def _set_toggle(self, which: str) -> None:
        (self.bar.show_a if which == "A" else self.bar.show_b).setChecked(True)

    def set_showing(self, which: str) -> None:
        """Show run A or B in every view (the timeline keeps its step)."""
        if which == "B" and self.pair is None:
            return
        if which == self.showing:
            self._set_toggle(which)
            return
        self.showing = which
        self._set_toggle(which)
        w = self.w
        net = w.net if which == "A" or self.pair is None else self.pair.b.net
        assert net is not None
        names = w.dataset.class_names if w.dataset is not None else None
        w.network_view.set_layers(net.layers, net.config.input_size, names)
        if w.pad is not None:
            w.pad.set_network_config(net.config)
        live = self.latest.get(which)
        if live is None and which == "B" and self.pair is not None:
            live = self.pair.b.snapshot(*w.probe())  # B has not sent one yet
        w.timeline.switch_run(live)

    # ---- run B's signals ----

    @Slot(object)
    def _on_b_snapshot(self, snap: Snapshot) -> None:
        if self.sender() is not self.worker_b:
            return
        self._update_curves(snap)
        self._show_b(snap)

    @Slot(str)
    def _on_b_finished(self, state: str) -> None:
        worker = self.worker_b
        if worker is None or self.sender() is not worker or self.pair is None:
            return
        worker.join(1.0)
        self.worker_b = None
        b = self.pair.b
        if state == RunState.DIVERGED:
            self.w.banner.show_message(
                self.tr("<b>Run B ({0}) diverged.</b> {1} Run A goes on.").format(
                    self.pair.label("B"), b.message or ""), "error")
        final = b.snapshot(*self.w.probe())
        self._update_curves(final, force=True)
        self._show_b(final)

    @Slot(str)
    def _on_b_failed(self, text: str) -> None:
        if self.sender() is not self.worker_b:
            return
        self.worker_b = None
        last = text.strip().splitlines()[-1] if text.strip() else self.tr("unknown error")
        self.w.show_error(self.tr("Run B failed"), last)

    # ---- B on the curves ----

    def _add_curves(self, label: str) -> None:
        lp = self.w.curves.loss_plot.getPlotItem()
        ap = self.w.curves.acc_plot.getPlotItem()
        self._loss = lp.plot(pen=pg.mkPen(B_COLOUR, width=2),
                             name=self.tr("{0} smoothed").format(label))
        self._test = ap.plot(pen=pg.mkPen(B_COLOUR, width=2, style=Qt.PenStyle.DashLine),
                             symbol="s", symbolSize=6, symbolBrush=B_COLOUR, symbolPen=None,
                             name=self.tr("{0} test").format(label))
        self._curves = [self._loss, self._test]
        self._ema = (np.zeros(0), (0.0, 0))

    def _update_curves(self, snap: Snapshot, force: bool = False) -> None:
        now = time.monotonic()
        if not self._curves or (not force and now - self._curve_time < CURVE_INTERVAL):
            return
        self._curve_time = now
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

