"""The derivation tab in the real window: every layer kind checked against the engine, the
replay order, what-if against a new forward pass, export, the seeds' worked examples."""

from __future__ import annotations

import dataclasses
import re
from html import unescape

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from engine import RunState, seed003_example
from lenet_gui.derivation.html_parts import within
from lenet_gui.derivation.latex import inline_tex
from lenet_gui.insights import DerivationView

WAIT_MS = 20000
NO_PEN = Qt.PenStyle.NoPen


def _trained_window(make_window, preset: str | None = None, steps: int = 3):
    window = make_window() if preset is None else make_window(preset=preset)
    for _ in range(steps):  # no worker thread: deterministic
        window.trainer.train_batch()
    window.render_now()
    return window


def _derivation_tab(window) -> DerivationView:
    view = window.show_view("Derivation")
    assert isinstance(view, DerivationView)
    window.render_now()
    return view


def _select(window, layer: str, index: int, r: int = 0, c: int = 0) -> None:
    window.network_view.click_unit(layer, index, r, c)
    for dlg in list(window.network_view.dialogs):
        dlg.close()


def _a_unit(spec) -> tuple[int, int, int]:
    """A unit away from the corner (and map 1, so not just map 0)."""
    n = spec.out_shape[0]
    if not spec.is_map:
        return min(3, n - 1), 0, 0
    h, w = spec.out_shape[1:]
    return min(1, n - 1), h // 2, (w - 1) // 3


@pytest.mark.parametrize("preset", [None, "lenet5-1998"])  # max-pool + full C3; 1998
def test_every_layer_kind_shows_a_derivation_within_tolerance(make_window, preset):
    window = _trained_window(make_window, preset)
    view = _derivation_tab(window)
    kinds = set()
    for spec in window.net.layers:
        index, r, c = _a_unit(spec)
        _select(window, spec.name, index, r, c)
        d = view.derivation
        assert d is not None and d.layer == spec.name and d.index == index
        assert all(within(check) for check in d.checks), d.unit_label
        text = view.browser.toPlainText()
        assert d.unit_label in text and "engine" in text
        assert "✗" not in text  # every check on screen is marked as agreeing
        if d.params is not None:  # the optimiser's batch, labelled
            assert "for the batch the optimiser used" in text
        kinds.add(d.kind)
    if preset is None:
        assert {"max-pooling", "convolution", "output (softmax)"} <= kinds
    else:
        assert {"trainable subsampling", "convolution, 1998 table"} <= kinds


def test_c3_under_the_table_names_the_connected_maps(make_window):
    window = _trained_window(make_window, "lenet5-1998")
    view = _derivation_tab(window)
    _select(window, "C3", 6, 4, 4)
    assert view.derivation.forward.inputs_skipped
    assert "are not connected" in view.browser.toPlainText()
    _select(window, "S2", 0, 3, 3)  # S2 feeds C3: the full convolution, rotated kernels
    text = view.browser.toPlainText()
    assert "rot180(w)" in text and "do not read this map" in text


def test_backward_replay_reveals_layers_from_the_output_to_c1(make_window):
    window = _trained_window(make_window)
    view = _derivation_tab(window)
    _select(window, "C3", 2, 3, 3)
    net_view = window.network_view
    bar = view.replay_bar
    bar.restart()
    assert not net_view.cells[("C1", "delta")].image.isVisible()
    order = []
    while not bar.replay.at_end:
        stage = bar.step(1)
        order.append(stage.layer)
        for spec in window.net.layers:
            cell = net_view.cells.get((spec.name, "delta"))
            if cell is not None:
                assert cell.image.isVisible() == (spec.name in order), (stage.layer, spec.name)
                framed = cell.vb.border is not None and cell.vb.border.style() != NO_PEN
                assert framed == (spec.name == stage.layer)
            act = net_view.cells.get((spec.name, "act"))
            assert act is None or act.image.isVisible()  # a backward replay hides only δu
        assert view.derivation.layer == stage.layer
        assert "replay, stage" in view.browser.toPlainText()
    assert order == list(reversed(window.net.layer_names))
    assert order[-1] == "C1"
    bar.stop()
    assert all(cell.image.isVisible() for cell in net_view.cells.values())


def test_forward_replay_reveals_activations_from_c1(qtbot, make_window):
    window = _trained_window(make_window)
    view = _derivation_tab(window)
    _select(window, "F6", 0)
    bar = view.replay_bar
    bar.direction.setCurrentIndex(bar.direction.findData("forward"))
    first = bar.step(1)
    assert first.layer == "C1"
    assert window.network_view.cells[("C1", "act")].image.isVisible()
    assert not window.network_view.cells[("C3", "act")].image.isVisible()
    assert "Forward: u and f(u)" in view.browser.toPlainText()
    bar.play_button.setChecked(True)  # plays to the end, then stops itself
    bar.speed.setValue(10.0)
    assert bar.timer.isActive()
    qtbot.waitUntil(lambda: not bar.timer.isActive(), timeout=WAIT_MS)
    assert bar.replay.at_end and bar.replay.stage.layer == window.net.output_layer


