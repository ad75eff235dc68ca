"""Every rate the GUI updates at, in one place.

The training side (process or thread) sends a snapshot at most every `SNAPSHOT_INTERVAL`
seconds; the window shows the newest one on a timer, and throttles its own frames while
training so that drawing never costs the training process its core.
"""

from __future__ import annotations

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
