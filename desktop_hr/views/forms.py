"""What every edit dialog and record list shares: filling in from a background read, Save/Cancel, saving on the
worker, the validation errors shown on their fields with the dialog left open, and a table of records with
Add / Edit / Delete that reloads itself when the hub says its data changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_hr.db import Database, read_only
from desktop_hr.errors import NotFound
from desktop_hr.services.archive.employees import ValidationFailed
from desktop_hr.views import feedback, hub
from desktop_hr.views.list_model import ListTableModel
from desktop_hr.views.operations import LatestQuery, Task, run_in_background, run_query
from desktop_hr.views.widgets import INVALID_FIELD_STYLE, FieldBox, OptionalDateEdit, setup_record_table

T = TypeVar("T")


def reading(db: Database, read: Callable[[Session], T]) -> Callable[[Task], T]:
    """An operation's work that runs `read(session)` in a read-only session of its own (on a reader thread).

    `read` must be plain: no widget, no `tr()`; it gets only what was captured on the GUI thread."""

    def work(_task: Task) -> T:
        with read_only(db) as session:
            return read(session)

    return work


def save_cancel_buttons(dialog: QDialog, name: str, save: Callable[[], None]) -> QDialogButtonBox:
    """Save / Cancel: Save runs `save` (which closes the dialog once stored), Cancel rejects."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.setObjectName(name)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def field_errors(error: ValidationFailed) -> dict[str, str]:
    """Field key -> every reason given for it, joined (the order of the first reason per field kept)."""
    reasons: dict[str, list[str]] = {}
    for problem in error.errors:
        reasons.setdefault(problem.field, []).append(problem.reason)
    return {key: "；".join(texts) for key, texts in reasons.items()}


class _Opens(Protocol):
    @property
    def saved(self) -> SignalInstance: ...

    @property
    def finished(self) -> SignalInstance: ...

    def open(self) -> None: ...

    def deleteLater(self) -> None: ...


_D = TypeVar("_D", bound=_Opens)


def open_dialog(dialog: _D, on_saved: Callable[[Any], object] | None = None) -> _D:
    """Open the (window-modal) dialog; `on_saved` gets what its `saved` signal carries; gone once closed.

    What the save changed reaches every view through the hub: `on_saved` is for what only the opener
    does (select the new record, say who moved up)."""
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class LoadingDialog(QDialog):
    """A dialog that opens at once and fills its fields from a background read (`load`): until the data is in,
    its inputs are disabled, "Loading…" shows beside the buttons and Save does nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = True
        self.loading_label = QLabel(self.tr("Loading…"), self)
        self.loading_label.setObjectName("loading_label")
        self.loading_label.setEnabled(False)
        self.loading_label.hide()

    def save_widget(self) -> QWidget | None:
        """The button that saves: disabled while loading."""
        return None

    def load(self, work: Callable[[Task], T], show: Callable[[T], None], *inputs: QWidget) -> None:
        """Run `work` on a reader thread, then `show(result)`; `inputs` (pages, forms) are disabled meanwhile.

        Disabling the containers keeps what a child had itself (a read-only account's disabled choosers stay
        disabled). If the read fails (the record was deleted meanwhile), the message is shown and the dialog
        closes: there is nothing to edit."""
        self.loaded = False
        self.loading_label.show()
        for widget in inputs:
            widget.setEnabled(False)
        self._enable_save(False)

        def done(result: T) -> None:
            # Enabled before `show`, which may disable some of them again (a field fixed when editing).
            for widget in inputs:
                widget.setEnabled(True)
            show(result)
            self.loaded = True
            self.loading_label.hide()
            self._enable_save(True)
            self.data_loaded()

        def failed(error: BaseException) -> None:
            feedback.show_error(self, error)
            QDialog.reject(self)

        run_query(self, work, success=done, failure=failed)

    def data_loaded(self) -> None:
        """After `show`: what the dialog does once its data is in (remember it, focus a field)."""

    def _enable_save(self, enabled: bool) -> None:
        button = self.save_widget()
        if button is not None:
            button.setEnabled(enabled)


class RecordDialog(LoadingDialog):
    """Adds or edits one small record; emits saved(id) once the worker has stored it, stays open with the
    message when the record is refused."""

    saved = Signal(int)
    buttons: QDialogButtonBox

    def finish(self, form: QFormLayout, name: str, save: Callable[[], None], *below: QWidget) -> None:
        """The form, anything below it, then "Loading…" (while it shows) and Save / Cancel (`name`); Save
        does nothing until the dialog's data is in."""

        def save_when_loaded() -> None:
            if self.loaded:
                save()

        self.buttons = save_cancel_buttons(self, name, save_when_loaded)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in below:
            layout.addWidget(widget)
        bottom = QHBoxLayout()
        bottom.addWidget(self.loading_label)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def save_widget(self) -> QWidget | None:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def submit(self, store: Callable[[], int], refused_title: str) -> None:
        """Store on the worker; close on success, stay open with the message on a validation error."""
        if not self.loaded:
            return
        self.buttons.setEnabled(False)

        def done(new_id: int) -> None:
            self.buttons.setEnabled(True)
            self.saved.emit(new_id)
            self.accept()

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(error, ValidationFailed):
                QMessageBox.warning(self, refused_title, error.message())
            else:
                feedback.show_error(self, error)

        run_in_background(self, lambda _task: store(), success=done, failure=failed)


