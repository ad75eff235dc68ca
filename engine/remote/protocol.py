"""The wire protocol between the parent and the training child: one frozen dataclass per
message, pickled through two one-way pipes, and the snapshot's encoding for the trip.

parent -> child, written only by the parent's sender thread (so no caller ever blocks on a
pipe that the child has not read yet):
    DatasetMsg    once per dataset; the child keeps the last one
    LoadMsg       build a Trainer from a TrainerState and run it (with the probe, the steps
                  to train, the snapshot rates and the timeline's schedule, if recording)
    ControlMsg    a `Control` (pause resume stop step lr momentum wake evaluate ...)
    ProbeMsg      the image snapshots show
    StateRequest  the trainer's whole state, between two batches
    ExitMsg
child -> parent, written only by the child's training thread:
    SnapshotMsg   a snapshot as plain values (`encode_snapshot`), paced by the trainer: the
                  history as the part added since the last one, the evaluation only when new,
                  the timeline entries recorded since the last one (the parent mirrors them)
    StateReply    the answer to a StateRequest
    EndMsg        the run's final state and TrainerState, and the last timeline entries
    ErrorMsg      a traceback
and EofMsg, made by the parent's receiver itself when the child has gone away.
Every message about a run carries its `run` id; messages of a run that has ended are ignored.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Any

import numpy as np

from ..data.datasets import Dataset
from ..training import (
    Evaluation,
    HistoryLog,
    HistoryTail,
    RunState,
    Snapshot,
    TimelineEntry,
    TimelineSchedule,
    TrainerState,
    frozen_evaluation,
)

# ---------------------------------------------------------------- parent -> child


@dataclass(frozen=True)
class DatasetMsg:
    key: int
    dataset: Dataset


@dataclass(frozen=True)
class LoadMsg:
    run: int
    key: int  # of the dataset
    state: TrainerState
    probe: np.ndarray
    label: int | None
    steps: int  # > 0: train that many batches, then stay paused
    interval: float  # seconds between snapshots while training
    idle_interval: float  # a paused child's sleep
    timeline: TimelineSchedule | None = None  # record into a TimelineFeed of this schedule


class Control(str, Enum):
    PAUSE = "pause"
    RESUME = "resume"
    STOP = "stop"
    STEP = "step"
    LR = "lr"
    MOMENTUM = "momentum"
    WAKE = "wake"
    EVALUATE = "evaluate"
    SNAPSHOT_INTERVAL = "snapshot_interval"
    IDLE_INTERVAL = "idle_interval"


@dataclass(frozen=True)
class ControlMsg:
    run: int
    name: Control
    value: float = 0.0  # the number for STEP, LR, MOMENTUM and the intervals


@dataclass(frozen=True)
class ProbeMsg:
    run: int
    x: np.ndarray
    label: int | None


@dataclass(frozen=True)
class StateRequest:
    run: int
    request: int


@dataclass(frozen=True)
class ExitMsg:
    pass


ParentMessage = DatasetMsg | LoadMsg | ControlMsg | ProbeMsg | StateRequest | ExitMsg

# ---------------------------------------------------------------- child -> parent


@dataclass(frozen=True)
class SnapshotMsg:
    run: int
    base_lr: float
    fields: dict[str, Any]  # the Snapshot's fields but history and evaluation; plain dicts
    history: HistoryTail  # added since the previous SnapshotMsg of this run
    evaluation: Evaluation | None  # set only when new_evaluation
    new_evaluation: bool
    timeline: tuple[TimelineEntry, ...] = ()  # recorded since the previous SnapshotMsg


@dataclass(frozen=True)
class StateReply:
    run: int
    request: int
    state: TrainerState


@dataclass(frozen=True)
class EndMsg:
    run: int
    state: RunState
    final: TrainerState
    timeline: tuple[TimelineEntry, ...] = ()  # recorded since the last SnapshotMsg


@dataclass(frozen=True)
class ErrorMsg:
    run: int
    text: str  # a traceback


@dataclass(frozen=True)
class EofMsg:
    run: int
    reason: str  # why the child is gone


ChildMessage = SnapshotMsg | StateReply | EndMsg | ErrorMsg | EofMsg

# ---------------------------------------------------------------- snapshots

_MAPPINGS = ("activations", "pre_activations", "delta_u", "params", "batch_grads")
_ARRAYS = ("input", "probabilities", "saliency", "input_delta")


def encode_snapshot(run: int, snap: Snapshot, base_lr: float, history: HistoryTail,
                    sent_evaluation: Evaluation | None,
                    timeline: tuple[TimelineEntry, ...] = ()) -> SnapshotMsg:
    """`snap` as plain values; its evaluation only if it is not `sent_evaluation`."""
    fields = {f.name: getattr(snap, f.name) for f in dataclasses.fields(Snapshot)
              if f.name not in ("history", "evaluation")}
    for name in _MAPPINGS:
        fields[name] = dict(fields[name])
    new = snap.evaluation is not sent_evaluation
    return SnapshotMsg(run, base_lr, fields, history, snap.evaluation if new else None, new,
                       timeline)


def _freeze_arrays(d: dict[str, np.ndarray]) -> MappingProxyType[str, np.ndarray]:
    for a in d.values():
        a.flags.writeable = False
    return MappingProxyType(d)


def decode_snapshot(msg: SnapshotMsg, log: HistoryLog,
                    evaluation: Evaluation | None) -> tuple[Snapshot, Evaluation | None]:
    """The Snapshot again, frozen like an in-process one, and the run's evaluation now.
    `log` (the mirror of the child's history) takes the message's history first."""
    log.extend(msg.history)
    if msg.new_evaluation:
        evaluation = frozen_evaluation(msg.evaluation)
    fields = dict(msg.fields)
    for name in _MAPPINGS:
        fields[name] = _freeze_arrays(fields[name])
    for name in _ARRAYS:
        if fields.get(name) is not None:
            fields[name].flags.writeable = False
    fields["state"] = RunState(fields["state"])
    return Snapshot(history=log.freeze(), evaluation=evaluation, **fields), evaluation
