"""delta(w) and delta(b) of the unit's kernel or row, over the batch the trace holds.

Shared weights collect one term per position (seed 004): a conv kernel's delta(w) is the
correlation of the layer input with delta(u), its delta(b) the sum of delta(u).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .context import Unit
from .types import ArrayCheck, Check, ParamStep

KERNEL = 5


def param_step(unit: Unit, suffix: str = "") -> ParamStep | None:
    """The unit's kernel, row or coefficient gradients; `suffix` marks the checks' labels."""
    spec = unit.spec
    if spec.kind == "pool":
        step = _coef_step(unit) if spec.pool == "trainable" else None
    elif spec.kind == "conv" and spec.is_map:
        step = _kernel_step(unit)
    else:
        step = _row_step(unit)
    if step is None or not suffix:
        return step
    return dataclasses.replace(
        step,
        delta_w=dataclasses.replace(step.delta_w, label=step.delta_w.label + suffix),
        delta_b=dataclasses.replace(step.delta_b, label=step.delta_b.label + suffix),
    )


def _kernel_step(unit: Unit) -> ParamStep:
    """delta(w[m,k,a,b]) = sum_n sum_{i,j} delta(u[n,m,i,j]) x[n,k,i+a,j+b], connected k only."""
    m = unit.index
    x = unit.layer_input()  # (N, C, H, W)
    du = unit.delta_u_batch()[:, m]  # (N, Ho, Wo)
    ho, wo = du.shape[1:]
    dw = np.zeros((x.shape[1], KERNEL, KERNEL))
    for k in unit.connected(m, unit.spec):  # the table holds the other kernels at zero
        for a in range(KERNEL):
            for b in range(KERNEL):
                dw[k, a, b] = np.sum(du * x[:, k, a : a + ho, b : b + wo])
    src = unit.input_name()
    return ParamStep(
        formula_w=(r"\delta(w^{(m,k)}_{a,b}) = \sum_{i,j} \delta(u^{(m)}_{i,j})\,"
                   + src + r"^{(k)}_{i+a,\,j+b}"),
        formula_b=r"\delta(b^{(m)}) = \sum_{i,j} \delta(u^{(m)}_{i,j})",
        delta_w=ArrayCheck("delta(w)", dw, unit.grad(unit.name, "weight")[m]),
        delta_b=Check("delta(b)", float(du.sum()), float(unit.grad(unit.name, "bias")[m])),
        batch_size=unit.batch_size,
    )


def _row_step(unit: Unit) -> ParamStep:
    """delta(w[j, i]) = sum_n delta(u[n, j]) x[n, i]; delta(b[j]) = sum_n delta(u[n, j])."""
    j = unit.index
    x = unit.layer_input()
    x = x.reshape(x.shape[0], -1)
    du = unit.delta_u_batch()[:, j]
    engine_w = unit.grad(unit.name, "weight")[j]
    dw = (du[:, None] * x).sum(axis=0).reshape(engine_w.shape)
    src = unit.input_name()
    return ParamStep(
        formula_w=r"\delta(w_{j,i}) = \delta(u_j)\," + src + "_i",
        formula_b=r"\delta(b_j) = \delta(u_j)",
        delta_w=ArrayCheck("delta(w)", dw, engine_w),
        delta_b=Check("delta(b)", float(du.sum()), float(unit.grad(unit.name, "bias")[j])),
        batch_size=unit.batch_size,
    )


def _coef_step(unit: Unit) -> ParamStep:
    """delta(a[k]) = sum delta(u[k,i,j]) (sum of the window); delta(b[k]) = sum delta(u[k,i,j])."""
    k = unit.index
    x = unit.layer_input()[:, k]  # (N, H, W)
    window_sum = x[:, 0::2, 0::2] + x[:, 0::2, 1::2] + x[:, 1::2, 0::2] + x[:, 1::2, 1::2]
    du = unit.delta_u_batch()[:, k]
    src = unit.input_name()
    return ParamStep(
        formula_w=(r"\delta(a^{(k)}) = \sum_{i,j} \delta(u^{(k)}_{i,j}) \sum_{a,b} "
                   + src + r"^{(k)}_{2i+a,\,2j+b}"),
        formula_b=r"\delta(b^{(k)}) = \sum_{i,j} \delta(u^{(k)}_{i,j})",
        delta_w=ArrayCheck("delta(a)", np.array(np.sum(du * window_sum)),
                           np.array(unit.grad(unit.name, "coef")[k])),
        delta_b=Check("delta(b)", float(du.sum()), float(unit.grad(unit.name, "bias")[k])),
        batch_size=unit.batch_size,
    )
