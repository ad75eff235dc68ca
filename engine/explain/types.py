"""The typed result of a derivation: every recomputed number beside the engine's own.

A `Derivation` is what the seeds write for one unit, with the probe's numbers put in: the
forward step (u = sum of w x + b, f(u)), how its delta(u) arrives from the layer above, and
delta(w), delta(b) of its kernel or row. Each number the derivation recomputes is a `Check`
(or an `ArrayCheck` for a kernel) holding the engine's own value and their difference.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _frozen(a: np.ndarray) -> np.ndarray:
    out = np.array(a, dtype=np.float64, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class Check:
    """One recomputed number beside the engine's own."""

    label: str
    recomputed: float
    engine: float

    @property
    def difference(self) -> float:
        return self.recomputed - self.engine


@dataclass(frozen=True)
class ArrayCheck:
    """A recomputed array (a kernel's delta(w), say) beside the engine's own."""

    label: str
    recomputed: np.ndarray
    engine: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "recomputed", _frozen(self.recomputed))
        object.__setattr__(self, "engine", _frozen(self.engine))

    @property
    def difference(self) -> np.ndarray:
        return self.recomputed - self.engine

    @property
    def max_abs_difference(self) -> float:
        return float(np.max(np.abs(self.difference))) if self.recomputed.size else 0.0


@dataclass(frozen=True)
class Term:
    """One product of a weighted sum: weight times input, both labelled in seed notation."""

    weight_label: str
    input_label: str
    weight: float
    value: float

    @property
    def product(self) -> float:
        return self.weight * self.value


@dataclass(frozen=True)
class WeightedSum:
    """sum of w x: the biggest products (by size) first, the rest summarised."""

    terms: tuple[Term, ...]
    rest_count: int
    rest_sum: float
    total: float


@dataclass(frozen=True)
class ForwardStep:
    """u of the unit from the layer below, and f(u).

    `kind` is "conv", "dense", "max", "mean" or "trainable". Convolution and fully connected
    units have `weighted` and `bias`; pooling units a 2x2 `window` (trainable subsampling also
    `coefficient` and `bias`). `inputs_used` names the input maps the unit reads (under the C3
    table only the connected S2 maps); `inputs_skipped` the maps the table leaves out.
    `output` is the softmax probability of an output unit, when the network ends in one
    (a plain softmax output has no activation: its `f` is u itself).
    """

    kind: str
    formula: str
    input_name: str
    weighted: WeightedSum | None
    window: np.ndarray | None
    coefficient: float | None
    bias: float | None
    inputs_used: tuple[int, ...]
    inputs_skipped: tuple[int, ...]
    u: Check
    activation: str | None
    f: Check
    output: Check | None = None

    def __post_init__(self) -> None:
        if self.window is not None:
            object.__setattr__(self, "window", _frozen(self.window))


@dataclass(frozen=True)
class OutputRoute:
    """delta(u) of an output unit straight from the loss (`loss` is the network's output kind).

    softmax: (a - y)/N; sigmoid_mse: (f(u) - y) f'(u)/N; activation_softmax:
    (a - y) f'(u)/N with a = softmax(f(u)). N is the batch size (J is the batch mean).
    """

    loss: str
    a: float
    y: float
    batch_size: int


@dataclass(frozen=True)
class DenseRoute:
    """delta(f) of a unit read by a fully connected layer (F6, F7, C5): sum_j w_ji delta(u)_j."""

    next_layer: str
    weighted: WeightedSum


@dataclass(frozen=True)
class PoolRoute:
    """delta(f) of a unit under a 2x2 subsampling window of `next_layer`.

    `window` holds this layer's four f values under the window, `share` what each of the
    four positions receives per unit of the pool's delta(u): max-pooling the mask (1 at the
    first maximum), mean-pooling 1/4 everywhere, trainable subsampling the coefficient.
    `expanded` (mean-pooling only) is the seed-000 picture of the whole map:
    kron(delta(u) of the pool map, ones(2, 2)) / 4.
    """

    next_layer: str
    pool: str
    next_position: tuple[int, int]
    position: tuple[int, int]
    delta_next: float
    window: np.ndarray
    share: np.ndarray
    coefficient: float | None
    expanded: np.ndarray | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "window", _frozen(self.window))
        object.__setattr__(self, "share", _frozen(self.share))
        if self.expanded is not None:
            object.__setattr__(self, "expanded", _frozen(self.expanded))


