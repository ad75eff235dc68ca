"""Where everything in the network view goes, for any size of the view (pure: no Qt).

The view is a grid: a header column, then one column per layer (the input, the layers, the
output's bars); its rows are the titles, the activations, their scale, the sensitivities and
their scale. The plan decides every column's width, every layer's mosaic grid (rows x cols
of maps), and how every label is written (the first of its variants that fits its column:
one line, or wrapped) and at which font size, so that no column's drawing is narrower than
`READABLE_W` and no two labels overlap. Text is measured by a function passed in: the view
passes one from QFontMetrics, tests use `estimate_text_width`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .mosaic import VECTOR_CELL

Kind = Literal["input", "layer", "output"]
Row = Literal["title", "act", "delta"]
Line = tuple[str, float]  # one line of plain text and its point size at full scale
TextWidth = Callable[[str, float], float]  # (text, point size) -> pixels

# fixed parts of the grid, in pixels
HEADER_W = 40  # the rotated row headers
MARGIN_W = 10  # the layout's left and right margins
MARGIN_H = 4  # its top and bottom margins
SPACING = 6  # between two columns
COL_PAD = 8  # pixels of a column beside its mosaic
MIN_COL_W = 72  # a column's width when there is room for it (see `plan_columns`)
READABLE_W = 40  # no column's mosaic (or bars) is ever narrower than this
MAX_STACK = 4  # a layer's maps are at most 4x more rows than columns (not for vectors)
OUTPUT_W = 96
LABEL_AIR = 10  # a label's box beyond its text: the text's margins and 2 px between labels
LABEL_BOX_H = 8  # a label's box beyond its lines
FONT_SCALES = (1.0, 0.9, 0.8)  # the text shrinks before any column gets too narrow
HEADER_AIR = 8  # a row header (rotated, along its row's height) beyond its text
MIN_HEADER_SCALE = 0.65  # the row headers shrink, down to this (5.5 pt), before they are cut
CHAR_W_PER_PT = 0.85  # an average character of the UI font, pixels per point size
LINE_H_PER_PT = 1.55  # a line of text, pixels per point size


def estimate_text_width(text: str, pt: float) -> float:
    """Width of one line of plain text in the UI font, estimated from its length."""
    return len(text) * CHAR_W_PER_PT * pt


@dataclass(frozen=True)
class LabelSpec:
    """One label of a column: the ways it may be written (lines), preferred first."""

    row: Row
    variants: tuple[tuple[Line, ...], ...]


@dataclass(frozen=True)
class ColumnSpec:
    """One column to lay out: a layer's maps (n, h, w), vectors as (n, 1, 1)."""

    name: str
    kind: Kind
    shape: tuple[int, int, int]
    labels: tuple[LabelSpec, ...] = ()


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


@dataclass(frozen=True)
class ColumnPlan:
    """Where one middle column goes: its mosaic grid and its width on screen."""

    rows: int
    cols: int
    width: float  # screen pixels
    tile: float  # screen pixels per map side (or per vector unit)
    drawn_w: float = 0.0  # screen pixels of the mosaic's width


@dataclass(frozen=True)
class PlacedColumn:
    name: str
    kind: Kind
    x: float
    width: float
    rows: int  # the mosaic grid (1 x 1 for the output)
    cols: int
    drawn_w: float  # the mosaic's (or the bars') width on screen


@dataclass(frozen=True)
class PlacedLabel:
    column: str
    row: Row
    variant: int  # index into its LabelSpec's variants
    rect: Rect


@dataclass(frozen=True)
class ViewPlan:
    font_scale: float
    row_h: float  # height of each of the two rows of mosaics
    columns: tuple[PlacedColumn, ...]
    labels: tuple[PlacedLabel, ...]
    header_scale: float = 1.0  # of the row headers' font, which run along the rows' height

    def column(self, name: str) -> PlacedColumn:
        return next(c for c in self.columns if c.name == name)

    def variant(self, name: str, row: Row) -> int:
        return next((p.variant for p in self.labels if (p.column, p.row) == (name, row)), 0)


# ---------------------------------------------------------------- the mosaic grids

def _weight(h: int) -> float:
    """Relative tile size of a layer: C1's 28x28 maps get the biggest tiles, S4's 5x5 maps
    about half of that, vector units a sixth."""
    if h <= 1:
        return 0.17
    return float(np.clip(math.sqrt(h / 28.0), 0.5, 1.0))


