"""The one place engine.explain reaches past the public API: the layer kernels themselves.

Seed 000's mean-pool expansion is shown as the engine's own backward kernel computes it;
when the layer modules move, only this import changes.
"""

from __future__ import annotations

import numpy as np

from engine.nn.layers import pooling


def mean_pool_backward(delta: np.ndarray) -> np.ndarray:
    """delta (H, W) of a mean-pooling layer -> delta (2H, 2W) of its input, by the engine."""
    d = np.asarray(delta, dtype=np.float64)
    h, w = d.shape
    internal = np.ascontiguousarray(d[None, :, :, None])  # (C, H, W, N), batch innermost
    dx = pooling.mean_pool_backward(internal, (1, 2 * h, 2 * w, 1))
    return np.array(dx[0, :, :, 0])
