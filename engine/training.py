"""The training loop, controllable from another thread, and immutable snapshots for the GUI.

A `Trainer` owns a network, a dataset and an SGD optimiser. A worker thread calls `run()`
(or `train_batch()` itself); any thread may call `pause()`, `resume()`, `stop()`,
`request_step()`, `set_lr()` and `set_momentum()`: they only set flags under a lock, which
the loop reads between batches. `snapshot(probe)` returns a frozen `Snapshot` of copies, safe
to hand to another thread.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any

import numpy as np

from .blas import single_blas_thread
from .data.augment import augment_batch
from .data.datasets import Dataset
from .data.preprocess import preprocess
from .errors import ConfigError
from .nn.network import Network
from .optim import SCHEDULES, SGD, Schedule



class RunState(str, Enum):
    """A trainer's state. A `str` so that it pickles, prints and compares as its value."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"
    DIVERGED = "diverged"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


# transitional aliases: code outside the engine uses RunState's members
READY, RUNNING, PAUSED, FINISHED, STOPPED, DIVERGED = (
    RunState.READY, RunState.RUNNING, RunState.PAUSED,
    RunState.FINISHED, RunState.STOPPED, RunState.DIVERGED,
)

def default_lr(config) -> float:
    """A base learning rate that trains this network well with SGD + momentum 0.9
    (measured on MNIST, batch 64).

    Softmax outputs: 0.05, the 1998 network included (0.1 is unstable with the 1998
    initialisation, 0.2 diverges). Squared error on sigmoid outputs: 0.3 (seed 000's
    network reaches 88% after one epoch; DeepLearnToolbox used 1.0 without momentum).
    Seed 002's single-conv network feeds 864 all-positive sigmoid outputs into its output
    layer, so every step moves the outputs a lot: 0.01 (68% after one epoch; it learns
    fastest with small batches and no momentum).
    """
    if config.architecture == "simple":
        return 0.01
    return 0.3 if config.output == "sigmoid_mse" else 0.05


# Above this, float32 training is numerically meaningless: stop and say so.
LOSS_LIMIT = 1e4
# A step that moves some layer's weights by more than twice their own size is a blow-up.
# Healthy runs of every preset stay below 0.45 even at batch size 1 (measured on MNIST);
# squared-error outputs saturate instead of growing the loss, so only this catches them.
UPDATE_RATIO_LIMIT = 2.0
# On-line distortions: shifts, rotation, scale and a mild elastic field (~1 px rms; Simard
# et al.'s alpha 34 on top of the affine part bends thin strokes out of shape).
AUGMENTATION = {
    "max_shift": 2.0, "max_rotate_deg": 10.0, "scale_range": (0.9, 1.1),
    "elastic_alpha": 16.0, "elastic_sigma": 4.0,
}
HEALTH_EVERY = 10
# Random streams are keyed (seed, epoch or step, stream): the stream tag comes last and is
# never 0, because SeedSequence ignores trailing zeros ([s, 0] is the same stream as [s],
# the network's initialisation).
_SHUFFLE_STREAM, _AUGMENT_STREAM = 1, 2  # steps between gradient-health samples


@dataclass(frozen=True)
class TrainConfig:
    """How to train: the options of `lenet-train` and the GUI's controls."""

    epochs: int = 20
    batch_size: int = 64
    lr: float = 0.05
    momentum: float = 0.9
    weight_decay: float = 5e-4
    schedule: str = "cosine"
    augment: bool = False
    seed: int = 0

    def __post_init__(self) -> None:
        validate_train_config(self)

    def replace(self, **changes: Any) -> TrainConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def validate_train_config(c: TrainConfig) -> None:
    if not isinstance(c.epochs, int) or c.epochs < 1:
        raise ConfigError(f"epochs must be a whole number of at least 1, got {c.epochs!r}")
    if not isinstance(c.batch_size, int) or c.batch_size < 1:
        raise ConfigError(f"batch size must be a whole number of at least 1, got {c.batch_size!r}")
    check_lr(c.lr)
    check_momentum(c.momentum)
    if not (math.isfinite(c.weight_decay) and c.weight_decay >= 0):
        raise ConfigError(f"weight decay must be 0 or more, got {c.weight_decay!r}")
    if c.schedule not in SCHEDULES:
        raise ConfigError(f"unknown schedule {c.schedule!r}; choose one of {', '.join(SCHEDULES)}")
    if not isinstance(c.augment, bool):
        raise ConfigError(f"augment must be true or false, got {c.augment!r}")
    # numpy's generators take only non-negative seeds
    if isinstance(c.seed, bool) or not isinstance(c.seed, int) or c.seed < 0:
        raise ConfigError(f"seed must be a whole number of 0 or more, got {c.seed!r}")


