"""A procedural handwriting generator: MNIST-like digits without any download.

Every digit 0-9 has a few stroke skeletons (polylines and Bezier arcs, e.g. 1 with and without
a flag, open and closed 4, 7 with and without a bar). Each sample picks a skeleton, trims its
stroke ends, bends it with a smooth random displacement field (elastic distortion), applies a
random slant, rotation and aspect change, and renders it with a random pen width: per-segment
distance-to-segment rasterisation with a one-pixel smooth edge on a 1.4x supersampled canvas.
Finally ``normalize_digit`` turns it into a 28x28 digit exactly as MNIST was made. Everything
is vectorised over all samples that share a skeleton, and seeded: the same seed gives the same
bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from math import comb

import numpy as np

from engine.data.preprocess import normalize_digit

__all__ = ["generate_digits"]

_SPAN = 28.0  # canvas pixels for the longer side of the skeleton (final box is 20 px)
_R_MIN, _R_MAX = 1.2, 2.9  # pen radius in canvas pixels
_STEP = 0.07  # skeleton sampling step, in units of the digit height (about 2 canvas px)
_BOX = 6  # half-size of the pixel window drawn around each segment
_CANVAS = int(_SPAN * 1.25) + 2 * _BOX + 2
_MAX_SEGMENT = 2 * (_BOX - 0.5 - 0.5 - _R_MAX)  # longest segment one window covers


# ---------------------------------------------------------------- skeleton building blocks
def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> np.ndarray:
    """Elliptic arc, angles in degrees; y points down, so increasing angle turns clockwise."""
    t = np.deg2rad(np.linspace(a0, a1, 96))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _bez(*points: tuple[float, float]) -> np.ndarray:
    """Bezier curve through control points (any degree)."""
    p = np.asarray(points, dtype=float)
    k = len(p) - 1
    t = np.linspace(0.0, 1.0, 64)[:, None]
    basis = np.stack([comb(k, i) * t[:, 0] ** i * (1 - t[:, 0]) ** (k - i)
                      for i in range(k + 1)], axis=1)
    return basis @ p


def _line(*points: tuple[float, float]) -> np.ndarray:
    """Polyline through the points."""
    p = np.asarray(points, dtype=float)
    parts = [np.linspace(a, b, 16, endpoint=False) for a, b in zip(p[:-1], p[1:], strict=True)]
    return np.concatenate([*parts, p[-1:]])


def _chain(*parts: np.ndarray) -> np.ndarray:
    return np.concatenate(parts)


@dataclass(frozen=True)
class _Stroke:
    points: np.ndarray  # (M, 2) dense template, x right, y down, digit height about 1
    trim: float = 0.03  # each end may be cut by up to this fraction of the stroke


def _s(points: np.ndarray, trim: float = 0.03) -> _Stroke:
    return _Stroke(points, trim)


# (weight, strokes) per style; coordinates in a unit box (x right, y down)
_Styles = dict[int, list[tuple[float, list[_Stroke]]]]  # digit -> [(weight, strokes), ...]


def _styles() -> _Styles:
    return {**_styles_0_to_4(), **_styles_5_to_9()}


def _styles_0_to_4() -> _Styles:
    return {
        0: [
            (1.0, [_s(_arc(0.5, 0.5, 0.36, 0.5, -100, 285), 0.05)]),
            (1.0, [_s(_arc(0.5, 0.5, 0.26, 0.5, -70, 300), 0.06)]),
            (0.6, [_s(_chain(_bez((0.55, 0.0), (0.05, 0.0), (0.0, 0.95), (0.45, 1.0)),
                             _bez((0.45, 1.0), (0.95, 1.0), (1.0, 0.05), (0.45, 0.02))),
                      0.04)]),
        ],
        1: [
            (1.2, [_s(_line((0.52, 0.0), (0.48, 1.0)))]),
            (1.0, [_s(_line((0.33, 0.17), (0.55, 0.0), (0.5, 1.0)))]),
            (0.2, [_s(_line((0.33, 0.17), (0.55, 0.0), (0.5, 1.0))),
                   _s(_line((0.25, 1.0), (0.78, 1.0)))]),
            (0.8, [_s(_bez((0.58, 0.0), (0.5, 0.45), (0.47, 0.7), (0.42, 1.0)))]),
        ],
        2: [
            (1.0, [_s(_chain(_bez((0.1, 0.28), (0.12, -0.06), (0.9, -0.1), (0.86, 0.3)),
                             _bez((0.86, 0.3), (0.8, 0.55), (0.3, 0.75), (0.06, 1.0)),
                             _line((0.06, 1.0), (0.94, 0.97))))]),
            (0.7, [_s(_chain(_bez((0.12, 0.2), (0.3, -0.05), (0.9, -0.05), (0.82, 0.3)),
                             _bez((0.82, 0.3), (0.7, 0.6), (0.2, 0.75), (0.12, 0.95)),
                             _bez((0.12, 0.95), (0.08, 0.78), (0.35, 0.78), (0.32, 0.95)),
                             _line((0.32, 0.95), (0.95, 0.95))))]),
            (0.7, [_s(_chain(_bez((0.08, 0.2), (0.3, -0.08), (0.95, 0.0), (0.75, 0.35)),
                             _line((0.75, 0.35), (0.1, 1.0), (0.92, 1.0))))]),
        ],
        3: [
            (1.0, [_s(_chain(_bez((0.12, 0.15), (0.35, -0.08), (0.92, -0.02), (0.8, 0.25)),
                             _bez((0.8, 0.25), (0.72, 0.45), (0.5, 0.48), (0.38, 0.48)),
                             _bez((0.38, 0.48), (1.0, 0.45), (0.98, 0.9), (0.6, 0.98)),
                             _bez((0.6, 0.98), (0.4, 1.03), (0.2, 0.98), (0.06, 0.85))))]),
            (0.6, [_s(_chain(_line((0.12, 0.02), (0.86, 0.02), (0.42, 0.42)),
                             _bez((0.42, 0.42), (0.98, 0.38), (1.0, 0.9), (0.55, 0.98)),
                             _bez((0.55, 0.98), (0.35, 1.02), (0.18, 0.95), (0.06, 0.84))))]),
        ],
        4: [
            (1.0, [_s(_line((0.38, 0.0), (0.08, 0.64), (0.92, 0.64))),
                   _s(_line((0.7, 0.24), (0.68, 1.0)))]),
            (1.0, [_s(_line((0.7, 0.0), (0.06, 0.66), (0.94, 0.66))),
                   _s(_line((0.7, 0.0), (0.68, 1.0)))]),
            (0.6, [_s(_line((0.14, 0.0), (0.12, 0.58), (0.9, 0.58))),
                   _s(_line((0.72, 0.02), (0.72, 1.0)))]),
        ],
    }


def _styles_5_to_9() -> _Styles:
    return {
        5: [
            (1.0, [_s(_chain(_line((0.26, 0.03), (0.2, 0.46)),
                             _bez((0.2, 0.46), (0.55, 0.3), (1.02, 0.48), (0.86, 0.8)),
                             _bez((0.86, 0.8), (0.75, 1.04), (0.3, 1.04), (0.06, 0.88)))),
                   _s(_line((0.26, 0.03), (0.9, 0.0)))]),
            (0.8, [_s(_chain(_line((0.9, 0.0), (0.28, 0.02), (0.22, 0.44)),
                             _bez((0.22, 0.44), (0.6, 0.32), (1.0, 0.55), (0.8, 0.85)),
                             _bez((0.8, 0.85), (0.65, 1.05), (0.25, 1.0), (0.08, 0.9))))]),
        ],
        6: [
            (1.0, [_s(_chain(_bez((0.8, 0.02), (0.42, 0.1), (0.1, 0.45), (0.16, 0.75)),
                             _bez((0.16, 0.75), (0.22, 1.06), (0.86, 1.05), (0.86, 0.72)),
                             _bez((0.86, 0.72), (0.86, 0.42), (0.3, 0.42), (0.18, 0.68))),
                      0.04)]),
            (0.8, [_s(_chain(_line((0.72, 0.0), (0.2, 0.62)),
                             _arc(0.5, 0.73, 0.31, 0.26, 180, 520)), 0.05)]),
        ],
        7: [
            (1.0, [_s(_line((0.06, 0.02), (0.92, 0.02), (0.38, 1.0)))]),
            (0.6, [_s(_line((0.06, 0.02), (0.92, 0.02), (0.38, 1.0))),
                   _s(_line((0.32, 0.52), (0.84, 0.5)))]),
            (0.8, [_s(_chain(_line((0.06, 0.04), (0.92, 0.02)),
                             _bez((0.92, 0.02), (0.7, 0.3), (0.5, 0.6), (0.46, 1.0))))]),
            (0.4, [_s(_line((0.04, 0.18), (0.08, 0.02), (0.92, 0.02), (0.4, 1.0)))]),
        ],
        8: [
            (1.0, [_s(_arc(0.5, 0.25, 0.26, 0.25, -80, 290), 0.05),
                   _s(_arc(0.5, 0.74, 0.32, 0.26, -80, 290), 0.05)]),
            (1.0, [_s(_chain(_bez((0.8, 0.12), (0.62, -0.06), (0.15, -0.02), (0.22, 0.24)),
                             _bez((0.22, 0.24), (0.3, 0.45), (0.9, 0.52), (0.84, 0.8)),
                             _bez((0.84, 0.8), (0.78, 1.06), (0.14, 1.06), (0.16, 0.78)),
                             _bez((0.16, 0.78), (0.2, 0.52), (0.8, 0.42), (0.78, 0.2)),
                             _bez((0.78, 0.2), (0.76, 0.08), (0.62, 0.02), (0.5, 0.03))),
                      0.04)]),
        ],
        9: [
            (1.0, [_s(_chain(_arc(0.45, 0.27, 0.32, 0.27, 10, -350),
                             _line((0.77, 0.32), (0.7, 1.0))), 0.03)]),
            (0.8, [_s(_chain(_arc(0.45, 0.27, 0.3, 0.26, 10, -350),
                             _bez((0.75, 0.32), (0.78, 0.7), (0.66, 0.95), (0.38, 1.0))), 0.03)]),
            (0.6, [_s(_arc(0.45, 0.26, 0.3, 0.25, -40, 330), 0.05),
                   _s(_line((0.76, 0.15), (0.74, 1.0)))]),
        ],
    }


_Prepared = tuple[np.ndarray, np.ndarray, float, float]  # points, length fractions, length, trim


@lru_cache(maxsize=1)
def _templates() -> dict[int, list[tuple[float, list[_Prepared]]]]:
    """Per digit: (weight, [(dense points, cumulative length fraction, length, trim), ...])."""
    out: dict[int, list[tuple[float, list[_Prepared]]]] = {}
    for digit, styles in _styles().items():
        entries = []
        for weight, strokes in styles:
            prepared = []
            for stroke in strokes:
                seg = np.linalg.norm(np.diff(stroke.points, axis=0), axis=1)
                keep = np.concatenate([[True], seg > 1e-9])
                pts = stroke.points[keep]
                cum = np.concatenate([[0.0], np.cumsum(seg[seg > 1e-9])])
                prepared.append((pts, cum / cum[-1], float(cum[-1]), stroke.trim))
            entries.append((weight, prepared))
        out[digit] = entries
    return out


# ---------------------------------------------------------------- sampling
def generate_digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """-> images uint8 (n, 28, 28), labels uint8 (n,): balanced 0-9, same seed -> same bytes."""
    return generate_digits_with(n, np.random.default_rng(seed))


def generate_digits_with(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    if n < 0:
        raise ValueError(f"generate_digits: n must be >= 0, got {n}")
    labels = rng.permutation(np.arange(n) % 10).astype(np.uint8)
    images = np.zeros((n, 28, 28), dtype=np.uint8)
    templates = _templates()
    for digit in range(10):
        idx = np.flatnonzero(labels == digit)
        weights = np.array([w for w, _ in templates[digit]])
        style = rng.choice(len(weights), size=len(idx), p=weights / weights.sum())
        for s, (_, strokes) in enumerate(templates[digit]):
            members = idx[style == s]
            if len(members):
                canvases = _render_group(strokes, len(members), rng)
                for i, canvas in zip(members, canvases, strict=True):
                    digit_img = normalize_digit(canvas)
                    if digit_img is not None:
                        images[i] = digit_img
    return images, labels


def _sample_strokes(strokes, b: int, rng: np.random.Generator):
    """-> points (B, P, 2) and a (P-1,) mask of segments that join points of one stroke."""
    all_pts, joins = [], []
    for pts, frac, length, trim in strokes:
        q = max(2, int(np.ceil(length / _STEP)) + 1)
        t0 = rng.uniform(0.0, trim, size=(b, 1))
        t1 = rng.uniform(1.0 - trim, 1.0, size=(b, 1))
        u = t0 + (t1 - t0) * np.linspace(0.0, 1.0, q)[None, :]
        j = np.clip(np.searchsorted(frac, u, side="right") - 1, 0, len(frac) - 2)
        w = ((u - frac[j]) / (frac[j + 1] - frac[j]))[..., None]
        all_pts.append(pts[j] * (1 - w) + pts[j + 1] * w)
        joins.append(np.r_[np.ones(q - 1, dtype=bool), False])
    mask = np.concatenate(joins)[:-1]
    return np.concatenate(all_pts, axis=1), mask


def _distort(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Elastic bend (sum of smooth random waves), then slant, rotation and aspect change."""
    b = p.shape[0]
    k = 3
    freq = rng.normal(0.0, 0.75, size=(b, k, 2))
    phase = rng.uniform(0.0, 2 * np.pi, size=(b, k, 1))
    amp = rng.normal(0.0, 0.03, size=(b, k, 2))
    wave = np.sin(2 * np.pi * np.einsum("bpd,bkd->bkp", p, freq) + phase)  # (B, K, P)
    p = p + np.einsum("bkp,bkd->bpd", wave, amp)
    x, y = p[..., 0] - 0.5, p[..., 1] - 0.5
    slant = rng.normal(0.12, 0.18, size=(b, 1))  # positive: the top leans right
    x = x - slant * y
    x = x * rng.uniform(0.75, 1.25, size=(b, 1))
    ang = np.deg2rad(rng.normal(0.0, 6.0, size=(b, 1)))
    c, s = np.cos(ang), np.sin(ang)
    return np.stack([c * x - s * y, s * x + c * y], axis=-1)


