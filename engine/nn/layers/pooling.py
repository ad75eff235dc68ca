"""2x2, stride-2 subsampling in its three forms (lenet5.md section 1).

The fast versions take maps as (C, H, W, N) and work on the four strided views of the input
(one per window position) instead of reshaping, so nothing is copied but the result.

* max:       s = max(window); backward routes delta to the one position that held the
             maximum, the first in row-major order on ties (seed 004's mask `msk`).
* mean:      s = mean(window); backward spreads delta/4 over the window (seed 000).
* trainable: u = a * sum(window) + b per map (1998); the activation is applied by the network.
"""

from __future__ import annotations

import numpy as np

from .workspace import FRESH


def _corners(x):
    """The four window positions of (C, H, W, N) as views, in row-major order."""
    return x[:, 0::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 0::2], x[:, 1::2, 1::2]


def _check_even(x):
    if x.shape[1] % 2 or x.shape[2] % 2:
        raise ValueError(f"2x2 subsampling needs even height and width, got {x.shape[1:3]}")


def max_pool_forward(x, ws=FRESH, name="pool"):
    """x (C, H, W, N) -> s (C, H/2, W/2, N), cache of the routing masks."""
    _check_even(x)
    a, b, c, d = _corners(x)
    shape = a.shape
    first_ab = ws.empty(name + ".m_ab", shape, np.bool_)
    first_cd = ws.empty(name + ".m_cd", shape, np.bool_)
    top = ws.empty(name + ".m_top", shape, np.bool_)
    ab = ws.empty(name + ".ab", shape, x.dtype)
    s = ws.empty(name + ".s", shape, x.dtype)
    np.greater_equal(a, b, out=first_ab)
    np.greater_equal(c, d, out=first_cd)
    np.maximum(a, b, out=ab)
    np.maximum(c, d, out=s)  # cd, then the result in place
    np.greater_equal(ab, s, out=top)
    np.maximum(ab, s, out=s)
    return s, (x.shape, first_ab, first_cd, top)


def max_pool_backward(ds, cache, ws=FRESH, name="pool"):
    """ds (C, H/2, W/2, N) -> dx (C, H, W, N): each delta to its window's first maximum."""
    x_shape, first_ab, first_cd, top = cache
    dx = ws.empty(name + ".dx", x_shape, ds.dtype)
    da, db, dc, dd = _corners(dx)
    # the top row's share goes to a if a >= b else b; the bottom row's to c if c >= d else d
    np.multiply(ds, top, out=db)
    np.subtract(ds, db, out=dd)
    np.multiply(db, first_ab, out=da)
    db -= da
    np.multiply(dd, first_cd, out=dc)
    dd -= dc
    return dx


def mean_pool_forward(x, ws=FRESH, name="pool"):
    """x (C, H, W, N) -> s (C, H/2, W/2, N) = window mean, cache."""
    _check_even(x)
    s = window_sum(x, ws, name)
    s *= 0.25
    return s, x.shape


def mean_pool_backward(ds, cache, ws=FRESH, name="pool"):
    """ds (C, H/2, W/2, N) -> dx (C, H, W, N) = ds/4 on every window position."""
    return _spread(ds * 0.25, cache, ws, name)


def window_sum(x, ws=FRESH, name="pool"):
    a, b, c, d = _corners(x)
    s = ws.empty(name + ".s", a.shape, x.dtype)
    np.add(a, b, out=s)
    s += c
    s += d
    return s


def _spread(v, x_shape, ws, name):
    dx = ws.empty(name + ".dx", x_shape, v.dtype)
    for view in _corners(dx):
        view[...] = v
    return dx