def check_lr(lr: float) -> float:
    if not (isinstance(lr, int | float) and math.isfinite(lr) and lr >= 0):
        raise ConfigError(f"learning rate must be a number of 0 or more, got {lr!r}")
    return float(lr)


def check_momentum(m: float) -> float:
    if not (isinstance(m, int | float) and math.isfinite(m) and 0 <= m < 1):
        raise ConfigError(f"momentum must be at least 0 and below 1, got {m!r}")
    return float(m)


@dataclass(frozen=True)
class History:
    """What training has done so far (immutable copy)."""

    batch_loss: np.ndarray  # (steps,) training loss per batch
    batch_epoch: np.ndarray  # (steps,) fractional epoch of each batch
    epoch_train_acc: tuple[float, ...] = ()
    epoch_train_loss: tuple[float, ...] = ()
    epoch_test_acc: tuple[float, ...] = ()
    epoch_test_loss: tuple[float, ...] = ()
    epoch_images_per_s: tuple[float, ...] = ()
    epoch_seconds: tuple[float, ...] = ()
    # gradient health, sampled every HEALTH_EVERY steps: "step", "delta_u/<layer>" (mean
    # |dJ/du| over the batch) and "update_ratio/<layer>" (||weight update|| / ||weight||)
    health: Mapping[str, np.ndarray] = field(default_factory=lambda: MappingProxyType({}))

    @staticmethod
    def empty() -> History:
        return History(np.zeros(0, np.float32), np.zeros(0, np.float32))

    def to_arrays(self) -> dict[str, np.ndarray]:
        out = {f.name: np.asarray(getattr(self, f.name), dtype=np.float64)
               for f in dataclasses.fields(self) if f.name != "health"}
        out.update({f"health/{k}": np.asarray(v, np.float64) for k, v in self.health.items()})
        return out

    @staticmethod
    def from_arrays(data: Mapping[str, np.ndarray]) -> History:
        kw: dict[str, Any] = {}
        for f in dataclasses.fields(History):
            if f.name == "health":
                continue
            a = np.asarray(data.get(f.name, np.zeros(0)), dtype=np.float64)
            kw[f.name] = a.astype(np.float32) if f.name.startswith("batch") else tuple(
                float(v) for v in a)
        kw["health"] = MappingProxyType({
            k[len("health/"):]: np.asarray(v, np.float64) for k, v in data.items()
            if k.startswith("health/")})
        return History(**kw)


class _Growing:
    """An append-only float array whose read-only prefix views stay valid forever.

    Entries are never changed once written, and growth moves to a new buffer, so a view
    handed out earlier (in a Snapshot's History) never sees later writes: freezing the
    history costs O(1) per array instead of a copy of every batch so far.
    """

    def __init__(self, initial, dtype) -> None:
        initial = np.asarray(initial, dtype=dtype).reshape(-1)
        self._buf = np.empty(max(1024, 2 * initial.size), dtype=dtype)
        self._buf[: initial.size] = initial
        self._n = initial.size

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=self._buf.dtype).reshape(-1)
        need = self._n + values.size
        if need > self._buf.size:
            grown = np.empty(max(2 * self._buf.size, need), dtype=self._buf.dtype)
            grown[: self._n] = self._buf[: self._n]
            self._buf = grown
        self._buf[self._n : need] = values
        self._n = need

    def append(self, value: float) -> None:
        if self._n == self._buf.size:
            grown = np.empty(2 * self._buf.size, dtype=self._buf.dtype)
            grown[: self._n] = self._buf[: self._n]
            self._buf = grown
        self._buf[self._n] = value
        self._n += 1

    def __len__(self) -> int:
        return self._n

    def view(self) -> np.ndarray:
        v = self._buf[: self._n]
        v.flags.writeable = False
        return v


