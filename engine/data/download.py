"""Downloading MNIST / Fashion-MNIST into the cache, verified, cancellable, never half-written.

Each file is streamed by a worker thread (urllib, socket timeout ``timeout``) through a queue
to the calling thread, which writes it to ``.<file>.part-<random>`` in the destination folder
(`engine.io.atomic_write`), hashes it on the fly, and renames it to its final name only once
the MD5 matches. The calling
thread never blocks for more than a tenth of a second, so a cancel request or a stalled server
(no data for ``timeout`` seconds, including DNS and connection set-up) is noticed promptly.
"""

from __future__ import annotations

import errno
import hashlib
import os
import queue
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from engine.data.datasets import CACHE_SUBDIR, MNIST_FILES, default_cache_dir
from engine.errors import ConfigError, DownloadError
from engine.io.atomic import TempFileError, atomic_write

__all__ = ["MD5", "MIRRORS", "download_dataset", "verify_md5"]

MIRRORS = {
    "mnist": [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    ],
    "fashion": ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
}
MD5 = {
    "mnist": {
        "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
        "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
        "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    },
    "fashion": {
        "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
        "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
        "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
    },
}

Progress = Callable[[int, "int | None", str], None]
_CHUNK = 1 << 16
_POLL = 0.05  # seconds the calling thread waits before looking at cancel / stall again
_USER_AGENT = "lenet-gui/0.1 (+https://github.com/; dataset download)"


class _Cancelled(Exception):
    """The caller asked to stop."""


class _MirrorError(Exception):
    """This mirror failed (HTTP error, timeout, truncated, checksum): try the next one."""


class _LocalError(Exception):
    """Writing to the destination failed (disk full, permissions): no mirror can help."""


def _local_error(exc: OSError, what: str) -> _LocalError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _LocalError(f"disk full while {what}")
    return _LocalError(f"{exc.strerror or exc} while {what}")


def verify_md5(path: str | os.PathLike, expected: str) -> bool:
    """True if the file exists and its MD5 hex digest equals expected (case-insensitive)."""
    digest = hashlib.md5(usedforsecurity=False)
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return False
    return digest.hexdigest() == expected.lower()


def download_dataset(
    name: str,
    dest_dir: str | os.PathLike | None = None,
    *,
    mirrors: list[str] | None = None,
    progress: Progress | None = None,
    cancel: object | None = None,
    timeout: float = 30.0,
) -> Path:
    """Download the four files of "mnist" or "fashion" not already verified in dest_dir.

    Tries the mirrors in order per file. progress(done_bytes, total_bytes or None, filename)
    is called as bytes arrive; cancel is a threading.Event or a callable returning True.
    Returns dest_dir. Raises DownloadError naming the file and every mirror's failure, on
    cancel ("cancelled") and when the disk is full; no partial file is left behind.
    """
    if name not in MD5:
        raise ConfigError(f"unknown dataset {name!r} to download: expected mnist or fashion")
    dest = Path(dest_dir) if dest_dir is not None else default_cache_dir() / CACHE_SUBDIR[name]
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"cannot create download folder {dest} ({exc.strerror})") from None
    is_cancelled = _cancel_check(cancel)
    for filename in MNIST_FILES.values():
        expected = MD5[name][filename]
        if not verify_md5(dest / filename, expected):
            _download_file(filename, expected, dest, mirrors or MIRRORS[name],
                           progress, is_cancelled, timeout)
    return dest


def _cancel_check(cancel: object | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    is_set = getattr(cancel, "is_set", None)
    if callable(is_set):
        return lambda: bool(is_set())
    if callable(cancel):
        return lambda: bool(cancel())
    raise ConfigError("cancel must be a threading.Event or a callable returning True/False")


def _download_file(filename, expected, dest, mirrors, progress, is_cancelled, timeout) -> None:
    reasons = []
    for mirror in mirrors:
        url = mirror if mirror.endswith(filename) else mirror.rstrip("/") + "/" + filename
        try:
            _fetch(url, filename, expected, dest, progress, is_cancelled, timeout)
            return
        except _Cancelled:
            raise DownloadError(f"download of {filename} cancelled") from None
        except _LocalError as exc:
            raise DownloadError(str(exc)) from None
        except _MirrorError as exc:
            reasons.append(f"{mirror}: {exc}")
    raise DownloadError(f"could not download {filename}: " + "; ".join(reasons))


def _fetch(url, filename, expected, dest, progress, is_cancelled, timeout) -> None:
    """Stream one URL into a temporary file, verify it and rename it into place."""
    if is_cancelled():
        raise _Cancelled
    saving = f"saving {filename} in {dest}"
    stop = threading.Event()
    chunks: queue.Queue = queue.Queue(maxsize=64)
    worker = threading.Thread(target=_reader, args=(url, timeout, chunks, stop),
                              name=f"download {filename}", daemon=True)
    try:
        with atomic_write(dest / filename, prefix=f".{filename}.part-", suffix="") as f:
            worker.start()
            digest, size, total = _receive(f, chunks, filename, progress, is_cancelled, timeout,
                                           saving)
            if total is not None and size != total:
                raise _MirrorError(f"truncated response: got {size} of {total} bytes")
            if digest != expected:
                raise _MirrorError(f"checksum mismatch (MD5 {digest}, expected {expected})")
    except TempFileError as exc:
        raise _local_error(exc, f"creating a temporary file in {dest}") from None
    except OSError as exc:  # the final flush, fsync or rename
        raise _local_error(exc, saving) from None
    finally:
        stop.set()
        if worker.is_alive():
            worker.join(timeout=_POLL)


def _receive(f, chunks, filename, progress, is_cancelled, timeout, saving):
    """Write queued chunks to f -> (md5 hex, bytes received, Content-Length or None)."""
    digest = hashlib.md5(usedforsecurity=False)
    size, total = 0, None
    last_data = time.monotonic()
    while True:
        if is_cancelled():
            raise _Cancelled
        try:
            kind, payload = chunks.get(timeout=_POLL)
        except queue.Empty:
            if time.monotonic() - last_data > timeout:
                raise _MirrorError(f"timed out (no data for {timeout:g} s)") from None
            continue
        last_data = time.monotonic()
        if kind == "error":
            raise _MirrorError(payload)
        if kind == "end":
            return digest.hexdigest(), size, total
        if kind == "start":
            total = payload
        else:
            try:
                _write_chunk(f, payload)
            except OSError as exc:
                raise _local_error(exc, saving) from None
            digest.update(payload)
            size += len(payload)
        if progress is not None:
            progress(size, total, filename)


def _write_chunk(f, data: bytes) -> None:
    """The one place bytes hit the disk (tests replace it to simulate a full disk)."""
    f.write(data)


def _reader(url: str, timeout: float, chunks: queue.Queue, stop: threading.Event) -> None:
    """Worker thread: put ("start", length), ("data", bytes)..., ("end", None) or ("error", e)."""

    def put(item) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if not put(("start", int(length) if length and length.isdigit() else None)):
                return
            while not stop.is_set():
                data = response.read1(_CHUNK)
                if not data:
                    put(("end", None))
                    return
                if not put(("data", data)):
                    return
    except urllib.error.HTTPError as exc:
        exc.close()
        put(("error", f"HTTP {exc.code} {exc.reason}"))
    except urllib.error.URLError as exc:
        put(("error", _reason(exc.reason)))
    except Exception as exc:  # reported to the calling thread
        put(("error", _reason(exc)))


def _reason(exc: object) -> str:
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
