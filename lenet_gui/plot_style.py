"""The colours and tick labels every plot shares: the curves, gradient health and the exports.

One place for them, so a report's curves look like the app's and two layers never look alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg

__all__ = [
    "EMA",
    "LAYER_COLOURS",
    "LR",
    "RAW",
    "RUN_A",
    "RUN_B",
    "TEST",
    "TRAIN",
    "LogAxis",
    "RoomyAxis",
    "layer_colour",
    "log_tick_labels",
]

TRAIN = "#e67814"  # training accuracy (orange)
TEST = "#1e963c"  # test accuracy (green)
EMA = "#143caa"  # smoothed training loss (dark blue)
RAW = (70, 110, 200, 70)  # loss of every batch (faint blue)
LR = "#9467bd"  # the learning rate (purple)
# a comparison's two runs: A keeps the smoothed loss's blue, B is pink (purple is the rate)
RUN_A = EMA
RUN_B = "#e12878"
# one colour per layer, all far apart (matplotlib's tab10 order, which is built for that)
LAYER_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                 "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def layer_colour(index: int) -> str:
    """The colour of the index-th layer shown (layers in network order)."""
    return LAYER_COLOURS[index % len(LAYER_COLOURS)]


def _power(value: float) -> str:
    exponent = math.floor(math.log10(value) + 1e-9)
    mantissa = round(value / 10.0 ** exponent, 1)
    if mantissa >= 10:
        mantissa, exponent = 1.0, exponent + 1
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    return power if mantissa == 1 else f"{mantissa:g}·{power}"


def _labelled(value: float) -> bool:
    """1, 2 and 5 times a power of ten get a label; the minor ticks between stay bare (their
    labels would run into each other)."""
    if not (math.isfinite(value) and value > 0):
        return False
    mantissa = value / 10.0 ** math.floor(math.log10(value) + 1e-9)
    return any(abs(mantissa - m) < 0.05 for m in (1.0, 2.0, 5.0, 10.0))


def log_tick_labels(values: Sequence[float]) -> list[str]:
    """Labels for the ticks of a log axis, all in one style: plain numbers ("0.01", "2",
    "500") when every tick lies in 0.01..1000, otherwise powers of ten ("10⁻⁵", "2·10⁻³")."""
    finite = [v for v in values if math.isfinite(v) and v > 0]
    plain = all(0.01 - 1e-12 <= v < 1000 for v in finite)
    return [("" if not _labelled(v) else f"{v:.3g}" if plain else _power(v)) for v in values]


class LogAxis(pg.AxisItem):
    """An axis whose log-mode ticks are labelled in one consistent style (pyqtgraph mixes
    "0.001" with "10⁻⁵" on one axis)."""

    def logTickStrings(self, values: list[float], scale: float,  # noqa: N802 (pyqtgraph)
                       spacing: float) -> list[str]:
        return log_tick_labels([scale * 10.0 ** float(v) for v in values])


MIN_TICK_PX = 22  # between two labelled ticks of a side axis: less and their numbers touch


def roomier_step(step: float, least: float) -> float:
    """The smallest 1-2-5 step (times a power of ten) that is at least `step` and `least`."""
    want = max(step, least)
    exponent = math.floor(math.log10(want))
    for base in (1.0, 2.0, 5.0, 10.0):
        if base * 10.0 ** exponent >= want * (1 - 1e-9):
            return base * 10.0 ** exponent
    return 10.0 ** (exponent + 1)


class RoomyAxis(pg.AxisItem):
    """A linear side axis whose labelled ticks stay MIN_TICK_PX apart on a short plot
    (pyqtgraph always labels at least six on 0..1, which run together below ~100 px)."""

    def tickSpacing(self, minVal: float, maxVal: float,  # noqa: N802,N803 (pyqtgraph)
                    size: float) -> list[tuple[float, float]]:
        levels = super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if not levels or self.orientation in ("top", "bottom") or size <= 0 or span <= 0:
            return levels
        step = roomier_step(levels[0][0], MIN_TICK_PX * span / size)
        minor = [(s, o) for s, o in levels if s < step and abs(step / s - round(step / s)) < 1e-6]
        return [(step, 0.0), *minor[:1]]
