"""SGD with momentum and weight decay, the learning-rate schedules, and the activations."""

import numpy as np
import pytest

from engine import ConfigError
from engine.nn.activations import ACTIVATIONS, SCALED_TANH_A
from engine.training.optim import SGD, Schedule


def test_sgd_momentum_and_weight_decay_follow_the_formula():
    w = {"L.weight": np.array([1.0, -2.0]), "L.bias": np.array([0.5])}
    opt = SGD(w, lr=0.1, momentum=0.9, weight_decay=0.01)
    g = {"L.weight": np.array([0.2, 0.4]), "L.bias": np.array([1.0])}
    opt.step(g)
    # v = -lr (g + wd w) for weights; biases are not decayed
    np.testing.assert_allclose(w["L.weight"], [1.0 - 0.1 * (0.2 + 0.01), -2.0 - 0.1 * (0.4 - 0.02)])
    np.testing.assert_allclose(w["L.bias"], [0.5 - 0.1])
    v1 = opt.velocity["L.bias"].copy()
    opt.step(g)
    np.testing.assert_allclose(opt.velocity["L.bias"], 0.9 * v1 - 0.1 * 1.0)


def test_sgd_state_round_trips():
    w = {"a.weight": np.ones(3)}
    opt = SGD(w, lr=0.1)
    opt.step({"a.weight": np.ones(3)})
    other = SGD({"a.weight": np.ones(3)}, lr=0.1)
    other.load_state_dict(opt.state_dict())
    np.testing.assert_array_equal(other.velocity["a.weight"], opt.velocity["a.weight"])
    with pytest.raises(ConfigError):
        other.load_state_dict({})


def test_lecun_1998_schedule_matches_the_paper():
    base = 0.0005
    s = Schedule("lecun1998")
    rates = [s.lr(base, e) for e in range(14)]
    assert rates[:2] == [0.0005] * 2
    assert rates[2:5] == pytest.approx([0.0002] * 3)
    assert rates[5:8] == pytest.approx([0.0001] * 3)
    assert rates[8:12] == pytest.approx([0.00005] * 4)
    assert rates[12:] == pytest.approx([0.00001] * 2)


def test_step_constant_and_cosine_schedules():
    assert Schedule("constant").lr(0.1, 17.5) == 0.1
    step = Schedule("step", step_epochs=5, gamma=0.5)
    assert [step.lr(1.0, e) for e in (0, 4.9, 5, 10, 14.99)] == [1, 1, 0.5, 0.25, 0.25]
    cos = Schedule("cosine", total_epochs=10)
    assert cos.lr(1.0, 0) == pytest.approx(1.0)
    assert cos.lr(1.0, 10) == pytest.approx(0.02)
    values = [cos.lr(1.0, e) for e in np.linspace(0, 10, 21)]
    assert all(a >= b for a, b in zip(values, values[1:], strict=False))
    with pytest.raises(ConfigError):
        Schedule("weekly")


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_derivatives_match_finite_differences(name):
    act = ACTIVATIONS[name]
    u = np.linspace(-4, 4, 81) + 0.0123  # avoid ReLU's kink at exactly 0
    f = act.forward(u, np.empty_like(u))
    d = act.derivative(u, f.copy(), np.empty_like(u))
    h = 1e-6
    num = (act.forward(u + h, np.empty_like(u)) - act.forward(u - h, np.empty_like(u))) / (2 * h)
    np.testing.assert_allclose(d, num, rtol=1e-6, atol=1e-8)


def test_scaled_tanh_maps_plus_minus_one_to_plus_minus_one():
    act = ACTIVATIONS["scaled_tanh"]
    out = act.forward(np.array([1.0, -1.0, 50.0]), np.empty(3))
    np.testing.assert_allclose(out[:2], [1.0, -1.0], atol=2e-4)
    assert out[2] == pytest.approx(SCALED_TANH_A)


def test_sigmoid_does_not_overflow():
    act = ACTIVATIONS["sigmoid"]
    with np.errstate(all="raise"):
        out = act.forward(np.array([-1000.0, 0.0, 1000.0]), np.empty(3))
    np.testing.assert_allclose(out, [0.0, 0.5, 1.0])
