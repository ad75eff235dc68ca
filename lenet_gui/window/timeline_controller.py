"""The timeline: scrubbing back through the weights the run recorded.

The trainers record an `engine.Timeline` (the child-process run's is mirrored in this
process), so showing an old step never asks the training side for anything: the network of
that step is rebuilt here, on the GUI thread, and one forward and backward pass for the
current probe makes the snapshot every view shows (`engine.snapshot_of`). While the slider
is away from Live the live snapshots still arrive: they keep the curves, the progress text
and the slider's range up to date, and the probe they carry is followed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QCheckBox, QFileDialog, QGridLayout, QVBoxLayout, QWidget

from engine import (
    TIMELINE_BUDGET,
    History,
    Snapshot,
    Timeline,
    snapshot_of,
    timeline_checkpoint_bytes,
)

from ..timeline_bar import TimelineBar

if TYPE_CHECKING:
    from .main_window import MainWindow

POLL_MS = 250  # how often the slider looks for newly recorded steps
BUDGET_KEY = "timeline/budget_mb"


def epoch_of(history: History, step: int) -> float:
    """The fractional epoch at which `step` optimiser steps were done (for the cursor)."""
    epochs = np.asarray(history.batch_epoch)
    if step <= 0 or len(epochs) == 0:
        return 0.0
    return float(epochs[min(step, len(epochs)) - 1])


class TimelineController(QObject):
    """Owns the timeline bar; `show_live(snap)` is where every live snapshot goes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.bar = TimelineBar()
        self.bar.budget.setValue(self._stored_budget_mb())
        self.bar.scrubbed.connect(self.scrub)
        self.bar.liveClicked.connect(self.go_live)
        self.bar.budgetChanged.connect(self._on_budget)
        self.step: int | None = None  # the step shown, None: live
        self.live: Snapshot | None = None  # the newest live snapshot
        self.shown: Snapshot | None = None  # the snapshot of `step` on screen
        # (id, version) of each timeline the slider was last given the steps of
        self._seen: tuple[tuple[int, int], ...] = ()
        self._pending = False  # a scrub waits for the event loop
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    # ---- the timeline of the run ----

    def _stored_budget_mb(self) -> int:
        value = self.w.settings.value(BUDGET_KEY, TIMELINE_BUDGET // 2**20)
        try:
            return int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return TIMELINE_BUDGET // 2**20

    @property
    def budget(self) -> int:
        """Bytes the next run's timeline may hold."""
        return int(self.bar.budget.value()) * 2**20

    def _on_budget(self, mb: int) -> None:
        self.w.settings.setValue(BUDGET_KEY, int(mb))

    def new_timeline(self) -> Timeline:
        """An empty timeline for a new run, within the budget set."""
        return Timeline(self.budget)

    def current(self) -> Timeline | None:
        """The timeline of the run shown: the running (or the window's own) trainer's, or
        run B's while a comparison shows B."""
        other = self.w.compare.timeline()
        if other is not None:
            return other
        trainer = self.w.trainer
        return None if trainer is None else trainer.timeline

    def _watched(self) -> tuple[Timeline, ...]:
        """The timelines the slider covers: both runs' while comparing, else the shown
        run's."""
        both = self.w.compare.timelines()
        if both:
            return both
        timeline = self.current()
        return () if timeline is None else (timeline,)

    def _take_steps(self) -> tuple[tuple[int, int], ...]:
        """Give the slider the steps of the timelines watched; their (id, version)s."""
        watched = self._watched()
        steps = (watched[0].steps if len(watched) == 1 else
                 tuple(sorted(set().union(*(t.steps for t in watched)))))
        self.bar.set_steps(steps)
        return tuple((id(t), t.version) for t in watched)

    def poll(self) -> None:
        """New steps recorded (or another run): refresh the slider."""
        watched = self._watched()
        seen = tuple((id(t), t.version) for t in watched)
        if seen == self._seen:
            return
        old = self._seen
        other_run = not seen or not old or [i for i, _ in seen] != [i for i, _ in old]
        self._seen = self._take_steps()
        if other_run and self.step is not None:
            self.go_live()

    # ---- scrubbing ----

    def scrub(self, step: int) -> None:
        """Show the network of the recorded step nearest `step` (soon: a drag's many
        steps in a row cost one pass, for the last of them)."""
        self.step = step
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.flush)

    def flush(self) -> None:
        """Compute a scrub still pending now."""
        if self._pending:
            self._pending = False
            self.refresh()

    def go_live(self) -> None:
        self.step = None
        self._pending = False
        self.shown = None
        self.bar.set_live()
        self.w.compare.hide_not_reached()
        self.w.curves.set_cursor(None)
        if self.live is not None:
            self.w.scheduler.show(self.live)
        self.w.render_if_dirty()

    def refresh(self) -> None:
        """Recompute the snapshot of the step shown, for the current probe."""
        timeline, like, net = self.current(), self.live or self.w.scheduler.latest, self.w.net
        if self.step is None or timeline is None or like is None or net is None \
                or len(timeline) == 0:
            return
        reached = self.w.compare.reached()
        if reached is not None and self.step > reached:
            self._not_reached(self.step, reached)
            return
        self.w.compare.hide_not_reached()
        entry = timeline.at(self.step)
        old = timeline.network_at(entry.step, self.w.compare.network_config() or net.config)
        x, label = self.w.probe()
        snap = snapshot_of(old, x, label, like=like, step=entry.step, lr=entry.lr)
        self.shown = snap
        self.w.curves.set_cursor(epoch_of(like.history, entry.step))
        self.w.scheduler.show(snap)
        self.w.render_if_dirty()

    def _not_reached(self, step: int, reached: int) -> None:
        """The run shown has not reached `step`: a note over the views instead of the
        network of another step."""
        self.shown = None
        history = self.w.compare.longest_history()
        self.w.curves.set_cursor(None if history is None else epoch_of(history, step))
        self.w.compare.show_not_reached(step, reached)

    def switch_run(self, live: Snapshot | None) -> None:
        """The views now show another run (compare's A/B): its timeline, at the same step."""
        self._seen = self._take_steps()
        self.live = live
        if self.step is not None:
            self.refresh()
        else:
            self.w.compare.hide_not_reached()
            if live is not None:
                self.w.scheduler.show(live)
                self.w.render_if_dirty()

    def show_live(self, snap: Snapshot) -> None:
        """A live snapshot: shown when live; else it updates what follows the run."""
        old_state = None if self.live is None else self.live.state
        self.live = snap
        if self.step is None:
            self.w.scheduler.show(snap)
            return
        shown = self.shown
        if shown is None or shown.label != snap.label or \
                not np.array_equal(shown.input, snap.input):
            self.refresh()  # the probe changed: the old network sees the new one
            return
        w = self.w
        if w.curves_dock.isVisible():
            w.curves.update_history(snap.history, snap.running_accuracy,
                                    snap.epoch + snap.epoch_progress)
        w.controls.show_progress(snap)
        if snap.state != old_state:
            w.update_actions()

    def wrap(self, curves: QWidget) -> QWidget:
        """The curves with the timeline bar under them (one dock)."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(curves, 1)
        lay.addWidget(self.bar)
        return box

    # ---- checkpoints ----

    def save_dialog(self, start: str) -> tuple[QFileDialog, QCheckBox | None]:
        """The checkpoint save dialog, with "Include the timeline (N MB)" when there is
        one to include (Qt's own dialog: a native one takes no extra widgets)."""
        dialog = QFileDialog(self.w, self.tr("Save checkpoint"), start,
                             self.tr("Checkpoints (*.npz)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setDefaultSuffix("npz")
        dialog.selectFile(start)
        timeline = self.current()
        if timeline is None or len(timeline) == 0:
            return dialog, None
        size = timeline_checkpoint_bytes(timeline) / 2**20
        box = QCheckBox(self.tr("Include the timeline ({0:,.1f} MB)").format(size))
        box.setToolTip(self.tr("The weights of {0} recorded steps: loading the checkpoint "
                               "restores the timeline slider").format(len(timeline)))
        layout = dialog.layout()
        if isinstance(layout, QGridLayout):
            layout.addWidget(box, layout.rowCount(), 0, 1, -1)
        return dialog, box

    def ask_save_path(self, start: str) -> tuple[str, bool] | None:
        """The path to save to and whether to include the timeline; None: cancelled."""
        dialog, box = self.save_dialog(start)
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        return dialog.selectedFiles()[0], box is not None and box.isChecked()
