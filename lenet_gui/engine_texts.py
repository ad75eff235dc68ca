"""The engine's English texts as the GUI shows them, translated.

The engine cannot import Qt, so its option labels, preset descriptions, dataset and class
names, layer descriptions, run states and common error messages arrive in English. This
table marks each one for lupdate (context "EngineTexts"); `text()` looks a text up at run
time, and `error()` translates the messages the GUI most often shows by their pattern.
Whatever is not in the table is shown as the engine wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine import OPTION_CHOICES, OPTION_LABELS, NetworkConfig

CONTEXT = "EngineTexts"

# every text below is an English text of the engine, verbatim
MARKED: tuple[str, ...] = (
    # OPTION_LABELS
    str(QT_TRANSLATE_NOOP("EngineTexts", "scaled tanh 1.7159 tanh(2u/3) (1998)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "sigmoid")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "trainable a*sum+b (1998)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "max-pooling")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "mean-pooling")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "1998 table (60 kernels)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "full (96 kernels)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "softmax + cross-entropy")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "sigmoid + squared error")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "f(F7) then softmax (seed 004)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "uniform +-2.4/fan_in (1998)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "He/LeCun normal")),
    # PRESET_DESCRIPTIONS
    str(QT_TRANSLATE_NOOP("EngineTexts",
                          "LeNet-5 structure, modern choices (ReLU, max-pool, full C3, softmax)")),
    str(QT_TRANSLATE_NOOP("EngineTexts",
                          "LeNet-5 as in 1998 (scaled tanh, trainable subsampling, C3 table)")),
    str(QT_TRANSLATE_NOOP("EngineTexts",
                          "seed 000: 6c5-mean2-12c5-mean2, sigmoid + squared error (28x28)")),
    str(QT_TRANSLATE_NOOP("EngineTexts",
                          "seed 002: one conv + one max-pool, sigmoid + squared error (28x28)")),
    # dataset display names and sources
    str(QT_TRANSLATE_NOOP("EngineTexts", "built-in digits")),
    # layer descriptions (LayerSpec.description)
    str(QT_TRANSLATE_NOOP("EngineTexts", "conv 5x5")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "conv 5x5, full")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "conv 5x5, 1998 table")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "subsampling 2x2, a*sum+b")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "max-pool 2x2")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "mean-pool 2x2")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "full")),
    # RunState values
    str(QT_TRANSLATE_NOOP("EngineTexts", "ready")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "running")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "paused")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "finished")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "stopped")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "diverged")),
    # why training stopped
    str(QT_TRANSLATE_NOOP("EngineTexts", "the loss became infinite or NaN")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "the loss became huge")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "the training process is not running")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "the training process sent a damaged message")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "the training process was closed")),
    # the derivation's layer kinds and the names of its checks (engine.explain)
    str(QT_TRANSLATE_NOOP("EngineTexts", "trainable subsampling")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "convolution")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "convolution, 1998 table")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "convolution to 1x1 (fully connected)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "fully connected")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(a)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(b)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(f)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(f_prev)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(u)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(w)")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(a), batch")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(b), batch")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "delta(w), batch")),
    # Fashion-MNIST's classes
    str(QT_TRANSLATE_NOOP("EngineTexts", "T-shirt/top")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Trouser")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Pullover")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Dress")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Coat")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Sandal")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Shirt")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Sneaker")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Bag")),
    str(QT_TRANSLATE_NOOP("EngineTexts", "Ankle boot")),
)

# (the engine's message as a pattern, its translatable template with {0}, {1}... for the
# groups): the messages a user meets, about data files, downloads and checkpoints
ERROR_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), template) for pattern, template in (
        (r"(.+): file not found",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0}: file not found"))),
        (r"(.+): no such file",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0}: file not found"))),
        (r"(.+): permission denied",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0}: permission denied"))),
        (r"(.+): is a directory, not an IDX file",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0}: is a folder, not an IDX file"))),
        (r"data directory (.+) does not exist",
         str(QT_TRANSLATE_NOOP("EngineTexts", "data folder {0} does not exist"))),
        (r"data directory (.+) is not a directory",
         str(QT_TRANSLATE_NOOP("EngineTexts", "data folder {0} is not a folder"))),
        (r"data directory (.+) is not readable \((.*)\)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "data folder {0} is not readable ({1})"))),
        (r"(.+) files missing in (.+): (.+)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0} files missing in {1}: {2}"))),
        (r"(.+) not found \(looked in (.+)\); pass --data DIR, download it, or use "
         r"--dataset builtin",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0} not found (looked in {1})"))),
        (r"(.+): truncated gzip data \(the file ends too early\)",
         str(QT_TRANSLATE_NOOP("EngineTexts",
                               "{0}: truncated gzip data (the file ends too early)"))),
        (r"(.+): corrupt gzip data \((.*)\)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0}: corrupt gzip data ({1})"))),
        (r"Training diverged at step (\d+) \(epoch (\d+)\): (.+) with learning rate (\S+)\. "
         r"The weights from before that step are kept; lower the learning rate, or reset\.",
         str(QT_TRANSLATE_NOOP("EngineTexts", "Training diverged at step {0} (epoch {1}): {2} "
                               "with learning rate {3}. The weights from before that step are "
                               "kept; lower the learning rate, or reset."))),
        (r"(\S+) became infinite or NaN",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0} became infinite or NaN"))),
        (r"one step changed (\S+) by (\S+)x its own size",
         str(QT_TRANSLATE_NOOP("EngineTexts", "one step changed {0} by {1}x its own size"))),
        (r"Training stopped: (.+)\.",
         str(QT_TRANSLATE_NOOP("EngineTexts", "Training stopped: {0}."))),
        (r"the training process ended unexpectedly \(exit code (.+)\)",
         str(QT_TRANSLATE_NOOP("EngineTexts",
                               "the training process ended unexpectedly (exit code {0})"))),
        (r"the training process stopped responding \(nothing for (\d+) s\) and was ended",
         str(QT_TRANSLATE_NOOP("EngineTexts", "the training process stopped responding "
                               "(nothing for {0} s) and was ended"))),
        (r"download of (.+) cancelled",
         str(QT_TRANSLATE_NOOP("EngineTexts", "download of {0} cancelled"))),
        (r"could not download (.+?): (.+)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "could not download {0}: {1}"))),
        (r"cannot save (.+?): (.+)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "cannot save {0}: {1}"))),
        (r"(.+) is empty, not a lenet-gui checkpoint",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0} is empty, not a lenet-gui checkpoint"))),
        (r"(.+) is not a lenet-gui checkpoint \(not an \.npz archive\)",
         str(QT_TRANSLATE_NOOP("EngineTexts",
                               "{0} is not a lenet-gui checkpoint (not an .npz archive)"))),
        # what "Compare with…" can be given: a typed learning rate or batch size
        (r"lr must be a number, not (.+)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "the learning rate must be a number, not {0}"))),
        (r"batch_size must be a number, not (.+)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "the batch size must be a whole number, not {0}"))),
        (r"learning rate must be a number of 0 or more, got (.+)",
         str(QT_TRANSLATE_NOOP("EngineTexts",
                               "the learning rate must be a number of 0 or more, not {0}"))),
        (r"batch size must be a whole number of at least 1, got (.+)",
         str(QT_TRANSLATE_NOOP("EngineTexts",
                               "the batch size must be a whole number of at least 1, not {0}"))),
    ))

# a dataset's `source`: where its images came from
SOURCE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), template) for pattern, template in (
        (r"built-in generated digits \(seed (\d+)\)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "built-in generated digits (seed {0})"))),
        (r"(.+) \(cache (.+)\)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0} (cache {1})"))),
        (r"(.+?) from (.+)",
         str(QT_TRANSLATE_NOOP("EngineTexts", "{0} from {1}"))),
    ))


def text(english: str) -> str:
    """An engine text in the UI's language (unchanged when not in the table)."""
    return QCoreApplication.translate(CONTEXT, english)


