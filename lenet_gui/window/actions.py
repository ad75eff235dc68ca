"""The window's QActions (with their shortcuts), its menus, and which actions are enabled."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from engine import RunState

from .. import engine_texts
from .language import add_language_menu

if TYPE_CHECKING:
    from .main_window import MainWindow


# the name lupdate looks for: every text below is extracted under its context
translate = QCoreApplication.translate


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Every action by name, added to the window so that its shortcuts work anywhere in it."""
    actions: dict[str, QAction] = {}
    training, files, data, probe = window.training, window.files, window.data, window.probes

    def act(key: str, text: str, shortcuts: list[str], slot: Callable[[], object],
            tip: str) -> None:
        a = QAction(text, window)
        a.setShortcuts([QKeySequence(s) for s in shortcuts])
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setToolTip(tip)
        a.triggered.connect(slot)
        window.addAction(a)
        actions[key] = a

    act("start", translate("MainWindow", "&Start"), ["F5", "Ctrl+Return", "Ctrl+Enter"],
        training.start,
        translate("MainWindow", "Start or continue training"))
    act("pause", translate("MainWindow", "&Pause"), ["Space"], training.toggle_pause,
        translate("MainWindow", "Pause or resume training"))
    actions["pause"].setCheckable(True)  # shown pressed while paused
    act("step", translate("MainWindow", "S&tep"), ["S", "Ctrl+Right"], training.step,
        translate("MainWindow", "Train exactly one batch, then stay paused"))
    act("reset", translate("MainWindow", "&Reset"), ["Ctrl+R"], training.reset,
        translate("MainWindow", "A fresh network with the chosen preset and options"))
    act("save", translate("MainWindow", "&Save checkpoint…"), ["Ctrl+S"],
        files.save_checkpoint_dialog,
        translate("MainWindow", "Save the network, optimiser and history to a .npz file"))
    act("load", translate("MainWindow", "&Load checkpoint…"), ["Ctrl+O"],
        files.load_checkpoint_dialog,
        translate("MainWindow", "Continue from a saved .npz checkpoint"))
    act("pretrained", translate("MainWindow", "Load &pretrained weights"), [],
        files.load_pretrained_weights,
        translate("MainWindow",
                  "Replace the network being trained by the bundled LeNet-5 trained on MNIST"))
    act("data", translate("MainWindow", "Get MNIST / choose &data folder…"), [],
        data.open_data_dialog,
        translate("MainWindow",
                  "Download MNIST, read it from a folder, or use the built-in digits"))
    act("quit", translate("MainWindow", "&Quit"), ["Ctrl+Q"], window.close,
        translate("MainWindow", "Close lenet-gui"))
    act("prev", translate("MainWindow", "Previous test image"), ["PgUp"],
        lambda: probe.move_probe(-1),
        translate("MainWindow", "Previous test image"))
    act("next", translate("MainWindow", "Next test image"), ["PgDown"], lambda: probe.move_probe(1),
        translate("MainWindow", "Next test image"))
    act("random", translate("MainWindow", "Random test image"), ["R"], probe.random_probe,
        translate("MainWindow", "A random test image"))
    act("export_csv", translate("MainWindow", "Export history as &CSV…"), [],
        files.export_history_dialog,
        translate("MainWindow", "Write the loss per batch and the accuracy per epoch as CSV files"))
    act("report", translate("MainWindow", "Write &report…"), [], files.write_report_dialog,
        translate("MainWindow", "A folder with the curves, the confusion matrix, the network "
                  "view and the history"))
    act("export_png", translate("MainWindow", "Export current view as &PNG…"),
        ["Ctrl+Shift+E"], files.export_view_dialog,
        translate("MainWindow", "Save the visible tab as a PNG image"))
    return actions


