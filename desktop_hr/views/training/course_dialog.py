"""Create or edit one course: every field, validation shown next to the field, and its material library."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr import paths
from desktop_hr.db import Database, read_only
from desktop_hr.models import CourseCategory, CourseClassification, Delivery, SubjectType, TrainerTrack
from desktop_hr.services.archive.organisation import department_tree, list_competencies
from desktop_hr.services.training.courses import (
    CourseData,
    MaterialInfo,
    add_material,
    copy_material_out,
    create_course,
    get_course,
    list_materials,
    remove_material,
    update_course,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.forms import FieldDialog, follow_lazily, reading
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery, Task, run_in_background
from desktop_hr.views.roles import allowed, may_write, view_only
from desktop_hr.views.widgets import EnumCombo, local_time_text, setup_record_table

COURSE_TAB, MATERIALS_TAB = 0, 1
OPEN_FOLDER = "open"  # under the data folder: materials copied out to be opened by their program

# Digits and one decimal point; more than two places may be typed, so the rule can say what is wrong.
_AMOUNT_TEXT = re.compile(r"\d{0,4}(\.\d{0,4})?")


class DecimalSpinBox(QAbstractSpinBox):
    """Credits or hours as an exact Decimal (a QDoubleSpinBox would hand back a float)."""

    def __init__(self, parent: QWidget | None = None, *, step: Decimal = Decimal("0.5")) -> None:
        super().__init__(parent)
        self._step = step
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.lineEdit().setText("0")

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state = QValidator.State.Acceptable if _AMOUNT_TEXT.fullmatch(text) else QValidator.State.Invalid
        return state, text, pos

    def value(self) -> Decimal:
        text = self.lineEdit().text().strip()
        try:
            return Decimal(text) if text and text != "." else Decimal(0)
        except InvalidOperation:  # pragma: no cover - validate() lets only numbers in
            return Decimal(0)

    def set_value(self, value: Decimal) -> None:
        # 2.00 shows as 2, 1.50 as 1.5: what a clerk would type.
        self.lineEdit().setText(format(value.normalize(), "f"))

    def stepBy(self, steps: int) -> None:
        self.set_value(max(self.value() + self._step * steps, Decimal(0)))

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.value() > 0:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags


def file_size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class MaterialModel(ListTableModel[MaterialInfo]):
    """A course's files: the name it was added under, size, when and by whom, note."""

    numeric_columns = frozenset({1})

    def titles(self) -> list[str]:
        return [self.tr("File"), self.tr("Size"), self.tr("Added"), self.tr("Note")]

    def values(self, item: MaterialInfo) -> list[str]:
        return [item.original_name, file_size_text(item.size), local_time_text(item.uploaded_at), item.note]

    def sort_value(self, item: MaterialInfo, column: int) -> Any:
        return item.size if column == 1 else super().sort_value(item, column)


