"""Test-set evaluation: the network's answers for every test image (`Evaluation`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data.preprocess import preprocess
from ..nn.hot_path import INFER_BATCH
from ..nn.network import Network


@dataclass(frozen=True)
class Evaluation:
    """The network's answers for the whole test set after an epoch (or on demand)."""

    step: int
    epoch: int
    probabilities: np.ndarray  # (M, 10) float32, read-only
    labels: np.ndarray  # (M,) uint8, read-only
    epoch_progress: float = 0.0  # of epoch `epoch` + 1 when evaluated; 0 at an epoch's end

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

    def metrics(self) -> tuple[float, float]:
        """(accuracy, mean cross-entropy)."""
        labels = self.labels
        p = np.clip(self.probabilities[np.arange(len(labels)), labels], 1e-12, 1.0)
        return self.accuracy, float(-np.mean(np.log(p)))


def _frozen(a: np.ndarray) -> np.ndarray:
    """`a` itself, made read-only (e.g. an array that just came through a pipe)."""
    a = np.asarray(a)
    a.flags.writeable = False
    return a


def frozen_evaluation(ev: Evaluation | None) -> Evaluation | None:
    """An evaluation whose arrays are read-only (after unpickling they are not)."""
    if ev is None:
        return None
    return Evaluation(ev.step, ev.epoch, _frozen(ev.probabilities), _frozen(ev.labels),
                      float(ev.epoch_progress))


def predict(net: Network, images: np.ndarray, batch_size: int = INFER_BATCH) -> np.ndarray:
    """Class probabilities for raw images (M, H, W), (M, 10).

    Preprocessed and answered `batch_size` images at a time in the network's reused
    inference buffers: batches of 1000 in fresh arrays took 176 MB and ran a third as fast.
    """
    size = net.config.input_size
    out = np.empty((len(images), 10), dtype=np.float32)
    with np.errstate(all="ignore"):
        for s in range(0, len(images), batch_size):
            x = preprocess(images[s : s + batch_size], size, net.dtype)
            out[s : s + batch_size] = net.predict_proba(x, batch_size)
    return out
