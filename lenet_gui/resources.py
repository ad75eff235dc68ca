"""Paths to the files shipped in `resources/`: the bundled pretrained weights and icons."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
PRETRAINED_WEIGHTS = RESOURCES / "lenet5_mnist.npz"
ICONS = RESOURCES / "icons"


def icon_path(name: str) -> Path:
    """resources/icons/<name>.svg (may not exist: callers fall back to no icon)."""
    return ICONS / f"{name}.svg"


def load_pretrained(path: str | Path | None = None):
    """(network, None) from the bundled weights, or (None, reason) when missing/corrupt."""
    from engine import LenetError, load_network

    path = Path(path) if path is not None else PRETRAINED_WEIGHTS
    if not path.is_file():
        return None, f"no pretrained weights ({path.name} is missing)"
    try:
        return load_network(path), None
    except LenetError as exc:
        return None, f"pretrained weights not loaded: {exc}"
    except (OSError, ValueError) as exc:
        return None, f"pretrained weights not loaded: {path.name}: {exc}"
