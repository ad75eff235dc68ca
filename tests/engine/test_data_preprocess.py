"""preprocess (network input scaling), normalize_digit (MNIST procedure), augment_batch."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from engine_helpers import shared_data

from engine.data import (
    augment_batch,
    augment_bytes,
    normalize_digit,
    preprocess,
    preprocess_bytes,
    read_idx,
)


@pytest.fixture(scope="module")
def data_mnist_test_images():
    return read_idx(shared_data("mnist") / "t10k-images-idx3-ubyte.gz")


# ------------------------------------------------------------------ preprocess
def test_preprocess_values_and_shape():
    img = np.zeros((2, 28, 28), np.uint8)
    img[0, 0, 0] = 255
    img[1, 5, 7] = 128
    x = preprocess(img)
    assert x.shape == (2, 1, 32, 32) and x.dtype == np.float32 and x.flags.c_contiguous
    assert x[0, 0, 2, 2] == pytest.approx(1.175)
    assert x[1, 0, 7, 9] == pytest.approx(128 / 255 * 1.275 - 0.1)
    assert x[0, 0, 0, 0] == pytest.approx(-0.1) and x[0, 0, 31, 31] == pytest.approx(-0.1)
    assert np.isclose(x, -0.1).sum() == 2 * 32 * 32 - 2


def test_preprocess_variants():
    img = np.full((28, 28), 255, np.uint8)
    x = preprocess(img)
    assert x.shape == (1, 1, 32, 32)
    assert np.allclose(x[0, 0, 2:30, 2:30], 1.175) and np.allclose(x[0, 0, :2], -0.1)
    y = preprocess(img, size=28, dtype=np.float64)
    assert y.shape == (1, 1, 28, 28) and y.dtype == np.float64 and np.allclose(y, 1.175)
    z = preprocess(np.full((3, 28, 28), 255.0))
    assert np.allclose(z[:, :, 2:30, 2:30], 1.175)
    with pytest.raises(ValueError):
        preprocess(np.zeros((5, 5, 5, 5)))
    with pytest.raises(ValueError):
        preprocess(np.zeros((1, 40, 40), np.uint8))


def test_preprocess_keeps_float_input_in_range():
    x = np.array([[-50.0, 0.0, 127.5, 255.0, 300.0, np.inf]])
    out = preprocess(x, size=6)[0, 0, 2]
    np.testing.assert_allclose(out, [-0.1, -0.1, 0.5375, 1.175, 1.175, 1.175], rtol=1e-6)


def test_preprocess_scales_raw_uint8_pixels_and_integers_alike():
    raw = np.array([[0, 51, 255]], np.uint8)
    expected = [-0.1, 51 / 255 * 1.275 - 0.1, 1.175]
    np.testing.assert_allclose(preprocess(raw, size=3)[0, 0, 1], expected, rtol=1e-6)
    wide = np.array([[-7, 51, 999]], np.int64)  # same 0..255 scale, clipped
    np.testing.assert_allclose(preprocess(wide, size=3)[0, 0, 1], expected, rtol=1e-6)


@pytest.mark.parametrize(("images", "words"), [
    (np.array([[0.0, np.nan, 3.0]]), "1 pixels are NaN"),
    (np.ones((28, 28), bool), "got bool"),
    (np.ones((28, 28), complex), "got complex128"),
    (np.array([["a"]]), "got <U1"),
])
def test_preprocess_refuses_what_is_not_pixels(images, words):
    with pytest.raises(ValueError, match=words):
        preprocess(images)


def test_preprocess_mean_about_0(data_mnist_test_images):
    x = preprocess(data_mnist_test_images[:1000])
    assert abs(float(x.mean())) < 0.05
    # lenet5.md says "variance about 1"; with this mapping MNIST's std is really about 0.34
    assert 0.25 < float(x.std()) < 0.45


# ------------------------------------------------------------------ normalize_digit
@pytest.mark.parametrize("blank", [np.zeros((280, 280)), np.zeros((28, 28), np.uint8),
                                   np.full((50, 50), 0.01), np.zeros((0, 0))])
def test_normalize_no_ink_is_none(blank):
    assert normalize_digit(blank) is None


def _check(out):
    assert out is not None and out.shape == (28, 28) and out.dtype == np.uint8
    assert out.max() > 0
    return out


def test_normalize_edge_cases():
    dot = np.zeros((280, 280))
    dot[0, 279] = 1.0
    _check(normalize_digit(dot))
    edge = np.zeros((280, 280))
    edge[:, 0] = 1.0
    out = _check(normalize_digit(edge))
    assert (out > 0).any(axis=1).sum() == 20
    full = _check(normalize_digit(np.ones((280, 280))))
    assert (full == 255).sum() == 400
    weird = np.full((30, 40), np.nan)
    weird[10:20, 5:8] = np.inf
    _check(normalize_digit(weird))
    _check(normalize_digit(np.eye(5, dtype=bool)))
    faint = np.zeros((100, 100))
    faint[20:80, 45:55] = 0.3
    assert _check(normalize_digit(faint)).max() == 255  # contrast is stretched
    with pytest.raises(ValueError):
        normalize_digit(np.zeros((3, 3, 3)))


def test_normalize_float_255_and_uint8_agree():
    img = np.zeros((100, 60), np.uint8)
    img[10:90, 20:30] = 255
    a = normalize_digit(img)
    b = normalize_digit(img.astype(np.float32))
    c = normalize_digit(img / 255.0)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)
    assert a.shape == (28, 28)
    rows = np.flatnonzero(a.any(axis=1))
    assert rows[-1] - rows[0] + 1 == 20


def test_normalize_recovers_upscaled_mnist(data_mnist_test_images):
    diffs = []
    for img in data_mnist_test_images[:100]:
        big = np.kron(img.astype(np.float64) / 255.0, np.ones((10, 10)))
        out = normalize_digit(big)
        diffs.append(np.abs(out.astype(int) - img.astype(int)).mean())
    assert np.median(diffs) < 0.5 and max(diffs) < 15.0


def test_normalize_centre_of_mass(data_mnist_test_images):
    rng = np.random.default_rng(0)
    canvas = np.zeros((280, 280))
    canvas[30:100, 150:260] = rng.random((70, 110))
    out = normalize_digit(canvas).astype(float)
    idx = np.arange(28)
    assert abs((out.sum(axis=1) @ idx) / out.sum() - 14.0) <= 0.5 + 1e-9
    assert abs((out.sum(axis=0) @ idx) / out.sum() - 14.0) <= 0.5 + 1e-9


# ------------------------------------------------------------------ augment_batch
@pytest.fixture(scope="module")
def data_batch(data_mnist_test_images):
    return preprocess(data_mnist_test_images[:64])


def test_augment_shape_dtype_and_purity(data_batch):
    before = data_batch.copy()
    out = augment_batch(data_batch, np.random.default_rng(0))
    assert out.shape == data_batch.shape and out.dtype == np.float32 and out.flags.c_contiguous
    np.testing.assert_array_equal(data_batch, before)
    assert not np.array_equal(out, data_batch)
    assert out.min() >= -0.1 - 1e-6 and out.max() <= 1.175 + 1e-6


def test_augment_identity_when_ranges_are_zero(data_batch):
    out = augment_batch(data_batch, np.random.default_rng(0), max_shift=0.0,
                        max_rotate_deg=0.0, scale_range=(1.0, 1.0), elastic_alpha=0.0)
    np.testing.assert_array_equal(out, data_batch)
    assert out is not data_batch


@pytest.mark.parametrize("alpha", [0.0, 34.0])
def test_augment_background_stays_in_corners(data_batch, alpha):
    out = augment_batch(data_batch, np.random.default_rng(1), elastic_alpha=alpha)
    for corner in (out[:, 0, :2, :2], out[:, 0, :2, -2:], out[:, 0, -2:, :2], out[:, 0, -2:, -2:]):
        np.testing.assert_allclose(corner, -0.1, atol=1e-6)


def test_augment_deterministic_and_shifts(data_batch):
    a = augment_batch(data_batch, np.random.default_rng(5), elastic_alpha=20.0)
    b = augment_batch(data_batch, np.random.default_rng(5), elastic_alpha=20.0)
    np.testing.assert_array_equal(a, b)
    img = np.full((1, 1, 8, 8), -0.1, np.float32)
    img[0, 0, 3, 3] = 1.0

    class Fixed:  # a generator stand-in that shifts by exactly +1 row
        def uniform(self, lo, hi, size):
            return np.tile([1.0, 0.0], (size[0], 1)) if isinstance(size, tuple) else np.zeros(size)

    out = augment_batch(img, Fixed(), max_rotate_deg=0.0, scale_range=(1.0, 1.0))
    assert out[0, 0, 4, 3] == pytest.approx(1.0) and out[0, 0, 3, 3] == pytest.approx(-0.1)


def test_augment_rejects_bad_shapes():
    with pytest.raises(ValueError):
        augment_batch(np.zeros((2, 32, 32), np.float32), np.random.default_rng(0))
    out = augment_batch(np.zeros((0, 1, 32, 32), np.float32), np.random.default_rng(0))
    assert out.shape == (0, 1, 32, 32)


def _bilinear_reference(img: np.ndarray, ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
    """Plain loops: each point from its four neighbours; outside the image is background."""
    n, h, w = img.shape

    def pixel(k, r, c):
        return img[k, r, c] if 0 <= r < h and 0 <= c < w else -0.1

    out = np.empty(ys.shape, np.float64)
    for k in range(n):
        for i in range(ys.shape[1]):
            y = min(max(float(ys[k, i]), -1.0), float(h))
            x = min(max(float(xs[k, i]), -1.0), float(w))
            r, c = int(np.floor(y)), int(np.floor(x))
            fy, fx = y - r, x - c
            top = pixel(k, r, c) * (1 - fx) + pixel(k, r, c + 1) * fx
            bottom = pixel(k, r + 1, c) * (1 - fx) + pixel(k, r + 1, c + 1) * fx
            out[k, i] = top * (1 - fy) + bottom * fy
    return out


def test_bilinear_lookup_matches_the_plain_loop_reference():
    from engine.data.augment import _bilinear

    rng = np.random.default_rng(0)
    img = rng.uniform(-0.1, 1.175, (3, 7, 9)).astype(np.float32)
    ys = rng.uniform(-3, 10, (3, 40)).astype(np.float32)  # inside, at and beyond every edge
    xs = rng.uniform(-3, 12, (3, 40)).astype(np.float32)
    ys[0, :4] = [0, 6, -1, 7]
    xs[0, :4] = [0, 8, -1, 9]
    np.testing.assert_allclose(_bilinear(img, ys, xs), _bilinear_reference(img, ys, xs),
                               atol=1e-5)


def test_training_augmentation_includes_a_mild_elastic_distortion(data_batch, monkeypatch):
    from engine import TrainConfig, Trainer, build_network, builtin_dataset
    from engine.data.augment import _elastic_field
    from engine.training import AUGMENTATION

    seen = []
    monkeypatch.setattr("engine.training.trainer.augment_batch",
                        lambda x, rng, **kw: seen.append(kw) or augment_batch(x, rng, **kw))
    t = Trainer(build_network("lenet5"), builtin_dataset(64, 16, seed=1),
                TrainConfig(batch_size=16, augment=True))
    t.train_batch()
    assert seen == [AUGMENTATION] and AUGMENTATION["elastic_alpha"] > 0
    dy, dx = _elastic_field(np.random.default_rng(0), 200, 32, 32,
                            AUGMENTATION["elastic_alpha"], AUGMENTATION["elastic_sigma"])
    rms = float(np.sqrt(np.mean(dy**2 + dx**2)))
    assert 0.5 < rms < 2.0  # pixels: bends strokes without breaking them


# ------------------------------------------------------------------ memory estimates
def _peak_bytes(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_preprocess_bytes_is_what_preprocess_takes(dtype):
    images = np.zeros((1024, 28, 28), np.uint8)
    estimate = preprocess_bytes(1024, 32, dtype)
    assert estimate == 1024 * 32 * 32 * np.dtype(dtype).itemsize
    peak = _peak_bytes(lambda: preprocess(images, 32, dtype))
    assert estimate <= peak <= estimate * 1.1 + (64 << 10)


@pytest.mark.parametrize(("elastic", "dtype"), [(False, np.float32), (True, np.float32),
                                                (False, np.float64)])
def test_augment_bytes_is_what_augment_batch_takes(elastic, dtype):
    x = preprocess(np.zeros((512, 28, 28), np.uint8), 32, dtype)
    rng = np.random.default_rng(0)
    alpha = 34.0 if elastic else 0.0
    augment_batch(x[:2], rng, elastic_alpha=alpha)  # fill the grid caches first
    peak = _peak_bytes(lambda: augment_batch(x, rng, elastic_alpha=alpha))
    estimate = augment_bytes(512, 32, 32, elastic=elastic, dtype=dtype)
    assert 0.9 * estimate <= peak <= 1.1 * estimate + (64 << 10), (peak, estimate)
