"""Reading and writing the IDX files MNIST and Fashion-MNIST ship in.

IDX header (big-endian int32): magic (2051 images, 2049 labels), count, then rows and cols for
images; then ``count * rows * cols`` raw uint8 bytes. Files may be gzip-compressed; that is
detected from the gzip magic bytes, not from the file name.

The header is checked before the data is read: its sizes are multiplied in Python integers
(never NumPy's 64-bit ones, which wrap) and compared with the file's real length, and gzip data
is decompressed in chunks, never past what the header promises plus a small margin, so a
corrupt header or a decompression bomb costs neither a traceback nor the machine's memory.
"""

from __future__ import annotations

import gzip
import math
import os
import stat
import struct
import zlib
from pathlib import Path
from typing import Protocol

import numpy as np

from engine.errors import DataError

__all__ = ["IMAGES_MAGIC", "LABELS_MAGIC", "MAX_IDX_BYTES", "read_idx", "write_idx"]

IMAGES_MAGIC = 2051
LABELS_MAGIC = 2049
MAX_IDX_BYTES = 1 << 32  # 4 GiB of pixels: 5.4 million 28x28 images; MNIST's largest is 47 MB
_GZIP_MAGIC = b"\x1f\x8b"
_HEADER_LEN = {IMAGES_MAGIC: 16, LABELS_MAGIC: 8}
_PREFIX = 16  # the longest header: enough bytes to tell what a file is
_MARGIN = 1 << 16  # read this far past the promised size to count small trailing junk exactly
_CHUNK = 1 << 20
# IDX type codes (third magic byte) that are valid IDX but not the unsigned bytes we read
_IDX_TYPES = {0x08: "unsigned bytes", 0x09: "signed bytes", 0x0B: "16-bit integers",
              0x0C: "32-bit integers", 0x0D: "32-bit floats", 0x0E: "64-bit floats"}


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file (raw or gzip): uint8 ``(N, rows, cols)`` images or ``(N,)`` labels.

    Raises DataError, naming the file and the fault, for a missing or unreadable file, broken
    gzip data, a wrong magic number, a short or impossible header, zero items, or data that is
    shorter or longer than the header says (gzip data is read at most a little past that).
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):  # checked here: Windows would say "permission denied"
            raise DataError(f"{path}: is a directory, not an IDX file")
        # a FIFO would block for ever and a device could be endless: only regular files
        if not stat.S_ISREG(mode):
            raise DataError(f"{path}: not a regular file (a device, FIFO or socket?)")
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if _read(path, f, 2) != _GZIP_MAGIC:
                f.seek(0)
                return _read_stream(path, f, size)
            f.seek(0)
            with gzip.GzipFile(fileobj=f, mode="rb") as z:
                return _read_stream(path, z, None)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read file ({exc.strerror or exc})") from None


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


def _read(path: Path, stream: _Readable, n: int) -> bytearray:
    """Up to n bytes (fewer only at the end of the data), in chunks of at most 1 MiB, so
    memory grows with the data really there, not with what a header claims."""
    parts = bytearray()
    try:
        while len(parts) < n:
            chunk = stream.read(min(_CHUNK, n - len(parts)))
            if not chunk:
                break
            parts += chunk
    except EOFError:
        raise DataError(f"{path}: truncated gzip data (the file ends too early)") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise DataError(f"{path}: corrupt gzip data ({exc})") from None
    return parts


def _what_it_looks_like(raw: bytearray) -> str:
    """A hint for data that is not IDX, from its first bytes."""
    if raw[:2] == _GZIP_MAGIC:
        return " (gzip data inside gzip data: compressed twice?)"
    if raw.lstrip()[:1] == b"<":
        return " (it looks like a web page, not IDX data)"
    if raw[:2] == b"PK":
        return " (it looks like a zip archive, not IDX data)"
    if raw[:2] == b"\0\0" and raw[2] in _IDX_TYPES:
        what = f"an IDX file of {_IDX_TYPES[raw[2]]} with {raw[3]} dimensions"
        return f" ({what}; only unsigned-byte images (3) or labels (1) can be read)"
    return ""


def _header(path: Path, prefix: bytearray) -> tuple[int, tuple[int, ...]]:
    """-> (header length, dimensions) from the file's first bytes, or DataError."""
    if len(prefix) < 4:
        raise DataError(f"{path}: truncated IDX header ({len(prefix)} bytes; not an IDX file?)")
    (magic,) = struct.unpack(">i", prefix[:4])
    if magic not in _HEADER_LEN:
        raise DataError(
            f"{path}: wrong magic number {magic:#010x}: expected {IMAGES_MAGIC} (images) or "
            f"{LABELS_MAGIC} (labels){_what_it_looks_like(prefix)}"
        )
    header_len = _HEADER_LEN[magic]
    if len(prefix) < header_len:
        raise DataError(f"{path}: truncated IDX header ({len(prefix)} of {header_len} bytes)")
    dims = struct.unpack(f">{header_len // 4 - 1}i", prefix[4:header_len])
    kind = "images" if magic == IMAGES_MAGIC else "labels"
    if dims[0] <= 0:
        raise DataError(f"{path}: the header says it holds {dims[0]} {kind}")
    if any(d <= 0 for d in dims[1:]):
        raise DataError(f"{path}: invalid image size {dims[1]}x{dims[2]} in the header")
    return header_len, dims


def _check_length(path: Path, what: str, expected: int, got: int) -> None:
    if got < expected:
        raise DataError(f"{path}: truncated data: the header says {what} ({expected} bytes) "
                        f"but only {got} bytes follow")
    if got > expected:
        raise DataError(f"{path}: {got - expected} unexpected trailing bytes after {what}")


def _read_stream(path: Path, stream: _Readable, size: int | None) -> np.ndarray:
    """Parse IDX from stream; size is the real data length for a raw file, None for gzip."""
    prefix = _read(path, stream, _PREFIX)
    header_len, dims = _header(path, prefix)
    what = f"{dims[0]} {'images' if len(dims) == 3 else 'labels'}"
    expected = math.prod(dims)  # Python integers: no 64-bit wrap-around
    if expected > MAX_IDX_BYTES:
        shape = f" of {dims[1]}x{dims[2]} pixels" if len(dims) == 3 else ""
        raise DataError(f"{path}: corrupt header: {what}{shape} would take {expected} bytes, "
                        f"more than the {MAX_IDX_BYTES} bytes an IDX file may hold here")
    if size is not None:  # a raw file: its real length decides before anything is read
        _check_length(path, what, expected, size - header_len)
    limit = expected + (0 if size is not None else _MARGIN)
    data = prefix[header_len:]
    data += _read(path, stream, limit - len(data))
    if size is None and len(data) == limit:
        raise DataError(f"{path}: gzip data decompresses to more than the {header_len + expected}"
                        f" bytes its header promises ({what}); stopped reading there")
    _check_length(path, what, expected, len(data))
    return np.frombuffer(data, dtype=np.uint8).reshape(dims)
