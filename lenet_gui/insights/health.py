"""Gradient health over training: mean |delta_u| and update/weight ratio per layer."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from engine import Snapshot

from ..plot_style import LogAxis, layer_colour
from ._common import InsightContext, InsightView, caption, heading, message
from .runs import RUN_COLOURS

HEALTHY_RATIO = 1e-3
CurveKey = str | tuple[str, str]  # a layer, or (run label, layer) while comparing
EndLabel = tuple[pg.TextItem, np.ndarray, np.ndarray]  # a layer's name, its curve's x and y


def _positive(v: np.ndarray) -> np.ndarray:
    """Values for a log axis: zeros and non-finite values become gaps (NaN)."""
    v = np.asarray(v, np.float64)
    return np.where(np.isfinite(v) & (v > 0), v, np.nan)


def _fit_decades(plot: pg.PlotItem, ys: list[np.ndarray], include: float | None) -> float:
    """Show at least three decades on the log axis (fewer crowd its minor tick labels);
    returns the decades shown."""
    logs = [np.log10(y[np.isfinite(y)]) for y in ys]
    logs = [v for v in logs if v.size]
    if include is not None:
        logs.append(np.array([np.log10(include)]))
    if not logs:
        return 3.0
    lo, hi = min(float(v.min()) for v in logs), max(float(v.max()) for v in logs)
    mid, half = (lo + hi) / 2, max((hi - lo) / 2, 1.5)
    plot.setYRange(mid - half, mid + half, padding=0.05)
    return 2 * half


class GradientHealthView(InsightView):
    """Two log-scale plots of per-layer gradient statistics against training step."""

    title = str(QT_TRANSLATE_NOOP("GradientHealthView", "Gradient health"))
    draws_both_runs = True

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._key: tuple[object, ...] | None = None
        # per plot: a curve per layer, or per (run label, layer) while comparing
        self.curves: dict[str, dict[CurveKey, pg.PlotDataItem]] = {"delta_u": {},
                                                                   "update_ratio": {}}
        # a comparison's layer names at the curves' ends
        self.ends: dict[str, dict[CurveKey, pg.TextItem]] = {"delta_u": {}, "update_ratio": {}}
        self._ends_now: dict[str, tuple[list[EndLabel], float]] = {}  # where they go
        self._end_font = QFont(self.font())
        self._end_font.setPointSize(8)
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
            # its height, not the plot's: two runs' entries would be spread over the plot
            legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            self.graphics.ci.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop)
            self.plots[kind] = plot
            self.legends[kind] = legend
            plot.vb.sigResized.connect(lambda _vb, kind=kind: self._place_ends(kind))
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

    def _series(self, snap: Snapshot) -> list[tuple[str | None, Snapshot]]:
        """What to draw: the snapshot's run, or both runs of a comparison (label first)."""
        if self.runs is None:
            return [(None, snap)]
        return [(label, s) for _, label, s in self.runs.runs()] or [(None, snap)]

    def _render(self, snap: Snapshot) -> None:
        series = self._series(snap)
        self.heading.setText(self._heading_text(series))
        key = tuple((label, _sample_key(s.history.health)) for label, s in series)
        if key == self._key:
            return  # no new sample
        self._key = key
        sampled = [s for s in series if _sample_key(s[1].history.health)[0] > 0]
        self.graphics.setVisible(bool(sampled))
        self.empty.setVisible(not sampled)
        for kind, plot in self.plots.items():
            wanted = [_key(label, name) for label, s in series for name in _layers(s, kind)]
            if list(self.curves[kind]) != wanted:  # another network or comparison
                self._new_curves(kind, series)
            ys: list[np.ndarray] = []
            ends: list[EndLabel] = []
            for label, s in series:
                health = s.history.health
                steps = np.asarray(health.get("step", np.zeros(0)), np.float64)
                for name in _layers(s, kind):
                    y = _positive(health[f"{kind}/{name}"])
                    self.curves[kind][_key(label, name)].setData(steps, y)
                    ys.append(y)
                    end = self.ends[kind].get(_key(label, name))
                    if end is not None:
                        ends.append((end, steps, y))
            decades = _fit_decades(plot, ys, HEALTHY_RATIO if kind == "update_ratio" else None)
            self._ends_now[kind] = (ends, decades)
            self._place_ends(kind)

    def _place_ends(self, kind: str) -> None:
        """The layer names at the curves' ends, a line of text (~15 px) apart at the
        plot's height now (again whenever the plot is resized)."""
        ends, decades = self._ends_now.get(kind, ([], 3.0))
        if ends:
            vb = self.plots[kind].vb
            _place_end_labels(ends, gap=decades * 15 / max(40.0, vb.height()),
                              top=float(vb.viewRange()[1][1]) - decades * 0.04)

    def _new_curves(self, kind: str, series: list[tuple[str | None, Snapshot]]) -> None:
        """One curve per layer: in its layer's colour for one run; for a comparison in the
        run's colour (the curves' A/B colours), shaded by layer and named at its end."""
        plot, legend, curves = self.plots[kind], self.legends[kind], self.curves[kind]
        for item in (*curves.values(), *self.ends[kind].values()):
            plot.removeItem(item)
        legend.clear()
        curves.clear()
        self.ends[kind].clear()
        for run, (label, s) in enumerate(series):
            layers = _all_layers(s)
            for n in _layers(s, kind):
                if label is None:  # one colour per layer, the same in both plots
                    colour = pg.mkColor(layer_colour(layers.index(n)))
                else:
                    colour = _shade(RUN_COLOURS[run], layers.index(n), len(layers))
                key = _key(label, n)
                curves[key] = plot.plot(pen=pg.mkPen(colour, width=2), connect="finite")
                if label is None:
                    legend.addItem(curves[key], n)
                    continue
                end = pg.TextItem(n, color=colour, anchor=(0, 0.5))
                end.setFont(self._end_font)
                plot.addItem(end, ignoreBounds=True)
                self.ends[kind][key] = end
            if label is not None:  # the legend names the runs, as the curves' does
                legend.addItem(pg.PlotDataItem(pen=pg.mkPen(RUN_COLOURS[run], width=3)), label)
                legend.items[-1][1].setText(label, color=RUN_COLOURS[run], bold=True)

    def _heading_text(self, series: list[tuple[str | None, Snapshot]]) -> str:
        if len(series) == 1 and series[0][0] is None:
            s = series[0][1]
            return self.tr("Gradient health \u2014 {0} samples up to step {1}").format(
                _sample_key(s.history.health)[0], s.step)
        labels = self.runs.labels if self.runs is not None else ()
        runs = " \u00b7 ".join(self.tr("{0}: step {1}").format(
            "AB"[labels.index(label)] if label in labels else label, s.step)
            for label, s in series)
        return self.tr("Gradient health of both runs \u2014 {0}").format(runs)


