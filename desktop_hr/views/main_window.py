"""The main window: tabs, menus (File, Edit, View, Help), the status bar and switching databases, accounts or
language. What the signed-in account's role may not do is not offered (views/roles.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from desktop_hr import __version__, paths
from desktop_hr.db import Database
from desktop_hr.services import first_day
from desktop_hr.services.exchange import kinds
from desktop_hr.services.labels import label
from desktop_hr.services.trust import accounts
from desktop_hr.services.trust.database import open_database as open_guarded_database
from desktop_hr.services.trust.permissions import Permission
from desktop_hr.views import feedback, i18n, operations
from desktop_hr.views.archive.employees_tab import EmployeesTab
from desktop_hr.views.archive.positions_dialog import PositionsDialog
from desktop_hr.views.development.tabs import NeedsEffectTab, TrainersTab
from desktop_hr.views.exchange.import_dialog import ImportDialog, download_template, export_kind_to_file
from desktop_hr.views.home.first_day_guide import FirstDayGuide, open_the_demo, read_standing
from desktop_hr.views.home.home_tab import HomeTab
from desktop_hr.views.points.points_tab import PointsTab
from desktop_hr.views.records.print_settings_dialog import PrintSettingsDialog
from desktop_hr.views.records.printing_tab import PrintingTab
from desktop_hr.views.requirements.requirements_tab import RequirementsTab
from desktop_hr.views.roles import allowed, permit, show_if
from desktop_hr.views.settings import app_settings, office_database, remember_database, save_language
from desktop_hr.views.training.courses_tab import CoursesTab
from desktop_hr.views.training.sessions_tab import SessionsTab
from desktop_hr.views.trust.accounts_dialog import AccountsDialog
from desktop_hr.views.trust.audit_tab import AuditTab
from desktop_hr.views.trust.backup_dialog import BackupDialog
from desktop_hr.views.trust.login_dialog import ChangePasswordDialog, SignInFlow
from desktop_hr.views.trust.safekeeping import Safekeeping
from desktop_hr.views.trust.signing_key_dialog import SigningKeyDialog


class MainWindow(QMainWindow):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undo_stack")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.database_label = QLabel(self)
        self.database_label.setObjectName("database_label")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts_label")
        self.account_label = QLabel(self)
        self.account_label.setObjectName("account_label")
        self.statusBar().setObjectName("status_bar")
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        between = QFrame(self)
        between.setFrameShape(QFrame.Shape.VLine)
        between.setFrameShadow(QFrame.Shadow.Sunken)
        self.statusBar().addPermanentWidget(between)
        self.statusBar().addPermanentWidget(self.account_label)
        self.sign_in: SignInFlow | None = None  # a sign-in under way (switching account or database)
        self.standing: first_day.Standing | None = None  # read in the background once the window is built
        self.guide: FirstDayGuide | None = None
        self._build()
        self.resize(1280, 800)
        geometry = app_settings().value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        # The day's first backup, in the background with a progress bar in the status bar.
        self.safekeeping = Safekeeping(self, lambda: self.db)
        self.safekeeping.back_up_at_start()

    # ---- building (again after a language switch or a database switch) -------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self._title())
        self.database_label.setText(self.tr("Database: {path}").format(path=self.db.display_name()))
        self.database_label.setToolTip(self.db.display_name())
        feedback.set_database_name(self.db.display_name())
        principal = self.db.principal
        self.account_label.setText(
            self.tr("Signed in: {account} · {role}").format(
                account=principal.label(), role=label(principal.role)
            )
            if principal is not None
            else self.tr("Not signed in")
        )
        self._build_tabs()
        self._build_menus()
        self._read_standing()

    def _title(self) -> str:
        name = Path(self.db.display_name()).name
        if self.standing is not None and self.standing.demo:
            return self.tr("HR Training Archive — {name} — demo data").format(name=name)
        return self.tr("HR Training Archive — {name}").format(name=name)

    def _clear_tabs(self) -> None:
        while self.tabs.count():
            old = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if old is not None:
                old.deleteLater()

    def _build_tabs(self) -> None:
        settings = app_settings()
        self._clear_tabs()
        self.home_tab = HomeTab(self.db, self)
        self.employees_tab = EmployeesTab(self.db, self.undo_stack, self)
        self.employees_tab.status_text_changed.connect(self.counts_label.setText)
        self.employees_tab.restore_state(settings)
        self.counts_label.setText(self.employees_tab.status_text())
        self.courses_tab = CoursesTab(self.db, self)
        self.sessions_tab = SessionsTab(self.db, self)
        self.points_tab = PointsTab(self.db, self)
        self.requirements_tab = RequirementsTab(self.db, self)
        self.trainers_tab = TrainersTab(self.db, self)
        self.needs_tab = NeedsEffectTab(self.db, self)
        self.printing_tab = PrintingTab(self.db, self)
        # The Home tab opens first: what is due today is the first thing a clerk needs.
        self.add_tab(self.home_tab, self.tr("Home"))
        self.add_tab(self.employees_tab, self.tr("Employees"))
        self.add_tab(self.courses_tab, self.tr("Courses"))
        self.add_tab(self.sessions_tab, self.tr("Sessions"))
        self.add_tab(self.points_tab, self.tr("Points"))
        self.add_tab(self.requirements_tab, self.tr("Requirements"))
        self.add_tab(self.trainers_tab, self.tr("Trainers"))
        self.add_tab(self.needs_tab, self.tr("Needs && effect"))
        self.add_tab(self.printing_tab, self.tr("Printing"))
        # The audit trail: administrators and auditors only.
        self.audit_tab: AuditTab | None = None
        if allowed(self.db.principal, Permission.READ_AUDIT):
            self.audit_tab = AuditTab(self.db, self)
            self.add_tab(self.audit_tab, self.tr("Audit"))
        self.home_tab.session_requested.connect(self.open_session)
        self.home_tab.employee_requested.connect(self.open_employee)
        self.requirements_tab.employee_requested.connect(self.open_employee)
        # No refresh edges between tabs: each follows the areas it shows through the change hub.
        self.tabs.setCurrentWidget(self.home_tab)

    def open_session(self, session_id: int) -> None:
        self.tabs.setCurrentWidget(self.sessions_tab)
        self.sessions_tab.open_session(session_id)

    def open_employee(self, employee_id: int) -> None:
        self.tabs.setCurrentWidget(self.employees_tab)
        self.employees_tab.open_employee(employee_id)

    def add_tab(self, widget: QWidget, title: str) -> int:
        return self.tabs.addTab(widget, title)

    def _action(
        self,
        name: str,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        # A fresh menu bar (the old one is deleted by setMenuBar): simplest way to retranslate every entry.
        bar = QMenuBar(self)
        bar.setObjectName("menu_bar")
        self.setMenuBar(bar)

        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("file_menu")
        self.new_database_action = self._action(
            "new_database_action", self.tr("&New database…"), self.new_database
        )
        self.open_database_action = self._action(
            "open_database_action",
            self.tr("&Open database…"),
            self.open_database,
            QKeySequence.StandardKey.Open,
        )
        self.import_action = self._action(
            "import_action",
            self.tr("&Import employees…"),
            self.employees_tab.import_employees,
            QKeySequence("Ctrl+I"),
        )
        self.export_action = self._action(
            "export_action",
            self.tr("&Export employees…"),
            self.employees_tab.export_employees,
            QKeySequence("Ctrl+E"),
        )
        self.template_action = self._action(
            "template_action", self.tr("Download import &template…"), self.employees_tab.download_template
        )
        self.quit_action = self._action(
            "quit_action", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.try_demo_action = self._action("try_demo_action", self.tr("Try the &demo data…"), self.try_demo)
        self.back_to_office_action = self._action(
            "back_to_office_action", self.tr("Bac&k to our own database"), self.back_to_office
        )
        self.back_to_office_action.setVisible(self.standing is not None and self.standing.demo)
        for action in (
            self.new_database_action,
            self.open_database_action,
            self.try_demo_action,
            self.back_to_office_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.import_action, self.export_action, self.template_action):
            file_menu.addAction(action)
        self._build_exchange_menus(file_menu)
        file_menu.addSeparator()
        self.backups_action = self._action("backups_action", self.tr("&Backups…"), self.show_backups)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        self.change_password_action = self._action(
            "change_password_action", self.tr("Change &password…"), self.change_password
        )
        self.switch_account_action = self._action(
            "switch_account_action", self.tr("S&witch account…"), self.switch_account
        )
        file_menu.addAction(self.change_password_action)
        file_menu.addAction(self.switch_account_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("edit_menu")
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setObjectName("undo_action")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setObjectName("redo_action")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.new_employee_action = self._action(
            "new_employee_action", self.tr("&New employee…"), self._new_employee, QKeySequence.StandardKey.New
        )
        self.find_action = self._action(
            "find_action", self.tr("&Find"), self._find, QKeySequence.StandardKey.Find
        )
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.new_employee_action)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        self.positions_action = self._action(
            "positions_action", self.tr("&Positions and core competencies…"), self.show_positions
        )
        edit_menu.addAction(self.positions_action)
        self.print_settings_action = self._action(
            "print_settings_action",
            self.tr("Printed &documents (organisation, certificates)…"),
            self.show_print_settings,
        )
        edit_menu.addAction(self.print_settings_action)
        self.signing_key_action = self._action(
            "signing_key_action", self.tr("&Signing key…"), self.show_signing_key
        )
        edit_menu.addAction(self.signing_key_action)
        self.accounts_action = self._action("accounts_action", self.tr("&Accounts…"), self.show_accounts)
        edit_menu.addAction(self.accounts_action)
        self._permit_menus()

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.setObjectName("view_menu")
        self.refresh_action = self._action(
            "refresh_action", self.tr("&Refresh"), self.refresh_current, QKeySequence.StandardKey.Refresh
        )
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(self.tr("&Language"))
        language_menu.setObjectName("language_menu")
        group = QActionGroup(self)
        # Each language is named in itself, so whoever cannot read the current one still finds theirs.
        self.chinese_action = self._action("chinese_action", "中文", lambda: self.switch_language("zh_CN"))
        self.english_action = self._action("english_action", "English", lambda: self.switch_language("en"))
        for action, language in ((self.chinese_action, "zh_CN"), (self.english_action, "en")):
            action.setCheckable(True)
            action.setChecked(i18n.current_language() == language)
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("help_menu")
        self.about_action = self._action("about_action", self.tr("&About"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _permit_menus(self) -> None:
        """Only what the signed-in account's role may do (printing, exporting and verifying: everyone)."""
        principal = self.db.principal
        permit(
            principal,
            Permission.IMPORT,
            self.import_action,
            self.template_action,
            self.import_menu.menuAction(),
            self.templates_menu.menuAction(),
        )
        permit(
            principal, Permission.EDIT_RECORDS, self.new_employee_action, self.undo_action, self.redo_action
        )
        permit(principal, Permission.BACKUP, self.backups_action)
        # A PostgreSQL server is backed up with the server's own tools (pg_dump), not from a seat.
        self.backups_action.setVisible(self.backups_action.isVisible() and self.db.is_sqlite)
        permit(principal, Permission.EDIT_SETTINGS, self.print_settings_action)
        permit(principal, Permission.MANAGE_ACCOUNTS, self.accounts_action)
        # An account of its own to change the password of (not so for a test's or a script's principal).
        show_if(principal is not None and principal.account_id is not None, self.change_password_action)

    def _build_exchange_menus(self, file_menu: QMenu) -> None:
        """Every Excel kind (courses, sessions, attendance, …) in, out and as a template, from one place."""
        menus = (
            ("import_menu", self.tr("Import from Excel"), self.import_kind),
            (
                "export_menu",
                self.tr("Export to Excel"),
                lambda kind: export_kind_to_file(self, self.db, kind),
            ),
            ("templates_menu", self.tr("Import templates"), lambda kind: download_template(self, kind)),
        )
        built: dict[str, QMenu] = {}
        for name, title, slot in menus:
            menu = file_menu.addMenu(title)
            menu.setObjectName(name)
            built[name] = menu
            for kind in kinds().values():
                action = menu.addAction(kind.label())
                action.setObjectName(f"{name}_{kind.name}")
                action.triggered.connect(lambda _checked=False, k=kind.name, f=slot: f(k))
        self.import_menu, self.export_menu, self.templates_menu = (
            built["import_menu"],
            built["export_menu"],
            built["templates_menu"],
        )

    def import_kind(self, kind: str) -> ImportDialog:
        dialog = ImportDialog(self.db, self, kind=kind)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def refresh_current(self) -> None:
        """View › Refresh (F5): the current tab reloads what it shows (another seat may have written)."""
        current = self.tabs.currentWidget()
        refresh = getattr(current, "refresh", None)
        if callable(refresh):
            refresh()

    # ---- edit menu ----------------------------------------------------------------------------------

    def _new_employee(self) -> None:
        self.tabs.setCurrentWidget(self.employees_tab)
        self.employees_tab.new_employee()

    def _find(self) -> None:
        """Ctrl+F: the current tab's search box when it has one, else the employee search."""
        current = self.tabs.currentWidget()
        focus = getattr(current, "focus_search", None)
        if callable(focus):
            focus()
            return
        self.tabs.setCurrentWidget(self.employees_tab)
        self.employees_tab.focus_search()

    def show_positions(self) -> PositionsDialog:
        """Non-modal, so the archive stays usable beside it; what it writes reaches the tabs through the hub."""
        dialog = PositionsDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_print_settings(self) -> PrintSettingsDialog:
        dialog = PrintSettingsDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_signing_key(self) -> SigningKeyDialog:
        dialog = SigningKeyDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_backups(self) -> BackupDialog:
        dialog = BackupDialog(self.db, self._open, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_accounts(self) -> AccountsDialog:
        dialog = AccountsDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ---- accounts -----------------------------------------------------------------------------------

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: feedback.inform(self, self.tr("Change password"), self.tr("Your password was changed."))
        )
        dialog.open()
        return dialog

    def switch_account(self) -> SignInFlow:
        """Sign out (what was queued is written first), show nothing of the archive until someone signs in,
        then build the window for that account's role; giving up closes the window."""
        operations.wait_for_all()
        self._save_state()
        accounts.sign_out(self.db)
        self.undo_stack.clear()
        self._clear_tabs()
        # An empty menu bar: no menu entry or shortcut reaches the archive while nobody is signed in.
        bar = QMenuBar(self)
        bar.setObjectName("menu_bar")
        self.setMenuBar(bar)
        self.account_label.setText(self.tr("Not signed in"))
        self.counts_label.clear()
        flow = SignInFlow(self.db, self, self._signed_in_again, self.close, cancel_text=self.tr("Quit"))
        self.sign_in = flow
        flow.start()
        return flow

    def _signed_in_again(self) -> None:
        self.sign_in = None
        self._build()

    # ---- language ----------------------------------------------------------------------------------

    def switch_language(self, language: str) -> None:
        """Takes effect at once: the menus and tabs are rebuilt in the new language (filters start afresh)."""
        if language == i18n.current_language():
            return
        save_language(language)
        self._save_state()
        i18n.apply_language(language)
        self._build()

    # ---- databases -------------------------------------------------------------------------------------

    def _database_filter(self) -> str:
        return self.tr("desktop_hr database (*.sqlite3 *.db);;All files (*)")

    def new_database(self) -> None:
        folder = str(self.db.sqlite_path.parent) if self.db.sqlite_path else str(paths.data_dir())
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("New database"), str(Path(folder) / "desktop_hr.sqlite3"), self._database_filter()
        )
        if path:
            self._open(Path(path))

    def open_database(self) -> None:
        folder = str(self.db.sqlite_path.parent) if self.db.sqlite_path else str(paths.data_dir())
        path, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Open database"), folder, self._database_filter()
        )
        if path:
            self._open(Path(path))

    def _open(self, path: Path | None) -> None:
        """Open `path` (None: the default database) and sign in to it (its own accounts); the window
        switches to it once signed in, and stays on the current database if the sign-in is given up."""
        try:
            db = open_guarded_database(path)
        except Exception as error:
            feedback.show_error(self, error)
            return
        self._sign_in_to(db)

    def _sign_in_to(self, db: Database) -> None:
        def signed_in() -> None:
            self.sign_in = None
            self.set_database(db)

        def gave_up() -> None:
            self.sign_in = None
            if db is not self.db:
                db.dispose()

        self.sign_in = SignInFlow(db, self, signed_in, gave_up)
        self.sign_in.start()

    def set_database(self, db: Database) -> None:
        """Work on another database: queued work on the old one finishes first; undo history is per database."""
        operations.wait_for_all()
        self._save_state()
        old = self.db
        self.db = db
        self.standing = None
        self.undo_stack.clear()
        self._build()
        if old is not db:
            old.dispose()

    def _read_standing(self) -> None:
        """Whether this is a demo (the title says so; never remembered) and whether the first-run guide is
        due; read in the background, then applied to the database still open."""
        read_standing(self, self.db, self._apply_standing)

    def _apply_standing(self, db: Database, standing: first_day.Standing) -> None:
        if db is not self.db or not self.tabs.count():
            return
        self.standing = standing
        self.setWindowTitle(self._title())
        self.back_to_office_action.setVisible(standing.demo)
        self.try_demo_action.setVisible(not standing.demo)
        if db.sqlite_path is not None:
            remember_database(db.sqlite_path, demo=standing.demo)
        if standing.guide_due and self.guide is None and allowed(db.principal, Permission.EDIT_SETTINGS):
            self.show_first_day_guide()

    def show_first_day_guide(self) -> FirstDayGuide:
        guide = FirstDayGuide(self.db, self)
        guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        guide.import_requested.connect(self._import_roster)
        guide.demo_requested.connect(self.try_demo)
        guide.destroyed.connect(lambda _object=None: setattr(self, "guide", None))
        self.guide = guide
        guide.open()
        return guide

    def _import_roster(self) -> None:
        self.tabs.setCurrentWidget(self.employees_tab)
        self.employees_tab.import_employees()

    def try_demo(self) -> None:
        """The demo data, in a file of its own (made and filled first if missing, with a progress dialog);
        the window switches to it, signed in as the demo's administrator."""

        open_the_demo(self, lambda db: self.set_database(db) if db.principal else self._sign_in_to(db))

    def back_to_office(self) -> None:
        """From the demo back to the office's own database (the one remembered, else the default)."""
        self._open(office_database())

    # ---- help ---------------------------------------------------------------------------------------

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About"),
            self.tr(
                "<h3>HR Training Archive</h3><p>Version {version}</p>"
                "<p>Personnel archive, training, points and printed records, offline.</p>"
                "<p>Database: {database}<br>Log file: {log}</p>"
            ).format(version=__version__, database=self.db.display_name(), log=paths.log_path()),
        )

    # ---- closing ------------------------------------------------------------------------------------

    def _save_state(self) -> None:
        settings = app_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        if self.tabs.count():
            self.employees_tab.save_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window closes once the writes under way are done (a dialog names them) and the exit backup is
        taken; until then it stays open and closes itself (views/trust/safekeeping.py)."""
        if not self.safekeeping.may_close:
            self._save_state()
            if not self.safekeeping.close_requested():
                event.ignore()
                return
        super().closeEvent(event)
