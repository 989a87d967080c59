"""Official URLs of the registry's documents, supplied by ward staff (issue 18: "the data-publishing
flow lets staff fill it"): an editor proposes, an administrator other than the proposer approves,
which publishes plan-documents' next patch version; nothing public changes before; bad URLs are
explained and change nothing; other hosts and the extractor keep what was published."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from portal.db import get_session
from portal.publishing import replica
from portal.publishing.models import Publication, StoredFile
from portal.staff.models import AuditEntry
from tests.helpers import ROOT, db_fingerprint, login, post
from tests.publishing.conftest import build_folder, copy_built

DOC = "mirai-2022-progress"
URL = "https://www.city.setagaya.lg.jp/test-only/mirai-2022-progress.html"
REGISTRY = "plan-documents"
PAGE = "/staff/data/documents/"
INDICATOR = "/ja/plans/indicator/mirai-plan-2022:action:1-1-1/"


@pytest.fixture(scope="module")
def docs_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built folder with mirai-plan-2022 (which cites seed 003) and the documents registry."""
    return build_folder(tmp_path_factory.mktemp("docs-built"),
                        [ROOT / "datasets" / "mirai-plan-2022", ROOT / "datasets" / REGISTRY])


@pytest.fixture
def app(docs_built: Path, tmp_path: Path) -> Iterator[Flask]:
    """A fresh copy of the built folder."""
    app = copy_built(docs_built, tmp_path)
    yield app
    app.extensions["db_engine"].dispose()


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _client(app: Flask, user: str):
    client = app.test_client()
    assert login(client, user).status_code == 303
    return client


def _propose(client, document: str = DOC, url: str = URL, note: str = "区のホームページの計画一覧に掲載"):
    return post(client, PAGE, {"document": document, "url": url, "note": note})


def _draft_id(response) -> int:
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/documents/drafts/(\d+)$", response.headers["Location"]).group(1))


def _decide(client, draft_id: int, decision: str = "approve", comment: str = ""):
    path = f"/staff/data/documents/drafts/{draft_id}"
    return post(client, f"{path}/decide", {"decision": decision, "comment": comment}, form_path=path)


def _registry(app: Flask) -> tuple[dict, dict[str, dict[str, str]]]:
    folder = Path(app.config["DATASETS_DIR"]) / REGISTRY
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    with (folder / "documents.csv").open(encoding="utf-8", newline="") as fh:
        return desc, {r["document_id"]: r for r in csv.DictReader(fh)}


