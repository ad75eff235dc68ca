"""The test images the network gets wrong, most confident mistake first."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from ._common import Gallery, InsightView, caption, heading, message

EMPTY_TEXT = "Train for an epoch (or press Refresh on the confusion matrix) to see the mistakes."


class MistakesView(InsightView):
    """A gallery of misclassified test images with true label, answer and confidence."""

    title = "Mistakes"

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._evaluation: Any = None
        self.heading = heading("Mistakes")
        self.gallery = Gallery(lines=2)
        self.gallery.imageClicked.connect(self._probe)
        self.stack = QStackedWidget()
        self.stack.addWidget(message(EMPTY_TEXT))
        self.stack.addWidget(self.gallery)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(caption(
            "Under each image: <b>true label \u2192 the network's answer</b> and how sure it was. "
            "The most confident mistakes come first: often a badly written digit, sometimes "
            "a wrong label. Click an image to make it the probe.", muted=True))
        layout.addWidget(self.stack, 1)
        self._context_changed()

    def _context_changed(self) -> None:
        self._evaluation = None
        ds = getattr(self.ctx, "dataset", None)
        self.gallery.set_images(None if ds is None else ds.test_images)
        self.stack.setCurrentIndex(0)

    @property
    def indices(self) -> np.ndarray:
        """Dataset indices shown, in order."""
        return self.gallery.indices

    def _render(self, snap: Any) -> None:
        ev = snap.evaluation
        if ev is self._evaluation:
            return
        self._evaluation = ev
        if ev is None:
            self.stack.setCurrentIndex(0)
            self.heading.setText("Mistakes")
            return
        ds = getattr(self.ctx, "dataset", None)
        names = tuple(ds.class_names) if ds is not None else tuple(map(str, range(10)))
        wrong = ev.mistakes()
        pred, probs, labels = ev.predictions, ev.probabilities, ev.labels

        def cap(i: int) -> str:
            return f"{names[labels[i]]} \u2192 {names[pred[i]]}\n{100 * probs[i, pred[i]]:.0f}%"

        def tip(i: int) -> str:
            return (f"test image #{i}: labelled {names[labels[i]]}, the network says "
                    f"{names[pred[i]]} ({100 * probs[i, pred[i]]:.1f}%; "
                    f"{100 * probs[i, labels[i]]:.1f}% for the true class) \u2014 click to probe")

        self.gallery.set_items(wrong, cap, tip)
        self.stack.setCurrentIndex(1)
        self.heading.setText(
            f"Mistakes \u2014 {wrong.size} of {labels.size} test images wrong "
            f"({100 * (1 - ev.accuracy):.2f}% error, after epoch {ev.epoch}, step {ev.step})")

    def _probe(self, index: int) -> None:
        cb = getattr(self.ctx, "set_probe_index", None)
        if cb is not None:
            cb(index)
