"""The network view's pyqtgraph items: one mosaic image per layer and row, the output's bars,
labels and selection markers.

Each layer's maps are ONE ImageItem per row, a float32 C-contiguous mosaic (see `mosaic`)
drawn with `setImage(..., autoLevels=False, levels=...)`; its colour map is set once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QSizePolicy

from engine import Snapshot

from .mosaic import MosaicLayout, layer_levels, normalise_per_map
from .style import BAR_COLOR, GAP_COLOR, SELECT_COLOR, TEXT_COLOR, fmt, pt

MapRow = Literal["act", "delta"]
MAP_ROWS: tuple[MapRow, MapRow] = ("act", "delta")


class Label(pg.LabelItem):
    """A LabelItem that may get narrower than its text (small screens) instead of forcing
    the whole window wider."""

    _last_bounds: tuple[int, int] | None = None

    def setText(self, text: str, **args: Any) -> None:  # noqa: N802 - pyqtgraph API
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


def add_label(gl: pg.GraphicsLayout, text: str, row: int, col: int, **kw: Any) -> Label:
    label = Label(text, **kw)
    gl.addItem(label, row=row, col=col)
    return label


def add_row_headers(gl: pg.GraphicsLayout, headers: tuple[tuple[str, int], ...], width: float,
                    size: float) -> list[tuple[Label, str, float]]:
    """The rows' headers (html, grid row), rotated in column 0; each with its text's length
    at `size` points, by which the layout plan shrinks them to fit shorter rows."""
    out = []
    for html, row in headers:
        head = add_label(gl, html, row=row, col=0, angle=-90, size=pt(size), color=TEXT_COLOR)
        head.setFixedWidth(width)
        out.append((head, html, head.item.boundingRect().width()))
    return out


def marker(width: float = 2.5) -> QGraphicsRectItem:
    """An outline for the selected unit (hidden until placed)."""
    item = QGraphicsRectItem()
    pen = pg.mkPen(SELECT_COLOR, width=width)
    pen.setCosmetic(True)
    item.setPen(pen)
    item.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    item.setZValue(20)
    item.setVisible(False)
    return item


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


@dataclass
class Cell:
    """One mosaic: a layer's activations or its delta_u."""

    layer: str
    row: MapRow
    layout: MosaicLayout
    diverging: bool
    vb: pg.ViewBox
    image: pg.ImageItem
    backdrop: QGraphicsPathItem
    scale_label: Label | None
    fixed_levels: tuple[float, float] | None = None
    buffer: np.ndarray = field(default_factory=lambda: np.zeros((1, 1), np.float32))
    raw: np.ndarray | None = None
    marker: QGraphicsRectItem = field(default_factory=marker)  # the unit (receptive field)
    tile_marker: QGraphicsRectItem = field(default_factory=lambda: marker(1.2))  # its map

    @classmethod
    def create(cls, layer: str, row: MapRow, layout: MosaicLayout, cmap: pg.ColorMap,
               scale_label: Label | None,
               fixed_levels: tuple[float, float] | None = None) -> Cell:
        vb = pg.ViewBox(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False,
                        defaultPadding=0.0)
        backdrop = QGraphicsPathItem()
        backdrop.setBrush(QBrush(QColor(GAP_COLOR)))
        backdrop.setPen(QPen(Qt.PenStyle.NoPen))
        backdrop.setVisible(False)  # shown with the first data
        vb.addItem(backdrop, ignoreBounds=True)
        img = pg.ImageItem(axisOrder="row-major")
        img.setColorMap(cmap)  # once: frames only change the image and its levels
        vb.addItem(img)
        vb.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        cell = cls(layer, row, layout, row == "delta", vb, img, backdrop, scale_label,
                   fixed_levels)
        vb.addItem(cell.marker, ignoreBounds=True)
        vb.addItem(cell.tile_marker, ignoreBounds=True)
        cell.set_layout(layout)
        return cell

    def set_layout(self, layout: MosaicLayout) -> None:
        self.layout = layout
        self.buffer = layout.empty()
        self.backdrop.setPath(_backdrop_path(layout))
        h, w = layout.shape
        self.vb.setRange(xRange=(0, w), yRange=(0, h), padding=0.02)
        levels = self.fixed_levels or ((-1, 1) if self.diverging else (0, 1))
        self.image.setImage(self.buffer, autoLevels=False, levels=levels)

    @property
    def multi(self) -> bool:
        """Several maps (not one image, not a vector): may be scaled per map."""
        return self.layout.h > 1 and self.layout.n > 1

    def show(self, raw: np.ndarray, per_map: bool) -> tuple[float, float]:
        """Draw one snapshot's values; returns the levels used."""
        self.raw = raw
        if self.fixed_levels is not None:
            levels = self.fixed_levels
            shown = raw
        elif per_map and self.multi:
            shown = normalise_per_map(raw.reshape(self.layout.n, -1), self.diverging)
            levels = (-1.0, 1.0) if self.diverging else (0.0, 1.0)
        else:
            shown = raw
            levels = layer_levels(raw, self.diverging)
        self.layout.tile(shown, self.buffer)
        self.image.setImage(self.buffer, autoLevels=False, levels=levels)
        return levels

    def mark_unit(self, index: int, r: int, c: int) -> None:
        """Outline one unit in the mosaic and, for a layer of several maps, its map's tile."""
        L = self.layout
        y0, x0 = L.tile_origin(index)
        k = L.cell
        pad = 0.35 * k if L.h > 1 else 0.15 * k
        self.marker.setRect(QRectF(x0 + c * k - pad, y0 + r * k - pad, k + 2 * pad,
                                   k + 2 * pad))
        self.marker.setVisible(True)
        if L.n > 1 and L.h > 1:  # which map: its tile outlined too
            self.tile_marker.setRect(QRectF(x0 - 0.5, y0 - 0.5, L.tile_w + 1, L.tile_h + 1))
            self.tile_marker.setVisible(True)

    def scale_text(self, raw: np.ndarray, per_map: bool, levels: tuple[float, float],
                   wrap: bool) -> str:
        """The numbers beneath: the colour scale (`wrap`: on more lines, a narrow column)."""
        translate = QCoreApplication.translate  # (lupdate knows this name)
        lo, hi = levels if not per_map else layer_levels(raw, self.diverging)
        sep = "<br>" if wrap else " "
        text = f"&plusmn;{hi:.1e}" if self.diverging else f"{fmt(lo)} …{sep}{fmt(hi)}"
        if self.layer == "input":
            text = f"&part;J/&part;x{sep}{text}"
        if per_map:  # two short lines: one long line would run into the next column's
            head = translate("NetworkView", "per map, max") if self.diverging else translate(
                "NetworkView", "per map")
            if wrap and self.diverging:
                head = translate("NetworkView", "per map<br>max")
            text = f"{head}<br>{text}"
        return text


