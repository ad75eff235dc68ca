"""Checkpoints: one `.npz` file holding weights, network config, optimiser state, history,
epoch and step (and, when asked, the run's timeline of recorded weights), written
atomically (`atomic_write`: temporary file, fsync, rename) so a crash mid-write never
damages the previous checkpoint. Read with `allow_pickle=False`: a checkpoint
can hold only arrays, never code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import CheckpointError, ConfigError
from ..nn.config import NetworkConfig
from ..nn.network import Network
from ..training import History, Timeline, TrainConfig
from .atomic import atomic_write, temp_prefix

FORMAT = "lenet-gui-checkpoint"
VERSION = 1
TEMP_PREFIX = ".lenet-ckpt-"  # temporary files: never mistaken for a checkpoint (.npz)
_TIMELINE = "timeline/"
# what np.savez adds per array beyond its bytes: zip local header and central directory
# entry (with ZIP64 extras) and the .npy header, padded to 64 bytes; the name comes on top
_MEMBER_OVERHEAD = 30 + 20 + 46 + 28 + 128


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
    train_size: int | None = None  # training images of the run (None: not recorded)
    notes: dict[str, Any] = field(default_factory=dict)
    timeline: Timeline | None = None

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
    train_size: int | None = None,
    notes: dict[str, Any] | None = None,
    timeline: Timeline | None = None,
) -> Path:
    """Write a checkpoint atomically; returns the final path. With `timeline`, its recorded
    weights go in too (`timeline_checkpoint_bytes` tells how many bytes that adds)."""
    path = checkpoint_path(path)
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "config": net.config.to_dict(),
        "dtype": np.dtype(net.dtype).name,
        "step": int(step),
        "epoch": int(epoch),
        "train_config": train_config or {},
        "dataset": dataset,
        "train_size": None if train_size is None else int(train_size),
        "notes": notes or {},
    }
    arrays: dict[str, Any] = {"meta": np.array(json.dumps(meta))}  # Any: savez **kwargs
    arrays.update({f"param/{k}": v for k, v in net.params.items()})
    for k, v in (optimizer or {}).items():
        arrays[f"optim/{k}"] = v
    for k, v in (history or {}).items():
        arrays[f"history/{k}"] = np.asarray(v)
    if timeline is not None:
        arrays.update({f"{_TIMELINE}{k}": v for k, v in timeline.to_arrays().items()})
    _folder(path)
    try:
        with atomic_write(path, prefix=TEMP_PREFIX, suffix=".tmp") as f:
            np.savez(f, **arrays)
    except OSError as exc:
        raise CheckpointError(f"cannot save {path}: {exc.strerror or exc}") from None
    return path


def timeline_checkpoint_bytes(timeline: Timeline) -> int:
    """About how many bytes `timeline` adds to a checkpoint file (within a few hundred
    bytes), without building its arrays: for a save dialog to show before saving."""
    entries = len(timeline)
    names = [f"{_TIMELINE}{k}.npy" for k in ("steps", "lr", "loss", "schedule")]
    total = 3 * 8 * entries + 2 * 8
    if entries:
        params = timeline.at(timeline.steps[0]).params
        names += [f"{_TIMELINE}param/{k}.npy" for k in params]
        total += timeline.nbytes
    return total + sum(_MEMBER_OVERHEAD + 2 * len(n) for n in names)


def checkpoint_path(path: str | os.PathLike) -> Path:
    """The file `save_checkpoint(path, ...)` writes: `.npz` is added when missing."""
    path = Path(path)
    return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")


def check_writable(path: str | os.PathLike) -> Path:
    """The file `save_checkpoint` would write, after checking now that it can be written
    (before hours of training); raises CheckpointError naming the file otherwise."""
    given = Path(path)
    final = checkpoint_path(given)
    for p in (given, final):
        if p.is_dir():
            raise CheckpointError(f"cannot save {p}: it is a folder; give a file name")
    if final.exists() and not final.is_file():
        raise CheckpointError(f"cannot save {final}: it is not a regular file")
    tmp: str | None = None
    try:  # creating a file is the only reliable test (os.access says yes to root on /proc)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(TEMP_PREFIX), suffix=".tmp",
                                   dir=_folder(final))
        os.close(fd)
    except OSError as exc:
        raise CheckpointError(f"cannot save {final}: cannot create a file in {final.parent} "
                              f"({exc.strerror or exc})") from None
    finally:
        _remove(tmp)
    return final


def _folder(path: Path) -> Path:
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise CheckpointError(f"cannot save {path}: folder {directory} does not exist")
    return directory


def _remove(path: str | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _check_is_npz(path: Path, head: bytes) -> None:
    """An .npz is a zip archive: say plainly what anything else is."""
    if head.startswith(b"PK"):
        return
    if not head:
        raise CheckpointError(f"{path} is empty, not a lenet-gui checkpoint")
    if head.startswith(b"\x93NUM"):
        raise CheckpointError(f"{path} is a single NumPy array (.npy), not a lenet-gui checkpoint")
    raise CheckpointError(f"{path} is not a lenet-gui checkpoint (not an .npz archive)")


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read and validate a checkpoint; every problem is a CheckpointError naming the file."""
    path = Path(path)
    contents = _read_npz(path)
    meta = _read_meta(path, contents)
    config, dtype = _network_config(path, meta)
    ckpt = Checkpoint(
        config=config,
        params=_prefixed(contents, "param/"),
        dtype=dtype,
        step=_count(path, meta, "step") or 0,
        epoch=_count(path, meta, "epoch") or 0,
        train_config=_train_config(path, meta.get("train_config")),
        optimizer=_prefixed(contents, "optim/") or None,
        history=_prefixed(contents, "history/"),
        dataset=_optional(path, meta, "dataset", str),
        train_size=_count(path, meta, "train_size", None),
        notes=_optional(path, meta, "notes", dict) or {},
        timeline=_timeline(path, contents),
    )
    _validate_params(path, ckpt)
    _validate_optimizer(path, ckpt)
    _validate_history(path, ckpt.history)
    _validate_timeline(path, ckpt)
    return ckpt


