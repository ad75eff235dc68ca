"""lenet-train as a user runs it: a subprocess, one-line errors, real exit codes."""

import subprocess
import sys

import pytest
from engine_helpers import ROOT


def run(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "engine.train", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_summary_prints_the_papers_table():
    r = run("--summary", "--preset", "lenet5-1998")
    assert r.returncode == 0, r.stderr
    for figure in ("122,304", "5,880", "151,600", "2,000", "48,120", "10,164", "850",
                   "60,850"):
        assert figure in r.stdout


@pytest.mark.parametrize("args", [
    ["--epochs", "zero"], ["--epochs", "0"], ["--batch-size", "-4"], ["--lr", "-1"],
    ["--lr", "nan"], ["--momentum", "1.5"], ["--preset", "lenet9"], ["--dataset", "cifar"],
    ["--activation", "swish"], ["--bogus"], ["--schedule", "weekly"],
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
