"""A comparison's two runs, for the insight views that draw both at once: gradient health
overlays them, the confusion matrices sit side by side. The window's compare controller
makes one when a comparison starts and hands it to those views (`InsightView.set_runs`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine import Snapshot

from ..plot_style import RUN_A, RUN_B

RUN_COLOURS = (RUN_A, RUN_B)  # the curves' colours of runs A and B


@dataclass(frozen=True)
class RunPair:
    """Runs A and B: their labels (as the curves' legend has them), their newest snapshots
    and a test-set evaluation of both."""

    labels: tuple[str, str]  # "A (activation=relu)", "B (activation=sigmoid)"
    snapshots: Callable[[], tuple[Snapshot | None, Snapshot | None]]  # (A's, B's) newest
    request_evaluation: Callable[[], None]  # evaluate both runs' test sets now

    def runs(self) -> list[tuple[int, str, Snapshot]]:
        """(index, label, snapshot) of each run that has a snapshot yet (A first)."""
        return [(i, self.labels[i], snap) for i, snap in enumerate(self.snapshots())
                if snap is not None]
