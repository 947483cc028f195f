"""Whole workflows through the `desktop-hr` command line, as a clerk or a script would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
from databases import Location, sqlite_only
from signing import CLI_ENV, ensure_admin_account

REPO = Path(__file__).resolve().parents[2]


# Commands run() sets no account up for: init makes the first, template touches no database, and
# restore may face a damaged file (its tests pass the account themselves).
NO_ACCOUNT = {"init", "template", "restore", "--help", "--version"}


def run(
    *args: str | Path, env: dict[str, str] | None = None, as_admin: bool = True
) -> subprocess.CompletedProcess[str]:
    """`desktop-hr ARGS`, by default as the administrator of a database `init` has set up.

    The database is `--db` (a file or a server URL: see `db_location`) or DESKTOP_HR_DB in `env`.
    """
    texts = [str(a) for a in args]
    extra: dict[str, str] = {}
    where = texts[texts.index("--db") + 1] if "--db" in texts else (env or {}).get("DESKTOP_HR_DB")
    if as_admin and where and not NO_ACCOUNT & set(texts):
        ensure_admin_account(where)
        extra = dict(CLI_ENV)
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **extra, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "desktop_hr.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        cwd=REPO,
        timeout=300,
        check=False,
    )


def test_sample_roster_imports_120_then_nothing_new(db_location: Location, sample_roster: Path) -> None:
    db = db_location
    first = run("--db", db, "import", "employees", sample_roster)
    assert first.returncode == 0, first.stderr
    assert "新增 120 条" in first.stdout
    second = run("--db", db, "import", "employees", sample_roster)
    assert second.returncode == 0, second.stderr
    assert "新增 0 条" in second.stdout and "未变 120 条" in second.stdout


def test_export_is_reimportable_and_unchanged(
    db_location: Location, tmp_path: Path, sample_roster: Path
) -> None:
    db = db_location
    assert run("--db", db, "import", "employees", sample_roster).returncode == 0
    out = tmp_path / "导出.xlsx"
    exported = run("--db", db, "export", "employees", out)
    assert exported.returncode == 0, exported.stderr
    assert "120" in exported.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:2] == ["工号", "姓名"] and "部门" in header
    assert sheet.cell(row=2, column=1).value == "00001"
    again = run("--db", db, "import", "employees", out)
    assert again.returncode == 0, again.stderr
    assert "新增 0 条，更新 0 条，未变 120 条" in again.stdout


def test_demo_fills_a_new_database_and_refuses_a_used_one(db_location: Location) -> None:
    db = db_location
    made = run("--db", db, "demo", "--employees", "150")
    assert made.returncode == 0, made.stderr
    assert "150 名员工" in made.stdout
    refused = run("--db", db, "demo")
    assert refused.returncode == 1 and "150 名员工" in refused.stderr


def test_bad_file_exits_1_lists_every_bad_row_and_writes_nothing(
    db_location: Location, tmp_path: Path
) -> None:
    db = db_location
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["工号", "姓名", "身份证号", "入职日期"])
    sheet.append(["A001", "张三", "510107197304019707", "2020-01-01"])
    sheet.append(["A002", "李四", "510107197304019708", "2020-01-01"])  # wrong checksum
    sheet.append(["A003", "王五", "", "2021-02-30"])  # impossible date
    sheet.append(["A001", "赵六", "", ""])  # duplicate 工号 in the file
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    result = run("--db", db, "import", "employees", bad)
    assert result.returncode == 1
    err = result.stderr
    assert "第3行" in err and "510107197304019708" in err
    assert "第4行" in err and "2021-02-30" in err
    assert "第5行" in err and "A001" in err
    assert "未写入任何数据" in err
    exported = run("--db", db, "export", "employees", tmp_path / "out.xlsx")
    assert "已导出 0 行" in exported.stdout

    valid_only = run("--db", db, "import", "employees", bad, "--valid-only")
    assert valid_only.returncode == 1  # the input had errors, listed again
    assert "新增 1 条" in valid_only.stdout and "第3行" in valid_only.stderr


def test_not_a_spreadsheet_is_a_clear_message(db_location: Location, tmp_path: Path) -> None:
    fake = tmp_path / "花名册.xlsx"
    fake.write_text("这不是表格", encoding="utf-8")
    result = run("--db", db_location, "import", "employees", fake)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "花名册.xlsx" in result.stderr


def test_template_then_english_messages(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    made = run("--lang", "en", "template", "employees", out)
    assert made.returncode == 0 and "Template saved" in made.stdout
    header = [c.value for c in next(openpyxl.load_workbook(out).worksheets[0].iter_rows(max_row=1))]
    assert "工号" in header and "姓名" in header


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("import", "nonsense", "x.xlsx").returncode == 2
    assert run("export").returncode == 2


def test_missing_file_and_db_from_environment(db_location: Location, tmp_path: Path) -> None:
    env = {"DESKTOP_HR_DB": str(db_location)}
    result = run("import", "employees", tmp_path / "nowhere.xlsx", env=env)
    assert result.returncode == 1 and "nowhere.xlsx" in result.stderr
    made = run("demo", "--employees", "20", env=env)
    assert made.returncode == 0, made.stderr
    exported = run("export", "employees", tmp_path / "out.xlsx", env=env)
    assert "已导出 20 行" in exported.stdout  # the demo went to the database the environment named


@sqlite_only("a read-only file")
def test_read_only_database_is_a_clear_message(tmp_path: Path, sample_roster: Path) -> None:
    db = tmp_path / "hr.sqlite3"
    assert run("--db", db, "demo", "--employees", "10").returncode == 0
    read_only_url = f"sqlite+pysqlite:///file:{db.as_posix()}?mode=ro&uri=true"
    result = run("--db", read_only_url, "import", "employees", sample_roster)
    assert result.returncode == 1
    assert "只读" in result.stderr and "Traceback" not in result.stderr


@sqlite_only("another program's lock on the file")
def test_locked_database_is_a_clear_message(tmp_path: Path, sample_roster: Path) -> None:
    import sqlite3

    db = tmp_path / "hr.sqlite3"
    assert run("--db", db, "demo", "--employees", "10").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock past the busy timeout
    try:
        result = run(
            "--db", db, "import", "employees", sample_roster, env={"DESKTOP_HR_BUSY_TIMEOUT_MS": "300"}
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "占用" in result.stderr and "Traceback" not in result.stderr


def test_a_gbk_csv_imports_and_unknown_departments_wait_for_create_departments(
    db_location: Location, tmp_path: Path, sample_roster: Path
) -> None:
    db = db_location
    assert run("--db", db, "import", "employees", sample_roster).returncode == 0  # builds the tree
    csv_file = tmp_path / "新员工.csv"
    csv_file.write_bytes(
        "工号,姓名,部门\r\n09001,钱多多,总公司/法务部\r\n09002,孙小美,技术部\r\n".encode("gb18030")
    )
    refused = run("--db", db, "import", "employees", csv_file)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert (
        "第2行" in refused.stderr
        and "总公司/法务部" in refused.stderr
        and "--create-departments" in refused.stderr
    )
    created = run("--db", db, "import", "employees", csv_file, "--create-departments")
    assert created.returncode == 0, created.stderr
    assert "新增 2 条" in created.stdout and "新建部门：总公司/法务部" in created.stdout
    out = tmp_path / "花名册.csv"
    assert run("--db", db, "export", "employees", out).returncode == 0
    exported = out.read_text(encoding="utf-8-sig")
    assert "09002,孙小美" in exported and "总公司/技术部" in exported.split("09002", 1)[1].splitlines()[0]