def _render_group(strokes, b: int, rng: np.random.Generator) -> np.ndarray:
    """Render B samples of one skeleton -> float32 canvases (B, C, C) in 0..1."""
    pts, mask = _sample_strokes(strokes, b, rng)
    pts = _distort(pts, rng)
    lo, hi = pts.min(axis=1, keepdims=True), pts.max(axis=1, keepdims=True)
    scale = _SPAN / np.max(hi - lo, axis=2, keepdims=True)
    pts = ((pts - (lo + hi) / 2) * scale + _CANVAS / 2).astype(np.float32)
    radius = rng.uniform(_R_MIN, _R_MAX, size=(b, 1)).astype(np.float32)
    return _rasterise(pts, mask, radius)


@lru_cache(maxsize=1)
def _window() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pixel offsets of a segment's window: y, x (float32) and flat canvas offsets."""
    oy, ox = np.mgrid[-_BOX:_BOX + 1, -_BOX:_BOX + 1]
    flat = (oy * _CANVAS + ox).ravel().astype(np.intp)
    return oy.ravel().astype(np.float32), ox.ravel().astype(np.float32), flat


def _segment_ink(ax, ay, dx, dy, edge):
    """Pen profile on each segment's window. Inputs (M, 1) -> ink (M, K*K), window centre."""
    oy, ox, _ = _window()
    mx, my = np.rint(ax + dx / 2), np.rint(ay + dy / 2)
    rx = (mx - ax) + ox  # window pixel relative to the segment start
    ry = (my - ay) + oy
    inv = 1.0 / np.maximum(dx * dx + dy * dy, np.float32(1e-12))
    t = (rx * dx + ry * dy) * inv
    np.clip(t, 0.0, 1.0, out=t)
    rx -= t * dx
    ry -= t * dy
    rx *= rx
    ry *= ry
    rx += ry
    np.sqrt(rx, out=rx)
    ink = np.subtract(edge, rx, out=rx)
    np.clip(ink, 0.0, 1.0, out=ink)
    centre = (my[:, 0] * _CANVAS + mx[:, 0]).astype(np.intp)
    return ink, centre


