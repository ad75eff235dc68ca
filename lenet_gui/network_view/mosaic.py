"""Tiling a layer's maps into one image (pure NumPy, no Qt).

A layer with C maps of H x W becomes one mosaic of `rows x cols` tiles separated by `gap`
pixels of NaN (drawn transparent, so the background shows between tiles). A vector layer
(C5's 120 units, F6's 84) is C "maps" of 1 x 1, each drawn as a `cell x cell` square.
`MosaicLayout` precomputes the gather indices once per layer, so tiling a new snapshot is
one fancy-indexing assignment, and maps a pixel of the mosaic back to (map, row, col) for
hovering.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "VECTOR_CELL",
    "MosaicLayout",
    "grid_shape",
    "layer_levels",
    "layout_for_shape",
    "mosaic",
    "normalise_per_map",
    "vector_layout",
]

VECTOR_CELL = 4  # in the network view a vector unit is VECTOR_CELL x VECTOR_CELL image pixels


def grid_shape(n: int, h: int = 1, w: int = 1, aspect: float = 1.5) -> tuple[int, int]:
    """(rows, cols) for n tiles of h x w whose mosaic is about `aspect` (height / width).

    Prefers grids without empty tiles; a near-square grid when nothing divides n well.
    """
    if n <= 0:
        return (0, 0)
    best: tuple[float, int, int] | None = None
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        if (rows - 1) * cols >= n:  # an entirely empty row: never best
            continue
        ratio = (rows * h) / (cols * w)
        empty = rows * cols - n
        score = abs(math.log(ratio / aspect)) + 3.0 * empty / n
        if best is None or score < best[0] - 1e-12:
            best = (score, rows, cols)
    assert best is not None
    return best[1], best[2]


@dataclass(frozen=True)
class MosaicLayout:
    """Where each map of a layer goes in its mosaic."""

    n: int
    h: int
    w: int
    rows: int
    cols: int
    gap: int = 1
    cell: int = 1  # each source pixel drawn as cell x cell (vectors)
    _src: np.ndarray = field(init=False, repr=False, compare=False)
    _dst: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.rows * self.cols < self.n:
            raise ValueError(f"{self.rows}x{self.cols} grid cannot hold {self.n} maps")
        th, tw = self.tile_h, self.tile_w
        W = self.shape[1]
        m, r, c = np.meshgrid(np.arange(self.n), np.arange(th), np.arange(tw), indexing="ij")
        src = (m * self.h + r // self.cell) * self.w + c // self.cell
        y = (m // self.cols) * (th + self.gap) + r
        x = (m % self.cols) * (tw + self.gap) + c
        object.__setattr__(self, "_src", src.ravel().astype(np.intp))
        object.__setattr__(self, "_dst", (y * W + x).ravel().astype(np.intp))

    @property
    def tile_h(self) -> int:
        return self.h * self.cell

    @property
    def tile_w(self) -> int:
        return self.w * self.cell

    @property
    def shape(self) -> tuple[int, int]:
        """(height, width) of the mosaic in pixels."""
        return (
            self.rows * self.tile_h + (self.rows - 1) * self.gap,
            self.cols * self.tile_w + (self.cols - 1) * self.gap,
        )

    def empty(self) -> np.ndarray:
        return np.full(self.shape, np.nan, dtype=np.float32)

    def tile(self, maps: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """maps (n, h, w) or (n,) -> float32 C-contiguous mosaic, NaN in the gaps."""
        flat = np.asarray(maps, dtype=np.float32).reshape(-1)
        if flat.size != self.n * self.h * self.w:
            raise ValueError(f"expected {self.n}x{self.h}x{self.w} values, got {flat.size}")
        if out is None:
            out = self.empty()
        out.reshape(-1)[self._dst] = flat[self._src]
        return out

    def locate(self, y: float, x: float) -> tuple[int, int, int] | None:
        """Mosaic pixel (row y, column x) -> (map index, row, col) in that map, or None
        for a gap, an empty tile or a point outside."""
        if y < 0 or x < 0:
            return None
        yi, xi = int(y), int(x)
        ty, ry = divmod(yi, self.tile_h + self.gap)
        tx, rx = divmod(xi, self.tile_w + self.gap)
        if ry >= self.tile_h or rx >= self.tile_w or ty >= self.rows or tx >= self.cols:
            return None
        index = ty * self.cols + tx
        if index >= self.n:
            return None
        return index, ry // self.cell, rx // self.cell

    def tile_origin(self, index: int) -> tuple[int, int]:
        """(y, x) of the top-left pixel of map `index` in the mosaic."""
        ty, tx = divmod(index, self.cols)
        return ty * (self.tile_h + self.gap), tx * (self.tile_w + self.gap)


def mosaic(n: int, h: int, w: int, rows: int, cols: int) -> MosaicLayout:
    """The network view's mosaic of n maps of h x w (vectors: n of 1 x 1) in rows x cols."""
    cell = VECTOR_CELL if h == w == 1 else 1
    return MosaicLayout(n, h, w, rows, cols, gap=1, cell=cell)


