"""The seeds' worked examples reproduced: seed 003's tiny network, seed 000's mean-pool
expansion, seed 004's C3 table."""

from __future__ import annotations

import numpy as np
import pytest

from engine import c3_table
from engine.explain import (
    example_markdown,
    seed000_expansion,
    seed003_example,
    seed003_forward,
    seed003_loss,
    seed003_params,
    seed004_c3_table,
)
from engine.explain.seed003 import LEARNING_RATE

SEED_FORWARD = {  # the forward values seed 003 prints, as printed
    "out_{C1}": "0.625", "out_{C2}": "0.629", "out_{C3}": "0.384", "out_{C4}": "0.380",
    "out_{f_1}": "0.608", "out_{f_2}": "0.392", "out_1": "0.706", "out_2": "0.294",
}


def test_seed003_forward_values_equal_the_seeds_to_its_printed_precision():
    example = seed003_example()
    for symbol, printed in SEED_FORWARD.items():
        step = example.step(symbol)
        assert step.stage == "forward" and step.seed_text == printed
        decimals = len(printed.split(".")[1])
        if symbol == "out_{C3}":  # the seed cut 0.38462 to 0.384 instead of rounding
            assert round(step.value, decimals) == 0.385
            assert abs(step.value - float(printed)) < 10.0 ** -decimals
            assert step.agrees is False and "instead of rounding" in step.note
        else:
            assert round(step.value, decimals) == float(printed), symbol
            assert step.agrees


def test_seed003_network_is_the_seeds():
    fw = seed003_forward(seed003_params())
    np.testing.assert_allclose(fw["u_c"], [[0.51, 0.53], [-0.47, -0.49]], atol=1e-15)
    assert fw["pooled"][0] == fw["out_c"][0, 1] and fw["pooled"][1] == fw["out_c"][1, 0]
    np.testing.assert_allclose(fw["out"].sum(), 1.0)


def _numeric_gradients() -> dict[str, np.ndarray]:
    p = seed003_params()
    out = {}
    for name in ("k", "kb", "wh", "bh", "wo", "bo"):
        g = np.zeros_like(p[name])
        for idx in np.ndindex(p[name].shape):
            plus = {k: v.copy() for k, v in p.items()}
            minus = {k: v.copy() for k, v in p.items()}
            plus[name][idx] += 1e-6
            minus[name][idx] -= 1e-6
            g[idx] = (seed003_loss(plus) - seed003_loss(minus)) / 2e-6
        out[name] = g
    return out


def test_seed003_updates_follow_finite_differences():
    """The example's own numbers are the truth the seed's are judged by: check them."""
    example = seed003_example()
    updates = [s for s in example.steps if s.stage == "update"]
    assert len(updates) == 6 + 6 + 8
    p = seed003_params()
    grads = _numeric_gradients()
    out_layer, hidden, conv = updates[:6], updates[6:12], updates[12:]
    expected_out = list(p["wo"].reshape(-1) - LEARNING_RATE * grads["wo"].reshape(-1))
    expected_out += list(p["bo"] - LEARNING_RATE * grads["bo"])
    expected_hidden = list(p["wh"].reshape(-1) - LEARNING_RATE * grads["wh"].reshape(-1))
    expected_hidden += list(p["bh"] - LEARNING_RATE * grads["bh"])
    new_k = p["k"] - LEARNING_RATE * grads["k"]
    new_kb = p["kb"] - LEARNING_RATE * grads["kb"]
    expected_conv = [*new_k[0], new_kb[0], *new_k[1], new_kb[1]]
    for steps, expected in ((out_layer, expected_out), (hidden, expected_hidden),
                            (conv, expected_conv)):
        np.testing.assert_allclose([s.value for s in steps], expected, atol=1e-9)


def test_seed003_names_the_seeds_slips_line_by_line():
    example = seed003_example()
    wrong = {(s.stage, s.symbol) for s in example.disagreements}
    assert ("update", "w_4") in wrong  # output layer w4 = -0.258, the seed repeats -0.189
    assert ("backward", "coef_{f_1}") in wrong and ("backward", "coef_{f_2}") in wrong
    assert ("update", "b_2") in wrong  # the conv bias's lost minus sign
    for step in example.disagreements:
        assert step.note, step.symbol  # every disagreement says where and why
    coef_f1 = example.step("coef_{f_1}")
    assert coef_f1.value == pytest.approx(-0.013988, abs=1e-6)
    assert "forward pass" in coef_f1.note
    first = [s for s in example.steps if s.symbol == "w_2"][0]  # output layer's w2
    assert first.agrees and "formula slip" in first.note
    text = example_markdown(example)
    assert "| update |" in text and "**no**" in text and "-0.294" in text


def test_seed000_expansion_is_the_engines_mean_pool_backward():
    e = seed000_expansion()
    assert e.delta.shape == (4, 4) and e.seed_expansion.shape == (8, 8)
    assert e.seed_expansion[0, 0] == e.seed_expansion[1, 1] == 0.3517  # the seed's 'ans'
    assert e.seed_expansion[7, 6] == 0.1299
    np.testing.assert_allclose(e.engine_expansion, e.seed_expansion / 4, atol=1e-15)
    assert "/ 4" in e.text


def test_seed004_c3_table_comes_out_of_the_engine():
    t = seed004_c3_table()
    np.testing.assert_array_equal(t.engine_table, c3_table().T)
    assert int(t.engine_table.sum()) == 60
    assert t.differences == ((5, 13),)  # the seed's list repeats (5,14)
    assert "(5,13)" in t.text and " X" in t.text
