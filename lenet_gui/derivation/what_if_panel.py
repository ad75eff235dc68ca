"""The what-if controls: pick one weight or bias of the unit's kernel, type a change, apply,
revert; and the result beside the first-order prediction."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from .html_parts import num, section, tr
from .probe_run import ProbeRun
from .what_if import WhatIf, WhatIfSession, unit_parameters


class WhatIfPanel(QWidget):
    """Emits `changed(html)` with the result after Apply and Revert."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: WhatIfSession | None = None
        self.entries: list[tuple[str, tuple[int, ...]]] = []  # the combo's items
        self._unit_key: object = None  # what `entries` are of
        self.parameter = QComboBox()
        self.parameter.setMinimumContentsLength(18)
        self.amount = QLineEdit("0.01")
        self.amount.setValidator(QDoubleValidator())
        self.amount.setMaximumWidth(90)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.revert_button = QPushButton(self.tr("Revert"))
        self.note = QLabel()
        # two rows, and a note that wraps: the tab must fit a 1024 px wide window
        self.note.setWordWrap(True)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("What if")), 0, 0)
        lay.addWidget(self.parameter, 0, 1, 1, 3)
        lay.addWidget(self.note, 0, 4)
        lay.addWidget(QLabel(self.tr("changed by")), 1, 0)
        for col, w in enumerate((self.amount, self.apply_button, self.revert_button), 1):
            lay.addWidget(w, 1, col)
        lay.setColumnStretch(4, 1)
        self.apply_button.clicked.connect(self.apply)
        self.revert_button.clicked.connect(lambda: self.revert())
        self.set_allowed(True)

    def set_unit(self, run: ProbeRun | None, layer: str, index: int) -> None:
        """Offer the unit's kernel or row entries (reverting any change first); a new run of
        the same unit keeps the list and the choice."""
        self.revert(announce=False)
        self.session = None if run is None else WhatIfSession(run)
        key = None if run is None else (run.net.config, layer, index)
        if key != self._unit_key:
            self._unit_key = key
            self.parameter.clear()
            self.entries = [] if run is None else unit_parameters(run, layer, index)
            self.parameter.addItems([f"{param}[{', '.join(str(p) for p in pos)}]"
                                     for param, pos in self.entries])
            if run is not None and self.entries:  # start at the entry that matters most
                grads = [abs(float(run.grads.params[n][pos])) for n, pos in self.entries]
                self.parameter.setCurrentIndex(grads.index(max(grads)))
        self._update_buttons()

    def set_allowed(self, allowed: bool) -> None:
        """Not while training runs: the weights move under it."""
        if not allowed:
            self.revert(announce=False)
        self.allowed = allowed
        self._update_buttons()

    def apply(self) -> WhatIf | None:
        i = self.parameter.currentIndex()
        if self.session is None or not 0 <= i < len(self.entries) or not self.allowed:
            return None
        try:
            change = float(self.amount.text().replace(",", "."))
        except ValueError:
            return None
        result = self.session.apply(*self.entries[i], change)
        self._update_buttons()
        self.changed.emit(what_if_html(result))
        return result

    @property
    def applied(self) -> bool:
        return self.session is not None and self.session.current is not None

    def revert(self, *, announce: bool = True) -> None:
        """Put the weight back; `announce` (the Revert button) redraws the derivation, the
        view's own calls redraw anyway."""
        if self.session is not None and self.session.current is not None:
            self.session.revert()
            if announce:
                self.changed.emit("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        allowed = getattr(self, "allowed", True)
        ok = self.session is not None and allowed
        if not allowed:
            self.note.setText(self.tr("(not while training runs)"))
        elif self.session is not None and not self.entries:
            self.note.setText(self.tr("(this layer has no weights to change)"))
        else:
            self.note.setText("")
        self.apply_button.setEnabled(ok and self.parameter.count() > 0)
        self.revert_button.setEnabled(self.session is not None
                                      and self.session.current is not None)


def what_if_html(w: WhatIf) -> str:
    """Prediction beside the actual loss change, and how far every layer's maps moved."""
    rows = "".join(f"<tr><td>{name}</td><td align='right'>{num(v)}</td></tr>"
                   for name, v in w.moved.items())
    ratio = "" if w.predicted == 0 else f" ({tr('actual / predicted')} = " \
        f"{num(w.actual / w.predicted)})"
    pos = ", ".join(str(p) for p in w.position)
    if w.gradient == 0:
        ratio += "<br><span style='color: #555;'>" + tr(
            "δ(w) is 0: this image sends no sensitivity through this weight (a switched-off "
            "ReLU, or an input of 0), so to first order the loss does not move.") + "</span>"
    return (section(tr("What if {0}[{1}] changes by {2}?").format(w.param, pos, num(w.change)))
            + f"<p>{tr('first-order prediction')}: ΔJ ≈ δ(w) · Δw = {num(w.gradient)} · "
            f"{num(w.change)} = <b>{num(w.predicted)}</b><br>"
            f"{tr('actual, from a new forward pass')}: ΔJ = {num(w.new_loss)} − "
            f"{num(w.old_loss)} = <b>{num(w.actual)}</b>{ratio}</p>"
            + f"<p>{tr('How far each layer moved (largest |Δf| over its maps):')}</p>"
            + '<table border="1" cellspacing="0" cellpadding="3">'
            + f"<tr><th>{tr('layer')}</th><th>max |Δf|</th></tr>{rows}</table>")
