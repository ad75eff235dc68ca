"""The app survives what users do to it: bad command-line files, odd settings, downloads that
fail in the data dialog. Every case ends in a clear message, a working window and, for data,
the built-in digits as a fallback. (Divergence at lr 1e3 and a corrupt checkpoint from the
File menu: test_main_window.py; the pad's odd drawings: test_pad.py.)"""

from __future__ import annotations

import errno
import http.server
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from engine import load_checkpoint
from engine.data import MNIST_FILES
from engine.data import download as download_module
from lenet_gui import data_dialog
from lenet_gui.app import create_window, parse_args
from lenet_gui.data_dialog import DataDialog, DataLoader

WAIT_MS = 20000
SHARED_MNIST = Path(__file__).resolve().parents[3] / "shared" / "data" / "mnist"


@pytest.fixture
def small_builtin(monkeypatch):
    """The built-in fallback generates a few hundred digits only (fast)."""
    monkeypatch.setattr(DataLoader, "builtin_kwargs", {"n_train": 300, "n_test": 100})


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LENET_GUI_CACHE", str(cache))
    monkeypatch.delenv("LENET_DATA_DIR", raising=False)
    monkeypatch.delenv("LENET_FASHION_DIR", raising=False)
    return cache


def _app_window(qtbot, argv):
    """The window `python main.py ARGV` opens (not exec'd), shown; closed by qtbot."""
    args, qt_args = parse_args(argv)
    assert qt_args == []
    _app, window = create_window(args, qt_args)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


# ------------------------------------------------------------------ command-line files
def test_a_missing_checkpoint_opens_the_app_with_a_message(qtbot, settings_dir, small_builtin,
                                                          empty_cache):
    window = _app_window(qtbot, ["--dataset", "builtin", "--checkpoint", "/nonexistent.npz"])
    qtbot.waitUntil(lambda: window.dataset is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "/nonexistent.npz" in window.banner.text(), timeout=WAIT_MS)
    # the engine says "no such file"; the window words it as every missing file: "file not found"
    assert "file not found" in window.banner.text() and window.banner.kind == "error"
    assert window.trainer is not None and window.trainer.step_count == 0
    window.step()  # and it trains
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    window.close()


def test_a_corrupt_checkpoint_opens_the_app_with_a_message(qtbot, tmp_path, settings_dir,
                                                          small_builtin, empty_cache):
    bad = tmp_path / "half.npz"
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    window = _app_window(qtbot, ["--dataset", "builtin", "--checkpoint", str(bad)])
    qtbot.waitUntil(lambda: window.dataset is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "half.npz" in window.banner.text(), timeout=WAIT_MS)
    assert window.net.config.preset == "lenet5"  # a fresh network, nothing half-loaded
    window.close()


def test_a_missing_data_folder_says_so_and_falls_back(qtbot, settings_dir, small_builtin,
                                                      empty_cache):
    window = _app_window(qtbot, ["--data", "/nonexistent/mnist"])
    qtbot.waitUntil(lambda: window.dataset is not None, timeout=WAIT_MS)
    assert window.dataset.name == "builtin"
    assert "/nonexistent/mnist" in window.banner.text()
    assert "does not exist" in window.banner.text() and "built-in" in window.banner.text()
    assert "built-in" in window.data_label.text()
    window.close()


def test_a_data_folder_with_a_truncated_file(qtbot, tmp_path, settings_dir, small_builtin,
                                             empty_cache):
    from engine.data import write_idx

    folder = tmp_path / "mnist"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for split, n in (("train", 20), ("test", 10)):
        write_idx(folder / MNIST_FILES[f"{split}_images"],
                  rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        write_idx(folder / MNIST_FILES[f"{split}_labels"], np.arange(n) % 10)
    target = folder / MNIST_FILES["train_images"]
    target.write_bytes(target.read_bytes()[:60])
    window = _app_window(qtbot, ["--data", str(folder)])
    qtbot.waitUntil(lambda: window.dataset is not None, timeout=WAIT_MS)
    assert window.dataset.name == "builtin"
    assert target.name in window.banner.text()
    window.close()


# ------------------------------------------------------------------ settings
def test_learning_rate_zero_trains_without_changing_the_weights(qtbot, window):
    window.controls.lr.setValue(0.0)
    before = {k: v.copy() for k, v in window.net.params.items()}
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 2, timeout=WAIT_MS)
    window.stop()
    assert window.trainer.base_lr == 0.0
    for k, v in before.items():
        np.testing.assert_array_equal(window.net.params[k], v)
    assert not window.banner.isVisible()