def subsample_forward(x, coef, bias, ws=FRESH, name="pool"):
    """Trainable subsampling: x (C, H, W, N), coef (C,), bias (C,) -> u (C, H/2, W/2, N).

    u = coef * (sum of the 2x2 window) + bias, one coefficient and bias per map.
    """
    _check_even(x)
    total = window_sum(x, ws, name + ".sum")
    u = ws.empty(name + ".u", total.shape, x.dtype)
    np.multiply(total, coef[:, None, None, None], out=u)
    u += bias[:, None, None, None]
    return u, (x.shape, total)


def subsample_backward(du, cache, coef, ws=FRESH, name="pool"):
    """du (C, H/2, W/2, N) -> dx (C, H, W, N), dcoef (C,), dbias (C,)."""
    x_shape, total = cache
    c = du.shape[0]
    du2 = du.reshape(c, -1)
    ones = np.ones(du2.shape[1], dtype=du.dtype)
    dcoef = (du2 * total.reshape(c, -1)) @ ones
    dbias = du2 @ ones
    dx = _spread(du * coef[:, None, None, None], x_shape, ws, name)
    return dx, dcoef, dbias


# ---- references: plain loops, paper layout (N, C, H, W) ----


def max_pool_reference(x):
    """x (N, C, H, W) -> s (N, C, H/2, W/2), mask (N, C, H, W) of the routed positions."""
    n, c, h, w = x.shape
    s = np.zeros((n, c, h // 2, w // 2), dtype=x.dtype)
    mask = np.zeros_like(x)
    for i_n in range(n):
        for k in range(c):
            for i in range(h // 2):
                for j in range(w // 2):
                    best, where = None, None
                    for r in range(2):
                        for t in range(2):
                            v = x[i_n, k, 2 * i + r, 2 * j + t]
                            if best is None or v > best:  # strict: first maximum wins ties
                                best, where = v, (2 * i + r, 2 * j + t)
                    s[i_n, k, i, j] = best
                    mask[i_n, k, where[0], where[1]] = 1
    return s, mask


def max_pool_backward_reference(ds, mask):
    """delta(c)[i,j] = msk[i,j] * delta(s)[floor(i/2), floor(j/2)] (seed 004)."""
    up = np.repeat(np.repeat(ds, 2, axis=2), 2, axis=3)
    return mask * up


def mean_pool_reference(x):
    n, c, h, w = x.shape
    s = np.zeros((n, c, h // 2, w // 2), dtype=x.dtype)
    for i in range(h // 2):
        for j in range(w // 2):
            s[:, :, i, j] = (
                x[:, :, 2 * i, 2 * j]
                + x[:, :, 2 * i, 2 * j + 1]
                + x[:, :, 2 * i + 1, 2 * j]
                + x[:, :, 2 * i + 1, 2 * j + 1]
            ) / 4
    return s


def mean_pool_backward_reference(ds):
    """Seed 000: delta expanded by the Kronecker product with a 2x2 block of ones, / 4."""
    out = np.zeros(ds.shape[:2] + (ds.shape[2] * 2, ds.shape[3] * 2), dtype=ds.dtype)
    for i_n in range(ds.shape[0]):
        for k in range(ds.shape[1]):
            out[i_n, k] = np.kron(ds[i_n, k], np.ones((2, 2), dtype=ds.dtype)) / 4
    return out


def subsample_reference(x, coef, bias):
    """u[n,k,i,j] = coef[k] * sum of the window + bias[k]."""
    return mean_pool_reference(x) * 4 * coef[None, :, None, None] + bias[None, :, None, None]


def subsample_backward_reference(du, x, coef):
    n, c, h, w = x.shape
    dcoef = np.zeros(c, dtype=du.dtype)
    dbias = np.zeros(c, dtype=du.dtype)
    dx = np.zeros_like(x)
    for i_n in range(n):
        for k in range(c):
            for i in range(h // 2):
                for j in range(w // 2):
                    d = du[i_n, k, i, j]
                    window = x[i_n, k, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
                    dcoef[k] += d * window.sum()
                    dbias[k] += d
                    dx[i_n, k, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2] += d * coef[k]
    return dx, dcoef, dbias
