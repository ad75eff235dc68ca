"""Training control: Start, Pause, Step, Stop, Reset; the trainer and the worker thread that
runs it; test-set evaluations; snapshots arriving.

Where the run executes (a child process or the worker's thread) is `lenet_gui.session`'s
business. While a worker runs, `trainer` is its `engine.TrainerProtocol` (the controls and the
run's state); otherwise it is the window's own `Trainer`, which has the final state when a
run ends. While no worker thread is alive, the window may use the trainer directly (e.g. to
take a snapshot for a new probe image); a test-set evaluation then runs on a short-lived
thread of its own.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from engine import (
    ConfigError,
    History,
    LenetError,
    Network,
    RunState,
    Snapshot,
    Timeline,
    TrainConfig,
    Trainer,
    TrainerProtocol,
    TrainingProcess,
)

from .. import engine_texts
from ..session import TrainingSession
from ..training_worker import TrainingWorker

if TYPE_CHECKING:
    from .main_window import MainWindow


class _Relay(QObject):
    """Carries a result from a plain thread to the GUI thread (queued signal)."""

    done = Signal(object)


class TrainingController(QObject):
    """Runs the window's training and tells the window what happened."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self._trainer: Trainer | None = None
        self.worker: TrainingWorker | None = None
        self.session = TrainingSession()
        self._start_pending = False  # Start was pressed before the data came
        self._eval_thread: threading.Thread | None = None
        self._eval_relay = _Relay(self)
        self._eval_relay.done.connect(self._on_evaluated)

    # ------------------------------------------------------------------ trainer & process

    @property
    def trainer(self) -> TrainerProtocol | None:
        """The running worker's trainer, else the window's own Trainer (None without
        data)."""
        worker = self.worker
        if worker is not None and worker.is_alive():
            return worker.trainer
        return self._trainer

    @trainer.setter
    def trainer(self, trainer: Trainer | None) -> None:
        self._trainer = trainer

    @property
    def local(self) -> Trainer | None:
        """The window's own Trainer (the one a running worker trains, or last trained)."""
        return self._trainer

    def own_snapshot(self, x: np.ndarray, label: int | None) -> Snapshot | None:
        """A snapshot from the window's own trainer (no worker thread may be running)."""
        return None if self._trainer is None else self._trainer.snapshot(x, label)

    @property
    def process(self) -> TrainingProcess | None:
        """The training process, if one runs (None: training runs in a thread)."""
        return self.session.process

    def start_process_in_background(self) -> None:
        self.session.start_in_background()

    def worker_alive(self) -> bool:
        return self.worker is not None and self.worker.is_alive()

    def new_trainer(self, net: Network | None = None, config: TrainConfig | None = None,
                    history: History | None = None, step: int = 0,
                    optimizer_state: dict[str, Any] | None = None,
                    timeline: Timeline | None = None) -> None:
        """A trainer for the window's network and data (none without data), recording a
        timeline (a new one unless given)."""
        w = self.w
        self.stop_worker()
        w.files.drop_pending_report()
        if net is not None:
            w.net = net
        if w.dataset is None:
            self.trainer = None
            return
        assert w.net is not None
        config = config or w.controls.train_config()
        timeline = w.timeline.new_timeline() if timeline is None else timeline
        try:
            self.trainer = Trainer(w.net, w.dataset, config, history=history, step=step,
                                   optimizer_state=optimizer_state, timeline=timeline)
        except ConfigError as exc:
            w.show_error(self.tr("Cannot train"), str(exc))
            # without the optimiser state, and at most the default batch (one that fits)
            fallback = config.replace(batch_size=min(config.batch_size,
                                                     TrainConfig().batch_size))
            self.trainer = Trainer(w.net, w.dataset, fallback, history=history, step=step,
                                   timeline=timeline)
        w.curves.clear()
        w.scheduler.latest = None

    def _runnable_trainer(self) -> Trainer | None:
        """The trainer to run now: rebuilt from the controls when its settings changed or it
        ended (continuing from its step, history and optimiser state)."""
        tr = self._trainer  # no worker runs: the window's own
        if tr is None:
            return None
        wanted = self.w.controls.train_config()
        if tr.step_count == 0 and tr.state != RunState.DIVERGED:
            if wanted != tr.config:
                self.new_trainer(config=wanted)
            return self._trainer
        if tr.state in (RunState.READY, RunState.PAUSED) and wanted.replace(
                lr=tr.config.lr, momentum=tr.config.momentum) == tr.config:
            return tr
        # continue: same batch size (the step count is in batches), new epochs/augmentation
        config = wanted.replace(batch_size=tr.config.batch_size)
        history, step = tr.history, tr.step_count
        state = tr.optimizer.state_dict()
        assert self.w.net is not None and self.w.dataset is not None
        self.trainer = Trainer(self.w.net, self.w.dataset, config, history=history, step=step,
                               optimizer_state=state, timeline=tr.timeline)
        return self._trainer

    # ------------------------------------------------------------------ the controls

    def start(self) -> None:
        if self.w.compare.route("start"):  # comparing: run B's part, maybe B's only
            return
        if self.w.dataset is None:
            self._start_pending = True
            self.w.statusBar().showMessage(
                self.tr("Training starts as soon as the data is loaded."), 5000)
            return
        if self.worker_alive():
            self._live().resume()
            self.w.update_actions()
            return
        self._launch(steps=0)

    def start_if_pending(self) -> None:
        """The data has come: start if Start was pressed before."""
        if self._start_pending:
            self._start_pending = False
            self.start()

    def _live(self) -> TrainerProtocol:
        """The running worker's trainer."""
        assert self.worker is not None
        return self.worker.trainer

    def _launch(self, steps: int) -> None:
        w = self.w
        tr = self._runnable_trainer()
        if tr is None:
            return
        if tr.done:
            w.banner.show_message(
                self.tr("All {} epochs are done. Raise <b>Epochs</b> and press Start to train "
                        "on, or press Reset for a fresh network.").format(tr.config.epochs),
                "info")
            return
        if w.banner.kind in ("error",) and w.banner.isVisible():
            w.banner.hide()
        if tr.batch_size < tr.config.batch_size:
            n = len(tr.dataset.train_labels)
            w.statusBar().showMessage(
                self.tr("Batch size {0} is larger than the {1:,} training images; using {2}.")
                .format(tr.config.batch_size, n, tr.batch_size), 10000)
        self._wait_for_evaluation()  # a background evaluation reads the same network
        x, label = w.probes.probe()
        worker = self.session.worker(tr, x, label)
        worker.snapshotReady.connect(self._on_snapshot)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self.worker = worker
        worker.start(steps=steps)
        w.update_actions()

    def toggle_pause(self) -> None:
        if self.w.compare.route("pause"):
            self.w.update_actions()
            return
        if not self.worker_alive():
            self.w.update_actions()  # the checkable action already toggled itself
            return
        tr = self._live()
        if tr.paused:
            tr.resume()
        else:
            tr.pause()
        self.w.update_actions()

    def pause(self) -> None:
        if self.worker_alive():
            self._live().pause()
            self.w.update_actions()

    def resume(self) -> None:
        if self.worker_alive():
            self._live().resume()
            self.w.update_actions()

    def step(self) -> None:
        if self.w.dataset is None:
            return
        if self.worker_alive():
            self._live().request_step(1)
        else:
            self._launch(steps=1)
        self.w.update_actions()

    def stop(self) -> None:
        """Stop training (the thread ends); Start continues from here."""
        if self.w.compare.route("stop"):
            return
        self.stop_worker()
        self.w.render_now()
        self.w.update_actions()

    def reset(self) -> None:
        w = self.w
        if w.compare.route("reset"):  # comparing: a fresh A, B, or both
            return
        self.stop_worker()
        try:
            config = w.controls.network_config()
        except LenetError as exc:
            w.show_error(self.tr("Cannot build this network"), str(exc))
            return
        w.net = w.build_network(config)
        w.layout_views()
        self.new_trainer()
        if w.banner.kind in ("error",):
            w.banner.hide()
        w.statusBar().showMessage(self.tr("Fresh network: {}").format(
            engine_texts.describe_config(config)), 5000)
        w.render_now()
        w.update_actions()

    def set_lr(self, lr: float) -> None:
        tr = self.trainer
        if tr is None:
            return
        try:
            tr.set_lr(lr)
        except ConfigError as exc:
            self.w.show_error(self.tr("Learning rate"), str(exc))

    def set_momentum(self, momentum: float) -> None:
        tr = self.trainer
        if tr is None:
            return
        try:
            tr.set_momentum(momentum)
        except ConfigError as exc:
            self.w.show_error(self.tr("Momentum"), str(exc))

    # ------------------------------------------------------------------ the worker

    def stop_worker(self, timeout: float = 2.0) -> None:
        worker, self.worker = self.worker, None
        if worker is None:
            return
        worker.close()
        worker.stop(timeout)

    def close(self) -> None:
        """The window closes: never waits but for the process's short grace."""
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.abandon()
        self.session.close()
        self.w.compare.close()

    @Slot(object)
    def _on_snapshot(self, snap: Snapshot) -> None:
        if self.sender() is not self.worker:
            return
        self.w.compare.show_a(snap)
        self.w.render_if_dirty()  # at once unless a frame was shown < MIN_FRAME_S ago

    @Slot(str)
    def _on_worker_finished(self, state: str) -> None:
        w = self.w
        worker = self.worker
        if worker is None or self.sender() is not worker:
            return
        worker.join(1.0)
        self.worker = None
        tr = self._trainer
        if worker.lost:
            w.show_error(self.tr("Training stopped"),
                         self.tr("{} The network keeps the weights of the last step shown; "
                                 "press Start to go on.").format(
                             engine_texts.error(worker.lost)))
        elif state == RunState.DIVERGED and tr is not None:
            w.banner.show_message(
                self.tr("<b>Training stopped: it diverged.</b> {}").format(
                    engine_texts.error(tr.message or "")),
                "error", self.tr("Reset"), self.reset)
        elif state == RunState.FINISHED and tr is not None:
            h = tr.history
            acc = self.tr(" Test accuracy {:.2%}.").format(h.epoch_test_acc[-1]) \
                if h.epoch_test_acc else ""
            w.statusBar().showMessage(
                self.tr("Finished {0} epochs.{1}").format(tr.config.epochs, acc), 10000)
        w.render_now()
        w.update_actions()

    @Slot(str)
    def _on_worker_failed(self, text: str) -> None:
        if self.sender() is not self.worker:
            return
        self.worker = None
        last = text.strip().splitlines()[-1] if text.strip() else self.tr("unknown error")
        self.w.show_error(self.tr("Training failed"),
                          self.tr("Training stopped because of an error: {}").format(last))
        self.w.update_actions()

    # ------------------------------------------------------------------ evaluation

    def request_evaluation(self) -> None:
        """Evaluate the whole test set now (for the confusion matrix and the mistakes),
        never on the GUI thread: by the training thread when it runs, else on a thread of
        its own."""
        tr = self.trainer
        if tr is None:
            return
        self.w.statusBar().showMessage(self.tr("Evaluating the test set…"), 5000)
        if self.worker_alive():
            assert self.worker is not None
            tr.request_evaluation()
            self.worker.wake()
            return
        if self._eval_thread is not None and self._eval_thread.is_alive():
            return
        relay = self._eval_relay
        own = self._trainer
        assert own is not None

        def work() -> None:
            try:
                own.evaluate()
                result: object = own
            except Exception as exc:  # noqa: BLE001 - reported in the window
                result = exc
            with contextlib.suppress(RuntimeError):  # the window is gone
                relay.done.emit(result)

        self._eval_thread = threading.Thread(target=work, name="lenet-evaluate", daemon=True)
        self._eval_thread.start()

    def _wait_for_evaluation(self, timeout: float = 30.0) -> None:
        thread = self._eval_thread
        if thread is not None:
            thread.join(timeout)
            self._eval_thread = None

    @Slot(object)
    def _on_evaluated(self, result: object) -> None:
        w = self.w
        self._eval_thread = None
        folder = w.files.take_pending_report()
        if w.closing:
            return
        if isinstance(result, Exception):
            w.show_error(self.tr("Could not evaluate the test set"), str(result))
            return
        if result is self.trainer and not self.worker_alive():
            ev = cast(Trainer, result).evaluation
            if ev is not None:
                w.statusBar().showMessage(
                    self.tr("Test accuracy {0:.2%} at step {1}").format(ev.accuracy, ev.step),
                    8000)
            w.render_now()
        if folder is not None:
            w.files.write_report(folder, evaluate=False)  # without the matrix if it failed
