"""The one input pipeline: MNIST-style digit normalisation and the network's input scaling.

``normalize_digit`` turns any grayscale drawing into a 28x28 MNIST-like digit (the procedure
LeCun et al. describe: fit the ink into a 20x20 box keeping the aspect ratio, anti-aliased,
then centre the centre of mass in the 28x28 field). ``preprocess`` maps 28x28 uint8 digits to
the network input: padded to 32x32, background -0.1, full ink 1.175 (lenet5.md, section 3).

``preprocess`` is the one way from pixels to the network: raw uint8 pixels 0..255, exactly as
``read_idx`` returns them or ``normalize_digit`` draws them, go in; ``Network.forward`` and
``predict`` expect what comes out, never raw pixels (a 0..255 image fed to the network
directly saturates it and is answered with full confidence).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__ = ["BACKGROUND", "INK", "normalize_digit", "preprocess", "preprocess_bytes"]

BACKGROUND = -0.1
INK = 1.175
_SCALE = (INK - BACKGROUND) / 255.0  # 1.275 / 255

_BOX = 20  # MNIST: the longer side of the ink's bounding box becomes 20 px
_FIELD = 28
_CENTRE = 14.0  # MNIST's centre of mass sits in [13.5, 14.5] (pixel-index coordinates)
_NO_INK = 0.02  # peak below this (in 0..1) means "nothing drawn"
_ANY_INK = 0.5 / 255  # a pixel that would not round to 0 in uint8 counts as ink


def preprocess(images: np.ndarray, size: int = 32, dtype=np.float32) -> np.ndarray:
    """uint8 (N, H, W) or (H, W) (or float in 0..255) -> C-contiguous (N, 1, size, size).

    Raw pixels 0..255 in, network input out: pads with background to ``size`` (centred;
    28 -> 32 adds 2 px per side, size=28 none) and scales ``x = pixel / 255 * 1.275 - 0.1``.
    Other integer and float pixels are read on the same 0..255 scale (not 0..1) and clipped
    to it (inf included); NaN pixels and non-numeric arrays (bool, complex, ...) are a
    ValueError naming the fault.
    """
    arr = np.asarray(images)
    _check_pixels(arr)
    if arr.ndim == 4 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3:
        raise ValueError(f"preprocess: expected (N, H, W) or (H, W) images, got {arr.shape}")
    n, h, w = arr.shape
    if h > size or w > size:
        raise ValueError(f"preprocess: {h}x{w} images do not fit into size {size}")
    dt = np.dtype(dtype)
    out = np.full((n, 1, size, size), BACKGROUND, dtype=dt)
    top, left = (size - h) // 2, (size - w) // 2
    inner = out[:, 0, top:top + h, left:left + w]
    np.multiply(arr, dt.type(_SCALE), out=inner, casting="unsafe")
    inner += dt.type(BACKGROUND)
    if arr.dtype != np.uint8:  # floats may stray outside 0..255: keep the network's range
        np.clip(inner, BACKGROUND, INK, out=inner)
    return out


def preprocess_bytes(n: int, size: int = 32, dtype: np.dtype | type = np.float32) -> int:
    """The memory (bytes) ``preprocess`` allocates for n images: its output, so a caller can
    refuse a batch that cannot fit before anything is allocated."""
    return n * size * size * np.dtype(dtype).itemsize


def _check_pixels(arr: np.ndarray) -> None:
    if arr.dtype == np.uint8:  # the usual case: nothing to check
        return
    if not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise ValueError(f"preprocess: expected pixel values 0..255 (uint8), got {arr.dtype}")
    if np.issubdtype(arr.dtype, np.floating) and np.isnan(arr).any():
        raise ValueError(f"preprocess: {int(np.isnan(arr).sum())} pixels are NaN, "
                         "expected values 0..255")


def normalize_digit(image: np.ndarray) -> np.ndarray | None:
    """Any 2-D grayscale image, ink high (uint8 0..255, float 0..1 or 0..255) -> uint8 (28, 28).

    Returns None when nothing is drawn (peak below 2 % of full ink). Otherwise the contrast is
    stretched so the darkest ink is full ink, the image is cropped to the ink's bounding box,
    area-resampled so its longer side is 20 px (aspect kept) and placed in a 28x28 field with
    its centre of mass at the centre, as MNIST was made.
    """
    img = _as_unit_float(image)
    peak = float(img.max()) if img.size else 0.0
    if peak < _NO_INK:
        return None
    img = img / peak
    ink = img > _ANY_INK
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    crop = img[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = crop.shape
    scale = _BOX / max(h, w)
    out_h = min(_BOX, max(1, round(h * scale)))
    out_w = min(_BOX, max(1, round(w * scale)))
    small = _area_matrix(h, out_h) @ crop @ _area_matrix(w, out_w).T
    np.clip(small, 0.0, 1.0, out=small)
    return _place_centred(small)


def _as_unit_float(image: np.ndarray) -> np.ndarray:
    arr = np.asarray(image)
    if arr.ndim != 2:
        raise ValueError(f"normalize_digit: expected a 2-D image, got shape {arr.shape}")
    if arr.dtype == np.bool_ or np.issubdtype(arr.dtype, np.integer):
        img = arr.astype(np.float64)
        img *= 1.0 / 255.0 if arr.dtype != np.bool_ else 1.0
    else:
        img = arr.astype(np.float64)
        if not np.isfinite(img).all():
            img = np.nan_to_num(img, nan=0.0, posinf=255.0, neginf=0.0)
        if img.size and img.max() > 1.0:
            img *= 1.0 / 255.0
    np.clip(img, 0.0, 1.0, out=img)
    return img


@lru_cache(maxsize=256)
def _area_matrix(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) weights: overlap of each output pixel's span with each input pixel."""
    edges = np.linspace(0.0, n_in, n_out + 1)
    lo, hi = edges[:-1, None], edges[1:, None]
    j = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    m = overlap / (n_in / n_out)
    m.setflags(write=False)
    return m


def _place_centred(small: np.ndarray) -> np.ndarray:
    h, w = small.shape
    row_mass = small.sum(axis=1)
    mass = row_mass.sum()
    com_r = float(row_mass @ np.arange(h)) / mass
    com_c = float(small.sum(axis=0) @ np.arange(w)) / mass
    # integer shift (keeps the anti-aliased pixels crisp), kept inside the field so no ink is lost
    top = min(max(int(np.floor(_CENTRE - com_r + 0.5)), 0), _FIELD - h)
    left = min(max(int(np.floor(_CENTRE - com_c + 0.5)), 0), _FIELD - w)
    out = np.zeros((_FIELD, _FIELD), dtype=np.uint8)
    out[top:top + h, left:left + w] = np.rint(small * 255.0)
    return out
