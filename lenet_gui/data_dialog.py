"""Loading data off the GUI thread, and the "MNIST was not found" dialog.

`DataLoader` runs `load_dataset` (or the built-in generator, which takes a few seconds) in a
background thread and reports through Qt signals. `DataDialog` offers Download (bytes
progress bar, Cancel), "Use built-in digits" and "Choose folder…"; the download runs
`download_dataset` in a thread with a `threading.Event` for cancel.

Neither thread lets an exception escape: every failure becomes a `failed(message)` signal, so
the window can say what went wrong and fall back to the built-in digits.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine import Dataset, LenetError, builtin_dataset, download_dataset, load_dataset

DISPLAY = {"mnist": "MNIST", "fashion": "Fashion-MNIST", "builtin": "built-in digits"}


class DataLoader(QObject):
    """Load one dataset in a thread: `loaded(Dataset)` or `failed(message)`."""

    loaded = Signal(object)
    failed = Signal(str)
    builtin_kwargs: dict = {}  # e.g. {"n_train": 2000}: a smaller built-in set (tests)

    def __init__(self, name: str, data_dir: str | None = None) -> None:
        super().__init__()
        self.name, self.data_dir = name, data_dir
        self.thread: threading.Thread | None = None
        self.cancelled = False

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="lenet-data", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            if self.name == "builtin" and self.builtin_kwargs:
                dataset = builtin_dataset(**self.builtin_kwargs)
            else:
                dataset = load_dataset(self.name, self.data_dir, download=False)
        except LenetError as exc:
            if not self.cancelled:
                self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - OSError, MemoryError, ...: say it, never crash
            if not self.cancelled:
                self.failed.emit(f"{DISPLAY.get(self.name, self.name)}: {_describe(exc)}")
            return
        if not self.cancelled:
            self.loaded.emit(dataset)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    if isinstance(exc, MemoryError):
        return "not enough memory"
    return str(exc) or type(exc).__name__


class _Downloader(QObject):
    progress = Signal(object, object, str)  # done bytes, total bytes or None, file name
    done = Signal(object)  # Dataset
    failed = Signal(str)
    # extra keyword arguments for download_dataset, e.g. {"timeout": 0.5} (tests)
    download_kwargs: dict = {}

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.cancel = threading.Event()
        self.thread: threading.Thread | None = None
        self._last = 0.0

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="lenet-download", daemon=True)
        self.thread.start()

    def _progress(self, done: int, total: int | None, filename: str) -> None:
        now = time.monotonic()
        if now - self._last >= 0.05 or (total is not None and done >= total):
            self._last = now
            self.progress.emit(done, total, filename)

    def _run(self) -> None:
        try:
            download_dataset(self.name, progress=self._progress, cancel=self.cancel,
                             **self.download_kwargs)
            dataset = load_dataset(self.name, download=False)
        except LenetError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - never a traceback from this thread
            self.failed.emit(f"download failed: {_describe(exc)}")
            return
        self.done.emit(dataset)


class DataDialog(QDialog):
    """Asks what to do when a dataset is not on this computer. After exec(), `dataset` is
    the loaded Dataset, or None for "use built-in digits"."""

    def __init__(self, name: str, reason: str, last_folder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.dataset: Dataset | None = None
        self.folder: str | None = None
        self.last_folder = last_folder
        self._downloader: _Downloader | None = None
        shown = DISPLAY.get(name, name)
        self.setWindowTitle(f"{shown} not found — lenet-gui")
        lay = QVBoxLayout(self)
        title = QLabel(f"<h3>{shown} was not found on this computer</h3>")
        lay.addWidget(title)
        text = QLabel(
            f"lenet-gui can download {shown} (about 11 MB, from public mirrors, checked by "
            "MD5) into your cache folder, read it from a folder you choose, or continue with "
            "the built-in generated digits, which work offline.")
        text.setWordWrap(True)
        lay.addWidget(text)
        self.reason = QLabel(f"<span style='color:#666'>{reason}</span>")
        self.reason.setWordWrap(True)
        lay.addWidget(self.reason)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        self.download_button = QPushButton(f"Download {shown}")
        self.download_button.setDefault(True)
        self.download_button.clicked.connect(self.start_download)
        self.builtin_button = QPushButton("Use built-in digits")
        self.builtin_button.clicked.connect(self.use_builtin)
        self.folder_button = QPushButton("Choose folder…")
        self.folder_button.clicked.connect(self.choose_folder)
        self.cancel_button = QPushButton("Cancel download")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_download)
        for b in (self.download_button, self.builtin_button, self.folder_button,
                  self.cancel_button):
            row.addWidget(b)
        lay.addLayout(row)
        self.resize(560, 220)

    def start_download(self) -> None:
        self._downloader = _Downloader(self.name)
        self._downloader.progress.connect(self._on_progress)
        self._downloader.done.connect(self._on_done)
        self._downloader.failed.connect(self._on_failed)
        for b in (self.download_button, self.builtin_button, self.folder_button):
            b.setEnabled(False)
        self.cancel_button.setVisible(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText("Connecting…")
        self._downloader.start()

    def cancel_download(self) -> None:
        if self._downloader is not None:
            self._downloader.cancel.set()
            self.status.setText("Cancelling…")

    def _on_progress(self, done, total, filename: str) -> None:
        if total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))
            self.status.setText(f"{filename}: {done / 1e6:.1f} of {total / 1e6:.1f} MB")
        else:
            self.progress.setRange(0, 0)
            self.status.setText(f"{filename}: {done / 1e6:.1f} MB")

    def _on_done(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._downloader = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        for b in (self.download_button, self.builtin_button, self.folder_button):
            b.setEnabled(True)
        self.status.setText(f"<span style='color:#b00'>{message}</span>")

    def use_builtin(self) -> None:
        self.dataset = None
        self.accept()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, f"Folder with the four {DISPLAY.get(self.name)} files",
            self.last_folder or str(Path.home()))
        if not folder:
            return
        self.last_folder = folder
        try:
            self.dataset = load_dataset(self.name, folder)
        except LenetError as exc:
            self.status.setText(f"<span style='color:#b00'>{exc}</span>")
            return
        except Exception as exc:  # noqa: BLE001 - an unreadable folder must not crash the app
            self.status.setText(f"<span style='color:#b00'>{folder}: {_describe(exc)}</span>")
            return
        self.folder = folder
        self.accept()

    def reject(self) -> None:  # Escape / close: like "use built-in digits"
        self.cancel_download()
        super().reject()
