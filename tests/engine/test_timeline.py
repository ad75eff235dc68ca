"""The timeline: weights recorded along a run within a memory budget, the same whether the
run trains in-process or in a child process, and kept in checkpoints."""

from __future__ import annotations

import numpy as np
import pytest
from engine_helpers import tiny_dataset

from engine import (
    CheckpointError,
    ConfigError,
    RemoteTrainer,
    RunState,
    Timeline,
    TrainConfig,
    Trainer,
    TrainingProcess,
    build_network,
    load_checkpoint,
    load_network,
    preprocess,
    save_checkpoint,
    timeline_checkpoint_bytes,
)
from engine.training import TimelineFeed
from engine.training.timeline import _kept, kept_count

ENTRY = 61_706 * 4  # bytes of one lenet5 float32 entry


def tiny_params(n: int = 10) -> dict[str, np.ndarray]:
    return {"w": np.zeros(n, np.float32)}


def fill(timeline: Timeline, steps: range) -> tuple[int, int]:
    """Offer every step (as a trainer does): (the most bytes held at any time, the last
    step recorded)."""
    params = tiny_params()
    most = last = 0
    for s in steps:
        params["w"][0] = s  # to tell the entries apart
        if timeline.record(s, params, 0.1, float(s)):
            most, last = max(most, timeline.nbytes), s
    return most, last


@pytest.mark.parametrize("entries", [2, 3, 5, 40, 1000])
def test_a_long_run_stays_within_the_budget_and_keeps_first_and_latest(entries):
    t = Timeline(budget=entries * 40)  # 10 float32 = 40 bytes an entry
    most, last = fill(t, range(200_000))
    assert most <= t.budget
    steps = t.steps
    assert steps[0] == 0 and steps[-1] == last and len(steps) <= entries
    for s in t.steps:
        assert t.params_at(s)["w"][0] == s and t.at(s).loss == s


def test_dense_early_sparser_later():
    t = Timeline(budget=200 * 40)
    fill(t, range(20_000))
    steps = np.array(t.steps)
    assert len(steps) > 100
    gaps = np.diff(steps)
    assert gaps[0] == 1 and (np.diff(gaps) >= 0).all()  # spacing only grows
    assert gaps[-1] > 100


def test_late_steps_are_not_copied():
    t = Timeline(budget=20 * 40)
    fill(t, range(10_000))
    wanted = sum(t.schedule.wants(s) for s in range(10_000, 20_000))
    assert wanted < 10  # the hot path skips almost every late step


@pytest.mark.parametrize("level", range(0, 9))
def test_kept_count_counts_what_the_spacing_keeps(level):
    for last in (0, 1, 2, 3, 17, 255, 256, 511, 1000, 4097):
        assert kept_count(last, level) == sum(_kept(s, level) for s in range(last + 1))


@pytest.mark.parametrize("total", [50, 2_000, 18_760])
def test_a_planned_run_is_never_thinned_and_copies_only_what_it_keeps(total):
    """A timeline spaced for the run's length before its first entry: every step it copies
    stays to the end (nothing is copied to be thrown away), within the budget."""
    budget = 300 * 40
    planned, unplanned = Timeline(budget), Timeline(budget)
    planned.plan_run(total, 40)
    copied = []
    params = tiny_params()
    for s in range(total + 1):
        if planned.record(s, params, 0.1, 0.0, force=s == total):
            copied.append(s)
        unplanned.record(s, params, 0.1, 0.0, force=s == total)
    assert planned.nbytes <= budget
    assert list(planned.steps) == copied  # nothing thinned away
    assert planned.steps[0] == 0 and planned.steps[-1] == total
    assert len(planned.steps) >= len(unplanned.steps) // 2  # as dense, within a level


def test_a_trainer_spaces_its_timeline_for_the_run(small_dataset):
    net = build_network("lenet5", seed=0)
    tr = Trainer(net, small_dataset, TrainConfig(epochs=40, batch_size=8),
                 timeline=Timeline(40 * ENTRY))
    level = tr.timeline.plan().level
    assert kept_count(tr.total_steps, level) + 1 <= 40 < kept_count(tr.total_steps, level + 1)


def test_the_budget_must_be_positive():
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ConfigError):
            Timeline(budget=bad)


def test_nearest_and_read_only_params():
    t = Timeline()
    for s in (0, 4, 10):
        t.record(s, tiny_params(), 0.1, 0.0)
    assert [t.nearest(s) for s in (-3, 2, 3, 7, 8, 99)] == [0, 0, 4, 4, 10, 10]
    with pytest.raises(ValueError):
        t.params_at(4)["w"][0] = 1.0
    assert Timeline().nearest(5) is None
    with pytest.raises(LookupError):
        Timeline().at(0)


def test_recording_an_earlier_step_starts_a_branch():
    t = Timeline()
    fill(t, range(10))
    t.record(4, tiny_params(), 0.1, 0.0)
    assert t.steps == (0, 1, 2, 3, 4)


def test_a_feed_and_its_mirror_decide_alike():
    """A child's TimelineFeed sends every entry; the mirror thins them itself."""
    direct, mirror = Timeline(budget=7 * 40), Timeline(budget=7 * 40)
    feed = TimelineFeed(mirror.plan())
    params = tiny_params()
    for s in range(5_000):
        params["w"][0] = s
        direct.record(s, params, 0.1, 0.0)
        feed.record(s, params, 0.1, 0.0)
        if s % 13 == 0:  # a snapshot now and then
            mirror.extend(feed.take())
    mirror.extend(feed.take())
    assert mirror.steps == direct.steps == tuple(feed.schedule.steps)
    for s in direct.steps:
        assert mirror.params_at(s)["w"][0] == s


