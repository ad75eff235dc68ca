"""Two runs side by side, and the timeline's size over a long run.

1. Training speed: one headless run in a training process, then an A/B pair (two
   processes, `CompareRun`), then one run again (interleaved, so a change in the machine's
   load shows). Each run's images/s is measured over `--seconds` after a warm-up; the ratio
   is each pair run's rate over the mean single rate (target >= 0.40).
2. Timeline: the recording schedule of a 20-epoch MNIST run (20 x 938 steps) with the real
   parameter size, simulated step by step (no training): the most bytes it ever holds
   against its budget, and what recording one entry costs.

Prints key=value lines.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from engine import (  # noqa: E402
    CompareRun,
    Dataset,
    RemoteTrainer,
    TrainConfig,
    Trainer,
    TrainingProcess,
    build_network,
    build_pair,
    get_config,
    load_dataset,
    parse_change,
)
from engine.training.timeline import TimelineSchedule, make_entry  # noqa: E402

WARMUP_STEPS = 30


def random_dataset(n: int = 20_000) -> Dataset:
    rng = np.random.default_rng(0)
    return Dataset("builtin", "random images", rng.integers(0, 256, (n, 28, 28), np.uint8),
                   rng.integers(0, 10, n).astype(np.uint8),
                   rng.integers(0, 256, (500, 28, 28), np.uint8),
                   rng.integers(0, 10, 500).astype(np.uint8), tuple("0123456789"))


def measure(remotes: list[RemoteTrainer], seconds: float) -> list[float]:
    """images/s of each run over `seconds`, after each has done WARMUP_STEPS batches."""
    for r in remotes:
        r.start()
    for r in remotes:
        r.wait(lambda x: x.step_count >= WARMUP_STEPS or x.ended, 120)
    before = [(r.step_count, time.perf_counter()) for r in remotes]
    time.sleep(seconds)
    after = [(r.step_count, time.perf_counter()) for r in remotes]
    for r in remotes:
        r.stop()
    for r in remotes:
        r.wait(lambda x: x.ended, 30)
        r.close()
    return [(s1 - s0) * r.batch_size / (t1 - t0)
            for (s0, t0), (s1, t1), r in zip(before, after, remotes, strict=True)]


def single_rate(dataset: Dataset, config: TrainConfig, seconds: float) -> float:
    process = TrainingProcess()
    process.start()
    try:
        trainer = Trainer(build_network("lenet5"), dataset, config)
        return measure([RemoteTrainer(trainer, process, interval=0.5)], seconds)[0]
    finally:
        process.close()


def pair_rates(dataset: Dataset, config: TrainConfig, seconds: float) -> list[float]:
    pair = build_pair(get_config("lenet5"), config, parse_change("activation=sigmoid"), dataset)
    run = CompareRun(pair)
    run.processes = (TrainingProcess(), TrainingProcess())
    try:
        for p in run.processes:
            p.start()
        remotes = [RemoteTrainer(t, p, interval=0.5)
                   for t, p in zip(run.trainers, run.processes, strict=True)]
        return measure(remotes, seconds)
    finally:
        run.close()


def _simulate(schedule: TimelineSchedule, last: int, entry: int
              ) -> tuple[int, int, TimelineSchedule]:
    """Offer steps 0..last as a trainer does: (entries copied, most bytes held, schedule)."""
    most, recorded = 0, 0
    for step in range(last + 1):
        if schedule.wants(step) or step == last:  # the trainer keeps a run's last weights
            schedule.admit(step, entry)
            recorded += 1
            most = max(most, len(schedule.steps) * entry)
    return recorded, most, schedule


def timeline_schedule(epochs: int, steps_per_epoch: int, budget_mb: float) -> dict[str, float]:
    """Simulate the recording schedule of a run with the real lenet5 parameter size."""
    params = build_network("lenet5").params
    entry = sum(v.nbytes for v in params.values())
    last = epochs * steps_per_epoch
    unplanned, _, _ = _simulate(TimelineSchedule(int(budget_mb * 2**20)), last, entry)
    schedule = TimelineSchedule(int(budget_mb * 2**20))
    schedule.plan_run(last, entry)  # as a Trainer does before its first entry
    recorded, most, schedule = _simulate(schedule, last, entry)
    t0 = time.perf_counter()
    for step in range(200):
        make_entry(step, params, 0.05, 0.1)
    copy_us = (time.perf_counter() - t0) / 200 * 1e6
    return {"timeline_steps_simulated": epochs * steps_per_epoch,
            "timeline_entry_bytes": entry, "timeline_entries_kept": len(schedule.steps),
            "timeline_entries_recorded": recorded,
            "timeline_entries_recorded_unplanned": unplanned,
            "timeline_max_mb": most / 2**20, "timeline_budget_mb": budget_mb,
            "timeline_within_budget": int(most <= budget_mb * 2**20),
            "timeline_first_step": schedule.steps[0], "timeline_last_step": schedule.steps[-1],
            "timeline_dense_until": _dense_until(schedule.steps),
            "timeline_record_copy_us": copy_us}


def _dense_until(steps: list[int]) -> int:
    for i, s in enumerate(steps):
        if s != i:
            return i - 1
    return steps[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--data", default=None, help="MNIST folder (default: random images)")
    parser.add_argument("--budget-mb", type=float, default=256.0)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    print(f"machine: {platform.machine()} cores={os.cpu_count()} "
          f"python={platform.python_version()} numpy={np.__version__} "
          f"load={os.getloadavg()[0]:.2f}")
    for key, value in timeline_schedule(20, 938, args.budget_mb).items():
        print(f"{key}={value:.4g}" if isinstance(value, float) else f"{key}={value}")
    if args.skip_speed:
        return
    dataset = load_dataset("mnist", args.data) if args.data else random_dataset()
    config = TrainConfig(epochs=50, batch_size=64)
    first = single_rate(dataset, config, args.seconds)
    pair = pair_rates(dataset, config, args.seconds)
    last = single_rate(dataset, config, args.seconds)
    single = (first + last) / 2
    print(f"single_before_images_per_s={first:.0f} single_after_images_per_s={last:.0f}")
    print(f"pair_a_images_per_s={pair[0]:.0f} pair_b_images_per_s={pair[1]:.0f}")
    print(f"pair_ratio_a={pair[0] / single:.3f} pair_ratio_b={pair[1] / single:.3f} "
          f"min_pair_ratio={min(pair) / single:.3f} load_after={os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
