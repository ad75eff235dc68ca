"""Checkpoints round-trip everything, and every bad file is a clear CheckpointError."""

import json
import zipfile

import numpy as np
import pytest
from engine_helpers import run_train, tiny_dataset

from engine import (
    CheckpointError,
    History,
    TrainConfig,
    Trainer,
    build_network,
    load_checkpoint,
    load_network,
    save_checkpoint,
)
from engine.io.checkpoint import TEMP_PREFIX


def trained(preset="lenet5-1998", steps=3):
    t = Trainer(build_network(preset, seed=1), tiny_dataset(), TrainConfig(batch_size=32))
    for _ in range(steps):
        t.train_batch()
    return t


def save_trainer(t, path):
    return save_checkpoint(path, t.net, step=t.step_count, epoch=t.epoch,
                           train_config=t.config.to_dict(),
                           optimizer=t.optimizer.state_dict(),
                           history=t.history.to_arrays(), dataset="builtin")


def test_round_trip_keeps_everything(tmp_path):
    t = trained()
    path = save_trainer(t, tmp_path / "run.npz")
    ck = load_checkpoint(path)
    assert ck.config == t.net.config and ck.step == 3 and ck.dataset == "builtin"
    assert TrainConfig.from_dict(ck.train_config) == t.config
    net = load_network(path)
    for k, v in t.net.params.items():
        np.testing.assert_array_equal(net.params[k], v)
        np.testing.assert_array_equal(ck.optimizer[f"velocity/{k}"], t.optimizer.velocity[k])
    h = History.from_arrays(ck.history)
    np.testing.assert_allclose(h.batch_loss, t.history.batch_loss)
    # resuming continues exactly where the original would have gone
    resumed = Trainer(net, t.dataset, TrainConfig.from_dict(ck.train_config), step=ck.step,
                      history=h, optimizer_state=ck.optimizer)
    t.train_batch()
    resumed.train_batch()
    for k in t.net.params:
        np.testing.assert_array_equal(resumed.net.params[k], t.net.params[k])


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path):
    t = trained(steps=1)
    save_trainer(t, tmp_path / "a.npz")
    save_trainer(t, tmp_path / "a.npz")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.npz"]
    assert not TEMP_PREFIX.endswith(".npz")


def test_suffix_is_added(tmp_path):
    assert save_checkpoint(tmp_path / "plain", build_network()).name == "plain.npz"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CheckpointError, match="does not exist"):
        save_checkpoint(tmp_path / "no" / "x.npz", build_network())


def expect_error(path, *words):
    with pytest.raises(CheckpointError) as err:
        load_network(path)
    message = str(err.value)
    assert str(path) in message
    for w in words:
        assert w in message, message


def test_missing_file(tmp_path):
    expect_error(tmp_path / "nope.npz", "no such file")


def test_folder(tmp_path):
    expect_error(tmp_path, "folder")


@pytest.mark.parametrize(("content", "words"), [
    (b"hello, I am not a checkpoint", "not an .npz archive"),
    (b"", "is empty"),
    (b"\x80\x04\x95 pickled bytes", "not an .npz archive"),
])
def test_not_an_npz(tmp_path, content, words):
    p = tmp_path / "text.npz"
    p.write_bytes(content)
    expect_error(p, words)


def test_a_single_npy_array_is_named(tmp_path):
    p = tmp_path / "weights.npz"
    with open(p, "wb") as f:
        np.save(f, np.ones(3))
    expect_error(p, "single NumPy array")


def test_npz_from_another_program(tmp_path):
    p = tmp_path / "other.npz"
    np.savez(p, weights=np.ones(3))
    expect_error(p, "another program")


def test_pickled_npz_is_refused(tmp_path):
    p = tmp_path / "pickle.npz"
    np.savez(p, meta=np.array([{"format": "x"}], dtype=object))
    expect_error(p, "Python objects")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated(tmp_path, keep):
    p = save_trainer(trained(steps=1), tmp_path / "t.npz")
    data = p.read_bytes()
    p.write_bytes(data[: int(len(data) * keep)])
    expect_error(p)


def test_wrong_shapes(tmp_path):
    p = save_checkpoint(tmp_path / "w.npz", build_network("lenet5"))
    with np.load(p) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["param/C3.weight"] = np.zeros((16, 6, 3, 3), np.float32)
    np.savez(p, **arrays)
    expect_error(p, "C3.weight", "(16, 6, 5, 5)")


