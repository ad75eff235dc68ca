"""The activations and the softmax written out once more, straight from the seeds' formulas.

The derivation recomputes f(u) and f'(u) from u with these (the engine writes f' from f),
so the two paths check each other.
"""

from __future__ import annotations

import math

import numpy as np

SCALED_TANH_A = 1.7159
SCALED_TANH_S = 2.0 / 3.0

# LaTeX of f(u) and f'(u) per activation, as the seeds write them
F_LATEX: dict[str, str] = {
    "scaled_tanh": r"1.7159\,\tanh(\tfrac{2}{3}u)",
    "tanh": r"\tanh(u)",
    "sigmoid": r"\frac{1}{1+e^{-u}}",
    "relu": r"\max(0, u)",
}
F_PRIME_LATEX: dict[str, str] = {
    "scaled_tanh": r"1.7159 \cdot \tfrac{2}{3}\,(1 - \tanh^2(\tfrac{2}{3}u))",
    "tanh": r"1 - \tanh^2(u)",
    "sigmoid": r"f(u)\,(1 - f(u))",
    "relu": r"[u > 0]",
}


def activate(name: str, u: float) -> float:
    """f(u) for one of the engine's activations."""
    if name == "scaled_tanh":
        return SCALED_TANH_A * math.tanh(SCALED_TANH_S * u)
    if name == "tanh":
        return math.tanh(u)
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-u)) if u >= 0 else math.exp(u) / (1.0 + math.exp(u))
    if name == "relu":
        return max(0.0, u)
    raise ValueError(f"unknown activation {name!r}")


def derivative(name: str, u: float) -> float:
    """f'(u), computed from u."""
    if name == "scaled_tanh":
        t = math.tanh(SCALED_TANH_S * u)
        return SCALED_TANH_A * SCALED_TANH_S * (1.0 - t * t)
    if name == "tanh":
        t = math.tanh(u)
        return 1.0 - t * t
    if name == "sigmoid":
        s = activate("sigmoid", u)
        return s * (1.0 - s)
    if name == "relu":
        return 1.0 if u > 0 else 0.0
    raise ValueError(f"unknown activation {name!r}")


def softmax(z: np.ndarray) -> np.ndarray:
    """a_i = e^{z_i} / sum_k e^{z_k} (seed 003), shifted by max(z) so e^z cannot overflow."""
    e = np.exp(np.asarray(z, dtype=np.float64) - np.max(z))
    return e / e.sum()