class FieldDialog(LoadingDialog):
    """A dialog editing one record field by field, each error shown under its field.

    Subclasses build their editors with `add_field` and the bottom row with `button_row`, fill them with
    `load` (or at once, then `keep_initial`), and say how the data is read (`form_data`, whose `cleaned()`
    tells whether anything changed), how it is stored (`store`, run on the worker) and what `reject` asks
    before discarding changes (`discard_question`). `saved` carries what `store` returned, after the
    commit; the dialog then closes.
    """

    saved = Signal(object)
    save_button: QPushButton
    buttons: QDialogButtonBox

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(INVALID_FIELD_STYLE)
        # Field key (as in FieldError.field) -> the box that shows its error.
        self.boxes: dict[str, FieldBox] = {}
        self._saving = False
        self._initial: Any = None
        # The box showing an error whose field has none of its own (None: such errors only in the message).
        self.fallback_key: str | None = None

    # ---- to be said by the subclass -------------------------------------------------------------

    def form_data(self) -> Any:
        raise NotImplementedError

    def store(self, data: Any) -> Callable[[Task], object]:
        """The work that writes `data` (on the worker); its result is emitted by `saved`."""
        raise NotImplementedError

    def discard_question(self) -> str:
        raise NotImplementedError

    def show_refusal(self, error: BaseException) -> bool:
        """Show an error other than ValidationFailed on the fields; False leaves it to the error box."""
        return False

    def show_fields(self) -> None:
        """Bring the fields into view before the first error is focused (e.g. their tab)."""

    # ---- building -------------------------------------------------------------------------------

    def add_field(
        self,
        form: QFormLayout,
        key: str,
        text: str,
        editor: QWidget,
        *,
        name: str | None = None,
        required: bool = False,
        watch: QWidget | None = None,
    ) -> FieldBox:
        """`editor` in a FieldBox named `{name or key}_box` on a row of `form`; its error clears as soon as
        `watch` (the editor itself unless given) changes."""
        box = FieldBox(editor, self)
        box.setObjectName(f"{name or key}_box")
        self.boxes[key] = box
        form.addRow(text + (" *" if required else ""), box)
        self._clear_error_on_change(box, watch or editor)
        return box

    def _clear_error_on_change(self, box: FieldBox, editor: QWidget) -> None:
        signal: SignalInstance | None = None
        if isinstance(editor, QLineEdit | QPlainTextEdit):
            signal = editor.textChanged
        elif isinstance(editor, QAbstractSpinBox):
            signal = editor.lineEdit().textChanged
        elif isinstance(editor, QComboBox):
            signal = editor.currentTextChanged
        elif isinstance(editor, OptionalDateEdit):
            signal = editor.changed
        if signal is not None:
            signal.connect(lambda *_args: box.set_error(None))

    def button_row(self, name: str, *, required_hint: bool = True) -> QHBoxLayout:
        """Save / Cancel (`name`) at the right, the hint about required fields at the left; Ctrl+S saves
        as well as Enter (Enter inside a note box makes a new line)."""
        self.buttons = save_cancel_buttons(self, name, self.save)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        bottom = QHBoxLayout()
        if required_hint:
            hint = QLabel(self.tr("Fields marked * are required."), self)
            hint.setEnabled(False)
            bottom.addWidget(hint)
        bottom.addWidget(self.loading_label)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        return bottom

    def save_widget(self) -> QWidget | None:
        return self.save_button

    def data_loaded(self) -> None:
        self.keep_initial()

    def keep_initial(self) -> None:
        """What the form shows now is what `is_dirty` compares with."""
        self._initial = self.form_data()

    def is_dirty(self) -> bool:
        # Nothing can have been typed into fields still waiting for their data.
        if not self.loaded or self._initial is None:
            return False
        return bool(self.form_data().cleaned() != self._initial.cleaned())

    # ---- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        # Before the data is in, the fields hold nothing of the record: saving them would overwrite it.
        if self._saving or not self.loaded:
            return
        for box in self.boxes.values():
            box.set_error(None)
        self._saving = True
        self.save_button.setEnabled(False)
        run_in_background(self, self.store(self.form_data()), success=self._saved, failure=self._failed)

    def _saved(self, result: object) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.keep_initial()
        self.saved.emit(result)
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationFailed):
            for key, text in field_errors(error).items():
                box = self.boxes.get(key, self.boxes.get(self.fallback_key or ""))
                if box is not None:
                    box.set_error(text)
            self.refused(error.message())
        elif not self.show_refusal(error):
            feedback.show_error(self, error)

    def refused(self, message: str) -> None:
        """After the errors are on their fields: focus the first one and say what is wrong."""
        self.show_fields()
        first = next((box for box in self.boxes.values() if box.error_label.text()), None)
        if first is not None:
            first.setFocus()
        QMessageBox.warning(self, self.tr("Please correct the marked fields"), message)

    def accept(self) -> None:
        # Enter in a line edit presses the default button (Save) through here.
        self.save()

    def reject(self) -> None:
        if self.is_dirty() and not feedback.confirm(
            self, self.tr("Discard changes?"), self.discard_question(), destructive=True
        ):
            return
        super().reject()


