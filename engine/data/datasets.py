"""Finding and loading MNIST, Fashion-MNIST or the built-in generated digits.

Search order for a named dataset: an explicit directory, then the environment variable
(``LENET_DATA_DIR`` for MNIST, ``LENET_FASHION_DIR`` for Fashion-MNIST), then the per-user cache
(``default_cache_dir()/"mnist"`` or ``/"fashion-mnist"``) if it holds all four verified files,
then (only when asked) a download into that cache.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from engine.data.idx import read_idx
from engine.errors import ConfigError, DataError

__all__ = [
    "DATASET_NAMES",
    "MNIST_FILES",
    "Dataset",
    "builtin_dataset",
    "default_cache_dir",
    "find_dataset",
    "load_dataset",
    "load_dataset_dir",
]

DATASET_NAMES = ("mnist", "fashion", "builtin")
MNIST_FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}
DIGIT_CLASSES = tuple(str(i) for i in range(10))
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
_DISPLAY = {"mnist": "MNIST", "fashion": "Fashion-MNIST", "builtin": "built-in digits"}
CACHE_SUBDIR = {"mnist": "mnist", "fashion": "fashion-mnist"}
_ENV_DIR = {"mnist": "LENET_DATA_DIR", "fashion": "LENET_FASHION_DIR"}
_BUILTIN_TEST_STREAM = 1  # the built-in test set uses its own random stream


@dataclass(frozen=True)
class Dataset:
    """A train/test split: images uint8 (N, 28, 28), labels uint8 (N,) in 0..9."""

    name: str
    source: str
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    class_names: tuple[str, ...]

    @property
    def display_name(self) -> str:
        """"MNIST", "Fashion-MNIST" or "built-in digits"."""
        return _DISPLAY.get(self.name, self.name)


def default_cache_dir() -> Path:
    """The per-user cache folder for lenet-gui; $LENET_GUI_CACHE (used as is) overrides."""
    override = os.environ.get("LENET_GUI_CACHE")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        root = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(root) / "lenet-gui"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "lenet-gui"
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return root / "lenet-gui"


def _check_name(name: str, allow_builtin: bool = False) -> None:
    allowed = DATASET_NAMES if allow_builtin else DATASET_NAMES[:2]
    if name not in allowed:
        raise ConfigError(f"unknown dataset {name!r}: expected one of {', '.join(allowed)}")


def _candidates(filename: str) -> tuple[str, ...]:
    """Accepted names on disk: 'x-idx3-ubyte.gz', 'x-idx3-ubyte', 'x.idx3-ubyte'(.gz)."""
    plain = filename[:-3]
    dotted = plain.replace("-idx", ".idx")
    return (filename, plain, dotted + ".gz", dotted)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except PermissionError as exc:  # a folder that can be listed but not searched (r, no x)
        raise DataError(f"data directory {path.parent} is not readable ({exc.strerror})"
                        ) from None
    except OSError:
        return False


def _locate(directory: Path) -> tuple[dict[str, Path], list[str]]:
    """-> (found files by key, missing standard file names)."""
    found, missing = {}, []
    for key, filename in MNIST_FILES.items():
        path = next((directory / c for c in _candidates(filename)
                     if _is_file(directory / c)), None)
        if path is None:
            missing.append(filename)
        else:
            found[key] = path
    return found, missing


def _check_dir(directory: Path) -> None:
    if not directory.exists():
        raise DataError(f"data directory {directory} does not exist")
    if not directory.is_dir():
        raise DataError(f"data directory {directory} is not a directory")
    try:
        with os.scandir(directory):
            pass
    except OSError as exc:
        raise DataError(f"data directory {directory} is not readable ({exc.strerror})") from None


def load_dataset_dir(name: str, directory: str | os.PathLike) -> Dataset:
    """Load "mnist" or "fashion" from the four standard IDX files (.gz or not) in directory."""
    _check_name(name)
    directory = Path(directory).expanduser()
    _check_dir(directory)
    found, missing = _locate(directory)
    if missing:
        raise DataError(f"{_DISPLAY[name]} files missing in {directory}: {', '.join(missing)}")
    train_x, train_y = _load_pair(found["train_images"], found["train_labels"])
    test_x, test_y = _load_pair(found["test_images"], found["test_labels"])
    classes = FASHION_CLASSES if name == "fashion" else DIGIT_CLASSES
    return Dataset(name, f"{_DISPLAY[name]} from {directory}",
                   train_x, train_y, test_x, test_y, classes)


def _load_pair(images_path: Path, labels_path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Images and labels that belong together, or DataError naming the file at fault."""
    images = read_idx(images_path)
    labels = read_idx(labels_path)
    if images.ndim != 3:
        raise DataError(f"{images_path}: holds labels, expected images")
    if images.shape[1:] != (28, 28):
        raise DataError(f"{images_path}: images are {images.shape[1]}x{images.shape[2]}, "
                        "expected 28x28")
    if labels.ndim != 1:
        raise DataError(f"{labels_path}: holds images, expected labels")
    if len(labels) != len(images):
        raise DataError(f"{labels_path}: {len(labels)} labels but {images_path.name} "
                        f"holds {len(images)} images")
    bad = np.flatnonzero(labels > 9)
    if bad.size:
        first = int(bad[0])
        raise DataError(f"{labels_path}: {bad.size} of {len(labels)} labels are out of range "
                        f"0..9 (the first, {int(labels[first])}, at index {first})")
    return images, labels


