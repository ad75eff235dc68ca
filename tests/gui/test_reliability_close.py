"""Closing the app during training, during a test-set evaluation, during a batch of 4,096,
during a download and during a save: the real app (built by `lenet_gui.app` exactly as
`python main.py --dataset builtin` builds it) runs in its own process with its real event loop;
the window is closed at the worst moment. The close request is honoured: the event loop ends
and the process exits by itself with code 0 and nothing on stderr, its settings written, nothing
half-written on disk, a save in progress completed, a download cancelled (not abandoned), and
no training process left behind, in a child process and in the thread fallback
(LENET_GUI_TRAINING=thread).

No speed is asserted (a loaded machine may take seconds): a generous guard only tells a hang
("the close request was not honoured") from a slow close."""

from __future__ import annotations

import configparser
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[2]
STARTUP_GUARD = 180.0  # seconds for the app to start, load its digits and reach the close
HANG_GUARD = 60.0  # seconds after the close request: longer is a hang, not a slow close

CHILD = r"""
import json, multiprocessing, os, sys, time
sys.path.insert(0, sys.argv[1])
scenario, work = sys.argv[2], sys.argv[3]
import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from lenet_gui import app as lenet_app
from lenet_gui.data_dialog import DataDialog, DataLoader

n_train, n_test = map(int, os.environ.get("CLOSE_TEST_DIGITS", "1000,200").split(","))
DataLoader.builtin_kwargs = {"n_train": n_train, "n_test": n_test}
if scenario == "download":
    from engine.data import download
    from lenet_gui import data_dialog
    download.MIRRORS["mnist"] = [sys.argv[4]]
    # a socket timeout far beyond the test's guard: the download can only end by its cancel
    data_dialog._Downloader.download_kwargs = {"timeout": 3600.0}
    real_download = data_dialog.download_dataset

    def recorded_download(*a, **kw):
        try:
            return real_download(*a, **kw)
        except Exception as exc:  # how it ended: "cancelled", or a timeout
            marks["download_error"] = str(exc)
            raise

    data_dialog.download_dataset = recorded_download
args, qt_args = lenet_app.parse_args(["--dataset", "builtin"])
qapp, window = lenet_app.create_window(args, qt_args)
window.show()
marks, keep = {}, {}
path = os.path.join(work, "run.npz")


def children():  # the training process (if any) and multiprocessing's resource tracker
    from multiprocessing import resource_tracker
    pids = [p.pid for p in multiprocessing.active_children()]
    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
    return pids + ([tracker] if tracker else [])


def close():
    marks["children"] = children()
    marks["training_pid"] = getattr(window.process, "pid", None)
    marks["close"] = time.monotonic()
    print("closing", flush=True)
    QApplication.closeAllWindows()


real_savez = np.savez


def slow_savez(f, *a, **kw):  # a save that takes a while: the file is open, half-written
    marks["save_start"] = time.monotonic()
    time.sleep(0.3)
    real_savez(f, *a, **kw)
    time.sleep(0.3)


def tick():
    if "close" in marks or window.dataset is None or window.trainer is None:
        return
    if scenario == "big_batch" and "started" not in marks:
        window.controls.batch_size.setValue(4096)
    if scenario in ("training", "save", "evaluating", "big_batch") and "started" not in marks:
        marks["started"] = window.trainer.step_count
        window.start()
    elif scenario == "training" and window.trainer.step_count >= 3:
        close()
    elif scenario == "big_batch" and window.trainer.step_count >= 1 and "busy" not in keep:
        keep["busy"] = True
        marks["batch_size"] = window.trainer.batch_size
        QTimer.singleShot(200, close)  # well inside the next batch (about a second)
    elif scenario == "evaluating" and window.trainer.step_count >= 3:
        # 10,000 test images: the evaluation takes a while; the close comes while it is
        # under way (asked again if a fast machine answered before the close came)
        if "asked" not in marks or window.trainer.evaluation is not keep["evaluation"]:
            keep["evaluation"] = window.trainer.evaluation
            marks["asked"] = time.monotonic()
            window.request_evaluation()
        elif time.monotonic() - marks["asked"] >= 0.15:
            marks["unanswered"] = window.trainer.evaluation is keep["evaluation"]
            close()
    elif scenario == "save" and window.trainer.step_count >= 3:
        if "old" not in marks:
            marks["old"] = window.save_checkpoint(path) is not None
        elif window.trainer.step_count >= 6:
            np.savez = slow_savez
            QTimer.singleShot(0, close)  # the close request waits behind the save
            marks["saved"] = window.save_checkpoint(path) is not None
    elif scenario == "download":
        dlg = next((d for d in QApplication.topLevelWidgets()  # not modal: see DataController
                    if isinstance(d, DataDialog) and d.isVisible()), None)
        if "dialog" not in keep:
            keep["dialog"] = True
            QTimer.singleShot(0, window.open_data_dialog)  # File > Get MNIST
        elif isinstance(dlg, DataDialog) and "download" not in keep:
            dlg.download_button.click()
            keep["download"] = dlg._downloader
            marks["download_start"] = time.monotonic()
        elif "download" in keep and time.monotonic() - marks["download_start"] > 0.5:
            keep["thread"] = keep["download"].worker_thread
            close()


timer = QTimer()
timer.timeout.connect(tick)
timer.start(50)
status = qapp.exec()
result = {"status": status}
if "thread" in keep:
    keep["thread"].join(float(os.environ["CLOSE_TEST_GUARD"]))  # a hang guard only
    result["download_thread_alive"] = keep["thread"].is_alive()
    result["download_cancelled"] = keep["download"].cancel.is_set()
result["marks"] = {k: v for k, v in marks.items() if not isinstance(v, float)}
print(json.dumps(result), flush=True)
"""

