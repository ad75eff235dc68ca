"""Training in a child process: the typed wire protocol (protocol), the child (child), and
the parent's `TrainingProcess` and `RemoteTrainer` (parent)."""

from .parent import RemoteTrainer
from .process import TrainingProcess, TrainingProcessError

__all__ = ["RemoteTrainer", "TrainingProcess", "TrainingProcessError"]
