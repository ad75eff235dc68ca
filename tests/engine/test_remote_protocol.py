"""The wire protocol (engine.remote.protocol): frozen, picklable messages, and snapshots that
arrive as frozen as they left."""

from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pytest

from engine import RunState, TrainConfig, Trainer, build_network, preprocess
from engine.remote.protocol import (
    Control,
    ControlMsg,
    decode_snapshot,
    encode_snapshot,
)
from engine.training import HistoryLog


def test_messages_are_frozen_and_picklable():
    msg = ControlMsg(3, Control.LR, 0.01)
    with pytest.raises(dataclasses.FrozenInstanceError):
        msg.run = 4  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(msg))
    assert again == msg and again.name is Control.LR


def test_a_snapshot_survives_the_trip(small_dataset):
    t = Trainer(build_network("lenet5"), small_dataset, TrainConfig(epochs=1, batch_size=32))
    mirror = HistoryLog(t.history)
    sent = t.history_log.lengths()
    for _ in range(3):
        t.train_batch()
    t.evaluate()
    snap = t.snapshot(preprocess(small_dataset.test_images[1]), 2)
    msg = encode_snapshot(7, snap, t.base_lr, t.history_log.tail(sent), None)
    msg = pickle.loads(pickle.dumps(msg))
    got, evaluation = decode_snapshot(msg, mirror, None)
    assert got.state is RunState.READY and got.step == 3 and msg.run == 7
    np.testing.assert_array_equal(got.history.batch_loss, snap.history.batch_loss)
    assert got.history.epoch_test_acc == snap.history.epoch_test_acc
    for k, v in snap.params.items():
        np.testing.assert_array_equal(got.params[k], v)
        assert not got.params[k].flags.writeable
    assert not got.input.flags.writeable and not got.activations["C1"].flags.writeable
    assert evaluation is got.evaluation and evaluation is not None
    assert not evaluation.probabilities.flags.writeable
    # an evaluation already sent is not sent again
    assert encode_snapshot(7, snap, t.base_lr, t.history_log.tail(t.history_log.lengths()),
                           snap.evaluation).evaluation is None
