"""sources.csv of a release: every text line a package cites, named as the ward document and page.

Rows of the packages carry `source_document` (the text extracted from a ward PDF) and
`source_line`. A researcher who downloads the data needs what a page shows instead: the
document's printed title, its date and the page (the documents registry, datasets/plan-documents,
through portal.catalog.documents). This file lists each distinct (source_document, source_line)
pair of the package once, so any resource joins to it on those two columns.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from portal.catalog import documents
from portal.catalog.packages import PackageData

FILENAME = "sources.csv"
FIELDS = ("source_document", "source_line", "document_id", "title_ja", "title_en",
          "date_printed", "page_from", "page_to", "citation_ja")


def cited_lines(pkg: PackageData) -> list[tuple[str, int | None]]:
    """The distinct (text file, line) pairs PKG's rows cite, in file and line order."""
    pairs: set[tuple[str, int | None]] = set()
    for res in pkg.resources:
        for row in res.rows:
            text_file = row.get("source_document")
            if text_file:
                line = row.get("source_line")
                pairs.add((str(text_file), int(line) if line not in (None, "") else None))
    return sorted(pairs, key=lambda p: (p[0], -1 if p[1] is None else p[1]))


def _row(datasets_dir: Path, text_file: str, line: int | None) -> list[str]:
    """One line of the file: the pair, then the document and page (empty when not registered)."""
    found = documents.cite(datasets_dir, text_file, line)
    pair = [text_file, "" if line is None else str(line)]
    if found is None:
        return pair + [""] * (len(FIELDS) - 2)
    doc = found.document
    pages = [str(p) if p is not None else "" for p in (found.page_from, found.page_to)]
    return pair + [doc.document_id, doc.title_ja, doc.title_en, doc.date_printed, *pages,
                   found.text_for("ja")]


def sources_csv(pkg: PackageData) -> bytes | None:
    """sources.csv of PKG (UTF-8, LF, like the package's CSV files), or None when nothing is cited.

    The registry is read beside the package (its folder's parent is the datasets folder).
    """
    pairs = cited_lines(pkg)
    if not pairs:
        return None
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for text_file, line in pairs:
        writer.writerow(_row(pkg.folder.parent, text_file, line))
    return out.getvalue().encode("utf-8")
