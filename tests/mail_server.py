"""A local SMTP server for the tests (aiosmtpd, no TLS): keeps what it receives, may refuse some recipients and
asks for a user name and password when given one.

Imported by name like training_data.py (tests/ is on sys.path through tests/conftest.py).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

HOST = "127.0.0.1"


@dataclass
class Inbox:
    """What the server received: (envelope recipients, the message as parsed) per message."""

    refuse: frozenset[str] = frozenset()
    user: str | None = None
    password: str | None = None
    port: int = 0
    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def authenticate(
        self, server: Any, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == self.user
            and data.password.decode() == self.password
        )
        if ok:
            self.logins.append(data.login.decode())
        return AuthResult(success=ok, handled=False)

    def by_recipient(self) -> dict[str, EmailMessage]:
        return {to: message for tos, message in self.received for to in tos}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server(
    *, refuse: frozenset[str] = frozenset(), user: str | None = None, password: str | None = None
) -> Iterator[Inbox]:
    inbox = Inbox(refuse=refuse, user=user, password=password, port=free_port())
    options: dict[str, Any] = {}
    if user is not None:
        options = {"authenticator": inbox.authenticate, "auth_require_tls": False, "auth_required": True}
    controller = Controller(inbox, hostname=HOST, port=inbox.port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
