"""The replay controls: direction, start, back, next, play at a chosen speed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from .replay import BACKWARD, FORWARD, Replay, Stage


class ReplayBar(QWidget):
    """Steps a `Replay`; emits `stageChanged(stage or None)` and `stopped()` when it ends."""

    stageChanged = Signal(object)  # noqa: N815 (Qt style)
    stopped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.replay = Replay()
        self.active = False
        self.direction = QComboBox()
        self.direction.addItem(self.tr("Backward replay (output → C1)"), BACKWARD)
        self.direction.addItem(self.tr("Forward replay (C1 → output)"), FORWARD)
        self.start_button = QPushButton(self.tr("« Start"))
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.done_button = QPushButton(self.tr("End replay"))
        self.speed = QDoubleSpinBox()
        self.speed.setRange(0.2, 10.0)
        self.speed.setValue(1.0)
        self.speed.setSingleStep(0.5)
        self.speed.setSuffix(self.tr(" layers/s"))
        self.status = QLabel()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        # two rows, and a status that wraps: the tab must fit a 1024 px wide window
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.direction, 0, 0, 1, 3)
        lay.addWidget(self.status, 0, 3, 1, 4)
        for col, w in enumerate((self.start_button, self.back_button, self.next_button,
                                 self.play_button, self.speed, self.done_button)):
            lay.addWidget(w, 1, col)
        lay.setColumnStretch(6, 1)
        self.start_button.clicked.connect(self.restart)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.play_button.toggled.connect(self._play)
        self.done_button.clicked.connect(self.stop)
        self.speed.valueChanged.connect(self._set_interval)
        self.direction.currentIndexChanged.connect(lambda _i: self.restart())
        self._set_interval(self.speed.value())
        self.layer_names: tuple[str, ...] = ()
        self.layers_provider: Callable[[], Sequence[str]] | None = None  # asked at each start
        self._update_buttons()

    def install_shortcuts(self, window: QWidget) -> list[QShortcut]:
        """Alt+→ / Alt+← step the replay anywhere in `window` (in the Network tab too, where
        the layers are revealed); Ctrl+→ is already the trainer's Step."""
        shortcuts = []
        for key, by in (("Alt+Right", 1), ("Alt+Left", -1)):
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.activated.connect(lambda by=by: self.step(by))
            shortcuts.append(shortcut)
        return shortcuts

    def set_layers(self, layer_names: Sequence[str]) -> None:
        if tuple(layer_names) != self.layer_names:
            self.layer_names = tuple(layer_names)
            self.stop()

    def restart(self) -> None:
        """Back to before the first stage: nothing revealed yet."""
        if self.layers_provider is not None:
            self.layer_names = tuple(self.layers_provider())
        self.replay.reset(self.layer_names, self.direction.currentData())
        self.active = True
        self._emit()

    def step(self, by: int) -> Stage | None:
        if not self.active:
            self.restart()
        stage = self.replay.step(by)
        self._emit()
        return stage

    def stop(self) -> None:
        """End the replay: every map shown again."""
        self.play_button.setChecked(False)
        was_active, self.active = self.active, False
        self._update_buttons()
        if was_active:
            self.stopped.emit()

    def _play(self, on: bool) -> None:
        if on:
            if not self.active or self.replay.at_end:
                self.restart()
            self.timer.start()
        else:
            self.timer.stop()
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))

    def _tick(self) -> None:
        if self.replay.at_end:
            self.play_button.setChecked(False)
            return
        self.step(1)

    def _set_interval(self, per_second: float) -> None:
        self.timer.setInterval(max(50, round(1000 / per_second)))

    def _emit(self) -> None:
        self._update_buttons()
        self.stageChanged.emit(self.replay.stage)

    def _update_buttons(self) -> None:
        stage = self.replay.stage if self.active else None
        n = len(self.replay.stages)
        if not self.active:
            self.status.setText(self.tr("Alt+→ / Alt+← step"))
        elif stage is None:
            self.status.setText(self.tr("ready: nothing revealed"))
        else:
            self.status.setText(self.tr("stage {0}/{1}: {2}").format(
                self.replay.position + 1, n, stage.layer))
        self.back_button.setEnabled(self.active and self.replay.position >= 0)
        self.next_button.setEnabled(not self.active or not self.replay.at_end)
        self.done_button.setEnabled(self.active)
