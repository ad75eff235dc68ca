"""The training child process: serves one `Trainer` run at a time for the parent.

A reader thread applies controls at once through the Trainer's thread-safe methods, so a
paused child answers within milliseconds; the training thread runs `Trainer.run`, whose
snapshots (paced by the trainer) and answers to state requests it sends back. Messages are
the dataclasses of `engine.remote.protocol`.
"""

from __future__ import annotations

import contextlib
import queue
import signal
import threading
import traceback
from collections.abc import Callable
from typing import Any

from ..blas import single_blas_thread
from ..data.datasets import Dataset
from ..training import Evaluation, Snapshot, TimelineEntry, TimelineFeed, Trainer
from .outbox import Outbox
from .protocol import (
    ChildMessage,
    Control,
    ControlMsg,
    DatasetMsg,
    EndMsg,
    ErrorMsg,
    ExitMsg,
    LoadMsg,
    ParentMessage,
    ProbeMsg,
    StateReply,
    StateRequest,
    encode_snapshot,
)


def child_main(cmd: Any, evt: Any) -> None:
    """The child process: serve runs until told to exit or the parent goes away."""
    with contextlib.suppress(ValueError, OSError):  # Ctrl+C in a terminal is the parent's
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    single_blas_thread()
    _Child(cmd, evt).serve()


_CONTROLS: dict[Control, Callable[[Trainer, float], None]] = {
    Control.PAUSE: lambda tr, _v: tr.pause(),
    Control.RESUME: lambda tr, _v: tr.resume(),
    Control.STOP: lambda tr, _v: tr.stop(),
    Control.STEP: lambda tr, v: tr.request_step(int(v)),
    Control.LR: lambda tr, v: tr.set_lr(v),
    Control.MOMENTUM: lambda tr, v: tr.set_momentum(v),
    Control.WAKE: lambda tr, _v: tr.wake(),
    Control.EVALUATE: lambda tr, _v: tr.request_evaluation(),
    Control.SNAPSHOT_INTERVAL: lambda tr, v: tr.set_snapshot_interval(
        v, tr.snapshot_rates()[1]),
    Control.IDLE_INTERVAL: lambda tr, v: tr.set_snapshot_interval(tr.snapshot_rates()[0], v),
}

# (run, trainer, traceback text if the load failed); None: the parent is gone
_Load = tuple[int, Trainer | None, str | None] | None


class _Child:
    def __init__(self, cmd: Any, evt: Any) -> None:
        self.cmd = cmd
        self.outbox = Outbox(evt)
        self.lock = threading.Lock()
        self.loads: queue.Queue[_Load] = queue.Queue()
        self.run_id = -1
        self.trainer: Trainer | None = None
        self.datasets: dict[int, Dataset] = {}

    # ---- reader thread ----

    def read(self) -> None:
        try:
            while self.handle(self.cmd.recv()):
                pass
        except (EOFError, OSError):  # the parent is gone
            pass
        with self.lock:
            self.run_id = -1
            if self.trainer is not None:
                self.trainer.stop()
        self.loads.put(None)

    def handle(self, msg: ParentMessage) -> bool:
        """Apply one message; False when told to exit."""
        if isinstance(msg, ExitMsg):
            return False
        if isinstance(msg, DatasetMsg):
            self.datasets = {msg.key: msg.dataset}
        elif isinstance(msg, LoadMsg):
            self.load(msg)
        else:
            with self.lock:
                if msg.run == self.run_id and self.trainer is not None:
                    self.apply(self.trainer, msg)
        return True

    def apply(self, tr: Trainer, msg: ControlMsg | ProbeMsg | StateRequest) -> None:
        if isinstance(msg, ControlMsg):
            _CONTROLS[msg.name](tr, msg.value)
        elif isinstance(msg, ProbeMsg):
            tr.set_probe(msg.x, msg.label)
        else:
            # answered by the training thread between two batches: it alone writes the pipe
            run, request = msg.run, msg.request
            tr.call_between_batches(lambda t: self.send(StateReply(run, request,
                                                                   t.export_state())))

    def load(self, msg: LoadMsg) -> None:
        try:
            trainer = Trainer.from_state(msg.state, self.datasets[msg.key])
        except Exception:  # noqa: BLE001 - reported to the parent
            self.loads.put((msg.run, None, traceback.format_exc()))
            return
        if msg.timeline is not None:
            trainer.recorder = TimelineFeed(msg.timeline)
        trainer.set_probe(msg.probe, msg.label)
        trainer.set_snapshot_interval(msg.interval, msg.idle_interval)
        trainer.start(msg.steps)  # from now on state requests wait for the training thread
        with self.lock:
            if self.trainer is not None:
                self.trainer.stop()  # only one run at a time
            self.run_id, self.trainer = msg.run, trainer
        self.loads.put((msg.run, trainer, None))

    # ---- training thread ----

    def send(self, msg: ChildMessage) -> None:
        self.outbox.send(msg)  # written by the outbox's thread: training does not wait

    def serve(self) -> None:
        threading.Thread(target=self.read, name="lenet-child-reader", daemon=True).start()
        try:
            self._serve()
        finally:
            self.outbox.close()  # the last messages (a run's end) reach the parent

    def _serve(self) -> None:
        try:
            while True:
                item = self.loads.get()
                if item is None:
                    return
                run, trainer, error = item
                if trainer is None:
                    self.send(ErrorMsg(run, error or "unknown error"))
                else:
                    self.train(run, trainer)
        except (BrokenPipeError, EOFError, ConnectionError):  # the parent is gone
            return

    def train(self, run: int, trainer: Trainer) -> None:
        publisher = _Publisher(self, run, trainer)
        try:
            state = trainer.run(on_snapshot=publisher.publish)
        except (BrokenPipeError, ConnectionError):
            raise
        except Exception:  # noqa: BLE001 - reported to the parent
            self.send(ErrorMsg(run, traceback.format_exc()))
            return
        with self.lock:
            if self.run_id == run:
                self.run_id, self.trainer = -1, None
        self.send(EndMsg(run, state, trainer.export_state(), _new_entries(trainer)))


class _Publisher:
    """Sends one run's snapshots, each with the history added since the one before."""

    def __init__(self, child: _Child, run: int, trainer: Trainer) -> None:
        self.child, self.run, self.trainer = child, run, trainer
        self.sent_lengths = trainer.history_log.lengths()
        self.sent_evaluation: Evaluation | None = trainer.evaluation

    def publish(self, snap: Snapshot) -> None:
        log = self.trainer.history_log  # same thread as the snapshot: they agree
        msg = encode_snapshot(self.run, snap, self.trainer.base_lr,
                              log.tail(self.sent_lengths), self.sent_evaluation,
                              _new_entries(self.trainer))
        self.sent_lengths = log.lengths()
        self.child.send(msg)
        self.sent_evaluation = snap.evaluation


def _new_entries(trainer: Trainer) -> tuple[TimelineEntry, ...]:
    """The timeline entries recorded since the last call (training thread only)."""
    feed = trainer.recorder
    return feed.take() if isinstance(feed, TimelineFeed) else ()
