"""Starts the window: application, fonts, language, logging, error handling, opening the database."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_hr import logs, paths
from desktop_hr.db import Database, resolve_url
from desktop_hr.errors import DatabaseMissing
from desktop_hr.services.trust.database import open_database as open_guarded_database
from desktop_hr.views import collector, feedback, i18n, operations
from desktop_hr.views.settings import (
    APPLICATION,
    LAST_DATABASE_KEY,
    ORGANISATION,
    app_settings,
    saved_language,
)

if TYPE_CHECKING:
    from desktop_hr.views.main_window import MainWindow

log = logging.getLogger(__name__)

T = TypeVar("T")

BUNDLED_FONT = "wqy-microhei.ttc"
ICON = "desktop_hr.png"  # drawn by installers/make_icon.py; the exe and the installer use its .ico twin
# Windows system fonts preferred over the bundled one: they match the rest of the desktop.
WINDOWS_FONTS = (("msyh.ttc", "Microsoft YaHei"), ("simsun.ttc", "SimSun"))


def setup_logging() -> Path:
    """The shared log file, plus Qt's own warnings routed into it."""
    log_file = logs.setup_logging()
    qInstallMessageHandler(_qt_message)
    return log_file


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)


def font_families() -> list[str]:
    """Chinese-capable families in order of preference, registering the bundled font when needed."""
    families: list[str] = []
    if sys.platform == "win32":
        fonts_dir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        families = [family for file, family in WINDOWS_FONTS if (fonts_dir / file).exists()]
    if not families:
        font_id = QFontDatabase.addApplicationFont(str(paths.resources_dir() / "fonts" / BUNDLED_FONT))
        if font_id < 0:
            log.warning("could not load the bundled font %s", BUNDLED_FONT)
        else:
            families = [f for f in QFontDatabase.applicationFontFamilies(font_id) if "Mono" not in f]
    return families


def configure_fonts(app: QApplication) -> None:
    font = QFont(app.font())
    # A list, not one family: Latin text keeps the system font's fallback if a glyph is missing.
    font.setFamilies([*font_families(), *font.families()])
    app.setFont(font)


def create_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / ICON)))
    configure_fonts(app)
    i18n.apply_language(saved_language())
    collector.install(app)  # cycles collected on the GUI thread only (a worker's collection can deadlock Qt)
    return app


def _initial_database(db_arg: str | None) -> tuple[str | None, bool]:
    """--db, then DESKTOP_HR_DB, then the database used last time, else the default file; and whether it
    may be created if it does not exist. Only the default file is, on a first start (no backup of it in
    the folder beside it): a named or remembered file that has gone is said, never made again empty."""
    if db_arg:
        return db_arg, False
    if os.environ.get(paths.DB_ENV):
        return None, False  # open_guarded_database reads the variable itself
    last = app_settings().value(LAST_DATABASE_KEY, "")
    if last:
        return str(last), False
    return None, not _backups_of(paths.default_db_path())


def _backups_of(path: Path) -> list[Path]:
    """Backups of a database file named like `path`, in the backup folder beside it, newest first (its
    identity is unknown when the file is gone: by name)."""
    from desktop_hr.services.trust import backups

    folder = backups.default_folder(path)
    return [b.path for b in backups.all_backups(folder) if b.path.name.startswith(f"{path.stem}_")]


