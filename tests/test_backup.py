"""`portal backup` / `portal restore` round trip on the configured database (SQLite, or PostgreSQL
when PORTAL_TEST_POSTGRES_URL is set): every comment, identity and audit entry comes back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal import clock, create_app
from portal.consult.models import Comment
from portal.db import begin_write, get_session
from portal.staff import audit
from portal.staff.models import AuditEntry
from tests.helpers import (
    DURING,
    PG_ADMIN_URL,
    ROOT,
    clone_database,
    db_fingerprint,
    make_config,
    receipt_of,
    submit,
)

pytestmark = pytest.mark.slow

PEOPLE = [("世田谷 花子", "hanako@example.jp", "①の施策に賛成です。＜公園＞を残して"),
          ("Taro Kitazawa", "03-5432-1098", "English comment with 'quotes' & <tags>"),
          ("李 小龍", "lee@example.com", "建议增加自行车道。")]


@pytest.fixture(autouse=True)
def _needs_client_tools() -> None:
    """On PostgreSQL the round trip needs pg_dump and pg_restore (Debian's postgresql-client)."""
    if PG_ADMIN_URL and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore not installed (apt-get install postgresql-client)")


def _app(template: str, tmp: Path):
    """An app on a copy of the built database (SQLite file or PostgreSQL database) with comments."""
    tmp.mkdir(parents=True, exist_ok=True)
    app = create_app(make_config(tmp, ROOT / "datasets", DATABASE_URL=clone_database(template, tmp),
                                 CONSULT_MIN_FILL_SECONDS=0, CONSULT_RATE_LIMIT="1000 per minute"))
    client = app.test_client()
    with clock.frozen(DURING):
        for name, contact, body in PEOPLE:
            receipt_of(submit(client, body=body, name=name, contact=contact).get_data(as_text=True))
    with app.app_context():
        session = get_session()
        begin_write(session)
        for n in range(3):
            audit.record(session, actor="tester", action="comment.redact", target=f"comment:{n}",
                         before={"body": "x"}, after={"body": "[削除]"}, now=clock.now())
        session.commit()
    return app


def _close_connections(app) -> None:
    """Close the app's pooled connections (as stopping the portal would) around a restore."""
    app.extensions["db_engine"].dispose()


def _counts(app) -> tuple[int, int, bool]:
    """Comments, audit entries, and whether the audit chain verifies."""
    with app.app_context():
        session = get_session()
        return (session.scalar(select(func.count(Comment.id))),
                session.scalar(select(func.count(AuditEntry.id))), audit.verify(session).ok)


def test_backup_restored_into_an_empty_database_keeps_every_comment_and_audit_entry(consult_template,
                                                                                    tmp_path):
    source = _app(consult_template, tmp_path / "a")
    backup_file = tmp_path / "portal.backup"
    done = source.test_cli_runner().invoke(args=["backup", str(backup_file)])
    assert done.exit_code == 0, done.output
    target = create_app(make_config(tmp_path / "b", ROOT / "datasets"))
    done = target.test_cli_runner().invoke(args=["restore", "--yes", str(backup_file)])
    assert done.exit_code == 0, done.output
    _close_connections(target)
    comments, entries, chain_ok = _counts(target)
    assert comments == len(PEOPLE) and entries >= 3 and chain_ok
    assert db_fingerprint(target) == db_fingerprint(source)


def test_restore_brings_back_the_state_at_backup_time(consult_template, tmp_path):
    app = _app(consult_template, tmp_path)
    before = db_fingerprint(app)
    backup_file = tmp_path / "backups" / "portal.backup"
    assert app.test_cli_runner().invoke(args=["backup", str(backup_file)]).exit_code == 0
    with clock.frozen(DURING):
        submit(app.test_client(), body="バックアップ後の意見")
    assert _counts(app)[0] == len(PEOPLE) + 1
    _close_connections(app)
    done = app.test_cli_runner().invoke(args=["restore", "--yes", str(backup_file)])
    assert done.exit_code == 0, done.output
    _close_connections(app)
    assert db_fingerprint(app) == before
    assert _counts(app)[0] == len(PEOPLE)
