"""Issue 16's mail tests against a real local SMTP server (aiosmtpd): confirm → follow → a new data
version → exactly one mail per confirmed follower, none to unconfirmed ones; one-click
unsubscribe; the same answer whether an address is known or not; retries; purge after 7 days;
no address in any public byte or log line."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from sqlalchemy import func, select

from portal import clock
from portal.db import get_session
from portal.notify.models import FollowerAddress, Outbox
from tests.helpers import MIRAI_NEXT
from tests.notify.conftest import follow, link_in, press
from tests.publishing.conftest import MIRAI
from tests.publishing.test_update_events import _publish

ALICE, BOB, CAROL = "alice@example.jp", "bob@example.jp", "carol@example.org"


def _send(app) -> str:
    """Run `portal notify send` once; return its output (counts only)."""
    result = app.test_cli_runner().invoke(args=["notify", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def _confirmed_followers(app, client, inbox, *addresses: str) -> None:
    """Each address asks to follow the plan (Carol the site too); all but Bob confirm."""
    for address in addresses:
        assert follow(client, "plan", MIRAI, address).status_code == 200
    assert follow(client, "site", "", CAROL).status_code == 200
    _send(app)
    for address in addresses:
        assert len(inbox.to(address)) == (2 if address == CAROL else 1)
        if address != BOB:
            for message in inbox.to(address):
                assert press(client, link_in(message, "confirm")).status_code == 200


def test_new_version_mails_each_confirmed_follower_once_and_unsubscribe_works(pub_app, smtp, tmp_path,
                                                                             caplog):
    inbox, url = smtp
    pub_app.config["SMTP_URL"] = url
    client = pub_app.test_client()
    caplog.set_level(logging.DEBUG)
    _confirmed_followers(pub_app, client, inbox, ALICE, BOB, CAROL)
    before = len(inbox.messages)
    _publish(pub_app, tmp_path)
    output = _send(pub_app)
    new = inbox.messages[before:]
    assert sorted(m["To"] for m in new) == [ALICE, CAROL]  # Carol follows twice: one mail
    for message in new:
        assert message["Subject"].startswith(f"新しいデータ（版{MIRAI_NEXT}）")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(r"<https?://\S+/follow/one-click/\S+>", message["List-Unsubscribe"].strip())
    assert _send(pub_app) and len(inbox.messages) == before + 2  # nothing twice

    alice = next(m for m in new if m["To"] == ALICE)
    one_click = re.search(r"<https?://[^/]+(\S+)>", alice["List-Unsubscribe"]).group(1)
    r = client.post(one_click, data={"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200
    with pub_app.app_context():
        stored = set(get_session().scalars(select(FollowerAddress.address)))
    assert ALICE not in stored and CAROL in stored  # unsubscribed: her address is deleted
    assert press(client, link_in(alice, "unsubscribe")).status_code == 200  # same answer again

    # every field of every portal log record (the test SMTP server's own log is not the portal's)
    logged = "\n".join(repr(vars(r)) for r in caplog.records if not r.name.startswith("mail.log"))
    logged += output
    public = "".join(client.get(p).get_data(as_text=True) for p in (
        "/ja/updates/", "/ja/updates/feed.atom", f"/ja/updates/plans/{MIRAI}.atom", "/ja/",
        f"/ja/plans/{MIRAI}/", "/api/v1/"))
    for address in (ALICE, BOB, CAROL):
        assert address not in logged and address not in public


def test_same_answer_whether_the_address_is_known_or_not(pub_app, smtp):
    inbox, url = smtp
    pub_app.config["SMTP_URL"] = url
    client = pub_app.test_client()
    _confirmed_followers(pub_app, client, inbox, ALICE)
    known = follow(client, "plan", MIRAI, ALICE)
    unknown = follow(pub_app.test_client(), "plan", MIRAI, "nobody@example.net")
    assert known.status_code == unknown.status_code == 200

    def main(r) -> str:
        return re.search(r"<main.*</main>", r.get_data(as_text=True), re.S).group(0)

    assert main(known) == main(unknown)
    assert ALICE not in known.get_data(as_text=True)


def test_bad_address_gets_a_message_and_changes_nothing(pub_app):
    client = pub_app.test_client()
    r = follow(client, "plan", MIRAI, "not an address")
    assert r.status_code == 400 and "メールアドレス" in r.get_data(as_text=True)
    r = follow(client, "plan", MIRAI, "x@example.jp", lang="en")
    assert r.status_code == 200
    with pub_app.app_context():
        assert get_session().scalar(select(func.count(FollowerAddress.id))) == 1
    assert client.get("/ja/follow/?target=plan&key=no-such-plan").status_code == 404


def test_rate_limited_per_client(pub_app):
    pub_app.config["NOTIFY_RATE_LIMIT"] = "3 per hour"
    client = pub_app.test_client()
    codes = [follow(client, "site", "", f"p{i}@example.jp").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]


def test_refused_mail_is_retried_after_a_wait(pub_app, smtp):
    inbox, url = smtp
    pub_app.config["SMTP_URL"] = url
    inbox.refuse_next = 1
    client = pub_app.test_client()
    follow(client, "site", "", ALICE)
    assert "retrying 1" in _send(pub_app)
    assert _send(pub_app) and inbox.to(ALICE) == []  # not before its wait
    with clock.frozen(clock.now() + timedelta(minutes=2)):
        assert "sent 1" in _send(pub_app)
    assert len(inbox.to(ALICE)) == 1


def test_unconfirmed_addresses_are_deleted_after_7_days(pub_app, smtp):
    inbox, url = smtp
    pub_app.config["SMTP_URL"] = url
    follow(pub_app.test_client(), "site", "", BOB)
    with pub_app.app_context():
        assert get_session().scalar(select(func.count(FollowerAddress.id))) == 1
    with clock.frozen(clock.now() + timedelta(days=7, minutes=1)):
        result = pub_app.test_cli_runner().invoke(args=["notify", "purge"])
        assert "1" in result.output
    with pub_app.app_context():
        session = get_session()
        assert session.scalar(select(func.count(FollowerAddress.id))) == 0
        assert session.scalar(select(func.count(Outbox.id))) == 0


def test_daily_digest_groups_updates_by_plan_once_a_day(pub_app, smtp, tmp_path):
    inbox, url = smtp
    pub_app.config["SMTP_URL"] = url
    client = pub_app.test_client()
    follow(client, "site", "", ALICE, frequency="daily")
    _send(pub_app)
    press(client, link_in(inbox.to(ALICE)[0], "confirm"))
    _publish(pub_app, tmp_path)
    _send(pub_app)
    digest = inbox.to(ALICE)[-1]
    assert digest["Subject"].startswith("まとめ：")
    body = digest.get_body(("plain",)).get_content()
    assert "■ " in body and f"1. 新しいデータ（版{MIRAI_NEXT}）" in body
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    count = len(inbox.to(ALICE))
    _send(pub_app)
    assert len(inbox.to(ALICE)) == count  # nothing sent twice
