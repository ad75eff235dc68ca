"""The main window: controls (left), the network view in a tab area (centre), curves (bottom),
the drawing pad (right), the dataset in use in the status bar. Beside the "Network" tab the
insight views (confusion matrix, mistakes, kernels, saliency, gradient health, gradient check,
unit details) are tabs too; only the visible tab renders.

Threading: the Trainer trains in a child process (`engine.TrainingProcess`, started in the
background when the window opens and reused for every run) watched by a `TrainingWorker`
thread, or, when no process can be started, in that thread itself. While a worker runs,
`self.trainer` is its trainer (for a process: a `RemoteTrainer`, the controls and a mirror of
the child's state); otherwise it is the window's own `Trainer`, which takes over the child's
final state when a run ends. Snapshots arrive through a queued signal; the window keeps only
the newest and renders it on a timer (30 ms) when a new one came in, and only into visible
views. While no worker thread is alive, the window may use
the trainer directly (e.g. to take a snapshot for a new probe image); a test-set evaluation
then runs on a short-lived thread of its own.
"""

from __future__ import annotations

import contextlib
import os
import random
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QByteArray, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine import (
    ConfigError,
    Dataset,
    History,
    LenetError,
    Network,
    RunState,
    TrainConfig,
    Trainer,
    TrainingProcess,
    build_network,
    load_checkpoint,
    preprocess,
    save_checkpoint,
)

from . import export, resources
from .controls import DATASET_LABELS, ControlsPanel, ProbeBar
from .curves import CurvesWidget
from .data_dialog import DataDialog, DataLoader
from .insights import InsightContext, InsightView, UnitDetails, create_insight_views
from .network_view import NetworkView
from .settings import dialogs_allowed, load_preferences, make_settings, save_preferences
from .training_worker import TrainingWorker

RENDER_INTERVAL_MS = 30  # a new snapshot is shown at most this late
MIN_FRAME_S = 0.07  # while training: at most ~14 frames a second
TEXT_INTERVAL = 0.25  # progress bar and speed text while training
PAD_INTERVAL = 0.5  # seconds between new weights for the pad while training
# on close the child gets this long to exit by itself (idle or paused: milliseconds), then it
# is killed: mid-batch or mid-evaluation it could need a second, and closing must take < 1 s
PROCESS_CLOSE_GRACE = 0.1
# LENET_GUI_TRAINING=thread trains in a thread of this process (no child process)
TRAINING_MODE_ENV = "LENET_GUI_TRAINING"


class _Relay(QObject):
    """Carries a result from a plain thread to the GUI thread (queued signal)."""

    done = Signal(object)


