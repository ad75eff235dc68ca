"""lenet-train as a user runs it: a subprocess, one-line errors, real exit codes."""

import json
import subprocess
import sys

import numpy as np
import pytest
from engine_helpers import ROOT
from engine_helpers import run_train as run

from engine import (
    TrainConfig,
    Trainer,
    build_network,
    builtin_dataset,
    load_checkpoint,
    load_network,
    save_checkpoint,
)


def test_summary_prints_the_papers_table():
    r = run("--summary", "--preset", "lenet5-1998")
    assert r.returncode == 0, r.stderr
    for figure in ("122,304", "5,880", "151,600", "2,000", "48,120", "10,164", "850",
                   "60,850"):
        assert figure in r.stdout


@pytest.mark.parametrize("args", [
    ["--epochs", "zero"], ["--epochs", "0"], ["--batch-size", "-4"], ["--lr", "-1"],
    ["--lr", "nan"], ["--momentum", "1.5"], ["--preset", "lenet9"], ["--dataset", "cifar"],
    ["--activation", "swish"], ["--bogus"], ["--schedule", "weekly"], ["--seed", "-1"],
    ["--seed", "1.5"],
])
def test_bad_options_give_one_line_and_status_2(args):
    r = run(*args)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("lenet-train: error:"), r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("args,words", [
    (["--data", "/nonexistent/mnist"], "does not exist"),
    (["--resume", "/nonexistent/run.npz"], "no such file"),
    (["--dataset", "builtin", "--limit", "64", "--out", "/nonexistent/dir/x.npz"],
     "does not exist"),
    (["--preset", "toolbox-cnn", "--c3", "table", "--summary"], "only in LeNet-5"),
])
def test_bad_files_give_one_line_and_status_2(args, words):
    r = run(*args)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and words in r.stderr, r.stderr


