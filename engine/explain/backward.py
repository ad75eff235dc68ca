"""delta(u) of one unit: from the loss at the output, else delta(f) from the layer above
(seed 004, "Gradient in Layer ..."), times f'(u)."""

from __future__ import annotations

import numpy as np

from .context import Unit, index_label, weighted_sum
from .functions import activate, derivative, softmax
from .types import (
    ArrayCheck,
    Check,
    ConvContribution,
    ConvRoute,
    DeltaStep,
    DenseRoute,
    OutputRoute,
    PoolDown,
    PoolRoute,
    Route,
    Term,
)

KERNEL = 5


def delta_step(unit: Unit) -> DeltaStep:
    engine_du = float(unit.delta_u()[unit.key])
    if unit.spec.is_output:
        return _output_step(unit, engine_du)
    nxt = unit.next_spec
    assert nxt is not None
    route, delta_f, formula = _route(unit)
    engine_df = float(unit.delta_f_prev(nxt.name)[unit.key])
    act = unit.spec.activation
    f_prime = derivative(act, float(unit.u()[unit.key])) if act else None
    if f_prime is None:
        formula += r", \quad \delta(u) = \delta(f)"
        du = delta_f
    else:
        formula += r", \quad \delta(u) = \delta(f)\, f'(u)"
        du = delta_f * f_prime
    return DeltaStep(route, formula, Check("delta(f)", delta_f, engine_df), f_prime,
                     Check("delta(u)", du, engine_du))


def _route(unit: Unit) -> tuple[Route, float, str]:
    """How delta(f) of the unit arrives from the layer above: the route, its value, formula."""
    nxt = unit.next_spec
    assert nxt is not None
    if nxt.kind == "pool":
        pool = _pool_route(unit)
        return (pool, pool.delta_next * float(pool.share[pool.position]),
                _POOL_FORMULA[pool.pool])
    if nxt.kind == "conv" and nxt.is_map:
        conv = _conv_route(unit)
        formula = (r"\delta(f^{(k)}_{p,q}) = \sum_{m} \sum_{r,s} \delta(u^{(m)}_{p-r,\,q-s})\,"
                   r"w^{(m,k)}_{r,s} = \sum_m \mathrm{full}(\delta(u^{(m)}),"
                   r" \mathrm{rot180}(w^{(m,k)}))_{p,q}")
        return conv, float(sum(c.total for c in conv.contributions)), formula
    dense = _dense_route(unit)
    return dense, dense.weighted.total, r"\delta(f_i) = \sum_j w_{j,i}\,\delta(u_j)"


_POOL_FORMULA = {
    "max": r"\delta(f_{2i+a,\,2j+b}) = msk_{2i+a,\,2j+b}\; \delta(u^{S}_{i,j})",
    "mean": r"\delta(f) = \tfrac{1}{4}\, \delta(u^{S}) \otimes \mathbf{1}_{2\times 2}",
    "trainable": r"\delta(f_{2i+a,\,2j+b}) = a^{(k)}\, \delta(u^{S}_{i,j})",
}


def _output_step(unit: Unit, engine_du: float) -> DeltaStep:
    """softmax + CE: (a - y)/N; sigmoid + squared error: (f(u) - y) f'(u)/N;
    f(F7) then softmax: (a - y) f'(u)/N."""
    mode = unit.output_kind
    j = unit.index
    n = unit.batch_size
    y = 1.0 if int(unit.labels[unit.sample]) == j else 0.0
    u_all = unit.u()
    act = unit.spec.activation
    u = float(u_all[j])
    if mode == "softmax":
        a = float(softmax(u_all)[j])
        f_prime = None
        formula = r"\delta(u_j) = \frac{1}{N}(a_j - y_j)"
    elif mode == "sigmoid_mse":
        a = activate("sigmoid", u)
        f_prime = derivative("sigmoid", u)
        formula = r"\delta(u_j) = \frac{1}{N}(f(u_j) - y_j)\, f'(u_j)"
    else:
        assert act is not None
        a = float(softmax(np.array([activate(act, float(v)) for v in u_all]))[j])
        f_prime = derivative(act, u)
        formula = (r"\delta(u_j) = \frac{1}{N}(a_j - y_j)\, f'(u_j),"
                   r" \quad a = \mathrm{softmax}(f(u))")
    du = (a - y) / n * (1.0 if f_prime is None else f_prime)
    return DeltaStep(OutputRoute(mode, a, y, n), formula, None, f_prime,
                     Check("delta(u)", du, engine_du))


