"""What the tests share (fixtures live in tests/conftest.py and import from here).

Paths and configuration; databases, fresh or cloned (a SQLite file copy, or PostgreSQL's
CREATE DATABASE … TEMPLATE); the one build of datasets/ per session and cheap copies of it;
servers on free ports and readiness polls; the resident's comment form and the staff forms.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal import db as portal_db

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEST_DATASETS = HERE / "data" / "datasets"


def package_version(name: str) -> str:
    """The version of datasets/NAME as shipped: tests follow the package instead of pinning a number."""
    return json.loads((ROOT / "datasets" / name / "datapackage.json").read_text(encoding="utf-8"))["version"]


def bumped(version: str, part: str = "minor") -> str:
    """VERSION after a minor (new figures) or a patch (correction) bump, as the publishing flow numbers it."""
    major, minor, patch = (int(x) for x in version.split("."))
    return f"{major}.{minor + 1}.0" if part == "minor" else f"{major}.{minor}.{patch + 1}"


#: mirai-plan-2022's version as shipped, the version a staff publication makes of it, and a correction's.
MIRAI_VERSION = package_version("mirai-plan-2022")
MIRAI_NEXT, MIRAI_FIX = bumped(MIRAI_VERSION), bumped(MIRAI_VERSION, "patch")
#: The ward documents the datasets were extracted from (a sibling of the checkout).
SEEDS = ROOT.parent / "shared" / "seeds"
#: Mark for tests that read the ward documents in ../shared/seeds/ (skipped, with the reason, without them).
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(),
                                 reason=f"shared seeds not found at {SEEDS} (needed to check provenance)")

#: Set (e.g. postgresql+psycopg://postgres@127.0.0.1/postgres) to run the suite on PostgreSQL:
#: every test app then gets a database of its own on that server, dropped afterwards.
PG_ADMIN_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "")
CREATED_DATABASES: list[str] = []

#: The moment the session's build of datasets/ happens (its demo consultation opens then for 30
#: days); copies for read-only pages and servers move the demo to open from the real now.
BUILD_AT = datetime(2026, 11, 1, 3, 0)


# --------------------------------------------------------------------------- databases


def _pg_execute(sql: str) -> None:
    """Run one statement on the PostgreSQL server outside a transaction."""
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def _pg_database(template: str | None = None) -> str:
    """Create a PostgreSQL database (copied from TEMPLATE if given); return its URL."""
    from sqlalchemy.engine import make_url

    name = f"portal_test_{uuid.uuid4().hex[:12]}"
    _pg_execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    CREATED_DATABASES.append(name)
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def database_url(tmp: Path) -> str:
    """A fresh database for one test app: a SQLite file under TMP, or a new PostgreSQL database."""
    if not PG_ADMIN_URL:
        return f"sqlite:///{tmp / 'portal.sqlite'}"
    return _pg_database()


def clone_database(template_url: str, tmp: Path) -> str:
    """A new database holding a copy of TEMPLATE_URL's (SQLite backup into TMP, or … TEMPLATE)."""
    from sqlalchemy.engine import make_url

    template = make_url(template_url)
    if template.get_backend_name() != "sqlite":
        return _pg_database(template.database)
    target = tmp / "portal.sqlite"
    source, copy = sqlite3.connect(template.database), sqlite3.connect(target)
    try:
        source.backup(copy)  # includes what is still in the write-ahead log
    finally:
        copy.close()
        source.close()
    return f"sqlite:///{target}"


def drop_created_databases() -> None:
    """Drop the PostgreSQL databases the tests created."""
    while PG_ADMIN_URL and CREATED_DATABASES:
        _pg_execute(f'DROP DATABASE IF EXISTS "{CREATED_DATABASES.pop()}" WITH (FORCE)')


def db_fingerprint(app: Flask) -> str:
    """Hash every row of every table, in key order: equal fingerprints mean an unchanged database."""
    from sqlalchemy import select

    import portal.models  # noqa: F401
    from portal.db import Base, get_engine

    digest = hashlib.sha256()
    with app.app_context(), get_engine().connect() as conn:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            for row in conn.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


#: Every engine the portal created since track_engines(), so the test that made it can dispose of it.
ENGINES: list = []


def track_engines() -> None:
    """Make portal.db.make_engine remember every engine it creates in ENGINES (called by conftest)."""
    make_engine = portal_db.make_engine
    if getattr(make_engine, "tracked", False):
        return

    def tracked(url: str, **options):
        engine = make_engine(url, **options)
        ENGINES.append(engine)
        return engine

    tracked.tracked = True  # type: ignore[attr-defined]
    portal_db.make_engine = tracked


# --------------------------------------------------------------------------- apps and the build


