"""One BLAS thread: measured here, OpenBLAS's extra threads spin-wait for a core, so with
the GUI thread or any other process busy they collapse training 5-10x (730 images/s against
4,900 with one thread on the same loaded 2-core machine); on an idle machine they gain
under 1%. Training and the benchmarks call `single_blas_thread()` once.

threadpoolctl finds every BLAS loaded in the process (NumPy's OpenBLAS, SciPy's, MKL) and
sets its thread count at run time.
"""

from __future__ import annotations

from threadpoolctl import threadpool_info, threadpool_limits

__all__ = ["blas_threads", "single_blas_thread"]


def blas_threads() -> int | None:
    """How many threads the process's BLAS uses, or None when it can't be told."""
    try:
        counts = [int(lib["num_threads"]) for lib in threadpool_info()
                  if lib.get("user_api") == "blas"]
    except Exception:  # noqa: BLE001 - only a speed setting: never fail because of it
        return None
    return counts[0] if counts else None


def single_blas_thread() -> None:
    """Limit BLAS to one thread for the rest of the process (idempotent, never raises)."""
    try:
        threadpool_limits(limits=1, user_api="blas")  # not a `with`: the limit stays
    except Exception:  # noqa: BLE001 - only a speed setting: never fail because of it
        return
