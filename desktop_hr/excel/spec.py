"""What a sheet should look like: the type of each column, its canonical header and synonyms, the key."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from desktop_hr.services.labels import FORMAT_LANGUAGE, fold, label, parse_enum

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Cell = Any  # what the engine hands back: str, float, int, bool, date, datetime, time, timedelta or None


class CellType(enum.Enum):
    TEXT = "text"
    CODE = "code"  # numbers that are really codes (工号, phone, ID no.): text, never "1001.0"
    DATE = "date"
    DATETIME = "datetime"
    INT = "int"
    DECIMAL = "decimal"
    BOOL = "bool"
    ENUM = "enum"


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str  # canonical (Chinese) header, written in templates and exports
    synonyms: tuple[str, ...] = ()
    type: CellType = CellType.TEXT
    required: bool = False  # the column must be in the file and every row must fill it
    parse: Callable[[str], object | None] | None = None  # ENUM: the value meant by the text, or None
    choices: tuple[str, ...] = ()  # ENUM: canonical spellings, for messages and template drop-downs
    max_length: int | None = None
    note: str | None = None  # message code with guidance for the template's header comment

    def names(self) -> tuple[str, ...]:
        return (self.header, *self.synonyms)


def enum_column(
    key: str,
    header: str,
    cls: type[enum.Enum],
    synonyms: tuple[str, ...] = (),
    *,
    required: bool = False,
    note: str | None = None,
) -> ColumnSpec:
    """A column of choices (性别, 课程类别, 状态): written in Chinese, read in any spelling labels.py knows."""
    return ColumnSpec(
        key,
        header,
        synonyms,
        CellType.ENUM,
        required,
        parse=partial(parse_enum, cls),
        choices=tuple(label(m, FORMAT_LANGUAGE) for m in cls),
        note=note,
    )


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: str  # sheet name in templates and exports
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]  # column keys identifying a row; a repeat inside one file is an error
    _by_folded: dict[str, str] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, ColumnSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_folded: dict[str, str] = {}
        for column in self.columns:
            for name in column.names():
                other = by_folded.setdefault(_fold_header(name), column.key)
                if other != column.key:
                    raise ValueError(f"{self.kind}: header {name!r} names both {other!r} and {column.key!r}")
            if column.type is CellType.ENUM and column.parse is None:
                raise ValueError(f"{self.kind}: enum column {column.key!r} needs a parse function")
        by_key = {c.key: c for c in self.columns}
        if missing := set(self.key) - by_key.keys():
            raise ValueError(f"{self.kind}: key columns {missing} are not columns")
        object.__setattr__(self, "_by_folded", by_folded)
        object.__setattr__(self, "_by_key", by_key)

    def column(self, key: str) -> ColumnSpec:
        return self._by_key[key]

    def key_for_header(self, text: str) -> str | None:
        return self._by_folded.get(_fold_header(text))

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def required(self) -> list[ColumnSpec]:
        return [c for c in self.columns if c.required]


def _fold_header(text: str) -> str:
    # "*工号", "工号*" and "工号（必填）" are how clerks mark required columns in their own sheets.
    folded = fold(text).removeprefix("*")
    for mark in ("(必填)", "*"):
        folded = folded.removesuffix(mark)
    return folded
