"""Run B started beside a run A already under way (`engine.build_branch`): A is left alone,
B starts from A's initial weights, or from A's state now, or from its own weights."""

from __future__ import annotations

import numpy as np

from engine import (
    FROM_CURRENT,
    FROM_INITIAL,
    FROM_OWN,
    Timeline,
    TrainConfig,
    Trainer,
    build_branch,
    build_network,
    comparable_history,
    get_config,
    parse_change,
)

NET = get_config("lenet5")
TRAIN = TrainConfig(epochs=1, batch_size=32, seed=4, augment=True)


def _a(dataset, steps: int, budget: int = 2**26) -> Trainer:
    a = Trainer(build_network(NET, seed=TRAIN.seed), dataset, TRAIN, timeline=Timeline(budget))
    for _ in range(steps):
        a.train_batch()
    return a


def _train(trainer: Trainer, steps: int) -> None:
    for _ in range(steps):
        trainer.train_batch()


def _prefix(history, n: int) -> dict[str, np.ndarray]:
    """The per-batch arrays of the first `n` steps (and the health sampled in them)."""
    arrays = comparable_history(history)
    out = {k: v[:n] for k, v in arrays.items() if k.startswith("batch_")}
    steps = arrays.get("health/step")
    if steps is not None:
        keep = steps < n
        out.update({k: v[keep] for k, v in arrays.items() if k.startswith("health/")})
    return out


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert a.keys() == b.keys() and a
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


def test_b_from_a_s_initial_weights_retraces_a_bit_for_bit(small_dataset):
    a = _a(small_dataset, 12)
    before = comparable_history(a.history)
    initial = a.timeline.params_at(0)
    assert a.timeline.steps[0] == 0
    branch = build_branch(NET, a.config, parse_change(f"lr={a.config.lr}"), small_dataset,
                          initial=initial, timeline_budget=2**26)
    assert branch.start == FROM_INITIAL and branch.step == 0
    # B's first recorded weights are A's initial weights, before B took a step
    b = branch.b
    assert b.timeline.steps == (0,)
    for k, v in initial.items():
        np.testing.assert_array_equal(b.timeline.params_at(0)[k], v)
    _train(b, 12)
    assert a.step_count == 12  # A was left alone
    _same(comparable_history(a.history), before)
    _same(_prefix(a.history, 12), _prefix(b.history, 12))
    for k, v in a.net.params.items():
        np.testing.assert_array_equal(b.net.params[k], v)


def test_b_with_another_option_from_a_s_initial_weights(small_dataset):
    a = _a(small_dataset, 3)
    branch = build_branch(NET, a.config, parse_change("activation=sigmoid"), small_dataset,
                          initial=a.timeline.params_at(0))
    assert branch.start == FROM_INITIAL and branch.b.net.config.activation == "sigmoid"
    assert branch.b.timeline is None  # no budget given: nothing recorded
    for k, v in a.timeline.params_at(0).items():
        np.testing.assert_array_equal(branch.b.net.params[k], v)
    _train(branch.b, 3)
    assert not np.array_equal(branch.b.history.batch_loss, a.history.batch_loss)


def test_without_a_s_beginning_b_goes_on_from_a_s_state_now(small_dataset):
    a = _a(small_dataset, 7)
    state = a.export_state()
    branch = build_branch(NET, a.config, parse_change(f"lr={a.config.lr}"), small_dataset,
                          current=state, past=a.timeline)
    b = branch.b
    assert branch.start == FROM_CURRENT and branch.step == 7 == b.step_count
    # B's past is A's: its timeline holds A's recorded weights up to the step it starts at
    assert b.timeline.steps[-1] == 7 and set(b.timeline.steps) <= set(a.timeline.steps) | {7}
    for k, v in a.timeline.params_at(3).items():
        np.testing.assert_array_equal(b.timeline.params_at(3)[k], v)
    _train(a, 5)
    _train(b, 5)  # equal options, the same optimiser state and batch order: the same steps
    _same(_prefix(a.history, 12), _prefix(b.history, 12))
    for k, v in a.net.params.items():
        np.testing.assert_array_equal(b.net.params[k], v)


def test_a_larger_batch_goes_on_after_the_same_images(small_dataset):
    a = _a(small_dataset, 8)
    branch = build_branch(NET, a.config, parse_change("batch_size=64"), small_dataset,
                          current=a.export_state(), timeline_budget=2**26)
    assert branch.start == FROM_CURRENT and branch.step == 4  # 8 x 32 = 4 x 64 images
    assert branch.b.epoch_float == a.epoch_float
    assert branch.b.timeline.steps == (4,)


def test_b_takes_its_own_weights_when_they_cannot_be_shared(small_dataset):
    a = _a(small_dataset, 2)
    for text in ("subsampling=trainable", "init=lecun1998"):
        change = parse_change(text)
        branch = build_branch(NET, a.config, change, small_dataset,
                              initial=a.timeline.params_at(0))
        assert branch.start == FROM_OWN and branch.step == 0, text
        own = build_network(branch.b.net.config, seed=TRAIN.seed)
        for k, v in own.params.items():
            np.testing.assert_array_equal(branch.b.net.params[k], v)


def test_a_timeline_forks_up_to_a_step(small_dataset):
    a = _a(small_dataset, 9)
    fork = a.timeline.fork(upto=5)
    assert fork.steps == tuple(s for s in a.timeline.steps if s <= 5)
    assert fork.nbytes == len(fork) * a.timeline.at(0).nbytes
    assert len(a.timeline) == 10  # the original keeps all
