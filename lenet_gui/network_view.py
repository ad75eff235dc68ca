"""The network view: every layer side by side, activations on top, sensitivities beneath.

Laid out from the network's `LayerSpec`s (any preset), like the paper's figure: one column
per layer, left to right, titled with its name and shape ("C3 16@10x10"). Top row: the
activations f(u) for the probe image (sequential colormap); second row: the sensitivity
δu = ∂J/∂u for the same image (diverging colormap centred on zero, symmetric levels, the
scale written beneath). The input column shows the image x and, beneath it, its own
sensitivity ∂J/∂x. Each layer is ONE ImageItem per row: its maps are tiled into a mosaic
with 1-px gaps (see `map_mosaic`); the grid of every mosaic is chosen from the space the
view has, so the maps grow with the window (full grids, never one thin column of maps, and a
subsampling layer in the grid of the convolution before it). The output layer shows class
probabilities as bars. Hovering reports layer, map, position and both values; clicking
selects the unit (its receptive field is outlined on the input) and enlarges its map in
`MapDialog`."""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPainterPath, QPen, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .map_mosaic import MosaicLayout, grid_shape, layer_levels, normalise_per_map

INPUT_LEVELS = (-0.1, 1.175)  # the engine's preprocessing: background -0.1, full ink 1.175
BACKGROUND = "#ffffff"
GAP_COLOR = "#8c8c8c"
TEXT_COLOR = "#202020"
BAR_COLOR = "#9db4cf"
PRED_RIGHT = "#2e9e44"
PRED_WRONG = "#d9482b"
PRED_NEUTRAL = "#2572dd"  # the prediction for an image without a label (a drawing)
INPUT_CAPTION = "background &minus;0.1 … ink 1.175"
TRUE_PEN = "#1a6b2c"
SELECT_COLOR = "#ff8c00"  # the selected unit and its receptive field
VECTOR_CELL = 4  # a vector unit is drawn as VECTOR_CELL x VECTOR_CELL image pixels

# fixed parts of the grid, in pixels (see `plan_columns`)
HEADER_W = 40
TITLE_H = 50
SCALE_H = 16
MIN_COL_W = 72  # room for a column's title and the numbers beneath
COL_PAD = 8  # pixels of a column beside its mosaic
MAX_STACK = 4  # a layer's maps are at most 4x more rows than columns (not for vectors)
OUTPUT_W = 96
LABEL_INTERVAL = 0.25  # seconds between updates of the numbers under the maps


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


@functools.cache
def _caption_width() -> float:
    """Width of the input's caption in pixels: the input column is never narrower."""
    label = pg.LabelItem(INPUT_CAPTION, size="7.5pt")
    return label.item.boundingRect().width() + 6


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


def _sci(v: float) -> str:
    """A sensitivity: 3 significant digits, scientific; exactly 0 (a switched-off unit) as 0."""
    return "0" if v == 0 else f"{v:.3e}"


# ---------------------------------------------------------------- layout planning (no Qt)

@dataclass(frozen=True)
class ColumnPlan:
    """Where one column goes: its mosaic grid and its width on screen."""

    rows: int
    cols: int
    width: float  # screen pixels
    tile: float  # screen pixels per map side (or per vector unit)


def vector_layout(n: int) -> MosaicLayout:
    """A vector layer enlarged: its units in rows of ten (fewer units: one row), no gaps,
    so unit k is at row k // 10, column k % 10."""
    cols = 10 if n > 10 else max(n, 1)
    return MosaicLayout(n, 1, 1, math.ceil(n / cols), cols, gap=0, cell=1)


def _mosaic(n: int, h: int, w: int, rows: int, cols: int) -> MosaicLayout:
    cell = VECTOR_CELL if h == w == 1 else 1
    return MosaicLayout(n, h, w, rows, cols, gap=1, cell=cell)


def _weight(h: int) -> float:
    """Relative tile size of a layer: C1's 28x28 maps get the biggest tiles, S4's 5x5 maps
    about half of that, vector units a sixth."""
    if h <= 1:
        return 0.17
    return float(np.clip(math.sqrt(h / 28.0), 0.5, 1.0))


def _candidate_grids(n: int, vector: bool) -> list[tuple[int, int]]:
    """The grids a layer of n maps (or n vector units) may be tiled in: (rows, cols).

    Only full grids (no empty tile) when n allows a sensible one; maps are never stacked
    more than MAX_STACK times taller than wide in tiles (a thin column of 6 maps reads badly).
    """
    grids = []
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        if (rows - 1) * cols >= n:  # an entirely empty row
            continue
        if not vector and rows > MAX_STACK * cols and n > MAX_STACK:
            continue
        grids.append((rows, cols))
    full = [g for g in grids if g[0] * g[1] == n]
    # a prime count (7 maps) has only 1 x n and n x 1: then the last row may be partial
    if n > MAX_STACK and not any(r > 1 and c > 1 for r, c in full):
        return grids
    return full


