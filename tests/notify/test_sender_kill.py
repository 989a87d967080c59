"""`portal notify send` killed with SIGKILL mid-batch and started again: every queued mail arrives
exactly once (counted by Message-ID at a real local SMTP server), whether the kill comes at a
random moment or at the one point where the order of "." and commit decides (just before the ".")."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter

from portal import clock
from portal.db import begin_write, get_session
from portal.notify import services
from tests.helpers import ROOT, server_env, wait_until

MAILS = 120


def _queue_confirmations(app, n: int) -> None:
    """N people ask to follow the site: N confirmation mails queued."""
    with app.app_context():
        session = get_session()
        begin_write(session)
        for i in range(n):
            services.ask(session, services.FollowRequest(f"reader{i}@example.jp", "site", "", "ja"),
                         app.config["SECRET_KEY"], clock.now())
        session.commit()


#: The sender, SIGKILLing itself as it is about to write the final "." of its KILL_AT-th mail.
KILLED_BEFORE_DOT = """
import os, signal, smtplib
from portal.cli import main
dots, original = [], smtplib.SMTP.send
def send(self, data):
    if data == b".\\r\\n":
        dots.append(1)
        if len(dots) == {kill_at}:
            os.kill(os.getpid(), signal.SIGKILL)
    return original(self, data)
smtplib.SMTP.send = send
main()
"""


def _sender(tmp_path, app, url: str, *args: str, code: str = "from portal.cli import main; main()"
            ) -> subprocess.Popen:
    """`portal notify send ARGS` in its own process on APP's database (CODE: the program run)."""
    env = server_env(tmp_path, database_url=app.config["DATABASE_URL"], SMTP_URL=url,
                     SECRET_KEY=app.config["SECRET_KEY"],
                     DATASETS_DIR=app.config["DATASETS_DIR"], RELEASES_DIR=app.config["RELEASES_DIR"])
    return subprocess.Popen([sys.executable, "-c", code, "notify", "send", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_killed_sender_restarted_sends_every_mail_exactly_once(pub_app, smtp, tmp_path):
    inbox, url = smtp
    inbox.delay = 0.01
    _queue_confirmations(pub_app, MAILS)
    first = _sender(tmp_path, pub_app, url, "--loop", "--interval", "0.1", "--batch", "10")
    wait_until(lambda: len(inbox.messages) >= MAILS // 3, "a third of the mails sent", timeout=120)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    first.stdout.close()
    assert len(inbox.messages) < MAILS  # killed mid-batch
    again = _sender(tmp_path, pub_app, url)
    output, _ = again.communicate(timeout=300)
    assert again.returncode == 0, output
    _exactly_once(inbox, output, MAILS)


def _exactly_once(inbox, output: bytes, mails: int) -> None:
    """Every one of MAILS queued mails arrived once (by Message-ID and by address); no address logged."""
    ids = Counter(m["Message-ID"] for m in inbox.messages)
    assert len(ids) == mails and set(ids.values()) == {1}, ids
    recipients = Counter(m["To"] for m in inbox.messages)
    assert len(recipients) == mails and set(recipients.values()) == {1}
    assert b"@example.jp" not in output


def test_sender_killed_just_before_the_final_dot_loses_no_mail(pub_app, smtp, tmp_path):
    """The row must not be committed as sending before the "." is written (it was: a lost mail)."""
    inbox, url = smtp
    mails = 12
    _queue_confirmations(pub_app, mails)
    first = _sender(tmp_path, pub_app, url, code=KILLED_BEFORE_DOT.format(kill_at=5))
    first.communicate(timeout=120)
    assert first.returncode == -signal.SIGKILL
    assert len(inbox.messages) == 4
    again = _sender(tmp_path, pub_app, url)
    output, _ = again.communicate(timeout=120)
    assert again.returncode == 0, output
    _exactly_once(inbox, output, mails)
