"""The network view's colours, colour maps and number formats (shared by the view, its
cells and the enlarged map)."""

from __future__ import annotations

import math

import pyqtgraph as pg

INPUT_LEVELS = (-0.1, 1.175)  # the engine's preprocessing: background -0.1, full ink 1.175
BACKGROUND = "#ffffff"
GAP_COLOR = "#8c8c8c"
TEXT_COLOR = "#202020"
BAR_COLOR = "#9db4cf"
PRED_RIGHT = "#2e9e44"
PRED_WRONG = "#d9482b"
PRED_NEUTRAL = "#2572dd"  # the prediction for an image without a label (a drawing)
TRUE_PEN = "#1a6b2c"
SELECT_COLOR = "#ff8c00"  # the selected unit and its receptive field

ACT_CMAP = "viridis"
DELTA_CMAP = "CET-D1A"  # blue - white - red

# point sizes of the view's text at full size (the layout plan may scale them down)
TITLE_PT = 9.0
DESC_PT = 7.5
SCALE_PT = 7.5
HEADER_PT = 8.5


def _gray() -> pg.ColorMap:
    return pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)], name="gray")


def colormap(name: str) -> pg.ColorMap:
    return _gray() if name == "gray" else pg.colormap.get(name)


def fmt(v: float) -> str:
    """Compact number for labels: 0.532, -1.2e-04."""
    if not math.isfinite(v):
        return str(v)
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e4 or a < 1e-2:
        return f"{v:.1e}"
    if a >= 100:
        return f"{v:.0f}"
    return f"{v:.3g}"


def sci(v: float) -> str:
    """A sensitivity: 3 significant digits, scientific; exactly 0 (a switched-off unit) as 0."""
    return "0" if v == 0 else f"{v:.3e}"


def pt(size: float) -> str:
    """A pyqtgraph label size."""
    return f"{size:.2g}pt"
