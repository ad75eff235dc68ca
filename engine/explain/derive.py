"""`derive_unit`: the seeds' derivation for one unit, with the network's own numbers."""

from __future__ import annotations

import dataclasses

import numpy as np

from engine import ConfigError, Gradients, Network, Trace

from .backward import delta_step, pool_down
from .context import TOP_TERMS, Unit
from .forward import forward_step
from .params import param_step
from .types import Derivation


def derive_unit(
    net: Network,
    trace: Trace,
    grads: Gradients,
    labels: np.ndarray | list[int] | int,
    layer: str,
    index: int,
    row: int = 0,
    col: int = 0,
    *,
    sample: int = 0,
    top: int = TOP_TERMS,
    batch: tuple[Trace, Gradients] | None = None,
) -> Derivation:
    """Derive unit `index` (a map, or a vector unit) at (`row`, `col`) of `layer`.

    `trace` = net.forward(x), `grads` = net.backward(trace, labels) for the same labels;
    the unit's values are those of image `sample` of the batch, its parameters' gradients
    those of the whole batch (the engine's J is the batch mean). `top` products of each
    weighted sum are listed, the rest summarised. `batch` = (trace, grads) of the batch the
    optimiser used adds that batch's delta(w), delta(b) of the unit's kernel or row.
    """
    if layer not in net.layer_names:
        raise ConfigError(f"{net.config.preset} has no layer {layer!r}")
    position = net.layer_names.index(layer)
    spec = net.layers[position]
    unit = Unit(net, trace, grads, np.atleast_1d(np.asarray(labels)), position, index, row,
                col, sample, top)
    _check_unit(unit)
    return Derivation(
        layer=layer,
        kind=_kind(unit),
        index=index,
        row=row,
        col=col,
        sample=sample,
        unit_label=(f"{layer}[{index}]({row},{col})" if spec.is_map else f"{layer}[{index}]"),
        forward=forward_step(unit),
        delta=delta_step(unit),
        params=param_step(unit),
        batch_params=None if batch is None else param_step(
            dataclasses.replace(unit, trace=batch[0], grads=batch[1], sample=0), ", batch"),
        pool_down=pool_down(unit),
    )


def _check_unit(unit: Unit) -> None:
    shape = unit.spec.out_shape
    key = unit.key
    if any(not 0 <= i < n for i, n in zip(key, shape, strict=True)):
        raise ConfigError(f"{unit.name} has no unit {key} (its shape is {shape})")
    if not 0 <= unit.sample < unit.batch_size:
        raise ConfigError(f"sample {unit.sample} is not in a batch of {unit.batch_size}")


def _kind(unit: Unit) -> str:
    """A short description of the layer kind, as the derivation names it."""
    spec = unit.spec
    if spec.kind == "pool":
        return {"max": "max-pooling", "mean": "mean-pooling"}.get(
            spec.pool or "", "trainable subsampling")
    if spec.is_output:
        return f"output ({unit.output_kind})"
    if spec.kind == "conv" and spec.is_map:
        return "convolution, 1998 table" if unit.uses_table(spec) else "convolution"
    return "convolution to 1x1 (fully connected)" if spec.kind == "conv" else "fully connected"
