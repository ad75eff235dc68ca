"""`RemoteTrainer`: the parent's handle on one run in a `TrainingProcess`, with the
`TrainerProtocol` of an in-process `Trainer` and read-only mirrors of the child's state.

The process's receiver thread hands this run's messages (`engine.remote.protocol`) to
`_deliver`, which updates the mirror; when the run ends, the final state is written into
the parent's own `Trainer` (`Trainer.import_state`), which is then exactly what it would be
had it trained in-process. The trainer's timeline is mirrored the same way: the child
records into a `TimelineFeed` of the same schedule and sends each new entry with the next
snapshot; `timeline` (a fork of the trainer's) takes them in the child's order, so it thins
exactly as the child's would, and can be read at any time without the child noticing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import queue
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import numpy as np

from ..data.datasets import Dataset
from ..training import (
    IDLE_INTERVAL,
    SNAPSHOT_INTERVAL,
    Evaluation,
    History,
    HistoryLog,
    RunState,
    Schedule,
    Snapshot,
    Timeline,
    TimelineEntry,
    TrainConfig,
    Trainer,
    TrainerState,
    TrainingPosition,
    check_lr,
    check_momentum,
)
from .process import TrainingProcess, TrainingProcessError
from .protocol import (
    ChildMessage,
    Control,
    ControlMsg,
    EndMsg,
    EofMsg,
    ErrorMsg,
    LoadMsg,
    ProbeMsg,
    SnapshotMsg,
    StateReply,
    StateRequest,
    decode_snapshot,
)
from .watchdog import PROGRESS, START, Watchdog

# The least silence, in seconds, that counts as hung for a child that owes an answer; more is
# allowed for more work (engine.remote.watchdog). Snapshots come every 75 ms.
HANG_TIMEOUT = 30.0


class RemoteTrainer(TrainingPosition):
    """One run of `trainer` in a `TrainingProcess`: the `TrainerProtocol` (the controls go
    to the child, the state is mirrored as the child reports). `trainer` itself is left
    alone until the run ends; then it takes over the final state.

    `start()`, then either `run(on_snapshot)` (blocks until the run ends, like
    `Trainer.run`) or `wait(predicate)`; `close()` when done with it.
    """

    def __init__(self, trainer: Trainer, process: TrainingProcess,
                 probe: np.ndarray | None = None, label: int | None = None,
                 interval: float = SNAPSHOT_INTERVAL,
                 idle_interval: float = IDLE_INTERVAL,
                 hang_timeout: float = HANG_TIMEOUT) -> None:
        self.local = trainer
        self.process = process
        self.dataset: Dataset = trainer.dataset
        self.config: TrainConfig = trainer.config
        self.batch_size = trainer.batch_size
        self.batches_per_epoch = trainer.batches_per_epoch
        self._schedule = Schedule(self.config.schedule, total_epochs=self.config.epochs)
        self._rates = (interval, idle_interval)
        size = trainer.input_size
        self._probe = (np.zeros((1, 1, size, size), np.float32) if probe is None
                       else np.asarray(probe, np.float32), label)
        self._cond = threading.Condition()
        self._log = HistoryLog(trainer.history)
        self.step_count = trainer.step_count
        self.state = RunState.READY
        self.base_lr = trainer.base_lr
        self.momentum = trainer.optimizer.momentum
        self.message: str | None = trainer.message
        self.images_per_s = trainer.images_per_s
        self.evaluation: Evaluation | None = trainer.evaluation
        self.latest: Snapshot | None = None
        # the mirror of the child's timeline; the trainer's own takes it over at the end
        self.timeline: Timeline | None = (None if trainer.timeline is None
                                          else trainer.timeline.fork())
        self.final_state: TrainerState | None = None
        self.error: str | None = None  # a failure in the child, as traceback text
        self.lost: str | None = None  # why the child went away during this run
        self.ended = False
        self.snapshots = 0
        self._paused = False
        self._events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._requests: dict[int, Future[TrainerState]] = {}
        self._request_ids = itertools.count(1)
        self._started = False
        self._gone: str | None = None
        self._detached = False
        self._snapshot_posted = False
        self._poll = min(1.0, hang_timeout / 4)  # how often `run` looks for a hung child
        self._watchdog = Watchdog(hang_timeout, self._poll)
        self.run_id = process.register(self._deliver)

    @property
    def history(self) -> History:
        with self._cond:
            return self._log.freeze()

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def lr(self) -> float:
        return self._schedule.lr(self.base_lr, self.epoch_float)

    # ---- controls ----

    def start(self, steps: int = 0) -> None:
        """Send the trainer's state to the child and start; steps > 0: train that many
        batches, then stay paused."""
        with self._cond:
            if self._started:
                raise RuntimeError("a RemoteTrainer runs once")
            self._started = True
            gone = self._gone
        if steps:
            self._paused = True
        if gone is not None or not self.process.is_alive():
            self._recover(f"Training stopped: {gone or 'the training process is not running'}.")
            return
        key = self.process.send_dataset(self.dataset)
        x, label = self._probe
        plan = None if self.timeline is None else self.timeline.plan()
        with self._cond:
            self._watchdog.asked(START, self.step_count, time.monotonic())
        self.process.send(LoadMsg(self.run_id, key, self.local.export_state(), x, label,
                                  steps, *self._rates, plan))

    def _control(self, name: Control, value: float = 0.0) -> None:
        with self._cond:
            if name in (Control.RESUME, Control.STEP, Control.STOP):  # owed: progress, or the end
                self._watchdog.asked(PROGRESS, self.step_count, time.monotonic())
            elif name == Control.PAUSE:
                self._watchdog.cancel()
        self.process.send(ControlMsg(self.run_id, name, value))

    def pause(self) -> None:
        self._paused = True
        self._control(Control.PAUSE)

    def resume(self) -> None:
        self._paused = False
        self._control(Control.RESUME)

    def stop(self) -> None:
        self._control(Control.STOP)

    def request_step(self, n: int = 1) -> None:
        self._paused = True
        self._control(Control.STEP, int(n))

    def wake(self) -> None:
        self._control(Control.WAKE)

    def set_lr(self, lr: float) -> None:
        self._control(Control.LR, check_lr(lr))

    def set_momentum(self, momentum: float) -> None:
        self._control(Control.MOMENTUM, check_momentum(momentum))

    def request_evaluation(self) -> None:
        self._control(Control.EVALUATE)

    def set_probe(self, x: np.ndarray, label: int | None) -> None:
        self._probe = (np.asarray(x, np.float32), label)
        self.process.send(ProbeMsg(self.run_id, self._probe[0], label))

    def set_snapshot_interval(self, interval: float = SNAPSHOT_INTERVAL,
                              idle_interval: float = IDLE_INTERVAL) -> None:
        self._rates = (interval, idle_interval)
        self._control(Control.SNAPSHOT_INTERVAL, interval)
        self._control(Control.IDLE_INTERVAL, idle_interval)

    def checkpoint_state(self, timeout: float = 10.0) -> TrainerState:
        """The trainer's whole state between two batches (to save a checkpoint)."""
        with self._cond:
            if self.final_state is not None:
                return self.final_state
            if self.ended:
                raise TrainingProcessError(self.message or "the training run has ended")
            request = next(self._request_ids)
            future: Future[TrainerState] = Future()
            self._requests[request] = future
        self.process.send(StateRequest(self.run_id, request))
        try:
            return future.result(timeout)
        finally:
            with self._cond:
                self._requests.pop(request, None)

    # ---- waiting ----

    def run(self, on_snapshot: Callable[[Snapshot], None] | None = None) -> RunState:
        """Block until the run ends, calling on_snapshot for every snapshot; returns the
        final state. Raises TrainingProcessError when training failed in the child."""
        shown = None
        while True:
            try:
                kind, value = self._events.get(timeout=self._poll)
            except queue.Empty:
                self._end_if_hung()
                continue
            self._end_if_hung()  # also between messages: a stopped parent is told apart
            if kind == "snapshot":
                with self._cond:
                    self._snapshot_posted = False
                    snap = self.latest
                if on_snapshot is not None and snap is not None and snap is not shown:
                    shown = snap
                    on_snapshot(snap)
            elif kind == "end":
                return RunState(value)
            else:
                raise TrainingProcessError(value)

    def _end_if_hung(self) -> None:
        """A child silent too long while it owes an answer (`engine.remote.watchdog`) is
        ended: its run then ends as if it had died, keeping the last snapshot's weights."""
        with self._cond:
            if self.ended or not self._started:
                return
            silent = self._watchdog.silent_for(time.monotonic(),
                                               self.state == RunState.RUNNING)
            work = self.batch_size + len(self.dataset.test_labels)  # a batch + an evaluation
            allowed = self._watchdog.allowance(work, self.images_per_s)
        if silent is not None and silent > allowed:
            self.process.end_unresponsive(
                f"the training process stopped responding (nothing for {allowed:.0f} s) and "
                "was ended")

    def wait(self, predicate: Callable[[RemoteTrainer], bool], timeout: float = 10.0) -> bool:
        """Wait until predicate(self) holds (re-checked on every message); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def detach(self) -> None:
        """Leave the parent's trainer alone from now on (its owner has given up waiting for
        this run and may use it elsewhere)."""
        with self._cond:
            self._detached = True

    def close(self) -> None:
        self.process.unregister(self.run_id)

    # ---- receiver thread ----

    def _deliver(self, msg: ChildMessage) -> None:
        if isinstance(msg, SnapshotMsg):
            self._on_snapshot(msg)  # tells the watchdog there, with the snapshot's step
            return
        with self._cond:
            self._watchdog.heard_from(time.monotonic())
        if isinstance(msg, StateReply):
            with self._cond:
                future = self._requests.pop(msg.request, None)
            if future is not None and not future.done():
                future.set_result(msg.state)
        elif isinstance(msg, EndMsg):
            self._mirror(msg.timeline)
            self._on_end(msg.state, msg.final)
        elif isinstance(msg, ErrorMsg):
            text = msg.text
            last = text.strip().splitlines()[-1] if text.strip() else "unknown error"
            self._finish(RunState.STOPPED, f"Training failed: {last}", None, ("failed", text))
        else:
            self._on_eof(msg)

    def _on_eof(self, msg: EofMsg) -> None:
        with self._cond:
            self._gone = msg.reason
            started = self._started
        if started and not self.ended:
            self._recover(f"Training stopped: {msg.reason}.")

    def _mirror(self, entries: tuple[TimelineEntry, ...]) -> None:
        if self.timeline is not None and entries:
            self.timeline.extend(entries)

    def _on_snapshot(self, msg: SnapshotMsg) -> None:
        self._mirror(msg.timeline)  # before the snapshot shows: it may show the new steps
        with self._cond:
            snap, self.evaluation = decode_snapshot(msg, self._log, self.evaluation)
            self.latest = snap
            self.step_count = snap.step
            self.state = snap.state
            self.base_lr = msg.base_lr
            self.momentum = snap.momentum
            self.message = snap.message
            self.images_per_s = snap.images_per_s
            self.snapshots += 1
            self._watchdog.heard_from(time.monotonic(), snap.step,
                                      snap.state == RunState.RUNNING)
            post = not self._snapshot_posted  # a slow reader gets the newest one only
            self._snapshot_posted = True
            self._cond.notify_all()
        if post:
            self._events.put(("snapshot", None))

    def _on_end(self, state: RunState, final: TrainerState) -> None:
        try:
            with self._cond:
                if not self._detached:
                    self.local.import_state(final)
                    self._hand_over_timeline()
        except Exception:  # noqa: BLE001 - a mismatched state is reported, never raised here
            text = traceback.format_exc()
            self._finish(RunState.STOPPED, "Training failed: could not take over the final "
                         "state", None, ("failed", text))
            return
        self._finish(state, final.message, final, ("end", state))

    def _hand_over_timeline(self) -> None:
        """The parent's trainer records on into the mirror (it holds the whole run)."""
        if self.timeline is not None:
            self.local.recorder = self.timeline

    def _recover(self, message: str) -> None:
        """The child died: keep what the last snapshot showed (weights, step, history); the
        momentum starts again from zero."""
        self.lost = message
        snap = self.latest
        with self._cond:
            detached = self._detached
        if detached:
            pass
        elif snap is not None:
            base = self.local.export_state()
            state = dataclasses.replace(
                base, params={k: np.array(v) for k, v in snap.params.items()},
                step=snap.step, epoch=snap.epoch,
                optimizer={k: np.zeros_like(v) for k, v in base.optimizer.items()},
                history=self.history.to_arrays(), base_lr=self.base_lr,
                momentum=self.momentum, state=RunState.STOPPED, message=message,
                evaluation=self.evaluation, last_grads=None, epoch_counters=(0, 0, 0.0))
            with contextlib.suppress(Exception):
                self.local.import_state(state)
            self._hand_over_timeline()
        else:
            self.local.state, self.local.message = RunState.STOPPED, message
            self._hand_over_timeline()
        self._finish(RunState.STOPPED, message, None, ("end", RunState.STOPPED))

    def _finish(self, state: RunState, message: str | None, final: TrainerState | None,
                event: tuple[str, Any]) -> None:
        with self._cond:
            if self.ended:
                return
            self.ended = True
            self.state = state
            self.message = message
            self.final_state = final
            if final is not None:
                self.step_count = final.step
                self.base_lr, self.momentum = final.base_lr, final.momentum
                self.images_per_s = final.images_per_s
            pending, self._requests = dict(self._requests), {}
            if event[0] == "failed":
                self.error = event[1]
            self._cond.notify_all()
        for future in pending.values():
            if final is not None:
                future.set_result(final)
            else:
                future.set_exception(TrainingProcessError(message or "training ended"))
        self._events.put(event)
