"""The probe: the image the network view shows, a test image (by index, or at random) or
the drawing on the pad; and the way from a gallery image to the network view and back."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from engine import preprocess

from .. import engine_texts

if TYPE_CHECKING:
    from .main_window import MainWindow


class ProbeController(QObject):
    """Chooses the probe image and tells the worker (or renders at once) when it changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.index = 0
        self.drawing: np.ndarray | None = None  # the pad's preprocessed drawing
        self.use_drawing = False
        self._return_tab: QWidget | None = None  # the gallery a probe was picked from

    def probe(self) -> tuple[np.ndarray, int | None]:
        """The preprocessed probe image (1, 1, S, S) and its label (None for a drawing)."""
        assert self.w.net is not None
        size = self.w.net.config.input_size
        if self.use_drawing and self.drawing is not None and \
                self.drawing.shape[-1] == size:
            return self.drawing, None
        dataset = self.w.dataset
        if dataset is None or len(dataset.test_labels) == 0:
            return preprocess(np.zeros((28, 28), np.uint8), size), None
        i = self.index % len(dataset.test_labels)
        x = preprocess(dataset.test_images[i], size)
        return x, int(dataset.test_labels[i])

    def move_probe(self, delta: int) -> None:
        if self.w.dataset is None:
            return
        self.index = (self.index + delta) % len(self.w.dataset.test_labels)
        self.probe_changed()

    def random_probe(self) -> None:
        if self.w.dataset is None:
            return
        self.index = random.randrange(len(self.w.dataset.test_labels))
        self.probe_changed()

    def set_probe_index(self, index: int) -> None:
        self.index = index
        self.probe_changed()

    def clamp_to(self, n_test: int) -> None:
        """Keep the index inside a test set of `n_test` images."""
        self.index = min(self.index, max(0, n_test - 1))

    def probe_changed(self) -> None:
        self.show_probe_info()
        worker = self.w.training.worker
        if worker is not None and worker.is_alive():
            worker.set_probe(*self.probe())
        else:
            self.w.render_now()

    def show_probe_info(self) -> None:
        bar = self.w.probe_bar
        if self.use_drawing:
            bar.show_drawing(self.drawing is None)
            return
        dataset = self.w.dataset
        if dataset is None:
            return
        i = self.index % len(dataset.test_labels)
        label = int(dataset.test_labels[i])
        names = engine_texts.texts(dataset.class_names)
        bar.show_test_image(i, len(dataset.test_labels), label,
                            names[label] if label < len(names) else str(label))

    # ------------------------------------------------------------------ the drawing pad

    def _pad_drawing(self) -> None:
        pad = self.w.pad
        if self.drawing is None and pad is not None and hasattr(pad, "preprocessed"):
            arr = pad.preprocessed()
            self.drawing = None if arr is None else np.ascontiguousarray(arr, np.float32)

    @Slot(bool)
    def on_drawing_toggled(self, on: bool) -> None:
        self.use_drawing = on
        self._pad_drawing()
        pad = self.w.pad
        if pad is not None and hasattr(pad, "set_follow_enabled") and \
                pad.follow_enabled() != on:
            pad.blockSignals(True)
            try:
                pad.set_follow_enabled(on)
            finally:
                pad.blockSignals(False)
        self.probe_changed()

    @Slot(bool)
    def on_pad_follow(self, on: bool) -> None:
        button = self.w.probe_bar.drawing
        button.blockSignals(True)
        button.setChecked(on)
        button.blockSignals(False)
        self.use_drawing = on
        self._pad_drawing()
        self.probe_changed()

    @Slot(object)
    def on_pad_probe(self, array: np.ndarray | None) -> None:
        self.drawing = None if array is None else np.ascontiguousarray(array, np.float32)
        if self.use_drawing:
            self.probe_changed()

    # ------------------------------------------------------------------ from a gallery

    def probe_from_view(self, index: int) -> None:
        """A gallery image was clicked: make it the probe and show it in the network view,
        with a button back to the gallery."""
        tabs = self.w.tabs
        source = tabs.currentWidget()
        self.set_probe_index(index)
        if source is not self.w.network_view and source is not None:
            self._return_tab = source
            tabs.setCurrentWidget(self.w.network_view)
            self.w.probe_bar.show_back(tabs.tabText(tabs.indexOf(source)))

    def back_to_view(self) -> None:
        tab, self._return_tab = self._return_tab, None
        self.w.probe_bar.show_back(None)
        if tab is not None and self.w.tabs.indexOf(tab) >= 0:
            self.w.tabs.setCurrentWidget(tab)

    def on_tab_changed(self) -> None:
        """Leaving for another tab than the gallery forgets the way back."""
        current = self.w.tabs.currentWidget()
        if current is not self.w.network_view and current is not self._return_tab:
            self._return_tab = None
            self.w.probe_bar.show_back(None)
