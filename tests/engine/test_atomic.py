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
