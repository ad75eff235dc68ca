"""`snapshot_of`: a snapshot of a network rebuilt from the timeline equals the snapshot the
trainer took at that step, for the same probe."""

from __future__ import annotations

import numpy as np
from engine_helpers import tiny_dataset

from engine import Timeline, TrainConfig, Trainer, build_network, snapshot_of


def test_a_network_rebuilt_from_the_timeline_gives_the_trainers_snapshot():
    ds = tiny_dataset()
    net = build_network("lenet5", dtype=np.float32, seed=0)
    trainer = Trainer(net, ds, TrainConfig(batch_size=8, epochs=1), timeline=Timeline())
    probe = ds.test_images[0] if ds.test_images.ndim == 2 else None
    x = np.zeros((32, 32), np.float32) if probe is None else probe
    x = np.asarray(trainer.snapshot(x, 1).input)
    for _ in range(3):
        trainer.train_batch()
    live = trainer.snapshot(x, 1)
    timeline = trainer.timeline
    assert timeline is not None and 3 in timeline.steps
    old = snapshot_of(timeline.network_at(3, net.config), x, 1, like=live, step=3,
                      lr=timeline.at(3).lr)
    assert old.step == 3 and old.history is live.history and old.state == live.state
    for name in live.activations:
        assert np.array_equal(old.activations[name], live.activations[name])
        assert np.array_equal(old.delta_u[name], live.delta_u[name])
    assert all(np.array_equal(old.params[k], live.params[k]) for k in live.params)
    assert np.array_equal(old.probabilities, live.probabilities)
    assert set(old.batch_grads) == set(net.params) and not old.params["C1.weight"].flags.writeable
    earlier = snapshot_of(timeline.network_at(1, net.config), x, 1, like=live, step=1, lr=0.1)
    assert not np.array_equal(earlier.params["C1.weight"], live.params["C1.weight"])
