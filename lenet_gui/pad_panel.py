"""The drawing-pad panel: pad + buttons, the digit as the network sees it, live probabilities.

Every change of the drawing runs the one engine pipeline in the GUI thread (about 2 ms):
``normalize_digit(pad.image())`` -> ``preprocess(digit, S)`` -> ``Network.forward(x).probs``,
with either the bundled pretrained network or the network being trained.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine import LenetError, Network, NetworkConfig, normalize_digit, preprocess

from .drawing_pad import DrawingPad

__all__ = ["DigitThumbnail", "PadPanel", "ProbabilityBars"]

PRETRAINED = "pretrained"
TRAINED = "trained"
EMPTY_TEXT = "draw a digit"  # where a guess would be: never a guess on an empty canvas

_ACCENT = QColor(37, 114, 221)
_BAR = QColor(150, 162, 178)
_TRACK = QColor(0, 0, 0, 18)
_BIG_PT = 34.0  # the predicted digit


def _shortcut_text(keys: Sequence[QKeySequence]) -> str:
    return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


class ProbabilityBars(QWidget):
    """One horizontal bar per class: label, bar, percentage; the predicted class highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = [str(i) for i in range(10)]
        self._probs: np.ndarray | None = None
        self._predicted: int | None = None
        # grows to its hint (comfortable rows), never taller: spare height goes elsewhere
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def set_names(self, names: Sequence[str]) -> None:
        self._names = [str(n) for n in names]
        self.updateGeometry()
        self.update()

    def set_probabilities(self, probs: np.ndarray | None) -> None:
        """probs (classes,) or None (empty canvas: bare tracks)."""
        self._probs = None if probs is None else np.asarray(probs, dtype=np.float64)
        self._predicted = None if probs is None else int(np.argmax(self._probs))
        self.update()

    def _row_height(self) -> int:
        return max(17, self.fontMetrics().height() + 3)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(200, self._row_height() * len(self._names))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(160, 14 * len(self._names))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            fm = self.fontMetrics()
            n = max(1, len(self._names))
            row = self.height() / n
            label_w = max(fm.horizontalAdvance(s) for s in self._names) + 8
            pct_w = fm.horizontalAdvance("100.0%") + 6
            bar_x = label_w
            bar_w = max(10.0, self.width() - label_w - pct_w)
            bar_h = min(row * 0.62, 16.0)
            text = self.palette().color(QPalette.ColorRole.WindowText)
            dim = QColor(text)
            dim.setAlpha(110)
            bold = QFont(self.font())
            bold.setBold(True)
            for i, name in enumerate(self._names):
                top = i * row
                hit = i == self._predicted
                p.setFont(bold if hit else self.font())
                p.setPen(_ACCENT if hit else text)
                p.drawText(QRectF(0, top, label_w - 6, row),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
                track = QRectF(bar_x, top + (row - bar_h) / 2, bar_w, bar_h)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(_TRACK)
                p.drawRoundedRect(track, 3, 3)
                if self._probs is None or i >= len(self._probs):
                    continue
                prob = float(self._probs[i])
                prob = min(max(prob if np.isfinite(prob) else 0.0, 0.0), 1.0)
                if prob >= 0.0005:  # shows as at least 0.1%
                    fill = QRectF(track.x(), track.y(), max(3.0, track.width() * prob), bar_h)
                    p.setBrush(_ACCENT if hit else _BAR)
                    p.drawRoundedRect(fill, 3, 3)
                p.setPen(_ACCENT if hit else (text if prob >= 0.01 else dim))
                p.drawText(QRectF(bar_x + bar_w, top, pct_w, row),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           f"{100 * prob:.1f}%")
        finally:
            p.end()


class DigitThumbnail(QWidget):
    """The normalised 28x28 digit, magnified with nearest-neighbour (white ink on black)."""

    def __init__(self, scale: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self._image: QImage | None = None
        self.setFixedSize(28 * scale + 2, 28 * scale + 2)

    def set_digit(self, digit: np.ndarray | None) -> None:
        """uint8 (28, 28) or None."""
        if digit is None:
            self._image = None
        else:
            arr = np.ascontiguousarray(digit, dtype=np.uint8)
            h, w = arr.shape
            self._image = QImage(arr.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        try:
            inner = QRectF(1, 1, self.width() - 2, self.height() - 2)
            p.fillRect(self.rect(), QColor(0, 0, 0, 70))
            p.fillRect(inner, QColor(0, 0, 0))
            if self._image is not None:
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                p.drawImage(inner, self._image)
            else:
                p.setPen(QColor(120, 120, 120))
                p.drawText(inner, Qt.AlignmentFlag.AlignCenter, "28 × 28")
        finally:
            p.end()


class PadPanel(QWidget):
    """Draw a digit and watch a network classify it while you draw."""

    probeChanged = Signal(object)  # float32 (1, 1, S, S) for the trained config's S, or None
    followChanged = Signal(bool)

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
        self._syncing = False
        self.last_update_s = 0.0  # time of the last classification (normalise + forward)
        self._build()
        self._sync_choices()
        self._refresh()

    # ---- construction ----

    def _build(self) -> None:
        self.pad = DrawingPad(self)
        self.pad.drawingChanged.connect(self._on_drawing_changed)

        undo_keys = [QKeySequence(QKeySequence.StandardKey.Undo)]
        clear_keys = [QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace)]
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip(f"Remove the last stroke ({_shortcut_text(undo_keys)})")
        self.undo_button.clicked.connect(self.pad.undo)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip(f"Clear the pad ({_shortcut_text(clear_keys)})")
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

        # the verdict: the class in big type and how sure the network is
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
        self.confidence_label.setFixedHeight(2 * self.confidence_label.fontMetrics().lineSpacing()
                                             + 2)
        verdict = QHBoxLayout()
        verdict.setSpacing(8)
        verdict.addWidget(self.big_label, 2)
        verdict.addWidget(self.confidence_label, 3)
        verdict.addWidget(self.undo_button)
        verdict.addWidget(self.clear_button)

        # what the network sees, beside the ten probabilities
        self.thumbnail = DigitThumbnail(3)
        self.thumbnail.setToolTip(
            "Your drawing after MNIST normalisation: scaled into a 20x20 box and centred by its "
            "centre of mass in a 28x28 field (LeNet-5 then pads it to 32x32)"
        )
        self.thumb_caption = QLabel("as the network sees it")
        self.thumb_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb_caption.setWordWrap(True)
        _small(self.thumb_caption)
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

        self.pretrained_radio = QRadioButton("Pretrained (MNIST)")
        self.trained_radio = QRadioButton("Network being trained")
        self._group = QButtonGroup(self)
        self._group.addButton(self.pretrained_radio)
        self._group.addButton(self.trained_radio)
        self.pretrained_radio.toggled.connect(self._on_choice)
        self.trained_radio.toggled.connect(self._on_choice)
        choice_box = QGroupBox("Classify with")
        choice_layout = QVBoxLayout(choice_box)
        choice_layout.setContentsMargins(8, 4, 8, 4)
        choice_layout.setSpacing(2)
        choice_layout.addWidget(self.pretrained_radio)
        choice_layout.addWidget(self.trained_radio)

        self.follow_check = QCheckBox("Show my drawing in the network view")
        self.follow_check.setToolTip(
            "Feed the drawing to the network view instead of a training example"
        )
        self.follow_check.toggled.connect(self.followChanged)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(6)
        layout.addWidget(self.pad, 10)
        layout.addLayout(verdict)
        layout.addLayout(seen)
        layout.addWidget(choice_box)
        layout.addWidget(self.follow_check)
        layout.addStretch(1)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(340, 720)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
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
            self._trained_error = None if params is None else "no network configuration yet"
        else:
            try:
                self._trained = Network(self._config, dict(params))
                self._trained_error = None
            except (LenetError, ValueError) as exc:
                self._trained = None
                self._trained_error = str(exc)
        self._sync_choices()
        if self._choice() == TRAINED or self._trained is None:
            self._refresh(emit_probe=False)

    def set_pretrained(self, net: Network | None, label: str | None = None) -> None:
        """The network with bundled weights, or None (that choice is then disabled).

        ``label`` names it in the choice, e.g. "Pretrained (MNIST, 99.1%)".
        """
        self._pretrained = net
        self.pretrained_radio.setText(label or "Pretrained (MNIST)")
        self._sync_choices()
        self._refresh(emit_probe=False)

    def set_class_names(self, names: Sequence[str] | None) -> None:
        names = [str(n) for n in names] if names else [str(i) for i in range(10)]
        self._names = names
        self.bars.set_names(names)
        self._show()

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
            "Weights trained on MNIST, shipped with the app" if have[PRETRAINED]
            else "No pretrained weights were found (resources/lenet5_mnist.npz)"
        )
        self.trained_radio.setEnabled(have[TRAINED])
        if have[TRAINED]:
            tip = "The weights of the latest training snapshot"
        elif self._trained_error:
            tip = f"The latest snapshot cannot be used: {self._trained_error}"
        else:
            tip = "No training snapshot yet: start or load a training run"
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
                self._problem = "no network to classify with"
            else:
                try:
                    probs = np.array(net.forward(self._input).probs[0], dtype=np.float32)
                except (LenetError, ValueError, FloatingPointError) as exc:
                    self._problem = f"cannot classify: {exc}"
                else:
                    if np.isfinite(probs).all():
                        self._prediction = (int(np.argmax(probs)), probs)
                    else:
                        self._problem = "the network's output is not finite (diverged?)"
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
            "as the network sees it\n" + ("28×28" if s == 28 else f"28×28 → {s}×{s}")
        )
        self.undo_button.setEnabled(not self.pad.is_empty())
        self.clear_button.setEnabled(not self.pad.is_empty())
        big = QFont(self.font())
        if self._prediction is None:
            self.bars.set_probabilities(None)
            big.setPointSizeF(max(12.0, self.font().pointSizeF() * 1.4))
            self.big_label.setFont(big)
            self.big_label.setStyleSheet("color: #8a8f98;")
            self.big_label.setText(EMPTY_TEXT if self._digit is None else "?")
            note = "" if self._digit is None else (self._problem or "")
            self.confidence_label.setText(note)
            self.confidence_label.setVisible(bool(note))  # the hint gets the whole row
            return
        cls, probs = self._prediction
        self.bars.set_probabilities(probs)
        name = self._names[cls] if cls < len(self._names) else str(cls)
        longest = max(len(n) for n in self._names)
        big.setPointSizeF(_BIG_PT if longest <= 2 else _BIG_PT * 0.4)
        big.setBold(True)
        self.big_label.setFont(big)
        self.big_label.setStyleSheet(f"color: {_ACCENT.name()};")
        self.big_label.setText(name)
        # always two lines, whatever the width: "51.6%" above "confident"
        self.confidence_label.setText(f"{100 * float(probs[cls]):.1f}%\nconfident")
        self.confidence_label.setVisible(True)


def _small(label: QLabel) -> None:
    f = QFont(label.font())
    f.setPointSizeF(max(7.0, f.pointSizeF() * 0.85))
    label.setFont(f)
    label.setStyleSheet("color: #6b7280;")
