"""Fully connected layer over feature-major activations: u = W x + b, x (in, N).

W is stored (out, in) as in the paper. delta_w = delta_u x^T, delta_b = delta_u @ ones,
delta_f_prev = W^T delta_u (seed 004, "Gradient in Layer F7/F6").
"""

from __future__ import annotations

import numpy as np

from .workspace import FRESH, Buffers


def dense_forward(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, ws: Buffers = FRESH, name: str = "dense"
) -> tuple[np.ndarray, np.ndarray]:
    """x (in, N), w (out, in), b (out,) -> u (out, N), cache (the input x)."""
    u = ws.empty(name + ".u", (w.shape[0], x.shape[1]), x.dtype)
    np.matmul(w, x, out=u)
    u += b[:, None]
    return u, x


def dense_backward(
    delta_u: np.ndarray, cache: np.ndarray, w: np.ndarray, need_delta_f_prev: bool = True,
    ws: Buffers = FRESH, name: str = "dense",
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """delta_u (out, N) -> (delta_f_prev (in, N) or None, delta_w (out, in), delta_b (out,))."""
    x = cache
    delta_w = delta_u @ x.T
    ones = ws.empty(name + ".ones", (delta_u.shape[1],), delta_u.dtype)
    ones.fill(1)
    delta_b = delta_u @ ones
    delta_f_prev = None
    if need_delta_f_prev:
        delta_f_prev = ws.empty(name + ".dx", x.shape, delta_u.dtype)
        np.matmul(w.T, delta_u, out=delta_f_prev)
    return delta_f_prev, delta_w, delta_b


# ---- references: plain loops, paper layout x (N, in) ----


def dense_forward_reference(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x (N, in), w (out, in), b (out,) -> u (N, out)."""
    n, (out_dim, in_dim) = x.shape[0], w.shape
    u = np.zeros((n, out_dim), dtype=x.dtype)
    for i in range(n):
        for o in range(out_dim):
            u[i, o] = b[o] + sum(w[o, j] * x[i, j] for j in range(in_dim))
    return u


def dense_backward_reference(
    delta_u: np.ndarray, x: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """delta_u (N, out), x (N, in), w (out, in) -> delta_f_prev (N, in), delta_w, delta_b."""
    n, (out_dim, in_dim) = x.shape[0], w.shape
    delta_w = np.zeros_like(w)
    delta_b = np.zeros(out_dim, dtype=delta_u.dtype)
    delta_f_prev = np.zeros_like(x)
    for i in range(n):
        for o in range(out_dim):
            delta_b[o] += delta_u[i, o]
            for j in range(in_dim):
                delta_w[o, j] += delta_u[i, o] * x[i, j]
                delta_f_prev[i, j] += delta_u[i, o] * w[o, j]
    return delta_f_prev, delta_w, delta_b
