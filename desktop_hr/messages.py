"""User-facing texts produced below the views (errors, import reports, CLI output), in zh_CN and en.

The window translates its own strings with Qt's translator; services, importers and the command
line have no Qt, so their texts live here, keyed by a stable code, and are rendered in the
language the user chose (Chinese by default, DESKTOP_HR_LANG or --lang to change it).
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("zh_CN", "en")
_state = {"lang": "en" if os.environ.get("DESKTOP_HR_LANG", "").lower().startswith("en") else "zh_CN"}

# code -> (zh_CN, en). Placeholders use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {}


def define(entries: dict[str, tuple[str, str]]) -> None:
    """Register texts; each module that raises or reports something defines its own codes."""
    for code, pair in entries.items():
        if code in CATALOGUE and CATALOGUE[code] != pair:
            raise ValueError(f"message code {code!r} defined twice with different texts")
        CATALOGUE[code] = pair


def set_language(lang: str) -> None:
    _state["lang"] = "en" if lang.lower().startswith("en") else "zh_CN"


def language() -> str:
    return _state["lang"]


def text(code: str, /, **params: Any) -> str:
    zh, en = CATALOGUE[code]
    template = en if _state["lang"] == "en" else zh
    return template.format(**params)
