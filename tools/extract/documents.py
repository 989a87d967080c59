"""Build the `plan-documents` package: the ward documents inside the seed texts, and their pages.

Every other package cites a figure by text file and line (`source_document`, `source_line`).
This registry turns that into something a person can find and cite: the document (title as
printed, publisher, department, date as printed, stage) whose line range holds the line, and
the page of that line where the page markers left in the text allow it.

Pages are derived, never guessed: a page number printed alone at the foot of a page (`ends`)
and the page the document's own table of contents gives for the first line of a section
(`starts`) bound every line between them from below and above. A line whose bounds meet gets
`exact`; a line between two bounds a page apart or more gets `range`; a line with a bound on one
side only gets no page at all. Blank lines never get a row.

Official URLs are never in the texts: the ward supplies them through the staff pages
(/staff/data/documents/, a proposal approved by a second person), which publish a new version of
the package. Re-running this extractor keeps what was published that way: each document's URL,
and the version and changelog entries newer than this file's own (`published_state`).

Usage: .venv/bin/python tools/extract/documents.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[2])]
from command import run  # noqa: E402  (the extractors' shared command line)

from portal import packagefiles  # noqa: E402  (the portal's one package writer)

REPO = Path(__file__).resolve().parents[2]
TABLE = Path(__file__).resolve().parent / "tables" / "documents.json"
GLOSSARY = Path(__file__).resolve().parent / "tables" / "glossary.json"
GLOSSARY_FIELDS = ["term_ja", "term_en", "forms", "reason"]
#: Version history of the registry (datapackage.json portal.changelog).
CHANGELOG = [{"version": "1.1.0", "kind": "revision", "date": "2026-12-02",
              "summary_ja": "用語集（glossary：日本語の用語ごとに1つの英語名と理由）を追加。",
              "summary_en": "Added the glossary: one English term per Japanese term, with the reason."}]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "datasets" / "plan-documents"
DOC_FIELDS = ["document_id", "text_file", "line_start", "line_end", "title_ja", "title_en", "title_printed",
              "title_lines", "title_note", "part_ja", "part_en", "publisher_ja", "department_ja",
              "department_line", "date_printed", "date_line", "date", "stage_ja", "stage", "url",
              "page_basis_ja", "page_basis_en"]
PAGE_FIELDS = ["document_id", "line_start", "line_end", "page_from", "page_to", "confidence"]


def table() -> dict[str, Any]:
    """The hand-read document table (tools/extract/tables/documents.json)."""
    return json.loads(TABLE.read_text(encoding="utf-8"))


def page_bounds(line: int, ends: list[list[int]], starts: list[list[int]]) -> tuple[int | None, int | None]:
    """The lowest and highest page LINE can be on, from page-foot numbers and known page starts."""
    low = [p + 1 for at, p in ends if at < line] + [p for at, p in ends if at == line]
    low += [p for at, p in starts if at <= line]
    high = [p for at, p in ends if at >= line] + [p - 1 for at, p in starts if at > line]
    high += [p for at, p in starts if at == line]
    return (max(low) if low else None), (min(high) if high else None)


def page_rows(doc: dict[str, Any], anchors: dict[str, Any], lines: list[str]) -> list[dict[str, Any]]:
    """Runs of non-blank lines of DOC with the same page bounds (bounded on both sides only)."""
    rows: list[dict[str, Any]] = []
    for number in range(doc["line_start"], doc["line_end"] + 1):
        if not lines[number - 1].strip():
            continue
        lo, hi = page_bounds(number, anchors["ends"], anchors["starts"])
        if lo is None or hi is None:
            continue
        if lo > hi:
            raise ValueError(f"{doc['document_id']} line {number}: page anchors contradict ({lo} > {hi})")
        last = rows[-1] if rows else None
        if last and (last["page_from"], last["page_to"]) == (lo, hi):
            last["line_end"] = number
            continue
        rows.append({"document_id": doc["document_id"], "line_start": number, "line_end": number,
                     "page_from": lo, "page_to": hi, "confidence": "exact" if lo == hi else "range"})
    return rows


def document_row(doc: dict[str, Any], anchors: dict[str, Any] | None) -> dict[str, Any]:
    """One documents.csv row."""
    row = {k: doc.get(k) for k in DOC_FIELDS if k in doc}
    row["title_lines"] = ";".join(str(line) for _, line in doc["title_parts"])
    row["title_printed"] = "true" if doc["title_printed"] else "false"
    row["url"] = ""  # only where the ward prints or supplies one: none of the seeds does (see build)
    row["page_basis_ja"] = (anchors or {}).get("basis_ja", "")
    row["page_basis_en"] = (anchors or {}).get("basis_en", "")
    return row


def _version(text: str) -> tuple[int, ...]:
    """A version string as numbers, for comparison."""
    return tuple(int(p) if p.isdigit() else 0 for p in text.split("."))


def published_state(out: Path) -> tuple[dict[str, str], str, list[dict[str, Any]]]:
    """What the staff pages published in OUT: URLs by document, the version, the changelog."""
    if not (out / "datapackage.json").is_file():
        return {}, "0", []
    desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        urls = {r["document_id"]: r["url"] for r in csv.DictReader(fh) if r.get("url")}
    return urls, str(desc.get("version", "0")), list((desc.get("portal") or {}).get("changelog", []))


def build(out: Path, shared: Path) -> list[Path]:
    """Write documents.csv, document_pages.csv and datapackage.json into OUT (keeping published URLs)."""
    urls, published_version, published_log = published_state(out)
    data = table()
    docs, pages = [], []
    for doc in data["documents"]:
        anchors = data["pages"].get(doc["document_id"])
        docs.append({**document_row(doc, anchors), "url": urls.get(doc["document_id"], "")})
        if anchors:
            lines = (shared / "seeds" / doc["text_file"]).read_text(encoding="utf-8").split("\n")
            pages.extend(page_rows(doc, anchors, lines))
    terms = [{**t, "forms": ";".join(t["forms"])} for t in json.loads(GLOSSARY.read_text(encoding="utf-8"))["terms"]]
    desc = descriptor()
    if _version(published_version) > _version(desc["version"]):
        own = {entry["version"] for entry in CHANGELOG}
        desc["version"] = published_version
        desc["portal"]["changelog"] = CHANGELOG + [e for e in published_log if e["version"] not in own]
    return packagefiles.write_package(out, desc, {"documents": docs, "document_pages": pages, "glossary": terms})


def _field(name: str, kind: str, title: str, description: str, **extra: Any) -> dict[str, Any]:
    """One Table Schema field."""
    return {"name": name, "type": kind, "title": title, "description": description, **extra}


def _resource(name: str, title: str, title_ja: str, description: str, fields: list[dict[str, Any]],
              key: list[str], fks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One tabular resource of the package."""
    schema: dict[str, Any] = {"fields": fields, "primaryKey": key, "missingValues": [""]}
    if fks:
        schema["foreignKeys"] = fks
    return {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": title, "title_ja": title_ja,
            "description": description, "schema": schema}


