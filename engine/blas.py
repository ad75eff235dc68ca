"""One BLAS thread: measured here, OpenBLAS's extra threads spin-wait for a core, so with
the GUI thread or any other process busy they collapse training 5-10x (730 images/s against
4,900 with one thread on the same loaded 2-core machine); on an idle machine they gain
under 1%. Training and the benchmarks call `single_blas_thread()` once."""

from __future__ import annotations

_limiter = None


def single_blas_thread() -> None:
    """Limit NumPy's BLAS to one thread for the rest of the process (idempotent)."""
    global _limiter
    if _limiter is not None:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # optional at run time: without it BLAS keeps its default
        _limiter = False
        return
    _limiter = threadpool_limits(limits=1, user_api="blas")
