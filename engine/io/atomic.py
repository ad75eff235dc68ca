"""Atomic file writes: a temporary file in the target's folder, fsync, then one rename over
the final name, so a crash or a full disk never leaves a half-written file under that name
and never damages the previous one. Checkpoints, downloads and the GUI's exports all write
through `atomic_write`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["TempFileError", "atomic_write"]


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
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix or f".{path.name}.", suffix=suffix, dir=folder)
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
