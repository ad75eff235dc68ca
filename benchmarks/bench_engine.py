"""Engine speed and memory: training images/s at batch 16, 64, 256 and 1024 (float32, SGD
with momentum), test-set evaluation images/s, single-image inference p50/p99, and the peak
RSS of `lenet-train --epochs 1`.

Prints one `key=value` line per figure. `--engine-root DIR` measures the engine of another
checkout (e.g. `git worktree add /tmp/perf-base main`) with this same script, for A/B runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MNIST = ROOT.parent / "shared" / "data" / "mnist"

Step = Callable[[np.ndarray, np.ndarray], None]


def blas_kernel() -> str:
    """The kernel family NumPy's BLAS chose (threadpoolctl's "architecture"), e.g. Haswell."""
    from threadpoolctl import threadpool_info

    found = [str(lib.get("architecture")) for lib in threadpool_info()
             if lib.get("user_api") == "blas"]
    return found[0] if found else "unknown"


def use_engine(root: Path) -> None:
    """Import `engine` from `root` (this checkout unless told otherwise)."""
    sys.path.insert(0, str(root))


def engine_step(net: Any, opt: Any) -> Step:
    """One SGD step as the Trainer takes it: gradients, update, connection-table mask."""
    if hasattr(net, "train_gradients"):
        def step(x: np.ndarray, y: np.ndarray) -> None:
            opt.step(net.train_gradients(x, y).params)
            net.enforce_constraints()
    else:  # an older engine: forward and backward through the full trace
        def step(x: np.ndarray, y: np.ndarray) -> None:
            opt.step(net.backward(net.forward(x, reuse_buffers=True), y).params)
            net.enforce_constraints()
    return step


def synthetic_batches(batch: int, size: int, count: int = 8
                      ) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(batch)
    return [(rng.uniform(-0.1, 1.175, (batch, 1, size, size)).astype(np.float32),
             rng.integers(0, 10, batch)) for _ in range(count)]


def images_per_s(step: Step, batches: list[tuple[np.ndarray, np.ndarray]],
                 seconds: float) -> float:
    """Steps over `batches` in turn for about `seconds` (after two warm-up steps)."""
    return rates(step, batches, seconds)[0]


def rates(step: Step, batches: list[tuple[np.ndarray, np.ndarray]], seconds: float
          ) -> tuple[float, float]:
    """(images per wall-clock second, images per CPU second of this process). On a shared
    machine the second says more about the code: other processes take wall time, not CPU
    time (they still share the caches)."""
    for x, y in batches[:2]:
        step(x, y)
    images, i = 0, 0
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds or i < 3:
        x, y = batches[i % len(batches)]
        step(x, y)
        images += len(y)
        i += 1
    return (images / (time.perf_counter() - start),
            images / max(time.process_time() - cpu, 1e-9))


def new_engine(preset: str) -> tuple[Any, Step]:
    from engine import build_network
    from engine.training.optim import SGD

    net = build_network(preset, dtype=np.float32, seed=0)
    opt = SGD(net.params, lr=0.01, momentum=0.9, weight_decay=5e-4)
    return net, engine_step(net, opt)


def eval_rates(preset: str, seconds: float) -> tuple[float, float]:
    """Test-set evaluation (`engine.training.evaluation.predict`) of 10,000 raw images:
    (images per wall-clock second, per CPU second)."""
    from engine.training.evaluation import predict

    net, _ = new_engine(preset)
    images = np.random.default_rng(0).integers(0, 256, (10_000, 28, 28), dtype=np.uint8)
    predict(net, images[:1000])
    runs, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds or runs < 1:
        predict(net, images)
        runs += 1
    done = runs * len(images)
    return (done / (time.perf_counter() - start),
            done / max(time.process_time() - cpu, 1e-9))


def inference_times(preset: str, count: int = 2000) -> tuple[float, float]:
    """(p50, p99) in ms of `predict_proba` on one preprocessed image."""
    net, _ = new_engine(preset)
    s = net.config.input_size
    one = np.random.default_rng(1).uniform(-0.1, 1.175, (1, 1, s, s)).astype(np.float32)
    for _ in range(100):
        net.predict_proba(one)
    times = np.empty(count)
    for i in range(count):
        t0 = time.perf_counter()
        net.predict_proba(one)
        times[i] = time.perf_counter() - t0
    return float(np.median(times) * 1e3), float(np.percentile(times, 99) * 1e3)


def train_peak_rss_mb(root: Path, data: Path) -> float:
    """Peak RSS of `lenet-train --epochs 1` (a child process) on MNIST, in MB."""
    env = dict(os.environ, PYTHONPATH=str(root))
    out = Path("/tmp") / f"bench_engine_{os.getpid()}.npz"
    cmd = [sys.executable, "-m", "engine.cli.train", "--data", str(data), "--epochs", "1",
           "--quiet", "--no-download", "--out", str(out)]
    # Linux carries a forked child's high-water mark across exec, so a child forked from this
    # (large, after the training figures) process would report our RSS: a tiny interpreter
    # in between forks the run and reports its children's peak.
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, cwd=root, check=True,
                          capture_output=True, text=True)
    out.unlink(missing_ok=True)
    return int(done.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--preset", default="lenet5")
    parser.add_argument("--batch-sizes", default="16,64,256,1024")
    parser.add_argument("--seconds", type=float, default=3.0, help="per training figure")
    parser.add_argument("--engine-root", type=Path, default=ROOT)
    parser.add_argument("--data", type=Path, default=MNIST, help="MNIST for the RSS figure")
    parser.add_argument("--no-memory", action="store_true", help="skip the lenet-train run")
    args = parser.parse_args()
    use_engine(args.engine_root)
    from engine.blas import single_blas_thread

    single_blas_thread()  # as the Trainer does
    print(f"machine: {platform.machine()} cores={os.cpu_count()} "
          f"python={platform.python_version()} numpy={np.__version__} "
          f"load={os.getloadavg()[0]:.2f} engine={args.engine_root}")
    print(f"blas_kernel={blas_kernel()}")  # OPENBLAS_CORETYPE, if set, decides it
    for batch in (int(b) for b in args.batch_sizes.split(",")):
        net, step = new_engine(args.preset)
        wall, cpu = rates(step, synthetic_batches(batch, net.config.input_size),
                          args.seconds)
        print(f"train_b{batch}_images_per_s={wall:.0f}")
        print(f"train_b{batch}_images_per_cpu_s={cpu:.0f}", flush=True)
    wall, cpu = eval_rates(args.preset, args.seconds)
    print(f"eval_images_per_s={wall:.0f}")
    print(f"eval_images_per_cpu_s={cpu:.0f}", flush=True)
    p50, p99 = inference_times(args.preset)
    print(f"inference_p50_ms={p50:.3f}")
    print(f"inference_p99_ms={p99:.3f}", flush=True)
    if not args.no_memory:
        print(f"train_epoch_peak_rss_mb={train_peak_rss_mb(args.engine_root, args.data):.0f}")


if __name__ == "__main__":
    main()
