"""What training has done so far: `History` (an immutable copy) and `HistoryLog` (the
append-only log behind it, grown by the training thread and mirrored by `engine.remote`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np


@dataclass(frozen=True)
class History:
    """What training has done so far (immutable copy)."""

    batch_loss: np.ndarray  # (steps,) training loss per batch
    batch_epoch: np.ndarray  # (steps,) fractional epoch of each batch
    # (steps,) learning rate each batch used (base rate x schedule); NaN where unknown
    batch_lr: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    epoch_train_acc: tuple[float, ...] = ()
    epoch_train_loss: tuple[float, ...] = ()
    epoch_test_acc: tuple[float, ...] = ()
    epoch_test_loss: tuple[float, ...] = ()
    epoch_images_per_s: tuple[float, ...] = ()
    epoch_seconds: tuple[float, ...] = ()
    # gradient health, sampled every HEALTH_EVERY steps: "step", "delta_u/<layer>" (mean
    # |dJ/du| over the batch) and "update_ratio/<layer>" (||weight update|| / ||weight||)
    health: Mapping[str, np.ndarray] = field(default_factory=lambda: MappingProxyType({}))

    @staticmethod
    def empty() -> History:
        return History(np.zeros(0, np.float32), np.zeros(0, np.float32))

    def to_arrays(self) -> dict[str, np.ndarray]:
        out = {f.name: np.asarray(getattr(self, f.name), dtype=np.float64)
               for f in dataclasses.fields(self) if f.name != "health"}
        out.update({f"health/{k}": np.asarray(v, np.float64) for k, v in self.health.items()})
        return out

    @staticmethod
    def from_arrays(data: Mapping[str, np.ndarray]) -> History:
        kw: dict[str, Any] = {}
        for f in dataclasses.fields(History):
            if f.name == "health":
                continue
            a = np.asarray(data.get(f.name, np.zeros(0)), dtype=np.float64)
            kw[f.name] = a.astype(np.float32) if f.name.startswith("batch") else tuple(
                float(v) for v in a)
        if "batch_lr" not in data:  # a history from before batch_lr: NaN, aligned
            kw["batch_lr"] = np.full(len(kw["batch_loss"]), np.nan, np.float32)
        kw["health"] = MappingProxyType({
            k[len("health/"):]: np.asarray(v, np.float64) for k, v in data.items()
            if k.startswith("health/")})
        return History(**kw)


EPOCH_SERIES = tuple(f.name for f in dataclasses.fields(History) if f.name.startswith("epoch"))


class _Growing:
    """An append-only float array whose read-only prefix views stay valid forever.

    Entries are never changed once written, and growth moves to a new buffer, so a view
    handed out earlier (in a Snapshot's History) never sees later writes: freezing the
    history costs O(1) per array instead of a copy of every batch so far.
    """

    def __init__(self, initial: Any, dtype: Any) -> None:
        initial = np.asarray(initial, dtype=dtype).reshape(-1)
        self._buf = np.empty(max(1024, 2 * initial.size), dtype=dtype)
        self._buf[: initial.size] = initial
        self._n = initial.size

    def extend(self, values: Any) -> None:
        values = np.asarray(values, dtype=self._buf.dtype).reshape(-1)
        need = self._n + values.size
        if need > self._buf.size:
            grown = np.empty(max(2 * self._buf.size, need), dtype=self._buf.dtype)
            grown[: self._n] = self._buf[: self._n]
            self._buf = grown
        self._buf[self._n : need] = values
        self._n = need

    def append(self, value: float) -> None:
        if self._n == self._buf.size:
            grown = np.empty(2 * self._buf.size, dtype=self._buf.dtype)
            grown[: self._n] = self._buf[: self._n]
            self._buf = grown
        self._buf[self._n] = value
        self._n += 1

    def __len__(self) -> int:
        return self._n

    def view(self) -> np.ndarray:
        v = self._buf[: self._n]
        v.flags.writeable = False
        return v


HistoryLengths = dict[str, Any]  # from HistoryLog.lengths(): how long every series is
HistoryTail = dict[str, Any]  # from HistoryLog.tail(): plain values, picklable


class HistoryLog:
    """The mutable log behind `History`: one thread appends, `freeze()` is an O(1) copy."""

    def __init__(self, start: History | None = None) -> None:
        start = start or History.empty()
        self._batch_loss = _Growing(start.batch_loss, np.float32)
        self._batch_epoch = _Growing(start.batch_epoch, np.float32)
        # histories from before batch_lr existed: NaN-padded so the batch series stay aligned
        lr = np.full(len(start.batch_loss), np.nan, np.float32)
        known = np.asarray(start.batch_lr, np.float32)[: lr.size]
        lr[: known.size] = known
        self._batch_lr = _Growing(lr, np.float32)
        self._epoch: dict[str, list[float]] = {k: list(getattr(start, k)) for k in EPOCH_SERIES}
        self._health = {k: _Growing(v, np.float64) for k, v in start.health.items()}

    def add_batch(self, loss: float, epoch: float, lr: float = float("nan")) -> None:
        """One training batch: its loss, the fractional epoch after it, the rate it used."""
        self._batch_loss.append(loss)
        self._batch_epoch.append(epoch)
        self._batch_lr.append(lr)

    def add_epoch(self, values: Mapping[str, float]) -> None:
        """One value for each of `EPOCH_SERIES` at the end of an epoch."""
        for k in EPOCH_SERIES:
            self._epoch[k].append(values[k])

    def add_health(self, values: Mapping[str, float]) -> None:
        for k, v in values.items():
            if k not in self._health:
                self._health[k] = _Growing([], np.float64)
            self._health[k].append(v)

    def lengths(self) -> HistoryLengths:
        """How long every series is (for `tail`)."""
        return {"batch": len(self._batch_loss),
                "epoch": {k: len(v) for k, v in self._epoch.items()},
                "health": {k: len(v) for k, v in self._health.items()}}

    def tail(self, since: HistoryLengths) -> HistoryTail:
        """Everything appended after `since` (from `lengths`): plain, picklable."""
        b = since["batch"]
        return {
            "batch_loss": np.array(self._batch_loss.view()[b:]),
            "batch_epoch": np.array(self._batch_epoch.view()[b:]),
            "batch_lr": np.array(self._batch_lr.view()[b:]),
            "epoch": {k: v[since["epoch"].get(k, 0):] for k, v in self._epoch.items()},
            "health": {k: np.array(v.view()[since["health"].get(k, 0):])
                       for k, v in self._health.items()},
        }

    def extend(self, tail: HistoryTail) -> None:
        """Append a `tail` taken from a log that started like this one."""
        self._batch_loss.extend(tail["batch_loss"])
        self._batch_epoch.extend(tail["batch_epoch"])
        self._batch_lr.extend(tail.get("batch_lr", np.full(len(tail["batch_loss"]), np.nan)))
        for k, values in tail["epoch"].items():
            self._epoch[k].extend(values)
        for k, values in tail["health"].items():
            if k not in self._health:
                self._health[k] = _Growing([], np.float64)
            self._health[k].extend(values)

    def freeze(self) -> History:
        return History(
            self._batch_loss.view(),
            self._batch_epoch.view(),
            self._batch_lr.view(),
            **{k: tuple(v) for k, v in self._epoch.items()},
            health=MappingProxyType({k: v.view() for k, v in self._health.items()}),
        )
