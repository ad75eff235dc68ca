"""The main window, offscreen: opening, live training, controls, hover, files, settings."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from engine import RemoteTrainer, RunState, Trainer, default_lr, get_config
from lenet_gui.network_view.style import fmt

WAIT_MS = 15000
HANG_S = 60.0  # a guard against a hang, never a speed target


def _wait_step(qtbot, window, at_least: int) -> None:
    qtbot.waitUntil(lambda: window.network_view.snapshot is not None
                    and window.network_view.snapshot.step >= at_least, timeout=WAIT_MS)


def _wait_worker_done(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.worker is None, timeout=WAIT_MS)


def test_window_opens_ready_to_train(window, small_dataset):
    view = window.network_view
    names = [s.name for s in window.net.layers]
    assert names == ["C1", "S2", "C3", "S4", "C5", "F6", "F7"]
    assert ("C3", "act") in view.cells and ("C3", "delta") in view.cells
    assert "C3" in view.titles["C3"].text and "16@10x10" in view.titles["C3"].text
    assert window.trainer is not None and window.trainer.state == RunState.READY
    assert small_dataset.source in window.data_label.text()
    assert window.pretrained is not None  # the bundled weights, for the pad
    assert view.snapshot is not None and view.snapshot.label == int(small_dataset.test_labels[0])
    img = view.image_array("input")
    assert img.shape == (32, 32) and np.isfinite(img).all()
    for key in ("start", "pause", "step", "reset"):
        assert window.actions_by_name[key].shortcuts()


def test_training_steps_change_the_images(qtbot, window):
    view = window.network_view
    before = {k: view.image_array(*k) for k in [("C1", "act"), ("C3", "delta"), ("F6", "act")]}
    window.step()
    _wait_step(qtbot, window, 1)
    window.step()
    window.step()
    _wait_step(qtbot, window, 3)
    assert window.trainer.step_count == 3
    changed = [k for k, a in before.items()
               if not np.array_equal(np.nan_to_num(a), np.nan_to_num(view.image_array(*k)))]
    assert changed == list(before)
    assert len(window.curves.raw_curve.getData()[0]) == 3
    # stepping leaves the worker paused, not running
    qtbot.waitUntil(lambda: window.trainer.state == RunState.PAUSED, timeout=WAIT_MS)


def test_pause_resume_and_close_ends_the_training_thread(qtbot, window):
    window.start()
    _wait_step(qtbot, window, 3)
    start = window.actions_by_name["start"]
    assert start.text() == "&Start" and not start.isEnabled()  # running: nothing to resume
    window.toggle_pause()
    qtbot.waitUntil(lambda: window.trainer.state == RunState.PAUSED, timeout=WAIT_MS)
    step = window.trainer.step_count
    qtbot.wait(300)
    assert window.trainer.step_count == step
    # Start reads Resume; Pause stays Pause, shown pressed
    assert window.actions_by_name["start"].text() == "&Resume"
    assert window.actions_by_name["pause"].text() == "&Pause"
    assert window.actions_by_name["pause"].isChecked()
    window.toggle_pause()
    qtbot.waitUntil(lambda: window.trainer.step_count > step, timeout=WAIT_MS)
    worker = window.worker
    assert worker.is_alive()
    steps = window.trainer.config.epochs * len(window.dataset.train_labels)
    window.close()  # mid-run: the thread ends without finishing the epochs
    assert worker.join(HANG_S), "the training thread outlived the window"  # a guard only
    assert window.trainer.step_count * window.trainer.batch_size < steps


def test_the_view_updates_live_while_training(qtbot, window):
    """Frame after frame while the run goes on, each of a newer step (not one picture at
    the end). No rate is asserted: the >= 10 updates/s figure is measured by
    benchmarks/bench_gui.py on a quiet machine; a loaded CI runner varies."""
    window.start()
    _wait_step(qtbot, window, 1)
    seen: list[tuple[int, RunState]] = []

    def frame_of_a_newer_step() -> bool:
        snap = window.network_view.snapshot
        if snap is not None and (not seen or snap.step > seen[-1][0]):
            seen.append((snap.step, window.trainer.state))
        return len(seen) >= 5

    qtbot.waitUntil(frame_of_a_newer_step, timeout=HANG_S * 1000)  # a hang guard only
    window.stop()
    assert all(state == RunState.RUNNING for _step, state in seen), seen


def test_stop_ends_the_thread_and_start_continues(qtbot, window):
    window.start()
    _wait_step(qtbot, window, 2)
    worker = window.worker
    window.stop()
    assert not worker.is_alive() and window.worker is None
    step = window.trainer.step_count
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == step + 1, timeout=WAIT_MS)


def test_probe_selection(qtbot, window, small_dataset):
    window.move_probe(1)
    snap = window.network_view.snapshot
    assert snap.label == int(small_dataset.test_labels[1])
    assert "test image 2 of 500" in window.probe_bar.label.text()
    window.start()
    _wait_step(qtbot, window, 1)
    window.pause()
    window.set_probe_index(7)  # while the worker lives: it re-emits at once when paused
    qtbot.waitUntil(lambda: window.network_view.snapshot.label
                    == int(small_dataset.test_labels[7]), timeout=WAIT_MS)
    x = window.probe()[0]
    assert np.allclose(window.network_view.image_array("input"), x[0, 0])


def test_hover_reports_layer_map_position_and_value(qtbot, window):
    view = window.network_view
    snap = view.snapshot
    layer, index, r, c = "C3", 5, 3, 4
    pos = view.scene_pos_of(layer, "act", index, r, c)
    widget_pos = view.graphics.mapFromScene(pos)
    with qtbot.waitSignal(view.hoverText, timeout=3000) as blocker:
        QTest.mouseMove(view.graphics.viewport(), QPoint(widget_pos.x(), widget_pos.y()))
    text = blocker.args[0]
    act = float(snap.activations[layer][index, r, c])
    delta = float(snap.delta_u[layer][index, r, c])
    assert f"C3 map {index}" in text and f"(row {r}, col {c})" in text
    assert f"activation f(u) = {fmt(act)}" in text
    assert f"δu = {delta:.3e}" in text
    assert view.readout.text() == text
    # the same from the sensitivity row, and a vector unit
    hit = view.locate(view.scene_pos_of("C5", "delta", 17, 0, 0))
    assert hit == ("C5", "delta", 17, 0, 0)
    assert f"{float(snap.delta_u['C5'][17]):.3e}" in view.describe("C5", 17, 0, 0)


def test_click_enlarges_a_map(qtbot, window):
    view = window.network_view
    dlg = view.open_map("C1", 2)
    qtbot.addWidget(dlg)
    _plot, img, _bar = dlg.items["act"]
    assert np.allclose(img.image, view.snapshot.activations["C1"][2])
    _plot, img, _bar = dlg.items["delta"]
    assert np.allclose(img.image, view.snapshot.delta_u["C1"][2])
    dlg.close()


def test_colour_scale_per_map(window):
    view = window.network_view
    per_layer = view.image_array("C1", "act")
    window.probe_bar.scale.setCurrentIndex(window.probe_bar.scale.findData("map"))
    assert view.scale_mode == "map"
    per_map = view.image_array("C1", "act")
    finite = per_map[np.isfinite(per_map)]
    assert finite.min() >= 0 and finite.max() <= 1
    assert not np.array_equal(np.nan_to_num(per_layer), np.nan_to_num(per_map))


def test_learning_rate_and_momentum_reach_the_trainer(qtbot, window):
    window.controls.lr.setValue(0.0123)
    window.controls.momentum.setValue(0.5)
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    assert window.trainer.base_lr == pytest.approx(0.0123)
    assert window.trainer.momentum == pytest.approx(0.5)


@pytest.mark.parametrize("preset", ["lenet5", "toolbox-cnn"])  # softmax; sigmoid + MSE
def test_divergence_shows_a_message_and_reset_recovers(qtbot, window, preset):
    if preset != "lenet5":
        window.controls.preset.setCurrentIndex(window.controls.preset.findData(preset))
        window.reset()
    window.controls.lr.setValue(1000.0)
    window.start()
    qtbot.waitUntil(lambda: window.banner.isVisible() and "diverged" in window.banner.text(),
                    timeout=WAIT_MS)
    _wait_worker_done(qtbot, window)
    assert window.trainer.state == RunState.DIVERGED
    assert np.isfinite(window.network_view.snapshot.probe_loss)  # no garbage in the views
    window.controls.lr.setValue(0.05)
    assert window.banner.action_button.text() == "Reset"
    QTest.mouseClick(window.banner.action_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    assert window.trainer.state == RunState.READY and window.trainer.step_count == 0
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    assert np.isfinite(window.network_view.snapshot.probe_loss)


def test_corrupt_checkpoint_shows_an_error_and_keeps_the_network(window, tmp_path):
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"PK\x03\x04 this is not a checkpoint")
    net = window.net
    params = {k: v.copy() for k, v in net.params.items()}
    assert window.load_checkpoint(bad) is False
    assert window.banner.isVisible() and "broken.npz" in window.banner.text()
    assert window.net is net
    assert all(np.array_equal(params[k], v) for k, v in net.params.items())


def test_checkpoint_round_trip(qtbot, window, tmp_path):
    window.step()
    window.step()
    _wait_step(qtbot, window, 2)
    path = window.save_checkpoint(tmp_path / "run.npz")  # saved by the (paused) worker
    assert path is not None and path.exists()
    weights = window.network_view.snapshot.params["C1.weight"].copy()
    window.reset()
    assert window.trainer.step_count == 0
    assert window.load_checkpoint(path)
    assert window.trainer.step_count == 2
    assert np.array_equal(window.net.params["C1.weight"], weights)
    assert len(window.trainer.history.batch_loss) == 2


def test_load_pretrained_weights(window):
    window.load_pretrained_weights()
    assert window.net.config == window.pretrained.config
    assert np.array_equal(window.net.params["F7.weight"], window.pretrained.params["F7.weight"])
    # a finished run says so, rather than "ready" with a Start that does nothing
    assert "all 20 epochs done" in window.controls.state_label.text()


def test_checkpoint_with_a_damaged_history_changes_nothing(window, tmp_path):
    from engine import save_checkpoint

    path = save_checkpoint(tmp_path / "odd.npz", window.net, step=10,
                           history={"batch_loss": np.ones(10), "batch_epoch": np.ones(3)})
    trainer, net = window.trainer, window.net
    assert window.load_checkpoint(path) is False
    assert window.banner.isVisible() and "odd.npz" in window.banner.text()
    assert window.trainer is trainer and window.net is net


def test_a_history_the_app_cannot_rebuild_changes_nothing(qtbot, window, tmp_path,
                                                          monkeypatch):
    # the engine validates histories on load; should one still not rebuild, nothing changes
    window.step()
    _wait_step(qtbot, window, 1)
    path = window.save_checkpoint(tmp_path / "run.npz")
    from lenet_gui.window import file_actions

    def refuse(arrays):
        raise ValueError("series of different lengths")

    monkeypatch.setattr(file_actions.History, "from_arrays", staticmethod(refuse))
    trainer, net = window.trainer, window.net
    assert window.load_checkpoint(path) is False
    assert "series of different lengths" in window.banner.text()
    assert window.trainer is trainer and window.net is net


def test_reset_lays_out_another_preset(window):
    window.controls.preset.setCurrentIndex(window.controls.preset.findData("simple-cnn"))
    assert "Reset" in window.controls.pending_note.text()
    window.reset()
    assert [s.name for s in window.net.layers] == ["C1", "S2", "F3"]
    assert set(window.network_view.titles) == {"input", "C1", "S2", "F3"}
    assert window.network_view.image_array("input").shape == (28, 28)
    # the engine's learning rate for this network (never a copy of it in the GUI)
    assert window.controls.lr.value() == pytest.approx(default_lr(get_config("simple-cnn")))


def test_preferences_are_remembered(make_window, settings_dir):
    first = make_window()
    first.controls.preset.setCurrentIndex(first.controls.preset.findData("lenet5-1998"))
    first.controls.batch_size.setValue(32)
    first.controls.lr.setValue(0.02)
    first.controls.augment.setChecked(True)
    first.probe_bar.scale.setCurrentIndex(first.probe_bar.scale.findData("map"))
    first.close()
    assert list(settings_dir.iterdir())  # written in the private folder
    second = make_window()
    assert second.controls.preset.currentData() == "lenet5-1998"
    assert second.controls.network_config() == get_config("lenet5-1998")
    assert second.controls.batch_size.value() == 32
    assert second.controls.lr.value() == pytest.approx(0.02)
    assert second.controls.augment.isChecked()
    assert second.network_view.scale_mode == "map"


def test_missing_mnist_falls_back_to_builtin_and_says_so(qtbot, make_window, tmp_path,
                                                          monkeypatch):
    monkeypatch.setenv("LENET_GUI_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.delenv("LENET_DATA_DIR", raising=False)
    from lenet_gui.window import data_controller

    monkeypatch.setattr(data_controller.DataLoader, "builtin_kwargs",
                        {"n_train": 300, "n_test": 100})
    window = make_window(dataset=None, dataset_name="mnist")
    qtbot.waitUntil(lambda: window.dataset is not None, timeout=30000)
    assert window.dataset.name == "builtin"
    assert "MNIST" in window.banner.text() and "built-in" in window.banner.text()
    assert "built-in" in window.data_label.text()


def test_training_runs_in_a_child_process_that_is_reused(qtbot, window):
    import os

    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    worker = window.worker
    assert isinstance(worker.trainer, RemoteTrainer)  # not the in-thread fallback
    pid = window.process.pid
    assert pid is not None and pid != os.getpid()
    window.stop()
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 2, timeout=WAIT_MS)
    assert window.process.pid == pid


def test_a_killed_training_process_is_reported_and_training_goes_on(qtbot, window):
    import os
    import signal

    window.start()
    _wait_step(qtbot, window, 2)
    os.kill(window.process.pid, signal.SIGKILL)
    _wait_worker_done(qtbot, window)
    assert window.banner.kind == "error" and "ended unexpectedly" in window.banner.text()
    step = window.trainer.step_count
    assert step >= 2 and window.network_view.snapshot.step == step
    window.step()  # a new training process
    qtbot.waitUntil(lambda: window.trainer.step_count == step + 1, timeout=WAIT_MS)


def test_without_a_training_process_it_trains_in_a_thread(qtbot, make_window, monkeypatch):
    monkeypatch.setenv("LENET_GUI_TRAINING", "thread")
    window = make_window()
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    assert window.worker is None or isinstance(window.worker.trainer, Trainer)
    assert window.process is None
    window.start()
    _wait_step(qtbot, window, 3)
    window.stop()
    assert window.trainer.step_count >= 3


def test_a_preset_from_the_command_line_opens_cleanly(make_window):
    # the preset box changes before the network exists: no error, nothing "pending"
    window = make_window(preset="lenet5-1998")
    assert window.net.config == get_config("lenet5-1998")
    assert window.controls.network_config() == get_config("lenet5-1998")
    assert window.controls.pending_note.text() == ""
