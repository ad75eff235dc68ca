"""The one atomic-write helper: all or nothing under the final name, no temporary left."""

import os

import pytest

from engine import TempFileError, atomic_write


def test_the_file_appears_whole_with_a_plain_files_mode(tmp_path):
    target = tmp_path / "out.bin"
    with atomic_write(target) as f:
        f.write(b"abc")
        assert not target.exists()  # nothing under the final name until the end
    assert target.read_bytes() == b"abc"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert os.listdir(tmp_path) == ["out.bin"]


def test_a_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target, prefix=".x-") as f:
        f.write(b"new")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.bin"]


def test_a_missing_folder_is_a_temp_file_error(tmp_path):
    with pytest.raises(TempFileError) as info, atomic_write(tmp_path / "no" / "out.bin"):
        pass
    assert isinstance(info.value, OSError) and info.value.strerror


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_write_removes_temporaries_of_dead_writers_only(tmp_path):
    target = tmp_path / "out.bin"
    dead = tmp_path / f".x-{_dead_pid()}-abcd1234.tmp"
    alive = tmp_path / f".x-{os.getppid()}-abcd1234.tmp"  # a live writer: still writing
    fresh_old_style = tmp_path / ".x-k2j4h5g6.tmp"
    stale_old_style = tmp_path / ".x-q1w2e3r4.tmp"
    others = [tmp_path / ".y-1-abcd1234.tmp", tmp_path / "x-1-abcd.tmp", tmp_path / "keep.npz"]
    for p in (dead, alive, fresh_old_style, stale_old_style, *others):
        p.write_bytes(b"partial")
    os.utime(stale_old_style, (1_000_000, 1_000_000))  # untouched for decades
    with atomic_write(target, prefix=".x-") as f:
        f.write(b"new")
    left = set(os.listdir(tmp_path))
    assert dead.name not in left and stale_old_style.name not in left
    assert {alive.name, fresh_old_style.name, "out.bin", *(p.name for p in others)} == left


def test_temporary_names_carry_the_writers_pid(tmp_path):
    with atomic_write(tmp_path / "out.bin", prefix=".x-") as f:
        names = os.listdir(tmp_path)
        f.write(b"a")
    assert len(names) == 1 and names[0].startswith(f".x-{os.getpid()}-")