def test_parameters_of_another_preset(tmp_path):
    p = save_checkpoint(tmp_path / "mix.npz", build_network("lenet5"))
    with np.load(p) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(str(arrays["meta"]))
    meta["config"] = build_network("lenet5-1998").config.to_dict()
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez(p, **arrays)
    expect_error(p, "do not fit lenet5-1998", "missing S2.bias, S2.coef")


def test_damaged_metadata(tmp_path):
    p = save_checkpoint(tmp_path / "m.npz", build_network())
    with np.load(p) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["meta"] = np.array("{not json")
    np.savez(p, **arrays)
    expect_error(p, "metadata")


def test_unknown_option_value(tmp_path):
    p = save_checkpoint(tmp_path / "o.npz", build_network())
    with np.load(p) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(str(arrays["meta"]))
    meta["config"]["activation"] = "swish"
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez(p, **arrays)
    expect_error(p, "swish")


def test_nan_weights_are_refused(tmp_path):
    net = build_network()
    net.params["F6.bias"][0] = np.nan
    p = save_checkpoint(tmp_path / "nan.npz", net)
    expect_error(p, "F6.bias", "NaN")


def test_bundled_weights_load_and_classify_mnist(mnist_dir):
    from engine_helpers import ROOT

    from engine import load_dataset, preprocess

    net = load_network(ROOT / "resources" / "lenet5_mnist.npz")
    assert (ROOT / "resources" / "lenet5_mnist.npz").stat().st_size < 1_000_000
    ds = load_dataset("mnist", mnist_dir)
    x = preprocess(ds.test_images, net.config.input_size)
    acc = np.mean(net.predict(x) == ds.test_labels)
    assert acc >= 0.992  # the bar for the shipped default-preset weights


def test_zip_with_meta_but_no_params(tmp_path):
    p = tmp_path / "empty.npz"
    with zipfile.ZipFile(p, "w"):
        pass
    expect_error(p)


def test_an_unwritable_folder_is_a_clear_error():
    with pytest.raises(CheckpointError, match="cannot save /proc/x.npz"):
        save_checkpoint("/proc/x.npz", build_network())  # /proc refuses new files, even root's


def test_a_failed_save_leaves_no_temporary_file(tmp_path):
    (tmp_path / "d.npz").mkdir()
    (tmp_path / "d.npz" / "keep").write_text("a folder in the way of the final rename")
    with pytest.raises(CheckpointError, match="cannot save .*d.npz"):
        save_trainer(trained(steps=1), tmp_path / "d.npz")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.npz"]


def rewrite(path, meta=None, drop=(), **arrays):
    """Rewrite a checkpoint with metadata entries and arrays replaced."""
    with np.load(path) as z:
        contents = {k: z[k] for k in z.files if k not in drop}
    data = json.loads(str(contents["meta"]))
    data.update(meta or {})
    contents["meta"] = np.array(json.dumps(data))
    contents.update(arrays)
    np.savez(path, **contents)


def floats(n):
    return np.linspace(0.0, 1.0, n)


CRAFTED = {
    "step is text": ({"meta": {"step": "abc"}}, "step"),
    "step is negative": ({"meta": {"step": -100}}, "step"),
    "step is fractional": ({"meta": {"step": 1.5}}, "step"),
    "epoch is null": ({"meta": {"epoch": None}}, "epoch"),
    "train_config is text": ({"meta": {"train_config": "abc"}}, "training settings"),
    "train_config has a bad lr": ({"meta": {"train_config": {"lr": "fast"}}}, "learning rate"),
    "train_config has a negative seed": ({"meta": {"train_config": {"seed": -1}}}, "seed"),
    "train_config has null epochs": ({"meta": {"train_config": {"epochs": None}}}, "epochs"),
    "dataset is a number": ({"meta": {"dataset": 5}}, "dataset"),
    "train_size is negative": ({"meta": {"train_size": -1}}, "train_size"),
    "notes are text": ({"meta": {"notes": "abc"}}, "notes"),
    "history holds text": ({"arrays": {"history/batch_loss": np.array(["a", "b", "c"])}},
                           "batch_loss"),
    "history holds objects": ({"arrays": {"history/epoch_test_acc": np.array(
        [{"x": 1}], dtype=object)}}, "Python objects"),
    "history is 2-D": ({"arrays": {"history/batch_epoch": np.zeros((3, 2))}}, "batch_epoch"),
    "history is infinite": ({"arrays": {"history/batch_loss": np.array([1.0, np.inf, 2.0])}},
                            "infinite"),
    "per-batch lengths differ": ({"arrays": {"history/batch_loss": floats(10),
                                             "history/batch_epoch": floats(3)}},
                                 "batch_loss 10, batch_epoch 3"),
    "a per-batch array is missing": ({"drop": ["history/batch_epoch"]}, "batch_epoch 0"),
    "per-epoch lengths differ": ({"arrays": {"history/epoch_test_acc": floats(4)}},
                                 "epoch_test_acc 4"),
    "health lengths differ": ({"arrays": {"history/health/step": floats(7)}},
                              "health/step 7"),
    "optimiser state has the wrong shape": ({"arrays": {"optim/velocity/C1.weight": np.zeros(
        (6, 1, 3, 3), np.float32)}}, "velocity/C1.weight"),
    "optimiser state is missing": ({"drop": ["optim/velocity/F6.bias"]}, "velocity/F6.bias"),
    "optimiser state is unexpected": ({"arrays": {"optim/velocity/X9.weight": np.zeros(3)}},
                                      "velocity/X9.weight"),
    "optimiser state is NaN": ({"arrays": {"optim/velocity/F6.bias": np.full(84, np.nan)}},
                               "velocity/F6.bias"),
    "a parameter holds text": ({"arrays": {"param/F6.bias": np.array(["abc"] * 84)}}, "F6.bias"),
}


