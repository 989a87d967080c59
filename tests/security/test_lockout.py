"""Item 7 of issue 14: staff logins are throttled per account AND address with growing delays
(ASVS 2.2.1): failures from one address never lock the account for others, and unknown, wrong
and throttled logins get the same answer after the same argon2 work."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal import clock
from portal.staff import accounts
from tests.staff.conftest import AFTER, PASSWORD, csrf

MESSAGE = "ユーザー名またはパスワードが正しくありません"
ATTACKER, OFFICE = "203.0.113.7", "192.0.2.10"


def attempt(app, address: str, username: str, password: str, at):
    """One login from ADDRESS at time AT (a fresh browser each time)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    with clock.frozen(at):
        return client.post("/staff/login", data={"csrf_token": csrf(client, "/staff/login"),
                                                 "username": username, "password": password})


def test_failures_from_one_address_do_not_lock_the_account_for_another(staff_app):
    for i in range(12):
        assert attempt(staff_app, ATTACKER, "editor", "wrong password!", AFTER).status_code == 401, i
    assert attempt(staff_app, OFFICE, "editor", PASSWORD, AFTER).status_code == 303


def test_delays_grow_and_a_throttled_login_looks_like_a_wrong_one(staff_app):
    t = AFTER
    answers = [attempt(staff_app, ATTACKER, "editor", "wrong password!", t) for _ in range(5)]
    blocked = attempt(staff_app, ATTACKER, "editor", PASSWORD, t + timedelta(seconds=1))
    unknown = attempt(staff_app, OFFICE, "nobody", "whatever12345", t)
    for r in (*answers, blocked, unknown):
        page = r.get_data(as_text=True)
        assert r.status_code == 401 and MESSAGE in page and "ロック" not in page
    assert attempt(staff_app, ATTACKER, "editor", PASSWORD, t + timedelta(seconds=3)).status_code == 303
    for _ in range(5):
        attempt(staff_app, ATTACKER, "editor", "wrong password!", t + timedelta(seconds=10))
    attempt(staff_app, ATTACKER, "editor", "wrong password!", t + timedelta(seconds=13))
    assert attempt(staff_app, ATTACKER, "editor", PASSWORD,
                   t + timedelta(seconds=16)).status_code == 401
    assert attempt(staff_app, ATTACKER, "editor", PASSWORD,
                   t + timedelta(seconds=18)).status_code == 303


def test_one_address_spraying_many_accounts_is_slowed_down(staff_app):
    for i in range(25):
        attempt(staff_app, ATTACKER, f"user{i}", "wrong password!", AFTER)
    assert attempt(staff_app, ATTACKER, "admin", PASSWORD, AFTER).status_code == 401
    assert attempt(staff_app, OFFICE, "admin", PASSWORD, AFTER).status_code == 303


@pytest.fixture
def verifications(monkeypatch):
    """Count argon2 verifications (the real ones still run)."""
    calls = []
    real = accounts._verify

    def counting(stored, password):
        calls.append(stored)
        return real(stored, password)

    monkeypatch.setattr(accounts, "_verify", counting)
    return calls


def test_unknown_wrong_and_throttled_cost_one_argon2_verification_each(staff_app, verifications):
    for _ in range(6):
        attempt(staff_app, ATTACKER, "editor", "wrong password!", AFTER)
    for username, password in (("nobody", "x" * 12), ("editor", "wrong password!"),
                               ("editor", PASSWORD)):
        before = len(verifications)
        assert attempt(staff_app, ATTACKER, username, password, AFTER).status_code == 401
        assert len(verifications) - before == 1, username
