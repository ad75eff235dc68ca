"""The suite's own configuration (pyproject.toml) really fails a test that emits a Python
warning or logs a Qt warning: a tiny test module is run by pytest in a subprocess with the
project's configuration, and exactly the clean test passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MODULE = '''
import threading
import warnings


def test_python_warning():
    warnings.warn("this API is going away", DeprecationWarning)


def test_user_warning():
    warnings.warn("something odd", UserWarning)


def test_qt_warning(qtbot):
    from PySide6.QtCore import qWarning

    qWarning("QObject: something is wrong")


def test_qt_critical(qtbot):
    from PySide6.QtCore import qCritical

    qCritical("something is badly wrong")


def test_exception_in_a_thread():
    t = threading.Thread(target=lambda: 1 / 0)
    t.start()
    t.join()


def test_clean(qtbot):
    from PySide6.QtCore import qDebug

    qDebug("debug output is fine")
'''


def test_warnings_and_qt_messages_fail_the_suite(tmp_path):
    (tmp_path / "test_probe_warnings.py").write_text(MODULE)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir",
         str(tmp_path), "-p", "no:cacheprovider", "-q", "-rfEp", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out[-3000:]
    for name in ("test_python_warning", "test_user_warning", "test_qt_warning",
                 "test_qt_critical", "test_exception_in_a_thread"):
        assert f"FAILED test_probe_warnings.py::{name}" in out, out[-3000:]
    assert "PASSED test_probe_warnings.py::test_clean" in out, out[-3000:]
    assert "5 failed, 1 passed" in out, out[-3000:]
