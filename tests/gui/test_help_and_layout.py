"""The Help menu, Esc, View > Reset layout, the window's minimum size, the unit window's
place and liveness, the Kernels axis, and failed downloads in plain words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTableWidget, QTextBrowser

from lenet_gui.download_errors import plain_reason
from lenet_gui.insights.kernels import kernel_ticks, label_every
from lenet_gui.network_view.placement import MIN_DIALOG, place_clear
from lenet_gui.window.help import package_version


def _dialogs(window, kind=QDialog):
    return [d for d in window.findChildren(kind) if d.isVisible()]


def test_the_help_menu_is_last_and_says_version_and_licences(window):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[-1] == "&Help" and "&View" in menus
    window.actions_by_name["about"].trigger()
    labels = [lb.text() for d in _dialogs(window) for lb in d.findChildren(QLabel)]
    about = next(t for t in labels if "Data licences" in t)
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    declared = re.search(r'^version = "([^"]+)"', pyproject, re.MULTILINE).group(1)
    assert package_version() == declared and declared in about
    assert "Yann LeCun and Corinna Cortes" in about and "CC BY-SA 3.0" in about
    assert "Zalando Research" in about and "MIT" in about


def test_the_shortcuts_table_is_built_from_the_actions(window):
    window.actions_by_name["shortcuts"].trigger()
    table = next(t for d in _dialogs(window) for t in d.findChildren(QTableWidget))
    rows = {table.item(i, 0).text(): table.item(i, 1).text() for i in range(table.rowCount())}
    assert rows["Start"].startswith("F5") and rows["Pause"] == "Space"
    assert rows["Clear selection"] == "Esc" and rows["Save checkpoint"] == "Ctrl+S"
    with_keys = [a for a in window.actions_by_name.values() if not a.shortcut().isEmpty()]
    assert table.rowCount() == len(with_keys)


def test_the_guide_explains_the_view(window):
    window.actions_by_name["guide"].trigger()
    text = next(b for d in _dialogs(window) for b in d.findChildren(QTextBrowser))
    plain = text.toPlainText()
    for words in ("f(u)", "δu = ∂J/∂u", "Red", "blue", "Receptive field", "Kernels",
                  "Gradient health"):
        assert words in plain, words


def test_esc_anywhere_in_the_window_clears_the_selection(window):
    esc = window.actions_by_name["clear_selection"]
    assert esc.shortcut().toString() == "Esc"
    assert esc.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    window.network_view.select_unit("C3", 5, 4, 6, (8, 10, 23, 25))
    window.tabs.setCurrentIndex(1)  # another tab in front: Esc still works
    esc.trigger()
    assert window.network_view.selection is None and window.network_view.receptive_field is None


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)")
def test_reset_layout_puts_the_panels_back(window):
    window.resize(1600, 900)
    window.pad_dock.setFloating(True)
    window.curves_dock.hide()
    window.actions_by_name["reset_layout"].trigger()
    assert not window.pad_dock.isFloating() and window.curves_dock.isVisible()
    assert window.dockWidgetArea(window.pad_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.dockWidgetArea(window.curves_dock) == Qt.DockWidgetArea.BottomDockWidgetArea


def test_the_window_can_be_as_small_as_1024x700_with_a_title_bar(window):
    window.arrange_docks(wide=False)  # what a first run does on a 1024-wide screen
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 670, hint


def test_the_unit_window_follows_training_on_every_tab(window, qtbot):
    window.render_now()
    dlg = window.network_view.click_unit("C3", 5, 4, 6)
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.unit_details) - 1)
    assert window.tabs.currentWidget() is not window.network_view
    for _ in range(3):
        window.trainer.train_batch()
    window.render_now()
    steps = window.trainer.step_count
    qtbot.waitUntil(lambda: f"step {steps} " in dlg.info.text(), timeout=5000)


def test_the_unit_window_is_placed_clear_of_the_maps():
    screen = QRect(0, 0, 1920, 1080)
    window = QRect(0, 0, 1500, 1000)
    maps = QRect(300, 80, 900, 600)
    place = place_clear(QSize(780, 500), maps, window, screen)
    assert screen.contains(place) and not place.intersects(maps)
    # a maximised window: over the curves or a side column, on the screen, readable
    full = place_clear(QSize(780, 500), QRect(370, 60, 1180, 700), screen, screen)
    assert screen.contains(full) and full.width() >= MIN_DIALOG.width()
    covered = full.intersected(QRect(370, 60, 1180, 700))
    assert covered.width() * covered.height() < 0.25 * full.width() * full.height()


def test_the_kernels_axis_numbers_every_few_narrow_kernels():
    assert label_every(30) == 1 and label_every(12) == 2 and label_every(5) == 4
    major, minor = kernel_ticks(16, 7, 5, 4)
    assert [t for _, t in major] == ["0", "4", "8", "12"] and len(minor) == 12
    assert all(t == "" for _, t in minor)


def test_a_failed_download_starts_with_a_plain_sentence():
    offline = ("could not download train-images-idx3-ubyte.gz: https://a/: "
               "Temporary failure in name resolution; https://b/: Name or service not known")
    assert plain_reason(offline) == "No internet connection?"
    assert plain_reason("could not download x: https://a/: timed out; https://b/: HTTP 503 "
                        "Service Unavailable") == "The server did not answer."
    assert plain_reason("could not download x: https://a/: checksum mismatch (MD5 1, "
                        "expected 2)") == "The download was damaged."
    assert plain_reason("disk full while writing x") == \
        "The files could not be saved on this computer."


def test_the_first_run_size_fits_the_screen_with_its_title_bar():
    from lenet_gui.window.dock_layout import TITLE_BAR, first_run_size, is_wide

    for w, h in ((1024, 700), (1366, 768), (1920, 1080), (2560, 1440)):
        size = first_run_size(QRect(0, 0, w, h))
        assert size.width() <= w and size.height() + TITLE_BAR <= h
        assert is_wide(size.width()) == (w >= 1366)  # the pad gets its own column


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)")
def test_at_1024x700_the_curves_dock_shows_all_of_itself(window, qtbot):
    """The smallest window: the curves and their timeline bar unscrolled, a fifth of the
    height at least (the Xvfb layout test checks the real first run at every size)."""
    from lenet_gui.window.dock_layout import unscrolled_height

    window.resize(1024, 668)
    window.arrange_docks(wide=False)
    qtbot.waitUntil(lambda: window.height() == 668)
    window.reset_layout()
    QApplication.processEvents()
    scroll = window.curves_dock.widget()
    assert scroll.verticalScrollBar().maximum() == 0, (window.curves_dock.height(),
                                                       unscrolled_height(window.curves_dock))
    assert window.curves_dock.height() >= max(unscrolled_height(window.curves_dock),
                                              0.2 * window.height())


def test_a_long_heading_wraps_rather_than_widening_the_window(window):
    """After an evaluation the confusion matrix's heading carries the accuracy, images,
    epoch and step: on one line it pushed a 1024 px window off the screen's right edge."""
    view = window.show_view("Confusion matrix")
    view.heading.setText("Confusion matrix — test accuracy 98.69% (10000 images, after "
                         "epoch 3, step 2811)")
    window.arrange_docks(wide=False)
    QApplication.processEvents()
    assert view.heading.wordWrap()
    assert window.minimumSizeHint().width() <= 1024, window.minimumSizeHint()
