"""Fixtures for follow by email: a real SMTP server (aiosmtpd) on a free loopback port, and the
publishing fixtures (a writable copy of mirai-plan-2022) so that a real new data version can be
published through the ward's flow."""

from __future__ import annotations

import email
import re
import threading
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from tests.helpers import free_port, hidden_fields
from tests.publishing.conftest import pub_app, pub_built  # noqa: F401  (fixtures used here)


class Inbox:
    """An aiosmtpd handler keeping every message it accepts; REFUSE_NEXT answers 451 that many times."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.refuse_next = 0
        self.delay = 0.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        """Accept a recipient, after DELAY seconds (a slow server, before the message is sent)."""
        import asyncio

        if self.delay:
            await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        """Accept (or refuse, when told to) one message."""
        with self.lock:
            if self.refuse_next:
                self.refuse_next -= 1
                return "451 Try again later"
            self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """Messages addressed to ADDRESS."""
        with self.lock:
            return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, str]]:
    """A started aiosmtpd server: (its inbox, the PORTAL_SMTP_URL to reach it)."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, f"smtp://127.0.0.1:{port}"
    controller.stop()


def follow(client, target: str, key: str, address: str, frequency: str = "immediate", lang: str = "ja"):
    """Fill the follow form of TARGET/KEY with ADDRESS and send it."""
    page = client.get(f"/{lang}/follow/?target={target}&key={key}").get_data(as_text=True)
    data = {**hidden_fields(page), "address": address, "frequency": frequency}
    return client.post(f"/{lang}/follow/", data=data)


def link_in(message: EmailMessage, kind: str) -> str:
    """The path of the confirm or unsubscribe link in MESSAGE's text."""
    body = message.get_body(("plain",)).get_content()
    found = re.search(rf"https?://[^/\s]+(/[a-z-]+/follow/{kind}/[A-Za-z0-9_-]+)", body)
    assert found, body
    return found.group(1)


def press(client, path: str):
    """Open PATH and press its one button (POST with the page's CSRF token)."""
    page = client.get(path).get_data(as_text=True)
    return client.post(path, data=hidden_fields(page))
