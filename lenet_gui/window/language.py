"""View > Language: the choice is remembered at once; the window is then rebuilt in the new
language (every widget writes its texts when built), or the change waits for the next start.

Rebuilding keeps the dataset, the settings, the window's layout and the training run: the
run goes over through a checkpoint (network, optimiser, history, step) and waits, paused, for
Start.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox

from ..i18n import LANGUAGES, current_language, install_language
from ..settings import dialogs_allowed, save_preferences

if TYPE_CHECKING:
    from .main_window import MainWindow

_open_windows: list[MainWindow] = []  # rebuilt windows, kept alive until they close


def add_language_menu(window: MainWindow, view_menu: QMenu) -> QMenu:
    """A Language submenu of View: one checkable entry per language, in its own script."""
    menu = view_menu.addMenu(QCoreApplication.translate("LanguageMenu", "&Language"))
    group = QActionGroup(menu)
    group.setExclusive(True)
    for code, name in LANGUAGES.items():
        action = QAction(name, menu)
        action.setCheckable(True)
        action.setChecked(code == current_language())
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: choose_language(window, c))
        group.addAction(action)
        menu.addAction(action)
    view_menu.addSeparator()
    return menu


def _ask_to_switch_now(window: MainWindow, name: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, QCoreApplication.translate("LanguageMenu", "Language"),
        QCoreApplication.translate("LanguageMenu", "Switch to {0} now?").format(name),
        parent=window)
    box.setInformativeText(QCoreApplication.translate(
        "LanguageMenu", "The window is rebuilt in the new language. It keeps the data, the "
        "settings and the training run, which pauses until you press Start. Otherwise the "
        "language changes the next time lenet-gui starts."))
    now = box.addButton(QCoreApplication.translate("LanguageMenu", "Switch now"),
                        QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("LanguageMenu", "At next start"),
                  QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is now


def language_note(why: str) -> str:
    """What the status bar says when a translation could not be loaded."""
    return QCoreApplication.translate(
        "LanguageMenu", "The translation could not be loaded ({0}); lenet-gui stays in "
        "English.").format(why)


def choose_language(window: MainWindow, code: str) -> MainWindow:
    """Remember the language; rebuild the window in it (asking first where dialogs are
    allowed). -> the window now showing (the same one when the change waits)."""
    window.prefs["language"] = code
    save_preferences(window.settings, {"language": code})
    if code == current_language():
        return window
    if dialogs_allowed() and not _ask_to_switch_now(window, LANGUAGES[code]):
        window.statusBar().showMessage(QCoreApplication.translate(
            "LanguageMenu", "The language changes the next time lenet-gui starts."), 8000)
        return window
    return rebuild_in_language(window, code)


def _carry_run(window: MainWindow, folder: Path) -> Path | None:
    """The training run as a checkpoint in `folder` (None: nothing to carry over)."""
    if window.trainer is None or window.dataset is None or window.trainer.step_count == 0:
        return None
    return window.save_checkpoint(folder / "language-switch.npz")


def rebuild_in_language(window: MainWindow, code: str) -> MainWindow:
    """A new main window in this language, in place of `window` (which closes), with the
    same data, settings and training run."""
    from .main_window import MainWindow

    note = install_language(code)
    window.save_settings()
    dataset = window.dataset
    with tempfile.TemporaryDirectory(prefix="lenet-gui-language-") as folder:
        run = _carry_run(window, Path(folder))
        replacement = MainWindow(
            dataset,
            dataset_name=None if dataset is not None else window.data.dataset_name,
            settings=window.settings, ask_for_data=window.ask_for_data)
        if run is not None:
            replacement.load_checkpoint(run)
    if note:
        replacement.statusBar().showMessage(language_note(note), 15000)
    _open_windows.append(replacement)
    if window.isVisible():
        replacement.show()
    window.close()
    if window in _open_windows:
        _open_windows.remove(window)
    window.deleteLater()
    return replacement
