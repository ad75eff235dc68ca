"""The curves: log loss axis by default, the learning rate drawn, Reset clears them; one
palette with a distinct colour per layer; one tick style on log axes; a short dock still
shows every curve whole."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from engine import History
from lenet_gui.curves import CurvesWidget
from lenet_gui.plot_style import (
    LAYER_COLOURS,
    MIN_TICK_PX,
    TEST,
    TRAIN,
    log_tick_labels,
    roomier_step,
)

WAIT_MS = 30000


def _history(n: int = 120) -> History:
    return History(np.linspace(2.3, 0.05, n).astype(np.float32),
                   np.linspace(0, 2, n).astype(np.float32),
                   np.linspace(0.05, 0.01, n).astype(np.float32),
                   epoch_train_acc=(0.90, 0.95), epoch_test_acc=(0.91, 0.96))


@pytest.fixture
def curves(qtbot) -> CurvesWidget:
    w = CurvesWidget()
    qtbot.addWidget(w)
    w.resize(900, 320)
    w.show()
    return w


def test_the_loss_axis_is_logarithmic_by_default_and_toggles(curves):
    lp = curves.loss_plot.getPlotItem()
    assert curves.log_scale() and curves.log_check.isChecked()
    assert lp.getAxis("left").logMode and not lp.getAxis("right").logMode
    curves.log_check.click()
    assert not curves.log_scale() and not lp.getAxis("left").logMode
    curves.set_log_scale(True)
    assert curves.log_check.isChecked() and lp.getAxis("left").logMode


def test_the_learning_rate_is_drawn_on_its_own_axis(curves):
    h = _history()
    curves.update_history(h, force=True)
    x, y = curves.lr_curve.getData()
    np.testing.assert_allclose(y, h.batch_lr, rtol=1e-6)
    np.testing.assert_allclose(x, h.batch_epoch, rtol=1e-6)
    assert curves.lr_curve.getViewBox() is curves.lr_view
    assert curves.loss_plot.getPlotItem().getAxis("right").linkedView() is curves.lr_view


def test_clear_empties_the_curves_and_resets_the_axes(curves):
    curves.update_history(_history(), force=True)
    curves.clear()
    for c in (curves.raw_curve, curves.ema_curve, curves.lr_curve, curves.train_curve,
              curves.test_curve):
        assert c.getData()[0] is None or len(c.getData()[0]) == 0
    (x0, x1), _ = curves.loss_plot.getPlotItem().vb.viewRange()
    assert x0 == pytest.approx(-0.02, abs=0.01) and x1 == pytest.approx(1.02, abs=0.01)
    (a0, a1), (b0, b1) = curves.acc_plot.getPlotItem().vb.viewRange()
    assert a1 < 1.1 and b0 < 1 and b1 > 99


def test_reset_clears_the_window_curves(qtbot, window):
    window.step()
    qtbot.waitUntil(lambda: len(window.curves.raw_curve.getData()[0] or []) >= 1,
                    timeout=WAIT_MS)
    # the rate reaches the curves from the training process too
    assert window.curves.lr_curve.getData()[1][0] == pytest.approx(window.controls.lr.value())
    window.reset()
    assert not len(window.curves.raw_curve.getData()[0] or [])
    assert not len(window.curves.lr_curve.getData()[0] or [])


def test_accuracy_colours_come_from_the_palette(curves):
    assert curves.train_curve.opts["pen"].color().name() == TRAIN
    assert curves.test_curve.opts["pen"].color().name() == TEST


def test_every_layer_has_a_distinct_colour():
    rgb = np.array([pg.mkColor(c).getRgb()[:3] for c in LAYER_COLOURS], float)
    gaps = np.sqrt(((rgb[:, None] - rgb[None]) ** 2).sum(axis=2))
    np.fill_diagonal(gaps, np.inf)
    assert len(LAYER_COLOURS) >= 8 and gaps.min() > 60


def test_gradient_health_gives_every_layer_its_own_colour(qtbot, trainer_snapshot):
    from lenet_gui.insights import InsightContext
    from lenet_gui.insights.health import GradientHealthView

    snap, ds, config = trainer_snapshot
    view = GradientHealthView(InsightContext(ds, config, lambda i: None, lambda: None))
    qtbot.addWidget(view)
    view.show()
    view.update_snapshot(snap)
    top = {n: c.opts["pen"].color().name() for n, c in view.curves["delta_u"].items()}
    for n, c in view.curves["update_ratio"].items():  # a layer looks the same in both plots
        assert c.opts["pen"].color().name() == top[n], n
    for kind, curves in view.curves.items():
        colours = [c.opts["pen"].color().name() for c in curves.values()]
        assert len(colours) >= 3, kind
        assert len(set(colours)) == len(colours), (kind, colours)
        assert view.plots[kind].getAxis("left").logTickStrings([-5, -3, 0], 1, 1) == [
            "10⁻⁵", "10⁻³", "10⁰"]


@pytest.fixture
def trainer_snapshot():
    from engine import TrainConfig, Trainer, build_network, builtin_dataset, preprocess

    ds = builtin_dataset(n_train=256, n_test=64)
    t = Trainer(build_network("lenet5"), ds, TrainConfig(batch_size=32))
    for _ in range(12):
        t.train_batch()
    return t.snapshot(preprocess(ds.test_images[0]), int(ds.test_labels[0])), ds, t.net.config


def test_log_ticks_share_one_style():
    assert log_tick_labels([0.01, 0.1, 1.0, 10.0]) == ["0.01", "0.1", "1", "10"]
    assert log_tick_labels([1e-5, 1e-4, 1e-3]) == ["10⁻⁵", "10⁻⁴", "10⁻³"]
    assert log_tick_labels([2e-3, 3e-3, 5e-3, 1e-2]) == ["2·10⁻³", "", "5·10⁻³", "10⁻²"]
    assert log_tick_labels([0.2, 0.3, 0.5]) == ["0.2", "", "0.5"]


def test_a_short_dock_keeps_every_curve_in_view(qtbot):
    """The Curves dock at 1024x700 (~150 px): the keys beside the plots, never over a
    curve; a side axis' title hidden rather than cut; the learning rate's and the
    accuracy's ticks far enough apart to read."""
    w = CurvesWidget()
    qtbot.addWidget(w)
    w.resize(1024, w.minimumSizeHint().height())
    w.show()
    qtbot.waitExposed(w)
    w.update_history(_history(), force=True)
    assert w.loss_keys.names() == ["per batch", "smoothed (EMA)", "learning rate"]
    assert w.acc_keys.names() == ["train", "test", "train so far"]
    assert w.loss_keys.isVisible() and w.loss_keys.x() >= w.loss_plot.geometry().right()
    for plot in (w.loss_plot, w.acc_plot):
        item = plot.getPlotItem()
        assert item.legend is None  # nothing drawn over the curves
        assert item.vb.height() < 80  # a short plot indeed
    right = w.loss_plot.getPlotItem().getAxis("right")
    assert not right.label.isVisible()  # "learning rate" is longer than the axis
    w.resize(1024, 400)
    qtbot.waitUntil(right.label.isVisible, timeout=5000)  # tall enough: shown again
    for axis in (right, w.acc_plot.getPlotItem().getAxis("left")):
        step, _offset = axis.tickSpacing(0.0, 1.0, 60.0)[0]
        assert step * 60.0 >= MIN_TICK_PX


def test_roomier_steps_are_1_2_5_times_a_power_of_ten():
    assert roomier_step(0.2, 0.37) == pytest.approx(0.5)
    assert roomier_step(0.2, 0.05) == pytest.approx(0.2)
    assert roomier_step(10, 23) == pytest.approx(50)
    assert roomier_step(0.01, 0.011) == pytest.approx(0.02)
    assert roomier_step(5, 5.5) == pytest.approx(10)


def test_run_b_is_named_in_the_keys_while_shown(curves):
    from lenet_gui.window.compare_curves import RunBCurves

    run_b = RunBCurves(curves)
    run_b.add("B (Activation: tanh)")
    assert curves.loss_keys.names()[-1] == "B (Activation: tanh) smoothed"
    assert curves.acc_keys.names()[-1] == "B (Activation: tanh) test"
    run_b.remove()
    assert curves.loss_keys.names() == ["per batch", "smoothed (EMA)", "learning rate"]
    assert curves.acc_keys.names() == ["train", "test", "train so far"]
