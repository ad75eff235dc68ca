"""Where a training run executes: the only module that knows process from thread.

Normally a run trains in a child process (`engine.TrainingProcess`, started in the background
when the window opens and reused for every run): a training thread makes hundreds of short
NumPy calls per batch, each handing the GIL over, and would lose a third of its speed to the
GUI drawing. The window's own `Trainer` then gets an `engine.RemoteTrainer` in front of it.
When no process can be started (or LENET_GUI_TRAINING=thread), the window's Trainer trains in
the worker's thread itself. Either way the rest of the GUI sees one `engine.TrainerProtocol`.
"""

from __future__ import annotations

import os
import threading

import numpy as np

from engine import RemoteTrainer, Trainer, TrainerProtocol, TrainingProcess

from .training_worker import TrainingWorker

# on close the child gets this long to exit by itself (idle or paused: milliseconds), then it
# is killed: mid-batch or mid-evaluation it could need a second, and closing must take < 1 s
PROCESS_CLOSE_GRACE = 0.1
# LENET_GUI_TRAINING=thread trains in a thread of this process (no child process)
TRAINING_MODE_ENV = "LENET_GUI_TRAINING"


class TrainingSession:
    """Owns the training process and turns the window's Trainer into a running worker."""

    def __init__(self) -> None:
        self.process: TrainingProcess | None = None
        self._lock = threading.Lock()
        self._failed = os.environ.get(TRAINING_MODE_ENV, "") == "thread"
        self._closed = False

    def start_in_background(self) -> None:
        """Spawn the process on a thread of its own: never delays the window."""
        if not self._failed:
            threading.Thread(target=self.training_process, name="lenet-process-start",
                             daemon=True).start()

    def training_process(self) -> TrainingProcess | None:
        """The live training process, started (again) if needed; None when processes
        cannot be used here (training then runs in a thread)."""
        with self._lock:
            if self._failed or self._closed:
                return None
            proc = self.process
            if proc is not None and proc.is_alive():
                return proc
            if proc is not None:
                proc.close(0.1)
            self.process = None
            try:
                proc = TrainingProcess()
                proc.start()
            except Exception:  # noqa: BLE001 - no multiprocessing here: train in a thread
                self._failed = True
                return None
            self.process = proc
            return proc

    def worker(self, trainer: Trainer, probe: np.ndarray, label: int | None) -> TrainingWorker:
        """A worker (not yet started) that runs `trainer` in the process, or in its thread."""
        proc = self.training_process()
        run: TrainerProtocol = trainer if proc is None else RemoteTrainer(trainer, proc)
        return TrainingWorker(run, trainer, probe, label)

    def close(self) -> None:
        """The window closes: the process gets its short grace, then is terminated."""
        with self._lock:
            self._closed = True
            proc, self.process = self.process, None
        if proc is not None:
            proc.close(PROCESS_CLOSE_GRACE)
