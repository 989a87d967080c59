"""Fixtures: an app on a fresh SQLite file and index folder, its client and CLI runner."""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from portal import create_app
from portal import db as portal_db
from portal.build import build

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEST_DATASETS = HERE / "data" / "datasets"
#: The ward documents the datasets were extracted from (a sibling of the checkout).
SEEDS = ROOT.parent / "shared" / "seeds"
#: Mark for tests that read the ward documents in ../shared/seeds/ (skipped, with the reason, without them).
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(),
                                 reason=f"shared seeds not found at {SEEDS} (needed to check provenance)")


#: Set (e.g. postgresql+psycopg://postgres@127.0.0.1/postgres) to run the suite on PostgreSQL:
#: every test app then gets a database of its own on that server, dropped afterwards.
PG_ADMIN_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "")
_created_databases: list[str] = []


def database_url(tmp: Path) -> str:
    """A fresh database for one test app: a SQLite file under TMP, or a new PostgreSQL database."""
    if not PG_ADMIN_URL:
        return f"sqlite:///{tmp / 'portal.sqlite'}"
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"portal_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    _created_databases.append(name)
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def clone_database(template_url: str, tmp: Path) -> str:
    """A new database holding a copy of TEMPLATE_URL's (file copy, or CREATE DATABASE … TEMPLATE)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    template = make_url(template_url)
    if template.get_backend_name() == "sqlite":
        target = tmp / "portal.sqlite"
        shutil.copy(template.database, target)
        return f"sqlite:///{target}"
    name = f"portal_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"'))
    engine.dispose()
    _created_databases.append(name)
    return template.set(database=name).render_as_string(hide_password=False)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop the PostgreSQL databases the tests created."""
    if not PG_ADMIN_URL or not _created_databases:
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for name in _created_databases:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


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


_engines: list = []
_make_engine = portal_db.make_engine


def _tracked_make_engine(url: str, **options):
    """Create an engine and remember it, so the test that made it can dispose of it."""
    engine = _make_engine(url, **options)
    _engines.append(engine)
    return engine


portal_db.make_engine = _tracked_make_engine


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    """Close the connection pools of every engine a test created (no leaked connections)."""
    start = len(_engines)
    yield
    for engine in _engines[start:]:
        engine.dispose()
    del _engines[start:]


def make_config(tmp: Path, datasets: Path = TEST_DATASETS, **extra: object) -> dict[str, object]:
    """Configuration for a test app whose database and index live under TMP."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": database_url(tmp),
        "SEARCH_INDEX_DIR": str(tmp / "search_index"),
        "RELEASES_DIR": str(tmp / "releases"),
        "PUBLISHED_DIR": str(tmp / "published"),
        "DATASETS_DIR": str(datasets),
        **extra,
    }


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """An app on the tiny test packages, built (database migrated, loaded, indexed)."""
    app = create_app(make_config(tmp_path))
    with app.app_context():
        build(app)
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of APP."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner of APP."""
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def real_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app built once from the real datasets/ folder (read-only tests share it)."""
    tmp = tmp_path_factory.mktemp("real")
    app = create_app(make_config(tmp, ROOT / "datasets"))
    with app.app_context():
        build(app)
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def real_client(real_app: Flask) -> FlaskClient:
    """A test client of the app built from the real datasets."""
    return real_app.test_client()


@pytest.fixture
def datasets_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny test datasets folder."""
    target = tmp_path / "datasets"
    shutil.copytree(TEST_DATASETS, target)
    return target
