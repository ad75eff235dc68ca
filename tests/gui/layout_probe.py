"""Run by test_layout_xvfb.py on an Xvfb display of some size: open the real main window as a
first run does (fresh settings), let it lay itself out, grab the screen with ImageMagick's
`import`, and write the panels' geometries, as the app itself reports them, to a JSON file.

    python tests/gui/layout_probe.py OUT.json SHOT.png [LANGUAGE]

LANGUAGE (say zh_CN) is installed as the app installs it: Chinese text is taller.
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


def _scrolls(dock: Any) -> dict[str, int]:
    """How far a dock's scroll area scrolls (0: it shows all of its widget)."""
    scroll = dock.widget()
    return {"vertical": scroll.verticalScrollBar().maximum(),
            "horizontal": scroll.horizontalScrollBar().maximum(),
            "viewport_h": scroll.viewport().height(),
            "needs_h": scroll.widget().minimumSizeHint().height()}


def _network_content(view: Any) -> dict[str, Any]:
    """The network view's drawing area and what its grid of items takes: more than the area
    pushes the last row (the sensitivities' scales) out of sight."""
    grid = view.graphics.ci.geometry()
    rows = [(c.scale_label.mapRectToScene(c.scale_label.boundingRect()).bottom())
            for c in view.cells.values() if c.scale_label is not None]
    return {"area": [view.graphics.width(), view.graphics.height()],
            "grid_h": grid.height(), "lowest_label": max(rows, default=0.0),
            "row_h": view.plan.row_h if view.plan is not None else 0.0}


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
        "curves_scroll": _scrolls(window.curves_dock),
        "plots": [window.curves.loss_plot.getPlotItem().vb.height(),
                  window.curves.acc_plot.getPlotItem().vb.height()],
        "network_content": _network_content(window.network_view),
    }


def _colours(shot: str) -> int:
    from PySide6.QtGui import QImage

    img = QImage(shot)
    if img.isNull():
        return 0
    small = img.scaled(200, 120)  # enough to tell a painted window from a blank screen
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})


def main(out: str, shot: str, language: str = "") -> int:
    import pyqtgraph as pg
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from engine import builtin_dataset
    from lenet_gui.window import MainWindow

    app = QApplication([sys.argv[0]])
    if language:
        from lenet_gui.i18n import install_language

        note = install_language(language)
        if note:  # not the language asked for: say so rather than lay out English
            raise SystemExit(f"{language} not installed: {note}")
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
    sys.exit(main(*sys.argv[1:4]))