def make_config(tmp: Path, datasets: Path = TEST_DATASETS, **extra: object) -> dict[str, object]:
    """Configuration for a test app whose files live under TMP (a fresh database unless EXTRA names one)."""
    config: dict[str, object] = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SEARCH_INDEX_DIR": str(tmp / "search_index"),
        "RELEASES_DIR": str(tmp / "releases"),
        "PUBLISHED_DIR": str(tmp / "published"),
        "DATASETS_DIR": str(datasets),
        **extra,
    }
    if "DATABASE_URL" not in config:
        config["DATABASE_URL"] = database_url(tmp)
    return config


@dataclass(frozen=True)
class Built:
    """A build of datasets/: its database and, under FOLDER, search_index/, releases/, published/."""

    folder: Path
    database_url: str

    def config(self, **extra: object) -> dict[str, object]:
        """Configuration of an app on exactly these files."""
        return make_config(self.folder, ROOT / "datasets", DATABASE_URL=self.database_url, **extra)


def build_datasets(tmp: Path) -> Built:
    """Build datasets/ into TMP (database, demo consultation opened at BUILD_AT, index, releases)."""
    from portal import clock
    from portal.build import build

    config = make_config(tmp, ROOT / "datasets")
    app = create_app(config)
    with app.app_context(), clock.frozen(BUILD_AT):
        build(app)
    app.extensions["db_engine"].dispose()  # a PostgreSQL template must have no connections
    return Built(tmp, str(config["DATABASE_URL"]))


def copy_built(built: Built, tmp: Path, *, index: bool = True, releases: bool = True,
               demo_from_now: bool = True) -> Built:
    """A copy of BUILT under TMP (database clone; index and releases copied if asked).

    With DEMO_FROM_NOW the demo consultation is moved to open now, as `portal build` today would.
    """
    tmp.mkdir(parents=True, exist_ok=True)
    for name, wanted in (("search_index", index), ("releases", releases), ("published", True)):
        if wanted and (built.folder / name).is_dir():
            shutil.copytree(built.folder / name, tmp / name, symlinks=True)
    copy = Built(tmp, clone_database(built.database_url, tmp))
    if not PG_ADMIN_URL or copy.database_url.startswith("sqlite"):
        (tmp / "database.url").unlink(missing_ok=True)
    else:
        (tmp / "database.url").write_text(copy.database_url, encoding="utf-8")
    if demo_from_now:
        from portal.review.demo import build_demo

        app = create_app(copy.config())
        with app.app_context():
            build_demo(datetime.now(UTC).replace(tzinfo=None))
        app.extensions["db_engine"].dispose()
    return copy


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp: Path, port: int = 0, database_url: str | None = None, **settings: str) -> dict[str, str]:
    """Environment for a portal process whose files live under TMP: its database is DATABASE_URL,
    else the PostgreSQL database named in TMP/database.url, else TMP/portal.sqlite; SETTINGS
    become PORTAL_<name> variables."""
    url_file = tmp / "database.url"
    if database_url is None:
        database_url = (url_file.read_text(encoding="utf-8") if url_file.is_file()
                        else f"sqlite:///{tmp / 'portal.sqlite'}")
    env = dict(os.environ)
    env.update({
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_SEARCH_INDEX_DIR": str(tmp / "search_index"),
        "PORTAL_RELEASES_DIR": str(tmp / "releases"),
        "PORTAL_PUBLISHED_DIR": str(tmp / "published"),
        "PORTAL_DATASETS_DIR": str(ROOT / "datasets"),
        "PORTAL_SECRET_KEY": "browser-tests-0123456789abcdefghijk",
        "PYTHONPATH": str(ROOT),
    })
    if port:
        env["PORTAL_SERVE_PORT"] = str(port)
    env.update({f"PORTAL_{k}": v for k, v in settings.items()})
    return env


