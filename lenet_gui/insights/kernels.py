"""Convolution kernels and their gradients delta_w, laid out as the connection table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine import Network, NetworkConfig, Snapshot, c3_table

from ..run_texts import epoch_shown
from ._common import (
    GRAD_CMAP,
    WEIGHT_CMAP,
    InsightContext,
    InsightView,
    caption,
    colormap,
    fmt,
    heading,
    message,
    symmetric_limit,
)

MAX_MAPS = 32  # conv layers with more output maps (C5: 120) are not drawn
GAP = 2  # pixels between cells


@dataclass
class _Panel:
    """One conv layer's plot: a weight mosaic and a gradient mosaic sharing the area."""

    plot: pg.PlotItem
    weights: pg.ImageItem
    grads: pg.ImageItem
    wbar: pg.ColorBarItem
    gbar: pg.ColorBarItem
    mask: np.ndarray  # (out, in) True where a kernel exists
    k: int
    out: int
    every: int = 1  # output maps numbered this many apart


def kernel_ticks(out: int, px: int, k: int, every: int) -> list[list[tuple[float, str]]]:
    """The output-map axis: every `every`-th map numbered, the others a bare tick, so that
    16 narrow kernels do not read "0123456789101112131415"."""
    major = [(c * px + k / 2, str(c)) for c in range(0, out, every)]
    minor = [(c * px + k / 2, "") for c in range(out) if c % every]
    return [major, minor]


def label_every(kernel_px: float) -> int:
    """How many kernels apart the numbers go, for kernels `kernel_px` screen pixels apart:
    two-digit labels need about 20 px."""
    for every in (1, 2, 4, 5):
        if kernel_px * every >= 20:
            return every
    return 8


def _connection_mask(name: str, shape: tuple[int, ...],
                     config: NetworkConfig | None) -> np.ndarray:
    out, cin = shape[:2]
    if (name == "C3" and config is not None and config.c3_connections == "table"
            and (out, cin) == (16, 6)):
        return c3_table()
    return np.ones((out, cin), bool)


