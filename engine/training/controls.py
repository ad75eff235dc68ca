"""A trainer's thread-safe controls: flags set under a lock from any thread, read by the
training loop between batches, and jobs that run in the training thread between two batches."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import numpy as np

from .config import check_lr, check_momentum
from .pacing import IDLE_INTERVAL, SNAPSHOT_INTERVAL, SnapshotPacer

T = TypeVar("T")
C = TypeVar("C", bound="TrainerControls")


class TrainerControls:
    """The part of `Trainer` any thread may call; see `engine.training.trainer`."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paused = False
        self._stop = False
        self._steps_requested = 0
        self._pending: dict[str, float] = {}
        self._eval_requested = False
        self._pacer = SnapshotPacer()
        self._jobs: list[tuple[Callable[[Any], Any], Future[Any]]] = []
        self._accepting_jobs = False  # True from start() or run() until run() returns
        self.ended = False  # True once run() has returned (until the next start or run)

    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()

    def request_step(self, n: int = 1) -> None:
        """Train exactly n more batches, then stay paused."""
        with self._cond:
            self._paused = True
            self._steps_requested += n
            self._cond.notify_all()

    def wake(self) -> None:
        """Make a paused `run()` look for work now instead of after its idle sleep."""
        with self._cond:
            self._cond.notify_all()

    def set_lr(self, lr: float) -> None:
        """Change the base learning rate from the next batch on (the schedule scales it)."""
        lr = check_lr(lr)
        with self._cond:
            self._pending["lr"] = lr

    def set_momentum(self, momentum: float) -> None:
        momentum = check_momentum(momentum)
        with self._cond:
            self._pending["momentum"] = momentum

    def set_probe(self, x: np.ndarray, label: int | None) -> None:
        """The preprocessed image (1, 1, S, S) or (S, S) that `run`'s snapshots show."""
        self._pacer.set_probe(x, label)
        self.wake()

    def set_snapshot_interval(self, interval: float = SNAPSHOT_INTERVAL,
                              idle_interval: float = IDLE_INTERVAL) -> None:
        """Snapshots at most every `interval` s while training; paused, `run` sleeps
        `idle_interval` s at a time (controls wake it at once)."""
        self._pacer.interval, self._pacer.idle_interval = interval, idle_interval

    def snapshot_rates(self) -> tuple[float, float]:
        """(interval, idle_interval) of `set_snapshot_interval`."""
        return self._pacer.interval, self._pacer.idle_interval

    def request_evaluation(self) -> None:
        """Evaluate the test set at the next opportunity (between batches, or while paused)."""
        with self._cond:
            self._eval_requested = True
            self._cond.notify_all()

    def detach(self) -> None:
        """Nothing to do: this trainer is the owner's own (the child-process one lets go of
        the owner's trainer here)."""

    def close(self) -> None:
        """Nothing to release (the child-process trainer stops listening here)."""

    @property
    def paused(self) -> bool:
        with self._cond:
            return self._paused

    @property
    def stop_requested(self) -> bool:
        with self._cond:
            return self._stop

    # ---- jobs between two batches ----

    def call_between_batches(self: C, fn: Callable[[C], T]) -> Future[T]:
        """Run fn(self) in the training thread between two batches (at once, in this
        thread, when no run is going on); the future holds its result or exception."""
        future: Future[T] = Future()
        with self._cond:
            queued = self._accepting_jobs
            if queued:
                self._jobs.append((fn, future))
                self._cond.notify_all()
        if not queued:
            self._run_job(fn, future)
        return future

    def _run_jobs(self) -> None:
        with self._cond:
            pending, self._jobs = self._jobs, []
        for fn, future in pending:
            self._run_job(fn, future)

    def _run_job(self: C, fn: Callable[[C], Any], future: Future[Any]) -> None:
        try:
            future.set_result(fn(self))
        except BaseException as exc:  # handed to the caller
            future.set_exception(exc)
