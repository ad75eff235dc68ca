"""Exporting what the GUI shows: widget PNGs, the training history as CSV, a report folder.

Widgets marked transient (`TRANSIENT_PROPERTY`, e.g. the network view's hover readout) are
blank in exported PNGs: a report shows the training, not where the mouse last was.

Every file is written through `engine.atomic_write` (a temporary file in the target folder,
fsync, then a rename over the final name), so a failure never leaves a half-written file.
Failures raise `ExportError` (an `OSError`) whose message names the path and the reason, in
the UI's language (context "Export"); so is the report's README.txt.

History CSVs (see `export_history_csv`): `<name>.csv` has one row per training batch
(`step, epoch, loss`) and `<name>_epochs.csv` one row per finished epoch (`epoch, train_acc,
train_loss, test_acc, test_loss, images_per_s, seconds`).
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtWidgets import QLabel, QWidget

from engine import TempFileError, atomic_write

from . import engine_texts
from .run_texts import epoch_shown, evaluated_when

__all__ = [
    "TRANSIENT_PROPERTY",
    "ExportError",
    "export_history_csv",
    "export_widget_png",
    "history_rows",
    "write_report",
]

TRANSIENT_PROPERTY = "exportTransient"  # a QLabel with this property true exports blank
BATCH_COLUMNS = ("step", "epoch", "loss")
EPOCH_COLUMNS = ("epoch", "train_acc", "train_loss", "test_acc", "test_loss", "images_per_s",
                 "seconds")


class ExportError(OSError):
    """A file could not be written; the message says which and why."""


translate = QCoreApplication.translate  # the name lupdate looks for (context "Export")


# the operating system's reasons, which arrive in English, for the usual failures
REASONS = {
    errno.EACCES: str(QT_TRANSLATE_NOOP("Export", "permission denied")),
    errno.EPERM: str(QT_TRANSLATE_NOOP("Export", "permission denied")),
    errno.ENOENT: str(QT_TRANSLATE_NOOP("Export", "no such file or folder")),
    errno.ENOSPC: str(QT_TRANSLATE_NOOP("Export", "no space left on the disk")),
    errno.EROFS: str(QT_TRANSLATE_NOOP("Export", "the disk is read-only")),
    errno.ENOTDIR: str(QT_TRANSLATE_NOOP("Export", "a part of the path is a file, not a folder")),
    errno.EISDIR: str(QT_TRANSLATE_NOOP("Export", "it is a folder")),
    errno.EEXIST: str(QT_TRANSLATE_NOOP("Export", "it already exists")),
}


def _reason(exc: OSError) -> str:
    """Why an OS call failed, in the UI's language when it is one of the usual reasons."""
    if exc.errno in REASONS:
        return translate("Export", REASONS[exc.errno])
    return str(exc.strerror or exc)


# ---- atomic writing ----

def _atomic_write(path: Path, data: bytes) -> Path:
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(translate(
            "Export", "cannot write {0}: the folder {1} does not exist").format(path, folder))
    try:
        with atomic_write(path, suffix=".part") as f:
            f.write(data)
    except TempFileError as exc:
        raise ExportError(translate(
            "Export", "cannot write {0}: the folder is not writable ({1})").format(
            path, _reason(exc))) from exc
    except OSError as exc:
        raise ExportError(translate("Export", "cannot write {0}: {1}").format(
            path, _reason(exc))) from exc
    return path


def _grab(widget: QWidget) -> Any:
    """widget.grab() with its transient labels (hover text) blanked for the moment."""
    labels = [w for w in [widget, *widget.findChildren(QLabel)]
              if isinstance(w, QLabel) and w.property(TRANSIENT_PROPERTY)]
    texts = [label.text() for label in labels]
    for label in labels:
        label.setText("")
    try:
        return widget.grab()
    finally:
        for label, text in zip(labels, texts, strict=True):
            label.setText(text)


def _png_bytes(widget: QWidget) -> bytes:
    pixmap = _grab(widget)
    if pixmap.isNull() or pixmap.width() == 0 or pixmap.height() == 0:
        raise ExportError(translate("Export", "cannot export {0}: it has no visible area").format(
            type(widget).__name__))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = pixmap.save(buf, "PNG")
    buf.close()
    if not ok:
        raise ExportError(translate("Export", "cannot export {0}: PNG encoding failed").format(
            type(widget).__name__))
    return bytes(data.data())