class KernelsView(InsightView):
    """Every small conv layer's kernels (weights above, delta_w below, in each cell)."""

    title = str(QT_TRANSLATE_NOOP("KernelsView", "Kernels"))

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.panels: dict[str, _Panel] = {}
        self._key: tuple[tuple[tuple[str, tuple[int, ...]], ...], NetworkConfig | None] | None
        self._key = None
        self._probe_grads: tuple[Snapshot, dict[str, np.ndarray]] | None = None
        self.heading = heading(self.title)
        self.source = caption(muted=True)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.empty = message(self.tr("This network has no convolution kernels to show."))
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(caption(self.tr(
            "Each cell is one 5\u00d75 kernel: its <b>weights</b> on top (blue negative, red "
            "positive) and, below, its current gradient <b>\u03b4w = \u2202J/\u2202w</b> "
            "(green negative, "
            "purple positive), each with its own scale bar. White is 0. Training moves each "
            "weight against its gradient."), muted=True))
        layout.addWidget(self.source)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.empty, 1)

    def _context_changed(self) -> None:
        self._key = None
        self._probe_grads = None

    # ---- layout ----

    def _layers(self, params: Mapping[str, np.ndarray]) -> list[tuple[str, tuple[int, ...]]]:
        out = []
        for name, w in params.items():
            layer, kind = name.split(".")
            if kind == "weight" and w.ndim == 4 and w.shape[0] <= MAX_MAPS:
                out.append((layer, tuple(w.shape)))
        return out

    def _rebuild(self, layers: list[tuple[str, tuple[int, ...]]]) -> None:
        self.graphics.clear()
        self.panels.clear()
        for row, (layer, shape) in enumerate(layers):
            self.panels[layer] = self._add_panel(row, layer, shape, layers)
        if len(layers) > 1:  # give C3 more room than C1's single row
            for row, (_, shape) in enumerate(layers):
                self.graphics.ci.layout.setRowStretchFactor(row, max(1, shape[1]))

    def _add_panel(self, row: int, layer: str, shape: tuple[int, ...],
                   layers: list[tuple[str, tuple[int, ...]]]) -> _Panel:
        """One conv layer's plot in `row`: the two mosaics and their scale bars."""
        out, cin, k, _ = shape
        mask = _connection_mask(layer, shape, self.ctx.network_config)
        plot = self.graphics.addPlot(row=row, col=0)
        plot.invertY(True)
        plot.setAspectLocked(True)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        weights = pg.ImageItem(axisOrder="row-major")
        grads = pg.ImageItem(axisOrder="row-major")
        plot.addItem(weights)
        plot.addItem(grads)
        px, py = k + GAP, 2 * k + 1 + GAP
        plot.getAxis("bottom").setTicks(kernel_ticks(out, px, k, 1))
        plot.vb.sigRangeChanged.connect(lambda *_: self._relabel())  # also on resizes
        left = plot.getAxis("left")
        if cin == 1:
            left.setTicks([[(k / 2, "w"), (k + 1 + k / 2, "\u03b4w")]])
        else:
            left.setTicks([[(r * py + k / 2, str(r)) for r in range(cin)]])
            prev = self._input_name(layer, layers)
            plot.setLabel("left", self.tr("reads {0} map").format(prev))
        plot.setLabel("bottom", self.tr("{0} map").format(layer))
        how = (self.tr("the 1998 connection table: blank = no connection")
               if not mask.all() else self.tr("every input map connected"))
        plot.setTitle(self.tr("<b>{0}</b>: {1} kernels ({2})").format(layer, int(mask.sum()), how))
        plot.setRange(xRange=(0, out * px - GAP), yRange=(0, cin * py - GAP), padding=0.02)
        wbar = pg.ColorBarItem(values=(-1, 1), colorMap=colormap(WEIGHT_CMAP),
                               interactive=False, label=self.tr("weight"), width=12)
        gbar = pg.ColorBarItem(values=(-1, 1), colorMap=colormap(GRAD_CMAP),
                               interactive=False, label="\u03b4w", width=12)
        wbar.setImageItem(weights)
        gbar.setImageItem(grads)
        self.graphics.addItem(wbar, row=row, col=1)
        self.graphics.addItem(gbar, row=row, col=2)
        return _Panel(plot, weights, grads, wbar, gbar, mask, k, out)

    def _input_name(self, layer: str, layers: list[tuple[str, tuple[int, ...]]]) -> str:
        names = [n for n, _ in layers]
        i = names.index(layer)
        if i > 0 and names[i - 1][1:].isdigit():
            return f"S{int(names[i - 1][1:]) + 1}"
        return self.tr("input")

    # ---- data ----

    def _gradients(self, snap: Snapshot) -> tuple[dict[str, np.ndarray], str]:
        if snap.batch_grads:
            return dict(snap.batch_grads), self.tr(
                "\u03b4w of the last training batch (step {0}, epoch {1}).").format(
                    snap.step, epoch_shown(snap.epoch, snap.epochs))
        if self._probe_grads is None or self._probe_grads[0] is not snap:
            grads: dict[str, np.ndarray] = {}
            config = self.ctx.network_config
            if config is not None:
                net = Network(config, dict(snap.params))
                x = np.asarray(snap.input, net.dtype)[None, None]
                with np.errstate(all="ignore"):
                    grads = net.backward(net.forward(x), np.array([snap.target])).params
            self._probe_grads = (snap, grads)
        return self._probe_grads[1], self.tr(
            "No training batch yet: \u03b4w shown is for the probe image alone.")

    def _render(self, snap: Snapshot) -> None:
        layers = self._layers(snap.params)
        key = (tuple(layers), self.ctx.network_config)
        if key != self._key:
            self._key = key
            self._rebuild(layers)
        self.graphics.setVisible(bool(layers))
        self.empty.setVisible(not layers)
        grads, source = self._gradients(snap)
        self.source.setText(source)
        self._relabel()
        for layer, panel in self.panels.items():
            w = np.asarray(snap.params[f"{layer}.weight"], np.float32)
            g = grads.get(f"{layer}.weight")
            g = np.zeros_like(w) if g is None else np.asarray(g, np.float32)
            wm, gm = self._mosaics(w, g, panel.mask, panel.k)
            on = panel.mask[:, :, None, None]
            wl = symmetric_limit(np.where(on, w, 0))
            gl = symmetric_limit(np.where(on, g, 0))
            panel.weights.setImage(wm, autoLevels=False, levels=(-wl, wl))
            panel.grads.setImage(gm, autoLevels=False, levels=(-gl, gl))
            panel.wbar.setLevels((-wl, wl))
            panel.gbar.setLevels((-gl, gl))
            panel.wbar.getAxis("left").setLabel(self.tr("weight  \u00b1{0}").format(fmt(wl)))
            panel.gbar.getAxis("left").setLabel(self.tr("\u03b4w  \u00b1{0}").format(fmt(gl)))

    def _relabel(self) -> None:
        """Number each layer's output maps as densely as its kernels' size on the screen
        allows (the plots keep the aspect ratio: not the plot's width over the maps)."""
        for p in self.panels.values():
            kernel_px = (p.k + GAP) / max(p.plot.vb.viewPixelSize()[0], 1e-9)
            every = label_every(kernel_px)
            if every != p.every:
                p.every = every
                p.plot.getAxis("bottom").setTicks(kernel_ticks(p.out, p.k + GAP, p.k, every))

    @staticmethod
    def _mosaics(w: np.ndarray, g: np.ndarray, mask: np.ndarray,
                 k: int) -> tuple[np.ndarray, np.ndarray]:
        """(out, in, k, k) weights and gradients -> two (in*py, out*px) mosaics, NaN elsewhere.

        Cell (row = input map, col = output map): weight kernel in rows 0..k-1, gradient
        in rows k+1..2k, so the two images interleave without overlapping.
        """
        out, cin = mask.shape
        px, py = k + GAP, 2 * k + 1 + GAP
        on = mask.T[:, None, :, None]  # (in, 1, out, 1)
        wm = np.full((cin, py, out, px), np.nan, np.float32)
        gm = np.full((cin, py, out, px), np.nan, np.float32)
        wm[:, :k, :, :k] = np.where(on, w.transpose(1, 2, 0, 3), np.nan)
        gm[:, k + 1 : 2 * k + 1, :, :k] = np.where(on, g.transpose(1, 2, 0, 3), np.nan)
        shape = (cin * py, out * px)
        return wm.reshape(shape)[:-GAP, :-GAP].copy(), gm.reshape(shape)[:-GAP, :-GAP].copy()

    def tile(self, layer: str, out_map: int, in_map: int, kind: str = "weight") -> np.ndarray:
        """The k x k block displayed for one kernel (all NaN where there is no connection)."""
        panel = self.panels[layer]
        k = panel.k
        img = (panel.weights if kind == "weight" else panel.grads).image
        y = in_map * (2 * k + 1 + GAP) + (0 if kind == "weight" else k + 1)
        x = out_map * (k + GAP)
        return np.array(img[y : y + k, x : x + k])
