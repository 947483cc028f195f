"""Trainer levels (内训师晋级与复审) for a chosen year: the junior and intermediate trainers with their figures
against the next level's check (HR confirms a promotion), and the trainers listed for re-certification."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import Database
from desktop_hr.services.development import settings as development_settings
from desktop_hr.services.development.levels import (
    PromotionCandidate,
    RecertificationRow,
    confirm_promotion,
    promotion_candidates,
    recertification_list,
)
from desktop_hr.services.labels import label
from desktop_hr.services.requirements.wording import amount_text
from desktop_hr.services.trust.permissions import Permission, Principal
from desktop_hr.views import feedback
from desktop_hr.views.development.trainer_models import PromotionModel, RecertificationModel
from desktop_hr.views.development.trainer_profiles_page import YEAR_MAX, YEAR_MIN, in_scope
from desktop_hr.views.forms import follow_lazily, inform_soon, reading
from desktop_hr.views.operations import LatestQuery, run_in_background
from desktop_hr.views.roles import permit
from desktop_hr.views.widgets import setup_record_table

AREAS = ("development", "training", "employees", "organisation", "settings")


@dataclass(frozen=True)
class _Levels:
    year: int
    candidates: list[PromotionCandidate]
    recertification: list[RecertificationRow]
    first_year: int
    recert_hours: str
    recert_satisfaction: str


def _read_levels(year: int, principal: Principal | None, language: str) -> Callable[[Session], _Levels]:
    def read(session: Session) -> _Levels:
        figures = development_settings.load(session)
        return _Levels(
            year,
            [
                c
                for c in promotion_candidates(session, year, language=language)
                if in_scope(principal, c.department_id)
            ],
            [
                r
                for r in recertification_list(session, year, language)
                if in_scope(principal, r.department_id)
            ],
            year - figures.recert_years + 1,
            amount_text(figures.recert_hours),
            amount_text(figures.recert_satisfaction),
        )

    return read


class TrainerLevelsPage(QWidget):
    """Reads both lists in the background when first shown, and again whenever the hub says trainers' figures,
    training, people or the settings changed (a confirmed promotion among them)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainer_levels_page")
        self._db = db
        self.shown_levels: _Levels | None = None
        self._loader = LatestQuery(self)

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("levels_year_spin")
        self.year_spin.setRange(YEAR_MIN, YEAR_MAX)
        self.year_spin.setValue(date.today().year)
        self.year_spin.setSuffix(self.tr(" year"))
        self.year_spin.valueChanged.connect(lambda _year: self.refresh())
        self.status_label = QLabel(self)
        self.status_label.setObjectName("levels_status_label")

        self.promotion_model = PromotionModel(self)
        self.promotion_table = QTableView(self)
        setup_record_table(
            self.promotion_table,
            "promotion_table",
            self.promotion_model,
            widths=[80, 80, 160, 60, 70, 130, 170, 60],
        )
        # The service's order (who qualifies first) until a header is clicked.
        self.promotion_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.promotion_table.setSortingEnabled(True)
        self.promotion_table.selectionModel().selectionChanged.connect(lambda *_a: self._sync_buttons())
        self.confirm_button = QPushButton(self.tr("Confirm promotion…"), self)
        self.confirm_button.setObjectName("confirm_promotion_button")
        self.confirm_button.clicked.connect(lambda _checked: self.confirm_selected())
        permit(db.principal, Permission.EDIT_RECORDS, self.confirm_button)
        self.promotion_hint = QLabel(self)
        self.promotion_hint.setObjectName("promotion_hint")
        self.promotion_hint.setEnabled(False)

        self.recert_model = RecertificationModel(self)
        self.recert_table = QTableView(self)
        setup_record_table(
            self.recert_table, "recertification_table", self.recert_model, widths=[80, 80, 160, 60, 80, 80]
        )
        self.recert_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.recert_table.setSortingEnabled(True)
        self.recert_title = QLabel(self)
        self.recert_title.setObjectName("recertification_title")

        promotions = QGroupBox(self.tr("Promotions"), self)
        promotions.setObjectName("promotions_box")
        box = QVBoxLayout(promotions)
        box.addWidget(self.promotion_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.promotion_hint, 1)
        row.addWidget(self.confirm_button)
        box.addLayout(row)
        recertification = QGroupBox(self.tr("Re-certification"), self)
        recertification.setObjectName("recertification_box")
        box = QVBoxLayout(recertification)
        box.addWidget(self.recert_title)
        box.addWidget(self.recert_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(promotions)
        splitter.addWidget(recertification)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year:"), self))
        top.addWidget(self.year_spin)
        top.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._sync_buttons()
        self.follower = follow_lazily(self, AREAS, self.refresh)

    # ---- reading ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.follower.stale = False
        self.status_label.setText(self.tr("Loading…"))
        read = _read_levels(self.year_spin.value(), self._db.principal, messages.language())
        self._loader.run(reading(self._db, read), self._show)

    def loading(self) -> bool:
        return self._loader.running

    def _show(self, shown: _Levels) -> None:
        self.shown_levels = shown
        self.promotion_model.set_items(shown.candidates)
        self.recert_model.set_items(shown.recertification)
        qualified = sum(1 for c in shown.candidates if c.qualifies)
        self.status_label.setText(
            self.tr(
                "{qualified} of {total} trainer(s) qualify for promotion · {recert} to re-certify"
            ).format(qualified=qualified, total=len(shown.candidates), recert=len(shown.recertification))
        )
        self.recert_title.setText(
            self.tr(
                "{first}–{last}: fewer than {hours} hours taught, or a mean satisfaction below {satisfaction}"
            ).format(
                first=shown.first_year,
                last=shown.year,
                hours=shown.recert_hours,
                satisfaction=shown.recert_satisfaction,
            )
        )
        self._sync_buttons()

    def selected(self) -> PromotionCandidate | None:
        rows = self.promotion_table.selectionModel().selectedRows()
        return self.promotion_model.item(rows[0].row()) if rows else None

    def _sync_buttons(self) -> None:
        chosen = self.selected()
        self.confirm_button.setEnabled(chosen is not None and chosen.qualifies)
        if chosen is None:
            self.promotion_hint.setText(self.tr("Choose a trainer who qualifies to confirm the promotion."))
        elif chosen.qualifies:
            self.promotion_hint.setText(
                self.tr("{name} qualifies for {level}.").format(
                    name=chosen.name, level=label(chosen.next_level)
                )
            )
        else:
            self.promotion_hint.setText(
                self.tr("{name} does not qualify yet: {missing}").format(
                    name=chosen.name, missing=chosen.missing_text()
                )
            )

    # ---- confirming ------------------------------------------------------------------------------------

    def confirm_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.qualifies:
            return
        if not feedback.confirm(
            self,
            self.tr("Confirm promotion"),
            self.tr("Promote {name} ({no}) from {level} to {next} trainer?").format(
                name=chosen.name,
                no=chosen.employee_no,
                level=label(chosen.level),
                next=label(chosen.next_level),
            ),
        ):
            return
        db, employee_id, year = self._db, chosen.employee_id, chosen.year

        def done(_level: object) -> None:
            inform_soon(
                self,
                self.tr("Promoted"),
                self.tr("{name} is now a {level} trainer.").format(
                    name=chosen.name, level=label(chosen.next_level)
                ),
            )

        run_in_background(
            self,
            lambda _task: confirm_promotion(db.uow(), employee_id, year),
            success=done,
            failure=lambda error: feedback.show_refusal(self, self.tr("Cannot promote"), error),
        )
