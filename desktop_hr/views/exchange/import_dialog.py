"""Every Excel exchange kind in and out: the import dialog (progress, every bad row listed, valid rows only), export, template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database, read_only
from desktop_hr.errors import DomainError
from desktop_hr.excel import writer
from desktop_hr.excel.employees import export_employees
from desktop_hr.excel.formats import EXTENSIONS
from desktop_hr.excel.reader import CellError
from desktop_hr.services.archive.employees import EmployeeQuery
from desktop_hr.services.exchange import ExchangeKind, kinds
from desktop_hr.services.imports import ImportRejected, ImportReport
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.list_model import ITEM_ROLE, SORT_ROLE, ListTableModel
from desktop_hr.views.operations import OperationCancelled, Task, run_in_background
from desktop_hr.views.roles import permit
from desktop_hr.views.settings import app_settings

LAST_FOLDER_KEY = "files/last_folder"


# ---- files ------------------------------------------------------------------------------------------


def last_folder() -> str:
    folder = app_settings().value(LAST_FOLDER_KEY, "")
    if folder and Path(str(folder)).is_dir():
        return str(folder)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def remember_folder(path: str) -> None:
    app_settings().setValue(LAST_FOLDER_KEY, str(Path(path).parent))


def ask_save_xlsx(parent: QWidget, title: str, suggested_name: str, *, csv: bool = False) -> Path | None:
    """Where to save an export: an .xlsx, or (`csv`) a CSV in UTF-8 with BOM when the user picks that type."""
    workbook = QCoreApplication.translate("ExcelFiles", "Excel workbook (*.xlsx)")
    text = QCoreApplication.translate("ExcelFiles", "CSV, UTF-8 (*.csv)")
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        title,
        str(Path(last_folder()) / suggested_name),
        ";;".join([workbook, text]) if csv else workbook,
    )
    if not path:
        return None
    remember_folder(path)
    target = Path(path)
    suffix = ".csv" if csv and (chosen == text or target.suffix.lower() == ".csv") else ".xlsx"
    return target if target.suffix.lower() == suffix else target.with_suffix(suffix)


def ask_open_xlsx(parent: QWidget, title: str) -> Path | None:
    path, _chosen = QFileDialog.getOpenFileName(
        parent,
        title,
        last_folder(),
        QCoreApplication.translate("ExcelFiles", "Spreadsheets ({patterns});;All files (*)").format(
            patterns=" ".join(EXTENSIONS)
        ),
    )
    if not path:
        return None
    remember_folder(path)
    return Path(path)


Exporter = Callable[[Session, Path, Callable[[int, int], None]], int]


def export_to_file(parent: QWidget, db: Database, what: str, export: Exporter) -> None:
    """Ask where, then run `export(session, target, progress)` in the background and say how many rows.

    The export is recorded in the audit trail (what, how many rows, which file)."""

    def work(target: Path, task: Task) -> int:
        with read_only(db) as session:
            count = export(session, target, task.progress)
        audit.note_export(db, what, target, count)
        return count

    save_export(parent, what, work)


def save_export(parent: QWidget, what: str, work: Callable[[Path, Task], int]) -> None:
    """Ask where to save `what`, then run `work(target, task)` (returns the rows written) in the
    background with a progress dialog, and say how many rows went where."""
    target = ask_save_xlsx(
        parent,
        QCoreApplication.translate("ExcelFiles", "Export {what}").format(what=what),
        QCoreApplication.translate("ExcelFiles", "{what}_{day}.xlsx").format(
            what=what, day=f"{date.today():%Y%m%d}"
        ),
        csv=True,
    )
    if target is None:
        return
    run_in_background(
        parent,
        lambda task: work(target, task),
        success=lambda count: feedback.inform(
            parent,
            QCoreApplication.translate("ExcelFiles", "Export finished"),
            QCoreApplication.translate("ExcelFiles", "Exported {count} row(s) to\n{path}").format(
                count=f"{count:,}", path=target
            ),
        ),
        progress_label=QCoreApplication.translate("ExcelFiles", "Exporting {what}…").format(what=what),
    )


def export_employees_to_file(parent: QWidget, db: Database, query: EmployeeQuery) -> None:
    """The table as filtered and sorted now, in the re-importable employees format."""
    export_to_file(
        parent,
        db,
        kinds()["employees"].label(),
        lambda session, target, progress: export_employees(session, query, target, progress),
    )


def export_kind_to_file(parent: QWidget, db: Database, kind_name: str) -> None:
    """Every row of `kind_name` in its import layout (re-importable as is), written in the background."""
    kind = kinds()[kind_name]
    export_to_file(parent, db, kind.label(), kind.export)


def download_template(parent: QWidget, kind_name: str = "employees") -> None:
    kind = kinds()[kind_name]
    target = ask_save_xlsx(
        parent,
        QCoreApplication.translate("ExcelFiles", "Save the import template"),
        QCoreApplication.translate("ExcelFiles", "{what}_template.xlsx").format(what=kind.label()),
    )
    if target is None:
        return
    run_in_background(
        parent,
        lambda _task: kind.write_template(target),
        success=lambda _none: feedback.inform(
            parent,
            QCoreApplication.translate("ExcelFiles", "Template saved"),
            QCoreApplication.translate(
                "ExcelFiles",
                "The template was saved to\n{path}\nFill in one record per row, then import it.",
            ).format(path=target),
        ),
    )


# ---- the error list -------------------------------------------------------------------------------------


class ImportErrorModel(ListTableModel[CellError]):
    """Every problem found in the file, one per cell: row, column, value, reason."""

    numeric_columns = frozenset({0})

    def titles(self) -> list[str]:
        return [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")]

    def values(self, error: CellError) -> list[str]:
        return [str(error.row), error.column, error.value, error.reason]

    def tooltip(self, error: CellError, column: int) -> str:
        return error.describe()


def _row_count(parsed: Any) -> int:
    count = getattr(parsed, "row_count", None)
    return int(count) if count is not None else len(parsed.rows)


@dataclass(frozen=True)
class _Outcome:
    """What the worker hands back: the parse, and either the report or the errors that stopped it."""

    parsed: Any  # the kind's parse: SheetRead, or the roster's EmployeeParse
    report: ImportReport | None
    errors: list[CellError]
    new_departments: tuple[str, ...] = ()  # a roster's departments the archive lacks, to confirm creating


def _import_or_errors(db: Database, kind: ExchangeKind, parsed: Any, task: Task) -> _Outcome:
    """Import `parsed`, checked against the database too so the list holds every problem: it writes only when
    the whole file is clean."""
    try:
        report = kind.import_parsed(db.uow(), parsed, False, task.progress)
    except ImportRejected as rejected:
        return _Outcome(parsed, None, list(rejected.errors), tuple(rejected.new_departments))
    return _Outcome(parsed, report, [])


# ---- the dialog ----------------------------------------------------------------------------------------


class ImportDialog(QDialog):
    """Choose a file of one exchange kind, check it, import it; `imported(report)` after anything was written."""

    imported = Signal(object)

    CHOOSE_PAGE, ERRORS_PAGE, RESULT_PAGE = 0, 1, 2

    def __init__(self, db: Database, parent: QWidget | None = None, kind: str = "employees") -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self._kind: ExchangeKind = kinds()[kind]
        self.setWindowTitle(self.tr("Import {what}").format(what=self._kind.label()))
        self._db = db
        self._parsed: Any = None
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("import_pages")
        self.pages.addWidget(self._build_choose_page())
        self.pages.addWidget(self._build_errors_page())
        self.pages.addWidget(self._build_result_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        # The window offers imports only to who may import; this is the last word if it is opened anyway.
        permit(db.principal, Permission.IMPORT, self.start_button, self.valid_only_button)
        self.resize(820, 540)

    # ---- pages -------------------------------------------------------------------------------------

    def _build_choose_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("choose_page")
        intro = QLabel(
            self.tr(
                "Choose a spreadsheet (.xlsx, .xls, .ods or CSV) of {what}. The header row may be anywhere near the top and the columns "
                "in any order; required columns: {required}. The whole file is checked first: if any row has a "
                "problem, nothing is written until you decide. Rows already on file (same {key}) are updated."
            ).format(
                what=self._kind.label(),
                required="、".join(c.header for c in self._kind.spec.required),
                key=" + ".join(self._kind.spec.column(k).header for k in self._kind.spec.key),
            ),
            page,
        )
        intro.setWordWrap(True)
        self.file_edit = QLineEdit(page)
        self.file_edit.setObjectName("import_file_edit")
        self.file_edit.setPlaceholderText(self.tr("Path of the file"))
        browse = QPushButton(self.tr("Browse…"), page)
        browse.setObjectName("browse_button")
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        template = QPushButton(self.tr("Download template…"), page)
        template.setObjectName("template_button")
        template.clicked.connect(lambda: download_template(self, self._kind.name))
        self.start_button = QPushButton(self.tr("Check and import"), page)
        self.start_button.setObjectName("start_import_button")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda _checked: self.start())
        cancel = QPushButton(self.tr("Cancel"), page)
        cancel.setObjectName("choose_cancel_button")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(template)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(file_row)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_errors_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("errors_page")
        self.error_summary = QLabel(page)
        self.error_summary.setObjectName("error_summary_label")
        self.error_summary.setWordWrap(True)
        self.error_model = ImportErrorModel(self)
        self.error_proxy = QSortFilterProxyModel(self)
        self.error_proxy.setObjectName("error_proxy")
        self.error_proxy.setSourceModel(self.error_model)
        self.error_proxy.setSortRole(SORT_ROLE)
        self.error_table = QTableView(page)
        self.error_table.setObjectName("import_error_table")
        self.error_table.setModel(self.error_proxy)
        self.error_table.setSortingEnabled(True)
        self.error_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.error_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.error_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.error_table.setAlternatingRowColors(True)
        self.error_table.setWordWrap(False)
        self.error_table.verticalHeader().hide()
        header = self.error_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.error_table.setColumnWidth(0, 60)
        self.error_table.setColumnWidth(1, 110)
        self.error_table.setColumnWidth(2, 180)
        self.error_warnings = QLabel(page)
        self.error_warnings.setObjectName("error_warnings_label")
        self.error_warnings.setWordWrap(True)
        self.error_warnings.setEnabled(False)

        self.copy_errors_button = QPushButton(self.tr("Copy list"), page)
        self.copy_errors_button.setObjectName("copy_errors_button")
        self.copy_errors_button.clicked.connect(self.copy_errors)
        self.export_errors_button = QPushButton(self.tr("Export list…"), page)
        self.export_errors_button.setObjectName("export_errors_button")
        self.export_errors_button.clicked.connect(self.export_errors)
        self.create_departments_button = QPushButton(self.tr("Create the new departments…"), page)
        self.create_departments_button.setObjectName("create_departments_button")
        self.create_departments_button.clicked.connect(self.create_departments)
        self.create_departments_button.hide()
        self._new_departments: tuple[str, ...] = ()
        self.valid_only_button = QPushButton(self.tr("Import the valid rows only"), page)
        self.valid_only_button.setObjectName("import_valid_button")
        self.valid_only_button.clicked.connect(self.import_valid_rows)
        self.errors_cancel_button = QPushButton(self.tr("Cancel (write nothing)"), page)
        self.errors_cancel_button.setObjectName("errors_cancel_button")
        self.errors_cancel_button.setDefault(True)
        self.errors_cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_errors_button)
        buttons.addWidget(self.export_errors_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_departments_button)
        buttons.addWidget(self.valid_only_button)
        buttons.addWidget(self.errors_cancel_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.error_summary)
        layout.addWidget(self.error_table, 1)
        layout.addWidget(self.error_warnings)
        layout.addLayout(buttons)
        return page

    def _build_result_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("result_page")
        self.result_label = QLabel(page)
        self.result_label.setObjectName("import_result_label")
        self.result_label.setWordWrap(True)
        self.result_details = QPlainTextEdit(page)
        self.result_details.setObjectName("import_result_details")
        self.result_details.setReadOnly(True)
        close = QPushButton(self.tr("Close"), page)
        close.setObjectName("result_close_button")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_label)
        layout.addWidget(self.result_details, 1)
        layout.addLayout(buttons)
        return page

    # ---- steps ---------------------------------------------------------------------------------------

    def _browse(self) -> None:
        path = ask_open_xlsx(self, self.tr("Choose the file to import"))
        if path is not None:
            self.file_edit.setText(str(path))

    def start(self, path: Path | None = None) -> None:
        """Check the file and, if it is clean, import it; with problems, show them and wait."""
        if path is not None:
            self.file_edit.setText(str(path))
        text = self.file_edit.text().strip()
        if not text:
            self._browse()
            text = self.file_edit.text().strip()
            if not text:
                return
        source = Path(text)
        db = self._db
        kind = self._kind

        def work(task: Task) -> _Outcome:
            parsed = kind.parse(source, task.progress, task.cancelled)
            task.check_cancelled()
            return _import_or_errors(db, kind, parsed, task)

        self.start_button.setEnabled(False)
        run_in_background(
            self,
            work,
            success=self._checked,
            failure=self._failed,
            progress_label=self.tr("Reading and checking {name}…").format(name=source.name),
            cancellable=True,
        )

    def _failed(self, error: BaseException) -> None:
        self.start_button.setEnabled(True)
        self.valid_only_button.setEnabled(True)
        if isinstance(error, DomainError):
            QMessageBox.warning(self, self.tr("Cannot import this file"), error.message())
        elif not isinstance(error, OperationCancelled):
            feedback.show_error(self, error)

    def _checked(self, outcome: _Outcome) -> None:
        self.start_button.setEnabled(True)
        self._parsed = outcome.parsed
        if outcome.report is not None:
            self._show_result(outcome.report)
            return
        self._new_departments = outcome.new_departments
        self._show_errors(outcome.parsed, outcome.errors)

    def _show_errors(self, parsed: Any, errors: list[CellError]) -> None:
        self.error_model.set_items(errors)
        self.error_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        bad_rows = len({e.row for e in errors if e.row > parsed.header_row})
        row_count = _row_count(parsed)
        good_rows = max(row_count - bad_rows, 0)
        file_level = [e for e in errors if e.row <= parsed.header_row]
        self.error_summary.setText(
            self.tr(
                "<b>Nothing has been imported.</b> {problems} problem(s) in {bad} of {rows} data rows; "
                "{good} rows are correct. Correct the file and import it again, or import the correct rows now "
                "and the others later."
            ).format(problems=len(errors), bad=bad_rows, rows=row_count, good=good_rows)
        )
        self.valid_only_button.setEnabled(good_rows > 0 and not file_level)
        self.valid_only_button.setText(self.tr("Import the {count} valid rows only").format(count=good_rows))
        self.error_warnings.setText("\n".join(parsed.warnings))
        self.error_warnings.setVisible(bool(parsed.warnings))
        self.create_departments_button.setVisible(bool(self._new_departments))
        self.create_departments_button.setEnabled(self.valid_only_button.isEnabled() or not file_level)
        self.pages.setCurrentIndex(self.ERRORS_PAGE)

    def create_departments(self) -> None:
        """After a confirmation listing them: create the departments the roster names that the archive lacks,
        and import again (any other problem still stops it, with nothing written)."""
        parsed, new = self._parsed, self._new_departments
        if parsed is None or not new:
            return
        shown = "\n".join(f"  {path}" for path in new[:30])
        if len(new) > 30:
            shown += "\n  " + self.tr("… and {count} more").format(count=len(new) - 30)
        if not feedback.confirm(
            self,
            self.tr("Create new departments"),
            self.tr(
                "The file names {count} department(s) the archive does not have:\n\n{paths}\n\n"
                "Create them and import the file? Check first that none is a typo of an existing department."
            ).format(count=len(new), paths=shown),
        ):
            return
        parsed.create_departments = True
        self.create_departments_button.setEnabled(False)
        db, kind = self._db, self._kind
        run_in_background(
            self,
            lambda task: _import_or_errors(db, kind, parsed, task),
            success=self._checked,
            failure=self._failed,
            progress_label=self.tr("Creating the departments and importing…"),
            cancellable=False,
        )

    def import_valid_rows(self) -> None:
        parsed = self._parsed
        if parsed is None:
            return
        db = self._db
        kind = self._kind
        self.valid_only_button.setEnabled(False)
        run_in_background(
            self,
            lambda task: kind.import_parsed(db.uow(), parsed, True, task.progress),
            success=self._show_result,
            failure=self._failed,
            progress_label=self.tr("Importing the valid rows…"),
            cancellable=False,
        )

    def _show_result(self, report: ImportReport) -> None:
        lines = [
            self.tr(
                "<b>Import finished.</b> Created {created}, updated {updated}, unchanged {unchanged}."
            ).format(created=report.created, updated=report.updated, unchanged=report.unchanged)
        ]
        if report.new_departments:
            lines.append(self.tr("New departments: {paths}").format(paths="、".join(report.new_departments)))
        skipped = len(report.skipped_rows)
        if skipped:
            lines.append(
                self.tr("{count} row(s) with problems were skipped; they are listed below.").format(
                    count=skipped
                )
            )
        self.result_label.setText("<br>".join(lines))
        details = [error.describe() for error in report.errors]
        details += [self.tr("Note: {text}").format(text=warning) for warning in report.warnings]
        self.result_details.setPlainText("\n".join(details))
        self.result_details.setVisible(bool(details))
        self.pages.setCurrentIndex(self.RESULT_PAGE)
        self.imported.emit(report)

    # ---- the error list out ------------------------------------------------------------------------------

    def _error_rows(self) -> list[list[str]]:
        """In the order the user sorted the table."""
        rows = []
        for row in range(self.error_proxy.rowCount()):
            error = self.error_proxy.index(row, 0).data(ITEM_ROLE)
            rows.append(self.error_model.values(error))
        return rows

    def copy_errors(self) -> None:
        lines = ["\t".join(self.error_model.titles())]
        lines += [
            "\t".join(value.replace("\t", " ").replace("\n", " ") for value in row)
            for row in self._error_rows()
        ]
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def export_errors(self) -> None:
        target = ask_save_xlsx(self, self.tr("Export the error list"), self.tr("Import_errors.xlsx"))
        if target is None:
            return
        headers = self.error_model.titles()
        rows: list[list[Any]] = [[int(row[0]), *row[1:]] for row in self._error_rows()]
        run_in_background(
            self,
            lambda _task: writer.write_table(target, headers, rows, sheet_title=self.tr("Errors")),
            success=lambda count: feedback.inform(
                self,
                self.tr("Error list saved"),
                self.tr("{count} problem(s) saved to\n{path}").format(count=count, path=target),
            ),
        )
