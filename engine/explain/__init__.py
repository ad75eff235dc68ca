"""The derivation, live: the seeds' back-propagation formulas with the network's own numbers.

`derive_unit(net, trace, grads, labels, layer, index, row, col)` writes one unit's forward
step, delta(u) and delta(w), delta(b) as the seeds do, every value recomputed beside the
engine's own; `to_markdown` turns it into notes with LaTeX. `seed003_example`,
`seed000_expansion` and `seed004_c3_table` reproduce the seeds' worked examples.
"""

from .derive import derive_unit
from .markdown import to_markdown
from .types import (
    ArrayCheck,
    Check,
    ConvContribution,
    ConvRoute,
    DeltaStep,
    DenseRoute,
    Derivation,
    ForwardStep,
    OutputRoute,
    ParamStep,
    PoolRoute,
    Route,
    Term,
    WeightedSum,
)

__all__ = [
    "ArrayCheck",
    "Check",
    "ConvContribution",
    "ConvRoute",
    "DeltaStep",
    "DenseRoute",
    "Derivation",
    "ForwardStep",
    "OutputRoute",
    "ParamStep",
    "PoolRoute",
    "Route",
    "Term",
    "WeightedSum",
    "derive_unit",
    "to_markdown",
]
