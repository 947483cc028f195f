"""The CJK font every PDF embeds, and a check for characters it lacks (rare 生僻字 print as boxes otherwise).

ReportLab embeds TrueType only (not the OpenType/CFF of Noto CJK): the bundled WenQuanYi Micro Hei
(`resources/fonts/wqy-microhei.ttc`, Apache-2.0) is used, subset into each PDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from desktop_hr import messages, paths
from desktop_hr.errors import DomainError

FONT = "WQYMicroHei"
BUNDLED_FONT = "wqy-microhei.ttc"

messages.define(
    {
        "missing_glyphs": (
            "以下文字在打印字体中没有字形，打印出来会是方框：{chars}（{where}）。请改用常用字或在备注中说明后再打印。",
            "The print font has no glyph for {chars} ({where}); they would print as boxes. "
            "Use common characters or add a note, then print again.",
        ),
    }
)


class MissingGlyphs(DomainError):
    code = "missing_glyphs"


# ReportLab's "cannot start a line" set is Japanese: add Chinese full-width punctuation, so a "，" or "。"
# hangs at the end of a line instead of opening the next one (GB/T 15834 line-breaking rule).
CHINESE_CANNOT_START = "，；：！？”’》）〉…"


@cache
def register() -> str:
    """Register the bundled font with ReportLab once; returns its name for styles and canvases."""
    # ReportLab is imported by what draws or checks text (0.3 s): the window starts without it.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import paragraph as reportlab_paragraph

    path = paths.resources_dir() / "fonts" / BUNDLED_FONT
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    if CHINESE_CANNOT_START[0] not in reportlab_paragraph.ALL_CANNOT_START:
        reportlab_paragraph.ALL_CANNOT_START += CHINESE_CANNOT_START
    return FONT


@cache
def _covered() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register()
    font = pdfmetrics.getFont(FONT)
    return frozenset(font.face.charToGlyph.keys())


def missing_characters(text: str) -> list[str]:
    """Characters of `text` the font cannot draw (white space and control characters aside), in order."""
    covered = _covered()
    seen: list[str] = []
    for char in text:
        if ord(char) < 0x20 or char.isspace() or ord(char) in covered or char in seen:
            continue
        seen.append(char)
    return seen


def check_printable(texts: Iterable[tuple[str, str]]) -> None:
    """Refuse before anything is drawn: (text, where it comes from) pairs, e.g. ("𠮷野", "姓名 00012")."""
    for text, where in texts:
        missing = missing_characters(text)
        if missing:
            raise MissingGlyphs(chars="".join(missing), where=where)
