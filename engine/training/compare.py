"""A/B pairs: two trainers that differ in one option and in nothing else — the same data,
the same seed (so the same batches and distortions) and, where the two networks' parameters
have the same shapes, the same initial weights. `engine.remote.compare` trains a pair, each
run in its own process; this module only builds it and words the result.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import DTypeLike

from ..data.datasets import Dataset
from ..errors import ConfigError
from ..nn.config import OPTION_CHOICES, NetworkConfig
from ..nn.network import Network, build_network
from .config import TrainConfig, default_lr
from .history import History
from .timeline import Timeline
from .trainer import Trainer

# option name -> NetworkConfig field ("c3" is the CLI's name of the C3 table option)
NETWORK_OPTIONS = {"activation": "activation", "subsampling": "subsampling",
                   "c3": "c3_connections", "output": "output", "init": "init"}
TRAIN_OPTIONS = ("lr", "batch_size", "augment")
COMPARE_OPTIONS = (*NETWORK_OPTIONS, *TRAIN_OPTIONS)
# History fields that depend on the machine's speed, not on the numbers trained
TIMING_FIELDS = ("epoch_images_per_s", "epoch_seconds")

Value = str | float | int | bool


@dataclass(frozen=True)
class Change:
    """The one option in which run B differs from run A."""

    option: str  # one of COMPARE_OPTIONS
    value: Value

    def __str__(self) -> str:
        value = f"{self.value:g}" if isinstance(self.value, float) else str(self.value)
        return f"{self.option}={value.lower() if isinstance(self.value, bool) else value}"


def parse_change(text: str) -> Change:
    """'activation=sigmoid', 'lr=0.5', 'batch_size=128' (or batch-size), 'augment=yes'."""
    option, sep, raw = text.partition("=")
    option, raw = option.strip().replace("-", "_"), raw.strip()
    if not sep or not raw or option not in COMPARE_OPTIONS:
        raise ConfigError(f"--compare takes OPTION=VALUE with OPTION one of "
                          f"{', '.join(COMPARE_OPTIONS)}, not {text!r}")
    if option in NETWORK_OPTIONS:
        choices = OPTION_CHOICES[NETWORK_OPTIONS[option]]
        if raw not in choices:
            raise ConfigError(f"unknown {option} {raw!r}; choose one of {', '.join(choices)}")
        return Change(option, raw)
    if option == "augment":
        flags = {"true": True, "yes": True, "on": True, "1": True,
                 "false": False, "no": False, "off": False, "0": False}
        if raw.lower() not in flags:
            raise ConfigError(f"augment is true or false, not {raw!r}")
        return Change(option, flags[raw.lower()])
    try:
        value: Value = int(raw) if option == "batch_size" else float(raw)
    except ValueError:
        raise ConfigError(f"{option} must be a number, not {raw!r}") from None
    return Change(option, value)


def apply_change(net: NetworkConfig, train: TrainConfig,
                 change: Change) -> tuple[NetworkConfig, TrainConfig]:
    """Run B's configurations. A learning rate left at A's network's default follows B's
    network (squared-error outputs want another rate than softmax)."""
    if change.option in TRAIN_OPTIONS:
        return net, train.replace(**{change.option: change.value})  # validated by TrainConfig
    b_net = net.replace(**{NETWORK_OPTIONS[change.option]: change.value})
    if train.lr == default_lr(net):
        train = train.replace(lr=default_lr(b_net))
    return b_net, train


@dataclass
class Pair:
    """Runs A and B, ready to train; `same_init`: B starts from A's initial weights."""

    a: Trainer
    b: Trainer
    change: Change
    same_init: bool

    def label(self, which: str) -> str:
        """'A (activation=relu)' / 'B (activation=sigmoid)'."""
        trainer = self.a if which == "A" else self.b
        return f"{which} ({option_value(trainer, self.change.option)})"


def option_value(trainer: Trainer, option: str) -> str:
    """'activation=relu': the compared option as `trainer` has it."""
    if option in NETWORK_OPTIONS:
        return f"{option}={getattr(trainer.net.config, NETWORK_OPTIONS[option])}"
    return str(Change(option, getattr(trainer.config, option)))


def build_pair(net: NetworkConfig, train: TrainConfig, change: Change, dataset: Dataset,
               *, dtype: DTypeLike = np.float32,
               timeline_budget: int | None = None) -> Pair:
    """Trainers A (the given configurations) and B (with `change`), both initialised from
    `train.seed`; B takes A's initial weights whenever their shapes allow, except when the
    initialisation is what is compared. `timeline_budget`: give each run a Timeline."""
    b_net_config, b_train = apply_change(net, train, change)
    a_net = build_network(net, dtype=dtype, seed=train.seed)
    b_net = build_network(b_net_config, dtype=dtype, seed=train.seed)
    same = change.option != "init" and a_net.param_shapes() == b_net.param_shapes()
    if same:
        b_net = Network(b_net_config, a_net.params, dtype)

    def timeline() -> Timeline | None:
        return None if timeline_budget is None else Timeline(timeline_budget)

    return Pair(Trainer(a_net, dataset, train, timeline=timeline()),
                Trainer(b_net, dataset, b_train, timeline=timeline()), change, same)


def comparable_history(history: History) -> dict[str, np.ndarray]:
    """The history's arrays but the timings: what equal runs must match bit for bit."""
    return {k: v for k, v in history.to_arrays().items() if k not in TIMING_FIELDS}


def final_accuracy(history: History) -> float | None:
    """The last epoch's test accuracy, None before the first epoch or without test data."""
    if not history.epoch_test_acc:
        return None
    acc = history.epoch_test_acc[-1]
    return acc if math.isfinite(acc) else None


def verdict(a_label: str, a_acc: float | None, b_label: str, b_acc: float | None,
            epochs: int, diverged: tuple[bool, bool] = (False, False)) -> str:
    """One line saying which run did better."""
    if diverged[0] and diverged[1]:
        return "verdict: both runs diverged."
    if diverged[0] or diverged[1]:
        gone, other, other_acc = ((a_label, b_label, b_acc) if diverged[0]
                                  else (b_label, a_label, a_acc))
        rest = f"reached {other_acc:.2%}" if other_acc is not None else "did not diverge"
        return f"verdict: {gone} diverged; {other} {rest}."
    if a_acc is None or b_acc is None:
        return "verdict: no test accuracy to compare (no epoch finished or no test images)."
    if a_acc == b_acc:
        return f"verdict: {a_label} and {b_label} are equally accurate ({a_acc:.2%})."
    best, worst = ((a_label, a_acc), (b_label, b_acc)) if a_acc > b_acc else (
        (b_label, b_acc), (a_label, a_acc))
    return (f"verdict: {best[0]} is better by {100 * (best[1] - worst[1]):.2f} points after "
            f"{epochs} epoch{'s' if epochs != 1 else ''} ({best[1]:.2%} against "
            f"{worst[1]:.2%}).")


def describe_change(pair: Pair) -> str:
    """What differs and what is shared, in one line."""
    init = "the same initial weights" if pair.same_init else "its own initial weights (seed "\
        f"{pair.a.config.seed})"
    fields = [f.name for f in dataclasses.fields(TrainConfig)
              if getattr(pair.a.config, f.name) != getattr(pair.b.config, f.name)]
    extra = f"; training settings that differ: {', '.join(fields)}" if fields else ""
    return (f"compare: {pair.label('A')} against {pair.label('B')}: same data and seed, "
            f"B with {init}{extra}")
