"""Point rules (积分规则): every version, edit one (a new version from a date), enable, presets, recompute."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_hr.db import Database, read_only
from desktop_hr.models import PointCategory
from desktop_hr.services.labels import choices, label
from desktop_hr.services.points.awards import SyncReport, recompute
from desktop_hr.services.points.point_rules import (
    RuleRow,
    list_rules,
    presets,
    save_rule,
    set_enabled,
    switch_preset,
)
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery, Task, run_in_background
from desktop_hr.views.points.loading import loading_text
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import from_qdate, to_qdate


@dataclass(frozen=True)
class _Rules:
    rules: list[RuleRow]
    presets: list[tuple[str, int, int]]


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


class RuleModel(ListTableModel[RuleRow]):
    numeric_columns = frozenset({3})

    def titles(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Category"),
            self.tr("Points"),
            self.tr("Enabled"),
            self.tr("Valid from"),
            self.tr("Valid to"),
            self.tr("Preset"),
        ]

    def values(self, item: RuleRow) -> list[str]:
        return [
            item.code,
            item.name,
            label(item.category),
            str(item.points),
            self.tr("Yes") if item.enabled else self.tr("No"),
            _day(item.valid_from),
            _day(item.valid_to),
            item.preset,
        ]


class PointRulesDialog(QDialog):
    """The rules table on top, the selected version's editor, the presets, and Recompute points."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("point_rules_dialog")
        self.setWindowTitle(self.tr("Point rules"))
        self.setModal(False)
        self.resize(900, 620)
        self._db = db
        self.last_report: SyncReport | None = None
        self._query = LatestQuery(self)
        self._select_after: int | None = None  # the rule to select once the rules are read
        self.status_label = QLabel(self)
        self.status_label.setObjectName("rules_status_label")

        self.model = RuleModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("rules_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("rule_name_edit")
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("rule_category_combo")
        for member, text in choices(PointCategory):
            self.category_combo.addItem(text, member)
        self.points_spin = QSpinBox(self)
        self.points_spin.setObjectName("rule_points_spin")
        self.points_spin.setRange(-10000, 10000)
        self.enabled_check = QCheckBox(self.tr("Enabled"), self)
        self.enabled_check.setObjectName("rule_enabled_check")
        self.from_edit = QDateEdit(self)
        self.from_edit.setObjectName("rule_from_edit")
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("yyyy-MM-dd")
        self.from_edit.setDate(to_qdate(date.today()))
        self.version_note = QLabel(self)
        self.version_note.setObjectName("rule_version_note")
        self.version_note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save rule"), self)
        self.save_button.setObjectName("save_rule_button")
        self.save_button.clicked.connect(self.save_current)
        self.toggle_button = QPushButton(self.tr("Enable / disable"), self)
        self.toggle_button.setObjectName("toggle_rule_button")
        self.toggle_button.clicked.connect(self.toggle_current)
        editor = QGroupBox(self.tr("Selected rule"), self)
        form = QFormLayout(editor)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Category:"), self.category_combo)
        form.addRow(self.tr("Points:"), self.points_spin)
        form.addRow("", self.enabled_check)
        form.addRow(self.tr("Change applies from:"), self.from_edit)
        form.addRow("", self.version_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.toggle_button)
        form.addRow("", buttons)

        self.presets_box = QGroupBox(self.tr("Presets"), self)
        self.presets_box.setObjectName("presets_box")
        self.presets_layout = QVBoxLayout(self.presets_box)
        self.preset_buttons: dict[str, tuple[QPushButton, QPushButton]] = {}

        self.recompute_button = QPushButton(self.tr("Recompute points"), self)
        self.recompute_button.setObjectName("recompute_button")
        self.recompute_button.clicked.connect(self.recompute)
        self.recompute_label = QLabel(self)
        self.recompute_label.setObjectName("recompute_label")
        self.recompute_label.setWordWrap(True)

        lower = QHBoxLayout()
        lower.addWidget(editor, 2)
        side = QVBoxLayout()
        side.addWidget(self.presets_box)
        side.addWidget(self.recompute_button)
        side.addWidget(self.recompute_label)
        side.addStretch(1)
        lower.addLayout(side, 1)
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(lower)
        layout.addWidget(close_box)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self._editable = permit(
            db.principal,
            Permission.EDIT_SETTINGS,
            self.save_button,
            self.toggle_button,
            self.presets_box,
            self.recompute_button,
        )
        self._show_selected()  # nothing to edit until the rules are read
        self.reload()

    # ---- loading ----------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the rules and presets again (off the GUI thread), then select `select_id`, else the rule
        selected now."""
        if select_id is not None:
            self._select_after = select_id
        elif self._select_after is None:
            self._select_after = self._selected_id()
        db = self._db

        def work(_task: Task) -> _Rules:
            with read_only(db) as session:
                return _Rules(list_rules(session), presets(session))

        self.status_label.setText(loading_text())
        self.status_label.show()
        self._query.run(work, self._show)

    def _show(self, answer: _Rules) -> None:
        wanted, self._select_after = self._select_after, None
        self.status_label.hide()
        self.model.set_items(answer.rules)
        self.table.resizeColumnsToContents()
        self._fill_presets(answer.presets)
        rules = answer.rules
        row = next((i for i, r in enumerate(rules) if r.id == wanted), 0 if rules else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()

    def _fill_presets(self, counts: list[tuple[str, int, int]]) -> None:
        while self.presets_layout.count():
            taken = self.presets_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.preset_buttons = {}
        for name, enabled, total in counts:
            line = QWidget(self.presets_box)
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            text = self.tr("{name}: {enabled} of {total} enabled").format(
                name=name, enabled=enabled, total=total
            )
            row.addWidget(QLabel(text, line), 1)
            on = QPushButton(self.tr("Switch on"), line)
            on.setObjectName(f"preset_on_{name}")
            on.setEnabled(enabled < total)
            on.clicked.connect(lambda _=False, n=name: self.switch(n, True))
            off = QPushButton(self.tr("Switch off"), line)
            off.setObjectName(f"preset_off_{name}")
            off.setEnabled(enabled > 0)
            off.clicked.connect(lambda _=False, n=name: self.switch(n, False))
            row.addWidget(on)
            row.addWidget(off)
            self.presets_layout.addWidget(line)
            self.preset_buttons[name] = (on, off)

    def selected(self) -> RuleRow | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _selected_id(self) -> int | None:
        rule = self.selected()
        return rule.id if rule is not None else None

    def _show_selected(self) -> None:
        rule = self.selected()
        for widget in (self.save_button, self.toggle_button, self.name_edit, self.points_spin):
            widget.setEnabled(rule is not None and self._editable)
        if rule is None:
            return
        self.name_edit.setText(rule.name)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(rule.category)))
        self.points_spin.setValue(rule.points)
        self.enabled_check.setChecked(rule.enabled)
        self.toggle_button.setText(self.tr("Disable") if rule.enabled else self.tr("Enable"))
        if rule.used:
            self.version_note.setText(
                self.tr(
                    "This rule has awarded points: a change of points, category or enabling becomes a new "
                    "version from the date above; past entries keep their points."
                )
            )
        else:
            self.version_note.setText(self.tr("Not used yet: changes apply to it as it is."))

    # ---- actions ----------------------------------------------------------------------------------

    def save_current(self) -> None:
        rule = self.selected()
        if rule is None:
            return
        data = replace(
            rule.data(),
            name=self.name_edit.text(),
            category=self.category_combo.currentData(),
            points=self.points_spin.value(),
            enabled=self.enabled_check.isChecked(),
        )
        effective_change = (data.category, data.points, data.enabled) != (
            rule.category,
            rule.points,
            rule.enabled,
        )
        if rule.used and effective_change:
            data = replace(data, valid_from=from_qdate(self.from_edit.date()))
        db, rule_id = self._db, rule.id
        run_in_background(
            self,
            lambda _task: save_rule(db.uow(), rule_id, data),
            success=self.reload,
        )

    def toggle_current(self) -> None:
        rule = self.selected()
        if rule is None:
            return
        db, rule_id, on_date = self._db, rule.id, from_qdate(self.from_edit.date())
        run_in_background(
            self,
            lambda _task: set_enabled(db.uow(), rule_id, not rule.enabled, on_date=on_date),
            success=self.reload,
        )

    def switch(self, preset: str, enabled: bool) -> None:
        db, on_date = self._db, from_qdate(self.from_edit.date())
        run_in_background(
            self,
            lambda _task: switch_preset(db.uow(), preset, enabled, on_date=on_date),
            success=lambda _count: self.reload(),
        )

    def recompute(self) -> None:
        db = self._db
        self.recompute_button.setEnabled(False)

        def done(report: SyncReport) -> None:
            self.last_report = report
            self.recompute_button.setEnabled(True)
            self.recompute_label.setText(report.summary())
            self.reload()

        def failed(error: BaseException) -> None:
            self.recompute_button.setEnabled(True)
            feedback.show_error(self, error)

        run_in_background(
            self,
            lambda _task: recompute(db.uow()),
            success=done,
            failure=failed,
            progress_label=self.tr("Recomputing points…"),
        )
