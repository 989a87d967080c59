"""A session-wide app built from the real datasets without the search index (pages need none)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.build import build
from tests.conftest import ROOT, make_config


@pytest.fixture(scope="session")
def site_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """The portal on the real datasets/ (database only), shared by read-only page tests."""
    app = create_app(make_config(tmp_path_factory.mktemp("site"), ROOT / "datasets"))
    with app.app_context():
        build(app, reindex=False)
    return app


@pytest.fixture
def site_client(site_app: Flask) -> FlaskClient:
    """A test client of SITE_APP."""
    return site_app.test_client()
