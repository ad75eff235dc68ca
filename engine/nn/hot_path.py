"""The training and inference hot path: `Network.forward`/`backward`'s maths without the
full `Trace`, over micro-batches, with the ReLU after a max-pool.

`Network.forward` and `backward` keep every layer's u, f and delta for the GUI and the
gradient checks; the training loop and test-set evaluation need only the parameter
gradients, the loss and the class probabilities. Here:

* **Micro-batches.** A batch is computed `MICRO_BATCH` images at a time; each chunk's
  output delta carries 1/N of the whole batch (not 1/chunk), so the chunks' gradients add up
  to the whole-batch gradient (the same sums, grouped differently: equal to float32
  rounding). At batch 1024 C1's im2col columns alone would be 82 MB; a chunk's are 2.6 MB.
  Measured on the idle 2-core machine (docs/performance.md), 32 images a chunk trained
  fastest at every batch size from 64 to 1024 (16 and 64 were slower, 256 12-20% slower):
  the columns and maps of a chunk stay in the caches, and NumPy's per-call overhead is
  still small beside the arithmetic. Inference is fastest in chunks of 32 too.
* **ReLU after the max-pool.** For a monotonic f, max(f(u)) = f(max(u)): C1's and C3's
  ReLU runs on the pooled maps (a quarter of the values), forward and backward. The
  gradient is bitwise the same: where the window's max u > 0 both route delta to that
  position with f'=1; elsewhere both give 0. Only ReLU is fused: for tanh and sigmoid,
  float32 saturation makes f ties that u does not have, so the routes could differ.
* **Reused buffers**: full chunks and the last, shorter one each have a `Workspace`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .activations import get_activation
from .kinds import MaxPool
from .layers import losses
from .layers.workspace import Workspace

if TYPE_CHECKING:
    from .network import Network

MICRO_BATCH = 32  # images per chunk: C1's im2col columns (26 x 784 x 32 float32), 2.6 MB
INFER_BATCH = 32  # images per inference chunk: as for training, measured fastest


@dataclass
class BatchGradients:
    """What one training step needs: J (batch mean), dJ/dparam, the class probabilities
    (N, 10), and, when asked for, mean |delta_u| per layer (the health log's figures)."""

    loss: float
    params: dict[str, np.ndarray]
    probs: np.ndarray
    delta_u_mean_abs: dict[str, float] | None = None


class HotPath:
    """A network's lean forward/backward; one per `Network`, holding its buffers."""

    def __init__(self, net: Network) -> None:
        self.net = net
        layers, kinds = net.layers, net._kinds
        # relu_after_pool[i]: layer i is a max-pool that also applies layer i-1's ReLU
        self.relu_after_pool = [
            i > 0 and isinstance(kinds[i], MaxPool) and layers[i].activation is None
            and layers[i - 1].activation == "relu"
            for i in range(len(layers))
        ]
        self._workspaces: dict[tuple[str, int], Workspace] = {}

    def _ws(self, purpose: str, n: int, full: int) -> Workspace:
        """The workspace for chunks of n images (full chunks and the shorter last one)."""
        key = (purpose, int(n == full))
        ws = self._workspaces.get(key)
        if ws is None:
            ws = self._workspaces[key] = Workspace()
        return ws

    # ---- forward ----

    def _forward(self, x: np.ndarray, ws: Workspace, train: bool = True
                 ) -> tuple[list[Any], np.ndarray, np.ndarray]:
        """x (n, 1, S, S) -> (per layer (u, f, cache), the output layer's u and f (10, n));
        without `train` no cache is kept (max-pooling records no routes)."""
        net = self.net
        n = x.shape[0]
        s = net.config.input_size
        h = ws.empty("x", (1, s, s, n), net.dtype)
        h[0] = x[:, 0].transpose(1, 2, 0)
        states: list[Any] = []
        for i, (spec, kind) in enumerate(zip(net.layers, net._kinds, strict=True)):
            if train:
                u, cache = kind.forward(h, net.params, ws)
            else:
                u, cache = kind.infer(h, net.params, ws), None
            if self.relu_after_pool[i]:
                get_activation("relu").forward(u, u)  # max(relu(.)) = relu(max(.))
                f = u
            elif spec.activation is None or self._relu_before_pool(i):
                f = u
            else:
                f = ws.empty(spec.name + ".f", u.shape, u.dtype)
                get_activation(spec.activation).forward(u, f)
            states.append((u, f, cache))
            h = f
        u_out, f_out, _ = states[-1]
        return states, u_out, f_out

    def _relu_before_pool(self, i: int) -> bool:
        return i + 1 < len(self.relu_after_pool) and self.relu_after_pool[i + 1]

    def probabilities(self, u_out: np.ndarray, f_out: np.ndarray) -> np.ndarray:
        """(10, n) output u and f -> class probabilities (n, 10), as `Trace.probs`."""
        mode = self.net.config.output
        if mode == "sigmoid_mse":
            out = f_out.T.copy()
            out /= np.maximum(out.sum(axis=1, keepdims=True), 1e-12)
            return out
        return losses.softmax((f_out if mode == "activation_softmax" else u_out).T)

    def predict_proba(self, x: np.ndarray, chunk: int = INFER_BATCH) -> np.ndarray:
        """x (N, 1, S, S) -> class probabilities (N, 10), `chunk` images at a time."""
        out = np.empty((x.shape[0], self.net.config.num_classes), dtype=self.net.dtype)
        for start in range(0, x.shape[0], chunk):
            part = x[start : start + chunk]
            _, u_out, f_out = self._forward(part, self._ws("infer", len(part), chunk), False)
            out[start : start + len(part)] = self.probabilities(u_out, f_out)
        return out

    # ---- backward ----

    def gradients(self, x: np.ndarray, labels: np.ndarray, *, micro_batch: int = MICRO_BATCH,
                  health: bool = False) -> BatchGradients:
        """x (N, 1, S, S), labels (N,) -> the whole batch's BatchGradients, summed over
        chunks of `micro_batch` images."""
        n = x.shape[0]
        total: dict[str, np.ndarray] = {}
        abs_sums: dict[str, float] | None = {} if health else None
        probs = np.empty((n, self.net.config.num_classes), dtype=self.net.dtype)
        loss = 0.0
        for start in range(0, n, micro_batch):
            part, part_labels = x[start : start + micro_batch], labels[start : start + micro_batch]
            ws = self._ws("train", len(part), micro_batch)
            states, u_out, f_out = self._forward(part, ws)
            part_loss, delta = self._output_delta(u_out, f_out, part_labels, n,
                                                  probs[start : start + len(part)])
            loss += part_loss
            grads = self._backward(states, delta, ws, abs_sums)
            for k, g in grads.items():
                if k in total:
                    total[k] += g
                else:
                    total[k] = g  # fresh from the kernel: safe to accumulate into and keep
        mean_abs = None
        if abs_sums is not None:
            sizes = {spec.name: n * int(np.prod(spec.out_shape)) for spec in self.net.layers}
            mean_abs = {k: v / sizes[k] for k, v in abs_sums.items()}
        params = {k: total[k] for k in self.net.params}
        return BatchGradients(loss, params, probs, mean_abs)

    def _output_delta(self, u_out: np.ndarray, f_out: np.ndarray, labels: np.ndarray,
                      n_total: int, probs: np.ndarray) -> tuple[float, np.ndarray]:
        """This chunk's share of J and of the output delta_u (10, n), both weighted
        n/n_total so that the chunks add up to the batch mean; fills `probs` (n, 10)."""
        mode = self.net.config.output
        if mode == "softmax":
            return softmax_share(u_out, labels, n_total, probs)
        probs[...] = self.probabilities(u_out, f_out)
        loss, delta_u = output_delta(mode, self.net.config.activation, u_out.T, f_out.T,
                                     labels)
        weight = labels.shape[0] / n_total
        if weight != 1.0:
            delta_u *= weight
        return loss * weight, np.ascontiguousarray(delta_u.T, dtype=self.net.dtype)

    def _backward(self, states: list[Any], delta: np.ndarray, ws: Workspace,
                  abs_sums: dict[str, float] | None) -> dict[str, np.ndarray]:
        """delta_u (10, n) of the output layer -> dJ/dparam of this chunk."""
        net = self.net
        grads: dict[str, np.ndarray] = {}
        for i in range(len(net.layers) - 1, -1, -1):
            spec = net.layers[i]
            if abs_sums is not None:
                abs_sums[spec.name] = abs_sums.get(spec.name, 0.0) + float(np.abs(delta).sum())
            u, f, cache = states[i]
            if self.relu_after_pool[i]:
                delta = delta * (f > 0)  # the fused ReLU's f'(max u), on the pooled map
            d_prev, layer_grads = net._kinds[i].backward(delta, cache, net.params, i > 0, ws)
            grads.update(layer_grads)
            if d_prev is None or i == 0:
                break
            prev = net.layers[i - 1]
            if prev.activation is None or self._relu_before_pool(i - 1):
                delta = d_prev  # the max-pool's route already applied the fused f'
            else:
                pu, pf, _ = states[i - 1]
                delta = ws.empty(prev.name + ".du", pu.shape, pu.dtype)
                get_activation(prev.activation).derivative(pu, pf, delta)
                delta *= d_prev
        return grads


def softmax_share(u: np.ndarray, labels: np.ndarray, n_total: int, probs: np.ndarray
                  ) -> tuple[float, np.ndarray]:
    """Softmax + cross-entropy in the hot path's layout: u (10, n) logits of a chunk of a
    batch of n_total -> (the chunk's share of J, delta_u (10, n) = (y - z) / n_total), and
    y written to `probs` (n, 10). `losses.softmax_cross_entropy` on u.T gives the same for
    n = n_total; this one computes the softmax once and needs no transposed copies, which
    at micro-batches of 32 images cost more than the arithmetic."""
    cols = np.arange(u.shape[1])
    shifted = u - u.max(axis=0)
    log_norm = np.log(np.exp(shifted).sum(axis=0))
    # -log y_label = log(sum exp(shifted)) - shifted_label; the same operations as
    # softmax_cross_entropy's, so one whole-batch chunk gives its bits exactly
    loss = float((log_norm - shifted[labels, cols]).sum()) / n_total
    e = np.exp(shifted - log_norm, out=shifted)
    probs[...] = e.T
    e[labels, cols] -= 1
    e /= n_total
    return loss, e


def output_delta(mode: str, activation: str, u: np.ndarray, f: np.ndarray,
                 labels: np.ndarray) -> tuple[float, np.ndarray]:
    """The output layer's u and f (N, 10) -> (J, delta_u (N, 10)) for an output `mode`
    (NetworkConfig.output); `activation` is the network's, used by "activation_softmax"."""
    if mode == "softmax":
        loss, _, delta_u = losses.softmax_cross_entropy(u, labels)
    elif mode == "activation_softmax":
        loss, _, delta_f = losses.softmax_cross_entropy(f, labels)
        delta_u = delta_f * get_activation(activation).derivative(u, f, np.empty_like(u))
    else:
        loss, delta_f = losses.squared_error(f, labels)
        delta_u = delta_f * get_activation("sigmoid").derivative(u, f, np.empty_like(u))
    return loss, delta_u
