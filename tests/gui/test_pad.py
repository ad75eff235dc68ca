"""The drawing pad and its panel: simulated strokes, the engine pipeline, edge cases, and a
drawing classified in the mouse event itself (its speed: benchmarks/bench_pad.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import math
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from engine import (
    Network,
    get_config,
    init_params,
    load_network,
    normalize_digit,
    preprocess,
)
from lenet_gui.drawing_pad import CANVAS, DrawingPad
from lenet_gui.pad_panel import EMPTY_TEXT, PadPanel
from lenet_gui.render_scheduler import PAD_THROTTLE_S

# the offscreen platform says this whenever a top-level widget with a layout is shown
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

PRETRAINED = Path(__file__).resolve().parents[2] / "resources" / "lenet5_mnist.npz"
GUARD_MS = 10_000  # waits for a timer or a focus change: a guard against a hang, not a speed

# digit shapes in canvas fractions (0..1)
ONE = [(0.52, 0.18 + 0.032 * i) for i in range(21)]
SEVEN = [(0.28 + 0.044 * i, 0.22) for i in range(11)] + [
    (0.72 - 0.026 * i, 0.22 + 0.055 * i) for i in range(1, 12)
]
ZERO = [
    (0.5 + 0.2 * math.sin(t * math.pi / 20), 0.5 - 0.3 * math.cos(t * math.pi / 20))
    for t in range(41)
]


def _pos(pad: DrawingPad, u: float, v: float) -> QPoint:
    r = pad.canvas_rect()
    return QPoint(round(r.x() + u * r.width()), round(r.y() + v * r.height()))


def draw(pad: DrawingPad, pts: list[tuple[float, float]], *, release: bool = True) -> None:
    """Press at the first point, move through the rest, release at the last."""
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _pos(pad, *pts[0]))
    for u, v in pts[1:]:
        QTest.mouseMove(pad, _pos(pad, u, v))
    if release:
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           _pos(pad, *pts[-1]))


def engine_probs(net: Network, image: np.ndarray) -> np.ndarray:
    digit = normalize_digit(image)
    assert digit is not None
    x = preprocess(digit, size=net.config.input_size)
    return net.forward(x).probs[0]


@pytest.fixture(scope="module")
def pretrained() -> Network:
    if not PRETRAINED.exists():
        pytest.skip("no bundled pretrained weights")
    return load_network(PRETRAINED)


@pytest.fixture
def panel(qtbot, pretrained) -> PadPanel:
    w = PadPanel()
    qtbot.addWidget(w)
    w.set_pretrained(pretrained)
    w.resize(760, 440)
    w.show()
    qtbot.waitExposed(w)
    return w


def _net(seed: int, preset: str = "lenet5") -> Network:
    cfg = get_config(preset)
    return Network(cfg, init_params(cfg, seed=seed))


# ---- the pad alone ----


def test_pad_image_is_fixed_resolution_and_survives_resize(qtbot):
    pad = DrawingPad()
    qtbot.addWidget(pad)
    pad.resize(300, 300)
    pad.show()
    assert pad.is_empty()
    img = pad.image()
    assert img.shape == (CANVAS, CANVAS) and img.dtype == np.float32 and img.max() == 0
    draw(pad, SEVEN)
    before = pad.image()
    assert before.min() >= 0.0 and before.max() == pytest.approx(1.0)
    for size in ((500, 320), (210, 640), (1, 1), (300, 300)):
        pad.resize(*size)
        QTest.qWait(1)
        np.testing.assert_array_equal(pad.image(), before)
    pad.grab()  # painting at any size does not raise


def test_pad_undo_and_clear(qtbot):
    pad = DrawingPad()
    qtbot.addWidget(pad)
    pad.resize(280, 280)
    pad.show()
    draw(pad, ONE)
    one = pad.image()
    draw(pad, [(0.3, 0.5), (0.7, 0.5)])
    assert pad.stroke_count() == 2 and not np.array_equal(pad.image(), one)
    with qtbot.waitSignal(pad.drawingChanged, timeout=100):
        pad.undo()
    np.testing.assert_array_equal(pad.image(), one)
    pad.clear()
    assert pad.is_empty() and pad.image().max() == 0
    pad.undo()  # nothing to undo: no error
    pad.clear()


def test_pad_emits_while_drawing_throttled(qtbot):
    pad = DrawingPad()
    qtbot.addWidget(pad)
    pad.resize(280, 280)
    pad.show()
    counts = []
    pad.drawingChanged.connect(lambda: counts.append(time.perf_counter()))
    draw(pad, ZERO, release=False)  # 40 moves: the first is emitted at once, the rest wait
    assert len(counts) >= 1
    drawn = len(counts)
    # the last move is delivered by the throttle timer without a release
    qtbot.waitUntil(lambda: pad.image().max() > 0 and len(counts) > drawn, timeout=GUARD_MS)
    with qtbot.waitSignal(pad.strokeFinished, timeout=100):
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           _pos(pad, *ZERO[-1]))
    # throttled: never two emissions closer than the interval (the release's is immediate);
    # a busy machine only spaces them further apart
    gaps = np.diff(counts[:-1])
    assert (gaps >= PAD_THROTTLE_S * 0.9).all()


def test_pad_pen_width(qtbot):
    pad = DrawingPad()
    qtbot.addWidget(pad)
    pad.resize(280, 280)
    pad.show()
    draw(pad, ONE)
    thin = pad.image().sum()
    pad.set_pen_width(pad.pen_width() * 2)
    assert pad.image().sum() > 1.5 * thin


# ---- the panel: the engine's pipeline, exactly ----


@pytest.mark.parametrize(("shape", "digit"), [(ONE, 1), (SEVEN, 7), (ZERO, 0)])
def test_panel_matches_engine_exactly(panel, pretrained, shape, digit):
    draw(panel.pad, shape)
    pred = panel.current_prediction()
    assert pred is not None
    cls, probs = pred
    expected = engine_probs(pretrained, panel.pad.image())
    assert probs.shape == (10,)
    np.testing.assert_array_equal(probs, expected)
    assert cls == int(np.argmax(expected))
    assert cls == digit  # a clean digit is read correctly by the MNIST network
    x = preprocess(normalize_digit(panel.pad.image()), size=32)
    np.testing.assert_array_equal(panel.preprocessed(), x)
    assert panel.preprocessed().shape == (1, 1, 32, 32)
    assert panel.prediction_text() == str(digit)


def test_prediction_updates_while_drawing(qtbot, panel):
    pad = panel.pad
    draw(pad, ONE[:8], release=False)
    qtbot.waitUntil(lambda: panel.current_prediction() is not None, timeout=GUARD_MS)
    partial = panel.preprocessed()

    def up_to_date() -> bool:
        pred = panel.current_prediction()
        return pred is not None and np.array_equal(
            pred[1], engine_probs(panel.active_network(), pad.image())
        )

    # a move is classified (by the throttle timer at the latest), without waiting for the
    # release
    QTest.mouseMove(pad, _pos(pad, *ONE[-1]))
    qtbot.waitUntil(up_to_date, timeout=GUARD_MS)
    assert not np.array_equal(panel.preprocessed(), partial)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       _pos(pad, *ONE[-1]))
    assert up_to_date()


def test_empty_canvas_shows_hint_and_probe_none(qtbot, panel):
    assert panel.current_prediction() is None
    assert panel.preprocessed() is None
    assert panel.prediction_text() == EMPTY_TEXT
    draw(panel.pad, SEVEN)
    assert panel.prediction_text() == "7"
    with qtbot.waitSignal(panel.probeChanged, timeout=100) as blocker:
        panel.clear_button.click()
    assert blocker.args == [None]
    assert panel.pad.is_empty() and panel.current_prediction() is None
    assert panel.prediction_text() == EMPTY_TEXT


def test_probe_signal_carries_preprocessed_drawing(panel):
    probes = []
    panel.probeChanged.connect(probes.append)
    draw(panel.pad, ONE)
    assert probes  # at least the press and the release
    probe = probes[-1]
    assert probe.dtype == np.float32 and probe.shape == (1, 1, 32, 32)
    np.testing.assert_array_equal(probe, panel.preprocessed())
    np.testing.assert_array_equal(probe, preprocess(normalize_digit(panel.pad.image())))


def test_undo_restores_previous_prediction(panel):
    draw(panel.pad, ONE)
    first = panel.current_prediction()
    draw(panel.pad, [(0.3, 0.3), (0.75, 0.3)])
    second = panel.current_prediction()
    assert not np.array_equal(first[1], second[1])
    panel.undo_button.click()
    again = panel.current_prediction()
    assert again[0] == first[0]
    np.testing.assert_array_equal(again[1], first[1])


def test_keyboard_shortcuts(qtbot, panel):
    panel.activateWindow()
    panel.pad.setFocus()
    qtbot.waitUntil(panel.pad.hasFocus, timeout=GUARD_MS)
    draw(panel.pad, ONE)
    draw(panel.pad, [(0.3, 0.3), (0.75, 0.3)])
    QTest.keyClick(panel.pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.pad.stroke_count() == 1
    QTest.keyClick(panel.pad, Qt.Key.Key_Delete)
    assert panel.pad.is_empty()
    draw(panel.pad, ONE)
    QTest.keyClick(panel.pad, Qt.Key.Key_Backspace)
    assert panel.pad.is_empty()
    assert "Ctrl+Z" in panel.undo_button.toolTip()
    assert "Del" in panel.clear_button.toolTip()


# ---- edge cases never raise ----


def _assert_finite_prediction(panel: PadPanel) -> None:
    pred = panel.current_prediction()
    assert pred is not None
    assert np.isfinite(pred[1]).all() and pred[1].sum() == pytest.approx(1.0, abs=1e-5)
    np.testing.assert_array_equal(pred[1], engine_probs(panel.active_network(),
                                                        panel.pad.image()))


def test_single_dot(panel):
    pad = panel.pad
    QTest.mouseClick(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _pos(pad, 0.5, 0.5))
    assert not pad.is_empty() and pad.image().max() > 0.5
    _assert_finite_prediction(panel)


def test_stroke_along_the_edges_and_beyond(panel):
    pad = panel.pad
    r = pad.canvas_rect()
    draw(pad, [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)])
    draw(pad, [(-0.2, 0.5), (1.3, 0.5)])  # leaves the pad on both sides: clamped
    img = pad.image()
    assert img[0].max() > 0.3 and img[:, -1].max() > 0.3
    _assert_finite_prediction(panel)
    assert r == pad.canvas_rect()


def test_canvas_filled_entirely(panel):
    pad = panel.pad
    pad.set_pen_width(CANVAS / 2)
    draw(pad, [(u, v) for v in (0.0, 0.25, 0.5, 0.75, 1.0) for u in (0.0, 1.0)])
    assert pad.image().min() > 0.99
    _assert_finite_prediction(panel)
    panel.grab()


def test_resize_panel_keeps_prediction(panel):
    draw(panel.pad, SEVEN)
    before = panel.current_prediction()
    for size in ((420, 300), (1200, 800), (100, 100), (760, 440)):
        panel.resize(*size)
        QTest.qWait(1)
        panel.grab()
    np.testing.assert_array_equal(panel.current_prediction()[1], before[1])


# ---- which network classifies ----


def test_switching_pretrained_and_trained(qtbot):
    net_a, net_b = _net(1), _net(2)
    w = PadPanel()
    qtbot.addWidget(w)
    w.resize(760, 440)
    w.show()
    assert not w.trained_radio.isEnabled() and not w.pretrained_radio.isEnabled()
    draw(w.pad, SEVEN)
    assert w.current_prediction() is None  # no network yet: no guess
    assert w.preprocessed().shape == (1, 1, 32, 32)

    w.set_pretrained(net_a)
    w.set_network_config(net_b.config)
    w.set_trained_params(net_b.params)
    assert w.pretrained_radio.isChecked()
    image = w.pad.image()
    pa, pb = engine_probs(net_a, image), engine_probs(net_b, image)
    assert not np.allclose(pa, pb)
    np.testing.assert_array_equal(w.current_prediction()[1], pa)

    w.trained_radio.click()
    assert w.active_network() is not net_a
    np.testing.assert_array_equal(w.current_prediction()[1], pb)
    # a new snapshot re-classifies at once
    net_c = _net(3)
    w.set_trained_params(net_c.params)
    np.testing.assert_array_equal(w.current_prediction()[1], engine_probs(net_c, image))

    w.pretrained_radio.click()
    np.testing.assert_array_equal(w.current_prediction()[1], pa)


def test_missing_pretrained_disables_choice(qtbot):
    net_b = _net(2)
    w = PadPanel()
    qtbot.addWidget(w)
    w.set_network_config(net_b.config)
    w.set_trained_params(net_b.params)
    w.set_pretrained(None)
    assert not w.pretrained_radio.isEnabled()
    assert "pretrained" in w.pretrained_radio.toolTip().lower()
    assert w.trained_radio.isChecked()
    draw(w.pad, ONE)
    np.testing.assert_array_equal(w.current_prediction()[1],
                                  engine_probs(net_b, w.pad.image()))


def test_bad_snapshot_does_not_raise(qtbot):
    w = PadPanel()
    qtbot.addWidget(w)
    w.set_network_config(get_config("lenet5"))
    w.set_trained_params({"C1.weight": np.zeros((6, 1, 5, 5), np.float32)})
    assert not w.trained_radio.isEnabled()
    assert "missing" in w.trained_radio.toolTip()
    draw(w.pad, ONE)
    assert w.current_prediction() is None


def test_probe_follows_the_trained_config_size(qtbot, panel):
    small = _net(4, "toolbox-cnn")
    with qtbot.waitSignal(panel.probeChanged, timeout=100) as blocker:
        draw(panel.pad, ZERO)
    assert blocker.args[0].shape == (1, 1, 32, 32)
    with qtbot.waitSignal(panel.probeChanged, timeout=100) as blocker:
        panel.set_network_config(small.config)  # input size 32 -> 28: new probe
    assert blocker.args[0].shape == (1, 1, 28, 28)
    panel.set_trained_params(small.params)
    assert panel.preprocessed().shape == (1, 1, 32, 32)  # the pretrained LeNet-5 classifies
    panel.trained_radio.click()
    assert panel.preprocessed().shape == (1, 1, 28, 28)
    np.testing.assert_array_equal(panel.current_prediction()[1],
                                  engine_probs(small, panel.pad.image()))


def test_follow_checkbox_and_class_names(qtbot, panel):
    assert not panel.follow_enabled()
    with qtbot.waitSignal(panel.followChanged, timeout=100) as blocker:
        panel.follow_check.click()
    assert blocker.args == [True] and panel.follow_enabled()
    names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
             "Sneaker", "Bag", "Ankle boot"]
    panel.set_class_names(names)
    draw(panel.pad, ONE)
    assert panel.prediction_text() == names[panel.current_prediction()[0]]
    panel.grab()
    panel.set_class_names(None)
    assert panel.class_names() == [str(i) for i in range(10)]


# ---- latency ----


def test_a_move_is_classified_in_the_mouse_event_itself(panel):
    """Mouse event -> new probabilities with no event-loop round trip: once the throttle
    interval has passed, a move (and every release) is classified before the event returns,
    so the latency is one classification (about 2-3 ms: benchmarks/bench_pad.py; the budget
    is 50 ms)."""
    pad = panel.pad
    for k in range(5):
        pad.clear()
        QTest.qWait(int(PAD_THROTTLE_S * 1000) + 5)  # the next move is not throttled
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         _pos(pad, 0.5, 0.2))
        QTest.qWait(int(PAD_THROTTLE_S * 1000) + 5)
        QTest.mouseMove(pad, _pos(pad, 0.5 + 0.01 * k, 0.8))
        moved = panel.current_prediction()  # nothing else ran since the event
        assert moved is not None
        np.testing.assert_array_equal(moved[1], engine_probs(panel.active_network(),
                                                             pad.image()))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           _pos(pad, 0.5 + 0.01 * k, 0.8))
        released = panel.current_prediction()
        assert released is not None
        np.testing.assert_array_equal(released[1], engine_probs(panel.active_network(),
                                                                pad.image()))
