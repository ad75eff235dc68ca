"""What if one weight or bias changed by a typed amount? (no Qt)

Works on the derivation's own copy of the network: the first-order prediction
delta(w) x change beside the loss of a new forward pass, and how far every layer's maps
moved. `revert` puts the saved value back bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .probe_run import ProbeRun, run_probe


@dataclass(frozen=True)
class WhatIf:
    """One changed parameter entry and what it did to the probe."""

    param: str  # e.g. "C3.weight"
    position: tuple[int, ...]
    change: float
    gradient: float  # dJ/dparam at the old value
    old_loss: float
    new_loss: float
    moved: dict[str, float]  # layer -> max |change of f| over its maps
    run: ProbeRun  # the probe through the changed network

    @property
    def predicted(self) -> float:
        return self.gradient * self.change

    @property
    def actual(self) -> float:
        return self.new_loss - self.old_loss


def unit_parameters(run: ProbeRun, layer: str, index: int) -> list[tuple[str, tuple[int, ...]]]:
    """The entries of the unit's kernel or row, and its bias: (param name, position)."""
    out: list[tuple[str, tuple[int, ...]]] = []
    params = run.net.params
    for kind in ("weight", "coef"):
        p = params.get(f"{layer}.{kind}")
        if p is None:
            continue
        sub = p[index]
        if sub.ndim == 0:
            out.append((f"{layer}.{kind}", (index,)))
            continue
        for pos in np.ndindex(sub.shape):
            if layer == "C3" and not _connected(p, index, pos):
                continue
            out.append((f"{layer}.{kind}", (index, *pos)))
    if f"{layer}.bias" in params:
        out.append((f"{layer}.bias", (index,)))
    return out


def _connected(p: np.ndarray, index: int, pos: tuple[int, ...]) -> bool:
    """Under the C3 table a left-out kernel is held at exactly zero."""
    return bool(np.any(p[index, pos[0]] != 0)) if len(pos) == 3 else True


class WhatIfSession:
    """Apply one change at a time to `run.net` and revert it exactly."""

    def __init__(self, run: ProbeRun) -> None:
        self.base = run
        self.current: WhatIf | None = None
        self._saved: tuple[str, tuple[int, ...], np.ndarray] | None = None

    def apply(self, param: str, position: tuple[int, ...], change: float) -> WhatIf:
        self.revert()
        net = self.base.net
        array = net.params[param]
        self._saved = (param, position, array[position].copy())
        gradient = float(self.base.grads.params[param][position])
        array[position] = array[position] + change
        new = run_probe(net, self.base.x, self.base.label)
        moved = {name: float(np.max(np.abs(new.trace.f[name] - self.base.trace.f[name])))
                 for name in net.layer_names}
        self.current = WhatIf(param, position, float(change), gradient, self.base.loss,
                              new.loss, moved, new)
        return self.current

    def revert(self) -> None:
        """Put the changed entry back exactly as it was."""
        if self._saved is not None:
            param, position, value = self._saved
            self.base.net.params[param][position] = value
            self._saved = None
        self.current = None
