"""`Snapshot`: everything the GUI shows about one moment of training, as read-only copies,
and the probe image's forward and backward pass that fills it."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from ..nn.network import Network
from .evaluation import Evaluation
from .history import History
from .state import RunState


def readonly(a: np.ndarray) -> np.ndarray:
    """A read-only float32 copy."""
    a = np.array(a, dtype=np.float32, copy=True)
    a.flags.writeable = False
    return a


def frozen_copy(a: np.ndarray) -> np.ndarray:
    """A read-only copy in `a`'s own dtype."""
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
    state: RunState
    lr: float
    momentum: float
    images_per_s: float
    eta_seconds: float | None
    history: History
    layer_names: tuple[str, ...]
    input: np.ndarray  # (S, S)
    activations: Mapping[str, np.ndarray]
    pre_activations: Mapping[str, np.ndarray]
    delta_u: Mapping[str, np.ndarray]
    probabilities: np.ndarray  # (10,)
    label: int | None
    target: int  # the class delta_u is computed against
    probe_loss: float
    params: Mapping[str, np.ndarray]  # copies of the network's parameters at this step
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


# activations, pre-activations, delta_u (plus "input"), probabilities, target, loss, saliency
ProbeArrays = tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray],
                    np.ndarray, int, float, np.ndarray]


def probe_snapshot_arrays(net: Network, x: np.ndarray, label: int | None) -> ProbeArrays:
    """Forward and backward for one preprocessed image (1, 1, S, S).

    Returns activations, pre-activations, delta_u (against `label`, or the predicted class
    when None; plus "input": dJ/dx against that target), probabilities, that target, its
    loss, and the saliency dJ/dx for the predicted class.
    """
    return _probe_pass(net, x, label)[0]


def _probe_pass(net: Network, x: np.ndarray,
                label: int | None) -> tuple[ProbeArrays, dict[str, np.ndarray]]:
    """`probe_snapshot_arrays`, and the probe's dJ/dparam against the same target."""
    with np.errstate(all="ignore"):
        trace = net.forward(x)
        predicted = int(np.argmax(trace.probs[0]))
        target = predicted if label is None else int(label)
        grads = net.backward(trace, np.array([target]), need_input_grad=True)
        if target != predicted:
            saliency = net.backward(trace, np.array([predicted]), need_input_grad=True)
        else:
            saliency = grads
    acts = {k: readonly(v[0]) for k, v in trace.f.items()}
    pre = {k: readonly(v[0]) for k, v in trace.u.items()}
    deltas = {k: readonly(v[0]) for k, v in grads.delta_u.items()}
    first = net.layer_names[0]
    sal = readonly(saliency.delta_f_prev[first][0, 0])
    deltas["input"] = readonly(grads.delta_f_prev[first][0, 0])
    arrays = (acts, pre, deltas, readonly(trace.probs[0]), target, float(grads.loss), sal)
    return arrays, grads.params


def snapshot_of(net: Network, probe: np.ndarray, label: int | None, *, like: Snapshot,
                step: int, lr: float) -> Snapshot:
    """`like` (a live snapshot: history, state, progress) but showing `net` at `step` for
    the probe (1, 1, S, S) or (S, S) — e.g. a network rebuilt from a timeline. No batch of
    that step is kept, so `batch_grads` are the probe's own dJ/dparam."""
    size = int(net.config.input_size)
    x = np.asarray(probe, dtype=net.dtype).reshape(1, 1, size, size)
    (acts, pre, deltas, probs, target, loss, sal), grads = _probe_pass(net, x, label)
    input_delta = deltas.pop("input")
    return replace(
        like, step=int(step), lr=float(lr), layer_names=tuple(net.layer_names),
        input=readonly(x[0, 0]), activations=MappingProxyType(acts),
        pre_activations=MappingProxyType(pre), delta_u=MappingProxyType(deltas),
        probabilities=probs, label=None if label is None else int(label), target=target,
        probe_loss=loss,
        params=MappingProxyType({k: frozen_copy(v) for k, v in net.params.items()}),
        saliency=sal, input_delta=input_delta,
        batch_grads=MappingProxyType({k: frozen_copy(v) for k, v in grads.items()}),
        created=time.monotonic())
