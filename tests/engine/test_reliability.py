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