def _csv_bytes(header: tuple[str, ...] | list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# ---- public functions ----

def export_widget_png(widget: QWidget, path: str | os.PathLike[str]) -> Path:
    """Save what `widget` shows as a PNG at `path`; returns the path."""
    return _atomic_write(Path(path), _png_bytes(widget))


def history_rows(history: Any) -> tuple[list[list[Any]], list[list[Any]]]:
    """(per-batch rows, per-epoch rows) of an engine History, in the CSV column order."""
    loss = np.asarray(history.batch_loss, np.float64)
    epoch = np.asarray(history.batch_epoch, np.float64)
    batches = [[i + 1, f"{epoch[i]:.6g}", f"{loss[i]:.6g}"] for i in range(loss.size)]
    columns = (history.epoch_train_acc, history.epoch_train_loss, history.epoch_test_acc,
               history.epoch_test_loss, history.epoch_images_per_s, history.epoch_seconds)
    n = max((len(c) for c in columns), default=0)
    epochs = [[e + 1] + [f"{c[e]:.6g}" if e < len(c) else "" for c in columns]
              for e in range(n)]
    return batches, epochs


def export_history_csv(history: Any, path: str | os.PathLike[str]) -> list[Path]:
    """Write the training history as two CSVs: per batch at `path`, per epoch beside it
    as `<stem>_epochs.csv`. Returns both paths."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        path = path.with_name(path.name + ".csv")
    batches, epochs = history_rows(history)
    epochs_path = path.with_name(f"{path.stem}_epochs.csv")
    return [_atomic_write(path, _csv_bytes(BATCH_COLUMNS, batches)),
            _atomic_write(epochs_path, _csv_bytes(EPOCH_COLUMNS, epochs))]


def _curves_widget(history: Any) -> QWidget:
    """The app's own curves (same colours, log loss axis, learning rate) of a History."""
    from .curves import CurvesWidget

    w = CurvesWidget()
    w.log_check.hide()  # a switch means nothing on paper
    w.resize(1280, 440)
    layout = w.layout()
    if layout is not None:
        layout.activate()  # never shown: lay the plots out at this size before the grab
    epochs = float(history.batch_epoch[-1]) if len(history.batch_epoch) else None
    w.update_history(history, epoch_float=epochs, force=True)
    return w


def _dispose(widget: QWidget) -> None:
    """Destroy a temporary widget now: pyqtgraph scenes left for the garbage collector can
    crash the interpreter at exit when nothing runs the event loop any more."""
    for view in widget.findChildren(pg.GraphicsView):
        view.close()  # pyqtgraph's GraphicsView.close() also clears its scene
    widget.close()
    shiboken6.delete(widget)


def _slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower()
    return s or "view"


def write_report(folder: str | os.PathLike[str], snapshot: Any,
                 widgets: Mapping[str, QWidget] | None = None, *,
                 class_names: tuple[str, ...] | None = None) -> Path:
    """Write a report of the current training into `folder` (created if missing).

    Contents: curves.png (loss, accuracy), confusion_matrix.png + .csv (when the test set
    has been evaluated), one `<name>.png` per given widget (e.g. the network's maps),
    history.csv + history_epochs.csv, and README.txt listing the files. Everything is
    staged in a temporary folder first, so a failure leaves no partial files behind.
    `class_names` (e.g. the dataset's) label the confusion matrix; digits 0-9 otherwise.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(translate("Export", "cannot create the report folder {0}: {1}").format(
            folder, _reason(exc))) from exc
    try:
        stage = Path(tempfile.mkdtemp(prefix=".report-", dir=folder))
    except OSError as exc:
        raise ExportError(translate(
            "Export", "cannot write into {0}: the folder is not writable ({1})").format(
            folder, _reason(exc))) from exc
    try:
        listing = _stage_report(stage, snapshot, dict(widgets or {}), class_names)
        for name in listing:
            os.replace(stage / name, folder / name)
    except OSError as exc:
        if isinstance(exc, ExportError):
            raise
        raise ExportError(translate("Export", "cannot write the report into {0}: {1}").format(
            folder, _reason(exc))) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return folder


def _stage_report(stage: Path, snap: Any, widgets: dict[str, QWidget],
                  class_names: tuple[str, ...] | None) -> dict[str, str]:
    """Write every report file into `stage`; returns {file name: description}."""
    files: dict[str, str] = {}
    history = snap.history
    curves = _curves_widget(history)
    try:
        export_widget_png(curves, stage / "curves.png")
    finally:
        _dispose(curves)
    files["curves.png"] = translate("Export", "training loss per batch (log axis) with the "
                                              "learning rate, and accuracy per epoch")
    ev = getattr(snap, "evaluation", None)
    if ev is not None:
        from .insights.confusion import ConfusionMatrix

        counts = ev.confusion()
        names = [str(n) for n in class_names] if class_names else [
            str(i) for i in range(counts.shape[0])]
        matrix = ConfusionMatrix()
        matrix.set_counts(counts, tuple(names))
        matrix.resize(560, 560)
        try:
            export_widget_png(matrix, stage / "confusion_matrix.png")
        finally:
            _dispose(matrix)
        rows = [[names[i], *map(int, counts[i])] for i in range(counts.shape[0])]
        _atomic_write(stage / "confusion_matrix.csv",
                      _csv_bytes(["true \\ predicted", *names], rows))
        files["confusion_matrix.png"] = translate(
            "Export", "test-set confusion matrix (rows true, columns predicted), accuracy "
                      "{0:.2f}%, {1}").format(100 * ev.accuracy, evaluated_when(ev))
        files["confusion_matrix.csv"] = translate("Export", "the same counts as CSV")
    for title, widget in widgets.items():
        name = f"{_slug(title)}.png"
        export_widget_png(widget, stage / name)
        files[name] = translate("Export", title)  # the caller's English title, marked
    for p in export_history_csv(history, stage / "history.csv"):
        files[p.name] = (
            translate("Export", "per-batch training loss (step, epoch, loss)")
            if p.name == "history.csv"
            else translate("Export", "per-epoch accuracy, loss and speed"))
    files["README.txt"] = translate("Export", "this list")
    _atomic_write(stage / "README.txt", _readme(snap, files, ev is not None).encode("utf-8"))
    return files


def _readme(snap: Any, files: dict[str, str], evaluated: bool) -> str:
    """README.txt: what the report is and what each file holds."""
    lines = [
        translate("Export", "lenet-gui training report"),
        translate("Export", "written {0}").format(time.strftime("%Y-%m-%d %H:%M:%S")),
        translate("Export", "step {0}, epoch {1} of {2}, state {3}").format(
            snap.step, epoch_shown(snap.epoch, snap.epochs), snap.epochs,
            engine_texts.text(str(snap.state))),
        "",
        translate("Export", "files:"),
        *(f"  {name:<28} {what}" for name, what in files.items()),
        "",
    ]
    if not evaluated:
        lines += [translate("Export", "No confusion matrix: the test set had not been evaluated "
                                      "yet (training evaluates it after every epoch)."), ""]
    return "\n".join(lines)
