"""`desktop-hr --help` and a mistyped command answer at once: they load neither Qt, SQLAlchemy, ReportLab
nor openpyxl (each costs a good part of a second to import), the help still lists what the services
define, and all of it, argparse's own words included, is in the chosen language."""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_hr.cli import argparse_text, build_parser
from desktop_hr.models import Role
from desktop_hr.services.exchange import kinds

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("PySide6", "shiboken6", "sqlalchemy", "reportlab", "openpyxl", "python_calamine", "desktop_hr.views")

# Runs `desktop-hr ARGS` in a fresh interpreter and reports the exit code, what was printed and which
# heavy packages were imported by then.
_RUN = """
import contextlib, io, json, sys
from desktop_hr.cli import main
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    try:
        code = main(json.loads(sys.argv[1]))
    except SystemExit as done:
        code = done.code
heavy = json.loads(sys.argv[2])
loaded = sorted(n for n in sys.modules if any(n == h or n.startswith(h + ".") for h in heavy))
print(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(), "loaded": loaded}))
"""


def _desktop_hr(*args: str, lang: str = "") -> dict[str, object]:
    """`desktop-hr ARGS` with DESKTOP_HR_LANG=lang (unset: the default, Chinese)."""
    env = {k: v for k, v in os.environ.items() if k != "DESKTOP_HR_LANG"}
    if lang:
        env["DESKTOP_HR_LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(list(args)), json.dumps(HEAVY)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("print", "--help"),
        ("account", "add", "--help"),
    ],
)
def test_help_loads_nothing_heavy(args: tuple[str, ...]) -> None:
    report = _desktop_hr(*args)
    assert report["code"] == 0
    assert "用法：desktop-hr" in str(report["out"])
    assert report["loaded"] == []


@pytest.mark.parametrize(
    "args",
    [
        ("import", "nonsense", "x.xlsx"),
        ("print", "archive", "-o", "x.pdf"),  # neither --employee nor --department
        ("account", "add", "someone", "--role", "boss"),
        ("--lang", "fr", "demo"),
    ],
)
def test_a_usage_error_exits_2_loading_nothing_heavy(args: tuple[str, ...]) -> None:
    report = _desktop_hr(*args)
    assert report["code"] == 2
    assert "用法：desktop-hr" in str(report["err"]) and "：错误：" in str(report["err"])
    assert report["loaded"] == []


def test_the_help_offers_every_kind_and_role_the_program_has() -> None:
    imports = str(_desktop_hr("import", "--help")["out"])
    roles = str(_desktop_hr("account", "add", "--help")["out"])
    assert all(name in imports for name in kinds())
    assert all(role.value in roles for role in Role)


# What may stay in Latin letters in the Chinese help and errors: what is typed (commands, options, kinds,
# roles, environment variables), file suffixes and formats, and the product's name.
_TYPED = re.compile(
    r"YYYY-MM-DD|desktop[-_]hr|zh_CN|e\.g\.|--?[a-z][a-z-]*|\.[a-z]+\b|\b(SQLite|SQLAlchemy)\b|\b[A-Z][A-Z_]*[A-Z]\b"
)


def _english_words(text: str, typed: set[str]) -> list[str]:
    left = _TYPED.sub(" ", text)
    return sorted({word for word in re.findall(r"[A-Za-z]{2,}", left) if word not in typed})


def _every_parser(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _every_parser(sub)
    return found


def _typed_words(parser: argparse.ArgumentParser) -> set[str]:
    """Command names and choices: they are typed as they are, in any language."""
    words: set[str] = set()
    for each in _every_parser(parser):
        for action in each._actions:
            for choice in action.choices or ():
                words.update(re.findall(r"[A-Za-z]+", str(choice)))
    return words


def test_every_help_page_is_chinese_by_default_and_english_with_lang_en() -> None:
    """No English word in any Chinese help page but what is typed; no Chinese word in the English ones
    but the examples of Chinese data (department paths, document names)."""
    argparse_text.messages.set_language("zh_CN")
    try:
        parser = build_parser()
        typed = _typed_words(parser)
        pages = [each.format_help() for each in _every_parser(parser)]
        assert len(pages) > 30
        assert all(page.startswith("用法：") for page in pages)
        assert {
            page.split("\n", 1)[0]: _english_words(page, typed)
            for page in pages
            if _english_words(page, typed)
        } == {}
        argparse_text.messages.set_language("en")
        english = [each.format_help() for each in _every_parser(build_parser())]
        assert all(page.startswith("usage: ") and "options:" in page for page in english)
        assert "用法" not in "".join(english) and "选项" not in "".join(english)
    finally:
        argparse_text.messages.set_language("zh_CN")


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (("init",), "缺少必需的参数：--admin", "the following arguments are required: --admin"),
        (("demo", "--bogus"), "无法识别的参数：--bogus", "unrecognized arguments: --bogus"),
        (("import", "nonsense", "x.xlsx"), "无效的选择：'nonsense'", "invalid choice: 'nonsense'"),
        (("demo", "--employees", "x"), "必须是整数，而不是 'x'", "a whole number is needed, not 'x'"),
        (
            ("export", "calendar", "x.ics", "--from", "2026-13-01"),
            "日期 '2026-13-01' 无效，请写成 YYYY-MM-DD",
            "'2026-13-01' is not a date: write YYYY-MM-DD",
        ),
        (
            ("export", "requirements", "x.xlsx", "--year", "soon"),
            "年度必须是整数",
            "a year is a whole number",
        ),
        (("print", "archive", "-o", "x.pdf"), "必须给出以下参数之一：--employee --department", "one of the"),
    ],
)
def test_usage_errors_speak_the_chosen_language(args: tuple[str, ...], zh: str, en: str) -> None:
    chinese = _desktop_hr(*args)
    assert chinese["code"] == 2 and zh in str(chinese["err"]), chinese["err"]
    assert (
        _english_words(
            str(chinese["err"]).replace(" ".join(args), ""),
            {"nonsense", "bogus", "soon", "x", "xlsx", "ics", "pdf"} | _typed_words(build_parser()),
        )
        == []
    )
    english = _desktop_hr(*args, lang="en")
    assert en in str(english["err"]) and "usage: desktop-hr" in str(english["err"])
    flag = _desktop_hr("--lang", "en", *args)  # --lang decides over the environment
    assert en in str(flag["err"])


def test_the_catalogue_has_every_word_argparse_asks_for() -> None:
    """A newer Python's argparse asking for a word the catalogue lacks would print it in English."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    asked = {
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "ngettext")
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    } | {"subcommands"}
    assert sorted(asked - set(argparse_text.ZH)) == []


def test_chinese_help_fits_the_terminal_it_is_given() -> None:
    """Wrapped by display width: a Chinese character takes two columns."""
    lines = argparse_text.wrap(
        "SQLite 数据库文件或 SQLAlchemy 连接地址（默认：环境变量 DESKTOP_HR_DB 或数据文件夹）", 30
    )
    assert all(argparse_text.display_width(line) <= 30 for line in lines)
    assert (
        "".join(lines).replace(" ", "")
        == "SQLite数据库文件或SQLAlchemy连接地址（默认：环境变量DESKTOP_HR_DB或数据文件夹）"
    )
    assert "DESKTOP_HR_DB" in "\n".join(lines)  # a word is not cut when it fits a line