def open_database(db_arg: str | None) -> Database | None:
    """Open (migrating as needed; creating only the default file on a first start); when that fails, say
    why and offer another file, a new one, or the latest good backup."""
    candidate, may_create = _initial_database(db_arg)
    while True:
        good_backup: Path | None = None
        try:
            _damaged_file(candidate)
            return open_guarded_database(candidate, create=may_create)
        except _Damaged as damaged:
            log.error("the database %s is damaged: %s", candidate, damaged)
            good_backup, reason = damaged.backup, str(damaged)
        except DatabaseMissing:
            gone = Path(resolve_url(candidate).database or "")
            log.error("the database %s does not exist", gone)
            good_backup = next(iter(_backups_of(gone)), None)
            reason = QCoreApplication.translate(
                "App",
                "The database file {path} does not exist. It was not created again empty: open it where it "
                "is now, restore a backup of it, or create a new database.",
            ).format(path=gone)
        except Exception as error:
            log.exception("cannot open the database %s", candidate)
            where = str(resolve_url(candidate).database or candidate or "")
            reason = feedback.known_problem(error, where) or f"{where}: {type(error).__name__}: {error}"
        box = QMessageBox()
        box.setObjectName("open_database_failed")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("App", "Cannot open the database"))
        box.setText(reason)
        box.setInformativeText(
            QCoreApplication.translate("App", "Choose another database file, or create a new one?")
        )
        choose = box.addButton(
            QCoreApplication.translate("App", "Open another…"), QMessageBox.ButtonRole.AcceptRole
        )
        create = box.addButton(
            QCoreApplication.translate("App", "New database…"), QMessageBox.ButtonRole.ActionRole
        )
        restore = None
        if good_backup is not None:
            restore = box.addButton(
                QCoreApplication.translate("App", "Restore the latest good backup…"),
                QMessageBox.ButtonRole.YesRole,
            )
            box.setDefaultButton(restore)
        box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if restore is not None and clicked is restore and good_backup is not None:
            _restore_damaged(resolve_url(candidate).database or "", good_backup)
            continue  # open it again: restored, or still damaged with the same offer
        file_filter = QCoreApplication.translate("App", "desktop_hr database (*.sqlite3 *.db);;All files (*)")
        if clicked is choose:
            path, _ = QFileDialog.getOpenFileName(None, box.windowTitle(), str(paths.data_dir()), file_filter)
        elif clicked is create:
            path, _ = QFileDialog.getSaveFileName(
                None, box.windowTitle(), str(paths.data_dir() / "desktop_hr.sqlite3"), file_filter
            )
        else:
            return None
        if path:
            candidate, may_create = path, clicked is create


def wait_for(work: Callable[[operations.Task], T], label: str, *, writes: bool = False) -> T:
    """Before the window exists: run `work` off the GUI thread with the operations' progress dialog saying
    `label` (shown if it takes more than a moment), the GUI answering meanwhile; its result, or its error
    raised here. On the reader pool, or on the writer if it `writes`."""
    loop = QEventLoop()
    outcome: list[tuple[Any, BaseException | None]] = []

    def done(result: Any) -> None:
        outcome.append((result, None))
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome.append((None, error))
        loop.quit()

    run = operations.run_in_background if writes else operations.run_query
    run(None, work, success=done, failure=failed, progress_label=label)
    if not outcome:
        loop.exec()
    result, error = outcome[0]
    if error is not None:
        raise error
    return result


def _damaged_file(candidate: str | None) -> None:
    """`PRAGMA quick_check` before opening an SQLite file, off the GUI thread with a progress dialog. A
    damaged file raises: _Damaged when a good backup exists to offer, else DatabaseDamaged (which says
    there is none)."""
    from desktop_hr.services.trust import backups, restoring

    url = resolve_url(candidate)
    if url.get_backend_name() != "sqlite" or not url.database or not Path(url.database).is_file():
        return
    path = Path(url.database)

    def check(_task: operations.Task) -> backups.DatabaseDamaged | None:
        restoring.clean_leftovers(path)  # what an interrupted restore or backup left
        return backups.damage(path)

    damaged = wait_for(check, QCoreApplication.translate("App", "Checking the database…"))
    if damaged is None:
        return
    if damaged.good_backup is not None:
        raise _Damaged(damaged, damaged.good_backup)
    raise damaged


