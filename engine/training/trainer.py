"""The training loop (`Trainer`), controllable from another thread.

A `Trainer` owns a network, a dataset and an SGD optimiser. A worker thread calls `run()`
(or `train_batch()` itself); any thread may call `pause()`, `resume()`, `stop()`,
`request_step()`, `set_lr()`, `set_momentum()`, `set_probe()` and `request_evaluation()`:
they only set flags under a lock, which the loop reads between batches. `run(on_snapshot)`
hands frozen `Snapshot`s of the probe image to its callback, paced by `engine.training.pacing`;
`checkpoint_state()` returns the whole state taken between two batches, from any thread.
Given a `Timeline`, every batch offers it the new weights (it copies only the steps its
spacing keeps); `recorder` is what they go to (a `TimelineFeed` in a training child).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import numpy as np

from ..blas import single_blas_thread
from ..data.augment import augment_batch
from ..data.datasets import Dataset
from ..data.preprocess import preprocess
from ..errors import ConfigError
from ..nn.hot_path import INFER_BATCH
from ..nn.network import Network
from . import divergence
from .config import AUGMENTATION, TrainConfig, default_lr
from .controls import TrainerControls
from .evaluation import Evaluation, frozen_evaluation, predict
from .history import History, HistoryLog
from .memory import check_batch_memory
from .optim import SGD, Schedule
from .snapshot import Snapshot, frozen_copy, probe_snapshot_arrays, readonly
from .state import RunState, TrainerState, TrainingPosition
from .timeline import Timeline, TimelineFeed

HEALTH_EVERY = 10  # steps between gradient-health samples
# Random streams are keyed (seed, epoch or step, stream): the stream tag comes last and is
# never 0, because SeedSequence ignores trailing zeros ([s, 0] is the same stream as [s],
# the network's initialisation).
_SHUFFLE_STREAM, _AUGMENT_STREAM = 1, 2


class Trainer(TrainerControls, TrainingPosition):
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
        timeline: Timeline | None = None,
    ) -> None:
        super().__init__()
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
        check_batch_memory(net.config, self.batch_size, net.dtype, augment=self.config.augment)
        self.schedule = Schedule(self.config.schedule, total_epochs=self.config.epochs)
        self.optimizer = SGD(net.params, self.config.lr, self.config.momentum,
                             self.config.weight_decay)
        if optimizer_state is not None:
            self.optimizer.load_state_dict(optimizer_state)
        self.base_lr = self.config.lr
        self.step_count = step
        self._log = HistoryLog(history)
        self.state = RunState.READY
        self.message: str | None = None
        self.divergence: divergence.Divergence | None = None  # set when the run diverges
        self._order: np.ndarray | None = None
        self._order_epoch = -1
        self._epoch_correct = 0
        self._epoch_seen = 0
        self._epoch_loss = 0.0
        self._epoch_start = time.perf_counter()
        self._rate = 0.0
        self._rate_t = time.perf_counter()
        self._rate_steps = 0
        self._backups = divergence.Backups()
        self._last_grads: dict[str, np.ndarray] | None = None
        self.evaluation: Evaluation | None = None
        self.latest: Snapshot | None = None  # the last snapshot `run` took
        # where each step's weights go (None: not recorded; a TimelineFeed in a training child)
        self.recorder: Timeline | TimelineFeed | None = timeline
        if timeline is not None:  # spaced for the whole run before its first entry
            timeline.plan_run(self.total_steps, sum(int(v.nbytes) for v in net.params.values()))

    @property
    def lr(self) -> float:
        return self.schedule.lr(self.base_lr, self.epoch_float)

    @property
    def history(self) -> History:
        return self._log.freeze()

    @property
    def history_log(self) -> HistoryLog:
        """The live log behind `history`; only the training thread may read it."""
        return self._log

    @property
    def images_per_s(self) -> float:
        return self._rate

    @property
    def momentum(self) -> float:
        return self.optimizer.momentum

    @property
    def input_size(self) -> int:
        return int(self.net.config.input_size)

    @property
    def timeline(self) -> Timeline | None:
        """The weights recorded along this run, or None when not recording."""
        return self.recorder if isinstance(self.recorder, Timeline) else None

    @property
    def lost(self) -> str | None:
        """Never lost: an in-process trainer cannot go away (the child-process one can)."""
        return None

    def checkpoint_state(self, timeout: float = 10.0) -> TrainerState:
        """The whole state taken between two batches (to save a checkpoint); from any
        thread. Raises TimeoutError when no batch ends within `timeout` seconds."""
        return self.call_between_batches(Trainer.export_state).result(timeout)

    # ---- the loop ----

    def start(self, steps: int = 0) -> None:
        """Get ready for `run()`: steps > 0 trains that many batches, then stays paused.
        From now on jobs wait for the run instead of running in the caller's thread."""
        with self._cond:
            self._accepting_jobs = True
            self.ended = False
        if steps:
            self.request_step(steps)

    def run(self, on_snapshot: Callable[[Snapshot], None] | None = None) -> RunState:
        """Train until the last epoch, a stop, or divergence; returns the final state.

        on_snapshot gets a snapshot of the probe (`set_probe`) at the pace set by
        `set_snapshot_interval`, called in this thread. While paused the loop sleeps,
        looking for requests every idle interval and whenever woken."""
        with self._cond:
            self._accepting_jobs = True
            self.ended = False
        try:
            return self._loop(on_snapshot)
        finally:
            with self._cond:
                self._accepting_jobs = False
                self.ended = True
            self._run_jobs()  # the trainer is idle now: late jobs run here

    def _loop(self, on_snapshot: Callable[[Snapshot], None] | None) -> RunState:
        while True:
            with self._cond:
                self._apply_pending()
                while self._paused and not self._stop and self._steps_requested == 0:
                    self.state = RunState.PAUSED
                    self._cond.wait(self._pacer.idle_interval)
                    self._cond.release()
                    try:
                        self._when_idle(on_snapshot)
                    finally:
                        self._cond.acquire()
                    self._apply_pending()
                if self._stop:
                    self.state = RunState.STOPPED
                    return self.state
                if self._steps_requested:
                    self._steps_requested -= 1
            if self.done:
                self.state = RunState.FINISHED
                return self.state
            self.state = RunState.RUNNING
            self._evaluate_if_requested()
            self.train_batch()
            self._after_batch(on_snapshot)
            if self.state == RunState.DIVERGED:
                return self.state
            if self.done:
                self.state = RunState.FINISHED
                return self.state

    def _when_idle(self, on_snapshot: Callable[[Snapshot], None] | None) -> None:
        self._evaluate_if_requested()
        self._run_jobs()
        if on_snapshot is not None and self._pacer.due_when_idle(self.evaluation, self.state):
            self._take_snapshot(on_snapshot)

    def _after_batch(self, on_snapshot: Callable[[Snapshot], None] | None) -> None:
        self._run_jobs()
        if on_snapshot is not None and self._pacer.due_after_batch(self, self.paused,
                                                                   self.state):
            self._take_snapshot(on_snapshot)

    def _take_snapshot(self, on_snapshot: Callable[[Snapshot], None]) -> None:
        probe, version = self._pacer.probe()
        if probe is None:
            probe = (np.zeros((self.input_size, self.input_size), np.float32), None)
        snap = self.snapshot(*probe)
        self._pacer.taken(snap, version)
        self.latest = snap
        on_snapshot(snap)

    # ---- state transfer (engine.remote) ----

    def export_state(self) -> TrainerState:
        """Copies of everything needed to continue this training elsewhere."""
        with self._cond:
            pending = dict(self._pending)
        return TrainerState(
            network_config=self.net.config, dtype=self.net.dtype.name,
            params={k: v.copy() for k, v in self.net.params.items()},
            config=self.config, step=self.step_count, epoch=self.epoch,
            optimizer=self.optimizer.state_dict(),
            # a learning rate or momentum set but not yet applied counts
            base_lr=pending.get("lr", self.base_lr),
            momentum=pending.get("momentum", self.optimizer.momentum),
            history=self.history.to_arrays(), state=self.state, message=self.message,
            images_per_s=self._rate, evaluation=self.evaluation,
            last_grads=None if self._last_grads is None else {
                k: np.array(v) for k, v in self._last_grads.items()},
            epoch_counters=(self._epoch_correct, self._epoch_seen, self._epoch_loss),
            divergence=self.divergence,
        )

    def checkpoint_fields(self) -> dict[str, Any]:
        """`save_checkpoint`'s keyword arguments for this trainer's state. After a divergence
        the training settings record a safer learning rate (`divergence.resume_lr`) and
        notes["diverged"] the diverging one, so a resume does not diverge again at once."""
        config, notes = self.config, {}
        if self.divergence is not None:
            lr = divergence.resume_lr(self.divergence.lr,
                                      (config.lr, default_lr(self.net.config)))
            config = config.replace(lr=lr)
            notes["diverged"] = self.divergence.note()
        return {
            "step": self.step_count, "epoch": self.epoch, "train_config": config.to_dict(),
            "optimizer": self.optimizer.state_dict(), "history": self.history.to_arrays(),
            "dataset": self.dataset.name, "train_size": len(self.dataset.train_labels),
            "notes": notes, "timeline": self.timeline,
        }

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
        self._log = HistoryLog(History.from_arrays(state.history))
        self._restore(state)

    def _restore(self, state: TrainerState) -> None:
        self.base_lr = state.base_lr
        self.optimizer.momentum = state.momentum
        self.state = RunState(state.state)
        self.message = state.message
        self.divergence = state.divergence
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

    # ---- one batch ----

    def _batch_indices(self) -> np.ndarray:
        epoch = self.epoch
        if self._order is None or self._order_epoch != epoch:
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

    def _batch(self) -> tuple[np.ndarray, np.ndarray]:
        idx = self._batch_indices()
        x = preprocess(self.dataset.train_images[idx], self.input_size, self.net.dtype)
        if self.config.augment:
            # distortions from (seed, step): reproducible, and the same after a resume
            rng = np.random.default_rng([self.config.seed, self.step_count, _AUGMENT_STREAM])
            x = augment_batch(x, rng, **AUGMENTATION)
        return x, self.dataset.train_labels[idx]

    def train_batch(self) -> float:
        """One SGD step on the next mini-batch. Returns its loss (NaN if it diverged)."""
        if self.state == RunState.DIVERGED:
            return float("nan")
        x, y = self._batch()
        self.optimizer.lr = self.lr
        params, velocity = self.net.params, self.optimizer.velocity
        before, previous = self._backups.take(self.step_count, params, velocity)
        health = self.step_count % HEALTH_EVERY == 0
        with np.errstate(all="ignore"):
            # preprocessed pixels are finite; a NaN elsewhere shows as a NaN loss below
            grads = self.net.train_gradients(x, y, health=health, check_finite=False)
            loss = grads.loss
            why = divergence.loss_problem(loss)
            if why is not None:
                # the loss is measured before this step: the previous step did the damage.
                # Its weights are undone; the step count and history keep it (its loss was
                # measured on the weights now restored), so a resume starts one batch on.
                return self._diverged(previous or before, why, self.step_count)
            self.optimizer.step(grads.params)
            self.net.enforce_constraints()
            problem = divergence.blow_up(params, velocity, before.params)
        if problem:
            return self._diverged(before, problem, self.step_count + 1)
        self._last_grads = grads.params  # fresh arrays each step: safe to keep
        if grads.delta_u_mean_abs is not None:
            self._log.add_health(self._health(grads.delta_u_mean_abs, before.params))
        self._count(grads.probs, y, loss)
        self._record(loss, before.params)
        return loss

    def _record(self, loss: float, before: dict[str, np.ndarray]) -> None:
        """Offer the new weights to the timeline (it copies only the steps it keeps)."""
        rec = self.recorder
        if rec is None:
            return
        if rec.empty:  # the run's first entry: the weights this step started from
            rec.record(self.step_count - 1, before, self.optimizer.lr, float("nan"))
        rec.record(self.step_count, self.net.params, self.optimizer.lr, loss,
                   force=self.step_count == self.total_steps)  # the run's last weights

    def _count(self, probs: np.ndarray, y: np.ndarray, loss: float) -> None:
        """Book a batch that went well: counters, history, speed, and maybe the epoch's end."""
        self._epoch_correct += int(np.count_nonzero(probs.argmax(axis=1) == y))
        self._epoch_seen += len(y)
        self._epoch_loss += loss * len(y)
        self.step_count += 1
        self._log.add_batch(loss, self.epoch_float, float(self.optimizer.lr))
        self._update_rate()
        if self.batch_in_epoch == 0:
            self._end_epoch()

    def _health(self, delta_u_mean_abs: dict[str, float], before: dict[str, np.ndarray]
                ) -> dict[str, float]:
        """Mean |delta_u| per layer and ||update|| / ||weight|| per layer with weights."""
        values = {"step": float(self.step_count)}
        for layer, mean_abs in delta_u_mean_abs.items():
            values[f"delta_u/{layer}"] = mean_abs
        for name, w in self.net.params.items():
            layer, kind = name.split(".")
            if kind in ("weight", "coef"):
                norm = float(np.linalg.norm(before[name]))
                step = float(np.linalg.norm(w - before[name]))
                values[f"update_ratio/{layer}"] = step / norm if norm > 0 else 0.0
        return values

    def _diverged(self, restore: divergence.Backup, why: str, bad_step: int) -> float:
        """Put back the weights from before the bad step, stop, and say why."""
        self._backups.restore(restore, self.net.params, self.optimizer.velocity)
        self.state = RunState.DIVERGED
        self.message = divergence.divergence_message(bad_step, self.epoch, why, self.lr)
        self.divergence = divergence.Divergence(bad_step, self.base_lr, self.message)
        return float("nan")

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
        seen = max(1, self._epoch_seen)
        self._log.add_epoch({
            "epoch_train_acc": self._epoch_correct / seen,
            "epoch_train_loss": self._epoch_loss / seen,
            "epoch_test_acc": test_acc,
            "epoch_test_loss": test_loss,
            "epoch_images_per_s": self._epoch_seen / max(seconds, 1e-9),
            "epoch_seconds": seconds,
        })
        self._reset_epoch_counters()

    @property
    def running_accuracy(self) -> float | None:
        """Training accuracy over the batches of the current epoch so far."""
        return self._epoch_correct / self._epoch_seen if self._epoch_seen else None

    # ---- evaluation ----

    def predict_test(self, batch_size: int = INFER_BATCH) -> np.ndarray:
        """Class probabilities for every test image, (M, 10)."""
        return predict(self.net, self.dataset.test_images, batch_size)

    def evaluate(self) -> tuple[float, float]:
        """(accuracy, mean cross-entropy) on the test set; the answers kept as `evaluation`."""
        labels = self.dataset.test_labels
        if len(labels) == 0:
            return float("nan"), float("nan")
        probs = self.predict_test()
        probs.flags.writeable = False
        self.evaluation = Evaluation(self.step_count, self.epoch, probs, labels,
                                     self.epoch_float % 1)
        return self.evaluation.metrics()

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
        size = self.input_size
        x = np.asarray(probe, dtype=self.net.dtype).reshape(1, 1, size, size)
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
            input=readonly(x[0, 0]),
            activations=MappingProxyType(acts),
            pre_activations=MappingProxyType(pre),
            delta_u=MappingProxyType(deltas),
            probabilities=probs,
            label=None if label is None else int(label),
            target=target,
            probe_loss=loss,
            params=MappingProxyType({k: frozen_copy(v) for k, v in self.net.params.items()}),
            message=self.message,
            running_accuracy=self.running_accuracy,
            saliency=sal,
            input_delta=input_delta,
            batch_grads=MappingProxyType(
                {k: frozen_copy(v) for k, v in (self._last_grads or {}).items()}),
            evaluation=self.evaluation,
        )

