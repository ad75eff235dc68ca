"""The downloader against a real HTTP server on 127.0.0.1 serving the verified MNIST copy."""

from __future__ import annotations

import errno
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from engine_helpers import returns, shared_data

from engine.data import MD5, MNIST_FILES, download_dataset, load_dataset, verify_md5
from engine.data import download as download_module
from engine.errors import DownloadError

SMALL = MNIST_FILES["test_labels"]  # 4542 bytes: the file most failure tests fetch




class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handler threads
    block_on_close = True

    def __init__(self, root: Path, bad_root: Path):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.bad_root = bad_root
        self.stop = threading.Event()
        self.requests: list[str] = []

    def handle_error(self, request, client_address):  # client hung up: expected here
        pass


class _Handler(http.server.BaseHTTPRequestHandler):
    """/<mode>/<file>: ok, missing (404), trunc, hang (no reply), stall (half, then wait),
    bad (a modified copy)."""

    server: _Server

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def do_GET(self):
        self.server.requests.append(self.path)
        mode, _, name = self.path.lstrip("/").partition("/")
        if mode == "hang":
            self.server.stop.wait(5.0)
            return
        if mode == "missing" or name not in MNIST_FILES.values():
            self.send_error(404, "Not Found")
            return
        root = self.server.bad_root if mode == "bad" else self.server.root
        data = (root / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode == "trunc":
            self.wfile.write(data[: len(data) // 2])
            self.close_connection = True
        elif mode == "stall":
            self.wfile.write(data[:1000])
            self.wfile.flush()
            self.server.stop.wait(5.0)
        else:
            self.wfile.write(data)


@pytest.fixture
def data_server(tmp_path):
    """-> (base URL, server). Serves the shared MNIST files and tmp_path/bad."""
    bad = tmp_path / "bad"
    bad.mkdir()
    server = _Server(shared_data("mnist"), bad)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def data_dest(tmp_path):
    """A destination holding the three other verified files, so tests fetch only SMALL."""
    dest = tmp_path / "dest"
    dest.mkdir()
    for name in MNIST_FILES.values():
        if name != SMALL:
            shutil.copyfile(shared_data("mnist") / name, dest / name)
    return dest


def _assert_clean(dest: Path) -> None:
    """Only complete, verified files (never SMALL, never a .part) are left."""
    names = sorted(p.name for p in dest.iterdir())
    assert names == sorted(n for n in MNIST_FILES.values() if n != SMALL)
    assert all(verify_md5(dest / n, MD5["mnist"][n]) for n in names)


def test_verify_md5(tmp_path):
    f = tmp_path / "x"
    f.write_bytes(b"abc")
    assert verify_md5(f, "900150983CD24FB0D6963F7D28E17F72")
    assert not verify_md5(f, "0" * 32)
    assert not verify_md5(tmp_path / "missing", "0" * 32)


def test_download_all_with_progress(data_server, tmp_path):
    url, server = data_server
    calls = []
    dest = download_dataset("mnist", tmp_path / "new" / "mnist", mirrors=[url + "/ok/"],
                            progress=lambda d, t, f: calls.append((d, t, f)))
    assert dest == tmp_path / "new" / "mnist"
    assert sorted(p.name for p in dest.iterdir()) == sorted(MNIST_FILES.values())
    for name in MNIST_FILES.values():
        assert verify_md5(dest / name, MD5["mnist"][name])
        mine = [(d, t) for d, t, f in calls if f == name]
        size = (dest / name).stat().st_size
        assert mine[-1] == (size, size)
        assert [d for d, _ in mine] == sorted(d for d, _ in mine)
    # a second call finds everything verified and makes no request
    before = len(server.requests)
    download_dataset("mnist", dest, mirrors=[url + "/ok/"])
    assert len(server.requests) == before


def test_first_mirror_404_then_second(data_server, data_dest):
    url, server = data_server
    download_dataset("mnist", data_dest, mirrors=[url + "/missing/", url + "/ok/"])
    assert verify_md5(data_dest / SMALL, MD5["mnist"][SMALL])
    assert server.requests == [f"/missing/{SMALL}", f"/ok/{SMALL}"]


def test_all_mirrors_fail_reports_each(data_server, data_dest):
    url, _ = data_server
    with pytest.raises(DownloadError) as info:
        download_dataset("mnist", data_dest, mirrors=[url + "/missing/", url + "/trunc/"])
    msg = str(info.value)
    assert SMALL in msg and "404" in msg and "truncated" in msg
    assert url + "/missing/" in msg and url + "/trunc/" in msg
    _assert_clean(data_dest)


def test_checksum_mismatch(data_server, data_dest):
    url, server = data_server
    data = bytearray((shared_data("mnist") / SMALL).read_bytes())
    data[100] ^= 0xFF
    (server.bad_root / SMALL).write_bytes(bytes(data))
    with pytest.raises(DownloadError, match="checksum mismatch"):
        download_dataset("mnist", data_dest, mirrors=[url + "/bad/"])
    _assert_clean(data_dest)


def test_corrupt_existing_file_is_replaced(data_server, data_dest):
    url, _ = data_server
    (data_dest / SMALL).write_bytes(b"partial junk")
    download_dataset("mnist", data_dest, mirrors=[url + "/ok/"])
    assert verify_md5(data_dest / SMALL, MD5["mnist"][SMALL])


def test_hanging_mirror_times_out_then_next(data_server, data_dest):
    url, _ = data_server
    returns(lambda: download_dataset("mnist", data_dest, mirrors=[url + "/hang/", url + "/ok/"],
                                     timeout=0.5), "a download past a hanging mirror")
    assert verify_md5(data_dest / SMALL, MD5["mnist"][SMALL])


def test_hanging_only_mirror_reports_timeout(data_server, data_dest):
    """Ended by the timeout given (the server would close the connection itself after 5 s,
    with another error), and it says which."""
    url, _ = data_server
    with pytest.raises(DownloadError, match=r"timed out"):  # not the server's own close
        returns(lambda: download_dataset("mnist", data_dest, mirrors=[url + "/hang/"],
                                         timeout=0.3), "a download from a hanging mirror")
    _assert_clean(data_dest)


def test_stall_mid_body_times_out(data_server, data_dest):
    url, _ = data_server
    with pytest.raises(DownloadError, match="timed out"):
        download_dataset("mnist", data_dest, mirrors=[url + "/stall/"], timeout=0.3)
    _assert_clean(data_dest)


def test_cancel_mid_download_ends_it(data_server, data_dest):
    """Ended by the cancel: the stalled server closes after 5 s, the timeout is 30 s; each
    would end it with another error."""
    url, _ = data_server
    cancel = threading.Event()
    seen = []

    def progress(done, total, name):
        seen.append(done)
        if done >= 1000:
            cancel.set()

    with pytest.raises(DownloadError, match="cancelled"):
        returns(lambda: download_dataset("mnist", data_dest, mirrors=[url + "/stall/"],
                                         progress=progress, cancel=cancel, timeout=30.0),
                "a cancelled download")
    assert seen and seen[-1] >= 1000
    _assert_clean(data_dest)


def test_cancel_callable_before_start(data_server, data_dest):
    url, server = data_server
    with pytest.raises(DownloadError, match="cancelled"):
        download_dataset("mnist", data_dest, mirrors=[url + "/ok/"], cancel=lambda: True)
    assert server.requests == []
    _assert_clean(data_dest)


def test_disk_full(data_server, data_dest, monkeypatch):
    url, _ = data_server

    def full(f, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(download_module, "_write_chunk", full)
    with pytest.raises(DownloadError, match="disk full"):
        download_dataset("mnist", data_dest, mirrors=[url + "/ok/", url + "/ok/"])
    _assert_clean(data_dest)


def test_progress_callback_error_propagates_and_cleans_up(data_server, data_dest):
    url, _ = data_server

    def broken(done, total, name):
        raise RuntimeError("callback bug")

    with pytest.raises(RuntimeError, match="callback bug"):
        download_dataset("mnist", data_dest, mirrors=[url + "/ok/"], progress=broken)
    _assert_clean(data_dest)


def test_load_dataset_downloads_into_cache(data_server, data_dest, monkeypatch, tmp_path):
    url, _ = data_server
    cache = tmp_path / "cache"
    cache.mkdir()
    data_dest.rename(cache / "mnist")
    monkeypatch.setenv("LENET_GUI_CACHE", str(cache))
    monkeypatch.delenv("LENET_DATA_DIR", raising=False)
    monkeypatch.setitem(download_module.MIRRORS, "mnist", [url + "/ok/"])
    ds = load_dataset("mnist", download=True)
    assert ds.test_labels[:4].tolist() == [7, 2, 1, 0]
    assert ds.source.startswith("MNIST (cache")
