"""Compare: run B trains beside the window's run A, one option changed.

"Compare with…" leaves run A as it is (it goes on training from its step, its history and
timeline kept) and starts run B beside it with the same data, seed and shuffling, from A's
initial weights where it can (`compare_start` says where B starts). B gets a
`TrainingSession` of its own, so each run trains in its own process. The views show one
run at a time for the same probe (the A/B toggle, key B), but the curves and the gradient
health overlay both runs, and the confusion matrices sit side by side. The timeline covers
both runs' steps and scrubs the run shown; a step that run has not reached yet is a note,
never another step's network. One run diverging leaves the other running; Stop, Start,
Pause and Reset go to the run(s) "Apply to" names.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QDialog

from engine import (
    FROM_OWN,
    Change,
    History,
    LenetError,
    NetworkConfig,
    Pair,
    RunState,
    Snapshot,
    Timeline,
    TrainerProtocol,
)

from ..insights import InsightView
from ..insights.runs import RunPair
from ..session import TrainingSession
from ..training_worker import TrainingWorker
from . import compare_start
from .compare_bar import CompareBar, NotReachedNote
from .compare_curves import RunBCurves
from .compare_dialog import CompareDialog, run_label

if TYPE_CHECKING:
    from .main_window import MainWindow


class _Relay(QObject):
    """Carries B's evaluation from its thread to the GUI thread (queued signal)."""

    done = Signal(object)


