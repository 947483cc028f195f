"""Smoke test of the frozen program folder: proves the bundle holds what the program needs.

    python installers/smoke_test.py [dist/desktop_hr]

Runs the bundle's own executable (never the source) offscreen, in an empty data folder, as a clerk would use
it on a first day: the version; `init` on a new database (every Alembic migration, read from the bundle);
the sample roster imported (tests/data/花名册_示例.xlsx); one training record imported into the bundle's own
template; a credit certificate printed with Chinese text (the font must be embedded: pdffonts); the main
window opened in Chinese for a moment (Qt's plugins, translations, icon, charts; `gui --check-window`);
a database of an older schema (revision 0001, made here from the source) upgraded by the bundle. Prints
each step with its time and the folder's size. Exit status 0 when every step passed, else 1 at the first
failure, with what the program said.

Run by .ci/run after the test suite, with the test venv's Python (it reads the results back with the
source's own migrations, openpyxl and pypdf).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROSTER = ROOT / "tests" / "data" / "花名册_示例.xlsx"
ROSTER_ROWS = 120  # the sample's valid employees (its title rows and blank lines are not people)
ADMIN = "admin"
PASSWORD = "Smoke-test-2026"
EMPLOYEE_NO, EMPLOYEE_NAME = "00002", "赵菲勇"  # a person of the sample roster
STEP_TIMEOUT_S = 300
KEPT = ROOT / "build" / "bundle-smoke"  # the certificate and the window's screenshot, to look at


class Failed(Exception):
    """A step's check failed: the message says what was expected and what the program said."""


def version_in_source() -> str:
    text = (ROOT / "desktop_hr" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert found is not None
    return found.group(1)


def head_revision() -> str:
    """The newest migration in the source: what the bundle must bring a database to."""
    from desktop_hr.migrations.runner import head_revision as head

    return head()


def revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0])


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


