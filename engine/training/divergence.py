"""The blow-up guard: what counts as divergence, and the two weight backups that undo it.

The loss of a batch is measured before its step, so a loss that is NaN or huge means the
*previous* step did the damage; a step that moves some layer's weights by more than
`UPDATE_RATIO_LIMIT` times their size is caught right after it is taken.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Above this, float32 training is numerically meaningless: stop and say so.
LOSS_LIMIT = 1e4
# A step that moves some layer's weights by more than twice their own size is a blow-up.
# Healthy runs of every preset stay below 0.45 even at batch size 1 (measured on MNIST);
# squared-error outputs saturate instead of growing the loss, so only this catches them.
UPDATE_RATIO_LIMIT = 2.0

Arrays = dict[str, np.ndarray]


@dataclass
class Backup:
    """Weights and velocities as they were before step number `step` (-1: stale)."""

    step: int
    params: Arrays
    velocity: Arrays


def loss_problem(loss: float) -> str | None:
    """Why this batch loss means the previous step diverged, or None."""
    if not math.isfinite(loss):
        return "the loss became infinite or NaN"
    return "the loss became huge" if loss >= LOSS_LIMIT else None


def blow_up(params: Arrays, velocity: Arrays, before: Arrays) -> str | None:
    """Why the step just taken is a blow-up, or None. The update is the velocity."""
    for name, w in params.items():
        if not np.isfinite(w).all():
            return f"{name} became infinite or NaN"
        if name.endswith((".weight", ".coef")):
            v = velocity[name].ravel()
            old = before[name].ravel()
            update2, size2 = float(v @ v), float(old @ old)
            if size2 > 0 and update2 > (UPDATE_RATIO_LIMIT**2) * size2:
                ratio = math.sqrt(update2 / size2)
                return f"one step changed {name} by {ratio:.3g}x its own size"
    return None


def divergence_message(bad_step: int, epoch: int, why: str, lr: float) -> str:
    return (
        f"Training diverged at step {max(bad_step, 1)} (epoch {epoch + 1}): {why} "
        f"with learning rate {lr:.3g}. The weights from before that step are "
        "kept; lower the learning rate, or reset."
    )


@dataclass(frozen=True)
class Divergence:
    """How a run diverged: at step `step` with base learning rate `lr` (the message says
    why). A checkpoint of the restored weights records it under notes["diverged"]."""

    step: int
    lr: float
    message: str

    def note(self) -> dict[str, float | int | str]:
        return {"step": self.step, "lr": self.lr, "message": self.message}


def resume_lr(diverged_lr: float, candidates: tuple[float, ...]) -> float:
    """The learning rate a checkpoint saved after a divergence records as its own, so that
    resuming it without a new one does not diverge again at once: the largest candidate
    (the run's configured rate, the network's default) below the diverging rate, else a
    tenth of it."""
    below = [lr for lr in candidates if 0 < lr < diverged_lr]
    return max(below) if below else diverged_lr / 10


class Backups:
    """Weights and velocities before this step and before the previous one, in two reused
    buffers (rotated), so either can be put back."""

    def __init__(self) -> None:
        self._buffers: list[Backup] = []

    def take(self, step: int, params: Arrays, velocity: Arrays) -> tuple[Backup, Backup | None]:
        """Copy weights and velocities into the older buffer.
        Returns (before this step, before the previous step if that was the last step)."""
        latest = self._buffers[0] if self._buffers else None
        if len(self._buffers) == 2 and all(
            self._buffers[1].params[k].shape == v.shape for k, v in params.items()
        ):
            buf = self._buffers.pop()
        else:
            self._buffers = self._buffers[:1]
            buf = Backup(
                -1,
                {k: np.empty_like(v) for k, v in params.items()},
                {k: np.empty_like(v) for k, v in velocity.items()},
            )
        for k, v in params.items():
            np.copyto(buf.params[k], v)
            np.copyto(buf.velocity[k], velocity[k])
        buf.step = step
        self._buffers.insert(0, buf)
        previous = latest if latest is not None and latest.step == step - 1 else None
        return buf, previous

    def restore(self, backup: Backup, params: Arrays, velocity: Arrays) -> None:
        """Put `backup` back in place; every buffer is stale afterwards (they no longer
        describe the steps just before the next one)."""
        for k, v in backup.params.items():
            params[k][...] = v
            velocity[k][...] = backup.velocity[k]
        for b in self._buffers:
            b.step = -1
