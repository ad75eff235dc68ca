"""The trainer: reproducible, controllable from another thread, safe against divergence."""

import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from engine_helpers import HANG_GUARD, ROOT, returns, tiny_dataset

from engine import (
    ConfigError,
    RunState,
    TrainConfig,
    Trainer,
    build_network,
    preprocess,
)
from engine.training import frozen_evaluation


def make(dataset, **cfg):
    net = build_network(cfg.pop("preset", "lenet5"), seed=cfg.pop("net_seed", 0))
    return Trainer(net, dataset, TrainConfig(**{"epochs": 1, "batch_size": 32, **cfg}))


def test_same_seed_and_settings_give_the_same_weights(small_dataset):
    a, b = make(small_dataset, seed=1), make(small_dataset, seed=1)
    c = make(small_dataset, seed=2)
    for t in (a, b, c):
        for _ in range(6):
            t.train_batch()
    for k in a.net.params:
        np.testing.assert_array_equal(a.net.params[k], b.net.params[k])
    assert any(not np.array_equal(a.net.params[k], c.net.params[k]) for k in a.net.params)


def test_augmented_training_is_reproducible_too(small_dataset):
    a, b = make(small_dataset, augment=True), make(small_dataset, augment=True)
    for t in (a, b):
        for _ in range(3):
            t.train_batch()
    for k in a.net.params:
        np.testing.assert_array_equal(a.net.params[k], b.net.params[k])


