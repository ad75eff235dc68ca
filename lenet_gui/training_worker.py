"""The training worker: a thread that runs a trainer and relays its snapshots as Qt signals.

The trainer is an `engine.RemoteTrainer` in a `TrainingProcess` when one is given (the
normal case: training has a GIL of its own, so the GUI drawing costs it nothing), else the
GUI's own `Trainer` in this thread. Either way it is an `engine.TrainerProtocol`: the worker
sets its probe and snapshot rates (`render_scheduler`'s), then calls `run(on_snapshot)` and
re-emits; controls go straight to `worker.trainer` from the GUI thread, and a paused trainer
is woken at once by new probes, jobs and controls. When a child-process run ends the GUI's
own Trainer has taken over the final state.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine import Snapshot, Trainer, TrainerProtocol

from .render_scheduler import IDLE_INTERVAL, SNAPSHOT_INTERVAL


class TrainingWorker(QObject):
    """Owns one training thread for one run of a Trainer. Create a new worker per run."""

    snapshotReady = Signal(object)  # engine Snapshot
    finished = Signal(str)  # the trainer's final state (an engine.RunState)
    failed = Signal(str)  # an unexpected exception, as text

    def __init__(self, trainer: TrainerProtocol, local: Trainer, probe: np.ndarray,
                 label: int | None, interval: float = SNAPSHOT_INTERVAL) -> None:
        """`trainer` runs the training (`local` itself, or a stand-in for it elsewhere:
        lenet_gui.session decides); `local` is the window's own Trainer, which holds the
        final state when the run ends."""
        super().__init__()
        self.local = local
        # what the controls and the state come from while the worker runs
        self.trainer = trainer
        self.trainer.set_snapshot_interval(interval, IDLE_INTERVAL)
        self.trainer.set_probe(probe, label)
        self._thread: threading.Thread | None = None
        self._closed = False
        self.snapshots_emitted = 0

    # ---- GUI thread ----

    @property
    def lost(self) -> str | None:
        """Why the trainer went away during this run (None if it did not)."""
        return self.trainer.lost

    def set_probe(self, probe: np.ndarray, label: int | None) -> None:
        self.trainer.set_probe(probe, label)

    def wake(self) -> None:
        """Make a paused trainer look for work now instead of after its sleep."""
        self.trainer.wake()

    def start(self, steps: int = 0) -> None:
        """Start the thread; steps > 0: train that many batches, then stay paused."""
        if self._thread is not None:
            raise RuntimeError("a TrainingWorker runs once")
        self.trainer.start(steps)
        self._thread = threading.Thread(target=self._run, name="lenet-training", daemon=True)
        self._thread.start()

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 0.8) -> bool:
        """Ask the trainer to stop and wait for the thread; True if it ended."""
        self.trainer.stop()
        ended = self.join(timeout)
        if ended:
            self._closed = True
        else:
            self.trainer.detach()  # given up: its end must not touch the window's trainer
        return ended

    def abandon(self) -> None:
        """The window is going away: no more signals, the trainer is asked to stop, and
        nothing waits for it (a batch or a test-set evaluation can take a second). A training
        process is then killed by its owner; a training thread is a daemon, so it never holds
        up the exit."""
        self._closed = True
        self.trainer.stop()
        self.trainer.detach()  # its end must not touch the window's trainer

    def join(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.is_alive()

    def close(self) -> None:
        """No more signals from this worker (the window is going away)."""
        self._closed = True

    def call_between_batches(self, fn: Callable[[Trainer], Any], timeout: float = 10.0) -> Any:
        """Run fn on the trainer as it is between two batches and return its result.
        Exceptions propagate.

        While the run goes on, fn runs here on a Trainer rebuilt from the state the trainer
        exports between two batches (e.g. to save a checkpoint); otherwise on the GUI's own
        trainer (which has the final state once the run has ended)."""
        if self.is_alive() and not self.trainer.ended:
            state = self.trainer.checkpoint_state(timeout)
            return fn(Trainer.from_state(state, self.local.dataset))
        self.join(timeout)
        return fn(self.local)

    # ---- training thread ----

    def _emit(self, snap: Snapshot) -> None:
        if not self._closed:
            self.snapshots_emitted += 1
            self.snapshotReady.emit(snap)

    def _run(self) -> None:
        try:
            state = self.trainer.run(on_snapshot=self._emit)
        except Exception:  # noqa: BLE001 - shown by the window
            if not self._closed:
                self.failed.emit(traceback.format_exc())
            return
        finally:
            self.trainer.close()
        if not self._closed:
            self.finished.emit(state)
