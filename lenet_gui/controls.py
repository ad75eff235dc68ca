"""The training controls (left dock): network, data and optimiser settings, run buttons."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import (
    DATASET_NAMES,
    OPTION_CHOICES,
    PRESET_DESCRIPTIONS,
    PRESETS,
    SCHEDULES,
    Dataset,
    NetworkConfig,
    RunState,
    Snapshot,
    TrainConfig,
    default_lr,
    get_config,
)

from . import engine_texts
from .run_texts import epoch_shown


def _display_name(name: str) -> str:
    """The engine's name for a dataset ("Fashion-MNIST"), before any of it is loaded."""
    empty = np.zeros((0, 28, 28), np.uint8)
    none = np.zeros(0, np.uint8)
    return Dataset(name, "", empty, none, empty, none, ()).display_name


# labels too long for the panel (the full one is the item's tooltip)
SHORT_LABELS = {
    ("activation", "scaled_tanh"): str(QT_TRANSLATE_NOOP("ControlsPanel", "scaled tanh (1998)")),
}
DATASET_LABELS = {name: _display_name(name) for name in DATASET_NAMES}
SCHEDULE_LABELS = {  # translated where shown
    "constant": str(QT_TRANSLATE_NOOP("ControlsPanel", "constant")),
    "step": str(QT_TRANSLATE_NOOP("ControlsPanel", "step (×0.3 every 5 epochs)")),
    "lecun1998": str(QT_TRANSLATE_NOOP("ControlsPanel", "LeCun 1998 (the paper's steps)")),
    "cosine": str(QT_TRANSLATE_NOOP("ControlsPanel", "cosine (down to 2%)")),
}
OPTION_TITLES = {  # translated where shown
    "activation": str(QT_TRANSLATE_NOOP("ControlsPanel", "Activation")),
    "subsampling": str(QT_TRANSLATE_NOOP("ControlsPanel", "Subsampling")),
    "c3_connections": str(QT_TRANSLATE_NOOP("ControlsPanel", "C3 connections")),
    "output": str(QT_TRANSLATE_NOOP("ControlsPanel", "Output")),
    "init": str(QT_TRANSLATE_NOOP("ControlsPanel", "Initialisation")),
}


def _shortcut_text(action: QAction) -> str:
    keys = [k.toString() for k in action.shortcuts()]
    return QCoreApplication.translate("ControlsPanel", " or ").join(keys)


