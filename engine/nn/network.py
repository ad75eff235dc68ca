"""LeNet-5 and the seeds' smaller networks: structure, forward pass, the four sensitivities.

`build_network(preset)` makes a `Network`; `net.forward(x)` returns a `Trace` with every
layer's pre-activation `u` and activation `f`; `net.backward(trace, labels)` returns
`Gradients` with `params` (dJ/dparam for every parameter), `delta_u` (dJ/du for every layer:
the sensitivity maps), `delta_f_prev` (dJ/d(layer input)) and the loss J (batch mean).

Arrays handed out are in the paper's layout, (N, C, H, W) or (N, units), as views of the
buffers the fast path computes in: maps as (C, H, W, N) and vectors as (units, N), batch
innermost, which makes every im2col slice and every layer product contiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .activations import get_activation
from .config import NetworkConfig, get_config
from .connection_table import c3_table
from ..errors import ConfigError
from .layers import conv, dense, losses, pooling
from .layers.workspace import FRESH, Workspace

KERNEL = 5


@dataclass(frozen=True)
class LayerSpec:
    """One layer's structure. Shapes are per image, in the paper's layout."""

    name: str
    kind: str  # "conv" | "pool" | "dense"
    in_shape: tuple[int, ...]
    out_shape: tuple[int, ...]  # (C, H, W) for maps, (units,) for vectors (C5 included)
    activation: str | None  # None: no nonlinearity (max/mean pooling)
    pool: str | None = None  # "max" | "mean" | "trainable" for pooling layers
    is_output: bool = False
    description: str = ""

    @property
    def is_map(self) -> bool:
        return len(self.out_shape) == 3

    @property
    def param_names(self) -> tuple[str, ...]:
        if self.kind == "pool":
            return (f"{self.name}.coef", f"{self.name}.bias") if self.pool == "trainable" else ()
        return (f"{self.name}.weight", f"{self.name}.bias")

    @property
    def shape_label(self) -> str:
        if self.is_map:
            c, h, w = self.out_shape
            return f"{c}@{h}x{w}"
        if self.kind == "conv":
            return f"{self.out_shape[0]}@1x1"
        return str(self.out_shape[0])


@dataclass(frozen=True)
class SummaryRow:
    name: str
    kind: str
    output: str
    params: int
    connections: int


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


def _map_shape(c: int, h: int, w: int) -> tuple[int, int, int]:
    return (c, h, w)


def layer_specs(config: NetworkConfig) -> list[LayerSpec]:
    """The ordered layers of a configuration."""
    act = config.activation
    pool_act = act if config.subsampling == "trainable" else None
    pool_desc = {
        "trainable": "subsampling 2x2, a*sum+b",
        "max": "max-pool 2x2",
        "mean": "mean-pool 2x2",
    }[config.subsampling]
    out_act = None if config.output == "softmax" else (
        "sigmoid" if config.output == "sigmoid_mse" else act
    )
    specs: list[LayerSpec] = []

    def conv_layer(name, c_in, hw, c_out, desc):
        ho = hw - KERNEL + 1
        specs.append(
            LayerSpec(name, "conv", (c_in, hw, hw), (c_out, ho, ho), act, description=desc)
        )
        return ho

    def pool_layer(name, c, hw):
        specs.append(
            LayerSpec(
                name, "pool", (c, hw, hw), (c, hw // 2, hw // 2), pool_act,
                pool=config.subsampling, description=pool_desc,
            )
        )
        return hw // 2

    s = config.input_size
    if config.architecture == "lenet5":
        s = conv_layer("C1", 1, s, 6, "conv 5x5")
        s = pool_layer("S2", 6, s)
        table = "1998 table" if config.c3_connections == "table" else "full"
        s = conv_layer("C3", 6, s, 16, f"conv 5x5, {table}")
        s = pool_layer("S4", 16, s)
        specs.append(LayerSpec("C5", "conv", (16, s, s), (120,), act, description="conv 5x5"))
        specs.append(LayerSpec("F6", "dense", (120,), (84,), act, description="full"))
        specs.append(
            LayerSpec("F7", "dense", (84,), (10,), out_act, is_output=True, description="full")
        )
    elif config.architecture == "toolbox":
        s = conv_layer("C1", 1, s, 6, "conv 5x5")
        s = pool_layer("S2", 6, s)
        s = conv_layer("C3", 6, s, 12, "conv 5x5, full")
        s = pool_layer("S4", 12, s)
        specs.append(
            LayerSpec("F5", "dense", (12, s, s), (10,), out_act, is_output=True,
                      description="full")
        )
    elif config.architecture == "simple":
        s = conv_layer("C1", 1, s, 6, "conv 5x5")
        s = pool_layer("S2", 6, s)
        specs.append(
            LayerSpec("F3", "dense", (6, s, s), (10,), out_act, is_output=True,
                      description="full")
        )
    else:  # validated earlier; kept for type checkers
        raise ConfigError(f"unknown architecture {config.architecture!r}")
    return specs


def _weight_shape(spec: LayerSpec) -> tuple[int, ...]:
    if spec.kind == "conv":
        return (spec.out_shape[0], spec.in_shape[0], KERNEL, KERNEL)
    in_units = int(np.prod(spec.in_shape))
    return (spec.out_shape[0], in_units)


class Network:
    """A built network: its config, its live parameters and the maths over them."""

    def __init__(self, config: NetworkConfig, params: dict[str, np.ndarray], dtype=np.float32):
        self.config = config
        self.dtype = np.dtype(dtype)
        self.layers = layer_specs(config)
        self.layer_names = [spec.name for spec in self.layers]
        self.output_layer = self.layers[-1].name
        self._c3_mask = (
            c3_table()[:, :, None, None]
            if config.architecture == "lenet5" and config.c3_connections == "table"
            else None
        )
        self.params: dict[str, np.ndarray] = {}
        self.set_params(params)
        self._workspace = Workspace()

    # ---- parameters ----

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        shapes: dict[str, tuple[int, ...]] = {}
        for spec in self.layers:
            if spec.kind == "pool":
                if spec.pool == "trainable":
                    shapes[f"{spec.name}.coef"] = (spec.out_shape[0],)
                    shapes[f"{spec.name}.bias"] = (spec.out_shape[0],)
            else:
                shapes[f"{spec.name}.weight"] = _weight_shape(spec)
                shapes[f"{spec.name}.bias"] = (spec.out_shape[0],)
        return shapes

    def set_params(self, params: dict[str, np.ndarray]) -> None:
        """Replace every parameter (copied, cast to the network's dtype), checking names,
        shapes and finiteness."""
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
            new[name] = np.array(value, dtype=self.dtype, order="C", copy=True)
        self.params = new
        self.enforce_constraints()

    def enforce_constraints(self) -> None:
        """Hold the kernels the C3 table leaves out at exactly zero."""
        if self._c3_mask is not None:
            self.params["C3.weight"] *= self._c3_mask

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
        for spec in self.layers:
            params = sum(self.params[n].size for n in spec.param_names)
            if spec.kind == "conv":
                kernels = spec.out_shape[0] * spec.in_shape[0]
                if spec.name == "C3" and self._c3_mask is not None:
                    kernels = int(self._c3_mask.sum())
                params = kernels * KERNEL * KERNEL + spec.out_shape[0]
                positions = spec.out_shape[1] * spec.out_shape[2] if spec.is_map else 1
                connections = params * positions
            elif spec.kind == "pool":
                c, h, w = spec.out_shape
                connections = c * h * w * (5 if spec.pool == "trainable" else 4)
            else:
                connections = params
            rows.append(SummaryRow(spec.name, spec.description, spec.shape_label,
                                   int(params), int(connections)))
        return rows

    def summary_table(self) -> str:
        rows = self.summary()
        s = self.config.input_size
        lines = [f"{self.config.describe()}",
                 f"{'layer':<6}{'kind':<28}{'output':>10}{'params':>10}{'connections':>13}",
                 f"{'INPUT':<6}{'image':<28}{f'1@{s}x{s}':>10}{0:>10}{'-':>13}"]
        for r in rows:
            lines.append(f"{r.name:<6}{r.kind:<28}{r.output:>10}{r.params:>10,}{r.connections:>13,}")
        total_p = sum(r.params for r in rows)
        total_c = sum(r.connections for r in rows)
        lines.append(f"{'total':<6}{'':<28}{'':>10}{total_p:>10,}{total_c:>13,}")
        return "\n".join(lines)

    # ---- forward ----

    def _check_input(self, x: np.ndarray) -> np.ndarray:
        s = self.config.input_size
        x = np.asarray(x)
        if x.ndim == 3 and x.shape[1:] == (s, s):
            x = x[:, None]
        if x.ndim != 4 or x.shape[1:] != (1, s, s):
            raise ConfigError(
                f"{self.config.preset} takes images of shape (N, 1, {s}, {s}), got {x.shape}"
            )
        return np.ascontiguousarray(x, dtype=self.dtype)

    def forward(
        self,
        x: np.ndarray,
        *,
        u_offsets: dict[str, np.ndarray] | None = None,
        reuse_buffers: bool = False,
    ) -> Trace:
        """x (N, 1, S, S) -> Trace of every layer's u and f.

        `u_offsets` adds an array (paper layout) to a layer's u before its activation, for
        finite-difference checks of delta_u. With `reuse_buffers` the arrays live in buffers
        the next reusing call overwrites (the training hot path); otherwise they are fresh.
        """
        ws = self._workspace if reuse_buffers else FRESH
        x = self._check_input(x)
        h = np.ascontiguousarray(x[:, 0].transpose(1, 2, 0))[None]  # (1, S, S, N)
        us: dict[str, np.ndarray] = {}
        fs: dict[str, np.ndarray] = {}
        caches: list[Any] = []
        for spec in self.layers:
            p = self.params
            name = spec.name
            if spec.kind == "conv" and spec.is_map:
                wm = conv.weight_to_matrix(p[f"{name}.weight"])
                u, cache = conv.conv_forward(h, wm, p[f"{name}.bias"], KERNEL, ws, name)
                cache = (cache, wm)
            elif spec.kind == "pool":
                if spec.pool == "max":
                    u, cache = pooling.max_pool_forward(h, ws, name)
                elif spec.pool == "mean":
                    u, cache = pooling.mean_pool_forward(h, ws, name)
                else:
                    u, cache = pooling.subsample_forward(
                        h, p[f"{name}.coef"], p[f"{name}.bias"], ws, name
                    )
            else:  # dense, or C5 / F5 / F3 reading a stack of maps as one vector
                w = self._dense_weight(spec)
                u, cache = dense.dense_forward(h.reshape(-1, h.shape[-1]), w, p[f"{name}.bias"],
                                               ws, name)
                cache = (cache, w, h.shape)
            if u_offsets and name in u_offsets:
                u = u + _to_internal(np.asarray(u_offsets[name], dtype=self.dtype))
            if spec.activation is None:
                f = u
            else:
                f = ws.empty(name + ".f", u.shape, u.dtype)
                get_activation(spec.activation).forward(u, f)
            us[name], fs[name] = u, f
            caches.append(cache)
            h = f
        out_u = us[self.output_layer].T
        if self.config.output == "sigmoid_mse":
            output = fs[self.output_layer].T
            probs = output / np.maximum(output.sum(axis=1, keepdims=True), 1e-12)
        elif self.config.output == "activation_softmax":
            output = losses.softmax(fs[self.output_layer].T)
            probs = output
        else:
            output = losses.softmax(out_u)
            probs = output
            fs[self.output_layer] = output.T
        return Trace(
            x=x,
            u={k: _to_public(v) for k, v in us.items()},
            f={k: _to_public(v) for k, v in fs.items()},
            output=output,
            probs=probs,
            _internal={"u": us, "f": fs, "caches": caches, "ws": ws},
        )

    def _dense_weight(self, spec: LayerSpec) -> np.ndarray:
        """The (out, in) matrix; a stack of (C, H, W) maps flattens in the paper's order."""
        w = self.params[f"{spec.name}.weight"]
        return w.reshape(w.shape[0], -1)

    def _dense_grad_to_public(self, spec: LayerSpec, dw: np.ndarray) -> np.ndarray:
        return dw.reshape(self.params[f"{spec.name}.weight"].shape)

    # ---- backward ----

    def loss(self, trace: Trace, labels: np.ndarray) -> float:
        return self._output_delta(trace, self._check_labels(labels, trace))[0]

    def _check_labels(self, labels: np.ndarray, trace: Trace) -> np.ndarray:
        labels = np.asarray(labels).astype(np.intp, copy=False).reshape(-1)
        if labels.shape[0] != trace.batch_size:
            raise ConfigError(f"{labels.shape[0]} labels for a batch of {trace.batch_size}")
        if labels.size and (labels.min() < 0 or labels.max() >= self.config.num_classes):
            raise ConfigError("labels must be class indices 0-9")
        return labels

    def _output_delta(self, trace: Trace, labels: np.ndarray) -> tuple[float, np.ndarray]:
        """J and dJ/du of the output layer."""
        internal = trace._internal
        name = self.output_layer
        u, f = internal["u"][name].T, internal["f"][name].T  # (N, 10)
        mode = self.config.output
        if mode == "softmax":
            loss, _, du = losses.softmax_cross_entropy(u, labels)
        elif mode == "activation_softmax":
            loss, _, dz = losses.softmax_cross_entropy(f, labels)
            act = get_activation(self.config.activation)
            du = dz * act.derivative(u, f, np.empty_like(u))
        else:
            loss, dy = losses.squared_error(f, labels)
            du = dy * get_activation("sigmoid").derivative(u, f, np.empty_like(u))
        return loss, np.ascontiguousarray(du.T, dtype=self.dtype)

    def backward(
        self, trace: Trace, labels: np.ndarray, *, need_input_grad: bool = False
    ) -> Gradients:
        """Back-propagate J (mean loss over the batch) through the trace.

        Returns dJ/dparam for every parameter, and per layer delta_u = dJ/du and
        delta_f_prev = dJ/d(layer input) (for the first layer only with `need_input_grad`).
        """
        labels = self._check_labels(labels, trace)
        internal = trace._internal
        ws = internal["ws"]
        us, fs, caches = internal["u"], internal["f"], internal["caches"]
        loss, d = self._output_delta(trace, labels)
        grads: dict[str, np.ndarray] = {}
        delta_u: dict[str, np.ndarray] = {}
        delta_f_prev: dict[str, np.ndarray] = {}
        for i in range(len(self.layers) - 1, -1, -1):
            spec = self.layers[i]
            name = spec.name
            cache = caches[i]
            delta_u[name] = d
            need_dx = i > 0 or need_input_grad
            if spec.kind == "conv" and spec.is_map:
                conv_cache, wm = cache
                dx, dwm, db = conv.conv_backward(d, conv_cache, wm, need_dx, ws, name)
                dw = conv.matrix_to_weight(dwm, spec.in_shape[0], KERNEL)
                if name == "C3" and self._c3_mask is not None:
                    dw *= self._c3_mask
                grads[f"{name}.weight"], grads[f"{name}.bias"] = dw, db
            elif spec.kind == "pool":
                if spec.pool == "max":
                    dx = pooling.max_pool_backward(d, cache, ws, name)
                elif spec.pool == "mean":
                    dx = pooling.mean_pool_backward(d, cache, ws, name)
                else:
                    dx, dcoef, dbias = pooling.subsample_backward(
                        d, cache, self.params[f"{name}.coef"], ws, name
                    )
                    grads[f"{name}.coef"], grads[f"{name}.bias"] = dcoef, dbias
            else:
                dense_cache, w, in_shape = cache
                dx, dw, db = dense.dense_backward(d, dense_cache, w, need_dx, ws, name)
                grads[f"{name}.weight"] = self._dense_grad_to_public(spec, dw)
                grads[f"{name}.bias"] = db
                if dx is not None:
                    dx = dx.reshape(in_shape)
            if dx is not None:
                delta_f_prev[name] = dx
            if i == 0:
                break
            prev = self.layers[i - 1]
            if prev.activation is None:
                d = dx
            else:
                pu, pf = us[prev.name], fs[prev.name]
                d = ws.empty(prev.name + ".du", pu.shape, pu.dtype)
                get_activation(prev.activation).derivative(pu, pf, d)
                d *= dx
        return Gradients(
            loss=loss,
            params={k: grads[k] for k in self.params},
            delta_u={k: _to_public(v) for k, v in delta_u.items()},
            delta_f_prev={k: _to_public(v) for k, v in delta_f_prev.items()},
        )

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

    def predict_proba(self, x: np.ndarray, batch_size: int = 500) -> np.ndarray:
        """x (N, 1, S, S) -> class probabilities (N, 10), in batches."""
        x = np.asarray(x)
        out = np.empty((x.shape[0], self.config.num_classes), dtype=self.dtype)
        for start in range(0, x.shape[0], batch_size):
            out[start : start + batch_size] = self.forward(x[start : start + batch_size]).probs
        return out

    def predict(self, x: np.ndarray, batch_size: int = 500) -> np.ndarray:
        return self.predict_proba(x, batch_size).argmax(axis=1)


def _to_public(a: np.ndarray) -> np.ndarray:
    """(C, H, W, N) -> (N, C, H, W) and (units, N) -> (N, units), as views."""
    return a.transpose(3, 0, 1, 2) if a.ndim == 4 else a.T


def _to_internal(a: np.ndarray) -> np.ndarray:
    return a.transpose(1, 2, 3, 0) if a.ndim == 4 else a.T


def init_params(config: NetworkConfig, seed: int = 0, dtype=np.float32) -> dict[str, np.ndarray]:
    """Fresh parameters: 1998 uniform +-2.4/fan_in, or He (ReLU) / LeCun normal (others)."""
    rng = np.random.default_rng(seed)
    specs = layer_specs(config)
    use_table = config.architecture == "lenet5" and config.c3_connections == "table"
    mask = c3_table() if use_table else None
    params: dict[str, np.ndarray] = {}
    for spec in specs:
        if spec.kind == "pool":
            if spec.pool == "trainable":
                c = spec.out_shape[0]
                if config.init == "lecun1998":
                    coef = rng.uniform(-2.4 / 4, 2.4 / 4, size=c)
                else:
                    coef = np.full(c, 0.25)  # starts as the mean of the window
                params[f"{spec.name}.coef"] = coef
                params[f"{spec.name}.bias"] = np.zeros(c)
            continue
        shape = _weight_shape(spec)
        out_units = shape[0]
        per_input = int(np.prod(shape[1:])) if spec.kind == "dense" else None
        if spec.kind == "conv":
            k2 = KERNEL * KERNEL
            connected = (
                mask.sum(axis=1) if spec.name == "C3" and mask is not None
                else np.full(out_units, spec.in_shape[0])
            )
            fan_in = (connected * k2).astype(float)[:, None, None, None]
        else:
            fan_in = np.full((out_units, 1), float(per_input))
        if config.init == "lecun1998":
            w = rng.uniform(-1.0, 1.0, size=shape) * (2.4 / fan_in)
        else:
            gain = 2.0 if spec.activation == "relu" else 1.0
            w = rng.standard_normal(size=shape) * np.sqrt(gain / fan_in)
        if spec.name == "C3" and mask is not None:
            w *= mask[:, :, None, None]
        params[f"{spec.name}.weight"] = w
        params[f"{spec.name}.bias"] = np.zeros(out_units)
    return {k: v.astype(dtype) for k, v in params.items()}


def build_network(
    preset: str | NetworkConfig = "lenet5",
    dtype=np.float32,
    seed: int = 0,
    **options: Any,
) -> Network:
    """A freshly initialised network from a preset name (or config) and variant options."""
    config = get_config(preset, **options)
    return Network(config, init_params(config, seed, dtype), dtype)
