"""Faults: a save killed mid-write, and fuzzed checkpoint files. Only the project's own
clear error types may escape; the previous checkpoint always survives."""

import io
import os
import signal
import subprocess
import sys
import time
import zipfile

import numpy as np
import pytest
from engine_helpers import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import CheckpointError, build_network, load_checkpoint, load_network, save_checkpoint
from engine.io.checkpoint import TEMP_PREFIX

CHILD = r"""
import sys, numpy as np
sys.path.insert(0, sys.argv[2])
from engine import build_network, save_checkpoint
net = build_network("lenet5", seed=1)
loss = np.random.default_rng(0).standard_normal(4_000_000)
big = {"batch_loss": loss, "batch_epoch": loss}  # ~64 MB: slow write (paired, as loads insist)
print("ready", flush=True)
while True:
    save_checkpoint(sys.argv[1], net, history=big, step=1)
"""


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_a_save_killed_mid_write_leaves_the_previous_checkpoint_intact(tmp_path, delay):
    path = tmp_path / "run.npz"
    original = build_network("lenet5", seed=0)
    save_checkpoint(path, original, step=0)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(ROOT)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
    ck = load_checkpoint(path)  # either the original or a complete newer one
    assert ck.step in (0, 1)
    net = ck.network()
    if ck.step == 0:
        for k, v in original.params.items():
            np.testing.assert_array_equal(net.params[k], v)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "run.npz"]
    assert all(n.startswith(TEMP_PREFIX) and not n.endswith(".npz") for n in leftovers)
    assert sorted(tmp_path.glob("*.npz")) == [path]  # a *.npz filter never sees a temp file


def _valid_checkpoint_bytes() -> bytes:
    buf = io.BytesIO()
    net = build_network("simple-cnn", seed=0)
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"fuzz-{os.getpid()}.npz")
    save_checkpoint(path, net, step=3)
    with open(path, "rb") as f:
        buf.write(f.read())
    os.unlink(path)
    return buf.getvalue()


VALID = _valid_checkpoint_bytes()


def _load_bytes(tmp_path, data: bytes) -> None:
    p = tmp_path / "fuzz.npz"
    p.write_bytes(data)
    try:
        load_network(p)
    except CheckpointError as exc:
        assert str(p) in str(exc)


FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes_only_raise_checkpoint_errors(tmp_path, data):
    _load_bytes(tmp_path, data)


@FUZZ
@given(st.integers(0, len(VALID) - 1))
def test_truncations_only_raise_checkpoint_errors(tmp_path, n):
    _load_bytes(tmp_path, VALID[:n])


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 7)), min_size=1,
                max_size=8))
def test_bit_flips_only_raise_checkpoint_errors(tmp_path, flips):
    data = bytearray(VALID)
    for pos, bit in flips:
        data[pos] ^= 1 << bit
    _load_bytes(tmp_path, bytes(data))


def test_the_fuzz_seed_file_is_valid(tmp_path):
    p = tmp_path / "ok.npz"
    p.write_bytes(VALID)
    assert load_checkpoint(p).step == 3
    assert zipfile.is_zipfile(p)


def test_lenet_train_killed_at_random_moments_of_its_saves_keeps_a_loadable_checkpoint(
        tmp_path):
    """Every epoch of one batch is a save; SIGKILL lands anywhere among them. The file is
    then a complete checkpoint, the previous one or a newer one, and the next save into the
    folder removes the dead run's temporaries."""
    import random

    path = tmp_path / "run.npz"
    args = [sys.executable, "-m", "engine.cli.train", "--dataset", "builtin", "--limit", "64",
            "--batch-size", "64", "--quiet", "--out", str(path)]
    assert subprocess.run([*args, "--epochs", "1"], cwd=ROOT, capture_output=True,
                          timeout=120).returncode == 0
    rng = random.Random(14)
    for _ in range(4):
        previous = load_checkpoint(path).epoch
        child = subprocess.Popen([*args, "--epochs", "100000", "--resume", str(path)],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 text=True)
        try:
            while not child.stdout.readline().startswith("training:"):
                assert child.poll() is None
            time.sleep(rng.uniform(0.0, 0.6))
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        finally:
            if child.poll() is None:
                child.kill()
            child.stdout.close()
        ckpt = load_checkpoint(path)
        assert ckpt.epoch >= previous and ckpt.network() is not None
    save_checkpoint(path, ckpt.network(), step=ckpt.step, epoch=ckpt.epoch)
    assert [p.name for p in tmp_path.iterdir()] == ["run.npz"]


