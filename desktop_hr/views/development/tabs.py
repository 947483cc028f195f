"""The two talent-development tabs of the main window, each a row of pages:

- 内训师 (Trainers): profiles and ranking, promotions and re-certification, nominations, mentoring;
- 需求与效果 (Needs & effect): the training-needs pool, the needs analysis, the training-effect report.

The pages read and write on their own (in the background) and follow the change hub; the tab only holds them
and passes View › Refresh (F5) on to the page shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_hr.db import Database
from desktop_hr.views.development.mentoring_page import MentoringPage
from desktop_hr.views.development.needs_analysis_page import NeedsAnalysisPage
from desktop_hr.views.development.needs_pool_page import NeedsPoolPage
from desktop_hr.views.development.nominations_page import NominationsPage
from desktop_hr.views.development.trainer_levels_page import TrainerLevelsPage
from desktop_hr.views.development.trainer_profiles_page import TrainerProfilesPage
from desktop_hr.views.development.training_effect_page import TrainingEffectPage


class _PagesTab(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = QTabWidget(self)
        self.pages.setObjectName(name)
        self.pages.setDocumentMode(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def add_page(self, page: QWidget, title: str) -> None:
        self.pages.addTab(page, title)

    def refresh(self) -> None:
        """F5: the page shown reloads (the others reload when next shown, through the hub)."""
        refresh = getattr(self.pages.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()


class TrainersTab(_PagesTab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("trainer_pages", parent)
        self.profiles = TrainerProfilesPage(db, self)
        self.levels = TrainerLevelsPage(db, self)
        self.nominations = NominationsPage(db, self)
        self.mentoring = MentoringPage(db, self)
        self.add_page(self.profiles, self.tr("Profiles && ranking"))
        self.add_page(self.levels, self.tr("Promotion && re-certification"))
        self.add_page(self.nominations, self.tr("Nominations"))
        self.add_page(self.mentoring, self.tr("Mentoring"))


class NeedsEffectTab(_PagesTab):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("needs_pages", parent)
        self.pool = NeedsPoolPage(db, self)
        self.analysis = NeedsAnalysisPage(db, self)
        self.effect = TrainingEffectPage(db, self)
        self.add_page(self.pool, self.tr("Needs pool"))
        self.add_page(self.analysis, self.tr("Needs analysis"))
        self.add_page(self.effect, self.tr("Training effect"))