class _HistoryLog:
    """The mutable log behind `History`, grown by the worker thread."""

    def __init__(self, start: History | None = None) -> None:
        start = start or History.empty()
        self.batch_loss = _Growing(start.batch_loss, np.float32)
        self.batch_epoch = _Growing(start.batch_epoch, np.float32)
        self.epoch = {f.name: list(getattr(start, f.name)) for f in dataclasses.fields(History)
                      if f.name.startswith("epoch")}
        self.health = {k: _Growing(v, np.float64) for k, v in start.health.items()}

    def add_health(self, values: dict[str, float]) -> None:
        for k, v in values.items():
            if k not in self.health:
                self.health[k] = _Growing([], np.float64)
            self.health[k].append(v)

    def lengths(self) -> dict[str, Any]:
        """How long every series is (for `tail`)."""
        return {"batch": len(self.batch_loss),
                "epoch": {k: len(v) for k, v in self.epoch.items()},
                "health": {k: len(v) for k, v in self.health.items()}}

    def tail(self, since: dict[str, Any]) -> dict[str, Any]:
        """Everything appended after `since` (from `lengths`): plain, picklable."""
        b = since["batch"]
        return {
            "batch_loss": np.array(self.batch_loss.view()[b:]),
            "batch_epoch": np.array(self.batch_epoch.view()[b:]),
            "epoch": {k: v[since["epoch"].get(k, 0):] for k, v in self.epoch.items()},
            "health": {k: np.array(v.view()[since["health"].get(k, 0):])
                       for k, v in self.health.items()},
        }

    def extend(self, tail: dict[str, Any]) -> None:
        """Append a `tail` taken from a log that started like this one."""
        self.batch_loss.extend(tail["batch_loss"])
        self.batch_epoch.extend(tail["batch_epoch"])
        for k, values in tail["epoch"].items():
            self.epoch[k].extend(values)
        for k, values in tail["health"].items():
            if k not in self.health:
                self.health[k] = _Growing([], np.float64)
            self.health[k].extend(values)

    def freeze(self) -> History:
        return History(
            self.batch_loss.view(),
            self.batch_epoch.view(),
            **{k: tuple(v) for k, v in self.epoch.items()},
            health=MappingProxyType({k: v.view() for k, v in self.health.items()}),
        )


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=np.float32, copy=True)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Evaluation:
    """The network's answers for the whole test set after an epoch (or on demand)."""

    step: int
    epoch: int
    probabilities: np.ndarray  # (M, 10) float32, read-only
    labels: np.ndarray  # (M,) uint8, read-only

    @property
    def predictions(self) -> np.ndarray:
        return self.probabilities.argmax(axis=1)

    @property
    def accuracy(self) -> float:
        return float(np.mean(self.predictions == self.labels)) if len(self.labels) else 0.0

    def confusion(self) -> np.ndarray:
        """(10, 10) counts, rows true class, columns predicted class."""
        m = np.zeros((10, 10), dtype=np.int64)
        np.add.at(m, (self.labels.astype(np.int64), self.predictions), 1)
        return m

    def mistakes(self) -> np.ndarray:
        """Indices of wrongly classified test images, most confident mistake first."""
        wrong = np.flatnonzero(self.predictions != self.labels)
        confidence = self.probabilities[wrong, self.predictions[wrong]]
        return wrong[np.argsort(-confidence, kind="stable")]


def _frozen_copy(a: np.ndarray) -> np.ndarray:
    a = a.copy()
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Snapshot:
    """Everything the GUI shows about one moment of training, as read-only copies.

    Per layer, `activations`/`pre_activations`/`delta_u` hold one image's maps, (C, H, W) for
    map layers and (units,) for vector layers. `delta_u` is against `label` (the probe's
    true label, or the predicted class when there is none, e.g. for a drawing).
    """

    step: int
    epoch: int  # completed epochs
    epoch_progress: float  # 0..1 within the current epoch
    epochs: int
    state: str
    lr: float
    momentum: float
    images_per_s: float
    eta_seconds: float | None
    history: History
    layer_names: tuple[str, ...]
    input: np.ndarray  # (S, S)
    activations: MappingProxyType
    pre_activations: MappingProxyType
    delta_u: MappingProxyType
    probabilities: np.ndarray  # (10,)
    label: int | None
    target: int  # the class delta_u is computed against
    probe_loss: float
    params: MappingProxyType  # copies of the network's parameters at this step
    message: str | None = None
    running_accuracy: float | None = None
    # dJ/dx for the probe against its predicted class (saliency), (S, S)
    saliency: np.ndarray | None = None
    # dJ/dx for the probe against `target` (the input's own sensitivity map), (S, S)
    input_delta: np.ndarray | None = None
    # dJ/dparam of the last training batch (read-only copies), e.g. "C1.weight"
    batch_grads: Mapping[str, np.ndarray] = field(default_factory=lambda: MappingProxyType({}))
    evaluation: Evaluation | None = None  # latest test-set evaluation (shared, immutable)
    created: float = field(default_factory=time.monotonic)

    @property
    def prediction(self) -> int:
        return int(np.argmax(self.probabilities))


