"""Shared fixtures for engine tests (no Qt here)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from engine import Dataset, builtin_dataset

ROOT = Path(__file__).resolve().parents[2]
SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"


@pytest.fixture(scope="session")
def small_dataset() -> Dataset:
    """A few hundred built-in digits: enough to train a few batches quickly."""
    return builtin_dataset(n_train=640, n_test=200, seed=3)


@pytest.fixture(scope="session")
def mnist_dir() -> Path:
    """The verified MNIST copy beside the project: required in CI, optional elsewhere."""
    if not (SHARED_MNIST / "t10k-images-idx3-ubyte.gz").exists():
        if os.environ.get("CI"):
            pytest.fail(f"MNIST is missing from {SHARED_MNIST}; CI must provide it")
        pytest.skip(f"MNIST not found in {SHARED_MNIST}")
    return SHARED_MNIST


def tiny_dataset(n_train: int = 256, n_test: int = 64, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    return Dataset(
        "builtin", "random test images",
        rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_train).astype(np.uint8),
        rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, n_test).astype(np.uint8),
        tuple(str(i) for i in range(10)),
    )
