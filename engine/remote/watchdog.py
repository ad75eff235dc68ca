"""Whether a training child that owes the parent an answer has been silent too long (hung).

A training child sends a snapshot at least after every batch; a paused one sends nothing
and owes nothing. The parent's `RemoteTrainer` tells the watchdog what it asked for and what
it heard, and asks it how long the child has been silent while owing an answer:

- while the child trains, any message is a sign of life;
- after a start, any message pays (the child may have been loaded paused);
- after a resume or a step request, only progress pays: a snapshot of a later step or of a
  running trainer (an older idle snapshot still in the pipe does not), or the run's end; a
  pause cancels the debt.

The allowance grows with the work one silent stretch can hold (a batch and an epoch-end
evaluation of the test set, at the last measured speed), so a huge batch on a loaded
machine is not taken for a hang. A parent that was itself stopped (Ctrl+Z, a debugger)
restarts the clock rather than blaming the child for its own gap.
"""

from __future__ import annotations

from dataclasses import dataclass

FLOOR_RATE = 500.0  # images/s at the least: a heavily loaded machine, or none measured yet
MARGIN = 5.0  # the allowance: this many times the expected work
START, PROGRESS = "start", "progress"


@dataclass
class _Owed:
    kind: str  # START: any message pays; PROGRESS: a later step, a running trainer, the end
    since: float
    step: int


class Watchdog:
    """Bookkeeping only (no threads, no clock of its own: every call gets `now`); the
    caller holds its lock around the calls."""

    def __init__(self, timeout: float, poll: float) -> None:
        self.timeout = timeout  # the least allowance, seconds
        self.poll = poll  # how often the caller checks, seconds
        self.heard = 0.0
        self.owed: _Owed | None = None
        self._checked: float | None = None

    def asked(self, kind: str, step: int, now: float) -> None:
        self.owed = _Owed(kind, now, step)

    def cancel(self) -> None:
        """A pause: no progress is owed any more."""
        self.owed = None

    def heard_from(self, now: float, step: int | None = None, running: bool = False) -> None:
        """A message arrived (`step`, `running`: a snapshot's)."""
        self.heard = now
        owed = self.owed
        if owed is not None and (owed.kind == START or running
                                 or (step is not None and step > owed.step)):
            self.owed = None

    def allowance(self, work_images: int, images_per_s: float) -> float:
        """Seconds of silence allowed for `work_images` of work at the last speed."""
        # floored: the rate measured just after a long pause reads low, and no real machine
        # trains this network slower than the floor
        rate = max(images_per_s, FLOOR_RATE)
        return max(self.timeout, MARGIN * work_images / rate)

    def silent_for(self, now: float, running: bool) -> float | None:
        """Seconds the child has been silent while owing an answer; None if it owes none."""
        checked, self._checked = self._checked, now
        if checked is not None and now - checked > max(5 * self.poll, 2.0):
            self.heard = now  # the parent itself did not run: the child gets a fresh start
            if self.owed is not None:
                self.owed.since = now
        if running:
            return now - self.heard
        if self.owed is not None:
            return now - self.owed.since
        return None

    def ended(self) -> None:
        """The run ended (its end message, or the child went away)."""
        self.owed = None
