"""Guards the Qt binding itself: PySide6 6.12.0 on Python 3.11 drops a reference to None on
every call that returns nothing, which crashes a long-running app ("none_dealloc")."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject  # noqa: E402


def test_qt_calls_keep_none_alive():
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -10