def _groups(shapes: Sequence[tuple[int, int, int]]) -> list[list[int]]:
    """Columns that share one grid: a subsampling layer and the convolution before it (same
    number of maps), so map k is at the same place in both."""
    groups: list[list[int]] = []
    for i, (n, h, _w) in enumerate(shapes):
        prev = shapes[i - 1] if i else None
        if groups and prev is not None and h > 1 and prev[1] > 1 and prev[0] == n \
                and len(groups[-1]) < 2:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _extent(k: int, side: float, h: int) -> float:
    """Screen length of k tiles of `side` pixels with their 1-image-pixel gaps."""
    gap = side / h if h > 1 else side / VECTOR_CELL
    return k * side + (k - 1) * gap


def plan_columns(shapes: Sequence[tuple[int, int, int]], width: float,
                 row_height: float,
                 min_widths: Sequence[float] | None = None) -> list[ColumnPlan]:
    """Grids for the middle columns (n maps of h x w; vectors as n of 1x1) that make the
    tiles as large as the space allows: every mosaic at most `row_height` tall, all
    together at most `width` wide, each column at least MIN_COL_W or its `min_widths`
    entry (room for its title and the numbers beneath).

    The tiles of all layers grow together (scaled per layer by `_weight`): the largest
    common size whose grids fit is found by bisection; for each size every group of columns
    (see `_groups`) takes, of its candidate grids (`_candidate_grids`) that fit the row
    height, the narrowest."""
    row_height = max(row_height, 20.0)
    least = [max(MIN_COL_W, m) for m in (min_widths or [0.0] * len(shapes))]
    groups = _groups(shapes)
    options = [_candidate_grids(shapes[g[0]][0], shapes[g[0]][1] <= 1) for g in groups]

    def choose(t: float) -> tuple[float, list[tuple[int, int]]] | None:
        total, grids = 0.0, [(1, 1)] * len(shapes)
        for members, cands in zip(groups, options, strict=True):
            best = None
            for rows, cols in cands:
                sides = [t * _weight(shapes[i][1]) for i in members]
                if any(_extent(rows, s, shapes[i][1]) > row_height
                       for s, i in zip(sides, members, strict=True)):
                    continue
                w = sum(max(least[i], _extent(cols, s, shapes[i][1]) + COL_PAD)
                        for s, i in zip(sides, members, strict=True))
                if best is None or w < best[0]:
                    best = (w, rows, cols)
            if best is None:
                return None
            total += best[0]
            for i in members:
                grids[i] = (best[1], best[2])
        return total, grids

    lo, hi = 1.0, max(2.0, row_height)
    found = choose(lo)
    if found is None:  # not even tiny tiles fit the height: the flattest grids
        flat = [(1, 1)] * len(shapes)
        for members, cands in zip(groups, options, strict=True):
            for i in members:
                flat[i] = min(cands)
        found = (0.0, flat)
    for _ in range(30):
        mid = (lo + hi) / 2
        candidate = choose(mid)
        if candidate is not None and candidate[0] <= width:
            lo, found = mid, candidate
        else:
            hi = mid
    t = lo
    grids = found[1]
    natural = [max(m, _extent(c, t * _weight(h), h) + COL_PAD)
               for (_n, h, _w), (_r, c), m in zip(shapes, grids, least, strict=True)]
    total = sum(natural)
    # what is left (or missing) is shared in proportion
    widths = [max(MIN_COL_W * 0.75, b * width / total) for b in natural] if total > 0 else natural
    plans = []
    for (_n, h, w), (rows, cols), col_w in zip(shapes, grids, widths, strict=True):
        cell = VECTOR_CELL if h == w == 1 else 1
        units_w = cols * (w * cell + 1) - 1
        units_h = rows * (h * cell + 1) - 1
        scale = min((col_w - COL_PAD) / units_w, row_height / units_h)
        plans.append(ColumnPlan(rows, cols, col_w, scale * h * cell))
    return plans


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
    marker: QGraphicsRectItem | None = None  # the selected unit (or receptive field)
    tile_marker: QGraphicsRectItem | None = None  # the selected unit's whole map


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


def _marker(width: float = 2.5) -> QGraphicsRectItem:
    item = QGraphicsRectItem()
    pen = pg.mkPen(SELECT_COLOR, width=width)
    pen.setCosmetic(True)
    item.setPen(pen)
    item.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    item.setZValue(20)
    item.setVisible(False)
    return item


