"""SGD with momentum and weight decay, and learning-rate schedules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..errors import ConfigError


class SGD:
    """v <- momentum * v - lr * (g + weight_decay * w);  w <- w + v.

    Weight decay applies to weights and C5/F kernels only, not to biases or subsampling
    coefficients (decaying a coefficient towards zero would switch its map off).
    """

    def __init__(self, params: dict[str, np.ndarray], lr: float = 0.01, momentum: float = 0.9,
                 weight_decay: float = 0.0) -> None:
        self.params = params
        self.lr = lr
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.velocity = {k: np.zeros_like(v) for k, v in params.items()}

    def rebind(self, params: dict[str, np.ndarray]) -> None:
        """Point at a network's (new) parameter dict, keeping velocities where shapes fit."""
        self.params = params
        self.velocity = {
            k: self.velocity[k] if k in self.velocity and self.velocity[k].shape == v.shape
            else np.zeros_like(v)
            for k, v in params.items()
        }

    def step(self, grads: dict[str, np.ndarray]) -> None:
        lr, mu, wd = self.lr, self.momentum, self.weight_decay
        for name, w in self.params.items():
            g = grads[name]
            v = self.velocity[name]
            v *= mu
            if wd and name.endswith(".weight"):
                v -= (lr * wd) * w
            v -= lr * g
            w += v

    def state_dict(self) -> dict[str, np.ndarray]:
        return {f"velocity/{k}": v.copy() for k, v in self.velocity.items()}

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        for k, v in self.velocity.items():
            saved = state.get(f"velocity/{k}")
            if saved is None or saved.shape != v.shape:
                raise ConfigError(f"optimiser state for {k} is missing or has the wrong shape")
            v[...] = saved


# Multipliers of the base rate per epoch (0-based) in the 1998 paper's run (section 5):
# 0.0005 for 2 passes, 0.0002 for 3, 0.0001 for 3, 0.00005 for 4, then 0.00001.
LECUN1998_FACTORS = (1.0, 1.0, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1)
LECUN1998_FINAL = 0.02

SCHEDULES = ("constant", "step", "lecun1998", "cosine")


@dataclass(frozen=True)
class Schedule:
    """Learning rate as a function of the (fractional) epoch."""

    kind: str = "constant"
    step_epochs: int = 5
    gamma: float = 0.3
    total_epochs: int = 20

    def __post_init__(self) -> None:
        if self.kind not in SCHEDULES:
            choices = ", ".join(SCHEDULES)
            raise ConfigError(f"unknown schedule {self.kind!r}; choose one of {choices}")

    def factor(self, epoch: float) -> float:
        if self.kind == "constant":
            return 1.0
        if self.kind == "step":
            return self.gamma ** int(epoch // max(1, self.step_epochs))
        if self.kind == "lecun1998":
            e = int(epoch)
            return LECUN1998_FACTORS[e] if e < len(LECUN1998_FACTORS) else LECUN1998_FINAL
        # cosine from 1 down to 2% over total_epochs
        t = min(max(epoch / max(1, self.total_epochs), 0.0), 1.0)
        return 0.02 + 0.98 * 0.5 * (1 + np.cos(np.pi * t))

    def lr(self, base_lr: float, epoch: float) -> float:
        return base_lr * self.factor(epoch)


def make_schedule(kind: str, total_epochs: int = 20) -> Callable[[float, float], float]:
    return Schedule(kind, total_epochs=total_epochs).lr
