"""`TrainingProcess`: a persistent child process that trains, one `Trainer` run at a time.

Why a process: a training thread makes hundreds of short NumPy calls per batch, each
releasing and re-taking the GIL; while another thread of the same process runs Python (a GUI
drawing its views) every one of those hand-overs waits, and training loses a third of its
speed. A child process has a GIL of its own.

The child is started with the "spawn" method (never fork a process that runs other threads,
e.g. Qt's) and imports only the engine. A sender thread writes the parent's messages
(`engine.remote.protocol`), a receiver thread hands the child's to the listener of their run.
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from ..data.datasets import Dataset
from ..errors import LenetError
from .child import child_main
from .protocol import ChildMessage, DatasetMsg, EofMsg, ExitMsg, ParentMessage

_REAP_WAIT = 0.1  # after a signal: a killed process is gone in milliseconds

Listener = Callable[[ChildMessage], None]


class TrainingProcessError(LenetError):
    """The training process could not be started, died, or failed."""


class TrainingProcess:
    """A persistent child process that trains; create once, `start()`, reuse for every run,
    `close()` at the end. Thread-safe."""

    def __init__(self) -> None:
        self._proc: Any = None
        self._cmd: Any = None
        self._evt: Any = None
        self._outbox: queue.Queue[ParentMessage | None] = queue.Queue()
        self._lock = threading.Lock()
        self._listeners: dict[int, Listener] = {}
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
        proc = ctx.Process(target=child_main, args=(cmd_r, evt_w), name="lenet-training",
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

    def send(self, msg: ParentMessage) -> None:
        """Queue a message for the child; never blocks."""
        if not self._closed:
            self._outbox.put(msg)

    def send_dataset(self, dataset: Dataset) -> int:
        """The key the child knows `dataset` by; sent only when it is new."""
        with self._lock:
            if dataset is not self._dataset:
                self._dataset = dataset  # kept: its id is never reused while we hold it
                self._dataset_key += 1
                self.send(DatasetMsg(self._dataset_key, dataset))
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

    def register(self, listener: Listener) -> int:
        """A new run id; messages for it go to `listener` (on the receiver thread)."""
        with self._lock:
            run = next(self._runs)
            self._listeners[run] = listener
            gone = self.error
        if gone is not None:
            listener(EofMsg(run, gone))
        return run

    def unregister(self, run: int) -> None:
        with self._lock:
            self._listeners.pop(run, None)

    def _receive_loop(self) -> None:
        try:
            while True:
                msg = self._evt.recv()
                with self._lock:
                    listener = self._listeners.get(msg.run)
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
            listener(EofMsg(run, self.error))

    def end_unresponsive(self, reason: str) -> None:
        """Kill a child that has stopped answering (SIGKILL: even a stopped process goes);
        every run on it ends as when the child dies, with `reason` as the why."""
        with self._lock:
            if self.error is None:
                self.error = reason
        proc = self._proc
        if proc is not None and not self._closed and proc.exitcode is None:
            proc.kill()

    # ---- closing ----

    def close(self, timeout: float = 0.5) -> None:
        """Ask the child to exit; after `timeout` seconds it is terminated (SIGTERM, then
        SIGKILL), so this returns about `timeout` + 0.2 s at worst. Killing loses nothing:
        the child writes no files, and a run's last state is in its snapshots. Idempotent."""
        if self._closed:
            return
        self._outbox.put(ExitMsg())
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




