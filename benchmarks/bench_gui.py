"""GUI speed: training throughput with the window shown vs headless, and event-loop latency.

    python benchmarks/bench_gui.py [--seconds 8] [--data DIR] [--preset lenet5]

1. headless: `Trainer.train_batch` in a loop for N seconds (batch 64, same data, same order);
2. the MainWindow shown (offscreen unless a display is set) training in its worker thread
   with every view updating, for N seconds; a QTimer every 10 ms records how late it fires
   (the GUI thread's event-loop latency);
3. headless again (the machine's load drifts; the two headless runs are averaged).

Targets: ratio >= 0.90, latency p95 <= 50 ms, >= 10 view updates per second. The last line
printed is `headless_images_per_s=... gui_images_per_s=... ratio=... latency_p95_ms=...
updates_per_s=...`.
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
os.environ.setdefault("LENET_GUI_NO_DIALOGS", "1")

import numpy as np  # noqa: E402

from engine import (  # noqa: E402
    LenetError,
    TrainConfig,
    Trainer,
    build_network,
    builtin_dataset,
    load_dataset,
)

SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"


def dataset(data_dir: str | None):
    for candidate in (data_dir, str(SHARED_MNIST) if SHARED_MNIST.is_dir() else None):
        if candidate:
            try:
                return load_dataset("mnist", candidate)
            except LenetError as exc:
                print(f"note: {exc}", file=sys.stderr)
    try:
        return load_dataset("mnist")
    except LenetError:
        return builtin_dataset()


def headless(ds, preset: str, batch: int, seconds: float) -> float:
    net = build_network(preset, dtype=np.float32, seed=0)
    trainer = Trainer(net, ds, TrainConfig(batch_size=batch))
    for _ in range(5):  # warm-up: buffers, BLAS threads
        trainer.train_batch()
    start_step, t0 = trainer.step_count, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        trainer.train_batch()
    return (trainer.step_count - start_step) * trainer.batch_size / (time.perf_counter() - t0)


def with_window(ds, preset: str, batch: int, seconds: float) -> dict[str, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from lenet_gui.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow(dataset=ds)
    window.controls.preset.setCurrentIndex(window.controls.preset.findData(preset))
    window.controls.batch_size.setValue(batch)
    window.controls.epochs.setValue(20)
    window.reset()
    window.resize(1600, 1000)
    window.show()
    lateness: list[float] = []
    marks: dict[str, float] = {}
    tick = QTimer()
    tick.setInterval(10)
    last = [time.perf_counter()]

    def on_tick() -> None:
        now = time.perf_counter()
        if "t0" in marks:
            lateness.append(max(0.0, now - last[0] - 0.010))
        last[0] = now

    tick.timeout.connect(on_tick)

    def begin() -> None:
        marks["t0"] = time.perf_counter()
        marks["cpu0"] = time.thread_time()
        marks["step0"] = window.trainer.step_count
        marks["frames0"] = window.network_view.frames

    def end() -> None:
        marks["t1"] = time.perf_counter()
        marks["cpu1"] = time.thread_time()
        marks["step1"] = window.trainer.step_count
        marks["frames1"] = window.network_view.frames
        window.close()
        app.quit()

    window.start()
    tick.start()
    QTimer.singleShot(1500, begin)  # warm-up: first snapshots, layout
    QTimer.singleShot(int(1500 + 1000 * seconds), end)
    app.exec()
    tick.stop()
    elapsed = marks["t1"] - marks["t0"]
    lat = np.array(lateness) * 1000 if lateness else np.zeros(1)
    return {
        "images_per_s": (marks["step1"] - marks["step0"]) * batch / elapsed,
        "updates_per_s": (marks["frames1"] - marks["frames0"]) / elapsed,
        "latency_p95_ms": float(np.percentile(lat, 95)),
        "latency_max_ms": float(lat.max()),
        "gui_cpu_percent": 100 * (marks["cpu1"] - marks["cpu0"]) / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--data", help="folder with the MNIST files")
    parser.add_argument("--preset", default="lenet5")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    ds = dataset(args.data)
    print(f"{platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, Qt platform {os.environ.get('QT_QPA_PLATFORM', 'default')}")
    print(f"data: {ds.source}; preset {args.preset}, batch {args.batch_size}, "
          f"{args.seconds:g} s per run")
    h1 = headless(ds, args.preset, args.batch_size, args.seconds)
    print(f"headless:      {h1:8.0f} images/s")
    gui = with_window(ds, args.preset, args.batch_size, args.seconds)
    print(f"window shown:  {gui['images_per_s']:8.0f} images/s, "
          f"{gui['updates_per_s']:.1f} view updates/s, event-loop latency p95 "
          f"{gui['latency_p95_ms']:.1f} ms (max {gui['latency_max_ms']:.1f} ms); GUI thread "
          f"busy {gui['gui_cpu_percent']:.0f}% of one core")
    h2 = headless(ds, args.preset, args.batch_size, args.seconds)
    print(f"headless:      {h2:8.0f} images/s")
    base = (h1 + h2) / 2
    ratio = gui["images_per_s"] / base
    print(f"ratio (window / headless mean): {ratio:.2f}   (target >= 0.90)")
    print(f"headless_images_per_s={base:.0f} gui_images_per_s={gui['images_per_s']:.0f} "
          f"ratio={ratio:.3f} latency_p95_ms={gui['latency_p95_ms']:.1f} "
          f"updates_per_s={gui['updates_per_s']:.1f}")


if __name__ == "__main__":
    main()
