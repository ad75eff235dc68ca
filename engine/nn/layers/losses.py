"""Output losses; J is the mean over the batch, so every delta carries a 1/N.

* softmax + cross-entropy (seeds 003/004): J = -sum z_i log y_i, delta(u) = y - z.
* sigmoid + squared error (seeds 000/002): E = 1/2 sum (y - t)^2, delta(u) = (y - t) f'(u).
"""

from __future__ import annotations

import numpy as np


def softmax(u: np.ndarray) -> np.ndarray:
    """u (N, K) -> probabilities (N, K), shifted by the row max so exp cannot overflow."""
    e = np.exp(u - u.max(axis=1, keepdims=True))
    e /= e.sum(axis=1, keepdims=True)
    return e


def softmax_cross_entropy(
    logits: np.ndarray, labels: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """logits (N, K), labels (N,) -> (J, probs (N, K), dJ/dlogits (N, K))."""
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    rows = np.arange(n)
    loss = float(np.mean(log_norm - shifted[rows, labels]))
    probs = np.exp(shifted - log_norm[:, None])
    delta_logits = probs.copy()
    delta_logits[rows, labels] -= 1
    delta_logits /= n
    return loss, probs, delta_logits


def squared_error(y: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """y (N, K) outputs, labels (N,) -> (J, dJ/dy (N, K)) with one-hot targets."""
    n = y.shape[0]
    diff = y.copy()
    diff[np.arange(n), labels] -= 1
    loss = float(0.5 * np.sum(diff * diff) / n)
    diff /= n
    return loss, diff


def softmax_cross_entropy_reference(
    logits: np.ndarray, labels: np.ndarray
) -> tuple[float, np.ndarray]:
    """logits (N, K), labels (N,) -> (J, dJ/dlogits (N, K)), one row at a time."""
    n, k = logits.shape
    loss = 0.0
    delta_logits = np.zeros_like(logits)
    for i in range(n):
        m = max(logits[i])
        exps = [np.exp(v - m) for v in logits[i]]
        total = sum(exps)
        y = [e / total for e in exps]
        loss += -np.log(y[labels[i]])
        for j in range(k):
            delta_logits[i, j] = (y[j] - (1.0 if j == labels[i] else 0.0)) / n
    return float(loss / n), delta_logits
