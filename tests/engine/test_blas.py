"""The BLAS thread limit is only a speed setting: it never fails, whatever threadpoolctl does."""

import pytest

import engine.blas as blas


def _broken(*args, **kwargs):
    raise OSError("no BLAS here")


def test_a_failing_threadpoolctl_is_no_error(monkeypatch):
    monkeypatch.setattr(blas, "threadpool_limits", _broken)
    monkeypatch.setattr(blas, "threadpool_info", _broken)
    blas.single_blas_thread()
    assert blas.blas_threads() is None


@pytest.mark.parametrize("info", [[], [{"user_api": "openmp", "num_threads": 4}]])
def test_no_blas_in_the_process_counts_as_unknown(monkeypatch, info):
    monkeypatch.setattr(blas, "threadpool_info", lambda: info)
    assert blas.blas_threads() is None
