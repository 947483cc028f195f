"""How the window tells the user things: known problems as plain messages, bugs as a crash dialog with the log."""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_hr import paths
from desktop_hr.errors import DomainError, known_error

log = logging.getLogger(__name__)

_state: dict[str, str] = {"database": ""}


def set_database_name(name: str) -> None:
    """The database that 'locked' or 'read-only' refers to in messages."""
    _state["database"] = name


def known_problem(error: BaseException, database: str | None = None) -> str | None:
    """The message for a failure the user can act on (a rule, a locked or full disk, a file), else None.

    `database` names the file a database failure is about (default: the one the window has open).
    """
    path = database or _state["database"]
    if isinstance(error, OSError) and error.filename:
        path = str(error.filename)
    domain = known_error(error, path)
    if domain is not None:
        return domain.message()
    if isinstance(error, (PermissionError, FileNotFoundError, IsADirectoryError, NotADirectoryError)):
        return QCoreApplication.translate("Feedback", "Cannot use the file {path}: {reason}").format(
            path=error.filename or "", reason=error.strerror or str(error)
        )
    return None


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Known problems get a plain message box; anything else is a bug: log it and show the crash dialog."""
    text = known_problem(error)
    if text is not None:
        if not isinstance(error, DomainError):
            log.warning("known problem: %r", error)
        QMessageBox.warning(parent, QCoreApplication.translate("Feedback", "Cannot continue"), text)
        return
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    show_crash_dialog(parent, error)


def show_crash_dialog(parent: QWidget | None, error: BaseException) -> None:
    box = QMessageBox(parent)
    box.setObjectName("crash_dialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Feedback", "Unexpected error"))
    box.setText(
        QCoreApplication.translate(
            "Feedback", "The program ran into an error it did not expect. Data saved before this is safe."
        )
        + "\n\n"
        + f"{type(error).__name__}: {error}"
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Feedback",
            "Details were written to the log file:\n{path}\nPlease send it to whoever supports the program.",
        ).format(path=paths.log_path())
    )
    box.setDetailedText("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()


def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the window: an exception escaping a slot must not silently kill the program."""
    if issubclass(kind, KeyboardInterrupt):
        QCoreApplication.quit()
        return
    if error.__traceback__ is None and tb is not None:
        error = error.with_traceback(tb)
    try:
        show_error(None, error)
    except Exception:  # the dialog itself failed: the log still has the original error
        log.exception("could not show the error dialog")


def confirm(parent: QWidget | None, title: str, text: str, *, destructive: bool = False) -> bool:
    """Yes/No question; the safe answer (No) is the default for destructive actions."""
    default = QMessageBox.StandardButton.No if destructive else QMessageBox.StandardButton.Yes
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        default,
    )
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def show_refusal(parent: QWidget, title: str, error: BaseException) -> None:
    """A rule said no (a DomainError, which the user can act on): a warning titled `title` with its
    message; anything else is shown as an error."""
    if isinstance(error, DomainError):
        QMessageBox.warning(parent, title, error.message())
    else:
        show_error(parent, error)
