"""The timeline bar: scrubbing back shows the network of that step, Live returns, and a
checkpoint can carry the timeline."""

from __future__ import annotations

import numpy as np

from engine import RunState, load_checkpoint

WAIT_MS = 20000


def _train_steps(qtbot, window, steps: int) -> None:
    window.training._launch(steps=steps)
    qtbot.waitUntil(lambda: window.trainer.step_count >= steps
                    and window.trainer.state == RunState.PAUSED, timeout=WAIT_MS)
    window.timeline.poll()
    qtbot.waitUntil(lambda: len(window.timeline.bar.steps) > steps // 2, timeout=WAIT_MS)


def _same_params(snap_params, params) -> bool:
    return set(snap_params) == set(params) and all(
        np.array_equal(snap_params[k], params[k]) for k in params)


def test_scrubbing_shows_the_network_of_that_step_and_live_returns(qtbot, window):
    _train_steps(qtbot, window, 6)
    timeline = window.timeline.current()
    assert timeline is not None and timeline.steps[0] == 0
    window.timeline.bar.scrub_to(2)
    view = window.network_view
    qtbot.waitUntil(lambda: view.snapshot is not None and view.snapshot.step == 2,
                    timeout=WAIT_MS)
    assert _same_params(view.snapshot.params, timeline.params_at(2))
    assert view.snapshot.batch_grads  # kernels' gradients: the probe's at that step
    assert window.curves.cursors[0].isVisible()
    # another tab shows the same old network
    kernels = next(v for v in window.insight_views if hasattr(v, "update_snapshot")
                   and v.title != view.objectName())
    window.show_view(kernels.title)
    qtbot.waitUntil(lambda: getattr(kernels, "snapshot", None) is not None
                    and kernels.snapshot.step == 2, timeout=WAIT_MS)
    window.tabs.setCurrentWidget(view)
    live_step = window.trainer.step_count
    window.timeline.bar.live.click()
    qtbot.waitUntil(lambda: view.snapshot.step == live_step, timeout=WAIT_MS)
    assert _same_params(view.snapshot.params, window.trainer.timeline.params_at(live_step))
    assert not window.curves.cursors[0].isVisible()


def test_the_timeline_survives_a_checkpoint(qtbot, window, tmp_path):
    _train_steps(qtbot, window, 5)
    dialog, box = window.timeline.save_dialog(str(tmp_path / "run.npz"))
    assert box is not None and "MB" in box.text()
    dialog.deleteLater()
    steps = window.timeline.current().steps
    path = window.save_checkpoint(tmp_path / "run.npz", include_timeline=True)
    assert path is not None and load_checkpoint(path).timeline is not None
    plain = window.save_checkpoint(tmp_path / "plain.npz")
    assert load_checkpoint(plain).timeline is None
    window.reset()
    assert window.timeline.current() is not None and len(window.timeline.current()) == 0
    assert window.load_checkpoint(path)
    assert window.timeline.bar.steps == steps
    window.timeline.bar.scrub_to(1)
    qtbot.waitUntil(lambda: window.network_view.snapshot.step == 1, timeout=WAIT_MS)
    assert _same_params(window.network_view.snapshot.params,
                        window.timeline.current().params_at(1))
