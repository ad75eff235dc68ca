"""Where in a run something was taken, in words, numbered as the progress bar numbers epochs.

The engine counts completed epochs (`epoch` 0 during the first one); the progress bar shows
"epoch 1/20" then. An evaluation at an epoch's end is "after epoch N"; one asked for in the
middle of an epoch (Refresh) is "at step S, 40% into epoch N+1", never "after epoch 0".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine import Evaluation

translate = QCoreApplication.translate  # lupdate finds QCoreApplication.translate's texts


def epoch_shown(epoch: int, epochs: int) -> int:
    """The epoch in progress, 1-based, as the progress bar shows it (the last once done)."""
    return max(1, min(epoch + 1, max(epochs, 1)))


def evaluated_when(ev: Evaluation) -> str:
    """When `ev` was taken: "before training", "after epoch N, step S" or "at step S, P
    into epoch N"."""
    if ev.step == 0:
        return translate("RunTexts", "before training")
    if ev.epoch_progress <= 0:
        return translate("RunTexts", "after epoch {0}, step {1}").format(ev.epoch, ev.step)
    percent = min(99, max(1, round(100 * ev.epoch_progress)))  # never "0%" nor "100%" into it
    return translate("RunTexts", "at step {0}, {1}% into epoch {2}").format(
        ev.step, percent, ev.epoch + 1)
