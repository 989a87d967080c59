"""Decidim Accountability export: the importer's columns, every 施策 and 事業 once, parents first."""

from __future__ import annotations

import csv
import io

#: The columns decidim-accountability's importer reads, as its code reads them:
#: decidim/decidim decidim-accountability/app/services/decidim/accountability/results_csv_importer.rb
#: (row["id"], row["parent/id"], row["title/<locale>"], row["description/<locale>"], row["start_date"],
#: row["end_date"], row["status/id"], row["category/id"], row["proposal_urls"]) and `progress`, an
#: attribute of app/forms/decidim/accountability/admin/result_form.rb that the importer fills from the row.
IMPORTER_COLUMNS = ["id", "parent/id", "title/ja", "title/en", "description/ja", "description/en",
                    "start_date", "end_date", "status/id", "progress", "category/id", "proposal_urls"]
URL = "/api/v1/plans/mirai-plan-2022/revisions/mirai-plan-2022:revised/decidim.csv"


def _rows(client):
    response = client.get(URL)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    reader = csv.reader(io.StringIO(response.get_data(as_text=True), newline=""))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def test_header_is_the_importers_column_list(real_client):
    header, _rows_ = _rows(real_client)
    assert header == IMPORTER_COLUMNS


def test_every_measure_and_project_appears_once_parents_first(real_client):
    _header, rows = _rows(real_client)
    tree = real_client.get("/api/v1/plans/mirai-plan-2022/revisions/mirai-plan-2022:revised/tree").get_json()
    measures, projects = [], []

    def walk(nodes, parent_measure=None):
        for node in nodes:
            if node["level"] == "measure":
                measures.append(node)
                projects.extend((node["node_id"], c) for c in node["children"] if c["level"] == "project")
            else:
                walk(node["children"])

    walk(tree["nodes"])
    assert len(rows) == len(measures) + len(projects) and len(measures) == 19
    titles = [r["title/ja"] for r in rows]
    for node in measures + [p for _m, p in projects]:
        assert titles.count(f"{node['code']} {node['name_ja']}" if node["code"] else node["name_ja"]) == 1
    seen = set()
    for row in rows:
        assert row["parent/id"] == "" or row["parent/id"] in seen  # the parent came earlier
        seen.add(row["id"])
    assert sum(1 for r in rows if r["parent/id"] == "") == len(measures)


def test_progress_dates_and_link_back(real_client):
    _header, rows = _rows(real_client)
    progress = [int(r["progress"]) for r in rows if r["progress"] != ""]
    assert progress and all(0 <= p <= 100 for p in progress)
    assert {r["start_date"] for r in rows} == {"2022-04-01"}
    assert {r["end_date"] for r in rows} == {"2024-03-31"}
    assert all("http://127.0.0.1:5000/ja/plans/node/" in r["description/ja"] for r in rows)
    assert all(r["title/en"] for r in rows)
    assert real_client.get(URL.replace("revised", "nosuch")).status_code == 404