def _key(label: str | None, layer: str) -> CurveKey:
    return layer if label is None else (label, layer)


def _sample_key(health: Mapping[str, np.ndarray]) -> tuple[int, tuple[str, ...], float]:
    """(samples, series, last sampled step): changes whenever there is a new sample."""
    steps = health.get("step", np.zeros(0))
    return len(steps), tuple(health.keys()), float(steps[-1]) if len(steps) else -1.0


def _all_layers(snap: Snapshot) -> list[str]:
    """The layers with a sensitivity sample, in network order."""
    health = snap.history.health
    names = [k.split("/", 1)[1] for k in health if k.startswith("delta_u/")]
    order = {name: i for i, name in enumerate(snap.layer_names)}
    return sorted(names, key=lambda n: order.get(n, len(order)))


def _layers(snap: Snapshot, kind: str) -> list[str]:
    """The layers `kind` has a series of, in network order."""
    return [n for n in _all_layers(snap) if f"{kind}/{n}" in snap.history.health]


def _shade(colour: str, index: int, count: int) -> QColor:
    """The run's colour, lighter for the layers near the input (C1) and full for the
    last: one hue per run, the layers still told apart."""
    light = 1.0 - index / max(1, count - 1)
    return pg.mkColor(colour).lighter(int(100 + 45 * light))


def _place_end_labels(ends: list[EndLabel], gap: float, top: float) -> None:
    """Each layer's name at the last sample of its curve (log axis: log10 coordinates),
    the names that end at one step at least `gap` decades apart and under `top`."""
    placed: dict[float, list[tuple[float, pg.TextItem]]] = {}
    for item, steps, y in ends:
        ok = np.flatnonzero(np.isfinite(y))
        item.setVisible(ok.size > 0)
        if ok.size:
            x = float(steps[ok[-1]])
            placed.setdefault(x, []).append((float(np.log10(y[ok[-1]])), item))
    for x, names in placed.items():
        names.sort(key=lambda n: n[0])
        heights = [y for y, _ in names]
        for i in range(1, len(heights)):  # push up what sits on the name below
            heights[i] = max(heights[i], heights[i - 1] + gap)
        for i in range(len(heights) - 1, -1, -1):  # and back down under the top
            limit = top - (len(heights) - 1 - i) * gap
            heights[i] = min(heights[i], limit)
        for (_, item), height in zip(names, heights, strict=True):
            item.setPos(x, height)
