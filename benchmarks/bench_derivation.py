"""Derivation tab speed: how long selecting a unit takes to show its derivation, and how
often the tab follows the live snapshot while training.

    python benchmarks/bench_derivation.py [--seconds 6] [--preset lenet5-1998] [--data DIR]

1. The window shown (offscreen unless a display is set), trained a few batches here, the
   Derivation tab in front: every layer's units selected in turn (the network view's
   `unitClicked`, as a click sends it; the click's enlarged-map dialog is not counted), each
   timed until its derivation is on screen (it is written synchronously);
2. training in the worker for N seconds with the tab in front: derivations written per
   second.

Targets: select_ms_p95 <= 100, updates_per_s >= 2. The last line printed is
`select_ms_p50=... select_ms_p95=... select_ms_max=... updates_per_s=...`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LENET_GUI_SETTINGS_DIR", tempfile.mkdtemp(prefix="lenet-gui-bench-"))
os.environ.setdefault("LENET_GUI_NO_DIALOGS", "1")

import numpy as np  # noqa: E402

from engine import LenetError, RunState, builtin_dataset, load_dataset  # noqa: E402

SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"


def dataset(data_dir: str | None):
    for candidate in (data_dir, str(SHARED_MNIST) if SHARED_MNIST.is_dir() else None):
        if candidate:
            try:
                return load_dataset("mnist", candidate)
            except LenetError as exc:
                print(f"note: {exc}", file=sys.stderr)
    return builtin_dataset(n_train=4000, n_test=1000)


def units(window, per_layer: int):
    rng = np.random.default_rng(0)
    for spec in window.net.layers:
        n = spec.out_shape[0]
        for _ in range(per_layer):
            if spec.is_map:
                h, w = spec.out_shape[1:]
                yield spec.name, int(rng.integers(n)), int(rng.integers(h)), int(rng.integers(w))
            else:
                yield spec.name, int(rng.integers(n)), 0, 0


def selection_times(app, window, per_layer: int) -> tuple[dict[str, list[float]], list[float]]:
    """Per layer: ms from the selection signal to the derivation on screen (the window's
    whole response: markers, Unit details, the derivation); and the derivation's own ms."""
    view = window.show_view("Derivation")
    window.render_now()
    app.processEvents()
    times: dict[str, list[float]] = {}
    own = []
    for layer, index, r, c in units(window, per_layer):
        start = time.perf_counter()
        window.network_view.unitClicked.emit(layer, index, r, c)  # a click, without MapDialog
        elapsed = (time.perf_counter() - start) * 1000
        assert view.derivation is not None and view.derivation.layer == layer
        times.setdefault(layer, []).append(elapsed)
        own.append(view.last_render_ms)
        app.processEvents()
    return times, own


def live_updates(app, window, seconds: float) -> float:
    view = window.show_view("Derivation")
    window.network_view.click_unit("C3", 3, 4, 4)
    for dlg in list(window.network_view.dialogs):
        dlg.close()
    window.start()
    deadline = time.monotonic() + 30
    while (window.latest is None or window.latest.state != RunState.RUNNING) \
            and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    shows = view.shows
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        app.processEvents()
        time.sleep(0.005)
    rate = (view.shows - shows) / (time.monotonic() - start)
    window.stop()
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--preset", default="lenet5-1998")
    parser.add_argument("--data", help="folder with the MNIST files")
    parser.add_argument("--per-layer", type=int, default=5, help="units clicked per layer")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from lenet_gui.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow(dataset=dataset(args.data), preset=args.preset)
    window.resize(1600, 1000)
    window.show()
    for _ in range(20):
        window.trainer.train_batch()
    times, own = selection_times(app, window, args.per_layer)
    for layer, ts in times.items():
        print(f"layer={layer} select_ms_max={max(ts):.1f}")
    print(f"derivation_only_ms_p50={sorted(own)[len(own) // 2]:.1f} "
          f"derivation_only_ms_max={max(own):.1f}")
    flat = sorted(t for ts in times.values() for t in ts)
    rate = live_updates(app, window, args.seconds)
    window.close()
    p50, p95 = flat[len(flat) // 2], flat[min(len(flat) - 1, int(0.95 * len(flat)))]
    print(f"select_ms_p50={p50:.1f} select_ms_p95={p95:.1f} select_ms_max={flat[-1]:.1f} "
          f"updates_per_s={rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
