"""The office's mail server (SMTP): its settings, the account's password kept outside the database, and sending
letters one by one, each failure named without stopping the others.

The settings (host, port, encryption, user name, sender address) are office settings in the database, so every
PC agrees and a change is in the audit trail. The password never goes into the database, the audit trail or an
export: it is kept in a file in this user's own data folder (readable by the user only), named for the
database it belongs to, or typed when sending.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import os
import re
import smtplib
import ssl
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from sqlalchemy.orm import Session

from desktop_hr import messages, paths
from desktop_hr.db import Database, UnitOfWork
from desktop_hr.errors import DomainError, InvalidField
from desktop_hr.services.office_settings import get_text, put_text
from desktop_hr.services.trust.permissions import Permission, require

messages.define(
    {
        "mail.field.host": ("邮件服务器", "Mail server"),
        "mail.field.port": ("端口", "Port"),
        "mail.field.sender": ("发件地址", "Sender address"),
        "mail.field.user": ("用户名", "User name"),
        "mail.field.address": ("收件地址", "Address"),
        "mail.reason.host": ("应为服务器名称或 IP 地址，不含空格", "should be a server name or IP address"),
        "mail.reason.port": ("应为 1 到 65535 之间的整数", "should be a whole number from 1 to 65535"),
        "mail.reason.address": ("不是有效的电子邮件地址", "is not a valid e-mail address"),
        "mail.not_configured": (
            "尚未设置邮件服务器：请管理员在“邮件服务器”设置中填写服务器和发件地址。",
            "No mail server is set: an administrator fills in the server and sender address in the mail settings.",
        ),
        "mail.cannot_connect": (
            "无法连接邮件服务器 {server}：{reason}",
            "Cannot reach the mail server {server}: {reason}",
        ),
        "mail.refused": ("邮件服务器拒绝：{reply}", "The mail server refused: {reply}"),
        "mail.no_address": ("没有设置收件地址，未发送", "no address is set; not sent"),
        "mail.test.subject": ("desktop_hr 测试邮件", "desktop_hr test mail"),
        "mail.test.body": (
            "这是一封测试邮件：邮件服务器 {server} 的设置可以发送邮件。",
            "This is a test mail: the settings of the mail server {server} can send mail.",
        ),
    }
)

TIMEOUT_S = 30.0  # per connection and per command: a server that does not answer is named, not waited on
_HOST = "mail.host"
_PORT = "mail.port"
_SECURITY = "mail.security"
_USER = "mail.user"
_SENDER = "mail.sender"
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
_HOST_NAME = re.compile(r"^[A-Za-z0-9.\-:\[\]]+$")


class Security(enum.StrEnum):
    """How the connection is protected: none (an office relay), STARTTLS (usually 587) or SSL (usually 465)."""

    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"


DEFAULT_PORTS = {Security.NONE: 25, Security.STARTTLS: 587, Security.SSL: 465}


class MailNotConfigured(DomainError):
    code = "mail.not_configured"


class CannotConnect(DomainError):
    code = "mail.cannot_connect"


class MailRefused(DomainError):
    code = "mail.refused"


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 25
    security: Security = Security.NONE
    user: str = ""  # empty: the server takes mail without signing in (an office relay)
    sender: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def get(session: Session) -> MailSettings:
    try:
        security = Security(get_text(session, _SECURITY, Security.NONE.value))
    except ValueError:
        security = Security.NONE
    try:
        port = int(get_text(session, _PORT, "") or DEFAULT_PORTS[security])
    except ValueError:
        port = DEFAULT_PORTS[security]
    return MailSettings(
        host=get_text(session, _HOST, ""),
        port=port,
        security=security,
        user=get_text(session, _USER, ""),
        sender=get_text(session, _SENDER, ""),
    )


def valid_address(text: str) -> bool:
    return bool(_ADDRESS.match(text))


def split_addresses(text: str) -> list[str]:
    """ "a@x.cn; b@x.cn, c@x.cn" → each address (commas, semicolons, spaces and the Chinese ，；、 separate)."""
    return [part for part in re.split(r"[,;，；、\s]+", text.strip()) if part]


def check_addresses(text: str, field: str) -> str:
    """The addresses of `text` joined by ", "; InvalidField names the first that is not an address."""
    found = split_addresses(text)
    for address in found:
        if not valid_address(address):
            raise InvalidField(field=field, value=address, reason=messages.text("mail.reason.address"))
    return ", ".join(found)


def cleaned(settings: MailSettings) -> MailSettings:
    """Trimmed and checked; InvalidField names the field and value. An empty host means "no mail server"."""
    host, user, sender = settings.host.strip(), settings.user.strip(), settings.sender.strip()
    if host and not _HOST_NAME.match(host):
        raise InvalidField(
            field=messages.text("mail.field.host"), value=host, reason=messages.text("mail.reason.host")
        )
    if not 1 <= settings.port <= 65535:
        raise InvalidField(
            field=messages.text("mail.field.port"),
            value=settings.port,
            reason=messages.text("mail.reason.port"),
        )
    if sender and not valid_address(sender):
        raise InvalidField(
            field=messages.text("mail.field.sender"),
            value=sender,
            reason=messages.text("mail.reason.address"),
        )
    return replace(settings, host=host, user=user, sender=sender)


def save(uow: UnitOfWork, settings: MailSettings) -> MailSettings:
    """Store the server settings (administrators); the password is not among them (see store_password)."""
    require(uow.principal, Permission.EDIT_SETTINGS)
    stored = cleaned(settings)
    with uow:
        put_text(uow.session, _HOST, stored.host)
        put_text(uow.session, _PORT, str(stored.port))
        put_text(uow.session, _SECURITY, stored.security.value)
        put_text(uow.session, _USER, stored.user)
        put_text(uow.session, _SENDER, stored.sender)
        uow.commit()
    return stored


# ---- the password: a file of this user's, never the database -------------------------------------------


def password_file(db: Database) -> Path:
    """Where this user keeps the mail password of `db`'s office: the per-user data folder (where the office's
    own database lives by default), one file per database (its location hashed), so two databases on one PC
    keep their own."""
    if db.is_sqlite and db.url.database:
        where = str(Path(db.url.database).resolve())
    else:
        where = db.url.render_as_string(hide_password=True)
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:12]
    return paths.data_dir() / f"mail-password-{digest}.secret"


def stored_password(db: Database) -> str | None:
    try:
        return password_file(db).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def store_password(db: Database, password: str | None) -> None:
    """Keep `password` for this user (None or "": forget it). The file is created readable and writable by
    its owner only (mode 600; on Windows the data folder is already the user's own)."""
    target = password_file(db)
    if not password:
        target.unlink(missing_ok=True)
        return
    temp = target.with_name(f".~{target.name}.{uuid.uuid4().hex[:8]}")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(password)
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


# ---- sending -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content: bytes
    maintype: str = "application"
    subtype: str = "pdf"


@dataclass(frozen=True)
class Letter:
    """One message: `to_label` says for whom (a department), `addresses` where it goes."""

    to_label: str
    addresses: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Delivery:
    """What became of one letter: sent, or the server's reply (or why it was never tried)."""

    to_label: str
    addresses: tuple[str, ...]
    error: str = ""

    @property
    def sent(self) -> bool:
        return not self.error


def compose(settings: MailSettings, letter: Letter) -> EmailMessage:
    """UTF-8 throughout: the subject and file names in RFC 2047/2231 words, the body as text."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(letter.addresses)
    message["Subject"] = letter.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1])
    message.set_content(letter.body, charset="utf-8")
    for item in letter.attachments:
        message.add_attachment(
            item.content, maintype=item.maintype, subtype=item.subtype, filename=item.file_name
        )
    return message


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {words}".strip()


def _describe(error: BaseException) -> str:
    """The server's reply ("550 5.1.1 no such user"), else what the network said."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{to}: {_reply(code, text)}" for to, (code, text) in error.recipients.items())
    if isinstance(error, smtplib.SMTPResponseException):
        return _reply(error.smtp_code, error.smtp_error)
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def connect(settings: MailSettings, password: str | None) -> smtplib.SMTP:
    """An open, signed-in connection; CannotConnect names the server and its reply (never the password)."""
    if not settings.configured:
        raise MailNotConfigured()
    try:
        connection: smtplib.SMTP
        if settings.security is Security.SSL:
            connection = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=TIMEOUT_S, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S)
        try:
            if settings.security is Security.STARTTLS:
                connection.starttls(context=ssl.create_default_context())
            if settings.user:
                connection.login(settings.user, password or "")
        except BaseException:
            with contextlib.suppress(Exception):
                connection.close()
            raise
    except (smtplib.SMTPException, OSError) as error:
        raise CannotConnect(server=settings.server, reason=_describe(error)) from None
    return connection