def test_a_negative_learning_rate_is_refused(qtbot, window):
    window.controls.lr.setValue(-0.5)  # the spin box does not go below 0
    assert window.controls.lr.value() == 0.0 and window.controls.lr.minimum() == 0.0
    window.set_lr(-0.5)  # and should anything else pass one: a message, no change
    assert "Learning rate" in window.banner.text() and window.banner.kind == "error"
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    assert window.trainer.base_lr == 0.0  # the last valid value, never the negative one


def test_a_batch_larger_than_the_dataset_is_clamped_and_said_so(qtbot, window, small_dataset):
    n = len(small_dataset.train_labels)
    window.controls.batch_size.setValue(4096)
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    assert window.trainer.batch_size == n  # clamped: one batch is the whole set
    said = window.statusBar().currentMessage() + " " + window.banner.text()
    assert "4096" in said and (f"{n:,}" in said or str(n) in said), said


def test_a_batch_larger_than_the_dataset_still_trains(qtbot, window, small_dataset):
    window.controls.batch_size.setValue(4096)
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    assert window.trainer.batch_size == len(small_dataset.train_labels)
    assert window.trainer.epoch == 1
    assert np.isfinite(window.trainer.history.batch_loss[-1])


def test_saving_after_a_divergence_says_what_the_file_holds(qtbot, window, tmp_path):
    window.controls.lr.setValue(1000.0)
    window.start()
    qtbot.waitUntil(lambda: window.worker is None, timeout=WAIT_MS)
    assert window.trainer.divergence is not None
    path = window.save_checkpoint(tmp_path / "after.npz")
    assert path is not None
    said = window.statusBar().currentMessage()
    assert "diverged" in said and "1000" in said, said
    ckpt = load_checkpoint(path)
    assert ckpt.notes["diverged"]["lr"] == 1000.0 and ckpt.train_config["lr"] < 1000.0
    for k, v in ckpt.params.items():  # the weights put back, all finite
        np.testing.assert_array_equal(window.net.params[k], v)


def test_a_batch_too_large_for_the_memory_is_an_error_message(qtbot, window, monkeypatch):
    from engine.training import memory

    monkeypatch.setattr(memory, "available_memory", lambda: 30 * 10**6)
    shown = []
    real = window.show_error
    monkeypatch.setattr(window, "show_error", lambda *a: (shown.append(a), real(*a)))
    window.controls.batch_size.setValue(4096)  # the 2,000 images of the data at once
    window.step()
    assert len(shown) == 1 and shown[0][0] == "Cannot train" and "at most" in shown[0][1]
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    assert window.trainer.batch_size == 64  # trained on with the default batch, as said


