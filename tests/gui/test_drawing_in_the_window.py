"""The pad's edge cases through the whole window: the network view and the saliency view
follow the drawing, and odd drawings never break them."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_pad import SEVEN, _pos, draw

from engine import normalize_digit, preprocess
from lenet_gui.drawing_pad import CANVAS


def _follow_drawing(qtbot, window):
    window.tabs.setCurrentWidget(window.network_view)
    window.probe_bar.drawing.setChecked(True)
    qtbot.waitUntil(lambda: window.network_view.snapshot is not None, timeout=5000)


def _shows_the_drawing(window) -> None:
    """The view's input is the engine's preprocessing of the pad's canvas."""
    expected = preprocess(normalize_digit(window.pad.pad.image()),
                          size=window.net.config.input_size)[0, 0]
    np.testing.assert_array_equal(window.network_view.snapshot.input, expected)
    assert np.isfinite(window.network_view.snapshot.probabilities).all()


def _single_dot(pad):
    QTest.mouseClick(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _pos(pad, 0.5, 0.5))


def _edges(pad):
    draw(pad, [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])


def _filled(pad):
    pad.set_pen_width(CANVAS / 2)
    draw(pad, [(u, v) for v in (0.0, 0.25, 0.5, 0.75, 1.0) for u in (0.0, 1.0)])


@pytest.mark.parametrize("drawing", [_single_dot, _edges, _filled], ids=lambda f: f.__name__)
def test_odd_drawings_become_the_probe(qtbot, window, drawing):
    _follow_drawing(qtbot, window)
    drawing(window.pad.pad)
    qtbot.waitUntil(lambda: window.drawing is not None, timeout=2000)
    window.render_now()
    _shows_the_drawing(window)
    saliency = window.show_view("Saliency")
    assert saliency.render_count > 0
    np.testing.assert_array_equal(saliency.snapshot.input, window.network_view.snapshot.input)
    window.grab()  # paints without error


def test_an_empty_pad_says_draw_a_digit_and_keeps_the_test_image(qtbot, window):
    _follow_drawing(qtbot, window)
    assert window.pad.pad.is_empty()
    assert "draw a digit" in window.pad.prediction_text().lower()
    draw(window.pad.pad, SEVEN)
    qtbot.waitUntil(lambda: window.drawing is not None, timeout=2000)
    window.render_now()
    _shows_the_drawing(window)
    window.pad.clear_button.click()
    assert window.drawing is None
    window.render_now()
    snap = window.network_view.snapshot
    # nothing drawn: the view keeps showing the test image rather than a blank guess
    i = window.probe_index % len(window.dataset.test_labels)
    np.testing.assert_array_equal(
        snap.input, preprocess(window.dataset.test_images[i], window.net.config.input_size)[0, 0])
