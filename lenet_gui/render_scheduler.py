"""Every rate the GUI updates at, in one place.

The training side (process or thread) sends a snapshot at most every `SNAPSHOT_INTERVAL`
seconds; the window shows the newest one on a timer, and throttles its own frames while
training so that drawing never costs the training process its core.
"""

from __future__ import annotations

from engine import RunState, Snapshot

# seconds between snapshots while training: about 12 a second (>= 10 view updates/s asked;
# every frame drawn costs the training process CPU on a small machine)
SNAPSHOT_INTERVAL = 0.075
IDLE_INTERVAL = 0.1  # a paused trainer's sleep; new probes and jobs wake it at once

RENDER_INTERVAL_MS = 30  # a new snapshot is shown at most this late
MIN_FRAME_S = 0.07  # while training: at most ~14 frames a second
TEXT_INTERVAL = 0.25  # progress bar and speed text while training
PAD_INTERVAL = 0.5  # seconds between new weights for the pad while training
LABEL_INTERVAL = 0.25  # seconds between updates of the numbers under the maps
PAD_THROTTLE_S = 1.0 / 30.0  # the drawing pad reports a stroke at most ~30 times a second


class RenderScheduler:
    """Keeps the newest snapshot and decides when it is shown: at once when idle, at most
    every `MIN_FRAME_S` while training (drawing must not cost the training process its
    core); the progress text and the pad's weights follow at their own, slower rates.

    The window asks `next_frame` on every tick of a `RENDER_INTERVAL_MS` timer."""

    def __init__(self) -> None:
        self.latest: Snapshot | None = None
        self.dirty = False  # `latest` has not been shown yet
        self._frame_time = 0.0
        self._text_time = 0.0
        self._pad_step = -1
        self._pad_time = 0.0

    def show(self, snap: Snapshot) -> None:
        """A new snapshot to show as soon as a frame is due."""
        self.latest = snap
        self.dirty = True

    def redraw(self) -> bool:
        """Show the newest snapshot again (a tab or dock became visible); False without one."""
        if self.latest is None:
            return False
        self.dirty = True
        return True

    def next_frame(self, now: float) -> Snapshot | None:
        """The snapshot to draw now, or None (nothing new, or too soon after the last frame
        while training: it stays due and the next tick shows the newest one)."""
        snap = self.latest
        if not self.dirty or snap is None:
            return None
        if snap.state == RunState.RUNNING and now - self._frame_time < MIN_FRAME_S:
            return None
        self._frame_time = now
        self.dirty = False
        return snap

    def text_due(self, snap: Snapshot, now: float) -> bool:
        """Whether the progress bar and speed text should follow this frame."""
        if snap.state != RunState.RUNNING or now - self._text_time >= TEXT_INTERVAL:
            self._text_time = now
            return True
        return False

    def pad_due(self, snap: Snapshot, now: float) -> bool:
        """Whether the pad should re-classify with this frame's weights (twice a second
        while training is plenty)."""
        if snap.step != self._pad_step and (
                now - self._pad_time >= PAD_INTERVAL or snap.state != RunState.RUNNING):
            self._pad_step, self._pad_time = snap.step, now
            return True
        return False

# the derivation tab follows the live snapshot at most this often while training (>= 2/s
# asked; a derivation re-runs the probe and rewrites a page of rich text)
DERIVATION_INTERVAL = 0.3
