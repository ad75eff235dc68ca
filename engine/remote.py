"""Training in a child process: `TrainingProcess`, a persistent child that runs one `Trainer`
at a time, and `RemoteTrainer`, the parent's handle on one run with `Trainer`'s controls and a
mirror of its state.

Why a process: a training thread makes hundreds of short NumPy calls per batch, each
releasing and re-taking the GIL; while another thread of the same process runs Python (a GUI
drawing its views) every one of those hand-overs waits, and training loses a third of its
speed. A child process has a GIL of its own.

The child is started with the "spawn" method (never fork a process that runs other threads,
e.g. Qt's) and imports only the engine. Messages are pickled through two one-way pipes:

parent -> child, written only by the parent's sender thread (so no caller ever blocks on a
pipe that the child has not read yet):
    ("dataset", key, Dataset)                  once per dataset; the child keeps the last one
    ("load", run, key, TrainerState, options)  build a Trainer and run it (options: the
                                               probe image, steps to train, snapshot interval)
    ("ctl", run, name, value)                  pause resume stop step lr momentum wake evaluate
    ("probe", run, x, label)                   the image snapshots show
    ("state", run, request)                    the trainer's whole state, between two batches
    ("exit",)
child -> parent, written only by the child's training thread:
    ("snap", run, status, payload)   a snapshot as plain values (at most every `interval`
                                     seconds while training, and on pause, divergence, the
                                     end of an epoch or a new probe); the history as the part
                                     added since the last one, the evaluation only when new
    ("state", run, request, TrainerState)
    ("end", run, final state, TrainerState)
    ("error", run, traceback text)

A reader thread in the child applies controls at once through the Trainer's thread-safe
methods, so a paused child answers within milliseconds. In the parent a receiver thread
updates the mirror of the run the message belongs to; when the run ends, the final state is
written into the parent's own `Trainer` (`Trainer.import_state`), which is then exactly what
it would be had it trained in-process.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing
import queue
import signal
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from types import MappingProxyType
from typing import Any

import numpy as np

from .blas import single_blas_thread
from .data.datasets import Dataset
from .errors import LenetError
from .training import (
    DIVERGED,
    READY,
    STOPPED,
    Evaluation,
    History,
    Snapshot,
    Trainer,
    TrainerState,
    TrainingPosition,
    _HistoryLog,
    check_lr,
    check_momentum,
    frozen_evaluation,
)

SNAPSHOT_INTERVAL = 0.075  # seconds between snapshots while training (about 12 a second)
IDLE_INTERVAL = 0.1  # a paused child's sleep; controls wake it at once
_REAP_WAIT = 0.1  # after a signal: a killed process is gone in milliseconds

_MAPPINGS = ("activations", "pre_activations", "delta_u", "params", "batch_grads")


class TrainingProcessError(LenetError):
    """The training process could not be started, died, or failed."""


# ====================================================================== child


def _child_main(cmd, evt) -> None:
    """The child process: serve runs until told to exit or the parent goes away."""
    with contextlib.suppress(ValueError, OSError):  # Ctrl+C in a terminal is the parent's
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    single_blas_thread()
    _Child(cmd, evt).serve()


class _Child:
    def __init__(self, cmd, evt) -> None:
        self.cmd, self.evt = cmd, evt
        self.lock = threading.Lock()
        self.loads: queue.Queue = queue.Queue()
        self.run_id = -1
        self.trainer: Trainer | None = None
        self.probe: tuple[np.ndarray, int | None] | None = None
        self.probe_version = 0
        self.requests: list[int] = []
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

    def handle(self, msg: tuple) -> bool:
        kind = msg[0]
        if kind == "exit":
            return False
        if kind == "dataset":
            self.datasets = {msg[1]: msg[2]}
            return True
        if kind == "load":
            self.load(*msg[1:])
            return True
        with self.lock:
            if msg[1] != self.run_id or self.trainer is None:
                return True  # a run that has ended
            tr = self.trainer
            if kind == "ctl":
                _CONTROLS[msg[2]](tr, msg[3])
            elif kind == "probe":
                self.probe = (msg[2], msg[3])
                self.probe_version += 1
                tr.wake()
            elif kind == "state":
                self.requests.append(msg[2])
                tr.wake()
        return True

    def load(self, run: int, key: int, state: TrainerState, options: dict) -> None:
        try:
            trainer = Trainer.from_state(state, self.datasets[key])
        except Exception:  # noqa: BLE001 - reported to the parent
            self.loads.put((run, None, traceback.format_exc(), options))
            return
        if options.get("steps"):
            trainer.request_step(options["steps"])
        with self.lock:
            if self.trainer is not None:
                self.trainer.stop()  # only one run at a time
            self.run_id, self.trainer = run, trainer
            self.probe, self.probe_version = options["probe"], 0
            self.requests = []
        self.loads.put((run, trainer, None, options))

    # ---- training thread ----

    def send(self, msg: tuple) -> None:
        self.evt.send(msg)

    def serve(self) -> None:
        threading.Thread(target=self.read, name="lenet-child-reader", daemon=True).start()
        try:
            while True:
                item = self.loads.get()
                if item is None:
                    return
                run, trainer, error, options = item
                if error is not None:
                    self.send(("error", run, error))
                else:
                    self.train(run, trainer, options)
        except (BrokenPipeError, EOFError, ConnectionError):  # the parent is gone
            return

    def train(self, run: int, trainer: Trainer, options: dict) -> None:
        pub = _Publisher(self, run, trainer, options.get("interval", SNAPSHOT_INTERVAL))
        try:
            state = trainer.run(on_batch=pub.on_batch, on_idle=pub.on_idle,
                                idle_interval=IDLE_INTERVAL)
        except (BrokenPipeError, ConnectionError):
            raise
        except Exception:  # noqa: BLE001 - reported to the parent
            self.send(("error", run, traceback.format_exc()))
            return
        with self.lock:
            if self.run_id == run:
                self.run_id, self.trainer = -1, None
                self.requests = []
        self.send(("end", run, state, trainer.export_state()))


def _step(tr: Trainer, n: Any) -> None:
    tr.request_step(int(n))


_CONTROLS: dict[str, Callable[[Trainer, Any], None]] = {
    "pause": lambda tr, _v: tr.pause(),
    "resume": lambda tr, _v: tr.resume(),
    "stop": lambda tr, _v: tr.stop(),
    "step": _step,
    "lr": lambda tr, v: tr.set_lr(v),
    "momentum": lambda tr, v: tr.set_momentum(v),
    "wake": lambda tr, _v: tr.wake(),
    "evaluate": lambda tr, _v: tr.request_evaluation(),
}


class _Publisher:
    """Sends one run's snapshots and answers its state requests (training thread)."""

    def __init__(self, child: _Child, run: int, trainer: Trainer, interval: float) -> None:
        self.child, self.run, self.interval = child, run, interval
        self.sent_lengths = trainer._log.lengths()
        self.sent_evaluation: Evaluation | None = trainer.evaluation
        self.sent_version = -1
        self.sent_state = ""
        self.last = 0.0

    def requests(self, tr: Trainer) -> None:
        with self.child.lock:
            pending, self.child.requests = self.child.requests, []
        for request in pending:
            self.child.send(("state", self.run, request, tr.export_state()))

    def on_batch(self, tr: Trainer) -> None:
        self.requests(tr)
        if (time.monotonic() - self.last >= self.interval or tr.paused or tr.state == DIVERGED
                or tr.done or tr.batch_in_epoch == 0):
            self.publish(tr)

    def on_idle(self, tr: Trainer) -> None:
        self.requests(tr)
        if (self.child.probe_version != self.sent_version or tr.evaluation is not
                self.sent_evaluation or tr.state != self.sent_state):
            self.publish(tr)

    def publish(self, tr: Trainer) -> None:
        with self.child.lock:
            probe, version = self.child.probe, self.child.probe_version
        x, label = probe if probe is not None else (np.zeros((tr._size, tr._size)), None)
        snap = tr.snapshot(x, label)
        payload = {f.name: getattr(snap, f.name) for f in dataclasses.fields(Snapshot)
                   if f.name not in ("history", "evaluation")}
        for name in _MAPPINGS:
            payload[name] = dict(payload[name])
        payload["history"] = tr._log.tail(self.sent_lengths)
        self.sent_lengths = tr._log.lengths()
        new_eval = snap.evaluation is not self.sent_evaluation
        payload["evaluation"] = snap.evaluation if new_eval else None
        payload["new_evaluation"] = new_eval
        status = {"step": tr.step_count, "state": tr.state, "base_lr": tr.base_lr}
        self.child.send(("snap", self.run, status, payload))
        self.sent_evaluation, self.sent_version = snap.evaluation, version
        self.sent_state, self.last = tr.state, time.monotonic()