def test_url_is_public_only_after_another_admin_approves(app):
    datasets, releases = Path(app.config["DATASETS_DIR"]), Path(app.config["RELEASES_DIR"])
    before = (_digest(datasets), _digest(releases))
    old_rows = (datasets / REGISTRY / "documents.csv").read_text(encoding="utf-8").splitlines()
    public = app.test_client()
    assert URL not in public.get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True)
    assert "出典：世田谷区未来つながるプラン" in public.get(INDICATOR).get_data(as_text=True)

    editor = _client(app, "editor")
    listing = editor.get(PAGE).get_data(as_text=True)
    assert "世田谷区未来つながるプラン" in listing and "公式URL" in listing
    draft_id = _draft_id(_propose(editor))
    assert (_digest(datasets), _digest(releases)) == before  # a proposal is private
    assert URL not in public.get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True)
    assert _decide(editor, draft_id).status_code == 403  # an editor never decides

    chief = _client(app, "chief")
    assert "承認して公表" in chief.get(f"/staff/data/documents/drafts/{draft_id}").get_data(as_text=True)
    assert _decide(chief, draft_id, comment="区の計画一覧で確認").status_code == 303

    desc, rows = _registry(app)
    assert desc["version"] == "1.1.1"
    assert rows[DOC]["url"] == URL
    assert [r["url"] for k, r in rows.items() if k != DOC] == [""] * (len(rows) - 1)
    new_rows = (datasets / REGISTRY / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert [a for a, b in zip(old_rows, new_rows, strict=True) if a != b] == [
        next(line for line in old_rows if line.startswith(DOC + ","))]  # one row changed, one cell
    entry = desc["portal"]["changelog"][-1]
    assert entry["version"] == "1.1.1" and entry["url"] == URL and entry["approved_by"] == "chief"
    assert entry["uploaded_by"] == "editor" and entry["note"] == "区のホームページの計画一覧に掲載"
    assert entry["summary_ja"].startswith("「世田谷区未来つながるプラン")
    assert (releases / REGISTRY / "1.1.1").is_dir()
    old = f"{REGISTRY}/1.1.0/"
    kept = {k.removeprefix(old): v for k, v in before[1].items() if k.startswith(old)}
    assert kept and _digest(releases / old) == kept  # the earlier release, byte for byte

    page = public.get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True)
    assert f'<a href="{URL}">公式ページ</a>' in page
    citing = public.get(INDICATOR).get_data(as_text=True)  # the citation 「出典：…p.N」 links it too
    link = f'<a href="{re.escape(URL)}" rel="noopener">公式ページ</a>'
    assert re.search("出典：世田谷区未来つながるプラン[^<]*" + link, citing)
    registry_page = public.get(f"/ja/datasets/{REGISTRY}/").get_data(as_text=True)
    assert "公式ページのURLを登録" in registry_page
    catalog = public.get("/catalog.jsonld").get_data(as_text=True)
    assert URL in catalog  # DCAT: the document's foaf:page

    with app.app_context():
        session = get_session()
        publication = session.scalars(select(Publication)).all()[-1]
        assert (publication.package_name, publication.version, publication.kind) == (
            REGISTRY, "1.1.1", "document_url")
        assert session.scalars(select(StoredFile).where(StoredFile.publication_id == publication.id)).all()
        actions = [a.action for a in session.scalars(select(AuditEntry))]
        assert "publishing.document_url.propose" in actions and "publishing.document_url.approve" in actions


def test_the_proposer_cannot_approve_and_a_send_back_needs_a_comment(app):
    admin = _client(app, "admin")
    draft_id = _draft_id(_propose(admin))
    datasets = Path(app.config["DATASETS_DIR"])
    before = _digest(datasets)
    page = admin.get(f"/staff/data/documents/drafts/{draft_id}").get_data(as_text=True)
    assert "承認して公表" not in page
    response = _decide(admin, draft_id)
    assert response.status_code == 303
    assert "別の管理者が判断" in admin.get(response.headers["Location"]).get_data(as_text=True)
    chief = _client(app, "chief")
    response = _decide(chief, draft_id, "send_back", "")
    assert "差し戻す" in chief.get(response.headers["Location"]).get_data(as_text=True)
    _decide(chief, draft_id, "send_back", "URLが計画一覧のページではありません")
    assert "差し戻し" in admin.get(f"/staff/data/documents/drafts/{draft_id}").get_data(as_text=True)
    assert _digest(datasets) == before
    assert _registry(app)[0]["version"] == "1.1.0"


@pytest.mark.parametrize(("url", "message"), [
    ("javascript:alert(1)", "https:// で始め"),
    ("http://www.city.setagaya.lg.jp/plan.html", "https:// で始め"),
    ("https://www.city-setagaya.example.com/plan.html", "区のサイト（city.setagaya.lg.jp）"),
    ("https://evil.example/?u=city.setagaya.lg.jp", "区のサイト"),
    ("https://user:secret@www.city.setagaya.lg.jp/plan.html", "ユーザー名やパスワード"),
    ("https://www.city.setagaya.lg.jp/\u202elmth.nalp", "見えない文字"),
    ("https://www.city.setagaya.lg.jp/a b.html", "空白"),
    ("https://www.city.setagaya.lg.jp/" + "a" * 600, "500文字を超えて"),
    ("https://[::1/", "https:// で始め"),
])
def test_a_bad_url_is_explained_and_changes_nothing(app, url, message):
    editor = _client(app, "editor")
    fingerprint = db_fingerprint(app)
    response = _propose(editor, url=url)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db_fingerprint(app) == fingerprint


