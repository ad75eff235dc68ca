"""Training in a child process: the typed wire protocol (protocol), the child (child), the
parent's `TrainingProcess` and `RemoteTrainer` (parent), and an A/B pair side by side
(compare)."""

from .compare import CompareRun
from .parent import RemoteTrainer
from .process import TrainingProcess, TrainingProcessError

__all__ = ["CompareRun", "RemoteTrainer", "TrainingProcess", "TrainingProcessError"]
