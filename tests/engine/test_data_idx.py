"""IDX reading/writing: round trips, every kind of corrupt file, a fuzz test, real MNIST."""

from __future__ import annotations

import gzip
import struct
import tempfile
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from engine_helpers import shared_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.data import read_idx, write_idx
from engine.errors import DataError

MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


def _images(n: int = 3, rows: int = 4, cols: int = 5, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (n, rows, cols), dtype=np.uint8)


# ------------------------------------------------------------------ round trips
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_round_trip_images_and_labels(tmp_path, suffix):
    images = _images()
    labels = np.array([3, 1, 4], dtype=np.uint8)
    write_idx(tmp_path / f"img{suffix}", images)
    write_idx(tmp_path / f"lab{suffix}", labels)
    got_images = read_idx(tmp_path / f"img{suffix}")
    got_labels = read_idx(tmp_path / f"lab{suffix}")
    assert got_images.dtype == np.uint8 and got_labels.dtype == np.uint8
    np.testing.assert_array_equal(got_images, images)
    np.testing.assert_array_equal(got_labels, labels)
    assert got_images.flags.writeable


def test_gzip_is_detected_by_content_not_name(tmp_path):
    images = _images()
    write_idx(tmp_path / "a.gz", images)
    (tmp_path / "plain-name").write_bytes((tmp_path / "a.gz").read_bytes())
    write_idx(tmp_path / "raw", images)
    (tmp_path / "raw-named.gz").write_bytes((tmp_path / "raw").read_bytes())
    np.testing.assert_array_equal(read_idx(tmp_path / "plain-name"), images)
    np.testing.assert_array_equal(read_idx(str(tmp_path / "raw-named.gz")), images)


def test_write_idx_rejects_bad_arrays(tmp_path):
    with pytest.raises(ValueError):
        write_idx(tmp_path / "x", np.zeros((2, 2), np.uint8))
    with pytest.raises(ValueError):
        write_idx(tmp_path / "x", np.array([300]))
    write_idx(tmp_path / "ok", np.array([1, 2, 255], dtype=np.int64))
    np.testing.assert_array_equal(read_idx(tmp_path / "ok"), [1, 2, 255])


# ------------------------------------------------------------------ corruption
def _raw_images() -> bytes:
    return struct.pack(">iiii", 2051, 3, 4, 5) + _images().tobytes()


CORRUPT = {
    "empty": b"",
    "truncated-magic": b"\x00\x00\x08",
    "truncated-header": struct.pack(">iii", 2051, 3, 4),
    "truncated-label-header": struct.pack(">i", 2049) + b"\x00\x00",
    "truncated-data": _raw_images()[:-7],
    "trailing-bytes": _raw_images() + b"\x00\x01",
    "wrong-magic": struct.pack(">iiii", 2052, 3, 4, 5) + _images().tobytes(),
    "zero-images": struct.pack(">iiii", 2051, 0, 28, 28),
    "zero-labels": struct.pack(">ii", 2049, 0),
    "negative-count": struct.pack(">ii", 2049, -5),
    "zero-rows": struct.pack(">iiii", 2051, 2, 0, 5),
    "text-file": b"this is not an idx file at all\n",
    "not-gzip": b"\x1f\x8b" + b"garbage that only starts like gzip",
    "truncated-gzip": gzip.compress(_raw_images())[:40],
    "gzip-missing-trailer": gzip.compress(_raw_images())[:-4],
    "gzip-crc-error": (lambda b: b[:-8] + bytes([b[-8] ^ 0xFF]) + b[-7:])(
        gzip.compress(_raw_images())),
    "gzip-of-garbage": gzip.compress(b"hello world, no idx here"),
    "html-page": b"<!DOCTYPE html><html><body>404 Not Found</body></html>",
    "gzip-twice": gzip.compress(gzip.compress(_raw_images())),
    # 2**30 * 2**30 * 16 wraps to 0 in int64: NumPy would take it for an empty file
    "dims-past-64-bits": struct.pack(">iiii", 2051, 1 << 30, 1 << 30, 16),
    "dims-past-64-bits-gz": gzip.compress(struct.pack(">iiii", 2051, 1 << 30, 1 << 30, 16)),
    "dims-all-max": struct.pack(">iiii", 2051, *[2**31 - 1] * 3) + bytes(64),
    "header-promises-more-than-the-file": struct.pack(">iiii", 2051, 1000, 28, 28) + bytes(10),
    "negative-rows": struct.pack(">iiii", 2051, 2, -3, 5),
    "negative-cols": struct.pack(">iiii", 2051, 2, 3, -1 << 31),
    "float-idx": struct.pack(">iiii", 0x0D03, 3, 4, 5) + bytes(240),
    "two-dim-idx": struct.pack(">iii", 0x0802, 4, 5) + bytes(20),
    "gzip-bomb": gzip.compress(struct.pack(">ii", 2049, 3) + bytes(1 << 20)),
    "gzip-trailing-bytes": gzip.compress(_raw_images() + b"junk"),
}


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_corrupt_files_raise_data_error_naming_the_file(tmp_path, kind):
    path = tmp_path / f"corrupt-{kind}.gz"
    path.write_bytes(CORRUPT[kind])
    with pytest.raises(DataError) as info:
        read_idx(path)
    assert path.name in str(info.value)
    assert not isinstance(info.value.__cause__, (OSError, EOFError, struct.error))


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("truncated-data", "truncated"),
        ("trailing-bytes", "trailing"),
        ("wrong-magic", "magic"),
        ("truncated-header", "header"),
        ("truncated-gzip", "gzip"),
        ("gzip-crc-error", "gzip"),
        ("zero-images", "0 images"),
        ("html-page", "web page"),
        ("gzip-twice", "compressed twice"),
        ("gzip-of-garbage", r"magic number 0x68656c6c: expected 2051 \(images\) or 2049 "
                            r"\(labels\)$"),
        ("dims-past-64-bits", r"corrupt header: 1073741824 images of 1073741824x16 pixels "
                              r"would take 18446744073709551616 bytes"),
        ("dims-past-64-bits-gz", "corrupt header"),
        ("dims-all-max", "corrupt header"),
        ("header-promises-more-than-the-file",
         r"truncated data: the header says 1000 images \(784000 bytes\) but only 10 bytes"),
        ("negative-rows", "invalid image size -3x5 in the header"),
        ("negative-cols", "invalid image size 3x-2147483648"),
        ("float-idx", r"0x00000d03.*32-bit floats with 3 dimensions"),
        ("two-dim-idx", "unsigned bytes with 2 dimensions"),
        ("gzip-bomb", r"decompresses to more than the 11 bytes its header promises \(3 labels\)"),
        ("gzip-trailing-bytes", "^[^ ]+: 4 unexpected trailing bytes after 3 images$"),
    ],
)
def test_corruption_messages_say_what_is_wrong(tmp_path, kind, words):
    path = tmp_path / "f"
    path.write_bytes(CORRUPT[kind])
    with pytest.raises(DataError, match=words):
        read_idx(path)


