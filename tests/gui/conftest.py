"""GUI tests run offscreen, with private settings, never blocking on a dialog."""

from __future__ import annotations

import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LENET_GUI_NO_DIALOGS"] = "1"
# never the user's real settings or cache
_PRIVATE = tempfile.mkdtemp(prefix="lenet-gui-tests-")
os.environ["LENET_GUI_SETTINGS_DIR"] = os.path.join(_PRIVATE, "settings")
os.environ.setdefault("LENET_GUI_CACHE", os.path.join(_PRIVATE, "cache"))

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SHARED_MNIST = Path(__file__).resolve().parents[3] / "shared" / "data" / "mnist"


def pytest_sessionfinish(session, exitstatus):  # noqa: ARG001
    shutil.rmtree(_PRIVATE, ignore_errors=True)


@pytest.fixture(scope="session")
def small_dataset():
    """2,000 training and 500 test generated digits (fast)."""
    from engine import builtin_dataset

    return builtin_dataset(n_train=2000, n_test=500)


@pytest.fixture
def settings_dir(tmp_path, monkeypatch):
    """A fresh private settings folder for one test."""
    folder = tmp_path / "settings"
    monkeypatch.setenv("LENET_GUI_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def make_window(qtbot, small_dataset, settings_dir):
    """make_window(**kwargs) -> a shown MainWindow on the small dataset; closed afterwards."""
    from lenet_gui.window import MainWindow

    windows = []

    def make(**kwargs):
        kwargs.setdefault("dataset", small_dataset)
        window = MainWindow(**kwargs)
        qtbot.addWidget(window)
        window.resize(1500, 950)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window):
    return make_window()


def pytest_collection_modifyitems(config, items):  # noqa: ARG001
    # the offscreen platform says this whenever a top-level widget with a layout is shown
    marker = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
    for item in items:
        if "tests/gui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(marker)
