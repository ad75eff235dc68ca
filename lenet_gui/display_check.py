"""Before Qt starts: is there somewhere to show the window?

Qt ends the process with an abort (a core dump, no usable message) when its platform plugin
cannot start: `-platform nosuch`, or the default xcb plugin with no X display (an ssh session
without -X, a container). These checks catch the common cases first, so the app says what
is wrong in one line and exits with status 2, like a bad option. They never refuse what Qt
could start: with a plugin path of its own, or a display named on the command line, Qt
decides.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

_SUFFIXES = (".so", ".dll", ".dylib")


def requested_platforms(qt_args: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """The platform plugins asked for (`-platform a;b` or QT_QPA_PLATFORM), options cut.
    Only the separate-word form counts: Qt ignores `-platform=name`."""
    value = environ.get("QT_QPA_PLATFORM", "")
    for i, arg in enumerate(qt_args):
        if arg == "-platform" and i + 1 < len(qt_args):
            value = qt_args[i + 1]
    return [name.split(":", 1)[0].strip() for name in value.split(";") if name.strip()]


def bundled_platforms(plugin_dir: Path | None = None) -> set[str] | None:
    """Names of PySide6's platform plugins ('xcb', 'offscreen', ...), None if unknown."""
    if plugin_dir is None:
        spec = importlib.util.find_spec("PySide6")  # finds the package; imports no Qt
        if spec is None or not spec.submodule_search_locations:
            return None
        package = Path(list(spec.submodule_search_locations)[0])
        plugin_dir = package / "Qt" / "plugins" / "platforms"
    if not plugin_dir.is_dir():
        return None
    names = set()
    for path in plugin_dir.iterdir():
        if path.suffix in _SUFFIXES:
            stem = path.stem.removeprefix("lib")
            names.add(stem.removeprefix("q"))
    return names or None


def display_problem(qt_args: Sequence[str], environ: Mapping[str, str] | None = None,
                    system: str | None = None,
                    plugin_dir: Path | None = None) -> str | None:
    """Why Qt could not open a window here, in one line; None when it should be able to."""
    env = os.environ if environ is None else environ
    system = sys.platform if system is None else system
    names = requested_platforms(qt_args, env)
    if names and not ("-platformpluginpath" in qt_args
                      or env.get("QT_QPA_PLATFORM_PLUGIN_PATH") or env.get("QT_PLUGIN_PATH")):
        available = bundled_platforms(plugin_dir)  # (plugins from elsewhere: Qt knows)
        if available is not None and not any(_provided(name, available) for name in names):
            return (f"no Qt platform plugin {' or '.join(repr(n) for n in names)}; "
                    f"available: {', '.join(sorted(available))}")
    if not names and system.startswith("linux"):
        names = ["xcb", "wayland"]  # Qt's default on Linux, whichever finds its display
    if names and not any(_can_show(name, env, qt_args) for name in names):
        return ("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
                "set): run it in a desktop session, over ssh -X, or under Xvfb")
    return None


def _provided(name: str, available: set[str]) -> bool:
    """Whether a plugin file provides `name`: one file serves several keys (libqwayland
    also answers to wayland-egl and wayland-brcm)."""
    return name in available or any(name.startswith(f"{a}-") for a in available)


def _can_show(name: str, env: Mapping[str, str], qt_args: Sequence[str]) -> bool:
    """Whether platform `name` has what it connects to (X or Wayland; the rest need none)."""
    if name == "xcb":
        return bool(env.get("DISPLAY")) or "-display" in qt_args
    if name.startswith("wayland"):
        runtime = env.get("XDG_RUNTIME_DIR")  # libwayland's default socket, unnamed
        return bool(env.get("WAYLAND_DISPLAY")) or bool(
            runtime and Path(runtime, "wayland-0").exists())
    return True