def _viewbox(layout: MosaicLayout) -> tuple[pg.ViewBox, pg.ImageItem]:
    vb = pg.ViewBox(lockAspect=True, invertY=True, enableMouse=False, enableMenu=False,
                    defaultPadding=0.0)
    backdrop = QGraphicsPathItem()
    backdrop.setBrush(QBrush(QColor(GAP_COLOR)))
    backdrop.setPen(QPen(Qt.PenStyle.NoPen))
    backdrop.setVisible(False)  # shown with the first data
    vb.addItem(backdrop, ignoreBounds=True)
    vb.backdrop = backdrop
    img = pg.ImageItem(axisOrder="row-major")
    vb.addItem(img)
    vb.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return vb, img


def _set_layout(cell: _Cell, layout: MosaicLayout) -> None:
    cell.layout = layout
    cell.buffer = layout.empty()
    cell.vb.backdrop.setPath(_backdrop_path(layout))
    h, w = layout.shape
    cell.vb.setRange(xRange=(0, w), yRange=(0, h), padding=0.02)
    levels = cell.fixed_levels or ((-1, 1) if cell.diverging else (0, 1))
    cell.image.setImage(cell.buffer, autoLevels=False, levels=levels)


@dataclass
class _Column:
    name: str
    shape: tuple[int, int, int]  # (n, h, w); vectors (n, 1, 1)
    kind: str  # "input" | "layer" | "output"
    col: int


