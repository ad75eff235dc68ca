"""Gradient check: backprop's gradients against central finite differences, per parameter.

The check runs on a plain Python worker thread so the GUI never waits for it; the result
comes back through a queued signal.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
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

from engine import Network, NetworkConfig, ParamCheck, Snapshot, check_gradients

from ..run_texts import epoch_shown
from ._common import InsightContext, InsightView, caption, class_names, heading

TOLERANCE = 1e-6
COLUMNS = (  # translated where shown
    str(QT_TRANSLATE_NOOP("GradientCheckView", "layer")),
    str(QT_TRANSLATE_NOOP("GradientCheckView", "parameter")),
    str(QT_TRANSLATE_NOOP("GradientCheckView", "samples")),
    str(QT_TRANSLATE_NOOP("GradientCheckView", "max relative error")),
    str(QT_TRANSLATE_NOOP("GradientCheckView", "result")),
)
PARAMETERS = {  # a parameter's kind (the engine's "C1.weight"), translated where shown
    "weight": str(QT_TRANSLATE_NOOP("GradientCheckView", "weight")),
    "bias": str(QT_TRANSLATE_NOOP("GradientCheckView", "bias")),
    "coef": str(QT_TRANSLATE_NOOP("GradientCheckView", "coefficient")),
}
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


def run_check(config: NetworkConfig, params: Mapping[str, np.ndarray], x: np.ndarray,
              target: int, samples: int) -> dict[str, ParamCheck]:
    """check_gradients on a float64 copy of the snapshot's network for one image."""
    net = Network(config, dict(params))
    x4 = np.asarray(x, np.float64).reshape(1, 1, *np.shape(x))
    return check_gradients(net, x4, np.array([target]), samples=samples)


class GradientCheckView(InsightView):
    """Run the engine's gradient check for the probe image and tabulate the errors."""

    title = str(QT_TRANSLATE_NOOP("GradientCheckView", "Gradient check"))

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.finished.connect(self._done)
        self.running = False
        self.result: dict[str, ParamCheck] | None = None
        self.error: str | None = None
        self.checked_step: int | None = None
        self._started = 0.0
        self._job_info: tuple[int, int, str] = (0, 0, "")

        self.heading = heading(self.title)
        self.button = QPushButton(self.tr("Run check"))
        self.button.clicked.connect(self.run_check)
        self.button.setEnabled(False)
        self.samples = QSpinBox()
        self.samples.setRange(2, 500)
        self.samples.setValue(20)
        self.samples.setSuffix(self.tr(" entries per parameter"))
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
            self.tr("Press <b>Run check</b> to verify backpropagation on the probe image."))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(caption(self.tr(
            "Backpropagation computes every \u2202J/\u2202w analytically. A gradient check "
            "perturbs a sample of weights by a tiny \u00b1\u03b5, measures how the loss J "
            "changes (central finite differences, in float64) and compares: relative error = "
            "max|analytic \u2212 numeric| / max|gradient|. Below {0:g} the derivation and the "
            "code agree.").format(TOLERANCE), muted=True))
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def _render(self, snap: Snapshot) -> None:
        self.button.setEnabled(not self.running)

    def run_check(self) -> bool:
        """Start a check of the current snapshot in the background; False if not possible."""
        snap = self.snapshot
        config = self.ctx.network_config
        if self.running or snap is None or config is None:
            return False
        self.running = True
        self.error = None
        self.button.setEnabled(False)
        self.busy.show()
        n = self.samples.value()
        self._job_info = (snap.step, epoch_shown(snap.epoch, snap.epochs),
                          class_names(self.ctx)[snap.target])
        self.status.setText(self.tr("Checking the snapshot of step {0}\u2026").format(snap.step))
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

    def _done(self, result: dict[str, ParamCheck] | Exception) -> None:
        self.running = False
        self.busy.hide()
        self.button.setEnabled(self.snapshot is not None)
        step, epoch, target = self._job_info
        seconds = time.perf_counter() - self._started
        if isinstance(result, Exception):
            self.error = f"{type(result).__name__}: {result}"
            failed = self.tr("The check failed: {0}").format(self.error)
            self.status.setText(f"<span style='color:#b00'>{failed}</span>")
            return
        self.result = result
        self.checked_step = step
        self._fill(result)
        worst = max((c.relative_error for c in result.values()), default=0.0)
        bad = [name for name, c in result.items() if not c.relative_error < TOLERANCE]
        verdict = (
            self.tr("<b style='color:#1a7f1a'>All {0} parameters pass</b>: analytic and "
                    "numeric gradients agree to {1:.1e} at worst.").format(len(result), worst)
            if not bad else
            self.tr("<b style='color:#b00'>{0} of {1} fail</b> ({2}): worst relative error "
                    "{3:.1e}.").format(len(bad), len(result), ", ".join(bad), worst))
        self.status.setText(self.tr(
            "{0} Checked the snapshot of step {1} (epoch {2}), probe target '{3}', in {4:.1f} "
            "s.").format(verdict, step, epoch, target, seconds))

    def _fill(self, result: dict[str, ParamCheck]) -> None:
        self.table.setRowCount(len(result))
        for row, (name, check) in enumerate(result.items()):
            layer, kind = name.split(".", 1)
            err = check.relative_error
            ok = err < TOLERANCE
            shown = self.tr(PARAMETERS[kind]) if kind in PARAMETERS else kind
            cells = (layer, shown, str(check.indices.size), f"{err:.2e}",
                     self.tr("pass") if ok else self.tr("FAIL"))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == len(cells) - 1:
                    item.setBackground(QBrush(_PASS if ok else _FAIL))
                self.table.setItem(row, col, item)

    def rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row."""
        def text(r: int, c: int) -> str:
            item = self.table.item(r, c)
            return "" if item is None else item.text()

        return [tuple(text(r, c) for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]
