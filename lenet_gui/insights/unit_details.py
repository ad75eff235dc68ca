"""One unit of the network: its f, u and delta_u, and the input pixels it sees."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsRectItem, QGridLayout, QLabel, QVBoxLayout, QWidget

from engine import Network, NetworkConfig, Snapshot, build_network

from ._common import (
    InsightContext,
    InsightView,
    caption,
    colormap,
    fmt,
    heading,
    symmetric_limit,
)

INPUT_LEVELS = (-0.1, 1.175)
ACT_CMAP = "viridis"  # the network view's colours: activations
DELTA_CMAP = "CET-D1A"  # and sensitivities (blue - white - red)


class _Title(pg.LabelItem):
    """A column title that does not make its column wider than the others."""

    def updateMin(self) -> None:  # noqa: N802 - pyqtgraph API
        super().updateMin()
        self.setMinimumWidth(0)
        self.setPreferredWidth(0)


class UnitDetails(InsightView):
    """Details of the unit last clicked in the network view, kept live across snapshots."""

    title = str(QT_TRANSLATE_NOOP("UnitDetails", "Unit details"))

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.unit: tuple[str, int, int, int] | None = None
        self.values: dict[str, float] = {}
        self.receptive_field: tuple[int, int, int, int] | None = None
        self._geometry_net: tuple[NetworkConfig, Network] | None = None  # for geometry

        self.heading = heading(self.title)
        self.hint = caption(self.tr("Click a unit in the network view to see its details here."))
        grid = self._build_values()
        self.field_label = caption()
        self.note = caption(muted=True)
        self._build_graphics()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.note)
        layout.addWidget(self.field_label)
        layout.addWidget(self.graphics, 1)
        self.graphics.hide()

    def _build_values(self) -> QGridLayout:
        """One row per value of the unit: f, u and delta_u, each with what it means."""
        grid = QGridLayout()
        self.value_labels: dict[str, QLabel] = {}
        rows = [
            ("f", self.tr("activation f(u)"),
             self.tr("what the unit passes on to the next layer")),
            ("u", self.tr("pre-activation u"),
             self.tr("weighted sum of its inputs plus bias, before f")),
            ("delta_u", self.tr("sensitivity \u03b4u = \u2202J/\u2202u"),
             self.tr("how fast the loss J changes when u changes")),
        ]
        for r, (key, name, what) in enumerate(rows):
            title = QLabel(name)  # plain text: as rich text the last "u" wrapped to a new line
            title.setTextFormat(Qt.TextFormat.PlainText)
            bold = QFont(title.font())
            bold.setBold(True)
            title.setFont(bold)
            grid.addWidget(title, r, 0)
            label = QLabel("\u2014")
            label.setStyleSheet("font-family: monospace; font-size: 14px;")
            self.value_labels[key] = label
            grid.addWidget(label, r, 1)
            grid.addWidget(caption(what, muted=True), r, 2)
        grid.setColumnStretch(2, 1)
        return grid

    def _build_graphics(self) -> None:
        """Three pictures: the input with the receptive field, the map and its delta_u."""
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.input_title = self._title(self.tr("input x and the unit's receptive field"), 0)
        self.map_title = self._title("", 1)
        self.delta_title = self._title("", 2)
        self.input_box = self._viewbox(1, 0)
        self.map_box = self._viewbox(1, 1)
        self.delta_box = self._viewbox(1, 2)
        for col in range(3):  # three equal columns, whatever their titles' lengths
            self.graphics.ci.layout.setColumnStretchFactor(col, 1)
        self.input_img = self._image(self.input_box, "CET-L1")
        self.map_img = self._image(self.map_box, ACT_CMAP)
        self.delta_img = self._image(self.delta_box, DELTA_CMAP)
        self.field_rect = self._box(self.input_box)
        self.unit_rect = self._box(self.map_box)
        self.delta_rect = self._box(self.delta_box)

    @staticmethod
    def _image(box: pg.ViewBox, cmap: str) -> pg.ImageItem:
        img = pg.ImageItem(axisOrder="row-major")
        img.setColorMap(colormap(cmap))
        box.addItem(img)
        return img

    @staticmethod
    def _box(box: pg.ViewBox) -> QGraphicsRectItem:
        """An orange outline (the receptive field, the unit) drawn over a picture."""
        rect = QGraphicsRectItem()
        rect.setPen(pg.mkPen("#ff8c00", width=2.5))
        box.addItem(rect)
        return rect

    def _title(self, text: str, col: int) -> _Title:
        label = _Title(text)
        self.graphics.addItem(label, row=0, col=col)
        return label

    def _viewbox(self, row: int, col: int) -> pg.ViewBox:
        vb = self.graphics.addViewBox(row=row, col=col)
        vb.setMinimumWidth(60)
        vb.setPreferredWidth(2000)  # every column as wide as it can be: all alike
        vb.setAspectLocked(True)
        vb.invertY(True)
        vb.setMouseEnabled(False, False)
        vb.setMenuEnabled(False)
        return vb

    def _context_changed(self) -> None:
        self._geometry_net = None

    def _network(self) -> Network | None:
        config = self.ctx.network_config
        if config is None:
            return None
        if self._geometry_net is None or self._geometry_net[0] != config:
            self._geometry_net = (config, build_network(config))  # for its geometry only
        return self._geometry_net[1]

    def show_unit(self, layer: str, map_index: int, row: int, col: int) -> None:
        """Show one unit: map layers (map, row, col); vector layers (unit, 0, 0)."""
        self.unit = (layer, int(map_index), int(row), int(col))
        net = self._network()
        self.receptive_field = None
        if net is not None and layer in net.layer_names:
            self.receptive_field = net.receptive_field(layer, int(row), int(col))
        self._show()

    def _render(self, snap: Snapshot) -> None:
        if self.unit is not None:
            self._show()

    def _show(self) -> None:
        if self.unit is None:
            return
        layer, m, r, c = self.unit
        snap = self.snapshot
        self.hint.hide()
        is_map = self._show_values(snap, layer, m, r, c)
        if is_map or snap is None:
            where = self.tr("map {0}, row {1}, col {2}").format(m, r, c)
        else:
            where = self.tr("unit {0}").format(m)
        self.note.setText(self._explain())
        if snap is None:
            self.heading.setText(self.tr("Unit details \u2014 {0} {1}").format(layer, where))
            return
        self.heading.setText(self.tr("Unit details \u2014 {0} {1} (live, step {2})")
                             .format(layer, where, snap.step))
        self.graphics.show()
        x = np.ascontiguousarray(snap.input, np.float32)
        self.input_img.setImage(x, autoLevels=False, levels=INPUT_LEVELS)
        self._show_field(is_map)
        self._show_maps(snap, layer, m, r, c)

    def _show_values(self, snap: Snapshot | None, layer: str, m: int, r: int, c: int) -> bool:
        """The unit's f, u and delta_u in the value labels; True for a map layer."""
        arrays: dict[str, Mapping[str, np.ndarray]] = {} if snap is None else {
            "f": snap.activations, "u": snap.pre_activations, "delta_u": snap.delta_u}
        self.values = {}
        is_map = False
        for key, label in self.value_labels.items():
            a = arrays[key].get(layer) if key in arrays else None
            if a is None:
                label.setText("\u2014")
                continue
            is_map = a.ndim == 3
            v = float(a[m, r, c] if is_map else a[m])
            self.values[key] = v
            label.setText(fmt(v))
        return is_map

    def _explain(self) -> str:
        """What the values mean for learning from this image."""
        f_, u, d = (self.values.get(k) for k in ("f", "u", "delta_u"))
        if f_ == 0 and d == 0 and u is not None and u < 0:
            return self.tr(
                "u &lt; 0, so the ReLU outputs 0 and is switched off for this image: no error "
                "flows back through it (\u03b4u = 0), so its incoming weights do not learn "
                "from this image.")
        if d is not None and d != 0:
            if d > 0:
                return self.tr("To lower the loss J on this image, training would lower u "
                               "(it moves u against \u03b4u).")
            return self.tr("To lower the loss J on this image, training would raise u "
                           "(it moves u against \u03b4u).")
        return ""

    def _show_field(self, is_map: bool) -> None:
        """The receptive field as an orange box on the input, and in words."""
        rf = self.receptive_field
        if rf is not None:
            top, left, bottom, right = rf
            self.field_rect.setRect(QRectF(left, top, right - left + 1, bottom - top + 1))
            text = self.tr(
                "This unit sees input rows {0}\u2013{1}, columns {2}\u2013{3} ({4}\u00d7{5} "
                "pixels, orange box)").format(top, bottom, left, right, bottom - top + 1,
                                              right - left + 1)
            if not is_map:
                text += self.tr(": a vector layer sees the whole input")
            self.field_label.setText(text + ".")
        self.field_rect.setVisible(rf is not None)

    def _show_maps(self, snap: Snapshot, layer: str, m: int, r: int, c: int) -> None:
        """The unit's map and its delta_u with the unit outlined (map layers only)."""
        act = snap.activations.get(layer)
        delta = snap.delta_u.get(layer)
        if act is None or act.ndim != 3 or delta is None:
            self.map_title.setText("")
            self.delta_title.setText("")
            self.map_box.hide()
            self.delta_box.hide()
            return
        tile = np.ascontiguousarray(act[m], np.float32)
        lo, hi = float(np.min(tile)), float(np.max(tile))
        self.map_img.setImage(tile, autoLevels=False, levels=(lo, hi if hi > lo else lo + 1))
        self.unit_rect.setRect(QRectF(c, r, 1, 1))
        self.map_title.setText(self.tr("{0} map {1}: activation f(u)").format(layer, m))
        self.map_box.show()
        dtile = np.ascontiguousarray(delta[m], np.float32)
        lim = symmetric_limit(dtile)
        self.delta_img.setImage(dtile, autoLevels=False, levels=(-lim, lim))
        self.delta_rect.setRect(QRectF(c, r, 1, 1))
        self.delta_title.setText(self.tr("its sensitivity \u03b4u (\u00b1{0:.1e})").format(lim))
        self.delta_box.show()