class NetworkView(QWidget):
    """All layers of one network for one probe image."""

    hoverText = Signal(str)
    mapClicked = Signal(str, int)  # layer name, map index
    unitClicked = Signal(str, int, int, int)  # layer ("input" too), map/unit, row, col

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(BACKGROUND)
        self.graphics.ci.layout.setContentsMargins(4, 2, 4, 2)
        self.graphics.ci.layout.setHorizontalSpacing(6)
        self.graphics.ci.layout.setVerticalSpacing(0)
        self.readout = QLabel("Hover over a map to read its values; click a unit to select "
                              "it: its receptive field is outlined on the input.")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setMinimumHeight(self.readout.sizeHint().height())
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
        self.columns: list[_Column] = []
        self.output_layer: str | None = None
        self.snapshot = None
        self.dialogs: list[MapDialog] = []
        self.selection: tuple[str, int, int, int] | None = None
        self.receptive_field: tuple[int, int, int, int] | None = None
        self._bars: pg.BarGraphItem | None = None
        self._input_caption: pg.LabelItem | None = None
        self._prob_caption: pg.LabelItem | None = None
        self._delta_scale: pg.LabelItem | None = None
        self._bar_plot: pg.PlotItem | None = None
        self._delta_bars: pg.BarGraphItem | None = None
        self._delta_plot: pg.PlotItem | None = None
        self._bar_markers: list[QGraphicsRectItem] = []
        self._bar_n = 10
        self._act_cmap = colormap(ACT_CMAP)
        self._delta_cmap = colormap(DELTA_CMAP)
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.frames = 0
        self._labels_time = 0.0
        self._backdrops_shown = False
        self._planned_for: tuple[int, int] | None = None
        self.graphics.installEventFilter(self)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.clear_selection)

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
        self.selection = self.receptive_field = None
        self.graphics.clear()
        self._backdrops_shown = False
        self._planned_for = None
        self.cells.clear()
        self.titles.clear()
        self.columns = []
        self._bars = self._bar_plot = self._delta_bars = self._delta_plot = None
        self._input_caption = self._prob_caption = self._delta_scale = None
        self._bar_markers = []
        self.layer_specs = list(layers)
        self.output_layer = self.layer_specs[-1].name if self.layer_specs else None
        gl = self.graphics.ci
        small = "8.5pt"

        head_act = _add_label(gl, "<b>activation f(u)</b><br><span style='color:#555'>what "
                               "each unit outputs</span>", row=1, col=0, angle=-90, size=small,
                               color=TEXT_COLOR)
        head_delta = _add_label(
            gl, "<b>sensitivity &delta;u = &part;J/&part;u</b><br>"
            "<span style='color:#b2182b'>&#9632;</span> + raises J &nbsp;"
            "<span style='color:#2166ac'>&#9632;</span> &minus; lowers J",
            row=3, col=0, angle=-90, size=small, color=TEXT_COLOR)
        head_act.setFixedWidth(HEADER_W)
        head_delta.setFixedWidth(HEADER_W)

        s = input_size
        self.columns.append(_Column("input", (1, s, s), "input", 1))
        self.titles["input"] = _add_label(
            gl, self._title_html("input x", f"1@{s}x{s}", "preprocessed image"),
            row=0, col=1, size="9pt", color=TEXT_COLOR)
        for col, spec in enumerate(self.layer_specs, start=2):
            shape = spec.out_shape if spec.is_map else (int(np.prod(spec.out_shape)), 1, 1)
            kind = "output" if spec.is_output else "layer"
            self.columns.append(_Column(spec.name, tuple(shape), kind, col))
            self.titles[spec.name] = _add_label(
                gl, self._title_html(spec.name, spec.shape_label, spec.description),
                row=0, col=col, size="9pt", color=TEXT_COLOR)

        for column in self.columns:
            n, h, w = column.shape
            name, col = column.name, column.col
            if column.kind == "output":
                self._add_output_column(gl, col, name, n)
                continue
            rows, cols = grid_shape(n, h, w, 1.7)
            layout = _mosaic(n, h, w, rows, cols)
            for row_name, grid_row in (("act", 1), ("delta", 3)):
                vb, img = _viewbox(layout)
                diverging = row_name == "delta"
                if column.kind == "input" and row_name == "act":
                    img.setColorMap(colormap("gray"))
                else:
                    img.setColorMap(self._delta_cmap if diverging else self._act_cmap)
                gl.addItem(vb, row=grid_row, col=col)
                if column.kind == "input" and row_name == "act":
                    scale = _add_label(gl, " ", row=2, col=col, size="7.5pt",
                                       color="#555")  # the caption comes with the image
                    self._input_caption = scale
                    fixed = INPUT_LEVELS
                else:
                    scale = _add_label(gl, " ", row=grid_row + 1, col=col, size="7.5pt",
                                       color="#444")
                    fixed = None
                cell = _Cell(name, row_name, layout, diverging, vb, img,
                             None if fixed else scale, fixed_levels=fixed)
                cell.marker = _marker()
                vb.addItem(cell.marker, ignoreBounds=True)
                cell.tile_marker = _marker(1.2)
                vb.addItem(cell.tile_marker, ignoreBounds=True)
                self.cells[(name, row_name)] = cell
                _set_layout(cell, layout)
        grid = gl.layout
        grid.setRowStretchFactor(1, 10)
        grid.setRowStretchFactor(3, 10)
        for r in (0, 2, 4):
            grid.setRowStretchFactor(r, 0)
        self._show_scales(False)  # until the first snapshot
        self.relayout()
        if self.snapshot is not None and tuple(self.snapshot.layer_names) == tuple(
                s.name for s in self.layer_specs):
            self.update_snapshot(self.snapshot)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.graphics and event.type() == QEvent.Type.Resize:
            self.relayout()
        return False

    def relayout(self, force: bool = False) -> None:
        """Choose every mosaic's grid for the space the view has now."""
        if not self.columns:
            return
        size = self.graphics.contentsRect().size()
        width, height = max(size.width(), 300), max(size.height(), 200)
        if not force and self._planned_for == (width, height):
            return
        self._planned_for = (width, height)
        row_h = (height - TITLE_H - 2 * SCALE_H - 8) / 2
        n_cols = len(self.columns)
        out_w = OUTPUT_W if max(map(len, self.class_names)) <= 2 else OUTPUT_W + 50
        spare = width - HEADER_W - 10 - 6 * n_cols
        input_w = max(float(np.clip(row_h, 90, 0.18 * spare)), _caption_width())
        middle = [c for c in self.columns if c.kind == "layer"]
        plans = plan_columns([c.shape for c in middle], spare - input_w - out_w, row_h - 4,
                             [self._title_width(c.name) for c in middle])
        grid = self.graphics.ci.layout
        widths = {"input": input_w}
        for column, plan in zip(middle, plans, strict=True):
            widths[column.name] = plan.width
            n, h, w = column.shape
            layout = _mosaic(n, h, w, plan.rows, plan.cols)
            for row in ("act", "delta"):
                cell = self.cells[(column.name, row)]
                if (cell.layout.rows, cell.layout.cols) != (plan.rows, plan.cols):
                    _set_layout(cell, layout)
        for column in self.columns:
            w = widths.get(column.name, out_w)
            grid.setColumnStretchFactor(column.col, max(1, int(w)))
            grid.setColumnPreferredWidth(column.col, w)
            grid.setColumnMinimumWidth(column.col, min(w, MIN_COL_W))
        grid.setColumnStretchFactor(0, 0)
        grid.activate()  # the new geometry now, not at the next event: clicks land right
        if self.snapshot is not None and tuple(self.snapshot.layer_names) == tuple(
                s.name for s in self.layer_specs):
            self._render(self.snapshot)
        self._place_markers()

    def _show_scales(self, on: bool) -> None:
        """Captions, colour scales and the output axes only once there is data to read."""
        if self._input_caption is not None:
            self._input_caption.setText(INPUT_CAPTION if on else " ")
        if self._prob_caption is not None:
            self._prob_caption.setText("probability" if on else " ")
        for plot in (self._bar_plot, self._delta_plot):
            if plot is not None:
                plot.setVisible(on)
        if not on:
            for cell in self.cells.values():
                if cell.scale_label is not None:
                    cell.scale_label.setText(" ")
            if self._delta_scale is not None:
                self._delta_scale.setText(" ")

    def _title_width(self, name: str) -> float:
        """Width of a column's title text in pixels (plus a little air)."""
        title = self.titles.get(name)
        return 0.0 if title is None else title.item.boundingRect().width() + 6

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

    def _add_output_column(self, gl, col: int, name: str, n: int) -> None:
        """Probabilities as bars on top; delta_u of the output units as diverging bars."""
        self._bar_n = n
        plot = self._bar_plot_item(n)
        plot.setXRange(0, 1, padding=0.02)
        plot.getAxis("bottom").setTicks([[(0, "0"), (0.5, "0.5"), (1, "1")]])
        bars = pg.BarGraphItem(x0=np.zeros(n), y=np.arange(n), height=0.72,
                               width=np.zeros(n), brush=BAR_COLOR, pen=None)
        plot.addItem(bars)
        gl.addItem(plot, row=1, col=col)
        self._prob_caption = _add_label(gl, " ", row=2, col=col, size="7.5pt",
                                        color="#444")
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
        for p in (plot, dplot):
            m = _marker()
            p.addItem(m, ignoreBounds=True)
            self._bar_markers.append(m)

    def _set_class_ticks(self, plot: pg.PlotItem, offset: float) -> None:
        names = self.class_names
        ticks = [(i + offset, names[i] if i < len(names) else str(i)) for i in range(10)]
        plot.getAxis("left").setTicks([ticks])

    @staticmethod
    def _title_html(title: str, shape: str, desc: str) -> str:
        return (f"<b>{title}</b><br><span style='color:#333'>{shape}</span><br>"
                f"<span style='color:#666; font-size:7.5pt'>{desc}</span>")

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
        self._render(snap)
        for dlg in self.dialogs:
            dlg.update_snapshot(snap)
        self.frames += 1

    def _raw(self, snap, layer: str, row: str) -> np.ndarray:
        if layer == "input":
            if row == "act":
                return snap.input
            d = getattr(snap, "input_delta", None)
            return np.zeros_like(snap.input) if d is None else d
        return (snap.activations if row == "act" else snap.delta_u)[layer]

    def _render(self, snap) -> None:
        per_map = self.scale_mode == "map"
        # numbers under the maps: a few times a second is all anybody can read (and new
        # text is a good part of a frame's cost); always when training is not running
        now = time.monotonic()
        labels = snap.state != "running" or now - self._labels_time >= LABEL_INTERVAL
        if labels:
            self._labels_time = now
        if not self._backdrops_shown:
            self._backdrops_shown = True
            for cell in self.cells.values():
                cell.vb.backdrop.setVisible(True)
            self._show_scales(True)
        for (layer, row), cell in self.cells.items():
            raw = self._raw(snap, layer, row)
            cell.raw = raw
            if cell.fixed_levels is not None:
                cell.layout.tile(raw, cell.buffer)
                cell.image.setImage(cell.buffer, autoLevels=False, levels=cell.fixed_levels)
                continue
            multi = cell.layout.h > 1 and cell.layout.n > 1
            if per_map and multi:
                shown = normalise_per_map(raw.reshape(cell.layout.n, -1), cell.diverging)
                levels = (-1.0, 1.0) if cell.diverging else (0.0, 1.0)
            else:
                shown = raw
                levels = layer_levels(raw, cell.diverging)
            cell.layout.tile(shown, cell.buffer)
            cell.image.setImage(cell.buffer, autoLevels=False, levels=levels)
            if cell.scale_label is not None and labels:
                cell.scale_label.setText(self._scale_text(cell, raw, per_map and multi, levels))
        if self._bars is not None:
            self._update_bars(snap, labels)

    def _scale_text(self, cell: _Cell, raw: np.ndarray, per_map: bool,
                    levels: tuple[float, float]) -> str:
        lo, hi = levels if not per_map else layer_levels(raw, cell.diverging)
        text = f"&plusmn;{hi:.1e}" if cell.diverging else f"{fmt(lo)} … {fmt(hi)}"
        if cell.layer == "input":
            text = f"&part;J/&part;x {text}"
        if per_map:  # two short lines: one long line would run into the next column's
            text = f"per map, max<br>{text}" if cell.diverging else f"per map<br>{text}"
        return text

    def _update_bars(self, snap, labels: bool = True) -> None:
        probs = np.asarray(snap.probabilities, dtype=np.float64)
        pred = int(np.argmax(probs))
        brushes = [BAR_COLOR] * len(probs)
        pens = [None] * len(probs)
        right = snap.label is not None and snap.label == pred
        color = PRED_NEUTRAL if snap.label is None else (PRED_RIGHT if right else PRED_WRONG)
        brushes[pred] = color
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
        if not labels:
            return
        self._delta_scale.setText(f"&plusmn;{m:.1e}")
        title = self.titles.get(self.output_layer or "")
        if title is not None:
            names = self.class_names
            name = names[pred] if pred < len(names) else str(pred)
            truth = "" if snap.label is None else (
                "  ✓" if right else f"  (true: {names[snap.label]})")
            title.setText(f"<b>{self.output_layer}</b><br><span style='color:#333'>"
                          f"{self.layer_specs[-1].shape_label}</span><br>"
                          f"<span style='color:{color}; font-size:8pt'><b>{name}</b> "
                          f"{probs[pred]:.0%}{truth}</span>")

    # ---- selection ----

    def select_unit(self, layer: str, index: int, r: int, c: int,
                    receptive_field: tuple[int, int, int, int] | None = None) -> None:
        """Mark one unit in its mosaics and, when given, its receptive field (top, left,
        bottom, right; inclusive input pixels) on the input image and its sensitivity."""
        self.selection = (layer, int(index), int(r), int(c))
        self.receptive_field = receptive_field
        self._place_markers()

    def clear_selection(self) -> None:
        self.selection = self.receptive_field = None
        self._place_markers()

    def _place_markers(self) -> None:
        for cell in self.cells.values():
            for m in (cell.marker, cell.tile_marker):
                if m is not None:
                    m.setVisible(False)
        for m in self._bar_markers:
            m.setVisible(False)
        if self.selection is None:
            return
        layer, index, r, c = self.selection
        rf = self.receptive_field
        if rf is not None and layer != "input":
            top, left, bottom, right = rf
            for row in ("act", "delta"):
                cell = self.cells.get(("input", row))
                if cell is not None:
                    cell.marker.setRect(QRectF(left, top, right - left + 1, bottom - top + 1))
                    cell.marker.setVisible(True)
        if layer == self.output_layer:
            for plot, m in zip((self._bar_plot, self._delta_plot), self._bar_markers,
                               strict=False):
                x0, x1 = (-0.02, 1.02) if plot is self._bar_plot else (-1.05, 1.05)
                m.setRect(QRectF(x0, index - 0.48, x1 - x0, 0.96))
                m.setVisible(True)
            return
        for row in ("act", "delta"):
            cell = self.cells.get((layer, row))
            if cell is None:
                continue
            L = cell.layout
            y0, x0 = L.tile_origin(index)
            k = L.cell
            pad = 0.35 * k if L.h > 1 else 0.15 * k
            cell.marker.setRect(QRectF(x0 + c * k - pad, y0 + r * k - pad,
                                       k + 2 * pad, k + 2 * pad))
            cell.marker.setVisible(True)
            if L.n > 1 and L.h > 1:  # which map: its tile outlined too
                cell.tile_marker.setRect(QRectF(x0 - 0.5, y0 - 0.5, L.tile_w + 1, L.tile_h + 1))
                cell.tile_marker.setVisible(True)

    # ---- hover and click ----

    def locate(self, scene_pos: QPointF) -> tuple[str, str, int, int, int] | None:
        """(layer, row, map index, r, c) under a scene position, or None."""
        for (layer, row), cell in self.cells.items():
            if not cell.vb.sceneBoundingRect().contains(scene_pos):
                continue
            cell.vb.updateMatrix()  # after a resize the view's transform may lag a paint
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
            a = self._raw(snap, "input", row)
            return float(a[r, c])
        source = snap.activations if row == "act" else snap.delta_u
        a = source.get(layer)
        if a is None:
            return None
        return float(a[index, r, c]) if a.ndim == 3 else float(a[index])

    def describe(self, layer: str, index: int, r: int, c: int) -> str:
        act = self.value_at(layer, "act", index, r, c)
        delta = self.value_at(layer, "delta", index, r, c)
        if layer == "input":
            text = f"input  (row {r}, col {c})  pixel value x = {fmt(act)}"
            if delta is not None and getattr(self.snapshot, "input_delta", None) is not None:
                text += f"   sensitivity ∂J/∂x = {delta:.3e}"
            return text
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
        layer, _row, index, r, c = hit
        ev.accept()
        self.click_unit(layer, index, r, c)

    def click_unit(self, layer: str, index: int, r: int, c: int) -> MapDialog:
        """What a click does: select the unit (the window adds its receptive field and
        fills Unit details through `unitClicked`) and enlarge its map."""
        self.selection = (layer, int(index), int(r), int(c))
        self.receptive_field = None
        self.unitClicked.emit(layer, int(index), int(r), int(c))
        self._place_markers()
        return self.open_map(layer, index, unit=(int(r), int(c)))

    def open_map(self, layer: str, index: int,
                 unit: tuple[int, int] | None = None) -> MapDialog:
        """Enlarge one map (the whole layer for vectors). One dialog is reused: a new map
        replaces the one shown, at the same place on the screen."""
        spec = next((s for s in self.layer_specs if s.name == layer), None)
        old = self.dialogs[-1] if self.dialogs else None
        if old is not None and (old.layer, old.index) == (layer, index) and old.isVisible():
            dlg = old
        else:
            dlg = MapDialog(self, layer, index, spec)
            if old is not None:
                dlg.setGeometry(old.geometry())
                old.close()
            self.dialogs.append(dlg)
            dlg.finished.connect(lambda _r, d=dlg: self._forget(d))
        dlg.set_unit(unit, self.receptive_field if unit is not None else None)
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
        if layer == self.output_layer:
            plot = self._bar_plot if row == "act" else self._delta_plot
            return plot.vb.mapViewToScene(QPointF(0.5 if row == "act" else 0.0, index))
        cell = self.cells[(layer, row)]
        cell.vb.updateMatrix()
        y0, x0 = cell.layout.tile_origin(index)
        y = y0 + r * cell.layout.cell + 0.5 * cell.layout.cell
        x = x0 + c * cell.layout.cell + 0.5 * cell.layout.cell
        return cell.image.mapToScene(QPointF(x, y))

    def tile_size_px(self, layer: str) -> float:
        """On-screen size of one map of a layer (one unit for vectors), in pixels."""
        cell = self.cells[(layer, "act")]
        a = cell.image.mapToScene(QPointF(0, 0))
        b = cell.image.mapToScene(QPointF(cell.layout.tile_w, 0))
        return abs(b.x() - a.x())


