"""The Printing tab: type → list → preview → print / save / batch, every output logged only once it exists."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
from sqlalchemy import func, select
from tests_gui_helpers import DialogAnswers, shown, type_text, visible_dialog, wait_idle
from training_data import building, full_days, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database
from desktop_hr.models import Department, Employee
from desktop_hr.services.archive.organisation import subtree_ids
from desktop_hr.services.records import certificates, print_log
from desktop_hr.services.records.printables import Document, Printable, Subject
from desktop_hr.views.records.printing_tab import BatchDialog, PrintablesModel, PrintingTab
from desktop_hr.views.records.verify_dialog import VerifyDialog


@pytest.fixture
def tab(demo_db: Database, qtbot: Any) -> PrintingTab:
    return shown(qtbot, PrintingTab(demo_db), size=(1280, 800))


def _first_employee(db: Database) -> tuple[str, str]:
    with db.read_session() as s:
        no, name = s.execute(
            select(Employee.employee_no, Employee.name).order_by(Employee.employee_no)
        ).first() or ("", "")
    return no, name


def _search(qtbot: Any, tab: PrintingTab, text: str) -> None:
    tab.search_edit.clear()
    type_text(tab.search_edit, text)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=5000)
    wait_idle(qtbot)


def _preview(qtbot: Any, tab: PrintingTab, document: Document) -> Printable:
    row = next(r for r in range(tab.model.rowCount()) if tab.model.item(r).document is document)
    tab.table.selectRow(row)
    qtbot.waitUntil(lambda: tab.preview.page_count() > 0, timeout=15000)
    wait_idle(qtbot)
    return tab.model.item(row)


def _log(db: Database) -> list[print_log.PrintLogRow]:
    with db.read_session() as s:
        return print_log.print_log(s)


def test_a_name_lists_its_documents_previews_and_saves_as_pdf(
    qtbot: Any, tab: PrintingTab, demo_db: Database, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    no, name = _first_employee(demo_db)

    _search(qtbot, tab, name)

    items = [tab.model.item(r) for r in range(tab.model.rowCount())]
    assert [i.document for i in items][:2] == [Document.ARCHIVE_CARD, Document.POINTS_STATEMENT]
    assert all(f"{no} {name}" in i.whom for i in items if i.subject is Subject.PERSON)
    assert not tab.save_button.isEnabled()

    _preview(qtbot, tab, Document.ARCHIVE_CARD)
    assert tab.preview.document.status() == QPdfDocument.Status.Ready
    assert tab.preview.document.pageCount() > 0
    assert tab.save_button.isEnabled() and tab.print_button.isEnabled() and not tab.batch_button.isEnabled()

    dialog_answers.save_file = str(tmp_path / "档案卡")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)

    saved = tmp_path / "档案卡.pdf"
    assert name in "".join(page.extract_text() for page in PdfReader(saved).pages)
    (record,) = _log(demo_db)
    assert (record.document, record.target, record.pages) == (
        "archive-card",
        str(saved),
        tab.preview.page_count(),
    )
    assert name in record.subject


def test_a_cancelled_save_dialog_saves_and_records_nothing(
    qtbot: Any, tab: PrintingTab, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    _search(qtbot, tab, _first_employee(demo_db)[1])
    _preview(qtbot, tab, Document.ARCHIVE_CARD)

    dialog_answers.save_file = ""
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)

    assert _log(demo_db) == []


def test_a_cancelled_print_dialog_prints_and_records_nothing(
    qtbot: Any,
    tab: PrintingTab,
    demo_db: Database,
    dialog_answers: DialogAnswers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: [QPrinterInfo()]))
    asked: list[int] = []

    def reject(dialog: QPrintDialog) -> int:
        asked.append(dialog.printer().toPage())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(QPrintDialog, "exec", reject)
    _search(qtbot, tab, _first_employee(demo_db)[1])
    _preview(qtbot, tab, Document.ARCHIVE_CARD)

    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)

    assert asked and _log(demo_db) == [] and dialog_answers.shown == []


def test_printing_paints_every_page_and_records_it(
    qtbot: Any, tab: PrintingTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ "Print to file" in the dialog: the pages painted on the QPrinter land in a PDF that can be read back."""
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: [QPrinterInfo()]))

    def print_to_file(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    _search(qtbot, tab, "人事行政部")
    _preview(qtbot, tab, Document.DEPARTMENT_REPORT)
    pages = tab.preview.page_count()

    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)

    assert len(PdfReader(out).pages) == pages
    (record,) = _log(demo_db)
    assert (record.document, record.pages, record.target) == ("department-report", pages, str(out))


