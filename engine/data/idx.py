"""Reading and writing the IDX files MNIST and Fashion-MNIST ship in.

IDX header (big-endian int32): magic (2051 images, 2049 labels), count, then rows and cols for
images; then ``count * rows * cols`` raw uint8 bytes. Files may be gzip-compressed; that is
detected from the gzip magic bytes, not from the file name.
"""

from __future__ import annotations

import gzip
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from engine.errors import DataError

__all__ = ["IMAGES_MAGIC", "LABELS_MAGIC", "read_idx", "write_idx"]

IMAGES_MAGIC = 2051
LABELS_MAGIC = 2049
_GZIP_MAGIC = b"\x1f\x8b"
_HEADER_LEN = {IMAGES_MAGIC: 16, LABELS_MAGIC: 8}


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file (raw or gzip): uint8 ``(N, rows, cols)`` images or ``(N,)`` labels.

    Raises DataError, naming the file and the fault, for a missing or unreadable file, broken
    gzip data, a wrong magic number, a short header, zero items, or data that is shorter or
    longer than the header says.
    """
    path = Path(path)
    raw = _read_bytes(path)
    if raw[:2] == _GZIP_MAGIC:
        raw = _gunzip(path, raw)
    return _parse(path, raw)


def write_idx(path: str | os.PathLike, array: np.ndarray) -> None:
    """Write uint8 ``(N,)`` labels or ``(N, rows, cols)`` images as IDX; gzip if path ends .gz."""
    arr = np.asarray(array)
    if arr.ndim not in (1, 3):
        raise ValueError(f"write_idx: expected a 1-D or 3-D array, got shape {arr.shape}")
    if arr.dtype != np.uint8:
        if arr.size and (not np.issubdtype(arr.dtype, np.integer) or arr.min() < 0
                         or arr.max() > 255):
            raise ValueError(f"write_idx: values must be integers in 0..255, got {arr.dtype}")
        arr = arr.astype(np.uint8)
    if arr.ndim == 1:
        header = struct.pack(">ii", LABELS_MAGIC, arr.shape[0])
    else:
        header = struct.pack(">iiii", IMAGES_MAGIC, *arr.shape)
    payload = header + np.ascontiguousarray(arr).tobytes()
    path = Path(path)
    if path.name.endswith(".gz"):
        payload = gzip.compress(payload, mtime=0)
    path.write_bytes(payload)


def _read_bytes(path: Path) -> bytes:
    # a FIFO would block for ever and a device could be endless: only regular files
    if path.exists() and not path.is_dir() and not path.is_file():
        raise DataError(f"{path}: not a regular file (a device, FIFO or socket?)")
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not an IDX file") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read file ({exc.strerror or exc})") from None


def _gunzip(path: Path, raw: bytes) -> bytes:
    try:
        return gzip.decompress(raw)
    except EOFError:
        raise DataError(f"{path}: truncated gzip data (the file ends too early)") from None
    except gzip.BadGzipFile as exc:
        raise DataError(f"{path}: corrupt gzip data ({exc})") from None
    except (zlib.error, OSError, ValueError, struct.error) as exc:
        raise DataError(f"{path}: corrupt gzip data ({exc})") from None


def _what_it_looks_like(raw: bytes) -> str:
    """A hint for data that is not IDX, from its first bytes."""
    if raw[:2] == _GZIP_MAGIC:
        return " (gzip data inside gzip data: compressed twice?)"
    if raw.lstrip()[:1] == b"<":
        return " (it looks like a web page, not IDX data)"
    if raw[:2] == b"PK":
        return " (it looks like a zip archive, not IDX data)"
    return ""


def _parse(path: Path, raw: bytes) -> np.ndarray:
    if len(raw) < 4:
        raise DataError(f"{path}: truncated IDX header ({len(raw)} bytes; not an IDX file?)")
    (magic,) = struct.unpack(">i", raw[:4])
    if magic not in _HEADER_LEN:
        hint = _what_it_looks_like(raw)
        raise DataError(
            f"{path}: wrong magic number {magic:#010x}: expected {IMAGES_MAGIC} (images) or "
            f"{LABELS_MAGIC} (labels){hint}"
        )
    header_len = _HEADER_LEN[magic]
    if len(raw) < header_len:
        raise DataError(
            f"{path}: truncated IDX header ({len(raw)} of {header_len} bytes)"
        )
    dims = struct.unpack(f">{header_len // 4 - 1}i", raw[4:header_len])
    kind = "images" if magic == IMAGES_MAGIC else "labels"
    if dims[0] <= 0:
        raise DataError(f"{path}: the header says it holds {dims[0]} {kind}")
    if any(d <= 0 for d in dims[1:]):
        raise DataError(f"{path}: invalid image size {dims[1]}x{dims[2]} in the header")
    expected = int(np.prod(dims, dtype=np.int64))
    got = len(raw) - header_len
    if got < expected:
        raise DataError(
            f"{path}: truncated data: the header says {dims[0]} {kind} ({expected} bytes) "
            f"but only {got} bytes follow"
        )
    if got > expected:
        raise DataError(
            f"{path}: {got - expected} unexpected trailing bytes after {dims[0]} {kind}"
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header_len).reshape(dims).copy()
