"""A network's structure: the ordered layers of a configuration and its summary table.

Shapes are per image, in the paper's layout: (C, H, W) for maps, (units,) for vectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ConfigError
from .config import NetworkConfig

KERNEL = 5  # every convolution is 5x5, stride 1, valid

_POOL_DESCRIPTIONS = {
    "trainable": "subsampling 2x2, a*sum+b",
    "max": "max-pool 2x2",
    "mean": "mean-pool 2x2",
}


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


class _Builder:
    """Appends layers in order, each reading the previous one's output."""

    def __init__(self, config: NetworkConfig) -> None:
        self.config = config
        self.act = config.activation
        self.specs: list[LayerSpec] = []
        self.shape: tuple[int, ...] = (1, config.input_size, config.input_size)

    def conv(self, name: str, c_out: int, desc: str = "conv 5x5") -> None:
        c, h, _ = self.shape
        size = h - KERNEL + 1
        out = (c_out, size, size)
        self._add(LayerSpec(name, "conv", self.shape, out, self.act, description=desc))

    def conv_to_vector(self, name: str, units: int) -> None:
        """A convolution whose kernel covers its whole input (C5): a vector of units."""
        self._add(LayerSpec(name, "conv", self.shape, (units,), self.act,
                            description="conv 5x5"))

    def pool(self, name: str) -> None:
        c, h, w = self.shape
        sub = self.config.subsampling
        act = self.act if sub == "trainable" else None
        self._add(LayerSpec(name, "pool", self.shape, (c, h // 2, w // 2), act, pool=sub,
                            description=_POOL_DESCRIPTIONS[sub]))

    def dense(self, name: str, units: int, *, output: bool = False) -> None:
        act: str | None = self.act
        if output:
            mode = self.config.output
            act = None if mode == "softmax" else ("sigmoid" if mode == "sigmoid_mse" else act)
        self._add(LayerSpec(name, "dense", self.shape, (units,), act, is_output=output,
                            description="full"))

    def _add(self, spec: LayerSpec) -> None:
        self.specs.append(spec)
        self.shape = spec.out_shape


def layer_specs(config: NetworkConfig) -> list[LayerSpec]:
    """The ordered layers of a configuration."""
    b = _Builder(config)
    b.conv("C1", 6)
    b.pool("S2")
    if config.architecture == "lenet5":
        table = "1998 table" if config.c3_connections == "table" else "full"
        b.conv("C3", 16, f"conv 5x5, {table}")
        b.pool("S4")
        b.conv_to_vector("C5", 120)
        b.dense("F6", 84)
        b.dense("F7", 10, output=True)
    elif config.architecture == "toolbox":
        b.conv("C3", 12, "conv 5x5, full")
        b.pool("S4")
        b.dense("F5", 10, output=True)
    elif config.architecture == "simple":
        b.dense("F3", 10, output=True)
    else:  # validated earlier; kept for type checkers
        raise ConfigError(f"unknown architecture {config.architecture!r}")
    return b.specs


def weight_shape(spec: LayerSpec) -> tuple[int, ...]:
    """(F, C, k, k) kernels for convolutions (C5 included), (out, in) for dense layers."""
    if spec.kind == "conv":
        return (spec.out_shape[0], spec.in_shape[0], KERNEL, KERNEL)
    return (spec.out_shape[0], int(np.prod(spec.in_shape)))


def summary_row(spec: LayerSpec, params: int, kernels: int | None = None) -> SummaryRow:
    """One layer's row; `kernels` counts the connected (input, output) map pairs of a
    convolution when a connection table leaves some out."""
    if spec.kind == "conv":
        if kernels is None:
            kernels = spec.out_shape[0] * spec.in_shape[0]
        params = kernels * KERNEL * KERNEL + spec.out_shape[0]
        positions = spec.out_shape[1] * spec.out_shape[2] if spec.is_map else 1
        connections = params * positions
    elif spec.kind == "pool":
        c, h, w = spec.out_shape
        connections = c * h * w * (5 if spec.pool == "trainable" else 4)
    else:
        connections = params
    return SummaryRow(spec.name, spec.description, spec.shape_label, int(params),
                      int(connections))


def format_summary(config: NetworkConfig, rows: list[SummaryRow]) -> str:
    """The layer table as text: one line per layer, the input first and totals last."""
    s = config.input_size
    lines = [f"{config.describe()}",
             f"{'layer':<6}{'kind':<28}{'output':>10}{'params':>10}{'connections':>13}",
             f"{'INPUT':<6}{'image':<28}{f'1@{s}x{s}':>10}{0:>10}{'-':>13}"]
    for r in rows:
        lines.append(f"{r.name:<6}{r.kind:<28}{r.output:>10}{r.params:>10,}{r.connections:>13,}")
    total_p = sum(r.params for r in rows)
    total_c = sum(r.connections for r in rows)
    lines.append(f"{'total':<6}{'':<28}{'':>10}{total_p:>10,}{total_c:>13,}")
    return "\n".join(lines)
