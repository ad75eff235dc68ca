"""Saliency: |∂J/∂x| for the predicted class, beside and over the probe image."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine import Snapshot

from ._common import (
    HEAT_CMAP,
    InsightContext,
    InsightView,
    caption,
    class_names,
    colormap,
    heading,
    message,
    to_rgb,
)

INPUT_LEVELS = (-0.1, 1.175)  # preprocess(): background -0.1, full ink 1.175


def overlay(x: np.ndarray, s: np.ndarray, smax: float) -> np.ndarray:
    """Alpha-blend the saliency heat colours over the dimmed grey input: (H, W, 3) uint8."""
    lo, hi = INPUT_LEVELS
    grey = np.clip((x - lo) / (hi - lo), 0, 1) * 0.55
    t = np.clip(s / smax, 0, 1) if smax > 0 else np.zeros_like(s)
    heat = to_rgb(t, HEAT_CMAP, 0.0, 1.0).astype(np.float32) / 255.0
    alpha = np.sqrt(t)[..., None]  # let moderate saliency show too
    rgb = grey[..., None] * (1 - alpha) + heat * alpha
    return (rgb * 255).astype(np.uint8)


PANELS = (  # translated where shown
    ("input", str(QT_TRANSLATE_NOOP("SaliencyView", "probe image x"))),
    ("saliency", "|\u2202J/\u2202x|"),
    ("overlay", str(QT_TRANSLATE_NOOP("SaliencyView", "overlay"))),
)
GAP = 0.12  # between two pictures, in picture widths
TITLE_ROOM = 0.14  # above the pictures, in picture heights


class SaliencyView(InsightView):
    """Input, saliency heatmap and overlay, side by side."""

    title = str(QT_TRANSLATE_NOOP("SaliencyView", "Saliency"))

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._last: np.ndarray | None = None
        self.heading = heading(self.title)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.images: dict[str, pg.ImageItem] = {}
        self.titles: dict[str, pg.TextItem] = {}
        # one view for the three pictures, side by side: equal sizes and one baseline
        # whatever the window's width (three views would each be sized by the layout)
        self.view = self.graphics.addViewBox(row=0, col=0)
        self.view.setAspectLocked(True)
        self.view.invertY(True)
        self.view.setMouseEnabled(False, False)
        self.view.setMenuEnabled(False)
        for key, title in PANELS:
            img = pg.ImageItem(axisOrder="row-major")
            self.view.addItem(img)
            self.images[key] = img
            text = pg.TextItem(self.tr(title), color="#333", anchor=(0.5, 1.0))
            text.setFont(QFont(text.textItem.font().family(), 11))
            self.view.addItem(text)
            self.titles[key] = text
        self._place(32)
        self.images["input"].setColorMap(colormap("CET-L1"))  # greyscale
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=colormap(HEAT_CMAP),
                                   interactive=False, width=12, label="|\u2202J/\u2202x|")
        self.bar.setImageItem(self.images["saliency"])
        self.graphics.addItem(self.bar, row=0, col=1)  # at the right: heatmap and overlay share it
        self.explain = caption()
        self.explain.setStyleSheet("font-size: 14px;")
        self.empty = message(self.tr("No probe image yet."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(caption(self.tr(
            "Saliency is the gradient of the loss with respect to each input pixel, computed "
            "by backpropagating one step further than the weights: bright pixels are the ones "
            "where a small change of ink would change the network's answer most. Draw on the "
            "pad or pick another probe to compare."), muted=True))
        layout.addWidget(self.empty)
        self.graphics.hide()

    def _place(self, size: int) -> None:
        """Put the three size x size pictures side by side, each with its title above."""
        step = size * (1 + GAP)
        for k, (key, _title) in enumerate(PANELS):
            self.images[key].setPos(k * step, 0)  # one unit per pixel
            self.titles[key].setPos(k * step + size / 2, -0.02 * size)
        self.view.setRange(xRange=(0, 2 * step + size), yRange=(-TITLE_ROOM * size, size),
                           padding=0.02)
        self._size = size

    def panel_rects(self) -> dict[str, QRectF]:
        """Where each picture is drawn, in the view's scene coordinates (for tests)."""
        return {key: img.sceneBoundingRect() for key, img in self.images.items()}

    def saliency_array(self) -> np.ndarray:
        """The |∂J/∂x| displayed."""
        return np.array(self.images["saliency"].image)

    def _render(self, snap: Snapshot) -> None:
        if snap.saliency is None:
            self.graphics.hide()
            self.empty.show()
            return
        if snap.saliency is self._last:
            return
        self._last = snap.saliency
        self.empty.hide()
        self.graphics.show()
        x = np.ascontiguousarray(snap.input, np.float32)
        if x.shape[-1] != self._size:
            self._place(x.shape[-1])
        s = np.abs(np.asarray(snap.saliency, np.float32))
        smax = float(s.max()) if s.size and np.isfinite(s.max()) and s.max() > 0 else 1e-12
        self.images["input"].setImage(x, autoLevels=False, levels=INPUT_LEVELS)
        self.images["saliency"].setImage(s, autoLevels=False, levels=(0, smax))
        self.bar.setLevels((0, smax))
        self.images["overlay"].setImage(overlay(x, s, smax), autoLevels=False)
        names = class_names(self.ctx)
        k = snap.prediction
        conf = 100 * float(snap.probabilities[k])
        self.explain.setText(self.tr(
            "Which pixels most change the loss for the predicted class <b>'{0}'</b> "
            "({1:.1f}% sure)?").format(names[k], conf))
        if snap.label is None:
            self.heading.setText(self.tr("Saliency \u2014 step {0}").format(snap.step))
        else:
            self.heading.setText(self.tr("Saliency \u2014 step {0}, true label '{1}'")
                                 .format(snap.step, names[snap.label]))
