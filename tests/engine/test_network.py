"""The network's structure, public API, and gradients checked by finite differences."""

import itertools

import numpy as np
import pytest

from engine import (
    OPTION_CHOICES,
    PRESETS,
    ConfigError,
    build_network,
    c3_table,
)
from engine.nn.gradcheck import check_delta_u, check_gradients
from engine.nn.network import init_params

PAPER = {
    "C1": ("6@28x28", 156, 122304),
    "S2": ("6@14x14", 12, 5880),
    "C3": ("16@10x10", 1516, 151600),
    "S4": ("16@5x5", 32, 2000),
    "C5": ("120@1x1", 48120, 48120),
    "F6": ("84", 10164, 10164),
    "F7": ("10", 850, 850),
}


def test_faithful_summary_equals_the_papers_table():
    net = build_network("lenet5-1998", dtype=np.float64, seed=0)
    rows = {r.name: (r.output, r.params, r.connections) for r in net.summary()}
    assert rows == PAPER
    assert net.num_params == 60850
    assert "60,850" in net.summary_table()


def test_parameter_names_and_shapes():
    net = build_network("lenet5-1998")
    expected = {
        "C1.weight": (6, 1, 5, 5), "C1.bias": (6,), "S2.coef": (6,), "S2.bias": (6,),
        "C3.weight": (16, 6, 5, 5), "C3.bias": (16,), "S4.coef": (16,), "S4.bias": (16,),
        "C5.weight": (120, 16, 5, 5), "C5.bias": (120,), "F6.weight": (84, 120),
        "F6.bias": (84,), "F7.weight": (10, 84), "F7.bias": (10,),
    }
    assert {k: v.shape for k, v in net.params.items()} == expected
    assert list(net.params) == list(expected)
    pooled = build_network("lenet5")
    assert "S2.coef" not in pooled.params and "S4.bias" not in pooled.params


def test_layer_names_and_trace_shapes():
    net = build_network("lenet5", dtype=np.float64)
    assert net.layer_names == ["C1", "S2", "C3", "S4", "C5", "F6", "F7"]
    x = np.random.default_rng(0).standard_normal((4, 1, 32, 32))
    trace = net.forward(x)
    shapes = {k: v.shape for k, v in trace.f.items()}
    assert shapes == {"C1": (4, 6, 28, 28), "S2": (4, 6, 14, 14), "C3": (4, 16, 10, 10),
                      "S4": (4, 16, 5, 5), "C5": (4, 120), "F6": (4, 84), "F7": (4, 10)}
    assert {k: v.shape for k, v in trace.u.items()} == shapes
    np.testing.assert_allclose(trace.probs.sum(axis=1), 1)
    grads = net.backward(trace, [0, 1, 2, 3])
    assert {k: v.shape for k, v in grads.delta_u.items()} == shapes
    assert {k: v.shape for k, v in grads.params.items()} == {
        k: v.shape for k, v in net.params.items()}
    assert set(grads.delta_w) == {"C1", "C3", "C5", "F6", "F7"}


def test_c3_table_kernels_are_exactly_zero_always():
    net = build_network("lenet5-1998", dtype=np.float64, seed=3)
    absent = ~c3_table()
    assert absent.sum() == 36
    assert np.all(net.params["C3.weight"][absent] == 0)
    x = np.random.default_rng(0).standard_normal((3, 1, 32, 32))
    grads = net.backward(net.forward(x), [1, 2, 3])
    assert np.all(grads.params["C3.weight"][absent] == 0)
    assert np.all(grads.params["C3.weight"][~absent] != 0)
    from engine.training.optim import SGD

    opt = SGD(net.params, lr=0.1, momentum=0.9, weight_decay=1e-3)
    for _ in range(3):
        opt.step(net.backward(net.forward(x), [1, 2, 3]).params)
        net.enforce_constraints()
    assert np.all(net.params["C3.weight"][absent] == 0)
    # even parameters set from outside are held to the table
    p = dict(net.params)
    p["C3.weight"] = np.ones((16, 6, 5, 5))
    net.set_params(p)
    assert np.all(net.params["C3.weight"][absent] == 0)


