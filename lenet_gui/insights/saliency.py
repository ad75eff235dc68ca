"""Saliency: |∂J/∂x| for the predicted class, beside and over the probe image."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ._common import HEAT_CMAP, InsightView, caption, colormap, heading, message, to_rgb

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


class SaliencyView(InsightView):
    """Input, saliency heatmap and overlay, side by side."""

    title = "Saliency"

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._last: Any = None
        self.heading = heading("Saliency")
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.images: dict[str, pg.ImageItem] = {}
        for col, (key, title) in enumerate(
            [("input", "probe image x"), ("saliency", "|\u2202J/\u2202x|"), ("overlay", "overlay")]
        ):
            vb = self.graphics.addViewBox(row=1, col=col)
            vb.setAspectLocked(True)
            vb.invertY(True)
            vb.setMouseEnabled(False, False)
            vb.setMenuEnabled(False)
            img = pg.ImageItem(axisOrder="row-major")
            vb.addItem(img)
            self.images[key] = img
            self.graphics.addLabel(title, row=0, col=col, size="11pt")
        self.images["input"].setColorMap(colormap("CET-L1"))  # greyscale
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=colormap(HEAT_CMAP),
                                   interactive=False, width=12, label="|\u2202J/\u2202x|")
        self.bar.setImageItem(self.images["saliency"])
        self.graphics.addItem(self.bar, row=1, col=3)  # at the right: heatmap and overlay share it
        self.explain = caption()
        self.explain.setStyleSheet("font-size: 14px;")
        self.empty = message("No probe image yet.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(caption(
            "Saliency is the gradient of the loss with respect to each input pixel, computed "
            "by backpropagating one step further than the weights: bright pixels are the ones "
            "where a small change of ink would change the network's answer most. Draw on the "
            "pad or pick another probe to compare.", muted=True))
        layout.addWidget(self.empty)
        self.graphics.hide()

    def saliency_array(self) -> np.ndarray:
        """The |∂J/∂x| displayed."""
        return np.array(self.images["saliency"].image)

    def _render(self, snap: Any) -> None:
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
        s = np.abs(np.asarray(snap.saliency, np.float32))
        smax = float(s.max()) if s.size and np.isfinite(s.max()) and s.max() > 0 else 1e-12
        self.images["input"].setImage(x, autoLevels=False, levels=INPUT_LEVELS)
        self.images["saliency"].setImage(s, autoLevels=False, levels=(0, smax))
        self.bar.setLevels((0, smax))
        self.images["overlay"].setImage(overlay(x, s, smax), autoLevels=False)
        ds = getattr(self.ctx, "dataset", None)
        names = tuple(ds.class_names) if ds is not None else tuple(map(str, range(10)))
        k = snap.prediction
        conf = 100 * float(snap.probabilities[k])
        self.explain.setText(
            f"Which pixels most change the loss for the predicted class "
            f"<b>'{names[k]}'</b> ({conf:.1f}% sure)?")
        truth = "" if snap.label is None else f", true label '{names[snap.label]}'"
        self.heading.setText(f"Saliency \u2014 step {snap.step}{truth}")
