"""Central finite differences against the analytic gradients: the seeds' derivations,
verified numerically.

Runs on a float64 copy of the network so the check is meaningful for a float32 network too.
Smooth networks use a fourth-order stencil with a large step, so round-off stays tiny even
where gradients are small. ReLU and max-pooling have kinks where the derivative jumps; a
difference quotient across a kink measures nothing, so for those networks every quotient is
checked to have kept each ReLU's sign and each max-pool's choice, and the step is shrunk
until it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .network import Gradients, Network, Trace


@dataclass(frozen=True)
class ParamCheck:
    name: str
    indices: np.ndarray  # flat indices checked
    analytic: np.ndarray
    numeric: np.ndarray

    @property
    def relative_error(self) -> float:
        """max |a - n| / max(max |a|, max |n|) over the sampled entries (0 if both vanish)."""
        scale = max(np.abs(self.analytic).max(initial=0), np.abs(self.numeric).max(initial=0))
        if scale == 0:
            return 0.0
        return float(np.abs(self.analytic - self.numeric).max() / scale)


def has_kinks(net: Network) -> bool:
    return net.config.activation == "relu" or net.config.subsampling == "max"


def default_eps(net: Network) -> float:
    # kinked networks start at 1e-4 and shrink the step only where it crosses a kink
    return 1e-4 if has_kinks(net) else 1e-3


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def _derivative(
    net: Network, run: Callable[[float], Trace], labels: np.ndarray, eps: float
) -> float:
    """dJ/dt at t=0, where run(t) is the forward pass with the perturbation t applied."""
    if not has_kinks(net):
        def loss(t: float) -> float:
            return net.loss(run(t), labels)

        return (-loss(2 * eps) + 8 * loss(eps) - 8 * loss(-eps) + loss(-2 * eps)) / (12 * eps)
    base = net.discrete_choices(run(0.0))
    for _ in range(5):
        plus, minus = run(eps), run(-eps)
        if _same(base, net.discrete_choices(plus)) and _same(base, net.discrete_choices(minus)):
            break
        eps /= 10  # the step crossed a kink: shrink it
    return (net.loss(plus, labels) - net.loss(minus, labels)) / (2 * eps)


def _float64_setup(
    net: Network, x: np.ndarray, labels: np.ndarray, eps: float | None
) -> tuple[Network, np.ndarray, np.ndarray, Gradients, float]:
    """A float64 copy of the network, the inputs in float64, its gradients, and the step."""
    net64 = Network(net.config, net.params, np.float64)
    x = np.asarray(x, dtype=np.float64)
    labels = np.asarray(labels)
    grads = net64.backward(net64.forward(x), labels)
    return net64, x, labels, grads, eps or default_eps(net64)


def check_gradients(
    net: Network,
    x: np.ndarray,
    labels: np.ndarray,
    *,
    samples: int | None = 20,
    eps: float | None = None,
    seed: int = 0,
) -> dict[str, ParamCheck]:
    """For each parameter, compare dJ/dparam with a central difference quotient.

    `samples` entries per parameter are drawn at random (None: every entry); entries the
    C3 table holds at zero are skipped, as they are not free parameters.
    """
    net64, x, labels, grads, eps = _float64_setup(net, x, labels, eps)
    rng = np.random.default_rng(seed)
    results = {}
    for name, p in net64.params.items():
        free = np.arange(p.size)
        mask = net64.param_mask(name)
        if mask is not None:
            free = np.flatnonzero(np.broadcast_to(mask, p.shape).ravel())
        idx = free if samples is None or samples >= free.size else rng.choice(
            free, samples, replace=False
        )
        flat = p.reshape(-1)
        numeric = np.empty(idx.size)
        for j, i in enumerate(idx):
            old = flat[i]

            def run(t: float, i: int = i, old: float = old, flat: np.ndarray = flat) -> Trace:
                flat[i] = old + t
                try:
                    return net64.forward(x)
                finally:
                    flat[i] = old

            numeric[j] = _derivative(net64, run, labels, eps)
        results[name] = ParamCheck(name, idx, grads.params[name].reshape(-1)[idx], numeric)
    return results


def check_delta_u(
    net: Network, x: np.ndarray, labels: np.ndarray, *, samples: int = 10,
    eps: float | None = None, seed: int = 0,
) -> dict[str, ParamCheck]:
    """The same comparison for each layer's sensitivity delta_u = dJ/du."""
    net64, x, labels, grads, eps = _float64_setup(net, x, labels, eps)
    rng = np.random.default_rng(seed)
    results = {}
    for layer, du in grads.delta_u.items():
        idx = rng.choice(du.size, min(samples, du.size), replace=False)
        numeric = np.empty(idx.size)
        for j, i in enumerate(idx):
            unit = np.zeros(du.shape)
            unit.reshape(-1)[i] = 1.0

            def run(t: float, unit: np.ndarray = unit, layer: str = layer) -> Trace:
                return net64.forward(x, u_offsets={layer: unit * t})

            numeric[j] = _derivative(net64, run, labels, eps)
        results[layer] = ParamCheck(layer, idx, np.ascontiguousarray(du).reshape(-1)[idx], numeric)
    return results
