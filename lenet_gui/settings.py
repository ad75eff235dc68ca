"""Preferences and window layout remembered between runs (QSettings).

`LENET_GUI_SETTINGS_DIR` (tests, CI) puts the settings in an INI file in that folder, so a
test never touches the user's real settings. `dialogs_allowed()` says whether the app may
block on a modal dialog: not offscreen, not in CI, not when `LENET_GUI_NO_DIALOGS` is set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

ORGANIZATION = "lenet-gui"
APPLICATION = "lenet-gui"
SETTINGS_DIR_ENV = "LENET_GUI_SETTINGS_DIR"
NO_DIALOGS_ENV = "LENET_GUI_NO_DIALOGS"


def make_settings() -> QSettings:
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "lenet-gui.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANIZATION, APPLICATION)


def dialogs_allowed() -> bool:
    if os.environ.get(NO_DIALOGS_ENV, "").strip() not in ("", "0"):
        return False
    if os.environ.get("CI", "").strip() not in ("", "0", "false"):
        return False
    return os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] not in ("offscreen", "minimal")


# name -> (type, default)
PREFERENCES: dict[str, tuple[type, Any]] = {
    "preset": (str, "lenet5"),
    "dataset": (str, "mnist"),
    "lr": (float, 0.05),
    "momentum": (float, 0.9),
    "schedule": (str, "cosine"),
    "weight_decay": (float, 5e-4),
    "pen_width": (float, 22.0),
    "batch_size": (int, 64),
    "epochs": (int, 20),
    "augment": (bool, False),
    "scale_mode": (str, "layer"),
    "last_folder": (str, ""),
    "data_dir": (str, ""),  # MNIST's folder, as chosen in the data dialog
    "fashion_data_dir": (str, ""),  # Fashion-MNIST's
    "language": (str, ""),  # "" follows the system locale (lenet_gui.i18n)
}


def data_dir_key(name: str) -> str:
    """The preference holding the folder a dataset was last read from ("" = the cache)."""
    return "data_dir" if name == "mnist" else f"{name}_data_dir"


def _convert(value: Any, kind: type, default: Any) -> Any:
    try:
        if kind is bool:
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        return kind(value)
    except (TypeError, ValueError):
        return default


def load_preferences(settings: QSettings) -> dict[str, Any]:
    prefs = {}
    for name, (kind, default) in PREFERENCES.items():
        raw = settings.value(f"prefs/{name}", default)
        prefs[name] = _convert(raw, kind, default)
    options = {}
    settings.beginGroup("options")
    for key in settings.childKeys():
        options[key] = str(settings.value(key))
    settings.endGroup()
    prefs["options"] = options
    return prefs


def save_preferences(settings: QSettings, prefs: dict[str, Any]) -> None:
    for name in PREFERENCES:
        if name in prefs:
            settings.setValue(f"prefs/{name}", prefs[name])
    if "options" in prefs:
        settings.remove("options")
        settings.beginGroup("options")
        for key, value in prefs["options"].items():
            settings.setValue(key, value)
        settings.endGroup()
    settings.sync()
