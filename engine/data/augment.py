"""Training-time augmentation of already preprocessed digits (background -0.1).

One random affine map per image (shift, rotation, isotropic scale about the image centre),
optionally followed by an elastic distortion (Simard, Steinkraus and Platt 2003: a random
displacement field smoothed with a Gaussian of width ``sigma`` and scaled by ``alpha``). The
whole batch is resampled in one vectorised inverse-mapping bilinear lookup.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from engine.data.preprocess import BACKGROUND

__all__ = ["augment_batch", "augment_bytes"]


def augment_batch(
    images: np.ndarray,
    rng: np.random.Generator,
    *,
    max_shift: float = 2.0,
    max_rotate_deg: float = 10.0,
    scale_range: tuple[float, float] = (0.9, 1.1),
    elastic_alpha: float = 0.0,
    elastic_sigma: float = 4.0,
) -> np.ndarray:
    """float32 (N, 1, H, W) -> new float32 (N, 1, H, W), C-contiguous, randomly distorted.

    Shift is uniform in +-max_shift px per axis, rotation uniform in +-max_rotate_deg, scale
    uniform in scale_range; areas mapped from outside the image get the background -0.1.
    """
    x = np.asarray(images, dtype=np.float32)
    if x.ndim != 4 or x.shape[1] != 1:
        raise ValueError(f"augment_batch: expected (N, 1, H, W) images, got {x.shape}")
    n, _, h, w = x.shape
    lo, hi = float(scale_range[0]), float(scale_range[1])
    if lo <= 0 or hi < lo:
        raise ValueError(f"augment_batch: invalid scale_range {scale_range}")
    if n == 0:
        return np.empty_like(x)
    shift = rng.uniform(-max_shift, max_shift, size=(n, 2)) if max_shift else np.zeros((n, 2))
    angle = np.deg2rad(rng.uniform(-max_rotate_deg, max_rotate_deg, size=n)
                       if max_rotate_deg else np.zeros(n))
    scale = rng.uniform(lo, hi, size=n) if hi > lo else np.full(n, lo)
    src_y, src_x = _affine_sources(h, w, shift, angle, scale)
    if elastic_alpha:
        dy, dx = _elastic_field(rng, n, h, w, elastic_alpha, elastic_sigma)
        src_y += dy
        src_x += dx
    return _bilinear(x[:, 0], src_y, src_x).reshape(n, 1, h, w)


def augment_bytes(n: int, h: int, w: int, *, elastic: bool = False,
                  dtype: np.dtype | type = np.float32) -> int:
    """The peak memory (bytes) ``augment_batch`` takes for n (N, 1, h, w) images of dtype,
    its output included: about 53 bytes a pixel, 61 with the elastic field. Lets a caller
    refuse a batch that cannot fit before anything is allocated."""
    pixels = n * h * w
    # per pixel: source y, x; their fractions; floors; the flat index; four neighbour values
    per_pixel = 4 + 4 + 4 + 4 + 4 + 4 + np.dtype(np.intp).itemsize + 4 * 4
    if elastic:
        per_pixel += 8  # the two smoothed displacement fields
    if np.dtype(dtype) != np.float32:
        per_pixel += 4  # the float32 copy of the input
    return pixels * per_pixel + n * (h + 3) * (w + 3) * 4  # + the padded images


@lru_cache(maxsize=8)
def _grid(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Output pixel coordinates relative to the image centre, each (H*W,)."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gy = (yy - (h - 1) / 2).ravel()
    gx = (xx - (w - 1) / 2).ravel()
    gy.setflags(write=False)
    gx.setflags(write=False)
    return gy, gx


def _affine_sources(h, w, shift, angle, scale) -> tuple[np.ndarray, np.ndarray]:
    """Inverse map: source coordinates (N, H*W) of every output pixel."""
    gy, gx = _grid(h, w)
    cos = (np.cos(angle) / scale).astype(np.float32)[:, None]
    sin = (np.sin(angle) / scale).astype(np.float32)[:, None]
    py = gy[None, :] - shift[:, :1].astype(np.float32)
    px = gx[None, :] - shift[:, 1:].astype(np.float32)
    src_y = cos * py - sin * px + np.float32((h - 1) / 2)
    src_x = sin * py + cos * px + np.float32((w - 1) / 2)
    return src_y, src_x


@lru_cache(maxsize=8)
def _gauss_matrix(n: int, sigma: float) -> np.ndarray:
    """(n, n) Gaussian smoothing matrix, rows renormalised at the borders."""
    d = np.arange(n)[:, None] - np.arange(n)[None, :]
    g = np.exp(-0.5 * (d / max(sigma, 1e-6)) ** 2)
    g[np.abs(d) > 4 * sigma + 1] = 0.0
    g /= g.sum(axis=1, keepdims=True)
    return g.astype(np.float32)


def _elastic_field(rng, n, h, w, alpha, sigma) -> tuple[np.ndarray, np.ndarray]:
    """Smoothed random displacements (dy, dx), each (N, H*W)."""
    gh, gw = _gauss_matrix(h, float(sigma)), _gauss_matrix(w, float(sigma))
    noise = rng.uniform(-1.0, 1.0, size=(2, n, h, w)).astype(np.float32)
    smooth = gh @ noise @ gw.T * np.float32(alpha)
    return smooth[0].reshape(n, h * w), smooth[1].reshape(n, h * w)


def _bilinear(img: np.ndarray, src_y: np.ndarray, src_x: np.ndarray) -> np.ndarray:
    """Sample img (N, H, W) at (N, H*W) coordinates; outside is background."""
    n, h, w = img.shape
    hp, wp = h + 3, w + 3  # 1 px of background before, 2 after: every neighbour is in range
    padded = np.full((n, hp, wp), BACKGROUND, dtype=np.float32)
    padded[:, 1:h + 1, 1:w + 1] = img
    # in place and float32 throughout: this runs on every training batch
    fy = np.clip(src_y, -1.0, float(h), dtype=np.float32)
    fx = np.clip(src_x, -1.0, float(w), dtype=np.float32)
    y0 = np.floor(fy)
    x0 = np.floor(fx)
    fy -= y0  # fractional parts
    fx -= x0
    y0 += 1
    x0 += 1
    y0 *= wp
    y0 += x0  # flat index of the top-left neighbour within one padded image (exact in f32)
    base = y0.astype(np.intp)
    base += (np.arange(n, dtype=np.intp) * (hp * wp))[:, None]
    flat = padded.ravel()
    v00 = np.take(flat, base, mode="clip")  # indices are in range; "clip" skips the check
    base += 1
    v01 = np.take(flat, base, mode="clip")
    base += wp
    v11 = np.take(flat, base, mode="clip")
    base -= 1
    v10 = np.take(flat, base, mode="clip")
    v01 -= v00
    v01 *= fx
    v00 += v01  # top row
    v11 -= v10
    v11 *= fx
    v10 += v11  # bottom row
    v10 -= v00
    v10 *= fy
    v00 += v10
    return v00
