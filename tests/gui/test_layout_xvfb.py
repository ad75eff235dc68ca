"""The real window on a first run at six screen sizes (the smallest in Chinese too), each on
its own Xvfb display (tests/gui/layout_probe.py opens it and reports what the app lays out):
it fits the screen, every panel shown has a useful size, no two panels overlap, the curves
get a fifth of the height and show all of themselves (no scrolling in the Curves dock, plots
tall enough to read), the network view's grid fits its area (its last row of labels in
view), the drawing pad is in view from 1366x768 up, the probe bar's text is not cut, and the
screenshot is not blank. With CI set, a missing Xvfb or `import` fails instead of skipping."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from test_app_xvfb import _free_display, _need

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("layout_probe.py")
SIZES = [(1024, 700), (1280, 720), (1366, 768), (1600, 900), (1920, 1080), (2560, 1440)]
# (width, height, language): every size in English, the smallest in Chinese too (its text
# is taller: the curves had less room there)
RUNS = [(w, h, "") for w, h in SIZES] + [(1024, 700, "zh_CN")]
TITLE_BAR = 30  # a window manager's frame: the content must fit in what is left


def _start_server(size: tuple[int, int], n: int) -> subprocess.Popen:
    w, h = size
    server = subprocess.Popen([_need("Xvfb"), f":{n}", "-screen", "0", f"{w}x{h}x24",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"Xvfb did not start at {w}x{h}")
        time.sleep(0.05)
    return server


def _name(run: tuple[int, int, str]) -> str:
    w, h, language = run
    return f"{w}x{h}" + (f"-{language}" if language else "")


def _start_probe(run: tuple[int, int, str], n: int, tmp: Path) -> subprocess.Popen:
    name = _name(run)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",
                                                             "WAYLAND_DISPLAY")}
    env.update({"DISPLAY": f":{n}", "QT_QPA_PLATFORM": "xcb",
                "LENET_GUI_SETTINGS_DIR": str(tmp / f"settings-{name}"),
                "LENET_GUI_NO_DIALOGS": "1",
                "LENET_GUI_TRAINING": "thread"})  # no training process: only the layout
    return subprocess.Popen([sys.executable, str(PROBE), str(tmp / f"layout-{name}.json"),
                             str(tmp / f"shot-{name}.png"), run[2]], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _run_all(tmp: Path) -> dict[tuple[int, int, str], tuple[dict, Path]]:
    """Every run at once (each on its own display): the probes mostly wait."""
    servers: list[subprocess.Popen] = []
    probes: dict[tuple[int, int, str], subprocess.Popen] = {}
    try:
        for run in RUNS:
            n = _free_display()
            servers.append(_start_server(run[:2], n))
            probes[run] = _start_probe(run, n, tmp)
        results = {}
        for run, probe in probes.items():
            _out, err = probe.communicate(timeout=90)
            out = tmp / f"layout-{_name(run)}.json"
            assert probe.returncode == 0 and out.exists(), f"{_name(run)}: {err[-2000:]}"
            results[run] = json.loads(out.read_text()), tmp / f"shot-{_name(run)}.png"
        return results
    finally:
        for probe in probes.values():
            if probe.poll() is None:
                probe.kill()
                probe.wait(5)
        for server in servers:
            server.terminate()
            server.wait(10)


def _overlap(a: list[int], b: list[int]) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h)


def _colours(shot: Path) -> int:
    from PySide6.QtGui import QImage

    img = QImage(str(shot)).convertToFormat(QImage.Format.Format_RGB32)
    assert not img.isNull(), f"no screenshot at {shot}"
    arr = np.frombuffer(img.constBits(), dtype=np.uint32,
                        count=img.height() * img.bytesPerLine() // 4)
    return len(np.unique(arr & 0xFFFFFF))


def _check(run: tuple[int, int, str], report: dict) -> None:
    w, h, _language = run
    where = f"at {_name(run)}: {json.dumps(report)}"
    fx, fy, fw, fh = report["frame"]
    assert fx >= 0 and fy >= 0 and fx + fw <= w and fy + fh <= h, f"off the screen {where}"
    min_w, min_h = report["minimum"]
    # fits this screen (at 1024x700: the smallest), with a title bar
    assert min_w <= w and min_h <= 700 - TITLE_BAR, f"cannot be made small enough {where}"
    panels = {k: p for k, p in report["panels"].items() if p["shown"] and not p["floating"]}
    for name, p in panels.items():
        assert p["rect"][2] >= 200 and p["rect"][3] >= 150, f"{name} collapsed {where}"
    for (a, pa), (b, pb) in combinations(panels.items(), 2):
        assert _overlap(pa["rect"], pb["rect"]) == 0, f"{a} overlaps {b} {where}"
    assert "curves" in panels and panels["curves"]["rect"][3] >= 0.2 * report["window"][1], \
        f"curves too low {where}"
    if w >= 1366:
        assert "pad" in panels, f"the drawing pad is hidden {where}"
    nw, nh = report["network_view"]
    assert nw >= 500 and nh >= 300, f"network view too small {where}"
    label = report["probe_label"]
    assert label["needs"] <= label["height"], f"probe text cut {where}"
    bar = report["probe_bar"]
    central = panels["central"]["rect"]
    assert bar[0] + bar[2] <= central[0] + central[2], f"probe bar cut {where}"
    scroll = report["curves_scroll"]  # the curves and the timeline bar all in view
    assert scroll["vertical"] == 0 and scroll["horizontal"] == 0, \
        f"the Curves dock scrolls {where}"
    assert min(report["plots"]) >= 50, f"the curves' plots are too short to read {where}"
    content = report["network_content"]  # the grid fits: its last row of labels in view
    area_w, area_h = content["area"]
    assert content["grid_h"] <= area_h + 1 and content["lowest_label"] <= area_h + 1, \
        f"the network view's last row is cut {where}"


@pytest.mark.slow
def test_the_first_run_layout_reads_well_on_six_screens(tmp_path):
    _need("import")
    for run, (report, shot) in _run_all(tmp_path).items():
        _check(run, report)
        assert _colours(shot) > 200, f"the screen looks blank at {_name(run)}"