def _candidate_grids(n: int, vector: bool) -> list[tuple[int, int]]:
    """The grids a layer of n maps (or n vector units) may be tiled in: (rows, cols).

    Only full grids (no empty tile) when n allows a sensible one; maps are never stacked
    more than MAX_STACK times taller than wide in tiles (a thin column of 6 maps reads badly).
    """
    grids = []
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        if (rows - 1) * cols >= n:  # an entirely empty row
            continue
        if not vector and rows > MAX_STACK * cols and n > MAX_STACK:
            continue
        grids.append((rows, cols))
    full = [g for g in grids if g[0] * g[1] == n]
    # a prime count (7 maps) has only 1 x n and n x 1: then the last row may be partial
    if n > MAX_STACK and not any(r > 1 and c > 1 for r, c in full):
        return grids
    return full


def _groups(shapes: Sequence[tuple[int, int, int]]) -> list[list[int]]:
    """Columns that share one grid: a subsampling layer and the convolution before it (same
    number of maps), so map k is at the same place in both."""
    groups: list[list[int]] = []
    for i, (n, h, _w) in enumerate(shapes):
        prev = shapes[i - 1] if i else None
        if groups and prev is not None and h > 1 and prev[1] > 1 and prev[0] == n \
                and len(groups[-1]) < 2:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _extent(k: int, side: float, h: int) -> float:
    """Screen length of k tiles of `side` pixels with their 1-image-pixel gaps."""
    gap = side / h if h > 1 else side / VECTOR_CELL
    return k * side + (k - 1) * gap


def _units(shape: tuple[int, int, int], grid: tuple[int, int]) -> tuple[int, int]:
    """(width, height) of a mosaic in image pixels."""
    _n, h, w = shape
    cell = VECTOR_CELL if h == w == 1 else 1
    rows, cols = grid
    return cols * (w * cell + 1) - 1, rows * (h * cell + 1) - 1


def _scale(shape: tuple[int, int, int], grid: tuple[int, int], col_w: float,
           row_height: float) -> float:
    """Screen pixels per image pixel of a mosaic drawn in a column (aspect kept)."""
    units_w, units_h = _units(shape, grid)
    return max(0.0, min((col_w - COL_PAD) / units_w, row_height / units_h))