def test_without_a_printer_it_says_so_and_records_nothing(
    qtbot: Any,
    tab: PrintingTab,
    demo_db: Database,
    dialog_answers: DialogAnswers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    _search(qtbot, tab, _first_employee(demo_db)[1])
    _preview(qtbot, tab, Document.ARCHIVE_CARD)

    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)

    (warning,) = dialog_answers.texts("warning")
    assert "printer" in warning.lower() or "打印机" in warning
    assert _log(demo_db) == []


def test_a_batch_into_a_folder_writes_one_file_per_person(
    qtbot: Any, tab: PrintingTab, demo_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "档案"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(folder)))
    with demo_db.read_session() as s:
        department = s.scalar(select(Department.id).where(Department.name == "人事行政部"))
        assert department is not None
        people = s.scalar(
            select(func.count(Employee.id)).where(Employee.department_id.in_(subtree_ids(s, department)))
        )
    _search(qtbot, tab, "人事行政部")
    _preview(qtbot, tab, Document.DEPARTMENT_ARCHIVE)
    assert tab.batch_button.isEnabled()

    qtbot.mouseClick(tab.batch_button, Qt.MouseButton.LeftButton)
    dialog = visible_dialog(tab, BatchDialog)
    dialog.per_person_radio.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, timeout=30000)

    files = sorted(folder.iterdir())
    assert len(files) == people
    assert all(f.suffix == ".pdf" for f in files)
    assert len(_log(demo_db)) == people


