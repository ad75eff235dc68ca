"""`TrainerProtocol`: the one interface of a trainer, whether it trains in this process
(`Trainer`) or in a child process (`engine.RemoteTrainer`). Both implement every member with
the same signature, so a GUI types against this and never asks which one it has.

Use: `set_probe` and `set_snapshot_interval`, `start(steps)`, then `run(on_snapshot)` in a
thread of its own (it returns the final state); every control may be called from any
thread meanwhile. `close()` when done with the run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

import numpy as np

from ..data.datasets import Dataset
from .config import TrainConfig
from .evaluation import Evaluation
from .history import History
from .pacing import IDLE_INTERVAL, SNAPSHOT_INTERVAL
from .snapshot import Snapshot
from .state import RunState, TrainerState
from .timeline import Timeline


@runtime_checkable
class TrainerProtocol(Protocol):
    """What a GUI reads of, and does with, a trainer (see the module docstring)."""

    # ---- what it trains ----
    @property
    def config(self) -> TrainConfig: ...
    @property
    def dataset(self) -> Dataset: ...
    @property
    def batch_size(self) -> int: ...
    @property
    def batches_per_epoch(self) -> int: ...

    # ---- where it is ----
    @property
    def state(self) -> RunState: ...
    @property
    def step_count(self) -> int: ...
    @property
    def epoch(self) -> int: ...
    @property
    def batch_in_epoch(self) -> int: ...
    @property
    def epoch_float(self) -> float: ...
    @property
    def total_steps(self) -> int: ...
    @property
    def done(self) -> bool: ...
    @property
    def paused(self) -> bool: ...
    @property
    def ended(self) -> bool:
        """True once `run` has returned (or, in a child process, the run is over)."""
    @property
    def lr(self) -> float: ...
    @property
    def base_lr(self) -> float: ...
    @property
    def momentum(self) -> float: ...
    @property
    def history(self) -> History: ...
    @property
    def message(self) -> str | None: ...
    @property
    def images_per_s(self) -> float: ...
    @property
    def evaluation(self) -> Evaluation | None: ...
    @property
    def latest(self) -> Snapshot | None:
        """The last snapshot `run` handed out."""
    @property
    def timeline(self) -> Timeline | None:
        """The weights recorded along the run, None when not recording; from any thread
        (a child-process trainer's is a mirror that grows with every snapshot)."""
    @property
    def lost(self) -> str | None:
        """Why the trainer went away during the run (a child process can), else None."""

    # ---- controls, from any thread ----
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def stop(self) -> None: ...
    def request_step(self, n: int = 1) -> None: ...
    def wake(self) -> None: ...
    def set_lr(self, lr: float) -> None: ...
    def set_momentum(self, momentum: float) -> None: ...
    def request_evaluation(self) -> None: ...
    def set_probe(self, x: np.ndarray, label: int | None) -> None: ...
    def set_snapshot_interval(self, interval: float = SNAPSHOT_INTERVAL,
                              idle_interval: float = IDLE_INTERVAL) -> None: ...
    def checkpoint_state(self, timeout: float = 10.0) -> TrainerState:
        """The whole state taken between two batches; after the run, the final one."""
        ...

    # ---- the run ----
    def start(self, steps: int = 0) -> None:
        """Get ready to run; steps > 0: train that many batches, then stay paused."""
    def run(self, on_snapshot: Callable[[Snapshot], None] | None = None) -> RunState:
        """Train (blocking) until the run ends; on_snapshot is called for every snapshot."""
        ...
    def detach(self) -> None:
        """The owner gave up waiting for this run: leave the owner's trainer alone."""
    def close(self) -> None:
        """Done with this run (after `run` returned or was given up)."""
