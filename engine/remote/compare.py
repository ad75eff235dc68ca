"""`CompareRun`: train an A/B `Pair` (engine.training.compare) at once, each run in a
`TrainingProcess` of its own, so both get a core and one run diverging, failing or being
stopped leaves the other running. When a run ends its final state (and timeline) is back in
its `Trainer`, as after any `RemoteTrainer` run.
"""

from __future__ import annotations

import time
from types import TracebackType

from ..training import Pair, RunState, Trainer
from .parent import RemoteTrainer
from .process import TrainingProcess

HEADLESS_INTERVAL = 0.5  # seconds between snapshots: nobody looks at them headless


class CompareRun:
    """Runs A and B side by side; `start()`, then `wait()` or poll `remotes`; `close()`
    (or use it as a context manager)."""

    def __init__(self, pair: Pair, interval: float = HEADLESS_INTERVAL) -> None:
        self.pair = pair
        self._interval = interval
        self.processes: tuple[TrainingProcess, ...] = ()
        self.remotes: tuple[RemoteTrainer, ...] = ()

    @property
    def trainers(self) -> tuple[Trainer, Trainer]:
        return self.pair.a, self.pair.b

    def start(self, steps: int = 0) -> None:
        """Start both processes and both runs (steps > 0: that many batches each)."""
        self.processes = (TrainingProcess(), TrainingProcess())
        for p in self.processes:
            p.start()
        self.remotes = tuple(RemoteTrainer(t, p, interval=self._interval)
                             for t, p in zip(self.trainers, self.processes, strict=True))
        for r in self.remotes:
            r.start(steps)

    @property
    def ended(self) -> bool:
        return bool(self.remotes) and all(r.ended for r in self.remotes)

    def wait(self, timeout: float | None = None, poll: float = 0.2) -> bool:
        """Until both runs have ended (True) or `timeout` seconds went by (False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.ended:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            for r in self.remotes:
                if not r.ended:
                    r.wait(lambda x: x.ended, poll)
                    break
        return True

    def states(self) -> tuple[RunState, ...]:
        return tuple(r.state for r in self.remotes)

    def stop(self) -> None:
        for r in self.remotes:
            r.stop()

    def close(self) -> None:
        for r in self.remotes:
            r.close()
        for p in self.processes:
            p.close()

    def __enter__(self) -> CompareRun:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
