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

from .workspace import FRESH, Buffers

Corners = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
# the input shape, then the routing masks: a >= b, c >= d, max(a, b) >= max(c, d)
MaxPoolCache = tuple[tuple[int, ...], np.ndarray, np.ndarray, np.ndarray]
SubsampleCache = tuple[tuple[int, ...], np.ndarray]  # input shape, window sums


def _corners(x: np.ndarray) -> Corners:
    """The four window positions of (C, H, W, N) as views, in row-major order."""
    return x[:, 0::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 0::2], x[:, 1::2, 1::2]


def _check_even(x: np.ndarray) -> None:
    if x.shape[1] % 2 or x.shape[2] % 2:
        raise ValueError(f"2x2 subsampling needs even height and width, got {x.shape[1:3]}")


def max_pool_forward(
    x: np.ndarray, ws: Buffers = FRESH, name: str = "pool"
) -> tuple[np.ndarray, MaxPoolCache]:
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


def max_pool_values(x: np.ndarray, ws: Buffers = FRESH, name: str = "pool") -> np.ndarray:
    """x (C, H, W, N) -> s (C, H/2, W/2, N) without the routing masks (inference only)."""
    _check_even(x)
    a, b, c, d = _corners(x)
    ab = ws.empty(name + ".ab", a.shape, x.dtype)
    s = ws.empty(name + ".s", a.shape, x.dtype)
    np.maximum(a, b, out=ab)
    np.maximum(c, d, out=s)
    return np.maximum(ab, s, out=s)


def max_pool_backward(
    delta_u: np.ndarray, cache: MaxPoolCache, ws: Buffers = FRESH, name: str = "pool"
) -> np.ndarray:
    """delta_u (C, H/2, W/2, N) -> delta_f_prev (C, H, W, N): each delta to its window's
    first maximum."""
    x_shape, first_ab, first_cd, top = cache
    delta_f_prev = ws.empty(name + ".dx", x_shape, delta_u.dtype)
    da, db, dc, dd = _corners(delta_f_prev)
    # the top row's share goes to a if a >= b else b; the bottom row's to c if c >= d else d
    np.multiply(delta_u, top, out=db)
    np.subtract(delta_u, db, out=dd)
    np.multiply(db, first_ab, out=da)
    db -= da
    np.multiply(dd, first_cd, out=dc)
    dd -= dc
    return delta_f_prev


def mean_pool_forward(
    x: np.ndarray, ws: Buffers = FRESH, name: str = "pool"
) -> tuple[np.ndarray, tuple[int, ...]]:
    """x (C, H, W, N) -> s (C, H/2, W/2, N) = window mean, cache (the input shape)."""
    _check_even(x)
    s = window_sum(x, ws, name)
    s *= 0.25
    return s, x.shape


def mean_pool_backward(
    delta_u: np.ndarray, cache: tuple[int, ...], ws: Buffers = FRESH, name: str = "pool"
) -> np.ndarray:
    """delta_u (C, H/2, W/2, N) -> delta_f_prev (C, H, W, N) = delta_u/4 on every window
    position."""
    return _spread(delta_u * 0.25, cache, ws, name)


def window_sum(x: np.ndarray, ws: Buffers = FRESH, name: str = "pool") -> np.ndarray:
    """x (C, H, W, N) -> (C, H/2, W/2, N), the sum of each 2x2 window."""
    a, b, c, d = _corners(x)
    s = ws.empty(name + ".s", a.shape, x.dtype)
    np.add(a, b, out=s)
    s += c
    s += d
    return s


def _spread(v: np.ndarray, x_shape: tuple[int, ...], ws: Buffers, name: str) -> np.ndarray:
    """v (C, H/2, W/2, N) -> (C, H, W, N) with v copied to all four window positions."""
    out = ws.empty(name + ".dx", x_shape, v.dtype)
    for view in _corners(out):
        view[...] = v
    return out