PROPAGATE = "This plugin does not support propagateSizeHints()"


@pytest.fixture
def hanging_mirror():
    """A server that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0), backlog=16)
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/"
    finally:
        server.close()


@pytest.fixture(scope="module")
def digits_cache(tmp_path_factory):
    """One cache for the tests on 5,000 + 10,000 generated digits: generated once."""
    return tmp_path_factory.mktemp("digits-cache")


def alive(pid: int) -> bool:
    """True while pid runs (a zombie has ended: only its exit status is left)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc here
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def assert_no_children_left(result: dict, training: str = "process") -> None:
    """The training process ended before the app did (not orphaned); multiprocessing's
    resource tracker follows once the app's end of its pipe is closed."""
    pid = result["marks"]["training_pid"]
    if training == "process":
        assert pid in result["marks"]["children"]
        assert not alive(pid)
    else:
        assert pid is None
    deadline = time.monotonic() + HANG_GUARD
    while any(alive(pid) for pid in result["marks"]["children"]) and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in result["marks"]["children"] if alive(pid)], "left behind"


def _lines(stream: IO[str]) -> queue.Queue[str | None]:
    """The stream's lines as they come (None at its end), read by a thread: waiting for one
    can then have a guard."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        with stream:  # closed at its end (the process's exit, or its kill)
            for line in stream:
                lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


def _next_line(lines: queue.Queue[str | None], guard: float, what: str) -> str:
    try:
        line = lines.get(timeout=guard)
    except queue.Empty:
        pytest.fail(f"hung: {what} (nothing within the {guard:.0f} s guard)")
    return line or ""


def run_app(tmp_path: Path, scenario: str, *extra: str, cache: Path | None = None,
            digits: str = "1000,200", training: str = "process") -> tuple[dict, str]:
    """Run the app through a scenario to its close request; the process must then exit by
    itself (code 0, nothing on stderr) with its settings written. (result, work folder)"""
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LENET_GUI_NO_DIALOGS": "1",
           "LENET_GUI_SETTINGS_DIR": str(tmp_path / "settings"),
           "LENET_GUI_CACHE": str(cache or tmp_path / "cache"), "CLOSE_TEST_DIGITS": digits,
           "CLOSE_TEST_GUARD": str(HANG_GUARD)}
    env.pop("CI", None)
    env.pop("LENET_GUI_TRAINING", None)
    if training == "thread":
        env["LENET_GUI_TRAINING"] = training
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), scenario, str(work),
                              *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    lines, errors = _lines(child.stdout), _lines(child.stderr)  # drained as they come

    def stderr() -> str:  # all of it, once the process has ended
        text = []
        while line := _next_line(errors, HANG_GUARD, "the end of stderr"):
            text.append(line)
        return "".join(text)

    try:
        line = _next_line(lines, STARTUP_GUARD, f"the app never reached the close ({scenario})")
        if line.strip() != "closing":
            child.kill()
            child.wait(HANG_GUARD)
            pytest.fail(f"no close: {line!r}\n{stderr()[-3000:]}")
        try:  # the close request honoured: the process ends by itself
            child.wait(HANG_GUARD)
        except subprocess.TimeoutExpired:
            pytest.fail(f"hung: the app did not exit within {HANG_GUARD:.0f} s of the close "
                        f"request ({scenario}, {training})")
        result_line = _next_line(lines, HANG_GUARD, "no result after the exit")
        err = stderr()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    assert child.returncode == 0, err[-3000:]
    noise = [ln for ln in err.splitlines() if ln.strip() and PROPAGATE not in ln]
    assert noise == [], "\n".join(noise)[-3000:]
    result = json.loads(result_line)
    assert result["status"] == 0
    settings = configparser.RawConfigParser()
    settings.read(tmp_path / "settings" / "lenet-gui.ini")
    assert settings.has_option("prefs", "lr")  # written completely on the way out
    return result, str(work)


def assert_closed_cleanly(result: dict, work: str, training: str) -> None:
    """Nothing half-written, no process left behind (the exit itself: `run_app`)."""
    assert os.listdir(work) == []
    assert_no_children_left(result, training)


@pytest.mark.slow
@pytest.mark.parametrize("training", ["process", "thread"])
def test_closing_during_training(tmp_path, training):
    result, work = run_app(tmp_path, "training", training=training)
    assert_closed_cleanly(result, work, training)


@pytest.mark.slow
@pytest.mark.parametrize("training", ["process", "thread"])
def test_closing_during_a_test_set_evaluation(tmp_path, digits_cache, training):
    result, work = run_app(tmp_path, "evaluating", cache=digits_cache,
                                   digits="5000,10000", training=training)
    assert result["marks"]["unanswered"] is True  # closed while it was being evaluated
    assert_closed_cleanly(result, work, training)


@pytest.mark.slow
@pytest.mark.parametrize("training", ["process", "thread"])
def test_closing_during_a_batch_of_4096(tmp_path, digits_cache, training):
    result, work = run_app(tmp_path, "big_batch", cache=digits_cache,
                                   digits="5000,10000", training=training)
    assert result["marks"]["batch_size"] == 4096  # about a second per batch
    assert_closed_cleanly(result, work, training)


@pytest.mark.slow
def test_closing_during_a_save(tmp_path):
    from engine import load_checkpoint

    result, work = run_app(tmp_path, "save")
    # the close waited for the save (it came while the file was being written)
    assert result["marks"]["old"] is True and result["marks"]["saved"] is True
    assert os.listdir(work) == ["run.npz"]  # no temporary file left beside it
    assert load_checkpoint(Path(work) / "run.npz").step >= 6  # the complete new one


@pytest.mark.slow
def test_closing_during_a_download(tmp_path, hanging_mirror):
    result, _work = run_app(tmp_path, "download", hanging_mirror)
    # cancelled, not abandoned: the thread ended, by its cancel (its socket timeout is an
    # hour: a download that only stopped on a timeout would still be running)
    assert result["download_cancelled"] is True and result["download_thread_alive"] is False
    assert "cancelled" in result["marks"]["download_error"], result["marks"]
    cache = tmp_path / "cache" / "mnist"
    assert not cache.exists() or list(cache.iterdir()) == []