class MaterialsPanel(QWidget):
    """The material library of one course, read in the background and again after every write to training
    (its own adds and removes come back through the hub).

    Files are added and removed by accounts that may upload materials to this course (`set_owner`: a
    department head only to its own department's professional modules); everyone may open and save them.
    """

    def __init__(self, db: Database, course_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materials_panel")
        self._db = db
        self._course_id = course_id
        self._loader = LatestQuery(self)
        self._select_after: int | None = None  # a file just added, selected once the list has it
        self.model = MaterialModel(self)
        self.table = QTableView(self)
        setup_record_table(self.table, "materials_table", self.model, widths=(260, None, 130))
        self.table.activated.connect(lambda _index: self.open_selected())

        def button(name: str, text: str, slot: Any) -> QPushButton:
            made = QPushButton(text, self)
            made.setObjectName(name)
            made.clicked.connect(lambda _checked: slot())
            return made

        self.add_button = button("add_material_button", self.tr("Add file…"), self.add_file)
        self.open_button = button("open_material_button", self.tr("Open"), self.open_selected)
        self.save_button = button("save_material_button", self.tr("Save as…"), self.save_selected)
        self.remove_button = button("remove_material_button", self.tr("Remove…"), self.remove_selected)
        # Until the course's owner is known, nobody is offered to change its files.
        self.set_owner(None, known=False)
        buttons = QHBoxLayout()
        for made in (self.add_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(made)
        buttons.addStretch(1)
        hint = QLabel(
            self.tr("Files are kept inside the database, under the name they were added with."), self
        )
        hint.setEnabled(False)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())
        self._sync_buttons()
        self.follower = follow_lazily(self, ("training",), self.reload)

    def set_owner(self, owner_department_id: int | None, *, known: bool = True) -> None:
        principal = self._db.principal
        may = (
            known
            and allowed(principal, Permission.UPLOAD_MATERIALS)
            and may_write(principal, "course_material", course_department=owner_department_id)
        )
        for made in (self.add_button, self.remove_button):
            made.setVisible(may)

    def reload(self) -> None:
        self.follower.stale = False
        course_id = self._course_id
        self._loader.run(reading(self._db, lambda session: list_materials(session, course_id)), self._show)

    def _show(self, materials: list[MaterialInfo]) -> None:
        self.model.set_items(materials)
        target, self._select_after = self._select_after, None
        for row, item in enumerate(materials):
            if item.id == target:
                self.table.selectRow(row)
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        chosen = self.selected() is not None
        for made in (self.open_button, self.save_button, self.remove_button):
            made.setEnabled(chosen)

    def selected(self) -> MaterialInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def add_file(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(self, self.tr("Add a file to the material library"))
        if not path:
            return
        db, course_id = self._db, self._course_id
        run_in_background(
            self,
            lambda _task: add_material(db.uow(), course_id, Path(path)),
            success=self._added,
            progress_label=self.tr("Storing {name}…").format(name=Path(path).name),
        )

    def _added(self, material_id: int) -> None:
        self._select_after = material_id

    def _copy_out(self, material: MaterialInfo, folder: Path, then: Any) -> None:
        db = self._db

        def work(_task: Task) -> Path:
            with read_only(db) as session:
                return copy_material_out(session, material.id, folder)

        run_in_background(self, work, success=then)

    def open_selected(self) -> None:
        material = self.selected()
        if material is not None:
            self._copy_out(
                material,
                paths.data_dir() / OPEN_FOLDER,
                lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
            )

    def save_selected(self) -> None:
        material = self.selected()
        if material is None:
            return
        target, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save the file as"), material.original_name
        )
        if not target:
            return
        # Copied out under its own name first, then moved over the name the user chose (they confirmed any overwrite).
        scratch = Path(tempfile.mkdtemp(prefix="material-", dir=paths.data_dir()))

        def move(path: Path) -> None:
            try:
                shutil.move(path, target)
            except OSError as error:
                feedback.show_error(self, error)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)

        self._copy_out(material, scratch, move)

    def remove_selected(self) -> None:
        material = self.selected()
        if material is None or not feedback.confirm(
            self,
            self.tr("Remove file"),
            self.tr("Remove “{name}” from this course's material library?").format(
                name=material.original_name
            ),
            destructive=True,
        ):
            return
        db = self._db
        run_in_background(self, lambda _task: remove_material(db.uow(), material.id), success=lambda _i: None)


@dataclass(frozen=True)
class _Choices:
    """What the course tab needs from the database: its choices, and the course (None: a new one)."""

    departments: list[tuple[int, str]]
    competencies: list[str]
    current: CourseData | None


def _read_choices(course_id: int | None) -> Callable[[Session], _Choices]:
    def read(session: Session) -> _Choices:
        departments = [(node.id, node.path_names) for node in department_tree(session)]
        current = get_course(session, course_id) if course_id is not None else None
        return _Choices(departments, list_competencies(session), current)

    return read