class _Grids:
    """The middle columns' candidate grids, by groups sharing one grid."""

    def __init__(self, shapes: Sequence[tuple[int, int, int]], least: list[float],
                 row_height: float) -> None:
        self.shapes, self.least, self.row_height = shapes, least, row_height
        self.groups = _groups(shapes)
        self.options = [_candidate_grids(shapes[g[0]][0], shapes[g[0]][1] <= 1)
                        for g in self.groups]

    def choose(self, t: float) -> tuple[float, list[tuple[int, int]]] | None:
        """For common tile size t: every group's narrowest grid that fits the row height,
        and the total width; None if some group fits no grid."""
        total, grids = 0.0, [(1, 1)] * len(self.shapes)
        for members, cands in zip(self.groups, self.options, strict=True):
            best = None
            for rows, cols in cands:
                hs = [self.shapes[i][1] for i in members]
                sides = [t * _weight(h) for h in hs]
                if any(_extent(rows, s, h) > self.row_height
                       for s, h in zip(sides, hs, strict=True)):
                    continue
                w = sum(max(self.least[i], _extent(cols, s, h) + COL_PAD)
                        for s, h, i in zip(sides, hs, members, strict=True))
                if best is None or w < best[0]:
                    best = (w, rows, cols)
            if best is None:
                return None
            total += best[0]
            for i in members:
                grids[i] = (best[1], best[2])
        return total, grids

    def largest(self, width: float) -> tuple[float, list[tuple[int, int]]]:
        """The largest common tile size whose grids fit `width` (bisection), and its grids."""
        lo, hi = 1.0, max(2.0, self.row_height)
        found = self.choose(lo)
        grids = found[1] if found is not None else [
            min(cands) for members, cands in zip(self.groups, self.options, strict=True)
            for _ in members]  # not even tiny tiles fit the height: the flattest grids
        for _ in range(30):
            mid = (lo + hi) / 2
            candidate = self.choose(mid)
            if candidate is not None and candidate[0] <= width:
                lo, grids = mid, candidate[1]
            else:
                hi = mid
        return lo, grids

    def best(self, widths: Sequence[float],
             start: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Every group's grid with the largest tiles in the widths its columns got, of the
        grids drawn at least READABLE_W wide if there are any (a thin column then wraps its
        maps instead of drawing them as a strip)."""
        grids = list(start)
        for members, cands in zip(self.groups, self.options, strict=True):
            def score(grid: tuple[int, int], members: list[int] = members) -> tuple[bool, float]:
                scales = [(_scale(self.shapes[i], grid, widths[i], self.row_height), i)
                          for i in members]
                wide = all(k * _units(self.shapes[i], grid)[0] >= READABLE_W for k, i in scales)
                tile = min(k * self.shapes[i][1] / _weight(self.shapes[i][1]) for k, i in scales)
                return wide, tile
            chosen = grids[members[0]]
            for grid in cands:
                new, old = score(grid), score(chosen)
                if new[0] > old[0] or (new[0] == old[0] and new[1] > old[1] * (1 + 1e-9)):
                    chosen = grid
            for i in members:
                grids[i] = chosen
        return grids


def _share(natural: list[float], least: list[float], width: float) -> list[float]:
    """Widths summing to `width`: spare room in proportion; missing room taken from what
    each column has beyond its least width (never below it while the least widths fit)."""
    total = sum(natural)
    if total <= 0:
        return natural
    if total <= width:
        return [b * width / total for b in natural]
    floor = sum(least)
    if floor >= width:
        return [m * width / floor for m in least]
    k = (width - floor) / (total - floor)
    return [m + (b - m) * k for b, m in zip(natural, least, strict=True)]


def plan_columns(shapes: Sequence[tuple[int, int, int]], width: float,
                 row_height: float, min_widths: Sequence[float] | None = None,
                 floor: float = MIN_COL_W) -> list[ColumnPlan]:
    """Grids for the middle columns (n maps of h x w; vectors as n of 1x1) that make the
    tiles as large as the space allows: every mosaic at most `row_height` tall, all
    together `width` wide, each column at least `floor` or its `min_widths` entry (room for
    its title and the numbers beneath) while those fit.

    The tiles of all layers grow together (scaled per layer by `_weight`): the largest
    common size whose grids fit is found by bisection; for each size every group of columns
    (see `_groups`) takes, of its candidate grids (`_candidate_grids`) that fit the row
    height, the narrowest. The room left (or missing) is shared out, and each group then
    takes the grid that draws its maps largest in its columns."""
    row_height = max(row_height, 20.0)
    least = [max(floor, m) for m in (min_widths or [0.0] * len(shapes))]
    grids = _Grids(shapes, least, row_height)
    t, chosen = grids.largest(width)
    natural = [max(m, _extent(c, t * _weight(h), h) + COL_PAD)
               for (_n, h, _w), (_r, c), m in zip(shapes, chosen, least, strict=True)]
    widths = _share(natural, least, width)
    chosen = grids.best(widths, chosen)
    plans = []
    for shape, grid, col_w in zip(shapes, chosen, widths, strict=True):
        scale = _scale(shape, grid, col_w, row_height)
        cell = VECTOR_CELL if shape[1] == shape[2] == 1 else 1
        plans.append(ColumnPlan(grid[0], grid[1], col_w, scale * shape[1] * cell,
                                scale * _units(shape, grid)[0]))
    return plans


# ---------------------------------------------------------------- the whole view

def _size(lines: tuple[Line, ...], scale: float, text_width: TextWidth) -> tuple[float, float]:
    """(width, height) of a label's box written in these lines."""
    w = max((text_width(text, p * scale) for text, p in lines), default=0.0)
    h = sum(p * scale * LINE_H_PER_PT for _text, p in lines)
    return w + LABEL_AIR, h + LABEL_BOX_H


def _least_width(spec: ColumnSpec, scale: float, text_width: TextWidth) -> float:
    """The narrowest a column's labels can be written."""
    return max((min(_size(v, scale, text_width)[0] for v in label.variants)
                for label in spec.labels), default=0.0)


def _pick(label: LabelSpec, width: float, scale: float, text_width: TextWidth) -> int:
    """The first variant of a label that fits a column (else the narrowest)."""
    sizes = [_size(v, scale, text_width)[0] for v in label.variants]
    fits = [i for i, w in enumerate(sizes) if w <= width]
    return fits[0] if fits else int(np.argmin(sizes))


def _row_heights(specs: Sequence[ColumnSpec], widths: Sequence[float], scale: float,
                 text_width: TextWidth) -> dict[Row, float]:
    heights: dict[Row, float] = {"title": 0.0, "act": 0.0, "delta": 0.0}
    for spec, width in zip(specs, widths, strict=True):
        for label in spec.labels:
            lines = label.variants[_pick(label, width, scale, text_width)]
            heights[label.row] = max(heights[label.row], _size(lines, scale, text_width)[1])
    return heights


def _font_scale(specs: Sequence[ColumnSpec], spare: float, output_w: float,
                text_width: TextWidth) -> float:
    """The largest font scale at which every column's labels fit its least width."""
    for scale in FONT_SCALES:
        least = sum(max(_least_width(s, scale, text_width),
                        output_w if s.kind == "output" else READABLE_W + COL_PAD)
                    for s in specs)
        if least <= spare:
            return scale
    return FONT_SCALES[-1]


def _widths(specs: Sequence[ColumnSpec], spare: float, row_h: float, scale: float,
            output_w: float, text_width: TextWidth) -> list[tuple[float, int, int, float]]:
    """(width, rows, cols, drawn width) of every column."""
    least = [max(_least_width(s, scale, text_width), READABLE_W + COL_PAD) for s in specs]
    middle = [i for i, s in enumerate(specs) if s.kind == "layer"]
    fixed = {i: max(least[i], output_w) for i, s in enumerate(specs) if s.kind == "output"}
    room = spare - sum(fixed.values()) - sum(least[i] for i, s in enumerate(specs)
                                             if s.kind != "output")
    for i, s in enumerate(specs):
        if s.kind == "input":  # as wide as a row is high, within limits; its caption on
            # one line if that takes no more than a fifth of the room
            preferred = max(_size(label.variants[0], scale, text_width)[0]
                            for label in s.labels) if s.labels else 0.0
            want = max(float(np.clip(row_h, 90, 0.18 * spare)), min(preferred, 0.2 * spare))
            fixed[i] = max(least[i], min(want, least[i] + max(room, 0.0)))
    plans = plan_columns([specs[i].shape for i in middle], spare - sum(fixed.values()),
                         row_h - 4, [least[i] for i in middle], floor=READABLE_W + COL_PAD)
    out: list[tuple[float, int, int, float]] = []
    by_middle = dict(zip(middle, plans, strict=True))
    for i, s in enumerate(specs):
        if i in by_middle:
            p = by_middle[i]
            out.append((p.width, p.rows, p.cols, p.drawn_w))
        else:
            w = fixed[i]
            drawn = w - COL_PAD if s.kind == "output" else min(w - COL_PAD, row_h)
            out.append((w, 1, 1, drawn))
    return out


def header_scale(lengths: Sequence[float], row_h: float) -> float:
    """The row headers' font scale: full size unless a header (rotated, its text along its
    row's height) is longer than its row; then smaller, so that it is not cut (nor makes
    its row taller than planned, pushing the last row of labels out of the view)."""
    longest = max(lengths, default=0.0)
    if longest <= 0:
        return 1.0
    return float(np.clip((row_h - HEADER_AIR) / longest, MIN_HEADER_SCALE, 1.0))


def plan_view(specs: Sequence[ColumnSpec], width: float, height: float,
              text_width: TextWidth = estimate_text_width,
              output_w: float = OUTPUT_W, headers: Sequence[float] = ()) -> ViewPlan:
    """Lay the view out in `width` x `height` pixels: columns, grids and labels. `headers`:
    the row headers' lengths in pixels at full size (their longest line)."""
    spare = width - HEADER_W - MARGIN_W - SPACING * len(specs)
    scale = _font_scale(specs, spare, output_w, text_width)
    # the rows of text as tall as their narrowest writing first, then as written
    tallest = _row_heights(specs, [0.0] * len(specs), scale, text_width)
    row_h = (height - MARGIN_H - sum(tallest.values())) / 2
    columns = _widths(specs, spare, row_h, scale, output_w, text_width)
    widths = [c[0] for c in columns]
    heights = _row_heights(specs, widths, scale, text_width)
    row_h = (height - MARGIN_H - sum(heights.values())) / 2
    tops: dict[Row, float] = {"title": MARGIN_H / 2}
    tops["act"] = tops["title"] + heights["title"] + row_h
    tops["delta"] = tops["act"] + heights["act"] + row_h
    placed, labels = [], []
    x = MARGIN_W / 2 + HEADER_W + SPACING
    for spec, (w, rows, cols, drawn) in zip(specs, columns, strict=True):
        placed.append(PlacedColumn(spec.name, spec.kind, x, w, rows, cols, drawn))
        for label in spec.labels:
            k = _pick(label, w, scale, text_width)
            lw, lh = _size(label.variants[k], scale, text_width)
            rect = Rect(x + (w - lw) / 2, tops[label.row], lw, lh)
            labels.append(PlacedLabel(spec.name, label.row, k, rect))
        x += w + SPACING
    return ViewPlan(scale, row_h, tuple(placed), tuple(labels), header_scale(headers, row_h))