def test_a_save_removes_the_temporary_a_killed_save_left(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    stale = tmp_path / f"{TEMP_PREFIX}{child.pid}-abc123de.tmp"
    stale.write_bytes(b"PK half a checkpoint")
    save_checkpoint(tmp_path / "run.npz", build_network("simple-cnn", seed=0))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.npz"]


def _valid_arrays() -> dict[str, np.ndarray]:
    """A full checkpoint's arrays: weights, optimiser state, history, training settings."""
    net = build_network("simple-cnn", seed=0)
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"fuzz-full-{os.getpid()}.npz")
    save_checkpoint(path, net, step=3, epoch=1, train_config={"lr": 0.1, "epochs": 2},
                    optimizer={f"velocity/{k}": np.zeros_like(v) for k, v in net.params.items()},
                    history={"batch_loss": np.ones(3), "batch_epoch": np.arange(3.0)})
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    finally:
        os.unlink(path)


ARRAYS = _valid_arrays()
_DTYPES = st.sampled_from(["float32", "float64", "int8", "int64", "uint8", "bool", "complex64",
                           "U3", "S2"])


def _odd_array(draw, like: np.ndarray) -> np.ndarray:
    """An array of another shape or dtype than `like`, or `like` with NaN/inf in it."""
    kind = draw(st.sampled_from(["shape", "dtype", "nonfinite", "scalar"]))
    if kind == "nonfinite" and like.dtype.kind == "f" and like.size:
        out = like.copy()
        out.flat[draw(st.integers(0, like.size - 1))] = draw(st.sampled_from(
            [np.nan, np.inf, -np.inf]))
        return out
    if kind == "scalar":
        return np.array(draw(st.sampled_from([0, 1.5, "x", True])))
    shape = draw(st.lists(st.integers(0, 4), max_size=4)) if kind == "shape" else like.shape
    return np.zeros(shape, dtype=draw(_DTYPES))


@st.composite
def _malformed_arrays(draw) -> dict[str, np.ndarray]:
    arrays = dict(ARRAYS)
    keys = sorted(arrays)
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["drop", "rename", "replace"]))
        if key not in arrays:
            continue
        if action == "drop":
            del arrays[key]
        elif action == "rename":
            arrays[draw(st.sampled_from(["", "param/", "optim/velocity/x", "history/zz",
                                         key + "x", key.upper()]))] = arrays.pop(key)
        else:
            arrays[key] = _odd_array(draw, arrays[key])
    return arrays


@st.composite
def _garbled_meta(draw) -> dict[str, np.ndarray]:
    import json

    meta = json.loads(str(ARRAYS["meta"]))
    key = draw(st.sampled_from([*sorted(meta), "config.layers", "config.activation"]))
    value = draw(st.one_of(st.none(), st.integers(-5, 10**20), st.floats(), st.text(max_size=5),
                           st.lists(st.integers(), max_size=2), st.just({})))
    if key.startswith("config.") and isinstance(meta.get("config"), dict):
        meta["config"][key.split(".", 1)[1]] = value
    elif draw(st.booleans()):
        meta[key] = value
    else:
        del meta[key]
    text = json.dumps(meta) if draw(st.booleans()) else json.dumps(meta)[: draw(
        st.integers(0, 40))]
    return {**ARRAYS, "meta": np.array(text)}


def _load_arrays(tmp_path, arrays: dict[str, np.ndarray]) -> None:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    _load_bytes(tmp_path, buf.getvalue())


@FUZZ
@given(_malformed_arrays())
def test_missing_renamed_misshapen_or_nonfinite_arrays_only_raise_checkpoint_errors(
        tmp_path, arrays):
    _load_arrays(tmp_path, arrays)


@FUZZ
@given(_garbled_meta())
def test_garbled_metadata_only_raises_checkpoint_errors(tmp_path, arrays):
    _load_arrays(tmp_path, arrays)