# ====================================================================== parent


class TrainingProcess:
    """A persistent child process that trains; create once, `start()`, reuse for every run,
    `close()` at the end. Thread-safe."""

    def __init__(self) -> None:
        self._proc: Any = None
        self._cmd: Any = None
        self._evt: Any = None
        self._outbox: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._listeners: dict[int, Callable[[tuple], None]] = {}
        self._runs = itertools.count(1)
        self._dataset: Dataset | None = None
        self._dataset_key = 0
        self._threads: list[threading.Thread] = []
        self.error: str | None = None  # why the child is gone, if it is
        self._closed = False

    def start(self) -> None:
        """Spawn the child (returns at once; the child imports NumPy on its own time)."""
        ctx = multiprocessing.get_context("spawn")
        cmd_r, cmd_w = ctx.Pipe(duplex=False)
        evt_r, evt_w = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child_main, args=(cmd_r, evt_w), name="lenet-training",
                           daemon=True)
        try:
            proc.start()
        except BaseException:
            for c in (cmd_r, cmd_w, evt_r, evt_w):
                c.close()
            raise
        cmd_r.close()  # the child's ends: ours must go, or we would never see EOF
        evt_w.close()
        self._proc, self._cmd, self._evt = proc, cmd_w, evt_r
        self._threads = [
            threading.Thread(target=self._send_loop, name="lenet-process-send", daemon=True),
            threading.Thread(target=self._receive_loop, name="lenet-process-receive",
                             daemon=True),
        ]
        for t in self._threads:
            t.start()

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    def is_alive(self) -> bool:
        return (self._proc is not None and not self._closed and self.error is None
                and self._proc.is_alive())

    # ---- sending ----

    def send(self, msg: tuple) -> None:
        """Queue a message for the child; never blocks."""
        if not self._closed:
            self._outbox.put(msg)

    def send_dataset(self, dataset: Dataset) -> int:
        """The key the child knows `dataset` by; sent only when it is new."""
        with self._lock:
            if dataset is not self._dataset:
                self._dataset = dataset  # kept: its id is never reused while we hold it
                self._dataset_key += 1
                self.send(("dataset", self._dataset_key, dataset))
            return self._dataset_key

    def _send_loop(self) -> None:
        while True:
            msg = self._outbox.get()
            if msg is None:
                return
            try:
                self._cmd.send(msg)
            except (OSError, ValueError):  # the child is gone; the receiver says so
                return

    # ---- receiving ----

    def register(self, listener: Callable[[tuple], None]) -> int:
        """A new run id; messages for it go to `listener` (on the receiver thread)."""
        with self._lock:
            run = next(self._runs)
            self._listeners[run] = listener
            gone = self.error
        if gone is not None:
            listener(("eof", run, gone))
        return run

    def unregister(self, run: int) -> None:
        with self._lock:
            self._listeners.pop(run, None)

    def _receive_loop(self) -> None:
        try:
            while True:
                msg = self._evt.recv()
                with self._lock:
                    listener = self._listeners.get(msg[1])
                if listener is not None:
                    listener(msg)
        except (EOFError, OSError):
            pass
        except Exception:  # noqa: BLE001 - e.g. a message that cannot be unpickled
            self.error = "the training process sent a damaged message"
        proc = self._proc
        if proc is not None and not self._closed:  # closing: close() reaps it
            proc.join(0.5)
        code = None if proc is None or self._closed else proc.exitcode
        with self._lock:
            if self.error is None:
                self.error = ("the training process was closed" if self._closed else
                              f"the training process ended unexpectedly (exit code {code})")
            listeners, self._listeners = dict(self._listeners), {}
        for run, listener in listeners.items():
            listener(("eof", run, self.error))

    # ---- closing ----

    def close(self, timeout: float = 0.5) -> None:
        """Ask the child to exit; after `timeout` seconds it is terminated (SIGTERM, then
        SIGKILL), so this returns about `timeout` + 0.2 s at worst. Killing loses nothing:
        the child writes no files, and a run's last state is in its snapshots. Idempotent."""
        if self._closed:
            return
        self._outbox.put(("exit",))
        self._closed = True
        self._outbox.put(None)
        proc = self._proc
        if proc is None:
            return
        proc.join(timeout)  # idle or paused, it exits by itself within milliseconds
        for end in (proc.terminate, proc.kill):  # busy with a batch or an evaluation
            if proc.exitcode is not None:
                break
            end()
            proc.join(_REAP_WAIT)
        self._release(proc)

    def _release(self, proc: Any) -> None:
        """Close the pipes and the process handle once the threads using them have ended
        (at once when the child is gone: the receiver sees EOF, the sender a broken pipe)."""
        deadline = time.monotonic() + _REAP_WAIT
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        if any(t.is_alive() for t in self._threads):
            return  # left to the garbage collector rather than closed under a thread
        self._cmd.close()
        self._evt.close()
        if proc.exitcode is not None:
            proc.close()
            self._proc = None


