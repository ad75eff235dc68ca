"""The main window with its insight tabs, unit selection and export menu, offscreen."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from lenet_gui.insights import InsightView
from lenet_gui.window import file_actions

WAIT_MS = 20000
INSIGHT_TABS = ["Confusion matrix", "Mistakes", "Kernels", "Saliency", "Gradient health",
                "Gradient check", "Unit details", "Derivation"]


def _tabs(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def _train_here(window, steps: int) -> None:
    """Train without a worker thread (deterministic), then show the result."""
    for _ in range(steps):
        window.trainer.train_batch()
    window.render_now()


def test_insight_tabs_beside_the_network(window):
    assert _tabs(window) == ["Network", *INSIGHT_TABS]
    for title in INSIGHT_TABS:
        view = window.view(title)
        assert isinstance(view, InsightView)
        assert view.ctx.dataset is window.dataset
        assert view.ctx.network_config == window.net.config
        assert window.tabs.tabToolTip(window.tabs.indexOf(view))


def test_switching_renders_the_latest_snapshot_and_hidden_tabs_cost_nothing(qtbot, window):
    kernels = window.view("Kernels")
    health = window.view("Gradient health")
    before = kernels.render_count, health.render_count
    _train_here(window, 12)
    # the Network tab is in front: the insight views were never rendered
    assert (kernels.render_count, health.render_count) == before
    assert window.network_view.snapshot is window.latest
    window.show_view("Kernels")
    qtbot.waitUntil(lambda: kernels.render_count > before[0], timeout=WAIT_MS)
    assert kernels.snapshot is window.latest
    np.testing.assert_allclose(kernels.tile("C1", 0, 0, "weight"),
                               window.latest.params["C1.weight"][0, 0])
    # now the network view is hidden: new snapshots do not reach it
    frames = window.network_view.frames
    _train_here(window, 1)
    assert window.network_view.frames == frames
    assert kernels.snapshot is window.latest
    window.show_view("Network")
    assert window.network_view.frames == frames + 1
    assert window.network_view.snapshot is window.latest


def test_input_column_shows_its_own_sensitivity(window):
    _train_here(window, 3)
    snap = window.network_view.snapshot
    assert snap.input_delta is not None
    shown = window.network_view.image_array("input", "delta")
    np.testing.assert_allclose(shown, snap.input_delta, rtol=1e-6)
    cell = window.network_view.cells[("input", "delta")]
    assert cell.diverging and "&part;J/&part;x" in cell.scale_label.text
    text = window.network_view.describe("input", 0, 10, 12)
    assert f"{float(snap.input_delta[10, 12]):.3e}" in text


@pytest.mark.parametrize("layer, index, r, c", [("C3", 5, 3, 4), ("S2", 1, 6, 2),
                                                ("F6", 17, 0, 0)])
def test_clicking_a_unit_fills_unit_details_and_outlines_its_receptive_field(
        qtbot, window, layer, index, r, c):
    _train_here(window, 5)
    view = window.network_view
    snap = view.snapshot
    pos = view.graphics.mapFromScene(view.scene_pos_of(layer, "act", index, r, c))
    QTest.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(pos.x(), pos.y()))
    qtbot.waitUntil(lambda: view.selection is not None, timeout=WAIT_MS)
    assert view.selection == (layer, index, r, c)
    details = window.unit_details
    assert details.unit == (layer, index, r, c)
    key = (index, r, c) if snap.activations[layer].ndim == 3 else (index,)
    assert details.values["f"] == pytest.approx(float(snap.activations[layer][key]))
    assert details.values["u"] == pytest.approx(float(snap.pre_activations[layer][key]))
    assert details.values["delta_u"] == pytest.approx(float(snap.delta_u[layer][key]))
    rf = window.net.receptive_field(layer, r, c)
    assert details.receptive_field == rf == view.receptive_field
    top, left, bottom, right = rf
    for row in ("act", "delta"):  # outlined on the input and on its sensitivity
        marker = view.cells[("input", row)].marker
        assert marker.isVisible()
        rect = marker.rect()
        assert (rect.left(), rect.top()) == (left, top)
        assert (rect.width(), rect.height()) == (right - left + 1, bottom - top + 1)
    assert view.cells[(layer, "act")].marker.isVisible()
    # the enlarged map says the same numbers
    dlg = view.dialogs[-1]
    qtbot.addWidget(dlg)
    assert (dlg.layer, dlg.index, dlg.unit) == (layer, index, (r, c))
    assert "u = " in dlg.info.text() and "δu" in dlg.info.text()
    # a second click reuses the one dialog
    view.click_unit(layer, index, 0, 0)
    assert len(view.dialogs) == 1
    view.clear_selection()
    assert not view.cells[("input", "act")].marker.isVisible()
    dlg.close()


def test_click_output_unit(window):
    view = window.network_view
    view.click_unit("F7", 3, 0, 0)
    assert window.unit_details.unit == ("F7", 3, 0, 0)
    assert window.unit_details.values["f"] == pytest.approx(
        float(view.snapshot.activations["F7"][3]))
    assert all(m.isVisible() for m in view.output.markers)
    for dlg in list(view.dialogs):
        dlg.close()


def test_evaluation_without_and_with_a_worker(qtbot, window):
    confusion = window.show_view("Confusion matrix")
    assert confusion.stack.currentIndex() == 0  # nothing evaluated yet
    window.request_evaluation()  # no worker: on a thread of its own
    qtbot.waitUntil(lambda: confusion.stack.currentIndex() == 1, timeout=WAIT_MS)
    ev = window.latest.evaluation
    assert ev is not None and ev.step == 0
    np.testing.assert_array_equal(confusion.counts(), ev.confusion())
    window.step()  # a worker, paused after one batch
    qtbot.waitUntil(lambda: window.latest.step == 1, timeout=WAIT_MS)
    confusion.refresh_button.click()  # the trainer evaluates in the training thread
    qtbot.waitUntil(lambda: window.latest.evaluation is not None
                    and window.latest.evaluation.step == 1, timeout=WAIT_MS)
    # mid-epoch: numbered as the progress bar numbers it, not "after epoch 0"
    qtbot.waitUntil(lambda: "at step 1, " in confusion.heading.text(), timeout=WAIT_MS)
    assert "% into epoch 1)" in confusion.heading.text()


def test_gallery_click_probes_and_returns(qtbot, window, small_dataset):
    window.trainer.evaluate()
    window.render_now()
    mistakes = window.show_view("Mistakes")
    assert mistakes.indices.size > 0
    mistakes.gallery.activate(0)
    index = int(mistakes.indices[0])
    assert window.probe_index == index
    assert window.tabs.currentWidget() is window.network_view
    assert window.network_view.snapshot.label == int(small_dataset.test_labels[index])
    assert f"test image {index + 1} of" in window.probe_bar.label.text()
    assert window.probe_bar.back.isVisible() and "Mistakes" in window.probe_bar.back.text()
    window.probe_bar.back.click()
    assert window.tabs.currentWidget() is mistakes
    assert not window.probe_bar.back.isVisible()


def test_context_follows_reset_to_another_preset(window):
    window.controls.preset.setCurrentIndex(window.controls.preset.findData("simple-cnn"))
    window.reset()
    for title in INSIGHT_TABS:
        assert window.view(title).ctx.network_config == window.net.config
    kernels = window.show_view("Kernels")
    assert set(kernels.panels) == {"C1"}
    window.show_view("Network")
    assert window.network_view.image_array("input", "delta").shape == (28, 28)


def test_export_menu_writes_files(qtbot, window, tmp_path, monkeypatch):
    _train_here(window, 4)
    menus = {a.text().replace("&", ""): a for a in window.menuBar().actions()}
    file_texts = [a.text() for a in menus["File"].menu().actions()]
    view_texts = [a.text() for a in menus["View"].menu().actions()]
    assert "Export history as &CSV…" in file_texts and "Write &report…" in file_texts
    assert "Export current view as &PNG…" in view_texts

    csv_path = tmp_path / "run.csv"
    monkeypatch.setattr(file_actions.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(csv_path), "")))
    window.actions_by_name["export_csv"].trigger()
    rows = list(csv.reader(csv_path.read_text().splitlines()))
    assert rows[0] == ["step", "epoch", "loss"] and len(rows) == 1 + 4
    assert (tmp_path / "run_epochs.csv").exists()

    png = tmp_path / "view.png"
    monkeypatch.setattr(file_actions.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(png), "")))
    window.show_view("Kernels")
    window.actions_by_name["export_png"].trigger()
    data = png.read_bytes()
    assert data[:4] == b"\x89PNG"
    width = int.from_bytes(data[16:20], "big")
    assert width == window.view("Kernels").width()

    report = tmp_path / "report"
    report.mkdir()
    monkeypatch.setattr(file_actions.QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(report)))
    assert window.trainer.evaluation is None  # so the report evaluates the test set first
    window.actions_by_name["report"].trigger()
    qtbot.waitUntil(lambda: (report / "README.txt").exists(), timeout=20000)
    names = {p.name for p in report.iterdir()}
    assert {"curves.png", "network_view.png", "history.csv", "confusion_matrix.png",
            "confusion_matrix.csv"} <= names
    rows = list(csv.reader((report / "confusion_matrix.csv").read_text().splitlines()))
    counts = np.array([[int(v) for v in row[1:]] for row in rows[1:]])
    assert counts.shape == (10, 10) and counts.sum() == len(window.dataset.test_labels)
    assert np.trace(counts) == round(window.trainer.evaluation.accuracy * counts.sum())


def test_export_error_is_shown_and_nothing_is_lost(window, tmp_path):
    _train_here(window, 2)
    assert window.export_history(tmp_path / "missing" / "h.csv") is None
    assert window.banner.isVisible() and "missing" in window.banner.text()
    assert window.export_view(tmp_path / "nowhere" / "v.png") is None
    assert window.trainer.step_count == 2
    assert not (tmp_path / "missing").exists() and not (tmp_path / "nowhere").exists()