def test_c3_table_matches_the_paper():
    t = c3_table()
    assert t.sum() == 60
    assert [int(t[m].sum()) for m in range(16)] == [3] * 6 + [4] * 9 + [6]
    assert t[13].nonzero()[0].tolist() == [1, 2, 4, 5]  # (5,13), not seed 004's (5,14) twice


def _variants():
    """Every preset, plus every value of every variant option on LeNet-5."""
    cases = [(p, {}) for p in PRESETS]
    for option, values in OPTION_CHOICES.items():
        for value in values:
            cases.append(("lenet5", {option: value}))
            if option != "c3_connections":
                cases.append(("lenet5-1998", {option: value}))
    for p in ("toolbox-cnn", "simple-cnn"):
        for option, values in OPTION_CHOICES.items():
            if option == "c3_connections":
                continue
            cases.extend((p, {option: v}) for v in values)
    return cases


def generic_point(net, seed=0):
    """Move the parameters to a generic point for a finite-difference check.

    Zero biases put ReLU units exactly on their kink (a window of zeros in S2 gives u = 0),
    and the 1998 initialisation makes the lowest gradients so small (1e-8 through sigmoids)
    that any difference quotient drowns in round-off. Neither says anything about the
    derivation, so the check runs at well-scaled weights with random biases.
    """
    rng = np.random.default_rng(seed)
    params = init_params(net.config.replace(init="modern"), seed, np.float64)
    for name, p in params.items():
        if name.endswith(".bias"):
            params[name] = rng.uniform(-0.2, 0.2, p.shape)
        elif name.endswith(".coef"):
            params[name] = rng.uniform(0.2, 0.6, p.shape)
    net.set_params(params)
    return net


@pytest.mark.parametrize("preset,options", _variants(),
                         ids=lambda v: v if isinstance(v, str) else ",".join(
                             f"{k}={x}" for k, x in v.items()) or "-")
def test_gradients_match_finite_differences(preset, options):
    net = generic_point(build_network(preset, dtype=np.float64, seed=7, **options))
    s = net.config.input_size
    rng = np.random.default_rng(11)
    x = rng.uniform(-0.1, 1.175, (3, 1, s, s))
    labels = np.array([3, 7, 1])
    checks = check_gradients(net, x, labels, samples=12)
    assert set(checks) == set(net.params)
    errors = {k: c.relative_error for k, c in checks.items()}
    assert max(errors.values()) <= 1e-6, errors
    for c in checks.values():
        assert np.abs(c.analytic).max() > 0 or np.abs(c.numeric).max() == 0


@pytest.mark.parametrize("preset", list(PRESETS))
def test_sensitivities_delta_u_match_finite_differences(preset):
    net = generic_point(build_network(preset, dtype=np.float64, seed=5))
    s = net.config.input_size
    x = np.random.default_rng(2).uniform(-0.1, 1.175, (2, 1, s, s))
    checks = check_delta_u(net, x, np.array([4, 9]), samples=6)
    assert set(checks) == set(net.layer_names)
    errors = {k: c.relative_error for k, c in checks.items()}
    assert max(errors.values()) <= 1e-5, errors


def test_input_gradient_matches_finite_differences():
    net = build_network("lenet5", dtype=np.float64, seed=1)
    rng = np.random.default_rng(0)
    x = rng.uniform(-0.1, 1.175, (1, 1, 32, 32))
    grads = net.backward(net.forward(x), [5], need_input_grad=True)
    dx = grads.delta_f_prev["C1"]
    assert dx.shape == (1, 1, 32, 32)
    for i, j in [(10, 12), (16, 16), (3, 29)]:
        e = np.zeros_like(x)
        e[0, 0, i, j] = 1e-6
        num = (net.loss(net.forward(x + e), [5]) - net.loss(net.forward(x - e), [5])) / 2e-6
        assert dx[0, 0, i, j] == pytest.approx(num, rel=1e-5, abs=1e-9)


def test_float32_matches_float64():
    n64 = build_network("lenet5-1998", dtype=np.float64, seed=2)
    n32 = build_network("lenet5-1998", dtype=np.float32, seed=2)
    x = np.random.default_rng(1).uniform(-0.1, 1.175, (5, 1, 32, 32))
    g64 = n64.backward(n64.forward(x), np.arange(5))
    g32 = n32.backward(n32.forward(x, reuse_buffers=True), np.arange(5))
    assert g32.params["C1.weight"].dtype == np.float32
    for k in n64.params:
        scale = np.abs(g64.params[k]).max()
        np.testing.assert_allclose(g32.params[k], g64.params[k], atol=2e-4 * scale + 1e-7)