def _freeze_arrays(d: dict) -> MappingProxyType:
    for a in d.values():
        a.flags.writeable = False
    return MappingProxyType(d)


class RemoteTrainer(TrainingPosition):
    """One run of `trainer` in a `TrainingProcess`, with `Trainer`'s thread-safe controls and
    read-only mirrors of its state (updated as the child reports). `trainer` itself is left
    alone until the run ends; then it takes over the final state.

    `start()`, then either `run(on_snapshot)` (blocks until the run ends, like
    `Trainer.run`) or `wait(predicate)`; `close()` when done with it.
    """

    def __init__(self, trainer: Trainer, process: TrainingProcess,
                 probe: np.ndarray | None = None, label: int | None = None,
                 interval: float = SNAPSHOT_INTERVAL) -> None:
        self.local = trainer
        self.process = process
        self.dataset = trainer.dataset
        self.config = trainer.config
        self.batch_size = trainer.batch_size
        self.batches_per_epoch = trainer.batches_per_epoch
        self.interval = interval
        size = trainer.net.config.input_size
        self._probe = (np.zeros((1, 1, size, size), np.float32) if probe is None
                       else np.asarray(probe, np.float32), label)
        self._cond = threading.Condition()
        self._log = _HistoryLog(trainer.history)
        self.step_count = trainer.step_count
        self.state = READY
        self.base_lr = trainer.base_lr
        self.momentum = trainer.optimizer.momentum
        self.message: str | None = trainer.message
        self.images_per_s = trainer.images_per_s
        self.evaluation: Evaluation | None = trainer.evaluation
        self.latest: Snapshot | None = None
        self.final_state: TrainerState | None = None
        self.error: str | None = None  # a failure in the child, as traceback text
        self.lost: str | None = None  # why the child went away during this run
        self.ended = False
        self.snapshots = 0
        self._paused = False
        self._events: queue.Queue = queue.Queue()
        self._requests: dict[int, Future] = {}
        self._request_ids = itertools.count(1)
        self._started = False
        self._gone: str | None = None
        self._detached = False
        self._snapshot_posted = False
        self.run_id = process.register(self._deliver)

    @property
    def history(self) -> History:
        with self._cond:
            return self._log.freeze()

    @property
    def paused(self) -> bool:
        return self._paused

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
        self.process.send(("load", self.run_id, key, self.local.export_state(),
                           {"probe": self._probe, "steps": steps, "interval": self.interval}))

    def _control(self, name: str, value: Any = None) -> None:
        self.process.send(("ctl", self.run_id, name, value))

    def pause(self) -> None:
        self._paused = True
        self._control("pause")

    def resume(self) -> None:
        self._paused = False
        self._control("resume")

    def stop(self) -> None:
        self._control("stop")

    def request_step(self, n: int = 1) -> None:
        self._paused = True
        self._control("step", int(n))

    def wake(self) -> None:
        self._control("wake")

    def set_lr(self, lr: float) -> None:
        self._control("lr", check_lr(lr))

    def set_momentum(self, momentum: float) -> None:
        self._control("momentum", check_momentum(momentum))

    def request_evaluation(self) -> None:
        self._control("evaluate")

    def set_probe(self, x: np.ndarray, label: int | None) -> None:
        self._probe = (np.asarray(x, np.float32), label)
        self.process.send(("probe", self.run_id, self._probe[0], label))

    def checkpoint_state(self, timeout: float = 10.0) -> TrainerState:
        """The trainer's whole state between two batches (to save a checkpoint)."""
        with self._cond:
            if self.final_state is not None:
                return self.final_state
            if self.ended:
                raise TrainingProcessError(self.message or "the training run has ended")
            request = next(self._request_ids)
            future: Future = Future()
            self._requests[request] = future
        self.process.send(("state", self.run_id, request))
        try:
            return future.result(timeout)
        finally:
            with self._cond:
                self._requests.pop(request, None)

    # ---- waiting ----

    def run(self, on_snapshot: Callable[[Snapshot], None] | None = None) -> str:
        """Block until the run ends, calling on_snapshot for every snapshot; returns the
        final state. Raises TrainingProcessError when training failed in the child."""
        shown = None
        while True:
            kind, value = self._events.get()
            if kind == "snapshot":
                with self._cond:
                    self._snapshot_posted = False
                    snap = self.latest
                if on_snapshot is not None and snap is not shown:
                    shown = snap
                    on_snapshot(snap)
            elif kind == "end":
                return value
            else:
                raise TrainingProcessError(value)

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

    def close(self) -> None:
        self.process.unregister(self.run_id)

    # ---- receiver thread ----

    def _deliver(self, msg: tuple) -> None:
        kind = msg[0]
        if kind == "snap":
            self._on_snapshot(msg[2], msg[3])
        elif kind == "state":
            with self._cond:
                future = self._requests.pop(msg[2], None)
            if future is not None and not future.done():
                future.set_result(msg[3])
        elif kind == "end":
            self._on_end(msg[2], msg[3])
        elif kind == "error":
            text = msg[2]
            last = text.strip().splitlines()[-1] if text.strip() else "unknown error"
            self._finish(STOPPED, f"Training failed: {last}", None, ("failed", text))
        elif kind == "eof":
            with self._cond:
                self._gone = msg[2]
                started = self._started
            if started and not self.ended:
                self._recover(f"Training stopped: {msg[2]}.")

    def _on_snapshot(self, status: dict, payload: dict) -> None:
        with self._cond:
            self._log.extend(payload.pop("history"))
            if payload.pop("new_evaluation"):
                self.evaluation = frozen_evaluation(payload["evaluation"])
            payload["evaluation"] = self.evaluation
            for name in _MAPPINGS:
                payload[name] = _freeze_arrays(payload[name])
            for name in ("input", "probabilities", "saliency", "input_delta"):
                if payload.get(name) is not None:
                    payload[name].flags.writeable = False
            snap = Snapshot(history=self._log.freeze(), **payload)
            self.latest = snap
            self.step_count = status["step"]
            self.state = status["state"]
            self.base_lr = status["base_lr"]
            self.momentum = snap.momentum
            self.message = snap.message
            self.images_per_s = snap.images_per_s
            self.snapshots += 1
            post = not self._snapshot_posted  # a slow reader gets the newest one only
            self._snapshot_posted = True
            self._cond.notify_all()
        if post:
            self._events.put(("snapshot", None))

    def detach(self) -> None:
        """Leave the parent's trainer alone from now on (its owner has given up waiting for
        this run and may use it elsewhere)."""
        with self._cond:
            self._detached = True

    def _on_end(self, state: str, final: TrainerState) -> None:
        try:
            with self._cond:
                if not self._detached:
                    self.local.import_state(final)
        except Exception:  # noqa: BLE001 - a mismatched state is reported, never raised here
            text = traceback.format_exc()
            self._finish(STOPPED, "Training failed: could not take over the final state",
                         None, ("failed", text))
            return
        self._finish(state, final.message, final, ("end", state))

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
                momentum=self.momentum, state=STOPPED, message=message,
                evaluation=self.evaluation, last_grads=None, epoch_counters=(0, 0, 0.0))
            with contextlib.suppress(Exception):
                self.local.import_state(state)
        else:
            self.local.state, self.local.message = STOPPED, message
        self._finish(STOPPED, message, None, ("end", STOPPED))

    def _finish(self, state: str, message: str | None, final: TrainerState | None,
                event: tuple) -> None:
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


__all__ = ["SNAPSHOT_INTERVAL", "RemoteTrainer", "TrainingProcess", "TrainingProcessError"]
