"""`python main.py` as a user types it: every bad option is one line on stderr and exit
status 2, before any window (or Qt) is involved. lenet-train's options: test_cli.py."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from engine_helpers import ROOT

from lenet_gui.app import parse_args


def run_app(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LENET_GUI_NO_DIALOGS": "1"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("args", [
    ["--bogus"], ["--preset", "lenet9"], ["--dataset", "cifar"], ["--data"],
    ["--checkpoint"], ["--preset"], ["stray-word"], ["-platform"], ["--dataset=cifar"],
    ["--dataset", "builtin", "--bogus=1"],
])
def test_bad_options_give_one_line_and_status_2(args):
    r = run_app(*args)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("lenet-gui: error:"), r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_help_exits_0():
    r = run_app("--help")
    assert r.returncode == 0 and "--checkpoint" in r.stdout and "-platform" in r.stdout


def test_qt_options_are_passed_on_to_qt():
    args, qt = parse_args(["-platform", "offscreen", "--dataset", "builtin", "-reverse",
                           "-style=fusion"])
    assert args.dataset == "builtin"
    assert qt == ["-platform", "offscreen", "-reverse", "-style=fusion"]


def test_options_are_parsed():
    args, qt = parse_args(["--data", "/x", "--preset", "lenet5-1998", "--checkpoint", "c.npz"])
    assert (args.data, args.preset, args.checkpoint, args.dataset) == (
        "/x", "lenet5-1998", "c.npz", None)
    assert qt == []
