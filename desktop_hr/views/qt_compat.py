"""Index type aliases the item models share."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

AnyIndex = QModelIndex | QPersistentModelIndex

# The invalid index as a default argument: QModelIndex is a value type and nobody mutates this one.
ROOT_INDEX = QModelIndex()
