"""One BLAS thread: measured here, OpenBLAS's extra threads spin-wait for a core, so with
the GUI thread or any other process busy they collapse training 5-10x (730 images/s against
4,900 with one thread on the same loaded 2-core machine); on an idle machine they gain
under 1%. Training and the benchmarks call `single_blas_thread()` once.

NumPy's wheels bundle OpenBLAS; its C API sets the thread count at run time. We call it
through ctypes (standard library), so the engine needs nothing beyond NumPy. Another BLAS
(MKL, Accelerate) is left at its default.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import numpy as np

__all__ = ["blas_threads", "single_blas_thread"]

# symbol suffixes: NumPy >= 2 bundles "scipy_openblas" (64-bit ints), older ones "openblas"
_PREFIXES = ("scipy_openblas", "openblas")
_SUFFIXES = ("64_", "")

_loaded: list[ctypes.CDLL] | None = None  # None: not looked up yet


def _mapped_paths() -> list[str]:
    """OpenBLAS files in this process's memory map (Linux); [] where there is none."""
    try:
        raw = Path("/proc/self/maps").read_bytes()
    except OSError:
        return []
    paths = set()
    for line in raw.splitlines():
        fields = line.split(maxsplit=5)  # address perms offset dev inode [path]
        if len(fields) == 6 and b"openblas" in fields[5].lower():
            path = os.fsdecode(fields[5].removesuffix(b" (deleted)"))
            if os.path.isabs(path) and os.path.exists(path):
                paths.add(path)
    return sorted(paths)


def _bundled_paths() -> list[str]:
    """The OpenBLAS that NumPy's wheels bundle beside it (macOS, Windows, Linux)."""
    numpy_dir = Path(np.__file__).parent
    paths = []
    for folder in (numpy_dir.parent / "numpy.libs", numpy_dir / ".dylibs"):
        if folder.is_dir():
            paths += [str(p) for p in folder.iterdir() if "openblas" in p.name.lower()]
    return sorted(paths)


def _libraries() -> list[ctypes.CDLL]:
    """Every loadable OpenBLAS in the process (NumPy's, and any other, e.g. SciPy's)."""
    global _loaded
    if _loaded is None:
        _loaded = []
        for path in _mapped_paths() or _bundled_paths():
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            if _symbol(lib, "get_num_threads") is not None:
                _loaded.append(lib)
    return _loaded


def _symbol(lib: ctypes.CDLL, name: str):  # -> ctypes function or None
    """The entry point `<prefix>_<name><suffix>` of one OpenBLAS, or None."""
    for prefix in _PREFIXES:
        for suffix in _SUFFIXES:
            fn = getattr(lib, f"{prefix}_{name}{suffix}", None)
            if fn is not None:
                return fn
    return None


def blas_threads() -> int | None:
    """How many threads NumPy's OpenBLAS uses, or None when it can't be told."""
    try:
        libs = _libraries()
        fn = _symbol(libs[0], "get_num_threads") if libs else None
        if fn is None:
            return None
        fn.restype = ctypes.c_int
        return int(fn())
    except Exception:  # noqa: BLE001 - only a speed setting: never fail because of it
        return None


def single_blas_thread() -> None:
    """Limit BLAS to one thread for the rest of the process (idempotent, never raises)."""
    try:
        for lib in _libraries():
            fn = _symbol(lib, "set_num_threads")
            if fn is not None:
                fn.argtypes = [ctypes.c_int]
                fn.restype = None
                fn(1)
    except Exception:  # noqa: BLE001 - only a speed setting: never fail because of it
        return