class QueryTableModel(ListTableModel[T]):
    """A fully loaded list (hundreds of rows, not millions) read in the background: `reload()` asks again,
    the newest answer replaces the rows and `loaded` is emitted; until then the previous rows stay.

    Subclasses say what to read (`read`, capturing their query on the GUI thread)."""

    loaded = Signal()

    def __init__(self, db: Database, owner: QWidget) -> None:
        super().__init__(owner)
        self._db = db
        self._loader = LatestQuery(owner)

    def read(self) -> Callable[[Session], list[T]]:
        raise NotImplementedError

    def reload(self) -> None:
        self._loader.run(reading(self._db, self.read()), self._show)

    def loading(self) -> bool:
        return self._loader.running

    def _show(self, items: list[T]) -> None:
        self.set_items(items)
        self.loaded.emit()


class RecordsPanel(QWidget):
    """A table of records with Add / Edit / Delete under it; subclasses say what the records are.

    It reads its records in the background (`records`, then `show_records`). A panel that names its
    `areas` follows the hub: when a write touches one of them, it reads them again (at once if shown, else
    when next shown), so its own adds, edits and deletes come back the same way as anyone else's. A panel
    that names none reloads itself (`reload`) after its own writes.
    """

    model: ListTableModel[Any]
    areas: tuple[str, ...] = ()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._loader = LatestQuery(self)
        self.follower = follow_lazily(self, self.areas, self.refresh) if self.areas else None
        self.table = QTableView(self)
        setup_record_table(self.table, "records_table")
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.add_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.hint = QLabel(self)
        self.hint.setObjectName("records_hint")
        self.hint.setEnabled(False)
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.add_button)
        self.button_row.addWidget(self.edit_button)
        self.button_row.addWidget(self.delete_button)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(self.button_row)

    def set_model(self, model: ListTableModel[Any]) -> None:
        self.model = model
        self.table.setModel(model)

    def name_parts(self, name: str, record: str, add_text: str) -> None:
        """Object names `{name}_panel` and `{name}_table`, buttons `add_{record}_button` (`add_text`),
        `edit_{record}_button` and `delete_{record}_button`."""
        self.setObjectName(f"{name}_panel")
        self.table.setObjectName(f"{name}_table")
        for button, text, action in (
            (self.add_button, add_text, "add"),
            (self.edit_button, self.tr("Edit…"), "edit"),
            (self.delete_button, self.tr("Delete"), "delete"),
        ):
            button.setText(text)
            button.setObjectName(f"{action}_{record}_button")

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    # ---- loading ----------------------------------------------------------------------------------

    def records(self) -> Callable[[Session], Any] | None:
        """The read (plain: it runs on a reader thread) of what the panel shows; None: nothing to show yet."""
        raise NotImplementedError

    def show_records(self, records: Any) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the records again in the background; the newest answer is shown."""
        read = self.records()
        if read is None:
            return
        if self.follower is not None:
            self.follower.stale = False
        self._loader.run(reading(self._db, read), self.show_records, self._load_failed)

    def _load_failed(self, error: BaseException) -> None:
        # What the panel shows was deleted meanwhile (its session, its employee): its owner goes back;
        # nothing to say here. Anything else is shown.
        if not isinstance(error, NotFound):
            feedback.show_error(self, error)

    def reload(self) -> None:
        """After a write of its own, in a panel that follows no area of the hub."""
        self.refresh()

    def refresh_when_shown(self) -> None:
        if self.follower is None:
            self.refresh()
        else:
            refresh_when_shown(self, self.follower, self.refresh)

    def _written(self, _result: object = None) -> None:
        if self.follower is None:
            self.reload()

    # ---- records ----------------------------------------------------------------------------------

    def _dialog(self, record: Any | None) -> RecordDialog:
        """The add/edit dialog for `record` (None: a new one); it emits saved(int)."""
        raise NotImplementedError

    def _deletion(self, record: Any) -> tuple[str, str, Callable[[], object]]:
        """(title, question, delete) for removing `record` after a confirmation."""
        raise NotImplementedError

    def open_record_dialog(self, dialog: RecordDialog) -> None:
        open_dialog(dialog, self._written)

    def add(self) -> None:
        self.open_record_dialog(self._dialog(None))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_record_dialog(self._dialog(self.model.item(row)))

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        title, question, delete = self._deletion(self.model.item(row))
        if feedback.confirm(self, title, question, destructive=True):
            run_in_background(self, lambda _task: delete(), success=self._written)


def follow_lazily(widget: QWidget, areas: Iterable[str], refresh: Callable[[], None]) -> hub.Follower:
    """hub.follow, and the first load too waits until the widget is shown (a tab nobody opens never
    queries, and the window's start does not wait for tabs behind the first)."""
    follower = hub.follow(widget, areas, refresh)
    follower.stale = True
    return follower


def refresh_when_shown(widget: QWidget, follower: hub.Follower, refresh: Callable[[], None]) -> None:
    """`refresh()` now if `widget` is on screen, else when it is next shown (a tab behind another waits)."""
    if widget.isVisible():
        follower.stale = False
        refresh()
    else:
        follower.stale = True


def inform_soon(parent: QWidget, title: str, text: str) -> None:
    """A message about a write, shown once the hub has told the views (the list behind the message box
    already shows the result, instead of waiting until the box is closed)."""
    QTimer.singleShot(0, parent, lambda: feedback.inform(parent, title, text))
