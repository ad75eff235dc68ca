"""lenet-train's progress output: a self-rewriting bar with speed, ETA and loss on a
terminal (a plain line every 15 s otherwise), and the download percentage."""

from __future__ import annotations

import math
import sys
import time
from typing import TextIO

import numpy as np

from ..training import Trainer


def fmt_time(seconds: float | None) -> str:
    """mm:ss, or h:mm:ss from an hour on; --:-- when unknown."""
    if seconds is None or not math.isfinite(seconds):
        return "--:--"
    seconds = int(seconds)
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class ProgressBar:
    """One self-rewriting line on a terminal; occasional plain lines otherwise."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.tty = stream.isatty()
        self._last = 0.0

    def update(self, trainer: Trainer) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < (0.2 if self.tty else 15.0):
            return
        self._last = now
        frac = trainer.batch_in_epoch / trainer.batches_per_epoch
        width = 24
        filled = int(frac * width)
        loss = trainer.history.batch_loss[-20:]
        line = (f"epoch {trainer.epoch + 1}/{trainer.config.epochs} "
                f"[{'#' * filled}{'.' * (width - filled)}] {frac * 100:5.1f}%  "
                f"{trainer.images_per_s:,.0f} img/s  ETA {fmt_time(trainer.eta_seconds())}  "
                f"loss {float(np.mean(loss)) if len(loss) else float('nan'):.4f}")
        if self.tty:
            self.stream.write("\r" + line + "\x1b[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


class DownloadProgress:
    """The `progress` callback of a download: a percentage on stderr, twice a second."""

    def __init__(self) -> None:
        self.last = 0.0  # 0: nothing shown yet

    def __call__(self, done: int, total: int | None, filename: str) -> None:
        now = time.monotonic()
        if now - self.last > 0.5 or (total and done >= total):
            self.last = now
            pct = f"{done / total * 100:5.1f}%" if total else f"{done / 1e6:.1f} MB"
            sys.stderr.write(f"\rdownloading {filename}: {pct}\x1b[K")
            sys.stderr.flush()

    def finish(self) -> None:
        """End the percentage's line, if one was shown."""
        if self.last:
            sys.stderr.write("\n")
