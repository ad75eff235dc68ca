"""What a derivation reads: the network, one trace and its gradients, and the chosen unit.

Everything is taken in the paper's layout, (N, C, H, W) for maps and (N, units) for
vectors, and turned to float64 so the recomputation adds no rounding of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import Gradients, LayerSpec, Network, Trace, c3_table

from .types import Term, WeightedSum

TOP_TERMS = 6  # products shown in a weighted sum; the rest are summarised


@dataclass(frozen=True)
class Unit:
    """The unit being derived, with everything it reads."""

    net: Network
    trace: Trace
    grads: Gradients
    labels: np.ndarray
    position: int  # the layer's place in net.layers
    index: int  # map (or vector unit)
    row: int
    col: int
    sample: int
    top: int = TOP_TERMS

    @property
    def spec(self) -> LayerSpec:
        return self.net.layers[self.position]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def key(self) -> tuple[int, ...]:
        """The unit's index into one sample's (C, H, W) or (units,) array."""
        return (self.index, self.row, self.col) if self.spec.is_map else (self.index,)

    @property
    def next_spec(self) -> LayerSpec | None:
        layers = self.net.layers
        return layers[self.position + 1] if self.position + 1 < len(layers) else None

    @property
    def batch_size(self) -> int:
        return int(self.trace.x.shape[0])

    def param(self, layer: str, kind: str) -> np.ndarray:
        return np.asarray(self.net.params[f"{layer}.{kind}"], dtype=np.float64)

    def grad(self, layer: str, kind: str) -> np.ndarray:
        return np.asarray(self.grads.params[f"{layer}.{kind}"], dtype=np.float64)

    def layer_input(self) -> np.ndarray:
        """The unit's layer input for every sample: (N, C, H, W) or (N, units)."""
        if self.position == 0:
            return np.asarray(self.trace.x, dtype=np.float64)
        prev = self.net.layers[self.position - 1].name
        return np.asarray(self.trace.f[prev], dtype=np.float64)

    def input_name(self) -> str:
        return "x" if self.position == 0 else self.net.layers[self.position - 1].name.lower()

    def u(self, layer: str | None = None) -> np.ndarray:
        return np.asarray(self.trace.u[layer or self.name][self.sample], dtype=np.float64)

    def f(self, layer: str | None = None) -> np.ndarray:
        return np.asarray(self.trace.f[layer or self.name][self.sample], dtype=np.float64)

    def delta_u(self, layer: str | None = None) -> np.ndarray:
        return np.asarray(self.grads.delta_u[layer or self.name][self.sample], dtype=np.float64)

    def delta_f_prev(self, layer: str) -> np.ndarray:
        """dJ/d(input of `layer`) for the unit's sample, as the engine computed it."""
        return np.asarray(self.grads.delta_f_prev[layer][self.sample], dtype=np.float64)

    def output(self) -> np.ndarray:
        """The network's output probabilities (softmax) for the unit's sample."""
        return np.asarray(self.trace.output[self.sample], dtype=np.float64)

    @property
    def output_kind(self) -> str:
        return self.net.config.output

    def delta_u_batch(self) -> np.ndarray:
        return np.asarray(self.grads.delta_u[self.name], dtype=np.float64)

    def connected(self, out_map: int, layer: LayerSpec) -> tuple[int, ...]:
        """The input maps a conv layer's map reads (C3 under the table: only connected)."""
        inputs = range(layer.in_shape[0])
        if self.uses_table(layer):
            mask = c3_table()
            return tuple(k for k in inputs if mask[out_map, k])
        return tuple(inputs)

    def uses_table(self, layer: LayerSpec) -> bool:
        config = self.net.config
        return (
            layer.name == "C3"
            and config.architecture == "lenet5"
            and config.c3_connections == "table"
        )


def weighted_sum(terms: list[Term], top: int) -> WeightedSum:
    """The biggest products (by absolute value) first, the rest counted and summed."""
    ordered = sorted(terms, key=lambda t: abs(t.product), reverse=True)
    shown, rest = ordered[:top], ordered[top:]
    return WeightedSum(
        terms=tuple(shown),
        rest_count=len(rest),
        rest_sum=float(sum(t.product for t in rest)),
        total=float(sum(t.product for t in terms)),
    )


def index_label(shape: tuple[int, ...], flat: int) -> str:
    """'k,r,s' for a flat index into a (C, H, W) stack, or the index itself for a vector."""
    return ",".join(str(int(i)) for i in np.unravel_index(flat, shape))
