"""Small HTML pieces of the derivation tab: numbers, matrices as tables, the check rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine import ArrayCheck, Check

from .. import engine_texts
from .latex import tex_to_html

POS_BG = "#fbe3d6"  # cell backgrounds by sign (the network view's red / blue)
NEG_BG = "#d8e6f5"
MARK_BG = "#ffd36b"  # the cell that matters (the unit, the mask's 1)
ZERO_BG = "#f1f1f1"
OK_COLOR = "#1b7f3b"
BAD_COLOR = "#b3261e"
TOLERANCE = 1e-9  # float64 recomputation: relative to max(1, |engine value|)


def tr(text: str) -> str:
    # lupdate files a module-level tr("...") under the empty context: look it up there
    return QCoreApplication.translate("", text)


def num(v: float) -> str:
    """6 significant digits, as the notes print them."""
    return f"{float(v) + 0.0:.6g}"


def short(v: float) -> str:
    """3 significant digits: a matrix entry (the checks carry the precise values)."""
    return f"{float(v) + 0.0:.3g}"


def notation(label: str) -> str:
    """An engine label ("delta(u[3])", "delta(f_prev)") as HTML: δ(u[3]), δ(f<sub>prev</sub>)."""
    return tex_to_html(label.replace("delta(", r"\delta(").replace("_prev", "_{prev}"))


def formula(tex: str) -> str:
    return f'<p style="font-size: 13pt; margin-left: 12px;"><i>{tex_to_html(tex)}</i></p>'


def section(title: str) -> str:
    return f'<h3 style="margin-top: 14px; margin-bottom: 4px;">{title}</h3>'


@dataclass(frozen=True)
class Mat:
    """A small matrix to draw: `mark` highlighted, cells shaded by sign when `signs`."""

    a: np.ndarray
    mark: tuple[int, int] | None = None
    signs: bool = True
    title: str = ""


def matrix(a: np.ndarray, mark: tuple[int, int] | None = None, *, signs: bool = True,
           title: str = "") -> Mat:
    return Mat(np.atleast_2d(np.asarray(a, dtype=np.float64)), mark, signs, title)


def _scaled(m: Mat) -> tuple[np.ndarray, str]:
    """Tiny values (gradients) share one power of ten, written in the title."""
    peak = float(np.max(np.abs(m.a))) if m.a.size else 0.0
    exponent = int(np.floor(np.log10(peak))) if 0 < peak < 1e-2 else 0
    title = f"{m.title} (×10<sup>{exponent}</sup>)" if exponent else m.title
    return m.a / 10.0 ** exponent, title


def _cell(m: Mat, i: int, j: int, v: float) -> str:
    bg = MARK_BG if m.mark == (i, j) else (
        POS_BG if m.signs and v > 0 else NEG_BG if m.signs and v < 0 else ZERO_BG)
    return f'<td bgcolor="{bg}" align="right" nowrap>{short(v)}</td>'


def grid(*parts: Mat | str, ops: tuple[str, ...] = ()) -> str:
    """Matrices (and text) in one row, an operator (⊙, =) between them: ONE flat table,
    as tables inside tables cost Qt's layout twice the time."""
    items: list[Mat | str] = []
    for i, part in enumerate(parts):
        items.append(part)
        if i < len(ops) and ops[i]:
            items.append(f'<span style="font-size: 15pt;">&nbsp;{ops[i]}&nbsp;</span>')
    scaled = {id(p): _scaled(p) for p in items if isinstance(p, Mat)}
    height = max((p.a.shape[0] for p in items if isinstance(p, Mat)), default=1)
    titles, rows = [], [[] for _ in range(height)]  # type: ignore[var-annotated]
    for p in items:
        if isinstance(p, str):
            titles.append("<td></td>")
            rows[0].append(f'<td rowspan="{height}" valign="middle">{p}</td>')
            continue
        shown, title = scaled[id(p)]
        n = shown.shape[1]
        titles.append(f'<td colspan="{n}"><b>{title}</b></td>')
        for i in range(height):
            rows[i] += ([_cell(p, i, j, v) for j, v in enumerate(shown[i])] if i < len(shown)
                        else [f'<td colspan="{n}"></td>'])
        titles.append('<td width="10"></td>')
        for row in rows:
            row.append("<td></td>")
    body = "".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    return ('<table cellspacing="1" cellpadding="3" style="font-size: 9pt;">'
            f"<tr>{''.join(titles)}</tr>{body}</table>")


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
        label = notation(engine_texts.text(c.label))  # the engine's "delta(f)": δ(f)
        rows.append(f"<tr><td>{label}</td><td align='right'>{mine}</td>"
                    f"<td align='right'>{theirs}</td><td align='right' style='color: {color};'>"
                    f"{diff} {mark}</td></tr>")
    return ('<table border="1" cellspacing="0" cellpadding="3" style="border-color: #999;">'
            + "".join(rows) + "</table>")
