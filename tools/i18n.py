"""Refresh the window's translations: pyside6-lupdate over desktop_hr/views, then pyside6-lrelease to the .qm.

    python tools/i18n.py            # update the .ts from the sources, then build the .qm
    python tools/i18n.py --check    # fail if any entry is unfinished or the .qm is older than the .ts
    python tools/i18n.py --fill zh.json   # update, then translate unfinished entries from {source: text}

Translate new entries in resources/translations/desktop_hr_zh_CN.ts (Qt Linguist: pyside6-linguist),
then run this again. The .qm is committed so a plain pip install has it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop_hr" / "views"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """The PySide6 tool next to this Python first (the virtualenv's), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e .[test])")
    return found


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"desktop_hr_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"desktop_hr_{language}.qm"


def unfinished(ts: Path) -> list[str]:
    """Source texts still without a finished translation (vanished/obsolete entries do not count)."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        kind = translation.get("type") if translation is not None else "unfinished"
        if kind in ("vanished", "obsolete"):
            continue
        if translation is None or kind == "unfinished" or not (translation.text or "").strip():
            missing.append(source)
    return missing


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p) for p in SOURCES.rglob("*.py"))
    for language in LANGUAGES:
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                # Without these lupdate guesses the language from the file name ("desktop_hr_…" -> Croatian).
                "-source-language",
                "en",
                "-target-language",
                language,
                *sources,
                "-ts",
                str(ts_path(language)),
            ],
            check=True,
        )
        subprocess.run(
            [
                tool("pyside6-lrelease"),
                "-removeidentical",
                str(ts_path(language)),
                "-qm",
                str(qm_path(language)),
            ],
            check=True,
        )


def fill(language: str, translations: dict[str, str]) -> list[str]:
    """Give unfinished entries whose source text is in `translations` their translation; returns those filled."""
    path = ts_path(language)
    tree = ET.parse(path)
    filled = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if source not in translations or translation is None or translation.get("type") != "unfinished":
            continue
        translation.text = translations[source]
        del translation.attrib["type"]
        filled.append(source)
    if filled:
        tree.write(path, encoding="utf-8", xml_declaration=True)
    return filled


def check() -> int:
    status = 0
    for language in LANGUAGES:
        missing = unfinished(ts_path(language))
        for source in missing:
            print(f"{language}: untranslated: {source!r}")
        if missing:
            status = 1
        if (
            not qm_path(language).exists()
            or qm_path(language).stat().st_mtime < ts_path(language).stat().st_mtime
        ):
            print(f"{language}: {qm_path(language).name} is missing or older than the .ts; run tools/i18n.py")
            status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    parser.add_argument("--fill", type=Path, help="a JSON file {English source: Chinese translation}")
    args = parser.parse_args(argv)
    if not args.check:
        update()
    if args.fill:
        filled = fill("zh_CN", json.loads(args.fill.read_text(encoding="utf-8")))
        print(f"zh_CN: {len(filled)} entries translated from {args.fill}")
        if filled:
            update()  # lupdate rewrites the file in its own layout, and lrelease builds the .qm again
    return check()


if __name__ == "__main__":
    raise SystemExit(main())
