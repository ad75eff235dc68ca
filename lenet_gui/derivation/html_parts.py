"""Small HTML pieces of the derivation tab: numbers, matrices as tables, the check rows."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine import ArrayCheck, Check

from .latex import tex_to_html

POS_BG = "#fbe3d6"  # cell backgrounds by sign (the network view's red / blue)
NEG_BG = "#d8e6f5"
MARK_BG = "#ffd36b"  # the cell that matters (the unit, the mask's 1)
OK_COLOR = "#1b7f3b"
BAD_COLOR = "#b3261e"
TOLERANCE = 1e-9  # float64 recomputation: relative to max(1, |engine value|)


def tr(text: str) -> str:
    return QCoreApplication.translate("Derivation", text)


def num(v: float) -> str:
    """6 significant digits, as the notes print them."""
    return f"{float(v) + 0.0:.6g}"


def short(v: float) -> str:
    """3 significant digits: a matrix entry (the checks carry the precise values)."""
    return f"{float(v) + 0.0:.3g}"


def formula(tex: str) -> str:
    return f'<p style="font-size: 13pt; margin-left: 12px;"><i>{tex_to_html(tex)}</i></p>'


def section(title: str) -> str:
    return f'<h3 style="margin-top: 14px; margin-bottom: 4px;">{title}</h3>'


def matrix(a: np.ndarray, mark: tuple[int, int] | None = None, *, signs: bool = True,
           title: str = "") -> str:
    """A 2-D array as a bordered table, cells shaded by sign, `mark` highlighted; tiny
    values (gradients) share one power of ten, written in the title."""
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    peak = float(np.max(np.abs(a))) if a.size else 0.0
    exponent = int(np.floor(np.log10(peak))) if 0 < peak < 1e-2 else 0
    shown = a / 10.0 ** exponent
    rows = []
    for i, row in enumerate(shown):
        cells = []
        for j, v in enumerate(row):
            bg = MARK_BG if mark == (i, j) else (
                POS_BG if signs and v > 0 else NEG_BG if signs and v < 0 else "#ffffff")
            cells.append(f'<td bgcolor="{bg}" align="right" nowrap>{short(v)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if exponent:
        title = f"{title} (×10<sup>{exponent}</sup>)"
    head = f'<p style="margin: 2px;"><b>{title}</b></p>' if title else ""
    return (head + '<table border="1" cellspacing="0" cellpadding="3" '
            'style="border-color: #999; font-size: 9pt;">' + "".join(rows) + "</table>")


def side_by_side(*parts: str, ops: tuple[str, ...] = ()) -> str:
    """Tables in one row, with an operator (⊙, =) between them."""
    cells = []
    for i, part in enumerate(parts):
        cells.append(f'<td valign="middle">{part}</td>')
        if i < len(ops):
            cells.append(f'<td valign="middle" style="font-size: 16pt;">&nbsp;{ops[i]}&nbsp;</td>')
    return '<table cellspacing="4"><tr>' + "".join(cells) + "</tr></table>"


def within(check: Check | ArrayCheck) -> bool:
    engine = np.abs(np.asarray(check.engine))
    scale = max(1.0, float(engine.max()) if engine.size else 1.0)
    diff = check.max_abs_difference if isinstance(check, ArrayCheck) else abs(check.difference)
    return bool(diff <= TOLERANCE * scale)


def check_table(checks: tuple[Check | ArrayCheck, ...]) -> str:
    """Every recomputed value beside the engine's own and their difference."""
    head = "".join(f"<th>{h}</th>" for h in (
        tr("value"), tr("recomputed here"), tr("engine"), tr("difference")))
    rows = [f"<tr>{head}</tr>"]
    for c in checks:
        ok = within(c)
        color = OK_COLOR if ok else BAD_COLOR
        if isinstance(c, ArrayCheck):
            shape = "×".join(str(n) for n in c.recomputed.shape) or tr("scalar")
            mine = tr("array {0}").format(shape) if c.recomputed.ndim else num(float(c.recomputed))
            theirs = tr("array {0}").format(shape) if c.engine.ndim else num(float(c.engine))
            diff = tr("max {0:.1e}").format(c.max_abs_difference)
        else:
            mine, theirs, diff = num(c.recomputed), num(c.engine), f"{c.difference:.1e}"
        mark = "✓" if ok else "✗"
        rows.append(f"<tr><td>{tex_to_html(c.label)}</td><td align='right'>{mine}</td>"
                    f"<td align='right'>{theirs}</td><td align='right' style='color: {color};'>"
                    f"{diff} {mark}</td></tr>")
    return ('<table border="1" cellspacing="0" cellpadding="3" style="border-color: #999;">'
            + "".join(rows) + "</table>")
