""""Compare with…": choose the one option run B changes, and its value."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from engine import (
    COMPARE_OPTIONS,
    OPTION_CHOICES,
    OPTION_LABELS,
    Change,
    LenetError,
    NetworkConfig,
    Pair,
    TrainConfig,
    option_value,
    parse_change,
)

from .. import engine_texts
from ..controls import SHORT_LABELS

# the engine's option name -> the NetworkConfig field it changes ("c3" is the CLI's name)
NETWORK_FIELDS = {"activation": "activation", "subsampling": "subsampling",
                  "c3": "c3_connections", "output": "output", "init": "init"}
OPTION_NAMES = {  # translated where shown
    "activation": str(QT_TRANSLATE_NOOP("CompareDialog", "Activation")),
    "subsampling": str(QT_TRANSLATE_NOOP("CompareDialog", "Subsampling")),
    "c3": str(QT_TRANSLATE_NOOP("CompareDialog", "C3 connection table")),
    "output": str(QT_TRANSLATE_NOOP("CompareDialog", "Output layer")),
    "init": str(QT_TRANSLATE_NOOP("CompareDialog", "Initialisation")),
    "lr": str(QT_TRANSLATE_NOOP("CompareDialog", "Learning rate")),
    "batch_size": str(QT_TRANSLATE_NOOP("CompareDialog", "Batch size")),
    "augment": str(QT_TRANSLATE_NOOP("CompareDialog", "Augmentation")),
}
NUMBER_CHOICES = {"lr": ("0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"),
                  "batch_size": ("8", "16", "32", "64", "128", "256")}


def current_value(option: str, net: NetworkConfig, train: TrainConfig) -> str:
    """Run A's value of `option`, as `parse_change` reads it."""
    if option in NETWORK_FIELDS:
        return str(getattr(net, NETWORK_FIELDS[option]))
    value = getattr(train, option)
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)


def value_choices(option: str) -> list[tuple[str, str]]:
    """(value, label) pairs offered for `option`."""
    if option in NETWORK_FIELDS:
        field = NETWORK_FIELDS[option]
        labels = OPTION_LABELS.get(field, {})
        return [(v, engine_texts.text(labels[v]) if v in labels else v)
                for v in OPTION_CHOICES[field]]
    if option == "augment":
        return [("true", QCoreApplication.translate("CompareDialog", "on")),
                ("false", QCoreApplication.translate("CompareDialog", "off"))]
    return [(v, v) for v in NUMBER_CHOICES[option]]


def run_label(pair: Pair, which: str) -> str:
    """Run A or B as the window names it, in the UI's words: "A (Activation: ReLU)" (the
    engine's `Pair.label` writes the command line's "A (activation=relu)")."""
    option = pair.change.option
    value = option_value(pair.a if which == "A" else pair.b, option).split("=", 1)[-1]
    field = NETWORK_FIELDS.get(option, option)
    short = SHORT_LABELS.get((field, value))
    shown = (QCoreApplication.translate("ControlsPanel", short) if short is not None
             else dict(value_choices(option)).get(value, value))
    name = QCoreApplication.translate("CompareDialog", OPTION_NAMES[option])
    return QCoreApplication.translate("CompareDialog", "{0} ({1}: {2})").format(
        which, name, shown)


class CompareDialog(QDialog):
    """One option and the value run B takes; `change()` once accepted."""

    def __init__(self, net: NetworkConfig, train: TrainConfig,
                 parent: QWidget | None = None, note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare with…"))
        self._net, self._train = net, train
        self.option = QComboBox()
        for name in COMPARE_OPTIONS:
            self.option.addItem(QCoreApplication.translate("CompareDialog", OPTION_NAMES[name]),
                                name)
        self.value = QComboBox()
        self.current = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        intro = QLabel(self.tr("Run B trains beside run A, in a process of its own, on the "
                               "same data with the same seed and shuffling; only this option "
                               "differs. Run A is not restarted."))
        intro.setWordWrap(True)
        self.note = QLabel(note)  # where the two runs start
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        form = QFormLayout()
        form.addRow(self.tr("Option"), self.option)
        form.addRow(self.tr("Run A has"), self.current)
        form.addRow(self.tr("Run B takes"), self.value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.note)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.option.currentIndexChanged.connect(self._fill_values)
        self._fill_values()
        self._change: Change | None = None

    def _fill_values(self) -> None:
        option = str(self.option.currentData())
        now = current_value(option, self._net, self._train)
        self.value.clear()
        self.value.setEditable(option in NUMBER_CHOICES)
        shown = now
        for value, label in value_choices(option):
            if value == now:
                shown = label
                continue
            self.value.addItem(label, value)
        self.current.setText(shown)

    def select(self, option: str, value: str) -> None:
        """Choose `option` and `value` (as a person would)."""
        self.option.setCurrentIndex(self.option.findData(option))
        i = self.value.findData(value)
        if i >= 0:
            self.value.setCurrentIndex(i)
        else:
            self.value.setEditText(value)

    def _text(self) -> str:
        option = str(self.option.currentData())
        i = self.value.currentIndex()
        typed = self.value.currentText().strip()
        if self.value.isEditable() and (i < 0 or typed != self.value.itemText(i)):
            return f"{option}={typed}"
        return f"{option}={self.value.currentData()}"

    def _accept(self) -> None:
        try:
            self._change = parse_change(self._text())
        except LenetError as exc:
            self.error.setText(engine_texts.error(str(exc)))
            return
        self.accept()

    def change(self) -> Change | None:
        """The change chosen (None until accepted)."""
        return self._change

    def chosen(self) -> Change:
        """The change the dialog holds now (for scripts and tests)."""
        return parse_change(self._text())
