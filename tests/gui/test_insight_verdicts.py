"""What the insight views say: confidences, log scales, and a gradient check that fails."""

from __future__ import annotations

import pytest
from test_insights import Recorder, _ctx, _show, _snap, _trained

import engine.nn.network
from engine import builtin_dataset
from lenet_gui.insights import GradientCheckView, GradientHealthView, MistakesView


@pytest.fixture(scope="module")
def trainer():
    return _trained(builtin_dataset(n_train=640, n_test=200), "lenet5")


def test_mistakes_captions_carry_the_confidence(qtbot, trainer):
    snap = _snap(trainer)
    view = _show(qtbot, MistakesView(_ctx(trainer, Recorder())))
    view.update_snapshot(snap)
    ev = snap.evaluation
    for row, i in enumerate(view.indices[:5]):
        text = view.gallery.model_.data(view.gallery.model_.index(row))
        confidence = 100 * ev.probabilities[i, ev.predictions[i]]
        assert text.endswith(f"{confidence:.0f}%")
    shown = [ev.probabilities[i, ev.predictions[i]] for i in view.indices]
    assert shown == sorted(shown, reverse=True)  # most confident first


def test_gradient_health_plots_use_a_log_axis(qtbot, trainer):
    view = _show(qtbot, GradientHealthView(_ctx(trainer, Recorder())))
    view.update_snapshot(_snap(trainer))
    for plot in view.plots.values():
        assert plot.getAxis("left").logMode
        assert not plot.getAxis("bottom").logMode


def _run(qtbot, view):
    assert view.run_check()
    qtbot.waitUntil(lambda: not view.running, timeout=30000)
    assert view.wait(5)


def test_a_wrong_gradient_is_reported_as_a_failure(qtbot, trainer, monkeypatch):
    # a backward pass that is 1% off for F6's weights: the check must catch exactly that
    real = engine.nn.network.Network.backward

    def off_by_one_percent(self, *args, **kwargs):
        grads = real(self, *args, **kwargs)
        grads.params["F6.weight"] *= 1.01
        return grads

    monkeypatch.setattr(engine.nn.network.Network, "backward", off_by_one_percent)
    view = _show(qtbot, GradientCheckView(_ctx(trainer, Recorder())))
    view.update_snapshot(_snap(trainer, 2))
    _run(qtbot, view)
    verdicts = {(layer, kind): verdict for layer, kind, _n, _err, verdict in view.rows()}
    assert verdicts[("F6", "weight")] == "FAIL"
    assert [k for k, v in verdicts.items() if v == "FAIL"] == [("F6", "weight")]
    assert "1 of" in view.status.text() and "fail" in view.status.text()


def test_a_check_that_raises_says_so(qtbot, trainer, monkeypatch):
    import lenet_gui.insights.gradcheck as gradcheck

    def broken(*args, **kwargs):
        raise FloatingPointError("overflow in the finite differences")

    monkeypatch.setattr(gradcheck, "check_gradients", broken)
    view = _show(qtbot, GradientCheckView(_ctx(trainer, Recorder())))
    view.update_snapshot(_snap(trainer))
    _run(qtbot, view)
    assert view.error is not None and "overflow in the finite differences" in view.error
    assert "The check failed" in view.status.text()
    assert view.button.isEnabled()  # and it can be run again
