"""Where run B starts when a comparison begins beside run A, which goes on untouched.

B starts from A's initial weights at step 0 when they are known: the timeline's step-0
record (every run records the weights it started from with its first step), or A's weights
themselves while A has not taken a step. Otherwise (A was loaded from a checkpoint mid-run
without its timeline) B starts from A's whole state as it is now, taken between two
batches. `engine.build_branch` then makes B (its own initial weights when the networks'
weights cannot be shared).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine import (
    FROM_CURRENT,
    FROM_INITIAL,
    Branch,
    Change,
    ConfigError,
    Timeline,
    TrainerState,
    build_branch,
)

if TYPE_CHECKING:
    from .main_window import MainWindow

STATE_TIMEOUT = 10.0  # seconds to wait for A's state between two of its batches

# A's initial weights, or else A's state now and its timeline up to there
Origin = tuple[Mapping[str, np.ndarray] | None, TrainerState | None, Timeline | None]


def a_beginning_known(w: MainWindow) -> bool:
    """Whether run A's initial weights are known (B can then start from them)."""
    live = w.trainer
    if live is None or live.step_count == 0:
        return True
    timeline = live.timeline
    return timeline is not None and len(timeline) > 0 and timeline.steps[0] == 0


def a_state(w: MainWindow) -> TrainerState:
    """Run A's whole state, taken between two batches while it trains."""
    worker, local = w.training.worker, w.training.local
    if worker is not None and worker.is_alive():
        return worker.trainer.checkpoint_state(STATE_TIMEOUT)
    if local is None:
        raise ConfigError("there is no run A to compare with")
    return local.export_state()


def a_origin(w: MainWindow) -> Origin:
    """Where B starts: A's initial weights when known, else A's state now."""
    live = w.trainer
    timeline = None if live is None else live.timeline
    if timeline is not None and len(timeline) > 0 and timeline.steps[0] == 0:
        return dict(timeline.params_at(0)), None, None
    state = a_state(w)
    if state.step == 0:
        return state.params, None, None
    return None, state, None if timeline is None else timeline.fork(upto=state.step)


def a_initial(w: MainWindow) -> Origin:
    """A fresh run A's origin: its weights, at step 0."""
    local = w.training.local
    assert local is not None and local.step_count == 0
    return {k: v.copy() for k, v in local.net.params.items()}, None, None


def branch_from(w: MainWindow, origin: Origin, change: Change) -> Branch:
    """Run B for `change`, from `origin`, recording a timeline within the budget set."""
    local = w.training.local
    if local is None:
        raise ConfigError("there is no run A to compare with")
    initial, current, past = origin
    return build_branch(local.net.config, local.config, change, local.dataset,
                        initial=initial, current=current, past=past, dtype=local.net.dtype,
                        timeline_budget=w.timeline.budget)


def start_text(branch: Branch, change: Change, a_step: int) -> str:
    """Where B started, in a sentence (status bar, the compare bar's tooltip)."""
    if branch.start == FROM_INITIAL:
        return QCoreApplication.translate(
            "CompareStart", "Run B starts from run A's initial weights at step 0; run A goes "
            "on from step {0}.").format(a_step)
    if branch.start == FROM_CURRENT:
        return QCoreApplication.translate(
            "CompareStart", "Run A's initial weights are not known (it did not start at "
            "step 0 here): run B starts from run A's weights at step {0}.").format(branch.step)
    if change.option == "init":
        return QCoreApplication.translate(
            "CompareStart", "Run B starts from its own initial weights at step 0: the "
            "initialisation is what is compared.")
    return QCoreApplication.translate(
        "CompareStart", "Run B starts from its own initial weights at step 0: the two "
        "networks' weights differ in shape.")


def dialog_note(w: MainWindow) -> str:
    """What the dialog says about where the runs start."""
    live = w.trainer
    step = 0 if live is None else live.step_count
    if a_beginning_known(w):
        return QCoreApplication.translate(
            "CompareStart", "Run A goes on from step {0}. Run B starts from run A's initial "
            "weights at step 0, where the two networks' weights have the same shape.").format(
            step)
    return QCoreApplication.translate(
        "CompareStart", "Run A's initial weights are not known (it did not start at step 0 "
        "here): run B starts from run A's weights as they are when you press OK (step {0} "
        "now).").format(step)
