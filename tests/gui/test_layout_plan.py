"""The network view's layout plan at common screen sizes: pure, no QApplication.

Every column keeps a readable width (small windows shrink the mosaics, wrap grids, wrap
labels and shrink text instead of collapsing a column to a strip) and no two labels
overlap."""

from __future__ import annotations

import ast
import itertools
import re
from html import unescape
from pathlib import Path

import pytest

from engine import build_network
from lenet_gui.network_view.labels import act_header, column_labels, delta_header
from lenet_gui.network_view.layout_plan import (
    COL_PAD,
    HEADER_AIR,
    MIN_HEADER_SCALE,
    READABLE_W,
    ColumnSpec,
    ViewPlan,
    estimate_text_width,
    plan_view,
)
from lenet_gui.network_view.style import HEADER_PT

# the network view's drawing area in the main window on a first run at common screen sizes
# (as tests/gui/layout_probe.py measures it under Xvfb): the docks take the rest
VIEW_SIZES = {
    (1024, 700): (648, 369),
    (1280, 720): (904, 395),
    (1366, 768): (694, 437),
    (1600, 900): (928, 547),
    (1920, 1080): (1198, 687),
    (2560, 1440): (1838, 968),
}
DIGITS = tuple(str(i) for i in range(10))
FASHION = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
           "Sneaker", "Bag", "Ankle boot")


def _columns(preset: str, mode: str, names: tuple[str, ...] = DIGITS) -> list[ColumnSpec]:
    net = build_network(preset)
    s = net.config.input_size
    columns = [ColumnSpec("input", "input", (1, s, s))]
    for spec in net.layers:
        n, h, w = spec.out_shape if spec.is_map else (spec.out_shape[0], 1, 1)
        columns.append(ColumnSpec(spec.name, "output" if spec.is_output else "layer",
                                  (int(n), int(h), int(w))))
    return [column_labels(c, next((s for s in net.layers if s.name == c.name), None), mode,
                          names) for c in columns]


def _header_lengths() -> list[float]:
    """The row headers' lengths at full size, as the view measures them: each one's longest
    line (`estimate_text_width` runs wider than the UI font, bold lines included)."""
    lengths = []
    for html in (act_header(), delta_header()):
        lines = [unescape(line) for line in re.sub(r"<[^>]+>", "\n", html).split("\n")]
        lengths.append(max(estimate_text_width(line, HEADER_PT) for line in lines))
    return lengths


def _check(plan: ViewPlan, width: float, height: float) -> None:
    for column in plan.columns:
        assert column.drawn_w >= READABLE_W, f"{column.name} drawn {column.drawn_w:.0f} px wide"
        assert column.width >= READABLE_W + COL_PAD
    for a, b in itertools.pairwise(plan.columns):
        assert a.x + a.width <= b.x
    assert plan.columns[-1].x + plan.columns[-1].width <= width + 1
    assert plan.row_h > 60, f"mosaic rows only {plan.row_h:.0f} px high in {width}x{height}"
    for label in plan.labels:  # inside its own column
        column = plan.column(label.column)
        assert column.x - 1e-6 <= label.rect.x and label.rect.right <= column.x + column.width \
            + 1e-6, f"{label.column} {label.row} label wider than its column"
    for one, other in itertools.combinations(plan.labels, 2):
        assert not one.rect.overlaps(other.rect), f"{one} overlaps {other}"


@pytest.mark.parametrize("mode", ["layer", "map"])
@pytest.mark.parametrize("screen", list(VIEW_SIZES))
def test_every_column_is_readable_and_no_labels_overlap(screen, mode):
    width, height = VIEW_SIZES[screen]
    plan = plan_view(_columns("lenet5", mode), width, height)
    _check(plan, width, height)
    grids = {c.name: (c.rows, c.cols) for c in plan.columns}
    assert grids["C1"] == grids["S2"] and grids["C3"] == grids["S4"]
    for name in ("C5", "F6"):  # vectors wrapped into a block, never a strip of one unit
        assert grids[name][1] >= 3, f"{name} in {grids[name]} at {screen}"


@pytest.mark.parametrize("preset", ["toolbox-cnn", "simple-cnn"])
@pytest.mark.parametrize("screen", [(1024, 700), (1920, 1080)])
def test_other_presets_and_long_class_names(preset, screen):
    width, height = VIEW_SIZES[screen]
    _check(plan_view(_columns(preset, "layer", FASHION), width, height, output_w=146),
           width, height)


def test_small_windows_shrink_the_text_before_the_columns():
    small = plan_view(_columns("lenet5", "map"), *VIEW_SIZES[(1024, 700)])
    large = plan_view(_columns("lenet5", "map"), *VIEW_SIZES[(1920, 1080)])
    assert small.font_scale < 1.0 == large.font_scale
    titles = [p for p in large.labels if p.row == "title" and p.column in ("C1", "C3", "S4")]
    assert titles and all(p.variant == 0 for p in titles)  # on one line each


def test_bigger_views_draw_bigger_maps():
    widths = [plan_view(_columns("lenet5", "layer"), *VIEW_SIZES[s]).column("C1").drawn_w
              for s in [(1024, 700), (1366, 768), (1920, 1080), (2560, 1440)]]
    assert widths == sorted(widths)


def test_a_text_width_function_is_used():
    wide = plan_view(_columns("lenet5", "layer"), 1198, 790,
                     text_width=lambda text, pt: 2 * estimate_text_width(text, pt))
    plain = plan_view(_columns("lenet5", "layer"), 1198, 790)
    assert wide.font_scale < plain.font_scale or any(
        a.variant > b.variant for a, b in zip(wide.labels, plain.labels, strict=True))


def test_the_planner_and_the_mosaics_import_no_qt():
    for name in ("layout_plan.py", "mosaic.py"):
        source = Path(__file__).parents[2] / "lenet_gui" / "network_view" / name
        tree = ast.parse(source.read_text(encoding="utf-8"))
        modules = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {m for m in modules if m.startswith(("PySide6", "pyqtgraph"))}, name


@pytest.mark.parametrize("mode", ["layer", "map"])
@pytest.mark.parametrize("screen", list(VIEW_SIZES))
def test_the_row_headers_fit_their_rows_in_a_readable_size(screen, mode):
    """Rotated, a header runs along its row's height: longer, it would be cut or push the
    sensitivities' scales out of the view (as it did at 1024x700)."""
    lengths = _header_lengths()
    plan = plan_view(_columns("lenet5", mode), *VIEW_SIZES[screen], headers=lengths)
    assert plan.header_scale >= MIN_HEADER_SCALE, (screen, plan.header_scale)
    assert plan.header_scale * max(lengths) + HEADER_AIR <= plan.row_h, (screen, plan.row_h)
    if screen[1] >= 900:
        assert plan.header_scale == 1.0  # shrunk only where the rows are short


def test_without_headers_the_plan_keeps_them_full_size():
    assert plan_view(_columns("lenet5", "layer"), *VIEW_SIZES[(1024, 700)]).header_scale == 1.0
