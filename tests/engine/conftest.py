"""Shared fixtures for engine tests (no Qt here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from engine_helpers import SHARED_MNIST

from engine import Dataset, builtin_dataset


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
