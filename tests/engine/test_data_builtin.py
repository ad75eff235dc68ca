"""The built-in procedural digits: determinism, balance and MNIST-like statistics."""

from __future__ import annotations

import numpy as np
import pytest

from engine.data import generate_digits, normalize_digit


@pytest.fixture(scope="module")
def data_builtin():
    return generate_digits(1000, seed=0)


def test_shapes_and_types(data_builtin):
    images, labels = data_builtin
    assert images.shape == (1000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (1000,) and labels.dtype == np.uint8


def test_deterministic_per_seed(data_builtin):
    images, labels = generate_digits(1000, seed=0)
    assert images.tobytes() == data_builtin[0].tobytes()
    assert labels.tobytes() == data_builtin[1].tobytes()
    other, _ = generate_digits(1000, seed=1)
    assert other.tobytes() != images.tobytes()
    # a prefix is not required to match, but a small run is deterministic as well
    assert generate_digits(7, seed=3)[0].tobytes() == generate_digits(7, seed=3)[0].tobytes()


def test_balanced(data_builtin):
    assert np.bincount(data_builtin[1], minlength=10).tolist() == [100] * 10
    counts = np.bincount(generate_digits(23, seed=2)[1], minlength=10)
    assert counts.max() - counts.min() <= 1


def test_ink_statistics_mnist_like(data_builtin):
    images, labels = data_builtin
    assert 25.0 <= images.mean() <= 50.0
    assert (images.reshape(len(images), -1).max(axis=1) >= 150).all()  # dark ink everywhere
    for d in range(10):  # every class has ink of its own
        assert 10.0 <= images[labels == d].mean() <= 80.0


def test_every_image_non_empty_centred_and_in_box(data_builtin):
    images, _ = data_builtin
    x = images.astype(np.float64)
    mass = x.sum(axis=(1, 2))
    assert (mass > 0).all()
    idx = np.arange(28)
    com_r = (x.sum(axis=2) @ idx) / mass
    com_c = (x.sum(axis=1) @ idx) / mass
    # MNIST's convention: the centre of mass lies in [13.5, 14.5]
    assert np.abs(com_r - 14.0).max() <= 1.0 and np.abs(com_c - 14.0).max() <= 1.0
    ink = images > 0
    rows = ink.any(axis=2).sum(axis=1)
    cols = ink.any(axis=1).sum(axis=1)
    assert rows.max() <= 20 and cols.max() <= 20
    assert (np.maximum(rows, cols) == 20).mean() > 0.95


def test_already_normalised(data_builtin):
    """Normalising a generated digit again changes little (it went through normalize_digit)."""
    images, _ = data_builtin
    for img in images[:50]:
        again = normalize_digit(img)
        assert np.abs(again.astype(int) - img.astype(int)).mean() < 3.0


def test_classes_differ(data_builtin):
    images, labels = data_builtin
    means = np.stack([images[labels == d].mean(axis=0) for d in range(10)]).reshape(10, -1)
    dist = np.linalg.norm(means[:, None] - means[None, :], axis=2)
    assert dist[~np.eye(10, dtype=bool)].min() > 100.0


def test_zero_and_negative():
    images, labels = generate_digits(0)
    assert images.shape == (0, 28, 28) and labels.shape == (0,)
    with pytest.raises(ValueError):
        generate_digits(-1)
