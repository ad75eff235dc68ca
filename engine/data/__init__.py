"""The data layer: IDX files, datasets (MNIST, Fashion-MNIST, built-in), download,
preprocessing and augmentation. Pure NumPy and the standard library."""

from engine.data.augment import augment_batch, augment_bytes
from engine.data.builtin_digits import generate_digits
from engine.data.datasets import (
    DATASET_NAMES,
    MNIST_FILES,
    Dataset,
    builtin_dataset,
    default_cache_dir,
    find_dataset,
    load_dataset,
    load_dataset_dir,
)
from engine.data.download import MD5, MIRRORS, download_dataset, verify_md5
from engine.data.idx import read_idx, write_idx
from engine.data.preprocess import normalize_digit, preprocess, preprocess_bytes

__all__ = [
    "DATASET_NAMES",
    "MD5",
    "MIRRORS",
    "MNIST_FILES",
    "Dataset",
    "augment_batch",
    "augment_bytes",
    "builtin_dataset",
    "default_cache_dir",
    "download_dataset",
    "find_dataset",
    "generate_digits",
    "load_dataset",
    "load_dataset_dir",
    "normalize_digit",
    "preprocess",
    "preprocess_bytes",
    "read_idx",
    "verify_md5",
    "write_idx",
]