def test_a_gzip_bomb_is_read_only_a_little_past_what_the_header_promises(tmp_path):
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(struct.pack(">ii", 2049, 3) + bytes(32 << 20)))
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="decompresses to more than the 11 bytes"):
            read_idx(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20  # the 32 MB never reach memory


def test_missing_file_and_directory_raise_data_error(tmp_path):
    with pytest.raises(DataError, match="nope.gz"):
        read_idx(tmp_path / "nope.gz")
    with pytest.raises(DataError, match="directory"):
        read_idx(tmp_path)


# ------------------------------------------------------------------ fuzz
_VALID = {
    "raw": _raw_images(),
    "gz": gzip.compress(_raw_images(), mtime=0),
    "labels": gzip.compress(struct.pack(">ii", 2049, 4) + bytes([1, 2, 3, 4]), mtime=0),
}


def _read_bytes_as_idx(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.gz"
        path.write_bytes(data)
        try:
            out = read_idx(path)
        except DataError as exc:
            assert "fuzz.gz" in str(exc)
        else:
            assert out.dtype == np.uint8 and out.ndim in (1, 3) and out.shape[0] > 0


_FUZZ = settings(max_examples=200, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.binary(max_size=300))
def test_fuzz_random_bytes(data):
    _read_bytes_as_idx(data)


@_FUZZ
@given(st.sampled_from(sorted(_VALID)), st.data())
def test_fuzz_truncations_and_bit_flips(which, data):
    blob = bytearray(_VALID[which])
    cut = data.draw(st.integers(0, len(blob)), label="length")
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(blob) - 1), st.integers(0, 7)),
                               max_size=4), label="flips")
    for pos, bit in flips:
        blob[pos] ^= 1 << bit
    _read_bytes_as_idx(bytes(blob[:cut]))


# ------------------------------------------------------------------ real data
@pytest.fixture(scope="module")
def data_mnist_train():
    root = shared_data("mnist")
    return (read_idx(root / "train-images-idx3-ubyte.gz"),
            read_idx(root / "train-labels-idx1-ubyte.gz"))


def test_real_mnist_train_matches_source_facts(data_mnist_train):
    images, labels = data_mnist_train
    assert images.shape == (60000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (60000,)
    assert labels[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert np.bincount(labels).tolist() == MNIST_TRAIN_COUNTS
    assert images.mean() == pytest.approx(33.318, abs=5e-4)


def test_real_mnist_test_set():
    root = shared_data("mnist")
    images = read_idx(root / "t10k-images-idx3-ubyte.gz")
    labels = read_idx(root / "t10k-labels-idx1-ubyte.gz")
    assert images.shape == (10000, 28, 28) and labels.shape == (10000,)
    assert images.mean() == pytest.approx(33.791, abs=5e-4)


def test_real_fashion_labels():
    labels = read_idx(shared_data("fashion-mnist") / "train-labels-idx1-ubyte.gz")
    assert labels[:10].tolist() == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]
    assert np.bincount(labels).tolist() == [6000] * 10
