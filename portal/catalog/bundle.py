"""The whole-package ZIP: the package's files plus a bilingual README and a data dictionary."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from typing import Any

from portal.catalog.packages import PackageData
from portal.spreadsheet import excel_cell

#: Byte-order mark written in front of files meant to be opened in Excel.
BOM = b"\xef\xbb\xbf"
DICTIONARY_HEADER = [
    "resource", "resource_title_ja", "resource_title_en", "field", "type", "unit", "title",
    "description",
]


#: The README's line for sources.csv (portal.catalog.sources).
SOURCES_LINE = (
    "- `sources.csv` — 出典一覧：`source_document` と `source_line` の組ごとに、区の資料の題名・日付・"
    "ページ（英語の題名は非公式訳） / sources: for each `source_document` and `source_line`, the ward"
    " document's title, date and page (English titles are unofficial translations)")


def data_dictionary(pkg: PackageData) -> bytes:
    """Return the data dictionary (one row per field) as UTF-8 CSV with a BOM, for Excel."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(DICTIONARY_HEADER)
    for res in pkg.resources:
        d = res.descriptor
        for f in d.get("schema", {}).get("fields", []):
            writer.writerow([excel_cell(str(v)) for v in (
                res.name, d.get("title_ja", ""), d.get("title", ""), f.get("name", ""),
                f.get("type", "any"), f.get("unit", ""), f.get("title", ""),
                f.get("description", ""))])
    return BOM + out.getvalue().encode("utf-8")


def _resource_lines(pkg: PackageData) -> list[str]:
    """One README line per resource: file, Japanese and English titles, row count."""
    return [f"- `{r.path}` — {r.descriptor.get('title_ja', '')} / {r.descriptor.get('title', '')}"
            f" ({len(r.rows)} rows / 行)" for r in pkg.resources]


def readme(pkg: PackageData, *, url: str, attribution_ja: str, licence: dict[str, Any],
           with_sources: bool = False) -> str:
    """Return README.md in Japanese then English, generated from the descriptor (WITH_SOURCES:
    the release has sources.csv)."""
    d = pkg.descriptor
    note = (d.get("portal") or {}).get("translation_note", "")
    lines = [
        f"# {d.get('title_ja', '')}", "", f"# {d.get('title', '')}", "",
        f"- バージョン / Version: {pkg.version}", f"- URL: {url}",
        f"- ライセンス / Licence: {licence.get('title', '')} ({licence.get('path', '')})",
        f"- {attribution_ja}", "",
        "## 日本語", "", d.get("description_ja", ""), "",
        "CSVファイルは UTF-8（BOMなし）・LF改行・1行目が見出しです。"
        "空欄は値がないことを表し、0 とは区別しています。"
        "各列の意味は `data-dictionary.csv`（Excelで開けるよう UTF-8 BOM付き）と"
        " `datapackage.json` にあります。"
        "項目の説明は英語で記載しています。"
        "`-excel.csv` のファイルは Excel 用（UTF-8 BOM付き）で、`=`・`+`・`-`・`@`・タブ・CR で"
        "始まる文字列（数値を除く）には数式として実行されないよう先頭に `'` を付けています。"
        "元の値は `.csv`（BOMなし）と `.json` にそのまま収録しています。",
        "", "## English", "", d.get("description", ""), "",
        "CSV files are UTF-8 without a byte-order mark, LF line endings, header on the first line. "
        "An empty cell means no value and is never zero. Each column is described in "
        "`data-dictionary.csv` (UTF-8 with a BOM so Excel opens it) and in `datapackage.json`. "
        "The `-excel.csv` files are for spreadsheets (UTF-8 with a BOM): a text starting with "
        "`=`, `+`, `-`, `@`, a tab or a carriage return (numbers excepted) gets a leading `'` so "
        "that it is never run as a formula (OWASP CSV injection); the `.csv` and `.json` files "
        "keep every value exactly.",
        "", note, "", "## Files / ファイル", "", *_resource_lines(pkg),
        "- `datapackage.json` — Frictionless Data Package descriptor (bytes and sha256 per file)",
        "- `data-dictionary.csv` — 項目定義 / data dictionary",
        *([SOURCES_LINE] if with_sources else []), "",
    ]
    return "\n".join(lines)


def _zip_time(created: str | None) -> tuple[int, int, int, int, int, int]:
    """Timestamp for every ZIP entry: the package's creation date, so ZIPs are reproducible."""
    try:
        moment = datetime.fromisoformat(str(created))
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, 0)


def build_zip(pkg: PackageData, entries: dict[str, bytes]) -> bytes:
    """Return a reproducible ZIP holding ENTRIES under a folder named <name>-<version>/."""
    stamp = _zip_time(pkg.descriptor.get("created"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(f"{pkg.name}-{pkg.version}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
