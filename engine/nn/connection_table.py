"""LeNet-5's C3 connection table (LeCun et al. 1998, Table I).

Maps 0-5 read three contiguous S2 maps, 6-11 four contiguous, 12-14 four non-contiguous and
15 all six: 60 kernels. Seed 004's list `Cbn` repeats (5,14) where the table has (5,13); the
table is right (see lenet5.md section 1).
"""

from __future__ import annotations

import numpy as np

C3_INPUTS: tuple[tuple[int, ...], ...] = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (4, 5, 0), (5, 0, 1),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (3, 4, 5, 0), (4, 5, 0, 1), (5, 0, 1, 2),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)


def c3_table() -> np.ndarray:
    """Return the table as a boolean mask (16 C3 maps, 6 S2 maps): True where connected."""
    mask = np.zeros((16, 6), dtype=bool)
    for out_map, inputs in enumerate(C3_INPUTS):
        mask[out_map, list(inputs)] = True
    return mask