def _document_fields() -> list[dict[str, Any]]:
    """The columns of documents.csv."""
    s, i = "string", "integer"
    return [
        _field("document_id", s, "Document", "Stable ASCII id of the document."),
        _field("text_file", s, "Text file", "The extracted text the document is in (the figures' source_document)."),
        _field("line_start", i, "First line", "First line of the document in the text file."),
        _field("line_end", i, "Last line", "Last line of the document in the text file."),
        _field("title_ja", s, "Title (Japanese)", "Title as printed; composed from printed parts when title_printed is false."),
        _field("title_en", s, "Title (English, unofficial)", "Unofficial translation by the portal team."),
        _field("title_printed", "boolean", "Title printed as such", "True when title_ja is printed as one title."),
        _field("title_lines", s, "Title lines", "Lines where the title (or its parts) is printed, `;`-separated."),
        _field("title_note", s, "Title note", "How the title is known (extraction note)."),
        _field("part_ja", s, "Part (Japanese)", "The part of a bundle (別紙, 概要版…), as printed."),
        _field("part_en", s, "Part (English, unofficial)", "Unofficial translation."),
        _field("publisher_ja", s, "Publisher", "Publisher as printed."),
        _field("department_ja", s, "Department", "Department as printed (spacing removed), if printed."),
        _field("department_line", i, "Department line", "Line where the department is printed."),
        _field("date_printed", s, "Date as printed", "Date or edition exactly as printed; empty when none is printed."),
        _field("date_line", i, "Date line", "Line where the date is printed."),
        _field("date", "date", "Date", "The printed date as ISO 8601 when a day is printed, else empty."),
        _field("stage_ja", s, "Stage (Japanese)", "素案, 案, 推進状況（案）, 研究会資料, 答申, 議決…"),
        _field("stage", s, "Stage", "The revisions.stage vocabulary of docs/dataset-conventions.md."),
        _field("url", s, "Official URL", "Only where printed or supplied by the ward; none is printed in the texts."),
        _field("page_basis_ja", s, "Page basis (Japanese)", "How pages were derived, if they were."),
        _field("page_basis_en", s, "Page basis (English)", "How pages were derived, if they were."),
    ]