def deliver(
    settings: MailSettings,
    password: str | None,
    letters: Sequence[Letter],
    progress: Callable[[int, int], None] | None = None,
) -> list[Delivery]:
    """Send each letter in turn over one connection; a refused letter is named (with the server's reply) and
    the next one still goes. A letter without an address is not tried. When the server cannot be reached or
    refuses the account, that reason is given for every letter not yet sent."""
    results: list[Delivery] = []
    connection: smtplib.SMTP | None = None
    try:
        for done, letter in enumerate(letters):
            if progress is not None:
                progress(done, len(letters))
            if not letter.addresses:
                results.append(Delivery(letter.to_label, (), messages.text("mail.no_address")))
                continue
            if connection is None:
                try:
                    connection = connect(settings, password)
                except CannotConnect as error:
                    reason = error.message()
                    results += [Delivery(rest.to_label, rest.addresses, reason) for rest in letters[done:]]
                    break
            try:
                refused = connection.send_message(compose(settings, letter))
            except smtplib.SMTPRecipientsRefused as error:
                results.append(Delivery(letter.to_label, letter.addresses, _describe(error)))
                continue
            except (smtplib.SMTPServerDisconnected, OSError) as error:
                results.append(Delivery(letter.to_label, letter.addresses, _describe(error)))
                with contextlib.suppress(Exception):
                    connection.close()
                connection = None  # the next letter opens a new connection
                continue
            except smtplib.SMTPException as error:
                results.append(Delivery(letter.to_label, letter.addresses, _describe(error)))
                with contextlib.suppress(smtplib.SMTPException, OSError):
                    connection.rset()
                continue
            partly = "; ".join(f"{to}: {_reply(code, text)}" for to, (code, text) in refused.items())
            results.append(Delivery(letter.to_label, letter.addresses, partly))
    finally:
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.quit()
    if progress is not None:
        progress(len(letters), len(letters))
    return results


def send_test(settings: MailSettings, password: str | None, to: str | None = None) -> str:
    """A short test mail to `to` (default: the sender address itself); returns the address. CannotConnect or
    MailRefused say what the server answered."""
    checked = cleaned(settings)
    if not checked.configured:
        raise MailNotConfigured()
    address = to or checked.sender
    letter = Letter(
        address,
        (address,),
        messages.text("mail.test.subject"),
        messages.text("mail.test.body", server=checked.server),
    )
    connection = connect(checked, password)
    try:
        connection.send_message(compose(checked, letter))
    except (smtplib.SMTPException, OSError) as error:
        raise MailRefused(reply=_describe(error)) from None
    finally:
        with contextlib.suppress(Exception):
            connection.quit()
    return address
