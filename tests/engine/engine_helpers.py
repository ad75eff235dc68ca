"""Helpers shared by the engine tests (a unique module name: tests/gui has a conftest too)."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

from engine import Dataset

ROOT = Path(__file__).resolve().parents[2]
SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"
HANG_GUARD = 60.0  # seconds: longer is a hang; a test never asserts a speed
T = TypeVar("T")


def returns(call: Callable[[], T], what: str, guard: float = HANG_GUARD) -> T:
    """call()'s result (or its exception), run in a thread so that a call that never
    returns fails as "hung" after a generous guard instead of freezing the test run."""
    out: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            out.append((True, call()))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            out.append((False, exc))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(guard)
    if worker.is_alive():
        raise AssertionError(f"hung: {what} did not return within the {guard:.0f} s guard")
    ok, value = out[0]
    if not ok:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]


def run_train(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m engine.cli.train ARGS` as a user runs it (output captured as text)."""
    return subprocess.run([sys.executable, "-m", "engine.cli.train", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def tiny_dataset(n_train: int = 256, n_test: int = 64, seed: int = 0) -> Dataset:
    """Random images and labels: fast, for tests of mechanics rather than learning."""
    rng = np.random.default_rng(seed)
    return Dataset(
        "builtin", "random test images",
        rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_train).astype(np.uint8),
        rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_test).astype(np.uint8),
        tuple(str(i) for i in range(10)),
    )


def shared_data(name: str) -> Path:
    """A verified dataset copy beside the project (`../shared/data/<name>`): required in CI
    (a missing copy fails the test there), optional elsewhere (skipped)."""
    import os

    import pytest

    path = ROOT.parent / "shared" / "data" / name
    if not (path / "SOURCE.txt").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"verified dataset copy missing: {path}")
        pytest.skip(f"verified dataset copy missing: {path}")
    return path
