"""A/B comparisons: pairs that differ in one option only, trained side by side in two
processes, and `lenet-train --compare`."""

from __future__ import annotations

import numpy as np
import pytest
from engine_helpers import run_train, tiny_dataset

from engine import (
    Change,
    CompareRun,
    ConfigError,
    RunState,
    TrainConfig,
    build_pair,
    comparable_history,
    get_config,
    load_checkpoint,
    parse_change,
    verdict,
)

NET = get_config("lenet5")


@pytest.mark.parametrize("text,option,value", [
    ("activation=sigmoid", "activation", "sigmoid"), ("c3=table", "c3", "table"),
    ("lr=0.5", "lr", 0.5), ("batch-size=128", "batch_size", 128),
    ("augment=yes", "augment", True), ("init=lecun1998", "init", "lecun1998"),
])
def test_parse_change(text, option, value):
    assert parse_change(text) == Change(option, value)


@pytest.mark.parametrize("text", ["activation", "colour=red", "activation=swish", "lr=fast",
                                  "augment=maybe", "=1"])
def test_bad_changes_are_config_errors(text):
    with pytest.raises(ConfigError):
        parse_change(text)


def test_b_starts_from_a_s_weights_where_the_shapes_allow(small_dataset):
    train = TrainConfig(epochs=1, batch_size=32, seed=5)
    for text, same in (("activation=sigmoid", True), ("c3=table", True), ("lr=0.1", True),
                       ("subsampling=trainable", False), ("init=lecun1998", False)):
        pair = build_pair(NET, train, parse_change(text), small_dataset)
        assert pair.same_init is same, text
        if same:
            mask = pair.b.net.params["C3.weight"] != 0  # the table zeroes some kernels
            for k, v in pair.a.net.params.items():
                np.testing.assert_array_equal(pair.b.net.params[k][mask if k == "C3.weight"
                                                                   else ...],
                                              v[mask if k == "C3.weight" else ...])
    pair = build_pair(NET, train, parse_change("output=sigmoid_mse"), small_dataset)
    assert pair.b.config.lr == 0.3  # the default rate follows B's network
    pair = build_pair(NET, train.replace(lr=0.02), parse_change("output=sigmoid_mse"),
                      small_dataset)
    assert pair.b.config.lr == 0.02  # a rate given stays


def test_equal_options_give_bit_identical_histories_in_process(small_dataset):
    train = TrainConfig(epochs=1, batch_size=32, seed=2, augment=True)
    pair = build_pair(NET, train, parse_change(f"lr={train.lr}"), small_dataset)
    for t in (pair.a, pair.b):
        while not t.done:
            t.train_batch()
    a, b = comparable_history(pair.a.history), comparable_history(pair.b.history)
    assert a.keys() == b.keys() and len(a["batch_loss"]) == 20
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


def test_side_by_side_equal_runs_match_and_a_diverging_run_leaves_the_other():
    data = tiny_dataset(n_train=256, n_test=32)
    train = TrainConfig(epochs=2, batch_size=32, seed=3)
    equal = build_pair(NET, train, parse_change("batch_size=32"), data)
    wild = build_pair(NET, train, parse_change("lr=5000"), data)
    with CompareRun(equal) as run_equal, CompareRun(wild) as run_wild:
        run_equal.start()
        run_wild.start()
        assert run_equal.wait(120) and run_wild.wait(120)
        assert run_equal.states() == (RunState.FINISHED, RunState.FINISHED)
        assert run_wild.states() == (RunState.FINISHED, RunState.DIVERGED)
    a, b = comparable_history(equal.a.history), comparable_history(equal.b.history)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)
    assert wild.a.step_count == wild.a.total_steps and wild.b.step_count < wild.b.total_steps
    np.testing.assert_array_equal(comparable_history(wild.a.history)["batch_loss"],
                                  a["batch_loss"])  # A never noticed B's trouble


def test_verdict_lines():
    assert "B (x) is better by 2.00 points" in verdict("A (y)", 0.9, "B (x)", 0.92, 3)
    assert "equally accurate" in verdict("A", 0.5, "B", 0.5, 1)
    assert verdict("A", None, "B", 0.9, 2, (True, False)) == "verdict: A diverged; B reached " \
        "90.00%."
    assert "both runs diverged" in verdict("A", None, "B", None, 2, (True, True))


def test_cli_compare_prints_both_tables_and_a_verdict():
    r = run_train("--dataset", "builtin", "--limit", "128", "--epochs", "1", "--batch-size",
                  "32", "--compare", "activation=sigmoid", timeout=240)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "A (activation=relu)\nepoch  train acc" in out
    assert "B (activation=sigmoid)\nepoch  train acc" in out
    assert out.strip().splitlines()[-1].startswith("verdict: ")


@pytest.mark.parametrize("args,words", [
    (["--compare", "colour=red"], "--compare takes OPTION=VALUE"),
    (["--compare", "lr=0.1", "--out", "x.npz"], "drop --out"),
    (["--timeline"], "give --out"),
])
def test_cli_compare_and_timeline_mistakes_are_one_line(args, words):
    r = run_train("--dataset", "builtin", "--limit", "64", *args)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and words in r.stderr, r.stderr


def test_cli_timeline_records_into_the_checkpoint(tmp_path):
    out = tmp_path / "rewind.npz"
    r = run_train("--dataset", "builtin", "--limit", "128", "--epochs", "1", "--batch-size",
                  "32", "--timeline", "--timeline-budget", "1", "--out", str(out), "--quiet")
    assert r.returncode == 0, r.stderr
    ckpt = load_checkpoint(out)
    timeline = ckpt.timeline
    assert timeline is not None and timeline.budget == 2**20
    assert timeline.steps[0] == 0 and timeline.steps[-1] == 4 and timeline.nbytes <= 2**20
    net = timeline.network_at(4, ckpt.config)
    for k, v in ckpt.params.items():  # the last recorded step is the checkpoint's weights
        np.testing.assert_array_equal(net.params[k], v)
