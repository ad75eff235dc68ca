"""Helpers shared by the engine tests (a unique module name: tests/gui has a conftest too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from engine import Dataset

ROOT = Path(__file__).resolve().parents[2]
SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"


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
