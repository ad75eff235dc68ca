"""Property-based tests (hypothesis) for the IDX reader and the dataset loader.

Whatever bytes a file or a data folder holds, loading it gives arrays that match their headers
or one clear DataError (one line, naming the file): never another exception type. Random
headers (zero, negative and 64-bit-overflowing sizes included), random truncations, random
bytes appended and random gzip corruption; well-formed random arrays round-trip.
"""

from __future__ import annotations

import gzip
import math
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from engine.data import MNIST_FILES, load_dataset_dir, read_idx, write_idx
from engine.errors import DataError

PROPERTY = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

INT32 = st.integers(-(2**31), 2**31 - 1)
# sizes near the edges: zero, negative, small, and large enough to overflow 64 bits together
DIM = st.one_of(st.integers(-3, 12), st.sampled_from([16, 2**16, 2**30, 2**31 - 1, -(2**31)]),
                INT32)
MAGIC = st.one_of(st.sampled_from([2049, 2051, 0x0801, 0x0803, 0x0802, 0x0D03, 0x0B01]), INT32)
IMAGES = hnp.arrays(np.uint8, st.tuples(st.integers(1, 5), st.integers(1, 6),
                                        st.integers(1, 6)))
LABELS = hnp.arrays(np.uint8, st.integers(1, 40))
ARRAYS = st.one_of(IMAGES, LABELS)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


def _idx(arr: np.ndarray) -> bytes:
    """The raw IDX encoding of arr, as write_idx writes it."""
    magic = 2051 if arr.ndim == 3 else 2049
    return struct.pack(f">{1 + arr.ndim}i", magic, *arr.shape) + arr.tobytes()


def _gz(blob: bytes) -> bytes:
    return gzip.compress(blob, mtime=0)


def _read(path: Path, blob: bytes) -> np.ndarray | None:
    """read_idx of blob written to path: the array, or None after a clean DataError."""
    path.write_bytes(blob)
    try:
        out = read_idx(path)
    except DataError as exc:
        message = str(exc)
        assert str(path) in message and "\n" not in message, message
        return None
    assert out.dtype == np.uint8 and out.ndim in (1, 3) and out.shape[0] > 0
    return out


# ------------------------------------------------------------------ the IDX reader
@PROPERTY
@given(arr=ARRAYS, gz=st.booleans())
def test_well_formed_arrays_round_trip(folder, arr, gz):
    path = folder / ("round-trip.gz" if gz else "round-trip")
    write_idx(path, arr)
    got = read_idx(path)
    assert got.shape == arr.shape and got.flags.writeable
    np.testing.assert_array_equal(got, arr)


@PROPERTY
@given(magic=MAGIC, dims=st.lists(DIM, max_size=3), body=st.binary(max_size=300),
       gz=st.booleans())
@example(magic=2051, dims=[2**30, 2**30, 16], body=b"", gz=False)  # wraps to 0 in 64 bits
@example(magic=2051, dims=[2**30, 2**30, 16], body=b"", gz=True)
def test_random_headers(folder, magic, dims, body, gz):
    blob = struct.pack(f">{1 + len(dims)}i", magic, *dims) + body
    out = _read(folder / "header", _gz(blob) if gz else blob)
    if out is not None:  # only a header that is right for exactly these bytes is accepted
        ndim = {2049: 1, 2051: 3}[magic]
        assert len(dims) >= ndim and out.shape == tuple(dims[:ndim])
        assert 4 * (1 + ndim) + math.prod(out.shape) == len(blob)


@PROPERTY
@given(arr=ARRAYS, gz=st.booleans(), data=st.data())
def test_random_truncations(folder, arr, gz, data):
    blob = _gz(_idx(arr)) if gz else _idx(arr)
    cut = data.draw(st.integers(0, len(blob) - 1), label="cut")
    assert _read(folder / "truncated", blob[:cut]) is None


@PROPERTY
@given(arr=ARRAYS, extra=st.binary(min_size=1, max_size=200), gz=st.booleans())
def test_random_bytes_appended_to_the_data(folder, arr, extra, gz):
    blob = _idx(arr) + extra
    assert _read(folder / "appended", _gz(blob) if gz else blob) is None


@PROPERTY
@given(arr=ARRAYS, extra=st.binary(min_size=1, max_size=200))
def test_random_bytes_after_the_gzip_stream(folder, arr, extra):
    # gzip itself ignores zero padding after a member: then the data is intact
    out = _read(folder / "after-gzip", _gz(_idx(arr)) + extra)
    assert out is None or np.array_equal(out, arr)


@PROPERTY
@given(arr=ARRAYS, data=st.data())
def test_random_gzip_corruption(folder, arr, data):
    blob = bytearray(_gz(_idx(arr)))
    index = st.integers(0, len(blob) - 1)
    for pos, byte in data.draw(st.lists(st.tuples(index, st.integers(0, 255)), min_size=1,
                                        max_size=4), label="overwrites"):
        blob[pos] = byte
    out = _read(folder / "corrupt.gz", bytes(blob))
    # a change that gzip does not check (its mtime, OS byte) leaves the data intact
    assert out is None or np.array_equal(out, arr)


