"""The hung-child watchdog's bookkeeping (engine.remote.watchdog), on a clock of our own:
what counts as an answer, what is allowed for how long, and a parent stopped itself."""

from __future__ import annotations

import pytest

from engine.remote.watchdog import FLOOR_RATE, MARGIN, PROGRESS, START, Watchdog

POLL = 0.25


def test_a_training_child_is_alive_while_any_message_comes() -> None:
    w = Watchdog(30.0, POLL)
    w.heard_from(10.0, step=5, running=True)
    assert w.silent_for(10.2, running=True) == pytest.approx(0.2)
    w.heard_from(10.4)  # any message
    assert w.silent_for(10.6, running=True) == pytest.approx(0.2)


def test_a_paused_child_owes_nothing() -> None:
    w = Watchdog(30.0, POLL)
    w.heard_from(1.0, step=5)
    for t in (1.2, 1.4, 1.6):
        assert w.silent_for(t, running=False) is None


def test_after_a_start_any_message_pays() -> None:
    w = Watchdog(30.0, POLL)
    w.asked(START, 0, 1.0)
    assert w.silent_for(1.2, running=False) == pytest.approx(0.2)
    w.heard_from(1.3, step=0)  # loaded paused: an idle snapshot of the same step
    assert w.silent_for(1.4, running=False) is None


def test_after_a_step_request_a_stale_snapshot_does_not_pay() -> None:
    w = Watchdog(30.0, POLL)
    w.asked(PROGRESS, 7, 1.0)
    w.heard_from(1.1, step=7)  # sent before the child saw the request
    assert w.silent_for(1.2, running=False) == pytest.approx(0.2)
    w.heard_from(1.3, step=8)  # the step was taken
    assert w.silent_for(1.4, running=False) is None


def test_a_running_snapshot_pays_and_a_pause_cancels() -> None:
    w = Watchdog(30.0, POLL)
    w.asked(PROGRESS, 7, 1.0)
    w.heard_from(1.1, step=7, running=True)
    assert w.owed is None
    w.asked(PROGRESS, 7, 2.0)  # resume, then pause at once: the child may never move
    w.cancel()
    assert w.silent_for(2.2, running=False) is None


def test_the_allowance_grows_with_the_work() -> None:
    w = Watchdog(30.0, POLL)
    assert w.allowance(10_064, 18_000.0) == 30.0  # a batch of 64 and 10k test images
    assert w.allowance(70_000, 1_100.0) == pytest.approx(MARGIN * 70_000 / 1_100)
    assert w.allowance(10_064, 0.0) == pytest.approx(MARGIN * 10_064 / FLOOR_RATE)
    assert w.allowance(10_064, 20.0) == w.allowance(10_064, 0.0)  # a rate read after a pause


def test_a_parent_that_was_stopped_itself_gives_the_child_a_fresh_start() -> None:
    w = Watchdog(30.0, POLL)
    w.heard_from(1.0, step=3, running=True)
    assert w.silent_for(1.25, running=True) == pytest.approx(0.25)
    # Ctrl+Z on both, `fg` 100 s later: the parent's own gap is not the child's silence
    assert w.silent_for(101.25, running=True) == 0.0
    w.asked(PROGRESS, 3, 101.5)
    assert w.silent_for(101.75, running=False) == pytest.approx(0.25)
    assert w.silent_for(200.0, running=False) == 0.0
