"""Bring resources/translations/*.ts up to date with the source, then list what is left to
translate:

    python scripts/update_translations.py

Runs PySide6's lupdate over every lenet_gui/*.py (no obsolete entries, no line numbers, so
diffs stay small). Translate the listed messages (Qt Linguist or any editor: fill in the
<translation> and drop type="unfinished"); the app compiles the .qm itself at start-up.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"


def lupdate() -> str:
    """The lupdate of this Python's PySide6 (beside it in a virtualenv), else one on PATH."""
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    return str(beside) if beside.is_file() else (shutil.which("pyside6-lupdate") or "lupdate")


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "lenet_gui").rglob("*.py"))


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not (tr.text or "").strip():
                missing.append((name, message.findtext("source") or ""))
    return missing


def main() -> int:
    status = 0
    for ts in sorted(FOLDER.glob("*.ts")):
        subprocess.run([lupdate(), *sources(), "-no-obsolete", "-locations", "none",
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        missing = untranslated(ts)
        for context, source in missing:
            print(f"{ts.name}: [{context}] {source!r}")
        print(f"{ts.name}: {len(missing)} message(s) to translate")
        status = status or int(bool(missing))
    return status


if __name__ == "__main__":
    sys.exit(main())
