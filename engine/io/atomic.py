"""Atomic file writes: a temporary file in the target's folder, fsync, then one rename over
the final name, so a crash or a full disk never leaves a half-written file under that name
and never damages the previous one. Checkpoints, downloads and the GUI's exports all write
through `atomic_write`.

A temporary file's name carries its writer's process id (`<prefix><pid>-<random><suffix>`),
so a writer killed mid-write (kill -9, power loss) leaves a file the next write with the
same prefix into that folder recognises and removes: one whose pid is no longer running, or,
for names without a pid (older versions) or on systems where a pid cannot be probed, one
untouched for `STALE_SECONDS`.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["STALE_SECONDS", "TempFileError", "atomic_write", "remove_stale_temporaries",
           "temp_prefix"]

STALE_SECONDS = 60.0  # a temporary untouched this long, of no known live writer, is stale


class TempFileError(OSError):
    """The temporary file could not be created (folder not writable, disk full): nothing was
    written. Carries the errno and strerror of the underlying error."""


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, prefix: str | None = None,
                 suffix: str = ".tmp") -> Iterator[BinaryIO]:
    """Yield a binary file to write; when the block ends normally it becomes `path`.

    The temporary file is `<prefix><random><suffix>` beside `path` (prefix default
    `.<name>.`), created with the permissions a plain `open` would give. If the block or the
    final flush, fsync or rename fails, the temporary file is removed and the error
    propagates; `TempFileError` when the temporary file cannot even be created.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    prefix = prefix or f".{path.name}."
    remove_stale_temporaries(folder, prefix, suffix)
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(prefix), suffix=suffix, dir=folder)
    except OSError as exc:
        raise TempFileError(exc.errno, exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600: give a normal file's mode
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def temp_prefix(prefix: str) -> str:
    """The start of this process's temporary names: `prefix` and our pid."""
    return f"{prefix}{os.getpid()}-"


def remove_stale_temporaries(folder: str | os.PathLike[str], prefix: str,
                             suffix: str = ".tmp") -> list[Path]:
    """Remove the temporaries `atomic_write(..., prefix=prefix, suffix=suffix)` left in
    `folder` when their writer died; returns what was removed. Best effort, never raises.
    Only names of exactly that form (tempfile's 8 random characters) are considered."""
    pattern = re.compile(rf"{re.escape(prefix)}(?:(\d+)-)?[a-z0-9_]{{8}}{re.escape(suffix)}\Z")
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match.group(1)) if match.group(1) else None
        if pid == os.getpid():
            continue  # ours: in use by another thread of this process, or removed below
        with contextlib.suppress(OSError):
            if _writer_dead(pid, entry.stat(follow_symlinks=False).st_mtime):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _writer_dead(pid: int | None, mtime: float) -> bool:
    if pid is not None and os.name == "posix":
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except OSError:  # e.g. EPERM: it exists, owned by someone else
            return False
        return False
    return time.time() - mtime > STALE_SECONDS


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
