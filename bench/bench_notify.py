"""Benchmark: follow-by-email and the site feed (issue 16).

1. Queueing: 100,000 synthetic confirmed followers of the site (addresses under the reserved
   .invalid domain) and one new public event; the time `portal.notify.queue.scan` takes to queue
   one mail each (one transaction, SQLite).
2. Sending: MAILS confirmation mails through `portal.notify.sender.send_due` to aiosmtpd on
   127.0.0.1, side by side with the peer, plain smtplib sending the same number of prebuilt
   messages over one connection to the same server: mails/s and the ratio.
3. The site feed (/ja/updates/feed.atom) under 16 keep-alive clients on gunicorn, next to the
   home page in the same run (bench_site's client loop), with and without If-None-Match.
Bounded and self-stopping; the machine is shared, so figures are indicative.
"""

from __future__ import annotations

import os
import re
import shutil
import smtplib
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from bench import bench_site

ROOT = Path(__file__).resolve().parent.parent
FOLLOWERS = 100_000
MAILS = 2_000
#: The 1-minute load average when the run started (the machine is shared).
LOAD_AT_START = 0.0


def _app(tmp: Path, smtp_url: str = ""):
    """A portal app on an empty, migrated SQLite database under TMP."""
    from portal import create_app
    from portal.migrate import upgrade

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp / 'notify.sqlite'}", "SECRET_KEY": "bench-secret",
                      "SEARCH_INDEX_DIR": str(tmp / "index"), "SMTP_URL": smtp_url, "TESTING": True})
    upgrade(app.extensions["db_engine"])
    return app


def queue_followers(tmp: Path) -> float:
    """Seconds to queue one mail for each of FOLLOWERS confirmed followers on one new event."""
    from sqlalchemy import insert

    from portal.db import begin_write, get_session
    from portal.notify import queue
    from portal.notify.models import FollowerAddress, SeenEvent, Subscription
    from portal.updates.events import Event

    app = _app(tmp)
    now = datetime(2026, 12, 1)
    with app.app_context():
        session = get_session()
        begin_write(session)
        session.execute(insert(FollowerAddress), [
            {"id": i, "address": f"follower{i}@bench.invalid", "frequency": "immediate", "created_at": now}
            for i in range(1, FOLLOWERS + 1)])
        session.execute(insert(Subscription), [
            {"id": i, "address_id": i, "target": "site", "target_key": "", "lang": "ja",
             "token_salt": f"{i:032x}", "token_sha256": f"{i:064x}", "confirmed_at": now,
             "created_at": now} for i in range(1, FOLLOWERS + 1)])
        session.add(SeenEvent(event_key="baseline", seen_at=now))
        session.commit()
        event = Event("data/bench/1.1.0", "data_version", now, {"ja": "ベンチ", "en": "bench"})
        start = time.perf_counter()
        begin_write(session)
        queued = queue.scan(session, [event], now)
        session.commit()
        elapsed = time.perf_counter() - start
    assert queued == FOLLOWERS, queued
    app.extensions["db_engine"].dispose()
    return elapsed


def _smtp():
    """aiosmtpd on a free port, counting messages; (controller, handler, url)."""
    from aiosmtpd.controller import Controller

    class Count:
        n = 0

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            Count.n += 1
            return "250 OK"

    port = bench_site._port()
    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, Count, f"smtp://127.0.0.1:{port}", port


def send_rates(tmp: Path) -> tuple[float, float]:
    """Mails/s of the portal's sender and of plain smtplib, against the same aiosmtpd."""
    from portal import clock
    from portal.db import begin_write, get_session
    from portal.notify import sender, services

    controller, count, url, port = _smtp()
    try:
        app = _app(tmp, url)
        with app.app_context():
            session = get_session()
            begin_write(session)
            for i in range(MAILS):
                services.ask(session, services.FollowRequest(f"reader{i}@bench.invalid", "site", "", "ja"),
                             "bench-secret", clock.now())
            session.commit()
            start = time.perf_counter()
            report = sender.Report()
            while report.sent < MAILS:
                before = report.sent
                sender.send_due(app, clock.now(), 500, report)
                assert report.sent > before
            portal_rate = MAILS / (time.perf_counter() - start)
        app.extensions["db_engine"].dispose()
        messages = []
        for i in range(MAILS):
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = "portal@localhost", f"p{i}@bench.invalid", "確認"
            msg.set_content("確認のリンク: https://example.invalid/ja/follow/confirm/x\n")
            messages.append(msg)
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as conn:
            for msg in messages:
                conn.send_message(msg)
        peer_rate = MAILS / (time.perf_counter() - start)
    finally:
        controller.stop()
    return portal_rate, peer_rate


