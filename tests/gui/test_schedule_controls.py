"""Schedule and weight decay beside learning rate and momentum: they reach the trainer, are
remembered, and "lr now" explains itself."""

from __future__ import annotations

import pytest

from engine import SCHEDULES, TrainConfig

WAIT_MS = 30000


def test_schedule_and_weight_decay_reach_the_trainer(qtbot, window):
    controls = window.controls
    assert [controls.schedule.itemData(i) for i in range(controls.schedule.count())] == list(
        SCHEDULES)
    assert controls.schedule.currentData() == TrainConfig().schedule
    assert controls.weight_decay.value() == pytest.approx(TrainConfig().weight_decay)
    controls.schedule.setCurrentIndex(controls.schedule.findData("step"))
    controls.weight_decay.setValue(0.002)
    assert controls.train_config().schedule == "step"
    assert controls.train_config().weight_decay == pytest.approx(0.002)
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    assert window.trainer.config.schedule == "step"
    assert window.trainer.config.weight_decay == pytest.approx(0.002)
    for widget in (controls.schedule, controls.weight_decay):
        assert "Reset" in widget.toolTip()  # says when it applies


def test_lr_now_is_explained(qtbot, window):
    window.controls.lr.setValue(0.04)
    window.step()
    qtbot.waitUntil(lambda: window.trainer.step_count == 1, timeout=WAIT_MS)
    # the text is redrawn a few times a second: wait for the first after the step
    qtbot.waitUntil(lambda: "step 1" in window.controls.speed.text(), timeout=WAIT_MS)
    tip = window.controls.speed.toolTip()
    assert "lr now" in tip and "0.04" in tip and "schedule factor" in tip


def test_a_loaded_config_sets_the_controls(window):
    window.controls.set_train_config(TrainConfig(schedule="lecun1998", weight_decay=0.0))
    assert window.controls.schedule.currentData() == "lecun1998"
    assert window.controls.weight_decay.value() == 0.0


def test_schedule_and_weight_decay_are_remembered(make_window):
    first = make_window()
    first.controls.schedule.setCurrentIndex(first.controls.schedule.findData("constant"))
    first.controls.weight_decay.setValue(0.0001)
    first.close()
    second = make_window()
    assert second.controls.schedule.currentData() == "constant"
    assert second.controls.weight_decay.value() == pytest.approx(0.0001)
