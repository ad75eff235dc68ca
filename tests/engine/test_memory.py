"""A batch too large for the memory is refused up front, in one sentence."""

from __future__ import annotations

import sys
import tracemalloc

import numpy as np
import pytest

from engine import ConfigError, TrainConfig, Trainer, build_network, builtin_dataset, get_config
from engine.cli.train import main
from engine.nn.hot_path import MICRO_BATCH
from engine.training import memory

GB = 10**9


def test_the_estimate_grows_with_the_batch_and_augmentation():
    config = get_config("lenet5")
    sizes = [1, 16, 32, 33, 200, 1000, 60_000]
    estimates = [memory.batch_bytes(config, n) for n in sizes]
    assert estimates == sorted(estimates) and len(set(estimates)) == len(sizes)
    assert memory.batch_bytes(config, 1000, augment=True) > memory.batch_bytes(config, 1000)
    assert memory.batch_bytes(config, 1000, np.float64) > memory.batch_bytes(config, 1000)
    # LeNet-5 holds about 0.4 MB an image during a step, but only for one micro-batch:
    # past it a step grows by the input and the class probabilities alone
    one = memory.batch_bytes(config, MICRO_BATCH)
    assert one > MICRO_BATCH * 300_000
    data = (config.input_size**2 + config.num_classes) * 4
    assert (memory.batch_bytes(config, 2 * 32_000) - memory.batch_bytes(config, 32_000)
            == memory.preprocess_bytes(64_000, config.input_size, np.float32)
            - memory.preprocess_bytes(32_000, config.input_size, np.float32) + 32_000 * data)


@pytest.mark.parametrize(("preset", "augment"), [("lenet5", False), ("toolbox-cnn", True)])
def test_the_estimate_bounds_what_a_training_step_really_allocates(preset, augment):
    data = builtin_dataset(n_train=400, n_test=10)
    net = build_network(preset)
    t = Trainer(net, data, TrainConfig(batch_size=200, augment=augment))
    tracemalloc.start()
    try:
        t.train_batch()
        t.train_batch()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    estimate = memory.batch_bytes(net.config, 200, augment=augment)
    assert 0.5 * estimate < peak <= estimate


def test_a_batch_over_the_budget_is_a_config_error_naming_one_that_fits():
    config = get_config("lenet5")
    with pytest.raises(ConfigError, match=r"batch of 100,000 images needs about .* at most "
                                          r"[\d,]+$") as info:
        memory.check_batch_memory(config, 100_000, available=GB)
    fits = int(str(info.value).rsplit(" ", 1)[1].replace(",", ""))
    memory.check_batch_memory(config, fits, available=GB)  # the batch it names fits...
    with pytest.raises(ConfigError):  # ... and is the largest that does
        memory.check_batch_memory(config, fits + 1, available=GB)


def test_no_check_when_the_system_does_not_say(monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: None)
    memory.check_batch_memory(get_config("lenet5"), 10**7)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/meminfo")
def test_available_memory_is_read_on_linux():
    free = memory.available_memory()
    assert free is not None and free > 0


def test_the_trainer_refuses_a_batch_that_cannot_fit(monkeypatch):
    monkeypatch.setattr(memory, "available_memory", lambda: 25 * 10**6)
    data = builtin_dataset(n_train=1000, n_test=10)
    with pytest.raises(ConfigError, match="use a batch size of at most"):
        Trainer(build_network("lenet5"), data, TrainConfig(batch_size=1000))
    Trainer(build_network("lenet5"), data, TrainConfig(batch_size=16))  # a small one fits


def test_lenet_train_refuses_in_one_line_with_status_2(monkeypatch, capsys):
    monkeypatch.setattr(memory, "available_memory", lambda: 25 * 10**6)
    with pytest.raises(SystemExit) as exit_:
        main(["--dataset", "builtin", "--limit", "1000", "--batch-size", "100000", "--quiet"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "batch of 1,000 images needs about" in err
