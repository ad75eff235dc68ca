"""Loading data off the GUI thread, and the "MNIST was not found" dialog.

`DataLoader` runs `load_dataset` (or the built-in generator, which takes a few seconds) in a
background thread and reports through Qt signals. `DataDialog` offers Download (bytes
progress bar, Cancel), "Use built-in digits" and "Choose folder…"; the download runs
`download_dataset` in a thread with a `threading.Event` for cancel.

Neither thread lets an exception escape: every failure becomes a `failed(message)` signal, so
the window can say what went wrong and fall back to the built-in digits.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import (
    MNIST_FILES,
    Dataset,
    LenetError,
    builtin_dataset,
    default_cache_dir,
    download_dataset,
    load_dataset,
)

from . import engine_texts
from .download_errors import advice, plain_reason

DISPLAY = {  # translated where shown
    "mnist": "MNIST",
    "fashion": "Fashion-MNIST",
    "builtin": str(QT_TRANSLATE_NOOP("DataDialog", "built-in digits")),
}
CACHE_SUBDIR = {"mnist": "mnist", "fashion": "fashion-mnist"}  # as the engine's cache
# bytes of each file (fixed by their MD5s), so the bar can show the whole download
FILE_SIZES = {
    "mnist": {
        "train-images-idx3-ubyte.gz": 9_912_422,
        "train-labels-idx1-ubyte.gz": 28_881,
        "t10k-images-idx3-ubyte.gz": 1_648_877,
        "t10k-labels-idx1-ubyte.gz": 4_542,
    },
    "fashion": {
        "train-images-idx3-ubyte.gz": 26_421_880,
        "train-labels-idx1-ubyte.gz": 29_515,
        "t10k-images-idx3-ubyte.gz": 4_422_102,
        "t10k-labels-idx1-ubyte.gz": 5_148,
    },
}
_CLI_HINT = re.compile(r";?\s*pass --data DIR.*$")
_NOT_FOUND = re.compile(r"^(.*?) not found \(looked in (.*)\)$")



def _display(name: str) -> str:
    """A dataset's name for the user."""
    return QCoreApplication.translate("DataDialog", DISPLAY[name]) if name in DISPLAY else name


def gui_reason(reason: str) -> str:
    """The engine's message for a person at the window, not at a terminal: "MNIST not found
    (looked in X); pass --data DIR, download it, or use --dataset builtin" becomes
    "Looked for it in X."."""
    text = _CLI_HINT.sub("", reason.strip())
    m = _NOT_FOUND.match(text)
    if m:
        return QCoreApplication.translate("DataDialog", "Looked for {0} in {1}.").format(
            m.group(1), m.group(2))
    return engine_texts.error(text)


class DataLoader(QObject):
    """Load one dataset in a thread: `loaded(Dataset)` or `failed(message)`."""

    loaded = Signal(object)
    failed = Signal(str)
    builtin_kwargs: dict[str, Any] = {}  # e.g. {"n_train": 2000}: a smaller built-in set (tests)

    def __init__(self, name: str, data_dir: str | None = None) -> None:
        super().__init__()
        self.name, self.data_dir = name, data_dir
        # not `thread`: that is QObject.thread(), the Qt thread the object lives in
        self.worker_thread: threading.Thread | None = None
        self.cancelled = False

    def start(self) -> None:
        self.worker_thread = threading.Thread(target=self._run, name="lenet-data", daemon=True)
        self.worker_thread.start()

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
                self.failed.emit(f"{_display(self.name)}: {_describe(exc)}")
            return
        if not self.cancelled:
            self.loaded.emit(dataset)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    if isinstance(exc, MemoryError):
        return QCoreApplication.translate("DataDialog", "not enough memory")
    return engine_texts.error(str(exc)) or type(exc).__name__


