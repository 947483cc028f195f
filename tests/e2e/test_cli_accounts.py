"""Accounts on the command line: init from nothing, --user with the password from the environment,
and each role refused what it may not do (exit 1, a message naming the account), with nothing written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from signing import ADMIN_NAME, ADMIN_PASSWORD, cli_env
from test_cli import run

CLERK_PASSWORD = "clerk-pass-2026"


def as_user(name: str, password: str) -> dict[str, str]:
    return {k: v for k, v in cli_env(name, password).items() if k.startswith("DESKTOP_HR_")}


def add(db: Path, name: str, role: str, *extra: str) -> None:
    made = run(
        "--db",
        db,
        "account",
        "add",
        name,
        "--role",
        role,
        *extra,
        env={"DESKTOP_HR_NEW_PASSWORD": CLERK_PASSWORD},
    )
    assert made.returncode == 0, made.stderr


def test_init_creates_the_administrator_once_and_commands_need_an_account(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    nobody = run("--db", db, "export", "employees", tmp_path / "x.xlsx", as_admin=False)
    assert nobody.returncode == 1 and "不存在" in nobody.stderr and "init" in nobody.stderr
    assert not db.exists(), "only init (or demo) makes a new database"

    made = run("--db", db, "init", "--admin", ADMIN_NAME, env={"DESKTOP_HR_PASSWORD": ADMIN_PASSWORD})
    assert made.returncode == 0, made.stderr
    assert f"--user {ADMIN_NAME}" in made.stdout
    again = run("--db", db, "init", "--admin", "other", env={"DESKTOP_HR_PASSWORD": ADMIN_PASSWORD})
    assert again.returncode == 1 and "已有账号" in again.stderr

    no_user = run("--db", db, "export", "employees", tmp_path / "x.xlsx", as_admin=False)
    assert no_user.returncode == 1 and "--user" in no_user.stderr
    wrong = run(
        "--db",
        db,
        "export",
        "employees",
        tmp_path / "x.xlsx",
        as_admin=False,
        env=as_user(ADMIN_NAME, "wrong-one"),
    )
    assert wrong.returncode == 1 and "用户名或密码错误" in wrong.stderr and "连续输错 5 次" in wrong.stderr
    short = run("--db", tmp_path / "b.sqlite3", "init", "--admin", "x", env={"DESKTOP_HR_PASSWORD": "short"})
    assert short.returncode == 1 and "至少需要 8 个字符" in short.stderr


def test_each_role_is_refused_what_it_may_not_do(tmp_path: Path, sample_roster: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    assert run("--db", db, "import", "employees", sample_roster).returncode == 0
    add(db, "clerk", "clerk")
    add(db, "auditor", "auditor")
    add(db, "head", "department_head", "--department", "总公司/人事行政部")
    listed = run("--db", db, "account", "list")
    assert listed.returncode == 0
    assert "人事专员" in listed.stdout and "审计员" in listed.stdout and "部门负责人" in listed.stdout

    clerk = as_user("clerk", CLERK_PASSWORD)
    assert run("--db", db, "import", "employees", sample_roster, as_admin=False, env=clerk).returncode == 0
    refused = run("--db", db, "account", "add", "x", "--role", "admin", as_admin=False, env=clerk)
    assert refused.returncode == 1 and "账号“clerk”（人事专员）无权管理账号" in refused.stderr

    auditor = as_user("auditor", CLERK_PASSWORD)
    imported = run("--db", db, "import", "employees", sample_roster, as_admin=False, env=auditor)
    assert imported.returncode == 1 and "账号“auditor”（审计员）无权从 Excel 导入" in imported.stderr
    recompute = run("--db", db, "points", "recompute", as_admin=False, env=auditor)
    assert recompute.returncode == 1 and "auditor" in recompute.stderr
    out = tmp_path / "all.xlsx"
    exported = run("--db", db, "export", "employees", out, as_admin=False, env=auditor)
    assert exported.returncode == 0 and out.exists() and "120" in exported.stdout
    card = tmp_path / "card.pdf"
    printed = run(
        "--db", db, "print", "archive", "--employee", "00001", "-o", card, as_admin=False, env=auditor
    )
    assert printed.returncode == 0, printed.stderr
    assert card.exists()

    head = as_user("head", CLERK_PASSWORD)
    own = tmp_path / "own.xlsx"
    mine = run("--db", db, "export", "employees", own, as_admin=False, env=head)
    assert mine.returncode == 0
    shown = int(mine.stdout.split("已导出 ")[1].split(" 行")[0])
    assert 0 < shown < 120  # only 人事行政部 and the departments under it
    head_import = run("--db", db, "import", "employees", sample_roster, as_admin=False, env=head)
    assert head_import.returncode == 1 and "部门负责人" in head_import.stderr

    # After every refusal the data is as the clerk left it.
    again = run("--db", db, "import", "employees", sample_roster)
    assert "新增 0 条，更新 0 条，未变 120 条" in again.stdout


def test_a_new_demo_database_has_an_account_per_role_to_try(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    made = run("--db", db, "demo", "--employees", "60", as_admin=False)
    assert made.returncode == 0, made.stderr
    assert "admin, clerk, head, auditor" in made.stdout and "demo-2026" in made.stdout
    with sqlite3.connect(db) as raw:  # marked: the window never remembers it as the office's database
        assert raw.execute("SELECT value FROM setting WHERE key = 'database.demo'").fetchall() == [("1",)]
    everyone = tmp_path / "all.xlsx"
    clerk = run(
        "--db", db, "export", "employees", everyone, as_admin=False, env=as_user("clerk", "demo-2026")
    )
    assert clerk.returncode == 0 and "已导出 60 行" in clerk.stdout
    own = tmp_path / "tech.xlsx"
    head = run("--db", db, "export", "employees", own, as_admin=False, env=as_user("head", "demo-2026"))
    assert head.returncode == 0, head.stderr
    departments = {row[0] for row in _column(own, "部门")}
    assert departments == {"总公司/技术部"}


def _column(path: Path, title: str) -> list[tuple[object]]:
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    index = list(rows[0]).index(title)
    return [(row[index],) for row in rows[1:]]
