"""The test images the network gets wrong, most confident mistake first."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from engine import Evaluation, Snapshot

from ..run_texts import evaluated_when
from ._common import (
    Gallery,
    InsightContext,
    InsightView,
    caption,
    class_names,
    heading,
    message,
)

EMPTY_TEXT = str(QT_TRANSLATE_NOOP(
    "MistakesView",
    "Train for an epoch (or press Refresh on the confusion matrix) to see the mistakes."))


class MistakesView(InsightView):
    """A gallery of misclassified test images with true label, answer and confidence."""

    title = str(QT_TRANSLATE_NOOP("MistakesView", "Mistakes"))

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._evaluation: Evaluation | None = None
        self.heading = heading(self.title)
        self.gallery = Gallery(lines=2)
        self.gallery.imageClicked.connect(self._probe)
        self.stack = QStackedWidget()
        self.stack.addWidget(message(self.tr(EMPTY_TEXT)))
        self.stack.addWidget(self.gallery)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(caption(self.tr(
            "Under each image: <b>true label \u2192 the network's answer</b> and how sure it "
            "was. The most confident mistakes come first: often a badly written digit, "
            "sometimes a wrong label. Click an image to make it the probe."), muted=True))
        layout.addWidget(self.stack, 1)
        self._context_changed()

    def _context_changed(self) -> None:
        self._evaluation = None
        ds = self.ctx.dataset
        self.gallery.set_images(None if ds is None else ds.test_images)
        self.stack.setCurrentIndex(0)

    @property
    def indices(self) -> np.ndarray:
        """Dataset indices shown, in order."""
        return self.gallery.indices

    def _render(self, snap: Snapshot) -> None:
        ev = snap.evaluation
        if ev is self._evaluation:
            return
        self._evaluation = ev
        if ev is None:
            self.stack.setCurrentIndex(0)
            self.heading.setText(self.title)
            return
        names = class_names(self.ctx)
        wrong = ev.mistakes()
        pred, probs, labels = ev.predictions, ev.probabilities, ev.labels

        def cap(i: int) -> str:
            return f"{names[labels[i]]} \u2192 {names[pred[i]]}\n{100 * probs[i, pred[i]]:.0f}%"

        tip_text = self.tr("test image #{0}: labelled {1}, the network says {2} ({3:.1f}%; "
                           "{4:.1f}% for the true class) \u2014 click to probe")

        def tip(i: int) -> str:
            return tip_text.format(i, names[labels[i]], names[pred[i]],
                                   100 * probs[i, pred[i]], 100 * probs[i, labels[i]])

        self.gallery.set_items(wrong, cap, tip)
        self.stack.setCurrentIndex(1)
        self.heading.setText(self.tr(
            "Mistakes \u2014 {0} of {1} test images wrong ({2:.2f}% error, {3})").format(
                wrong.size, labels.size, 100 * (1 - ev.accuracy), evaluated_when(ev)))

    def _probe(self, index: int) -> None:
        self.ctx.set_probe_index(index)