def test_train_save_and_resume(tmp_path):
    out = tmp_path / "run.npz"
    r = run("--dataset", "builtin", "--limit", "256", "--epochs", "1", "--batch-size", "32",
            "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "built-in generated digits" in r.stdout
    assert "confusion matrix" in r.stdout and "test accuracy" in r.stdout
    assert out.exists()
    r2 = run("--dataset", "builtin", "--limit", "256", "--epochs", "2", "--resume", str(out))
    assert r2.returncode == 0, r2.stderr
    assert "epoch  2/2" in r2.stdout and "epoch  1/" not in r2.stdout
    bad = run("--dataset", "builtin", "--limit", "256", "--resume", str(out),
              "--preset", "lenet5-1998")
    assert bad.returncode == 2 and "holds a lenet5 network" in bad.stderr


def test_divergence_ends_with_a_message_and_status_1():
    r = run("--dataset", "builtin", "--limit", "128", "--lr", "1000", "--epochs", "3")
    assert r.returncode == 1
    assert "diverged" in r.stderr and "Traceback" not in r.stderr


def test_a_corrupt_checkpoint_is_one_line(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"PK\x03\x04 garbage")
    r = run("--resume", str(bad))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and str(bad) in r.stderr


QUICK = ("--dataset", "builtin", "--limit", "64", "--quiet")


def first_run(tmp_path, *args):
    """One epoch on 64 built-in digits, batch 32, saved to tmp_path/run.npz."""
    out = tmp_path / "run.npz"
    r = run(*QUICK, "--epochs", "1", "--batch-size", "32", "--out", str(out), *args)
    assert r.returncode == 0, r.stderr
    return out


def test_options_given_on_resume_override_the_checkpoints(tmp_path):
    ckpt = first_run(tmp_path)
    again = tmp_path / "again.npz"
    r = run(*QUICK, "--resume", str(ckpt), "--out", str(again), "--epochs", "3",
            "--lr", "0.01", "--batch-size", "16", "--momentum", "0.5", "--weight-decay", "0",
            "--schedule", "constant", "--augment", "--seed", "5")
    assert r.returncode == 0, r.stderr
    assert "epoch  2/3" in r.stdout and "epoch  3/3" in r.stdout and "epoch  1/" not in r.stdout
    for change in ("epochs 1 -> 3", "batch-size 32 -> 16", "lr 0.05 -> 0.01",
                   "momentum 0.9 -> 0.5", "weight-decay 0.0005 -> 0", "schedule cosine -> "
                   "constant", "augment False -> True", "seed 0 -> 5"):
        assert change in r.stdout, r.stdout
    saved = load_checkpoint(again)
    assert TrainConfig.from_dict(saved.train_config) == TrainConfig(
        epochs=3, batch_size=16, lr=0.01, momentum=0.5, weight_decay=0.0,
        schedule="constant", augment=True, seed=5)
    # 1 epoch of 2 batches of 32, then 2 epochs of 4 batches of 16
    assert saved.epoch == 3 and saved.step == 3 * 4


def test_epochs_20_given_on_resume_is_not_ignored(tmp_path):
    ckpt = first_run(tmp_path)
    r = run(*QUICK, "--resume", str(ckpt), "--epochs", "20", "--out", str(ckpt))
    assert r.returncode == 0, r.stderr
    assert "epochs 1 -> 20" in r.stdout and "epoch 20/20" in r.stdout
    assert load_checkpoint(ckpt).epoch == 20


def test_resume_without_options_keeps_the_runs_settings(tmp_path):
    # a run of 2 epochs stopped after the first, with settings unlike the CLI's defaults
    data = builtin_dataset(n_train=64, n_test=200)
    config = TrainConfig(epochs=2, batch_size=16, lr=0.02, momentum=0.5, weight_decay=1e-3,
                         schedule="step", seed=3)
    t = Trainer(build_network("lenet5", seed=0), data, config)
    while t.epoch < 1:
        t.train_batch()
    path = save_checkpoint(tmp_path / "half.npz", t.net, step=t.step_count, epoch=t.epoch,
                           train_config=config.to_dict(), optimizer=t.optimizer.state_dict(),
                           history=t.history.to_arrays(), dataset="builtin", train_size=64)
    r = run(*QUICK, "--resume", str(path), "--out", str(path))
    assert r.returncode == 0, r.stderr
    assert "overridden" not in r.stdout
    assert ("training: 2 epochs, batch 16, lr 0.02 (step), momentum 0.5, weight decay 0.001, "
            "seed 3") in r.stdout
    assert "epoch  2/2" in r.stdout and "epoch  1/" not in r.stdout
    saved = load_checkpoint(path)
    assert TrainConfig.from_dict(saved.train_config) == config and saved.step == 8


@pytest.mark.parametrize("epochs", [[], ["--epochs", "1"]])
def test_resuming_a_finished_run_says_so_and_trains_nothing(tmp_path, epochs):
    ckpt = first_run(tmp_path)
    before = ckpt.read_bytes()
    r = run(*QUICK, "--resume", str(ckpt), "--out", str(ckpt), *epochs)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("\n") == 1, r.stdout
    assert "already reached epoch 1 and the run's total is 1; nothing to train" in r.stdout
    assert ckpt.read_bytes() == before


def test_the_checkpoint_records_its_dataset(tmp_path):
    ckpt = load_checkpoint(first_run(tmp_path))
    assert (ckpt.dataset, ckpt.train_size) == ("builtin", 64)


@pytest.mark.parametrize("data,words", [
    (["--dataset", "builtin", "--limit", "128"], "not builtin (128 training images)"),
    (["--dataset", "mnist", "--data", "/nonexistent/mnist"], "not mnist"),
])
def test_resuming_on_other_data_is_refused(tmp_path, data, words):
    ckpt = first_run(tmp_path)
    r = run(*data, "--resume", str(ckpt), "--epochs", "2")
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert f"{ckpt} was trained on builtin (64 training images), {words}" in r.stderr


def _as_written_before_data_was_recorded(ckpt) -> None:
    """Drop the checkpoint's dataset and train_size, as older versions wrote it."""
    with np.load(ckpt) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(str(arrays["meta"]))
    del meta["dataset"], meta["train_size"]
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez(ckpt, **arrays)


def test_checkpoints_that_do_not_name_their_data_resume_anywhere(tmp_path):
    ckpt = first_run(tmp_path)
    _as_written_before_data_was_recorded(ckpt)
    r = run("--dataset", "builtin", "--limit", "128", "--quiet", "--resume", str(ckpt),
            "--epochs", "2")
    assert r.returncode == 0, r.stderr
    assert "epoch  2/2" in r.stdout


def test_an_older_checkpoint_from_more_images_goes_on_at_its_next_epoch(tmp_path):
    ckpt = tmp_path / "run.npz"
    r = run("--dataset", "builtin", "--limit", "256", "--quiet", "--epochs", "1",
            "--batch-size", "32", "--out", str(ckpt))  # 8 steps make epoch 1
    assert r.returncode == 0, r.stderr
    _as_written_before_data_was_recorded(ckpt)
    # on 64 images 8 steps would be epoch 4: the step is rebuilt from the saved epoch
    r = run(*QUICK, "--resume", str(ckpt), "--epochs", "2", "--out", str(ckpt))
    assert r.returncode == 0, r.stderr
    assert "epoch  2/2" in r.stdout
    assert load_checkpoint(ckpt).epoch == 2


def test_out_is_checked_before_training(tmp_path):
    r = run(*QUICK, "--epochs", "1", "--out", str(tmp_path))
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert f"cannot save {tmp_path}: it is a folder" in r.stderr
    assert "epoch" not in r.stdout and not tmp_path.with_name(tmp_path.name + ".npz").exists()
    r = run(*QUICK, "--epochs", "1", "--out", "/proc/x.npz")  # no file can be created there
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "cannot save /proc/x.npz" in r.stderr and "epoch" not in r.stdout


def test_saved_names_the_file_written(tmp_path):
    r = run(*QUICK, "--epochs", "1", "--out", str(tmp_path / "noext"))
    assert r.returncode == 0, r.stderr
    assert f"saved {tmp_path / 'noext.npz'}\n" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["noext.npz"]


def test_an_augmented_run_resumed_ends_with_the_same_weights(tmp_path):
    # a constant rate: a cosine schedule depends on the number of epochs asked for
    common = ("--dataset", "builtin", "--limit", "256", "--batch-size", "32", "--augment",
              "--schedule", "constant")
    straight, half = tmp_path / "straight.npz", tmp_path / "half.npz"
    assert run(*common, "--epochs", "2", "--out", str(straight)).returncode == 0
    assert run(*common, "--epochs", "1", "--out", str(half)).returncode == 0
    r = run(*common, "--epochs", "2", "--resume", str(half), "--out", str(half))
    assert r.returncode == 0, r.stderr
    a, b = load_network(straight), load_network(half)
    for name in a.params:
        np.testing.assert_array_equal(a.params[name], b.params[name])


def test_two_runs_with_the_same_settings_give_the_same_weights(tmp_path):
    common = ("--dataset", "builtin", "--limit", "128", "--batch-size", "32", "--epochs", "1")
    for name in ("a.npz", "b.npz"):  # no --seed: the default seed, not a random one
        assert run(*common, "--out", str(tmp_path / name)).returncode == 0
    a, b = load_network(tmp_path / "a.npz"), load_network(tmp_path / "b.npz")
    for name in a.params:
        np.testing.assert_array_equal(a.params[name], b.params[name])


def test_output_cut_short_by_a_closed_pipe_is_not_a_traceback():
    proc = subprocess.Popen(
        [sys.executable, "-m", "engine.cli.train", "--dataset", "builtin", "--limit", "128",
         "--epochs", "3", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert proc.returncode == 141
