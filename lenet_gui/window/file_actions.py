"""The File menu's work: checkpoints (save, load, the bundled pretrained weights) and
exports (history as CSV, a report folder, the visible view as PNG), each with its dialog."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from engine import (
    ConfigError,
    History,
    LenetError,
    Snapshot,
    TrainConfig,
    Trainer,
    load_checkpoint,
    save_checkpoint,
)

from .. import engine_texts, export, resources

if TYPE_CHECKING:
    from .main_window import MainWindow


class FileActions(QObject):
    """Reads and writes files for the window; every failure is a message, never a crash."""

    def __init__(self, window: MainWindow, checkpoint: str | None) -> None:
        super().__init__(window)
        self.w = window
        self._pending_checkpoint = checkpoint  # loaded as soon as the data is
        self._pending_report: Path | None = None  # written once the test set is evaluated

    def _last_folder(self) -> str:
        folder = self.w.prefs.get("last_folder") or ""
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _remember_folder(self, path: str) -> None:
        self.w.prefs["last_folder"] = str(Path(path).parent)

    def _status(self, text: str, ms: int = 8000) -> None:
        self.w.statusBar().showMessage(text, ms)

    # ------------------------------------------------------------------ checkpoints

    def save_checkpoint_dialog(self) -> None:
        answer = self.w.timeline.ask_save_path(
            str(Path(self._last_folder()) / "lenet-checkpoint.npz"))
        if answer is not None:
            self._remember_folder(answer[0])
            self.save_checkpoint(answer[0], include_timeline=answer[1])

    def save_checkpoint(self, path: str | os.PathLike[str],
                        include_timeline: bool = False) -> Path | None:
        """Save the network (and the trainer's state). After a divergence the file holds the
        weights put back from before the caught step, marked as diverged and with a safer
        learning rate (`Trainer.checkpoint_fields`), and the status bar says so."""
        w = self.w
        dataset = w.dataset.name if w.dataset is not None else None
        timeline = w.timeline.current() if include_timeline else None  # the GUI's mirror

        def job(tr: Trainer) -> tuple[Path, str]:
            fields = {**tr.checkpoint_fields(), "timeline": timeline}  # as the dialog said
            return save_checkpoint(path, tr.net, **fields), self._diverged_note(fields)

        trainer, worker = w.training.trainer, w.training.worker
        try:
            if trainer is None:
                assert w.net is not None
                saved, note = save_checkpoint(path, w.net, dataset=dataset), ""
            elif worker is not None:
                saved, note = worker.call_between_batches(job)
            else:
                saved, note = job(cast(Trainer, trainer))  # no worker: the window's own
        except (LenetError, OSError) as exc:
            w.show_error(self.tr("Could not save the checkpoint"), str(exc))
            return None
        except TimeoutError:
            w.show_error(self.tr("Could not save the checkpoint"),
                         self.tr("the training thread is busy; pause training and try again"))
            return None
        self._status(self.tr("Saved checkpoint {}").format(saved) + note, 20000 if note else 8000)
        return saved

    def _diverged_note(self, fields: dict[str, Any]) -> str:
        diverged = fields["notes"].get("diverged")
        if diverged is None:
            return ""
        return self.tr(": training had diverged, so it holds the weights from before step {0} "
                       "(an earlier step may already have damaged them) and learning rate "
                       "{1:g} instead of the diverging {2:g}").format(
            diverged["step"], fields["train_config"]["lr"], diverged["lr"])

    def load_checkpoint_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w, self.tr("Load checkpoint"), self._last_folder(),
            self.tr("Checkpoints (*.npz);;All files (*)"))
        if path:
            self._remember_folder(path)
            self.load_checkpoint(path)

    def load_checkpoint(self, path: str | os.PathLike[str], what: str | None = None) -> bool:
        """Continue from a checkpoint (`what` names it in messages). On any error: a message,
        and nothing changes."""
        w = self.w
        what = what or self.tr("checkpoint")
        try:
            ckpt = load_checkpoint(path)
            net = ckpt.network()
        except (LenetError, OSError) as exc:
            w.show_error(self.tr("Could not load the {}").format(what), str(exc))
            return False
        if w.dataset is None:
            self._pending_checkpoint = str(path)
            w.statusBar().showMessage(self.tr("The checkpoint is loaded as soon as the data is."))
            return True
        config = w.controls.train_config()
        if ckpt.train_config:
            with contextlib.suppress(ConfigError, TypeError):
                config = TrainConfig.from_dict(ckpt.train_config)
        try:  # everything that can fail comes before anything changes
            history = History.from_arrays(ckpt.history) if ckpt.history else None
        except (ValueError, TypeError) as exc:
            w.show_error(self.tr("Could not load the {}").format(what),
                         self.tr("{0}: damaged history ({1})").format(path, exc))
            return False
        w.training.stop_worker()
        w.net = net
        w.controls.set_network_config(net.config)
        w.controls.set_train_config(config)
        w.layout_views()
        try:
            w.training.new_trainer(net, config, history, ckpt.step, ckpt.optimizer,
                                   ckpt.timeline)
        except (LenetError, ValueError) as exc:
            w.show_error(self.tr("Could not continue from the {}").format(what), str(exc))
            w.training.new_trainer(net, config)
        self._status(self.tr("Loaded {0} {1}: {2}, step {3}").format(
            what, Path(path).name, engine_texts.describe_config(net.config), ckpt.step))
        w.timeline.poll()  # a timeline in the checkpoint: the slider has its steps at once
        w.render_now()
        w.update_actions()
        return True

    def load_pending_checkpoint(self) -> None:
        """The data has come: load the checkpoint asked for before it did."""
        if self._pending_checkpoint:
            path, self._pending_checkpoint = self._pending_checkpoint, None
            self.load_checkpoint(path)

    def load_pretrained_weights(self) -> None:
        self.load_checkpoint(resources.PRETRAINED_WEIGHTS, self.tr("pretrained weights"))

    def load_pretrained_for_pad(self, path: str | os.PathLike[str] | None = None) -> None:
        """The bundled (or given) trained network the pad compares with."""
        w = self.w
        w.pretrained, reason = resources.load_pretrained(None if path is None else Path(path))
        if w.pad is not None:
            w.pad.set_pretrained(w.pretrained)
        if reason:
            self._status(reason, 10000)

    # ------------------------------------------------------------------ export

    def _snapshot_for_export(self) -> Snapshot | None:
        """The newest snapshot (immutable, so safe while training runs)."""
        w = self.w
        scheduler = w.scheduler
        if scheduler.latest is None and w.training.trainer is not None and \
                not w.training.worker_alive():
            x, label = w.probes.probe()
            scheduler.latest = w.training.own_snapshot(x, label)
        return scheduler.latest

    def export_history_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.w, self.tr("Export history as CSV"),
            str(Path(self._last_folder()) / "lenet-history.csv"), self.tr("CSV files (*.csv)"))
        if path:
            self._remember_folder(path)
            self.export_history(path)

    def export_history(self, path: str | os.PathLike[str]) -> list[Path] | None:
        """Loss per batch to `path`, accuracy per epoch beside it; None after an error."""
        snap = self._snapshot_for_export()
        if snap is None:
            self.w.show_error(self.tr("Nothing to export"),
                              self.tr("there is no training history yet"))
            return None
        try:
            paths = export.export_history_csv(snap.history, path)
        except OSError as exc:
            self.w.show_error(self.tr("Could not export the history"), str(exc))
            return None
        self._status(self.tr("Exported {}").format(" and ".join(str(p) for p in paths)))
        return paths

    def write_report_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.w, self.tr("Write the report into this folder"), self._last_folder())
        if folder:
            self.w.prefs["last_folder"] = folder
            self.write_report(folder)

    def write_report(self, folder: str | os.PathLike[str], evaluate: bool = True) -> Path | None:
        """Curves, confusion matrix, network view and history into `folder`. Without a test
        set evaluation yet (and `evaluate`), evaluate first and write when it is done."""
        w = self.w
        snap = self._snapshot_for_export()
        if snap is None:
            w.show_error(self.tr("Nothing to report"),
                         self.tr("there is no training snapshot yet"))
            return None
        if evaluate and snap.evaluation is None and not w.training.worker_alive() and \
                w.dataset is not None:
            # the confusion matrix needs the test set evaluated: do that first (off the GUI
            # thread), then write. While training runs, epochs evaluate it anyway.
            self._pending_report = Path(folder)
            w.training.request_evaluation()
            self._status(self.tr("Evaluating the test set for the report…"))
            return None
        if w.tabs.currentWidget() is not w.network_view:
            w.network_view.update_snapshot(snap)  # a hidden tab is not kept up to date
        # curves.png is drawn from the history: no second, near-identical grab of the dock
        # the title names the file (network_view.png) and, translated, describes it
        widgets: dict[str, QWidget] = {
            str(QT_TRANSLATE_NOOP("Export", "network view")): w.network_view}
        names = tuple(w.dataset.class_names) if w.dataset is not None else None
        try:
            out = export.write_report(folder, snap, widgets, class_names=names)
        except OSError as exc:
            w.show_error(self.tr("Could not write the report"), str(exc))
            return None
        self._status(self.tr("Wrote the report into {}").format(out))
        return out

    def take_pending_report(self) -> Path | None:
        """The folder a report waits to be written into (once: one request, one answer)."""
        folder, self._pending_report = self._pending_report, None
        return folder

    def drop_pending_report(self) -> None:
        """The network changed under a report waiting for its evaluation: say so."""
        if self._pending_report is not None:
            self._pending_report = None
            self._status(self.tr("The report was not written: the network changed while the "
                                 "test set was being evaluated."))

    def export_view_dialog(self) -> None:
        tabs = self.w.tabs
        title = tabs.tabText(tabs.currentIndex())
        name = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
        path, _ = QFileDialog.getSaveFileName(
            self.w, self.tr("Export current view as PNG"),
            str(Path(self._last_folder()) / f"{name}.png"), self.tr("PNG images (*.png)"))
        if path:
            self._remember_folder(path)
            self.export_view(path)

    def export_view(self, path: str | os.PathLike[str]) -> Path | None:
        """The visible tab as a PNG."""
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        try:
            out = export.export_widget_png(self.w.tabs.currentWidget(), path)
        except OSError as exc:
            self.w.show_error(self.tr("Could not export the view"), str(exc))
            return None
        self._status(self.tr("Saved {}").format(out))
        return out