def find_dataset(name: str, data_dir: str | os.PathLike | None = None) -> Path | None:
    """The directory holding name's four files: data_dir, else $LENET_DATA_DIR /
    $LENET_FASHION_DIR, else the cache subfolder if all four files there are verified."""
    _check_name(name, allow_builtin=True)
    if name == "builtin":
        return None
    if data_dir is not None:
        return _complete(Path(data_dir).expanduser())
    env = os.environ.get(_ENV_DIR[name])
    if env:
        found = _complete(Path(env).expanduser())
        if found is not None:
            return found
    cache = default_cache_dir() / CACHE_SUBDIR[name]
    return cache if _cache_verified(name, cache) else None


def _complete(directory: Path) -> Path | None:
    try:
        return directory if directory.is_dir() and not _locate(directory)[1] else None
    except (OSError, DataError):
        return None


def _cache_verified(name: str, directory: Path) -> bool:
    from engine.data.download import MD5, verify_md5

    return all(verify_md5(directory / f, MD5[name][f]) for f in MNIST_FILES.values())


def load_dataset(
    name: str = "mnist",
    data_dir: str | os.PathLike | None = None,
    *,
    download: bool = False,
    progress: Callable[[int, int | None, str], None] | None = None,
    cancel: object | None = None,
    timeout: float = 30.0,
) -> Dataset:
    """Load a dataset by name; see the module docstring for the search order.

    An explicit data_dir is used without fallback (its errors raise). Without a local copy the
    dataset is downloaded into the cache only if download=True, otherwise DataError.
    """
    _check_name(name, allow_builtin=True)
    if name == "builtin":
        return builtin_dataset()
    if data_dir is not None:
        return load_dataset_dir(name, data_dir)
    found = find_dataset(name)
    cache = default_cache_dir() / CACHE_SUBDIR[name]
    if found is None and download:
        from engine.data.download import download_dataset

        found = download_dataset(name, cache, progress=progress, cancel=cancel, timeout=timeout)
    if found is None:
        raise DataError(_not_found_message(name, cache))
    dataset = load_dataset_dir(name, found)
    if found == cache:
        dataset = replace(dataset, source=f"{_DISPLAY[name]} (cache {_tilde(cache)})")
    return dataset


def _not_found_message(name: str, cache: Path) -> str:
    places = []
    env = os.environ.get(_ENV_DIR[name])
    if env:
        places.append(f"${_ENV_DIR[name]}={env}")
    places.append(str(cache))
    return (f"{_DISPLAY[name]} not found (looked in {' and '.join(places)}); "
            "pass --data DIR, download it, or use --dataset builtin")


def _tilde(path: Path) -> str:
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


BUILTIN_VERSION = 1  # bump when the generator changes: old cached sets are then ignored
_Arrays = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # train x, y; test x, y


def builtin_dataset(
    n_train: int = 20000, n_test: int = 4000, seed: int = 0, *, cache: bool = True
) -> Dataset:
    """The generated digits: train and test drawn from separate random streams of seed.

    Generating 24,000 digits takes a few seconds, so the result is kept in the user's cache
    folder (written atomically; a damaged or unwritable cache is simply regenerated).
    """
    path = default_cache_dir() / f"builtin-v{BUILTIN_VERSION}-{seed}-{n_train}-{n_test}.npz"
    arrays = _read_builtin_cache(path, n_train, n_test) if cache else None
    if arrays is None:
        from engine.data.builtin_digits import generate_digits_with

        train_x, train_y = generate_digits_with(n_train, np.random.default_rng(seed))
        test_rng = np.random.default_rng([seed, _BUILTIN_TEST_STREAM])
        test_x, test_y = generate_digits_with(n_test, test_rng)
        arrays = (train_x, train_y, test_x, test_y)
        if cache:
            _write_builtin_cache(path, arrays)
    train_x, train_y, test_x, test_y = arrays
    return Dataset("builtin", f"built-in generated digits (seed {seed})",
                   train_x, train_y, test_x, test_y, DIGIT_CLASSES)


def _read_builtin_cache(path: Path, n_train: int, n_test: int) -> _Arrays | None:
    try:
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as z:
            arrays = (z["train_x"], z["train_y"], z["test_x"], z["test_y"])
    except Exception:  # missing or damaged: regenerate
        return None
    shapes = [(n_train, 28, 28), (n_train,), (n_test, 28, 28), (n_test,)]
    if [a.shape for a in arrays] != shapes or any(a.dtype != np.uint8 for a in arrays):
        return None
    return arrays


def _write_builtin_cache(path: Path, arrays: _Arrays) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".builtin-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                train_x, train_y, test_x, test_y = arrays
                np.savez(f, train_x=train_x, train_y=train_y, test_x=test_x, test_y=test_y)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass  # a cache is an optimisation: never fail because of it
