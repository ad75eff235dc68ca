"""RenderScheduler: when the window shows the newest snapshot (times are given, not read)."""

from __future__ import annotations

from types import SimpleNamespace

from engine import RunState
from lenet_gui.render_scheduler import MIN_FRAME_S, PAD_INTERVAL, TEXT_INTERVAL, RenderScheduler


def snap(step: int, state: RunState = RunState.RUNNING) -> SimpleNamespace:
    return SimpleNamespace(step=step, state=state)  # all the scheduler reads


def test_a_new_snapshot_is_shown_once():
    s = RenderScheduler()
    assert s.next_frame(10.0) is None  # nothing yet
    first = snap(1, RunState.PAUSED)
    s.show(first)
    assert s.next_frame(10.0) is first
    assert s.next_frame(10.0) is None  # shown: not again
    assert s.redraw() and s.next_frame(10.0) is first  # a tab became visible


def test_while_training_frames_are_throttled_and_the_newest_wins():
    s = RenderScheduler()
    s.show(snap(1))
    assert s.next_frame(10.0) is not None
    s.show(snap(2))
    assert s.next_frame(10.0 + MIN_FRAME_S / 2) is None  # too soon: stays due
    newest = snap(3)
    s.show(newest)
    assert s.next_frame(10.0 + MIN_FRAME_S) is newest


def test_when_not_training_every_snapshot_is_shown_at_once():
    s = RenderScheduler()
    s.show(snap(1, RunState.PAUSED))
    assert s.next_frame(10.0) is not None
    stopped = snap(1, RunState.STOPPED)
    s.show(stopped)
    assert s.next_frame(10.0) is stopped


def test_text_and_pad_follow_at_their_own_rates():
    s = RenderScheduler()
    assert s.text_due(snap(1), 10.0)
    assert not s.text_due(snap(2), 10.0 + TEXT_INTERVAL / 2)
    assert s.text_due(snap(2, RunState.PAUSED), 10.0 + TEXT_INTERVAL / 2)  # not running
    assert s.pad_due(snap(1), 10.0)
    assert not s.pad_due(snap(1), 10.0 + PAD_INTERVAL)  # the same step: same weights
    assert not s.pad_due(snap(2), 10.0 + PAD_INTERVAL / 2)
    assert s.pad_due(snap(2), 10.0 + PAD_INTERVAL)
    assert s.pad_due(snap(3, RunState.FINISHED), 10.0 + PAD_INTERVAL)  # a run's last weights


def test_no_snapshot_nothing_to_redraw():
    assert not RenderScheduler().redraw()
