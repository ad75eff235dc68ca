"""Bring resources/translations/*.ts up to date with the source, then list what is left to
translate:

    python scripts/update_translations.py [--drop-obsolete]

Runs PySide6's lupdate over every lenet_gui/*.py (no line numbers, so diffs stay small).
Texts no longer in the source are kept as "vanished" with their translation, and come back
translated when the text returns (a branch merged later); --drop-obsolete removes them.
Translate the listed messages (Qt Linguist or any editor: fill in the <translation> and drop
type="unfinished"); the app compiles the .qm itself at start-up.
"""

from __future__ import annotations

import argparse
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
            if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                continue  # not in the source (any more)
            if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip():
                missing.append((name, message.findtext("source") or ""))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drop-obsolete", action="store_true",
                        help="remove the texts no longer in the source")
    args = parser.parse_args(argv)
    obsolete = ["-no-obsolete"] if args.drop_obsolete else []
    status = 0
    for ts in sorted(FOLDER.glob("*.ts")):
        subprocess.run([lupdate(), *sources(), *obsolete, "-locations", "none",
                        "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        missing = untranslated(ts)
        for context, source in missing:
            print(f"{ts.name}: [{context}] {source!r}")
        print(f"{ts.name}: {len(missing)} message(s) to translate")
        status = status or int(bool(missing))
    return status


if __name__ == "__main__":
    sys.exit(main())
