"""Run B of a comparison started beside a run A that is already under way.

A goes on untouched. B gets the same data and seed (so the same shuffling and
distortions) and the one option changed, and starts where the two runs can be compared
best: from A's initial weights at step 0 when they are known, so that with equal options
B retraces A's history bit for bit; from A's weights, step, history and optimiser state
as they are now when A's beginning is not known (a run loaded from a checkpoint
mid-way); from its own initial weights at step 0 when the two networks' parameters differ
in shape, or when the initialisation is what is compared.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import DTypeLike

from ..data.datasets import Dataset
from ..nn.config import NetworkConfig
from ..nn.network import Network, build_network
from .compare import Change, apply_change
from .config import TrainConfig
from .state import RunState, TrainerState
from .timeline import Timeline
from .trainer import Trainer

FROM_INITIAL = "initial"  # A's initial weights, step 0
FROM_CURRENT = "current"  # A's weights, step, history and optimiser state now
FROM_OWN = "own"  # B's own initial weights (seed of the run), step 0


@dataclass
class Branch:
    """Run B, ready to train, and where it starts (one of the FROM_* names)."""

    b: Trainer
    start: str

    @property
    def step(self) -> int:
        """The step B starts at."""
        return self.b.step_count


def _shapes(params: Mapping[str, np.ndarray]) -> dict[str, tuple[int, ...]]:
    return {k: tuple(np.shape(v)) for k, v in params.items()}


def _continue(state: TrainerState, net: NetworkConfig, train: TrainConfig, change: Change,
              dataset: Dataset) -> Trainer:
    """A trainer of B's configuration that goes on from A's exported `state`."""
    step = state.step
    if change.option == "batch_size":  # the step count is in batches: the same images seen
        step = state.step * state.config.batch_size // train.batch_size
    b_state = dataclasses.replace(
        state, network_config=net, config=train, step=step,
        base_lr=train.lr if change.option == "lr" else state.base_lr,
        state=RunState.READY, message=None, divergence=None, images_per_s=0.0,
        evaluation=None, last_grads=None)  # A's, not B's: another network or another step
    return Trainer.from_state(b_state, dataset)


def build_branch(net: NetworkConfig, train: TrainConfig, change: Change, dataset: Dataset, *,
                 initial: Mapping[str, np.ndarray] | None = None,
                 current: TrainerState | None = None, past: Timeline | None = None,
                 dtype: DTypeLike = np.float32,
                 timeline_budget: int | None = None) -> Branch:
    """Run B beside a run A of `net` and `train` (see the module docstring): from A's
    `initial` weights when given, else from A's `current` state (`past`, A's timeline, is
    then B's up to that step). `timeline_budget`: B records a timeline (its first entry is
    the weights it starts from)."""
    b_net, b_train = apply_change(net, train, change)
    own = build_network(b_net, dtype=dtype, seed=train.seed)

    def shared(params: Mapping[str, np.ndarray]) -> bool:
        return change.option != "init" and _shapes(params) == own.param_shapes()

    if initial is not None and shared(initial):
        b, start = Trainer(Network(b_net, dict(initial), dtype), dataset, b_train), FROM_INITIAL
    elif initial is None and current is not None and shared(current.params):
        b, start = _continue(current, b_net, b_train, change, dataset), FROM_CURRENT
    else:
        b, start = Trainer(own, dataset, b_train), FROM_OWN
    timeline = None
    if start == FROM_CURRENT and past is not None:
        timeline = past.fork(upto=b.step_count)  # B's past is A's
    elif timeline_budget is not None:
        timeline = Timeline(timeline_budget)
    if timeline is not None:
        # B's start is on its timeline at once: scrubbing B there needs no step done
        timeline.record(b.step_count, b.net.params, b.lr, float("nan"), force=True)
        b.recorder = timeline
    return Branch(b, start)