def format_eta(seconds: float | None) -> str:
    """A time left for a person: "1 h 05 min", "3 min 07 s", "12 s" ("–" when unknown)."""
    if seconds is None or seconds != seconds or seconds == float("inf"):
        return "–"
    s = int(round(seconds))
    if s >= 3600:
        return QCoreApplication.translate("ControlsPanel", "{0} h {1:02d} min").format(
            s // 3600, s % 3600 // 60)
    if s >= 60:
        return QCoreApplication.translate("ControlsPanel", "{0} min {1:02d} s").format(
            s // 60, s % 60)
    return QCoreApplication.translate("ControlsPanel", "{0} s").format(s)



class ControlsPanel(QWidget):
    """Network, data and optimiser settings, the run buttons and the epoch progress."""

    lrChanged = Signal(float)
    momentumChanged = Signal(float)
    datasetChanged = Signal(str)
    networkOptionsChanged = Signal()  # preset or an option changed (applies on Reset)

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        net_box = self._build_network_box()
        train_box = self._build_training_box()
        lay.addWidget(self._build_buttons(actions))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFormat(self.tr("epoch –"))
        self.progress.setTextVisible(True)
        lay.addWidget(self.progress)
        self.speed = QLabel(self.tr("ready"))
        self.speed.setWordWrap(True)
        lay.addWidget(self.speed)
        self.state_label = QLabel("")
        self.state_label.setWordWrap(True)
        self.state_label.setStyleSheet("color: #444;")
        lay.addWidget(self.state_label)
        # the run controls and progress first: they stay in view on small screens
        lay.addWidget(net_box)
        lay.addWidget(train_box)
        lay.addStretch(1)
        self._preset_changed()

    def _build_network_box(self) -> QGroupBox:
        """Preset and options: they build a new network when Reset is pressed."""
        net_box = QGroupBox(self.tr("Network (applied on Reset)"))
        form = QFormLayout(net_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.preset = QComboBox()
        for i, name in enumerate(PRESETS):
            self.preset.addItem(name, name)
            self.preset.setItemData(i, engine_texts.text(PRESET_DESCRIPTIONS.get(name, "")),
                                    Qt.ItemDataRole.ToolTipRole)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        form.addRow(self.tr("Preset"), self.preset)
        self.preset_note = QLabel()
        self.preset_note.setWordWrap(True)
        self.preset_note.setStyleSheet("color: #555; font-size: 8pt;")
        form.addRow(self.preset_note)
        self.options: dict[str, QComboBox] = {}
        for option, choices in OPTION_CHOICES.items():
            title = self.tr(OPTION_TITLES[option]) if option in OPTION_TITLES else option
            combo = QComboBox()
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            for value in choices:
                full = engine_texts.option_label(option, value)
                short = SHORT_LABELS.get((option, value))
                combo.addItem(full if short is None else self.tr(short), value)
                combo.setItemData(combo.count() - 1, full, Qt.ItemDataRole.ToolTipRole)
            combo.setToolTip(self.tr("{0}: applied when you press Reset").format(title))
            combo.currentIndexChanged.connect(self._option_changed)
            self.options[option] = combo
            form.addRow(title, combo)
        self.pending_note = QLabel("")
        self.pending_note.setStyleSheet("color: #a05a00;")
        self.pending_note.setWordWrap(True)
        form.addRow(self.pending_note)
        return net_box

    def _build_training_box(self) -> QGroupBox:
        """Dataset and the optimiser's settings (learning rate and momentum change live)."""
        train_box = QGroupBox(self.tr("Training"))
        form = QFormLayout(train_box)
        self.dataset = QComboBox()
        for name in DATASET_NAMES:
            self.dataset.addItem(engine_texts.text(DATASET_LABELS.get(name, name)), name)
        self.dataset.setToolTip(
            self.tr("The images to learn from; changing it loads them and resets"))
        self.dataset.currentIndexChanged.connect(
            lambda _i: None if self._loading else self.datasetChanged.emit(self.dataset_name()))
        form.addRow(self.tr("Dataset"), self.dataset)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 4096)
        self.batch_size.setValue(64)
        self.batch_size.setToolTip(self.tr("Images per SGD step (applied on Reset or at Start)"))
        form.addRow(self.tr("Batch size"), self.batch_size)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 500)
        self.epochs.setValue(20)
        self.epochs.setToolTip(
            self.tr("Passes over the training set (applied on Reset or at Start)"))
        form.addRow(self.tr("Epochs"), self.epochs)
        self.augment = QCheckBox(self.tr("Distort training images"))
        self.augment.setToolTip(self.tr("Random small shifts, rotations and scalings of each "
                                        "batch (applied on Reset or at Start)"))
        form.addRow(self.tr("Augmentation"), self.augment)
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(5)
        self.lr.setRange(0.0, 1000.0)
        self.lr.setValue(0.05)
        self.lr.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.lr.setKeyboardTracking(False)
        self.lr.setToolTip(
            self.tr("Base learning rate (the schedule scales it); changes live"))
        self.lr.valueChanged.connect(lambda v: None if self._loading else self.lrChanged.emit(v))
        form.addRow(self.tr("Learning rate"), self.lr)
        self.momentum = QDoubleSpinBox()
        self.momentum.setDecimals(3)
        self.momentum.setRange(0.0, 0.999)
        self.momentum.setSingleStep(0.05)
        self.momentum.setValue(0.9)
        self.momentum.setKeyboardTracking(False)
        self.momentum.setToolTip(self.tr("SGD momentum; changes live"))
        self.momentum.valueChanged.connect(
            lambda v: None if self._loading else self.momentumChanged.emit(v))
        form.addRow(self.tr("Momentum"), self.momentum)
        self._build_schedule_rows(form)
        return train_box

    def _build_schedule_rows(self, form: QFormLayout) -> None:
        """Schedule and weight decay: the trainer takes them when it is built, so they apply
        on Reset or when training next starts (a paused run keeps its own)."""
        self.schedule = QComboBox()
        for name in SCHEDULES:
            self.schedule.addItem(self.tr(SCHEDULE_LABELS.get(name, name)), name)
        self.schedule.setCurrentIndex(max(0, self.schedule.findData("cosine")))
        self.schedule.setToolTip(self.tr(
            "How the learning rate changes over training: lr now = learning rate × the "
            "schedule's factor at that epoch. Applied on Reset or when training next starts "
            "(a paused run keeps its schedule)"))
        form.addRow(self.tr("Schedule"), self.schedule)
        self.weight_decay = QDoubleSpinBox()
        self.weight_decay.setDecimals(6)
        self.weight_decay.setRange(0.0, 0.1)
        self.weight_decay.setSingleStep(0.0001)
        self.weight_decay.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.weight_decay.setValue(TrainConfig().weight_decay)
        self.weight_decay.setKeyboardTracking(False)
        self.weight_decay.setToolTip(self.tr(
            "L2 penalty: every step also shrinks each weight by lr × weight decay × weight. "
            "Applied on Reset or when training next starts (a paused run keeps its value)"))
        form.addRow(self.tr("Weight decay"), self.weight_decay)

    def _build_buttons(self, actions: dict[str, QAction]) -> QWidget:
        """Start, Pause, Step and Reset: buttons that mirror the window's actions."""
        buttons = QWidget()
        grid = QHBoxLayout(buttons)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for key in ("start", "pause", "step", "reset"):
            action = actions[key]
            button = QPushButton(action.text().replace("&", ""))
            button.clicked.connect(action.trigger)
            button.setToolTip(self.tr("{0} ({1})").format(action.toolTip(),
                                                          _shortcut_text(action)))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            action.changed.connect(lambda b=button, a=action: self._sync_button(b, a))
            self._sync_button(button, action)
            self.buttons[key] = button
            grid.addWidget(button)
        return buttons

    @staticmethod
    def _sync_button(button: QPushButton, action: QAction) -> None:
        button.setText(action.text().replace("&", ""))
        button.setEnabled(action.isEnabled())
        button.setCheckable(action.isCheckable())
        button.setChecked(action.isChecked())

    # ---- values ----

    def dataset_name(self) -> str:
        return str(self.dataset.currentData())

    def set_dataset_name(self, name: str) -> None:
        self._loading = True
        try:
            i = self.dataset.findData(name)
            if i >= 0:
                self.dataset.setCurrentIndex(i)
        finally:
            self._loading = False

    def network_config(self) -> NetworkConfig:
        preset = str(self.preset.currentData())
        base = PRESETS[preset]
        overrides = {}
        for option, combo in self.options.items():
            if base.applies(option) and combo.isEnabled():
                overrides[option] = str(combo.currentData())
        return get_config(preset, **overrides)

    def set_network_config(self, config: NetworkConfig) -> None:
        self._loading = True
        try:
            i = self.preset.findData(config.preset)
            if i >= 0:
                self.preset.setCurrentIndex(i)
            self._preset_changed(load_defaults=False)
            for option, combo in self.options.items():
                j = combo.findData(getattr(config, option))
                if j >= 0:
                    combo.setCurrentIndex(j)
        finally:
            self._loading = False
        self.set_pending(False)

    def train_config(self) -> TrainConfig:
        return TrainConfig(epochs=self.epochs.value(), batch_size=self.batch_size.value(),
                           lr=self.lr.value(), momentum=self.momentum.value(),
                           weight_decay=self.weight_decay.value(),
                           schedule=str(self.schedule.currentData()),
                           augment=self.augment.isChecked())

    def set_train_config(self, config: TrainConfig) -> None:
        self._loading = True
        try:
            self.epochs.setValue(config.epochs)
            self.batch_size.setValue(config.batch_size)
            self.lr.setValue(config.lr)
            self.momentum.setValue(config.momentum)
            self.weight_decay.setValue(config.weight_decay)
            self.schedule.setCurrentIndex(max(0, self.schedule.findData(config.schedule)))
            self.augment.setChecked(config.augment)
        finally:
            self._loading = False

    def preferences(self) -> dict[str, Any]:
        return {
            "preset": str(self.preset.currentData()),
            "options": {k: str(c.currentData()) for k, c in self.options.items()},
            "dataset": self.dataset_name(),
            "lr": self.lr.value(),
            "momentum": self.momentum.value(),
            "schedule": str(self.schedule.currentData()),
            "weight_decay": self.weight_decay.value(),
            "batch_size": self.batch_size.value(),
            "epochs": self.epochs.value(),
            "augment": self.augment.isChecked(),
        }

    def apply_preferences(self, prefs: dict[str, Any]) -> None:
        self._loading = True
        try:
            i = self.preset.findData(prefs.get("preset", "lenet5"))
            if i >= 0:
                self.preset.setCurrentIndex(i)
            self._preset_changed(load_defaults=True)
            options = prefs.get("options") or {}
            base = PRESETS[str(self.preset.currentData())]
            trial = {}
            for option, combo in self.options.items():
                value = options.get(option)
                if value is not None and combo.isEnabled() and combo.findData(value) >= 0:
                    trial[option] = value
            try:  # only a valid combination is restored
                get_config(base, **trial)
            except Exception:  # noqa: BLE001 - a stale setting is simply ignored
                trial = {}
            for option, value in trial.items():
                self.options[option].setCurrentIndex(self.options[option].findData(value))
            self.batch_size.setValue(int(prefs.get("batch_size", 64)))
            self.epochs.setValue(int(prefs.get("epochs", 20)))
            self.augment.setChecked(bool(prefs.get("augment", False)))
            self.lr.setValue(float(prefs.get("lr", self.lr.value())))
            self.momentum.setValue(float(prefs.get("momentum", 0.9)))
            i = self.schedule.findData(prefs.get("schedule", "cosine"))
            self.schedule.setCurrentIndex(i if i >= 0 else self.schedule.currentIndex())
            self.weight_decay.setValue(float(prefs.get("weight_decay",
                                                       self.weight_decay.value())))
        finally:
            self._loading = False
        self.set_pending(False)

    # ---- reactions ----

    def _preset_changed(self, *_args: object, load_defaults: bool = True) -> None:
        preset = str(self.preset.currentData())
        base = PRESETS[preset]
        description = engine_texts.text(PRESET_DESCRIPTIONS.get(preset, ""))
        self.preset.setToolTip(description)
        self.preset_note.setText(description)
        old = self._loading
        self._loading = True
        try:
            for option, combo in self.options.items():
                applies = base.applies(option)
                combo.setEnabled(applies)
                if load_defaults:
                    j = combo.findData(getattr(base, option))
                    combo.setCurrentIndex(max(j, 0))
            if load_defaults and not old:
                self.lr.setValue(default_lr(base))
        finally:
            self._loading = old
        if not old:
            self.set_pending(True)
            self.networkOptionsChanged.emit()

    def _option_changed(self, *_args: object) -> None:
        if self._loading:
            return
        if self.options["output"].currentData() is not None:
            try:
                self.network_config()
                ok = True
            except Exception:  # noqa: BLE001 - shown to the user
                ok = False
            if not ok:
                self.pending_note.setText(self.tr("This combination of options is not valid."))
                return
        self.set_pending(True)
        self.networkOptionsChanged.emit()

    def set_pending(self, pending: bool, current: NetworkConfig | None = None) -> None:
        if pending and current is not None:
            try:
                pending = self.network_config() != current
            except Exception:  # noqa: BLE001
                pending = True
        self.pending_note.setText(self.tr("Press Reset to build this network.") if pending else "")

    def show_progress(self, snap: Snapshot) -> None:
        total = max(snap.epochs, 1)
        frac = 1.0 if snap.epoch >= total else snap.epoch_progress
        self.progress.setValue(int(round(1000 * frac)))
        self.progress.setFormat(
            self.tr("epoch {0}/{1} · {2:.0%}").format(epoch_shown(snap.epoch, total), total, frac))
        rate = snap.images_per_s
        parts = [self.tr("step {0}").format(snap.step)]
        if rate > 0:
            parts.append(self.tr("{0:,.0f} images/s").format(rate))
        if snap.state == RunState.RUNNING:
            parts.append(self.tr("ETA {0}").format(format_eta(snap.eta_seconds)))
        parts.append(self.tr("lr now {0:.3g}").format(snap.lr))
        self.speed.setText(" · ".join(parts))
        self.speed.setToolTip(self._lr_now_tip(snap))

    def _lr_now_tip(self, snap: Snapshot) -> str:
        """lr now = base rate × the schedule's factor at this step, in numbers."""
        base = self.lr.value()
        name = self.tr(SCHEDULE_LABELS.get(self.schedule.currentData(), ""))
        if base <= 0:
            return self.tr("lr now: the learning rate of the current step")
        return self.tr(
            "lr now: the learning rate of the current step = learning rate {0:.3g} × "
            "schedule factor {1:.3g} (schedule: {2}; epoch {3:.2f})").format(
            base, snap.lr / base, name,
            snap.epoch + snap.epoch_progress)
