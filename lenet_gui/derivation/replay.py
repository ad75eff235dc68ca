"""The order a replay walks the layers in, and what each stage shows (no Qt)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BACKWARD = "backward"
FORWARD = "forward"


@dataclass(frozen=True)
class Stage:
    """One step of a replay: the layer whose turn it is and the layers revealed so far."""

    direction: str
    layer: str
    revealed: tuple[str, ...]


def stages(layer_names: Sequence[str], direction: str) -> tuple[Stage, ...]:
    """Backward: output first, down to the first layer (C1); forward: C1 up to the output."""
    order = list(reversed(layer_names)) if direction == BACKWARD else list(layer_names)
    return tuple(Stage(direction, name, tuple(order[: i + 1])) for i, name in enumerate(order))


class Replay:
    """A cursor over the stages: -1 before the first (nothing revealed)."""

    def __init__(self, layer_names: Sequence[str] = (), direction: str = BACKWARD) -> None:
        self.reset(layer_names, direction)

    def reset(self, layer_names: Sequence[str], direction: str) -> None:
        self.layer_names = tuple(layer_names)
        self.direction = direction
        self.stages = stages(self.layer_names, direction)
        self.position = -1

    @property
    def stage(self) -> Stage | None:
        return self.stages[self.position] if 0 <= self.position < len(self.stages) else None

    @property
    def revealed(self) -> tuple[str, ...]:
        stage = self.stage
        return () if stage is None else stage.revealed

    @property
    def at_end(self) -> bool:
        return self.position >= len(self.stages) - 1

    def step(self, by: int = 1) -> Stage | None:
        self.position = max(-1, min(len(self.stages) - 1, self.position + by))
        return self.stage
