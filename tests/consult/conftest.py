"""Fixtures: an app on a copy of a database built once from the real datasets (with the demo)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import clock, create_app
from portal.build import build
from portal.db import get_engine
from tests.conftest import ROOT, clone_database, make_config

#: A moment inside the demo's period is not fixed; tests that need one open their own consultation.
BUILD_AT = datetime(2026, 11, 1, 3, 0)


@pytest.fixture(scope="session")
def consult_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of a database built from datasets/ with the demo consultation (copied per test)."""
    tmp = tmp_path_factory.mktemp("consult-template")
    app = create_app(make_config(tmp, ROOT / "datasets", RELEASES_DIR=str(tmp / "releases")))
    with app.app_context(), clock.frozen(BUILD_AT):
        build(app, reindex=False)
        get_engine().dispose()
    return app.config["DATABASE_URL"]


@pytest.fixture
def make_app(consult_template: str, tmp_path: Path) -> Callable[..., Flask]:
    """Return a factory of apps on one fresh copy of the template database (shared by them)."""
    url = clone_database(consult_template, tmp_path)

    def factory(**extra: object) -> Flask:
        config = make_config(tmp_path, ROOT / "datasets", RELEASES_DIR=str(tmp_path / "releases"),
                             CONSULT_MIN_FILL_SECONDS=0, CONSULT_RATE_LIMIT="1000 per minute")
        config["DATABASE_URL"] = url
        config.update(extra)
        return create_app(config)

    return factory


@pytest.fixture
def capp(make_app) -> Flask:
    """An app on a fresh copy of the built database."""
    return make_app()


@pytest.fixture
def cclient(capp: Flask) -> FlaskClient:
    """A client of CAPP."""
    return capp.test_client()


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
