"""Run by test_layout_xvfb.py on an Xvfb display of some size: open the real main window as a
first run does (fresh settings), let it lay itself out, grab the screen with ImageMagick's
`import`, and write the panels' geometries, as the app itself reports them, to a JSON file.

    python tests/gui/layout_probe.py OUT.json SHOT.png
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _rect(widget: Any, window: Any) -> list[int]:
    """The widget's rectangle in the window's coordinates: x, y, width, height."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def _report(window: Any) -> dict[str, Any]:
    screen = window.screen().geometry()
    frame = window.frameGeometry()
    panels = {}
    for name, dock in (("controls", window.controls_dock), ("curves", window.curves_dock),
                       ("pad", window.pad_dock)):
        shown = dock.isVisible() and not dock.visibleRegion().isEmpty()
        panels[name] = {"shown": shown, "rect": _rect(dock, window),
                        "floating": dock.isFloating()}
    panels["central"] = {"shown": True, "rect": _rect(window.centralWidget(), window),
                         "floating": False}
    label = window.probe_bar.label
    return {
        "screen": [screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "window": [window.width(), window.height()],
        "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "panels": panels,
        "network_view": [window.network_view.width(), window.network_view.height()],
        "probe_label": {"width": label.width(), "height": label.height(),
                        "needs": label.heightForWidth(label.width())},
        "probe_bar": _rect(window.probe_bar, window),
    }


def _colours(shot: str) -> int:
    from PySide6.QtGui import QImage

    img = QImage(shot)
    if img.isNull():
        return 0
    small = img.scaled(200, 120)  # enough to tell a painted window from a blank screen
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})


def main(out: str, shot: str) -> int:
    import pyqtgraph as pg
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from engine import builtin_dataset
    from lenet_gui.window import MainWindow

    app = QApplication([sys.argv[0]])
    pg.setConfigOptions(antialias=True, foreground="#202020")
    window = MainWindow(dataset=builtin_dataset(n_train=300, n_test=100))
    window.show()

    tries = [0]

    def grab() -> None:
        """Once the view has drawn a frame: the screenshot, again until it is not blank
        (a busy machine may not have painted yet), then the geometries."""
        if window.network_view.frames == 0 and tries[0] < 100:
            tries[0] += 1
            QTimer.singleShot(100, grab)
            return
        subprocess.run(["import", "-window", "root", shot], check=False, timeout=30)
        if _colours(shot) <= 200 and tries[0] < 100:
            tries[0] += 5
            QTimer.singleShot(500, grab)
            return
        Path(out).write_text(json.dumps(_report(window)))
        window.close()
        app.quit()

    QTimer.singleShot(300, grab)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
