"""The network view: every layer side by side, activations on top, sensitivities beneath.

Laid out from the network's `LayerSpec`s (any preset), like the paper's figure: one column
per layer titled with its name and shape ("C3 16@10x10"); top row the activations f(u) of
the probe image, second row its sensitivities δu = ∂J/∂u (diverging colours centred on zero,
the scale beneath); the input column shows x and ∂J/∂x, the output bars. Where every column,
grid and label goes is planned by `layout_plan` (pure); the items are in `cells`. Hovering
reports a unit's values; clicking selects it and enlarges its map in `MapDialog`."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from engine import LayerSpec, RunState, Snapshot

from ..export import TRANSIENT_PROPERTY
from ..render_scheduler import LABEL_INTERVAL
from . import cells, replay_marks
from . import labels as text
from .cells import MAP_ROWS, Cell, Label, MapRow, OutputBars, add_label, raw_values
from .layout_plan import (
    COL_PAD,
    HEADER_W,
    OUTPUT_W,
    READABLE_W,
    ColumnSpec,
    Row,
    ViewPlan,
    plan_view,
)
from .map_dialog import MapDialog
from .mosaic import grid_shape, mosaic
from .placement import place_clear_of
from .style import (
    ACT_CMAP,
    BACKGROUND,
    DELTA_CMAP,
    HEADER_PT,
    INPUT_LEVELS,
    SCALE_PT,
    TEXT_COLOR,
    TITLE_PT,
    colormap,
    pt,
)


class NetworkView(QWidget):
    """All layers of one network for one probe image."""

    hoverText = Signal(str)
    unitClicked = Signal(str, int, int, int)  # layer ("input" too), map/unit, row, col

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(BACKGROUND)
        self.graphics.ci.layout.setContentsMargins(4, 2, 4, 2)
        self.graphics.ci.layout.setHorizontalSpacing(6)
        self.graphics.ci.layout.setVerticalSpacing(0)
        self.readout = QLabel(self.tr("Hover over a map to read its values; click a unit to "
                                      "select it: its receptive field is outlined on the "
                                      "input."))
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setProperty(TRANSIENT_PROPERTY, True)  # hover text: not in exports
        self.readout.setMinimumHeight(self.readout.sizeHint().height())
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.graphics, 1)
        lay.addWidget(self.readout)
        self.scale_mode = "layer"
        self.class_names: tuple[str, ...] = tuple(str(i) for i in range(10))
        self.cells: dict[tuple[str, MapRow], Cell] = {}
        self.titles: dict[str, Label] = {}
        self.layer_specs: list[LayerSpec] = []
        self.columns: list[ColumnSpec] = []
        self.output_layer: str | None = None
        self.output: OutputBars | None = None
        self.snapshot: Snapshot | None = None
        self.dialogs: list[MapDialog] = []
        self.selection: tuple[str, int, int, int] | None = None
        self.receptive_field: tuple[int, int, int, int] | None = None
        self.plan: ViewPlan | None = None
        self._input_caption: Label | None = None
        self._headers: list[tuple[Label, str, float]] = []  # and its length at full size
        self._prob_caption: Label | None = None
        self._delta_scale: Label | None = None
        self._act_cmap = colormap(ACT_CMAP)
        self._delta_cmap = colormap(DELTA_CMAP)
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.frames = 0
        self._labels_time = 0.0
        self._backdrops_shown = False
        self._planned_for: tuple[int, int] | None = None
        self._layout_key: object = None
        self.graphics.installEventFilter(self)

    # ---- structure ----

    def set_layers(self, layers: Sequence[LayerSpec], input_size: int,
                   class_names: Sequence[str] | None = None) -> None:
        """Lay the view out for a network: `layers` are engine LayerSpecs, in order."""
        if class_names is not None:
            self.class_names = tuple(class_names)
        key = ([(s.name, s.out_shape) for s in layers], input_size)
        if self.layer_specs and key == self._layout_key:
            return
        self._layout_key = key
        self._clear()
        self.layer_specs = list(layers)
        self.output_layer = self.layer_specs[-1].name if self.layer_specs else None
        gl = self.graphics.ci
        self._headers = cells.add_row_headers(
            gl, ((text.act_header(), 1), (text.delta_header(), 3)), HEADER_W, HEADER_PT)
        s = input_size
        self.columns.append(ColumnSpec("input", "input", (1, s, s)))
        for spec in self.layer_specs:
            shape = spec.out_shape if spec.is_map else (int(np.prod(spec.out_shape)), 1, 1)
            n, h, w = (int(v) for v in shape)
            self.columns.append(ColumnSpec(spec.name, "output" if spec.is_output else "layer",
                                           (n, h, w)))
        for col, column in enumerate(self.columns, start=1):
            self.titles[column.name] = add_label(gl, " ", row=0, col=col, color=TEXT_COLOR)
            if column.kind == "output":
                self._add_output_column(gl, col, column.shape[0])
            else:
                self._add_cells(gl, col, column)
        grid = gl.layout
        for r, stretch in enumerate((0, 10, 0, 10, 0)):
            grid.setRowStretchFactor(r, stretch)
        self._show_scales(False)  # until the first snapshot
        self.relayout()
        if self._shows(self.snapshot):
            self.update_snapshot(self.snapshot)  # type: ignore[arg-type]

    def _clear(self) -> None:
        for dlg in list(self.dialogs):
            dlg.close()
        self.selection = self.receptive_field = None
        self.graphics.clear()
        self._backdrops_shown = False
        self._planned_for = None
        self.plan = None
        self.cells.clear()
        self.titles.clear()
        self.columns = []
        self.output = None
        self._input_caption = self._prob_caption = self._delta_scale = None

    def _add_cells(self, gl: pg.GraphicsLayout, col: int, column: ColumnSpec) -> None:
        n, h, w = column.shape
        layout = mosaic(n, h, w, *grid_shape(n, h, w, 1.7))
        rows: tuple[tuple[MapRow, int], ...] = (("act", 1), ("delta", 3))
        for row, grid_row in rows:
            is_image = column.kind == "input" and row == "act"
            cmap = colormap("gray") if is_image else (
                self._delta_cmap if row == "delta" else self._act_cmap)
            scale = add_label(gl, " ", row=grid_row + 1, col=col, size=pt(SCALE_PT),
                              color="#555" if is_image else "#444")
            if is_image:
                self._input_caption = scale  # the caption comes with the image
            cell = Cell.create(column.name, row, layout, cmap, None if is_image else scale,
                               INPUT_LEVELS if is_image else None)
            gl.addItem(cell.vb, row=grid_row, col=col)
            self.cells[(column.name, row)] = cell

    def _add_output_column(self, gl: pg.GraphicsLayout, col: int, n: int) -> None:
        self.output = OutputBars(n, self.class_names, self._delta_cmap)
        gl.addItem(self.output.plot, row=1, col=col)
        self._prob_caption = add_label(gl, " ", row=2, col=col, size=pt(SCALE_PT),
                                       color="#444")
        gl.addItem(self.output.delta_plot, row=3, col=col)
        self._delta_scale = add_label(gl, " ", row=4, col=col, size=pt(SCALE_PT),
                                      color="#444")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.graphics and event.type() == QEvent.Type.Resize:
            self.relayout()
        return False

    def _output_w(self) -> float:
        return OUTPUT_W if max(map(len, self.class_names)) <= 2 else OUTPUT_W + 50

    def relayout(self, force: bool = False) -> None:
        """Choose every column's width, mosaic grid and label for the space the view has."""
        if not self.columns:
            return
        size = self.graphics.contentsRect().size()
        width, height = max(size.width(), 300), max(size.height(), 200)
        if not force and self._planned_for == (width, height):
            return
        self._planned_for = (width, height)
        specs = [text.column_labels(c, self._spec(c.name), self.scale_mode,
                                    self.class_names) for c in self.columns]
        self.plan = plan = plan_view(specs, width, height, text.text_width, self._output_w(),
                                     [length for *_, length in self._headers])
        grid = self.graphics.ci.layout
        for col, placed in enumerate(plan.columns, start=1):
            n, h, w = self.columns[col - 1].shape
            for row in MAP_ROWS:
                cell = self.cells.get((placed.name, row))
                if cell is not None and placed.kind == "layer" and (
                        cell.layout.rows, cell.layout.cols) != (placed.rows, placed.cols):
                    cell.set_layout(mosaic(n, h, w, placed.rows, placed.cols))
            grid.setColumnStretchFactor(col, max(1, int(placed.width)))
            grid.setColumnPreferredWidth(col, placed.width)
            grid.setColumnMinimumWidth(col, min(placed.width, READABLE_W + COL_PAD))
        grid.setColumnStretchFactor(0, 0)
        self._apply_fonts(plan)
        grid.activate()  # the new geometry now, not at the next event: clicks land right
        if self._shows(self.snapshot):
            self._render(self.snapshot)  # type: ignore[arg-type]
        self._place_markers()

    def _apply_fonts(self, plan: ViewPlan) -> None:
        """The titles as the plan writes them; every label at the plan's font size."""
        scale = plan.font_scale
        for head, html, _length in self._headers:  # rotated: shorter than their rows
            head.setText(html, size=pt(HEADER_PT * plan.header_scale))
        if self.output is not None:
            self.output.fit_names(plan.row_h)
        for column in self.columns:
            if column.kind != "output":
                html = text.title_html(text.title_lines(column, self._spec(column.name)),
                                       plan.variant(column.name, "title") > 0, scale)
                self.titles[column.name].setText(html, size=pt(TITLE_PT * scale))
        labels = [c.scale_label for c in self.cells.values()]
        labels += [self._input_caption, self._prob_caption, self._delta_scale]
        for label in labels:
            if label is not None and label.opts.get("size") != pt(SCALE_PT * scale):
                label.setText(label.text, size=pt(SCALE_PT * scale))
        output_title = self.titles.get(self.output_layer or "")
        if output_title is not None and output_title.opts.get("size") != pt(TITLE_PT * scale):
            output_title.setText(output_title.text, size=pt(TITLE_PT * scale))
        if self._backdrops_shown:
            self._show_scales(True)  # the caption wrapped (or not) anew
        self._labels_time = 0.0  # the numbers and the output's title written anew

    def _spec(self, name: str) -> LayerSpec | None:
        return next((s for s in self.layer_specs if s.name == name), None)

    def _fits(self, html: str, name: str) -> bool:
        """Whether a scale's text fits its column on one line (the plan wraps for the widest
        numbers a column may show; most fit)."""
        return self.plan is None or text.fits(html, SCALE_PT * self.plan.font_scale,
                                              self.plan.column(name).width)

    def _wrap(self, name: str, row: Row) -> bool:
        return self.plan is not None and self.plan.variant(name, row) > 0

    def _show_scales(self, on: bool) -> None:
        """Captions, colour scales and the output axes only once there is data to read."""
        if self._input_caption is not None:
            self._input_caption.setText(
                text.input_caption(self._wrap("input", "act")) if on else " ")
        if self._prob_caption is not None:
            self._prob_caption.setText(self.tr("probability") if on else " ")
        if self.output is not None:
            for plot in self.output.plots():
                plot.setVisible(on)
        if not on:
            for cell in self.cells.values():
                if cell.scale_label is not None:
                    cell.scale_label.setText(" ")
            if self._delta_scale is not None:
                self._delta_scale.setText(" ")

    def set_class_names(self, names: Sequence[str]) -> None:
        self.class_names = tuple(names)
        if self.output is not None:
            self.output.set_class_names(self.class_names)

    def set_scale_mode(self, mode: str) -> None:
        if mode not in ("layer", "map"):
            raise ValueError(f"unknown scale mode {mode!r}")
        self.scale_mode = mode
        self.relayout(force=True)  # the numbers beneath take more room per map
        if self.snapshot is not None:
            self.update_snapshot(self.snapshot)

    # ---- data ----

    def _shows(self, snap: Snapshot | None) -> bool:
        """Whether the view is laid out for this snapshot's network."""
        return snap is not None and tuple(snap.layer_names) == tuple(
            s.name for s in self.layer_specs)

    def update_snapshot(self, snap: Snapshot) -> None:
        """Show a Snapshot (call only while visible)."""
        self.snapshot = snap
        if not self._shows(snap):
            return  # laid out for another network; the window re-lays out first
        self._render(snap)
        self.update_dialogs(snap)
        self.frames += 1

    def update_dialogs(self, snap: Snapshot) -> None:
        """The open map windows follow the snapshot, whichever tab is in front."""
        for dlg in self.dialogs:
            dlg.update_snapshot(snap)

    def _render(self, snap: Snapshot) -> None:
        per_map = self.scale_mode == "map"
        # numbers under the maps: a few times a second is all anybody can read (and new
        # text is a good part of a frame's cost); always when training is not running
        now = time.monotonic()
        labels = snap.state != RunState.RUNNING or now - self._labels_time >= LABEL_INTERVAL
        if labels:
            self._labels_time = now
        if not self._backdrops_shown:
            self._backdrops_shown = True
            for cell in self.cells.values():
                cell.backdrop.setVisible(True)
            self._show_scales(True)
        for (layer, row), cell in self.cells.items():
            raw = raw_values(snap, layer, row)
            levels = cell.show(raw, per_map)
            if cell.scale_label is not None and labels:
                line = cell.scale_text(raw, per_map and cell.multi, levels, False)
                if self._wrap(layer, row) and not self._fits(line, layer):
                    line = cell.scale_text(raw, per_map and cell.multi, levels, True)
                cell.scale_label.setText(line)
        if self.output is not None:
            self._update_bars(snap, labels)

    def _update_bars(self, snap: Snapshot, labels: bool = True) -> None:
        assert self.output is not None and self.output_layer is not None
        probs = np.asarray(snap.probabilities, dtype=np.float64)
        pred = int(np.argmax(probs))
        brushes, pens, color = text.bar_styles(probs, snap.label)
        m = self.output.show(probs, snap.delta_u[self.output_layer], brushes, pens)
        if not labels:
            return
        if self._delta_scale is not None:
            self._delta_scale.setText(f"&plusmn;{m:.1e}")
        title = self.titles.get(self.output_layer)
        if title is not None:
            scale = self.plan.font_scale if self.plan is not None else 1.0
            title.setText(text.output_title_html(
                self.output_layer, self.layer_specs[-1].shape_label, self.class_names,
                pred, float(probs[pred]), snap.label, color,
                self._wrap(self.output_layer, "title"), scale))

    # ---- selection ----

    def select_unit(self, layer: str, index: int, r: int, c: int,
                    receptive_field: tuple[int, int, int, int] | None = None) -> None:
        """Mark one unit in its mosaics and, when given, its receptive field (top, left,
        bottom, right; inclusive input pixels) on the input image and its sensitivity."""
        self.selection = (layer, int(index), int(r), int(c))
        self.receptive_field = receptive_field
        self._place_markers()

    def set_revealed(self, layers: Sequence[str] | None, row: MapRow = "delta") -> None:
        replay_marks.set_revealed(self.cells, self.output, self.output_layer, layers, row)

    def highlight(self, layer: str | None) -> None:
        replay_marks.highlight(self.cells, self.output, self.output_layer, layer)

    def clear_selection(self) -> None:
        self.selection = self.receptive_field = None
        self._place_markers()

    def _place_markers(self) -> None:
        for cell in self.cells.values():
            cell.marker.setVisible(False)
            cell.tile_marker.setVisible(False)
        if self.output is not None:
            self.output.mark(None)
        if self.selection is None:
            return
        layer, index, r, c = self.selection
        rf = self.receptive_field
        if rf is not None and layer != "input":
            top, left, bottom, right = rf
            for row in MAP_ROWS:
                box = self.cells.get(("input", row))
                if box is not None:
                    box.marker.setRect(QRectF(left, top, right - left + 1, bottom - top + 1))
                    box.marker.setVisible(True)
        if layer == self.output_layer and self.output is not None:
            self.output.mark(index)
            return
        for row in MAP_ROWS:
            box = self.cells.get((layer, row))
            if box is not None:
                box.mark_unit(index, r, c)

    # ---- hover and click ----

    def locate(self, scene_pos: QPointF) -> tuple[str, MapRow, int, int, int] | None:
        """(layer, row, map index, r, c) under a scene position, or None."""
        for (layer, row), cell in self.cells.items():
            if not cell.vb.sceneBoundingRect().contains(scene_pos):
                continue
            cell.vb.updateMatrix()  # after a resize the view's transform may lag a paint
            p = cell.image.mapFromScene(scene_pos)
            hit = cell.layout.locate(p.y(), p.x())
            if hit is not None:
                return (layer, row, *hit)
        if self.output is not None and self.output_layer is not None:
            bar = self.output.locate(scene_pos)
            if bar is not None:
                return (self.output_layer, bar[0], bar[1], 0, 0)
        return None

    def value_at(self, layer: str, row: MapRow, index: int, r: int, c: int) -> float | None:
        snap = self.snapshot
        return None if snap is None else cells.unit_value(snap, layer, row, index, r, c)

    def describe(self, layer: str, index: int, r: int, c: int) -> str:
        """The hover text for one unit."""
        return text.describe_unit(self.snapshot, self._spec(layer), layer, index, r, c,
                             self.value_at(layer, "act", index, r, c),
                             self.value_at(layer, "delta", index, r, c),
                             layer == self.output_layer, self.class_names)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        hit = self.locate(scene_pos)
        if hit is None or self.snapshot is None:
            return
        layer, _row, index, r, c = hit
        line = self.describe(layer, index, r, c)
        self.readout.setText(line)
        self.hoverText.emit(line)

    def _on_mouse_clicked(self, ev: object) -> None:
        button = getattr(ev, "button", None)
        if button is None or button() != Qt.MouseButton.LeftButton or self.snapshot is None:
            return
        hit = self.locate(ev.scenePos())  # type: ignore[attr-defined]
        if hit is None:
            return
        layer, _row, index, r, c = hit
        ev.accept()  # type: ignore[attr-defined]
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
        old = self.dialogs[-1] if self.dialogs else None
        if old is not None and (old.layer, old.index) == (layer, index) and old.isVisible():
            dlg = old
        else:
            dlg = MapDialog(self, layer, index, self._spec(layer))
            if old is not None:
                dlg.setGeometry(old.geometry())
                old.close()
            else:
                place_clear_of(self, dlg)  # hides neither the maps nor Unit details
            self.dialogs.append(dlg)
            dlg.finished.connect(lambda _r, d=dlg: self._forget(d))
        dlg.set_unit(unit, self.receptive_field if unit is not None else None)
        if self.snapshot is not None:
            dlg.update_snapshot(self.snapshot)
        dlg.show()
        return dlg

    def _forget(self, dlg: MapDialog) -> None:
        if dlg in self.dialogs:
            self.dialogs.remove(dlg)

    # ---- for tests and scripts ----

    def image_array(self, layer: str, row: MapRow = "act") -> np.ndarray:
        return np.array(self.cells[(layer, row)].image.image, copy=True)

    def scene_pos_of(self, layer: str, row: MapRow, index: int, r: int, c: int) -> QPointF:
        if layer == self.output_layer and self.output is not None:
            plot = self.output.plot if row == "act" else self.output.delta_plot
            return plot.vb.mapViewToScene(QPointF(0.5 if row == "act" else 0.0, index))
        cell = self.cells[(layer, row)]
        cell.vb.updateMatrix()
        y0, x0 = cell.layout.tile_origin(index)
        y = y0 + r * cell.layout.cell + 0.5 * cell.layout.cell
        x = x0 + c * cell.layout.cell + 0.5 * cell.layout.cell
        return cell.image.mapToScene(QPointF(x, y))