@dataclass(frozen=True)
class PoolDown:
    """What a subsampling unit sends down to its own 2x2 window: delta(f_prev) = share x
    delta(u) (seed 004, "Gradient in Layer S4": the mask `msk` for max-pooling, 1/4 for
    mean-pooling, the coefficient for trainable subsampling). `expanded` (mean-pooling) is
    seed 000's picture of the whole map, kron(delta(u), ones(2, 2)) / 4."""

    pool: str
    window: np.ndarray
    share: np.ndarray
    delta_u: float
    delta_f_prev: ArrayCheck
    expanded: np.ndarray | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "window", _frozen(self.window))
        object.__setattr__(self, "share", _frozen(self.share))
        if self.expanded is not None:
            object.__setattr__(self, "expanded", _frozen(self.expanded))


@dataclass(frozen=True)
class ConvContribution:
    """One map of the next conv layer: its delta(u) window beside the rotated kernel."""

    next_map: int
    window: np.ndarray
    rotated_kernel: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "window", _frozen(self.window))
        object.__setattr__(self, "rotated_kernel", _frozen(self.rotated_kernel))

    @property
    def products(self) -> np.ndarray:
        return self.window * self.rotated_kernel

    @property
    def total(self) -> float:
        return float(self.products.sum())


@dataclass(frozen=True)
class ConvRoute:
    """delta(f) of a map unit read by a conv layer: the full convolution of the next layer's
    delta(u) with its 180-degree-rotated kernels, over the maps connected to this one."""

    next_layer: str
    contributions: tuple[ConvContribution, ...]
    skipped_maps: tuple[int, ...]


Route = OutputRoute | DenseRoute | PoolRoute | ConvRoute


@dataclass(frozen=True)
class DeltaStep:
    """delta(u) = delta(f) f'(u); at the output delta(u) comes from the loss (`delta_f` None).

    `f_prime` is None where the layer has no activation (max/mean pooling, softmax output).
    """

    route: Route
    formula: str
    delta_f: Check | None
    f_prime: float | None
    delta_u: Check


@dataclass(frozen=True)
class ParamStep:
    """delta(w) and delta(b) of the unit's kernel or row, summed over the trace's batch.

    For a conv map `delta_w` is (inputs, 5, 5), zero where the C3 table leaves a kernel out;
    for a fully connected row it has the row's shape; for trainable subsampling it is the
    map's coefficient gradient (a 0-d array).
    """

    formula_w: str
    formula_b: str
    delta_w: ArrayCheck
    delta_b: Check
    batch_size: int


@dataclass(frozen=True)
class Derivation:
    """The seeds' derivation for one unit: forward, delta(u), and its parameters' gradients.

    `params` are for the trace the unit was derived from (the probe image); `batch_params`,
    when asked for, the same gradients over the batch the optimiser used. A subsampling
    unit also shows what it sends down to its window (`pool_down`).
    """

    layer: str
    kind: str
    index: int
    row: int
    col: int
    sample: int
    unit_label: str
    forward: ForwardStep
    delta: DeltaStep
    params: ParamStep | None
    batch_params: ParamStep | None = None
    pool_down: PoolDown | None = None

    @property
    def checks(self) -> tuple[Check | ArrayCheck, ...]:
        """Every recomputed value with the engine's, in the order the derivation shows them."""
        out: list[Check | ArrayCheck] = [self.forward.u, self.forward.f]
        if self.forward.output is not None:
            out.append(self.forward.output)
        if self.delta.delta_f is not None:
            out.append(self.delta.delta_f)
        out.append(self.delta.delta_u)
        if self.pool_down is not None:
            out.append(self.pool_down.delta_f_prev)
        for p in (self.params, self.batch_params):
            if p is not None:
                out += [p.delta_w, p.delta_b]
        return tuple(out)

    @property
    def max_abs_difference(self) -> float:
        diffs = [
            c.max_abs_difference if isinstance(c, ArrayCheck) else abs(c.difference)
            for c in self.checks
        ]
        return max(diffs)
