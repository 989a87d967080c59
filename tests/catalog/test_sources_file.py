"""Downloads name the ward document and page of every figure (issue 18): a release's sources.csv."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from tests.helpers import ROOT

PLAN = "mirai-plan-2022"


def _release(client, name: str) -> tuple[str, dict]:
    """The latest version of NAME and its manifest."""
    meta = client.get(f"/en/datasets/{name}.json").get_json()
    return meta["version"], meta


def _download(client, url: str) -> bytes:
    """GET a file and close the response."""
    with client.get(url) as response:
        assert response.status_code == 200, url
        return response.get_data()


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _cited(name: str) -> set[tuple[str, str]]:
    """Every (text file, line) pair the package's CSV files cite, read from datasets/."""
    desc = json.loads((ROOT / "datasets" / name / "datapackage.json").read_text(encoding="utf-8"))
    pairs = set()
    for res in desc["resources"]:
        text = (ROOT / "datasets" / name / res["path"]).read_text(encoding="utf-8")
        rows = csv.DictReader(io.StringIO(text))
        pairs |= {(r["source_document"], r.get("source_line") or "") for r in rows
                  if r.get("source_document")}
    return pairs


def test_sources_file_names_the_document_and_page_of_every_cited_line(site_client):
    version, meta = _release(site_client, PLAN)
    assert any(d["format"] == "sources" for d in meta["downloads"])
    rows = _rows(_download(site_client, f"/datasets/{PLAN}/{version}/sources.csv"))
    assert {(r["source_document"], r["source_line"]) for r in rows} == _cited(PLAN)
    assert len(rows) == len({(r["source_document"], r["source_line"]) for r in rows})  # each pair once
    # line 1441 of the extracted text: the 1-1-1 防災塾 figures, on p.7-8 of 別紙2 (registry: L1393-1541)
    row = next(r for r in rows if r["source_line"] == "1441")
    assert row["document_id"] == "mirai-2022-progress"
    assert row["title_ja"] == "世田谷区未来つながるプラン2022-2023（実施計画）推進状況（案）"
    assert (row["page_from"], row["page_to"]) == ("7", "8")
    assert row["citation_ja"].startswith(f"出典：{row['title_ja']}（")
    assert row["citation_ja"].endswith("p.7–8")
    page = site_client.get(f"/ja/plans/indicator/{PLAN}:action:1-1-1/").get_data(as_text=True)
    assert row["citation_ja"] in page  # the download cites as the page does
    assert all(r["document_id"] for r in rows), "every cited line of this plan is in a registered document"


def test_the_whole_package_zip_holds_the_sources_and_says_what_they_are(site_client):
    version, _meta = _release(site_client, PLAN)
    data = _download(site_client, f"/datasets/{PLAN}/{version}/{PLAN}-{version}.zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        inside = archive.read(f"{PLAN}-{version}/sources.csv")
        readme = archive.read(f"{PLAN}-{version}/README.md").decode("utf-8")
    assert inside == _download(site_client, f"/datasets/{PLAN}/{version}/sources.csv")
    assert "`sources.csv` — 出典一覧" in readme


def test_a_package_citing_nothing_has_no_sources_file(site_client):
    version, meta = _release(site_client, "setagaya-areas")
    assert not any(d["format"] == "sources" for d in meta["downloads"])
    assert site_client.get(f"/datasets/setagaya-areas/{version}/sources.csv").status_code == 404