def test_a_note_and_a_real_document_are_required(app):
    editor = _client(app, "editor")
    fingerprint = db_fingerprint(app)
    assert "出どころ" in _propose(editor, note="  ").get_data(as_text=True)
    assert _propose(editor, document="no-such-document").status_code == 400
    assert db_fingerprint(app) == fingerprint


def test_a_stale_proposal_is_refused(app):
    editor, chief = _client(app, "editor"), _client(app, "chief")
    first = _draft_id(_propose(editor))
    second = _draft_id(_propose(editor, document="mirai-2022-progress-summary",
                                url="https://www.city.setagaya.lg.jp/test-only/summary.html"))
    _decide(chief, first)
    response = _decide(chief, second)
    page = chief.get(response.headers["Location"]).get_data(as_text=True)
    assert "版 1.1.1 が公表されました" in page
    assert _registry(app)[1]["mirai-2022-progress-summary"]["url"] == ""


def test_another_host_catches_up_with_the_new_registry(app, docs_built, tmp_path):
    other = copy_built(docs_built, tmp_path / "other", app.config["DATABASE_URL"])  # one shared database
    draft_id = _draft_id(_propose(_client(app, "editor")))
    _decide(_client(app, "chief"), draft_id)
    with other.app_context():
        session = get_session()
        assert replica.catch_up(other, session) >= 1
        for publication in replica.pending(session, other.config["SEARCH_INDEX_DIR"]):
            replica.apply_search(other, session, publication)  # the background step, run here
    assert _registry(other)[1][DOC]["url"] == URL
    page = other.test_client().get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True)
    assert f'<a href="{URL}">公式ページ</a>' in page
    other.extensions["db_engine"].dispose()


def test_the_extractor_keeps_urls_the_ward_published(app, tmp_path):
    _decide(_client(app, "chief"), _draft_id(_propose(_client(app, "editor"))))
    out = tmp_path / "rebuilt" / REGISTRY
    shutil.copytree(Path(app.config["DATASETS_DIR"]) / REGISTRY, out)
    sys.path.insert(0, str(ROOT / "tools" / "extract"))
    try:
        import documents as extractor
    finally:
        sys.path.remove(str(ROOT / "tools" / "extract"))
    extractor.build(out, ROOT.parent / "shared")
    assert _digest(out) == _digest(Path(app.config["DATASETS_DIR"]) / REGISTRY)


def test_the_command_line_twin_proposes_and_approves(app):
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["data", "document-url", DOC, URL, "--note", "計画一覧", "--by", "mod"])
    assert refused.exit_code == 1 and "URLを提案できるのは編集者か管理者だけです。" in refused.output
    bad = runner.invoke(args=["data", "document-url", DOC, "http://x.example/", "--note", "n", "--by",
                              "editor"])
    assert bad.exit_code == 1 and "https://" in bad.output
    made = runner.invoke(args=["data", "document-url", DOC, URL, "--note", "計画一覧", "--by", "editor"])
    assert made.exit_code == 0, made.output
    draft_id = re.search(r"draft (\d+)", made.output).group(1)
    own = runner.invoke(args=["data", "approve-document-url", draft_id, "--by", "editor"])
    assert own.exit_code == 1
    done = runner.invoke(args=["data", "approve-document-url", draft_id, "--by", "chief"])
    assert done.exit_code == 0 and "published plan-documents 1.1.1" in done.output
    assert _registry(app)[1][DOC]["url"] == URL


def test_a_moderator_neither_sees_nor_proposes(app):
    moderator = _client(app, "mod")
    assert moderator.get(PAGE).status_code == 403
    fingerprint = db_fingerprint(app)
    assert moderator.post(PAGE, data={"document": DOC, "url": URL, "note": "n"}).status_code in (400, 403)
    assert db_fingerprint(app) == fingerprint
