"""Every format of every resource downloads, round-trips to the package's rows and matches its hash."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile

import pytest
from frictionless import Package

from portal.catalog import packages
from portal.catalog.changes import jsonable
from tests.helpers import ROOT

DATASETS = sorted(p.name for p in (ROOT / "datasets").iterdir() if (p / "datapackage.json").is_file())


def _get(client, url):
    """GET a download URL and return the response, following the absolute URL the page shows."""
    response = client.get(url.replace("http://localhost", ""))
    response.get_data()
    response.close()
    assert response.status_code == 200, url
    return response


def _cell(value) -> str:
    """Write a JSON value the way the package's CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _same(json_value, csv_cell: str) -> bool:
    """True when a JSON value and a CSV cell hold the same datum."""
    if isinstance(json_value, float):
        return csv_cell != "" and float(csv_cell) == json_value
    return _cell(json_value) == csv_cell


@pytest.fixture(scope="module")
def package_rows(real_app):
    """Typed rows of every real package, read straight from datasets/ (the source of truth)."""
    return {name: packages.read(ROOT / "datasets" / name) for name in DATASETS}


@pytest.mark.parametrize("name", DATASETS)
def test_every_resource_downloads_in_every_format_and_round_trips(real_client, package_rows, name):
    meta = real_client.get(f"/api/v1/datasets/{name}").get_json()
    pkg = package_rows[name]
    assert [r["name"] for r in meta["resources"]] == [r.name for r in pkg.resources]
    for res, source in zip(meta["resources"], pkg.resources, strict=True):
        files = {d["format"]: d for d in res["downloads"]}
        raw = _get(real_client, files["csv"]["url"]).data
        assert raw == (pkg.folder / source.path).read_bytes()
        csv_rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert len(csv_rows) == len(source.rows) == res["row_count"]

        excel = _get(real_client, files["excel"]["url"]).data
        assert excel[:3] == b"\xef\xbb\xbf"
        assert excel[3:] == raw
        assert list(csv.DictReader(io.StringIO(excel.decode("utf-8-sig"), newline=""))) == csv_rows

        records = json.loads(_get(real_client, files["json"]["url"]).data)
        assert records == [{k: jsonable(v) for k, v in r.items()} for r in source.rows]
        for record, row in zip(records, csv_rows, strict=True):
            assert record.keys() == row.keys()
            assert all(_same(record[k], row[k]) for k in row), (name, res["name"], row)
        for d in res["downloads"]:
            body = _get(real_client, d["url"]).data
            assert hashlib.sha256(body).hexdigest() == d["sha256"]
            assert len(body) == d["bytes"]


def test_the_hashes_shown_on_the_page_match_the_files(real_client):
    page = real_client.get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True)
    links = re.findall(r'<a href="([^"]+)" data-sha256="([0-9a-f]{64})">', page)
    resources = len(real_client.get("/api/v1/datasets/mirai-plan-2022").get_json()["resources"])
    # CSV, Excel CSV, JSON, xlsx per resource + descriptor, ZIP, workbook, sources.csv, SHA256SUMS
    assert len(links) == resources * 4 + 5
    for url, shown in links:
        body = _get(real_client, url).data
        assert hashlib.sha256(body).hexdigest() == shown, url


def test_zip_holds_a_valid_package_with_bilingual_readme_and_dictionary(real_client, tmp_path):
    meta = real_client.get("/api/v1/datasets/mirai-plan-2022").get_json()
    zip_url = next(d["url"] for d in meta["downloads"] if d["format"] == "zip")
    archive = zipfile.ZipFile(io.BytesIO(_get(real_client, zip_url).data))
    folder = "mirai-plan-2022-1.1.1/"
    names = set(archive.namelist())
    assert {folder + n for n in ("README.md", "datapackage.json", "data-dictionary.csv",
                                 "observations.csv")} <= names
    readme = archive.read(folder + "README.md").decode("utf-8")
    assert "## 日本語" in readme and "## English" in readme
    assert "出典：世田谷区" in readme and "1.1.1" in readme
    dictionary = archive.read(folder + "data-dictionary.csv")
    assert dictionary.startswith(b"\xef\xbb\xbf")
    entries = list(csv.DictReader(io.StringIO(dictionary.decode("utf-8-sig"))))
    fields = sum(len(r["fields"]) for r in meta["resources"])
    assert len(entries) == fields
    assert {"resource", "field", "type", "unit", "description"} <= entries[0].keys()
    archive.extractall(tmp_path)
    report = Package(str(tmp_path / folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_downloads_are_cacheable_forever_and_answer_conditional_requests(real_client):
    url = "/datasets/mirai-plan-2022/1.1.1/observations.csv"
    first = _get(real_client, url)
    assert "immutable" in first.headers["Cache-Control"]
    assert "max-age=31536000" in first.headers["Cache-Control"]
    assert first.headers["Last-Modified"]
    assert first.headers["ETag"].strip('"') == hashlib.sha256(first.data).hexdigest()
    assert first.headers["Content-Type"] == "text/csv; charset=utf-8"
    with real_client.get(url, headers={"If-None-Match": first.headers["ETag"]}) as again:
        assert again.status_code == 304
    with real_client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]}) as since:
        assert since.status_code == 304


def test_latest_redirects_to_the_newest_version(real_client):
    response = real_client.get("/datasets/setagaya-areas/latest/chiku.csv")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/datasets/setagaya-areas/1.0.0/chiku.csv")
    assert response.headers["Cache-Control"] == "no-cache"
    for alias, target in (("setagaya-areas.zip", "setagaya-areas-1.0.0.zip"),
                          ("setagaya-areas.xlsx", "setagaya-areas-1.0.0.xlsx"), ("SHA256SUMS", "SHA256SUMS")):
        moved = real_client.get(f"/datasets/setagaya-areas/latest/{alias}")
        assert moved.headers["Location"].endswith(f"/datasets/setagaya-areas/1.0.0/{target}"), alias
        _get(real_client, moved.headers["Location"])
    page = real_client.get("/en/datasets/setagaya-areas/latest/")
    assert page.headers["Location"].endswith("/en/datasets/setagaya-areas/1.0.0/")


def test_sha256sums_lists_every_file_of_the_release(real_client):
    meta = real_client.get("/api/v1/datasets/setagaya-areas").get_json()
    downloads = [d for r in meta["resources"] for d in r["downloads"]] + meta["downloads"]
    sums = _get(real_client, "/datasets/setagaya-areas/1.0.0/SHA256SUMS").data.decode("ascii")
    listed = dict(reversed(line.split("  ")) for line in sums.splitlines())
    expected = {d["filename"]: d["sha256"] for d in downloads if d["filename"] != "SHA256SUMS"}
    assert listed == expected  # `sha256sum -c SHA256SUMS` checks a downloaded release