def _page_fields() -> list[dict[str, Any]]:
    """The columns of document_pages.csv."""
    i = "integer"
    return [
        _field("document_id", "string", "Document", "documents.document_id."),
        _field("line_start", i, "First line", "First line of the run (text file line)."),
        _field("line_end", i, "Last line", "Last line of the run."),
        _field("page_from", i, "Page (lowest)", "Lowest page the lines can be on, as numbered in the document."),
        _field("page_to", i, "Page (highest)", "Highest page the lines can be on."),
        _field("confidence", "string", "Confidence", "exact: one page; range: between page_from and page_to.",
               constraints={"enum": ["exact", "range"]}),
    ]


def _glossary_fields() -> list[dict[str, Any]]:
    """The columns of glossary.csv."""
    s = "string"
    return [
        _field("term_ja", s, "Japanese term", "The term as the documents print it."),
        _field("term_en", s, "English term", "The one English term every package and the UI use (unofficial)."),
        _field("forms", s, "Accepted forms", "Spellings of the same English term (plural, compound), `;`-separated."),
        _field("reason", s, "Reason", "Why this English term, and what it replaced."),
    ]


def descriptor() -> dict[str, Any]:
    """The datapackage.json of the registry."""
    fk = {"fields": "document_id", "reference": {"resource": "documents", "fields": "document_id"}}
    return {
        "profile": "tabular-data-package", "name": "plan-documents",
        "title": "Ward documents the portal's figures come from (registry)",
        "title_ja": "出典資料一覧（ポータルの数値の出典となる区の資料）",
        "description": ("Every ward document inside the extracted texts: title as printed (and an unofficial English "
                        "title), publisher, department and date as printed, stage, the text file and line range it "
                        "occupies, and the page of each line where page numbers printed in the text allow it. "
                        "Every other package cites figures by text file and line; this registry names the document "
                        "and page."),
        "description_ja": ("抽出したテキストに含まれる区の資料の一覧。資料名（記載どおり）、発行者・担当部署・日付（記載どおり）、"
                           "段階、テキストファイルと行の範囲、本文に残る頁番号から求めた各行の頁を収録。"),
        "version": "1.1.0", "created": "2026-12-02T13:00:00+00:00",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "attribution_ja": "出典：世田谷区の計画書・資料を加工して作成",
        "sources": [{"title": "世田谷区の計画書・資料（documents リソースを参照）", "publisher": "世田谷区"}],
        "contributors": [{"title": "Setagaya plan-progress portal team", "role": "author"},
                         {"title": "世田谷区", "role": "publisher"}],
        "keywords": ["世田谷区", "出典", "資料", "Setagaya", "sources", "documents"],
        "portal": {"changelog": CHANGELOG, "kind": "documents", "plan_id": "", "theme": "ward implementation plan",
                   "translation_note": "English names are unofficial translations by the portal team, not the ward's."},
        "resources": [
            _resource("documents", "Documents", "資料", "One row per ward document, by text file and line range.",
                      _document_fields(), ["document_id"]),
            _resource("document_pages", "Pages of the documents", "資料の頁",
                      "Runs of lines with the pages they can be on; lines without a row have no known page.",
                      _page_fields(), ["document_id", "line_start"], [fk]),
            _resource("glossary", "Glossary", "用語集",
                      "One English term per Japanese term, with the reason (tests/datasets/test_glossary.py).",
                      _glossary_fields(), ["term_ja"]),
        ],
    }


if __name__ == "__main__":
    run(__doc__, build, DEFAULT_SHARED, DEFAULT_OUT)
