"""to_markdown writes the derivation's formulas and numbers as Markdown with LaTeX."""

from __future__ import annotations

import numpy as np
import pytest

from engine import build_network
from engine.explain import derive_unit, to_markdown
from engine.explain.markdown import num


def _derivation(preset: str, layer: str, index: int, r: int = 0, c: int = 0, **options: str):
    net = build_network(preset, dtype=np.float64, seed=4, **options)
    s = net.config.input_size
    x = np.random.default_rng(5).standard_normal((1, 1, s, s))
    trace = net.forward(x)
    grads = net.backward(trace, [7])
    return derive_unit(net, trace, grads, [7], layer, index, r, c)


def _balanced(text: str) -> bool:
    return text.count("$$") % 2 == 0 and text.count("{") == text.count("}")


@pytest.mark.parametrize(
    ("preset", "layer", "index", "r", "c", "options"),
    [
        ("lenet5-1998", "C3", 6, 2, 3, {}),
        ("lenet5-1998", "S2", 1, 4, 4, {}),
        ("lenet5-1998", "F7", 7, 0, 0, {}),
        ("lenet5", "C1", 0, 3, 3, {}),
        ("lenet5", "S4", 2, 1, 1, {}),
        ("lenet5", "F7", 1, 0, 0, {"output": "activation_softmax", "activation": "tanh"}),
        ("toolbox-cnn", "C3", 2, 1, 1, {}),
        ("simple-cnn", "F3", 7, 0, 0, {}),
    ],
)
def test_markdown_holds_the_formulas_and_the_numbers(preset, layer, index, r, c, options):
    d = _derivation(preset, layer, index, r, c, **options)
    text = to_markdown(d)
    assert text.startswith(f"# {d.unit_label}")
    assert _balanced(text)
    for heading in ("## Forward", r"## $\delta(u)$", "## Check against the engine"):
        assert heading in text
    assert num(d.forward.u.recomputed) in text
    assert num(d.delta.delta_u.recomputed) in text
    if d.params is not None:
        assert num(d.params.delta_b.recomputed) in text
    for check in d.checks:  # the check table: every value's label
        assert f"| {check.label}" in text


def test_markdown_names_the_c3_table_and_the_seed_000_picture():
    c3 = to_markdown(_derivation("lenet5-1998", "C3", 0, 0, 0))
    assert "reads S2 maps 0, 1, 2 only; maps 3, 4, 5 are not connected" in c3
    s2 = to_markdown(_derivation("lenet5-1998", "S2", 0, 5, 5))
    assert "do not read this map under the connection table" in s2
    assert r"\mathrm{rot180}" in s2 and r"\odot" in s2
    mean = to_markdown(_derivation("toolbox-cnn", "C3", 0, 0, 0))
    assert r"\otimes \mathbf{1}_{2\times2}" in mean
    assert "more terms" in mean


def test_numbers_are_latex():
    assert num(1.5e-05) == r"1.5 \times 10^{-5}"
    assert num(-0.0) == "0"
    assert num(0.125) == "0.125"


def test_markdown_labels_the_probe_and_the_optimisers_batch():
    net = build_network("lenet5-1998", dtype=np.float64, seed=4)
    rng = np.random.default_rng(5)
    x = rng.standard_normal((1, 1, 32, 32))
    trace = net.forward(x)
    grads = net.backward(trace, [7])
    bt = net.forward(rng.standard_normal((3, 1, 32, 32)))
    bg = net.backward(bt, [1, 2, 3])
    d = derive_unit(net, trace, grads, [7], "C1", 2, 5, 5, batch=(bt, bg))
    text = to_markdown(d)
    assert "for the probe image" in text
    assert "for the batch of 3 the optimiser used" in text
    assert d.batch_params is not None and num(d.batch_params.delta_b.recomputed) in text


def test_markdown_of_a_max_pool_unit_names_the_position_that_received_delta():
    d = _derivation("lenet5", "S2", 3, 6, 6)
    text = to_markdown(d)
    assert "## Down to C1" in text and "receives" in text
    assert d.pool_down is not None
    assert num(d.pool_down.delta_u) in text
    mean = to_markdown(_derivation("toolbox-cnn", "S4", 1, 2, 2))
    assert "seed 000's picture" in mean
