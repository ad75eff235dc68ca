"""Where in a run an evaluation or a snapshot was taken, in words (lenet_gui.run_texts):
epochs numbered as the progress bar numbers them, never "after epoch 0" mid-epoch."""

from __future__ import annotations

import numpy as np
import pytest

from engine import Evaluation
from lenet_gui.i18n import CHINESE, ENGLISH, install_language
from lenet_gui.run_texts import epoch_shown, evaluated_when


def _ev(step: int, epoch: int, progress: float) -> Evaluation:
    return Evaluation(step, epoch, np.full((2, 10), 0.1, np.float32), np.zeros(2, np.uint8),
                      progress)


def test_epoch_shown_is_the_progress_bars_number() -> None:
    assert epoch_shown(0, 20) == 1  # the first epoch, in progress
    assert epoch_shown(3, 20) == 4
    assert epoch_shown(20, 20) == 20  # done: the last one, not "21 of 20"
    assert epoch_shown(0, 0) == 1


@pytest.mark.parametrize(("ev", "text"), [
    (_ev(0, 0, 0.0), "before training"),
    (_ev(938, 1, 0.0), "after epoch 1, step 938"),
    (_ev(300, 0, 300 / 938), "at step 300, 32% into epoch 1"),
    (_ev(939, 1, 1 / 938), "at step 939, 1% into epoch 2"),  # not "0%"
    (_ev(1875, 1, 937 / 938), "at step 1875, 99% into epoch 2"),  # not "100%"
])
def test_evaluated_when(qapp, ev: Evaluation, text: str) -> None:
    assert evaluated_when(ev) == text


def test_evaluated_when_in_chinese(qapp) -> None:
    assert install_language(CHINESE) is None
    try:
        assert evaluated_when(_ev(300, 0, 300 / 938)) == "第 300 步，第 1 轮已完成 32%"
        assert evaluated_when(_ev(938, 1, 0.0)) == "第 1 轮后，第 938 步"
    finally:
        install_language(ENGLISH)
