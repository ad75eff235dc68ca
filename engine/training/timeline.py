"""The timeline: the network's weights recorded along a run, spaced to fit a memory budget,
so a viewer can go back to any recorded step.

Which steps are kept is decided by `TimelineSchedule` from the step numbers alone, so two
copies that see the same steps agree exactly (the parent of a training child mirrors the
child's timeline this way). At level k every step below 2**(k+1) is kept, and of each later
octave [2**m, 2**(m+1)) the multiples of 2**(m-k): 2**k entries per octave, dense early and
log-spaced later. A run starts at the top level (every step); whenever an entry would not
fit the budget the level drops by one, which keeps a subset of the steps kept before. The
first and the latest recorded step are always kept. Steps the level skips are not copied
at all, so late in a run recording costs nothing on most steps.

`Timeline` (in-process trainers and the parent's mirror) stores the entries;
`TimelineFeed` (in a training child) stores none and hands each new entry over once.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ..errors import ConfigError
from ..nn.config import NetworkConfig
from ..nn.network import Network

DEFAULT_BUDGET = 256 * 2**20  # bytes of weights a timeline holds at most
_TOP = 62  # the level that keeps every step a run can reach
_FLOOR = -64  # below every level that keeps anything but the first and the latest step


def _kept(step: int, level: int) -> bool:
    """Whether the spacing of `level` keeps `step` (see the module docstring)."""
    if level >= 0:
        shift = step.bit_length() - level - 1
        return shift <= 0 or step & ((1 << shift) - 1) == 0
    # below level 0: powers of two only, and of those every 2**-level-th exponent
    if step <= 0 or step & (step - 1) or level <= _FLOOR:
        return False
    return (step.bit_length() - 1) % (1 << -level) == 0


def kept_count(last: int, level: int) -> int:
    """How many of the steps 0..last the spacing of `level` (>= 0) keeps: all below
    2**(level+1), then of each octave [2**m, 2**(m+1)) the multiples of 2**(m-level)."""
    dense = 1 << (level + 1)
    count = min(last, dense - 1) + 1
    m = level + 1
    while (1 << m) <= last:
        top = min((1 << (m + 1)) - 1, last)
        count += (top >> (m - level)) - (1 << level) + 1
        m += 1
    return count


@dataclass(frozen=True)
class TimelineEntry:
    """The weights after `step` optimiser steps (read-only copies in the network's dtype),
    the learning rate of the step that led there and the loss of its batch (NaN for a
    run's first entry: no step led there)."""

    step: int
    params: Mapping[str, np.ndarray]
    lr: float
    loss: float

    @property
    def nbytes(self) -> int:
        return sum(int(v.nbytes) for v in self.params.values())

    def __reduce__(self) -> tuple[object, tuple[int, dict[str, np.ndarray], float, float]]:
        # a mapping proxy does not pickle; the copy that arrives is frozen again
        return _frozen_entry, (self.step, dict(self.params), self.lr, self.loss)


def _frozen_entry(step: int, params: dict[str, np.ndarray], lr: float,
                  loss: float) -> TimelineEntry:
    for a in params.values():
        a.flags.writeable = False
    return TimelineEntry(step, MappingProxyType(params), lr, loss)


def make_entry(step: int, params: Mapping[str, np.ndarray], lr: float,
               loss: float) -> TimelineEntry:
    """An entry holding read-only copies of `params`."""
    copies = {name: np.array(value, copy=True) for name, value in params.items()}
    return _frozen_entry(int(step), copies, float(lr), float(loss))


class TimelineSchedule:
    """Which steps a timeline keeps, from the step numbers alone (picklable, small)."""

    def __init__(self, budget: int = DEFAULT_BUDGET, level: int = _TOP,
                 steps: Iterable[int] = (), entry_nbytes: int | None = None) -> None:
        if isinstance(budget, bool) or not isinstance(budget, int) or budget <= 0:
            raise ConfigError(f"a timeline's budget must be a positive number of bytes, "
                              f"got {budget!r}")
        self.budget = budget
        self.level = level
        self.steps = sorted(int(s) for s in steps)
        self.entry_nbytes = entry_nbytes

    def copy(self) -> TimelineSchedule:
        return TimelineSchedule(self.budget, self.level, self.steps, self.entry_nbytes)

    @property
    def capacity(self) -> int:
        """Entries that fit the budget (at least two: the first and the latest)."""
        if not self.entry_nbytes:
            return max(2, self.budget)
        return max(2, self.budget // self.entry_nbytes)

    def plan_run(self, total_steps: int, entry_nbytes: int) -> None:
        """Before the first entry: start at the highest level whose steps over a run of
        `total_steps` fit the budget. Starting at the top, a long run copies (and a training
        child ships) every step until the budget fills, only to thin most away; planned,
        those steps are never copied. Runs that go on longer are thinned as usual."""
        if self.steps or total_steps <= 0:
            return
        if self.entry_nbytes is None:
            self.entry_nbytes = entry_nbytes
        level = min(self.level, total_steps.bit_length())  # higher ones keep all
        while level > 0 and kept_count(total_steps, level) + 1 > self.capacity:
            level -= 1  # + 1: a run's latest step is kept while it is the latest
        self.level = level

    def wants(self, step: int) -> bool:
        """Whether recording `step` now would keep it (cheap: call before copying)."""
        steps = self.steps
        return not steps or step <= steps[-1] or _kept(step, self.level)

    def admit(self, step: int, entry_nbytes: int) -> list[int]:
        """Add `step` (the latest from now on); returns the steps dropped to make room.
        A step at or before the latest one starts a new branch: later steps are dropped."""
        if self.entry_nbytes is None:
            self.entry_nbytes = entry_nbytes
        elif entry_nbytes != self.entry_nbytes:
            raise ConfigError("a timeline records one network: the entry's size differs")
        steps = self.steps
        cut = bisect.bisect_left(steps, step)
        dropped = steps[cut:]
        del steps[cut:]
        if len(steps) > 1 and not _kept(steps[-1], self.level):
            dropped.append(steps.pop())  # kept only while it was the latest
        steps.append(step)
        if len(steps) > self.capacity:
            dropped += self._thin()
        return dropped

    def _thin(self) -> list[int]:
        """Lower the level until the steps fit the capacity."""
        steps = self.steps
        self.level = min(self.level, steps[-1].bit_length() - 1)  # higher ones keep all
        dropped: list[int] = []
        while len(steps) > self.capacity:
            if self.level > _FLOOR:
                self.level -= 1
            last = len(steps) - 1
            keep = [s for i, s in enumerate(steps) if i in (0, last) or _kept(s, self.level)]
            if len(keep) == len(steps) and self.level <= _FLOOR:
                keep = [steps[0], steps[-1]]
            dropped += sorted(set(steps) - set(keep))
            steps[:] = keep
        return dropped


def _closest(steps: list[int], step: int) -> int | None:
    if not steps:
        return None
    i = bisect.bisect_left(steps, step)
    if i == len(steps):
        return steps[-1]
    if i == 0 or steps[i] == step:
        return steps[i]
    return steps[i - 1] if step - steps[i - 1] <= steps[i] - step else steps[i]


class _Recorder:
    """What a trainer records into: a schedule and `record`."""

    def __init__(self, schedule: TimelineSchedule) -> None:
        self.schedule = schedule

    @property
    def empty(self) -> bool:
        return not self.schedule.steps

    def record(self, step: int, params: Mapping[str, np.ndarray], lr: float,
               loss: float, *, force: bool = False) -> bool:
        """Record the weights after `step` steps if the spacing keeps that step (else
        nothing is copied) or `force` (a run's last step: kept while it is the latest);
        True when recorded."""
        if not (force or self.schedule.wants(step)):
            return False
        self._keep(make_entry(step, params, lr, loss))
        return True

    def _keep(self, entry: TimelineEntry) -> None:
        raise NotImplementedError


class TimelineFeed(_Recorder):
    """A training child's recorder: decides like the parent's mirror (same schedule) but
    keeps no weights; `take()` hands the entries recorded since the last call over."""

    def __init__(self, schedule: TimelineSchedule) -> None:
        super().__init__(schedule)
        self._new: list[TimelineEntry] = []

    def _keep(self, entry: TimelineEntry) -> None:
        self.schedule.admit(entry.step, entry.nbytes)
        # all of them, even those thinned away since: the mirror thins them itself, and
        # only the same steps in the same order make it decide the same
        self._new.append(entry)

    def take(self) -> tuple[TimelineEntry, ...]:
        new, self._new = tuple(self._new), []
        return new


class Timeline(_Recorder):
    """Recorded weights along a run, within `budget` bytes (see the module docstring).
    Thread-safe: one thread records (or mirrors), any thread reads."""

    def __init__(self, budget: int = DEFAULT_BUDGET,
                 schedule: TimelineSchedule | None = None) -> None:
        super().__init__(schedule or TimelineSchedule(budget))
        self._entries: dict[int, TimelineEntry] = {}
        self._nbytes = 0
        self._lock = threading.Lock()
        self._version = 0

    # ---- recording ----

    def _keep(self, entry: TimelineEntry) -> None:
        self.extend((entry,))

    def extend(self, entries: Iterable[TimelineEntry]) -> None:
        """Add entries recorded elsewhere (a child's `TimelineFeed`), in their order."""
        with self._lock:
            for entry in entries:
                size = entry.nbytes
                for step in self.schedule.admit(entry.step, size):
                    self._nbytes -= size if self._entries.pop(step, None) else 0
                self._entries[entry.step] = entry
                self._nbytes += size
                self._version += 1

    def fork(self, upto: int | None = None) -> Timeline:
        """A copy that goes on separately (the entries, read-only, are shared); `upto`: only
        the steps up to that one (a run branching off there)."""
        with self._lock:
            schedule = self.schedule.copy()
            if upto is not None:
                schedule.steps = [s for s in schedule.steps if s <= upto]
            copy = Timeline(schedule=schedule)
            copy._entries = {s: self._entries[s] for s in schedule.steps}
            copy._nbytes = sum(e.nbytes for e in copy._entries.values())
        return copy

    def plan_run(self, total_steps: int, entry_nbytes: int) -> None:
        """Space an empty timeline for a run of `total_steps` (`TimelineSchedule.plan_run`)."""
        with self._lock:
            self.schedule.plan_run(total_steps, entry_nbytes)

    def plan(self) -> TimelineSchedule:
        """A copy of the schedule, for a `TimelineFeed` that records on from here."""
        with self._lock:
            return self.schedule.copy()

    # ---- reading ----

    @property
    def budget(self) -> int:
        return self.schedule.budget

    @property
    def version(self) -> int:
        """Grows with every change: a viewer polls it to refresh its slider."""
        return self._version

    @property
    def steps(self) -> tuple[int, ...]:
        with self._lock:
            return tuple(self.schedule.steps)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def nbytes(self) -> int:
        """Bytes of weights held (every entry has the same size)."""
        return self._nbytes

    def nearest(self, step: int) -> int | None:
        """The recorded step closest to `step` (the earlier on a tie); None when empty."""
        with self._lock:
            return _closest(self.schedule.steps, step)

    def at(self, step: int) -> TimelineEntry:
        """The entry of the recorded step nearest to `step`; LookupError when empty."""
        with self._lock:  # one look: a step thinned away meanwhile is never returned
            near = _closest(self.schedule.steps, step)
            if near is None:
                raise LookupError("the timeline is empty")
            return self._entries[near]

    def params_at(self, step: int) -> Mapping[str, np.ndarray]:
        """Read-only weights at the recorded step nearest to `step`."""
        return self.at(step).params

    def network_at(self, step: int, config: NetworkConfig) -> Network:
        """A network of `config` with the weights of the recorded step nearest to `step`
        (its own writable copies, in the recorded dtype)."""
        params = self.params_at(step)
        dtype = next(iter(params.values())).dtype
        return Network(config, dict(params), dtype)

    # ---- checkpoints ----

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The timeline as arrays (for a checkpoint): per parameter one (entries, *shape)
        stack, the steps, learning rates and losses, and the schedule."""
        with self._lock:
            entries = [self._entries[s] for s in self.schedule.steps]
            level, budget = self.schedule.level, self.schedule.budget
        out = {
            "steps": np.array([e.step for e in entries], np.int64),
            "lr": np.array([e.lr for e in entries], np.float64),
            "loss": np.array([e.loss for e in entries], np.float64),
            "schedule": np.array([budget, level], np.int64),
        }
        for name in entries[0].params if entries else ():
            out[f"param/{name}"] = np.stack([e.params[name] for e in entries])
        return out

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> Timeline:
        """The timeline `to_arrays` gave; ConfigError when the arrays do not fit together."""
        try:
            steps = [int(s) for s in np.asarray(arrays["steps"]).reshape(-1)]
            lr, loss = np.asarray(arrays["lr"]), np.asarray(arrays["loss"])
            budget, level = (int(v) for v in np.asarray(arrays["schedule"]).reshape(2))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"the timeline is incomplete or damaged ({exc})") from None
        stacks = {k[len("param/"):]: np.asarray(v) for k, v in arrays.items()
                  if k.startswith("param/")}
        n = len(steps)
        if (lr.shape != (n,) or loss.shape != (n,) or steps != sorted(set(steps))
                or any(a.ndim < 1 or len(a) != n for a in stacks.values())
                or (n and not stacks)):
            raise ConfigError("the timeline's arrays differ in length or are out of order")
        for a in stacks.values():
            a.flags.writeable = False
        entries = [TimelineEntry(s, MappingProxyType({k: a[i] for k, a in stacks.items()}),
                                 float(lr[i]), float(loss[i])) for i, s in enumerate(steps)]
        schedule = TimelineSchedule(budget, level, steps,
                                    entries[0].nbytes if entries else None)
        timeline = cls(schedule=schedule)
        timeline._entries = {e.step: e for e in entries}
        timeline._nbytes = sum(e.nbytes for e in entries)
        return timeline