def _rasterise(pts: np.ndarray, mask: np.ndarray, radius: np.ndarray) -> np.ndarray:
    """Max over segments of a smooth pen profile of the pixel's distance to the segment.

    Segments longer than the window allows are drawn again in pieces afterwards.
    """
    b = pts.shape[0]
    c = _CANVAS
    canvas = np.zeros(b * c * c, dtype=np.float32)
    woff = _window()[2]
    base = np.arange(b, dtype=np.intp) * (c * c)
    edge = radius + np.float32(0.5)
    for s in np.flatnonzero(mask):
        a = pts[:, s]
        d = pts[:, s + 1] - a
        ink, centre = _segment_ink(a[:, :1], a[:, 1:], d[:, :1], d[:, 1:], edge)
        flat = (base + centre)[:, None] + woff[None, :]
        np.maximum(canvas[flat], ink, out=ink)
        canvas[flat] = ink
    _draw_long_segments(canvas, pts, mask, edge)
    return canvas.reshape(b, c, c)


def _draw_long_segments(canvas, pts, mask, edge) -> None:
    seg = np.diff(pts, axis=1)
    length = np.sqrt((seg * seg).sum(axis=2))
    bi, si = np.nonzero((length > _MAX_SEGMENT) & mask[None, :])
    if not len(bi):
        return
    pieces = int(np.ceil(length[bi, si].max() / _MAX_SEGMENT))
    frac = (np.arange(pieces + 1, dtype=np.float32) / pieces)[None, :, None]
    cuts = pts[bi, si][:, None, :] + frac * seg[bi, si][:, None, :]  # (M, pieces+1, 2)
    a = cuts[:, :-1].reshape(-1, 2)
    d = (cuts[:, 1:] - cuts[:, :-1]).reshape(-1, 2)
    owner = np.repeat(bi, pieces)
    ink, centre = _segment_ink(a[:, :1], a[:, 1:], d[:, :1], d[:, 1:], edge[owner])
    flat = (owner * (_CANVAS * _CANVAS) + centre)[:, None] + _window()[2][None, :]
    np.maximum.at(canvas, flat.ravel(), ink.ravel())
