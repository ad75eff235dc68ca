"""How to train: `TrainConfig`, its validation, and a good default learning rate."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from .optim import SCHEDULES

# On-line distortions: shifts, rotation, scale and a mild elastic field (~1 px rms; Simard
# et al.'s alpha 34 on top of the affine part bends thin strokes out of shape).
AUGMENTATION: dict[str, Any] = {
    "max_shift": 2.0, "max_rotate_deg": 10.0, "scale_range": (0.9, 1.1),
    "elastic_alpha": 16.0, "elastic_sigma": 4.0,
}


def default_lr(config: Any) -> float:
    """A base learning rate that trains this network well with SGD + momentum 0.9
    (measured on MNIST, batch 64). `config` is a NetworkConfig.

    Softmax outputs: 0.05, the 1998 network included (0.1 is unstable with the 1998
    initialisation, 0.2 diverges). Squared error on sigmoid outputs: 0.3 (seed 000's
    network reaches 88% after one epoch; DeepLearnToolbox used 1.0 without momentum).
    Seed 002's single-conv network feeds 864 all-positive sigmoid outputs into its output
    layer, so every step moves the outputs a lot: 0.01 (68% after one epoch; it learns
    fastest with small batches and no momentum).
    """
    if config.architecture == "simple":
        return 0.01
    return 0.3 if config.output == "sigmoid_mse" else 0.05


@dataclass(frozen=True)
class TrainConfig:
    """How to train: the options of `lenet-train` and the GUI's controls."""

    epochs: int = 20
    batch_size: int = 64
    lr: float = 0.05
    momentum: float = 0.9
    weight_decay: float = 5e-4
    schedule: str = "cosine"
    augment: bool = False
    seed: int = 0

    def __post_init__(self) -> None:
        validate_train_config(self)

    def replace(self, **changes: Any) -> TrainConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def validate_train_config(c: TrainConfig) -> None:
    if not isinstance(c.epochs, int) or c.epochs < 1:
        raise ConfigError(f"epochs must be a whole number of at least 1, got {c.epochs!r}")
    if not isinstance(c.batch_size, int) or c.batch_size < 1:
        raise ConfigError(f"batch size must be a whole number of at least 1, got {c.batch_size!r}")
    check_lr(c.lr)
    check_momentum(c.momentum)
    if not (math.isfinite(c.weight_decay) and c.weight_decay >= 0):
        raise ConfigError(f"weight decay must be 0 or more, got {c.weight_decay!r}")
    if c.schedule not in SCHEDULES:
        raise ConfigError(f"unknown schedule {c.schedule!r}; choose one of {', '.join(SCHEDULES)}")
    if not isinstance(c.augment, bool):
        raise ConfigError(f"augment must be true or false, got {c.augment!r}")
    # numpy's generators take only non-negative seeds
    if isinstance(c.seed, bool) or not isinstance(c.seed, int) or c.seed < 0:
        raise ConfigError(f"seed must be a whole number of 0 or more, got {c.seed!r}")


def check_lr(lr: float) -> float:
    if not (isinstance(lr, int | float) and math.isfinite(lr) and lr >= 0):
        raise ConfigError(f"learning rate must be a number of 0 or more, got {lr!r}")
    return float(lr)


def check_momentum(m: float) -> float:
    if not (isinstance(m, int | float) and math.isfinite(m) and 0 <= m < 1):
        raise ConfigError(f"momentum must be at least 0 and below 1, got {m!r}")
    return float(m)