# ------------------------------------------------------------------ downloads in the dialog
class _Handler(http.server.BaseHTTPRequestHandler):
    """/<mode>/<file>: ok; trunc (half the body, then the connection closes); hang."""

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        mode, _, name = self.path.lstrip("/").partition("/")
        if mode == "hang":
            self.server.stop.wait(10.0)
            return
        if name not in MNIST_FILES.values():
            self.send_error(404)
            return
        data = (SHARED_MNIST / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data if mode == "ok" else data[: len(data) // 2])


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture
def mirror(monkeypatch):
    """mirror(mode): MNIST's mirrors replaced by one local server in that mode."""
    if not (SHARED_MNIST / "t10k-labels-idx1-ubyte.gz").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"verified MNIST copy missing: {SHARED_MNIST}")
        pytest.skip(f"verified MNIST copy missing: {SHARED_MNIST}")
    server = _Server(("127.0.0.1", 0), _Handler)
    server.stop = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"

    def use(mode: str) -> None:
        monkeypatch.setitem(download_module.MIRRORS, "mnist", [f"{url}/{mode}/"])

    yield use
    server.stop.set()
    server.shutdown()
    server.server_close()
    thread.join()


def _no_partial_files(cache: Path) -> None:
    folder = cache / "mnist"
    left = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    assert left == [], left


def _failed_download(qtbot, dlg: DataDialog) -> str:
    dlg.start_download()
    assert not dlg.builtin_button.isEnabled() and dlg.cancel_button.isVisibleTo(dlg)
    downloader = dlg._downloader
    qtbot.waitUntil(lambda: dlg.builtin_button.isEnabled(), timeout=WAIT_MS)
    downloader.worker_thread.join(1.0)
    assert not downloader.worker_thread.is_alive()
    assert not dlg.progress.isVisibleTo(dlg) and not dlg.cancel_button.isVisibleTo(dlg)
    assert dlg.details_button.isVisibleTo(dlg)  # the technical message, one click away
    return dlg.status.text() + "\n" + dlg.details.text()


@pytest.mark.parametrize(("mode", "words"), [
    ("trunc", "truncated response"),
    ("hang", "timed out"),
    ("enospc", "disk full"),
])
def test_a_failed_download_says_why_leaves_nothing_and_offers_builtin(
        qtbot, mirror, empty_cache, monkeypatch, mode, words):
    if mode == "enospc":
        def full(f, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(download_module, "_write_chunk", full)
    mirror("hang" if mode == "hang" else "trunc" if mode == "trunc" else "ok")
    monkeypatch.setattr(data_dialog._Downloader, "download_kwargs", {"timeout": 0.5})
    dlg = DataDialog("mnist", "MNIST not found")
    qtbot.addWidget(dlg)
    dlg.show()
    text = _failed_download(qtbot, dlg)
    assert words in text, text
    if mode != "enospc":  # "disk full while writing 16": see test_reliability_data.py
        assert MNIST_FILES["train_images"] in text, text
    _no_partial_files(empty_cache)
    dlg.builtin_button.click()  # the fallback is one click away
    assert dlg.result() == DataDialog.DialogCode.Accepted and dlg.dataset is None


def test_closing_the_dialog_during_a_download_cancels_it(qtbot, mirror, empty_cache):
    mirror("hang")
    dlg = DataDialog("mnist", "MNIST not found")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.start_download()
    downloader = dlg._downloader
    ended: list[object] = []  # how the download ended: its message (or a dataset)
    downloader.failed.connect(ended.append)
    downloader.done.connect(ended.append)
    qtbot.wait(300)
    assert downloader.worker_thread.is_alive()
    dlg.close()  # Escape / the window's close button
    assert downloader.cancel.is_set()
    downloader.worker_thread.join(60.0)  # a guard against a hang only
    assert not downloader.worker_thread.is_alive(), "the download outlived its dialog"
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    # by its cancel: the mirror answers nothing for 10 s, the socket timeout is 30 s
    assert "cancelled" in str(ended[0]), ended
    assert dlg.result() == DataDialog.DialogCode.Rejected and dlg.dataset is None
    _no_partial_files(empty_cache)


def test_startup_without_mnist_a_failed_download_falls_back_to_builtin(
        qtbot, mirror, empty_cache, settings_dir, small_builtin, monkeypatch):
    """The real flow: MNIST is not found, the dialog opens, the person presses
    Download, it fails, the dialog says why, they pick the built-in digits."""
    from lenet_gui.window import MainWindow

    mirror("trunc")
    boxes = []
    monkeypatch.setattr("lenet_gui.window.main_window.QMessageBox.warning",
                        lambda *a: boxes.append(a))
    seen: dict[str, str] = {}

    def drive() -> None:
        dlg = next((d for d in QApplication.topLevelWidgets()  # not modal: see DataController
                    if isinstance(d, DataDialog) and d.isVisible()), None)
        if not isinstance(dlg, DataDialog):
            return
        if "started" not in seen:
            seen["started"] = "yes"
            dlg.download_button.click()
        elif dlg.builtin_button.isEnabled():
            seen["message"] = dlg.status.text() + "\n" + dlg.details.text()
            dlg.builtin_button.click()

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    try:
        window = MainWindow(dataset_name="mnist", ask_for_data=True)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.dataset is not None, timeout=WAIT_MS)
    finally:
        timer.stop()
    assert "truncated response" in seen["message"]
    assert window.dataset.name == "builtin" and "built-in" in window.data_label.text()
    assert boxes == []
    _no_partial_files(empty_cache)
    window.close()
