"""Preferences remembered between runs (the data folder chosen in the dialog, the dataset,
the pen width key), and a close request while the data dialog is open closing both."""

from __future__ import annotations

import os

import pytest
from conftest import SHARED_MNIST
from PySide6.QtWidgets import QApplication

from lenet_gui.data_dialog import DataDialog, DataLoader
from lenet_gui.drawing_pad import DEFAULT_PEN_WIDTH
from lenet_gui.settings import PREFERENCES, data_dir_key, load_preferences, make_settings

WAIT_MS = 20000


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LENET_GUI_CACHE", str(cache))
    return cache


def _mnist() -> str:
    if not (SHARED_MNIST / "t10k-labels-idx1-ubyte.gz").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"verified MNIST copy missing: {SHARED_MNIST}")
        pytest.skip(f"verified MNIST copy missing: {SHARED_MNIST}")
    return str(SHARED_MNIST)


def _missing_mnist_window(qtbot):
    from lenet_gui.window import MainWindow

    window = MainWindow(dataset_name="mnist", ask_for_data=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.data.dialog is not None, timeout=WAIT_MS)
    return window


def test_the_pen_width_has_a_preference():
    assert PREFERENCES["pen_width"] == (float, DEFAULT_PEN_WIDTH)
    assert data_dir_key("mnist") == "data_dir" and data_dir_key("fashion") == "fashion_data_dir"


def test_the_folder_chosen_in_the_dialog_is_used_at_the_next_launch(
        qtbot, settings_dir, empty_cache, monkeypatch):
    folder = _mnist()
    monkeypatch.setattr("lenet_gui.data_dialog.QFileDialog.getExistingDirectory",
                        lambda *a, **k: folder)
    window = _missing_mnist_window(qtbot)
    window.data.dialog.folder_button.click()
    qtbot.waitUntil(lambda: window.dataset is not None, timeout=WAIT_MS)
    assert window.dataset.name == "mnist" and window.data.dialog is None
    prefs = load_preferences(make_settings())  # saved at once, not only at close
    assert prefs["data_dir"] == folder and prefs["dataset"] == "mnist"
    window.close()

    from lenet_gui.window import MainWindow

    again = MainWindow(ask_for_data=True)  # no dataset named: the last one, from there
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.dataset is not None, timeout=WAIT_MS)
    assert again.dataset.name == "mnist" and again.data.dialog is None
    again.close()


def test_choosing_the_builtin_digits_is_remembered_too(qtbot, settings_dir, empty_cache,
                                                       monkeypatch):
    monkeypatch.setattr(DataLoader, "builtin_kwargs", {"n_train": 500, "n_test": 100})
    window = _missing_mnist_window(qtbot)
    window.data.dialog.builtin_button.click()
    qtbot.waitUntil(lambda: window.dataset is not None, timeout=WAIT_MS)
    assert window.dataset.name == "builtin"
    window.close()
    assert load_preferences(make_settings())["dataset"] == "builtin"


def test_a_close_request_while_the_data_dialog_is_open_closes_both(
        qtbot, settings_dir, empty_cache):
    window = _missing_mnist_window(qtbot)
    dialog = window.data.dialog
    assert isinstance(dialog, DataDialog) and dialog.isVisible()
    # Qt drops the window manager's close request to a window a modal dialog blocks (a
    # programmatic close, as below, gets through anyway): so the dialog is not modal
    assert not dialog.isModal() and QApplication.activeModalWidget() is None
    window.windowHandle().close()  # as the window manager's close button does
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert window.closing and window.data.dialog is None
    assert not any(isinstance(w, DataDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