def test_a_rare_character_is_refused_with_a_clear_message(
    qtbot: Any, tab: PrintingTab, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    with building(demo_db) as s:
        make_people(s, {"99001": "𠮷田"})
    _search(qtbot, tab, "99001")

    tab.table.selectRow(0)
    wait_idle(qtbot)

    (warning,) = dialog_answers.texts("warning")
    assert "𠮷" in warning
    assert tab.preview.page_count() == 0 and not tab.save_button.isEnabled()


def test_a_filled_sheet_of_an_empty_session_is_refused(
    qtbot: Any, tab: PrintingTab, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    with building(demo_db) as s:
        make_session(s, make_course(s, "ZZ9", "空班测试"), "ZZ-EMPTY", *full_days(date(2026, 6, 1)))
    _search(qtbot, tab, "ZZ-EMPTY")
    row = next(
        r for r in range(tab.model.rowCount()) if tab.model.item(r).document is Document.SIGN_IN_FILLED
    )

    tab.table.selectRow(row)
    wait_idle(qtbot)

    (warning,) = dialog_answers.texts("warning")
    assert "ZZ-EMPTY" in warning
    assert (
        _preview(qtbot, tab, Document.SIGN_IN_BLANK).document is Document.SIGN_IN_BLANK
    )  # a blank one is fine


def test_verify_tells_genuine_from_altered(qtbot: Any, tab: PrintingTab, demo_db: Database) -> None:
    with building(demo_db) as s:
        person = make_people(s, {"99002": "核验人"})[0]
        session = make_session(
            s, make_course(s, "ZZ8", "核验课程"), "ZZ-VERIFY", *full_days(date(2026, 1, 5))
        )
        sign_in(s, session, person)
        session_id = session.id
    (cert_id,) = certificates.issue_completion(demo_db.uow(), session_id, at=datetime(2026, 1, 6))
    with demo_db.read_session() as s:
        (view,) = certificates.certificate_views(s, [cert_id])

    qtbot.mouseClick(tab.verify_button, Qt.MouseButton.LeftButton)
    dialog = visible_dialog(tab, VerifyDialog)
    dialog.serial_edit.setText(view.serial.lower())
    dialog.code_edit.setText(view.code.replace("-", " "))
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.result_label.property("status") == "genuine"
    assert "核验人" in dialog.result_label.text()

    dialog.code_edit.setText("AAAA-BBBB-CCCC-DDDD")
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.result_label.property("status") == "altered"

    dialog.serial_edit.setText("JY1999-999999")
    dialog.code_edit.clear()
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.result_label.property("status") == "unknown"
    assert not dialog.revoke_button.isEnabled()


def test_revoking_from_the_verify_dialog_keeps_the_record(
    qtbot: Any, tab: PrintingTab, demo_db: Database, dialog_answers: DialogAnswers
) -> None:
    with building(demo_db) as s:
        person = make_people(s, {"99003": "撤销人"})[0]
        session = make_session(
            s, make_course(s, "ZZ9", "撤销课程"), "ZZ-REVOKE", *full_days(date(2026, 1, 5))
        )
        sign_in(s, session, person)
        session_id = session.id
    (cert_id,) = certificates.issue_completion(demo_db.uow(), session_id, at=datetime(2026, 1, 6))
    with demo_db.read_session() as s:
        (view,) = certificates.certificate_views(s, [cert_id])
    dialog = tab.open_verify()
    dialog.serial_edit.setText(view.serial)
    dialog.code_edit.setText(view.code)
    dialog.check()
    wait_idle(qtbot)
    assert dialog.revoke_button.isEnabled()
    dialog_answers.text_input = ("证书信息有误，已重新颁发", True)
    qtbot.mouseClick(dialog.revoke_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert dialog.result_label.property("status") == "revoked"
    with demo_db.read_session() as s:
        assert certificates.verify(s, view.serial, view.code).status is certificates.VerifyStatus.REVOKED
        assert [c.serial for c in certificates.certificate_rows(s, session_id=session_id)] == [view.serial]


def test_the_printables_model_passes_the_model_tester(qtmodeltester: Any, demo_db: Database) -> None:
    from desktop_hr.services.records.printables import find_printables

    model = PrintablesModel()
    with demo_db.read_session() as s:
        model.set_items(find_printables(s, "部", today=date(2026, 3, 1)))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_a_rename_elsewhere_reaches_the_list_and_the_preview(
    qtbot: Any, tab: PrintingTab, demo_db: Database
) -> None:
    """The tab follows what its documents show: a rename written anywhere (through the operations) lists the
    new name, keeps the same document selected and previews it again."""
    from dataclasses import replace

    from desktop_hr.services.archive import employees as emp
    from desktop_hr.views.operations import run_in_background

    no, _name = _first_employee(demo_db)
    _search(qtbot, tab, no)
    _preview(qtbot, tab, Document.ARCHIVE_CARD)
    with demo_db.read_session() as s:
        employee_id = s.scalar(select(Employee.id).where(Employee.employee_no == no))
        assert employee_id is not None
        before = emp.get_employee(s, employee_id)

    run_in_background(
        None,
        lambda _task: emp.update_employee(demo_db.uow(), employee_id, replace(before, name="打印改名")),
        success=lambda _none: None,
    )
    qtbot.waitUntil(lambda: tab.selected() is not None and "打印改名" in tab.selected().whom, timeout=15000)  # type: ignore[union-attr]
    selected = tab.selected()
    assert selected is not None and selected.document is Document.ARCHIVE_CARD
    qtbot.waitUntil(lambda: tab.preview.page_count() > 0 and tab._previewed == selected, timeout=15000)
    wait_idle(qtbot)
    path = tab.preview.path
    assert path is not None
    assert "打印改名" in "".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_requirement_name_finds_its_eligibility_list_and_the_log_keeps_its_verdicts(
    qtbot: Any, tab: PrintingTab, demo_db: Database, dialog_answers: DialogAnswers, tmp_path: Path
) -> None:
    _search(qtbot, tab, "职称评定")
    row = next(r for r in range(tab.model.rowCount()) if tab.model.item(r).subject is Subject.REQUIREMENT)
    assert tab.model.index(row, 2).data() == "达标要求"
    item = _preview(qtbot, tab, Document.ELIGIBILITY_LIST)
    assert item.whom == "职称评定" and tab.excel_button.isEnabled()
    dialog_answers.save_file = str(tmp_path / "名单.pdf")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "名单.pdf").pages)
    assert "职称评定达标名单" in text
    (logged,) = _log(demo_db)
    assert logged.document == "eligibility-list"
    assert logged.details.startswith("职称评定 ") and "达标" in logged.details
    assert len(logged.details.splitlines()) > 2  # one line a person
