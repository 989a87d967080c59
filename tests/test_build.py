"""`portal build`: loads packages, loads nothing twice, refuses malformed packages untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sqlalchemy import func, select

from portal import create_app
from portal.db import get_session
from portal.plan.models import Indicator, Node, Observation, Plan
from tests.helpers import HERE, db_fingerprint, make_config


def _tree_digest(folder: Path) -> str:
    """Hash every file's path and bytes under FOLDER (symlinks by target)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_symlink():
            digest.update(str(path.readlink()).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_build_loads_the_tiny_package(tmp_path, datasets_copy):
    app = create_app(make_config(tmp_path, datasets_copy))
    result = app.test_cli_runner().invoke(args=["build"])
    assert result.exit_code == 0, result.output
    assert "tiny-plan 1.0.0: loaded" in result.output
    with app.app_context():
        session = get_session()
        assert session.scalar(select(Plan.name_en)) == "Test plan"
        assert session.scalar(select(func.count()).select_from(Node)) == 3
        assert session.scalar(select(Indicator.name_ja)) == "防災塾の開催地区数"
        values = sorted(session.scalars(select(Observation.value_text)))
        assert values == ["28地区", "２７地区"]


def test_build_twice_loads_nothing_twice(tmp_path, datasets_copy):
    app = create_app(make_config(tmp_path, datasets_copy))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["build"]).exit_code == 0
    before = _tree_digest(tmp_path / "search_index")
    second = runner.invoke(args=["build"])
    assert second.exit_code == 0, second.output
    assert "tiny-plan 1.0.0: unchanged" in second.output
    assert "search index: up to date" in second.output
    assert _tree_digest(tmp_path / "search_index") == before
    with app.app_context():
        assert get_session().scalar(select(func.count()).select_from(Observation)) == 2


def test_malformed_package_stops_the_build_and_changes_nothing(tmp_path, datasets_copy):
    app = create_app(make_config(tmp_path, datasets_copy))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["build"]).exit_code == 0
    db_before = db_fingerprint(app)
    index_before = _tree_digest(tmp_path / "search_index")
    shutil.copytree(HERE / "data" / "broken" / "broken-plan", datasets_copy / "broken-plan")

    result = runner.invoke(args=["build"])

    assert result.exit_code != 0
    assert "nothing was changed" in result.output
    assert "broken-plan: observations.csv, row 3, field 'value'" in result.output
    assert "twenty-seven" in result.output
    assert db_fingerprint(app) == db_before
    assert _tree_digest(tmp_path / "search_index") == index_before


def test_invalid_json_descriptor_is_reported_with_its_line(tmp_path, datasets_copy):
    bad = datasets_copy / "bad-json"
    bad.mkdir()
    (bad / "datapackage.json").write_text('{"name": "bad-json",\n "version": }', encoding="utf-8")
    app = create_app(make_config(tmp_path, datasets_copy))
    result = app.test_cli_runner().invoke(args=["build"])
    assert result.exit_code != 0
    assert "bad-json: datapackage.json, row 2: not valid JSON" in result.output