@dataclass
class TrainerState:
    """A Trainer's whole state as plain values and array copies (picklable): to continue
    training somewhere else, e.g. in another process (`engine.remote`), and to come back."""

    network_config: Any  # NetworkConfig
    dtype: str
    params: dict[str, np.ndarray]
    config: TrainConfig
    step: int
    epoch: int
    optimizer: dict[str, np.ndarray]
    base_lr: float
    momentum: float
    history: dict[str, np.ndarray]  # History.to_arrays()
    state: str = READY
    message: str | None = None
    images_per_s: float = 0.0
    evaluation: Evaluation | None = None
    last_grads: dict[str, np.ndarray] | None = None
    epoch_counters: tuple[int, int, float] = (0, 0, 0.0)


def _frozen(a: np.ndarray) -> np.ndarray:
    """`a` itself, made read-only (e.g. an array that just came through a pipe)."""
    a = np.asarray(a)
    a.flags.writeable = False
    return a


def frozen_evaluation(ev: Evaluation | None) -> Evaluation | None:
    """An evaluation whose arrays are read-only (after unpickling they are not)."""
    if ev is None:
        return None
    return Evaluation(ev.step, ev.epoch, _frozen(ev.probabilities), _frozen(ev.labels))


def probe_snapshot_arrays(net: Network, x: np.ndarray, label: int | None):
    """Forward and backward for one preprocessed image (1, 1, S, S).

    Returns activations, pre-activations, delta_u (against `label`, or the predicted class
    when None; plus "input": dJ/dx against that target), probabilities, that target, its
    loss, and the saliency dJ/dx for the predicted class.
    """
    with np.errstate(all="ignore"):
        trace = net.forward(x)
        predicted = int(np.argmax(trace.probs[0]))
        target = predicted if label is None else int(label)
        grads = net.backward(trace, np.array([target]), need_input_grad=True)
        if target != predicted:
            saliency = net.backward(trace, np.array([predicted]), need_input_grad=True)
        else:
            saliency = grads
    acts = {k: _readonly(v[0]) for k, v in trace.f.items()}
    pre = {k: _readonly(v[0]) for k, v in trace.u.items()}
    deltas = {k: _readonly(v[0]) for k, v in grads.delta_u.items()}
    first = net.layer_names[0]
    sal = _readonly(saliency.delta_f_prev[first][0, 0])
    deltas["input"] = _readonly(grads.delta_f_prev[first][0, 0])
    return acts, pre, deltas, _readonly(trace.probs[0]), target, float(grads.loss), sal


class TrainingPosition:
    """Where a run is, from `step_count`, `batches_per_epoch` and `config.epochs` (shared by
    `Trainer` and the remote trainer that mirrors one)."""

    step_count: int
    batches_per_epoch: int
    config: TrainConfig

    @property
    def epoch(self) -> int:
        return self.step_count // self.batches_per_epoch

    @property
    def batch_in_epoch(self) -> int:
        return self.step_count % self.batches_per_epoch

    @property
    def epoch_float(self) -> float:
        return self.step_count / self.batches_per_epoch

    @property
    def total_steps(self) -> int:
        return self.config.epochs * self.batches_per_epoch

    @property
    def done(self) -> bool:
        return self.step_count >= self.total_steps


@dataclass
class _Backup:
    """Weights and velocities as they were before step number `step` (-1: stale)."""

    step: int
    params: dict[str, np.ndarray]
    velocity: dict[str, np.ndarray]


