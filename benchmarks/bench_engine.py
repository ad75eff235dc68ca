"""Engine speed: training images/s at batch 64 (float32) and single-image inference time.

Trains the default preset on synthetic batches for a few seconds. The last line printed is
`train_images_per_s=<number> inference_ms=<number>`.
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

from engine import build_network  # noqa: E402
from engine.blas import single_blas_thread  # noqa: E402
from engine.training.optim import SGD  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--preset", default="lenet5")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()

    single_blas_thread()  # as the Trainer does
    net = build_network(args.preset, dtype=np.float32, seed=0)
    s = net.config.input_size
    rng = np.random.default_rng(0)
    batches = [
        (rng.uniform(-0.1, 1.175, (args.batch_size, 1, s, s)).astype(np.float32),
         rng.integers(0, 10, args.batch_size))
        for _ in range(16)
    ]
    opt = SGD(net.params, lr=0.01, momentum=0.9, weight_decay=5e-4)

    def train_step(x, y):
        trace = net.forward(x, reuse_buffers=True)
        grads = net.backward(trace, y)
        opt.step(grads.params)
        net.enforce_constraints()

    for i in range(20):  # warm-up: buffers, BLAS threads
        train_step(*batches[i % 16])
    images, start = 0, time.perf_counter()
    i = 0
    while time.perf_counter() - start < args.seconds:
        train_step(*batches[i % 16])
        images += args.batch_size
        i += 1
    train_rate = images / (time.perf_counter() - start)

    one = batches[0][0][:1].copy()
    for _ in range(50):
        net.forward(one)
    times = []
    for _ in range(500):
        t0 = time.perf_counter()
        net.forward(one)
        times.append(time.perf_counter() - t0)
    inference_ms = float(np.median(times) * 1e3)

    print(f"machine: {platform.machine()} {platform.processor() or ''} cores={os.cpu_count()} "
          f"python={platform.python_version()} numpy={np.__version__}")
    print(f"preset={args.preset} batch={args.batch_size} float32")
    print(f"train_images_per_s={train_rate:.0f} inference_ms={inference_ms:.3f}")


if __name__ == "__main__":
    main()