def feed_load(tmp: Path) -> list[tuple[str, dict[str, float]]]:
    """The site feed and the home page under bench_site's 16 clients, on gunicorn."""
    env = bench_site._env(tmp)
    subprocess.run([sys.executable, "-c", "from portal.cli import main; main()", "build"], env=env,
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    port = bench_site._port()
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen([str(bench_site.BIN / "gunicorn"), "-w", "3", "-k", "gthread", "--threads",
                               "4", "-b", f"127.0.0.1:{port}", "portal:create_app()"], env=env, cwd=ROOT,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        results = []
        for label, path in (("site feed /ja/updates/feed.atom", "/ja/updates/feed.atom"),
                            ("home page /ja/ (same run)", "/ja/")):
            bench_site._wait(f"http://127.0.0.1:{port}{path}")
            results.append((label, bench_site.measure(port, path)))
        return results
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def report(queue_s: float, rates: tuple[float, float], feeds: list[tuple[str, dict[str, float]]]) -> str:
    """The Markdown section for docs/benchmarks.md."""
    rows = "\n".join(f"| {label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['errors']:.0f} |"
                     for label, r in feeds)
    portal_rate, peer_rate = rates
    return (f"## Follow by e-mail and the site feed (issue 16)\n\n"
            f"`python -m bench.run_all bench_notify` — SQLite, aiosmtpd and gunicorn on 127.0.0.1, on the "
            f"same 2 cores as the load generator. The machine is shared by five workers; this run started "
            f"at a load average of {LOAD_AT_START:.2f} (others mostly idle), so the figures are indicative, "
            f"not a controlled measurement.\n\n"
            f"- Queueing one new event for {FOLLOWERS:,} confirmed followers (one transaction): "
            f"**{queue_s:.1f} s** ({FOLLOWERS / queue_s:,.0f} mails queued/s).\n"
            f"- Sending {MAILS:,} mails to aiosmtpd: portal sender **{portal_rate:.0f} mails/s** (one commit "
            f"per mail, so a killed sender neither loses nor repeats a marked mail); plain smtplib over one "
            f"connection with prebuilt messages (peer, same run): {peer_rate:.0f} mails/s; ratio "
            f"**{portal_rate / peer_rate:.2f}×**.\n\n"
            f"| target ({bench_site.CLIENTS} clients, {bench_site.SECONDS:.0f} s) | requests/s | p50 ms | "
            f"p95 ms | errors |\n|---|---|---|---|---|\n{rows}\n")


def write_section(text: str, path: Path = ROOT / "docs" / "benchmarks.md") -> None:
    """Replace (or add) the `notify` section of docs/benchmarks.md."""
    doc = path.read_text(encoding="utf-8")
    block = f"<!-- BEGIN notify -->\n{text}<!-- END notify -->"
    if "<!-- BEGIN notify -->" in doc:
        doc = re.sub(r"<!-- BEGIN notify -->\n.*?<!-- END notify -->", lambda _m: block, doc, flags=re.S)
    else:
        doc = doc.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(doc, encoding="utf-8")


def main() -> None:
    """Run the three measurements, print the section and record it in docs/benchmarks.md."""
    global LOAD_AT_START
    LOAD_AT_START = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="bench-notify-"))
    try:
        (tmp / "q").mkdir()
        (tmp / "s").mkdir()
        (tmp / "f").mkdir()
        text = report(queue_followers(tmp / "q"), send_rates(tmp / "s"), feed_load(tmp / "f"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(text)
    write_section(text)


if __name__ == "__main__":
    main()
