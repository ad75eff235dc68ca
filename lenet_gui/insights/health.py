"""Gradient health over training: mean |delta_u| and update/weight ratio per layer."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine import Snapshot

from ..plot_style import LogAxis, layer_colour
from ._common import InsightContext, InsightView, caption, heading, message

HEALTHY_RATIO = 1e-3


def _positive(v: np.ndarray) -> np.ndarray:
    """Values for a log axis: zeros and non-finite values become gaps (NaN)."""
    v = np.asarray(v, np.float64)
    return np.where(np.isfinite(v) & (v > 0), v, np.nan)


def _fit_decades(plot: pg.PlotItem, ys: list[np.ndarray], include: float | None) -> None:
    """Show at least three decades on the log axis (fewer crowd its minor tick labels)."""
    logs = [np.log10(y[np.isfinite(y)]) for y in ys]
    logs = [v for v in logs if v.size]
    if include is not None:
        logs.append(np.array([np.log10(include)]))
    if not logs:
        return
    lo, hi = min(float(v.min()) for v in logs), max(float(v.max()) for v in logs)
    mid, half = (lo + hi) / 2, max((hi - lo) / 2, 1.5)
    plot.setYRange(mid - half, mid + half, padding=0.05)


class GradientHealthView(InsightView):
    """Two log-scale plots of per-layer gradient statistics against training step."""

    title = str(QT_TRANSLATE_NOOP("GradientHealthView", "Gradient health"))

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._key: tuple[int, tuple[str, ...], float] | None = None
        self.curves: dict[str, dict[str, pg.PlotDataItem]] = {"delta_u": {}, "update_ratio": {}}
        self.heading = heading(self.title)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.plots: dict[str, pg.PlotItem] = {}
        self.legends: dict[str, pg.LegendItem] = {}
        titles = {
            "delta_u": self.tr("mean |\u03b4u| = mean |\u2202J/\u2202u| per layer "
                               "(sensitivity)"),
            "update_ratio": self.tr("update / weight = ||\u0394w|| / ||w|| per step"),
        }
        for row, kind in enumerate(("delta_u", "update_ratio")):
            plot = self.graphics.addPlot(row=row, col=0, title=titles[kind],
                                         axisItems={"left": LogAxis("left")})
            plot.setLogMode(False, True)
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setLabel("bottom", self.tr("training step"))
            plot.setMenuEnabled(False)
            # beside the plot, not over it: the newest samples are at the right edge
            legend = pg.LegendItem(labelTextSize="9pt", verSpacing=-4)
            self.graphics.addItem(legend, row=row, col=1)
            self.plots[kind] = plot
            self.legends[kind] = legend
        self.graphics.ci.layout.setColumnStretchFactor(0, 1)
        self.graphics.ci.layout.setColumnStretchFactor(1, 0)
        line = pg.InfiniteLine(pos=np.log10(HEALTHY_RATIO), angle=0, movable=False,
                               pen=pg.mkPen("#888", width=1, style=Qt.PenStyle.DashLine),
                               label=self.tr("1e-3: healthy"), labelOpts={"position": 0.1,
                                                                 "color": "#666"})
        self.plots["update_ratio"].addItem(line)
        self.empty = message(self.tr("Gradient health is sampled every few training steps: "
                                     "train a little to see it."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(caption(self.tr(
            "Top: how large the sensitivities are in each layer. If they shrink by orders of "
            "magnitude towards the input (C1), gradients are <b>vanishing</b>; if they grow "
            "without bound, they are <b>exploding</b>. Bottom: how much one step changes each "
            "layer's weights relative to their size; an update/weight ratio around 1e-3 is "
            "healthy, far below means the layer barely learns, near 1e-1 or above means the "
            "learning rate is too high."), muted=True))
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.empty, 1)
        self.graphics.hide()

    def _context_changed(self) -> None:
        self._key = None

    def _render(self, snap: Snapshot) -> None:
        health = snap.history.health
        steps = np.asarray(health.get("step", np.zeros(0)), np.float64)
        key = (len(steps), tuple(health.keys()), float(steps[-1]) if len(steps) else -1.0)
        if key == self._key:
            return  # no new sample
        self._key = key
        self.graphics.setVisible(len(steps) > 0)
        self.empty.setVisible(len(steps) == 0)
        layers = [k.split("/", 1)[1] for k in health if k.startswith("delta_u/")]
        order = {name: i for i, name in enumerate(snap.layer_names)}
        layers.sort(key=lambda n: order.get(n, len(order)))
        for kind, plot in self.plots.items():
            curves = self.curves[kind]
            wanted = [n for n in layers if f"{kind}/{n}" in health]
            if list(curves) != wanted:  # different network: new curves
                legend = self.legends[kind]
                for item in curves.values():
                    plot.removeItem(item)
                legend.clear()
                curves.clear()
                for n in wanted:  # one colour per layer, the same in both plots
                    curves[n] = plot.plot(pen=pg.mkPen(layer_colour(layers.index(n)), width=2),
                                          connect="finite")
                    legend.addItem(curves[n], n)
            ys = [_positive(health[f"{kind}/{n}"]) for n in curves]
            for item, y in zip(curves.values(), ys, strict=True):
                item.setData(steps, y)
            _fit_decades(plot, ys, HEALTHY_RATIO if kind == "update_ratio" else None)
        self.heading.setText(self.tr("Gradient health \u2014 {0} samples up to step {1}")
                             .format(len(steps), snap.step))
