"""A publication re-indexes only what it changed, is recorded for other app hosts with its files,
and a second app on the same database (own folders) catches up: download and search hit."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from sqlalchemy import select

from portal import create_app
from portal.publishing import reindex
from portal.search.documents import Document
from tests.helpers import MIRAI_NEXT
from tests.publishing.conftest import MIRAI, make_config_without_database
from tests.publishing.filling import as_bytes, fill_actuals, fill_source, import_file, template

#: A source title no document of the build holds, so a search for it finds only the publication.
TITLE = "令和5年度推進状況（Zetaquartz版）"
SEARCH = "/ja/search?q=Zetaquartz"
HIT = 'href="/ja/datasets/mirai-plan-2022/"'
DOWNLOAD = f"/datasets/mirai-plan-2022/{MIRAI_NEXT}/observations.csv"


def _publish(app, tmp_path: Path) -> str:
    """Upload three FY2023 actuals with TITLE as source as the editor; approve as admin; return output."""
    book = template(app, tmp_path)
    fill_actuals(book)
    fill_source(book, title_ja=TITLE)
    result = import_file(app, tmp_path, as_bytes(book))
    assert result.exit_code == 0, result.output
    draft = re.search(r"draft (\d+)", result.output).group(1)
    result = app.test_cli_runner().invoke(args=["data", "approve", draft, "--by", "admin"])
    assert result.exit_code == 0, result.output
    return result.output


def _builds(app) -> dict[str, str]:
    """The build folder each language's index points at (a full rebuild swaps in new ones)."""
    folder = Path(app.config["SEARCH_INDEX_DIR"])
    return {p.name: str(p.resolve()) for p in folder.iterdir() if p.is_symlink()}


def test_publication_updates_only_the_changed_documents(pub_app, tmp_path):
    client = pub_app.test_client()
    assert HIT not in client.get(SEARCH).get_data(as_text=True)
    builds = _builds(pub_app)
    seen = []
    pub_app.extensions["publishing_hooks"].append(seen.append)
    _publish(pub_app, tmp_path)
    assert HIT in client.get(SEARCH).get_data(as_text=True)
    assert _builds(pub_app) == builds  # updated in place: no language's index was rebuilt
    assert [(p.name, p.version) for p in seen] == [(MIRAI, MIRAI_NEXT)]
    with pub_app.app_context():
        from portal.db import get_session
        from portal.publishing.models import Publication, StoredFile
        from portal.staff.models import AuditEntry

        session = get_session()
        publication = session.scalars(select(Publication)).one()
        files = session.scalars(select(StoredFile)).all()
        refresh = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "publishing.refresh")).one()
    assert (publication.package_name, publication.version) == (MIRAI, MIRAI_NEXT)
    assert publication.published_by == "admin"
    assert publication.search_changes == {"update": [f"dataset:{MIRAI}"], "delete": []}
    assert {(f.kind, f.filename) for f in files} >= {("release", "observations.csv"),
                                                       ("release", "manifest.json"),
                                                       ("package", "datapackage.json")}
    languages = len(pub_app.config["LANGUAGES"])  # the dataset's document in each language, nothing else
    assert json.loads(refresh.after)["search_index"] == {"updated": languages, "deleted": 0}


def test_compare_names_changed_new_and_vanished_documents():
    old = Document("indicator", "a", "ja", "旧名")
    kept = Document("dataset", "d", "ja", "同じ")
    before = {("ja", old.uid): old, ("ja", kept.uid): kept,
              ("ja", "measure:gone"): Document("measure", "gone", "ja", "消えた施策")}
    renamed = Document("indicator", "a", "ja", "新名")
    new = Document("indicator", "b", "ja", "追加")
    changes = reindex.compare(before, {("ja", renamed.uid): renamed, ("ja", kept.uid): kept,
                                       ("ja", new.uid): new})
    assert sorted(d.uid for d in changes.update) == ["indicator:a", "indicator:b"]
    assert changes.delete == ["measure:gone"]
    assert changes.as_record() == {"update": ["indicator:a", "indicator:b"], "delete": ["measure:gone"]}


def test_a_second_app_host_catches_up(pub_app, pub_built, tmp_path):
    two = tmp_path / "two"
    for name in ("datasets", "releases", "search_index"):
        shutil.copytree(pub_built / name, two / name, symlinks=True)
    second = create_app({**make_config_without_database(two), "PUBLISHING_REPLICA": True,
                         "DATABASE_URL": pub_app.config["DATABASE_URL"]})
    try:
        client = second.test_client()
        with client.get(DOWNLOAD) as response:
            assert response.status_code == 404
        _publish(pub_app, tmp_path)
        release = Path(pub_app.config["RELEASES_DIR"]) / MIRAI / MIRAI_NEXT
        published = (release / "observations.csv").read_bytes()
        second.extensions["publishing_replica"]["read"] = 0.0  # the next request looks again
        with client.get(DOWNLOAD) as response:  # written before that request is answered
            assert response.get_data() == published
        second.extensions["publishing_replica"]["thread"].join(60)
        assert HIT in client.get(SEARCH).get_data(as_text=True)
        assert (two / "datasets" / MIRAI / "datapackage.json").read_bytes() == (
            Path(pub_app.config["DATASETS_DIR"]) / MIRAI / "datapackage.json").read_bytes()
        page = client.get("/ja/plans/indicator/mirai-plan-2022:action:1-1-1/").get_data(as_text=True)
        assert "1,600" in page
    finally:
        second.extensions["db_engine"].dispose()
