"""The derivation, live: the seeds' back-propagation formulas with the network's own numbers.

`derive_unit(net, trace, grads, labels, layer, index, row, col)` writes one unit's forward
step, delta(u) and delta(w), delta(b) as the seeds do, every value recomputed beside the
engine's own; `to_markdown` turns it into notes with LaTeX. `seed003_example`,
`seed000_expansion` and `seed004_c3_table` reproduce the seeds' worked examples.
"""

from .derive import derive_unit
from .markdown import to_markdown
from .seed003 import seed003_example, seed003_forward, seed003_loss, seed003_params
from .seed_tables import (
    ConnectionTable,
    MeanPoolExpansion,
    engine_c3_table,
    seed000_expansion,
    seed004_c3_table,
)
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
    PoolDown,
    PoolRoute,
    Route,
    Term,
    WeightedSum,
)
from .worked import ExampleStep, Prose, WorkedExample, example_markdown

__all__ = [
    "ArrayCheck",
    "Check",
    "ConnectionTable",
    "ConvContribution",
    "ConvRoute",
    "DeltaStep",
    "DenseRoute",
    "Derivation",
    "ExampleStep",
    "ForwardStep",
    "MeanPoolExpansion",
    "OutputRoute",
    "ParamStep",
    "PoolDown",
    "PoolRoute",
    "Prose",
    "Route",
    "Term",
    "WeightedSum",
    "WorkedExample",
    "derive_unit",
    "engine_c3_table",
    "example_markdown",
    "seed000_expansion",
    "seed003_example",
    "seed003_forward",
    "seed003_loss",
    "seed003_params",
    "seed004_c3_table",
    "to_markdown",
]
