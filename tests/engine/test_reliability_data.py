"""Bad data input the other data tests do not reach: IDX files cut at every point of every
region, unreadable folders and files with permissions that really bind (also for root, whose
DAC capabilities the child process drops), special files in place of data or checkpoints, and
downloads that end badly in ways the downloader tests do not cover. Only the project's own
clear errors may escape, and no partial file is ever left in the cache."""

from __future__ import annotations

import errno
import gzip
import http.server
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest
from engine_helpers import ROOT, SHARED_MNIST, run_train

from engine import CheckpointError, DataError, DownloadError, build_network, save_checkpoint
from engine.data import MD5, MNIST_FILES, download_dataset, load_dataset_dir, read_idx, write_idx
from engine.data import download as download_module
from engine.io import atomic

IMAGES = np.random.default_rng(0).integers(0, 256, (3, 4, 5), dtype=np.uint8)
LABELS = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
RAW_IMAGES = struct.pack(">iiii", 2051, *IMAGES.shape) + IMAGES.tobytes()  # 16 + 60 bytes
RAW_LABELS = struct.pack(">ii", 2049, len(LABELS)) + LABELS.tobytes()  # 8 + 5 bytes


def _expect_data_error(path: Path, *words: str) -> str:
    with pytest.raises(DataError) as info:
        read_idx(path)
    message = str(info.value)
    assert path.name in message, message
    for word in words:
        assert word in message, message
    assert "\n" not in message
    return message


# ------------------------------------------------------------------ truncation, every region
@pytest.mark.parametrize("compress", [False, True], ids=["raw", "gz"])
@pytest.mark.parametrize("cut", range(16))
def test_images_cut_anywhere_in_the_header(tmp_path, compress, cut):
    blob = RAW_IMAGES[:cut]
    path = tmp_path / "images.idx"
    path.write_bytes(gzip.compress(blob, mtime=0) if compress else blob)
    _expect_data_error(path, "truncated", "header")


@pytest.mark.parametrize("compress", [False, True], ids=["raw", "gz"])
@pytest.mark.parametrize("cut", range(8))
def test_labels_cut_anywhere_in_the_header(tmp_path, compress, cut):
    blob = RAW_LABELS[:cut]
    path = tmp_path / "labels.idx"
    path.write_bytes(gzip.compress(blob, mtime=0) if compress else blob)
    _expect_data_error(path, "truncated", "header")


# images: header only, inside the first image, at each image boundary, one byte short
_IMAGE_DATA_CUTS = [16, 17, 16 + 10, 16 + 20, 16 + 21, 16 + 40, len(RAW_IMAGES) - 1]
_LABEL_DATA_CUTS = [8, 9, 8 + 3, len(RAW_LABELS) - 1]


@pytest.mark.parametrize("compress", [False, True], ids=["raw", "gz"])
@pytest.mark.parametrize(("kind", "cut"), [("images", c) for c in _IMAGE_DATA_CUTS]
                         + [("labels", c) for c in _LABEL_DATA_CUTS])
def test_cut_anywhere_in_the_data(tmp_path, compress, kind, cut):
    blob = (RAW_IMAGES if kind == "images" else RAW_LABELS)[:cut]
    path = tmp_path / f"{kind}.idx"
    path.write_bytes(gzip.compress(blob, mtime=0) if compress else blob)
    message = _expect_data_error(path, "truncated data", kind)
    header = 16 if kind == "images" else 8
    assert f"only {cut - header} bytes follow" in message


_GZ = gzip.compress(RAW_IMAGES, mtime=0)
# the gzip stream itself cut: inside its 10-byte header, in the deflate data, in the trailer
_GZ_CUTS = [1, 2, 3, 5, 9, 10, 11, len(_GZ) // 2, len(_GZ) - 9, len(_GZ) - 8, len(_GZ) - 5,
            len(_GZ) - 1]