def wait_until(condition: Callable[[], object], what: str, timeout: float = 60,
               interval: float = 0.05) -> object:
    """Poll CONDITION until it returns something true and return that; fail after TIMEOUT seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(interval)


def answers(url: str) -> bool:
    """True when URL answers at all (any status but a connection error)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Poll URL until it answers; fail if the server process dies first or TIMEOUT passes."""
    def up() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"portal server exited with {process.returncode}")
        return answers(url)

    wait_until(up, f"portal server answering at {url}", timeout, interval=0.1)


@contextmanager
def serve_copy(built: Path, tmp: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve a copy of the BUILT folder from TMP (own database) on a free port; yield the base URL."""
    shutil.copytree(built, tmp, dirs_exist_ok=True)
    url_file = tmp / "database.url"
    if url_file.is_file():  # PostgreSQL: the copy needs a database of its own
        url_file.write_text(clone_database(url_file.read_text(encoding="utf-8"), tmp), encoding="utf-8")
    port = free_port()
    env = {**server_env(tmp, port), **(extra_env or {})}
    code = ("from portal import create_app; "
            f"create_app().run(host='127.0.0.1', port={port}, threaded=True, use_reloader=False)")
    with open(tmp / "server.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT, stdout=log,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


# --------------------------------------------------------------------------- the resident's form


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of a page, unescaped."""
    return {k: html.unescape(v) for k, v in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}


def form_tokens(client: FlaskClient, slug: str = "demo", lang: str = "ja") -> dict[str, str]:
    """Open the comment form and return its csrf_token and started stamp."""
    page = client.get(f"/{lang}/consultations/{slug}/comment").get_data(as_text=True)
    return hidden_fields(page)


def confirm(client: FlaskClient, slug: str = "demo", lang: str = "ja", **fields: str):
    """Fill the form and press 'check before sending'; return the response."""
    data = form_tokens(client, slug, lang)
    data.update({"body": "意見です。", "website": ""})
    data.update(fields)
    return client.post(f"/{lang}/consultations/{slug}/confirm", data=data)


def submit(client: FlaskClient, slug: str = "demo", lang: str = "ja", **fields: str):
    """Go through the form and the confirmation screen; return the submit response."""
    page = confirm(client, slug, lang, **fields)
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    return client.post(f"/{lang}/consultations/{slug}/submit",
                       data=hidden_fields(page.get_data(as_text=True)))


def receipt_of(page: str) -> tuple[int, str]:
    """The 受付番号 and receipt code shown on a receipt page."""
    no = re.search(r'id="receipt-no">(\d+)<', page)
    code = re.search(r'id="receipt-code">([0-9A-Z-]+)<', page)
    assert no and code, page[:3000]
    return int(no.group(1)), code.group(1)


# --------------------------------------------------------------------------- the staff pages

PASSWORD = "correct horse battery"
#: While the demo is open (it opened at BUILD_AT for 30 days).
DURING = BUILD_AT + timedelta(days=1)
#: After the demo closed.
AFTER = BUILD_AT + timedelta(days=40)
#: Names and contacts residents give; none may appear in anything published.
PEOPLE = [("世田谷 花子", "hanako.setagaya@example.jp"), ("Taro Kitazawa", "03-5432-1098"),
          ("李 小龍", "lee-0917@example.com")]
#: Personal information written inside a comment (redacted before publication).
PII_IN_TEXT = "090-1234-5678"


def add_user(app: Flask, username: str, role: str) -> None:
    """Create a staff account directly through the service."""
    from portal import clock
    from portal.db import begin_write, get_session
    from portal.staff import accounts

    with app.app_context():
        session = get_session()
        begin_write(session)
        accounts.add_user(session, username=username, display_name=username.title(), role=role,
                          password=PASSWORD, now=clock.now())
        session.commit()


def csrf(client: FlaskClient, path: str) -> str:
    """The CSRF token of the form on PATH."""
    page = client.get(path).get_data(as_text=True)
    return hidden_fields(page)["csrf_token"]


def login(client: FlaskClient, username: str, password: str = PASSWORD):
    """Log in through the login form; return the response."""
    return client.post("/staff/login", data={"csrf_token": csrf(client, "/staff/login"),
                                             "username": username, "password": password})


def post(client: FlaskClient, path: str, data: dict | None = None, form_path: str | None = None):
    """POST a staff form with the CSRF token of the page it lives on."""
    token = csrf(client, form_path or path)
    return client.post(path, data={"csrf_token": token, **(data or {})})


def moderate_group_answer(client: FlaskClient, codes: dict[int, str]) -> int:
    """Redact the phone number, put every comment in one group with a response (clock: AFTER)."""
    numbers = sorted(codes)
    pii_no = numbers[-1]
    path = f"/staff/consultations/demo/comments/{pii_no}"
    r = post(client, path, {"has_personal_info": "1",
                            "published_text": "私の電話は＊＊＊です。相談窓口を増やしてください。"})
    assert r.status_code == 303, r.get_data(as_text=True)[:3000]
    r = post(client, "/staff/consultations/demo/groups",
             {"node_id": "", "summary_ja": "見守りと相談窓口を増やしてほしい。"})
    assert r.status_code == 303, r.get_data(as_text=True)[:3000]
    gid = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    r = post(client, f"/staff/consultations/demo/groups/{gid}",
             {"summary_ja": "見守りと相談窓口を増やしてほしい。", "response_ja": "計画に反映します。",
              "category": "reflected", "comment": [str(n) for n in numbers]})
    assert r.status_code == 303, r.get_data(as_text=True)[:3000]
    return gid
