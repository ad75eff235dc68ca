"""lenet-gui's engine: LeNet-5 in NumPy, its data, training and checkpoints. No Qt here."""

from .activations import ACTIVATIONS
from .config import (
    OPTION_CHOICES,
    OPTION_LABELS,
    PRESET_DESCRIPTIONS,
    PRESETS,
    NetworkConfig,
    get_config,
)
from .connection_table import C3_INPUTS, c3_table
from .errors import (
    CheckpointError,
    ConfigError,
    DataError,
    DivergenceError,
    DownloadError,
    LenetError,
)
from .network import Gradients, LayerSpec, Network, SummaryRow, Trace, build_network, init_params

__all__ = [
    "ACTIVATIONS",
    "C3_INPUTS",
    "OPTION_CHOICES",
    "OPTION_LABELS",
    "PRESETS",
    "PRESET_DESCRIPTIONS",
    "CheckpointError",
    "ConfigError",
    "DataError",
    "DivergenceError",
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
