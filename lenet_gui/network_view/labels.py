"""Every text the network view writes: row headers, column titles, captions, the output's
prediction, the hover text, and the templates the layout plan measures them by."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from html import unescape
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontMetricsF

from engine import LayerSpec, Snapshot

from .. import engine_texts
from .layout_plan import LABEL_AIR, ColumnSpec, LabelSpec, Line
from .style import (
    BAR_COLOR,
    DESC_PT,
    PRED_NEUTRAL,
    PRED_RIGHT,
    PRED_WRONG,
    SCALE_PT,
    TITLE_PT,
    TRUE_PEN,
    fmt,
    pt,
)

PREDICTION_PT = 8.0


def _tr(text: str) -> str:
    """A text marked elsewhere (QT_TRANSLATE_NOOP) in the UI's language."""
    return QCoreApplication.translate("NetworkView", text)


@functools.cache
def text_width(line: str, size: float) -> float:
    """Width of one line of plain text in the application's font, for the layout plan."""
    font = QFont()
    font.setPointSizeF(size)
    return QFontMetricsF(font).horizontalAdvance(line)


def fits(html: str, size: float, width: float) -> bool:
    """Whether a label's text (lines of simple HTML) fits a column `width` wide."""
    lines = re.sub(r"<[^>]+>", "\n", html).split("\n")
    return max(text_width(unescape(line), size) for line in lines) + LABEL_AIR <= width


def act_header() -> str:
    title = QCoreApplication.translate("NetworkView", "activation f(u)")
    note = QCoreApplication.translate("NetworkView", "what each unit outputs")
    return f"<b>{title}</b><br><span style='color:#555'>{note}</span>"


def delta_header() -> str:
    title = QCoreApplication.translate("NetworkView", "sensitivity &delta;u = &part;J/&part;u")
    raises = QCoreApplication.translate("NetworkView", "+ raises J")
    lowers = QCoreApplication.translate("NetworkView", "&minus; lowers J")
    return (f"<b>{title}</b><br>"
            f"<span style='color:#b2182b'>&#9632;</span> {raises} &nbsp;"
            f"<span style='color:#2166ac'>&#9632;</span> {lowers}")


def input_caption(wrap: bool) -> str:
    sep = "<br>" if wrap else " "
    return QCoreApplication.translate(
        "NetworkView", "background &minus;0.1{sep}… ink 1.175").replace("{sep}", sep)


def title_lines(column: ColumnSpec, spec: LayerSpec | None) -> tuple[str, str, str]:
    """(name, shape, description) of a column."""
    if spec is None:  # the input
        _n, h, w = column.shape
        return (QCoreApplication.translate("NetworkView", "input x"), f"1@{h}x{w}",
                QCoreApplication.translate("NetworkView", "preprocessed image"))
    return spec.name, spec.shape_label, engine_texts.text(spec.description)


def _halves(line: str) -> tuple[str, ...]:
    """A line broken at the space nearest its middle (unchanged without a space)."""
    words = line.split()
    if len(words) < 2:
        return (line,)
    k = min(range(1, len(words)),
            key=lambda k: max(len(" ".join(words[:k])), len(" ".join(words[k:]))))
    return " ".join(words[:k]), " ".join(words[k:])


def title_html(lines: tuple[str, str, str], wrap: bool, scale: float) -> str:
    name, shape, desc = lines
    desc_html = "<br>".join(_halves(desc)) if wrap else desc
    return (f"<b>{name}</b><br><span style='color:#333'>{shape}</span><br>"
            f"<span style='color:#666; font-size:{pt(DESC_PT * scale)}'>{desc_html}</span>")


def _prediction(names: tuple[str, ...], pred: int, p: float, label: int | None,
                wrap: bool) -> str:
    name = names[pred] if pred < len(names) else str(pred)
    truth = "" if label is None else (
        "  ✓" if label == pred else QCoreApplication.translate(
            "NetworkView", "  (true: {name})").replace("{name}", names[label]))
    sep = "<br>" if wrap and label is not None and label != pred else ""
    return f"<b>{name}</b> {p:.0%}{sep}{truth}"


def output_title_html(layer: str, shape: str, names: tuple[str, ...], pred: int, p: float,
                      label: int | None, color: str, wrap: bool, scale: float) -> str:
    return (f"<b>{layer}</b><br><span style='color:#333'>{shape}</span><br>"
            f"<span style='color:{color}; font-size:{pt(PREDICTION_PT * scale)}'>"
            f"{_prediction(names, pred, p, label, wrap)}</span>")


