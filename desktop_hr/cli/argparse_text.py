"""argparse in the user's language: its own words ("usage:", "options", "the following arguments are
required", "invalid choice"…) from a small catalogue, and help text wrapped by the width a terminal gives
Chinese characters.

argparse asks gettext for every word it prints, through the names `_` and `ngettext` of its module. While
one of our parsers builds itself, parses or formats, those names point at this catalogue (then back), so
nothing else that uses argparse in the same process is touched. English is argparse's own language.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from desktop_hr import messages

# Every string argparse passes to gettext (Python 3.11 to 3.13), in Chinese. A test checks that the
# running argparse asks for nothing this lacks.
ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的%(type)s值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多接受一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r 被忽略",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可能是 %(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unexpected option string: %s": "意外的选项：%s",
    'argument "-" with mode %r': "参数“-”不能以模式 %r 打开",
    # Mistakes in building a parser, not in typing a command; translated so that nothing stays English.
    ".__call__() not defined": ".__call__() 未定义",
    "'required' is an invalid argument for positionals": "位置参数不能使用 'required'",
    "mutually exclusive arguments must be optional": "互斥的参数必须是选项",
    "%r is not callable": "%r 不可调用",
    "cannot merge actions - two groups are named %r": "无法合并：两个参数组都叫 %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "无效的选项 %(option)r：必须以字符 %(prefix_chars)r 开头"
    ),
    "dest= is required for options like %r": "像 %r 这样的选项需要 dest=",
    "invalid conflict_resolution value: %r": "无效的 conflict_resolution 值：%r",
    "cannot have multiple subparser arguments": "不能有多组子命令",
    "conflicting subparser: %s": "子命令重复：%s",
    "conflicting subparser alias: %s": "子命令别名重复：%s",
    "conflicting option string: %s": "选项重复：%s",
    "conflicting option strings: %s": "选项重复：%s",
}


def gettext(text: str) -> str:
    if messages.language() == "en":
        return text
    return ZH.get(text, text)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


@contextlib.contextmanager
def speaking() -> Iterator[None]:
    """argparse's words from this catalogue for the duration (nested uses restore in order)."""
    module: Any = argparse
    before = module._, module.ngettext
    module._, module.ngettext = gettext, ngettext
    try:
        yield
    finally:
        module._, module.ngettext = before


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# A run of narrow characters breaks only at spaces; a wide (CJK) character may stand alone on either side
# of a break.
_TOKENS = re.compile(r"\s+|[^\s\u1100-\uffff]+|\S")


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal columns (a word longer than a line is cut)."""
    width = max(width, 10)
    lines: list[str] = []
    current = ""
    for token in _TOKENS.findall(text):
        if token.isspace():
            current += " " if current else ""
            continue
        if current.strip() and display_width(current + token) > width:
            lines.append(current.rstrip())
            current = ""
        current += token
        while display_width(current) > width:
            cut = 1
            while display_width(current[: cut + 1]) <= width:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """Wraps help by display width, so a Chinese line is not twice as wide as the terminal, pads the
    column of options by display width too, and ends a Chinese heading with a Chinese colon."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_action(self, action: argparse.Action) -> str:
        formatted = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = display_width(invocation) - len(invocation)
        first, newline, rest = formatted.partition("\n")
        at = first.find(invocation)
        if extra and at >= 0:
            after = at + len(invocation)
            padding = len(first[after:]) - len(first[after:].lstrip(" "))
            if padding >= extra + 2 and first[after:].strip():
                first = first[:after] + first[after + extra :]
        return first + newline + rest

    def format_help(self) -> str:
        text = super().format_help()
        if messages.language() == "en":
            return text
        for heading in ("positional arguments", "options", "optional arguments", "subcommands"):
            text = text.replace(f"\n{ZH[heading]}:\n", f"\n{ZH[heading]}：\n")
        return text


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks the user's language (messages.language() when it speaks). Parse
    with `parse` below: argparse's errors are worded while it parses."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        with speaking():
            super().__init__(*args, **kwargs)

    def format_usage(self) -> str:
        with speaking():
            return super().format_usage()

    def format_help(self) -> str:
        with speaking():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with speaking():
            super().error(message)


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """parser.parse_args in the user's language (exits with 2 on a usage error)."""
    with speaking():
        return parser.parse_args(argv)
