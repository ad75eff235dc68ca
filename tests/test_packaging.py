"""A non-editable install (a wheel) carries the pretrained weights and the translations, and
the app finds them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                   check=True, capture_output=True, timeout=300)


def test_a_wheel_installs_the_weights_where_the_app_looks(tmp_path):
    src = tmp_path / "src"  # build from a copy: no build/ or egg-info in the checkout
    for name in ("engine", "lenet_gui", "resources"):
        shutil.copytree(ROOT / name, src / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    _pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "wheels"), str(src))
    (wheel,) = (tmp_path / "wheels").glob("lenet_gui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".data/data/share/lenet-gui/lenet5_mnist.npz") for n in names)
    assert any(n.endswith(".data/data/share/lenet-gui/translations/lenet_gui_zh_CN.ts")
               for n in names)

    prefix = tmp_path / "prefix"
    _pip("install", "--no-deps", "--no-compile", "--prefix", str(prefix), str(wheel))
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix)}))
    code = ("from lenet_gui import resources\n"
            "print(resources.PRETRAINED_WEIGHTS)\n"
            "net, why = resources.load_pretrained()\n"
            "print(net is not None, why)\n"
            "from lenet_gui.i18n import compiled_catalog\n"
            "print(compiled_catalog('zh_CN')[0] is not None)\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                       text=True, timeout=120, env={"PYTHONPATH": str(site), "PATH": "",
                       "LENET_GUI_CACHE": str(tmp_path / "cache")})
    assert r.returncode == 0, r.stderr
    path, loaded, translated = r.stdout.splitlines()
    assert Path(path) == prefix / "share" / "lenet-gui" / "lenet5_mnist.npz"
    assert loaded == "True None"
    assert translated == "True"  # the .ts shipped, and the .qm built from it
