"""`desktop-hr notices`: today's reminder notices as a PDF, an .xlsx, or e-mailed through a local SMTP server;
the print log, the failures named, and the mail password nowhere in the log."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from databases import Location, fresh_database
from mail_server import HOST, smtp_server
from notice_cases import SOUTH, SOUTH_ADDRESS, TECH_ADDRESS, build_office
from pypdf import PdfReader
from signing import ensure_admin_account, open_as_admin
from test_cli import run

from desktop_hr.services import mail
from desktop_hr.services.records.print_log import print_log

SECRET = "Cli-Smtp-Secret-5521"
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH:UserWarning")


def _office(location: Location, *, port: int | None = None, user: str = "") -> None:
    ensure_admin_account(location)  # before the office's head accounts: the first account is the admin
    db = open_as_admin(location)
    try:
        build_office(db, today=date.today())
        if port is not None:
            settings = mail.MailSettings(HOST, port, mail.Security.NONE, user, "hr@office.example")
            mail.save(db.uow(), settings)
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Location]:
    with fresh_database(tmp_path_factory.mktemp("notices"), "notices") as location:
        _office(location)
        yield location


def test_notices_as_one_pdf_recorded_in_the_print_log(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "notices.pdf"
    done = run("--db", office, "notices", "-o", out)
    assert done.returncode == 0, done.stderr
    assert f"已保存 {out}（3 页）" in done.stdout
    texts = [page.extract_text() for page in PdfReader(out).pages]
    assert ["刘洋" in t for t in texts] == [True, False, False]
    db = open_as_admin(office)
    try:
        with db.read_session() as session:
            logged = print_log(session)[0]
    finally:
        db.dispose()
    assert (logged.document, logged.subject, logged.pages) == ("reminder-notices", "全部部门", 3)


def test_one_department_and_the_export(office: Location, tmp_path: Path) -> None:
    out = tmp_path / "south.pdf"
    assert run("--db", office, "notices", "-o", out, "--department", SOUTH).returncode == 0
    assert len(PdfReader(out).pages) == 1
    sheet = tmp_path / "notices.xlsx"
    done = run("--db", office, "notices", "--export", sheet)
    assert done.returncode == 0, done.stderr
    assert f"已导出 5 行到 {sheet}" in done.stdout
    book = openpyxl.load_workbook(sheet).active
    assert book is not None
    assert sorted(row[3] for row in book.iter_rows(min_row=2, values_only=True)) == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
    ]


def test_bad_input(office: Location, tmp_path: Path) -> None:
    assert run("--db", office, "notices").returncode == 2  # one of -o, --export, --send
    unknown = run("--db", office, "notices", "-o", tmp_path / "x.pdf", "--department", "总公司/无此部门")
    assert unknown.returncode == 1 and "总公司/无此部门" in unknown.stderr
    not_set = run("--db", office, "notices", "--send")
    assert not_set.returncode == 1 and "尚未设置邮件服务器" in not_set.stderr


def test_send_names_each_department_and_keeps_the_password_out_of_the_log(
    db_location: Location, tmp_path: Path
) -> None:
    with smtp_server(user="hr-mail", password=SECRET) as inbox:
        _office(db_location, port=inbox.port, user="hr-mail")
        done = run("--db", db_location, "notices", "--send", env={"DESKTOP_HR_SMTP_PASSWORD": SECRET})
    assert done.returncode == 1  # 财务部 has no address: named, the others sent
    assert sorted(inbox.by_recipient()) == [SOUTH_ADDRESS, TECH_ADDRESS]
    assert f"总公司/技术部 → {TECH_ADDRESS}：已发送" in done.stdout
    assert "总公司/财务部 → —：未发送（没有设置收件地址，未发送）" in done.stderr
    assert "提醒通知：发出 2 封，失败 1 封。" in done.stdout
    log = Path(os.environ["DESKTOP_HR_DATA_DIR"]) / "desktop_hr.log"
    assert SECRET not in (log.read_text(encoding="utf-8") if log.exists() else "")
    assert SECRET not in done.stdout + done.stderr