class CompareController(QObject):
    """Owns run B (its session, worker and curves) while a comparison is on."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.pair: Pair | None = None
        self.origin: compare_start.Origin | None = None  # where B started (Reset B)
        self.start_note = ""  # where B started, in words
        self.session_b: TrainingSession | None = None
        self.worker_b: TrainingWorker | None = None
        self.showing = "A"
        self.latest: dict[str, Snapshot] = {}
        self.bar = CompareBar()
        self.bar.hide()
        self.bar.group.idClicked.connect(lambda i: self.set_showing("AB"[i]))
        self.bar.end.clicked.connect(self.end)
        self.curves: RunBCurves | None = None  # once the window has its curves
        self.note: NotReachedNote | None = None
        self._eval_thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_b_evaluated)
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
        """Put "Compare with…" into the Training menu, the bar under the probe bar."""
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
        self.curves = RunBCurves(self.w.curves)
        self.note = NotReachedNote(self.w.tabs)

    @property
    def active(self) -> bool:
        return self.pair is not None

    def label(self, which: str) -> str:
        return "" if self.pair is None else run_label(self.pair, which)

    # ---- starting and ending ----

    def open_dialog(self) -> None:
        w = self.w
        local = w.training.local
        try:
            net, train = ((w.controls.network_config(), w.controls.train_config())
                          if local is None else (local.net.config, local.config))
        except LenetError as exc:
            w.show_error(self.tr("Cannot compare"), str(exc))
            return
        dialog = CompareDialog(net, train, w, note=compare_start.dialog_note(w))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.change() is not None:
            change = dialog.change()
            assert change is not None
            self.start(change)

    def start(self, change: Change, steps: int = 0) -> bool:
        """Start run B with `change` beside run A, the window's run, which goes on from
        where it is (started too if it was not training). steps > 0: B trains that many
        batches, then stays paused, and A is left as it is."""
        w = self.w
        if w.dataset is None or w.training.local is None:
            w.show_error(self.tr("Cannot compare"), self.tr("no data is loaded yet"))
            return False
        self.end()
        try:
            origin = compare_start.a_origin(w)  # before A goes on: its beginning, or now
        except (LenetError, TimeoutError) as exc:
            w.show_error(self.tr("Cannot compare"), str(exc))
            return False
        a_step = 0 if w.trainer is None else w.trainer.step_count
        if steps == 0 and not w.training.worker_alive():
            w.start()  # A goes on from its step (a Start, not a Reset), the controls applied
        try:  # B takes A's options as A trains with them now
            branch = compare_start.branch_from(w, origin, change)
        except LenetError as exc:
            w.show_error(self.tr("Cannot compare"), str(exc))
            return False
        local = w.training.local
        assert local is not None
        self.pair = Pair(local, branch.b, change, branch.start != FROM_OWN)
        self.origin = origin
        self.start_note = compare_start.start_text(branch, change, a_step)
        assert self.curves is not None
        self.curves.add(self.label("B"))
        self.bar.label.setText(self.tr("A: {0} · B: {1} (pink on the curves)").format(
            self.label("A"), self.label("B")))
        self.bar.label.setToolTip(self.start_note)
        self.bar.show()
        self._set_toggle("A")
        w.statusBar().showMessage(self.start_note, 15000)
        self._tell_views(RunPair((self.label("A"), self.label("B")),
                                 self._snapshots, self.request_evaluation))
        self._start_b(steps)
        return True

    def _start_b(self, steps: int = 0) -> None:
        assert self.pair is not None
        self._wait_for_evaluation()  # B's own evaluation reads the same network
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
        self.pair = self.origin = None
        self.latest.pop("B", None)
        if self.curves is not None:
            self.curves.remove()
        self.bar.hide()
        self.hide_not_reached()
        self._tell_views(None)
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

    # ---- what the window and the timeline ask ----

    def trainer_b(self) -> TrainerProtocol | None:
        worker = self.worker_b
        if worker is not None and worker.is_alive():
            return worker.trainer
        return None if self.pair is None else self.pair.b

    def timeline(self) -> Timeline | None:
        """The timeline of the run shown when that is B (None: the window's own)."""
        trainer = self.trainer_b() if self.showing == "B" else None
        return None if trainer is None else trainer.timeline

    def timelines(self) -> tuple[Timeline, ...]:
        """Both runs' timelines while comparing (the slider covers both); else none."""
        if self.pair is None:
            return ()
        runs = (self.w.trainer, self.trainer_b())
        return tuple(t for t in (None if r is None else r.timeline for r in runs)
                     if t is not None)

    def reached(self) -> int | None:
        """The step the run shown has reached, while comparing (None: not comparing)."""
        if self.pair is None:
            return None
        trainer = self.trainer_b() if self.showing == "B" else self.w.trainer
        return None if trainer is None else trainer.step_count

    def longest_history(self) -> History | None:
        """The history of the run further on (for the curves' cursor)."""
        histories = [s.history for s in self.latest.values()]
        return max(histories, key=lambda h: len(h.batch_loss), default=None)

    def show_not_reached(self, step: int, reached: int) -> None:
        """The timeline is on `step` and the run shown is only at `reached`."""
        if self.note is None or self.pair is None:
            return
        which, other = (("B", "A") if self.showing == "B" else ("A", "B"))
        self.note.show_note(self.tr(
            "<b>Run {0} has not reached step {1} yet.</b><br>It is at step {2}. Scrub back "
            "to step {2} or earlier, show run {3} (key B), or press Live.").format(
            self.label(which), step, reached, other))

    def hide_not_reached(self) -> None:
        if self.note is not None:
            self.note.hide()

    def network_config(self) -> NetworkConfig | None:
        """The network config of the run shown, None: the window's network's."""
        if self.showing == "B" and self.pair is not None:
            return self.pair.b.net.config
        return None

    def curves_snapshot(self, shown: Snapshot) -> Snapshot | None:
        """Whose history the window's own curves draw: run A's while comparing, whichever
        run the views show (B has its own curves, in its colour, over A's)."""
        if self.pair is None or self.showing == "A":
            return shown
        return self.latest.get("A")

    def show_a(self, snap: Snapshot) -> None:
        """A snapshot of the window's run (A)."""
        self.latest["A"] = snap
        if self.showing == "A":
            self.w.timeline.show_live(snap)
        elif self.pair is not None:
            self._refresh_views()  # B is shown: the views that draw both still follow A

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
        else:
            self._refresh_views()

    # ---- the views that draw both runs ----

    def _snapshots(self) -> tuple[Snapshot | None, Snapshot | None]:
        return self.latest.get("A"), self.latest.get("B")

    def _tell_views(self, runs: RunPair | None) -> None:
        for view in self.w.insight_views:
            if view.draws_both_runs:
                view.set_runs(runs)

    def _refresh_views(self) -> None:
        current = self.w.tabs.currentWidget()
        if isinstance(current, InsightView) and current.draws_both_runs:
            current.runs_changed()

    def request_evaluation(self) -> None:
        """Evaluate both runs' test sets: A as the window does, B in its training process
        while it runs, else on a thread of its own (never on the GUI thread)."""
        self.w.training.request_evaluation()
        worker = self.worker_b
        if worker is not None and worker.is_alive():
            worker.trainer.request_evaluation()
            worker.wake()
            return
        if self.pair is None or (self._eval_thread is not None
                                 and self._eval_thread.is_alive()):
            return
        b, relay = self.pair.b, self._relay

        def work() -> None:
            try:
                b.evaluate()
                result: object = b
            except Exception as exc:  # noqa: BLE001 - reported in the window
                result = exc
            with contextlib.suppress(RuntimeError):  # the window is gone
                relay.done.emit(result)

        self._eval_thread = threading.Thread(target=work, name="lenet-evaluate-b",
                                             daemon=True)
        self._eval_thread.start()

    def _wait_for_evaluation(self, timeout: float = 30.0) -> None:
        thread, self._eval_thread = self._eval_thread, None
        if thread is not None:
            thread.join(timeout)

    @Slot(object)
    def _on_b_evaluated(self, result: object) -> None:
        self._eval_thread = None
        if isinstance(result, Exception):
            self.w.show_error(self.tr("Could not evaluate run B's test set"), str(result))
        elif self.pair is not None and result is self.pair.b and self.worker_b is None:
            self._show_b(self.pair.b.snapshot(*self.w.probe()))

    # ---- Start, Pause, Stop, Reset ----

    def route(self, action: str) -> bool:
        """A control while comparing: do B's part; True when A must not act."""
        if self.pair is None:
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
        """Fresh runs, ready to start: A a fresh network of its configuration; B from where
        it started, or from the fresh A's initial weights when both are reset."""
        pair, w = self.pair, self.w
        assert pair is not None
        if target in ("A", "both"):
            w.training.stop_worker()
            local = w.training.local
            assert local is not None
            w.net = w.build_network(local.net.config)
            w.training.new_trainer(config=local.config)
            assert w.training.local is not None
            pair.a = w.training.local
            self.latest.pop("A", None)
        if target in ("B", "both"):
            self._stop_b()
            self._wait_for_evaluation()
            if target == "both" or self.origin is None:
                self.origin = compare_start.a_initial(w)
            try:
                pair.b = compare_start.branch_from(w, self.origin, pair.change).b
            except LenetError as exc:
                w.show_error(self.tr("Cannot reset run B"), str(exc))
            self.latest.pop("B", None)
            if self.curves is not None:
                self.curves.clear()
        if self.showing == "B" and target != "A":
            w.timeline.switch_run(pair.b.snapshot(*w.probe()))
        else:
            w.render_now()
        self._refresh_views()
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
        if self.curves is not None:
            self.curves.update(snap)
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
                    self.label("B"), b.message or ""), "error")
        final = b.snapshot(*self.w.probe())
        if self.curves is not None:
            self.curves.update(final, force=True)
        self._show_b(final)

    @Slot(str)
    def _on_b_failed(self, text: str) -> None:
        if self.sender() is not self.worker_b:
            return
        self.worker_b = None
        last = text.strip().splitlines()[-1] if text.strip() else self.tr("unknown error")
        self.w.show_error(self.tr("Run B failed"), last)
