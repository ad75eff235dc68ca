"""The timeline bar under the curves: a slider over the recorded steps, the step shown, a
"Live" button back to the running network and the timeline's memory budget."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QSpinBox, QWidget

MIN_BUDGET_MB, MAX_BUDGET_MB = 16, 4096


class TimelineBar(QWidget):
    """Slider positions are indices into the recorded steps, so every position is a step
    that can be shown. `scrubbed(step)` when the user moves it; `liveClicked` for Live."""

    scrubbed = Signal(int)
    liveClicked = Signal()
    budgetChanged = Signal(int)  # megabytes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: tuple[int, ...] = ()
        self._live = True
        self.title = QLabel(self.tr("Timeline"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(self.tr("Drag back through the recorded steps: every view shows "
                                       "the network as it was then, for the current probe"))
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._on_value)
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(150)
        self.live = QPushButton(self.tr("Live"))
        self.live.setCheckable(True)
        self.live.setChecked(True)
        self.live.setToolTip(self.tr("Show the running network again"))
        self.live.clicked.connect(self._on_live)
        self.budget = QSpinBox()
        self.budget.setRange(MIN_BUDGET_MB, MAX_BUDGET_MB)
        self.budget.setSuffix(self.tr(" MB"))
        self.budget.setToolTip(self.tr("Memory the timeline of the next run may hold: early "
                                       "steps are kept densely, later ones more sparsely"))
        self.budget.valueChanged.connect(self.budgetChanged)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.step_label)
        lay.addWidget(self.live)
        lay.addWidget(QLabel(self.tr("Budget")))
        lay.addWidget(self.budget)
        self._show_label()

    @property
    def steps(self) -> tuple[int, ...]:
        return self._steps

    @property
    def is_live(self) -> bool:
        return self._live

    def set_steps(self, steps: Sequence[int]) -> None:
        """The recorded steps changed: keep the step shown (or the end, when live)."""
        current = self.current_step()
        self._steps = tuple(steps)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self._steps) - 1))
        if self._live or current is None or not self._steps:
            self.slider.setValue(self.slider.maximum())
        else:
            self.slider.setValue(self._index_of(current))
        self.slider.blockSignals(False)
        self.slider.setEnabled(len(self._steps) > 1)
        self._show_label()

    def current_step(self) -> int | None:
        """The step the slider is on (None without recorded steps)."""
        if not self._steps:
            return None
        return self._steps[min(self.slider.value(), len(self._steps) - 1)]

    def scrub_to(self, step: int) -> None:
        """Move to the recorded step nearest `step` (as if the user had)."""
        if not self._steps:
            return
        index = self._index_of(step)
        self.slider.blockSignals(True)
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        self._on_value(index)

    def set_live(self) -> None:
        self._live = True
        self.live.setChecked(True)
        self.slider.blockSignals(True)
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self._show_label()

    def _index_of(self, step: int) -> int:
        return min(range(len(self._steps)), key=lambda i: abs(self._steps[i] - step))

    def _on_value(self, index: int) -> None:
        if not self._steps:
            return
        self._live = False
        self.live.setChecked(False)
        self._show_label()
        self.scrubbed.emit(self._steps[min(index, len(self._steps) - 1)])

    def _on_live(self) -> None:
        self.set_live()
        self.liveClicked.emit()

    def _show_label(self) -> None:
        step = self.current_step()
        if step is None:
            self.step_label.setText(self.tr("nothing recorded yet"))
        elif self._live:
            self.step_label.setText(self.tr("live · {0} steps kept").format(len(self._steps)))
        else:
            self.step_label.setText(self.tr("step {0} of {1}").format(step, self._steps[-1]))
