"""Insight views: each renders a real snapshot and shows exactly the engine's numbers. (What
an update costs is measured, per tab, by benchmarks/bench_timeline_gui.py, not asserted.)"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from engine import TrainConfig, Trainer, build_network, builtin_dataset, c3_table, preprocess
from lenet_gui.insights import (
    ConfusionView,
    GradientCheckView,
    GradientHealthView,
    InsightContext,
    KernelsView,
    MistakesView,
    SaliencyView,
    UnitDetails,
    create_insight_views,
)
from lenet_gui.insights.confusion import EMPTY_TEXT


@pytest.fixture(scope="module")
def dataset():
    return builtin_dataset(n_train=640, n_test=200)


def _trained(dataset, preset: str, batches: int | None = None) -> Trainer:
    t = Trainer(build_network(preset), dataset, TrainConfig(epochs=2, batch_size=32))
    for _ in range(t.batches_per_epoch if batches is None else batches):
        t.train_batch()
    return t


def _snap(t: Trainer, i: int = 0):
    ds = t.dataset
    return t.snapshot(preprocess(ds.test_images[i], t.net.config.input_size),
                      int(ds.test_labels[i]))


@pytest.fixture(scope="module")
def trainer(dataset) -> Trainer:
    return _trained(dataset, "lenet5-1998")


@pytest.fixture(scope="module")
def snap(trainer):
    return _snap(trainer)


class Recorder:
    def __init__(self) -> None:
        self.probes: list[int] = []
        self.evaluations = 0

    def probe(self, i: int) -> None:
        self.probes.append(i)

    def evaluate(self) -> None:
        self.evaluations += 1


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


def _ctx(trainer: Trainer, rec: Recorder) -> InsightContext:
    return InsightContext(trainer.dataset, trainer.net.config, rec.probe, rec.evaluate)


def _show(qtbot, view):
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_every_view_renders_in_tab_order(qtbot, trainer, snap, rec):
    views = create_insight_views(_ctx(trainer, rec))
    assert [v.title for v in views] == [
        "Confusion matrix", "Mistakes", "Kernels", "Saliency", "Gradient health",
        "Gradient check", "Unit details", "Derivation"]
    for v in views:
        _show(qtbot, v)
        v.update_snapshot(snap)
        assert v.render_count == 1
        v.grab()  # paints without error


def test_hidden_view_costs_nothing_until_shown(qtbot, trainer, snap, rec):
    view = KernelsView(_ctx(trainer, rec))
    qtbot.addWidget(view)
    for _ in range(3):
        view.update_snapshot(snap)
    assert view.render_count == 0 and not view.panels
    view.show()
    qtbot.waitExposed(view)
    assert view.render_count == 1 and "C3" in view.panels
    view.hide()
    view.update_snapshot(_snap(trainer, 1))
    assert view.render_count == 1


def test_confusion_counts_cells_and_probe(qtbot, trainer, snap, rec):
    view = _show(qtbot, ConfusionView(_ctx(trainer, rec)))
    view.update_snapshot(snap)
    ev = snap.evaluation
    np.testing.assert_array_equal(view.counts(), ev.confusion())
    assert f"{100 * ev.accuracy:.2f}%" in view.heading.text()
    assert view.stack.currentIndex() == 1
    # a real click on the busiest off-diagonal cell (or the diagonal if there is none)
    off = ev.confusion() - np.diag(np.diag(ev.confusion()))
    t, p = np.unravel_index(int(np.argmax(off)), off.shape)
    if off[t, p] == 0:
        t = p = int(ev.labels[0])
    rect = view.matrix.cell_rect(int(t), int(p))
    QTest.mouseClick(view.matrix, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    expected = np.flatnonzero((ev.labels == t) & (ev.predictions == p))
    np.testing.assert_array_equal(view.gallery.indices, expected)
    assert expected.size > 0
    # clicking a thumbnail probes that test image
    row = expected.size - 1
    view.gallery.scrollTo(view.gallery.model_.index(row))
    center = view.gallery.visualRect(view.gallery.model_.index(row)).center()
    QTest.mouseClick(view.gallery.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert rec.probes == [int(expected[row])]
    # every other cell lists exactly its images
    for tt in range(10):
        for pp in range(10):
            view.select_cell(tt, pp)
            assert view.gallery.model_.rowCount() == ev.confusion()[tt, pp]


def test_confusion_empty_state_and_refresh(qtbot, dataset, rec):
    fresh = Trainer(build_network("lenet5"), dataset, TrainConfig(epochs=1, batch_size=32))
    view = _show(qtbot, ConfusionView(_ctx(fresh, rec)))
    view.update_snapshot(_snap(fresh))
    assert view.stack.currentIndex() == 0
    assert view.empty.text() == EMPTY_TEXT
    QTest.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert rec.evaluations == 1
    fresh.evaluate()
    view.update_snapshot(_snap(fresh))
    assert view.stack.currentIndex() == 1
    np.testing.assert_array_equal(view.counts(), fresh.evaluation.confusion())


def test_confusion_skips_unchanged_evaluation(qtbot, trainer, snap, rec):
    view = _show(qtbot, ConfusionView(_ctx(trainer, rec)))
    view.update_snapshot(snap)
    view.select_cell(0, 0)
    before = view.gallery.indices
    view.update_snapshot(replace(snap, step=snap.step + 1))  # same evaluation object
    assert view.gallery.indices is before


def test_mistakes_order_and_probe(qtbot, trainer, snap, rec):
    view = _show(qtbot, MistakesView(_ctx(trainer, rec)))
    view.update_snapshot(snap)
    wrong = snap.evaluation.mistakes()
    assert wrong.size > 0
    np.testing.assert_array_equal(view.indices, wrong)
    names = trainer.dataset.class_names
    i = int(wrong[0])
    text = view.gallery.model_.data(view.gallery.model_.index(0))
    pred = snap.evaluation.predictions[i]
    assert text.startswith(f"{names[snap.evaluation.labels[i]]} \u2192 {names[pred]}")
    view.gallery.activate(0)
    assert rec.probes == [i]


def test_kernels_follow_the_c3_table(qtbot, trainer, snap, rec):
    view = _show(qtbot, KernelsView(_ctx(trainer, rec)))
    view.update_snapshot(snap)
    assert set(view.panels) == {"C1", "C3"}
    table = c3_table()
    w, g = snap.params["C3.weight"], snap.batch_grads["C3.weight"]
    for o in range(16):
        for i in range(6):
            tile, gtile = view.tile("C3", o, i), view.tile("C3", o, i, "grad")
            if table[o, i]:
                np.testing.assert_array_equal(tile, w[o, i])
                np.testing.assert_array_equal(gtile, g[o, i])
            else:
                assert np.isnan(tile).all() and np.isnan(gtile).all()
    for o in range(6):
        np.testing.assert_array_equal(view.tile("C1", o, 0), snap.params["C1.weight"][o, 0])


@pytest.mark.parametrize("preset, layers, c3_maps", [
    ("lenet5", {"C1", "C3"}, 16), ("toolbox-cnn", {"C1", "C3"}, 12), ("simple-cnn", {"C1"}, 0)])
def test_kernels_for_other_presets(qtbot, dataset, rec, preset, layers, c3_maps):
    t = _trained(dataset, preset, batches=2)
    view = _show(qtbot, KernelsView(_ctx(t, rec)))
    s = _snap(t)
    view.update_snapshot(s)
    assert set(view.panels) == layers
    for o in range(c3_maps):
        for i in range(6):  # full connections: nothing blank
            np.testing.assert_array_equal(view.tile("C3", o, i), s.params["C3.weight"][o, i])


def test_kernels_fall_back_to_probe_gradient(qtbot, dataset, rec):
    t = Trainer(build_network("lenet5"), dataset, TrainConfig(epochs=1, batch_size=32))
    view = _show(qtbot, KernelsView(_ctx(t, rec)))
    s = _snap(t)
    assert not s.batch_grads
    view.update_snapshot(s)
    assert "probe" in view.source.text()
    assert np.isfinite(view.tile("C1", 0, 0, "grad")).all()
    assert np.abs(view.tile("C1", 0, 0, "grad")).max() > 0


def test_saliency_is_abs_gradient(qtbot, trainer, snap, rec):
    view = _show(qtbot, SaliencyView(_ctx(trainer, rec)))
    view.update_snapshot(snap)
    np.testing.assert_array_equal(view.saliency_array(), np.abs(snap.saliency))
    name = trainer.dataset.class_names[snap.prediction]
    assert f"'{name}'" in view.explain.text()
    assert view.images["overlay"].image.shape == (*snap.input.shape, 3)


def test_gradient_health_one_point_per_sample(qtbot, trainer, snap, rec):
    view = _show(qtbot, GradientHealthView(_ctx(trainer, rec)))
    view.update_snapshot(snap)
    health = snap.history.health
    n = len(health["step"])
    assert n >= 2
    layers = [k.split("/")[1] for k in health if k.startswith("delta_u/")]
    assert set(view.curves["delta_u"]) == set(layers)
    assert set(view.curves["update_ratio"]) == {
        k.split("/")[1] for k in health if k.startswith("update_ratio/")}
    for kind, curves in view.curves.items():
        for layer, item in curves.items():
            x, y = item.getOriginalDataset()
            assert len(x) == n
            np.testing.assert_allclose(y, health[f"{kind}/{layer}"])


@pytest.mark.parametrize("preset", ["lenet5-1998", "lenet5"])
def test_gradient_check_in_background(qtbot, dataset, rec, preset, trainer):
    t = trainer if preset == "lenet5-1998" else _trained(dataset, preset, batches=5)
    view = _show(qtbot, GradientCheckView(_ctx(t, rec)))
    s = _snap(t, 3)
    view.update_snapshot(s)
    assert view.button.isEnabled()
    QTest.mouseClick(view.button, Qt.MouseButton.LeftButton)
    assert view.running and view.busy.isVisible() and not view.button.isEnabled()
    qtbot.waitUntil(lambda: not view.running, timeout=30000)
    assert view.wait(5)
    assert view.error is None
    assert set(view.result) == set(s.params)
    rows = view.rows()
    assert len(rows) == len(s.params)
    for layer, _param, samples, err, verdict in rows:
        assert layer in s.layer_names
        assert int(samples) > 0
        assert float(err) < 1e-6 and verdict == "pass"
    assert view.checked_step == s.step
    assert f"step {s.step}" in view.status.text()


def test_unit_details_values_and_receptive_field(qtbot, trainer, snap, rec):
    view = _show(qtbot, UnitDetails(_ctx(trainer, rec)))
    view.update_snapshot(snap)
    view.show_unit("C3", 0, 0, 0)
    assert view.receptive_field == (0, 0, 13, 13)
    assert view.values == {
        "f": float(snap.activations["C3"][0, 0, 0]),
        "u": float(snap.pre_activations["C3"][0, 0, 0]),
        "delta_u": float(snap.delta_u["C3"][0, 0, 0]),
    }
    rect = view.field_rect.rect()
    assert (rect.left(), rect.top(), rect.width(), rect.height()) == (0, 0, 14, 14)
    # live: the same unit follows the next snapshot
    other = _snap(trainer, 5)
    view.update_snapshot(other)
    assert view.unit == ("C3", 0, 0, 0)
    assert view.values["f"] == float(other.activations["C3"][0, 0, 0])
    # a vector layer unit sees the whole input
    view.show_unit("F6", 7, 0, 0)
    assert view.receptive_field == (0, 0, 31, 31)
    assert view.values["delta_u"] == float(other.delta_u["F6"][7])
    assert not view.map_box.isVisible()


def test_set_context_switches_network(qtbot, dataset, rec, trainer, snap):
    view = _show(qtbot, KernelsView(_ctx(trainer, rec)))
    view.update_snapshot(snap)
    t = _trained(dataset, "simple-cnn", batches=1)
    view.set_context(_ctx(t, rec))
    view.update_snapshot(_snap(t))
    assert set(view.panels) == {"C1"}
    QTest.mouseMove(view, QPoint(10, 10))