class Banner(QFrame):
    """A coloured message strip above the network view, with an optional action button."""

    STYLES = {
        "error": "background:#fde2e1; border:1px solid #d9534f; color:#7a1c1a;",
        "warning": "background:#fff4d6; border:1px solid #e0a800; color:#5c4300;",
        "info": "background:#e3f0fb; border:1px solid #5b9bd5; color:#1c3d5a;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        self.action_button = QPushButton()
        self.action_button.setVisible(False)
        lay.addWidget(self.action_button)
        close = QPushButton("✕")
        close.setFlat(True)
        close.setFixedWidth(28)
        close.setToolTip("Hide this message")
        close.clicked.connect(self.hide)
        lay.addWidget(close)
        self.kind = ""
        self._callback = None
        self.action_button.clicked.connect(self._on_action)
        self.hide()

    def show_message(self, text: str, kind: str = "info", action: str | None = None,
                     callback=None) -> None:
        self.kind = kind
        self.setStyleSheet(f"Banner {{{self.STYLES.get(kind, self.STYLES['info'])}}}")
        self.label.setText(text)
        self._callback = callback
        self.action_button.setVisible(bool(action))
        if action:
            self.action_button.setText(action)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _on_action(self) -> None:
        if self._callback is not None:
            self._callback()


def _make_pad():
    """The drawing pad (another module); None while it does not exist yet."""
    try:
        from .pad_panel import PadPanel
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
        settings=None,
        ask_for_data: bool | None = None,
        pretrained_path: str | os.PathLike | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("lenet-gui — watch LeNet-5 learn")
        self.settings = settings if settings is not None else make_settings()
        self.prefs = load_preferences(self.settings)
        self.ask_for_data = dialogs_allowed() if ask_for_data is None else ask_for_data
        self.dataset: Dataset | None = None
        self._trainer: Trainer | None = None
        self.worker: TrainingWorker | None = None
        self._process: TrainingProcess | None = None
        self._process_lock = threading.Lock()
        self._process_failed = os.environ.get(TRAINING_MODE_ENV, "") == "thread"
        self._loader: DataLoader | None = None
        self._latest = None
        self._dirty = False
        self._start_pending = False
        self._pending_checkpoint = checkpoint
        self._data_dir = data_dir
        self.probe_index = 0
        self._drawing: np.ndarray | None = None
        self._use_drawing = False
        self._pad_step = -1
        self._pad_time = 0.0
        self._closing = False
        self._eval_thread: threading.Thread | None = None
        self._pending_report: Path | None = None  # written once the test set is evaluated
        self._eval_relay = _Relay(self)
        self._eval_relay.done.connect(self._on_evaluated)
        self._return_tab: QWidget | None = None
        self._frame_time = 0.0
        self._text_time = 0.0
        self.pretrained: Network | None = None
        self.net: Network | None = None  # built once the controls hold their first values

        self._build_actions()
        self._build_ui()
        self.controls.apply_preferences(self.prefs)
        if preset is not None:
            i = self.controls.preset.findData(preset)
            if i >= 0:
                self.controls.preset.setCurrentIndex(i)
        self._dataset_name = dataset_name or self.prefs.get("dataset") or "mnist"
        if dataset is not None:
            self._dataset_name = dataset.name
        self.controls.set_dataset_name(self._dataset_name)
        self.probe_bar.scale.setCurrentIndex(
            max(0, self.probe_bar.scale.findData(self.prefs.get("scale_mode", "layer"))))
        self.net = self._build_network()
        self._layout_views()
        self._load_pretrained(pretrained_path)
        self._restore_geometry()
        self._timer = QTimer(self)
        self._timer.setInterval(RENDER_INTERVAL_MS)
        self._timer.timeout.connect(self._render_if_dirty)
        self._timer.start()
        if dataset is not None:
            self.set_dataset(dataset)
        else:
            self._set_status_data(None, "loading…")
            QTimer.singleShot(0, self._load_initial_data)
        self._update_actions()
        if not self._process_failed:  # spawned in the background: never delays the window
            threading.Thread(target=self._training_process, name="lenet-process-start",
                             daemon=True).start()

    @property
    def trainer(self):
        """The running worker's trainer (a RemoteTrainer mirroring the child process, or a
        Trainer in the fallback), else the window's own Trainer (None without data)."""
        worker = self.worker
        if worker is not None and worker.is_alive():
            return worker.trainer
        return self._trainer

    @trainer.setter
    def trainer(self, trainer: Trainer | None) -> None:
        self._trainer = trainer

    def _training_process(self) -> TrainingProcess | None:
        """The live training process, started (again) if needed; None when processes
        cannot be used here (training then runs in a thread)."""
        with self._process_lock:
            if self._process_failed or self._closing:
                return None
            proc = self._process
            if proc is not None and proc.is_alive():
                return proc
            if proc is not None:
                proc.close(0.1)
            self._process = None
            try:
                proc = TrainingProcess()
                proc.start()
            except Exception:  # noqa: BLE001 - no multiprocessing here: train in a thread
                self._process_failed = True
                return None
            self._process = proc
            return proc

    # ------------------------------------------------------------------ UI

    def _build_actions(self) -> None:
        def act(key, text, shortcuts, slot, tip):
            a = QAction(text, self)
            a.setShortcuts([QKeySequence(s) for s in shortcuts])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.setToolTip(tip)
            a.triggered.connect(slot)
            self.addAction(a)
            self.actions_by_name[key] = a
            return a

        self.actions_by_name: dict[str, QAction] = {}
        act("start", "&Start", ["F5", "Ctrl+Return", "Ctrl+Enter"], self.start,
            "Start or continue training")
        act("pause", "&Pause", ["Space"], self.toggle_pause, "Pause or resume training")
        self.actions_by_name["pause"].setCheckable(True)  # shown pressed while paused
        act("step", "S&tep", ["S", "Ctrl+Right"], self.step,
            "Train exactly one batch, then stay paused")
        act("reset", "&Reset", ["Ctrl+R"], self.reset,
            "A fresh network with the chosen preset and options")
        act("save", "&Save checkpoint…", ["Ctrl+S"], self.save_checkpoint_dialog,
            "Save the network, optimiser and history to a .npz file")
        act("load", "&Load checkpoint…", ["Ctrl+O"], self.load_checkpoint_dialog,
            "Continue from a saved .npz checkpoint")
        act("pretrained", "Load &pretrained weights", [], self.load_pretrained_weights,
            "Replace the network being trained by the bundled LeNet-5 trained on MNIST")
        act("data", "Get MNIST / choose &data folder…", [], self.open_data_dialog,
            "Download MNIST, read it from a folder, or use the built-in digits")
        act("quit", "&Quit", ["Ctrl+Q"], self.close, "Close lenet-gui")
        act("prev", "Previous test image", ["PgUp"], lambda: self.move_probe(-1),
            "Previous test image")
        act("next", "Next test image", ["PgDown"], lambda: self.move_probe(1),
            "Next test image")
        act("random", "Random test image", ["R"], self.random_probe, "A random test image")
        act("export_csv", "Export history as &CSV…", [], self.export_history_dialog,
            "Write the loss per batch and the accuracy per epoch as CSV files")
        act("report", "Write &report…", [], self.write_report_dialog,
            "A folder with the curves, the confusion matrix, the network view and the history")
        act("export_png", "Export current view as &PNG…", ["Ctrl+Shift+E"],
            self.export_view_dialog, "Save the visible tab as a PNG image")

    def _build_ui(self) -> None:
        a = self.actions_by_name
        file_menu = self.menuBar().addMenu("&File")
        for key in ("save", "load", "pretrained"):
            file_menu.addAction(a[key])
        file_menu.addSeparator()
        file_menu.addAction(a["export_csv"])
        file_menu.addAction(a["report"])
        file_menu.addSeparator()
        file_menu.addAction(a["data"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        train_menu = self.menuBar().addMenu("&Training")
        for key in ("start", "pause", "step", "reset"):
            train_menu.addAction(a[key])
        probe_menu = self.menuBar().addMenu("&Probe")
        for key in ("prev", "next", "random"):
            probe_menu.addAction(a[key])
        self.view_menu = self.menuBar().addMenu("&View")
        self.view_menu.addAction(a["export_png"])
        self.view_menu.addSeparator()

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        self.banner = Banner()
        lay.addWidget(self.banner)
        self.probe_bar = ProbeBar()
        self.probe_bar.previousClicked.connect(lambda: self.move_probe(-1))
        self.probe_bar.nextClicked.connect(lambda: self.move_probe(1))
        self.probe_bar.randomClicked.connect(self.random_probe)
        self.probe_bar.drawingToggled.connect(self._on_drawing_toggled)
        self.probe_bar.scale.currentIndexChanged.connect(self._on_scale_mode)
        self.probe_bar.backClicked.connect(self._back_to_view)
        lay.addWidget(self.probe_bar)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.network_view = NetworkView()
        self.network_view.hoverText.connect(lambda t: self.statusBar().showMessage(t, 4000))
        self.network_view.unitClicked.connect(self._on_unit_clicked)
        self.tabs.addTab(self.network_view, "Network")
        self.tabs.setTabToolTip(0, "Every layer's activations f(u) and sensitivities δu for "
                                   "the probe image")
        self.insight_views: list[InsightView] = create_insight_views(self._insight_context())
        for view in self.insight_views:
            self.add_view(view, view.title)
        self.unit_details = next(v for v in self.insight_views if isinstance(v, UnitDetails))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.controls = ControlsPanel(self.actions_by_name)
        self.controls.lrChanged.connect(self.set_lr)
        self.controls.momentumChanged.connect(self.set_momentum)
        self.controls.datasetChanged.connect(self.change_dataset)
        self.controls.networkOptionsChanged.connect(self._options_changed)
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(self.controls.sizeHint().width() + 16)
        self.controls_dock = self._dock("Training", "controls", scroll,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)
        self.curves = CurvesWidget()
        self.curves_dock = self._dock("Curves", "curves", self.curves,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.pad = _make_pad()
        if self.pad is not None:
            self.pad.probeChanged.connect(self._on_pad_probe)
            self.pad.followChanged.connect(self._on_pad_follow)
            pad_widget = self.pad
        else:
            pad_widget = QLabel("The drawing pad will appear here.")
            pad_widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            pad_widget.setMinimumWidth(220)
            self.probe_bar.drawing.setEnabled(False)
        self.pad_dock = self._dock("Drawing pad", "pad", pad_widget,
                                   Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.curves_dock], [230], Qt.Orientation.Vertical)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.arrange_docks(wide=screen is None or screen.width() >= 1700)

        self.data_label = QLabel()
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.data_label)
        self.resize(1680, 980)
        if screen is not None:
            self.resize(min(1680, screen.width()), min(980, screen.height()))

    def arrange_docks(self, wide: bool) -> None:
        """Wide screens: controls left, pad right. Small ones: the pad shares the left
        column with the controls, as tabs, so the network view keeps its width."""
        if wide:
            # the pad takes the whole right edge (its canvas wants height), the curves
            # span the controls and the network view
            self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.pad_dock)
            self.resizeDocks([self.pad_dock], [340], Qt.Orientation.Horizontal)
        else:
            self.tabifyDockWidget(self.controls_dock, self.pad_dock)
            self.controls_dock.raise_()

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        self.view_menu.addAction(dock.toggleViewAction())
        dock.visibilityChanged.connect(lambda visible: visible and self._render_latest())
        return dock

    def add_view(self, widget: QWidget, title: str) -> None:
        """Add a view as a tab; it gets `update_snapshot(snapshot)` only while visible."""
        i = self.tabs.addTab(widget, title)
        doc = (type(widget).__doc__ or "").strip().splitlines()
        if doc:
            self.tabs.setTabToolTip(i, doc[0])

    def view(self, title: str) -> QWidget | None:
        """The tab with this title."""
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                return self.tabs.widget(i)
        return None

    def show_view(self, title: str) -> QWidget | None:
        """Bring a tab to the front (and render the latest snapshot into it)."""
        widget = self.view(title)
        if widget is not None:
            self.tabs.setCurrentWidget(widget)
        return widget

    def _on_tab_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is not self.network_view and current is not self._return_tab:
            self._return_tab = None
            self.probe_bar.show_back(None)
        self._render_latest()

    # ------------------------------------------------------------------ insight views

    def _insight_context(self) -> InsightContext:
        net = getattr(self, "net", None)
        return InsightContext(
            dataset=self.dataset,
            network_config=None if net is None else net.config,
            set_probe_index=self._probe_from_view,
            request_evaluation=self.request_evaluation,
        )

    def _sync_insight_context(self) -> None:
        """After Reset, a preset or dataset change, a loaded checkpoint: the views forget
        what belonged to the old network or data."""
        ctx = self._insight_context()
        for view in self.insight_views:
            old = view.ctx
            if old is not None and old.dataset is ctx.dataset and \
                    old.network_config == ctx.network_config:
                continue
            view.set_context(ctx)

    def _probe_from_view(self, index: int) -> None:
        """A gallery image was clicked: make it the probe and show it in the network view,
        with a button back to the gallery."""
        source = self.tabs.currentWidget()
        self.set_probe_index(index)
        if source is not self.network_view and source is not None:
            self._return_tab = source
            self.tabs.setCurrentWidget(self.network_view)
            self.probe_bar.show_back(self.tabs.tabText(self.tabs.indexOf(source)))

    def _back_to_view(self) -> None:
        tab, self._return_tab = self._return_tab, None
        self.probe_bar.show_back(None)
        if tab is not None and self.tabs.indexOf(tab) >= 0:
            self.tabs.setCurrentWidget(tab)

    def request_evaluation(self) -> None:
        """Evaluate the whole test set now (for the confusion matrix and the mistakes),
        never on the GUI thread: by the training thread when it runs, else on a thread of
        its own."""
        tr = self.trainer
        if tr is None:
            return
        self.statusBar().showMessage("Evaluating the test set…", 5000)
        if self._worker_alive():
            tr.request_evaluation()
            self.worker.wake()
            return
        if self._eval_thread is not None and self._eval_thread.is_alive():
            return
        relay = self._eval_relay

        def work() -> None:
            try:
                tr.evaluate()
                result: object = tr
            except Exception as exc:  # noqa: BLE001 - reported in the window
                result = exc
            with contextlib.suppress(RuntimeError):  # the window is gone
                relay.done.emit(result)

        self._eval_thread = threading.Thread(target=work, name="lenet-evaluate", daemon=True)
        self._eval_thread.start()

    def _wait_for_evaluation(self, timeout: float = 30.0) -> None:
        thread = self._eval_thread
        if thread is not None:
            thread.join(timeout)
            self._eval_thread = None

    @Slot(object)
    def _on_evaluated(self, result) -> None:
        self._eval_thread = None
        folder, self._pending_report = self._pending_report, None  # one request, one answer
        if self._closing:
            return
        if isinstance(result, Exception):
            self.show_error("Could not evaluate the test set", str(result))
            return
        if result is self.trainer and not self._worker_alive():
            ev = result.evaluation
            if ev is not None:
                self.statusBar().showMessage(
                    f"Test accuracy {ev.accuracy:.2%} at step {ev.step}", 8000)
            self._render_now()
        if folder is not None:
            self.write_report(folder, evaluate=False)  # without the matrix if it failed

    def _on_unit_clicked(self, layer: str, index: int, r: int, c: int) -> None:
        """A unit was clicked in the network view: outline its receptive field there and
        show its values in Unit details."""
        if layer == "input":
            self.network_view.select_unit(layer, index, r, c, (r, c, r, c))
            return
        rf = None
        if layer in self.net.layer_names:
            rf = self.net.receptive_field(layer, r, c)
        self.network_view.select_unit(layer, index, r, c, rf)
        details = self.unit_details
        if self._latest is not None and details.snapshot is not self._latest:
            details.update_snapshot(self._latest)  # only stored while the tab is hidden
        details.show_unit(layer, index, r, c)

    # ------------------------------------------------------------------ network & data

    def _build_network(self, config=None) -> Network:
        config = config or self.controls.network_config()
        return build_network(config, dtype=np.float32, seed=0)

    def _layout_views(self) -> None:
        names = self.dataset.class_names if self.dataset is not None else None
        self.network_view.set_layers(self.net.layers, self.net.config.input_size, names)
        self.controls.set_pending(False)
        self._sync_insight_context()
        if self.pad is not None:
            self.pad.set_network_config(self.net.config)

    def _load_pretrained(self, path=None) -> None:
        self.pretrained, reason = resources.load_pretrained(path)
        if self.pad is not None:
            self.pad.set_pretrained(self.pretrained)
        if reason:
            self.statusBar().showMessage(reason, 10000)
            self._pretrained_note = reason
        else:
            self._pretrained_note = "pretrained weights loaded for the pad"

    def _load_initial_data(self) -> None:
        if self._closing:
            return
        self._load_data(self._dataset_name, self._data_dir, initial=True)

    def _load_data(self, name: str, data_dir: str | None, initial: bool = False) -> None:
        label = DATASET_LABELS.get(name, name)
        if name == "builtin":
            self._set_status_data(None, "generating the built-in digits (a few seconds)…")
        else:
            self._set_status_data(None, f"loading {label}…")
        if self._loader is not None:
            self._loader.cancelled = True
        loader = DataLoader(name, data_dir)
        loader.loaded.connect(self._on_data_loaded)
        loader.failed.connect(self._on_data_failed)
        self._loader = loader
        self._loader_explicit_dir = data_dir is not None
        loader.start()

    @Slot(object)
    def _on_data_loaded(self, dataset: Dataset) -> None:
        if self.sender() is not self._loader or self._closing:
            return
        self._loader = None
        self.set_dataset(dataset)

    @Slot(str)
    def _on_data_failed(self, message: str) -> None:
        if self.sender() is not self._loader or self._closing:
            return
        loader, self._loader = self._loader, None
        name = loader.name
        if self.ask_for_data and not self._loader_explicit_dir:
            label = "Fashion-MNIST" if name == "fashion" else "MNIST"
            self._set_status_data(None, f"{label} not found: waiting for your choice")
            dlg = DataDialog(name, message, self.prefs.get("last_folder", ""), self)
            dlg.exec()
            if dlg.folder:
                self.prefs["last_folder"] = dlg.folder
            if dlg.dataset is not None:
                self.set_dataset(dlg.dataset)
                return
            self._fall_back_to_builtin(None)
            return
        self._fall_back_to_builtin(message)

    def _fall_back_to_builtin(self, message: str | None) -> None:
        if message:
            self.banner.show_message(
                f"<b>{message}</b><br>Continuing with the built-in generated digits.",
                "warning", "Get MNIST…", self.open_data_dialog)
        self.controls.set_dataset_name("builtin")
        self._load_data("builtin", None)

    def open_data_dialog(self) -> None:
        name = self.controls.dataset_name()
        name = name if name in ("mnist", "fashion") else "mnist"
        dlg = DataDialog(name, "Choose where the images come from.",
                         self.prefs.get("last_folder", ""), self)
        dlg.setWindowTitle("Data — lenet-gui")
        dlg.exec()
        if dlg.folder:
            self.prefs["last_folder"] = dlg.folder
            self.prefs["data_dir"] = dlg.folder
        if dlg.dataset is not None:
            self.set_dataset(dlg.dataset)
        elif dlg.result() == DataDialog.DialogCode.Accepted:
            self.change_dataset("builtin")

    def change_dataset(self, name: str) -> None:
        """Load another dataset (in the background); training restarts on it."""
        if self.dataset is not None and self.dataset.name == name:
            return
        self._stop_worker()
        self.controls.set_dataset_name(name)
        self._load_data(name, None)

    def set_dataset(self, dataset: Dataset) -> None:
        """Use this dataset; the network keeps its weights, training restarts at step 0."""
        self._stop_worker()
        self.dataset = dataset
        self._dataset_name = dataset.name
        self.controls.set_dataset_name(dataset.name)
        self.network_view.set_class_names(dataset.class_names)
        self._sync_insight_context()
        if self.pad is not None and hasattr(self.pad, "set_class_names"):
            self.pad.set_class_names(dataset.class_names)
        self._set_status_data(dataset)
        self.probe_index = min(self.probe_index, max(0, len(dataset.test_labels) - 1))
        if self.banner.kind == "warning" and dataset.name != "builtin":
            self.banner.hide()
        self._new_trainer()
        if self._pending_checkpoint:
            path, self._pending_checkpoint = self._pending_checkpoint, None
            self.load_checkpoint(path)
        self._show_probe_info()
        self._render_now()
        if self._start_pending:
            self._start_pending = False
            self.start()
        self._update_actions()

    def _set_status_data(self, dataset: Dataset | None, note: str = "") -> None:
        if dataset is None:
            self.data_label.setText(f"Data: {note}")
            return
        n_train, n_test = len(dataset.train_labels), len(dataset.test_labels)
        self.data_label.setText(
            f"Data: {dataset.display_name} — {dataset.source} "
            f"({n_train:,} training / {n_test:,} test images)")

    def _new_trainer(self, net: Network | None = None, config: TrainConfig | None = None,
                     history: History | None = None, step: int = 0,
                     optimizer_state=None) -> None:
        self._stop_worker()
        if self._pending_report is not None:
            self._pending_report = None
            self.statusBar().showMessage("The report was not written: the network changed "
                                         "while the test set was being evaluated.", 8000)
        if net is not None:
            self.net = net
        if self.dataset is None:
            self.trainer = None
            return
        config = config or self.controls.train_config()
        try:
            self.trainer = Trainer(self.net, self.dataset, config, history=history, step=step,
                                   optimizer_state=optimizer_state)
        except ConfigError as exc:
            self.show_error("Cannot train", str(exc))
            self.trainer = Trainer(self.net, self.dataset, config.replace(), history=history,
                                   step=step)
        self.curves.clear()
        self._latest = None

    # ------------------------------------------------------------------ probe

    def probe(self) -> tuple[np.ndarray, int | None]:
        """The preprocessed probe image (1, 1, S, S) and its label (None for a drawing)."""
        size = self.net.config.input_size
        if self._use_drawing and self._drawing is not None and \
                self._drawing.shape[-1] == size:
            return self._drawing, None
        if self.dataset is None or len(self.dataset.test_labels) == 0:
            return preprocess(np.zeros((28, 28), np.uint8), size), None
        i = self.probe_index % len(self.dataset.test_labels)
        x = preprocess(self.dataset.test_images[i], size)
        return x, int(self.dataset.test_labels[i])

    def move_probe(self, delta: int) -> None:
        if self.dataset is None:
            return
        self.probe_index = (self.probe_index + delta) % len(self.dataset.test_labels)
        self._probe_changed()

    def random_probe(self) -> None:
        if self.dataset is None:
            return
        self.probe_index = random.randrange(len(self.dataset.test_labels))
        self._probe_changed()

    def set_probe_index(self, index: int) -> None:
        self.probe_index = index
        self._probe_changed()

    def _probe_changed(self) -> None:
        self._show_probe_info()
        if self.worker is not None and self.worker.is_alive():
            self.worker.set_probe(*self.probe())
        else:
            self._render_now()

    def _show_probe_info(self) -> None:
        if self._use_drawing and self._drawing is not None:
            self.probe_bar.show_drawing(False)
            return
        if self._use_drawing:
            self.probe_bar.show_drawing(True)
            return
        if self.dataset is None:
            return
        i = self.probe_index % len(self.dataset.test_labels)
        label = int(self.dataset.test_labels[i])
        names = self.dataset.class_names
        self.probe_bar.show_test_image(i, len(self.dataset.test_labels), label,
                                       names[label] if label < len(names) else str(label))

    def _pad_drawing(self) -> None:
        if self._drawing is None and self.pad is not None and hasattr(self.pad, "preprocessed"):
            arr = self.pad.preprocessed()
            self._drawing = None if arr is None else np.ascontiguousarray(arr, np.float32)

    def _on_drawing_toggled(self, on: bool) -> None:
        self._use_drawing = on
        self._pad_drawing()
        if self.pad is not None and hasattr(self.pad, "set_follow_enabled") and \
                self.pad.follow_enabled() != on:
            self.pad.blockSignals(True)
            try:
                self.pad.set_follow_enabled(on)
            finally:
                self.pad.blockSignals(False)
        self._probe_changed()

    def _on_pad_follow(self, on: bool) -> None:
        self.probe_bar.drawing.blockSignals(True)
        self.probe_bar.drawing.setChecked(on)
        self.probe_bar.drawing.blockSignals(False)
        self._use_drawing = on
        self._pad_drawing()
        self._probe_changed()

    def _on_pad_probe(self, array) -> None:
        self._drawing = None if array is None else np.ascontiguousarray(array, np.float32)
        if self._use_drawing:
            self._probe_changed()

    # ------------------------------------------------------------------ training control

    def _worker_alive(self) -> bool:
        return self.worker is not None and self.worker.is_alive()

    def _runnable_trainer(self) -> Trainer | None:
        """The trainer to run now: rebuilt from the controls when its settings changed or it
        ended (continuing from its step, history and optimiser state)."""
        tr = self.trainer
        if tr is None:
            return None
        wanted = self.controls.train_config()
        if tr.step_count == 0 and tr.state not in (RunState.DIVERGED,):
            if wanted != tr.config:
                self._new_trainer(config=wanted)
            return self.trainer
        if tr.state in ("ready", "paused") and wanted.replace(
                lr=tr.config.lr, momentum=tr.config.momentum) == tr.config:
            return tr
        # continue: same batch size (the step count is in batches), new epochs/augmentation
        config = wanted.replace(batch_size=tr.config.batch_size)
        history, step = tr.history, tr.step_count
        state = tr.optimizer.state_dict()
        self.trainer = Trainer(self.net, self.dataset, config, history=history, step=step,
                               optimizer_state=state)
        return self.trainer

    def start(self) -> None:
        if self.dataset is None:
            self._start_pending = True
            self.statusBar().showMessage("Training starts as soon as the data is loaded.", 5000)
            return
        if self._worker_alive():
            self.trainer.resume()
            self._update_actions()
            return
        self._launch(steps=0)

    def _launch(self, steps: int) -> None:
        tr = self._runnable_trainer()
        if tr is None:
            return
        if tr.done:
            self.banner.show_message(
                f"All {tr.config.epochs} epochs are done. Raise <b>Epochs</b> and press Start "
                "to train on, or press Reset for a fresh network.", "info")
            return
        if self.banner.kind in ("error",) and self.banner.isVisible():
            self.banner.hide()
        if tr.batch_size < tr.config.batch_size:
            n = len(tr.dataset.train_labels)
            self.statusBar().showMessage(
                f"Batch size {tr.config.batch_size} is larger than the {n:,} training images; "
                f"using {tr.batch_size}.", 10000)
        self._wait_for_evaluation()  # a background evaluation reads the same network
        x, label = self.probe()
        worker = TrainingWorker(tr, x, label, process=self._training_process())
        worker.snapshotReady.connect(self._on_snapshot)
        worker.finished.connect(self._on_worker_finished)
        worker.failed.connect(self._on_worker_failed)
        self.worker = worker
        worker.start(steps=steps)
        self._update_actions()

    def toggle_pause(self) -> None:
        if not self._worker_alive():
            self._update_actions()  # the checkable action already toggled itself
            return
        if self.trainer.paused:
            self.trainer.resume()
        else:
            self.trainer.pause()
        self._update_actions()

    def pause(self) -> None:
        if self._worker_alive():
            self.trainer.pause()
            self._update_actions()

    def resume(self) -> None:
        if self._worker_alive():
            self.trainer.resume()
            self._update_actions()

    def step(self) -> None:
        if self.dataset is None:
            return
        if self._worker_alive():
            self.trainer.request_step(1)
        else:
            self._launch(steps=1)
        self._update_actions()

    def stop(self) -> None:
        """Stop training (the thread ends); Start continues from here."""
        self._stop_worker()
        self._render_now()
        self._update_actions()

    def reset(self) -> None:
        self._stop_worker()
        try:
            config = self.controls.network_config()
        except LenetError as exc:
            self.show_error("Cannot build this network", str(exc))
            return
        self.net = self._build_network(config)
        self._layout_views()
        self._new_trainer()
        if self.banner.kind in ("error",):
            self.banner.hide()
        self.statusBar().showMessage(f"Fresh network: {config.describe()}", 5000)
        self._render_now()
        self._update_actions()

    def set_lr(self, lr: float) -> None:
        if self.trainer is None:
            return
        try:
            self.trainer.set_lr(lr)
        except ConfigError as exc:
            self.show_error("Learning rate", str(exc))

    def set_momentum(self, momentum: float) -> None:
        if self.trainer is None:
            return
        try:
            self.trainer.set_momentum(momentum)
        except ConfigError as exc:
            self.show_error("Momentum", str(exc))

    def _options_changed(self) -> None:
        if self.net is None:  # the controls are still being set up from the command line
            return
        self.controls.set_pending(True, self.net.config)

    def _stop_worker(self, timeout: float = 2.0) -> None:
        worker, self.worker = self.worker, None
        if worker is None:
            return
        worker.close()
        worker.stop(timeout)

    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if self.sender() is not self.worker:
            return
        self._latest = snap
        self._dirty = True
        self._render_if_dirty()  # at once unless a frame was shown < MIN_FRAME_S ago

    @Slot(str)
    def _on_worker_finished(self, state: str) -> None:
        worker = self.sender()
        if worker is not self.worker:
            return
        worker.join(1.0)
        self.worker = None
        tr = self.trainer
        if worker.lost:
            self.show_error("Training stopped", f"{worker.lost} The network keeps the "
                            "weights of the last step shown; press Start to go on.")
        elif state == RunState.DIVERGED:
            self.banner.show_message(
                f"<b>Training stopped: it diverged.</b> {tr.message or ''}", "error",
                "Reset", self.reset)
        elif state == RunState.FINISHED:
            h = tr.history
            acc = f" Test accuracy {h.epoch_test_acc[-1]:.2%}." if h.epoch_test_acc else ""
            self.statusBar().showMessage(f"Finished {tr.config.epochs} epochs.{acc}", 10000)
        self._render_now()
        self._update_actions()

    @Slot(str)
    def _on_worker_failed(self, text: str) -> None:
        if self.sender() is not self.worker:
            return
        self.worker = None
        last = text.strip().splitlines()[-1] if text.strip() else "unknown error"
        self.show_error("Training failed", f"Training stopped because of an error: {last}")
        self._update_actions()

    def _update_actions(self) -> None:
        a = self.actions_by_name
        have = self.trainer is not None
        alive = self._worker_alive()
        paused = alive and self.trainer.paused
        a["start"].setEnabled(not alive or paused or self.dataset is None)
        a["start"].setText("&Resume" if paused else "&Start")
        a["pause"].setEnabled(alive)
        a["pause"].setChecked(bool(paused))
        a["step"].setEnabled(have and (not alive or paused))
        a["reset"].setEnabled(True)
        a["save"].setEnabled(True)
        if not have:
            state = "waiting for data"
        elif alive:
            state = "paused" if paused else "training"
        elif self.trainer.done and self.trainer.state != "diverged":
            state = f"all {self.trainer.config.epochs} epochs done (raise Epochs to train on)"
        else:
            state = self.trainer.state
        self.controls.state_label.setText(f"State: {state}")

    # ------------------------------------------------------------------ rendering

    def _render_now(self) -> None:
        """Take a snapshot here (no worker thread may be running) and show it."""
        if self.trainer is None or self._worker_alive():
            if self._worker_alive():
                self.worker.set_probe(*self.probe())
            return
        x, label = self.probe()
        self._latest = self.trainer.snapshot(x, label)
        self._dirty = True
        self._render_if_dirty()

    def _render_latest(self) -> None:
        if self._latest is not None:
            self._dirty = True
            self._render_if_dirty()

    def _render_if_dirty(self) -> None:
        if not self._dirty or self._latest is None or self._closing:
            return
        if not self.isVisible() or self.isMinimized():
            return
        snap = self._latest
        now = time.monotonic()
        running = snap.state == "running"
        if running and now - self._frame_time < MIN_FRAME_S:
            return  # stays dirty: the next tick shows the newest snapshot
        self._frame_time = now
        self._dirty = False
        current = self.tabs.currentWidget()  # hidden tabs get nothing: they cost nothing
        if current is self.network_view:
            self.network_view.update_snapshot(snap)
        elif hasattr(current, "update_snapshot"):
            current.update_snapshot(snap)
        if self.curves_dock.isVisible():
            self.curves.update_history(snap.history, snap.running_accuracy,
                                       snap.epoch + snap.epoch_progress,
                                       force=snap.state != "running" or (
                                           self.trainer is not None and self.trainer.paused))
        if not running or now - self._text_time >= TEXT_INTERVAL:
            self._text_time = now
            self.controls.show_progress(snap)
        if self.pad is not None and snap.step != self._pad_step and (
                now - self._pad_time >= PAD_INTERVAL or snap.state != "running"):
            # the pad re-classifies with these weights: twice a second is plenty
            self._pad_step, self._pad_time = snap.step, now
            self.pad.set_trained_params(snap.params)
        paused_shown = self.actions_by_name["pause"].isChecked()
        if not self._worker_alive() or (snap.state == "paused") != paused_shown:
            self._update_actions()

    # ------------------------------------------------------------------ files

    def _last_folder(self) -> str:
        folder = self.prefs.get("last_folder") or ""
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def save_checkpoint_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save checkpoint", str(Path(self._last_folder()) / "lenet-checkpoint.npz"),
            "Checkpoints (*.npz)")
        if path:
            self.prefs["last_folder"] = str(Path(path).parent)
            self.save_checkpoint(path)

    def save_checkpoint(self, path: str | os.PathLike) -> Path | None:
        dataset = self.dataset.name if self.dataset is not None else None
        train_size = len(self.dataset.train_labels) if self.dataset is not None else None

        def job(tr: Trainer) -> Path:
            return save_checkpoint(
                path, tr.net, step=tr.step_count, epoch=tr.epoch,
                train_config=tr.config.to_dict(), optimizer=tr.optimizer.state_dict(),
                history=tr.history.to_arrays(), dataset=dataset, train_size=train_size)

        try:
            if self.trainer is None:
                saved = save_checkpoint(path, self.net, dataset=dataset)
            elif self.worker is not None:
                saved = self.worker.call_between_batches(job)
            else:
                saved = job(self.trainer)
        except (LenetError, OSError) as exc:
            self.show_error("Could not save the checkpoint", str(exc))
            return None
        except TimeoutError:
            self.show_error("Could not save the checkpoint", "the training thread is busy; "
                            "pause training and try again")
            return None
        self.statusBar().showMessage(f"Saved checkpoint {saved}", 8000)
        return saved

    def load_checkpoint_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load checkpoint", self._last_folder(),
                                              "Checkpoints (*.npz);;All files (*)")
        if path:
            self.prefs["last_folder"] = str(Path(path).parent)
            self.load_checkpoint(path)

    def load_checkpoint(self, path: str | os.PathLike, what: str = "checkpoint") -> bool:
        """Continue from a checkpoint. On any error: a message, and nothing changes."""
        try:
            ckpt = load_checkpoint(path)
            net = ckpt.network()
        except (LenetError, OSError) as exc:
            self.show_error(f"Could not load the {what}", str(exc))
            return False
        if self.dataset is None:
            self._pending_checkpoint = str(path)
            self.statusBar().showMessage("The checkpoint is loaded as soon as the data is.")
            return True
        config = self.controls.train_config()
        if ckpt.train_config:
            with contextlib.suppress(ConfigError, TypeError):
                config = TrainConfig.from_dict(ckpt.train_config)
        try:  # everything that can fail comes before anything changes
            history = History.from_arrays(ckpt.history) if ckpt.history else None
        except (ValueError, TypeError) as exc:
            self.show_error(f"Could not load the {what}", f"{path}: damaged history ({exc})")
            return False
        self._stop_worker()
        self.net = net
        self.controls.set_network_config(net.config)
        self.controls.set_train_config(config)
        self._layout_views()
        try:
            self._new_trainer(net, config, history, ckpt.step, ckpt.optimizer)
        except (LenetError, ValueError) as exc:
            self.show_error(f"Could not continue from the {what}", str(exc))
            self._new_trainer(net, config)
        self.statusBar().showMessage(
            f"Loaded {what} {Path(path).name}: {net.config.describe()}, step {ckpt.step}", 8000)
        self._render_now()
        self._update_actions()
        return True

    def load_pretrained_weights(self) -> None:
        self.load_checkpoint(resources.PRETRAINED_WEIGHTS, "pretrained weights")

    # ------------------------------------------------------------------ export

    def _snapshot_for_export(self):
        """The newest snapshot (immutable, so safe while training runs)."""
        if self._latest is None and self.trainer is not None and not self._worker_alive():
            x, label = self.probe()
            self._latest = self.trainer.snapshot(x, label)
        return self._latest

    def _remember_folder(self, path: str) -> None:
        self.prefs["last_folder"] = str(Path(path).parent)

    def export_history_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export history as CSV", str(Path(self._last_folder()) / "lenet-history.csv"),
            "CSV files (*.csv)")
        if path:
            self._remember_folder(path)
            self.export_history(path)

    def export_history(self, path: str | os.PathLike) -> list[Path] | None:
        """Loss per batch to `path`, accuracy per epoch beside it; None after an error."""
        snap = self._snapshot_for_export()
        if snap is None:
            self.show_error("Nothing to export", "there is no training history yet")
            return None
        try:
            paths = export.export_history_csv(snap.history, path)
        except OSError as exc:
            self.show_error("Could not export the history", str(exc))
            return None
        self.statusBar().showMessage(
            "Exported " + " and ".join(str(p) for p in paths), 8000)
        return paths

    def write_report_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Write the report into this folder", self._last_folder())
        if folder:
            self.prefs["last_folder"] = folder
            self.write_report(folder)

    def write_report(self, folder: str | os.PathLike, evaluate: bool = True) -> Path | None:
        """Curves, confusion matrix, network view and history into `folder`. Without a test
        set evaluation yet (and `evaluate`), evaluate first and write when it is done."""
        snap = self._snapshot_for_export()
        if snap is None:
            self.show_error("Nothing to report", "there is no training snapshot yet")
            return None
        if evaluate and snap.evaluation is None and not self._worker_alive() and \
                self.dataset is not None:
            # the confusion matrix needs the test set evaluated: do that first (off the GUI
            # thread), then write. While training runs, epochs evaluate it anyway.
            self._pending_report = Path(folder)
            self.request_evaluation()
            self.statusBar().showMessage("Evaluating the test set for the report…", 8000)
            return None
        if self.tabs.currentWidget() is not self.network_view:
            self.network_view.update_snapshot(snap)  # a hidden tab is not kept up to date
        widgets: dict[str, QWidget] = {"network view": self.network_view}
        if self.curves_dock.isVisible():
            self.curves.update_history(snap.history, snap.running_accuracy,
                                       snap.epoch + snap.epoch_progress, force=True)
            widgets["training curves"] = self.curves
        names = tuple(self.dataset.class_names) if self.dataset is not None else None
        try:
            out = export.write_report(folder, snap, widgets, class_names=names)
        except OSError as exc:
            self.show_error("Could not write the report", str(exc))
            return None
        self.statusBar().showMessage(f"Wrote the report into {out}", 8000)
        return out

    def export_view_dialog(self) -> None:
        title = self.tabs.tabText(self.tabs.currentIndex())
        name = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
        path, _ = QFileDialog.getSaveFileName(
            self, "Export current view as PNG", str(Path(self._last_folder()) / f"{name}.png"),
            "PNG images (*.png)")
        if path:
            self._remember_folder(path)
            self.export_view(path)

    def export_view(self, path: str | os.PathLike) -> Path | None:
        """The visible tab as a PNG."""
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        try:
            out = export.export_widget_png(self.tabs.currentWidget(), path)
        except OSError as exc:
            self.show_error("Could not export the view", str(exc))
            return None
        self.statusBar().showMessage(f"Saved {out}", 8000)
        return out

    # ------------------------------------------------------------------ messages

    def show_error(self, title: str, text: str) -> None:
        """A clear message: a box when a person is there, always the banner."""
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
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))

    def preferences(self) -> dict[str, Any]:
        prefs = dict(self.prefs)
        prefs.update(self.controls.preferences())
        prefs["scale_mode"] = self.network_view.scale_mode
        return prefs

    def save_settings(self) -> None:
        save_preferences(self.settings, self.preferences())
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._closing = True
        self._timer.stop()
        if self._loader is not None:
            self._loader.cancelled = True
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.abandon()  # never waits: the one wait is the process's grace below
        with self._process_lock:
            proc, self._process = self._process, None
        if proc is not None:
            proc.close(PROCESS_CLOSE_GRACE)
        for dlg in list(self.network_view.dialogs):
            dlg.close()
        with contextlib.suppress(Exception):  # never block closing on settings
            self.save_settings()
        event.accept()
