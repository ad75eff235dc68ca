"""The network view: every layer side by side, activations on top, sensitivities beneath.

Laid out from the network's `LayerSpec`s (any preset), like the paper's figure: one column
per layer, left to right, titled with its name and shape ("C3 16@10x10"). Top row: the
activations f(u) for the probe image (sequential colormap); second row: the sensitivity
delta_u = dJ/du for the same image (diverging colormap centred on zero, symmetric levels,
the scale written beneath). Each layer is ONE ImageItem per row: its maps are tiled into a
mosaic with 1-px gaps (see `map_mosaic`). The output layer shows class probabilities as
bars. Hovering reports layer, map, position and both values; clicking opens `MapDialog`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPathItem,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .map_mosaic import MosaicLayout, layer_levels, layout_for_shape, normalise_per_map

INPUT_LEVELS = (-0.1, 1.175)  # the engine's preprocessing: background -0.1, full ink 1.175
BACKGROUND = "#ffffff"
GAP_COLOR = "#8c8c8c"
TEXT_COLOR = "#202020"
BAR_COLOR = "#9db4cf"
PRED_RIGHT = "#2e9e44"
PRED_WRONG = "#d9482b"
TRUE_PEN = "#1a6b2c"


class _Label(pg.LabelItem):
    """A LabelItem that may get narrower than its text (small screens) instead of forcing
    the whole window wider."""

    _last_bounds = None

    def setText(self, text: str, **args) -> None:  # noqa: N802 - pyqtgraph API
        if not args and text == getattr(self, "text", None):
            return
        super().setText(text, **args)

    def updateMin(self) -> None:  # noqa: N802 - pyqtgraph API
        # Re-laying out the whole view for every new number is the expensive part of a
        # frame: only when the text's size really changed.
        rect = self.itemRect()
        bounds = (round(rect.width()), round(rect.height()))
        if bounds == self._last_bounds:
            return
        self._last_bounds = bounds
        super().updateMin()
        self.setMinimumWidth(min(self.minimumWidth(), 40))


def _add_label(gl: pg.GraphicsLayout, text: str, row: int, col: int, **kw) -> _Label:
    label = _Label(text, **kw)
    gl.addItem(label, row=row, col=col)
    return label


def _gray() -> pg.ColorMap:
    return pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)], name="gray")


ACT_CMAP = "viridis"
DELTA_CMAP = "CET-D1A"  # blue - white - red


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


@dataclass
class _Cell:
    """One mosaic: a layer's activations or its delta_u."""

    layer: str
    row: str  # "act" | "delta"
    layout: MosaicLayout
    diverging: bool
    vb: pg.ViewBox
    image: pg.ImageItem
    scale_label: pg.LabelItem | None
    fixed_levels: tuple[float, float] | None = None
    buffer: np.ndarray = field(default=None)  # type: ignore[assignment]
    raw: np.ndarray | None = None


