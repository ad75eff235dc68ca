"""One unit of the network: its f, u and delta_u, and the input pixels it sees."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsRectItem, QGridLayout, QLabel, QVBoxLayout, QWidget

from engine import build_network

from ._common import InsightView, caption, colormap, fmt, heading, symmetric_limit

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

    title = "Unit details"

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.unit: tuple[str, int, int, int] | None = None
        self.values: dict[str, float] = {}
        self.receptive_field: tuple[int, int, int, int] | None = None
        self._geometry_net: tuple[Any, Any] | None = None  # (config, Network) for geometry

        self.heading = heading("Unit details")
        self.hint = caption("Click a unit in the network view to see its details here.")
        grid = QGridLayout()
        self.value_labels: dict[str, QLabel] = {}
        rows = [
            ("f", "activation f(u)", "what the unit passes on to the next layer"),
            ("u", "pre-activation u", "weighted sum of its inputs plus bias, before f"),
            ("delta_u", "sensitivity \u03b4u = \u2202J/\u2202u",
             "how fast the loss J changes when u changes"),
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
        self.field_label = caption()
        self.note = caption(muted=True)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.input_title = self._title("input x and the unit's receptive field", 0)
        self.map_title = self._title("", 1)
        self.delta_title = self._title("", 2)
        self.input_box = self._viewbox(1, 0)
        self.map_box = self._viewbox(1, 1)
        self.delta_box = self._viewbox(1, 2)
        for col in range(3):  # three equal columns, whatever their titles' lengths
            self.graphics.ci.layout.setColumnStretchFactor(col, 1)
        self.input_img = pg.ImageItem(axisOrder="row-major")
        self.input_img.setColorMap(colormap("CET-L1"))
        self.map_img = pg.ImageItem(axisOrder="row-major")
        self.map_img.setColorMap(colormap(ACT_CMAP))
        self.delta_img = pg.ImageItem(axisOrder="row-major")
        self.delta_img.setColorMap(colormap(DELTA_CMAP))
        self.input_box.addItem(self.input_img)
        self.map_box.addItem(self.map_img)
        self.delta_box.addItem(self.delta_img)
        self.field_rect = QGraphicsRectItem()
        self.field_rect.setPen(pg.mkPen("#ff8c00", width=2.5))
        self.input_box.addItem(self.field_rect)
        self.unit_rect = QGraphicsRectItem()
        self.unit_rect.setPen(pg.mkPen("#ff8c00", width=2.5))
        self.map_box.addItem(self.unit_rect)
        self.delta_rect = QGraphicsRectItem()
        self.delta_rect.setPen(pg.mkPen("#ff8c00", width=2.5))
        self.delta_box.addItem(self.delta_rect)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.note)
        layout.addWidget(self.field_label)
        layout.addWidget(self.graphics, 1)
        self.graphics.hide()

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

    def _network(self) -> Any:
        config = getattr(self.ctx, "network_config", None)
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

    def _render(self, snap: Any) -> None:
        if self.unit is not None:
            self._show()

    def _show(self) -> None:
        if self.unit is None:
            return
        layer, m, r, c = self.unit
        snap = self.snapshot
        self.hint.hide()
        arrays = {} if snap is None else {
            "f": snap.activations, "u": snap.pre_activations, "delta_u": snap.delta_u}
        self.values = {}
        is_map = False
        for key, label in self.value_labels.items():
            a = arrays.get(key, {}).get(layer)
            if a is None:
                label.setText("\u2014")
                continue
            is_map = a.ndim == 3
            v = float(a[m, r, c] if is_map else a[m])
            self.values[key] = v
            label.setText(fmt(v))
        where = f"map {m}, row {r}, col {c}" if is_map or snap is None else f"unit {m}"
        f_, u, d = (self.values.get(k) for k in ("f", "u", "delta_u"))
        note = ""
        if f_ == 0 and d == 0 and u is not None and u < 0:
            note = ("u &lt; 0, so the ReLU outputs 0 and is switched off for this image: no "
                    "error flows back through it (\u03b4u = 0), so its incoming weights do "
                    "not learn from this image.")
        elif d is not None and d != 0:
            sign = "lower" if d > 0 else "raise"
            note = (f"To lower the loss J on this image, training would {sign} u "
                    "(it moves u against \u03b4u).")
        self.note.setText(note)
        step = "" if snap is None else f" (live, step {snap.step})"
        self.heading.setText(f"Unit details \u2014 {layer} {where}{step}")
        if snap is None:
            return
        self.graphics.show()
        x = np.ascontiguousarray(snap.input, np.float32)
        self.input_img.setImage(x, autoLevels=False, levels=INPUT_LEVELS)
        rf = self.receptive_field
        if rf is not None:
            top, left, bottom, right = rf
            self.field_rect.setRect(QRectF(left, top, right - left + 1, bottom - top + 1))
            self.field_label.setText(
                f"This unit sees input rows {top}\u2013{bottom}, columns {left}\u2013{right} "
                f"({bottom - top + 1}\u00d7{right - left + 1} pixels, orange box)"
                + ("" if is_map else ": a vector layer sees the whole input") + ".")
        self.field_rect.setVisible(rf is not None)
        act = snap.activations.get(layer)
        delta = snap.delta_u.get(layer)
        if act is not None and act.ndim == 3:
            tile = np.ascontiguousarray(act[m], np.float32)
            lo, hi = float(np.min(tile)), float(np.max(tile))
            self.map_img.setImage(tile, autoLevels=False, levels=(lo, hi if hi > lo else lo + 1))
            self.unit_rect.setRect(QRectF(c, r, 1, 1))
            self.map_title.setText(f"{layer} map {m}: activation f(u)")
            self.map_box.show()
            dtile = np.ascontiguousarray(delta[m], np.float32)
            lim = symmetric_limit(dtile)
            self.delta_img.setImage(dtile, autoLevels=False, levels=(-lim, lim))
            self.delta_rect.setRect(QRectF(c, r, 1, 1))
            self.delta_title.setText(f"its sensitivity \u03b4u (\u00b1{lim:.1e})")
            self.delta_box.show()
        else:
            self.map_title.setText("")
            self.delta_title.setText("")
            self.map_box.hide()
            self.delta_box.hide()
