"""The timeline and compare pictures in docs/.

    python scripts/screenshot_timeline.py timeline [--steps 600] [--at 20]
        [--out docs/screenshot-timeline.png]
    python scripts/screenshot_timeline.py compare [--steps 400] [--change activation=sigmoid]
        [--out docs/screenshot-compare.png]

`timeline` trains the default preset here for `--steps` batches (recording the timeline),
then scrubs back to the recorded step nearest `--at`. `compare` sets ReLU for run A and
starts "Compare with…" for `--change`; both runs train in their own processes until each
has done `--steps` batches, then both stop and the window (run A, B's curves overlaid) is
grabbed. Offscreen, with temporary settings; MNIST from the shared copy when there is one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import ROOT, _dataset  # noqa: E402 - sets the offscreen environment


def _settle(app, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def timeline_picture(window, app, steps: int, at: int) -> None:
    for _ in range(steps):  # no worker thread: train here, deterministically
        window.trainer.train_batch()
    window.trainer.evaluate()
    window.set_probe_index(3)
    window.render_now()
    window.timeline.poll()
    _settle(app)
    window.timeline.bar.scrub_to(at)
    _settle(app)


def compare_picture(window, app, steps: int, change_text: str) -> None:
    from engine import parse_change

    combo = window.controls.options["activation"]
    combo.setCurrentIndex(combo.findData("relu"))
    window.set_probe_index(3)
    window.compare.start(parse_change(change_text))
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        b = window.compare.trainer_b()
        if window.trainer.step_count >= steps and (b is None or b.step_count >= steps
                                                   or b.ended):
            break
        _settle(app, 5)
    window.compare.bar.apply_to.setCurrentIndex(window.compare.bar.apply_to.findData("both"))
    window.stop()
    window.render_now()
    _settle(app, 20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("timeline", "compare"))
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--at", type=int, default=20, help="timeline: the step shown")
    parser.add_argument("--change", default="activation=sigmoid", help="compare: run B's")
    parser.add_argument("--data", help="folder with the MNIST files")
    parser.add_argument("--size", default="1600x1000", help="window size WxH")
    parser.add_argument("--out")
    args = parser.parse_args(argv)

    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from lenet_gui.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    pg.setConfigOptions(antialias=True, foreground="#202020")
    window = MainWindow(dataset=_dataset(args.data))
    w, h = (int(v) for v in args.size.lower().split("x"))
    window.arrange_docks(wide=w >= 1500)
    window.resize(w, h)
    window.show()
    _settle(app)
    if args.what == "timeline":
        timeline_picture(window, app, args.steps or 600, args.at)
    else:
        compare_picture(window, app, args.steps or 400, args.change)
    out = Path(args.out or ROOT / "docs" / f"screenshot-{args.what}.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"wrote {out} ({w}x{h})")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
