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
from pathlib import Path

import numpy as np

__all__ = ["blas_threads", "single_blas_thread"]

# symbol suffixes: NumPy >= 2 bundles "scipy_openblas" (64-bit ints), older ones "openblas"
_PREFIXES = ("scipy_openblas", "openblas")
_SUFFIXES = ("64_", "")

_library: ctypes.CDLL | None | bool = None  # None: not looked up yet; False: not found


def _candidate_paths() -> list[str]:
    """Files of the OpenBLAS that NumPy loaded: from the process's memory map where there
    is one (Linux), else the libraries bundled beside NumPy (macOS, Windows wheels)."""
    maps = Path("/proc/self/maps")
    if maps.exists():
        try:
            lines = maps.read_text().splitlines()
        except OSError:
            lines = []
        found = {line.split()[-1] for line in lines if "openblas" in line.lower()}
        if found:
            return sorted(p for p in found if p.startswith("/"))
    numpy_dir = Path(np.__file__).parent
    paths = []
    for folder in (numpy_dir.parent / "numpy.libs", numpy_dir / ".dylibs"):
        if folder.is_dir():
            paths += [str(p) for p in folder.iterdir() if "openblas" in p.name.lower()]
    return sorted(paths)


def _function(name: str):
    """The OpenBLAS entry point `<prefix>_<name><suffix>`, or None."""
    global _library
    if _library is None:
        _library = False
        for path in _candidate_paths():
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            if any(hasattr(lib, f"{p}_get_num_threads{s}") for p in _PREFIXES for s in _SUFFIXES):
                _library = lib
                break
    if not _library:
        return None
    for prefix in _PREFIXES:
        for suffix in _SUFFIXES:
            fn = getattr(_library, f"{prefix}_{name}{suffix}", None)
            if fn is not None:
                return fn
    return None


def blas_threads() -> int | None:
    """How many threads NumPy's OpenBLAS uses, or None when it can't be told."""
    fn = _function("get_num_threads")
    if fn is None:
        return None
    fn.restype = ctypes.c_int
    return int(fn())


def single_blas_thread() -> None:
    """Limit NumPy's BLAS to one thread for the rest of the process (idempotent)."""
    fn = _function("set_num_threads")
    if fn is None:
        return
    fn.argtypes = [ctypes.c_int]
    fn.restype = None
    fn(1)

