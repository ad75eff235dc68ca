"""The data in use: loading it in the background, the data dialog when it is missing, the
built-in digits as a fallback, and the status-bar text that names it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot

from engine import Dataset

from .. import engine_texts
from ..controls import DATASET_LABELS
from ..data_dialog import DataDialog, DataLoader
from ..settings import data_dir_key, save_preferences

if TYPE_CHECKING:
    from .main_window import MainWindow


class DataController(QObject):
    """Owns the dataset the window trains on and the loader fetching the next one."""

    def __init__(self, window: MainWindow, data_dir: str | None) -> None:
        super().__init__(window)
        self.w = window
        self.dataset: Dataset | None = None
        self.dataset_name = "mnist"  # the one to load first; the window sets it
        self._data_dir = data_dir
        self._loader: DataLoader | None = None
        self._loader_explicit_dir = False
        self.dialog: DataDialog | None = None  # the data dialog while it is open

    def load_initial_data(self) -> None:
        """The dataset of the last session, from the folder chosen for it then (without
        asking again); a folder given on the command line wins."""
        if self.w.closing:
            return
        if self._data_dir is not None:
            self.load_data(self.dataset_name, self._data_dir)
            return
        remembered = self.w.prefs.get(data_dir_key(self.dataset_name)) or None
        self.load_data(self.dataset_name, remembered, explicit=False)

    def load_data(self, name: str, data_dir: str | None,
                  explicit: bool | None = None) -> None:
        """Load in the background. If it fails and the folder was not given explicitly (on
        the command line), the data dialog asks what to do."""
        label = engine_texts.text(DATASET_LABELS.get(name, name))
        if name == "builtin":
            self.set_status_data(None, self.tr("generating the built-in digits (a few seconds)…"))
        else:
            self.set_status_data(None, self.tr("loading {}…").format(label))
        if self._loader is not None:
            self._loader.cancelled = True
        loader = DataLoader(name, data_dir)
        loader.loaded.connect(self._on_data_loaded)
        loader.failed.connect(self._on_data_failed)
        self._loader = loader
        self._loader_explicit_dir = data_dir is not None if explicit is None else explicit
        loader.start()

    def cancel(self) -> None:
        """The window closes: a loader still running delivers nothing, an open data dialog
        closes (and cancels its download)."""
        if self._loader is not None:
            self._loader.cancelled = True
        dlg, self.dialog = self.dialog, None
        if dlg is not None:
            dlg.reject()

    def _show_dialog(self, dlg: DataDialog, done: Callable[[DataDialog], None]) -> None:
        """Not modal: a modal dialog would block the main window's close button (Qt drops
        close requests to a blocked window), and closing the window must close both."""
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dlg
        dlg.setWindowModality(Qt.WindowModality.NonModal)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _result: self._dialog_finished(dlg, done))
        dlg.show()
        dlg.activateWindow()

    def _dialog_finished(self, dlg: DataDialog, done: Callable[[DataDialog], None]) -> None:
        if self.dialog is dlg:
            self.dialog = None
        if self.w.closing:
            return
        if dlg.folder:  # remembered: the next launch reads it from there without asking
            self.w.prefs["last_folder"] = dlg.folder
            self.w.prefs[data_dir_key(dlg.name)] = dlg.folder
        done(dlg)
        with contextlib.suppress(Exception):  # kept even if the app does not close cleanly
            save_preferences(self.w.settings, self.w.preferences())

    @Slot(object)
    def _on_data_loaded(self, dataset: Dataset) -> None:
        if self.sender() is not self._loader or self.w.closing:
            return
        self._loader = None
        self.set_dataset(dataset)

    @Slot(str)
    def _on_data_failed(self, message: str) -> None:
        if self.sender() is not self._loader or self.w.closing:
            return
        loader, self._loader = self._loader, None
        assert loader is not None
        name = loader.name
        if self.w.ask_for_data and not self._loader_explicit_dir:
            label = "Fashion-MNIST" if name == "fashion" else "MNIST"
            self.set_status_data(None, self.tr("{} not found: waiting for your choice")
                                 .format(label))
            self._show_dialog(DataDialog(name, message, self.w.prefs.get("last_folder", ""),
                                         self.w), self._after_missing_dialog)
            return
        self._fall_back_to_builtin(message)

    def _after_missing_dialog(self, dlg: DataDialog) -> None:
        if dlg.dataset is not None:
            self.set_dataset(dlg.dataset)
        else:
            self._fall_back_to_builtin(None)

    def _fall_back_to_builtin(self, message: str | None) -> None:
        if message:
            self.w.banner.show_message(
                self.tr("<b>{}</b><br>Continuing with the built-in generated digits.")
                .format(engine_texts.error(message)), "warning", self.tr("Get MNIST…"),
                self.open_data_dialog)
        self.w.controls.set_dataset_name("builtin")
        self.load_data("builtin", None)

    def open_data_dialog(self) -> None:
        """File > Get MNIST / choose data folder."""
        name = self.w.controls.dataset_name()
        name = name if name in ("mnist", "fashion") else "mnist"
        dlg = DataDialog(name, self.tr("Choose where the images come from."),
                         self.w.prefs.get("last_folder", ""), self.w)
        dlg.setWindowTitle(self.tr("Data — lenet-gui"))
        self._show_dialog(dlg, self._after_menu_dialog)

    def _after_menu_dialog(self, dlg: DataDialog) -> None:
        if dlg.dataset is not None:
            self.set_dataset(dlg.dataset)
        elif dlg.result() == DataDialog.DialogCode.Accepted:
            self.change_dataset("builtin")

    def change_dataset(self, name: str) -> None:
        """Load another dataset (in the background); training restarts on it."""
        if self.dataset is not None and self.dataset.name == name:
            return
        self.w.training.stop_worker()
        self.w.controls.set_dataset_name(name)
        self.load_data(name, None)

    def set_dataset(self, dataset: Dataset) -> None:
        """Use this dataset; the network keeps its weights, training restarts at step 0."""
        w = self.w
        w.training.stop_worker()
        self.dataset = dataset
        self.dataset_name = dataset.name
        w.controls.set_dataset_name(dataset.name)
        w.network_view.set_class_names(engine_texts.texts(dataset.class_names))
        w.sync_insight_context()
        if w.pad is not None and hasattr(w.pad, "set_class_names"):
            w.pad.set_class_names(engine_texts.texts(dataset.class_names))
        self.set_status_data(dataset)
        w.probes.clamp_to(len(dataset.test_labels))
        if w.banner.kind == "warning" and dataset.name != "builtin":
            w.banner.hide()
        w.training.new_trainer()
        w.files.load_pending_checkpoint()
        w.probes.show_probe_info()
        w.render_now()
        w.training.start_if_pending()
        w.update_actions()

    def set_status_data(self, dataset: Dataset | None, note: str = "") -> None:
        """The status bar names the data in use (or says what happens to it)."""
        if dataset is None:
            self.w.data_label.setText(self.tr("Data: {}").format(note))
            return
        n_train, n_test = len(dataset.train_labels), len(dataset.test_labels)
        self.w.data_label.setText(
            self.tr("Data: {0} — {1} ({2:,} training / {3:,} test images)").format(
                engine_texts.text(dataset.display_name), engine_texts.source(dataset.source),
                n_train, n_test))