def test_an_epoch_records_history_and_learns(small_dataset):
    t = make(small_dataset, epochs=3, lr=0.05)
    assert t.run() == RunState.FINISHED
    h = t.history
    assert len(h.batch_loss) == 3 * (640 // 32) == t.step_count
    assert len(h.epoch_test_acc) == len(h.epoch_train_acc) == 3
    assert np.all(np.diff(h.batch_epoch) > 0)
    assert h.epoch_test_acc[-1] > 0.5  # generated digits are learnable: far above 10% chance
    assert np.mean(h.batch_loss[-10:]) < np.mean(h.batch_loss[:10])
    acc, loss = t.evaluate()
    assert acc == pytest.approx(h.epoch_test_acc[-1])


def test_pause_step_resume_and_stop_from_another_thread():
    t = make(tiny_dataset(2048), epochs=50)
    worker = threading.Thread(target=t.run, daemon=True)
    worker.start()
    deadline = time.monotonic() + HANG_GUARD
    while t.step_count < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    t.pause()
    deadline = time.monotonic() + HANG_GUARD
    while t.state != RunState.PAUSED and time.monotonic() < deadline:
        time.sleep(0.01)
    assert t.state == RunState.PAUSED
    steps = t.step_count
    time.sleep(0.2)
    assert t.step_count == steps  # paused means paused
    t.request_step()
    deadline = time.monotonic() + HANG_GUARD
    while t.step_count == steps and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    assert t.step_count == steps + 1  # exactly one batch
    t.set_lr(0.0123)
    t.set_momentum(0.5)
    t.resume()
    deadline = time.monotonic() + HANG_GUARD
    while t.step_count < steps + 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert t.optimizer.lr == pytest.approx(t.schedule.lr(0.0123, t.epoch_float), rel=0.05)
    assert t.optimizer.momentum == 0.5
    t.stop()
    worker.join(HANG_GUARD)
    assert not worker.is_alive()
    assert t.state == RunState.STOPPED


def test_step_before_start_trains_one_batch_and_waits():
    t = make(tiny_dataset())
    t.request_step()
    worker = threading.Thread(target=t.run, daemon=True)
    worker.start()
    deadline = time.monotonic() + HANG_GUARD
    while t.state != RunState.PAUSED and time.monotonic() < deadline:
        time.sleep(0.01)
    assert t.step_count == 1 and t.state == RunState.PAUSED
    t.stop()
    worker.join(HANG_GUARD)
    assert not worker.is_alive()


def test_huge_learning_rate_is_caught_as_divergence_and_keeps_the_weights():
    t = make(tiny_dataset(), lr=1e3, epochs=5)
    state = t.run()
    assert state == RunState.DIVERGED
    assert "diverged" in t.message and "learning rate" in t.message
    assert all(np.isfinite(v).all() for v in t.net.params.values())
    before = {k: v.copy() for k, v in t.net.params.items()}
    assert np.isnan(t.train_batch())  # stays stopped; nothing changes
    for k in before:
        np.testing.assert_array_equal(t.net.params[k], before[k])
    snap = t.snapshot(preprocess(t.dataset.test_images[0]), 0)
    assert snap.state == RunState.DIVERGED and snap.message == t.message


def _steps_until_diverged(t, limit=50):
    """Train step by step; returns the weights as they were before every step taken."""
    history = []
    while t.state != RunState.DIVERGED and len(history) < limit:
        history.append({k: v.copy() for k, v in t.net.params.items()})
        t.train_batch()
    return history


def _equal_to(params, weights):
    return all(np.array_equal(params[k], weights[k]) for k in weights)


@pytest.mark.parametrize("preset", ["lenet5", "lenet5-1998", "toolbox-cnn", "simple-cnn"])
def test_huge_learning_rate_diverges_on_every_preset_and_keeps_the_weights_before_it(preset):
    # squared-error outputs saturate rather than grow the loss: the update size catches them
    t = make(tiny_dataset(), preset=preset, lr=1e3, epochs=3)
    history = _steps_until_diverged(t)
    assert t.state == RunState.DIVERGED, t.message
    assert "its own size" in t.message and "learning rate 1e+03" in t.message
    # the step that blew up is not counted, and its weights were put back
    assert t.step_count == len(history) - 1
    assert _equal_to(t.net.params, history[-1])


def test_a_huge_loss_puts_back_the_weights_from_before_the_step_that_caused_it(monkeypatch):
    t = make(tiny_dataset(), lr=1e3, epochs=3)
    # only the loss check is left
    monkeypatch.setattr("engine.training.divergence.blow_up", lambda *args: None)
    history = _steps_until_diverged(t)
    assert t.state == RunState.DIVERGED and "the loss became" in t.message
    # the loss is measured before a step, so the damage was done by the step before it
    assert len(history) >= 2
    assert _equal_to(t.net.params, history[-2])
    assert f"at step {len(history) - 1} " in t.message
    snap = t.snapshot(preprocess(t.dataset.test_images[0]), 0)
    assert np.isfinite(snap.probabilities).all() and snap.probe_loss < 100


def test_weights_that_become_infinite_are_named():
    t = make(tiny_dataset(), lr=0.01, epochs=3)
    t.train_batch()
    t.optimizer.velocity["F6.weight"][0, 0] = np.inf
    kept = {k: v.copy() for k, v in t.net.params.items()}
    assert np.isnan(t.train_batch())
    assert t.state == RunState.DIVERGED and "F6.weight became infinite or NaN" in t.message
    assert _equal_to(t.net.params, kept)
    assert np.isinf(t.optimizer.velocity["F6.weight"][0, 0])  # the velocity is put back too


def test_default_learning_rates_never_trip_the_blow_up_check(small_dataset):
    for preset in ["lenet5", "lenet5-1998", "toolbox-cnn", "simple-cnn"]:
        t = make(small_dataset, preset=preset, batch_size=8, epochs=1)
        assert t.run() != RunState.DIVERGED, (preset, t.message)


def test_learning_rate_zero_leaves_the_weights_alone():
    t = make(tiny_dataset(), lr=0.0, weight_decay=0.0)
    before = {k: v.copy() for k, v in t.net.params.items()}
    for _ in range(3):
        t.train_batch()
    for k in before:
        np.testing.assert_array_equal(t.net.params[k], before[k])


@pytest.mark.parametrize("bad", [{"lr": -0.1}, {"lr": float("nan")}, {"momentum": 1.0},
                                 {"momentum": -0.1}, {"batch_size": 0}, {"epochs": 0},
                                 {"schedule": "weekly"}, {"weight_decay": -1.0},
                                 {"seed": -1}, {"seed": 1.5}, {"augment": "yes"}])
def test_bad_settings_are_clear_errors(bad):
    with pytest.raises(ConfigError):
        TrainConfig(**bad)


def test_live_setters_validate():
    t = make(tiny_dataset())
    with pytest.raises(ConfigError):
        t.set_lr(-1)
    with pytest.raises(ConfigError):
        t.set_momentum(2)


def test_batch_larger_than_the_dataset_uses_the_whole_dataset():
    t = make(tiny_dataset(50, 10), batch_size=500)
    assert t.batch_size == 50 and t.batches_per_epoch == 1
    t.train_batch()
    assert t.epoch == 1


def test_snapshot_is_an_immutable_copy(small_dataset):
    t = make(small_dataset)
    t.train_batch()
    probe = preprocess(small_dataset.test_images[3])
    snap = t.snapshot(probe, int(small_dataset.test_labels[3]))
    assert snap.layer_names == ("C1", "S2", "C3", "S4", "C5", "F6", "F7")
    assert snap.activations["C3"].shape == (16, 10, 10)
    assert snap.delta_u["C1"].shape == (6, 28, 28)
    assert snap.probabilities.shape == (10,)
    assert snap.probabilities.sum() == pytest.approx(1, abs=1e-5)
    with pytest.raises(ValueError):
        snap.activations["C1"][0, 0, 0] = 1
    with pytest.raises(TypeError):
        snap.activations["C1"] = None
    kept = {k: v.copy() for k, v in snap.params.items()}
    c1 = snap.activations["C1"].copy()
    for _ in range(3):
        t.train_batch()
    for k in kept:
        np.testing.assert_array_equal(snap.params[k], kept[k])
    np.testing.assert_array_equal(snap.activations["C1"], c1)
    # the probe's maps are those of the network's own forward pass
    trace = t.net.forward(probe)
    fresh = t.snapshot(probe, 1)
    np.testing.assert_allclose(fresh.activations["C3"], trace.f["C3"][0], rtol=1e-6)


def test_snapshot_without_label_uses_the_prediction(small_dataset):
    t = make(small_dataset)
    snap = t.snapshot(preprocess(small_dataset.test_images[0]))
    assert snap.label is None and snap.target == snap.prediction


def test_snapshot_carries_saliency_batch_gradients_and_evaluation(small_dataset):
    t = make(small_dataset, epochs=2)
    for _ in range(t.batches_per_epoch):
        t.train_batch()
    probe = preprocess(small_dataset.test_images[5])
    snap = t.snapshot(probe, int(small_dataset.test_labels[5]))
    # saliency is dJ/dx for the predicted class
    grads = t.net.backward(t.net.forward(probe), [snap.prediction], need_input_grad=True)
    np.testing.assert_allclose(snap.saliency, grads.delta_f_prev["C1"][0, 0], rtol=1e-5,
                               atol=1e-9)
    assert set(snap.batch_grads) == set(t.net.params)
    assert not snap.batch_grads["C1.weight"].flags.writeable
    ev = snap.evaluation
    assert ev is not None and ev.epoch == 1 and ev.probabilities.shape == (200, 10)
    assert ev.accuracy == pytest.approx(t.history.epoch_test_acc[-1])
    m = ev.confusion()
    assert m.sum() == 200 and np.trace(m) == round(ev.accuracy * 200)
    wrong = ev.mistakes()
    assert np.all(ev.predictions[wrong] != ev.labels[wrong])
    conf = ev.probabilities[wrong, ev.predictions[wrong]]
    assert np.all(np.diff(conf) <= 0)


def test_gradient_health_is_recorded(small_dataset):
    from engine import HEALTH_EVERY

    t = make(small_dataset)
    for _ in range(2 * HEALTH_EVERY):
        t.train_batch()
    h = t.history.health
    assert len(h["step"]) == 2
    for layer in t.net.layer_names:
        assert np.all(h[f"delta_u/{layer}"] > 0)
    assert np.all(h["update_ratio/C1"] > 0) and np.all(h["update_ratio/C1"] < 1)
    restored = type(t.history).from_arrays(t.history.to_arrays())
    np.testing.assert_array_equal(restored.health["delta_u/C3"], h["delta_u/C3"])


def test_gradient_health_values_are_what_they_claim(small_dataset):
    from engine import HEALTH_EVERY

    t = make(small_dataset)
    for _ in range(HEALTH_EVERY):
        t.train_batch()
    # the next step is sampled: recompute its numbers from the outside
    before = {k: v.copy() for k, v in t.net.params.items()}
    idx = t._batch_indices()  # the batch it is about to take (no augmentation here)
    x = preprocess(t.dataset.train_images[idx])
    grads = t.net.backward(t.net.forward(x), t.dataset.train_labels[idx])
    t.train_batch()
    h = t.history.health
    assert h["step"][-1] == HEALTH_EVERY
    for layer in t.net.layer_names:
        expected = np.mean(np.abs(grads.delta_u[layer]))
        assert h[f"delta_u/{layer}"][-1] == pytest.approx(expected, rel=1e-4)
    for name in ("C1.weight", "C3.weight", "F7.weight"):
        step = np.linalg.norm(t.net.params[name] - before[name])
        ratio = step / np.linalg.norm(before[name])
        assert h[f"update_ratio/{name.split('.')[0]}"][-1] == pytest.approx(ratio, rel=1e-4)


def test_evaluation_on_request_while_paused():
    t = make(tiny_dataset(), epochs=5)
    t.pause()
    t.request_evaluation()
    worker = threading.Thread(target=t.run, daemon=True)
    worker.start()
    deadline = time.monotonic() + HANG_GUARD
    while t.evaluation is None and time.monotonic() < deadline:
        time.sleep(0.01)
    t.stop()
    worker.join(HANG_GUARD)
    assert t.evaluation is not None and t.step_count == 0


def test_snapshot_input_delta_is_dj_dx_against_the_label(small_dataset):
    t = make(small_dataset)
    probe = preprocess(small_dataset.test_images[2])
    snap = t.snapshot(probe, 4)
    grads = t.net.backward(t.net.forward(probe), [4], need_input_grad=True)
    np.testing.assert_allclose(snap.input_delta, grads.delta_f_prev["C1"][0, 0], rtol=1e-5,
                               atol=1e-9)
    assert "input" not in snap.delta_u


def test_a_new_probe_wakes_a_paused_run():
    """Paused, the run idles: with an idle interval of a day nothing but a wake-up can send
    it a new snapshot. A new probe wakes it (its snapshot carries the probe), and so does a
    job (a checkpoint taken between batches). The waits are guards, not speed targets."""
    t = make(tiny_dataset())
    t.set_snapshot_interval(0.075, idle_interval=86400.0)
    t.pause()
    calls = []
    worker = threading.Thread(target=t.run, kwargs={"on_snapshot": calls.append},
                              daemon=True)
    worker.start()
    deadline = time.monotonic() + HANG_GUARD
    while t.state != RunState.PAUSED and time.monotonic() < deadline:
        time.sleep(0.01)
    t.set_probe(np.zeros((32, 32), np.float32), 3)  # wakes the run
    deadline = time.monotonic() + HANG_GUARD
    while not any(snap.label == 3 for snap in calls) and time.monotonic() < deadline:
        time.sleep(0.005)
    woken = [snap for snap in calls if snap.label == 3]
    assert woken, "the new probe did not wake the paused run"
    assert woken[0].state == RunState.PAUSED and t.latest is calls[-1]
    state = returns(lambda: t.checkpoint_state(timeout=HANG_GUARD / 2), "a job while paused")
    assert state.step == 0
    t.stop()
    worker.join(HANG_GUARD)
    assert not worker.is_alive()


def test_run_snapshots_are_paced_and_include_the_last_step():
    t = make(tiny_dataset(), epochs=2)
    t.set_snapshot_interval(3600.0)  # none by the clock: only the batches that must show
    seen = []
    assert t.run(on_snapshot=seen.append) == RunState.FINISHED
    # the end of every epoch (the last step included), and at most the first batch besides
    steps = [s.step for s in seen]
    assert steps[-2:] == [t.batches_per_epoch, 2 * t.batches_per_epoch] and len(steps) <= 3
    assert seen[-1].step == t.step_count and t.ended


def test_checkpoint_state_outside_a_run_is_taken_at_once(small_dataset):
    t = make(small_dataset)
    t.train_batch()
    state = t.checkpoint_state(timeout=0.0)
    assert state.step == 1
    np.testing.assert_array_equal(state.params["C1.weight"], t.net.params["C1.weight"])


def test_training_uses_one_blas_thread():
    # OpenBLAS's spare threads spin for a core the GUI needs (engine/blas.py). A subprocess,
    # because the limit lasts for the rest of the process.
    code = (
        "from engine.blas import blas_threads\n"
        "from engine import Trainer, TrainConfig, build_network, builtin_dataset\n"
        "Trainer(build_network('lenet5'), builtin_dataset(64, 16, seed=1), TrainConfig())\n"
        "print(blas_threads())\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, "OPENBLAS_NUM_THREADS": "2"}, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["1"]


def test_training_keeps_the_c3_kernels_the_table_leaves_out_at_exactly_zero(small_dataset):
    from engine import c3_table

    t = make(small_dataset, preset="lenet5-1998", momentum=0.9, weight_decay=1e-2,
             augment=True, epochs=2)
    for _ in range(25):
        t.train_batch()
    absent = ~c3_table()  # (16 out, 6 in)
    assert np.count_nonzero(t.net.params["C3.weight"][absent]) == 0
    assert np.count_nonzero(t.optimizer.velocity["C3.weight"][absent]) == 0
    assert np.count_nonzero(t.net.params["C3.weight"][~absent]) > 0


def test_an_evaluation_knows_how_far_into_its_epoch_it_was_taken():
    t = make(tiny_dataset(), epochs=2)
    per_epoch = t.batches_per_epoch
    assert per_epoch >= 3
    t.evaluate()
    assert (t.evaluation.step, t.evaluation.epoch, t.evaluation.epoch_progress) == (0, 0, 0.0)
    for _ in range(2):
        t.train_batch()
    t.evaluate()  # Refresh in the middle of the first epoch
    assert t.evaluation.epoch == 0
    assert t.evaluation.epoch_progress == pytest.approx(2 / per_epoch)
    assert frozen_evaluation(t.evaluation).epoch_progress == pytest.approx(2 / per_epoch)
    while t.step_count < per_epoch:
        t.train_batch()  # the epoch's last batch evaluates the test set itself
    assert (t.evaluation.step, t.evaluation.epoch) == (per_epoch, 1)
    assert t.evaluation.epoch_progress == 0.0
    assert frozen_evaluation(t.evaluation).epoch_progress == 0.0