def _dense_route(unit: Unit) -> DenseRoute:
    """sum_j w[j, i] delta(u_j) over the units j of the fully connected layer above."""
    nxt = unit.next_spec
    assert nxt is not None
    w = unit.param(nxt.name, "weight")
    w = w.reshape(w.shape[0], -1)
    shape = unit.spec.out_shape
    flat = int(np.ravel_multi_index(unit.key, shape))
    d_next = unit.delta_u(nxt.name)
    me = index_label(shape, flat)
    terms = [
        Term(f"w[{j},{me}]", f"delta(u[{j}])", float(w[j, flat]),
             float(d_next[j]))
        for j in range(w.shape[0])
    ]
    return DenseRoute(nxt.name, weighted_sum(terms, unit.top))


def _share(pool: str, window: np.ndarray, coef: float | None) -> np.ndarray:
    """Per unit of the pool's delta(u), what each window position receives."""
    if pool == "max":
        share = np.zeros((2, 2))
        share[np.unravel_index(int(np.argmax(window)), (2, 2))] = 1.0  # first maximum wins
        return share
    if pool == "mean":
        return np.full((2, 2), 0.25)
    assert coef is not None
    return np.full((2, 2), coef)


def pool_down(unit: Unit) -> PoolDown | None:
    """A subsampling unit's delta(u) sent down to its 2x2 window, beside the engine's."""
    if unit.spec.kind != "pool":
        return None
    k, i, j = unit.key
    pool = unit.spec.pool or "max"
    window = unit.layer_input()[unit.sample, k, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
    coef = float(unit.param(unit.name, "coef")[k]) if pool == "trainable" else None
    share = _share(pool, window, coef)
    du = float(unit.delta_u()[unit.key])
    engine = unit.delta_f_prev(unit.name)[k, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
    expanded = np.kron(unit.delta_u()[k], np.ones((2, 2))) / 4.0 if pool == "mean" else None
    return PoolDown(pool, window, share, du, ArrayCheck("delta(f_prev)", share * du, engine),
                    expanded)


def _pool_route(unit: Unit) -> PoolRoute:
    """The 2x2 window of the subsampling layer above that holds this unit."""
    nxt = unit.next_spec
    assert nxt is not None
    k, r, c = unit.key
    i, j = r // 2, c // 2
    window = unit.f()[k, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
    d_next_map = unit.delta_u(nxt.name)[k]
    pool = nxt.pool or "max"
    coef = float(unit.param(nxt.name, "coef")[k]) if pool == "trainable" else None
    share = _share(pool, window, coef)
    expanded = np.kron(d_next_map, np.ones((2, 2))) / 4.0 if pool == "mean" else None
    return PoolRoute(nxt.name, pool, (i, j), (r % 2, c % 2), float(d_next_map[i, j]), window,
                     share, coef, expanded)


def _conv_route(unit: Unit) -> ConvRoute:
    """delta(f[k, p, q]) = sum over next maps m connected to k of the 5x5 window of
    delta(u[m]) ending at (p, q) times the 180-degree-rotated kernel w[m, k]."""
    nxt = unit.next_spec
    assert nxt is not None
    k, p, q = unit.key
    w = unit.param(nxt.name, "weight")
    d_next = unit.delta_u(nxt.name)
    pad = np.pad(d_next, ((0, 0), (KERNEL - 1, KERNEL - 1), (KERNEL - 1, KERNEL - 1)))
    contributions = []
    skipped = []
    for m in range(w.shape[0]):
        if k not in unit.connected(m, nxt):
            skipped.append(m)
            continue
        # padded row p + a holds delta(u) row p - (K-1) + a, i.e. p - r with r = K-1-a
        window = pad[m, p : p + KERNEL, q : q + KERNEL]
        contributions.append(ConvContribution(m, window, np.rot90(w[m, k], 2)))
    return ConvRoute(nxt.name, tuple(contributions), tuple(skipped))
