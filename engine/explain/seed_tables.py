"""Seed 000's mean-pool expansion and seed 004's C3 connection table, from the engine.

Both come out of the engine's own computation: the expansion from its mean-pooling
backward kernel, the table from which C3 maps a forward pass moves when one S2 map is
nudged (`Network.forward`'s `u_offsets`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import build_network, c3_table

from .engine_internals import mean_pool_backward
from .worked import Prose

# Seed 000, the delta of a 4x4 mean-pooled map (its "L=4 C" matrix)
SEED000_DELTA = np.array([
    [0.3517, 0.9172, 0.3804, 0.5308],
    [0.8308, 0.2858, 0.5678, 0.7792],
    [0.5853, 0.7572, 0.0759, 0.9340],
    [0.5497, 0.7537, 0.0540, 0.1299],
])

# Seed 004's list Cbn, row k = S2 map, one entry per C3 column (None where it writes "()");
# its last row writes (5,14) in column 13 where the table has (5,13).
SEED004_CBN: tuple[tuple[int | None, ...], ...] = (
    (0, None, None, None, 4, 5, 6, None, None, 9, 10, 11, 12, None, 14, 15),
    (0, 1, None, None, None, 5, 6, 7, None, None, 10, 11, 12, 13, None, 15),
    (0, 1, 2, None, None, None, 6, 7, 8, None, None, 11, None, 13, 14, 15),
    (None, 1, 2, 3, None, None, 6, 7, 8, 9, None, None, 12, None, 14, 15),
    (None, None, 2, 3, 4, None, None, 7, 8, 9, 10, None, 12, 13, None, 15),
    (None, None, None, 3, 4, 5, None, None, 8, 9, 10, 11, None, 14, 14, 15),
)


@dataclass(frozen=True)
class MeanPoolExpansion:
    """Seed 000: delta (4x4) -> the seed's kron(delta, ones(2, 2)) and the engine's delta/4;
    `note` says so in words."""

    delta: np.ndarray
    seed_expansion: np.ndarray
    engine_expansion: np.ndarray
    note: Prose

    @property
    def text(self) -> str:
        return self.note.text()


@dataclass(frozen=True)
class ConnectionTable:
    """Seed 004's C3 table: rows S2 maps 0-5, columns C3 maps 0-15, True where connected;
    `note` says how it was found and where the seed's list slips."""

    engine_table: np.ndarray
    seed_table: np.ndarray
    note: Prose

    @property
    def grid(self) -> str:
        """The table as text, X where connected."""
        lines = ["S2 \\ C3  " + " ".join(f"{m:>2}" for m in range(16))]
        for k in range(6):
            lines.append(f"    {k}    " + " ".join(" X" if self.engine_table[k, m] else " ."
                                                  for m in range(16)))
        return "\n".join(lines)

    @property
    def text(self) -> str:
        return self.grid + "\n\n" + self.note.text()

    @property
    def differences(self) -> tuple[tuple[int, int], ...]:
        """(S2 map, C3 map) where the seed's list and the engine disagree."""
        rows, cols = np.nonzero(self.engine_table != self.seed_table)
        return tuple((int(k), int(m)) for k, m in zip(rows, cols, strict=True))


def seed000_expansion(delta: np.ndarray = SEED000_DELTA) -> MeanPoolExpansion:
    """The engine's mean-pool backward beside the seed's Kronecker picture."""
    seed = np.kron(delta, np.ones((2, 2)))
    engine = mean_pool_backward(delta)
    diff = float(np.max(np.abs(engine - seed / 4)))
    note = Prose(
        "Seed 000 expands the 4x4 sensitivity of a mean-pooled map to 8x8 with MATLAB's {0}: "
        "every value covers the 2x2 window it was pooled from. The mean took 1/4 of each "
        "input, so each input's sensitivity is a quarter of that: the engine's mean-pooling "
        "backward gives {0} / 4 (largest difference {1}). The seed's printed {2} is the "
        "expansion before that division.",
        (KRON, f"{diff:.1e}", "$ans$"))
    return MeanPoolExpansion(_ro(delta), _ro(seed), _ro(engine), note)


KRON = r"$\mathrm{kron}(\delta, \mathrm{ones}(2))$"


def engine_c3_table(seed: int = 0) -> np.ndarray:
    """(6, 16): which C3 maps move when one S2 map is nudged, in LeNet-5 with the table."""
    net = build_network("lenet5-1998", dtype=np.float64, seed=seed)
    x = np.random.default_rng(seed).standard_normal((1, 1, 32, 32))
    base = net.forward(x).u["C3"][0]
    table = np.zeros((6, 16), dtype=bool)
    for k in range(6):
        nudge = np.zeros((1, 6, 14, 14))
        nudge[0, k] = 0.5
        moved = net.forward(x, u_offsets={"S2": nudge}).u["C3"][0]
        table[k] = np.abs(moved - base).reshape(16, -1).max(axis=1) > 1e-9
    return table


def seed004_c3_table() -> ConnectionTable:
    """The engine's table beside seed 004's list Cbn, with the slip named."""
    engine = engine_c3_table()
    seed = np.zeros((6, 16), dtype=bool)
    for k, row in enumerate(SEED004_CBN):
        for m in row:
            if m is not None:
                seed[k, m] = True
    same = np.array_equal(engine, c3_table().T)
    note = Prose(SEED004_SAME if same else SEED004_DIFFERENT, (str(int(engine.sum())),))
    return ConnectionTable(_ro(engine), _ro(seed), note)


_SEED004_SLIP = (" Seed 004's list $Cbn$ writes (5,14) twice in its last row, where column 13 "
                 "needs (5,13): C3 map 13 reads S2 maps 1, 2, 4, 5.")
SEED004_SAME = ("Found by nudging each S2 map and watching which C3 maps move; it equals the "
                "paper's Table I ({0} kernels)." + _SEED004_SLIP)
SEED004_DIFFERENT = ("Found by nudging each S2 map and watching which C3 maps move; it DIFFERS "
                     "FROM the paper's Table I ({0} kernels)." + _SEED004_SLIP)


def _ro(a: np.ndarray) -> np.ndarray:
    out = np.array(a, copy=True)
    out.setflags(write=False)
    return out
