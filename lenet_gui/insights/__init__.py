"""Insight views: self-contained tabs the main window hosts beside the network view.

Every view is an `InsightView` (a QWidget) with a `title`, `update_snapshot(snap)` and
`set_context(ctx)`. The main window calls `update_snapshot` while the tab is visible; a
hidden view only keeps a reference to the snapshot and renders it when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._common import InsightView
from .confusion import ConfusionView
from .gradcheck import GradientCheckView
from .health import GradientHealthView
from .kernels import KernelsView
from .mistakes import MistakesView
from .saliency import SaliencyView
from .unit_details import UnitDetails


@dataclass
class InsightContext:
    """What the views need from the application besides snapshots."""

    dataset: Any  # engine Dataset (test images for galleries, class names)
    network_config: Any  # engine NetworkConfig of the trained network
    set_probe_index: Callable[[int], None]  # make test image i the network view's probe
    request_evaluation: Callable[[], None]  # evaluate the test set now


__all__ = [
    "ConfusionView",
    "GradientCheckView",
    "GradientHealthView",
    "InsightContext",
    "InsightView",
    "KernelsView",
    "MistakesView",
    "SaliencyView",
    "UnitDetails",
    "create_insight_views",
]


def create_insight_views(ctx: InsightContext) -> list[InsightView]:
    """One of each view, in tab order."""
    return [
        ConfusionView(ctx),
        MistakesView(ctx),
        KernelsView(ctx),
        SaliencyView(ctx),
        GradientHealthView(ctx),
        GradientCheckView(ctx),
        UnitDetails(ctx),
    ]