def build_menus(window: MainWindow, actions: dict[str, QAction]) -> QMenu:
    """File, Training, Probe and View; returns the View menu (the docks add their toggles)."""
    bar = window.menuBar()
    file_menu = bar.addMenu(translate("MainWindow", "&File"))
    for key in ("save", "load", "pretrained"):
        file_menu.addAction(actions[key])
    file_menu.addSeparator()
    file_menu.addAction(actions["export_csv"])
    file_menu.addAction(actions["report"])
    file_menu.addSeparator()
    file_menu.addAction(actions["data"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])
    train_menu = bar.addMenu(translate("MainWindow", "&Training"))
    for key in ("start", "pause", "step", "reset"):
        train_menu.addAction(actions[key])
    probe_menu = bar.addMenu(translate("MainWindow", "&Probe"))
    for key in ("prev", "next", "random"):
        probe_menu.addAction(actions[key])
    view_menu = bar.addMenu(translate("MainWindow", "&View"))
    view_menu.addAction(actions["export_png"])
    add_layout_actions(window, view_menu, actions)
    view_menu.addSeparator()
    add_language_menu(window, view_menu)
    return view_menu


def add_layout_actions(window: MainWindow, view_menu: QMenu,
                       actions: dict[str, QAction]) -> None:
    """View > Clear selection (Esc, anywhere in the window) and View > Reset layout."""
    clear = QAction(QCoreApplication.translate("MainWindow", "Clear selection"), window)
    clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    clear.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    clear.setToolTip(QCoreApplication.translate(
        "MainWindow", "Forget the selected unit and its receptive field"))
    clear.triggered.connect(window.clear_selection)
    window.addAction(clear)
    actions["clear_selection"] = clear
    reset = QAction(QCoreApplication.translate("MainWindow", "Reset &layout"), window)
    reset.setToolTip(QCoreApplication.translate(
        "MainWindow", "Put the panels back where they were on first run"))
    reset.triggered.connect(window.reset_layout)
    actions["reset_layout"] = reset
    view_menu.addSeparator()
    view_menu.addAction(clear)
    view_menu.addAction(reset)


def build_help_menu(window: MainWindow, actions: dict[str, QAction]) -> QMenu:
    """Help: What am I looking at?, Keyboard shortcuts, About. Added after the View menu
    has its dock toggles, so it is the last menu."""
    from . import help as help_dialogs  # the dialogs, built only when asked for

    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    guide = QAction(QCoreApplication.translate("MainWindow", "&What am I looking at?"), window)
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    guide.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    guide.triggered.connect(lambda: help_dialogs.show_guide(window))
    window.addAction(guide)
    keys = QAction(QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"), window)
    keys.triggered.connect(
        lambda: help_dialogs.show_shortcuts(window, list(actions.values())))
    about = QAction(QCoreApplication.translate("MainWindow", "&About lenet-gui"), window)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: help_dialogs.show_about(window))
    for key, a in (("guide", guide), ("shortcuts", keys), ("about", about)):
        menu.addAction(a)
        actions[key] = a
    return menu


def refresh_actions(window: MainWindow) -> None:
    """Enable what can be done now and say what the trainer is doing."""
    a = window.actions_by_name
    trainer = window.training.trainer
    have = trainer is not None
    alive = window.training.worker_alive()
    paused = alive and trainer is not None and trainer.paused
    a["start"].setEnabled(not alive or paused or window.dataset is None)
    a["start"].setText(translate("MainWindow", "&Resume") if paused
                       else translate("MainWindow", "&Start"))
    a["pause"].setEnabled(alive)
    a["pause"].setChecked(bool(paused))
    a["step"].setEnabled(have and (not alive or paused))
    a["reset"].setEnabled(True)
    a["save"].setEnabled(True)
    if trainer is None:
        state = translate("MainWindow", "waiting for data")
    elif alive:
        state = translate("MainWindow", "paused") if paused else translate("MainWindow", "training")
    elif trainer.done and trainer.state != RunState.DIVERGED:
        state = translate("MainWindow", "all {} epochs done (raise Epochs to train on)").format(
            trainer.config.epochs)
    else:
        state = engine_texts.text(str(trainer.state))
    window.controls.state_label.setText(translate("MainWindow", "State: {}").format(state))
