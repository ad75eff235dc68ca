"""A diverging run never costs a good checkpoint: --out keeps the last end-of-epoch weights,
the diverged state goes to `<name>.diverged.npz`, and what that file records as its learning
rate does not diverge again at once."""

from __future__ import annotations

import numpy as np
import pytest
from engine_helpers import run_train

from engine import RunState, Trainer, build_network, builtin_dataset, load_checkpoint
from engine.cli.train import diverged_path, main
from engine.training import divergence

QUICK = ("--dataset", "builtin", "--limit", "128", "--batch-size", "32", "--quiet")


def _good_checkpoint(tmp_path):
    out = tmp_path / "run.npz"
    assert main([*QUICK, "--epochs", "1", "--out", str(out)]) == 0
    return out, load_checkpoint(out)


def _blow_up_on_call(monkeypatch, n: int) -> None:
    """The guard misses every step but the n-th (1-based), which it catches: the step
    before the caught one has done its damage unseen, as a step under the 2x limit does."""
    calls = [0]

    def fake(params, velocity, before):
        calls[0] += 1
        return "one step changed F7.weight by 3x its own size" if calls[0] == n else None

    monkeypatch.setattr(divergence, "blow_up", fake)


def _assert_same_params(ckpt, other) -> None:
    for k, v in ckpt.params.items():
        np.testing.assert_array_equal(other.params[k], v)


def test_resuming_with_a_huge_lr_and_the_same_out_keeps_the_good_checkpoint(
        tmp_path, monkeypatch, capsys):
    out, good = _good_checkpoint(tmp_path)
    before = out.read_bytes()
    capsys.readouterr()
    # step 1 at lr 3 ruins the network unseen, step 2 is caught: the weights put back are
    # the ruined ones from before step 2, and they must not land in run.npz
    _blow_up_on_call(monkeypatch, 2)
    with pytest.raises(SystemExit) as exit_:
        main([*QUICK, "--epochs", "3", "--lr", "3", "--resume", str(out), "--out", str(out)])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert out.read_bytes() == before
    _assert_same_params(good, load_checkpoint(out))
    bad = diverged_path(out)
    assert bad.name == "run.diverged.npz" and bad.exists()
    assert f"{out} was not touched" in err and str(bad) in err
    assert "diverged at step" in err and err.count("\n") == 1
    diverged = load_checkpoint(bad)
    assert any(not np.array_equal(diverged.params[k], v) for k, v in good.params.items())
    assert diverged.notes["diverged"]["lr"] == 3.0


def test_a_divergence_mid_epoch_leaves_the_last_end_of_epoch_checkpoint(
        tmp_path, monkeypatch, capsys):
    out = tmp_path / "run.npz"
    _blow_up_on_call(monkeypatch, 6)  # 4 batches per epoch: caught in epoch 2
    with pytest.raises(SystemExit) as exit_:
        main([*QUICK, "--epochs", "3", "--out", str(out)])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    ckpt = load_checkpoint(out)
    assert (ckpt.epoch, ckpt.step) == (1, 4) and "diverged" not in ckpt.notes
    assert f"{out} keeps the checkpoint of epoch 1" in err
    assert load_checkpoint(diverged_path(out)).step == 5


def test_a_real_divergence_with_the_same_out_leaves_the_file_byte_for_byte(tmp_path):
    out, _ = _good_checkpoint(tmp_path)
    before = out.read_bytes()
    r = run_train(*QUICK, "--epochs", "3", "--lr", "1000", "--resume", str(out),
                  "--out", str(out))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert out.read_bytes() == before
    assert str(diverged_path(out)) in r.stderr


def test_without_out_the_message_says_nothing_was_saved(capsys):
    with pytest.raises(SystemExit):
        main([*QUICK, "--epochs", "2", "--lr", "1000"])
    assert "Nothing was saved" in capsys.readouterr().err


def test_a_checkpoint_saved_after_divergence_records_a_safer_lr(tmp_path):
    data = builtin_dataset(n_train=128, n_test=32)
    t = Trainer(build_network("lenet5", seed=0), data)
    t.config = t.config.replace(lr=1000.0)
    t.base_lr = 1000.0
    while t.state != RunState.DIVERGED and t.step_count < 20:
        t.train_batch()
    assert t.state == RunState.DIVERGED
    fields = t.checkpoint_fields()
    assert fields["notes"]["diverged"]["lr"] == 1000.0
    assert fields["train_config"]["lr"] == 0.05  # the network's default, below 1000


def test_resume_lr_prefers_the_largest_rate_below_the_diverging_one():
    assert divergence.resume_lr(3.0, (3.0, 0.05)) == 0.05
    assert divergence.resume_lr(0.5, (0.1, 0.2)) == 0.2
    assert divergence.resume_lr(0.05, (0.05, 0.05)) == pytest.approx(0.005)


def test_resuming_a_diverged_checkpoint_without_lr_does_not_diverge_again(tmp_path, capsys):
    out = tmp_path / "run.npz"
    with pytest.raises(SystemExit):
        main([*QUICK, "--epochs", "2", "--lr", "1000", "--out", str(out)])
    bad = diverged_path(out)
    saved = load_checkpoint(bad)
    assert saved.train_config["lr"] < 1000
    capsys.readouterr()
    assert main([*QUICK, "--epochs", "2", "--resume", str(bad)]) == 0
    text = capsys.readouterr().out
    assert "diverged with learning rate 1000" in text and "test accuracy" in text
