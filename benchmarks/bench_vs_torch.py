"""The engine against PyTorch's CPU build on the same network, in the same process run.

Where PyTorch is installed (it is no dependency of this project; use a separate venv, e.g.
`python3 -m venv /work/torchvenv && /work/torchvenv/bin/pip install torch numpy
threadpoolctl && /work/torchvenv/bin/pip install -e . --no-deps`), trains the default
preset lenet5 (conv 5x5x6 + ReLU, max-pool, conv 5x5x16 full + ReLU, max-pool, dense 120,
84, 10, softmax cross-entropy, SGD with momentum, float32) in the engine (one BLAS thread)
and in PyTorch with 1 and 2 threads, interleaved, `--repeat` times per batch size, on the
same synthetic batches. Prints one `key=value` line per figure: the medians of each and
the ratios engine / torch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import (  # noqa: E402
    ROOT,
    Step,
    images_per_s,
    new_engine,
    synthetic_batches,
    use_engine,
)


def torch_step(threads: int) -> Step:
    """The same network and optimiser in PyTorch, with `threads` intra-op threads."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10),
    )
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    loss_fn = nn.CrossEntropyLoss()
    cache: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}

    def step(x: np.ndarray, y: np.ndarray) -> None:
        torch.set_num_threads(threads)
        key = id(x)
        if key not in cache:  # the engine gets NumPy arrays as they are: no conversion
            cache[key] = (torch.from_numpy(x), torch.from_numpy(y.astype(np.int64)))
        tx, ty = cache[key]
        opt.zero_grad(set_to_none=True)
        loss_fn(model(tx), ty).backward()
        opt.step()

    return step


def run(kind: str, step: Step, batches: list, seconds: float) -> float:
    threads = 1 if kind in ("engine", "torch1") else 2
    with threadpool_limits(limits=threads):
        return images_per_s(step, batches, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch-sizes", default="16,64,256,1024")
    parser.add_argument("--seconds", type=float, default=2.0, help="per run")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved runs per figure")
    parser.add_argument("--engine-root", type=Path, default=ROOT)
    args = parser.parse_args()
    use_engine(args.engine_root)
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed here: nothing to compare (see the docstring)")
        return
    print(f"torch={torch.__version__} numpy={np.__version__} load={os.getloadavg()[0]:.2f} "
          f"engine={args.engine_root}")
    from threadpoolctl import threadpool_info

    kernels = [str(lib.get("architecture")) for lib in threadpool_info()
               if lib.get("user_api") == "blas" and "openblas" in str(lib.get("prefix"))]
    print(f"numpy_blas_kernel={kernels[0] if kernels else 'unknown'}")
    for batch in (int(b) for b in args.batch_sizes.split(",")):
        net, engine = new_engine("lenet5")
        steps = {"engine": engine, "torch1": torch_step(1), "torch2": torch_step(2)}
        batches = synthetic_batches(batch, net.config.input_size)
        rates: dict[str, list[float]] = {k: [] for k in steps}
        ratios: dict[str, list[float]] = {"torch1": [], "torch2": []}
        for _ in range(args.repeat):
            for kind, step in steps.items():
                rates[kind].append(run(kind, step, batches, args.seconds))
            for kind in ratios:  # each ratio from one interleaved round
                ratios[kind].append(rates["engine"][-1] / rates[kind][-1])
        for kind, values in rates.items():
            report(f"b{batch}_{kind}_images_per_s", values, "{:.0f}")
        for kind, values in ratios.items():
            report(f"b{batch}_engine_over_{kind}", values, "{:.2f}")


def report(key: str, values: list[float], fmt: str) -> None:
    """`key=median` and `key_range=min-max`."""
    lo, mid, hi = (fmt.format(v) for v in (min(values), statistics.median(values), max(values)))
    print(f"{key}={mid}\n{key}_range={lo}-{hi}", flush=True)


if __name__ == "__main__":
    main()
