"""Fixtures: an app on a fresh SQLite file and index folder, its client and CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from portal import create_app
from portal.build import build

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEST_DATASETS = HERE / "data" / "datasets"
#: The ward documents the datasets were extracted from (a sibling of the checkout).
SEEDS = ROOT.parent / "shared" / "seeds"


def make_config(tmp: Path, datasets: Path = TEST_DATASETS, **extra: object) -> dict[str, object]:
    """Configuration for a test app whose database and index live under TMP."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{tmp / 'portal.sqlite'}",
        "SEARCH_INDEX_DIR": str(tmp / "search_index"),
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


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of APP."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner of APP."""
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def real_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """An app built once from the real datasets/ folder (read-only tests share it)."""
    tmp = tmp_path_factory.mktemp("real")
    app = create_app(make_config(tmp, ROOT / "datasets"))
    with app.app_context():
        build(app)
    return app


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
