"""Paths to the files shipped in `resources/`: the bundled pretrained weights and icons."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
INSTALLED_DATA = ("share", "lenet-gui")  # where a wheel puts resources/ (pyproject data-files)


def find_resources(package: Path = PACKAGE) -> Path:
    """The resources folder: beside the package in a checkout (or an editable install), else
    <prefix>/share/lenet-gui of the prefix the package was installed into (a wheel puts
    site-packages a few levels below it: lib/pythonX.Y/site-packages or Lib/site-packages)."""
    beside = package.parent / "resources"
    if beside.is_dir():
        return beside
    for ancestor in package.parents:
        candidate = ancestor.joinpath(*INSTALLED_DATA)
        if candidate.is_dir():
            return candidate
    return beside  # missing: callers say so


RESOURCES = find_resources()
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
