"""Will a training batch fit in memory? An estimate made before anything is allocated, so a
batch of 100,000 images is refused with one sentence instead of swapping for minutes and
dying of MemoryError (or the kernel's OOM killer).

The estimate is an upper bound of what one SGD step holds at once: the preprocessed and
augmented input (`engine.data`'s own estimators), and for each image of a micro-batch (a
step computes `MICRO_BATCH` images at a time) every layer's u, f, delta_u and
delta_f_prev, and the convolutions' im2col buffers (forward and backward).
It is compared with the memory the system has available (Linux: MemAvailable in
/proc/meminfo; elsewhere the physical pages os.sysconf reports), of which a batch may use at
most `MEMORY_FRACTION`. When nothing can be read, no check is made.
"""

from __future__ import annotations

import contextlib
import math
import os

import numpy as np

from ..data.augment import augment_bytes
from ..data.preprocess import preprocess_bytes
from ..errors import ConfigError
from ..nn.config import NetworkConfig
from ..nn.hot_path import MICRO_BATCH
from ..nn.specs import KERNEL, layer_specs

MEMORY_FRACTION = 0.75  # of the available memory, at most, for one batch


def image_bytes(config: NetworkConfig, dtype: np.dtype | type = np.float32) -> int:
    """Bytes one image of a batch holds during a training step of the network itself."""
    item = np.dtype(dtype).itemsize
    s = config.input_size
    values = 2 * s * s  # the batch, and its copy in the batch-innermost layout
    for spec in layer_specs(config):
        n_in, n_out = math.prod(spec.in_shape), math.prod(spec.out_shape)
        values += 3 * n_out + n_in  # u, f, delta_u; delta_f_prev
        if spec.kind == "conv":
            positions = n_out // spec.out_shape[0]
            values += (2 * KERNEL * KERNEL * spec.in_shape[0] + 1) * positions  # cols, dcols
        elif spec.kind == "pool":
            values += 3 * n_out  # routes or sums kept for the backward pass
    return values * item


def batch_bytes(config: NetworkConfig, batch_size: int, dtype: np.dtype | type = np.float32,
                *, augment: bool = False) -> int:
    """The memory (bytes) one training step of `batch_size` images needs, about."""
    s = config.input_size
    data = preprocess_bytes(batch_size, s, dtype)
    if augment:
        data += augment_bytes(batch_size, s, s, dtype=dtype)
    # A step computes MICRO_BATCH images at a time (engine.nn.hot_path), with one set of
    # buffers for full chunks and one for the shorter last chunk: the network's own working
    # set stops growing there; the batch's input and its class probabilities do not.
    chunks = min(batch_size, MICRO_BATCH) + min(batch_size % MICRO_BATCH, batch_size)
    per_image = (config.input_size**2 + config.num_classes) * np.dtype(dtype).itemsize
    return data + batch_size * per_image + chunks * image_bytes(config, dtype)


def available_memory() -> int | None:
    """Bytes the system can give us without swapping, or None when it does not say."""
    with contextlib.suppress(OSError, ValueError), open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    with contextlib.suppress(AttributeError, OSError, ValueError):
        pages = os.sysconf("SC_AVPHYS_PAGES")
        if pages > 0:
            return int(pages * os.sysconf("SC_PAGE_SIZE"))
    return None


def _gb(n: float) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e8 else f"{n / 1e6:.0f} MB"


def check_batch_memory(config: NetworkConfig, batch_size: int,
                       dtype: np.dtype | type = np.float32, *, augment: bool = False,
                       available: int | None = None) -> None:
    """ConfigError, naming the largest batch that fits, when a batch needs more than
    `MEMORY_FRACTION` of the available memory (`available`, default: the system's)."""
    free = available_memory() if available is None else available
    if free is None:
        return
    need = batch_bytes(config, batch_size, dtype, augment=augment)
    budget = int(free * MEMORY_FRACTION)
    if need <= budget:
        return
    fits = largest_batch(config, budget, batch_size, dtype, augment=augment)
    raise ConfigError(
        f"a batch of {batch_size:,} images needs about {_gb(need)} of memory, more than the "
        f"{_gb(budget)} this run may use ({MEMORY_FRACTION:.0%} of the {_gb(free)} "
        f"available); use a batch size of at most {fits:,}")


def largest_batch(config: NetworkConfig, budget: int, below: int,
                  dtype: np.dtype | type = np.float32, *, augment: bool = False) -> int:
    """The largest batch under `below` whose estimate fits `budget` (at least 1): a binary
    search, since the estimate grows with the batch but not in proportion to it."""
    low, high = 1, max(1, below - 1)
    while low < high:
        mid = (low + high + 1) // 2
        if batch_bytes(config, mid, dtype, augment=augment) <= budget:
            low = mid
        else:
            high = mid - 1
    return low