def subsample_forward(
    x: np.ndarray, coef: np.ndarray, bias: np.ndarray, ws: Buffers = FRESH, name: str = "pool"
) -> tuple[np.ndarray, SubsampleCache]:
    """Trainable subsampling: x (C, H, W, N), coef (C,), bias (C,) -> u (C, H/2, W/2, N).

    u = coef * (sum of the 2x2 window) + bias, one coefficient and bias per map.
    """
    _check_even(x)
    total = window_sum(x, ws, name + ".sum")
    u = ws.empty(name + ".u", total.shape, x.dtype)
    np.multiply(total, coef[:, None, None, None], out=u)
    u += bias[:, None, None, None]
    return u, (x.shape, total)


def subsample_backward(
    delta_u: np.ndarray, cache: SubsampleCache, coef: np.ndarray, ws: Buffers = FRESH,
    name: str = "pool",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """delta_u (C, H/2, W/2, N) -> delta_f_prev (C, H, W, N), delta_coef (C,), delta_b (C,)."""
    x_shape, total = cache
    c = delta_u.shape[0]
    delta_u2 = delta_u.reshape(c, -1)
    ones = np.ones(delta_u2.shape[1], dtype=delta_u.dtype)
    delta_coef = (delta_u2 * total.reshape(c, -1)) @ ones
    delta_b = delta_u2 @ ones
    delta_f_prev = _spread(delta_u * coef[:, None, None, None], x_shape, ws, name)
    return delta_f_prev, delta_coef, delta_b


# ---- references: plain loops, paper layout (N, C, H, W) ----


def max_pool_reference(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x (N, C, H, W) -> s (N, C, H/2, W/2), mask (N, C, H, W) of the routed positions."""
    n, c, h, w = x.shape
    s = np.zeros((n, c, h // 2, w // 2), dtype=x.dtype)
    mask = np.zeros_like(x)
    for i_n in range(n):
        for k in range(c):
            for i in range(h // 2):
                for j in range(w // 2):
                    best, where = x[i_n, k, 2 * i, 2 * j], (2 * i, 2 * j)
                    for r in range(2):
                        for t in range(2):
                            v = x[i_n, k, 2 * i + r, 2 * j + t]
                            if v > best:  # strict: the first maximum wins ties
                                best, where = v, (2 * i + r, 2 * j + t)
                    s[i_n, k, i, j] = best
                    mask[i_n, k, where[0], where[1]] = 1
    return s, mask


def max_pool_backward_reference(delta_u: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """delta(c)[i,j] = msk[i,j] * delta(s)[floor(i/2), floor(j/2)] (seed 004)."""
    up = np.repeat(np.repeat(delta_u, 2, axis=2), 2, axis=3)
    return mask * up


def mean_pool_reference(x: np.ndarray) -> np.ndarray:
    """x (N, C, H, W) -> s (N, C, H/2, W/2), the window means."""
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


def mean_pool_backward_reference(delta_u: np.ndarray) -> np.ndarray:
    """Seed 000: delta expanded by the Kronecker product with a 2x2 block of ones, / 4."""
    n, c, h, w = delta_u.shape
    out = np.zeros((n, c, h * 2, w * 2), dtype=delta_u.dtype)
    for i_n in range(n):
        for k in range(c):
            out[i_n, k] = np.kron(delta_u[i_n, k], np.ones((2, 2), dtype=delta_u.dtype)) / 4
    return out


def subsample_reference(x: np.ndarray, coef: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """u[n,k,i,j] = coef[k] * sum of the window + bias[k]."""
    return mean_pool_reference(x) * 4 * coef[None, :, None, None] + bias[None, :, None, None]


def subsample_backward_reference(
    delta_u: np.ndarray, x: np.ndarray, coef: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """delta_u (N, C, H/2, W/2), x (N, C, H, W) -> delta_f_prev, delta_coef (C,), delta_b."""
    n, c, h, w = x.shape
    delta_coef = np.zeros(c, dtype=delta_u.dtype)
    delta_b = np.zeros(c, dtype=delta_u.dtype)
    delta_f_prev = np.zeros_like(x)
    for i_n in range(n):
        for k in range(c):
            for i in range(h // 2):
                for j in range(w // 2):
                    d = delta_u[i_n, k, i, j]
                    window = x[i_n, k, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
                    delta_coef[k] += d * window.sum()
                    delta_b[k] += d
                    delta_f_prev[i_n, k, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2] += d * coef[k]
    return delta_f_prev, delta_coef, delta_b
