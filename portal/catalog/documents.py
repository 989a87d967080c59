"""The documents registry (datasets/plan-documents): a figure's text file and line → document and page.

Figures carry `source_document` (the extracted text file) and `source_line`. Pages, downloads
and DCAT name the ward document instead: 「出典：<title>（<date>）p.N」, with the line of the
extracted text as a detail. The registry is read from the package's CSV files (once per change
of the files) so every renderer shares one lookup.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app

from portal.i18n import _, current_lang, is_japanese
from portal.japantime import wareki_date, western_year

PACKAGE = "plan-documents"
#: A page range wider than this many pages is stored but not shown (it would not help a reader).
MAX_SHOWN_SPAN = 2
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
#: A run of lines on the same pages: (first line, last line, lowest page, highest page).
Run = tuple[int, int, int, int]


@dataclass(frozen=True)
class Document:
    """One ward document: where it sits in a text file, its title and date as printed."""

    document_id: str
    text_file: str
    line_start: int
    line_end: int
    title_ja: str
    title_en: str
    date_printed: str
    date: str
    stage_ja: str
    url: str


@dataclass(frozen=True)
class Citation:
    """A figure's source named as a document and page, with the text line as a detail."""

    document: Document
    line: int | None
    page_from: int | None
    page_to: int | None

    def page_label(self) -> str:
        """p.12, or p.9–10 for a run of up to three pages; empty when the page is not known."""
        if self.page_from is None or self.page_to is None:
            return ""
        if self.page_to - self.page_from > MAX_SHOWN_SPAN:
            return ""
        if self.page_from == self.page_to:
            return f"p.{self.page_from}"
        return f"p.{self.page_from}–{self.page_to}"

    def text_for(self, lang: str) -> str:
        """The citation in LANG: the Japanese form, or the English form with the title as printed."""
        doc, page = self.document, self.page_label()
        if is_japanese(lang):
            when = f"（{date_ja(doc)}）" if date_ja(doc) else ""
            return f"出典：{doc.title_ja}{when}{page}"
        parts = [f"{doc.title_ja} [{doc.title_en}; {_('unofficial translation')}]" if lang == "en"
                 else doc.title_ja]
        when = date_en(doc) if lang == "en" else date_ja(doc)
        parts += [p for p in (when, page) if p]
        return _("Source: %(citation)s", citation=", ".join(parts))

    @property
    def text(self) -> str:
        """The citation in the page language."""
        return self.text_for(current_lang())

    @property
    def line_text(self) -> str:
        """The detail: which line of the extracted text holds the figure."""
        if self.line is None:
            return ""
        return _("line %(line)s of the extracted text", line=self.line)


def ascii_digits(text: str | None) -> str:
    """Full-width digits to ASCII, displayed dates use one digit width (data keep it as printed)."""
    return (text or "").translate(FULLWIDTH_DIGITS)


def fold_digits(text: str) -> str:
    """Full-width digits to ASCII and spaces removed: one digit width in displayed dates."""
    return "".join(text.translate(FULLWIDTH_DIGITS).split())


def date_ja(doc: Document) -> str:
    """The document's date for a Japanese page: era date from the ISO day, else as printed (ASCII digits)."""
    if doc.date:
        return wareki_date(date.fromisoformat(doc.date))
    return fold_digits(doc.date_printed)


def date_en(doc: Document) -> str:
    """The document's date for an English page: 26 April 2023, September 2015, else empty."""
    if doc.date:
        day = date.fromisoformat(doc.date)
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    found = re.match(r"(令和|平成|昭和)(\d+)年(\d+)月", fold_digits(doc.date_printed))
    if not found:
        return ""
    year = western_year(found.group(1), int(found.group(2)))
    return f"{MONTHS[int(found.group(3)) - 1]} {year}" if year else ""


def _read(path: Path) -> list[dict[str, str]]:
    """The rows of one CSV file."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=4)
def _load(folder: str, stamp: tuple[float, ...]) -> tuple[list[Document], dict[str, list[Run]]]:
    """Documents and page runs of the registry in FOLDER (STAMP: the files' mtimes, for the cache)."""
    docs = [Document(r["document_id"], r["text_file"], int(r["line_start"]), int(r["line_end"]),
                     r["title_ja"], r["title_en"], r["date_printed"], r["date"], r["stage_ja"], r["url"])
            for r in _read(Path(folder) / "documents.csv")]
    pages: dict[str, list[Run]] = {}
    for r in _read(Path(folder) / "document_pages.csv"):
        pages.setdefault(r["document_id"], []).append(
            (int(r["line_start"]), int(r["line_end"]), int(r["page_from"]), int(r["page_to"])))
    return docs, pages


def registry(datasets_dir: str | Path) -> tuple[list[Document], dict[str, list[Run]]]:
    """The registry of DATASETS_DIR (empty when the package is absent)."""
    folder = Path(datasets_dir) / PACKAGE
    files = [folder / "documents.csv", folder / "document_pages.csv"]
    if not all(f.is_file() for f in files):
        return [], {}
    return _load(str(folder), tuple(f.stat().st_mtime for f in files))


def cite(datasets_dir: str | Path, text_file: str | None, line: int | None) -> Citation | None:
    """The document (and page) holding LINE of TEXT_FILE, or None when the registry has none."""
    if not text_file:
        return None
    docs, pages = registry(datasets_dir)
    found = [d for d in docs
             if d.text_file == text_file and (line is None or d.line_start <= line <= d.line_end)]
    if not found:
        return None
    doc = found[0]
    run = next((p for p in pages.get(doc.document_id, []) if line is not None and p[0] <= line <= p[1]), None)
    return Citation(doc, line, run[2] if run else None, run[3] if run else None)


def documents_of(datasets_dir: str | Path, text_files: list[str]) -> list[Document]:
    """Every registered document inside TEXT_FILES, in file and line order."""
    docs, _pages = registry(datasets_dir)
    return [d for f in text_files for d in docs if d.text_file == f]


def cite_source(text_file: str | None, line: int | None) -> Citation | None:
    """Template helper: the citation of a figure in the running app's datasets."""
    return cite(current_app.config["DATASETS_DIR"], text_file, line)


def documents_in(text_file: str | None) -> list[dict[str, str]]:
    """Template helper: the documents inside one text file, titled and dated for the page language."""
    lang = current_lang()
    return [{"title_ja": d.title_ja, "title_en": d.title_en, "stage_ja": d.stage_ja, "url": d.url,
             "date": date_ja(d) if lang != "en" else date_en(d)}
            for d in documents_of(current_app.config["DATASETS_DIR"], [text_file] if text_file else [])]


def init_app(app: Flask) -> None:
    """Make `cite_source(doc, line)` and `documents_in(doc)` available to every template."""
    app.jinja_env.globals["cite_source"] = cite_source
    app.jinja_env.globals["documents_in"] = documents_in
    app.jinja_env.filters["ascii_digits"] = ascii_digits