# ------------------------------------------------------------------ the dataset loader
MUST_FAIL = ("truncate", "append", "count", "label", "size", "swap", "overflow")
MUTATIONS = (*MUST_FAIL, "flip", "header", "none")


def _four_files(n: dict[str, int], seed: int) -> dict[str, bytes]:
    """Valid raw IDX bytes of the four files, by MNIST_FILES key."""
    rng = np.random.default_rng(seed)
    blobs = {}
    for split in ("train", "test"):
        blobs[f"{split}_images"] = _idx(rng.integers(0, 256, (n[split], 28, 28), np.uint8))
        blobs[f"{split}_labels"] = _idx(rng.integers(0, 10, n[split]).astype(np.uint8))
    return blobs


def _mutate(blobs: dict[str, bytes], key: str, mutation: str, data: st.DataObject,
            n: dict[str, int]) -> None:
    split = key.split("_")[0]
    rng = np.random.default_rng(data.draw(st.integers(0, 2**16), label="seed"))
    blob = blobs[key]
    if mutation == "truncate":
        blobs[key] = blob[:data.draw(st.integers(0, len(blob) - 1), label="cut")]
    elif mutation == "append":
        blobs[key] = blob + data.draw(st.binary(min_size=1, max_size=50), label="extra")
    elif mutation == "count":
        other = data.draw(st.integers(1, 14).filter(lambda c: c != n[split]), label="count")
        blobs[f"{split}_labels"] = _idx(np.zeros(other, np.uint8))
    elif mutation == "label":
        labels = np.frombuffer(blobs[f"{split}_labels"], np.uint8, offset=8).copy()
        labels[rng.integers(len(labels))] = rng.integers(10, 256)
        blobs[f"{split}_labels"] = _idx(labels)
    elif mutation == "size":
        rows, cols = data.draw(st.tuples(st.integers(1, 40), st.integers(1, 40)).filter(
            lambda s: s != (28, 28)), label="size")
        blobs[f"{split}_images"] = _idx(np.zeros((n[split], rows, cols), np.uint8))
    elif mutation == "swap":
        blobs[f"{split}_images"], blobs[f"{split}_labels"] = (blobs[f"{split}_labels"],
                                                              blobs[f"{split}_images"])
    elif mutation == "overflow":  # 2**30 * 2**30 * 16 wraps to 0 in 64 bits
        blobs[f"{split}_images"] = struct.pack(">iiii", 2051, 1 << 30, 1 << 30, 16)
    elif mutation == "flip":
        pos = data.draw(st.integers(0, len(blob) - 1), label="pos")
        blobs[key] = blob[:pos] + bytes([blob[pos] ^ (1 << int(rng.integers(8)))]) + blob[pos + 1:]
    elif mutation == "header":
        dims = data.draw(st.lists(DIM, min_size=1, max_size=3), label="dims")
        magic = data.draw(MAGIC, label="magic")
        blobs[key] = struct.pack(f">{1 + len(dims)}i", magic, *dims) + blob[4 + 4 * len(dims):]


def _check_loaded(directory: Path) -> None:
    ds = load_dataset_dir("mnist", directory)
    for images, labels in ((ds.train_images, ds.train_labels), (ds.test_images, ds.test_labels)):
        assert images.dtype == np.uint8 and images.shape[1:] == (28, 28)
        assert labels.dtype == np.uint8 and labels.shape == (len(images),)
        assert len(images) > 0 and int(labels.max()) <= 9


@PROPERTY
@given(n_train=st.integers(1, 12), n_test=st.integers(1, 6), gz=st.booleans(),
       key=st.sampled_from(sorted(MNIST_FILES)), mutation=st.sampled_from(MUTATIONS),
       data=st.data())
def test_the_dataset_loader_on_damaged_folders(folder, n_train, n_test, gz, key, mutation,
                                              data):
    directory = folder / "dataset"
    directory.mkdir(exist_ok=True)
    for old in directory.iterdir():
        old.unlink()
    n = {"train": n_train, "test": n_test}
    blobs = _four_files(n, seed=n_train * 7 + n_test)
    _mutate(blobs, key, mutation, data, n)
    for k, blob in blobs.items():
        name = MNIST_FILES[k] if gz else MNIST_FILES[k][:-3]
        (directory / name).write_bytes(_gz(blob) if gz else blob)
    try:
        _check_loaded(directory)
    except DataError as exc:
        message = str(exc)
        assert str(directory) in message and "\n" not in message, message
    else:
        assert mutation not in MUST_FAIL, f"{mutation} of {key} was accepted"
