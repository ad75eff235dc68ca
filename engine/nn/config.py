"""Network configuration: every variant option the seeds describe, and the named presets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

ARCHITECTURES = ("lenet5", "toolbox", "simple")
ACTIVATION_NAMES = ("scaled_tanh", "tanh", "sigmoid", "relu")
SUBSAMPLING = ("trainable", "max", "mean")
C3_CONNECTIONS = ("table", "full")
OUTPUTS = ("softmax", "sigmoid_mse", "activation_softmax")
INITS = ("lecun1998", "modern")

OPTION_CHOICES: dict[str, tuple[str, ...]] = {
    "activation": ACTIVATION_NAMES,
    "subsampling": SUBSAMPLING,
    "c3_connections": C3_CONNECTIONS,
    "output": OUTPUTS,
    "init": INITS,
}

OPTION_LABELS: dict[str, dict[str, str]] = {
    "activation": {
        "scaled_tanh": "scaled tanh 1.7159 tanh(2u/3) (1998)",
        "tanh": "tanh",
        "sigmoid": "sigmoid",
        "relu": "ReLU",
    },
    "subsampling": {
        "trainable": "trainable a*sum+b (1998)",
        "max": "max-pooling",
        "mean": "mean-pooling",
    },
    "c3_connections": {"table": "1998 table (60 kernels)", "full": "full (96 kernels)"},
    "output": {
        "softmax": "softmax + cross-entropy",
        "sigmoid_mse": "sigmoid + squared error",
        "activation_softmax": "f(F7) then softmax (seed 004)",
    },
    "init": {"lecun1998": "uniform +-2.4/fan_in (1998)", "modern": "He/LeCun normal"},
}


@dataclass(frozen=True)
class NetworkConfig:
    """Everything that defines a network's structure and maths (not its weights)."""

    preset: str = "lenet5"
    architecture: str = "lenet5"
    activation: str = "relu"
    subsampling: str = "max"
    c3_connections: str = "full"
    output: str = "softmax"
    init: str = "modern"

    @property
    def input_size(self) -> int:
        return 32 if self.architecture == "lenet5" else 28

    @property
    def num_classes(self) -> int:
        return 10

    def replace(self, **changes: Any) -> NetworkConfig:
        return validate(dataclasses.replace(self, **changes))

    def to_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NetworkConfig:
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise ConfigError(f"unknown network option(s): {', '.join(sorted(unknown))}")
        return validate(cls(**{k: str(v) for k, v in data.items()}))

    def describe(self) -> str:
        parts = [OPTION_LABELS[k][getattr(self, k)] for k in OPTION_CHOICES if self.applies(k)]
        return f"{self.preset}: " + ", ".join(parts)

    def applies(self, option: str) -> bool:
        """Whether an option changes this architecture (C3's table exists only in LeNet-5)."""
        return not (option == "c3_connections" and self.architecture != "lenet5")


PRESETS: dict[str, NetworkConfig] = {
    # LeNet-5's structure with the choices that train best today.
    "lenet5": NetworkConfig("lenet5", "lenet5", "relu", "max", "full", "softmax", "modern"),
    # Every 1998 choice the seeds describe (F7 + softmax in place of the RBF output).
    "lenet5-1998": NetworkConfig(
        "lenet5-1998", "lenet5", "scaled_tanh", "trainable", "table", "softmax", "lecun1998"
    ),
    # Seed 000: 6c5-mean2-12c5-mean2, sigmoid everywhere, squared error, 28x28 input.
    "toolbox-cnn": NetworkConfig(
        "toolbox-cnn", "toolbox", "sigmoid", "mean", "full", "sigmoid_mse", "modern"
    ),
    # Seed 002: one conv, one max-pool, sigmoid outputs, squared error, 28x28 input.
    "simple-cnn": NetworkConfig(
        "simple-cnn", "simple", "sigmoid", "max", "full", "sigmoid_mse", "modern"
    ),
}

PRESET_DESCRIPTIONS: dict[str, str] = {
    "lenet5": "LeNet-5 structure, modern choices (ReLU, max-pool, full C3, softmax)",
    "lenet5-1998": "LeNet-5 as in 1998 (scaled tanh, trainable subsampling, C3 table)",
    "toolbox-cnn": "seed 000: 6c5-mean2-12c5-mean2, sigmoid + squared error (28x28)",
    "simple-cnn": "seed 002: one conv + one max-pool, sigmoid + squared error (28x28)",
}


def validate(config: NetworkConfig) -> NetworkConfig:
    if config.architecture not in ARCHITECTURES:
        raise ConfigError(f"unknown architecture {config.architecture!r}; choose one of "
                          f"{', '.join(ARCHITECTURES)}")
    for option, choices in OPTION_CHOICES.items():
        value = getattr(config, option)
        if value not in choices:
            raise ConfigError(f"unknown {option} {value!r}; choose one of {', '.join(choices)}")
    if config.architecture != "lenet5" and config.c3_connections == "table":
        raise ConfigError(
            f"the C3 connection table exists only in LeNet-5, not in {config.preset!r}"
        )
    return config


def get_config(preset: str | NetworkConfig = "lenet5", **overrides: Any) -> NetworkConfig:
    """A preset by name (or a config), with variant options overridden."""
    if isinstance(preset, NetworkConfig):
        base = preset
    else:
        try:
            base = PRESETS[preset]
        except KeyError:
            raise ConfigError(
                f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}"
            ) from None
    overrides = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(overrides) - set(OPTION_CHOICES)
    if unknown:
        raise ConfigError(f"unknown network option(s): {', '.join(sorted(unknown))}")
    return base.replace(**overrides) if overrides else validate(base)
