"""Render the main window after some training steps into docs/screenshot.png.

    python scripts/screenshot.py [--steps 600] [--data DIR] [--out docs/screenshot.png]
        [--probe 3] [--draw 7] [--select C3:5:4:6] [--view Kernels] [--evaluate]
        [--preset lenet5-1998] [--hide-curves] [--language zh_CN]

Runs offscreen (no display needed) with temporary settings, trains the default preset for a
few hundred batches on MNIST (the shared copy, `--data`, or the cache; the built-in digits
otherwise) and grabs the window. `--draw` draws a digit (1, 7 or 0) on the pad, `--select`
clicks a unit (layer:map:row:col, or layer:map:max for the map's most active one) so its
receptive field is outlined, `--view` brings an insight tab to the front, `--evaluate`
evaluates the test set first (confusion matrix, mistakes), `--preset` picks the network and
`--hide-curves` gives the tabs the curves' room. The docs pictures:

    python scripts/screenshot.py --draw 7 --select C3:5:4:6
    python scripts/screenshot.py --view Kernels --evaluate --out docs/screenshot-insights.png
    python scripts/screenshot.py --language zh_CN --draw 7 --select C3:5:4:6 \
        --out docs/screenshot-zh.png
    python scripts/screenshot.py --preset lenet5-1998 --select C3:6:4:4 --view Derivation \
        --hide-curves --out docs/screenshot-derivation-c3.png
    python scripts/screenshot.py --select S2:1:max --view Derivation --hide-curves \
        --out docs/screenshot-derivation-maxpool.png
"""

from __future__ import annotations

import argparse
import math
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

# digit shapes in canvas fractions (0..1), drawn with the mouse on the pad
DIGITS = {
    "1": [(0.52, 0.18 + 0.032 * i) for i in range(21)],
    "7": [(0.28 + 0.044 * i, 0.22) for i in range(11)]
    + [(0.72 - 0.026 * i, 0.22 + 0.055 * i) for i in range(1, 12)],
    "0": [(0.5 + 0.2 * math.sin(t * math.pi / 20), 0.5 - 0.3 * math.cos(t * math.pi / 20))
          for t in range(41)],
}


def draw_digit(pad, digit: str) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    r = pad.canvas_rect()
    pts = [QPoint(round(r.x() + u * r.width()), round(r.y() + v * r.height()))
           for u, v in DIGITS[digit]]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[0])
    for p in pts[1:]:
        QTest.mouseMove(pad, p)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[-1])


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
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--data", help="folder with the MNIST files")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--size", default="1600x1000", help="window size WxH")
    parser.add_argument("--probe", type=int, default=3, help="test image shown")
    parser.add_argument("--draw", choices=sorted(DIGITS), help="draw this digit on the pad")
    parser.add_argument("--select", help="click a unit, layer:map:row:col (e.g. C3:5:4:6)")
    parser.add_argument("--view", help="bring this tab to the front (e.g. Kernels)")
    parser.add_argument("--evaluate", action="store_true", help="evaluate the test set")
    parser.add_argument("--language", choices=["en", "zh_CN"], default="en",
                        help="the UI language (zh_CN: Simplified Chinese)")
    parser.add_argument("--preset", help="network preset (default: the window's)")
    parser.add_argument("--hide-curves", action="store_true", help="more room for the tabs")
    args = parser.parse_args(argv)

    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from lenet_gui.i18n import install_language
    from lenet_gui.window import MainWindow
    from lenet_gui.window.dock_layout import is_wide, size_docks

    app = QApplication.instance() or QApplication([sys.argv[0]])
    pg.setConfigOptions(antialias=True, foreground="#202020")
    note = install_language(args.language)
    if note:
        parser.error(note)
    window = MainWindow(dataset=_dataset(args.data), preset=args.preset)
    w, h = (int(v) for v in args.size.lower().split("x"))
    window.resize(w, h)
    window.arrange_docks(wide=is_wide(w))  # as a first run on a screen of this size
    window.curves_dock.setVisible(not args.hide_curves)
    window.show()
    size_docks(window, w, h)
    for _ in range(args.steps):  # no worker thread yet: train here, deterministically
        window.trainer.train_batch()
    if args.evaluate:
        window.trainer.evaluate()
    window.set_probe_index(args.probe)
    window.render_now()
    for _ in range(5):
        app.processEvents()
    if args.draw and window.pad is not None:
        window.pad.select_network("trained")
        draw_digit(window.pad.pad, args.draw)
    if args.select:
        layer, index, *rc = args.select.split(":")
        if rc == ["max"]:  # the map's most active unit (a telling max-pool window)
            tile = window.latest.activations[layer][int(index)]
            rc = [str(int(v)) for v in np.unravel_index(int(np.argmax(tile)), tile.shape)]
        r, c = rc
        window.network_view.click_unit(layer, int(index), int(r), int(c))
        for dlg in list(window.network_view.dialogs):  # a separate window: not in the grab
            dlg.close()
    if args.view and window.show_view(args.view) is None:
        parser.error(f"no tab called {args.view!r}")
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
