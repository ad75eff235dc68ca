"""The seeds' worked examples, from the engine's own computation: seed 003's tiny network
step by step beside the seed's numbers, seed 000's mean-pool expansion, seed 004's C3 table.

The engine's English (titles, notes) is translated through `example_texts`; formulas and
notation are italic, prose never is."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from engine import WorkedExample, seed000_expansion, seed003_example, seed004_c3_table

from . import example_texts
from .html_parts import BAD_COLOR, MARK_BG, OK_COLOR, grid, matrix, tr
from .latex import inline_tex, tex_to_html

SOURCE_STYLE = "color: #555;"  # the seed a page comes from: quieter than the prose


def seed003_html(example: WorkedExample) -> str:
    """Every step: formula, value here, the seed's number, agreement, the note."""
    head = "".join(f"<th>{h}</th>" for h in (
        tr("stage"), tr("step"), tr("value here"), tr("seed"), tr("agrees"), tr("note")))
    rows = [f"<tr>{head}</tr>"]
    for s in example.steps:
        agrees = {None: "", True: tr("yes"), False: tr("no")}[s.agrees]
        color = {None: "#000", True: OK_COLOR, False: BAD_COLOR}[s.agrees]
        bg = f' bgcolor="{MARK_BG}"' if s.agrees is False else ""
        rows.append(
            f"<tr{bg}><td>{example_texts.stage(s.stage)}</td><td><i>{tex_to_html(s.symbol)} = "
            f"{tex_to_html(s.formula)}</i></td><td align='right'>{s.value:.6g}</td>"
            f"<td align='right'>{s.seed_text or ''}</td>"
            f"<td style='color: {color};'><b>{agrees}</b></td>"
            f"<td>{inline_tex(example_texts.prose(s.remark))}</td></tr>")
    slips = len(example.disagreements)
    return (f"<h2>{example_texts.text(example.title)}</h2>"
            f"<p style='{SOURCE_STYLE}'>{example_texts.text(example.source)}</p>"
            f"<p>{inline_tex(example_texts.text(example.description))}</p>"
            "<p>" + tr("{0} steps; the seed's number differs in {1} (highlighted), each with "
                       "the reason.").format(len(example.steps), slips) + "</p>"
            + '<table border="1" cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>")


def seed000_html() -> str:
    ex = seed000_expansion()
    return ("<h2>" + tr("Seed 000: the mean-pool expansion, 4×4 → 8×8") + "</h2>"
            f"<p>{inline_tex(example_texts.prose(ex.note))}</p>"
            + grid(matrix(ex.delta, title=tr("δ of the pooled map (seed's C)")),
                           matrix(ex.seed_expansion, title=tr("seed: <i>kron(δ, ones(2))</i>")),
                           matrix(ex.engine_expansion, title=tr("engine: mean-pool backward"))))


def seed004_html() -> str:
    table = seed004_c3_table()
    diffs = set(table.differences)
    head = "<tr><th>S2 \\ C3</th>" + "".join(f"<th>{m}</th>" for m in range(16)) + "</tr>"
    rows = [head]
    for k in range(6):
        cells = []
        for m in range(16):
            mark = "X" if table.engine_table[k, m] else "·"
            bg = f' bgcolor="{MARK_BG}"' if (k, m) in diffs else ""
            cells.append(f"<td align='center'{bg}>{mark}</td>")
        rows.append(f"<tr><th>{k}</th>{''.join(cells)}</tr>")
    n = int(np.sum(table.engine_table))
    text = inline_tex(example_texts.prose(table.note))
    return ("<h2>" + tr("Seed 004: the C3 connection table ({0} kernels)").format(n) + "</h2>"
            + '<table border="1" cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>"
            + "<p>" + tr("Highlighted: where seed 004's list <i>Cbn</i> differs from the engine.")
            + f"</p><p>{text}</p>")


class WorkedExamplesDialog(QDialog):
    """Seed 003, seed 000 and seed 004, one tab each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The seeds' worked examples"))
        self.resize(1100, 760)
        self.tabs = QTabWidget()
        self.pages: dict[str, QTextBrowser] = {}
        for key, title, html in (
                ("seed003", self.tr("Seed 003: a network by hand"), seed003_html(
                    seed003_example())),
                ("seed000", self.tr("Seed 000: mean-pool expansion"), seed000_html()),
                ("seed004", self.tr("Seed 004: C3 table"), seed004_html())):
            page = QTextBrowser()
            page.setHtml(html)
            self.pages[key] = page
            self.tabs.addTab(page, title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        lay.addWidget(buttons)