class _Downloader(QObject):
    progress = Signal(object, object, str)  # done bytes, total bytes or None, file name
    done = Signal(object)  # Dataset
    failed = Signal(str)
    # extra keyword arguments for download_dataset, e.g. {"timeout": 0.5} (tests)
    download_kwargs: dict[str, Any] = {}

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.cancel = threading.Event()
        self.worker_thread: threading.Thread | None = None  # not QObject.thread()
        self._last = 0.0

    def start(self) -> None:
        self.worker_thread = threading.Thread(target=self._run, name="lenet-download",
                                              daemon=True)
        self.worker_thread.start()

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
            self.failed.emit(QCoreApplication.translate(
                "DataDialog", "download failed: {0}").format(_describe(exc)))
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
        shown = _display(name)
        missing = "not found" in reason
        self.setWindowTitle(self.tr("{0} not found — lenet-gui").format(shown) if missing
                            else self.tr("{0} — lenet-gui").format(shown))
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("<h3>{0} was not found on this computer</h3>").format(shown)
                       if missing else
                       self.tr("<h3>Where should the {0} images come from?</h3>").format(shown))
        lay.addWidget(title)
        megabytes = sum(FILE_SIZES.get(name, FILE_SIZES["mnist"]).values()) / 1e6
        text = QLabel(self.tr(
            "<b>Download {0}</b> fetches its four files (about {1:.0f} MB, from public "
            "mirrors, checked by MD5) into lenet-gui's cache folder, once.<br>"
            "<b>Choose folder…</b> uses a copy you already have: a folder with the four "
            "<i>…-ubyte.gz</i> files.<br>"
            "<b>Use built-in digits</b> continues with generated digits, which work offline.")
            .format(shown, megabytes))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(text)
        self.reason = QLabel(f"<span style='color:#666'>{gui_reason(reason)}</span>")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.reason)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        lay.addLayout(self._build_details())
        lay.addLayout(self._build_buttons(shown))
        hint = QLabel(self.tr("<span style='color:#888; font-size:small'>Starting lenet-gui "
                              "from a terminal? <tt>--data DIR</tt> opens a folder "
                              "directly.</span>"))
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(hint)
        self._needed: dict[str, int] = {}  # file -> its size, for the files still to fetch
        self._received: dict[str, int] = {}
        self.resize(580, 260)

    def _build_buttons(self, shown: str) -> QHBoxLayout:
        row = QHBoxLayout()
        self.download_button = QPushButton(self.tr("Download {0}").format(shown))
        self.download_button.setDefault(True)
        self.download_button.clicked.connect(self.start_download)
        self.builtin_button = QPushButton(self.tr("Use built-in digits"))
        self.builtin_button.clicked.connect(self.use_builtin)
        self.folder_button = QPushButton(self.tr("Choose folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.cancel_button = QPushButton(self.tr("Cancel download"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_download)
        for b in (self.download_button, self.builtin_button, self.folder_button,
                  self.cancel_button):
            row.addWidget(b)
        return row

    def _build_details(self) -> QVBoxLayout:
        """A failed download's technical message, below its plain first sentence, shown on
        request."""
        box = QVBoxLayout()
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Technical details"))
        self.details_button.setCheckable(True)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setAutoRaise(True)
        self.details_button.setVisible(False)
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet("color: #555")
        self.details.setVisible(False)

        def toggle(on: bool) -> None:
            self.details.setVisible(on)
            self.details_button.setArrowType(
                Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

        self.details_button.toggled.connect(toggle)
        box.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.details)
        return box

    def start_download(self) -> None:
        self._downloader = _Downloader(self.name)
        self._downloader.progress.connect(self._on_progress)
        self._downloader.done.connect(self._on_done)
        self._downloader.failed.connect(self._on_failed)
        for b in (self.download_button, self.builtin_button, self.folder_button):
            b.setEnabled(False)
        self.cancel_button.setVisible(True)
        self.progress.setVisible(True)
        self._begin_progress()
        self.status.setText(self.tr("Connecting…"))
        self.details_button.setVisible(False)
        self.details_button.setChecked(False)
        self._downloader.start()

    def _begin_progress(self) -> None:
        """The files still to fetch (a verified file in the cache is skipped) and their
        sizes: the bar shows the bytes of all of them, not one file after another."""
        sizes = FILE_SIZES.get(self.name, {})
        cache = default_cache_dir() / CACHE_SUBDIR.get(self.name, self.name)
        self._needed = {}
        for filename in MNIST_FILES.values():
            size = sizes.get(filename)
            try:
                there = size is not None and (cache / filename).stat().st_size == size
            except OSError:
                there = False
            if not there:
                self._needed[filename] = size or 0
        self._received = {}
        self.progress.setRange(0, 0)  # busy until the first bytes

    def cancel_download(self) -> None:
        if self._downloader is not None:
            self._downloader.cancel.set()
            self.status.setText(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int | None, filename: str) -> None:
        """One file's progress (its bytes so far, its size or None) -> the whole download's."""
        if total:
            self._needed[filename] = int(total)
        else:
            self._needed.setdefault(filename, 0)
        self._received[filename] = int(done)  # a retry from another mirror starts again
        files = list(self._needed)
        k = files.index(filename) + 1
        got = sum(min(self._received.get(f, 0), self._needed[f] or self._received.get(f, 0))
                  for f in files)
        if all(self._needed.values()):
            whole = sum(self._needed.values())
            self.progress.setRange(0, 1000)
            self.progress.setValue(min(1000, int(1000 * got / whole)))
            self.status.setText(self.tr("{0:.1f} of {1:.1f} MB · file {2} of {3} ({4})")
                                .format(got / 1e6, whole / 1e6, k, len(files), filename))
        else:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("{0:.1f} MB · file {1} of {2} ({3})")
                                .format(got / 1e6, k, len(files), filename))

    def _on_done(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._downloader = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        for b in (self.download_button, self.builtin_button, self.folder_button):
            b.setEnabled(True)
        # a plain first sentence; the engine's message (mirrors, errno texts) below it
        self.status.setText(f"<span style='color:#b00'><b>{plain_reason(message)}</b></span> "
                            f"{advice(message)}")
        self.details.setText(engine_texts.error(message))
        self.details_button.setVisible(True)

    def use_builtin(self) -> None:
        self.dataset = None
        self.accept()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder with the four {0} files").format(_display(self.name)),
            self.last_folder or str(Path.home()))
        if not folder:
            return
        self.last_folder = folder
        try:
            self.dataset = load_dataset(self.name, folder)
        except LenetError as exc:
            self.status.setText(f"<span style='color:#b00'>{engine_texts.error(str(exc))}</span>")
            return
        except Exception as exc:  # noqa: BLE001 - an unreadable folder must not crash the app
            self.status.setText(f"<span style='color:#b00'>{folder}: {_describe(exc)}</span>")
            return
        self.folder = folder
        self.accept()

    def reject(self) -> None:  # Escape / close: like "use built-in digits"
        self.cancel_download()
        super().reject()
