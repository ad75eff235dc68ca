"""Render the main window after some training steps into docs/screenshot.png.

    python scripts/screenshot.py [--steps 1100] [--data DIR] [--out docs/screenshot.png]

Runs offscreen (no display needed) with temporary settings, trains the default preset for a
few hundred batches on MNIST (the shared copy, `--data`, or the cache; the built-in digits
otherwise) and grabs the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LENET_GUI_SETTINGS_DIR", tempfile.mkdtemp(prefix="lenet-gui-shot-"))
os.environ.setdefault("LENET_GUI_NO_DIALOGS", "1")

SHARED_MNIST = ROOT.parent / "shared" / "data" / "mnist"


def _dataset(data_dir: str | None):
    from engine import LenetError, builtin_dataset, load_dataset

    for candidate in (data_dir, str(SHARED_MNIST) if SHARED_MNIST.is_dir() else None):
        if candidate:
            try:
                return load_dataset("mnist", candidate)
            except LenetError as exc:
                print(f"note: {exc}", file=sys.stderr)
    try:
        return load_dataset("mnist")
    except LenetError:
        return builtin_dataset(n_train=4000, n_test=1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1100)
    parser.add_argument("--data", help="folder with the MNIST files")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--size", default="1600x1000", help="window size WxH")
    parser.add_argument("--probe", type=int, default=0, help="test image shown")
    args = parser.parse_args(argv)

    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from lenet_gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    pg.setConfigOptions(antialias=True, foreground="#202020")
    window = MainWindow(dataset=_dataset(args.data))
    w, h = (int(v) for v in args.size.lower().split("x"))
    window.arrange_docks(wide=w >= 1500)
    window.resize(w, h)
    window.show()
    for _ in range(args.steps):  # no worker thread yet: train here, deterministically
        window.trainer.train_batch()
    window.set_probe_index(args.probe)
    window._render_now()
    for _ in range(5):
        app.processEvents()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"wrote {out} ({w}x{h}, {args.steps} steps)")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