def _backdrop_path(layout: MosaicLayout) -> QPainterPath:
    """The area of the used tiles and the gaps between them (not the empty tiles)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    step_y = layout.tile_h + layout.gap
    step_x = layout.tile_w + layout.gap
    for r in range(layout.rows):
        used = min(layout.cols, layout.n - r * layout.cols)
        if used <= 0:
            break
        width = used * step_x - layout.gap
        height = layout.tile_h + (layout.gap if (r + 1) * layout.cols < layout.n else 0)
        path.addRect(QRectF(0, r * step_y, width, height))
    return path


def _viewbox(layout: MosaicLayout, lock_aspect: bool = True) -> tuple[pg.ViewBox, pg.ImageItem]:
    vb = pg.ViewBox(lockAspect=lock_aspect, invertY=True, enableMouse=False, enableMenu=False,
                    defaultPadding=0.0)
    h, w = layout.shape
    backdrop = QGraphicsPathItem(_backdrop_path(layout))
    backdrop.setBrush(QBrush(QColor(GAP_COLOR)))
    backdrop.setPen(QPen(Qt.PenStyle.NoPen))
    backdrop.setVisible(False)  # shown with the first data
    vb.addItem(backdrop, ignoreBounds=True)
    vb.backdrop = backdrop
    img = pg.ImageItem(axisOrder="row-major")
    vb.addItem(img)
    vb.setRange(xRange=(0, w), yRange=(0, h), padding=0.03)
    vb.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return vb, img


class NetworkView(QWidget):
    """All layers of one network for one probe image."""

    hoverText = Signal(str)
    mapClicked = Signal(str, int)  # layer name, map index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(BACKGROUND)
        self.graphics.ci.layout.setContentsMargins(4, 2, 4, 2)
        self.graphics.ci.layout.setHorizontalSpacing(6)
        self.graphics.ci.layout.setVerticalSpacing(0)
        self.readout = QLabel("Hover over a map to read its values; click it to enlarge it.")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setMinimumHeight(self.readout.sizeHint().height())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.graphics, 1)
        lay.addWidget(self.readout)
        self.scale_mode = "layer"
        self.class_names: tuple[str, ...] = tuple(str(i) for i in range(10))
        self.cells: dict[tuple[str, str], _Cell] = {}
        self.titles: dict[str, pg.LabelItem] = {}
        self.layer_specs: list = []
        self.output_layer: str | None = None
        self.snapshot = None
        self.dialogs: list[MapDialog] = []
        self._bars: pg.BarGraphItem | None = None
        self._bar_plot: pg.PlotItem | None = None
        self._delta_bars: pg.BarGraphItem | None = None
        self._delta_plot: pg.PlotItem | None = None
        self._bar_n = 10
        self._act_cmap = colormap(ACT_CMAP)
        self._delta_cmap = colormap(DELTA_CMAP)
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.frames = 0
        self._backdrops_shown = False

    # ---- structure ----

    def set_layers(self, layers: Sequence, input_size: int,
                   class_names: Sequence[str] | None = None) -> None:
        """Lay the view out for a network: `layers` are engine LayerSpecs, in order."""
        if class_names is not None:
            self.class_names = tuple(class_names)
        key = ([(s.name, s.out_shape) for s in layers], input_size)
        if self.layer_specs and key == getattr(self, "_layout_key", None):
            return
        self._layout_key = key
        for dlg in list(self.dialogs):
            dlg.close()
        self.graphics.clear()
        self._backdrops_shown = False
        self.cells.clear()
        self.titles.clear()
        self._bars = self._bar_plot = self._delta_bars = self._delta_plot = None
        self.layer_specs = list(layers)
        self.output_layer = self.layer_specs[-1].name if self.layer_specs else None
        gl = self.graphics.ci
        small = "8.5pt"

        head_act = _add_label(gl, "<b>activation f(u)</b><br><span style='color:#555'>what the "
                               "layer outputs</span>", row=1, col=0, angle=-90, size=small,
                               color=TEXT_COLOR)
        head_delta = _add_label(gl, "<b>sensitivity &delta;u = &part;J/&part;u</b><br>"
                                 "<span style='color:#555'>how the loss J reacts</span>",
                                 row=3, col=0, angle=-90, size=small, color=TEXT_COLOR)
        head_act.setFixedWidth(40)
        head_delta.setFixedWidth(40)

        columns = [("input", "input", f"1@{input_size}x{input_size}",
                    "preprocessed image", (1, input_size, input_size), False)]
        for spec in self.layer_specs:
            columns.append((spec.name, spec.name, spec.shape_label, spec.description,
                            spec.out_shape, spec.is_output))
        for col, (name, title, shape, desc, out_shape, is_output) in enumerate(columns, start=1):
            label = _add_label(gl, self._title_html(title, shape, desc), row=0, col=col,
                                size="9pt", color=TEXT_COLOR)
            self.titles[name] = label
            layout = layout_for_shape(out_shape, aspect=1.7)
            if name == "input":
                vb, img = _viewbox(layout)
                img.setColorMap(colormap("gray"))
                gl.addItem(vb, row=1, col=col)
                self.cells[(name, "act")] = _Cell(name, "act", layout, False, vb, img,
                                                  None, fixed_levels=INPUT_LEVELS)
                _add_label(gl, "background -0.1 … ink 1.175", row=2, col=col, size="7.5pt",
                            color="#555")
                _add_label(gl, self._legend_html(), row=3, col=col, size="8pt", color=TEXT_COLOR)
                continue
            if is_output:
                self._add_output_column(gl, col, name, out_shape)
                continue
            vb, img = _viewbox(layout)
            img.setColorMap(self._act_cmap)
            gl.addItem(vb, row=1, col=col)
            scale = _add_label(gl, " ", row=2, col=col, size="7.5pt", color="#444")
            self.cells[(name, "act")] = _Cell(name, "act", layout, False, vb, img, scale)
            vb, img = _viewbox(layout)
            img.setColorMap(self._delta_cmap)
            gl.addItem(vb, row=3, col=col)
            scale = _add_label(gl, " ", row=4, col=col, size="7.5pt", color="#444")
            self.cells[(name, "delta")] = _Cell(name, "delta", layout, True, vb, img, scale)
        for cell in self.cells.values():
            cell.buffer = cell.layout.empty()
            cell.image.setImage(cell.buffer, autoLevels=False,
                                levels=cell.fixed_levels or ((-1, 1) if cell.diverging
                                                             else (0, 1)))
        grid = gl.layout
        grid.setRowStretchFactor(1, 10)
        grid.setRowStretchFactor(3, 10)
        for col, (name, *_rest) in enumerate(columns, start=1):
            cell = self.cells.get((name, "delta" if name != "input" else "act"))
            if cell is None:  # the output column
                grid.setColumnStretchFactor(col, 75)
                continue
            h, w = cell.layout.shape
            grid.setColumnStretchFactor(col, int(np.clip(100 * w / h, 45, 130)))
        if self.snapshot is not None and tuple(self.snapshot.layer_names) == tuple(
                s.name for s in self.layer_specs):
            self.update_snapshot(self.snapshot)

    def _bar_plot_item(self, n: int) -> pg.PlotItem:
        plot = pg.PlotItem(enableMenu=False)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.invertY(True)
        plot.setYRange(-0.5, n - 0.5, padding=0.02)
        self._set_class_ticks(plot, offset=0.0)
        for axis in ("left", "bottom"):
            ax = plot.getAxis(axis)
            ax.setTextPen(TEXT_COLOR)
            ax.setPen("#777")
            ax.enableAutoSIPrefix(False)
        plot.getAxis("left").setWidth(22 if max(map(len, self.class_names)) <= 2 else 70)
        return plot

    def _add_output_column(self, gl, col: int, name: str, out_shape) -> None:
        """Probabilities as bars on top; delta_u of the output units as diverging bars."""
        n = int(np.prod(out_shape))
        self._bar_n = n
        plot = self._bar_plot_item(n)
        plot.setXRange(0, 1, padding=0.02)
        plot.getAxis("bottom").setTicks([[(0, "0"), (0.5, "0.5"), (1, "1")]])
        bars = pg.BarGraphItem(x0=np.zeros(n), y=np.arange(n), height=0.72,
                               width=np.zeros(n), brush=BAR_COLOR, pen=None)
        plot.addItem(bars)
        gl.addItem(plot, row=1, col=col)
        _add_label(gl, "probability", row=2, col=col, size="7.5pt", color="#444")
        self._bars, self._bar_plot = bars, plot

        dplot = self._bar_plot_item(n)
        dplot.setXRange(-1, 1, padding=0.05)
        dplot.getAxis("bottom").setTicks([[(-1, "−"), (0, "0"), (1, "+")]])
        dplot.addLine(x=0, pen=pg.mkPen("#555", width=1))
        dbars = pg.BarGraphItem(x0=np.zeros(n), y=np.arange(n), height=0.72,
                                width=np.zeros(n), brush=BAR_COLOR, pen=None)
        dplot.addItem(dbars)
        gl.addItem(dplot, row=3, col=col)
        self._delta_scale = _add_label(gl, " ", row=4, col=col, size="7.5pt", color="#444")
        self._delta_bars, self._delta_plot = dbars, dplot
        neg = self._delta_cmap.map(0.1, mode="qcolor")
        pos = self._delta_cmap.map(0.9, mode="qcolor")
        self._neg_brush, self._pos_brush = QBrush(neg), QBrush(pos)

    def _set_class_ticks(self, plot: pg.PlotItem, offset: float) -> None:
        names = self.class_names
        ticks = [(i + offset, names[i] if i < len(names) else str(i)) for i in range(10)]
        plot.getAxis("left").setTicks([ticks])

    @staticmethod
    def _title_html(title: str, shape: str, desc: str) -> str:
        return (f"<b>{title}</b><br><span style='color:#333'>{shape}</span><br>"
                f"<span style='color:#666; font-size:7.5pt'>{desc}</span>")

    @staticmethod
    def _legend_html() -> str:
        return ("<span style='color:#b2182b'>&#9632;</span> + raising u<br>"
                "&nbsp;&nbsp;&nbsp;raises J<br>"
                "<span style='color:#999'>&#9632;</span> 0 no effect<br>"
                "<span style='color:#2166ac'>&#9632;</span> &minus; raising u<br>"
                "&nbsp;&nbsp;&nbsp;lowers J")

    def set_class_names(self, names: Sequence[str]) -> None:
        self.class_names = tuple(names)
        for plot in (self._bar_plot, self._delta_plot):
            if plot is not None:
                self._set_class_ticks(plot, 0.0)

    def set_scale_mode(self, mode: str) -> None:
        if mode not in ("layer", "map"):
            raise ValueError(f"unknown scale mode {mode!r}")
        self.scale_mode = mode
        if self.snapshot is not None:
            self.update_snapshot(self.snapshot)

    # ---- data ----

    def update_snapshot(self, snap) -> None:
        """Show a Snapshot (call only while visible)."""
        self.snapshot = snap
        if tuple(snap.layer_names) != tuple(s.name for s in self.layer_specs):
            return  # laid out for another network; the window re-lays out first
        per_map = self.scale_mode == "map"
        if not self._backdrops_shown:
            self._backdrops_shown = True
            for cell in self.cells.values():
                cell.vb.backdrop.setVisible(True)
        for (layer, row), cell in self.cells.items():
            if layer == "input":
                raw = snap.input
            else:
                raw = (snap.activations if row == "act" else snap.delta_u)[layer]
            cell.raw = raw
            if cell.fixed_levels is not None:
                cell.layout.tile(raw, cell.buffer)
                cell.image.setImage(cell.buffer, autoLevels=False, levels=cell.fixed_levels)
                continue
            maps = raw.reshape(cell.layout.n, -1) if cell.layout.h > 1 else raw
            if per_map and cell.layout.h > 1:
                shown = normalise_per_map(maps, cell.diverging)
                levels = (-1.0, 1.0) if cell.diverging else (0.0, 1.0)
            else:
                shown = maps
                levels = layer_levels(raw, cell.diverging)
            cell.layout.tile(shown, cell.buffer)
            cell.image.setImage(cell.buffer, autoLevels=False, levels=levels)
            if cell.scale_label is not None:
                cell.scale_label.setText(self._scale_text(cell, raw, per_map))
        if self._bars is not None:
            self._update_bars(snap)
        for dlg in self.dialogs:
            dlg.update_snapshot(snap)
        self.frames += 1

    def _scale_text(self, cell: _Cell, raw: np.ndarray, per_map: bool) -> str:
        lo, hi = layer_levels(raw, cell.diverging)
        text = f"&plusmn;{hi:.1e}" if cell.diverging else f"{fmt(lo)} … {fmt(hi)}"
        if per_map and cell.layout.h > 1:
            text = f"per map · max {text}" if cell.diverging else f"per map · {text}"
        return text

    def _update_bars(self, snap) -> None:
        probs = np.asarray(snap.probabilities, dtype=np.float64)
        pred = int(np.argmax(probs))
        brushes = [BAR_COLOR] * len(probs)
        pens = [None] * len(probs)
        right = snap.label is None or snap.label == pred
        brushes[pred] = PRED_RIGHT if right else PRED_WRONG
        if snap.label is not None and 0 <= snap.label < len(probs):
            pens[snap.label] = pg.mkPen(TRUE_PEN, width=2.5)
        self._bars.setOpts(width=probs, brushes=brushes, pens=pens)
        d = np.asarray(snap.delta_u[self.output_layer], dtype=np.float64).reshape(-1)
        m = float(np.max(np.abs(d))) if d.size and np.all(np.isfinite(d)) else 0.0
        m = m if m > 0 else 1e-12
        shown = d / m  # the axis stays fixed at -1..1: no tick work per frame
        self._delta_bars.setOpts(x0=np.minimum(shown, 0), width=np.abs(shown),
                                 brushes=[self._neg_brush if v < 0 else self._pos_brush
                                          for v in d])
        self._delta_scale.setText(f"&plusmn;{m:.1e}")
        title = self.titles.get(self.output_layer or "")
        if title is not None:
            names = self.class_names
            name = names[pred] if pred < len(names) else str(pred)
            color = PRED_RIGHT if right else PRED_WRONG
            truth = "" if snap.label is None else (
                "  ✓" if right else f"  (true: {names[snap.label]})")
            title.setText(f"<b>{self.output_layer}</b><br><span style='color:#333'>"
                          f"{self.layer_specs[-1].shape_label}</span><br>"
                          f"<span style='color:{color}; font-size:8pt'><b>{name}</b> "
                          f"{probs[pred]:.0%}{truth}</span>")

    # ---- hover and click ----

    def locate(self, scene_pos: QPointF) -> tuple[str, str, int, int, int] | None:
        """(layer, row, map index, r, c) under a scene position, or None."""
        for (layer, row), cell in self.cells.items():
            if not cell.vb.sceneBoundingRect().contains(scene_pos):
                continue
            p = cell.image.mapFromScene(scene_pos)
            hit = cell.layout.locate(p.y(), p.x())
            if hit is not None:
                return (layer, row, *hit)
        for row, plot in (("act", self._bar_plot), ("delta", self._delta_plot)):
            if plot is not None and plot.vb.sceneBoundingRect().contains(scene_pos):
                p = plot.vb.mapSceneToView(scene_pos)
                k = int(round(p.y()))
                if 0 <= k < self._bar_n:
                    return (self.output_layer, row, k, 0, 0)
        return None

    def value_at(self, layer: str, row: str, index: int, r: int, c: int) -> float | None:
        snap = self.snapshot
        if snap is None:
            return None
        if layer == "input":
            return float(snap.input[r, c]) if row == "act" else None
        source = snap.activations if row == "act" else snap.delta_u
        a = source.get(layer)
        if a is None:
            return None
        return float(a[index, r, c]) if a.ndim == 3 else float(a[index])

    def describe(self, layer: str, index: int, r: int, c: int) -> str:
        act = self.value_at(layer, "act", index, r, c)
        delta = self.value_at(layer, "delta", index, r, c)
        if layer == "input":
            return f"input  (row {r}, col {c})  pixel value x = {fmt(act)}"
        spec = next((s for s in self.layer_specs if s.name == layer), None)
        is_map = spec is not None and spec.is_map
        if is_map:
            where = f"{layer} map {index}  (row {r}, col {c})"
        elif layer == self.output_layer:
            names = self.class_names
            where = f"{layer} unit {index} (class {names[index] if index < len(names) else index})"
            if self.snapshot is not None:
                where += f"  p = {self.snapshot.probabilities[index]:.3f}"
        else:
            where = f"{layer} unit {index}"
        parts = [where]
        if act is not None:
            parts.append(f"activation f(u) = {fmt(act)}")
        if delta is not None:
            parts.append(f"sensitivity δu = {delta:.3e}")
        return "   ".join(parts)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        hit = self.locate(scene_pos)
        if hit is None or self.snapshot is None:
            return
        layer, _row, index, r, c = hit
        text = self.describe(layer, index, r, c)
        self.readout.setText(text)
        self.hoverText.emit(text)

    def _on_mouse_clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or self.snapshot is None:
            return
        hit = self.locate(ev.scenePos())
        if hit is None:
            return
        layer, _row, index, _r, _c = hit
        ev.accept()
        self.open_map(layer, index)

    def open_map(self, layer: str, index: int) -> MapDialog:
        spec = next((s for s in self.layer_specs if s.name == layer), None)
        dlg = MapDialog(self, layer, index, spec)
        self.dialogs.append(dlg)
        dlg.finished.connect(lambda _r, d=dlg: self._forget(d))
        if self.snapshot is not None:
            dlg.update_snapshot(self.snapshot)
        dlg.show()
        self.mapClicked.emit(layer, index)
        return dlg

    def _forget(self, dlg: MapDialog) -> None:
        if dlg in self.dialogs:
            self.dialogs.remove(dlg)

    # ---- for tests and scripts ----

    def image_array(self, layer: str, row: str = "act") -> np.ndarray:
        return np.array(self.cells[(layer, row)].image.image, copy=True)

    def scene_pos_of(self, layer: str, row: str, index: int, r: int, c: int) -> QPointF:
        cell = self.cells[(layer, row)]
        y0, x0 = cell.layout.tile_origin(index)
        y = y0 + r * cell.layout.cell + 0.5 * cell.layout.cell
        x = x0 + c * cell.layout.cell + 0.5 * cell.layout.cell
        return cell.image.mapToScene(QPointF(x, y))


class MapDialog(QDialog):
    """One map enlarged: its activation and its delta_u side by side, with colorbars.
    For a vector layer, the whole layer. Follows the live snapshot while open."""

    def __init__(self, parent: QWidget, layer: str, index: int, spec) -> None:
        super().__init__(parent)
        self.layer, self.index, self.spec = layer, index, spec
        is_map = layer == "input" or (spec is not None and spec.is_map)
        self.is_map = is_map
        what = f"{layer} map {index}" if is_map and layer != "input" else (
            "input image" if layer == "input" else f"{layer} (all units)")
        self.setWindowTitle(f"{what} — lenet-gui")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(BACKGROUND)
        self.info = QLabel(" ")
        lay = QVBoxLayout(self)
        lay.addWidget(self.graphics, 1)
        lay.addWidget(self.info)
        self.items = {}
        rows = ("act",) if layer == "input" else ("act", "delta")
        titles = {"act": "activation f(u)", "delta": "sensitivity δu = ∂J/∂u"}
        for col, row in enumerate(rows):
            plot = self.graphics.addPlot(row=0, col=2 * col, title=titles[row])
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            plot.invertY(True)
            plot.setAspectLocked(True)
            img = pg.ImageItem(axisOrder="row-major")
            name = "gray" if layer == "input" else (DELTA_CMAP if row == "delta" else ACT_CMAP)
            cmap = colormap(name)
            img.setColorMap(cmap)
            plot.addItem(img)
            bar = pg.ColorBarItem(colorMap=cmap, interactive=False, width=14,
                                  values=(-1, 1) if row == "delta" else (0, 1))
            bar.setImageItem(img)
            self.graphics.addItem(bar, row=0, col=2 * col + 1)
            self.items[row] = (plot, img, bar)
        self.resize(760 if len(rows) == 2 else 420, 420)

    def _array(self, snap, row: str) -> np.ndarray | None:
        if self.layer == "input":
            return np.asarray(snap.input, dtype=np.float32)
        a = (snap.activations if row == "act" else snap.delta_u).get(self.layer)
        if a is None:
            return None
        if a.ndim == 3:
            return np.ascontiguousarray(a[self.index], dtype=np.float32)
        layout = layout_for_shape(a.shape, aspect=1.0, vector_cell=1)
        out = layout.tile(a)
        return out

    def update_snapshot(self, snap) -> None:
        if not self.isVisible() and self.items:
            pass
        for row, (_plot, img, bar) in self.items.items():
            a = self._array(snap, row)
            if a is None:
                continue
            levels = INPUT_LEVELS if self.layer == "input" else layer_levels(a, row == "delta")
            img.setImage(a, autoLevels=False, levels=levels)
            bar.setLevels(values=levels)
        self.info.setText(f"step {snap.step}: hover the main view for values; this window "
                          "follows training.")
