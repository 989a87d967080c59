"""The factory, configuration and health check."""

from __future__ import annotations

import re

from portal import config, create_app
from tests.helpers import ROOT, make_config


def test_every_config_key_has_a_default_and_a_comment():
    source = (ROOT / "portal" / "config.py").read_text(encoding="utf-8")
    for key in config.settings():
        assert re.search(rf"#: .+\n    {key} = ", source), f"{key} lacks a one-line comment"


def test_every_config_key_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [key for key in config.settings() if f"PORTAL_{key}" not in readme]
    assert not missing, f"README does not document {missing}"


def test_environment_variables_override_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_SERVE_PORT", "8123")
    monkeypatch.setenv("PORTAL_DEMO_MODE", "false")
    monkeypatch.setenv("PORTAL_LANGUAGES", "ja,en")
    app = create_app(make_config(tmp_path))
    assert app.config["SERVE_PORT"] == 8123
    assert app.config["DEMO_MODE"] is False
    assert app.config["LANGUAGES"] == ["ja", "en"]


def test_test_config_wins_over_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_SERVE_PORT", "8123")
    app = create_app(make_config(tmp_path, SERVE_PORT=9000))
    assert app.config["SERVE_PORT"] == 9000


def test_healthz_reports_database_and_index(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"]["datasets"] == 1
    assert body["database"]["observations"] == 2
    assert set(body["search_index"]["documents"]) == {"ja", "en", "zh-hans", "ko"}


def test_healthz_is_degraded_before_any_build(tmp_path):
    app = create_app(make_config(tmp_path))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "degraded"


def test_pages_answer_503_not_500_when_the_database_is_not_built(tmp_path):
    app = create_app(make_config(tmp_path))
    response = app.test_client().get("/en/plans/")
    assert response.status_code == 503
    assert "cannot reach its data" in response.get_data(as_text=True)
