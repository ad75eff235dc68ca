"""The forward step of one unit: u from the layer below (seed 004's formulas), then f(u)."""

from __future__ import annotations

import numpy as np

from .context import Unit, index_label, weighted_sum
from .functions import F_LATEX, activate, softmax
from .types import Check, ForwardStep, Term, WeightedSum

KERNEL = 5


def forward_step(unit: Unit) -> ForwardStep:
    spec = unit.spec
    if spec.kind == "pool":
        return _pool_step(unit)
    if spec.kind == "conv" and spec.is_map:
        return _conv_step(unit)
    return _dense_step(unit)


def _conv_step(unit: Unit) -> ForwardStep:
    """u = sum_k sum_{a,b} w[m,k,a,b] x[k, i+a, j+b] + b[m] over the connected input maps."""
    m, i, j = unit.index, unit.row, unit.col
    x = unit.layer_input()[unit.sample]
    w = unit.param(unit.name, "weight")[m]
    used = unit.connected(m, unit.spec)
    skipped = tuple(k for k in range(w.shape[0]) if k not in used)
    src = unit.input_name()
    terms = [
        Term(f"w[{k},{a},{b}]", f"{src}[{k},{i + a},{j + b}]", float(w[k, a, b]),
             float(x[k, i + a, j + b]))
        for k in used for a in range(KERNEL) for b in range(KERNEL)
    ]
    bias = float(unit.param(unit.name, "bias")[m])
    formula = (
        r"u^{(m)}_{i,j} = \sum_{k} \sum_{a=0}^{4}\sum_{b=0}^{4} w^{(m,k)}_{a,b}\,"
        + src + r"^{(k)}_{i+a,\,j+b} + b^{(m)}"
    )
    return _finish(unit, "conv", formula, weighted_sum(terms, unit.top), None, None, bias,
                   used, skipped)


def _dense_step(unit: Unit) -> ForwardStep:
    """u_j = sum_i w_ji x_i + b_j (F6, F7; C5 reads its 16 5x5 maps as one vector)."""
    j = unit.index
    x_all = unit.layer_input()[unit.sample]
    shape = x_all.shape
    x = x_all.reshape(-1)
    w = unit.param(unit.name, "weight")[j].reshape(-1)
    src = unit.input_name()
    terms = [
        Term(f"w[{j},{index_label(shape, p)}]", f"{src}[{index_label(shape, p)}]",
             float(w[p]), float(x[p]))
        for p in range(x.size)
    ]
    bias = float(unit.param(unit.name, "bias")[j])
    formula = r"u_j = \sum_i w_{j,i}\," + src + r"_i + b_j"
    return _finish(unit, "dense", formula, weighted_sum(terms, unit.top), None, None, bias,
                   tuple(range(shape[0])) if len(shape) == 3 else (), ())


def _pool_step(unit: Unit) -> ForwardStep:
    """max, mean, or trainable a * (sum of the 2x2 window) + b."""
    k, i, j = unit.index, unit.row, unit.col
    x = unit.layer_input()[unit.sample]
    window = x[k, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
    pool = unit.spec.pool or "max"
    src = unit.input_name()
    cell = src + r"^{(k)}_{2i+a,\,2j+b}"
    coef: float | None = None
    bias: float | None = None
    if pool == "max":
        formula = r"u^{(k)}_{i,j} = \max_{a,b \in \{0,1\}} " + cell
    elif pool == "mean":
        formula = r"u^{(k)}_{i,j} = \tfrac{1}{4} \sum_{a,b \in \{0,1\}} " + cell
    else:
        coef = float(unit.param(unit.name, "coef")[k])
        bias = float(unit.param(unit.name, "bias")[k])
        formula = r"u^{(k)}_{i,j} = a^{(k)} \sum_{a,b \in \{0,1\}} " + cell + r" + b^{(k)}"
    return _finish(unit, pool, formula, None, window, coef, bias, (k,), ())


def _pool_u(kind: str, window: np.ndarray, coef: float | None, bias: float | None) -> float:
    if kind == "max":
        return float(window.max())
    if kind == "mean":
        return float(window.sum() / 4.0)
    assert coef is not None and bias is not None
    return coef * float(window.sum()) + bias


def _finish(
    unit: Unit,
    kind: str,
    formula: str,
    weighted: WeightedSum | None,
    window: np.ndarray | None,
    coef: float | None,
    bias: float | None,
    used: tuple[int, ...],
    skipped: tuple[int, ...],
) -> ForwardStep:
    """u recomputed, then f(u) (and the softmax probability at the output) beside the trace."""
    if weighted is not None:
        u_value = weighted.total + (bias or 0.0)
    else:
        assert window is not None
        u_value = _pool_u(kind, window, coef, bias)
    key = unit.key
    u_check = Check("u", u_value, float(unit.u()[key]))
    act = unit.spec.activation
    output = None
    if unit.spec.is_output:
        f_check, output = _output_checks(unit, u_value)
    else:
        f_value = activate(act, u_value) if act else u_value
        f_check = Check("f(u)", f_value, float(unit.f()[key]))
    if act:
        formula += r", \quad f(u) = " + F_LATEX[act]
    return ForwardStep(kind, formula, unit.input_name(), weighted, window, coef, bias, used,
                       skipped, u_check, act, f_check, output)


def _output_checks(unit: Unit, u_value: float) -> tuple[Check, Check | None]:
    """f(u) and the softmax probability a of an output unit, by the network's output kind."""
    mode = unit.output_kind
    j = unit.index
    u_all = unit.u()
    act = unit.spec.activation
    if mode == "softmax":  # no activation: the softmax of u is the output (trace.f holds it)
        a = float(softmax(u_all)[j])
        engine_a = float(unit.output()[j])
        return Check("f(u)", u_value, float(u_all[j])), Check("a = softmax(u)", a, engine_a)
    assert act is not None
    f_value = activate(act, u_value)
    f_check = Check("f(u)", f_value, float(unit.f()[j]))
    if mode == "sigmoid_mse":
        return f_check, None
    z = np.array([activate(act, float(v)) for v in u_all])
    a = float(softmax(z)[j])
    return f_check, Check("a = softmax(f(u))", a, float(unit.output()[j]))
