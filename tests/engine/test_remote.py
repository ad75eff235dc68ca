"""Training in a child process (engine.remote): the same controls as Trainer, the same
numbers as training in-process, and a parent that never hangs when the child goes away."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time

import numpy as np
import pytest
from engine_helpers import returns

from engine import (
    ConfigError,
    RemoteTrainer,
    RunState,
    TrainConfig,
    Trainer,
    TrainingProcess,
    TrainingProcessError,
    build_network,
    preprocess,
)

WAIT = 30.0  # generous: the child imports NumPy first, and the machine may be busy


def make(dataset, **cfg) -> Trainer:
    net = build_network(cfg.pop("preset", "lenet5"), seed=cfg.pop("net_seed", 0))
    return Trainer(net, dataset, TrainConfig(**{"epochs": 2, "batch_size": 32, "seed": 1,
                                                **cfg}))


@pytest.fixture(scope="module")
def process():
    proc = TrainingProcess()
    proc.start()
    yield proc
    proc.close()


@pytest.fixture
def probe(small_dataset):
    return preprocess(small_dataset.test_images[4], 32), int(small_dataset.test_labels[4])


def remote_for(trainer, process, probe, **kw) -> RemoteTrainer:
    return RemoteTrainer(trainer, process, *probe, **kw)


def wait(remote, predicate, timeout=WAIT) -> None:
    assert remote.wait(predicate, timeout), (remote.state, remote.step_count, remote.message)


def test_steps_pauses_resumes_changes_lr_and_stops(process, small_dataset, probe):
    local = make(small_dataset)
    remote = remote_for(local, process, probe)
    try:
        remote.start(steps=1)
        assert remote.paused
        wait(remote, lambda r: r.state == RunState.PAUSED and r.step_count == 1)
        time.sleep(0.3)
        assert remote.step_count == 1  # exactly one batch, then paused
        remote.request_step(1)
        wait(remote, lambda r: r.step_count == 2 and r.state == RunState.PAUSED)
        remote.set_lr(0.0123)
        remote.set_momentum(0.5)
        remote.resume()
        assert not remote.paused
        wait(remote, lambda r: r.state == RunState.RUNNING and r.step_count > 3)
        assert remote.base_lr == pytest.approx(0.0123)
        assert remote.momentum == pytest.approx(0.5)
        remote.pause()
        wait(remote, lambda r: r.state == RunState.PAUSED)
        step = remote.step_count
        time.sleep(0.3)
        assert remote.step_count == step and remote.latest.step == step
        remote.resume()
        wait(remote, lambda r: r.step_count > step)
        remote.stop()
        assert remote.run() == RunState.STOPPED
        # the parent's trainer took over the final state
        assert local.step_count == remote.step_count > step
        assert len(local.history.batch_loss) == local.step_count
        assert local.base_lr == pytest.approx(0.0123) and local.momentum == pytest.approx(0.5)
        assert local.state == RunState.STOPPED
    finally:
        remote.close()


def test_bad_settings_are_refused_here(process, small_dataset, probe):
    remote = remote_for(make(small_dataset), process, probe)
    try:
        with pytest.raises(ConfigError):
            remote.set_lr(-1.0)
        with pytest.raises(ConfigError):
            remote.set_momentum(1.0)
    finally:
        remote.close()


def test_snapshots_match_training_in_process(process, small_dataset, probe):
    steps = 5
    local = make(small_dataset, augment=True)
    remote = remote_for(local, process, probe)
    try:
        remote.start(steps=steps)
        wait(remote, lambda r: r.latest is not None and r.latest.step == steps)
        snap = remote.latest
        reference = make(small_dataset, augment=True)
        for _ in range(steps):
            reference.train_batch()
        expected = reference.snapshot(*probe)
        for k, v in expected.params.items():
            np.testing.assert_array_equal(snap.params[k], v)
        for k, v in expected.activations.items():
            np.testing.assert_array_equal(snap.activations[k], v)
        for k, v in expected.batch_grads.items():
            np.testing.assert_array_equal(snap.batch_grads[k], v)
        np.testing.assert_array_equal(snap.history.batch_loss, expected.history.batch_loss)
        assert set(snap.history.health) == set(expected.history.health)
        assert snap.label == probe[1] and snap.probe_loss == expected.probe_loss
        # frozen, like an in-process snapshot
        assert not snap.params["C1.weight"].flags.writeable
        assert not snap.activations["C1"].flags.writeable
        with pytest.raises(TypeError):
            snap.params["C1.weight"] = None
        # the whole state between two batches (for a checkpoint), then the final one
        state = remote.checkpoint_state()
        assert state.step == steps
        np.testing.assert_array_equal(state.params["F7.weight"], expected.params["F7.weight"])
        remote.stop()
        assert remote.run() == RunState.STOPPED
        for k, v in reference.net.params.items():
            np.testing.assert_array_equal(local.net.params[k], v)
        for k, v in reference.optimizer.velocity.items():
            np.testing.assert_array_equal(local.optimizer.velocity[k], v)
        # and the parent's trainer goes on exactly as the in-process one would
        local.train_batch()
        reference.train_batch()
        for k, v in reference.net.params.items():
            np.testing.assert_array_equal(local.net.params[k], v)
    finally:
        remote.close()


def test_a_new_probe_and_an_evaluation_arrive_while_paused(process, small_dataset, probe):
    remote = remote_for(make(small_dataset), process, probe)
    try:
        remote.start(steps=1)
        wait(remote, lambda r: r.state == RunState.PAUSED)
        x = preprocess(small_dataset.test_images[9], 32)
        remote.set_probe(x, int(small_dataset.test_labels[9]))
        wait(remote, lambda r: r.latest.label == int(small_dataset.test_labels[9]))
        np.testing.assert_allclose(remote.latest.input, x[0, 0])
        assert remote.evaluation is None
        remote.request_evaluation()
        wait(remote, lambda r: r.latest.evaluation is not None)
        ev = remote.latest.evaluation
        assert ev.step == 1 and ev.probabilities.shape == (len(small_dataset.test_labels), 10)
        assert not ev.probabilities.flags.writeable
        remote.stop()
        remote.run()
    finally:
        remote.close()


def test_training_to_the_end(process, small_dataset, probe):
    local = make(small_dataset, epochs=1, batch_size=64)
    remote = remote_for(local, process, probe)
    try:
        remote.start()
        seen = []
        assert remote.run(seen.append) == RunState.FINISHED
        assert local.state == RunState.FINISHED and local.done
        assert len(local.history.epoch_test_acc) == 1
        assert seen and seen[-1].step == local.step_count  # the last step is shown
    finally:
        remote.close()


def test_divergence_arrives_with_its_message(process, small_dataset, probe):
    local = make(small_dataset, lr=1e3)
    remote = remote_for(local, process, probe)
    try:
        remote.start()
        assert remote.run() == RunState.DIVERGED
        assert remote.state == RunState.DIVERGED and "diverged" in remote.message
        assert remote.latest.state == RunState.DIVERGED and "diverged" in remote.latest.message
        assert local.state == RunState.DIVERGED and local.message == remote.message
        assert all(np.isfinite(v).all() for v in local.net.params.values())
    finally:
        remote.close()


def test_runs_reuse_the_process(process, small_dataset, probe):
    local = make(small_dataset)
    pid = process.pid
    for n in (1, 2):
        remote = remote_for(local, process, probe)
        try:
            remote.start(steps=1)
            wait(remote, lambda r, n=n: r.step_count == n and r.state == RunState.PAUSED)
            remote.stop()
            remote.run()
        finally:
            remote.close()
        local.state = RunState.PAUSED  # as the window's trainer: continue from here
    assert local.step_count == 2 and process.pid == pid and process.is_alive()


def test_a_killed_child_is_reported_not_hung(small_dataset, probe):
    proc = TrainingProcess()
    proc.start()
    local = make(small_dataset)
    remote = remote_for(local, proc, probe)
    try:
        remote.start()
        wait(remote, lambda r: r.step_count >= 2)
        os.kill(proc.pid, signal.SIGKILL)
        assert returns(remote.run, "run() after the child was killed") == RunState.STOPPED
        assert remote.lost and "ended unexpectedly" in remote.lost
        assert "ended unexpectedly" in remote.message
        assert not proc.is_alive()
        # the parent keeps the last weights it saw, and can go on training here
        assert local.step_count == remote.latest.step >= 2
        np.testing.assert_array_equal(local.net.params["C1.weight"],
                                      remote.latest.params["C1.weight"])
        with pytest.raises(TrainingProcessError):
            remote.checkpoint_state(timeout=1.0)
        local.train_batch()
        # a new run on the dead process ends at once, saying why
        again = remote_for(local, proc, probe)
        again.start()
        assert again.run() == RunState.STOPPED and again.lost
        again.close()
    finally:
        remote.close()
        returns(proc.close, "closing a dead child")
        assert not proc.is_alive()


def test_close_ends_the_child_even_while_training(small_dataset, probe):
    """Closed mid-run the child is gone (asked to exit, else terminated: close's own
    bound) without training its 50 epochs first; the run ends."""
    proc = TrainingProcess()
    proc.start()
    local = make(small_dataset, epochs=50)
    remote = remote_for(local, proc, probe)
    try:
        remote.start()
        wait(remote, lambda r: r.step_count >= 1)
        returns(lambda: proc.close(timeout=0.5), "close() while training")
        assert not proc.is_alive()
        assert remote.wait(lambda r: r.ended, WAIT)
        assert remote.step_count < 50 * local.batches_per_epoch
    finally:
        remote.close()


def test_close_right_after_start(small_dataset):
    proc = TrainingProcess()
    proc.start()
    returns(lambda: proc.close(timeout=0.5), "close() right after start()")
    assert not proc.is_alive()


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs POSIX job control")
def test_a_hung_child_is_ended_and_reported_not_waited_for(small_dataset, probe):
    """A child alive but silent (stopped here) while it should be training is ended after
    the hang timeout; the run ends as if it had died, keeping the last snapshot's weights.
    Paused, a silent child is left alone."""
    proc = TrainingProcess()
    proc.start()
    local = make(small_dataset, epochs=50)
    remote = remote_for(local, proc, probe, hang_timeout=1.0)
    try:
        remote.start(steps=2)  # two batches, then paused: nothing is owed while paused
        wait(remote, lambda r: r.step_count == 2 and r.state == RunState.PAUSED)
        os.kill(proc.pid, signal.SIGSTOP)
        paused_run = threading.Thread(target=remote.run, daemon=True)
        paused_run.start()
        assert not remote.wait(lambda r: r.ended, 2.5)  # 2.5 x the timeout: still there
        assert proc.is_alive() and remote.lost is None
        os.kill(proc.pid, signal.SIGCONT)
        remote.resume()
        wait(remote, lambda r: r.step_count >= 4)
        os.kill(proc.pid, signal.SIGSTOP)  # hangs while training
        paused_run.join(WAIT)
        assert not paused_run.is_alive(), "run() waited for a hung child"
        assert remote.state == RunState.STOPPED
        assert remote.lost and "stopped responding" in remote.lost
        assert remote.wait(lambda r: not proc.is_alive(), WAIT)
        assert local.step_count == remote.latest.step >= 4
    finally:
        with contextlib.suppress(ProcessLookupError, TypeError):
            os.kill(proc.pid, signal.SIGCONT)
        remote.close()
        returns(proc.close, "closing an ended child")