def _timeline(path: Path, contents: dict[str, np.ndarray]) -> Timeline | None:
    arrays = _prefixed(contents, _TIMELINE)
    if not arrays:
        return None
    try:
        return Timeline.from_arrays(arrays)
    except ConfigError as exc:
        raise CheckpointError(f"{path}: {exc}") from None


def _read_npz(path: Path) -> dict[str, np.ndarray]:
    """Every array of the file; a CheckpointError saying plainly what is wrong otherwise."""
    if not path.exists():
        raise CheckpointError(f"{path}: no such file")
    if path.is_dir():
        raise CheckpointError(f"{path} is a folder, not a checkpoint file")
    if not path.is_file():  # a FIFO would block for ever, a device could be endless
        raise CheckpointError(f"{path} is not a regular file (a device, FIFO or socket?)")
    try:
        # open the file ourselves: np.load leaks its own handle when the zip is damaged
        with open(path, "rb") as fh:
            _check_is_npz(path, fh.read(4))
            fh.seek(0)
            with np.load(fh, allow_pickle=False) as data:
                return {k: data[k] for k in data.files}
    except CheckpointError:
        raise
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


def _read_meta(path: Path, contents: dict[str, np.ndarray]) -> dict[str, Any]:
    """The JSON metadata, checked to be ours and of a version this code reads."""
    if "meta" not in contents:
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
    return meta


def _network_config(path: Path, meta: dict[str, Any]) -> tuple[NetworkConfig, np.dtype]:
    try:
        if not isinstance(meta.get("config"), dict):
            raise ConfigError(f"{_short(meta.get('config'))} instead of a mapping")
        config = NetworkConfig.from_dict(meta["config"])
        dtype = np.dtype(meta.get("dtype", "float32"))
        if dtype not in (np.float32, np.float64):
            raise ConfigError(f"unsupported dtype {dtype}")
    except (ConfigError, KeyError, TypeError, ValueError) as exc:
        raise CheckpointError(f"{path}: bad network configuration ({exc})") from None
    return config, dtype


def _prefixed(contents: dict[str, np.ndarray], prefix: str) -> dict[str, np.ndarray]:
    return {k[len(prefix):]: v for k, v in contents.items() if k.startswith(prefix)}


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _count(path: Path, meta: dict[str, Any], key: str,
           default: int | None = 0) -> int | None:
    """meta[key] as a whole number of 0 or more (None allowed only when that is the default)."""
    value = meta.get(key, default)
    if value is None and default is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CheckpointError(f"{path}: its {key} must be a whole number of 0 or more, "
                              f"not {_short(value)}")
    return value


