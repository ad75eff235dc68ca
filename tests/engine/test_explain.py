"""derive_unit recomputes every layer kind and variant and agrees with the engine (float64)."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from engine import C3_INPUTS, ConfigError, Network, build_network
from engine.explain import (
    ConvRoute,
    DenseRoute,
    Derivation,
    OutputRoute,
    PoolRoute,
    derive_unit,
)

TOL = 1e-10
LABEL = 3

LENET_VARIANTS = list(
    itertools.product(
        ("scaled_tanh", "tanh", "sigmoid", "relu"),
        ("trainable", "max", "mean"),
        ("softmax", "sigmoid_mse", "activation_softmax"),
        ("table", "full"),
    )
)


def _net(preset: str, seed: int = 1, **options: str) -> Network:
    return build_network(preset, dtype=np.float64, seed=seed, **options)


def _run(net: Network, batch: int = 1, seed: int = 0):
    rng = np.random.default_rng(seed)
    s = net.config.input_size
    x = rng.standard_normal((batch, 1, s, s))
    labels = np.arange(LABEL, LABEL + batch) % 10
    trace = net.forward(x)
    return trace, net.backward(trace, labels), labels


def _units(net: Network, rng: np.random.Generator):
    """A few units per layer: corners, a random one, first and last map."""
    for spec in net.layers:
        n = spec.out_shape[0]
        if not spec.is_map:
            for j in sorted({0, n - 1, int(rng.integers(n))}):
                yield spec.name, j, 0, 0
            continue
        h, w = spec.out_shape[1:]
        picks = {(0, 0, 0), (n - 1, h - 1, w - 1), (int(rng.integers(n)), int(rng.integers(h)),
                                                   int(rng.integers(w)))}
        yield from ((spec.name, *p) for p in sorted(picks))


def _assert_agrees(d: Derivation) -> None:
    for check in d.checks:
        engine = np.abs(np.asarray(check.engine))
        scale = max(1.0, float(engine.max()) if engine.size else 1.0)
        diff = (check.max_abs_difference if hasattr(check, "max_abs_difference")
                else abs(check.difference))
        assert diff <= TOL * scale, (d.unit_label, check.label, diff)


def _derive_all(net: Network, batch: int = 1) -> list[Derivation]:
    trace, grads, labels = _run(net, batch)
    rng = np.random.default_rng(7)
    out = []
    for layer, index, r, c in _units(net, rng):
        for sample in range(batch):
            d = derive_unit(net, trace, grads, labels, layer, index, r, c, sample=sample)
            _assert_agrees(d)
            out.append(d)
    return out


@pytest.mark.parametrize(("activation", "subsampling", "output", "c3"), LENET_VARIANTS)
def test_every_lenet5_variant_agrees_with_the_engine(activation, subsampling, output, c3):
    net = _net("lenet5", activation=activation, subsampling=subsampling, output=output,
               c3_connections=c3)
    derivations = _derive_all(net)
    assert {d.layer for d in derivations} == set(net.layer_names)


@pytest.mark.parametrize("preset", ["toolbox-cnn", "simple-cnn"])
@pytest.mark.parametrize("subsampling", ["trainable", "max", "mean"])
def test_the_seeds_smaller_networks_agree(preset, subsampling):
    _derive_all(_net(preset, subsampling=subsampling))


def test_a_batch_sums_the_parameter_gradients_and_derives_each_sample():
    net = _net("lenet5-1998")
    derivations = _derive_all(net, batch=3)
    assert {d.sample for d in derivations} == {0, 1, 2}
    assert all(d.params is None or d.params.batch_size == 3 for d in derivations)


def test_float32_networks_agree_within_float32_rounding():
    net = build_network("lenet5-1998", dtype=np.float32, seed=2)
    trace, grads, labels = _run(net)
    for layer, index, r, c in _units(net, np.random.default_rng(1)):
        d = derive_unit(net, trace, grads, labels, layer, index, r, c)
        for check in d.checks:
            engine = float(np.max(np.abs(np.asarray(check.engine))))
            diff = (check.max_abs_difference if hasattr(check, "max_abs_difference")
                    else abs(check.difference))
            assert diff <= 1e-4 * max(1.0, engine), (d.unit_label, check.label, diff)


def test_c3_under_the_table_reads_and_feeds_only_connected_maps():
    net = _net("lenet5-1998")
    trace, grads, labels = _run(net)
    for m in (0, 6, 12, 15):
        d = derive_unit(net, trace, grads, labels, "C3", m, 4, 5)
        assert d.forward.inputs_used == tuple(sorted(C3_INPUTS[m]))
        assert set(d.forward.inputs_skipped) == set(range(6)) - set(C3_INPUTS[m])
        assert d.params is not None
        for k in d.forward.inputs_skipped:
            assert not d.params.delta_w.recomputed[k].any()
        assert len(d.forward.weighted.terms) + d.forward.weighted.rest_count == 25 * len(
            C3_INPUTS[m])
    d = derive_unit(net, trace, grads, labels, "S2", 2, 7, 3)
    route = d.delta.route
    assert isinstance(route, ConvRoute) and route.next_layer == "C3"
    fed = {m for m, inputs in enumerate(C3_INPUTS) if 2 in inputs}
    assert {c.next_map for c in route.contributions} == fed
    assert set(route.skipped_maps) == set(range(16)) - fed
    for c in route.contributions:
        assert c.window.shape == c.rotated_kernel.shape == (5, 5)
        np.testing.assert_array_equal(c.rotated_kernel, net.params["C3.weight"][c.next_map, 2,
                                                                                 ::-1, ::-1])


def test_max_pooling_routes_delta_to_the_first_maximum_only():
    net = _net("lenet5", subsampling="max")
    trace, grads, labels = _run(net)
    c1 = trace.f["C1"][0, 1, 10:12, 6:8]
    best = np.unravel_index(int(np.argmax(c1)), (2, 2))
    for r, c in itertools.product(range(2), range(2)):
        d = derive_unit(net, trace, grads, labels, "C1", 1, 10 + r, 6 + c)
        route = d.delta.route
        assert isinstance(route, PoolRoute) and route.pool == "max"
        assert route.next_position == (5, 3) and route.position == (r, c)
        assert route.share.sum() == 1 and route.share[best] == 1
        expected = route.delta_next if (r, c) == best else 0.0
        assert d.delta.delta_f is not None and d.delta.delta_f.recomputed == expected


def test_mean_pooling_shows_the_seed_000_kronecker_picture():
    net = _net("toolbox-cnn")
    trace, grads, labels = _run(net)
    d = derive_unit(net, trace, grads, labels, "C3", 4, 3, 6)
    route = d.delta.route
    assert isinstance(route, PoolRoute) and route.expanded is not None
    np.testing.assert_allclose(route.expanded, grads.delta_f_prev["S4"][0, 4], atol=1e-15)
    np.testing.assert_array_equal(route.share, np.full((2, 2), 0.25))


def test_output_deltas_by_output_kind():
    for output in ("softmax", "sigmoid_mse", "activation_softmax"):
        net = _net("lenet5-1998", output=output)
        trace, grads, labels = _run(net)
        for j in (LABEL, 0):
            d = derive_unit(net, trace, grads, labels, "F7", j)
            route = d.delta.route
            assert isinstance(route, OutputRoute) and route.loss == output
            assert route.y == (1.0 if j == LABEL else 0.0)
            assert (d.delta.f_prime is None) == (output == "softmax")
            assert (d.forward.output is None) == (output == "sigmoid_mse")


def test_fully_connected_route_lists_the_biggest_terms_and_summarises_the_rest():
    net = _net("lenet5-1998")
    trace, grads, labels = _run(net)
    d = derive_unit(net, trace, grads, labels, "F6", 5, top=4)
    route = d.delta.route
    assert isinstance(route, DenseRoute) and route.next_layer == "F7"
    ws = route.weighted
    assert len(ws.terms) == 4 and ws.rest_count == 6
    sizes = [abs(t.product) for t in ws.terms]
    assert sizes == sorted(sizes, reverse=True)
    assert ws.total == pytest.approx(sum(t.product for t in ws.terms) + ws.rest_sum, abs=1e-15)
    c5 = derive_unit(net, trace, grads, labels, "C5", 7)
    assert c5.forward.weighted.rest_count + len(c5.forward.weighted.terms) == 400
    assert c5.params is not None and c5.params.delta_w.recomputed.shape == (16, 5, 5)


def test_a_derivation_is_frozen_and_its_arrays_read_only():
    net = _net("lenet5-1998")
    trace, grads, labels = _run(net)
    d = derive_unit(net, trace, grads, labels, "C3", 0, 0, 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.layer = "C1"  # type: ignore[misc]
    assert d.params is not None
    with pytest.raises(ValueError):
        d.params.delta_w.recomputed[0, 0, 0] = 1.0


def test_units_outside_the_network_are_refused():
    net = _net("lenet5")
    trace, grads, labels = _run(net)
    with pytest.raises(ConfigError):
        derive_unit(net, trace, grads, labels, "C9", 0)
    with pytest.raises(ConfigError):
        derive_unit(net, trace, grads, labels, "C1", 6, 0, 0)
    with pytest.raises(ConfigError):
        derive_unit(net, trace, grads, labels, "F6", 0, sample=1)


def test_the_optimisers_batch_adds_its_own_parameter_gradients():
    net = _net("lenet5-1998")
    trace, grads, labels = _run(net)
    batch_trace, batch_grads, _ = _run(net, batch=4, seed=9)
    for layer, index, r, c in (("C3", 3, 2, 2), ("S4", 1, 0, 0), ("F6", 2, 0, 0)):
        d = derive_unit(net, trace, grads, labels, layer, index, r, c,
                        batch=(batch_trace, batch_grads))
        _assert_agrees(d)
        assert d.params is not None and d.batch_params is not None
        assert d.params.batch_size == 1 and d.batch_params.batch_size == 4
        assert d.batch_params.delta_b.label == "delta(b), batch"
        assert d.batch_params.delta_b.engine != d.params.delta_b.engine
    assert derive_unit(net, trace, grads, labels, "S4", 1, 0, 0).batch_params is None


@pytest.mark.parametrize("subsampling", ["max", "mean", "trainable"])
def test_a_subsampling_unit_shows_what_it_sends_down_to_its_window(subsampling):
    net = _net("lenet5-1998", subsampling=subsampling)
    trace, grads, labels = _run(net)
    d = derive_unit(net, trace, grads, labels, "S4", 5, 3, 2)
    down = d.pool_down
    assert down is not None and down.pool == subsampling
    np.testing.assert_array_equal(down.window, trace.f["C3"][0, 5, 6:8, 4:6])
    assert down.delta_f_prev.max_abs_difference <= TOL
    if subsampling == "max":
        assert down.share.sum() == 1 and down.window[down.share == 1][0] == down.window.max()
    if subsampling == "mean":
        assert down.expanded is not None and down.expanded.shape == (10, 10)
    assert derive_unit(net, trace, grads, labels, "C3", 5, 3, 2).pool_down is None