def vector_layout(n: int) -> MosaicLayout:
    """A vector layer enlarged: its units in rows of ten (fewer units: one row), no gaps,
    so unit k is at row k // 10, column k % 10."""
    cols = 10 if n > 10 else max(n, 1)
    return MosaicLayout(n, 1, 1, math.ceil(n / cols), cols, gap=0, cell=1)


def layout_for_shape(shape: tuple[int, ...], aspect: float = 1.5,
                     vector_cell: int = VECTOR_CELL) -> MosaicLayout:
    """A layout for a layer's per-image output shape: (C, H, W) maps or (units,)."""
    if len(shape) == 3:
        c, h, w = shape
        rows, cols = grid_shape(c, h, w, aspect)
        return MosaicLayout(c, h, w, rows, cols, gap=1, cell=1)
    n = int(np.prod(shape))
    if n == 84:  # the paper draws F6 as a 7x12 bitmap
        rows, cols = 12, 7
    elif n <= 12:
        rows, cols = n, 1
    else:
        rows, cols = grid_shape(n, 1, 1, aspect)
    return MosaicLayout(n, 1, 1, rows, cols, gap=1, cell=vector_cell)


def normalise_per_map(maps: np.ndarray, diverging: bool) -> np.ndarray:
    """Scale every map on its own: to [0, 1] by its min and max, or (diverging) to [-1, 1]
    by its largest magnitude. Constant maps become 0 (0.5 would suggest a value)."""
    a = np.asarray(maps, dtype=np.float32)
    flat = a.reshape(a.shape[0], -1) if a.ndim > 1 else a.reshape(-1, 1)
    if diverging:
        scale = np.max(np.abs(flat), axis=1, keepdims=True)
        with np.errstate(all="ignore"):
            out = np.where(scale > 0, flat / np.where(scale > 0, scale, 1), 0)
    else:
        lo = flat.min(axis=1, keepdims=True)
        span = flat.max(axis=1, keepdims=True) - lo
        with np.errstate(all="ignore"):
            out = np.where(span > 0, (flat - lo) / np.where(span > 0, span, 1), 0)
    return out.astype(np.float32).reshape(a.shape)


def layer_levels(values: np.ndarray, diverging: bool) -> tuple[float, float]:
    """Colour levels for a whole layer: (min, max), or symmetric +-max|v| when diverging.
    Never an empty range, never NaN."""
    v = np.asarray(values, dtype=np.float64)
    finite = v[np.isfinite(v)]
    if finite.size == 0:
        return (-1.0, 1.0) if diverging else (0.0, 1.0)
    if diverging:
        m = float(np.max(np.abs(finite)))
        m = m if m > 0 else 1e-12
        return (-m, m)
    lo, hi = float(finite.min()), float(finite.max())
    if hi <= lo:
        hi = lo + 1e-6
    return (lo, hi)
