"""Timeline and compare in the window: scrub latency per tab, and memory over a compare soak.

    python benchmarks/bench_timeline_gui.py [--steps 300] [--scrubs 40] [--epochs 3]
        [--n-train 6000] [--rss-every 3] [--tab-seconds 1] [--budget-mb MB] [--skip-soak]

1. scrub: the window trains `--steps` batches in-process (recording the timeline), then for
   every tab `--scrubs` times: scrub to a random recorded step and paint the tab (the time
   from the slider's step to the painted tab: a network rebuilt from the timeline, the
   probe's forward and backward pass, the tab's update and paint). Target: p95 <= 150 ms.
2. soak: "Compare with… activation=sigmoid" on the built-in digits (`--n-train` images) for
   `--epochs` epochs, each run in its own process, every tab shown in turn, the slider
   moved now and then; resident memory (the window's process plus both training processes,
   VmRSS) every `--rss-every` seconds. The timelines grow by design (within their budget),
   so the slope is reported with and without the bytes they hold (a small `--budget-mb`
   makes them reach their budget early, after which the total itself must stay flat).

Lines printed are key=value; the last ones are `scrub_<tab>_median_ms=... p95_ms=...` and
`soak rss_slope_mb_per_min=... rss_minus_timelines_slope_mb_per_min=...`.
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

from engine import builtin_dataset, parse_change  # noqa: E402


def rss_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _paint(app, widget) -> None:
    widget.repaint()
    app.processEvents()


def scrub_bench(app, window, steps: int, scrubs: int) -> dict[str, tuple[float, float]]:
    for _ in range(steps):
        window.trainer.train_batch()
    window.trainer.evaluate()
    window.render_now()
    window.timeline.poll()
    recorded = window.timeline.current().steps
    rng = np.random.default_rng(0)
    out = {}
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        tab = window.tabs.widget(i)
        app.processEvents()
        times, cpu = [], []
        for _ in range(scrubs):
            step = int(rng.choice(recorded))
            c0, t0 = time.process_time(), time.perf_counter()
            window.timeline.scrub(step)
            window.timeline.flush()
            _paint(app, tab)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        name = "".join(c if c.isalnum() else "_" for c in window.tabs.tabText(i).lower())
        ms = 1000 * np.array(times)
        out[name] = (float(np.median(ms)), float(np.percentile(ms, 95)))
        print(f"scrub_{name}_median_ms={out[name][0]:.1f} p95_ms={out[name][1]:.1f} "
              f"cpu_median_ms={1000 * np.median(cpu):.1f} n={scrubs}")
    window.timeline.go_live()
    return out


def _child_rss(window) -> float:
    total = 0.0
    for session in (window.training.session, window.compare.session_b):
        proc = None if session is None else session.process
        pid = None if proc is None else proc.pid
        if pid:
            total += rss_mb(pid)
    return total


def _timeline_mb(window) -> float:
    total = 0
    for trainer in (window.trainer, window.compare.trainer_b()):
        timeline = None if trainer is None else trainer.timeline
        total += 0 if timeline is None else timeline.nbytes
    return total / 2**20


def soak(app, window, epochs: int, rss_every: float, tab_seconds: float) -> None:
    window.controls.epochs.setValue(epochs)
    window.compare.start(parse_change("activation=sigmoid"))
    t0 = time.monotonic()
    samples: list[tuple[float, float, float]] = []
    next_rss, next_tab, tab = t0, t0, 0
    while True:
        app.processEvents()
        time.sleep(0.01)
        now = time.monotonic()
        b = window.compare.trainer_b()
        if not window.training.worker_alive() and (b is None or b.ended
                                                   or window.compare.worker_b is None):
            break
        if now >= next_tab:
            next_tab = now + tab_seconds
            tab = (tab + 1) % window.tabs.count()
            window.tabs.setCurrentIndex(tab)
            if tab == 0:  # once a round: scrub back, then live again
                steps = window.timeline.bar.steps
                if steps:
                    window.timeline.bar.scrub_to(steps[len(steps) // 2])
                    window.timeline.go_live()
                window.compare.set_showing("B" if window.compare.showing == "A" else "A")
        if now >= next_rss:
            next_rss = now + rss_every
            total = rss_mb() + _child_rss(window)
            samples.append((now - t0, total, total - _timeline_mb(window)))
            print(f"t={now - t0:.0f}s rss_mb={total:.1f} timelines_mb={_timeline_mb(window):.1f}")
    t, rss, rest = (np.array(c) for c in zip(*samples, strict=True))
    half = len(t) // 2  # after the warm-up (imports, first frames, first evaluations)
    slope = 60 * np.polyfit(t[half:], rss[half:], 1)[0] if len(t) - half >= 2 else float("nan")
    rest_slope = 60 * np.polyfit(t[half:], rest[half:], 1)[0] if len(t) - half >= 2 \
        else float("nan")
    print(f"soak seconds={t[-1]:.0f} samples={len(t)} rss_first_mb={rss[0]:.1f} "
          f"rss_last_mb={rss[-1]:.1f} rss_slope_mb_per_min={slope:.2f} "
          f"rss_minus_timelines_slope_mb_per_min={rest_slope:.2f} "
          f"steps_a={window.trainer.step_count} steps_b={window.compare.pair.b.step_count}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--scrubs", type=int, default=40)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--n-train", type=int, default=6000)
    parser.add_argument("--rss-every", type=float, default=3.0)
    parser.add_argument("--tab-seconds", type=float, default=1.0)
    parser.add_argument("--budget-mb", type=int, default=None,
                        help="soak: each run's timeline budget (default: the setting)")
    parser.add_argument("--skip-soak", action="store_true")
    args = parser.parse_args(argv)

    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from lenet_gui.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    pg.setConfigOptions(antialias=True)
    print(f"machine={platform.machine()} cpus={os.cpu_count()} "
          f"load={' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    ds = builtin_dataset(n_train=args.n_train, n_test=1000)
    window = MainWindow(dataset=ds)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    scrub_bench(app, window, args.steps, args.scrubs)
    if args.budget_mb is not None:
        window.timeline.bar.budget.setValue(args.budget_mb)
    if not args.skip_soak:
        soak(app, window, args.epochs, args.rss_every, args.tab_seconds)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
