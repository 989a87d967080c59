"""Behind a trusted reverse proxy the rate limit counts each resident's own address, and a client
cannot spoof X-Forwarded-For when no proxy is trusted."""

from __future__ import annotations

from datetime import datetime

from portal import clock
from tests.helpers import confirm, hidden_fields

DURING = datetime(2026, 11, 10, 1, 0)


def _send(client, address: str) -> int:
    """Confirm and submit one comment as sent on by a proxy for ADDRESS; return the status."""
    page = confirm(client).get_data(as_text=True)
    return client.post("/ja/consultations/demo/submit", data=hidden_fields(page),
                       headers={"X-Forwarded-For": address}).status_code


def test_behind_one_trusted_proxy_each_resident_has_their_own_count(make_app):
    client = make_app(TRUSTED_PROXIES=1, CONSULT_RATE_LIMIT="1 per minute").test_client()
    with clock.frozen(DURING):
        assert _send(client, "203.0.113.1") == 200
        assert _send(client, "203.0.113.1") == 429
        assert _send(client, "203.0.113.2") == 200


def test_without_a_trusted_proxy_a_forged_address_does_not_escape_the_limit(make_app):
    client = make_app(CONSULT_RATE_LIMIT="1 per minute").test_client()
    with clock.frozen(DURING):
        assert _send(client, "203.0.113.1") == 200
        assert _send(client, "203.0.113.2") == 429
