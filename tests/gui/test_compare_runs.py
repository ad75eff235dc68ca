"""Compare: "Compare with…" trains run B beside run A, each in its own process; the views
toggle between them; one run diverging leaves the other running."""

from __future__ import annotations

import numpy as np

from engine import RunState
from lenet_gui.window.compare_dialog import CompareDialog

WAIT_MS = 30000


def _b(window):
    return window.compare.trainer_b()


def _start(window, option: str, value: str) -> None:
    dialog = CompareDialog(window.controls.network_config(), window.controls.train_config())
    dialog.select(option, value)
    change = dialog.chosen()
    dialog.deleteLater()
    assert window.compare.start(change)


def test_compare_trains_two_runs_and_toggles_the_views(qtbot, window):
    _start(window, "activation", "sigmoid")
    assert window.compare.pair.b.net.config.activation == "sigmoid"
    qtbot.waitUntil(lambda: window.trainer.step_count >= 3 and _b(window).step_count >= 3,
                    timeout=WAIT_MS)
    assert window.worker.is_alive() and window.compare.worker_b.is_alive()
    assert window.compare.session_b.process is not window.training.session.process
    window.compare.set_showing("B")
    view = window.network_view
    qtbot.waitUntil(lambda: view.snapshot is not None
                    and "B" in window.compare.latest
                    and view.snapshot is window.compare.latest["B"], timeout=WAIT_MS)
    # the timeline scrubs the run shown; toggling keeps the step
    qtbot.waitUntil(lambda: len(_b(window).timeline) > 2, timeout=WAIT_MS)
    window.timeline.bar.scrub_to(1)
    qtbot.waitUntil(lambda: view.snapshot.step == 1, timeout=WAIT_MS)
    b_params = _b(window).timeline.params_at(1)
    assert all(np.array_equal(view.snapshot.params[k], b_params[k]) for k in b_params)
    window.compare.set_showing("A")
    a_params = window.trainer.timeline.params_at(1)
    qtbot.waitUntil(lambda: all(np.array_equal(view.snapshot.params[k], a_params[k])
                                for k in a_params), timeout=WAIT_MS)
    assert view.snapshot.step == 1
    # "Apply to: B" stops B only
    window.compare.bar.apply_to.setCurrentIndex(window.compare.bar.apply_to.findData("B"))
    window.stop()
    assert window.compare.worker_b is None and window.training.worker_alive()
    window.compare.end()
    assert not window.compare.active and window.compare.bar.isHidden()


def test_run_b_diverging_leaves_a_running(qtbot, window):
    _start(window, "lr", "1000")
    qtbot.waitUntil(lambda: window.compare.worker_b is None, timeout=WAIT_MS)
    assert window.compare.pair.b.state == RunState.DIVERGED
    assert window.banner.isVisible() and "Run B" in window.banner.text()
    step = window.trainer.step_count
    qtbot.waitUntil(lambda: window.trainer.step_count > step + 2, timeout=WAIT_MS)
    assert window.training.worker_alive() and window.trainer.state == RunState.RUNNING