class Trainer(TrainingPosition):
    """Trains a network on a dataset; see the module docstring for threading."""

    def __init__(
        self,
        net: Network,
        dataset: Dataset,
        config: TrainConfig | None = None,
        *,
        history: History | None = None,
        step: int = 0,
        optimizer_state: dict[str, np.ndarray] | None = None,
    ) -> None:
        single_blas_thread()
        self.net = net
        self.dataset = dataset
        self.config = config or TrainConfig()
        n_train = len(dataset.train_labels)
        if n_train == 0:
            raise ConfigError(f"{dataset.display_name} has no training images")
        # a batch larger than the dataset becomes the whole dataset
        self.batch_size = min(self.config.batch_size, n_train)
        self.batches_per_epoch = max(1, n_train // self.batch_size)
        self.schedule = Schedule(self.config.schedule, total_epochs=self.config.epochs)
        self.optimizer = SGD(net.params, self.config.lr, self.config.momentum,
                             self.config.weight_decay)
        if optimizer_state is not None:
            self.optimizer.load_state_dict(optimizer_state)
        self.base_lr = self.config.lr
        self.step_count = step
        self._log = _HistoryLog(history)
        self.state = READY
        self.message: str | None = None
        self._cond = threading.Condition()
        self._paused = False
        self._stop = False
        self._steps_requested = 0
        self._pending: dict[str, float] = {}
        self._order: np.ndarray | None = None
        self._order_epoch = -1
        self._epoch_correct = 0
        self._epoch_seen = 0
        self._epoch_loss = 0.0
        self._epoch_start = time.perf_counter()
        self._rate = 0.0
        self._rate_t = time.perf_counter()
        self._rate_steps = 0
        self._size = net.config.input_size
        # weights and velocities before this step and before the previous one (rotated)
        self._backups: list[_Backup] = []
        self._last_grads: dict[str, np.ndarray] | None = None
        self.evaluation: Evaluation | None = None
        self._eval_requested = False

    @property
    def lr(self) -> float:
        return self.schedule.lr(self.base_lr, self.epoch_float)

    @property
    def history(self) -> History:
        return self._log.freeze()

    @property
    def images_per_s(self) -> float:
        return self._rate

    @property
    def momentum(self) -> float:
        return self.optimizer.momentum

    # ---- thread-safe controls ----

    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()

    def request_step(self, n: int = 1) -> None:
        """Train exactly n more batches, then stay paused."""
        with self._cond:
            self._paused = True
            self._steps_requested += n
            self._cond.notify_all()

    def wake(self) -> None:
        """Make a paused `run()` call its `on_idle` now (e.g. the probe image changed)."""
        with self._cond:
            self._cond.notify_all()

    def set_lr(self, lr: float) -> None:
        """Change the base learning rate from the next batch on (the schedule scales it)."""
        lr = check_lr(lr)
        with self._cond:
            self._pending["lr"] = lr

    def set_momentum(self, momentum: float) -> None:
        momentum = check_momentum(momentum)
        with self._cond:
            self._pending["momentum"] = momentum

    @property
    def paused(self) -> bool:
        with self._cond:
            return self._paused

    @property
    def stop_requested(self) -> bool:
        with self._cond:
            return self._stop

    # ---- the loop ----

    def run(
        self,
        on_batch: Callable[[Trainer], None] | None = None,
        on_idle: Callable[[Trainer], None] | None = None,
        idle_interval: float = 0.1,
    ) -> str:
        """Train until the last epoch, a stop, or divergence; returns the final state.

        While paused it waits, calling `on_idle` every `idle_interval` seconds.
        """
        while True:
            with self._cond:
                self._apply_pending()
                while self._paused and not self._stop and self._steps_requested == 0:
                    self.state = PAUSED
                    self._cond.wait(idle_interval)
                    self._cond.release()
                    try:
                        self._evaluate_if_requested()
                        if on_idle is not None:
                            on_idle(self)
                    finally:
                        self._cond.acquire()
                    self._apply_pending()
                if self._stop:
                    self.state = STOPPED
                    return self.state
                if self._steps_requested:
                    self._steps_requested -= 1
            if self.done:
                self.state = FINISHED
                return self.state
            self.state = RUNNING
            self._evaluate_if_requested()
            self.train_batch()
            if on_batch is not None:
                on_batch(self)
            if self.state == DIVERGED:
                return self.state
            if self.done:
                self.state = FINISHED
                return self.state

    # ---- state transfer (engine.remote) ----

    def export_state(self) -> TrainerState:
        """Copies of everything needed to continue this training elsewhere."""
        with self._cond:
            pending = dict(self._pending)
        return TrainerState(
            network_config=self.net.config,
            dtype=self.net.dtype.name,
            params={k: v.copy() for k, v in self.net.params.items()},
            config=self.config,
            step=self.step_count,
            epoch=self.epoch,
            optimizer=self.optimizer.state_dict(),
            # a learning rate or momentum set but not yet applied counts
            base_lr=pending.get("lr", self.base_lr),
            momentum=pending.get("momentum", self.optimizer.momentum),
            history=self.history.to_arrays(),
            state=self.state,
            message=self.message,
            images_per_s=self._rate,
            evaluation=self.evaluation,
            last_grads=None if self._last_grads is None else {
                k: np.array(v) for k, v in self._last_grads.items()},
            epoch_counters=(self._epoch_correct, self._epoch_seen, self._epoch_loss),
        )

    @classmethod
    def from_state(cls, state: TrainerState, dataset: Dataset) -> Trainer:
        """A trainer that continues exactly where `state` was exported."""
        net = Network(state.network_config, state.params, state.dtype)
        trainer = cls(net, dataset, state.config, history=History.from_arrays(state.history),
                      step=state.step, optimizer_state=state.optimizer)
        trainer._restore(state)
        return trainer

    def import_state(self, state: TrainerState) -> None:
        """Take over the state of a trainer of the same network and data that went on
        elsewhere (e.g. in another process); the parameters are written in place."""
        if state.network_config != self.net.config:
            raise ConfigError("the state belongs to another network configuration")
        for k, v in state.params.items():
            self.net.params[k][...] = v
        self.optimizer.load_state_dict(state.optimizer)
        self.config = state.config
        self.step_count = state.step
        self._log = _HistoryLog(History.from_arrays(state.history))
        self._restore(state)

    def _restore(self, state: TrainerState) -> None:
        self.base_lr = state.base_lr
        self.optimizer.momentum = state.momentum
        self.state = state.state
        self.message = state.message
        self._rate = state.images_per_s
        self.evaluation = frozen_evaluation(state.evaluation)
        self._last_grads = state.last_grads
        # mid-epoch: keep this epoch's order and running counters
        self._order, self._order_epoch = self._epoch_order(self.epoch), self.epoch
        self._epoch_correct, self._epoch_seen, self._epoch_loss = state.epoch_counters

    def _apply_pending(self) -> None:
        if "lr" in self._pending:
            self.base_lr = self._pending.pop("lr")
        if "momentum" in self._pending:
            self.optimizer.momentum = self._pending.pop("momentum")

    def _batch_indices(self) -> np.ndarray:
        epoch = self.epoch
        if self._order_epoch != epoch:
            self._order = self._epoch_order(epoch)
            self._order_epoch = epoch
            self._reset_epoch_counters()
        b = self.batch_in_epoch
        return self._order[b * self.batch_size : (b + 1) * self.batch_size]

    def _epoch_order(self, epoch: int) -> np.ndarray:
        # one permutation per epoch, from (seed, epoch): reproducible and resumable
        rng = np.random.default_rng([self.config.seed, epoch, _SHUFFLE_STREAM])
        return rng.permutation(len(self.dataset.train_labels))

    def _reset_epoch_counters(self) -> None:
        self._epoch_correct = self._epoch_seen = 0
        self._epoch_loss = 0.0
        self._epoch_start = time.perf_counter()

    def train_batch(self) -> float:
        """One SGD step on the next mini-batch. Returns its loss (NaN if it diverged)."""
        if self.state == DIVERGED:
            return float("nan")
        idx = self._batch_indices()
        x = preprocess(self.dataset.train_images[idx], self._size, self.net.dtype)
        if self.config.augment:
            # distortions from (seed, step): reproducible, and the same after a resume
            rng = np.random.default_rng([self.config.seed, self.step_count, _AUGMENT_STREAM])
            x = augment_batch(x, rng, **AUGMENTATION)
        y = self.dataset.train_labels[idx]
        self.optimizer.lr = self.lr
        before, previous = self._backup()
        with np.errstate(all="ignore"):
            trace = self.net.forward(x, reuse_buffers=True)
            grads = self.net.backward(trace, y)
            loss = grads.loss
            if not (math.isfinite(loss) and loss < LOSS_LIMIT):
                # the loss is measured before this step: the previous step did the damage.
                # Its weights are undone; the step count and history keep it (its loss was
                # measured on the weights now restored), so a resume starts one batch on.
                return self._diverged(
                    previous or before,
                    f"the loss became {'infinite or NaN' if not math.isfinite(loss) else 'huge'}",
                    self.step_count,
                )
            self.optimizer.step(grads.params)
            self.net.enforce_constraints()
            problem = self._blow_up(before.params)
        if problem:
            return self._diverged(before, problem, self.step_count + 1)
        self._last_grads = grads.params  # fresh arrays each step: safe to keep
        if self.step_count % HEALTH_EVERY == 0:
            self._log.add_health(self._health(grads, before.params))
        correct = int(np.count_nonzero(trace.probs.argmax(axis=1) == y))
        self._epoch_correct += correct
        self._epoch_seen += len(y)
        self._epoch_loss += loss * len(y)
        self._log.batch_loss.append(loss)
        self.step_count += 1
        self._log.batch_epoch.append(self.epoch_float)
        self._update_rate()
        if self.batch_in_epoch == 0:
            self._end_epoch()
        return loss

    def _health(self, grads, before: dict[str, np.ndarray]) -> dict[str, float]:
        """Mean |delta_u| per layer and ||update|| / ||weight|| per layer with weights."""
        values = {"step": float(self.step_count)}
        for layer, du in grads.delta_u.items():
            values[f"delta_u/{layer}"] = float(np.mean(np.abs(du)))
        for name, w in self.net.params.items():
            layer, kind = name.split(".")
            if kind in ("weight", "coef"):
                norm = float(np.linalg.norm(before[name]))
                step = float(np.linalg.norm(w - before[name]))
                values[f"update_ratio/{layer}"] = step / norm if norm > 0 else 0.0
        return values

    def _blow_up(self, before: dict[str, np.ndarray]) -> str | None:
        """Why the step just taken is a blow-up, or None. The update is the velocity."""
        for name, w in self.net.params.items():
            if not np.isfinite(w).all():
                return f"{name} became infinite or NaN"
            if name.endswith((".weight", ".coef")):
                v = self.optimizer.velocity[name].ravel()
                old = before[name].ravel()
                update2, size2 = float(v @ v), float(old @ old)
                if size2 > 0 and update2 > (UPDATE_RATIO_LIMIT**2) * size2:
                    ratio = math.sqrt(update2 / size2)
                    return f"one step changed {name} by {ratio:.3g}x its own size"
        return None

    def _diverged(self, restore: _Backup, why: str, bad_step: int) -> float:
        """Put back the weights from before the bad step, stop, and say why."""
        for k, v in restore.params.items():
            self.net.params[k][...] = v
            self.optimizer.velocity[k][...] = restore.velocity[k]
        for b in self._backups:  # they no longer describe the steps just before this one
            b.step = -1
        self.state = DIVERGED
        self.message = (
            f"Training diverged at step {max(bad_step, 1)} (epoch {self.epoch + 1}): {why} "
            f"with learning rate {self.lr:.3g}. The weights from before that step are "
            "kept; lower the learning rate, or reset."
        )
        return float("nan")

    def _backup(self) -> tuple[_Backup, _Backup | None]:
        """Copy weights and velocities into the older of two reused buffers, so the state
        before this step and before the previous one can both be put back.
        Returns (before this step, before the previous step if that was the last step)."""
        latest = self._backups[0] if self._backups else None
        if len(self._backups) == 2 and all(
            self._backups[1].params[k].shape == v.shape for k, v in self.net.params.items()
        ):
            buf = self._backups.pop()
        else:
            self._backups = self._backups[:1]
            buf = _Backup(
                -1,
                {k: np.empty_like(v) for k, v in self.net.params.items()},
                {k: np.empty_like(v) for k, v in self.optimizer.velocity.items()},
            )
        for k, v in self.net.params.items():
            np.copyto(buf.params[k], v)
            np.copyto(buf.velocity[k], self.optimizer.velocity[k])
        buf.step = self.step_count
        self._backups.insert(0, buf)
        previous = latest if latest is not None and latest.step == self.step_count - 1 else None
        return buf, previous

    def _update_rate(self) -> None:
        self._rate_steps += 1
        now = time.perf_counter()
        if now - self._rate_t >= 0.5:
            rate = self._rate_steps * self.batch_size / (now - self._rate_t)
            self._rate = rate if self._rate == 0 else 0.5 * self._rate + 0.5 * rate
            self._rate_t, self._rate_steps = now, 0

    def _end_epoch(self) -> None:
        seconds = time.perf_counter() - self._epoch_start
        test_acc, test_loss = self.evaluate()
        log = self._log.epoch
        log["epoch_train_acc"].append(self._epoch_correct / max(1, self._epoch_seen))
        log["epoch_train_loss"].append(self._epoch_loss / max(1, self._epoch_seen))
        log["epoch_test_acc"].append(test_acc)
        log["epoch_test_loss"].append(test_loss)
        log["epoch_images_per_s"].append(self._epoch_seen / max(seconds, 1e-9))
        log["epoch_seconds"].append(seconds)
        self._reset_epoch_counters()

    @property
    def running_accuracy(self) -> float | None:
        """Training accuracy over the batches of the current epoch so far."""
        return self._epoch_correct / self._epoch_seen if self._epoch_seen else None

    # ---- evaluation ----

    def predict_test(self, batch_size: int = 1000) -> np.ndarray:
        """Class probabilities for every test image, (M, 10)."""
        images = self.dataset.test_images
        out = np.empty((len(images), 10), dtype=np.float32)
        with np.errstate(all="ignore"):
            for s in range(0, len(images), batch_size):
                x = preprocess(images[s : s + batch_size], self._size, self.net.dtype)
                out[s : s + batch_size] = self.net.forward(x).probs
        return out

    def evaluate(self) -> tuple[float, float]:
        """(accuracy, mean cross-entropy) on the test set; keeps the answers as
        `self.evaluation` for the confusion matrix and mistakes views."""
        labels = self.dataset.test_labels
        if len(labels) == 0:
            return float("nan"), float("nan")
        probs = self.predict_test()
        probs.flags.writeable = False
        self.evaluation = Evaluation(self.step_count, self.epoch, probs, labels)
        acc = float(np.mean(probs.argmax(axis=1) == labels))
        p = np.clip(probs[np.arange(len(labels)), labels], 1e-12, 1.0)
        return acc, float(-np.mean(np.log(p)))

    def request_evaluation(self) -> None:
        """Evaluate the test set at the next opportunity (between batches, or while paused)."""
        with self._cond:
            self._eval_requested = True
            self._cond.notify_all()

    def _evaluate_if_requested(self) -> None:
        if self._eval_requested:
            self._eval_requested = False
            self.evaluate()

    # ---- snapshots ----

    def eta_seconds(self) -> float | None:
        if self._rate <= 0:
            return None
        return (self.total_steps - self.step_count) * self.batch_size / self._rate

    def snapshot(self, probe: np.ndarray, label: int | None = None) -> Snapshot:
        """A frozen copy of the training state and one probe image's maps.

        probe: a preprocessed image (1, 1, S, S) or (S, S).
        """
        x = np.asarray(probe, dtype=self.net.dtype).reshape(1, 1, self._size, self._size)
        acts, pre, deltas, probs, target, loss, sal = probe_snapshot_arrays(self.net, x, label)
        input_delta = deltas.pop("input")
        return Snapshot(
            step=self.step_count,
            epoch=self.epoch,
            epoch_progress=self.batch_in_epoch / self.batches_per_epoch,
            epochs=self.config.epochs,
            state=self.state,
            lr=self.lr,
            momentum=self.optimizer.momentum,
            images_per_s=self._rate,
            eta_seconds=self.eta_seconds(),
            history=self.history,
            layer_names=tuple(self.net.layer_names),
            input=_readonly(x[0, 0]),
            activations=MappingProxyType(acts),
            pre_activations=MappingProxyType(pre),
            delta_u=MappingProxyType(deltas),
            probabilities=probs,
            label=None if label is None else int(label),
            target=target,
            probe_loss=loss,
            params=MappingProxyType({k: _frozen_copy(v) for k, v in self.net.params.items()}),
            message=self.message,
            running_accuracy=self.running_accuracy,
            saliency=sal,
            input_delta=input_delta,
            batch_grads=MappingProxyType(
                {k: _frozen_copy(v) for k, v in (self._last_grads or {}).items()}),
            evaluation=self.evaluation,
        )
