"""Is a drawing like an MNIST digit, and is the network sure of it? Pure NumPy, no Qt.

MNIST digits fill most of their box with strokes about a tenth of its height, written in one
to three strokes. Normalisation scales any drawing to that box, so a tiny digit comes out with
fat, blurred strokes and a scribble as a dark blob: the network then answers confidently, but
about something it has never seen. `drawing_problem` measures the canvas and says why a guess
should not be trusted, in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

__all__ = ["SURE_PROBABILITY", "DrawingStats", "drawing_problem", "drawing_stats", "sharp_turns"]

SURE_PROBABILITY = 0.7  # a lower top probability is not a confident answer
MIN_SIDE = 0.3  # the ink's longer side, as a fraction of the canvas
MAX_OFFSET = 0.28  # centre of mass from the canvas centre, as a fraction of the canvas
MAX_STROKES = 5  # MNIST digits take one to three
MAX_INK_LENGTH = 5.5  # length of the strokes (ink / pen width) per longer side (an 8: ~3.5)
MAX_FILL = 0.7  # share of the square around the ink that is ink
MAX_TURNS = 4  # sharp turns (more than 110 degrees) in all strokes; digits have up to three
_TURN_COS = float(np.cos(np.radians(110)))
_TURN_TOLERANCE = 0.03  # wiggles under 3 % of the canvas are the hand's jitter, not turns
_ANY_INK = 0.1
_EDGE = 1.0  # px: ink this close to the border runs off the pad


@dataclass(frozen=True)
class DrawingStats:
    """What the canvas shows, measured in canvas pixels."""

    side: float  # the ink's bounding box, longer side
    box: tuple[float, float, float, float]  # top, left, bottom, right (inclusive)
    offset: float  # centre of mass from the canvas centre
    ink: float  # total ink (sum of the 0..1 image)
    strokes: int
    turns: int = 0  # sharp turns of the pen (see `sharp_turns`)


def _simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Ramer-Douglas-Peucker: the polyline's corners, without the points within `tolerance`
    of the straight line between them (the hand's jitter)."""
    keep = np.zeros(len(points), bool)
    keep[[0, -1]] = True
    spans = [(0, len(points) - 1)]
    while spans:
        a, b = spans.pop()
        if b - a < 2:
            continue
        chord = points[b] - points[a]
        rel = points[a + 1:b] - points[a]
        length = float(np.hypot(*chord))
        dist = (np.abs(chord[0] * rel[:, 1] - chord[1] * rel[:, 0]) / length if length > 0
                else np.hypot(rel[:, 0], rel[:, 1]))
        k = int(np.argmax(dist))
        if dist[k] > tolerance:
            keep[a + 1 + k] = True
            spans += [(a, a + 1 + k), (a + 1 + k, b)]
    return points[keep]


def sharp_turns(strokes: list[np.ndarray], canvas: int) -> int:
    """How often the pen turns by more than 110 degrees, over all strokes ((N, 2) points in
    canvas pixels). A scribble goes back and forth; a digit turns sharply at most three
    times (the corner of a 7, the cusp of a 3, the two of a 4)."""
    turns = 0
    for stroke in strokes:
        pts = _simplify(np.asarray(stroke, np.float64).reshape(-1, 2), _TURN_TOLERANCE * canvas)
        if len(pts) < 3:
            continue
        d = np.diff(pts, axis=0)
        d = d / np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)[:, None]
        turns += int(np.count_nonzero((d[:-1] * d[1:]).sum(axis=1) < _TURN_COS))
    return turns


def drawing_stats(image: np.ndarray, strokes: int, turns: int = 0) -> DrawingStats | None:
    """Measure a (H, W) 0..1 canvas image (ink high); None when nothing is drawn."""
    img = np.asarray(image, np.float64)
    mask = img > _ANY_INK
    if not mask.any():
        return None
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    top, bottom, left, right = rows[0], rows[-1], cols[0], cols[-1]
    side = float(max(bottom - top + 1, right - left + 1))
    ink = float(img.sum())
    ys, xs = np.indices(img.shape)
    cy, cx = float((ys * img).sum() / ink), float((xs * img).sum() / ink)
    h, w = img.shape
    offset = float(np.hypot(cy - (h - 1) / 2, cx - (w - 1) / 2))
    return DrawingStats(side, (float(top), float(left), float(bottom), float(right)), offset,
                        ink, strokes, turns)


translate = QCoreApplication.translate  # the name lupdate looks for (context "PadCheck")


def _shape_problem(stats: DrawingStats, canvas: int, pen_width: float) -> str | None:
    if stats.side < MIN_SIDE * canvas:
        return translate("PadCheck", "Unsure: the digit is very small — draw it larger")
    top, left, bottom, right = stats.box
    if min(top, left) < _EDGE or max(bottom, right) > canvas - 1 - _EDGE:
        return translate("PadCheck", "Unsure: it runs off the pad — keep it inside")
    if stats.offset > MAX_OFFSET * canvas:
        return translate("PadCheck", "Unsure: far from the centre — draw it in the middle")
    if stats.strokes > MAX_STROKES:
        return translate("PadCheck", "Unsure: too many strokes — a digit takes one to three")
    fill = stats.ink / (stats.side * stats.side)
    if (stats.turns > MAX_TURNS or fill > MAX_FILL
            or stats.ink / (max(pen_width, 1.0) * stats.side) > MAX_INK_LENGTH):
        return translate("PadCheck", "Unsure: looks like a scribble — clear, draw one digit")
    return None


def drawing_problem(image: np.ndarray, strokes: list[np.ndarray], pen_width: float,
                    probs: np.ndarray | None, names: list[str] | None = None) -> str | None:
    """Why a guess should not be trusted (one sentence), or None when it may be.

    `image` is the (CANVAS, CANVAS) canvas, `strokes` the pen's paths ((N, 2) canvas pixels
    each), `probs` the network's class probabilities (None: not classified)."""
    canvas = int(np.asarray(image).shape[0])
    stats = drawing_stats(image, len(strokes), sharp_turns(strokes, canvas))
    if stats is None:
        return None
    problem = _shape_problem(stats, canvas, pen_width)
    if problem is not None or probs is None:
        return problem
    p = np.asarray(probs, np.float64)
    order = np.argsort(p)[::-1]
    if p[order[0]] >= SURE_PROBABILITY:
        return None
    labels = names or [str(i) for i in range(len(p))]
    first, second = (labels[i] if i < len(labels) else str(i) for i in order[:2])
    return translate("PadCheck", "Unsure: could be {0} or {1} — the network cannot decide").format(
        first, second)
