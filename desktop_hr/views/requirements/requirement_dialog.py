"""Add or change a requirement (达标规则): who it applies to, over which period, its conditions and course
checklist. The service refuses contradictions (a share above 100 %, a part above the total, a checklist asked
for with no course…), naming the field; the dialog shows each under its field and stays open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database
from desktop_hr.models import AppliesTo, PeriodKind, PersonnelCategory, Rank
from desktop_hr.services import validation
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.archive.organisation import PositionInfo, list_positions
from desktop_hr.services.requirements.rules import (
    NAME_MAX,
    REFLECTIONS_MAX,
    YEARS_MAX,
    CourseItem,
    RequirementData,
    conditions_text,
    create_missing_courses,
    get_requirement,
    missing_courses,
    save_requirement,
)
from desktop_hr.services.requirements.wording import parse_share, share_text
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import FieldDialog, inform_soon, reading
from desktop_hr.views.operations import Task, run_in_background, run_query
from desktop_hr.views.requirements.requirement_parts import (
    COURSES_KEY,
    SLICE_KEY,
    CourseChecklist,
    SliceTable,
)
from desktop_hr.views.roles import allowed, permit, view_only
from desktop_hr.views.widgets import EnumCombo

WHO_TAB, CONDITIONS_TAB, CHECKLIST_TAB = 0, 1, 2
# Field key -> the tab its editor is on (the first error's tab is brought forward).
_TAB_OF = {
    "requirement_name": WHO_TAB,
    "requirement_applies_to": WHO_TAB,
    "requirement_applies_value": WHO_TAB,
    "requirement_period_years": WHO_TAB,
    "requirement_min_hours": CONDITIONS_TAB,
    "requirement_min_credits": CONDITIONS_TAB,
    "requirement_min_reflections": CONDITIONS_TAB,
    "requirement_excellent_rate": CONDITIONS_TAB,
    SLICE_KEY: CONDITIONS_TAB,
    COURSES_KEY: CHECKLIST_TAB,
    "requirement_course_code": CHECKLIST_TAB,
    "requirement_course_credits": CHECKLIST_TAB,
}


@dataclass(frozen=True)
class _Loaded:
    positions: list[PositionInfo]
    current: RequirementData | None
    missing: list[CourseItem]  # checklist courses no course has yet (editing only)


def _read(requirement_id: int | None) -> Callable[[Session], _Loaded]:
    def read(session: Session) -> _Loaded:
        current = get_requirement(session, requirement_id) if requirement_id is not None else None
        missing = missing_courses(session, requirement_id) if requirement_id is not None else []
        return _Loaded(list_positions(session), current, missing)

    return read


def _amount_spin(parent: QWidget, name: str, not_asked: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setObjectName(name)
    spin.setDecimals(2)
    spin.setRange(0, float(validation.AMOUNT_MAX))
    spin.setSpecialValueText(not_asked)  # 0: the condition is not asked for
    return spin


class RequirementDialog(FieldDialog):
    """`saved` carries the requirement's id after the commit."""

    def __init__(
        self, db: Database, requirement_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requirement_dialog")
        self._db = db
        self._requirement_id = requirement_id
        self._positions: list[PositionInfo] = []
        self.setWindowTitle(
            self.tr("New requirement") if requirement_id is None else self.tr("Edit requirement")
        )
        not_asked = self.tr("not asked")

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("requirement_tabs")
        who = QWidget(self)
        who_form = QFormLayout(who)
        self.name_edit = QLineEdit(who)
        self.name_edit.setObjectName("requirement_name_edit")
        self.name_edit.setMaxLength(NAME_MAX)
        self.add_field(
            who_form, "requirement_name", self.tr("Requirement name"), self.name_edit, required=True
        )
        self.applies_combo = EnumCombo(AppliesTo, blank=False, parent=who)
        self.applies_combo.setObjectName("requirement_applies_combo")
        self.add_field(who_form, "requirement_applies_to", self.tr("Applies to"), self.applies_combo)
        self.value_stack = QStackedWidget(who)
        self.value_stack.setObjectName("requirement_value_stack")
        # As tall as one line: the form's spare height goes to the description.
        self.value_stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.everyone_label = QLabel(self.tr("(no further choice)"), who)
        self.everyone_label.setEnabled(False)
        self.category_combo = EnumCombo(PersonnelCategory, blank=False, parent=who)
        self.category_combo.setObjectName("requirement_category_combo")
        self.rank_combo = EnumCombo(Rank, blank=False, parent=who)
        self.rank_combo.setObjectName("requirement_rank_combo")
        self.position_combo = QComboBox(who)
        self.position_combo.setObjectName("requirement_position_combo")
        self.title_edit = QLineEdit(who)
        self.title_edit.setObjectName("requirement_title_edit")
        self.title_edit.setPlaceholderText(self.tr("e.g. 工程师; blank: anyone holding a title"))
        for page in (
            self.everyone_label,
            self.category_combo,
            self.rank_combo,
            self.position_combo,
            self.title_edit,
        ):
            self.value_stack.addWidget(page)
        self.add_field(
            who_form, "requirement_applies_value", self.tr("Who"), self.value_stack, watch=self.position_combo
        )
        self.period_combo = EnumCombo(PeriodKind, blank=False, parent=who)
        self.period_combo.setObjectName("requirement_period_combo")
        self.add_field(who_form, "requirement_period", self.tr("Period"), self.period_combo)
        self.years_spin = QSpinBox(who)
        self.years_spin.setObjectName("requirement_years_spin")
        self.years_spin.setRange(1, YEARS_MAX)
        self.years_spin.setValue(3)
        self.years_spin.setSuffix(self.tr(" years"))
        self.add_field(who_form, "requirement_period_years", self.tr("Years"), self.years_spin)
        self.enabled_check = QCheckBox(self.tr("In use (evaluated and listed)"), who)
        self.enabled_check.setObjectName("requirement_enabled_check")
        self.enabled_check.setChecked(True)
        who_form.addRow("", self.enabled_check)
        self.description_edit = QPlainTextEdit(who)
        self.description_edit.setObjectName("requirement_description_edit")
        self.description_edit.setMinimumHeight(60)
        who_form.addRow(self.tr("Description"), self.description_edit)
        self.tabs.addTab(who, self.tr("Who and when"))

        conditions = QWidget(self)
        conditions_form = QFormLayout(conditions)
        self.hours_spin = _amount_spin(conditions, "requirement_hours_spin", not_asked)
        self.add_field(conditions_form, "requirement_min_hours", self.tr("Minimum hours"), self.hours_spin)
        self.credits_spin = _amount_spin(conditions, "requirement_credits_spin", not_asked)
        self.add_field(
            conditions_form, "requirement_min_credits", self.tr("Minimum credits"), self.credits_spin
        )
        self.reflections_spin = QSpinBox(conditions)
        self.reflections_spin.setObjectName("requirement_reflections_spin")
        self.reflections_spin.setRange(0, REFLECTIONS_MAX)
        self.reflections_spin.setSpecialValueText(not_asked)
        self.add_field(
            conditions_form,
            "requirement_min_reflections",
            self.tr("Minimum reflections"),
            self.reflections_spin,
        )
        self.rate_edit = QLineEdit(conditions)
        self.rate_edit.setObjectName("requirement_rate_edit")
        self.rate_edit.setPlaceholderText(self.tr("e.g. 80% or 4/5; blank: not asked"))
        self.add_field(
            conditions_form, "requirement_excellent_rate", self.tr("Minimum excellent rate"), self.rate_edit
        )
        self.slice_table = SliceTable(conditions)
        box = self.add_field(conditions_form, SLICE_KEY, self.tr("Conditions on a part"), self.slice_table)
        box.setObjectName("requirement_slice_box")
        hint = QLabel(
            self.tr(
                "A part is a course category, subject, training type, delivery or competency: give a minimum "
                "(50) or a share of all the hours or credits (30%, 2/3; shares need a minimum in all)."
            ),
            conditions,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        conditions_form.addRow("", hint)
        self.tabs.addTab(conditions, self.tr("Conditions"))

        checklist = QWidget(self)
        checklist_layout = QVBoxLayout(checklist)
        self.needs_courses_check = QCheckBox(
            self.tr("Every course of the checklist must be attended"), checklist
        )
        self.needs_courses_check.setObjectName("requirement_needs_courses_check")
        checklist_layout.addWidget(self.needs_courses_check)
        self.checklist = CourseChecklist(checklist)
        checklist_form = QFormLayout()
        self.add_field(checklist_form, COURSES_KEY, self.tr("Courses"), self.checklist)
        for key in ("requirement_course_code", "requirement_course_credits"):
            self.boxes[key] = self.boxes[COURSES_KEY]
        checklist_layout.addLayout(checklist_form)
        self.missing_label = QLabel(checklist)
        self.missing_label.setObjectName("requirement_missing_label")
        self.missing_label.setWordWrap(True)
        self.create_courses_button = QPushButton(self.tr("Create the missing courses…"), checklist)
        self.create_courses_button.setObjectName("create_missing_courses_button")
        self.create_courses_button.clicked.connect(lambda _checked=False: self.create_missing())
        checklist_layout.addWidget(self.missing_label)
        checklist_layout.addWidget(self.create_courses_button)
        checklist_layout.addStretch(1)
        self.tabs.addTab(checklist, self.tr("Course checklist"))

        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("requirement_preview_label")
        self.preview_label.setWordWrap(True)
        preview_form = QFormLayout()
        self.add_field(preview_form, "requirement_conditions", self.tr("In words"), self.preview_label)
        self.fallback_key = "requirement_conditions"

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(preview_form)
        layout.addLayout(self.button_row("requirement_buttons"))
        self.resize(640, 560)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(100)
        self._preview_timer.timeout.connect(self._show_preview)
        self.applies_combo.currentIndexChanged.connect(lambda _i: self._sync_kind())
        self.period_combo.currentIndexChanged.connect(lambda _i: self._sync_kind())
        for signal in (
            self.applies_combo.currentIndexChanged,
            self.period_combo.currentIndexChanged,
            self.years_spin.valueChanged,
            self.hours_spin.valueChanged,
            self.credits_spin.valueChanged,
            self.reflections_spin.valueChanged,
            self.rate_edit.textChanged,
            self.needs_courses_check.toggled,
            self.slice_table.changed,
            self.checklist.changed,
        ):
            signal.connect(lambda *_args: self._preview_timer.start())
        self._sync_kind()
        self._show_missing([])
        pages = (who, conditions, checklist)
        self.load(reading(db, _read(requirement_id)), self._show_loaded, *pages)
        if not allowed(db.principal, Permission.EDIT_REQUIREMENTS):
            view_only(self, *pages)
        permit(db.principal, Permission.EDIT_RECORDS, self.create_courses_button)

    # ---- showing --------------------------------------------------------------------------------------

    def _show_loaded(self, loaded: _Loaded) -> None:
        self._positions = loaded.positions
        self.position_combo.clear()
        for position in loaded.positions:
            self.position_combo.addItem(position.name, position.id)
        if loaded.current is not None:
            self.set_data(loaded.current)
        self._show_missing(loaded.missing)
        self._show_preview()

    def set_data(self, data: RequirementData) -> None:
        self.name_edit.setText(data.name)
        self.applies_combo.set_value(data.applies_to)
        if data.applies_to is AppliesTo.PERSONNEL_CATEGORY:
            self.category_combo.set_value(PersonnelCategory(data.applies_value))
        elif data.applies_to is AppliesTo.RANK:
            self.rank_combo.set_value(Rank(data.applies_value))
        elif data.applies_to is AppliesTo.TITLE:
            self.title_edit.setText(data.applies_value)
        self.position_combo.setCurrentIndex(max(self.position_combo.findData(data.position_id), 0))
        self.period_combo.set_value(data.period)
        self.years_spin.setValue(data.period_years or 3)
        self.enabled_check.setChecked(data.enabled)
        self.description_edit.setPlainText(data.description)
        self.hours_spin.setValue(float(data.min_hours or 0))
        self.credits_spin.setValue(float(data.min_credits or 0))
        self.reflections_spin.setValue(data.min_reflections or 0)
        self.rate_edit.setText(share_text(data.excellent_rate) if data.excellent_rate is not None else "")
        self.slice_table.set_slices(data.slices)
        self.needs_courses_check.setChecked(data.needs_courses)
        self.checklist.set_courses(data.courses)
        self._sync_kind()

    def _sync_kind(self) -> None:
        """The choice of whom fits the kind (a rank for a rank…); the years only for "last N years"."""
        kind = self.applies_combo.value()
        pages = {
            AppliesTo.PERSONNEL_CATEGORY: self.category_combo,
            AppliesTo.RANK: self.rank_combo,
            AppliesTo.POSITION: self.position_combo,
            AppliesTo.TITLE: self.title_edit,
        }
        self.value_stack.setCurrentWidget(pages.get(kind, self.everyone_label))
        self.years_spin.setEnabled(self.period_combo.value() is PeriodKind.LAST_YEARS)

    def _show_missing(self, missing: list[CourseItem]) -> None:
        if self._requirement_id is None:
            self.missing_label.setText(
                self.tr("Once saved, courses of the checklist not created yet can be created here.")
            )
            self.create_courses_button.setEnabled(False)
            return
        if not missing:
            self.missing_label.setText(self.tr("Every course of the saved checklist exists."))
        else:
            self.missing_label.setText(
                self.tr("{count} course(s) of the saved checklist do not exist yet: {codes}").format(
                    count=len(missing),
                    codes="、".join(f"{c.title or c.course_code}（{c.course_code}）" for c in missing),
                )
            )
        self.create_courses_button.setEnabled(bool(missing))

    def _show_preview(self) -> None:
        data, _problems = self._parse()
        self.preview_label.setText(
            conditions_text(data.cleaned()) if data.has_condition() else self.tr("(no condition yet)")
        )

    # ---- reading the form -------------------------------------------------------------------------------

    def _parse(self) -> tuple[RequirementData, list[FieldError]]:
        problems: list[FieldError] = []
        kind = self.applies_combo.value()
        value = ""
        if kind is AppliesTo.PERSONNEL_CATEGORY:
            value = self.category_combo.value().value
        elif kind is AppliesTo.RANK:
            value = self.rank_combo.value().value
        elif kind is AppliesTo.TITLE:
            value = self.title_edit.text()
        position = self.position_combo.currentData() if kind is AppliesTo.POSITION else None
        rate_text = self.rate_edit.text().strip()
        rate = parse_share(rate_text) if rate_text else None
        if rate_text and rate is None:
            problems.append(
                FieldError(
                    "requirement_excellent_rate", rate_text, self.tr("is not a rate (80%, 4/5 or 0.8)")
                )
            )
        slices, slice_problems = self.slice_table.slices()
        courses, course_problems = self.checklist.courses()
        hours, credits = self.hours_spin.value(), self.credits_spin.value()
        data = RequirementData(
            name=self.name_edit.text(),
            applies_to=kind,
            applies_value=value,
            position_id=position if isinstance(position, int) else None,
            period=self.period_combo.value(),
            period_years=self.years_spin.value(),
            min_hours=Decimal(f"{hours:.2f}") if hours else None,
            min_credits=Decimal(f"{credits:.2f}") if credits else None,
            min_reflections=self.reflections_spin.value() or None,
            excellent_rate=rate,
            needs_courses=self.needs_courses_check.isChecked(),
            courses=courses,
            slices=slices,
            enabled=self.enabled_check.isChecked(),
            description=self.description_edit.toPlainText(),
        )
        return data, problems + slice_problems + course_problems

    def form_data(self) -> RequirementData:
        return self._parse()[0]

    def save(self) -> None:
        """What cannot even be read (a rate of "abc") is shown on its field at once; the rest is the service's."""
        if not self.loaded:
            return
        _data, problems = self._parse()
        if problems:
            for box in self.boxes.values():
                box.set_error(None)
            self._failed(ValidationFailed(problems))
            return
        super().save()

    def store(self, data: RequirementData) -> Callable[[Task], object]:
        db, requirement_id = self._db, self._requirement_id
        return lambda _task: save_requirement(db.uow(), data, requirement_id)

    def show_fields(self) -> None:
        first = next((key for key, box in self.boxes.items() if box.error_label.text()), None)
        if first is not None:
            self.tabs.setCurrentIndex(_TAB_OF.get(first, self.tabs.currentIndex()))

    def discard_question(self) -> str:
        return self.tr("Discard the changes to this requirement?")

    # ---- the checklist's courses -----------------------------------------------------------------------

    def create_missing(self) -> None:
        requirement_id = self._requirement_id
        if requirement_id is None:
            return
        if not feedback.confirm(
            self,
            self.tr("Create courses"),
            self.tr(
                "Create the courses of the saved checklist that do not exist yet (required, initial training, "
                "HR's general module)? Their hours and other details can be completed on the Courses tab."
            ),
        ):
            return
        db = self._db

        def created(ids: list[int]) -> None:
            inform_soon(
                self, self.tr("Courses created"), self.tr("{count} course(s) created.").format(count=len(ids))
            )
            run_query(
                self,
                reading(db, lambda session: missing_courses(session, requirement_id)),
                success=self._show_missing,
            )

        run_in_background(
            self, lambda _task: create_missing_courses(db.uow(), requirement_id), success=created
        )
