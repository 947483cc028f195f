"""`desktop-hr gui --check-window`: the bundle's smoke test opens the real window with it, so it must say
truthfully what the window showed, and refuse to open anything without an account."""

from __future__ import annotations

from pathlib import Path

import pytest
from databases import Location, sqlite_only
from PIL import Image
from test_cli import run


@sqlite_only("the exit backup it checks is a copy of the SQLite file")
@pytest.mark.slow
def test_the_window_opens_in_chinese_then_closes_with_its_exit_backup(
    db_location: Location, tmp_path: Path, sample_roster: Path
) -> None:
    db = db_location
    assert run("--db", db, "import", "employees", sample_roster).returncode == 0
    shot = tmp_path / "window.png"
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "DESKTOP_HR_DATA_DIR": str(tmp_path / "data")}

    done = run("--db", db, "gui", "--check-window", "1", "--screenshot", shot, env=env)

    assert done.returncode == 0, done.stdout + done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    assert lines["language"] == "zh_CN"
    assert lines["menus"].startswith("文件(&F) | 编辑(&E)")
    assert "员工档案" in lines["tabs"].split(" | ")
    assert lines["Qt's OK button"] == "确定"
    assert done.stdout.rstrip().endswith("window check: ok")
    with Image.open(shot) as picture:
        assert picture.width >= 800 and picture.height >= 500
    # Closed the normal way: the exit backup was taken beside the database.
    assert list((Path(db).parent / "backups").glob("*.backup.sqlite3"))


def test_without_an_account_nothing_opens(db_location: Location, tmp_path: Path) -> None:
    env = {"DESKTOP_HR_USER": "", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = run("--db", db_location, "gui", "--check-window", "1", env=env, as_admin=False)
    assert done.returncode != 0
    assert "--user" in done.stderr
    assert "window check" not in done.stdout


def test_a_wrong_password_is_refused_before_any_window(db_location: Location, tmp_path: Path) -> None:
    run("--db", db_location, "account", "list")  # sets the administrator up
    env = {"DESKTOP_HR_PASSWORD": "not-the-password", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = run("--db", db_location, "gui", "--check-window", "1", env=env)
    assert done.returncode != 0
    assert "window check" not in done.stdout
    assert "密码" in done.stderr
