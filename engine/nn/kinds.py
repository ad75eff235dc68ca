"""The table of layer kinds: for each, its parameters, their initial values, and the forward
and backward pass over the fast layout (maps (C, H, W, N), vectors (units, N)).

`Network` looks every layer up in `LAYER_KINDS` once and then only calls `forward` and
`backward`; a new kind of layer is one class here and one entry in the table.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .layers import conv, dense, pooling
from .layers.workspace import Buffers
from .specs import KERNEL, LayerSpec, weight_shape

Params = dict[str, np.ndarray]


class LayerKind:
    """One layer bound to its spec; `mask` (broadcastable to the weight) holds at zero the
    kernels a connection table leaves out. Kinds without parameters inherit this."""

    def __init__(self, spec: LayerSpec, mask: np.ndarray | None = None) -> None:
        self.spec = spec
        self.name = spec.name
        self.mask = mask

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        return {}

    def init_params(self, rng: np.random.Generator, scheme: str) -> Params:
        """Fresh float64 parameters; `scheme` is NetworkConfig.init."""
        return {}

    def forward(self, x: np.ndarray, params: Params, ws: Buffers) -> tuple[np.ndarray, Any]:
        """x (the layer input, fast layout) -> (u, cache)."""
        raise NotImplementedError

    def infer(self, x: np.ndarray, params: Params, ws: Buffers) -> np.ndarray:
        """x -> u, keeping nothing for a backward pass."""
        return self.forward(x, params, ws)[0]

    def backward(self, delta_u: np.ndarray, cache: Any, params: Params, need_delta_f_prev: bool,
                 ws: Buffers) -> tuple[np.ndarray | None, Params]:
        """delta_u (u's shape) -> (delta_f_prev (the input's shape) or None, dJ/dparam)."""
        raise NotImplementedError

    def choices(self, cache: Any) -> list[np.ndarray]:
        """The discrete choices a forward pass made (none but for max-pooling's routes)."""
        return []


class _Weighted(LayerKind):
    """A layer with a weight and a bias per output unit (convolutions, dense layers)."""

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        shape = weight_shape(self.spec)
        return {f"{self.name}.weight": shape, f"{self.name}.bias": (shape[0],)}

    def init_params(self, rng: np.random.Generator, scheme: str) -> Params:
        """1998: uniform +-2.4/fan_in; modern: He (ReLU) or LeCun normal."""
        shape = weight_shape(self.spec)
        if self.mask is None:
            fan = np.full(shape[0], float(np.prod(shape[1:])))
        else:  # only the connected input maps feed a unit
            connected = self.mask.reshape(shape[0], -1).sum(axis=1)
            fan = (connected * KERNEL * KERNEL).astype(float)
        fan_in = fan.reshape((-1,) + (1,) * (len(shape) - 1))
        if scheme == "lecun1998":
            w = rng.uniform(-1.0, 1.0, size=shape) * (2.4 / fan_in)
        else:
            gain = 2.0 if self.spec.activation == "relu" else 1.0
            w = rng.standard_normal(size=shape) * np.sqrt(gain / fan_in)
        if self.mask is not None:
            w *= self.mask
        return {f"{self.name}.weight": w, f"{self.name}.bias": np.zeros(shape[0])}


class Conv(_Weighted):
    """Valid 5x5 convolution producing maps (C1, C3)."""

    def forward(self, x: np.ndarray, params: Params, ws: Buffers) -> tuple[np.ndarray, Any]:
        wm = conv.weight_to_matrix(params[f"{self.name}.weight"])
        u, cache = conv.conv_forward(x, wm, params[f"{self.name}.bias"], KERNEL, ws, self.name)
        return u, (cache, wm)

    def backward(self, delta_u: np.ndarray, cache: Any, params: Params, need_delta_f_prev: bool,
                 ws: Buffers) -> tuple[np.ndarray | None, Params]:
        conv_cache, wm = cache
        delta_f_prev, delta_wm, delta_b = conv.conv_backward(
            delta_u, conv_cache, wm, need_delta_f_prev, ws, self.name
        )
        delta_w = conv.matrix_to_weight(delta_wm, self.spec.in_shape[0], KERNEL)
        if self.mask is not None:
            delta_w *= self.mask
        return delta_f_prev, {f"{self.name}.weight": delta_w, f"{self.name}.bias": delta_b}


class Dense(_Weighted):
    """u = W x + b; also C5 / F5 / F3, which read a stack of maps as one vector."""

    def forward(self, x: np.ndarray, params: Params, ws: Buffers) -> tuple[np.ndarray, Any]:
        w = params[f"{self.name}.weight"]
        w = w.reshape(w.shape[0], -1)  # (C, H, W) kernels flatten in the paper's order
        u, cache = dense.dense_forward(x.reshape(-1, x.shape[-1]), w,
                                       params[f"{self.name}.bias"], ws, self.name)
        return u, (cache, w, x.shape)

    def backward(self, delta_u: np.ndarray, cache: Any, params: Params, need_delta_f_prev: bool,
                 ws: Buffers) -> tuple[np.ndarray | None, Params]:
        dense_cache, w, in_shape = cache
        delta_f_prev, delta_w, delta_b = dense.dense_backward(
            delta_u, dense_cache, w, need_delta_f_prev, ws, self.name
        )
        if delta_f_prev is not None:
            delta_f_prev = delta_f_prev.reshape(in_shape)
        weight = f"{self.name}.weight"
        grads = {weight: delta_w.reshape(params[weight].shape), f"{self.name}.bias": delta_b}
        return delta_f_prev, grads


class MaxPool(LayerKind):
    def forward(self, x: np.ndarray, params: Params, ws: Buffers) -> tuple[np.ndarray, Any]:
        return pooling.max_pool_forward(x, ws, self.name)

    def infer(self, x: np.ndarray, params: Params, ws: Buffers) -> np.ndarray:
        return pooling.max_pool_values(x, ws, self.name)

    def backward(self, delta_u: np.ndarray, cache: Any, params: Params, need_delta_f_prev: bool,
                 ws: Buffers) -> tuple[np.ndarray | None, Params]:
        return pooling.max_pool_backward(delta_u, cache, ws, self.name), {}

    def choices(self, cache: Any) -> list[np.ndarray]:
        return list(cache[1:])  # the routing masks


class MeanPool(LayerKind):
    def forward(self, x: np.ndarray, params: Params, ws: Buffers) -> tuple[np.ndarray, Any]:
        return pooling.mean_pool_forward(x, ws, self.name)

    def backward(self, delta_u: np.ndarray, cache: Any, params: Params, need_delta_f_prev: bool,
                 ws: Buffers) -> tuple[np.ndarray | None, Params]:
        return pooling.mean_pool_backward(delta_u, cache, ws, self.name), {}


class Subsample(LayerKind):
    """1998's trainable subsampling: u = coef * (window sum) + bias, per map."""

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        c = self.spec.out_shape[0]
        return {f"{self.name}.coef": (c,), f"{self.name}.bias": (c,)}

    def init_params(self, rng: np.random.Generator, scheme: str) -> Params:
        c = self.spec.out_shape[0]
        if scheme != "lecun1998":
            return {f"{self.name}.coef": np.full(c, 0.25),  # starts as the window's mean
                    f"{self.name}.bias": np.zeros(c)}
        coef = rng.uniform(-2.4 / 4, 2.4 / 4, size=c)  # 2.4 / fan_in, 4 inputs a window
        return {f"{self.name}.coef": coef, f"{self.name}.bias": np.zeros(c)}

    def forward(self, x: np.ndarray, params: Params, ws: Buffers) -> tuple[np.ndarray, Any]:
        return pooling.subsample_forward(x, params[f"{self.name}.coef"],
                                         params[f"{self.name}.bias"], ws, self.name)

    def backward(self, delta_u: np.ndarray, cache: Any, params: Params, need_delta_f_prev: bool,
                 ws: Buffers) -> tuple[np.ndarray | None, Params]:
        delta_f_prev, delta_coef, delta_b = pooling.subsample_backward(
            delta_u, cache, params[f"{self.name}.coef"], ws, self.name
        )
        return delta_f_prev, {f"{self.name}.coef": delta_coef, f"{self.name}.bias": delta_b}


LAYER_KINDS: dict[str, type[LayerKind]] = {
    "conv": Conv,
    "dense": Dense,
    "max": MaxPool,
    "mean": MeanPool,
    "trainable": Subsample,
}


def kind_of(spec: LayerSpec) -> str:
    """The key of a layer in LAYER_KINDS: a pool's form, "conv" for maps, else "dense"."""
    if spec.kind == "pool":
        assert spec.pool is not None
        return spec.pool
    return "conv" if spec.kind == "conv" and spec.is_map else "dense"


def bind(spec: LayerSpec, mask: np.ndarray | None = None) -> LayerKind:
    """The layer kind for a spec, bound to it."""
    return LAYER_KINDS[kind_of(spec)](spec, mask)