def unit_value(snap: Snapshot, layer: str, row: MapRow, index: int, r: int,
               c: int) -> float | None:
    """One unit's f(u) (row "act") or delta(u) (row "delta") in a snapshot."""
    if layer == "input":
        return float(raw_values(snap, "input", row)[r, c])
    a = (snap.activations if row == "act" else snap.delta_u).get(layer)
    if a is None:
        return None
    return float(a[index, r, c]) if a.ndim == 3 else float(a[index])


def raw_values(snap: Snapshot, layer: str, row: MapRow) -> np.ndarray:
    """What a cell shows of a snapshot: a layer's activations or delta_u, the input image
    or its sensitivity (zeros when the snapshot has none)."""
    if layer == "input":
        if row == "act":
            return snap.input
        d = snap.input_delta
        return np.zeros_like(snap.input) if d is None else d
    return (snap.activations if row == "act" else snap.delta_u)[layer]


def _bar_plot(n: int, class_names: tuple[str, ...]) -> pg.PlotItem:
    plot = pg.PlotItem(enableMenu=False)
    plot.setMouseEnabled(False, False)
    plot.hideButtons()
    plot.invertY(True)
    plot.setYRange(-0.5, n - 0.5, padding=0.02)
    for axis in ("left", "bottom"):
        ax = plot.getAxis(axis)
        ax.setTextPen(TEXT_COLOR)
        ax.setPen("#777")
        ax.enableAutoSIPrefix(False)
    plot.getAxis("left").setWidth(22 if max(map(len, class_names)) <= 2 else 70)
    return plot