def test_reused_buffers_give_identical_results():
    net = build_network("lenet5", seed=0)
    rng = np.random.default_rng(0)
    x1, x2 = (rng.uniform(-0.1, 1.175, (8, 1, 32, 32)).astype(np.float32) for _ in range(2))
    fresh = net.backward(net.forward(x2), np.arange(8))
    net.backward(net.forward(x1, reuse_buffers=True), np.arange(8))
    reused = net.backward(net.forward(x2, reuse_buffers=True), np.arange(8))
    for k in net.params:
        np.testing.assert_array_equal(reused.params[k], fresh.params[k])


def test_build_is_deterministic_and_seeded():
    a, b = build_network("lenet5", seed=4), build_network("lenet5", seed=4)
    c = build_network("lenet5", seed=5)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert any(not np.array_equal(a.params[k], c.params[k]) for k in a.params)


def test_1998_init_is_uniform_within_2_4_over_fan_in():
    net = build_network("lenet5-1998", dtype=np.float64, seed=0)
    assert np.abs(net.params["C1.weight"]).max() <= 2.4 / 25
    assert np.abs(net.params["F6.weight"]).max() <= 2.4 / 120
    assert np.abs(net.params["C5.weight"]).max() <= 2.4 / 400
    c3 = net.params["C3.weight"]
    assert np.abs(c3[15]).max() <= 2.4 / 150 < np.abs(c3[0]).max() <= 2.4 / 75


@pytest.mark.parametrize("bad", [
    {"preset": "lenet6"}, {"activation": "swish"}, {"subsampling": "median"},
    {"output": "rbf"}, {"init": "zeros"}, {"c3_connections": "random"},
])
def test_bad_configuration_is_a_clear_error(bad):
    preset = bad.pop("preset", "lenet5")
    with pytest.raises(ConfigError) as err:
        build_network(preset, **bad)
    assert "choose one of" in str(err.value)


def test_table_is_refused_outside_lenet5():
    with pytest.raises(ConfigError, match="only in LeNet-5"):
        build_network("toolbox-cnn", c3_connections="table")


def test_wrong_input_shape_is_a_clear_error():
    net = build_network("lenet5")
    with pytest.raises(ConfigError, match=r"\(N, 1, 32, 32\)"):
        net.forward(np.zeros((2, 1, 28, 28)))
    with pytest.raises(ConfigError, match="labels"):
        net.backward(net.forward(np.zeros((2, 1, 32, 32))), [0])


def test_seed_networks_have_the_seed_shapes():
    tb = build_network("toolbox-cnn")
    assert [r.output for r in tb.summary()] == ["6@24x24", "6@12x12", "12@8x8", "12@4x4", "10"]
    assert tb.params["C3.weight"].shape == (12, 6, 5, 5)
    assert tb.params["F5.weight"].shape == (10, 192)
    simple = build_network("simple-cnn")
    assert [r.output for r in simple.summary()] == ["6@24x24", "6@12x12", "10"]


def test_every_option_combination_builds_and_runs():
    x = np.zeros((1, 1, 32, 32), np.float32)
    for combo in itertools.product(*OPTION_CHOICES.values()):
        opts = dict(zip(OPTION_CHOICES, combo, strict=True))
        net = build_network("lenet5", **opts)
        trace = net.forward(x)
        assert np.all(np.isfinite(trace.probs))


def test_receptive_fields_follow_the_layers():
    net = build_network("lenet5")
    assert net.receptive_field("C1", 0, 0) == (0, 0, 4, 4)
    assert net.receptive_field("S2", 1, 2) == (2, 4, 7, 9)
    assert net.receptive_field("C3", 0, 0) == (0, 0, 13, 13)
    assert net.receptive_field("S4", 4, 4) == (16, 16, 31, 31)
    assert net.receptive_field("C5", 0, 0) == (0, 0, 31, 31)
