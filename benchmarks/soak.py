"""Soak: train several epochs with the main window shown and every view updating; memory must
not creep and nothing may warn.

    python benchmarks/soak.py [--epochs 3] [--data DIR] [--n-train 20000] [--tab-seconds 1]

The window (offscreen unless a display is set) trains in its worker thread; every
`--tab-seconds` the next tab of the central area is shown (the network view and every insight
view, so each one renders), the probe image changes and the drawing pad gets new weights.
Resident memory (VmRSS from /proc/self/status) is read when epoch 1 ends and when the last
epoch ends. Python warnings (warnings.showwarning), Qt messages (qInstallMessageHandler) and
uncaught exceptions in slots or threads are counted.

Targets: rss after the last epoch minus rss after epoch 1 < 50 MB; 0 warnings, 0 Qt
messages, 0 errors. The offscreen platform's "does not support propagateSizeHints()" note is
counted apart (it is about the platform plugin, not the app). The last line printed is
`soak rss_epoch1_mb=... rss_epoch3_mb=... diff_mb=... warnings=... qt_messages=...
errors=...`; the exit status is 0 when every target is met.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LENET_GUI_SETTINGS_DIR", tempfile.mkdtemp(prefix="lenet-gui-soak-"))
os.environ.setdefault("LENET_GUI_NO_DIALOGS", "1")

SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"
PLATFORM_NOISE = ("propagateSizeHints",)


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MB (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Problems:
    """Every warning, Qt message and uncaught exception while the soak runs."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.qt: list[str] = []
        self.noise: list[str] = []
        self.errors: list[str] = []
        self._lock = threading.Lock()

    def install(self) -> None:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        warnings.simplefilter("always")

        def on_warning(message, category, filename, lineno, file=None, line=None):
            with self._lock:
                self.warnings.append(f"{category.__name__}: {message} ({filename}:{lineno})")

        warnings.showwarning = on_warning

        def on_qt(mode, context, message):
            if mode == QtMsgType.QtDebugMsg or mode == QtMsgType.QtInfoMsg:
                return
            with self._lock:
                if any(n in message for n in PLATFORM_NOISE):
                    self.noise.append(message)
                else:
                    self.qt.append(f"{mode.name}: {message}")

        self._qt_handler = on_qt  # keep a reference
        qInstallMessageHandler(on_qt)

        def on_exception(kind, value, tb):
            with self._lock:
                self.errors.append(f"{kind.__name__}: {value}")
            sys.__excepthook__(kind, value, tb)

        sys.excepthook = on_exception

        def on_thread_exception(args):
            with self._lock:
                self.errors.append(f"thread {args.thread.name if args.thread else '?'}: "
                                   f"{args.exc_type.__name__}: {args.exc_value}")

        threading.excepthook = on_thread_exception


