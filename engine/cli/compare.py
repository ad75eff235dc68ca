"""`lenet-train --compare OPTION=VALUE`: train run A (the options given) and run B (the same
with one option changed) side by side, each in a process of its own, then print both
accuracy tables and a one-line verdict.
"""

from __future__ import annotations

import time
from typing import TextIO

from ..data.datasets import Dataset
from ..nn.config import NetworkConfig
from ..remote import CompareRun, RemoteTrainer
from ..training import (
    Change,
    History,
    Pair,
    RunState,
    TrainConfig,
    Trainer,
    build_pair,
    final_accuracy,
    verdict,
)
from ..training.compare import describe_change

_POLL = 0.25  # seconds between looks at the two runs


def compare_main(net: NetworkConfig, train: TrainConfig, change: Change, dataset: Dataset,
                 out: TextIO) -> int:
    """Train the pair and report; 0 when at least one run finished, 1 when both diverged
    or failed."""
    pair = build_pair(net, train, change, dataset)
    out.write(describe_change(pair) + "\n")
    for which in ("A", "B"):
        out.write(f"{pair.label(which)}: {_describe(_trainer(pair, which))}\n")
    out.flush()
    with CompareRun(pair) as run:
        run.start()
        _follow(run, pair, out)
        failed = [r.state != RunState.FINISHED for r in run.remotes]
    for which in ("A", "B"):
        out.write("\n" + accuracy_table(pair.label(which), _trainer(pair, which).history))
    diverged = (pair.a.state == RunState.DIVERGED, pair.b.state == RunState.DIVERGED)
    out.write("\n" + verdict(pair.label("A"), final_accuracy(pair.a.history), pair.label("B"),
                             final_accuracy(pair.b.history), train.epochs, diverged) + "\n")
    return 1 if all(failed) else 0


def _trainer(pair: Pair, which: str) -> Trainer:
    return pair.a if which == "A" else pair.b


def _describe(t: Trainer) -> str:
    c = t.config
    return (f"{t.net.config.describe()}; lr {c.lr:g}, batch {t.batch_size}"
            f"{', augmented' if c.augment else ''}")


def _follow(run: CompareRun, pair: Pair, out: TextIO) -> None:
    """One line per finished epoch of either run, and why a run ended early."""
    shown = [0, 0]
    told = [False, False]
    while True:
        ended = run.ended
        for i, (which, remote) in enumerate(zip("AB", run.remotes, strict=True)):
            shown[i] = _new_epochs(pair.label(which), remote, shown[i], out)
            if remote.ended and not told[i] and remote.state != RunState.FINISHED:
                told[i] = True
                out.write(f"{pair.label(which)} {remote.state}: {remote.message or ''}\n")
        out.flush()
        if ended:
            return
        time.sleep(_POLL)


def _new_epochs(label: str, remote: RemoteTrainer, shown: int, out: TextIO) -> int:
    h = remote.history
    for e in range(shown, len(h.epoch_test_acc)):
        out.write(f"{label} epoch {e + 1:>2}/{remote.config.epochs}  train "
                  f"{h.epoch_train_acc[e]:.2%}  test {h.epoch_test_acc[e]:.2%}  test loss "
                  f"{h.epoch_test_loss[e]:.4f}  {h.epoch_images_per_s[e]:,.0f} img/s\n")
    return len(h.epoch_test_acc)


def accuracy_table(title: str, history: History) -> str:
    """Per epoch: training and test accuracy and test loss, under `title`."""
    rows = [title, f"{'epoch':>5}  {'train acc':>9}  {'test acc':>8}  {'test loss':>9}"]
    for e, (train, test, loss) in enumerate(zip(history.epoch_train_acc,
                                                history.epoch_test_acc,
                                                history.epoch_test_loss, strict=True)):
        rows.append(f"{e + 1:>5}  {train:>9.2%}  {test:>8.2%}  {loss:>9.4f}")
    if len(rows) == 2:
        rows.append("  (no epoch finished)")
    return "\n".join(rows) + "\n"
