"""Fixtures for the publishing back office: an app on a writable copy of mirai-plan-2022 and the
tiny test plan, built once per session and copied per test, with staff of every role."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from openpyxl import load_workbook

from portal import create_app
from portal.build import build
from tests.helpers import ROOT, TEST_DATASETS, add_user, clone_database, login, make_config

__all__ = ["MIRAI", "STAFF", "login", "sheet_rows"]

MIRAI = "mirai-plan-2022"
#: Staff accounts every publishing test has: two admins, an editor and a moderator.
STAFF = (("admin", "admin"), ("chief", "admin"), ("editor", "editor"), ("mod", "moderator"))


def build_folder(tmp: Path, packages: list[Path]) -> Path:
    """Build TMP with copies of the package folders PACKAGES, staff of every role; return TMP."""
    datasets = tmp / "datasets"
    for folder in packages:
        shutil.copytree(folder, datasets / folder.name)
    config = make_config(tmp, datasets)
    (tmp / "database-url").write_text(str(config["DATABASE_URL"]))
    app = create_app(config)
    with app.app_context():
        build(app)
    for name, role in STAFF:
        add_user(app, name, role)
    app.extensions["db_engine"].dispose()
    return tmp


def copy_built(built: Path, tmp: Path, database_url: str | None = None) -> Flask:
    """An app on fresh copies of BUILT's folders under TMP and of its database (unless given one)."""
    for name in ("datasets", "releases", "search_index"):
        shutil.copytree(built / name, tmp / name, symlinks=True)  # the index links each language
    url = database_url or clone_database((built / "database-url").read_text(), tmp)
    return create_app({**make_config_without_database(tmp), "DATABASE_URL": url})


@pytest.fixture(scope="session")
def pub_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with datasets (mirai-plan-2022, tiny-plan), releases, index and database, built once."""
    return build_folder(tmp_path_factory.mktemp("pub-built"),
                        [ROOT / "datasets" / MIRAI, TEST_DATASETS / "tiny-plan"])


@pytest.fixture
def pub_app(pub_built: Path, tmp_path: Path) -> Iterator[Flask]:
    """A fresh copy of the built folder (own database, datasets, releases and index)."""
    app = copy_built(pub_built, tmp_path)
    yield app
    app.extensions["db_engine"].dispose()


def make_config_without_database(tmp: Path) -> dict[str, object]:
    """Test configuration for folders under TMP (the database is set by the caller)."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SEARCH_INDEX_DIR": str(tmp / "search_index"),
        "RELEASES_DIR": str(tmp / "releases"),
        "PUBLISHED_DIR": str(tmp / "published"),
        "DATASETS_DIR": str(tmp / "datasets"),
    }


def sheet_rows(data: bytes, sheet: str) -> list[dict[str, object]]:
    """The rows of SHEET in an .xlsx as dicts keyed by the header row."""
    book = load_workbook(io.BytesIO(data))
    rows = list(book[sheet].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=False)) for r in rows[1:] if any(v not in (None, "") for v in r)]