def _optional(path: Path, meta: dict[str, Any], key: str, kind: type) -> Any:
    value = meta.get(key)
    if value is not None and not isinstance(value, kind):
        raise CheckpointError(f"{path}: its {key} must be a {kind.__name__}, not {_short(value)}")
    return value


def _train_config(path: Path, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CheckpointError(f"{path}: its training settings are damaged ({_short(value)} "
                              "instead of a mapping)")
    if value:  # {}: saved without a trainer
        try:
            TrainConfig.from_dict(value)
        except (ConfigError, TypeError, ValueError) as exc:
            raise CheckpointError(f"{path}: bad training settings ({exc})") from None
    return dict(value)


def _validate_params(path: Path, ckpt: Checkpoint) -> None:
    for name, value in ckpt.params.items():
        if value.dtype.kind not in "fiu":  # strings would reach float() in Network
            raise CheckpointError(f"{path}: parameter {name} holds {value.dtype} values, "
                                  "not numbers")
    try:
        probe = Network(ckpt.config, ckpt.params, ckpt.dtype)
    except ConfigError as exc:
        raise CheckpointError(f"{path}: {exc}") from None
    for name, value in probe.params.items():
        if not np.all(np.isfinite(value)):
            raise CheckpointError(f"{path}: parameter {name} holds NaN or infinite values")


def _validate_timeline(path: Path, ckpt: Checkpoint) -> None:
    """Every recorded entry holds the network's parameters, of their shapes, as numbers."""
    if ckpt.timeline is None or not len(ckpt.timeline):
        return
    entry = ckpt.timeline.at(ckpt.timeline.steps[0])  # the entries share one layout
    shapes = {k: v.shape for k, v in ckpt.params.items()}
    if {k: v.shape for k, v in entry.params.items()} != shapes:
        raise CheckpointError(f"{path}: its timeline holds the weights of another network")
    if any(v.dtype.kind != "f" for v in entry.params.values()):
        raise CheckpointError(f"{path}: its timeline does not hold floating-point weights")


def _validate_optimizer(path: Path, ckpt: Checkpoint) -> None:
    """SGD's state: one finite velocity per parameter, of the parameter's shape."""
    if ckpt.optimizer is None:
        return
    expected = {f"velocity/{name}": value.shape for name, value in ckpt.params.items()}
    extra = sorted(set(ckpt.optimizer) - set(expected))
    if extra:
        raise CheckpointError(f"{path}: unexpected optimiser state {', '.join(extra)}")
    for key, shape in expected.items():
        v = ckpt.optimizer.get(key)
        if v is None or v.shape != shape:
            raise CheckpointError(f"{path}: optimiser state {key} is missing or has the wrong "
                                  f"shape ({'missing' if v is None else v.shape}, needs {shape})")
        if v.dtype.kind != "f" or not np.all(np.isfinite(v)):
            raise CheckpointError(f"{path}: optimiser state {key} does not hold finite numbers")


# History arrays that must be equally long (see History.to_arrays): one entry per batch,
# one per epoch, one per gradient-health sample.
_PER_BATCH = tuple(f.name for f in dataclasses.fields(History) if f.name.startswith("batch_"))
_PER_EPOCH = tuple(f.name for f in dataclasses.fields(History) if f.name.startswith("epoch_"))
_LATER = ("batch_lr",)  # series that older checkpoints do not have


def _validate_history(path: Path, history: dict[str, np.ndarray]) -> None:
    for key, a in history.items():
        if a.ndim != 1 or a.dtype.kind not in "fiu":
            raise CheckpointError(f"{path}: history {key} must be a list of numbers, not a "
                                  f"{a.ndim}-D {a.dtype} array")
        if np.isinf(a).any():
            raise CheckpointError(f"{path}: history {key} holds infinite values")
    health = tuple(k for k in history if k.startswith("health/"))
    for what, keys in (("per-batch", _PER_BATCH), ("per-epoch", _PER_EPOCH),
                       ("gradient-health", health)):
        # batch_lr came later: a checkpoint from before it has none (read as NaNs)
        lengths = {k: len(history[k]) if k in history else 0 for k in keys
                   if k in history or k not in _LATER}
        if len(set(lengths.values())) > 1:
            detail = ", ".join(f"{k} {n}" for k, n in lengths.items())
            raise CheckpointError(f"{path}: its {what} history arrays differ in length "
                                  f"({detail})")


def load_network(path: str | os.PathLike) -> Network:
    """A network from a checkpoint file (weights and configuration)."""
    return load_checkpoint(path).network()
