"""When a running trainer takes a snapshot, and of which probe image.

While training: at most every `interval` seconds, and after a batch that pauses, diverges,
finishes or ends an epoch. While paused: as soon as the probe, the evaluation or the state
changed. The defaults below are the engine's only copy of these rates; the GUI passes its own.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from .evaluation import Evaluation
from .snapshot import Snapshot
from .state import RunState, TrainingPosition

SNAPSHOT_INTERVAL = 0.075  # seconds between snapshots while training (about 12 a second)
IDLE_INTERVAL = 0.1  # a paused trainer's sleep; controls and new probes wake it at once

Probe = tuple[np.ndarray, int | None]


class SnapshotPacer:
    """The probe (set from any thread) and the throttle (read by the training thread)."""

    def __init__(self, interval: float = SNAPSHOT_INTERVAL,
                 idle_interval: float = IDLE_INTERVAL) -> None:
        self.interval = interval
        self.idle_interval = idle_interval
        self._lock = threading.Lock()
        self._probe: Probe | None = None
        self._version = 0
        self._taken_version = -1
        self._taken_evaluation: Evaluation | None = None
        self._taken_state: RunState | None = None
        self._last = 0.0

    def set_probe(self, x: np.ndarray, label: int | None) -> None:
        with self._lock:
            self._probe = (x, label)
            self._version += 1

    def probe(self) -> tuple[Probe | None, int]:
        """The probe (None if never set) and its version."""
        with self._lock:
            return self._probe, self._version

    def due_after_batch(self, tr: TrainingPosition, paused: bool, state: RunState) -> bool:
        return (time.monotonic() - self._last >= self.interval or paused
                or state == RunState.DIVERGED or tr.done or tr.batch_in_epoch == 0)

    def due_when_idle(self, evaluation: Evaluation | None, state: RunState) -> bool:
        with self._lock:
            version = self._version
        return (version != self._taken_version or evaluation is not self._taken_evaluation
                or state != self._taken_state)

    def taken(self, snap: Snapshot, version: int) -> None:
        """`snap` of the probe of `version` was just taken."""
        self._taken_version = version
        self._taken_evaluation = snap.evaluation
        self._taken_state = snap.state
        self._last = time.monotonic()