def test_what_if_predicts_to_first_order_and_revert_is_bit_exact(make_window):
    window = _trained_window(make_window)
    view = _derivation_tab(window)
    _select(window, "C3", 1, 2, 2)
    panel = view.what_if
    assert panel.parameter.count() == 6 * 25 + 1  # the kernel's entries and the bias
    net = view.run.net
    before = {k: v.copy() for k, v in net.params.items()}
    # the weight with the largest gradient: a clear first-order effect
    grads = view.run.grads.params["C3.weight"][1]
    k, a, b = np.unravel_index(int(np.argmax(np.abs(grads))), grads.shape)
    panel.parameter.setCurrentIndex(panel.entries.index(("C3.weight", (1, int(k), int(a),
                                                                      int(b)))))
    panel.amount.setText("1e-4")
    result = panel.apply()
    assert result is not None and result.predicted != 0
    assert result.actual == pytest.approx(result.predicted, rel=1e-2)
    assert result.moved["C1"] == 0 and result.moved["S2"] == 0
    assert result.moved["C3"] > 0 and result.moved[window.net.output_layer] > 0
    assert "first-order prediction" in view.browser.toPlainText()
    assert not np.array_equal(net.params["C3.weight"], before["C3.weight"])
    panel.revert()
    assert "first-order prediction" not in view.browser.toPlainText()
    for name, value in before.items():
        assert np.array_equal(net.params[name], value), name
    # the training network's own weights were never touched
    snap = window.latest
    assert np.array_equal(window.trainer.net.params["C3.weight"], snap.params["C3.weight"])


def test_what_if_is_disabled_while_training_runs(make_window):
    window = _trained_window(make_window)
    view = _derivation_tab(window)
    _select(window, "F6", 2)
    assert view.what_if.apply_button.isEnabled()
    view.update_snapshot(dataclasses.replace(window.latest, state=RunState.RUNNING))
    assert not view.what_if.apply_button.isEnabled()
    assert view.what_if.apply() is None


def test_live_updates_are_throttled_but_follow(qtbot, make_window):
    window = _trained_window(make_window)
    view = _derivation_tab(window)
    _select(window, "C1", 0, 5, 5)
    running = dataclasses.replace(window.latest, state=RunState.RUNNING)
    view.update_snapshot(running)
    first = view.run
    newer = dataclasses.replace(running, step=running.step + 1)
    view.update_snapshot(newer)  # too soon after the last render: it waits
    assert view.run is first
    qtbot.waitUntil(lambda: view.runner.is_current(newer), timeout=WAIT_MS)


def test_export_writes_markdown_with_the_numbers(make_window, tmp_path):
    window = _trained_window(make_window)
    view = _derivation_tab(window)
    _select(window, "S2", 1, 4, 4)
    path = tmp_path / "derivation.md"
    view.export_markdown(path)
    text = path.read_text(encoding="utf-8")
    d = view.derivation
    assert text.startswith(f"# {d.unit_label}")
    assert f"{d.forward.u.recomputed:.6g}" in text
    assert f"{d.delta.delta_u.recomputed:.6g}" in text or "10^{" in text
    assert "$$" in text and r"\delta" in text


def test_worked_examples_show_the_seeds_slips(make_window):
    window = _trained_window(make_window, steps=0)
    view = _derivation_tab(window)
    dialog = view.open_examples()
    page = dialog.pages["seed003"].toPlainText()
    example = seed003_example()
    assert example.disagreements
    for step in example.disagreements:  # as shown: the $...$ notation as rich text
        shown = unescape(re.sub(r"<[^>]+>", "", inline_tex(step.note)))
        assert shown[:40] in page
    assert all(s.seed_text in page for s in example.steps if s.seed_text is not None)
    assert "Cbn" in dialog.pages["seed004"].toPlainText()
    assert "kron" in dialog.pages["seed000"].toPlainText()
    dialog.close()


def test_replay_keys_work_from_the_network_tab(qtbot, make_window):
    window = _trained_window(make_window)  # the Derivation tab never shown
    _select(window, "C3", 2, 3, 3)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    bar = window.derivation.replay_bar
    QTest.keyClick(window.network_view.graphics, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert bar.active and bar.replay.stage.layer == window.net.output_layer
    QTest.keyClick(window.network_view.graphics, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert bar.replay.stage.layer == window.net.layer_names[-2]
    assert window.network_view.cells[(window.net.layer_names[-2], "delta")].image.isVisible()
    assert not window.network_view.cells[("C1", "delta")].image.isVisible()
    view = _derivation_tab(window)  # shows the stage the replay is at
    assert view.derivation.layer == window.net.layer_names[-2]
    assert "replay, stage 2" in view.browser.toPlainText()
    bar.stop()
