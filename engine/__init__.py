"""lenet-gui's engine: LeNet-5 in NumPy, its data, training and checkpoints. No Qt here."""

from .data import (
    DATASET_NAMES,
    MNIST_FILES,
    Dataset,
    builtin_dataset,
    default_cache_dir,
    download_dataset,
    find_dataset,
    load_dataset,
    normalize_digit,
    preprocess,
)
from .errors import (
    CheckpointError,
    ConfigError,
    DataError,
    DownloadError,
    LenetError,
)
from .io.atomic import TempFileError, atomic_write
from .io.checkpoint import Checkpoint, load_checkpoint, load_network, save_checkpoint
from .nn.activations import ACTIVATIONS
from .nn.config import (
    OPTION_CHOICES,
    OPTION_LABELS,
    PRESET_DESCRIPTIONS,
    PRESETS,
    NetworkConfig,
    get_config,
)
from .nn.connection_table import C3_INPUTS, c3_table
from .nn.gradcheck import ParamCheck, check_gradients
from .nn.network import Gradients, Network, Trace, build_network, init_params
from .nn.specs import LayerSpec, SummaryRow
from .remote import RemoteTrainer, TrainingProcess, TrainingProcessError
from .training import (
    HEALTH_EVERY,
    SCHEDULES,
    Evaluation,
    History,
    RunState,
    Snapshot,
    TrainConfig,
    Trainer,
    TrainerProtocol,
    TrainerState,
    default_lr,
    probe_snapshot_arrays,
)

__all__ = [
    "DATASET_NAMES",
    "RunState",
    "SCHEDULES",
    "Checkpoint",
    "TempFileError",
    "atomic_write",
    "Dataset",
    "Evaluation",
    "HEALTH_EVERY",
    "History",
    "ParamCheck",
    "Snapshot",
    "TrainConfig",
    "Trainer",
    "TrainerProtocol",
    "TrainerState",
    "RemoteTrainer",
    "TrainingProcess",
    "TrainingProcessError",
    "builtin_dataset",
    "MNIST_FILES",
    "check_gradients",
    "default_lr",
    "default_cache_dir",
    "download_dataset",
    "find_dataset",
    "load_checkpoint",
    "load_dataset",
    "load_network",
    "normalize_digit",
    "preprocess",
    "probe_snapshot_arrays",
    "save_checkpoint",
    "ACTIVATIONS",
    "C3_INPUTS",
    "OPTION_CHOICES",
    "OPTION_LABELS",
    "PRESETS",
    "PRESET_DESCRIPTIONS",
    "CheckpointError",
    "ConfigError",
    "DataError",
    "DownloadError",
    "Gradients",
    "LayerSpec",
    "LenetError",
    "Network",
    "NetworkConfig",
    "SummaryRow",
    "Trace",
    "build_network",
    "c3_table",
    "get_config",
    "init_params",
]

# last: engine.explain reads the names above from this package
from .explain import (  # noqa: E402
    ArrayCheck,
    Check,
    ConvContribution,
    ConvRoute,
    DeltaStep,
    DenseRoute,
    Derivation,
    ExampleStep,
    ForwardStep,
    OutputRoute,
    ParamStep,
    PoolDown,
    PoolRoute,
    WorkedExample,
    derive_unit,
    example_markdown,
    seed000_expansion,
    seed003_example,
    seed004_c3_table,
    to_markdown,
)

__all__ += [
    "ArrayCheck", "Check", "ConvContribution", "ConvRoute", "DeltaStep", "DenseRoute",
    "Derivation", "ExampleStep", "ForwardStep", "OutputRoute", "ParamStep", "PoolDown",
    "PoolRoute", "WorkedExample", "derive_unit", "example_markdown", "seed000_expansion",
    "seed003_example", "seed004_c3_table", "to_markdown",
]
