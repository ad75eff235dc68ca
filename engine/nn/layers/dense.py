"""Fully connected layer over feature-major activations: u = W x + b, x (in, N).

W is stored (out, in) as in the paper. delta_w = delta_u x^T, delta_b = delta_u @ ones,
delta_f_prev = W^T delta_u (seed 004, "Gradient in Layer F7/F6").
"""

from __future__ import annotations

import numpy as np

from .workspace import FRESH


def dense_forward(x, w, b, ws=FRESH, name="dense"):
    """x (in, N), w (out, in), b (out,) -> u (out, N), cache."""
    u = ws.empty(name + ".u", (w.shape[0], x.shape[1]), x.dtype)
    np.matmul(w, x, out=u)
    u += b[:, None]
    return u, x


def dense_backward(du, cache, w, need_dx=True, ws=FRESH, name="dense"):
    """du (out, N) -> (dx (in, N) or None, dw (out, in), db (out,))."""
    x = cache
    dw = du @ x.T
    ones = ws.empty(name + ".ones", (du.shape[1],), du.dtype)
    ones.fill(1)
    db = du @ ones
    dx = None
    if need_dx:
        dx = ws.empty(name + ".dx", x.shape, du.dtype)
        np.matmul(w.T, du, out=dx)
    return dx, dw, db


# ---- references: plain loops, paper layout x (N, in) ----


def dense_forward_reference(x, w, b):
    n, (out_dim, in_dim) = x.shape[0], w.shape
    u = np.zeros((n, out_dim), dtype=x.dtype)
    for i in range(n):
        for o in range(out_dim):
            u[i, o] = b[o] + sum(w[o, j] * x[i, j] for j in range(in_dim))
    return u


def dense_backward_reference(du, x, w):
    n, (out_dim, in_dim) = x.shape[0], w.shape
    dw = np.zeros_like(w)
    db = np.zeros(out_dim, dtype=du.dtype)
    dx = np.zeros_like(x)
    for i in range(n):
        for o in range(out_dim):
            db[o] += du[i, o]
            for j in range(in_dim):
                dw[o, j] += du[i, o] * x[i, j]
                dx[i, j] += du[i, o] * w[o, j]
    return dx, dw, db
