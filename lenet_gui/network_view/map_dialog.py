"""One map enlarged in its own window (`MapDialog`), opened by a click in the network view."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QDialog, QGraphicsRectItem, QLabel, QVBoxLayout, QWidget

from engine import LayerSpec, Snapshot

from .cells import marker
from .mosaic import MosaicLayout, layer_levels, vector_layout
from .style import ACT_CMAP, BACKGROUND, DELTA_CMAP, INPUT_LEVELS, colormap, fmt, sci


class MapDialog(QDialog):
    """One map enlarged: its activation and its delta_u side by side, with colorbars, the
    selected unit marked and its values written beneath. For a vector layer, the whole
    layer. Follows the live snapshot while open."""

    def __init__(self, parent: QWidget, layer: str, index: int,
                 spec: LayerSpec | None) -> None:
        super().__init__(parent)
        self.layer, self.index, self.spec = layer, index, spec
        is_map = layer == "input" or (spec is not None and spec.is_map)
        self.is_map = is_map
        self.unit: tuple[int, int] | None = None
        self.receptive_field: tuple[int, int, int, int] | None = None
        if layer == "input":
            what = self.tr("input image")
        elif is_map:
            what = self.tr("{layer} map {index}").format(layer=layer, index=index)
        else:
            what = self.tr("{layer} (all units)").format(layer=layer)
        self.setWindowTitle(self.tr("{what} — lenet-gui").format(what=what))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(BACKGROUND)
        self.info = QLabel(" ")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        lay = QVBoxLayout(self)
        lay.addWidget(self.graphics, 1)
        lay.addWidget(self.info)
        self.items: dict[str, tuple[pg.PlotItem, pg.ImageItem, pg.ColorBarItem]] = {}
        self.markers: dict[str, QGraphicsRectItem] = {}
        rows = ("act", "delta")
        titles = {"act": self.tr("activation f(u)"), "delta": self.tr("sensitivity δu = ∂J/∂u")}
        if layer == "input":
            titles = {"act": self.tr("input image x"), "delta": self.tr("its sensitivity ∂J/∂x")}
        self._layout: MosaicLayout | None = None
        for col, row in enumerate(rows):
            plot = self.graphics.addPlot(row=0, col=2 * col, title=titles[row])
            plot.setMouseEnabled(False, False)
            plot.setMenuEnabled(False)  # no zoom to undo; pyqtgraph's menu is English
            plot.hideButtons()
            plot.invertY(True)
            plot.setAspectLocked(True)
            img = pg.ImageItem(axisOrder="row-major")
            name = DELTA_CMAP if row == "delta" else ("gray" if layer == "input" else ACT_CMAP)
            cmap = colormap(name)
            img.setColorMap(cmap)
            plot.addItem(img)
            box = marker()
            plot.addItem(box, ignoreBounds=True)
            self.markers[row] = box
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

    def _array(self, snap: Snapshot, row: str) -> np.ndarray | None:
        if self.layer == "input":
            a = snap.input if row == "act" else snap.input_delta
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
        assert L is not None
        step = max(1, math.ceil(L.rows / 15))  # at most about 15 row names
        left = [(r + 0.5, str(r * L.cols)) for r in range(0, L.rows, step)]
        bottom = [(c + 0.5, f"+{c}" if L.rows > 1 else str(c)) for c in range(L.cols)]
        for plot, _img, _bar in self.items.values():
            plot.getAxis("left").setTicks([left] if L.rows > 1 else [[]])
            plot.getAxis("bottom").setTicks([bottom])
            plot.setLabel("left", self.tr("units") if L.rows > 1 else "")
            plot.setLabel("bottom", self.tr("+ column") if L.rows > 1 else self.tr("unit"))
            if L.rows == 1:
                plot.getAxis("left").setStyle(showValues=False)

    def _value(self, source: Mapping[str, np.ndarray], r: int, c: int) -> float | None:
        a = source.get(self.layer)
        if a is None:
            return None
        return float(a[self.index, r, c]) if a.ndim == 3 else float(a[self.index])

    def update_snapshot(self, snap: Snapshot) -> None:
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

    def _unit_text(self, snap: Snapshot) -> str:
        follow = self.tr("step {step} · this window follows training.").format(step=snap.step)
        if self.unit is None:
            return follow
        r, c = self.unit
        if self.layer == "input":
            x = float(snap.input[r, c])
            d = snap.input_delta
            extra = "" if d is None else f", ∂J/∂x = {sci(float(d[r, c]))}"
            where = self.tr("pixel (row {r}, col {c})").format(r=r, c=c)
            return f"<b>{where}</b>: x = {fmt(x)}{extra}<br>{follow}"
        f_ = self._value(snap.activations, r, c)
        u = self._value(snap.pre_activations, r, c)
        delta = self._value(snap.delta_u, r, c)
        where = (self.tr("map {index}, row {r}, col {c}").format(index=self.index, r=r, c=c)
                 if self.is_map else self.tr("unit {index}").format(index=self.index))
        box = self.tr("(orange box):")  # outside the f-string, where lupdate sees it
        parts = [f"<b>{self.layer} {where}</b> {box}"]
        if u is not None:
            parts.append(f"u = {fmt(u)}")
        if f_ is not None:
            parts.append(f"f(u) = {fmt(f_)}")
        if delta is not None:
            parts.append(f"δu = ∂J/∂u = {sci(delta)}")
        text = " &nbsp; ".join(parts)
        rf = self.receptive_field
        if rf is not None:
            top, left, bottom, right = rf
            text += "<br>" + self.tr(
                "It sees input rows {top}–{bottom}, columns {left}–{right} ({h}×{w} pixels, "
                "outlined on the input in the main window).").format(
                    top=top, bottom=bottom, left=left, right=right, h=bottom - top + 1,
                    w=right - left + 1)
        return f"{text}<br>{follow}"
