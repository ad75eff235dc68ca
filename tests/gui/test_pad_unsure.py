"""The pad says when not to trust its guess (a tiny digit, a scribble, ...) and why; the pen
width is a control and is remembered."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_pad import ONE, PRETRAINED, SEVEN, ZERO, draw

from engine import load_network
from lenet_gui.drawing_pad import CANVAS
from lenet_gui.pad_check import drawing_problem, sharp_turns
from lenet_gui.pad_panel import PadPanel


def three(cx: float, cy: float, size: float) -> list[tuple[float, float]]:
    """A 3 of height `size` centred at (cx, cy), in canvas fractions: two right bows."""
    top = [(cx + 0.5 * size * math.sin(t * math.pi / 10),
            cy - 0.25 * size - 0.25 * size * math.cos(t * math.pi / 10)) for t in range(11)]
    bottom = [(x, y + 0.5 * size) for x, y in top]
    return top + bottom


def scribble() -> list[tuple[float, float]]:
    """Back and forth at random: the old pad read such a thing as a confident 7."""
    rng = np.random.default_rng(0)
    for _ in range(7):
        rng.random((25, 2))
    return [(0.3 + 0.4 * u, 0.3 + 0.4 * v) for u, v in rng.random((25, 2))]


@pytest.fixture
def panel(qtbot) -> PadPanel:
    if not PRETRAINED.exists():
        pytest.skip("no bundled pretrained weights")
    w = PadPanel()
    qtbot.addWidget(w)
    w.set_pretrained(load_network(PRETRAINED))
    w.resize(340, 720)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_tiny_digit_in_a_corner_is_unsure_and_says_draw_larger(panel):
    draw(panel.pad, three(0.12, 0.12, 0.13))
    assert panel.current_prediction() is not None  # a guess is still shown, greyed
    reason = panel.unsure_reason()
    assert reason is not None and reason.startswith("Unsure:")
    assert "small" in reason and "larger" in reason
    assert panel.confidence_label.text().endswith("\n" + reason)
    assert "#8a8f98" in panel.big_label.styleSheet()  # not the confident accent colour


def test_a_scribble_is_unsure_even_when_the_network_is_confident(panel):
    draw(panel.pad, scribble())
    assert panel.current_prediction()[1].max() > 0.9  # the network alone would trust it
    reason = panel.unsure_reason()
    assert reason is not None and "scribble" in reason


def test_too_many_strokes_are_unsure(panel):
    for i in range(7):
        draw(panel.pad, [(0.2 + 0.1 * i, 0.3), (0.2 + 0.1 * i, 0.7)])
    assert "strokes" in (panel.unsure_reason() or "")


@pytest.mark.parametrize(("shape", "digit"), [(ONE, 1), (SEVEN, 7), (ZERO, 0),
                                              (three(0.5, 0.5, 0.6), 3)])
def test_a_normal_centred_digit_is_sure(panel, shape, digit):
    draw(panel.pad, shape)
    assert panel.current_prediction()[0] == digit
    assert panel.unsure_reason() is None
    assert panel.confidence_label.text().endswith("\nconfident")
    panel.clear_button.click()
    assert panel.unsure_reason() is None


def test_a_low_top_probability_names_the_two_candidates():
    image = np.zeros((CANVAS, CANVAS), np.float32)
    image[60:220, 130:152] = 1.0  # a clean, centred 1
    stroke = [np.array([[141.0, 60.0], [141.0, 220.0]])]
    probs = np.full(10, 0.02, np.float32)
    probs[4], probs[9] = 0.45, 0.39
    reason = drawing_problem(image, stroke, 22.0, probs)
    assert reason is not None and "4" in reason and "9" in reason
    probs[4], probs[9] = 0.80, 0.04
    assert drawing_problem(image, stroke, 22.0, probs) is None


def test_sharp_turns_count_corners_not_jitter():
    wobbly_line = np.array([[20.0 + 2 * i, 140.0 + (i % 2)] for i in range(100)])
    assert sharp_turns([wobbly_line], CANVAS) == 0
    seven = np.array([[60.0, 60.0], [220.0, 60.0], [120.0, 240.0]])
    assert sharp_turns([seven], CANVAS) == 1
    zigzag = np.array([[60.0 + 160 * (i % 2), 60.0 + 10 * i] for i in range(12)])
    assert sharp_turns([zigzag], CANVAS) == 10


def test_pen_width_changes_the_stroke_width(panel, qtbot):
    widths = {}
    for px in (10, 40):
        with qtbot.waitSignal(panel.penWidthChanged, timeout=100) as blocker:
            panel.pen_slider.setValue(px)
        assert blocker.args == [float(px)] and panel.pad.pen_width() == px
        assert panel.pen_value.text() == f"{px} px"
        panel.pad.clear()
        draw(panel.pad, ONE)
        row = panel.pad.image()[CANVAS // 2]
        widths[px] = int(np.count_nonzero(row > 0.5))
    assert widths[10] == pytest.approx(10, abs=2) and widths[40] == pytest.approx(40, abs=2)


def test_pen_width_is_remembered(make_window):
    first = make_window()
    first.pad.set_pen_width(35)
    first.close()
    second = make_window()
    assert second.pad.pen_width() == 35 and second.pad.pen_slider.value() == 35
