"""Approval (決裁): another admin publishes a draft as the next version; the 原本 is kept with the
release; every new figure traces to it; the previous release stays byte for byte; roles hold."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

from sqlalchemy import select

from portal.staff.models import AuditEntry
from tests.helpers import MIRAI_FIX, MIRAI_NEXT, MIRAI_VERSION, db_fingerprint, hidden_fields
from tests.publishing.conftest import MIRAI, login
from tests.publishing.filling import THREE, as_bytes, filled, find_row, import_file, put


def _draft(app, tmp_path, data: bytes | None = None, *extra: str) -> int:
    data = data or as_bytes(filled(app, tmp_path))
    result = import_file(app, tmp_path, data, "editor", "upload.xlsx", *extra)
    assert result.exit_code == 0, result.output
    return int(re.search(r"draft (\d+)", result.output).group(1))


def _approve(app, draft_id: int, by: str = "admin"):
    return app.test_cli_runner().invoke(args=["data", "approve", str(draft_id), "--by", by])


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_nothing_public_changes_before_approval(pub_app, tmp_path):
    datasets, releases = Path(pub_app.config["DATASETS_DIR"]), Path(pub_app.config["RELEASES_DIR"])
    before = (_tree_digest(datasets), _tree_digest(releases))
    book = filled(pub_app, tmp_path)
    put(book["observations"], 2, value="abc")
    assert import_file(pub_app, tmp_path, as_bytes(book)).exit_code == 1
    fingerprint = db_fingerprint(pub_app)
    assert import_file(pub_app, tmp_path, as_bytes(book)).exit_code == 1
    assert db_fingerprint(pub_app) == fingerprint  # a refused upload changes nothing at all
    _draft(pub_app, tmp_path)  # a valid upload only adds a private draft
    assert (_tree_digest(datasets), _tree_digest(releases)) == before
    client = pub_app.test_client()
    page = client.get("/ja/plans/indicator/mirai-plan-2022:action:1-1-1/").get_data(as_text=True)
    assert "1,600" not in page


def test_uploader_cannot_approve_their_own_draft(pub_app, tmp_path):
    draft_id = _draft(pub_app, tmp_path)
    with pub_app.app_context():
        from portal.db import begin_write, get_session
        from portal.staff.models import StaffUser

        session = get_session()
        begin_write(session)
        session.scalar(select(StaffUser).where(StaffUser.username == "editor")).role = "admin"
        session.commit()
    result = _approve(pub_app, draft_id, by="editor")
    assert result.exit_code != 0 and "別の管理者" in result.output


def test_editor_cannot_approve_and_moderator_cannot_upload(pub_app, tmp_path):
    draft_id = _draft(pub_app, tmp_path)
    assert _approve(pub_app, draft_id, by="editor").exit_code != 0
    result = import_file(pub_app, tmp_path, as_bytes(filled(pub_app, tmp_path)), "mod")
    assert result.exit_code != 0
    client = pub_app.test_client()
    login(client, "mod")
    assert client.get("/staff/data/").status_code == 403
    # A well-formed upload with a valid token (the one an editor's would carry) is still refused.
    token = hidden_fields(client.get("/staff/account").get_data(as_text=True))["csrf_token"]
    drafts = _draft_count(pub_app)
    answer = client.post("/staff/data/upload", content_type="multipart/form-data", data={
        "csrf_token": token, "package": MIRAI,
        "file": (io.BytesIO(as_bytes(filled(pub_app, tmp_path))), "推進状況R5.xlsx")})
    assert answer.status_code == 403
    assert _draft_count(pub_app) == drafts
    client = pub_app.test_client()
    login(client, "editor")
    assert client.get(f"/staff/data/drafts/{draft_id}").status_code == 200
    assert client.post(f"/staff/data/drafts/{draft_id}/decide", data={}).status_code in (400, 403)


def _draft_count(app) -> int:
    """How many drafts (waiting, sent back or decided) the database holds."""
    from sqlalchemy import func

    from portal.db import get_session
    from portal.publishing.models import Draft

    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Draft))


def test_send_back_keeps_everything_unpublished(pub_app, tmp_path):
    draft_id = _draft(pub_app, tmp_path)
    result = pub_app.test_cli_runner().invoke(args=["data", "approve", str(draft_id), "--by", "mod"])
    assert result.exit_code != 0
    with pub_app.app_context():
        from portal import clock
        from portal.db import begin_write, get_session
        from portal.publishing import services
        from portal.staff.models import StaffUser

        session = get_session()
        begin_write(session)
        chief = session.scalar(select(StaffUser).where(StaffUser.username == "chief"))
        draft = services.send_back(
            session,
            services.get_draft(session, draft_id),
            actor=chief,
            comment="出典のページを確認してください。",
            now=clock.now(),
        )
        session.commit()
        assert draft.status == "sent_back"
    assert _approve(pub_app, draft_id).exit_code != 0  # a sent-back draft cannot be published


def test_approval_publishes_a_new_version_with_its_original_and_trace(pub_app, tmp_path):
    releases = Path(pub_app.config["RELEASES_DIR"]) / MIRAI
    old = _tree_digest(releases / MIRAI_VERSION)
    book = filled(pub_app, tmp_path)
    rows = {
        i: find_row(
            book["observations"], indicator_id=i, series="actual", fiscal_year=2023, observation_id=None
        )
        for i in THREE
    }
    data = as_bytes(book)
    draft_id = _draft(pub_app, tmp_path, data)
    result = _approve(pub_app, draft_id, by="admin")
    assert result.exit_code == 0, result.output
    assert f"published mirai-plan-2022 {MIRAI_NEXT}" in result.output
    assert _tree_digest(releases / MIRAI_VERSION) == old  # the previous version, byte for byte
    manifest = json.loads((releases / MIRAI_NEXT / "manifest.json").read_text(encoding="utf-8"))
    original = f"original-{hashlib.sha256(data).hexdigest()[:16]}.xlsx"
    assert manifest["files"][original]["sha256"] == hashlib.sha256(data).hexdigest()
    assert (releases / MIRAI_NEXT / original).read_bytes() == data
    desc = manifest["descriptor"]
    entry = desc["portal"]["changelog"][-1]
    assert (entry["uploaded_by"], entry["approved_by"], entry["version"]) == ("editor", "admin", MIRAI_NEXT)
    assert entry["what"]["added"] == 3 and entry["source"]["title_ja"].endswith("（テスト用）")
    assert any(
        s.get("original", {}).get("sha256") == hashlib.sha256(data).hexdigest() for s in desc["sources"]
    )
    published = list(
        csv.DictReader(io.StringIO((releases / MIRAI_NEXT / "observations.csv").read_text("utf-8")))
    )
    new = {r["indicator_id"]: r for r in published if r["fiscal_year"] == "2023" and r["series"] == "actual"}
    assert {i: (new[i]["source_document"], int(new[i]["source_line"])) for i in THREE} == {
        i: (original, rows[i]) for i in THREE
    }
    page = (
        pub_app.test_client().get("/ja/plans/indicator/mirai-plan-2022:action:1-1-1/").get_data(as_text=True)
    )
    assert "1,600" in page


def test_every_step_is_in_the_audit_log(pub_app, tmp_path):
    draft_id = _draft(pub_app, tmp_path)
    assert _approve(pub_app, draft_id).exit_code == 0
    with pub_app.app_context():
        from portal.db import get_session

        actions = [e.action for e in get_session().scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-5:] == [
        "publishing.upload",
        "publishing.approve",
        "publishing.release",
        "publishing.load",
        "publishing.refresh",
    ]
    assert pub_app.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0


def test_a_correction_is_a_patch_version(pub_app, tmp_path):
    draft_id = _draft(pub_app, tmp_path, None, "--correction", "令和5年度実績の誤りを訂正")
    result = _approve(pub_app, draft_id)
    assert MIRAI_FIX in result.output, result.output


def test_a_draft_made_on_an_older_version_is_refused(pub_app, tmp_path):
    first, second = _draft(pub_app, tmp_path), _draft(pub_app, tmp_path)
    assert _approve(pub_app, first).exit_code == 0
    result = _approve(pub_app, second)
    assert result.exit_code != 0 and MIRAI_NEXT in result.output


def test_catalogue_feeds_list_a_ward_published_release_with_its_original(pub_app, tmp_path):
    assert _approve(pub_app, _draft(pub_app, tmp_path)).exit_code == 0
    client = pub_app.test_client()
    show = client.get("/api/3/action/package_show?id=mirai-plan-2022")
    assert show.status_code == 200
    originals = [r for r in show.get_json()["result"]["resources"] if r["name"].startswith("original")]
    assert originals and originals[0]["format"] == "XLSX"
    catalog = client.get("/catalog.jsonld")
    assert catalog.status_code == 200
    assert "/original" in catalog.get_data(as_text=True)  # the 原本 the ward uploaded, as a distribution
    for url in ("/catalog.ttl", "/catalog.rdf", "/datasets/current.zip", "/ja/datasets/mirai-plan-2022/",
                "/en/datasets/mirai-plan-2022.json", "/api/3/action/package_search?q=mirai",
                "/api/3/action/current_package_list_with_resources"):
        assert client.get(url).status_code == 200, url
