"""Insight views: self-contained tabs the main window hosts beside the network view.

Every view is an `InsightView` (a QWidget) with a `title`, `update_snapshot(snap)` and
`set_context(ctx)`. The main window calls `update_snapshot` while the tab is visible; a
hidden view only keeps a reference to the snapshot and renders it when shown.
"""

from __future__ import annotations

from ._common import InsightContext, InsightView
from .confusion import ConfusionView
from .derivation import DerivationView
from .gradcheck import GradientCheckView
from .health import GradientHealthView
from .kernels import KernelsView
from .mistakes import MistakesView
from .saliency import SaliencyView
from .unit_details import UnitDetails

__all__ = [
    "ConfusionView",
    "DerivationView",
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
        DerivationView(ctx),
    ]
