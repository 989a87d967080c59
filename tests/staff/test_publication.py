"""Publishing a result: the completeness rule, the package, no personal data in any exported byte,
receipts, search."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from portal import clock
from portal.catalog import packages
from portal.consult import services
from portal.db import get_session
from portal.review import completeness, publication
from tests.helpers import AFTER, PEOPLE, PII_IN_TEXT, moderate_group_answer, post


def _publish(client):
    """Press the publish button (clock: AFTER)."""
    return post(client, "/staff/consultations/demo/publish")


def test_result_cannot_be_published_while_a_comment_is_left(staff_app, commented, admin):
    with clock.frozen(AFTER):
        r = _publish(admin)
        assert r.status_code == 409
        page = r.get_data(as_text=True)
        for no in commented:
            assert f"No. {no}" in page or f"{no}" in page
        with staff_app.app_context():
            session = get_session()
            c = services.get_consultation(session, "demo")
            left = completeness.completeness(session, c, now=clock.now())
            assert len(left.ungrouped) == len(commented)
            to = publication.Destinations(staff_app.config["PUBLISHED_DIR"],
                                          staff_app.config["RELEASES_DIR"], "http://x")
            try:
                publication.publish_result(session, c, actor="t", now=clock.now(), to=to)
            except publication.ResultIncomplete as exc:
                assert exc.left.ungrouped
            else:
                raise AssertionError("published an incomplete result")
        assert admin.get("/ja/consultations/demo/result").status_code == 404


def test_redaction_is_required_for_a_comment_marked_with_personal_information(commented, admin):
    no = max(commented)
    with clock.frozen(AFTER):
        r = post(admin, f"/staff/consultations/demo/comments/{no}", {"has_personal_info": "1",
                                                                     "published_text": ""})
        assert r.status_code == 400
        assert "published_text-error" in r.get_data(as_text=True)


def test_result_cannot_be_published_before_the_period_ends(staff_app, commented, admin):
    from tests.helpers import DURING

    with clock.frozen(AFTER):
        moderate_group_answer(admin, commented)
    with clock.frozen(DURING):
        assert _publish(admin).status_code == 409


def _published(staff_app, commented, admin) -> None:
    """Moderate, group, answer and publish the demo."""
    with clock.frozen(AFTER):
        moderate_group_answer(admin, commented)
        r = _publish(admin)
        assert r.status_code == 303, r.get_data(as_text=True)[:3000]


def test_published_package_validates_and_lists_every_comment(staff_app, commented, admin):
    _published(staff_app, commented, admin)
    folder = Path(staff_app.config["PUBLISHED_DIR"]) / "consultation-demo"
    assert packages.validate(folder) == []
    pkg = packages.read(folder)
    assert [r["receipt_no"] for r in pkg.rows("comments")] == sorted(commented)
    group = pkg.rows("groups")[0]
    assert group["comment_count"] == len(commented) and group["others"] == len(commented) - 1
    assert group["category_ja"] == "反映"
    assert len(pkg.rows("receipts")) == len(commented)


def _exported_bytes(staff_app, client) -> dict[str, bytes]:
    """Every file written for the result and every public page or API answer about it."""
    out: dict[str, bytes] = {}
    for base in (staff_app.config["PUBLISHED_DIR"], staff_app.config["RELEASES_DIR"]):
        for path in Path(base).rglob("*"):
            if path.is_file():
                out[str(path)] = path.read_bytes()
                if path.suffix == ".zip":
                    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
                        out.update({f"{path}!{n}": z.read(n) for n in z.namelist()})
    urls = ["/ja/consultations/demo/result", "/en/consultations/demo/result",
            "/ja/consultations/demo/", "/ja/consultations/", "/ja/datasets/",
            "/ja/datasets/consultation-demo/", "/ja/datasets/consultation-demo.json",
            "/ja/datasets.json", "/api/3/action/package_show?id=consultation-demo",
            "/api/3/action/package_search?q=consultation", "/ja/search?q=見守り",
            "/api/v1/search?q=見守り&lang=ja", "/catalog.jsonld"]
    for url in urls:
        out[url] = client.get(url).get_data()
    return out


def test_no_name_or_contact_in_any_exported_byte(staff_app, commented, admin):
    _published(staff_app, commented, admin)
    exported = _exported_bytes(staff_app, staff_app.test_client())
    assert any(b"consultation-demo" in data for data in exported.values())
    secrets = [s for pair in PEOPLE for s in pair] + [PII_IN_TEXT]
    for where, data in exported.items():
        text = data.decode("utf-8", errors="replace")
        for secret in secrets:
            assert secret not in text, f"{secret!r} found in {where}"


def test_result_page_shows_counts_groups_texts_and_digest(staff_app, commented, admin):
    _published(staff_app, commented, admin)
    page = staff_app.test_client().get("/ja/consultations/demo/result").get_data(as_text=True)
    assert "見守りと相談窓口を増やしてほしい。（他3件）" in page
    assert "計画に反映します。" in page
    assert 'id="count-comments">4<' in page and 'id="count-people">4<' in page
    assert "私の電話は＊＊＊です。" in page
    with staff_app.app_context():
        result = staff_app.test_client()
    assert 'id="receipt-digest"' in page
    assert "ウェブ" in page or "ウェブフォーム" in page
    del result


def test_receipt_check_shows_the_group_and_the_digest(staff_app, commented, admin):
    _published(staff_app, commented, admin)
    client = staff_app.test_client()
    no, code = next(iter(commented.items()))
    page = client.get("/ja/consultations/demo/receipt").get_data(as_text=True)
    from tests.helpers import hidden_fields

    token = hidden_fields(page)["csrf_token"]
    r = client.post("/ja/consultations/demo/receipt",
                    data={"csrf_token": token, "receipt_no": str(no), "code": code.lower()})
    text = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'id="receipt-counted"' in text and "計画に反映します。" in text
    wrong = client.post("/ja/consultations/demo/receipt",
                        data={"csrf_token": token, "receipt_no": str(no), "code": "0000-0000-0000-0000"})
    assert wrong.status_code == 404 and "計画に反映します。" not in wrong.get_data(as_text=True)


def test_result_is_found_in_search_and_catalogue(staff_app, commented, admin):
    with staff_app.app_context():
        from portal.search.rebuild import rebuild_index

        rebuild_index(staff_app)
    _published(staff_app, commented, admin)
    client = staff_app.test_client()
    found = client.get("/ja/search?q=相談窓口&kind=consultation").get_data(as_text=True)
    assert "/ja/consultations/demo/result" in found
    catalogue = client.get("/ja/datasets/").get_data(as_text=True)
    assert "consultation-demo" in catalogue
    page = client.get("/ja/datasets/consultation-demo/").get_data(as_text=True)
    for fmt in ("comments.csv", "comments-excel.csv", "comments.json", ".zip"):
        assert fmt in page


def test_published_result_is_frozen(staff_app, commented, admin):
    _published(staff_app, commented, admin)
    no = min(commented)
    with clock.frozen(AFTER):
        r = post(admin, f"/staff/consultations/demo/comments/{no}", {"exclusion": "spam"})
    assert r.status_code == 303
    page = admin.get("/staff/consultations/demo/").get_data(as_text=True)
    assert "スパム" not in page
