"""Visual polish that can be measured: mosaic grids, labels that do not collide, captions
only with data, a neutral colour without a label, equal-sized panels, the data dialog's
wording and its overall download progress."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QTextDocument

from engine import TrainConfig, Trainer, build_network, builtin_dataset, preprocess
from engine.data import MNIST_FILES
from lenet_gui.data_dialog import FILE_SIZES, DataDialog, gui_reason
from lenet_gui.insights import GradientHealthView, InsightContext, SaliencyView, UnitDetails
from lenet_gui.network_view import NetworkView
from lenet_gui.network_view.layout_plan import MAX_STACK, MIN_COL_W, READABLE_W, plan_columns
from lenet_gui.network_view.mosaic import vector_layout
from lenet_gui.network_view.style import PRED_NEUTRAL, PRED_RIGHT, PRED_WRONG
from lenet_gui.pad_panel import PadPanel

LENET5 = [(6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5), (120, 1, 1), (84, 1, 1)]
TOOLBOX = [(6, 24, 24), (6, 12, 12), (12, 8, 8), (12, 4, 4)]


@pytest.fixture(scope="module")
def trainer():
    t = Trainer(build_network("lenet5"), builtin_dataset(n_train=256, n_test=64),
                TrainConfig(epochs=1, batch_size=32))
    for _ in range(3):
        t.train_batch()
    return t


def _probe(t: Trainer, i: int = 0):
    return preprocess(t.dataset.test_images[i], t.net.config.input_size)


# ------------------------------------------------------------------ mosaic grids (no Qt)

# (width, row height) of the middle columns at 1280x800, 1600x1000, 1920x1080, and wider
SPACES = [(533, 200), (505, 300), (600, 300), (760, 340), (1100, 400), (320, 150)]


@pytest.mark.parametrize("width, row_height", SPACES)
def test_pooling_layers_share_the_convolutions_grid_and_nothing_is_one_thin_column(
        width, row_height):
    plans = plan_columns(LENET5, width, row_height)
    grids = [(p.rows, p.cols) for p in plans]
    assert grids[0] == grids[1]  # S2 like C1: map k at the same place
    assert grids[2] == grids[3]  # S4 like C3
    for (n, h, _w), (rows, cols) in zip(LENET5, grids, strict=True):
        assert rows * cols >= n and (rows - 1) * cols < n
        if h > 1:
            assert cols >= 2, f"{n} maps stacked in one column"
            assert rows <= MAX_STACK * cols
            assert rows * cols == n  # 6 and 16 maps: full grids, no odd tile at the end
    if width >= len(LENET5) * MIN_COL_W:  # room for every column's numbers
        assert all(p.width >= MIN_COL_W - 1e-6 for p in plans)
    assert sum(p.width for p in plans) <= max(width, len(LENET5) * MIN_COL_W * 0.75) + 1


def test_other_presets_and_prime_counts_get_sensible_grids():
    plans = plan_columns(TOOLBOX, 500, 250)
    assert (plans[0].rows, plans[0].cols) == (plans[1].rows, plans[1].cols)
    assert (plans[2].rows, plans[2].cols) == (plans[3].rows, plans[3].cols)
    assert all(p.cols >= 2 for p in plans)
    seven = plan_columns([(7, 10, 10)], 300, 200)[0]  # no full grid: one partial row
    assert seven.cols >= 2 and (seven.rows - 1) * seven.cols < 7 <= seven.rows * seven.cols


def test_column_minimum_widths_are_honoured():
    plans = plan_columns(LENET5, 700, 300, [0, 0, 130, 0, 0, 0])
    assert plans[2].width >= 130 - 1e-6


# ------------------------------------------------------------------ the network view

@pytest.fixture
def view(qtbot, trainer):
    v = NetworkView()
    qtbot.addWidget(v)
    v.resize(1100, 620)
    v.show()
    qtbot.waitExposed(v)
    v.set_layers(trainer.net.layers, trainer.net.config.input_size)
    return v


def _label_span(label) -> tuple[float, float]:
    r = label.item.sceneBoundingRect()
    return r.left(), r.right()


def test_no_captions_or_scales_before_an_image(view, trainer):
    assert view.snapshot is None
    assert view._input_caption.text.strip() == ""
    assert view._prob_caption.text.strip() == ""
    assert not view.output.plot.isVisible() and not view.output.delta_plot.isVisible()
    assert all(c.scale_label is None or c.scale_label.text.strip() == ""
               for c in view.cells.values())
    view.update_snapshot(trainer.snapshot(_probe(trainer), 0))
    assert "ink 1.175" in view._input_caption.text
    assert view._prob_caption.text == "probability"
    assert view.output.plot.isVisible() and view.output.delta_plot.isVisible()


@pytest.mark.parametrize("size", [(760, 520), (1100, 620), (1500, 760)])
@pytest.mark.parametrize("mode", ["layer", "map"])
def test_numbers_under_the_maps_never_touch(qtbot, view, trainer, size, mode):
    view.resize(*size)
    view.set_scale_mode(mode)
    view.update_snapshot(trainer.snapshot(_probe(trainer), 0))
    qtbot.wait(20)
    view.relayout(force=True)
    for row in ("act", "delta"):
        spans = []
        for column in view.columns:
            if column.kind == "output":
                label = view._prob_caption if row == "act" else view._delta_scale
            elif (column.name, row) == ("input", "act"):
                label = view._input_caption
            else:
                label = view.cells[(column.name, row)].scale_label
            spans.append(_label_span(label))
        for (_l0, r0), (l1, _r1) in zip(spans, spans[1:], strict=False):
            assert l1 - r0 >= 4, f"{row} labels {spans} touch at size {size} ({mode})"
    c1, s2 = view.cells[("C1", "act")].layout, view.cells[("S2", "act")].layout
    assert (c1.rows, c1.cols) == (s2.rows, s2.cols) and s2.cols >= 2


@pytest.mark.parametrize("size", [(648, 520), (1198, 820)])  # the view at 1024x700, 1920x1080
def test_no_mosaic_collapses_to_a_strip(qtbot, view, trainer, size):
    view.resize(*size)
    view.update_snapshot(trainer.snapshot(_probe(trainer), 0))
    qtbot.wait(20)
    view.relayout(force=True)
    for (layer, row), cell in view.cells.items():
        left = cell.image.mapToScene(QPointF(0, 0))
        right = cell.image.mapToScene(QPointF(cell.layout.shape[1], 0))
        drawn = right.x() - left.x()
        assert drawn >= READABLE_W - 2, f"{layer} {row} drawn {drawn:.0f} px wide at {size}"


def test_a_drawing_without_a_label_is_neither_right_nor_wrong(view, trainer):
    view.update_snapshot(trainer.snapshot(_probe(trainer), None))
    pred = int(view.snapshot.prediction)
    brush = view.output.bars.opts["brushes"][pred]
    assert brush == PRED_NEUTRAL
    title = view.titles[view.output_layer].text
    assert "✓" not in title and "true" not in title
    assert PRED_NEUTRAL in title
    view.update_snapshot(trainer.snapshot(_probe(trainer), int(trainer.dataset.test_labels[0])))
    pred = int(view.snapshot.prediction)
    assert view.output.bars.opts["brushes"][pred] in (PRED_RIGHT, PRED_WRONG)


@pytest.mark.parametrize("layer, n, rows", [("C5", 120, 12), ("F6", 84, 9), ("F7", 10, 1)])
def test_enlarged_vector_layer_is_labelled_by_unit_not_pixel(qtbot, view, trainer, layer, n,
                                                              rows):
    view.update_snapshot(trainer.snapshot(_probe(trainer), 0))
    dlg = view.click_unit(layer, 3, 0, 0)
    qtbot.addWidget(dlg)
    layout = dlg._layout
    assert (layout.n, layout.rows, layout.gap) == (n, rows, 0)
    assert layout == vector_layout(n)
    plot = dlg.items["act"][0]
    bottom = [text for _pos, text in plot.getAxis("bottom")._tickLevels[0]]
    assert bottom[:2] == (["+0", "+1"] if rows > 1 else ["0", "1"])
    if rows > 1:
        left = [text for _pos, text in plot.getAxis("left")._tickLevels[0]]
        assert left[:3] == ["0", "10", "20"]
    # the marker sits on unit 3: row 0, column 3
    rect = dlg.markers["act"].rect()
    assert rect.center().x() == pytest.approx(3.5) and rect.center().y() == pytest.approx(0.5)
    dlg.close()


def test_enlarged_map_has_two_equal_plots(qtbot, view, trainer):
    view.update_snapshot(trainer.snapshot(_probe(trainer), 0))
    dlg = view.click_unit("C5", 0, 0, 0)
    qtbot.addWidget(dlg)
    qtbot.waitExposed(dlg)
    widths = [plot.geometry().width() for plot, _img, _bar in dlg.items.values()]
    assert widths[0] == pytest.approx(widths[1], abs=1)
    dlg.close()


# ------------------------------------------------------------------ the pad

def test_confidence_is_always_two_lines(qtbot):
    panel = PadPanel()
    qtbot.addWidget(panel)
    panel.set_pretrained(build_network("lenet5"))
    panel.resize(340, 720)
    panel.show()
    texts = []
    for p in (1.0, 0.516):
        probs = [(1 - p) / 9] * 10
        probs[7] = p
        panel._prediction = (7, np.array(probs, np.float32))
        panel._show()
        texts.append(panel.confidence_label.text())
    assert texts == ["100.0%\nconfident", "51.6%\nconfident"]


# ------------------------------------------------------------------ insights

@pytest.fixture
def ctx(trainer):
    return InsightContext(trainer.dataset, trainer.net.config, lambda i: None, lambda: None)


def _show(qtbot, w, size=(900, 600)):
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("size", [(600, 500), (900, 600), (1400, 500)])
def test_saliency_panels_are_equal_and_aligned(qtbot, trainer, ctx, size):
    view = _show(qtbot, SaliencyView(ctx), size)
    view.update_snapshot(trainer.snapshot(_probe(trainer), 0))
    qtbot.wait(20)
    rects = list(view.panel_rects().values())
    assert len(rects) == 3
    for r in rects[1:]:
        assert r.width() == pytest.approx(rects[0].width(), rel=1e-6)
        assert r.height() == pytest.approx(rects[0].height(), rel=1e-6)
        assert r.top() == pytest.approx(rects[0].top(), abs=0.5)
    assert rects[0].right() < rects[1].left() < rects[1].right() < rects[2].left()
    assert rects[0].width() > 80


def test_unit_details_panels_are_equal(qtbot, trainer, ctx):
    view = _show(qtbot, UnitDetails(ctx), (1000, 650))
    view.update_snapshot(trainer.snapshot(_probe(trainer), 0))
    view.show_unit("C3", 5, 4, 6)
    qtbot.wait(20)
    widths = [b.geometry().width() for b in (view.input_box, view.map_box, view.delta_box)]
    assert max(widths) - min(widths) <= 1, widths


def test_unit_details_note_about_a_switched_off_relu_is_shown_whole(qtbot, trainer, ctx):
    view = _show(qtbot, UnitDetails(ctx), (1000, 650))
    snap = trainer.snapshot(_probe(trainer), 0)
    view.update_snapshot(snap)
    u, f = snap.pre_activations["C1"], snap.activations["C1"]
    off = np.argwhere((u < 0) & (f == 0) & (snap.delta_u["C1"] == 0))
    if off.size == 0:
        pytest.skip("no switched-off C1 unit on this probe")
    m, r, c = (int(v) for v in off[0])
    view.show_unit("C1", m, r, c)
    doc = QTextDocument()
    doc.setHtml(view.note.text())
    assert "switched off" in doc.toPlainText()


def test_gradient_health_legends_are_beside_the_plots(qtbot, trainer, ctx):
    view = _show(qtbot, GradientHealthView(ctx))
    view.update_snapshot(trainer.snapshot(_probe(trainer), 0))
    qtbot.wait(20)
    for kind, plot in view.plots.items():
        legend = view.legends[kind].sceneBoundingRect()
        assert not legend.intersects(plot.vb.sceneBoundingRect())
        assert legend.left() >= plot.vb.sceneBoundingRect().right()


# ------------------------------------------------------------------ the data dialog

NOT_FOUND = ("MNIST not found (looked in /home/u/.cache/lenet-gui/mnist); pass --data DIR, "
             "download it, or use --dataset builtin")


def test_data_dialog_speaks_to_a_gui_user(qtbot):
    assert gui_reason(NOT_FOUND) == "Looked for MNIST in /home/u/.cache/lenet-gui/mnist."
    dlg = DataDialog("mnist", NOT_FOUND)
    qtbot.addWidget(dlg)
    shown = dlg.reason.text()
    assert "--dataset" not in shown and "pass --data" not in shown
    assert "/home/u/.cache/lenet-gui/mnist" in shown
    assert dlg.folder_button.text() == "Choose folder…"
    menu = DataDialog("mnist", "Choose where the images come from.")
    qtbot.addWidget(menu)
    assert "not found" not in menu.windowTitle()


def test_download_progress_is_over_all_files(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("LENET_GUI_CACHE", str(tmp_path))
    dlg = DataDialog("mnist", NOT_FOUND)
    qtbot.addWidget(dlg)
    dlg._begin_progress()
    sizes = FILE_SIZES["mnist"]
    whole = sum(sizes.values())
    values, done_before = [], 0
    for name in MNIST_FILES.values():
        size = sizes[name]
        for part in (0, size // 3, size):
            dlg._on_progress(part, size, name)
            values.append(dlg.progress.value())
            assert dlg.progress.maximum() == 1000
            expected = int(1000 * (done_before + part) / whole)
            assert values[-1] == expected
        done_before += size
    assert values == sorted(values) and values[-1] == 1000
    assert "file 4 of 4" in dlg.status.text() and f"{whole / 1e6:.1f} MB" in dlg.status.text()


def test_download_progress_skips_files_already_in_the_cache(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("LENET_GUI_CACHE", str(tmp_path))
    labels = MNIST_FILES["test_labels"]
    (tmp_path / "mnist").mkdir()
    (tmp_path / "mnist" / labels).write_bytes(b"x" * FILE_SIZES["mnist"][labels])
    dlg = DataDialog("mnist", NOT_FOUND)
    qtbot.addWidget(dlg)
    dlg._begin_progress()
    assert labels not in dlg._needed and len(dlg._needed) == 3
