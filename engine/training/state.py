"""A trainer's state: the `RunState` enum, `TrainerState` (everything needed to continue a run
elsewhere) and `TrainingPosition` (where a run is, from its step count)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy as np

from .config import TrainConfig
from .divergence import Divergence
from .evaluation import Evaluation


class RunState(str, Enum):
    """A trainer's state. A `str` so that it pickles, prints and compares as its value."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"
    DIVERGED = "diverged"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


@dataclass
class TrainerState:
    """A Trainer's whole state as plain values and array copies (picklable): to continue
    training somewhere else, e.g. in another process (`engine.remote`), and to come back."""

    network_config: Any  # NetworkConfig
    dtype: str
    params: dict[str, np.ndarray]
    config: TrainConfig
    step: int
    epoch: int
    optimizer: dict[str, np.ndarray]
    base_lr: float
    momentum: float
    history: dict[str, np.ndarray]  # History.to_arrays()
    state: RunState = RunState.READY
    message: str | None = None
    images_per_s: float = 0.0
    evaluation: Evaluation | None = None
    last_grads: dict[str, np.ndarray] | None = None
    epoch_counters: tuple[int, int, float] = (0, 0, 0.0)
    divergence: Divergence | None = None  # how the run diverged, if it did


class TrainingPosition:
    """Where a run is, from `step_count`, `batches_per_epoch` and `config.epochs` (shared by
    `Trainer` and the remote trainer that mirrors one)."""

    step_count: int
    batches_per_epoch: int
    config: TrainConfig

    @property
    def epoch(self) -> int:
        return self.step_count // self.batches_per_epoch

    @property
    def batch_in_epoch(self) -> int:
        return self.step_count % self.batches_per_epoch

    @property
    def epoch_float(self) -> float:
        return self.step_count / self.batches_per_epoch

    @property
    def total_steps(self) -> int:
        return self.config.epochs * self.batches_per_epoch

    @property
    def done(self) -> bool:
        return self.step_count >= self.total_steps