def dataset(data_dir: str | None, n_train: int):
    from engine import LenetError, builtin_dataset, load_dataset

    if data_dir:
        try:
            return load_dataset("mnist", data_dir)
        except LenetError as exc:
            sys.exit(f"soak: {exc}")
    return builtin_dataset(n_train=n_train, n_test=max(1000, n_train // 5))


def add_insight_views(window) -> int:
    """Host the insight views as tabs unless the window already does; -> number of tabs."""
    if window.tabs.count() > 1:
        return window.tabs.count()
    try:
        from lenet_gui.insights import InsightContext, create_insight_views
    except ImportError:
        return window.tabs.count()

    def request_evaluation() -> None:
        if window.trainer is not None:
            window.trainer.request_evaluation()

    ctx = InsightContext(window.dataset, window.net.config, window.set_probe_index,
                         request_evaluation)
    for view in create_insight_views(ctx):
        window.add_view(view, view.title)
    return window.tabs.count()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--data", help="folder with the four MNIST files (default: built-in "
                        "generated digits)")
    parser.add_argument("--n-train", type=int, default=20000,
                        help="built-in training images (default 20000)")
    parser.add_argument("--preset", default="lenet5")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--tab-seconds", type=float, default=1.0)
    parser.add_argument("--limit-mb", type=float, default=50.0)
    args = parser.parse_args()
    if args.epochs < 2:
        parser.error("--epochs must be at least 2 (memory is compared between epochs)")

    problems = Problems()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from engine import RunState

    app = QApplication.instance() or QApplication([sys.argv[0]])
    problems.install()
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, foreground="#202020")
    from lenet_gui.window import MainWindow

    t_data = time.perf_counter()
    ds = dataset(args.data, args.n_train)
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"Qt platform {os.environ.get('QT_QPA_PLATFORM') or 'default'}")
    print(f"data: {ds.source}, {len(ds.train_labels):,} training / {len(ds.test_labels):,} "
          f"test images ({time.perf_counter() - t_data:.1f} s); preset {args.preset}, "
          f"batch {args.batch_size}, {args.epochs} epochs", flush=True)

    window = MainWindow(dataset=ds)
    window.controls.preset.setCurrentIndex(window.controls.preset.findData(args.preset))
    window.reset()
    window.controls.batch_size.setValue(args.batch_size)
    window.controls.epochs.setValue(args.epochs)
    window.resize(1600, 1000)
    window.show()
    tabs = add_insight_views(window)
    print(f"views: {tabs} tabs ({', '.join(window.tabs.tabText(i) for i in range(tabs))}), "
          "curves, controls, drawing pad", flush=True)

    state = {"epoch": 0, "rss": {}, "t0": time.perf_counter(), "tab": 0, "shown": set(),
             "done_at": None}

    def next_tab() -> None:
        state["tab"] = (state["tab"] + 1) % window.tabs.count()
        window.tabs.setCurrentIndex(state["tab"])
        state["shown"].add(state["tab"])
        window.random_probe()

    def poll() -> None:
        tr = window.trainer
        if tr is None:
            return
        h = tr.history
        ended = len(h.epoch_test_acc)  # an epoch counts once its test evaluation is in
        if ended > state["epoch"]:
            state["epoch"] = ended
            gc.collect()
            # the app is the window's process plus its training process
            proc = getattr(window, "_process", None)
            child = proc.pid if proc is not None and proc.pid else None
            child_mb = rss_mb(child) if child else 0.0
            state["rss"][ended] = rss_mb() + child_mb
            print(f"epoch {ended}/{args.epochs}: rss {state['rss'][ended]:.1f} MB "
                  f"(window {state['rss'][ended] - child_mb:.1f} + training process "
                  f"{child_mb:.1f}), "
                  f"test accuracy {h.epoch_test_acc[-1]:.2%}, "
                  f"{time.perf_counter() - state['t0']:.0f} s, "
                  f"{window.network_view.frames} network-view frames", flush=True)
        if window.worker is None and tr.state == RunState.FINISHED and state["done_at"] is None:
            state["done_at"] = time.perf_counter()
            QTimer.singleShot(1000, finish)  # let the last snapshots render

    def finish() -> None:
        window.close()
        app.quit()

    tab_timer = QTimer()
    tab_timer.timeout.connect(next_tab)
    tab_timer.start(int(args.tab_seconds * 1000))
    poll_timer = QTimer()
    poll_timer.timeout.connect(poll)
    poll_timer.start(100)
    window.start()
    app.exec()
    tab_timer.stop()
    poll_timer.stop()

    r1, rn = state["rss"].get(1, float("nan")), state["rss"].get(args.epochs, float("nan"))
    diff = rn - r1
    print(f"tabs shown: {len(state['shown'])} of {window.tabs.count()}; peak rss "
          f"{peak_mb():.1f} MB; {time.perf_counter() - state['t0']:.0f} s")
    for label, items in (("warning", problems.warnings), ("Qt message", problems.qt),
                         ("error", problems.errors)):
        for item in items[:20]:
            print(f"{label}: {item}")
    if problems.noise:
        print(f"(offscreen platform notes, not counted: {len(problems.noise)})")
    ok = (diff < args.limit_mb and not problems.warnings and not problems.qt
          and not problems.errors and args.epochs in state["rss"])
    print(f"soak rss_epoch1_mb={r1:.1f} rss_epoch{args.epochs}_mb={rn:.1f} diff_mb={diff:.1f} "
          f"warnings={len(problems.warnings)} qt_messages={len(problems.qt)} "
          f"errors={len(problems.errors)} {'OK' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