def crafted(tmp_path, case):
    """A real checkpoint of the builtin digits (history, optimiser, train_config), one step
    into its epoch, then damaged as `case` says."""
    t = Trainer(build_network("lenet5", seed=1), tiny_dataset(n_train=64), TrainConfig(
        batch_size=32))
    for _ in range(2 + 1):  # an epoch of 2 batches (history per epoch too) and one more
        t.train_batch()
    path = save_trainer(t, tmp_path / "crafted.npz")
    if case is not None:
        how, _ = CRAFTED[case]
        rewrite(path, how.get("meta"), how.get("drop", ()), **how.get("arrays", {}))
    return path


def test_the_undamaged_checkpoint_loads_and_resumes(tmp_path):
    path = crafted(tmp_path, None)
    ck = load_checkpoint(path)
    assert ck.step == 3 and ck.epoch == 1 and len(ck.history["health/step"]) == 1
    r = run_train("--resume", str(path), "--dataset", "builtin", "--limit", "64",
                  "--epochs", "2", "--quiet")
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("case", list(CRAFTED))
def test_damaged_metadata_and_history_are_clear_errors(tmp_path, case):
    path = crafted(tmp_path, case)
    expect_error(path, CRAFTED[case][1])
    r = run_train("--resume", str(path), "--dataset", "builtin", "--limit", "64",
                  "--epochs", "1")
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert str(path) in r.stderr and CRAFTED[case][1] in r.stderr


def test_the_learning_rate_of_every_batch_is_kept(tmp_path):
    t = trained(steps=3)
    lr = np.asarray(t.history.batch_lr, np.float64)
    assert lr.shape == (3,) and np.all(lr > 0) and lr[0] == pytest.approx(t.config.lr)
    ck = load_checkpoint(save_trainer(t, tmp_path / "run.npz"))
    np.testing.assert_allclose(History.from_arrays(ck.history).batch_lr, lr)


def test_a_history_without_learning_rates_stays_aligned():
    t = trained(steps=2)
    old = {k: v for k, v in t.history.to_arrays().items() if k != "batch_lr"}
    resumed = Trainer(t.net, t.dataset, t.config, step=2, history=History.from_arrays(old))
    resumed.train_batch()
    lr = resumed.history.batch_lr
    assert len(lr) == len(resumed.history.batch_loss) == 3
    assert np.isnan(lr[:2]).all() and lr[2] > 0


def test_a_checkpoint_from_before_the_learning_rate_series_loads(tmp_path):
    """Histories written before `batch_lr` existed: loaded, the rate NaN and aligned."""
    from engine import History, build_network, load_checkpoint, save_checkpoint

    path = tmp_path / "old.npz"
    losses = np.linspace(2.3, 0.1, 7)
    save_checkpoint(path, build_network("lenet5", seed=1), step=7,
                    history={"batch_loss": losses, "batch_epoch": losses / 10})
    history = History.from_arrays(load_checkpoint(path).history)
    assert len(history.batch_lr) == len(history.batch_loss) == 7
    assert np.isnan(history.batch_lr).all()