def bar_styles(probs: np.ndarray, label: int | None) -> tuple[list[str], list[Any], str]:
    """Brushes and pens of the probability bars, and the prediction's colour: green when
    right, red when wrong, neutral blue without a label (a drawing); the true class
    outlined."""
    pred = int(np.argmax(probs))
    brushes = [BAR_COLOR] * len(probs)
    pens: list[Any] = [None] * len(probs)
    right = label is not None and label == pred
    color = PRED_NEUTRAL if label is None else (PRED_RIGHT if right else PRED_WRONG)
    brushes[pred] = color
    if label is not None and 0 <= label < len(probs):
        pens[label] = pg.mkPen(TRUE_PEN, width=2.5)
    return brushes, pens, color


# ---------------------------------------------------------------- what the plan measures

def _scale(*variants: tuple[str, ...]) -> tuple[tuple[Line, ...], ...]:
    return tuple(tuple((line, SCALE_PT) for line in v) for v in variants)


def _title(name: str, shape: str, descs: Sequence[tuple[str, ...]],
           last_pt: float = DESC_PT) -> tuple[tuple[Line, ...], ...]:
    head: tuple[Line, ...] = ((name, TITLE_PT), (shape, TITLE_PT))
    return tuple(head + tuple((d, last_pt) for d in desc) for desc in descs)


ACT_RANGE = "-0.998 … 0.997"  # the widest numbers beneath a map, as `fmt` writes them
DELTA_RANGE = "±1.6e-03"


def column_labels(column: ColumnSpec, spec: LayerSpec | None, scale_mode: str,
                  class_names: tuple[str, ...]) -> ColumnSpec:
    """The column with the labels the plan must find room for, written at their widest."""
    name, shape, desc = title_lines(column, spec)
    if column.kind == "output":
        longest = max(class_names, key=len)
        wrong = (f"{longest} 100%", _tr("  (true: {name})").strip().replace("{name}", longest))
        labels = (LabelSpec("title", _title(name, shape, [(f"{wrong[0]}  {wrong[1]}",),
                                                         wrong], PREDICTION_PT)),
                  LabelSpec("act", _scale((_tr("probability"),))),
                  LabelSpec("delta", _scale((DELTA_RANGE,))))
        return ColumnSpec(column.name, column.kind, column.shape, labels)
    title = LabelSpec("title", _title(name, shape, [(desc,), _halves(desc)]))
    lo, hi = ACT_RANGE.split(" … ")
    if column.kind == "input":
        caption = unescape(_tr("background &minus;0.1{sep}… ink 1.175"))
        act = _scale((caption.replace("{sep}", " "),), tuple(caption.split("{sep}")))
        delta = _scale((f"∂J/∂x {DELTA_RANGE}",), ("∂J/∂x", DELTA_RANGE))
    elif scale_mode == "map" and column.shape[0] > 1 and column.shape[1] > 1:
        per_map, per_map_max = _tr("per map"), _tr("per map, max")
        act = _scale((per_map, ACT_RANGE), (per_map, f"{lo} …", hi))
        delta = _scale((per_map_max, DELTA_RANGE),
                       (*unescape(_tr("per map<br>max")).split("<br>"), DELTA_RANGE))
    else:
        act = _scale((ACT_RANGE,), (f"{lo} …", hi))
        delta = _scale((DELTA_RANGE,))
    labels = (title, LabelSpec("act", act), LabelSpec("delta", delta))
    return ColumnSpec(column.name, column.kind, column.shape, labels)


# ---------------------------------------------------------------- hovering

def describe_unit(snap: Snapshot | None, spec: LayerSpec | None, layer: str, index: int,
                  r: int, c: int, act: float | None, delta: float | None, is_output: bool,
                  class_names: tuple[str, ...]) -> str:
    """The hover text: where the unit is and its activation and sensitivity."""
    translate = QCoreApplication.translate
    if layer == "input":
        text = translate("NetworkView", "input  (row {r}, col {c})  pixel value x = {x}").format(
            r=r, c=c, x=fmt(act if act is not None else float("nan")))
        if delta is not None and snap is not None and snap.input_delta is not None:
            text += translate("NetworkView", "   sensitivity ∂J/∂x = {d}").format(
                d=f"{delta:.3e}")
        return text
    if spec is not None and spec.is_map:
        where = translate("NetworkView", "{layer} map {index}  (row {r}, col {c})").format(
            layer=layer, index=index, r=r, c=c)
    elif is_output:
        name = class_names[index] if index < len(class_names) else index
        where = translate("NetworkView", "{layer} unit {index} (class {name})").format(
            layer=layer, index=index, name=name)
        if snap is not None:
            where += f"  p = {snap.probabilities[index]:.3f}"
    else:
        where = translate("NetworkView", "{layer} unit {index}").format(layer=layer, index=index)
    parts = [where]
    if act is not None:
        parts.append(translate("NetworkView", "activation f(u) = {v}").format(v=fmt(act)))
    if delta is not None:
        parts.append(translate("NetworkView", "sensitivity δu = {v}").format(v=f"{delta:.3e}"))
    return "   ".join(parts)