class OutputBars:
    """The output layer: probabilities as bars on top, delta_u of the output units as
    diverging bars beneath (axis fixed at -1..1, the scale written under it)."""

    def __init__(self, n: int, class_names: tuple[str, ...], delta_cmap: pg.ColorMap) -> None:
        self.n = n
        self.plot = _bar_plot(n, class_names)
        self.plot.setXRange(0, 1, padding=0.02)
        self.plot.getAxis("bottom").setTicks([[(0, "0"), (0.5, "0.5"), (1, "1")]])
        self.bars = pg.BarGraphItem(x0=np.zeros(n), y=np.arange(n), height=0.72,
                                    width=np.zeros(n), brush=BAR_COLOR, pen=None)
        self.plot.addItem(self.bars)
        self.delta_plot = _bar_plot(n, class_names)
        self.delta_plot.setXRange(-1, 1, padding=0.05)
        self.delta_plot.getAxis("bottom").setTicks([[(-1, "−"), (0, "0"), (1, "+")]])
        self.delta_plot.addLine(x=0, pen=pg.mkPen("#555", width=1))
        self.delta_bars = pg.BarGraphItem(x0=np.zeros(n), y=np.arange(n), height=0.72,
                                          width=np.zeros(n), brush=BAR_COLOR, pen=None)
        self.delta_plot.addItem(self.delta_bars)
        self.neg_brush = QBrush(delta_cmap.map(0.1, mode="qcolor"))
        self.pos_brush = QBrush(delta_cmap.map(0.9, mode="qcolor"))
        self.markers: list[QGraphicsRectItem] = []
        for p in (self.plot, self.delta_plot):
            m = marker()
            p.addItem(m, ignoreBounds=True)
            self.markers.append(m)
        self.set_class_names(class_names)

    def plots(self) -> tuple[pg.PlotItem, pg.PlotItem]:
        return self.plot, self.delta_plot

    def set_class_names(self, names: tuple[str, ...]) -> None:
        ticks = [(i, names[i] if i < len(names) else str(i)) for i in range(10)]
        for plot in self.plots():
            plot.getAxis("left").setTicks([ticks])

    def fit_names(self, row_h: float) -> None:
        """The class names no taller than a bar's slot in a row `row_h` pixels high: on a
        small screen smaller, rather than running into each other."""
        font = QFont()
        slot = 0.9 * row_h / max(self.n, 1)
        if slot < QFontMetricsF(font).height():
            font.setPixelSize(max(7, int(slot)))
        for plot in self.plots():
            plot.getAxis("left").setStyle(tickFont=font)

    def show(self, probs: np.ndarray, delta: np.ndarray, brushes: list[str],
             pens: list[Any]) -> float:
        """Draw the bars; returns the largest |delta_u| (the delta axis' scale)."""
        self.bars.setOpts(width=probs, brushes=brushes, pens=pens)
        d = np.asarray(delta, dtype=np.float64).reshape(-1)
        m = float(np.max(np.abs(d))) if d.size and np.all(np.isfinite(d)) else 0.0
        m = m if m > 0 else 1e-12
        shown = d / m  # the axis stays fixed at -1..1: no tick work per frame
        self.delta_bars.setOpts(x0=np.minimum(shown, 0), width=np.abs(shown),
                                brushes=[self.neg_brush if v < 0 else self.pos_brush
                                         for v in d])
        return m

    def mark(self, index: int | None) -> None:
        """Outline one output unit's bars (None: none)."""
        for plot, m in zip(self.plots(), self.markers, strict=True):
            m.setVisible(index is not None)
            if index is not None:
                x0, x1 = (-0.02, 1.02) if plot is self.plot else (-1.05, 1.05)
                m.setRect(QRectF(x0, index - 0.48, x1 - x0, 0.96))

    def locate(self, scene_pos: Any) -> tuple[MapRow, int] | None:
        """(row, unit) of the bars under a scene position, or None."""
        rows: tuple[tuple[MapRow, pg.PlotItem], ...] = (("act", self.plot),
                                                         ("delta", self.delta_plot))
        for row, plot in rows:
            if plot.vb.sceneBoundingRect().contains(scene_pos):
                p = plot.vb.mapSceneToView(scene_pos)
                k = int(round(p.y()))
                if 0 <= k < self.n:
                    return row, k
        return None
