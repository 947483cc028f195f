"""The first-run guide of a new database: the organisation and its logo, the backup folder, then the roster.

Shown once per database, right after its first administrator signs in (services/first_day.py says when):
each page saves through the same services as Edit › Printed documents and File › Backups, with their
validation; a refused value is said under its field and nothing is saved. Completing or skipping it is
remembered in the database, so it is never shown there again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import shiboken6
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_hr import messages
from desktop_hr.db import Database, read_only
from desktop_hr.errors import DomainError
from desktop_hr.services import first_day
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.services.demo.demo_file import open_demo
from desktop_hr.services.records import print_settings
from desktop_hr.services.trust import backups
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.exchange.import_dialog import download_template
from desktop_hr.views.forms import field_errors
from desktop_hr.views.operations import Task, run_in_background, run_query
from desktop_hr.views.roles import allowed

ERROR_STYLE = "color: #c62828;"
Choice = Literal["", "import", "demo"]


@dataclass(frozen=True)
class GuideStart:
    """What the pages show first: the organisation as saved (blank while unnamed), the logo, the folder."""

    organisation: str
    logo_path: str
    backup_folder: str


def read_start(db: Database) -> GuideStart:
    with read_only(db) as session:
        current = print_settings.get(session)
    unnamed = messages.text("print_settings.unnamed")
    folder = str(backups.policy(db).folder) if db.is_sqlite else ""
    organisation = "" if current.organisation == unnamed else current.organisation
    return GuideStart(organisation, current.logo_path, folder)


def error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class SavingPage(QWizardPage):
    """A page whose Next saves it first (in the background); the guide moves on once it is saved."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.loaded = False
        self.busy = False

    def isComplete(self) -> bool:
        return self.loaded and not self.busy

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.completeChanged.emit()

    def passed(self, saved: Callable[[], None]) -> None:
        self.set_busy(False)
        saved()

    def fill(self, start: GuideStart) -> None:
        self.loaded = True
        self.completeChanged.emit()

    def save(self, saved: Callable[[], None]) -> None:
        raise NotImplementedError