def texts(english: Iterable[str]) -> tuple[str, ...]:
    return tuple(text(t) for t in english)


def option_label(option: str, value: str) -> str:
    return text(OPTION_LABELS[option][value])


def describe_config(config: NetworkConfig) -> str:
    """`NetworkConfig.describe()` in the UI's language."""
    parts = [option_label(k, getattr(config, k)) for k in OPTION_CHOICES if config.applies(k)]
    return QCoreApplication.translate("EngineTexts", "{0}: {1}").format(
        config.preset, QCoreApplication.translate("EngineTexts", ", ").join(parts))


def _by_pattern(message: str, patterns: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    whole = text(message)
    if whole != message:
        return whole
    for pattern, template in patterns:
        match = pattern.fullmatch(message)
        if match:
            groups = [_by_pattern(g, patterns) for g in match.groups()]  # shorter: ends
            return QCoreApplication.translate(CONTEXT, template).format(*groups)
    return message


def kind(description: str) -> str:
    """A layer kind as the derivation names it ("convolution", "output (softmax)")."""
    match = re.fullmatch(r"output \((\w+)\)", description)
    if match is None:
        return text(description)
    mode = match.group(1)
    shown = option_label("output", mode) if mode in OPTION_LABELS["output"] else mode
    return QCoreApplication.translate("EngineTexts", "output ({0})").format(shown)


def error(message: str) -> str:
    """An engine message in the UI's language: whole, by pattern, or as the engine wrote
    it. Names inside it (datasets) are translated too."""
    return _by_pattern(message, ERROR_PATTERNS)


def source(dataset_source: str) -> str:
    """A dataset's `source` ("MNIST from DIR", "built-in generated digits (seed 0)")."""
    return _by_pattern(dataset_source, SOURCE_PATTERNS)