@pytest.mark.parametrize("cut", _GZ_CUTS)
def test_gzip_stream_cut_anywhere(tmp_path, cut):
    path = tmp_path / "images.gz"
    path.write_bytes(_GZ[:cut])
    _expect_data_error(path)


def test_the_uncut_files_read_back(tmp_path):
    (tmp_path / "i").write_bytes(RAW_IMAGES)
    (tmp_path / "l.gz").write_bytes(gzip.compress(RAW_LABELS))
    np.testing.assert_array_equal(read_idx(tmp_path / "i"), IMAGES)
    np.testing.assert_array_equal(read_idx(tmp_path / "l.gz"), LABELS)


# ------------------------------------------------------------------ whole folders
def _four_files(directory: Path, n_train: int = 10, n_test: int = 4) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    for split, n in (("train", n_train), ("test", n_test)):
        write_idx(directory / MNIST_FILES[f"{split}_images"],
                  rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        write_idx(directory / MNIST_FILES[f"{split}_labels"], (np.arange(n) % 10))


def test_a_folder_with_zero_images_is_a_clear_error(tmp_path):
    _four_files(tmp_path / "d")
    target = tmp_path / "d" / MNIST_FILES["test_images"]
    target.write_bytes(gzip.compress(struct.pack(">iiii", 2051, 0, 28, 28)))
    with pytest.raises(DataError, match="0 images") as info:
        load_dataset_dir("mnist", tmp_path / "d")
    assert target.name in str(info.value)


@pytest.mark.parametrize("compress", [False, True], ids=["raw", "gz"])
def test_lenet_train_on_a_header_past_64_bits_says_so_in_one_line(tmp_path, compress):
    _four_files(tmp_path / "d")
    target = tmp_path / "d" / MNIST_FILES["train_images"]
    header = struct.pack(">iiii", 2051, 1 << 30, 1 << 30, 16)  # 2**64 bytes: 0 in int64
    target.write_bytes(gzip.compress(header) if compress else header)
    r = run_train("--dataset", "mnist", "--data", str(tmp_path / "d"), "--epochs", "1")
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert target.name in r.stderr and "corrupt header" in r.stderr, r.stderr


def test_a_folder_whose_parent_is_a_file(tmp_path):
    (tmp_path / "plain").write_text("not a folder")
    with pytest.raises(DataError) as info:
        load_dataset_dir("mnist", tmp_path / "plain" / "mnist")
    assert "plain" in str(info.value)


# The child drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its own capability sets, so
# file permissions bind even when the tests run as root (as in CI); for a normal user this
# changes nothing.
_NO_DAC = r"""
import ctypes, sys
sys.path.insert(0, sys.argv[1])

class Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

class Data(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]

libc = ctypes.CDLL(None, use_errno=True)
header, data = Header(0x20080522, 0), (Data * 2)()
if libc.capget(ctypes.byref(header), data) != 0:
    sys.exit("capget failed")
keep = ~((1 << 1) | (1 << 2)) & 0xFFFFFFFF  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
for field in ("effective", "permitted", "inheritable"):
    setattr(data[0], field, getattr(data[0], field) & keep)
if libc.capset(ctypes.byref(header), data) != 0:
    sys.exit("capset failed")

from engine import LenetError, load_checkpoint
from engine.data import load_dataset_dir
kind, path = sys.argv[2], sys.argv[3]
try:
    if kind == "checkpoint":
        load_checkpoint(path)
    else:
        load_dataset_dir("mnist", path)
except LenetError as exc:
    print(type(exc).__name__ + ": " + str(exc))
else:
    print("loaded")
"""


def _load_without_dac(kind: str, path: Path) -> str:
    if not sys.platform.startswith("linux"):  # elsewhere permissions bind a normal user
        from engine import LenetError, load_checkpoint

        try:
            load_checkpoint(path) if kind == "checkpoint" else load_dataset_dir("mnist", path)
        except LenetError as exc:
            return f"{type(exc).__name__}: {exc}"
        return "loaded"
    r = subprocess.run([sys.executable, "-c", _NO_DAC, str(ROOT), kind, str(path)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    return r.stdout.strip()


def test_an_unreadable_folder(tmp_path):
    locked = tmp_path / "locked"
    _four_files(locked)
    locked.chmod(0)
    try:
        out = _load_without_dac("data", locked)
    finally:
        locked.chmod(0o755)
    assert out.startswith("DataError:") and "locked" in out and "not readable" in out, out


def test_an_unreadable_file_in_a_folder(tmp_path):
    _four_files(tmp_path / "d")
    target = tmp_path / "d" / MNIST_FILES["train_labels"]
    target.chmod(0)
    out = _load_without_dac("data", tmp_path / "d")
    assert out.startswith("DataError:") and target.name in out and "permission denied" in out


def test_a_folder_that_can_be_listed_but_not_searched(tmp_path):
    locked = tmp_path / "listed"
    _four_files(locked)
    locked.chmod(0o444)  # r, no x: the names are visible, the files are not
    try:
        out = _load_without_dac("data", locked)
    finally:
        locked.chmod(0o755)
    assert out.startswith("DataError:") and "listed" in out and "not readable" in out, out


def test_an_unreadable_checkpoint(tmp_path):
    path = save_checkpoint(tmp_path / "run.npz", build_network("simple-cnn"))
    path.chmod(0)
    out = _load_without_dac("checkpoint", path)
    assert out.startswith("CheckpointError:") and "run.npz" in out and "ermission" in out


def test_a_device_in_place_of_an_idx_file():
    path = Path(os.devnull)
    with pytest.raises(DataError, match="truncated IDX header|not a regular file"):
        read_idx(path)


class _Fifo:
    """A FIFO, and a guard: every few seconds it unblocks a reader stuck opening it (so a
    hang fails the test rather than freezing the run) and notes that one was. A reader
    "refuses it at once" when it never blocks on it: no clock needed."""

    def __init__(self, path: Path) -> None:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs on this platform")
        os.mkfifo(path)
        self.path, self.blocked = path, False
        self._done = threading.Event()
        self._guard = threading.Thread(target=self._unblock, daemon=True)
        self._guard.start()

    def _unblock(self) -> None:
        while not self._done.wait(3.0):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # nobody is reading: nothing to unblock
                continue
            self.blocked = True  # a reader had opened it and was waiting for data
            os.close(fd)

    def __enter__(self) -> _Fifo:
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._guard.join()


def test_a_fifo_in_place_of_an_idx_file_is_refused_at_once(tmp_path):
    with _Fifo(tmp_path / "train-images-idx3-ubyte") as fifo, \
            pytest.raises(DataError, match="not a regular file"):
        read_idx(fifo.path)
    assert not fifo.blocked, "the reader opened the FIFO and waited on it"


def test_a_fifo_in_place_of_a_checkpoint_is_refused_at_once(tmp_path):
    with _Fifo(tmp_path / "run.npz") as fifo, \
            pytest.raises(CheckpointError, match="not a regular file"):
        load_checkpoint_path(fifo.path)
    assert not fifo.blocked, "the loader opened the FIFO and waited on it"


def load_checkpoint_path(path: Path) -> None:
    from engine import load_checkpoint

    load_checkpoint(path)


def test_a_fifo_in_a_data_folder_is_not_taken_for_a_file(tmp_path):
    _four_files(tmp_path / "d")
    target = tmp_path / "d" / MNIST_FILES["test_labels"]
    target.unlink()
    if not hasattr(os, "mkfifo"):  # no FIFOs here: a folder of that name instead
        target.mkdir()
        with pytest.raises(DataError, match="missing"):
            load_dataset_dir("mnist", tmp_path / "d")
        return
    with _Fifo(target) as fifo, pytest.raises(DataError, match="missing") as info:
        load_dataset_dir("mnist", tmp_path / "d")
    assert target.name in str(info.value)
    assert not fifo.blocked, "the loader opened the FIFO and waited on it"


# ------------------------------------------------------------------ downloads ending badly
SMALL = MNIST_FILES["test_labels"]


@pytest.fixture
def small_file() -> bytes:
    path = SHARED_MNIST / SMALL
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"verified MNIST copy missing: {path}")
        pytest.skip(f"verified MNIST copy missing: {path}")
    return path.read_bytes()


class _Handler(http.server.BaseHTTPRequestHandler):
    """/<mode>/<file>: ok; close (half the body, no Content-Length, then close); reset
    (half the body, then a TCP reset)."""

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        mode = self.path.lstrip("/").split("/")[0]
        data = self.server.payload
        self.send_response(200)
        if mode != "close":
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode == "ok":
            self.wfile.write(data)
            return
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True
        if mode == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture
def server(small_file):
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.payload = small_file
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join()


@pytest.fixture
def dest(tmp_path):
    """A cache folder holding the three other verified files: only SMALL is fetched."""
    folder = tmp_path / "cache" / "mnist"
    folder.mkdir(parents=True)
    for name in MNIST_FILES.values():
        if name != SMALL:
            shutil.copyfile(SHARED_MNIST / name, folder / name)
    return folder


def _assert_no_partial_file(folder: Path) -> None:
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(n for n in MNIST_FILES.values() if n != SMALL), names


@pytest.mark.parametrize("mode", ["close", "reset"])
def test_a_connection_ending_mid_body(server, dest, mode):
    with pytest.raises(DownloadError) as info:
        download_dataset("mnist", dest, mirrors=[f"{server}/{mode}/"], timeout=5)
    message = str(info.value)
    assert SMALL in message and "\n" not in message
    _assert_no_partial_file(dest)




def test_a_full_disk_mid_file_names_the_file_and_the_folder(server, dest, monkeypatch):
    def full(f, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(download_module, "_write_chunk", full)
    with pytest.raises(DownloadError, match="disk full") as info:
        download_dataset("mnist", dest, mirrors=[f"{server}/ok/"])
    _assert_no_partial_file(dest)
    assert SMALL in str(info.value) and str(dest) in str(info.value), str(info.value)


def test_a_full_disk_when_the_file_is_synced(server, dest, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(download_module.os, "fsync", full)
    with pytest.raises(DownloadError, match="disk full"):
        download_dataset("mnist", dest, mirrors=[f"{server}/ok/"])
    _assert_no_partial_file(dest)


def test_a_full_disk_before_the_first_byte(server, dest, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", full)  # where downloads make their file
    with pytest.raises(DownloadError, match="disk full"):
        download_dataset("mnist", dest, mirrors=[f"{server}/ok/"])
    _assert_no_partial_file(dest)


def test_a_cache_folder_that_cannot_be_created(tmp_path, small_file):
    (tmp_path / "file").write_text("x")
    with pytest.raises(DownloadError, match="cannot create download folder"):
        download_dataset("mnist", tmp_path / "file" / "mnist", mirrors=["http://127.0.0.1:9/"])


def test_the_good_download_still_works(server, dest):
    download_dataset("mnist", dest, mirrors=[f"{server}/close/", f"{server}/ok/"])
    assert sorted(p.name for p in dest.iterdir()) == sorted(MNIST_FILES.values())
    assert download_module.verify_md5(dest / SMALL, MD5["mnist"][SMALL])


def test_no_stray_files_in_the_system_temp_folder(server, dest):
    before = set(os.listdir(tempfile.gettempdir()))
    with pytest.raises(DownloadError):
        download_dataset("mnist", dest, mirrors=[f"{server}/reset/"], timeout=5)
    after = set(os.listdir(tempfile.gettempdir()))
    assert not {n for n in after - before if SMALL in n}
