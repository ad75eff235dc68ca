"""lenet-train: train LeNet-5 headless, with a progress bar, per-epoch test accuracy and a
confusion matrix at the end.

    lenet-train --epochs 20 --augment --out runs/lenet5.npz
    lenet-train --epochs 3 --timeline --out runs/rewind.npz     (weights along the run too)
    lenet-train --epochs 3 --compare activation=sigmoid         (A/B side by side)
    python -m engine.cli.train --preset lenet5-1998 --dataset mnist --data ~/mnist

Bad input ends with one line on stderr (no traceback): exit status 2 for bad options or
files (and for a batch that cannot fit in memory), 1 when training diverges, 130 when
interrupted. A diverging run never writes over --out, which keeps its last end-of-epoch
checkpoint: the weights put back from before the caught step go to `<name>.diverged.npz`,
with a safer learning rate as its own (resuming it without --lr does not diverge again).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import numpy as np

from ..data.datasets import DATASET_NAMES, Dataset, builtin_dataset, load_dataset
from ..errors import LenetError
from ..explain import example_markdown, seed003_example
from ..io.checkpoint import Checkpoint, check_writable, load_checkpoint, save_checkpoint
from ..nn.config import OPTION_CHOICES, PRESETS, get_config
from ..nn.network import Network, build_network
from ..training import (
    COMPARE_OPTIONS,
    DEFAULT_BUDGET,
    SCHEDULES,
    History,
    RunState,
    Timeline,
    TrainConfig,
    Trainer,
    default_lr,
    parse_change,
)
from .compare import compare_main
from .progress import DownloadProgress, ProgressBar, fmt_time

PROG = "lenet-train"
_D = TrainConfig()  # defaults of the training options
TRAIN_OPTIONS = tuple(f.name for f in dataclasses.fields(TrainConfig))  # same names as argparse


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option in one line, with status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _whole_number(low: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"{text!r} must be at least {low}")
        return value

    return parse


_positive_int = _whole_number(1)


def _number(low: float, high: float | None = None, *,
            open_high: bool = False) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value) or value < low or (
            high is not None and (value >= high if open_high else value > high)
        ):
            bound = f" and below {high:g}" if open_high else (f" and at most {high:g}" if high
                                                              is not None else "")
            raise argparse.ArgumentTypeError(f"{text!r} must be at least {low:g}{bound}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Train LeNet-5 (NumPy engine) without the GUI.")
    p.add_argument("--preset", choices=list(PRESETS), default=None,
                   help="network preset (default lenet5, or the checkpoint's with --resume)")
    for option, values in OPTION_CHOICES.items():
        flag = "--c3" if option == "c3_connections" else f"--{option}"
        p.add_argument(flag, dest=option, choices=list(values), default=None,
                       help=f"override the preset's {option.replace('_', ' ')}")
    p.add_argument("--dataset", choices=list(DATASET_NAMES), default="mnist")
    p.add_argument("--data", metavar="DIR", default=None,
                   help="folder holding the four IDX files (else $LENET_DATA_DIR, the cache, "
                        "or a download)")
    p.add_argument("--no-download", action="store_true",
                   help="fail instead of downloading a missing dataset")
    # training options default to None, meaning "not given": the checkpoint's value on
    # --resume, else TrainConfig's default
    p.add_argument("--epochs", type=_positive_int, default=None,
                   help=f"total epochs, counting those of a resumed run (default {_D.epochs})")
    p.add_argument("--batch-size", type=_positive_int, default=None,
                   help=f"default {_D.batch_size}")
    p.add_argument("--lr", type=_number(0.0), default=None,
                   help="base learning rate (default: depends on the network, e.g. 0.05 "
                        "for softmax outputs, 0.3 for squared error)")
    p.add_argument("--momentum", type=_number(0.0, 1.0, open_high=True), default=None,
                   help=f"default {_D.momentum:g}")
    p.add_argument("--weight-decay", type=_number(0.0), default=None,
                   help=f"default {_D.weight_decay:g}")
    p.add_argument("--schedule", choices=list(SCHEDULES), default=None,
                   help=f"default {_D.schedule}")
    p.add_argument("--augment", action=argparse.BooleanOptionalAction, default=None,
                   help="random shifts, rotations and scaling of training images")
    p.add_argument("--seed", type=_whole_number(0), default=None, help=f"default {_D.seed}")
    p.add_argument("--limit", type=_positive_int, default=None, metavar="N",
                   help="train on the first N training images only (quick runs)")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="checkpoint to write after every epoch (.npz); a diverged run's "
                        "state goes beside it, to NAME.diverged.npz")
    p.add_argument("--resume", metavar="FILE", default=None, help="continue from a checkpoint")
    p.add_argument("--timeline", action="store_true",
                   help="record the weights along the run into the checkpoint (--out)")
    p.add_argument("--timeline-budget", type=_number(1.0), default=DEFAULT_BUDGET / 2**20,
                   metavar="MB", help="memory the timeline may use (default %(default)g MB)")
    p.add_argument("--compare", metavar="OPTION=VALUE", default=None,
                   help="train a second run with one option changed beside this one "
                        f"({', '.join(COMPARE_OPTIONS)}) and compare them")
    p.add_argument("--summary", action="store_true", help="print the layer table and exit")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--explain", action="store_true",
                   help="walk through seed 003's small network by hand and exit")
    return p


def _fail(message: str, status: int = 2) -> NoReturn:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    raise SystemExit(status)


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray, classes: int = 10) -> np.ndarray:
    """(classes, classes) counts: rows are true classes, columns predicted ones."""
    m = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(m, (labels.astype(np.int64), predictions.astype(np.int64)), 1)
    return m


def format_confusion(m: np.ndarray, names: Sequence[str]) -> str:
    short = [n[:7] for n in names]
    w = max(6, max(len(s) for s in short) + 1, max(len(str(v)) for v in m.ravel()) + 1)
    head = "true\\pred " + "".join(f"{s:>{w}}" for s in short)
    rows = [f"{short[i]:>9} " + "".join(f"{v:>{w}}" for v in m[i]) for i in range(len(m))]
    return "\n".join([head, *rows])


def _load_data(args: argparse.Namespace, out: TextIO) -> Dataset:
    progress = DownloadProgress()
    if args.dataset == "builtin" and args.limit:
        dataset = builtin_dataset(n_train=args.limit, n_test=max(200, args.limit // 5))
    else:
        dataset = load_dataset(args.dataset, args.data, download=not args.no_download,
                               progress=progress)
    progress.finish()
    if args.limit and args.limit < len(dataset.train_labels):
        dataset = dataclasses.replace(dataset, train_images=dataset.train_images[:args.limit],
                                      train_labels=dataset.train_labels[:args.limit])
    out.write(f"dataset: {dataset.source} ({len(dataset.train_labels):,} training, "
              f"{len(dataset.test_labels):,} test images)\n")
    return dataset


def _network_and_state(args: argparse.Namespace) -> tuple[Network, Checkpoint | None]:
    """The network to train, and resume state if any."""
    options = {k: getattr(args, k) for k in OPTION_CHOICES}
    if args.resume:
        ckpt = load_checkpoint(args.resume)
        if args.preset and args.preset != ckpt.config.preset:
            raise LenetError(f"{args.resume} holds a {ckpt.config.preset} network, not "
                             f"{args.preset}; drop --preset or pick another checkpoint")
        changed = [k for k, v in options.items() if v and v != getattr(ckpt.config, k)]
        if changed:
            raise LenetError(f"{args.resume} was trained with other {', '.join(changed)}; "
                             "variant options cannot change on resume")
        return ckpt.network(), ckpt
    config = get_config(args.preset or "lenet5", **options)
    seed = args.seed if args.seed is not None else _D.seed
    return build_network(config, seed=seed), None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout
    try:
        if args.explain:
            out.write(example_markdown(seed003_example()))
            return 0
        if args.summary:
            config = get_config(args.preset or "lenet5",
                                **{k: getattr(args, k) for k in OPTION_CHOICES})
            out.write(Network(config, build_network(config).params).summary_table() + "\n")
            return 0
        if args.compare:
            return _compare(args, out)
        return _train(args, out)
    except LenetError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{PROG}: interrupted\n")
        return 130
    except BrokenPipeError:  # the output went to `head` or a closed pager: stop quietly
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except MemoryError:
        _fail("out of memory; try a smaller --batch-size", 1)


def _train_config(args: argparse.Namespace, net: Network, ckpt: Checkpoint | None
                  ) -> tuple[TrainConfig, TrainConfig | None, dict[str, tuple[Any, Any]]]:
    """(config to train with, the checkpoint's own, {option: (saved, given)} overridden):
    options given on the command line win, the rest come from the checkpoint if any."""
    given = {k: getattr(args, k) for k in TRAIN_OPTIONS if getattr(args, k) is not None}
    if ckpt is None or not ckpt.train_config:
        return TrainConfig(lr=default_lr(net.config)).replace(**given), None, {}
    saved = TrainConfig.from_dict(ckpt.train_config)
    changed = {k: (getattr(saved, k), v) for k, v in given.items() if v != getattr(saved, k)}
    return saved.replace(**given), saved, changed


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    """--compare: runs A and B side by side (engine.cli.compare)."""
    change = parse_change(args.compare)
    for flag, given in (("--resume", args.resume), ("--out", args.out),
                        ("--timeline", args.timeline)):
        if given:
            raise LenetError(f"--compare trains two new runs and saves neither; drop {flag}")
    net = get_config(args.preset or "lenet5", **{k: getattr(args, k) for k in OPTION_CHOICES})
    given = {k: getattr(args, k) for k in TRAIN_OPTIONS if getattr(args, k) is not None}
    config = TrainConfig(lr=default_lr(net)).replace(**given)
    return compare_main(net, config, change, _load_data(args, out), out)


def _timeline(args: argparse.Namespace, ckpt: Checkpoint | None) -> Timeline | None:
    """The resumed checkpoint's timeline (it records on), else with --timeline a new one."""
    if ckpt is not None and ckpt.timeline is not None:
        return ckpt.timeline
    if not args.timeline:
        return None
    if args.out is None:
        raise LenetError("--timeline records into the checkpoint: give --out FILE")
    return Timeline(int(args.timeline_budget * 2**20))


def _describe_data(name: str, size: int | None) -> str:
    return name if size is None else f"{name} ({size:,} training images)"


def _check_dataset(path: str, ckpt: Checkpoint, name: str, size: int | None = None) -> None:
    """Refuse to continue a run on other data (checkpoints that do not say: no check)."""
    if ckpt.dataset is None:
        return
    other_size = None not in (size, ckpt.train_size) and size != ckpt.train_size
    if ckpt.dataset != name or other_size:
        raise LenetError(f"{path} was trained on {_describe_data(ckpt.dataset, ckpt.train_size)}"
                         f", not {_describe_data(name, size)}; resume with the same --dataset "
                         "and --limit, or start a new run")


def _batches_per_epoch(n_train: int, batch_size: int) -> int:
    return max(1, n_train // min(batch_size, n_train))  # as Trainer counts them


def _resume_step(ckpt: Checkpoint, saved: TrainConfig | None, config: TrainConfig,
                 n_train: int) -> int:
    """The checkpoint's step in batches of the new size, so the epoch stays the same."""
    old = _batches_per_epoch(n_train, saved.batch_size if saved else config.batch_size)
    new = _batches_per_epoch(n_train, config.batch_size)
    if ckpt.step // old != ckpt.epoch:
        # trained on another number of images (older checkpoints don't record it): its
        # step means nothing here, so go on at the start of its next epoch
        return ckpt.epoch * new
    return ckpt.step * new // old


def _note_divergence(ckpt: Checkpoint, config: TrainConfig, out: TextIO) -> None:
    """A checkpoint saved after a divergence: say so, and with which learning rate."""
    note = ckpt.notes.get("diverged")
    if isinstance(note, dict) and isinstance(note.get("lr"), (int, float)):
        out.write(f"note: this checkpoint was saved after training diverged with learning "
                  f"rate {note['lr']:g}; going on with {config.lr:g}\n")


def _fmt(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _train(args: argparse.Namespace, out: TextIO) -> int:
    net, ckpt = _network_and_state(args)
    config, saved, changed = _train_config(args, net, ckpt)
    out_path = check_writable(args.out) if args.out else None
    if ckpt is not None:
        _check_dataset(args.resume, ckpt, args.dataset)
        if ckpt.epoch >= config.epochs:
            out.write(f"{args.resume}: training already reached epoch {ckpt.epoch} and the "
                      f"run's total is {config.epochs}; nothing to train (give --epochs above "
                      f"{ckpt.epoch} to go on)\n")
            return 0
    dataset = _load_data(args, out)
    step = 0
    if ckpt is not None:
        _check_dataset(args.resume, ckpt, dataset.name, len(dataset.train_labels))
        step = _resume_step(ckpt, saved, config, len(dataset.train_labels))
        overrides = ", ".join(f"{k.replace('_', '-')} {_fmt(old)} -> {_fmt(new)}"
                              for k, (old, new) in changed.items())
        out.write(f"resuming {args.resume} after epoch {ckpt.epoch} (step {ckpt.step})"
                  f"{'; overridden: ' + overrides if overrides else ''}\n")
        _note_divergence(ckpt, config, out)
    trainer = Trainer(
        net, dataset, config,
        history=History.from_arrays(ckpt.history) if ckpt and ckpt.history else None,
        step=step,
        optimizer_state=ckpt.optimizer if ckpt else None,
        timeline=_timeline(args, ckpt),
    )
    _describe_run(trainer, config, out)
    start = time.perf_counter()
    _Run(trainer, out_path, ProgressBar(sys.stderr, not args.quiet), out).run()
    _report(trainer, dataset, out, time.perf_counter() - start)
    _save(trainer, out_path)
    if out_path is not None:
        out.write(f"saved {out_path}\n")
    return 0


def _describe_run(trainer: Trainer, config: TrainConfig, out: TextIO) -> None:
    n_train = len(trainer.dataset.train_labels)
    if trainer.batch_size < config.batch_size:
        out.write(f"note: batch size {config.batch_size} is larger than the "
                  f"{n_train} training images; using {trainer.batch_size}\n")
    net = trainer.net
    out.write(f"network: {net.config.describe()} ({net.num_params:,} parameters)\n")
    out.write(f"training: {config.epochs} epochs, batch {trainer.batch_size}, lr {config.lr:g} "
              f"({config.schedule}), momentum {config.momentum:g}, weight decay "
              f"{config.weight_decay:g}{', augmented' if config.augment else ''}, "
              f"seed {config.seed}\n")
    out.flush()


def _save(trainer: Trainer, out_path: Path | None) -> None:
    """Write the run's checkpoint (weights, optimiser, history), when --out was given."""
    if out_path is not None:
        save_checkpoint(out_path, trainer.net, **trainer.checkpoint_fields())


def diverged_path(out_path: Path) -> Path:
    """Where a diverged run's weights go: beside --out, never over it."""
    return out_path.with_name(out_path.stem + ".diverged.npz")


class _Run:
    """The training loop's callbacks: the progress bar, and one line and a checkpoint per
    finished epoch; a checkpoint also on Ctrl-C. On divergence --out is left alone (it
    keeps the last end-of-epoch checkpoint) and the restored weights go to
    `diverged_path(--out)`: the step before the caught one may already have done damage."""

    def __init__(self, trainer: Trainer, out_path: Path | None, bar: ProgressBar,
                 out: TextIO) -> None:
        self.trainer, self.out_path, self.bar, self.out = trainer, out_path, bar, out
        self.last_epoch = trainer.epoch
        self.saved_epoch: int | None = None  # the epoch of this run's last save to --out

    def run(self) -> None:
        try:
            while not self.trainer.done and self.trainer.state != RunState.DIVERGED:
                self.trainer.train_batch()
                self.on_batch(self.trainer)
        except KeyboardInterrupt:
            self.bar.clear()
            _save(self.trainer, self.out_path)
            raise
        self.bar.clear()
        if self.trainer.state == RunState.DIVERGED:
            _fail(f"{self.trainer.message or 'training diverged'} {self._where()}", 1)

    def _where(self) -> str:
        """Save the diverged state beside --out and say which weights are where."""
        t, out_path = self.trainer, self.out_path
        if out_path is None:
            return "Nothing was saved (no --out)."
        if self.saved_epoch is not None:
            kept = f"{out_path} keeps the checkpoint of epoch {self.saved_epoch}"
        elif out_path.exists():
            kept = f"{out_path} was not touched"
        else:
            kept = f"nothing was written to {out_path}"
        bad = diverged_path(out_path)
        step = t.divergence.step if t.divergence else t.step_count
        try:
            save_checkpoint(bad, t.net, **t.checkpoint_fields())
        except LenetError as exc:
            return f"{kept}; the weights from before step {step} were not saved ({exc})."
        return (f"{kept}; the weights from before step {step} (an earlier step may already "
                f"have damaged them) are in {bad}.")

    def on_batch(self, t: Trainer) -> None:
        self.bar.update(t)
        if t.epoch == self.last_epoch:
            return
        self.last_epoch = t.epoch
        h = t.history
        self.bar.clear()
        self.out.write(f"epoch {t.epoch:>2}/{t.config.epochs}  train {h.epoch_train_acc[-1]:.2%}"
                       f"  test {h.epoch_test_acc[-1]:.2%}  test loss "
                       f"{h.epoch_test_loss[-1]:.4f}  {h.epoch_images_per_s[-1]:,.0f} img/s  "
                       f"{h.epoch_seconds[-1]:.0f} s\n")
        self.out.flush()
        _save(t, self.out_path)
        self.saved_epoch = t.epoch


def _report(trainer: Trainer, dataset: Dataset, out: TextIO, seconds: float) -> None:
    """The test set's confusion matrix and accuracy at the end of the run."""
    preds = trainer.predict_test().argmax(axis=1)
    acc = float(np.mean(preds == dataset.test_labels)) if len(preds) else float("nan")
    out.write("\nconfusion matrix (test set):\n")
    out.write(format_confusion(confusion_matrix(dataset.test_labels, preds),
                               dataset.class_names) + "\n")
    out.write(f"\ntest accuracy {acc:.2%} ({int(np.sum(preds != dataset.test_labels))} errors "
              f"of {len(preds):,}) after {trainer.epoch} epochs in {fmt_time(seconds)}\n")


if __name__ == "__main__":
    sys.exit(main())
