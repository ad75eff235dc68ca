"""Checkpoints round-trip everything, and every bad file is a clear CheckpointError."""

import json
import zipfile

import numpy as np
import pytest
from engine_helpers import tiny_dataset

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
from engine.checkpoint import TEMP_PREFIX


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


def test_not_an_npz(tmp_path):
    p = tmp_path / "text.npz"
    p.write_text("hello, I am not a checkpoint")
    expect_error(p, "not a lenet-gui checkpoint")


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
