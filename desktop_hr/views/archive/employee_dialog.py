"""Create or edit one employee: every archive field, validation shown next to the field, reviews and goals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.errors import DuplicateEmployeeNo
from desktop_hr.models import EmployeeStatus, Gender, PersonnelCategory, Rank, TrainerLevel
from desktop_hr.services.archive.employees import (
    EmployeeData,
    create_employee,
    current_names,
    get_employee,
    update_employee,
)
from desktop_hr.services.archive.organisation import (
    DepartmentNode,
    PositionInfo,
    department_tree,
    list_positions,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views.archive.employee_history import EmployeeHistoryPanel
from desktop_hr.views.archive.employee_reviews import GoalsPanel, ReviewsPanel
from desktop_hr.views.forms import FieldDialog, reading
from desktop_hr.views.operations import Task, run_query
from desktop_hr.views.requirements.employee_requirements import EmployeeRequirementsPanel
from desktop_hr.views.roles import allowed, permit_records, view_only
from desktop_hr.views.widgets import EnumCombo, OptionalDateEdit

BASIC_TAB, REVIEWS_TAB, GOALS_TAB, HISTORY_TAB, REQUIREMENTS_TAB = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class _Choices:
    """What the basic tab needs from the database: its choices, and the employee (None: a new one)."""

    departments: list[DepartmentNode]
    positions: list[PositionInfo]
    current: EmployeeData | None


def _read_choices(employee_id: int | None) -> Callable[[Session], _Choices]:
    def read(session: Session) -> _Choices:
        current = get_employee(session, employee_id) if employee_id is not None else None
        return _Choices(department_tree(session), list_positions(session), current)

    return read


class EmployeeDialog(FieldDialog):
    """`saved` carries the new employee's id (create) or the EmployeeChange (edit), after the commit."""

    def __init__(
        self,
        db: Database,
        *,
        employee_id: int | None = None,
        default_department_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("employee_dialog")
        self._db = db
        self._employee_id = employee_id
        self._managers: dict[str, str] = {}
        self._default_department_id = default_department_id
        # The version read: saving over someone else's newer edit is refused (the dialog stays open).
        self._version: int | None = None
        self._competencies: dict[str, list[str]] = {}

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("employee_tabs")
        self.basic_page = self._build_basic_tab()
        self.tabs.addTab(self.basic_page, self.tr("Basic information"))
        if employee_id is not None:
            self.reviews_panel: ReviewsPanel | None = ReviewsPanel(
                db, employee_id, self._position_competencies, self
            )
            self.goals_panel: GoalsPanel | None = GoalsPanel(db, employee_id, self)
            self.history_panel: EmployeeHistoryPanel | None = EmployeeHistoryPanel(db, self)
            self.history_panel.set_employee(employee_id)
            self.requirements_panel: EmployeeRequirementsPanel | None = EmployeeRequirementsPanel(db, self)
            self.requirements_panel.set_employee(employee_id)
            self.tabs.addTab(self.reviews_panel, self.tr("Performance reviews"))
            self.tabs.addTab(self.goals_panel, self.tr("Career goals"))
            self.tabs.addTab(self.history_panel, self.tr("Training history"))
            self.tabs.addTab(self.requirements_panel, self.tr("Requirements and growth"))
        else:
            self.reviews_panel = None
            self.goals_panel = None
            self.history_panel = None
            self.requirements_panel = None
            waiting_text = self.tr("Save the new employee first; then reviews and goals can be added.")
            for title in (
                self.tr("Performance reviews"),
                self.tr("Career goals"),
                self.tr("Training history"),
                self.tr("Requirements and growth"),
            ):
                waiting = QLabel(waiting_text, self)
                waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
                index = self.tabs.addTab(waiting, title)
                self.tabs.setTabEnabled(index, False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(self.button_row("employee_buttons"))
        self.setWindowTitle(self.tr("New employee") if employee_id is None else self.tr("Employee"))
        # Who may not change records reads them here: the fields, reviews, goals and history.
        panels = [p for p in (self.reviews_panel, self.goals_panel, self.history_panel) if p is not None]
        permit_records(db.principal, Permission.EDIT_RECORDS, *panels)
        self.resize(860, 450)
        self.load(reading(db, _read_choices(employee_id)), self._show_choices, self.basic_page)
        run_query(self, reading(db, current_names), success=self._set_manager_choices)

    def _show_choices(self, choices: _Choices) -> None:
        self.department_combo.addItem(self.tr("(none)"), None)
        for node in choices.departments:
            # The whole path: three branches may each have a 销售部.
            self.department_combo.addItem(node.path_names, node.id)
        self.position_combo.addItems(["", *(p.name for p in choices.positions)])
        self._competencies = {p.name: list(p.competencies) for p in choices.positions}
        current = choices.current
        self._version = current.version if current is not None else None
        if current is not None:
            self.setWindowTitle(
                self.tr("Employee {no} {name}").format(no=current.employee_no, name=current.name)
            )
            self.set_data(current)
        else:
            self.set_data(
                EmployeeData(
                    employee_no="",
                    name="",
                    department_id=self._default_department_id,
                    hire_date=date.today(),
                )
            )
        if not allowed(self._db.principal, Permission.EDIT_RECORDS):
            view_only(self, self.basic_page)

    def data_loaded(self) -> None:
        super().data_loaded()
        if self.tabs.currentIndex() == BASIC_TAB:
            self.employee_no_edit.setFocus()

    # ---- building ----------------------------------------------------------------------------

    def _line(self, name: str, *, max_length: int = 100, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        return edit

    def _build_basic_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("basic_page")
        self.employee_no_edit = self._line("employee_no_edit", max_length=32)
        self.name_edit = self._line("name_edit", max_length=50)
        self.gender_combo = EnumCombo(Gender, blank=True, parent=self)
        self.gender_combo.setObjectName("gender_combo")
        self.birth_date_edit = OptionalDateEdit(self, default=date(1990, 1, 1))
        self.birth_date_edit.setObjectName("birth_date_edit")
        self.id_card_edit = self._line("id_card_edit", max_length=18, placeholder=self.tr("18 characters"))
        self.phone_edit = self._line("phone_edit", max_length=30)
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("department_combo")
        self.position_combo = QComboBox(self)
        self.position_combo.setObjectName("position_combo")
        self.position_combo.setEditable(True)
        self.position_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.rank_combo = EnumCombo(Rank, blank=True, parent=self)
        self.rank_combo.setObjectName("rank_combo")
        self.category_combo = EnumCombo(PersonnelCategory, blank=True, parent=self)
        self.category_combo.setObjectName("category_combo")
        self.title_edit = self._line("title_edit", max_length=50)
        self.hire_date_edit = OptionalDateEdit(self)
        self.hire_date_edit.setObjectName("hire_date_edit")
        self.status_combo = EnumCombo(EmployeeStatus, blank=False, parent=self)
        self.status_combo.setObjectName("status_combo")
        self.leave_date_edit = OptionalDateEdit(self)
        self.leave_date_edit.setObjectName("leave_date_edit")
        self.manager_edit = self._line(
            "manager_edit", max_length=32, placeholder=self.tr("Employee no. of the manager")
        )
        self.manager_name_label = QLabel(self)
        self.manager_name_label.setObjectName("manager_name_label")
        self.manager_name_label.setMinimumWidth(80)
        self.trainer_check = QCheckBox(self.tr("Yes, level:"), self)
        self.trainer_check.setObjectName("trainer_check")
        self.trainer_level_combo = EnumCombo(TrainerLevel, blank=True, parent=self)
        self.trainer_level_combo.setObjectName("trainer_level_combo")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setFixedHeight(64)

        manager_row = QWidget(self)
        manager_layout = QHBoxLayout(manager_row)
        manager_layout.setContentsMargins(0, 0, 0, 0)
        manager_layout.addWidget(self.manager_edit, 1)
        manager_layout.addWidget(self.manager_name_label)
        trainer_row = QWidget(self)
        trainer_layout = QHBoxLayout(trainer_row)
        trainer_layout.setContentsMargins(0, 0, 0, 0)
        trainer_layout.addWidget(self.trainer_check)
        trainer_layout.addWidget(self.trainer_level_combo, 1)

        add = self.add_field
        left = QFormLayout()
        right = QFormLayout()
        for form in (left, right):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        add(left, "employee_no", self.tr("Employee No"), self.employee_no_edit, required=True)
        add(left, "name", self.tr("Name"), self.name_edit, required=True)
        add(left, "gender", self.tr("Gender"), self.gender_combo)
        add(left, "birth_date", self.tr("Birth date"), self.birth_date_edit)
        add(left, "id_card_no", self.tr("ID card no."), self.id_card_edit)
        add(left, "phone", self.tr("Phone"), self.phone_edit)
        add(left, "manager_no", self.tr("Manager"), manager_row, watch=self.manager_edit)
        add(left, "is_trainer", self.tr("Internal trainer"), trainer_row)
        add(right, "department", self.tr("Department"), self.department_combo)
        add(right, "position", self.tr("Position"), self.position_combo)
        add(right, "rank", self.tr("Rank"), self.rank_combo)
        add(right, "category", self.tr("Category"), self.category_combo)
        add(right, "title", self.tr("Professional title"), self.title_edit)
        add(right, "hire_date", self.tr("Hire date"), self.hire_date_edit)
        add(right, "status", self.tr("Status"), self.status_combo)
        add(right, "leave_date", self.tr("Leave date"), self.leave_date_edit)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(24)
        columns.addLayout(right, 1)
        note_form = QFormLayout()
        add(note_form, "note", self.tr("Note"), self.note_edit)
        layout = QVBoxLayout(page)
        layout.addLayout(columns)
        layout.addLayout(note_form)
        layout.addStretch(1)

        self.manager_edit.textChanged.connect(self._show_manager_name)
        self.status_combo.currentIndexChanged.connect(self._sync_status)
        self.trainer_check.toggled.connect(self.trainer_level_combo.setEnabled)
        return page

    def _sync_status(self) -> None:
        left = self.status_combo.value() is EmployeeStatus.LEFT
        self.leave_date_edit.setEnabled(left)
        if not left:
            self.leave_date_edit.set_value(None)
        elif self.leave_date_edit.value() is None:
            self.leave_date_edit.set_value(date.today())

    def _set_manager_choices(self, choices: list[tuple[str, str]]) -> None:
        self._managers = dict(choices)
        completer = QCompleter(QStringListModel([f"{no} {name}" for no, name in choices], self), self)
        completer.setObjectName("manager_completer")
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.manager_edit.setCompleter(completer)
        self._show_manager_name()

    def _show_manager_name(self) -> None:
        number = self._manager_no() or ""
        self.manager_name_label.setText(self._managers.get(number, ""))

    def _manager_no(self) -> str | None:
        # The completer offers "工号 姓名"; the number is what is stored.
        parts = self.manager_edit.text().split()
        return parts[0] if parts else None

    def _position_competencies(self) -> list[str]:
        return self._competencies.get(self.position_combo.currentText().strip(), [])

    # ---- data in and out -----------------------------------------------------------------------

    def set_data(self, data: EmployeeData) -> None:
        self.employee_no_edit.setText(data.employee_no)
        self.name_edit.setText(data.name)
        self.gender_combo.set_value(data.gender)
        self.birth_date_edit.set_value(data.birth_date)
        self.id_card_edit.setText(data.id_card_no or "")
        self.phone_edit.setText(data.phone or "")
        self.department_combo.setCurrentIndex(max(self.department_combo.findData(data.department_id), 0))
        self.position_combo.setCurrentText(data.position or "")
        self.rank_combo.set_value(data.rank)
        self.category_combo.set_value(data.category)
        self.title_edit.setText(data.title or "")
        self.hire_date_edit.set_value(data.hire_date)
        self.status_combo.set_value(data.status)
        self.leave_date_edit.set_value(data.leave_date)
        self.leave_date_edit.setEnabled(data.status is EmployeeStatus.LEFT)
        self.manager_edit.setText(data.manager_no or "")
        self.trainer_check.setChecked(data.is_trainer)
        self.trainer_level_combo.set_value(data.trainer_level)
        self.trainer_level_combo.setEnabled(data.is_trainer)
        self.note_edit.setPlainText(data.note)

    def employee_data(self) -> EmployeeData:
        return EmployeeData(
            employee_no=self.employee_no_edit.text(),
            name=self.name_edit.text(),
            gender=self.gender_combo.value(),
            birth_date=self.birth_date_edit.value(),
            id_card_no=self.id_card_edit.text() or None,
            phone=self.phone_edit.text() or None,
            department_id=self.department_combo.currentData(),
            position=self.position_combo.currentText() or None,
            rank=self.rank_combo.value(),
            category=self.category_combo.value(),
            title=self.title_edit.text() or None,
            hire_date=self.hire_date_edit.value(),
            status=self.status_combo.value(),
            leave_date=self.leave_date_edit.value(),
            manager_no=self._manager_no(),
            is_trainer=self.trainer_check.isChecked(),
            trainer_level=self.trainer_level_combo.value() if self.trainer_check.isChecked() else None,
            note=self.note_edit.toPlainText(),
            version=self._version,
        )

    def form_data(self) -> EmployeeData:
        return self.employee_data()

    # ---- saving -------------------------------------------------------------------------------

    def store(self, data: EmployeeData) -> Callable[[Task], object]:
        db, employee_id = self._db, self._employee_id
        if employee_id is None:
            return lambda _task: create_employee(db.uow(), data)
        return lambda _task: update_employee(db.uow(), employee_id, data)

    def show_refusal(self, error: BaseException) -> bool:
        if not isinstance(error, DuplicateEmployeeNo):
            return False
        self.boxes["employee_no"].set_error(error.message())
        self.refused(error.message())
        return True

    def show_fields(self) -> None:
        self.tabs.setCurrentIndex(BASIC_TAB)

    def discard_question(self) -> str:
        return self.tr("You have changed this employee. Close without saving?")