class Bundle:
    """The frozen executable, run in a clean environment: an empty data folder and settings, offscreen,
    no PYTHONPATH (nothing of the source may leak in), from a folder outside the repository."""

    def __init__(self, folder: Path, work: Path) -> None:
        name = "desktop_hr.exe" if sys.platform == "win32" else "desktop_hr"
        self.exe = folder / name
        if not self.exe.is_file():
            raise Failed(f"{self.exe} not found: build it first (python installers/build.py --no-installer)")
        self.work = work
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DESKTOP_HR_"))}
        runtime = work / "runtime"
        runtime.mkdir(mode=0o700)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            XDG_RUNTIME_DIR=str(runtime),
            XDG_CONFIG_HOME=str(work / "config"),  # the window's settings (language, last database)
            DESKTOP_HR_DATA_DIR=str(work / "data"),
            DESKTOP_HR_PASSWORD=PASSWORD,
            LANG="C.UTF-8",
        )
        self.env = env

    def run(self, *args: str | Path, expect: int = 0) -> subprocess.CompletedProcess[str]:
        command = [str(self.exe), *map(str, args)]
        done = subprocess.run(
            command,
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=STEP_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode != expect:
            raise Failed(
                f"`{' '.join(command[1:])}` exited {done.returncode} (expected {expect})\n"
                f"--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
            )
        return done


def expect(ok: bool, message: str) -> None:
    if not ok:
        raise Failed(message)


def smoke(bundle: Bundle, work: Path) -> list[tuple[str, Callable[[], str]]]:
    """The steps, in order: (name, function returning what it showed)."""
    db = work / "人事.sqlite3"  # a Chinese file name, as offices name them
    head = head_revision()
    today = date.today()

    def version() -> str:
        out = bundle.run("--version").stdout.strip()
        expect(out == f"desktop_hr {version_in_source()}", f"--version said {out!r}")
        return out

    def init() -> str:
        out = bundle.run("--db", db, "init", "--admin", ADMIN, "--display-name", "人事管理员").stdout.strip()
        expect(db.is_file(), f"init did not create {db}")
        expect(revision(db) == head, f"new database at revision {revision(db)}, expected {head}")
        return f"{out} (schema {head}: every migration ran from the bundle)"

    def import_roster() -> str:
        out = bundle.run("--db", db, "--user", ADMIN, "import", "employees", ROSTER).stdout.strip()
        employees = count(db, "employee")
        expect(employees == ROSTER_ROWS, f"{employees} employees after the import, expected {ROSTER_ROWS}")
        return out.splitlines()[0] + f" ({employees} employees in the database)"

    def import_record() -> str:
        template = work / "培训记录.xlsx"
        bundle.run("--db", db, "--user", ADMIN, "template", "training-records", template)
        import openpyxl

        workbook = openpyxl.load_workbook(template)
        workbook.active.append([EMPLOYEE_NO, "安全生产与消防演练", today, 8, 2])
        workbook.save(template)
        out = bundle.run("--db", db, "--user", ADMIN, "import", "training-records", template).stdout.strip()
        expect(count(db, "training_record") == 1, f"the record was not imported: {out}")
        return out

    def certificate() -> str:
        pdf = work / "学分证书.pdf"
        bundle.run(
            "--db", db, "--user", ADMIN, "print", "credit-certificate",
            "--employee", EMPLOYEE_NO, "--year", str(today.year), "-o", pdf,
        )  # fmt: skip
        from pypdf import PdfReader

        text = PdfReader(pdf).pages[0].extract_text().replace(" ", "")
        expect(EMPLOYEE_NAME in text and "年度学分证书" in text, f"the certificate's text: {text[:200]!r}")
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
        expect(bool(rows), f"no fonts in the certificate:\n{fonts}")
        # Columns from the right: object ID (2), uni, sub, emb. Every font must be embedded.
        not_embedded = [row[0] for row in rows if row[-5] != "yes"]
        expect(not not_embedded, f"fonts not embedded: {not_embedded}\n{fonts}")
        expect(any("WenQuanYi" in row[0] for row in rows), f"the bundled Chinese font is not used:\n{fonts}")
        shutil.copyfile(pdf, KEPT / "certificate.pdf")
        embedded = ", ".join(row[0] for row in rows)
        return f"{EMPLOYEE_NAME} 年度学分证书, fonts embedded: {embedded} (kept: {KEPT / 'certificate.pdf'})"

    def window() -> str:
        shot = work / "window.png"
        out = bundle.run(
            "--db", db, "--user", ADMIN, "gui", "--check-window", "3", "--screenshot", shot
        ).stdout
        expect("window check: ok" in out, f"the window check said:\n{out}")
        expect(shot.is_file() and shot.stat().st_size > 10_000, f"no screenshot at {shot}")
        keep = KEPT / "window.png"
        shutil.copyfile(shot, keep)
        return (
            "\n".join(f"    {line}" for line in out.strip().splitlines()) + f"\n    (screenshot kept: {keep})"
        )

    def upgrade() -> str:
        old = work / "旧版.sqlite3"
        from sqlalchemy import text

        from desktop_hr.migrations import runner
        from desktop_hr.services.trust.database import open_database

        made = open_database(old, migrate=False)
        runner.upgrade_to_head(made, target="0001")
        with made.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO employee (employee_no, name, status, is_trainer, note, created_at, updated_at)"
                    " VALUES ('00007', '林岚荔', 'active', 0, '', '2026-01-01', '2026-01-01')"
                )
            )
        made.dispose()
        done = bundle.run("--db", old, "init", "--admin", ADMIN)
        expect(
            revision(old) == head, f"the old database is at {revision(old)} after opening, expected {head}"
        )
        expect(count(old, "employee") == 1, "the old database's employee was lost in the upgrade")
        kept = sorted(work.glob("旧版.before-0001-*.sqlite3"))
        expect(
            len(kept) == 1, f"no copy of the old file kept aside: {sorted(p.name for p in work.iterdir())}"
        )
        said = done.stderr.strip().splitlines()[0] if done.stderr.strip() else "(nothing on stderr)"
        return f"0001 -> {head}, data kept, old file copied aside as {kept[0].name}; the program said: {said}"

    return [
        ("version", version),
        ("init: a new database through the bundled migrations", init),
        ("import the sample roster", import_roster),
        ("import a training record into the bundle's template", import_record),
        ("print a credit certificate (Chinese, font embedded)", certificate),
        ("open the main window in Chinese, then close it", window),
        ("upgrade a database of an older schema", upgrade),
    ]


def folder_size(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else ROOT / "dist" / "desktop_hr").resolve()
    sys.path.insert(0, str(ROOT))  # the source, to make the old database and read the new ones back
    started = time.monotonic()
    KEPT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="desktop_hr_smoke_") as scratch:
        work = Path(scratch)
        try:
            bundle = Bundle(folder, work)
            steps = smoke(bundle, work)
            for number, (name, step) in enumerate(steps, 1):
                step_started = time.monotonic()
                shown = step()
                print(f"[{number}/{len(steps)}] {name}: ok ({time.monotonic() - step_started:.1f} s)")
                print(f"    {shown}" if "\n" not in shown else shown, flush=True)
        except (Failed, subprocess.TimeoutExpired) as failure:
            print(f"FAILED: {failure}", file=sys.stderr)
            return 1
    size, files = folder_size(folder)
    print(f"bundle {folder}: {size / 2**20:.1f} MiB in {files} files")
    print(f"bundle smoke test passed: {len(steps)} steps in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
