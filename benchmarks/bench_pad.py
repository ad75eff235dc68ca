"""Drawing pad latency: a mouse event to the new probabilities, in the event itself.

    python benchmarks/bench_pad.py [--strokes 40]

The pad panel (offscreen unless a display is set) with the bundled pretrained LeNet-5: per
stroke a press, a move once the throttle interval has passed (classified at once) and a
release; each move's and release's event is timed (it classifies before it returns; the
test `test_a_move_is_classified_in_the_mouse_event_itself` checks that much). Target: median
<= 50 ms (measured about 2-3 ms). The last line printed is `pad_median_ms=... pad_p95_ms=...`.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LENET_GUI_SETTINGS_DIR", tempfile.mkdtemp(prefix="lenet-gui-bench-"))

import numpy as np  # noqa: E402

PRETRAINED = ROOT / "resources" / "lenet5_mnist.npz"


def measure(strokes: int) -> list[float]:
    """Seconds per classified mouse event (a move and a release per stroke)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from engine import load_network
    from lenet_gui.pad_panel import PadPanel
    from lenet_gui.render_scheduler import PAD_THROTTLE_S

    app = QApplication.instance() or QApplication([sys.argv[0]])
    panel = PadPanel()
    panel.set_pretrained(load_network(PRETRAINED))
    panel.resize(760, 440)
    panel.show()
    app.processEvents()
    pad = panel.pad
    rect = pad.canvas_rect()

    def at(u: float, v: float) -> QPoint:
        return QPoint(round(rect.x() + u * rect.width()), round(rect.y() + v * rect.height()))

    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    wait_ms = int(PAD_THROTTLE_S * 1000) + 5  # the next move is not throttled
    times = []
    for k in range(strokes):
        end = at(0.4 + 0.2 * (k % 10) / 10, 0.8)
        pad.clear()
        QTest.qWait(wait_ms)
        QTest.mousePress(pad, left, none, at(0.5, 0.2))
        QTest.qWait(wait_ms)
        t0 = time.perf_counter()
        QTest.mouseMove(pad, end)
        t1 = time.perf_counter()
        QTest.mouseRelease(pad, left, none, end)
        times += [t1 - t0, time.perf_counter() - t1]
    panel.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strokes", type=int, default=40)
    args = parser.parse_args()
    print(f"{platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, Qt platform {os.environ.get('QT_QPA_PLATFORM', 'default')}")
    ms = 1000 * np.asarray(measure(args.strokes))
    median, p95 = float(np.median(ms)), float(np.percentile(ms, 95))
    print(f"{len(ms)} events: median {median:.1f} ms, p95 {p95:.1f} ms, max {ms.max():.1f} ms "
          f"(target: median <= 50 ms)")
    print(f"pad_median_ms={median:.2f} pad_p95_ms={p95:.2f}")


if __name__ == "__main__":
    main()
