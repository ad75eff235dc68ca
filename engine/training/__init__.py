"""Training: config (TrainConfig), history, evaluation, snapshot, state (RunState,
TrainerState), controls and pacing, the blow-up guard (divergence), the optimiser, the loop
(trainer), the weights recorded along a run (timeline), A/B pairs (compare) and the one
trainer interface (protocol)."""

from .branch import FROM_CURRENT, FROM_INITIAL, FROM_OWN, Branch, build_branch
from .compare import (
    COMPARE_OPTIONS,
    Change,
    Pair,
    apply_change,
    build_pair,
    comparable_history,
    final_accuracy,
    option_value,
    parse_change,
    verdict,
)
from .config import AUGMENTATION, TrainConfig, check_lr, check_momentum, default_lr
from .evaluation import Evaluation, frozen_evaluation
from .history import History, HistoryLog, HistoryTail
from .optim import SCHEDULES, SGD, Schedule
from .pacing import IDLE_INTERVAL, SNAPSHOT_INTERVAL
from .protocol import TrainerProtocol
from .snapshot import Snapshot, probe_snapshot_arrays, snapshot_of
from .state import RunState, TrainerState, TrainingPosition
from .timeline import DEFAULT_BUDGET, Timeline, TimelineEntry, TimelineFeed, TimelineSchedule
from .trainer import HEALTH_EVERY, Trainer

__all__ = [
    "AUGMENTATION",
    "COMPARE_OPTIONS",
    "FROM_CURRENT",
    "FROM_INITIAL",
    "FROM_OWN",
    "Branch",
    "build_branch",
    "Change",
    "Pair",
    "apply_change",
    "build_pair",
    "comparable_history",
    "final_accuracy",
    "option_value",
    "parse_change",
    "verdict",
    "DEFAULT_BUDGET",
    "HEALTH_EVERY",
    "IDLE_INTERVAL",
    "SCHEDULES",
    "SGD",
    "SNAPSHOT_INTERVAL",
    "Evaluation",
    "History",
    "HistoryLog",
    "HistoryTail",
    "RunState",
    "Schedule",
    "Snapshot",
    "snapshot_of",
    "TrainConfig",
    "Trainer",
    "TrainerProtocol",
    "TrainerState",
    "TrainingPosition",
    "Timeline",
    "TimelineEntry",
    "TimelineFeed",
    "TimelineSchedule",
    "check_lr",
    "check_momentum",
    "default_lr",
    "frozen_evaluation",
    "probe_snapshot_arrays",
]
