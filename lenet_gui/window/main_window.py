"""The main window: controls (left), the network view in a tab area (centre), curves (bottom),
the drawing pad (right), the dataset in use in the status bar. Beside the "Network" tab the
insight views (confusion matrix, mistakes, kernels, saliency, gradient health, gradient check,
unit details, derivation) are tabs too; only the visible tab renders.

The window lays the widgets out and wires them to the controllers it owns, one job each:
`TrainingController` (the trainer, its worker thread and process, evaluations),
`DataController` (the dataset), `ProbeController` (the probe image), `FileActions`
(checkpoints and exports). Snapshots arrive through a queued signal; a `RenderScheduler`
keeps the newest and the window shows it on a timer, only into visible views.
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine import (
    Dataset,
    Network,
    NetworkConfig,
    RunState,
    Snapshot,
    TrainerProtocol,
    TrainingProcess,
    build_network,
)

from .. import engine_texts
from ..controls import ControlsPanel
from ..curves import CurvesWidget
from ..insights import (
    DerivationView,
    InsightContext,
    InsightView,
    UnitDetails,
    create_insight_views,
)
from ..network_view import NetworkView
from ..probe_bar import ProbeBar
from ..render_scheduler import RENDER_INTERVAL_MS, RenderScheduler
from ..settings import dialogs_allowed, load_preferences, make_settings, save_preferences
from ..training_worker import TrainingWorker
from . import dock_layout
from .actions import build_actions, build_help_menu, build_menus, refresh_actions
from .banner import Banner
from .compare_controller import CompareController
from .data_controller import DataController
from .file_actions import FileActions
from .probe import ProbeController
from .tab_tips import find_tab, tab_tip
from .timeline_controller import TimelineController
from .training_controller import TrainingController


def _make_pad() -> Any:
    """The drawing pad (another module); None while it does not exist yet."""
    try:
        from ..pad_panel import PadPanel
    except ImportError:
        return None
    return PadPanel()


class MainWindow(QMainWindow):
    def __init__(
        self,
        dataset: Dataset | None = None,
        *,
        dataset_name: str | None = None,
        data_dir: str | None = None,
        preset: str | None = None,
        checkpoint: str | None = None,
        settings: QSettings | None = None,
        ask_for_data: bool | None = None,
        pretrained_path: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("lenet-gui — watch LeNet-5 learn"))
        self.settings = settings if settings is not None else make_settings()
        self.prefs = load_preferences(self.settings)
        self.ask_for_data = dialogs_allowed() if ask_for_data is None else ask_for_data
        self.closing = False
        self.pretrained: Network | None = None
        self.net: Network | None = None  # built once the controls hold their first values
        self.scheduler = RenderScheduler()
        self.training = TrainingController(self)
        self.data = DataController(self, data_dir)
        self.probes = ProbeController(self)
        self.files = FileActions(self, checkpoint)
        self.timeline, self.compare = TimelineController(self), CompareController(self)
        self._expose_controllers()

        self.actions_by_name = build_actions(self)
        self.view_menu = build_menus(self, self.actions_by_name)
        self._build_ui()
        build_help_menu(self, self.actions_by_name)
        self.compare.install()  # Training > Compare with…, its bar under the probe bar
        self.controls.apply_preferences(self.prefs)
        if preset is not None:
            i = self.controls.preset.findData(preset)
            if i >= 0:
                self.controls.preset.setCurrentIndex(i)
        name = dataset.name if dataset is not None else None
        self.data.dataset_name = name or dataset_name or self.prefs.get("dataset") or "mnist"
        self.controls.set_dataset_name(self.data.dataset_name)
        self.probe_bar.scale.setCurrentIndex(
            max(0, self.probe_bar.scale.findData(self.prefs.get("scale_mode", "layer"))))
        self.net = self.build_network()
        self.layout_views()
        self.files.load_pretrained_for_pad(pretrained_path)
        self._restore_geometry()
        self._timer = QTimer(self)
        self._timer.setInterval(RENDER_INTERVAL_MS)
        self._timer.timeout.connect(self.render_if_dirty)
        self._timer.start()
        if dataset is not None:
            self.data.set_dataset(dataset)
        else:
            self.data.set_status_data(None, self.tr("loading…"))
            QTimer.singleShot(0, self.data.load_initial_data)
        self.update_actions()
        self.training.start_process_in_background()

    def _expose_controllers(self) -> None:
        """What app.py, scripts, benchmarks and tests call on the window: the controllers'
        methods, under the window's name for them."""
        training, files, data, probes = self.training, self.files, self.data, self.probes
        self.start, self.pause, self.resume = training.start, training.pause, training.resume
        self.toggle_pause, self.step, self.stop = training.toggle_pause, training.step, \
            training.stop
        self.reset, self.set_lr, self.set_momentum = training.reset, training.set_lr, \
            training.set_momentum
        self.request_evaluation = training.request_evaluation
        self.save_checkpoint, self.load_checkpoint = files.save_checkpoint, files.load_checkpoint
        self.load_pretrained_weights = files.load_pretrained_weights
        self.export_history, self.write_report = files.export_history, files.write_report
        self.export_view = files.export_view
        self.open_data_dialog, self.set_dataset = data.open_data_dialog, data.set_dataset
        self.change_dataset = data.change_dataset
        self.probe, self.move_probe, self.random_probe = probes.probe, probes.move_probe, \
            probes.random_probe
        self.set_probe_index = probes.set_probe_index

    # ------------------------------------------------------------------ layout

    def _build_ui(self) -> None:
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        self.banner = Banner()
        lay.addWidget(self.banner)
        self.probe_bar = ProbeBar()
        self.probe_bar.previousClicked.connect(lambda: self.probes.move_probe(-1))
        self.probe_bar.nextClicked.connect(lambda: self.probes.move_probe(1))
        self.probe_bar.randomClicked.connect(self.probes.random_probe)
        self.probe_bar.drawingToggled.connect(self.probes.on_drawing_toggled)
        self.probe_bar.scale.currentIndexChanged.connect(self._on_scale_mode)
        self.probe_bar.backClicked.connect(self.probes.back_to_view)
        lay.addWidget(self.probe_bar)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.network_view = NetworkView()
        self.network_view.hoverText.connect(lambda t: self.statusBar().showMessage(t, 4000))
        self.network_view.unitClicked.connect(self._on_unit_clicked)
        self.tabs.addTab(self.network_view, self.tr("Network"))
        self.tabs.setTabToolTip(0, self.tr("Every layer's activations f(u) and sensitivities "
                                           "δu for the probe image"))
        self.insight_views: list[InsightView] = create_insight_views(self._insight_context())
        for view in self.insight_views:
            self.add_view(view, view.title)
        self.unit_details = next(v for v in self.insight_views if isinstance(v, UnitDetails))
        self.derivation = next(v for v in self.insight_views if isinstance(v, DerivationView))
        self.derivation.attach(self.network_view)
        self.derivation.replay_bar.install_shortcuts(self)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_docks()
        self.data_label = QLabel()
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.data_label)

    def _build_docks(self) -> None:
        self.controls = ControlsPanel(self.actions_by_name)
        self.controls.lrChanged.connect(self.training.set_lr)
        self.controls.momentumChanged.connect(self.training.set_momentum)
        self.controls.datasetChanged.connect(self.data.change_dataset)
        self.controls.networkOptionsChanged.connect(self._options_changed)
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(self.controls.sizeHint().width() + 16)
        self.controls_dock = self._dock(self.tr("Training"), "controls", scroll,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)
        self.curves = CurvesWidget()
        self.curves_dock = self._dock(self.tr("Curves"), "curves",
                                      dock_layout.scrolling(self.timeline.wrap(self.curves)),
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.pad = _make_pad()
        pad_widget: QWidget
        if self.pad is not None:
            self.pad.probeChanged.connect(self.probes.on_pad_probe)
            self.pad.followChanged.connect(self.probes.on_pad_follow)
            self.pad.set_pen_width(self.prefs.get("pen_width", self.pad.pen_width()))
            pad_widget = self.pad
        else:
            pad_widget = QLabel(self.tr("The drawing pad will appear here."))
            pad_widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            pad_widget.setMinimumWidth(220)
            self.probe_bar.drawing.setEnabled(False)
        pad_scroll = dock_layout.scrolling(pad_widget)
        pad_scroll.setMinimumWidth(pad_widget.minimumSizeHint().width() + 16)
        self.pad_dock = self._dock(self.tr("Drawing pad"), "pad", pad_scroll,
                                   Qt.DockWidgetArea.RightDockWidgetArea)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        size = dock_layout.first_run_size(screen)
        self.arrange_docks(wide=dock_layout.is_wide(size.width()))
        self.resize(size)
        if screen is not None:
            self.move(screen.topLeft())

    def arrange_docks(self, wide: bool) -> None:
        """Wide screens: controls left, pad right. Small ones: the pad shares the left
        column with the controls, as tabs, so the network view keeps its width."""
        dock_layout.arrange_docks(self, wide)
        self._docks_sized = False  # sized once the window has its size (showEvent)

    def reset_layout(self) -> None:
        """View > Reset layout."""
        dock_layout.reset_layout(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._docks_sized:
            self._docks_sized = True
            QTimer.singleShot(0, lambda: dock_layout.size_docks(self))

    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        self.view_menu.addAction(dock.toggleViewAction())
        dock.visibilityChanged.connect(self._on_dock_visibility)
        return dock

    def _on_dock_visibility(self, visible: bool) -> None:
        if visible:
            self._render_latest()

    def add_view(self, widget: QWidget, title: str) -> None:
        """Add a view as a tab; it gets `update_snapshot(snapshot)` only while visible."""
        i = self.tabs.addTab(widget, title)
        self.tabs.setTabToolTip(i, tab_tip(widget))

    def view(self, title: str) -> QWidget | None:
        """The tab with this title, as shown or in English (scripts, tests)."""
        return find_tab(self.tabs, title)

    def show_view(self, title: str) -> QWidget | None:
        """Bring a tab to the front (and render the latest snapshot into it)."""
        widget = self.view(title)
        if widget is not None:
            self.tabs.setCurrentWidget(widget)
        return widget

    def _on_tab_changed(self, _index: int) -> None:
        self.probes.on_tab_changed()
        self._render_latest()

    # ------------------------------------------------------------------ network & views

    def build_network(self, config: NetworkConfig | None = None) -> Network:
        config = config or self.controls.network_config()
        return build_network(config, dtype=np.float32, seed=0)

    def layout_views(self) -> None:
        """Lay the views out for the window's network."""
        assert self.net is not None
        names = engine_texts.texts(self.dataset.class_names) if self.dataset else None
        self.network_view.set_layers(self.net.layers, self.net.config.input_size, names)
        self.controls.set_pending(False)
        self.sync_insight_context()
        if self.pad is not None:
            self.pad.set_network_config(self.net.config)

    def _options_changed(self) -> None:
        if self.net is None:  # the controls are still being set up from the command line
            return
        self.controls.set_pending(True, self.net.config)

    def _insight_context(self) -> InsightContext:
        return InsightContext(
            dataset=self.dataset,
            network_config=None if self.net is None else self.net.config,
            set_probe_index=self.probes.probe_from_view,
            request_evaluation=self.training.request_evaluation,
        )

    def sync_insight_context(self) -> None:
        """After Reset, a preset or dataset change, a loaded checkpoint: the views forget
        what belonged to the old network or data."""
        ctx = self._insight_context()
        for view in self.insight_views:
            old = view.ctx
            if old is not None and old.dataset is ctx.dataset and \
                    old.network_config == ctx.network_config:
                continue
            view.set_context(ctx)

    def clear_selection(self) -> None:
        """Esc: no unit selected, no receptive field outlined."""
        self.network_view.clear_selection()

    def _on_unit_clicked(self, layer: str, index: int, r: int, c: int) -> None:
        """A unit was clicked in the network view: outline its receptive field there and
        show its values in Unit details and its derivation."""
        if layer == "input":
            self.network_view.select_unit(layer, index, r, c, (r, c, r, c))
            return
        rf = None
        if self.net is not None and layer in self.net.layer_names:
            rf = self.net.receptive_field(layer, r, c)
        self.network_view.select_unit(layer, index, r, c, rf)
        latest = self.scheduler.latest
        for details in (self.unit_details, self.derivation):
            if latest is not None and details.snapshot is not latest:
                details.update_snapshot(latest)  # only stored while the tab is hidden
            details.show_unit(layer, index, r, c)

    # ------------------------------------------------------------------ rendering

    def render_now(self) -> None:
        """Take a snapshot here (no worker thread may be running) and show it; while a
        worker runs, send it the probe instead."""
        self.compare.follow_probe()  # comparing: run B gets the probe too
        worker = self.training.worker
        if worker is not None and worker.is_alive():
            worker.set_probe(*self.probe())
            return
        snap = self.training.own_snapshot(*self.probe()) if self.trainer is not None else None
        if snap is None:
            return
        self.compare.show_a(snap)
        self.render_if_dirty()

    def _render_latest(self) -> None:
        if self.scheduler.redraw():
            self.render_if_dirty()

    def render_if_dirty(self) -> None:
        """Show the newest snapshot if one is due (see `RenderScheduler`)."""
        if self.closing or not self.isVisible() or self.isMinimized():
            return
        now = time.monotonic()
        snap = self.scheduler.next_frame(now)
        if snap is None:
            return
        current = self.tabs.currentWidget()  # hidden tabs get nothing: they cost nothing
        if current is self.network_view:
            self.network_view.update_snapshot(snap)
        else:
            if hasattr(current, "update_snapshot"):
                current.update_snapshot(snap)
            self.network_view.update_dialogs(snap)  # the unit's window stays live
        running = snap.state == RunState.RUNNING
        curve_snap = self.compare.curves_snapshot(snap)  # comparing: A's, B's drawn over it
        if self.curves_dock.isVisible() and curve_snap is not None:
            trainer = self.trainer
            self.curves.update_history(curve_snap.history, curve_snap.running_accuracy,
                                       curve_snap.epoch + curve_snap.epoch_progress,
                                       force=not running or (
                                           trainer is not None and trainer.paused))
        if self.scheduler.text_due(snap, now):
            self.controls.show_progress(snap)
        if self.pad is not None and self.scheduler.pad_due(snap, now):
            self.pad.set_trained_params(snap.params)  # the pad re-classifies with these
        paused_shown = self.actions_by_name["pause"].isChecked()
        if not self.training.worker_alive() or (snap.state == RunState.PAUSED) != paused_shown:
            self.update_actions()

    def update_actions(self) -> None:
        refresh_actions(self)

    # ------------------------------------------------------------------ messages

    def show_error(self, title: str, text: str) -> None:
        """A clear message: a box when a person is there, always the banner."""
        text = engine_texts.error(text)  # the engine's messages arrive in English
        self.banner.show_message(f"<b>{title}.</b> {text}", "error")
        self.statusBar().showMessage(f"{title}: {text}", 15000)
        if self.ask_for_data and self.isVisible():
            # open(), not exec(): the caller goes on (the view still renders behind the box)
            box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    # ------------------------------------------------------------------ settings & close

    def _on_scale_mode(self, _index: int) -> None:
        mode = self.probe_bar.scale.currentData()
        self.network_view.set_scale_mode(mode)
        self.prefs["scale_mode"] = mode

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        if isinstance(state, QByteArray | bytes) and self.restoreState(QByteArray(state)):
            self._docks_sized = True  # as the user left them

    def preferences(self) -> dict[str, Any]:
        prefs = dict(self.prefs)
        prefs.update(self.controls.preferences())
        prefs["scale_mode"] = self.network_view.scale_mode
        if self.pad is not None:
            prefs["pen_width"] = self.pad.pen_width()
        return prefs

    def save_settings(self) -> None:
        save_preferences(self.settings, self.preferences())
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.closing = True
        self._timer.stop()
        self.data.cancel()
        self.training.close()
        for dlg in self.findChildren(QDialog):  # map windows, Help, the data dialog
            dlg.close()
        with contextlib.suppress(Exception):  # never block closing on settings
            self.save_settings()
        event.accept()

    # ------------------------------------------------------------------ the public API
    # (what app.py, scripts, benchmarks and tests use; the work is in the controllers)

    @property
    def trainer(self) -> TrainerProtocol | None:
        return self.training.trainer

    @property
    def worker(self) -> TrainingWorker | None:
        return self.training.worker

    @property
    def process(self) -> TrainingProcess | None:
        return self.training.process

    @property
    def dataset(self) -> Dataset | None:
        return self.data.dataset

    @property
    def latest(self) -> Snapshot | None:
        """The newest snapshot."""
        return self.scheduler.latest

    @property
    def probe_index(self) -> int:
        return self.probes.index

    @property
    def drawing(self) -> np.ndarray | None:
        """The pad's drawing, preprocessed as a probe."""
        return self.probes.drawing
