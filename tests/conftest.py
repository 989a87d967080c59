"""Fixtures every test folder shares; the functions behind them live in tests/helpers.py.

datasets/ is built once per session (`built`); every fixture on the real data is a cheap copy of
that build (a database clone plus copied folders), never a rebuild:
- `real_app` / `real_client`: read-only tests on a copy with the search index;
- `site_app` / `site_client`: read-only page tests on a copy without the index;
- `consult_template`, `make_app`, `capp`, `cclient`: a fresh copy of the database per test, for
  tests that write (the demo consultation opened at BUILD_AT).
`app` / `client` / `runner` build the tiny packages of tests/data/datasets per test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from portal import create_app
from portal.build import build
from tests.helpers import (  # noqa: F401  (names tests written before tests/helpers.py import from here)
    BUILD_AT,
    ENGINES,
    HERE,
    PG_ADMIN_URL,
    ROOT,
    SEEDS,
    TEST_DATASETS,
    Built,
    build_datasets,
    clone_database,
    copy_built,
    database_url,
    db_fingerprint,
    drop_created_databases,
    make_config,
    needs_seeds,
    track_engines,
)

track_engines()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop the PostgreSQL databases the tests created."""
    drop_created_databases()


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    """Close the connection pools of every engine a test created (no leaked connections)."""
    start = len(ENGINES)
    yield
    for engine in ENGINES[start:]:
        engine.dispose()
    del ENGINES[start:]


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


@pytest.fixture
def datasets_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny test datasets folder."""
    target = tmp_path / "datasets"
    shutil.copytree(TEST_DATASETS, target)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """THE build of datasets/ of this session (never served or written to: copy it)."""
    return build_datasets(tmp_path_factory.mktemp("built"))


def _session_app(built: Built, tmp: Path, *, index: bool) -> Iterator[Flask]:
    """An app on a copy of BUILT (demo open from now), disposed after the session."""
    app = create_app(copy_built(built, tmp, index=index).config())
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def real_app(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app on a copy of the session's build, with the search index (read-only tests share it)."""
    yield from _session_app(built, tmp_path_factory.mktemp("real"), index=True)


@pytest.fixture
def real_client(real_app: Flask) -> FlaskClient:
    """A test client of the app on the real datasets."""
    return real_app.test_client()


@pytest.fixture(scope="session")
def site_app(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The portal on the real datasets/ without a search index, shared by read-only page tests."""
    yield from _session_app(built, tmp_path_factory.mktemp("site"), index=False)


@pytest.fixture
def site_client(site_app: Flask) -> FlaskClient:
    """A test client of SITE_APP."""
    return site_app.test_client()


@pytest.fixture(scope="session")
def consult_template(built: Built) -> str:
    """The URL of the session's built database (demo opened at BUILD_AT): clone it, never open it."""
    return built.database_url


@pytest.fixture
def make_app(consult_template: str, tmp_path: Path) -> Callable[..., Flask]:
    """Return a factory of apps on one fresh copy of the built database (shared by them)."""
    url = clone_database(consult_template, tmp_path)

    def factory(**extra: object) -> Flask:
        config = make_config(tmp_path, ROOT / "datasets", DATABASE_URL=url,
                             CONSULT_MIN_FILL_SECONDS=0, CONSULT_RATE_LIMIT="1000 per minute")
        config.update(extra)
        return create_app(config)

    return factory


@pytest.fixture
def capp(make_app: Callable[..., Flask]) -> Flask:
    """An app on a fresh copy of the built database."""
    return make_app()


@pytest.fixture
def cclient(capp: Flask) -> FlaskClient:
    """A client of CAPP."""
    return capp.test_client()
