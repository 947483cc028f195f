"""What printed documents say about the office: organisation, logo, certificate wording and signatory.

Kept in the `setting` table so every PC prints the same. The defaults read like a real certificate
without editing: the organisation defaults to the top of the department tree (when there is exactly
one), else to a bracketed reminder to fill it in.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, fields, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_hr import messages
from desktop_hr.db import UnitOfWork
from desktop_hr.models import Department
from desktop_hr.printing.fonts import missing_characters
from desktop_hr.services.archive.employees import FieldError, ValidationFailed
from desktop_hr.services.office_settings import get_text, put_text
from desktop_hr.services.trust.permissions import Permission, require
from desktop_hr.services.validation import trim

SETTINGS_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "organisation": ("单位名称", "Organisation"),
    "logo_path": ("标志图片", "Logo"),
    "completion_wording": ("结业证书正文", "Completion certificate wording"),
    "trainer_wording": ("优秀内训师证书正文", "Excellent trainer certificate wording"),
    "credits_wording": ("年度学分证书正文", "Annual credit certificate wording"),
    "signatory_name": ("签发人姓名", "Signatory name"),
    "signatory_title": ("签发人职务", "Signatory title"),
}
messages.define({f"field.{k}": v for k, v in SETTINGS_FIELD_LABELS.items()})
messages.define(
    {
        "print_settings.unnamed": (
            "（请在设置中填写单位名称）",
            "(enter the organisation's name in Settings)",
        ),
        "reason.placeholder": (
            "含有未知的占位符 {{{name}}}，可用：{known}",
            "has an unknown placeholder {{{name}}}; available: {known}",
        ),
        "reason.braces": ("花括号不成对", "has unbalanced braces"),
        "reason.logo_missing": ("文件不存在", "the file does not exist"),
        "reason.logo_type": ("应为 PNG 或 JPG 图片", "must be a PNG or JPG picture"),
        "reason.no_glyph": ("含有打印字体没有的字：{chars}", "has characters the print font lacks: {chars}"),
    }
)

# Placeholders each wording may use (filled from the certificate's own content when printing).
PLACEHOLDERS = ("name", "employee_no", "course", "session", "date", "hours", "credits", "year", "sessions")
ORGANISATION_MAX = 100
WORDING_MAX = 400
SIGNATORY_MAX = 50
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")

DEFAULT_COMPLETION = (
    "{name} 同志于 {date} 参加“{course}”培训，完成全部课程学习，计 {hours} 学时、{credits} 学分，"
    "经考核合格，准予结业。\n特发此证。"
)
DEFAULT_TRAINER = (
    "{name} 同志在 {year} 年度担任本单位内部培训讲师，授课 {sessions} 期、共 {hours} 学时，"
    "备课认真，讲授生动，学员评价优良，被评为 {year} 年度优秀内训师。\n特发此证，以资鼓励。"
)
DEFAULT_CREDITS = (
    "{name} 同志在 {year} 年度积极参加继续教育培训，累计完成 {hours} 学时，取得 {credits} 学分，"
    "达到年度学习要求。\n特发此证。"
)
DEFAULT_SIGNATORY_TITLE = "人力资源部负责人"

_PREFIX = "print."


@dataclass(frozen=True)
class PrintSettings:
    organisation: str
    logo_path: str  # "" for none; a PNG/JPG file on this PC
    completion_wording: str
    trainer_wording: str
    credits_wording: str
    signatory_name: str  # "" leaves the signature line blank to sign by hand
    signatory_title: str

    def cleaned(self) -> PrintSettings:
        return replace(
            self,
            **{f.name: trim(getattr(self, f.name)) for f in fields(self) if not f.name.endswith("_wording")},
            completion_wording=self.completion_wording.strip(),
            trainer_wording=self.trainer_wording.strip(),
            credits_wording=self.credits_wording.strip(),
        )


def field_names() -> dict[str, str]:
    """Each setting's label in the user's language, by field name."""
    return {key: messages.text(f"field.{key}") for key in SETTINGS_FIELD_LABELS}


def default_organisation(session: Session) -> str:
    """The single top-level department's name (总公司), else a reminder to enter it."""
    roots = session.scalars(select(Department.name).where(Department.parent_id.is_(None)).limit(2)).all()
    return roots[0] if len(roots) == 1 else messages.text("print_settings.unnamed")


def get(session: Session) -> PrintSettings:
    """The saved settings, each unset one at its default."""
    defaults = {
        "organisation": "",
        "logo_path": "",
        "completion_wording": DEFAULT_COMPLETION,
        "trainer_wording": DEFAULT_TRAINER,
        "credits_wording": DEFAULT_CREDITS,
        "signatory_name": "",
        "signatory_title": DEFAULT_SIGNATORY_TITLE,
    }
    values = {key: get_text(session, _PREFIX + key, default) for key, default in defaults.items()}
    if not values["organisation"]:
        values["organisation"] = default_organisation(session)
    return PrintSettings(**values)


def _wording_problem(wording: str) -> str | None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(wording) if name is not None]
    except ValueError:
        return messages.text("reason.braces")
    for name in names:
        if name not in PLACEHOLDERS:
            known = " ".join("{" + p + "}" for p in PLACEHOLDERS)
            return messages.text("reason.placeholder", name=name, known=known)
    return None


def validate(settings: PrintSettings) -> list[FieldError]:
    """Every problem of the (cleaned) settings, each naming the field and the value."""
    errors: list[FieldError] = []

    def bad(key: str, value: str, reason: str | None) -> None:
        if reason is not None:
            errors.append(FieldError(key, value, reason))

    def length(value: str, limit: int) -> str | None:
        return messages.text("reason.too_long", limit=limit) if len(value) > limit else None

    def glyphs(value: str) -> str | None:
        missing = missing_characters(value)
        return messages.text("reason.no_glyph", chars="".join(missing)) if missing else None

    required = messages.text("reason.required")
    bad("organisation", settings.organisation, required if not settings.organisation else None)
    bad("organisation", settings.organisation, length(settings.organisation, ORGANISATION_MAX))
    for key in ("completion_wording", "trainer_wording", "credits_wording"):
        value = getattr(settings, key)
        bad(key, value, required if not value else length(value, WORDING_MAX) or _wording_problem(value))
    bad("signatory_title", settings.signatory_title, required if not settings.signatory_title else None)
    for key in ("signatory_title", "signatory_name"):
        bad(key, getattr(settings, key), length(getattr(settings, key), SIGNATORY_MAX))
    for f in fields(settings):
        if f.name != "logo_path":
            bad(f.name, getattr(settings, f.name), glyphs(getattr(settings, f.name)))
    if settings.logo_path:
        logo = Path(settings.logo_path)
        if logo.suffix.lower() not in LOGO_SUFFIXES:
            bad("logo_path", settings.logo_path, messages.text("reason.logo_type"))
        elif not logo.is_file():
            bad("logo_path", settings.logo_path, messages.text("reason.logo_missing"))
    return errors


def save(uow: UnitOfWork, settings: PrintSettings) -> PrintSettings:
    """Validate everything, then write all settings together; returns what was saved."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    cleaned = settings.cleaned()
    errors = validate(cleaned)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        for f in fields(cleaned):
            put_text(uow.session, _PREFIX + f.name, getattr(cleaned, f.name))
        uow.commit()
    return cleaned
