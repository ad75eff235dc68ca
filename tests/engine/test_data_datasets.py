"""Finding and loading datasets: directories, environment, cache, errors, built-in digits."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from engine_helpers import shared_data

from engine.data import (
    DATASET_NAMES,
    MNIST_FILES,
    Dataset,
    builtin_dataset,
    default_cache_dir,
    find_dataset,
    load_dataset,
    load_dataset_dir,
    write_idx,
)
from engine.errors import ConfigError, DataError


@pytest.fixture
def data_env(tmp_path, monkeypatch):
    """A clean environment: cache in tmp_path/cache, no data-directory variables."""
    monkeypatch.setenv("LENET_GUI_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("LENET_DATA_DIR", raising=False)
    monkeypatch.delenv("LENET_FASHION_DIR", raising=False)
    return tmp_path / "cache"


def _tiny_set(directory: Path, n_train=12, n_test=5, gz=True, seed=0) -> None:
    """Write the four standard files with small random contents."""
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("test", n_test)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = (np.arange(n) % 10).astype(np.uint8)
        for kind, arr in (("images", images), ("labels", labels)):
            name = MNIST_FILES[f"{split}_{kind}"]
            write_idx(directory / (name if gz else name[:-3]), arr)


def test_constants():
    assert DATASET_NAMES == ("mnist", "fashion", "builtin")
    assert MNIST_FILES["test_labels"] == "t10k-labels-idx1-ubyte.gz"


# ------------------------------------------------------------------ cache dir
def test_default_cache_dir_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("LENET_GUI_CACHE", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Linux conventions")
def test_default_cache_dir_linux(monkeypatch, tmp_path):
    monkeypatch.delenv("LENET_GUI_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "lenet-gui"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "lenet-gui"


# ------------------------------------------------------------------ load_dataset_dir
@pytest.mark.parametrize("gz", [True, False])
def test_load_dataset_dir_small(tmp_path, gz):
    _tiny_set(tmp_path / "d", gz=gz)
    ds = load_dataset_dir("fashion", tmp_path / "d")
    assert isinstance(ds, Dataset)
    assert ds.name == "fashion" and ds.display_name == "Fashion-MNIST"
    assert ds.train_images.shape == (12, 28, 28) and ds.test_labels.shape == (5,)
    assert ds.class_names[0] == "T-shirt/top" and len(ds.class_names) == 10
    assert str(tmp_path / "d") in ds.source


def test_load_dataset_dir_missing_files_are_listed(tmp_path):
    _tiny_set(tmp_path / "d")
    (tmp_path / "d" / MNIST_FILES["train_labels"]).unlink()
    (tmp_path / "d" / MNIST_FILES["test_images"]).unlink()
    with pytest.raises(DataError) as info:
        load_dataset_dir("mnist", tmp_path / "d")
    msg = str(info.value)
    assert MNIST_FILES["train_labels"] in msg and MNIST_FILES["test_images"] in msg
    assert MNIST_FILES["train_images"] not in msg


def test_load_dataset_dir_nonexistent_and_file(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_dataset_dir("mnist", tmp_path / "nowhere")
    (tmp_path / "plain").write_text("x")
    with pytest.raises(DataError, match="not a directory"):
        load_dataset_dir("mnist", tmp_path / "plain")


def test_load_dataset_dir_unreadable(tmp_path):
    locked = tmp_path / "locked"
    _tiny_set(locked)
    for f in MNIST_FILES.values():
        (locked / f).unlink()
    locked.chmod(0)
    try:
        with pytest.raises(DataError) as info:
            load_dataset_dir("mnist", locked)
    finally:
        locked.chmod(0o755)
    assert "locked" in str(info.value)
    if os.access(locked, os.R_OK | os.X_OK) and hasattr(os, "geteuid") and os.geteuid() == 0:
        assert "missing" in str(info.value)  # root reads it anyway: the files are missing
    else:
        assert "not readable" in str(info.value)


def test_count_mismatch_names_the_labels_file(tmp_path):
    _tiny_set(tmp_path / "d")
    write_idx(tmp_path / "d" / MNIST_FILES["test_labels"], np.zeros(4, np.uint8))
    with pytest.raises(DataError, match=MNIST_FILES["test_labels"]):
        load_dataset_dir("mnist", tmp_path / "d")


def test_swapped_and_wrong_size_files(tmp_path):
    _tiny_set(tmp_path / "d")
    d = tmp_path / "d"
    write_idx(d / MNIST_FILES["train_images"], np.zeros(12, np.uint8))
    with pytest.raises(DataError, match=MNIST_FILES["train_images"]):
        load_dataset_dir("mnist", d)
    write_idx(d / MNIST_FILES["train_images"], np.zeros((12, 32, 32), np.uint8))
    with pytest.raises(DataError, match="28x28"):
        load_dataset_dir("mnist", d)
    write_idx(d / MNIST_FILES["train_images"], np.zeros((12, 28, 28), np.uint8))
    write_idx(d / MNIST_FILES["train_labels"], np.full(12, 10, np.uint8))
    with pytest.raises(DataError, match="out of range"):
        load_dataset_dir("mnist", d)


def test_out_of_range_labels_are_counted_and_the_first_is_named(tmp_path):
    _tiny_set(tmp_path / "d")
    labels = np.arange(5, dtype=np.uint8)
    labels[[2, 4]] = [10, 255]
    write_idx(tmp_path / "d" / MNIST_FILES["test_labels"], labels)
    with pytest.raises(DataError, match=r"t10k-labels-idx1-ubyte.gz: 2 of 5 labels are out of "
                                        r"range 0..9 \(the first, 10, at index 2\)$"):
        load_dataset_dir("mnist", tmp_path / "d")


def test_corrupt_file_in_dir_names_it(tmp_path):
    _tiny_set(tmp_path / "d")
    target = tmp_path / "d" / MNIST_FILES["test_images"]
    target.write_bytes(target.read_bytes()[:100])
    with pytest.raises(DataError, match=MNIST_FILES["test_images"]):
        load_dataset_dir("mnist", tmp_path / "d")


def test_unknown_name():
    with pytest.raises(ConfigError):
        load_dataset("kmnist")
    with pytest.raises(ConfigError):
        load_dataset_dir("builtin", ".")


# ------------------------------------------------------------------ find / load
def test_find_dataset_order(data_env, tmp_path, monkeypatch):
    assert find_dataset("mnist") is None
    assert find_dataset("builtin") is None
    _tiny_set(tmp_path / "explicit")
    _tiny_set(tmp_path / "env")
    assert find_dataset("mnist", tmp_path / "explicit") == tmp_path / "explicit"
    assert find_dataset("mnist", tmp_path / "nowhere") is None
    monkeypatch.setenv("LENET_DATA_DIR", str(tmp_path / "env"))
    assert find_dataset("mnist") == tmp_path / "env"
    assert find_dataset("fashion") is None
    monkeypatch.setenv("LENET_FASHION_DIR", str(tmp_path / "env"))
    assert find_dataset("fashion") == tmp_path / "env"


def test_cache_needs_verified_files(data_env):
    _tiny_set(data_env / "mnist")  # right names, wrong contents
    assert find_dataset("mnist") is None
    with pytest.raises(DataError, match="--dataset builtin"):
        load_dataset("mnist")


def test_cache_with_real_files_is_found(data_env):
    shared = shared_data("mnist")
    shutil.copytree(shared, data_env / "mnist")
    assert find_dataset("mnist") == data_env / "mnist"
    ds = load_dataset("mnist")
    assert ds.source.startswith("MNIST (cache ") and ds.display_name == "MNIST"
    assert ds.train_images.shape == (60000, 28, 28) and ds.test_images.shape == (10000, 28, 28)
    assert ds.class_names == tuple("0123456789")


def test_load_dataset_explicit_dir_raises_without_fallback(data_env, tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_dataset("mnist", tmp_path / "nowhere")
    _tiny_set(tmp_path / "d")
    assert load_dataset("mnist", tmp_path / "d").train_images.shape == (12, 28, 28)


def test_not_found_message(data_env, monkeypatch, tmp_path):
    monkeypatch.setenv("LENET_FASHION_DIR", str(tmp_path / "empty"))
    with pytest.raises(DataError) as info:
        load_dataset("fashion")
    msg = str(info.value)
    assert "Fashion-MNIST not found" in msg and "LENET_FASHION_DIR" in msg
    assert "--data DIR" in msg and str(data_env) in msg


# ------------------------------------------------------------------ built-in
def test_builtin_dataset_small():
    ds = builtin_dataset(n_train=60, n_test=20, seed=5)
    assert ds.name == "builtin" and ds.display_name == "built-in digits"
    assert ds.source == "built-in generated digits (seed 5)"
    assert ds.train_images.shape == (60, 28, 28) and ds.train_images.dtype == np.uint8
    assert ds.test_images.shape == (20, 28, 28) and ds.test_labels.dtype == np.uint8
    assert np.bincount(ds.train_labels).tolist() == [6] * 10
    assert not np.array_equal(ds.train_images[:20], ds.test_images)
    again = builtin_dataset(n_train=60, n_test=20, seed=5)
    np.testing.assert_array_equal(again.test_images, ds.test_images)
