"""The engine never imports Qt, pyqtgraph or the GUI; the GUI uses only engine's exports."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "lenet_gui", "shiboken6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_engine_imports_only_numpy_threadpoolctl_and_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"numpy", "threadpoolctl", "engine", "__future__"}
    offenders = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] not in allowed:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, offenders


def test_engine_sources_import_no_gui_module():
    offenders = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, offenders


def test_importing_the_whole_engine_loads_no_gui_module():
    code = (
        "import sys, pkgutil, importlib, engine\n"
        "for m in pkgutil.walk_packages(engine.__path__, 'engine.'):\n"
        "    if m.name != 'engine.__main__': importlib.import_module(m.name)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_gui_uses_only_engine_exports():
    offenders = []
    for path in sorted((ROOT / "lenet_gui").rglob("*.py")):
        for name in _imports(path):
            if name.startswith("engine."):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, offenders