class MapDialog(QDialog):
    """One map enlarged: its activation and its delta_u side by side, with colorbars, the
    selected unit marked and its values written beneath. For a vector layer, the whole
    layer. Follows the live snapshot while open."""

    def __init__(self, parent: QWidget, layer: str, index: int, spec) -> None:
        super().__init__(parent)
        self.layer, self.index, self.spec = layer, index, spec
        is_map = layer == "input" or (spec is not None and spec.is_map)
        self.is_map = is_map
        self.unit: tuple[int, int] | None = None
        self.receptive_field: tuple[int, int, int, int] | None = None
        what = f"{layer} map {index}" if is_map and layer != "input" else (
            "input image" if layer == "input" else f"{layer} (all units)")
        self.setWindowTitle(f"{what} — lenet-gui")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(BACKGROUND)
        self.info = QLabel(" ")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        lay = QVBoxLayout(self)
        lay.addWidget(self.graphics, 1)
        lay.addWidget(self.info)
        self.items = {}
        self.markers: dict[str, QGraphicsRectItem] = {}
        rows = ("act", "delta")
        titles = {"act": "activation f(u)", "delta": "sensitivity δu = ∂J/∂u"}
        if layer == "input":
            titles = {"act": "input image x", "delta": "its sensitivity ∂J/∂x"}
        self._layout = None
        for col, row in enumerate(rows):
            plot = self.graphics.addPlot(row=0, col=2 * col, title=titles[row])
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            plot.invertY(True)
            plot.setAspectLocked(True)
            img = pg.ImageItem(axisOrder="row-major")
            name = DELTA_CMAP if row == "delta" else ("gray" if layer == "input" else ACT_CMAP)
            cmap = colormap(name)
            img.setColorMap(cmap)
            plot.addItem(img)
            marker = _marker()
            plot.addItem(marker, ignoreBounds=True)
            self.markers[row] = marker
            bar = pg.ColorBarItem(colorMap=cmap, interactive=False, width=14,
                                  values=(-1, 1) if row == "delta" else (0, 1))
            bar.setImageItem(img)
            bar.setFixedWidth(64)  # both bars alike whatever their numbers: equal plots
            self.graphics.addItem(bar, row=0, col=2 * col + 1)
            self.items[row] = (plot, img, bar)
        grid = self.graphics.ci.layout
        for col, (plot, _img, _bar) in zip((0, 2), self.items.values(), strict=True):
            # the two plots equally wide (not by their titles' lengths)
            plot.setMinimumWidth(160)
            plot.setPreferredWidth(300)
            grid.setColumnStretchFactor(col, 1)
            grid.setColumnStretchFactor(col + 1, 0)
        self.resize(780, 500)

    def set_unit(self, unit: tuple[int, int] | None,
                 receptive_field: tuple[int, int, int, int] | None = None) -> None:
        """The selected unit (row, col) in this map (vectors: (0, 0) of unit `index`)."""
        self.unit = unit
        self.receptive_field = receptive_field

    def _array(self, snap, row: str) -> np.ndarray | None:
        if self.layer == "input":
            a = snap.input if row == "act" else getattr(snap, "input_delta", None)
            return None if a is None else np.asarray(a, dtype=np.float32)
        a = (snap.activations if row == "act" else snap.delta_u).get(self.layer)
        if a is None:
            return None
        if a.ndim == 3:
            return np.ascontiguousarray(a[self.index], dtype=np.float32)
        if self._layout is None or self._layout.n != a.size:
            self._layout = vector_layout(a.size)
            self._unit_ticks()
        return self._layout.tile(a)

    def _unit_ticks(self) -> None:
        """A vector layer's units in rows of ten: each row named by its first unit, each
        column by what it adds (unit 34 = row 30, column +4); no pixel coordinates."""
        L = self._layout
        step = max(1, math.ceil(L.rows / 15))  # at most about 15 row names
        left = [(r + 0.5, str(r * L.cols)) for r in range(0, L.rows, step)]
        bottom = [(c + 0.5, f"+{c}" if L.rows > 1 else str(c)) for c in range(L.cols)]
        for plot, _img, _bar in self.items.values():
            plot.getAxis("left").setTicks([left] if L.rows > 1 else [[]])
            plot.getAxis("bottom").setTicks([bottom])
            plot.setLabel("left", "units" if L.rows > 1 else "")
            plot.setLabel("bottom", "+ column" if L.rows > 1 else "unit")
            if L.rows == 1:
                plot.getAxis("left").setStyle(showValues=False)

    def _value(self, source, r: int, c: int) -> float | None:
        a = source.get(self.layer) if source is not None else None
        if a is None:
            return None
        return float(a[self.index, r, c]) if a.ndim == 3 else float(a[self.index])

    def update_snapshot(self, snap) -> None:
        for row, (_plot, img, bar) in self.items.items():
            a = self._array(snap, row)
            if a is None:
                continue
            if self.layer == "input" and row == "act":
                levels = INPUT_LEVELS
            else:
                levels = layer_levels(a, row == "delta")
            img.setImage(a, autoLevels=False, levels=levels)
            bar.setLevels(values=levels)
        self._place_marker()
        self.info.setText(self._unit_text(snap))

    def _place_marker(self) -> None:
        for m in self.markers.values():
            m.setVisible(False)
        if self.unit is None:
            return
        r, c = self.unit
        if not self.is_map and self._layout is not None:
            r, c = self._layout.tile_origin(self.index)
        for m in self.markers.values():
            m.setRect(QRectF(c - 0.1, r - 0.1, 1.2, 1.2))
            m.setVisible(True)

    def _unit_text(self, snap) -> str:
        follow = f"step {snap.step} · this window follows training."
        if self.unit is None:
            return follow
        r, c = self.unit
        if self.layer == "input":
            x = float(snap.input[r, c])
            d = getattr(snap, "input_delta", None)
            extra = "" if d is None else f", ∂J/∂x = {_sci(float(d[r, c]))}"
            return f"<b>pixel (row {r}, col {c})</b>: x = {fmt(x)}{extra}<br>{follow}"
        f_ = self._value(snap.activations, r, c)
        u = self._value(snap.pre_activations, r, c)
        d = self._value(snap.delta_u, r, c)
        where = (f"map {self.index}, row {r}, col {c}" if self.is_map
                 else f"unit {self.index}")
        parts = [f"<b>{self.layer} {where}</b> (orange box):"]
        if u is not None:
            parts.append(f"u = {fmt(u)}")
        if f_ is not None:
            parts.append(f"f(u) = {fmt(f_)}")
        if d is not None:
            parts.append(f"δu = ∂J/∂u = {_sci(d)}")
        text = " &nbsp; ".join(parts)
        rf = self.receptive_field
        if rf is not None:
            top, left, bottom, right = rf
            text += (f"<br>It sees input rows {top}–{bottom}, columns {left}–{right} "
                     f"({bottom - top + 1}×{right - left + 1} pixels, outlined on the input "
                     "in the main window).")
        return f"{text}<br>{follow}"
