"""`desktop-hr audit verify|export`: intact after real work, the entry edited in the file named, the export
read back, and only administrators and auditors may read the trail."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from databases import Location
from signing import cli_env, open_as_admin
from tampering import tamper, trail_at
from test_cli import run

from desktop_hr.models import Role
from desktop_hr.services.archive.organisation import department_tree
from desktop_hr.services.trust import accounts, audit
from desktop_hr.services.trust.audit import Action

PASSWORD = "role-pass-2026"


def test_verify_is_intact_after_real_work_and_names_an_entry_edited_in_the_file(
    db_location: Location, tmp_path: Path, sample_roster: Path
) -> None:
    assert run("--db", db_location, "import", "employees", sample_roster).returncode == 0
    exported = tmp_path / "花名册.xlsx"
    assert run("--db", db_location, "export", "employees", exported).returncode == 0
    card = tmp_path / "card.pdf"
    printed = run("--db", db_location, "print", "archive", "--employee", "00001", "-o", card)
    assert printed.returncode == 0, printed.stderr

    verified = run("--lang", "en", "--db", db_location, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("The audit trail is intact: ")
    entries = trail_at(db_location)
    # Checked before the command's own sign-in wrote its entry (the last one).
    assert f"{len(entries) - 1} entries, last #{entries[-2].id}" in verified.stdout
    assert sum(e.table_name == "employee" and e.action == Action.CREATE for e in entries) == 120
    [export] = [e for e in entries if e.action == Action.EXPORT]
    assert export.account == "admin" and str(exported.resolve()) in export.summary and "120" in export.summary
    [logged] = [e for e in entries if e.table_name == "print_record"]
    assert logged.account == "admin" and str(card.resolve()) in logged.changes, "a command's print is logged"

    victim = next(e for e in entries if e.table_name == "employee" and "00007" in e.summary)
    db = open_as_admin(db_location)
    try:
        tamper(db, "UPDATE audit_entry SET account = 'nobody' WHERE id = :id", id=victim.id)
    finally:
        db.dispose()
    broken = run("--lang", "en", "--db", db_location, "audit", "verify")
    assert broken.returncode == 1
    assert f"entry #{victim.id} does not match its hash" in broken.stdout


def test_export_writes_every_entry_and_a_formula_stays_text(db_location: Location, tmp_path: Path) -> None:
    assert run("--db", db_location, "audit", "verify").returncode == 0  # sets up the administrator
    db = open_as_admin(db_location)
    try:
        audit.note(db, Action.PRINT, summary='=HYPERLINK("http://evil.example","click")', reason="+1-1")
    finally:
        db.dispose()
    before = trail_at(db_location)
    out = tmp_path / "审计.xlsx"
    exported = run("--db", db_location, "audit", "export", out)
    assert exported.returncode == 0, exported.stderr
    assert f"已导出 {len(before) + 1} 行" in exported.stdout  # the trail, and the sign-in of this command
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("序号", "时间", "账号", "操作", "对象", "记录", "说明")
    assert [row[0] for row in rows[1:]] == [e.id for e in before] + [before[-1].id + 1]
    printed = next(row for row in rows[1:] if row[3] == "打印")
    assert printed[6] == '=HYPERLINK("http://evil.example","click")' and printed[8] == "+1-1"
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == printed[6]]
    assert cells and all(cell.data_type == "s" for cell in cells), "text, never a formula"
    last = trail_at(db_location)[-1]
    assert last.action == Action.EXPORT and str(out) in last.summary, "the export itself is in the trail"


def test_clerks_and_department_heads_may_not_read_the_trail_but_an_auditor_may(
    db_location: Location, sample_roster: Path
) -> None:
    assert run("--db", db_location, "import", "employees", sample_roster).returncode == 0
    db = open_as_admin(db_location)
    try:
        with db.read_session() as session:
            department = next(node.id for node in department_tree(session) if node.depth == 1)
        for name, role, where in (
            ("clerk1", Role.CLERK, None),
            ("head1", Role.DEPARTMENT_HEAD, department),
            ("auditor1", Role.AUDITOR, None),
        ):
            data = accounts.AccountData(name, role, department_id=where)
            accounts.create_account(db.uow(), data, PASSWORD)
    finally:
        db.dispose()
    for name, role in (("clerk1", "人事专员"), ("head1", "部门负责人")):
        refused = run("--db", db_location, "audit", "verify", as_admin=False, env=cli_env(name, PASSWORD))
        assert refused.returncode == 1
        assert f"账号“{name}”（{role}）无权查看审计记录" in refused.stderr
    allowed = run("--db", db_location, "audit", "verify", as_admin=False, env=cli_env("auditor1", PASSWORD))
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.startswith("审计记录完整")
