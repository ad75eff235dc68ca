"""The derivation of the unit selected in the network view, in the seeds' notation with the
probe's numbers; a backward and forward replay layer by layer; what-if for one weight."""

from __future__ import annotations

import os
import re
import time

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from engine import ConfigError, Derivation, RunState, Snapshot, atomic_write, to_markdown

from .. import engine_texts
from ..derivation.examples_dialog import WorkedExamplesDialog
from ..derivation.html_parts import section
from ..derivation.html_render import (
    delta_html,
    derivation_html,
    forward_html,
    params_html,
    pool_down_html,
)
from ..derivation.probe_run import ProbeRun, ProbeRunner, Unit, batch_slice
from ..derivation.replay import BACKWARD, Stage
from ..derivation.replay_bar import ReplayBar
from ..derivation.what_if_panel import WhatIfPanel
from ..network_view import NetworkView
from ..render_scheduler import DERIVATION_INTERVAL
from ._common import InsightContext, InsightView, caption, heading


class DerivationView(InsightView):
    """The seeds' derivation of the selected unit, every value checked against the engine."""

    title = str(QT_TRANSLATE_NOOP("DerivationView", "Derivation"))

    def __init__(self, ctx: InsightContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.unit: Unit | None = None
        self.derivation: Derivation | None = None
        self.run: ProbeRun | None = None
        self.network_view: NetworkView | None = None
        self.runner = ProbeRunner()
        self.last_render_ms = 0.0
        self.shows = 0  # derivations written (a throttled snapshot writes none)
        self._render_time = 0.0
        self._what_if_html = ""
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._render_pending)
        self.heading = heading(self.tr("Derivation"))
        self.hint = caption(self.tr("Click a unit in the network view: its forward step, "
                                    "δ(u) and δ(w), δ(b) appear here with the probe's numbers, "
                                    "each recomputed beside the engine's own value."))
        self.export_button = QPushButton(self.tr("Export Markdown…"))
        self.examples_button = QPushButton(self.tr("Worked examples…"))
        self.export_button.clicked.connect(self._ask_export)
        self.examples_button.clicked.connect(self.open_examples)
        self.replay_bar = ReplayBar()
        self.replay_bar.stageChanged.connect(self._on_stage)
        self.replay_bar.stopped.connect(self._on_replay_stopped)
        self.what_if = WhatIfPanel()
        self.what_if.changed.connect(self._on_what_if)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        # a scroll bar that comes and goes lays the whole page out twice per update
        self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.examples_button)
        top.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.hint)
        lay.addWidget(self.replay_bar)
        lay.addWidget(self.what_if)
        lay.addWidget(self.browser, 1)
        self.examples_dialog: WorkedExamplesDialog | None = None
        self.export_button.setEnabled(False)

    def attach(self, network_view: NetworkView) -> None:
        """The network view the replay reveals layers in (and takes its layers from)."""
        self.network_view = network_view
        self.replay_bar.layers_provider = lambda: [s.name for s in network_view.layer_specs]

    # ---- selection and snapshots ----

    def show_unit(self, layer: str, index: int, row: int, col: int) -> None:
        """Derive this unit (map layers: map, row, col; vector layers: unit, 0, 0)."""
        self.unit = (layer, int(index), int(row), int(col))
        if self.run is not None and not self.replay_bar.active:
            self.what_if.set_unit(self.run, layer, int(index))
        if self.isVisible() and self.snapshot is not None:
            self._show(self.snapshot)
        else:
            self._stale = True

    def _context_changed(self) -> None:
        self.what_if.set_unit(None, "", 0)
        self.replay_bar.stop()
        self.runner.forget()
        self.run = None

    def _render(self, snap: Snapshot) -> None:
        running = snap.state == RunState.RUNNING
        self.what_if.set_allowed(not running)
        wait = DERIVATION_INTERVAL - (time.monotonic() - self._render_time)
        if running and wait > 0:
            if not self._later.isActive():
                self._later.start(max(1, round(wait * 1000)))
            return
        self._show(snap)

    def _render_pending(self) -> None:
        if self.isVisible() and self.snapshot is not None:
            self._show(self.snapshot)

    def _show(self, snap: Snapshot) -> None:
        start = time.perf_counter()
        self._render_time = time.monotonic()
        replaying = self.replay_bar.active
        if (self.unit is None and not replaying) or self.ctx.network_config is None:
            return
        # a replay keeps the probe it started with
        run = self.run if replaying and self.run is not None else self._run_for(snap)
        if run is None or tuple(run.net.layer_names) != tuple(snap.layer_names):
            return
        self.hint.hide()
        self.replay_bar.set_layers(run.net.layer_names)
        stage = self.replay_bar.replay.stage if self.replay_bar.active else None
        html = self._stage_html(run, stage) if self.replay_bar.active else self._unit_html(
            run, snap)
        self._set_html((self._what_if_html if self.what_if.applied else "") + html)
        self.export_button.setEnabled(self.derivation is not None)
        step = self.tr("step {0}").format(snap.step)
        self.heading.setText(self.tr("Derivation — {0} ({1})").format(
            self.derivation.unit_label if self.derivation else "", step))
        self.last_render_ms = (time.perf_counter() - start) * 1000
        self.shows += 1

    def _run_for(self, snap: Snapshot) -> ProbeRun | None:
        config = self.ctx.network_config
        assert config is not None
        if self.run is not None and self.runner.run is self.run and \
                self.runner.is_current(snap):
            return self.run
        self.what_if.revert(announce=False)  # the copy's weights are about to be replaced
        try:
            self.run = self.runner.for_snapshot(config, snap)
        except ConfigError:  # a snapshot of another network: the window re-lays out first
            self.run = None
            return None
        if self.unit is not None:
            self.what_if.set_unit(self.run, self.unit[0], self.unit[1])
        return self.run

    def _unit_html(self, run: ProbeRun, snap: Snapshot) -> str:
        assert self.unit is not None
        self.derivation = d = run.derive(self.unit)
        return derivation_html(d, batch_slice(snap, d.layer, d.index))

    def _set_html(self, html: str) -> None:
        bar = self.browser.verticalScrollBar()
        keep = bar.value()
        self.browser.setHtml(html)
        bar.setValue(keep)

    # ---- replay ----

    def _on_stage(self, stage: Stage | None) -> None:
        view = self.network_view
        direction = self.replay_bar.replay.direction
        if view is not None:
            view.set_revealed(list(stage.revealed) if stage else [],
                              "delta" if direction == BACKWARD else "act")
            view.highlight(stage.layer if stage else None)
        if self.snapshot is not None and self.isVisible():
            self._show(self.snapshot)

    def _on_replay_stopped(self) -> None:
        if self.network_view is not None:
            self.network_view.set_revealed(None)
            self.network_view.highlight(None)
        if self.snapshot is not None and self.isVisible():
            self._show(self.snapshot)

    def _stage_html(self, run: ProbeRun, stage: Stage | None) -> str:
        replay = self.replay_bar.replay
        if stage is None:
            return section(self.tr("Replay ready: press Next to start at {0}.").format(
                replay.stages[0].layer if replay.stages else ""))
        unit = self._stage_unit(run, stage)
        self.derivation = d = run.derive(unit)
        head = section(self.tr("{0} replay, stage {1} of {2}: {3} ({4})").format(
            self.tr("Backward") if replay.direction == BACKWARD else self.tr("Forward"),
            replay.position + 1, len(replay.stages), d.unit_label, engine_texts.kind(d.kind)))
        if replay.direction != BACKWARD:
            return head + forward_html(d.forward)
        body = delta_html(d)
        if d.pool_down is not None:
            body += pool_down_html(d.pool_down, d.forward.input_name)
        if d.params is not None:
            body += params_html(d.params, self.tr("for the probe image"))
        return head + body

    def _stage_unit(self, run: ProbeRun, stage: Stage) -> Unit:
        """The selected unit in its own layer; elsewhere the layer's most telling unit
        (largest |δ(u)| backward, largest |f| forward)."""
        if self.unit is not None and self.unit[0] == stage.layer:
            return self.unit
        values = (run.grads.delta_u if stage.direction == BACKWARD else run.trace.f)[
            stage.layer][0]
        pos = np.unravel_index(int(np.argmax(np.abs(values))), values.shape)
        key = [int(p) for p in pos] + [0, 0]
        return (stage.layer, key[0], key[1], key[2])

    # ---- what-if, export, examples ----

    def _on_what_if(self, html: str) -> None:
        self._what_if_html = html
        if self.snapshot is not None and self.isVisible():
            self._show(self.snapshot)

    def export_markdown(self, path: str | os.PathLike[str]) -> str:
        """Write the current derivation as Markdown with LaTeX; returns the text."""
        if self.derivation is None:
            raise ValueError(self.tr("no derivation to export: select a unit first"))
        text = to_markdown(self.derivation)
        with atomic_write(path) as f:
            f.write(text.encode("utf-8"))
        return text

    def _ask_export(self) -> None:
        if self.derivation is None:
            return
        label = re.sub(r"[^A-Za-z0-9]+", "-", self.derivation.unit_label).strip("-")
        name = f"derivation-{label}.md"  # C3[6](4,4) -> derivation-C3-6-4-4.md
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the derivation"), name,
                                              self.tr("Markdown (*.md)"))
        if path:
            self.export_markdown(path)

    def open_examples(self) -> WorkedExamplesDialog:
        if self.examples_dialog is None:
            self.examples_dialog = WorkedExamplesDialog(self)
        self.examples_dialog.show()
        return self.examples_dialog