class CourseDialog(FieldDialog):
    """`saved(course_id)` after a commit; the material library opens once the course exists."""

    def __init__(self, db: Database, course_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("course_dialog")
        self._db = db
        self._course_id = course_id
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("course_tabs")
        self.course_page = self._build_course_tab()
        self.tabs.addTab(self.course_page, self.tr("Course"))
        self.materials_panel: MaterialsPanel | None = None
        if course_id is not None:
            self.materials_panel = MaterialsPanel(db, course_id, self)
            self.tabs.addTab(self.materials_panel, self.tr("Materials"))
        else:
            waiting = QLabel(self.tr("Save the new course first; then files can be added."), self)
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.setTabEnabled(self.tabs.addTab(waiting, self.tr("Materials")), False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(self.button_row("course_buttons", required_hint=False))
        self.setWindowTitle(self.tr("New course") if course_id is None else self.tr("Course"))
        self.resize(720, 520)
        self.load(reading(db, _read_choices(course_id)), self._show_choices, self.course_page)

    def _show_choices(self, choices: _Choices) -> None:
        self.owner_combo.addItem(self.tr("HR general module"), None)
        for department_id, path in choices.departments:
            self.owner_combo.addItem(path, department_id)
        for name in choices.competencies:
            self._add_competency_item(name)
        current = choices.current
        if current is not None:
            self.setWindowTitle(
                self.tr("Course {code} {title}").format(code=current.code, title=current.title)
            )
            self.set_data(current)
        else:
            self.set_data(CourseData(code="", title="", category=CourseCategory.REQUIRED))
        if self.materials_panel is not None:
            self.materials_panel.set_owner(current.owner_department_id if current is not None else None)
        if not allowed(self._db.principal, Permission.EDIT_RECORDS):
            view_only(self, self.course_page)

    # ---- building --------------------------------------------------------------------------------------

    def _build_course_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("course_page")
        self.code_edit = QLineEdit(page)
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setMaxLength(32)
        self.title_edit = QLineEdit(page)
        self.title_edit.setObjectName("title_edit")
        self.title_edit.setMaxLength(200)
        self.credits_spin = DecimalSpinBox(page)
        self.credits_spin.setObjectName("credits_spin")
        self.hours_spin = DecimalSpinBox(page)
        self.hours_spin.setObjectName("hours_spin")
        self.category_combo = EnumCombo(CourseCategory, blank=False, parent=page)
        self.category_combo.setObjectName("category_combo")
        self.classification_combo = EnumCombo(CourseClassification, blank=False, parent=page)
        self.classification_combo.setObjectName("classification_combo")
        self.subject_combo = EnumCombo(SubjectType, blank=False, parent=page)
        self.subject_combo.setObjectName("subject_combo")
        self.delivery_combo = EnumCombo(Delivery, blank=False, parent=page)
        self.delivery_combo.setObjectName("delivery_combo")
        self.trainer_track_combo = EnumCombo(
            TrainerTrack, blank=True, blank_text=self.tr("Not a trainer course"), parent=page
        )
        self.trainer_track_combo.setObjectName("trainer_track_combo")
        self.trainer_track_combo.setToolTip(
            self.tr("Courses that train internal trainers: their class hours count toward trainer levels")
        )
        self.owner_combo = QComboBox(page)
        self.owner_combo.setObjectName("owner_combo")
        self.active_check = QCheckBox(self.tr("Offered (untick for a course no longer run)"), page)
        self.active_check.setObjectName("active_check")
        self.competency_list = QListWidget(page)
        self.competency_list.setObjectName("competency_list")
        self.competency_list.setMaximumHeight(110)
        self.description_edit = QPlainTextEdit(page)
        self.description_edit.setObjectName("description_edit")
        self.description_edit.setFixedHeight(70)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, text, editor in (
            ("course_code", self.tr("Course code *"), self.code_edit),
            ("course_title", self.tr("Title *"), self.title_edit),
            ("course_credits", self.tr("Credits"), self.credits_spin),
            ("course_hours", self.tr("Class hours"), self.hours_spin),
            ("course_category", self.tr("Category"), self.category_combo),
            ("course_classification", self.tr("Training type"), self.classification_combo),
            ("course_subject", self.tr("Subject type"), self.subject_combo),
            ("course_delivery", self.tr("Delivery"), self.delivery_combo),
            ("course_owner", self.tr("Module owner"), self.owner_combo),
            ("course_trainer_track", self.tr("Trainer training"), self.trainer_track_combo),
            ("course_competencies", self.tr("Competencies addressed"), self.competency_list),
            ("course_description", self.tr("Description"), self.description_edit),
        ):
            self.add_field(form, key, text, editor)
        form.addRow("", self.active_check)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        return page

    def _add_competency_item(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name, self.competency_list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    # ---- data in and out ----------------------------------------------------------------------------------

    def set_data(self, data: CourseData) -> None:
        self.code_edit.setText(data.code)
        self.title_edit.setText(data.title)
        self.credits_spin.set_value(data.credits)
        self.hours_spin.set_value(data.hours)
        self.category_combo.set_value(data.category)
        self.classification_combo.set_value(data.classification)
        self.subject_combo.set_value(data.subject)
        self.delivery_combo.set_value(data.delivery)
        self.trainer_track_combo.set_value(data.trainer_track)
        self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(data.owner_department_id), 0))
        self.active_check.setChecked(data.active)
        wanted = set(data.competencies)
        shown = {self.competency_list.item(row).text() for row in range(self.competency_list.count())}
        for name in data.competencies:
            if name not in shown:
                self._add_competency_item(name)
        for row in range(self.competency_list.count()):
            item = self.competency_list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)
        self.description_edit.setPlainText(data.description)

    def checked_competencies(self) -> tuple[str, ...]:
        items = (self.competency_list.item(row) for row in range(self.competency_list.count()))
        return tuple(item.text() for item in items if item.checkState() == Qt.CheckState.Checked)

    def course_data(self) -> CourseData:
        return CourseData(
            code=self.code_edit.text(),
            title=self.title_edit.text(),
            category=self.category_combo.value(),
            credits=self.credits_spin.value(),
            hours=self.hours_spin.value(),
            classification=self.classification_combo.value(),
            subject=self.subject_combo.value(),
            delivery=self.delivery_combo.value(),
            owner_department_id=self.owner_combo.currentData(),
            description=self.description_edit.toPlainText(),
            active=self.active_check.isChecked(),
            competencies=self.checked_competencies(),
            trainer_track=self.trainer_track_combo.value(),
        )

    def form_data(self) -> CourseData:
        return self.course_data()

    # ---- saving ------------------------------------------------------------------------------------------

    def store(self, data: CourseData) -> Callable[[Task], object]:
        db, course_id = self._db, self._course_id
        if course_id is None:
            return lambda _task: create_course(db.uow(), data)
        return lambda _task: update_course(db.uow(), course_id, data)

    def show_refusal(self, error: BaseException) -> bool:
        feedback.show_refusal(self, self.tr("Cannot save the course"), error)
        return True

    def show_fields(self) -> None:
        self.tabs.setCurrentIndex(COURSE_TAB)

    def discard_question(self) -> str:
        return self.tr("You have changed this course. Close without saving?")
