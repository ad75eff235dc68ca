"""LeNet-5 and the seeds' smaller networks: structure, forward pass, the four sensitivities.

`build_network(preset)` makes a `Network`; `net.forward(x)` returns a `Trace` with every
layer's pre-activation `u` and activation `f`; `net.backward(trace, labels)` returns
`Gradients` with `params` (dJ/dparam for every parameter), `delta_u` (dJ/du for every layer:
the sensitivity maps), `delta_f_prev` (dJ/d(layer input)) and the loss J (batch mean).

Arrays handed out are in the paper's layout, (N, C, H, W) or (N, units), as views of the
buffers the fast path computes in: maps as (C, H, W, N) and vectors as (units, N), batch
innermost, which makes every im2col slice and every layer product contiguous. Each layer
runs through its entry in the table of layer kinds (`kinds.LAYER_KINDS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from ..errors import ConfigError
from .activations import get_activation
from .config import NetworkConfig, get_config
from .connection_table import c3_table
from .hot_path import INFER_BATCH, MICRO_BATCH, BatchGradients, HotPath, output_delta
from .kinds import LayerKind, bind
from .layers import losses
from .layers.workspace import FRESH, Buffers, Workspace
from .specs import KERNEL, LayerSpec, SummaryRow, format_summary, layer_specs, summary_row

__all__ = ["BatchGradients", "Gradients", "Network", "Trace", "build_network", "init_params"]


@dataclass
class Trace:
    """Every layer's `u` and activation `f` for a batch, in the paper's layout.

    `probs` holds the class probabilities shown to the user (softmax outputs; for the
    squared-error output, the sigmoid outputs normalised to sum to one).
    """

    x: np.ndarray
    u: dict[str, np.ndarray]
    f: dict[str, np.ndarray]
    output: np.ndarray
    probs: np.ndarray
    _internal: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def batch_size(self) -> int:
        return self.x.shape[0]


@dataclass
class Gradients:
    """dJ/dparam (`params`), and per layer the sensitivities delta(u) and delta(f_prev)."""

    loss: float
    params: dict[str, np.ndarray]
    delta_u: dict[str, np.ndarray]
    delta_f_prev: dict[str, np.ndarray]

    @property
    def delta_w(self) -> dict[str, np.ndarray]:
        """Weight gradient per layer (for trainable subsampling: its coefficient)."""
        out = {}
        for name, g in self.params.items():
            layer, kind = name.split(".")
            if kind in ("weight", "coef"):
                out[layer] = g
        return out

    @property
    def delta_b(self) -> dict[str, np.ndarray]:
        return {n.split(".")[0]: g for n, g in self.params.items() if n.endswith(".bias")}




def connection_masks(config: NetworkConfig) -> dict[str, np.ndarray]:
    """Per layer, the (out, in, 1, 1) mask of the kernels its connection table keeps."""
    if config.architecture == "lenet5" and config.c3_connections == "table":
        return {"C3": c3_table()[:, :, None, None]}
    return {}


def _bind_layers(config: NetworkConfig) -> list[LayerKind]:
    masks = connection_masks(config)
    return [bind(spec, masks.get(spec.name)) for spec in layer_specs(config)]


class Network:
    """A built network: its config, its live parameters and the maths over them."""

    def __init__(self, config: NetworkConfig, params: dict[str, np.ndarray],
                 dtype: DTypeLike = np.float32) -> None:
        self.config = config
        self.dtype = _float_dtype(dtype)
        self.layers = layer_specs(config)
        self.layer_names = [spec.name for spec in self.layers]
        self.output_layer = self.layers[-1].name
        self._kinds = _bind_layers(config)
        self.params: dict[str, np.ndarray] = {}
        self.set_params(params)
        self._workspace = Workspace()
        self._hot = HotPath(self)

    # ---- parameters ----

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        shapes: dict[str, tuple[int, ...]] = {}
        for kind in self._kinds:
            shapes.update(kind.param_shapes())
        return shapes

    def param_mask(self, name: str) -> np.ndarray | None:
        """For a weight a connection table constrains, the mask (broadcastable to it) of the
        entries that are free parameters; None for unconstrained parameters."""
        layer, _, which = name.partition(".")
        if which != "weight":
            return None
        return next((k.mask for k in self._kinds if k.name == layer), None)

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        """Replace every parameter (copied, cast to the network's dtype), checking names,
        shapes, that they are numbers and that they are finite."""
        shapes = self.param_shapes()
        missing = sorted(set(shapes) - set(params))
        extra = sorted(set(params) - set(shapes))
        if missing or extra:
            detail = []
            if missing:
                detail.append("missing " + ", ".join(missing))
            if extra:
                detail.append("unexpected " + ", ".join(extra))
            raise ConfigError(f"parameters do not fit {self.config.preset}: " + "; ".join(detail))
        new = {}
        for name, shape in shapes.items():
            value = np.asarray(params[name])
            if value.shape != shape:
                raise ConfigError(
                    f"parameter {name} has shape {value.shape}, {self.config.preset} needs {shape}"
                )
            if value.dtype.kind not in "fiu":
                raise ConfigError(f"parameter {name} holds {value.dtype} values, not numbers")
            new[name] = np.array(value, dtype=self.dtype, order="C", copy=True)
            if not np.isfinite(new[name]).all():
                raise ConfigError(f"parameter {name} holds NaN or infinite values")
        self.params = new
        self.enforce_constraints()

    def enforce_constraints(self) -> None:
        """Hold the kernels the C3 table leaves out at exactly zero."""
        for kind in self._kinds:
            if kind.mask is not None:
                self.params[f"{kind.name}.weight"] *= kind.mask

    @property
    def num_params(self) -> int:
        """Trainable parameters (the kernels the C3 table leaves out are not counted)."""
        return int(sum(row.params for row in self.summary()))

    def copy(self) -> Network:
        return Network(self.config, self.params, self.dtype)

    # ---- structure ----

    def summary(self) -> list[SummaryRow]:
        """One row per layer: name, output shape, trainable parameters, connections."""
        rows = []
        for spec, kind in zip(self.layers, self._kinds, strict=True):
            params = sum(self.params[n].size for n in spec.param_names)
            kernels = None if kind.mask is None else int(kind.mask.sum())
            rows.append(summary_row(spec, int(params), kernels))
        return rows

    def summary_table(self) -> str:
        return format_summary(self.config, self.summary())

    # ---- forward ----

    def _check_input(self, x: np.ndarray, check_finite: bool = True) -> np.ndarray:
        """x as a contiguous (N, 1, S, S) array of the network's dtype; ConfigError for
        anything else: wrong shape, no images, raw integer pixels, NaN or inf."""
        s = self.config.input_size
        x = np.asarray(x)
        if x.ndim == 3 and x.shape[1:] == (s, s):
            x = x[:, None]
        if x.ndim != 4 or x.shape[1:] != (1, s, s):
            raise ConfigError(
                f"{self.config.preset} takes images of shape (N, 1, {s}, {s}), got {x.shape}"
            )
        if x.shape[0] == 0:
            raise ConfigError("the batch is empty: give at least one image")
        if x.dtype.kind != "f":
            raise ConfigError(f"the images are {x.dtype} values, not floating-point pixels: "
                              "scale raw pixels with engine.preprocess first")
        x = np.ascontiguousarray(x, dtype=self.dtype)
        if check_finite and not np.isfinite(x).all():
            raise ConfigError("the images hold NaN or infinite values")
        return x

    def forward(
        self,
        x: np.ndarray,
        *,
        u_offsets: dict[str, np.ndarray] | None = None,
        reuse_buffers: bool = False,
        check_finite: bool = True,
    ) -> Trace:
        """x (N, 1, S, S) floating-point pixels (`engine.preprocess`) -> Trace of every
        layer's u and f.

        `u_offsets` adds an array (paper layout) to a layer's u before its activation, for
        finite-difference checks of delta_u. With `reuse_buffers` the arrays live in buffers
        the next reusing call overwrites (the training hot path); otherwise they are fresh.
        Shape and dtype are always checked; `check_finite=False` skips the scan for NaN and
        inf, for callers whose input is finite by construction (the trainer's batches).
        """
        ws: Buffers = self._workspace if reuse_buffers else FRESH
        x = self._check_input(x, check_finite)
        h = np.ascontiguousarray(x[:, 0].transpose(1, 2, 0))[None]  # (1, S, S, N)
        us: dict[str, np.ndarray] = {}
        fs: dict[str, np.ndarray] = {}
        caches: list[Any] = []
        for spec, kind in zip(self.layers, self._kinds, strict=True):
            u, cache = kind.forward(h, self.params, ws)
            if u_offsets and spec.name in u_offsets:
                u = u + _to_internal(np.asarray(u_offsets[spec.name], dtype=self.dtype))
            if spec.activation is None:
                f = u
            else:
                f = ws.empty(spec.name + ".f", u.shape, u.dtype)
                get_activation(spec.activation).forward(u, f)
            us[spec.name], fs[spec.name] = u, f
            caches.append(cache)
            h = f
        output, probs = self._outputs(us, fs)
        return Trace(
            x=x,
            u={k: _to_public(v) for k, v in us.items()},
            f={k: _to_public(v) for k, v in fs.items()},
            output=output,
            probs=probs,
            _internal={"u": us, "f": fs, "caches": caches, "ws": ws},
        )

    def _outputs(self, us: dict[str, np.ndarray], fs: dict[str, np.ndarray]
                 ) -> tuple[np.ndarray, np.ndarray]:
        """(output, probs) (N, 10) of the output layer; a softmax output becomes its f."""
        name = self.output_layer
        if self.config.output == "sigmoid_mse":
            output = fs[name].T
            return output, output / np.maximum(output.sum(axis=1, keepdims=True), 1e-12)
        if self.config.output == "activation_softmax":
            output = losses.softmax(fs[name].T)
            return output, output
        output = losses.softmax(us[name].T)
        fs[name] = output.T
        return output, output

    # ---- backward ----

    def loss(self, trace: Trace, labels: np.ndarray) -> float:
        return self._output_delta(trace, self._check_labels(labels, trace.batch_size))[0]

    def _check_labels(self, labels: np.ndarray, batch_size: int) -> np.ndarray:
        labels = np.asarray(labels).reshape(-1)
        if labels.dtype.kind not in "iu" and not (
                labels.dtype.kind == "f" and np.array_equal(labels, np.round(labels))):
            raise ConfigError(f"labels must be whole class indices 0-9, not {labels.dtype} "
                              f"values such as {labels[:1].tolist()}")
        labels = labels.astype(np.intp, copy=False)
        if labels.shape[0] != batch_size:
            raise ConfigError(f"{labels.shape[0]} labels for a batch of {batch_size}")
        if labels.size and (labels.min() < 0 or labels.max() >= self.config.num_classes):
            raise ConfigError("labels must be class indices 0-9")
        return labels

    def _output_delta(self, trace: Trace, labels: np.ndarray) -> tuple[float, np.ndarray]:
        """J and delta_u = dJ/du of the output layer (fast layout)."""
        internal = trace._internal
        name = self.output_layer
        u, f = internal["u"][name].T, internal["f"][name].T  # (N, 10)
        loss, delta_u = output_delta(self.config.output, self.config.activation, u, f, labels)
        return loss, np.ascontiguousarray(delta_u.T, dtype=self.dtype)

    def backward(
        self, trace: Trace, labels: np.ndarray, *, need_input_grad: bool = False
    ) -> Gradients:
        """Back-propagate J (mean loss over the batch) through the trace.

        Returns dJ/dparam for every parameter, and per layer delta_u = dJ/du and
        delta_f_prev = dJ/d(layer input) (for the first layer only with `need_input_grad`).
        """
        labels = self._check_labels(labels, trace.batch_size)
        internal = trace._internal
        ws, caches = internal["ws"], internal["caches"]
        loss, delta = self._output_delta(trace, labels)
        grads: dict[str, np.ndarray] = {}
        delta_u: dict[str, np.ndarray] = {}
        delta_f_prev: dict[str, np.ndarray] = {}
        for i in range(len(self.layers) - 1, -1, -1):
            name = self.layers[i].name
            delta_u[name] = delta
            d_prev, layer_grads = self._kinds[i].backward(
                delta, caches[i], self.params, i > 0 or need_input_grad, ws
            )
            grads.update(layer_grads)
            if d_prev is None:
                break
            delta_f_prev[name] = d_prev
            if i == 0:
                break
            delta = self._through_activation(self.layers[i - 1], d_prev, internal, ws)
        return Gradients(
            loss=loss,
            params={k: grads[k] for k in self.params},
            delta_u={k: _to_public(v) for k, v in delta_u.items()},
            delta_f_prev={k: _to_public(v) for k, v in delta_f_prev.items()},
        )

    @staticmethod
    def _through_activation(spec: LayerSpec, delta_f: np.ndarray, internal: dict[str, Any],
                            ws: Buffers) -> np.ndarray:
        """delta_u = f'(u) * delta_f of a layer (delta_f itself without a nonlinearity)."""
        if spec.activation is None:
            return delta_f
        u, f = internal["u"][spec.name], internal["f"][spec.name]
        delta_u = ws.empty(spec.name + ".du", u.shape, u.dtype)
        get_activation(spec.activation).derivative(u, f, delta_u)
        delta_u *= delta_f
        return delta_u

    def discrete_choices(self, trace: Trace) -> list[np.ndarray]:
        """Every discrete choice the forward pass made: ReLU signs and max-pool routes (a
        finite difference across a change of any of them measures nothing)."""
        out = []
        caches = trace._internal["caches"]
        for spec, kind, cache in zip(self.layers, self._kinds, caches, strict=True):
            if spec.activation == "relu":
                out.append(trace._internal["u"][spec.name] > 0)
            out.extend(kind.choices(cache))
        return out

    # ---- geometry ----

    def receptive_field(self, layer: str, row: int, col: int) -> tuple[int, int, int, int]:
        """The input pixels a unit at (row, col) of a map layer sees: (top, left, bottom,
        right), inclusive, in input coordinates. Vector layers see the whole input."""
        index = self.layer_names.index(layer)
        spec = self.layers[index]
        s = self.config.input_size
        if not spec.is_map:
            return 0, 0, s - 1, s - 1
        top, left, bottom, right = row, col, row, col
        for prev in reversed(self.layers[: index + 1]):
            if prev.kind == "conv":
                bottom, right = bottom + KERNEL - 1, right + KERNEL - 1
            else:  # 2x2 stride-2 subsampling
                top, left, bottom, right = 2 * top, 2 * left, 2 * bottom + 1, 2 * right + 1
        return top, left, bottom, right

    # ---- inference ----

    def predict_proba(self, x: np.ndarray, batch_size: int = INFER_BATCH) -> np.ndarray:
        """x (N, 1, S, S) -> class probabilities (N, 10), `batch_size` images at a time in
        reused buffers (the same numbers as `forward(x).probs`)."""
        return self._hot.predict_proba(self._check_input(x), batch_size)

    def predict(self, x: np.ndarray, batch_size: int = INFER_BATCH) -> np.ndarray:
        return self.predict_proba(x, batch_size).argmax(axis=1)

    # ---- training ----

    def train_gradients(self, x: np.ndarray, labels: np.ndarray, *,
                        micro_batch: int = MICRO_BATCH, health: bool = False,
                        check_finite: bool = True) -> BatchGradients:
        """dJ/dparam, J and the class probabilities of a batch, as `backward(forward(x))`
        gives them, computed `micro_batch` images at a time (`engine.nn.hot_path`); with
        `health`, also mean |delta_u| per layer. Inputs are checked as by `forward`."""
        x = self._check_input(x, check_finite)
        labels = self._check_labels(labels, x.shape[0])
        return self._hot.gradients(x, labels, micro_batch=micro_batch, health=health)


def _float_dtype(dtype: DTypeLike) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise ConfigError(f"{dtype!r} is not a NumPy dtype") from None
    if dt not in (np.float32, np.float64):
        raise ConfigError(f"networks compute in float32 or float64, not {dt}")
    return dt


def _to_public(a: np.ndarray) -> np.ndarray:
    """(C, H, W, N) -> (N, C, H, W) and (units, N) -> (N, units), as views."""
    return a.transpose(3, 0, 1, 2) if a.ndim == 4 else a.T


def _to_internal(a: np.ndarray) -> np.ndarray:
    """(N, C, H, W) -> (C, H, W, N) and (N, units) -> (units, N), as views."""
    return a.transpose(1, 2, 3, 0) if a.ndim == 4 else a.T


def init_params(config: NetworkConfig, seed: int = 0,
                dtype: DTypeLike = np.float32) -> dict[str, np.ndarray]:
    """Fresh parameters: 1998 uniform +-2.4/fan_in, or He (ReLU) / LeCun normal (others)."""
    rng = np.random.default_rng(seed)
    params: dict[str, np.ndarray] = {}
    for kind in _bind_layers(config):
        params.update(kind.init_params(rng, config.init))
    return {k: v.astype(dtype) for k, v in params.items()}


def build_network(
    preset: str | NetworkConfig = "lenet5",
    dtype: DTypeLike = np.float32,
    seed: int = 0,
    **options: Any,
) -> Network:
    """A freshly initialised network from a preset name (or config) and variant options."""
    config = get_config(preset, **options)
    return Network(config, init_params(config, seed, dtype), dtype)