class _Damaged(Exception):
    """A damaged file with a good backup to offer (caught by open_database's loop)."""

    def __init__(self, damaged: Exception, backup: Path) -> None:
        super().__init__(str(damaged))
        self.damaged = damaged
        self.backup = backup


def _restore_damaged(database: str, backup: Path) -> None:
    """Restore `backup` over the damaged file, once an administrator's name and password (checked against
    the accounts kept in the backup itself) say who does it. The damaged file is kept aside."""
    from datetime import datetime

    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from desktop_hr.services.trust import restoring

    title = QCoreApplication.translate("App", "Restore the latest good backup")
    name, ok = QInputDialog.getText(
        None, title, QCoreApplication.translate("App", "Administrator's user name:")
    )
    if not ok:
        return
    password, ok = QInputDialog.getText(
        None, title, QCoreApplication.translate("App", "Password:"), QLineEdit.EchoMode.Password
    )
    if not ok:
        return

    def restore(force: bool) -> Callable[[operations.Task], restoring.RestoreResult]:
        def work(_task: operations.Task) -> restoring.RestoreResult:
            restorer = restoring.restorer_in_backup(backup, name, password)
            return restoring.restore(Path(database), backup, datetime.now(), principal=restorer, force=force)

        return work

    label = QCoreApplication.translate("App", "Restoring the backup…")
    try:
        try:
            done = wait_for(restore(False), label, writes=True)
        except restoring.RestoreRefused as refused:
            from desktop_hr.views.trust.restore_refusal import RestoreRefusalBox

            box = RestoreRefusalBox(refused)
            box.exec()
            if not box.confirmed():
                return
            done = wait_for(restore(True), label, writes=True)
    except Exception as error:
        log.exception("restoring %s failed", backup)
        feedback.show_error(None, error)
        return
    feedback.inform(
        None,
        title,
        QCoreApplication.translate(
            "App", "Restored from {backup}. The damaged file was kept as {aside}."
        ).format(backup=backup, aside=done.kept_aside or "-"),
    )


def show_main_window(db: Database) -> MainWindow:
    """The main window for the signed-in account, shown; then what start-up allocated is set aside from
    the garbage collector (gc.freeze), so its full collections, which pause every thread, stop walking
    the hundreds of thousands of objects Qt, SQLAlchemy and the views made once (a 90 ms pause each at
    office scale, measured)."""
    from desktop_hr.views.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    # No gc.collect() first: on a big heap it is itself a 100+ ms block; the little garbage frozen with
    # start-up's objects stays, which costs less than the pause.
    gc.freeze()
    return window


def run_gui(db_arg: str | None) -> int:
    """The window's entry point (`desktop-hr` with no command); returns the process exit code.

    After the database opens: the first administrator on a database without accounts, else the sign-in
    (giving up quits), then a new password if an administrator set it; then the main window. The window
    never signs in from DESKTOP_HR_USER / DESKTOP_HR_PASSWORD (those are for the command line).
    """
    started = time.monotonic()
    app = create_application()
    log_file = setup_logging()
    log.info("starting; log at %s", log_file)
    sys.excepthook = feedback.excepthook
    db = open_database(db_arg)
    if db is None:
        return 1
    from desktop_hr.views.trust.login_dialog import SignInFlow

    windows: list[MainWindow] = []

    def signed_in() -> None:
        window = show_main_window(db)
        windows.append(window)
        app.setQuitOnLastWindowClosed(True)
        log.info("window shown after %.2f s (%s)", time.monotonic() - started, db.display_name())

    # The sign-in dialog closes a moment before the window opens: that is not the last window closing.
    app.setQuitOnLastWindowClosed(False)
    flow = SignInFlow(db, None, signed_in, app.quit, cancel_text=QCoreApplication.translate("App", "Quit"))
    flow.start()
    try:
        code = app.exec()
    finally:
        app.setQuitOnLastWindowClosed(True)
    operations.wait_for_all()
    (windows[-1].db if windows else db).dispose()
    return int(code)
