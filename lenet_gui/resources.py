"""Where the shipped files are: the bundled pretrained weights and the translations in
`resources/`.

`resources/` sits at the top of the repository, beside the `lenet_gui` package; a wheel
installs it as <prefix>/share/lenet-gui (pyproject data-files, translations/ below it). The
package itself is found with `importlib.resources`, so the lookup also works for an editable
or a wheel install.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from engine import LenetError, Network, load_network

from . import engine_texts

INSTALLED_DATA = ("share", "lenet-gui")  # where a wheel puts resources/ (pyproject data-files)


def package_dir() -> Path:
    """The lenet_gui package on disk."""
    return Path(str(files(__package__ or "lenet_gui"))).resolve()


def find_resources(package: Path | None = None) -> Path:
    """The resources folder: beside the package in a checkout (or an editable install), else
    <prefix>/share/lenet-gui of the prefix the package was installed into (a wheel puts
    site-packages a few levels below it: lib/pythonX.Y/site-packages or Lib/site-packages)."""
    package = package_dir() if package is None else package
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
TRANSLATIONS = RESOURCES / "translations"  # the .ts sources (and .qm when built beside)


def load_pretrained(path: str | Path | None = None) -> tuple[Network | None, str | None]:
    """(network, None) from the bundled weights, or (None, reason) when missing/corrupt."""
    path = Path(path) if path is not None else PRETRAINED_WEIGHTS
    if not path.is_file():
        return None, QCoreApplication.translate(
            "resources", "no pretrained weights ({0} is missing)").format(path.name)
    try:
        return load_network(path), None
    except LenetError as exc:
        return None, QCoreApplication.translate(
            "resources", "pretrained weights not loaded: {0}").format(engine_texts.error(str(exc)))
    except (OSError, ValueError) as exc:
        return None, QCoreApplication.translate(
            "resources", "pretrained weights not loaded: {0}: {1}").format(path.name, exc)