def train(trainer: Trainer, steps: int) -> None:
    for _ in range(steps):
        trainer.train_batch()


def test_a_trainer_records_its_first_weights_and_every_early_step(small_dataset):
    net = build_network("lenet5", seed=0)
    start = {k: v.copy() for k, v in net.params.items()}
    tr = Trainer(net, small_dataset, TrainConfig(epochs=1, batch_size=32), timeline=Timeline())
    train(tr, 5)
    assert tr.timeline.steps == (0, 1, 2, 3, 4, 5)
    for k, v in start.items():
        np.testing.assert_array_equal(tr.timeline.params_at(0)[k], v)
    assert np.isnan(tr.timeline.at(0).loss)
    assert tr.timeline.at(3).loss == pytest.approx(float(tr.history.batch_loss[2]))
    assert tr.timeline.params_at(5)["C1.weight"].dtype == np.float32
    assert Trainer(build_network("lenet5"), small_dataset).timeline is None


def test_the_network_at_a_recorded_step_is_the_checkpoint_of_that_step(small_dataset, tmp_path):
    tr = Trainer(build_network("lenet5", seed=2), small_dataset,
                 TrainConfig(epochs=1, batch_size=32, augment=True), timeline=Timeline())
    train(tr, 7)
    path = save_checkpoint(tmp_path / "step7", tr.net, step=tr.step_count)
    train(tr, 5)
    x = preprocess(small_dataset.test_images[:16], 32)
    rebuilt = tr.timeline.network_at(7, tr.net.config)
    saved = load_network(path)
    np.testing.assert_array_equal(rebuilt.forward(x).probs, saved.forward(x).probs)
    assert not np.array_equal(tr.net.forward(x).probs, saved.forward(x).probs)


def test_checkpoints_keep_the_timeline(small_dataset, tmp_path):
    tr = Trainer(build_network("lenet5"), small_dataset, TrainConfig(epochs=3, batch_size=32),
                 timeline=Timeline(budget=6 * ENTRY))
    train(tr, 12)
    plain = save_checkpoint(tmp_path / "plain", tr.net)
    path = save_checkpoint(tmp_path / "run", tr.net, timeline=tr.timeline)
    added = path.stat().st_size - plain.stat().st_size
    assert abs(timeline_checkpoint_bytes(tr.timeline) - added) < 1024
    assert load_checkpoint(plain).timeline is None
    back = load_checkpoint(path).timeline
    assert back.steps == tr.timeline.steps and back.budget == tr.timeline.budget
    for s in back.steps:
        assert back.at(s).lr == tr.timeline.at(s).lr
        for k, v in tr.timeline.params_at(s).items():
            np.testing.assert_array_equal(back.params_at(s)[k], v)
    # a resumed run records on exactly as the original goes on
    train(tr, 30)
    for s in range(13, 43):
        back.record(s, tr.net.params, 0.1, 0.0)
    assert back.steps == tr.timeline.steps


def test_a_damaged_timeline_is_a_checkpoint_error(small_dataset, tmp_path):
    tr = Trainer(build_network("lenet5"), small_dataset, TrainConfig(epochs=1, batch_size=32),
                 timeline=Timeline())
    train(tr, 2)
    other = Timeline()
    other.record(0, tiny_params(), 0.1, 0.0)
    path = save_checkpoint(tmp_path / "bad", tr.net, timeline=other)
    with pytest.raises(CheckpointError, match="another network"):
        load_checkpoint(path)
    with np.load(save_checkpoint(tmp_path / "ok", tr.net, timeline=tr.timeline)) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["timeline/lr"] = arrays["timeline/lr"][:1]
    np.savez(tmp_path / "short.npz", **arrays)
    with pytest.raises(CheckpointError, match="timeline"):
        load_checkpoint(tmp_path / "short.npz")


def test_the_remote_mirror_equals_the_in_process_timeline():
    data = tiny_dataset(n_train=320, n_test=32)
    config = TrainConfig(epochs=3, batch_size=16, seed=4)  # 60 steps
    budget = 9 * ENTRY  # thinned several times, across snapshots

    local = Trainer(build_network("lenet5", seed=1), data, config, timeline=Timeline(budget))
    while not local.done:
        local.train_batch()

    parent = Trainer(build_network("lenet5", seed=1), data, config, timeline=Timeline(budget))
    process = TrainingProcess()
    process.start()
    try:
        remote = RemoteTrainer(parent, process, interval=0.0)
        seen = []
        remote.start()
        state = remote.run(on_snapshot=lambda s: seen.append(len(remote.timeline)))
        remote.close()
    finally:
        process.close()
    assert state == RunState.FINISHED
    assert max(seen) > 0  # scrubbable while the child trained
    assert remote.timeline.steps == local.timeline.steps
    assert local.timeline.steps[0] == 0 and local.timeline.steps[-1] == 60  # the run's end
    assert len(local.timeline) <= 9
    assert parent.timeline is remote.timeline  # the parent's trainer took the mirror over
    for s in local.timeline.steps:
        a, b = local.timeline.at(s), remote.timeline.at(s)
        assert (a.lr, a.step) == (b.lr, b.step)
        np.testing.assert_equal(a.loss, b.loss)
        for k, v in a.params.items():
            np.testing.assert_array_equal(b.params[k], v)
