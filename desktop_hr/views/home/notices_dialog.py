"""Reminder notices (提醒通知) from the Home tab: today's notices per department with their counts, printed, saved
as PDF, exported, or e-mailed to each department through the office's mail server. The actions take the
departments selected in the list, or every one when none is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.printing import catalogue
from desktop_hr.services import mail
from desktop_hr.services.records import print_log
from desktop_hr.services.records.printables import Printable, reminder_notices_printable
from desktop_hr.services.training.notices import Notice, reminder_notices
from desktop_hr.services.training.reminders import ReminderKind
from desktop_hr.services.trust import audit
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback, hub
from desktop_hr.views.exchange.import_dialog import save_export
from desktop_hr.views.home.mail_settings_dialog import MailSettingsDialog
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import Task, run_in_background, run_query
from desktop_hr.views.records.pdf_preview import print_document, save_document_pdf
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import setup_record_table

AREAS = ("training", "employees", "organisation", "settings", "accounts")
PEOPLE, UPCOMING, DUE, OVERDUE, CHASE = 3, 4, 5, 6, 7


class NoticeTableModel(ListTableModel[Notice]):
    numeric_columns = frozenset({PEOPLE, UPCOMING, DUE, OVERDUE, CHASE})

    def titles(self) -> list[str]:
        return [
            self.tr("Department"),
            self.tr("Heads"),
            self.tr("E-mail address"),
            self.tr("People"),
            self.tr("Starting soon"),
            self.tr("Due"),
            self.tr("Overdue"),
            self.tr("To chase"),
        ]

    def values(self, item: Notice) -> list[str]:
        return [
            item.department,
            "、".join(item.heads),
            item.address or self.tr("(none)"),
            str(len(item.people)),
            str(item.count(ReminderKind.UPCOMING_SESSION)),
            str(item.count(ReminderKind.SUBMISSION_DUE)),
            str(item.count(ReminderKind.SUBMISSION_OVERDUE)),
            str(item.count(ReminderKind.ACTION_PLAN_CHASE)),
        ]


@dataclass(frozen=True)
class _Loaded:
    notices: list[Notice]
    mail_ready: bool
    asks_password: bool  # the account signs in and no password is kept on this computer


class NoticesDialog(QDialog):
    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notices_dialog")
        self.setWindowTitle(self.tr("Reminder notices"))
        self._db = db
        self._today = today
        self.loaded = False
        self._state = _Loaded([], False, False)

        self.summary_label = QLabel(self.tr("Loading…"), self)
        self.summary_label.setObjectName("notices_summary")
        self.summary_label.setWordWrap(True)
        self.model = NoticeTableModel(self)
        self.table = QTableView(self)
        setup_record_table(
            self.table,
            "notices_table",
            self.model,
            widths=(200, 110, 190, 56, 76, 56, 64),
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self.table.selectionModel().selectionChanged.connect(self._sync)
        hint = QLabel(
            self.tr(
                "The actions take the departments selected, or every department when none is. "
                "A department without an address uses the address of the department above it."
            ),
            self,
        )
        hint.setObjectName("notices_hint")
        hint.setWordWrap(True)
        hint.setEnabled(False)

        self.print_button = self._button("print_notices_button", self.tr("&Print…"), self.print_notices)
        self.save_button = self._button("save_notices_button", self.tr("&Save as PDF…"), self.save_pdf)
        self.export_button = self._button("export_notices_button", self.tr("&Export…"), self.export)
        self.send_button = self._button("send_notices_button", self.tr("Send by e-&mail…"), self.send)
        self.settings_button = self._button(
            "mail_settings_button", self.tr("Mail &settings…"), self.show_mail_settings
        )
        permit(db.principal, Permission.EDIT_SETTINGS, self.settings_button)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.export_button, self.send_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.settings_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.setObjectName("notices_close")
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(900, 460)
        self._sync()
        hub.follow(self, AREAS, self.reload)
        self.reload()

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # ---- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        db, today = self._db, self._today()

        def read(_task: Task) -> _Loaded:
            with read_only(db) as session:
                notices = reminder_notices(session, today, principal=db.principal)
                settings = mail.get(session)
            asks = bool(settings.user) and mail.stored_password(db) is None
            return _Loaded(notices, settings.configured, asks)

        run_query(self, read, success=self._show)

    def _show(self, state: _Loaded) -> None:
        self._state = state
        self.model.set_items(state.notices)
        people = sum(len(n.people) for n in state.notices)
        items = sum(len(n.items()) for n in state.notices)
        day = self._today().isoformat()
        if state.notices:
            self.summary_label.setText(
                self.tr(
                    "Notices of {day}: {departments} department(s), {people} people, {items} thing(s) to do."
                ).format(day=day, departments=len(state.notices), people=people, items=items)
            )
        else:
            self.summary_label.setText(self.tr("Nothing to remind anyone of on {day}.").format(day=day))
        if not state.mail_ready:
            self.send_button.setToolTip(
                self.tr("An administrator sets up the mail server first (Mail settings…).")
            )
        else:
            self.send_button.setToolTip("")
        self.loaded = True
        self._sync()

    def _sync(self) -> None:
        has = self.model.rowCount() > 0
        for button in (self.print_button, self.save_button, self.export_button):
            button.setEnabled(has)
        self.send_button.setEnabled(has and self._state.mail_ready)

    # ---- what the actions take -----------------------------------------------------------------

    def picked(self) -> tuple[int, ...] | None:
        """The selected departments (None: every notice)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return None
        return tuple(d for d in (self.model.item(row).department_id for row in rows) if d is not None)

    def _now(self) -> datetime:
        return datetime.combine(self._today(), datetime.now().time())

    def _printable(self, departments: tuple[int, ...] | None) -> Printable:
        with read_only(self._db) as session:
            return reminder_notices_printable(session, self._today(), departments=departments)

    def _render(
        self, departments: tuple[int, ...] | None, target: Path, *, log: bool
    ) -> tuple[Printable, catalogue.Rendered]:
        """The notices as one PDF at `target`; with `log`, in the print log. Runs on the worker."""
        item, now = self._printable(departments), self._now()
        rendered = catalogue.render_document(self._db, item, target, now=now)
        if log:
            print_log.record(
                self._db.uow(), [catalogue.output_of(item, rendered, str(target))], at=datetime.now()
            )
        return item, rendered

    def print_notices(self) -> None:
        departments = self.picked()
        print_document(
            self,
            self._db,
            lambda temp: self._render(departments, temp, log=False),
            title=self.tr("Reminder notices"),
            progress_label=self.tr("Preparing the reminder notices…"),
        )

    def save_pdf(self) -> None:
        departments = self.picked()
        save_document_pdf(
            self,
            lambda target: self._render(departments, target, log=True),
            what=self.tr("the reminder notices"),
            suggested_name=self.tr("Reminder notices {day}").format(day=self._today().isoformat()),
        )

    def export(self) -> None:
        departments, db, what = self.picked(), self._db, self.tr("Reminder notices")

        def work(target: Path, _task: Task) -> int:
            count = catalogue.export_excel(db, self._printable(departments), target, now=self._now())
            audit.note_export(db, what, target, count)
            return count

        save_export(self, what, work)

    # ---- e-mail --------------------------------------------------------------------------------

    def send(self) -> None:
        departments = self.picked()
        shown = [n for n in self.model.items() if departments is None or n.department_id in departments]
        addressed = [n for n in shown if n.address]
        if not feedback.confirm(
            self,
            self.tr("Send the reminder notices"),
            self.tr(
                "Send {count} notice(s) by e-mail, each with its PDF? {missing} department(s) have no address "
                "and will be named, not sent."
            ).format(count=len(addressed), missing=len(shown) - len(addressed)),
        ):
            return
        password: str | None = None
        if self._state.asks_password:
            typed, ok = QInputDialog.getText(
                self,
                self.tr("Mail password"),
                self.tr("Password of the mail account (not kept):"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
            password = typed
        db, now = self._db, self._now()
        kept = mail.stored_password(db) if password is None else password

        def work(task: Task) -> list[mail.Delivery]:
            item = self._printable(departments)
            return catalogue.send_reminder_notices(db, item, now=now, password=kept, progress=task.progress)

        run_in_background(
            self,
            work,
            success=self._sent,
            failure=lambda error: feedback.show_refusal(self, self.tr("Notices not sent"), error),
            progress_label=self.tr("Sending the reminder notices…"),
        )

    def _sent(self, results: list[mail.Delivery]) -> None:
        sent = [r for r in results if r.sent]
        failed = [r for r in results if not r.sent]
        text = self.tr("{sent} of {total} notice(s) sent.").format(sent=len(sent), total=len(results))
        if failed:
            lines = "\n".join(f"{r.to_label} ({', '.join(r.addresses) or '—'}): {r.error}" for r in failed)
            text += "\n\n" + self.tr("Not sent:") + "\n" + lines
            QMessageBox.warning(self, self.tr("Reminder notices"), text)
        else:
            feedback.inform(self, self.tr("Reminder notices"), text)

    def show_mail_settings(self) -> MailSettingsDialog:
        dialog = MailSettingsDialog(self._db, self)
        dialog.saved.connect(lambda _settings: self.reload())
        dialog.open()
        return dialog