class OrganisationPage(SavingPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("organisation_page")
        self.setTitle(self.tr("Your organisation"))
        self.setSubTitle(
            self.tr(
                "Its name and logo head every certificate, sign-in sheet and report the program prints. "
                "Both can be changed later under Edit › Printed documents."
            )
        )
        self.organisation_edit = QLineEdit(self)
        self.organisation_edit.setObjectName("organisation_edit")
        self.organisation_edit.setMaxLength(print_settings.ORGANISATION_MAX + 20)
        self.organisation_edit.setPlaceholderText(self.tr("e.g. Riverside City Library"))
        self.organisation_error = error_label(self, "organisation_error")
        self.logo_edit = QLineEdit(self)
        self.logo_edit.setObjectName("logo_edit")
        self.logo_edit.setPlaceholderText(self.tr("Optional: a PNG or JPG picture"))
        self.choose_logo_button = QPushButton(self.tr("C&hoose…"), self)
        self.choose_logo_button.setObjectName("choose_logo_button")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.logo_error = error_label(self, "logo_error")
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(self.choose_logo_button)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Organisation:"), self.organisation_edit)
        form.addRow("", self.organisation_error)
        form.addRow(self.tr("&Logo:"), logo_row)
        form.addRow("", self.logo_error)
        labels = form.labelForField(self.organisation_edit), form.labelForField(logo_row)
        for label in labels:
            if isinstance(label, QLabel):
                label.setBuddy(self.organisation_edit if label is labels[0] else self.logo_edit)

    def fill(self, start: GuideStart) -> None:
        if not self.organisation_edit.text():
            self.organisation_edit.setText(start.organisation)
        if not self.logo_edit.text():
            self.logo_edit.setText(start.logo_path)
        super().fill(start)

    def initializePage(self) -> None:
        self.organisation_edit.setFocus()

    def choose_logo(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.logo_edit.setText(path)

    def save(self, saved: Callable[[], None]) -> None:
        db = self._db
        organisation, logo = self.organisation_edit.text(), self.logo_edit.text()
        say(self.organisation_error, "")
        say(self.logo_error, "")

        def work(_task: Task) -> print_settings.PrintSettings:
            with read_only(db) as session:
                current = print_settings.get(session)
            return print_settings.save(db.uow(), replace(current, organisation=organisation, logo_path=logo))

        def refused(error: BaseException) -> None:
            self.set_busy(False)
            if not isinstance(error, ValidationFailed):
                feedback.show_refusal(self, self.tr("Not saved"), error)
                return
            reasons = field_errors(error)
            say(self.organisation_error, reasons.pop("organisation", ""))
            say(self.logo_error, reasons.pop("logo_path", ""))
            if reasons:  # another setting (never edited here) refused: say which
                feedback.show_refusal(self, self.tr("Not saved"), error)
            (self.organisation_edit if self.organisation_error.text() else self.logo_edit).setFocus()

        self.set_busy(True)
        run_in_background(
            self,
            work,
            success=lambda _stored: self.passed(saved),
            failure=refused,
            label=self.tr("Saving the organisation's name and logo"),
        )


class BackupPage(SavingPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("backup_page")
        self.setTitle(self.tr("Backups"))
        self.setSubTitle(
            self.tr(
                "The program copies the database into this folder every day at start and on closing, and "
                "keeps the recent copies. A folder on another disk or a USB drive survives a broken PC. "
                "It can be changed later under File › Backups."
            )
        )
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("backup_folder_edit")
        self.choose_folder_button = QPushButton(self.tr("C&hoose…"), self)
        self.choose_folder_button.setObjectName("choose_backup_folder_button")
        self.choose_folder_button.clicked.connect(self.choose_folder)
        self.folder_error = error_label(self, "backup_folder_error")
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_folder_button)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Backup &folder:"), row)
        form.addRow("", self.folder_error)
        label = form.labelForField(row)
        if isinstance(label, QLabel):
            label.setBuddy(self.folder_edit)

    def fill(self, start: GuideStart) -> None:
        if not self.folder_edit.text():
            self.folder_edit.setText(start.backup_folder)
        super().fill(start)

    def initializePage(self) -> None:
        self.folder_edit.setFocus()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def save(self, saved: Callable[[], None]) -> None:
        db, folder = self._db, Path(self.folder_edit.text().strip())
        say(self.folder_error, "")

        def work(_task: Task) -> None:
            backups.save_policy(db.uow(), replace(backups.policy(db), folder=folder))

        def refused(error: BaseException) -> None:
            self.set_busy(False)
            if isinstance(error, DomainError):
                say(self.folder_error, error.message())
                self.folder_edit.setFocus()
            else:
                feedback.show_error(self, error)

        self.set_busy(True)
        run_in_background(
            self,
            work,
            success=lambda _none: self.passed(saved),
            failure=refused,
            label=self.tr("Saving the backup folder"),
        )


class NextStepsPage(QWizardPage):
    """The last page: the office's own roster (with its template), or the demo data to look around first."""

    def __init__(self, wizard: FirstDayGuide, may_import: bool) -> None:
        super().__init__(wizard)
        self.setObjectName("next_steps_page")
        self.setTitle(self.tr("Your people"))
        self.setSubTitle(
            self.tr(
                "Bring in the roster your office keeps in Excel or WPS, or look around in demo data first: "
                "the demo opens as a separate file and never mixes with your records."
            )
        )
        self.import_button = QPushButton(self.tr("&Import our roster…"), self)
        self.import_button.setObjectName("import_roster_button")
        self.import_button.clicked.connect(lambda: wizard.choose("import"))
        self.template_button = QPushButton(self.tr("Download the roster &template…"), self)
        self.template_button.setObjectName("roster_template_button")
        self.template_button.clicked.connect(lambda: download_template(self, "employees"))
        self.demo_button = QPushButton(self.tr("Try the &demo data"), self)
        self.demo_button.setObjectName("try_demo_button")
        self.demo_button.clicked.connect(lambda: wizard.choose("demo"))
        layout = QVBoxLayout(self)
        for button, text in (
            (
                self.import_button,
                self.tr(".xlsx, .xls, .ods or CSV; every row is checked first and every problem listed."),
            ),
            (self.template_button, self.tr("The columns the import reads, with an example row.")),
            (
                self.demo_button,
                self.tr(
                    "300 made-up employees with a year of training, in a file of its own; "
                    "File › Back to our own database returns here."
                ),
            ),
        ):
            row = QHBoxLayout()
            button.setMinimumWidth(220)
            row.addWidget(button)
            hint = QLabel(text, self)
            hint.setWordWrap(True)
            row.addWidget(hint, 1)
            layout.addLayout(row)
        layout.addStretch(1)
        self.import_button.setVisible(may_import)
        self.template_button.setVisible(may_import)

    def initializePage(self) -> None:
        (self.import_button if self.import_button.isVisibleTo(self) else self.demo_button).setFocus()


class FirstDayGuide(QWizard):
    """`import_requested` / `demo_requested` once closed by the last page's buttons. Closing it any way
    (Finish, a button, Skip, Escape, the window's close box) records it as completed or skipped."""

    import_requested = Signal()
    demo_requested = Signal()
    recorded = Signal(str)  # "completed" or "skipped", once written to the database

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_day_guide")
        self.setWindowTitle(self.tr("Getting started"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("&Skip the guide"))
        self._db = db
        self.choice: Choice = ""
        self._passed = False
        principal = db.principal
        self.organisation_page = OrganisationPage(db, self)
        self.addPage(self.organisation_page)
        self.backup_page: BackupPage | None = None
        # A PostgreSQL server is backed up with the server's tools, not from a seat (as File › Backups).
        if db.is_sqlite and allowed(principal, Permission.BACKUP):
            self.backup_page = BackupPage(db, self)
            self.addPage(self.backup_page)
        self.next_page = NextStepsPage(self, allowed(principal, Permission.IMPORT))
        self.addPage(self.next_page)
        self.finished.connect(self._record)
        self.resize(640, 420)
        run_query(self, lambda _task: read_start(db), success=self._fill)

    def saving_pages(self) -> list[SavingPage]:
        return [page for page in (self.organisation_page, self.backup_page) if page is not None]

    def _fill(self, start: GuideStart) -> None:
        for page in self.saving_pages():
            page.fill(start)

    def validateCurrentPage(self) -> bool:
        page = self.currentPage()
        if not isinstance(page, SavingPage):
            return super().validateCurrentPage()
        if self._passed:
            self._passed = False
            return True
        page.save(self._saved)
        return False

    def _saved(self) -> None:
        self._passed = True
        self.next()

    def choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def _record(self, result: int) -> None:
        outcome: first_day.GuideOutcome = "completed" if result == QWizard.DialogCode.Accepted else "skipped"
        db, owner, choice = self._db, self.parentWidget(), self.choice
        run_in_background(
            owner,
            lambda _task: first_day.finish_guide(db.uow(), outcome),
            success=lambda _none: self.recorded.emit(outcome) if shiboken6.isValid(self) else None,
            label=self.tr("Remembering that the guide was done"),
        )
        if choice == "import":
            self.import_requested.emit()
        elif choice == "demo":
            self.demo_requested.emit()


def read_standing(
    parent: QWidget, db: Database, then: Callable[[Database, first_day.Standing], None]
) -> None:
    """Whether `db` is a demo and whether its first-run guide is due, read in the background; then
    `then(db, standing)`."""

    def read(_task: Task) -> first_day.Standing:
        with read_only(db) as session:
            return first_day.standing(session)

    run_query(parent, read, success=lambda standing: then(db, standing))


def open_the_demo(parent: QWidget, opened: Callable[[Database], None]) -> None:
    """The demo database, made and filled first if missing, on the writer with a progress dialog; then
    `opened(db)` (signed in as the demo's administrator when its password still opens it)."""
    run_in_background(
        parent,
        lambda _task: open_demo(),
        success=opened,
        failure=lambda error: feedback.show_refusal(
            parent, QCoreApplication.translate("FirstDayGuide", "Demo data"), error
        ),
        progress_label=QCoreApplication.translate(
            "FirstDayGuide", "Preparing the demo data (the first time takes a little while)…"
        ),
    )
