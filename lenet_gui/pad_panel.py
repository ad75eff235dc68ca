"""The drawing-pad panel: pad + buttons, the digit as the network sees it, live probabilities.

Every change of the drawing runs the one engine pipeline in the GUI thread (about 2 ms):
``normalize_digit(pad.image())`` -> ``preprocess(digit, S)`` -> ``Network.forward(x).probs``,
with either the bundled pretrained network or the network being trained.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from engine import LenetError, Network, NetworkConfig, normalize_digit, preprocess

from . import engine_texts
from .drawing_pad import DEFAULT_PEN_WIDTH, DrawingPad
from .pad_check import drawing_problem
from .pad_preview import ACCENT, DigitThumbnail, ProbabilityBars, small_caption

__all__ = ["EMPTY_TEXT", "PadPanel"]

PRETRAINED = "pretrained"
TRAINED = "trained"
# where a guess would be: never a guess on an empty canvas (tests compare with it untranslated)
EMPTY_TEXT = str(QT_TRANSLATE_NOOP("PadPanel", "draw a digit"))
_BIG_PT = 34.0  # the predicted digit


def _shortcut_text(keys: Sequence[QKeySequence]) -> str:
    return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


class PadPanel(QWidget):
    """Draw a digit and watch a network classify it while you draw."""

    probeChanged = Signal(object)  # float32 (1, 1, S, S) for the trained config's S, or None
    followChanged = Signal(bool)
    penWidthChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._config: NetworkConfig | None = None
        self._trained: Network | None = None
        self._trained_error: str | None = None
        self._pretrained: Network | None = None
        self._wanted = PRETRAINED  # the user's last explicit choice
        self._names: list[str] = [str(i) for i in range(10)]
        self._digit: np.ndarray | None = None
        self._input: np.ndarray | None = None
        self._prediction: tuple[int, np.ndarray] | None = None
        self._problem: str | None = None  # why there is a drawing but no prediction
        self._unsure: str | None = None  # why the prediction should not be trusted
        self._syncing = False
        self.last_update_s = 0.0  # time of the last classification (normalise + forward)
        self._build()
        self._sync_choices()
        self._refresh()

    # ---- construction ----

    def _build(self) -> None:
        self.pad = DrawingPad(self)
        self.pad.drawingChanged.connect(self._on_drawing_changed)
        self.choice_box = self._build_choice()
        self.follow_check = QCheckBox(self.tr("Show my drawing in the network view"))
        self.follow_check.setToolTip(
            self.tr("Feed the drawing to the network view instead of a training example"))
        self.follow_check.toggled.connect(self.followChanged)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(6)
        layout.addWidget(self.pad, 10)
        layout.addLayout(self._build_pen_row())
        layout.addLayout(self._build_verdict())
        layout.addLayout(self._build_seen())
        layout.addWidget(self.choice_box)
        layout.addWidget(self.follow_check)
        layout.addStretch(1)

    def _build_buttons(self) -> None:
        """Undo and Clear, with their shortcuts (active while the panel has the focus)."""
        undo_keys = [QKeySequence(QKeySequence.StandardKey.Undo)]
        clear_keys = [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)]
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(
            self.tr("Remove the last stroke ({0})").format(_shortcut_text(undo_keys)))
        self.undo_button.clicked.connect(self.pad.undo)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(
            self.tr("Clear the pad ({0})").format(_shortcut_text(clear_keys)))
        self.clear_button.clicked.connect(self.pad.clear)
        self._shortcuts: list[QShortcut] = []
        for keys, slot in ((undo_keys, self.pad.undo), (clear_keys, self.pad.clear)):
            for key in keys:
                sc = QShortcut(key, self)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(slot)
                self._shortcuts.append(sc)
        for b in (self.undo_button, self.clear_button):
            b.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def _build_pen_row(self) -> QHBoxLayout:
        """The pen width (canvas pixels; MNIST strokes are about a tenth of the digit's
        height), then Undo and Clear."""
        self._build_buttons()
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(6, 60)
        self.pen_slider.setValue(round(DEFAULT_PEN_WIDTH))
        self.pen_slider.setToolTip(self.tr(
            "Pen width. MNIST strokes are about a tenth of the digit's height: for a digit "
            "as tall as most of the pad, about 22"))
        self.pen_slider.valueChanged.connect(self._on_pen_slider)
        self.pen_value = QLabel()
        self.pen_value.setMinimumWidth(self.pen_value.fontMetrics().horizontalAdvance("60 px")
                                       + 4)
        self.pen_value.setText(self.tr("{0} px").format(self.pen_slider.value()))
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(QLabel(self.tr("Pen")))
        row.addWidget(self.pen_slider, 1)
        row.addWidget(self.pen_value)
        row.addWidget(self.undo_button)
        row.addWidget(self.clear_button)
        return row

    def _build_verdict(self) -> QHBoxLayout:
        """The class in big type and how sure the network is (or why not to trust it)."""
        self.big_label = QLabel()
        self.big_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        big = QFont(self.font())
        big.setPointSizeF(_BIG_PT)
        big.setBold(True)
        # fixed heights, ignored text widths: what is shown never changes the panel's minimum
        # size (a window would otherwise re-negotiate its constraints while the user draws)
        self.big_label.setFixedHeight(QFontMetrics(big).height())
        self.big_label.setMinimumWidth(QFontMetrics(big).horizontalAdvance("8") + 8)
        self.confidence_label = QLabel()
        self.confidence_label.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.confidence_label.setWordWrap(True)
        self.confidence_label.setMinimumWidth(40)
        for label in (self.big_label, self.confidence_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # three lines: the probability above an "Unsure: ..." reason of up to two lines
        self.confidence_label.setFixedHeight(3 * self.confidence_label.fontMetrics().lineSpacing()
                                             + 2)
        verdict = QHBoxLayout()
        verdict.setSpacing(8)
        verdict.addWidget(self.big_label, 2)
        verdict.addWidget(self.confidence_label, 3)
        return verdict

    def _build_seen(self) -> QHBoxLayout:
        """What the network sees, beside the ten probabilities."""
        self.thumbnail = DigitThumbnail(3)
        self.thumbnail.setToolTip(self.tr(
            "Your drawing after MNIST normalisation: scaled into a 20x20 box and centred by its "
            "centre of mass in a 28x28 field (LeNet-5 then pads it to 32x32)"))
        self.thumb_caption = QLabel(self.tr("as the network sees it"))
        self.thumb_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb_caption.setWordWrap(True)
        small_caption(self.thumb_caption)
        self.thumb_caption.setFixedHeight(3 * self.thumb_caption.fontMetrics().lineSpacing() + 2)
        self.thumb_caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.thumb_caption.setFixedWidth(self.thumbnail.width() + 8)
        thumb_col = QVBoxLayout()
        thumb_col.setSpacing(2)
        thumb_col.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignHCenter)
        thumb_col.addWidget(self.thumb_caption)
        thumb_col.addStretch(1)
        self.bars = ProbabilityBars()
        seen = QHBoxLayout()
        seen.setSpacing(8)
        seen.addLayout(thumb_col)
        seen.addWidget(self.bars, 1)
        return seen

    def _build_choice(self) -> QGroupBox:
        """Which network classifies the drawing: the pretrained one or the one training."""
        self.pretrained_radio = QRadioButton(self.tr("Pretrained (MNIST)"))
        self.trained_radio = QRadioButton(self.tr("Network being trained"))
        self._group = QButtonGroup(self)
        self._group.addButton(self.pretrained_radio)
        self._group.addButton(self.trained_radio)
        self.pretrained_radio.toggled.connect(self._on_choice)
        self.trained_radio.toggled.connect(self._on_choice)
        choice_box = QGroupBox(self.tr("Classify with"))
        choice_layout = QVBoxLayout(choice_box)
        choice_layout.setContentsMargins(8, 4, 8, 4)
        choice_layout.setSpacing(2)
        choice_layout.addWidget(self.pretrained_radio)
        choice_layout.addWidget(self.trained_radio)
        return choice_box

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(340, 720)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        # the canvas is square: never taller than wide (spare height goes below)
        side = max(self.pad.minimumHeight(), self.width() - 12)
        if self.pad.maximumHeight() != side:
            self.pad.setMaximumHeight(side)

    # ---- public API ----

    def set_network_config(self, config: NetworkConfig | None) -> None:
        """The configuration of the network being trained (its input size sizes the probe)."""
        old_size = self._probe_size()
        self._config = config
        if self._trained is not None and self._trained.config != config:
            self._trained = None  # its params belong to another architecture
            self._trained_error = None
        self._sync_choices()
        self._refresh(emit_probe=self._probe_size() != old_size)

    def set_trained_params(self, params: Mapping[str, np.ndarray] | None) -> None:
        """Weights of the latest training snapshot; rebuilds the private trained network."""
        if params is None or self._config is None:
            self._trained = None
            self._trained_error = (None if params is None
                                   else self.tr("no network configuration yet"))
        else:
            try:
                self._trained = Network(self._config, dict(params))
                self._trained_error = None
            except (LenetError, ValueError) as exc:
                self._trained = None
                self._trained_error = engine_texts.error(str(exc))
        self._sync_choices()
        if self._choice() == TRAINED or self._trained is None:
            self._refresh(emit_probe=False)

    def set_pretrained(self, net: Network | None, label: str | None = None) -> None:
        """The network with bundled weights, or None (that choice is then disabled).

        ``label`` names it in the choice, e.g. "Pretrained (MNIST, 99.1%)".
        """
        self._pretrained = net
        self.pretrained_radio.setText(label or self.tr("Pretrained (MNIST)"))
        self._sync_choices()
        self._refresh(emit_probe=False)

    def set_class_names(self, names: Sequence[str] | None) -> None:
        names = [str(n) for n in names] if names else [str(i) for i in range(10)]
        self._names = names
        self.bars.set_names(names)
        self._refresh(emit_probe=False)  # the reasons name classes too

    def class_names(self) -> list[str]:
        return list(self._names)

    def follow_enabled(self) -> bool:
        return self.follow_check.isChecked()

    def set_follow_enabled(self, on: bool) -> None:
        self.follow_check.setChecked(on)

    def current_prediction(self) -> tuple[int, np.ndarray] | None:
        """(class, probabilities (10,)) of the chosen network, or None (empty / no network)."""
        if self._prediction is None:
            return None
        return self._prediction[0], self._prediction[1].copy()

    def preprocessed(self) -> np.ndarray | None:
        """What the classifying network sees: float32 (1, 1, S, S), or None when empty."""
        return None if self._input is None else self._input.copy()

    def digit(self) -> np.ndarray | None:
        """The normalised uint8 (28, 28) digit, or None when empty."""
        return None if self._digit is None else self._digit.copy()

    def prediction_text(self) -> str:
        return self.big_label.text()

    def unsure_reason(self) -> str | None:
        """Why the guess should not be trusted ("Unsure: the digit is very small — ..."), or
        None when the network is sure of a drawing like MNIST's (or there is no guess)."""
        return self._unsure

    def pen_width(self) -> float:
        return self.pad.pen_width()

    def set_pen_width(self, px: float) -> None:
        """Pen width in canvas pixels (as the slider sets it; emits penWidthChanged)."""
        self.pen_slider.setValue(round(px))

    def _on_pen_slider(self, value: int) -> None:
        self.pen_value.setText(self.tr("{0} px").format(value))
        self.pad.set_pen_width(float(value))
        self.penWidthChanged.emit(self.pad.pen_width())

    def active_network(self) -> Network | None:
        """The network that classifies the drawing now."""
        return self._pretrained if self._choice() == PRETRAINED else self._trained

    def select_network(self, which: str) -> None:
        """"pretrained" or "trained" (as if the user clicked it; ignored if unavailable)."""
        self._wanted = which
        self._sync_choices()
        self._refresh(emit_probe=False)

    # ---- internals ----

    def _choice(self) -> str | None:
        if self.pretrained_radio.isChecked():
            return PRETRAINED
        if self.trained_radio.isChecked():
            return TRAINED
        return None

    def _on_choice(self, checked: bool) -> None:
        if checked and not self._syncing:
            self._wanted = PRETRAINED if self.pretrained_radio.isChecked() else TRAINED
            self._refresh(emit_probe=False)

    def _sync_choices(self) -> None:
        """Enable the available choices and check the wanted one (or the other if it is not)."""
        have = {PRETRAINED: self._pretrained is not None, TRAINED: self._trained is not None}
        self.pretrained_radio.setEnabled(have[PRETRAINED])
        self.pretrained_radio.setToolTip(
            self.tr("Weights trained on MNIST, shipped with the app") if have[PRETRAINED]
            else self.tr("No pretrained weights were found (resources/lenet5_mnist.npz)")
        )
        self.trained_radio.setEnabled(have[TRAINED])
        if have[TRAINED]:
            tip = self.tr("The weights of the latest training snapshot")
        elif self._trained_error:
            tip = self.tr("The latest snapshot cannot be used: {0}").format(self._trained_error)
        else:
            tip = self.tr("No training snapshot yet: start or load a training run")
        self.trained_radio.setToolTip(tip)
        other = TRAINED if self._wanted == PRETRAINED else PRETRAINED
        pick = self._wanted if have[self._wanted] else (other if have[other] else None)
        self._syncing = True
        try:
            self._group.setExclusive(pick is not None)
            self.pretrained_radio.setChecked(pick == PRETRAINED)
            self.trained_radio.setChecked(pick == TRAINED)
            self._group.setExclusive(True)
        finally:
            self._syncing = False

    def _probe_size(self) -> int:
        if self._config is not None:
            return self._config.input_size
        net = self.active_network()
        return net.config.input_size if net is not None else 32

    def _on_drawing_changed(self) -> None:
        self._refresh(emit_probe=True)

    def _refresh(self, emit_probe: bool = True) -> None:
        """Normalise the drawing, classify it with the chosen network, update the display."""
        t0 = time.perf_counter()
        self._digit = normalize_digit(self.pad.image()) if not self.pad.is_empty() else None
        net = self.active_network()
        self._input = None
        self._prediction = None
        self._problem = None
        if self._digit is not None:
            size = net.config.input_size if net is not None else self._probe_size()
            self._input = preprocess(self._digit, size=size)
            if net is None:
                self._problem = self.tr("no network to classify with")
            else:
                try:
                    probs = np.array(net.forward(self._input).probs[0], dtype=np.float32)
                except (LenetError, ValueError, FloatingPointError) as exc:
                    self._problem = self.tr("cannot classify: {0}").format(exc)
                else:
                    if np.isfinite(probs).all():
                        self._prediction = (int(np.argmax(probs)), probs)
                    else:
                        self._problem = self.tr("the network's output is not finite (diverged?)")
        self._unsure = None if self._digit is None or self._problem else drawing_problem(
            self.pad.image(), self.pad.stroke_points(), self.pad.pen_width(),
            None if self._prediction is None else self._prediction[1], self._names)
        self.last_update_s = time.perf_counter() - t0
        self._show()
        if emit_probe:
            self.probeChanged.emit(self._probe())

    def _probe(self) -> np.ndarray | None:
        if self._digit is None:
            return None
        size = self._probe_size()
        if self._input is not None and self._input.shape[-1] == size:
            return self._input.copy()
        return preprocess(self._digit, size=size)

    def _show(self) -> None:
        self.thumbnail.set_digit(self._digit)
        s = self._input.shape[-1] if self._input is not None else self._probe_size()
        self.thumb_caption.setText(
            self.tr("as the network sees it") + "\n"
            + ("28×28" if s == 28 else self.tr("28×28 → {0}×{0}").format(s))
        )
        self.undo_button.setEnabled(not self.pad.is_empty())
        self.clear_button.setEnabled(not self.pad.is_empty())
        big = QFont(self.font())
        if self._prediction is None:
            self.bars.set_probabilities(None)
            big.setPointSizeF(max(12.0, self.font().pointSizeF() * 1.4))
            self.big_label.setFont(big)
            self.big_label.setStyleSheet("color: #8a8f98;")
            self.big_label.setText(self.tr(EMPTY_TEXT) if self._digit is None else "?")
            note = "" if self._digit is None else (self._problem or "")
            self.confidence_label.setText(note)
            self.confidence_label.setVisible(bool(note))  # the hint gets the whole row
            self.confidence_label.setToolTip("")
            return
        cls, probs = self._prediction
        self.bars.set_probabilities(probs)
        name = self._names[cls] if cls < len(self._names) else str(cls)
        longest = max(len(n) for n in self._names)
        big.setPointSizeF(_BIG_PT if longest <= 2 else _BIG_PT * 0.4)
        big.setBold(True)
        self.big_label.setFont(big)
        self.big_label.setText(name)
        self.confidence_label.setVisible(True)
        self.confidence_label.setToolTip(self._unsure or "")
        if self._unsure:  # an untrustworthy guess: grey, and why in amber
            self.big_label.setStyleSheet("color: #8a8f98;")
            self.confidence_label.setStyleSheet("color: #a05a00;")
            self.confidence_label.setText(
                self.tr("{0:.1f}%").format(100 * float(probs[cls])) + "\n" + self._unsure)
            return
        self.big_label.setStyleSheet(f"color: {ACCENT.name()};")
        self.confidence_label.setStyleSheet("")
        # always two lines, whatever the width: "51.6%" above "confident"
        self.confidence_label.setText(
            self.tr("{0:.1f}%\nconfident").format(100 * float(probs[cls])))
