"""Checkpoints: one `.npz` file holding weights, network config, optimiser state, history,
epoch and step, written atomically (temporary file, fsync, rename) so a crash mid-write
never damages the previous checkpoint. Read with `allow_pickle=False`: a checkpoint can hold
only arrays, never code.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .config import NetworkConfig
from .errors import CheckpointError, ConfigError
from .network import Network

FORMAT = "lenet-gui-checkpoint"
VERSION = 1
TEMP_PREFIX = ".lenet-ckpt-"  # temporary files: never mistaken for a checkpoint (.npz)


@dataclass
class Checkpoint:
    """What a checkpoint file holds."""

    config: NetworkConfig
    params: dict[str, np.ndarray]
    dtype: np.dtype
    step: int = 0
    epoch: int = 0
    train_config: dict[str, Any] = field(default_factory=dict)
    optimizer: dict[str, np.ndarray] | None = None
    history: dict[str, np.ndarray] = field(default_factory=dict)
    dataset: str | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    def network(self) -> Network:
        try:
            return Network(self.config, self.params, self.dtype)
        except ConfigError as exc:
            raise CheckpointError(str(exc)) from None


def save_checkpoint(
    path: str | os.PathLike,
    net: Network,
    *,
    step: int = 0,
    epoch: int = 0,
    train_config: dict[str, Any] | None = None,
    optimizer: dict[str, np.ndarray] | None = None,
    history: dict[str, np.ndarray] | None = None,
    dataset: str | None = None,
    notes: dict[str, Any] | None = None,
) -> Path:
    """Write a checkpoint atomically; returns the final path."""
    path = Path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "config": net.config.to_dict(),
        "dtype": np.dtype(net.dtype).name,
        "step": int(step),
        "epoch": int(epoch),
        "train_config": train_config or {},
        "dataset": dataset,
        "notes": notes or {},
    }
    arrays: dict[str, np.ndarray] = {"meta": np.array(json.dumps(meta))}
    arrays.update({f"param/{k}": v for k, v in net.params.items()})
    for k, v in (optimizer or {}).items():
        arrays[f"optim/{k}"] = v
    for k, v in (history or {}).items():
        arrays[f"history/{k}"] = np.asarray(v)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise CheckpointError(f"cannot save {path}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=directory)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a checkpoint is a normal file
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise CheckpointError(f"cannot save {path}: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read and validate a checkpoint; every problem is a CheckpointError naming the file."""
    path = Path(path)
    if not path.exists():
        raise CheckpointError(f"{path}: no such file")
    if path.is_dir():
        raise CheckpointError(f"{path} is a folder, not a checkpoint file")
    if not path.is_file():  # a FIFO would block for ever, a device could be endless
        raise CheckpointError(f"{path} is not a regular file (a device, FIFO or socket?)")
    try:
        # open the file ourselves: np.load leaks its own handle when the zip is damaged
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as data:
            contents = {k: data[k] for k in data.files}
    except (zipfile.BadZipFile, EOFError) as exc:
        raise CheckpointError(f"{path} is truncated or corrupt ({exc})") from None
    except ValueError as exc:
        if "pickle" in str(exc):
            raise CheckpointError(
                f"{path} holds Python objects, not a lenet-gui checkpoint"
            ) from None
        raise CheckpointError(f"{path} is not a lenet-gui checkpoint ({exc})") from None
    except OSError as exc:
        raise CheckpointError(f"cannot read {path}: {exc.strerror or exc}") from None
    except Exception as exc:  # zlib.error, struct errors and the like from a damaged file
        raise CheckpointError(f"{path} is truncated or corrupt ({type(exc).__name__})") from None
    if not isinstance(contents, dict) or "meta" not in contents:
        raise CheckpointError(f"{path} is an .npz file from another program, not a lenet-gui "
                              "checkpoint")
    try:
        meta = json.loads(str(contents["meta"]))
    except (ValueError, TypeError):
        raise CheckpointError(f"{path}: its metadata is damaged") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise CheckpointError(f"{path} is an .npz file from another program, not a lenet-gui "
                              "checkpoint")
    if not isinstance(meta.get("version"), int) or meta["version"] > VERSION:
        raise CheckpointError(f"{path} was written by a newer lenet-gui (format version "
                              f"{meta.get('version')}); update the app to read it")
    try:
        config = NetworkConfig.from_dict(meta["config"])
        dtype = np.dtype(meta.get("dtype", "float32"))
        if dtype not in (np.float32, np.float64):
            raise ConfigError(f"unsupported dtype {dtype}")
    except (ConfigError, KeyError, TypeError) as exc:
        raise CheckpointError(f"{path}: bad network configuration ({exc})") from None
    params = {k[len("param/"):]: v for k, v in contents.items() if k.startswith("param/")}
    ckpt = Checkpoint(
        config=config,
        params=params,
        dtype=dtype,
        step=int(meta.get("step", 0)),
        epoch=int(meta.get("epoch", 0)),
        train_config=dict(meta.get("train_config") or {}),
        optimizer={k[len("optim/"):]: v for k, v in contents.items() if k.startswith("optim/")}
        or None,
        history={k[len("history/"):]: v for k, v in contents.items()
                 if k.startswith("history/")},
        dataset=meta.get("dataset"),
        notes=dict(meta.get("notes") or {}),
    )
    _validate_params(path, ckpt)
    return ckpt


def _validate_params(path: Path, ckpt: Checkpoint) -> None:
    try:
        probe = Network(ckpt.config, ckpt.params, ckpt.dtype)
    except ConfigError as exc:
        raise CheckpointError(f"{path}: {exc}") from None
    for name, value in probe.params.items():
        if not np.all(np.isfinite(value)):
            raise CheckpointError(f"{path}: parameter {name} holds NaN or infinite values")


def load_network(path: str | os.PathLike) -> Network:
    """A network from a checkpoint file (weights and configuration)."""
    return load_checkpoint(path).network()
