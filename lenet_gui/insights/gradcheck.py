"""Gradient check: backprop's gradients against central finite differences, per parameter.

The check runs on a plain Python worker thread so the GUI never waits for it; the result
comes back through a queued signal.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine import Network, check_gradients

from ._common import InsightView, caption, heading

TOLERANCE = 1e-6
COLUMNS = ("layer", "parameter", "samples", "max relative error", "result")
_PASS, _FAIL = QColor(200, 240, 200), QColor(246, 198, 198)


class _Relay(QObject):
    finished = Signal(object)


def _work(fn: Callable[[], Any], relay: _Relay) -> None:
    """Run `fn` on a worker thread and emit its result (or the exception it raised)."""
    try:
        result: Any = fn()
    except Exception as exc:  # reported in the view, never lost on the thread
        result = exc
    with contextlib.suppress(RuntimeError):  # the view was deleted meanwhile
        relay.finished.emit(result)


def run_check(config: Any, params: Any, x: np.ndarray, target: int,
              samples: int) -> dict[str, Any]:
    """check_gradients on a float64 copy of the snapshot's network for one image."""
    net = Network(config, dict(params))
    x4 = np.asarray(x, np.float64).reshape(1, 1, *np.shape(x))
    return check_gradients(net, x4, np.array([target]), samples=samples)


class GradientCheckView(InsightView):
    """Run the engine's gradient check for the probe image and tabulate the errors."""

    title = "Gradient check"

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.finished.connect(self._done)
        self.running = False
        self.result: dict[str, Any] | None = None
        self.error: str | None = None
        self.checked_step: int | None = None
        self._started = 0.0
        self._job_info: tuple[int, int, str] = (0, 0, "")

        self.heading = heading("Gradient check")
        self.button = QPushButton("Run check")
        self.button.clicked.connect(self.run_check)
        self.button.setEnabled(False)
        self.samples = QSpinBox()
        self.samples.setRange(2, 500)
        self.samples.setValue(20)
        self.samples.setSuffix(" entries per parameter")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: a busy indicator
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        top = QHBoxLayout()
        top.addWidget(self.button)
        top.addWidget(self.samples)
        top.addWidget(self.busy)
        top.addStretch(1)
        self.status = caption(
            "Press <b>Run check</b> to verify backpropagation on the probe image.")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(caption(
            "Backpropagation computes every \u2202J/\u2202w analytically. A gradient check "
            "perturbs a "
            "sample of weights by a tiny \u00b1\u03b5, measures how the loss J changes (central "
            "finite differences, in float64) and compares: relative error = max|analytic \u2212 "
            f"numeric| / max|gradient|. Below {TOLERANCE:g} the derivation and the code agree.",
            muted=True))
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def _render(self, snap: Any) -> None:
        self.button.setEnabled(not self.running)

    def run_check(self) -> bool:
        """Start a check of the current snapshot in the background; False if not possible."""
        snap = self.snapshot
        config = getattr(self.ctx, "network_config", None)
        if self.running or snap is None or config is None:
            return False
        self.running = True
        self.error = None
        self.button.setEnabled(False)
        self.busy.show()
        n = self.samples.value()
        ds = getattr(self.ctx, "dataset", None)
        names = tuple(ds.class_names) if ds is not None else tuple(map(str, range(10)))
        self._job_info = (snap.step, snap.epoch, names[snap.target])
        self.status.setText(f"Checking the snapshot of step {snap.step}\u2026")
        self._started = time.perf_counter()
        params, x, target = snap.params, snap.input, snap.target
        self._thread = threading.Thread(
            target=_work, args=(lambda: run_check(config, params, x, target, n), self._relay),
            name="gradient-check", daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> bool:
        """Join the background thread (for tests and shutdown); True when none is left."""
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                return False
            self._thread = None
        return True

    def _done(self, result: Any) -> None:
        self.running = False
        self.busy.hide()
        self.button.setEnabled(self.snapshot is not None)
        step, epoch, target = self._job_info
        seconds = time.perf_counter() - self._started
        if isinstance(result, Exception):
            self.error = f"{type(result).__name__}: {result}"
            self.status.setText(f"<span style='color:#b00'>The check failed: {self.error}</span>")
            return
        self.result = result
        self.checked_step = step
        self._fill(result)
        worst = max((c.relative_error for c in result.values()), default=0.0)
        bad = [name for name, c in result.items() if not c.relative_error < TOLERANCE]
        verdict = (
            f"<b style='color:#1a7f1a'>All {len(result)} parameters pass</b>: analytic and "
            f"numeric gradients agree to {worst:.1e} at worst."
            if not bad else
            f"<b style='color:#b00'>{len(bad)} of {len(result)} fail</b> ({', '.join(bad)}): "
            f"worst relative error {worst:.1e}.")
        self.status.setText(
            f"{verdict} Checked the snapshot of step {step} (epoch {epoch}), probe target "
            f"'{target}', in {seconds:.1f} s.")

    def _fill(self, result: dict[str, Any]) -> None:
        self.table.setRowCount(len(result))
        for row, (name, check) in enumerate(result.items()):
            layer, kind = name.split(".", 1)
            err = check.relative_error
            ok = err < TOLERANCE
            cells = (layer, kind, str(check.indices.size), f"{err:.2e}", "pass" if ok else "FAIL")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == len(cells) - 1:
                    item.setBackground(QBrush(_PASS if ok else _FAIL))
                self.table.setItem(row, col, item)

    def rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]
