"""The probe's forward and backward pass, rebuilt from a snapshot (no Qt).

A snapshot carries one image's maps but not the engine's trace, so the derivation rebuilds a
float64 network from the snapshot's parameters and runs the probe through it: one image,
a few milliseconds, and every check then agrees to ~1e-12.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import Derivation, Gradients, Network, NetworkConfig, Snapshot, Trace, derive_unit

Unit = tuple[str, int, int, int]  # layer, map or unit, row, col


@dataclass(frozen=True)
class ProbeRun:
    """The probe through a copy of the network: its trace, gradients and loss."""

    net: Network
    x: np.ndarray  # (1, 1, S, S)
    label: int
    trace: Trace
    grads: Gradients

    @property
    def loss(self) -> float:
        return float(self.grads.loss)

    def derive(self, unit: Unit) -> Derivation:
        layer, index, row, col = unit
        return derive_unit(self.net, self.trace, self.grads, [self.label], layer, index, row,
                           col)


def run_probe(net: Network, x: np.ndarray, label: int) -> ProbeRun:
    """Forward and backward of one image through `net` (the caller's copy)."""
    x4 = np.asarray(x, dtype=np.float64).reshape(1, 1, *np.shape(x)[-2:])
    trace = net.forward(x4)
    grads = net.backward(trace, np.array([label]), need_input_grad=True)
    return ProbeRun(net, x4, int(label), trace, grads)


class ProbeRunner:
    """Keeps one float64 network per configuration and the run of the latest snapshot."""

    def __init__(self) -> None:
        self._net: Network | None = None
        self._snap: Snapshot | None = None  # the snapshot `run` is of
        self.run: ProbeRun | None = None

    def for_snapshot(self, config: NetworkConfig, snap: Snapshot) -> ProbeRun:
        """The probe run for this snapshot (cached while the snapshot is the same)."""
        if self.run is not None and self.is_current(snap):
            return self.run
        if self._net is None or self._net.config != config:
            self._net = Network(config, dict(snap.params), dtype=np.float64)
        else:
            self._net.set_params(dict(snap.params))
        self._snap = snap
        self.run = run_probe(self._net, snap.input, snap.target)
        return self.run

    def is_current(self, snap: Snapshot) -> bool:
        """Whether `run` is of this snapshot's parameters and probe."""
        return self.run is not None and self._snap is snap

    def forget(self) -> None:
        self._net, self._snap, self.run = None, None, None


def batch_slice(snap: Snapshot, layer: str, index: int) -> dict[str, np.ndarray]:
    """The unit's kernel or row of the optimiser's last batch gradients (engine values):
    "weight"/"coef" and "bias", whichever the layer has."""
    out: dict[str, np.ndarray] = {}
    for kind in ("weight", "coef", "bias"):
        g = snap.batch_grads.get(f"{layer}.{kind}")
        if g is not None and g.shape and index < g.shape[0]:
            out[kind] = np.asarray(g[index])
    return out
