"""The UI language: which one (the preference, else the system locale), its compiled
translation (.qm, built from the .ts source with PySide6's lrelease when missing or stale)
and the installed QTranslators (the app's and Qt's own, for the standard dialogs).

The .ts sources live in resources/translations (see docs/translations.md for updating them).
A .qm is written beside its .ts when that folder is writable (a checkout), else into the
user's cache folder. Without lrelease or a .qm the app stays English and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from engine import default_cache_dir

from .resources import TRANSLATIONS

ENGLISH = "en"
CHINESE = "zh_CN"
# language code -> its name in that language (how the View > Language menu lists it)
LANGUAGES: dict[str, str] = {ENGLISH: "English", CHINESE: "简体中文"}
APP_CATALOG = "lenet_gui"  # resources/translations/lenet_gui_<code>.ts
QT_CATALOG = "qtbase"  # Qt's own strings (file dialogs, message box buttons)

_installed: list[QTranslator] = []  # kept alive while installed
_current = ENGLISH


def system_language() -> str:
    """The language of the system locale that the app speaks (Chinese or English)."""
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def resolve_language(preference: str | None) -> str:
    """The preference when it names a known language, else the system's."""
    return preference if preference in LANGUAGES else system_language()


def current_language() -> str:
    return _current


def _lrelease() -> list[str] | None:
    """The command that compiles a .ts: PySide6's bundled lrelease, else one on PATH."""
    try:
        import PySide6
    except ImportError:  # pragma: no cover - the app needs PySide6 anyway
        return None
    exe = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    bundled = Path(PySide6.__file__).parent / exe
    if bundled.is_file():
        return [str(bundled)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


def _stale(qm: Path, ts: Path) -> bool:
    return not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime


def _compile(ts: Path, qm: Path) -> str | None:
    """Compile ts into qm; None on success, else why not."""
    command = _lrelease()
    if command is None:
        return "lrelease (from PySide6) was not found"
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([*command, "-silent", str(ts), "-qm", str(qm)],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"lrelease failed: {exc}"
    if result.returncode != 0 or not qm.is_file():
        return f"lrelease failed: {(result.stderr or result.stdout).strip()}"
    return None


def compiled_catalog(language: str, folder: Path = TRANSLATIONS,
                     cache: Path | None = None) -> tuple[Path | None, str | None]:
    """(the .qm of a language, None), built first if missing or older than its .ts; or
    (None, why not)."""
    ts = folder / f"{APP_CATALOG}_{language}.ts"
    if not ts.is_file():
        return None, f"{ts} is missing"
    beside = ts.with_suffix(".qm")
    if not _stale(beside, ts):
        return beside, None
    cached = (cache or default_cache_dir() / "translations") / beside.name
    if not _stale(cached, ts):
        return cached, None
    target = beside if os.access(folder, os.W_OK) else cached
    why = _compile(ts, target)
    return (target, None) if why is None else (None, why)


def _remove_translators() -> None:
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)


def install_language(language: str) -> str | None:
    """Install the translators for a language (English: none). None on success, else a
    note saying why the app stays English."""
    global _current
    _remove_translators()
    _current = ENGLISH
    app = QCoreApplication.instance()
    if language == ENGLISH or app is None:
        return None
    qm, why = compiled_catalog(language)
    translator = QTranslator(app)
    if qm is None or not translator.load(str(qm)):
        return why or f"{qm} could not be loaded"
    app.installTranslator(translator)
    _installed.append(translator)
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"{QT_CATALOG}_{language}", qt_folder):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    _current = language
    return None
