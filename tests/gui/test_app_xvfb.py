"""The real app (`python main.py --dataset builtin`) on a private Xvfb display: the window is
there and not blank. With CI set, a missing Xvfb is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def _need(tool: str) -> str | None:
    path = shutil.which(tool)
    if path is None:
        if IN_CI:
            pytest.fail(f"{tool} is not installed (CI must install it: see .ci/run)")
        pytest.skip(f"{tool} is not installed")
    return path


def _free_display() -> int:
    for n in range(120, 400):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


def _read_xwd(data: bytes) -> np.ndarray:
    """A 24/32-bit ZPixmap XWD dump -> (H, W) uint32 pixels."""
    header_size, = struct.unpack(">I", data[:4])
    fields = struct.unpack(">25I", data[:100])
    width, height, bpp, bytes_per_line, ncolors = (fields[4], fields[5], fields[11],
                                                   fields[12], fields[19])
    if bpp != 32:
        raise ValueError(f"xwd with {bpp} bits per pixel")
    start = header_size + ncolors * 12
    rows = np.frombuffer(data, dtype=np.uint8, count=height * bytes_per_line, offset=start)
    return rows.reshape(height, bytes_per_line)[:, : width * 4].copy().view(np.uint32)


def _grab(display: str, out: Path) -> np.ndarray | None:
    """The root window's pixels, (H, W) uint32, or None if the grab failed."""
    env = {**os.environ, "DISPLAY": display}
    if shutil.which("import"):
        png = out.with_suffix(".png")
        r = subprocess.run(["import", "-window", "root", str(png)], env=env,
                           capture_output=True, timeout=30)
        if r.returncode != 0 or not png.exists():
            return None
        from PySide6.QtGui import QImage

        img = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32)
        if img.isNull():
            return None
        ptr = img.constBits()
        arr = np.frombuffer(ptr, dtype=np.uint32, count=img.height() * img.bytesPerLine() // 4)
        return arr.reshape(img.height(), -1)[:, : img.width()].copy()
    r = subprocess.run(["xwd", "-root", "-silent"], env=env, capture_output=True, timeout=30)
    if r.returncode != 0:
        return None
    out.with_suffix(".xwd").write_bytes(r.stdout)
    return _read_xwd(r.stdout)


@pytest.mark.slow
def test_real_app_window_on_xvfb(tmp_path):
    xvfb = _need("Xvfb")
    if not (shutil.which("import") or shutil.which("xwd")):
        _need("import")
    n = _free_display()
    display = f":{n}"
    server_log = tmp_path / "xvfb.log"
    with open(server_log, "wb") as err:
        server = subprocess.Popen([xvfb, display, "-screen", "0", "1600x1000x24",
                                   "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=err)
    app = None
    try:
        deadline = time.monotonic() + 15
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Xvfb did not start: {server_log.read_text()[-500:]}")
            time.sleep(0.05)
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",
                                                                 "WAYLAND_DISPLAY")}
        env.update({
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "LENET_GUI_SETTINGS_DIR": str(tmp_path / "settings"),
            "LENET_GUI_CACHE": str(tmp_path / "cache"),
            "LENET_GUI_NO_DIALOGS": "1",
        })
        with open(tmp_path / "app.log", "wb") as log:
            app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--dataset",
                                    "builtin"], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
        pixels = None
        colours = 0
        deadline = time.monotonic() + 90  # a guard against a hang (a busy machine is slow)
        while time.monotonic() < deadline:
            time.sleep(0.5)
            if app.poll() is not None:
                break
            pixels = _grab(display, tmp_path / "shot")
            if pixels is not None:
                colours = len(np.unique(pixels & 0xFFFFFF))
                if colours > 200:
                    break
        (tmp_path / "shot.png").exists() and os.environ.get("LENET_GUI_KEEP_SHOT") and \
            shutil.copy(tmp_path / "shot.png", os.environ["LENET_GUI_KEEP_SHOT"])
        output = (tmp_path / "app.log").read_text(errors="replace")
        assert app.poll() is None, f"the app exited (code {app.returncode}):\n{output[-2000:]}"
        assert pixels is not None, "could not grab the screen"
        assert colours > 200, f"the screen looks blank ({colours} colours)\n{output[-2000:]}"
        assert np.ptp(pixels & 0xFFFFFF) > 0
        # the window covers a good part of the screen (the root window is black)
        assert np.count_nonzero(pixels & 0xFFFFFF) > 0.3 * pixels.size
    finally:
        if app is not None and app.poll() is None:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait(5)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)
