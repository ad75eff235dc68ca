"""lenet-train --explain walks through seed 003's network, step by step beside the seed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from engine import seed003_example

ROOT = Path(__file__).resolve().parents[2]


def test_explain_prints_the_seed003_walkthrough():
    done = subprocess.run([sys.executable, "-m", "engine.cli.train", "--explain"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    example = seed003_example()
    assert example.title in done.stdout
    for stage in ("forward", "backward", "update"):
        assert f"| {stage} |" in done.stdout
    for step in example.steps:
        if step.seed_text is not None:
            assert step.seed_text in done.stdout
    for step in example.disagreements:  # where the seed slips, and why
        assert step.note in done.stdout
    assert "**no**" in done.stdout
