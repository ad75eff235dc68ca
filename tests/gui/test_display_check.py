"""Nowhere to show the window (no X display, an unknown -platform): one line on stderr and
status 2 before Qt starts, where Qt itself would abort the process (lenet_gui.display_check).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lenet_gui.display_check import bundled_platforms, display_problem, requested_platforms

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    for name in ("libqxcb.so", "libqoffscreen.so", "libqwayland.so", "README.txt"):
        (tmp_path / name).write_bytes(b"")
    return tmp_path


def test_the_platforms_asked_for() -> None:
    assert requested_platforms([], {}) == []
    assert requested_platforms([], {"QT_QPA_PLATFORM": "wayland;xcb"}) == ["wayland", "xcb"]
    assert requested_platforms(["-platform", "offscreen:fontengine=freetype"],
                               {"QT_QPA_PLATFORM": "xcb"}) == ["offscreen"]  # the option wins
    assert requested_platforms(["-platform=vnc"], {}) == []  # Qt ignores that form too


def test_the_bundled_plugins_are_found(plugins: Path) -> None:
    assert bundled_platforms(plugins) == {"xcb", "offscreen", "wayland"}
    assert "offscreen" in (bundled_platforms() or set())  # PySide6's own, without importing Qt
    assert bundled_platforms(plugins / "missing") is None


@pytest.mark.parametrize(("qt_args", "env", "problem"), [
    ([], {"DISPLAY": ":0"}, None),
    ([], {"WAYLAND_DISPLAY": "wayland-0"}, None),
    ([], {}, "no display"),
    (["-display", ":1"], {}, None),  # a display named for xcb
    ([], {"QT_QPA_PLATFORM": "offscreen"}, None),  # needs none
    ([], {"QT_QPA_PLATFORM": "wayland;xcb"}, "no display"),
    (["-platform", "nosuch"], {"DISPLAY": ":0"}, "no Qt platform plugin 'nosuch'; available: "
                                                 "offscreen, wayland, xcb"),
    (["-platform", "nosuch"], {"QT_PLUGIN_PATH": "/opt/qt"}, None),  # Qt looks there too
    (["-platform", "nosuch", "-platformpluginpath", "/opt/p"], {}, None),
    ([], {"QT_QPA_PLATFORM": "wayland-egl", "WAYLAND_DISPLAY": "w"}, None),  # libqwayland's
    (["-platform=offscreen"], {}, "no display"),  # ignored by Qt: xcb, with no display
    (["-platform=nosuch"], {"DISPLAY": ":0"}, None),
])
def test_display_problem_on_linux(plugins: Path, qt_args: list[str], env: dict[str, str],
                                  problem: str | None) -> None:
    found = display_problem(qt_args, env, "linux", plugins)
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem), found


def test_wayland_without_its_variable_finds_the_default_socket(plugins: Path,
                                                              tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()
    env = {"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(runtime)}
    assert display_problem([], env, "linux", plugins) is not None
    (runtime / "wayland-0").touch()
    assert display_problem([], env, "linux", plugins) is None


def test_other_systems_have_a_display() -> None:
    assert display_problem([], {}, "win32") is None
    assert display_problem([], {}, "darwin") is None


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          env={**base, **env, "LENET_GUI_NO_DIALOGS": "1"},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X and Wayland are Linux's")
def test_main_without_a_display_says_so_instead_of_aborting() -> None:
    r = _run({})
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stderr.startswith("lenet-gui: error: no display") and r.stderr.count("\n") == 1
    assert r.stdout == ""


def test_main_with_an_unknown_platform_says_which_there_are() -> None:
    r = _run({"DISPLAY": ":0"}, "-platform", "nosuch")
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stderr.startswith("lenet-gui: error: no Qt platform plugin 'nosuch'")
    assert "offscreen" in r.stderr and r.stderr.count("\n") == 1
