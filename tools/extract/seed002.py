"""Extract seed 002 (次期基本計画策定の考え方) into datasets/next-basic-plan-approach/.

Usage: .venv/bin/python tools/extract/seed002.py [--shared DIR] [--out DIR]

The document (161 lines of text) is an excerpt: the 9 items of 【次期基本計画検討にあたっての考え方】,
the 6 主な視点 with their items, and its 用語解説 (※1-※9). Items are bullet lines (U+F0D8, a
Wingdings arrow lost in the PDF extraction) whose wrapped continuation lines are joined with no
space. Text is kept as printed: no NFKC (①, ＥＢＰＭ and full-width digits stay), only the bullet,
leading/trailing spaces and line wraps are removed. The footnote markers (※１…) are printed apart
from the items they belong to (lines 24-30, 102, 125), so they are not attached to items.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import command  # noqa: E402

from portal import packagefiles  # noqa: E402  (the portal's one package writer)

SEED_NAME = "002_5af82924fcec8af0.txt"
NAME = "next-basic-plan-approach"
DOCUMENT_ID = "next-basic-plan-approach"  # plan-documents/documents.csv
TITLE_JA = "次期基本計画策定の考え方"
TITLE_EN = "Approach to drafting the next Basic Plan"
BULLET = "\uf0d8"
CIRCLED = "①②③④⑤⑥"
CONSIDERATIONS = (3, 23)  # 【次期基本計画検討にあたっての考え方】
VIEWPOINT_LIST = (40, 50)  # the six 視点 as listed on page ３
VIEWPOINT_DETAIL = (54, 125)  # each 視点 with its items (⑥ is printed before ⑤)
TERMS = (132, 159)  # 用語解説
CHANGELOG = [{
    "version": "1.0.0", "kind": "revision", "date": "2026-12-02",
    "summary_ja": "初版：次期基本計画検討にあたっての考え方9項目、政策や施策検討にあたっての主な視点6つとその項目、用語解説9語。",
    "summary_en": "First release: the 9 considerations, the 6 main viewpoints with their items, and the 9 glossary terms.",
}]


def load(path: Path) -> list[str]:
    """The seed's lines (index 0 is line 1)."""
    return path.read_text(encoding="utf-8").split("\n")


def circled(text: str) -> bool:
    """TEXT begins with one of ①-⑥."""
    return bool(text) and text[0] in CIRCLED


def is_start(text: str) -> bool:
    """A line that starts something new: a bullet, a 視点 heading, a ※ marker or a bracketed heading."""
    return text.startswith((BULLET, "※", "【")) or circled(text)


def items_in(lines: list[str], first: int, last: int) -> list[tuple[str, int, int]]:
    """Bullet items between FIRST and LAST: (text joined across wraps, first line, last line)."""
    out: list[tuple[str, int, int]] = []
    n = first
    while n <= last:
        text = lines[n - 1].strip()
        if not text.startswith(BULLET):
            n += 1
            continue
        parts, end, k = [text.removeprefix(BULLET).strip()], n, n + 1
        while k <= last:
            nxt = lines[k - 1].strip()
            if nxt and (is_start(nxt) or nxt in ("３",)):
                break
            if nxt:
                parts.append(nxt)
                end = k
            k += 1
        out.append(("".join(parts), n, end))
        n = k
    return out


def text_row(kind: str, local: str, position: int, text: str, first: int, last: int, *,
             code: str = "", parent: str = "", heading: str = "", heading_line: int | None = None,
             note: str = "") -> dict:
    """One row of `texts`."""
    return {"text_id": f"{NAME}:{local}", "document_id": DOCUMENT_ID, "section": kind,
            "parent_id": f"{NAME}:{parent}" if parent else "", "code": code, "position": position,
            "heading_ja": heading, "heading_line": heading_line or "", "text_ja": text,
            "line_start": first, "line_end": last, "note": note,
            "source_document": SEED_NAME, "source_line": first}


def considerations(lines: list[str]) -> list[dict]:
    """The nine items of 【次期基本計画検討にあたっての考え方】 (line 2)."""
    assert lines[1].strip() == "【次期基本計画検討にあたっての考え方】", lines[1]
    found = items_in(lines, *CONSIDERATIONS)
    assert len(found) == 9, found
    return [text_row("consideration", f"consideration-{i}", i, t, a, b,
                     heading="次期基本計画検討にあたっての考え方", heading_line=2)
            for i, (t, a, b) in enumerate(found, start=1)]


def viewpoints(lines: list[str]) -> list[dict]:
    """The six 主な視点 (listed at lines 40-50, detailed at 54-125) and their items."""
    assert lines[35].strip() == "【政策や施策検討にあたっての主な視点】", lines[35]
    listed = {}
    for n in range(VIEWPOINT_LIST[0], VIEWPOINT_LIST[1] + 1):
        text = lines[n - 1].strip()
        if circled(text):
            listed[text[0]] = (text[1:].strip(), n)
    headings = [(n, lines[n - 1].strip()) for n in range(VIEWPOINT_DETAIL[0], VIEWPOINT_DETAIL[1] + 1)
                if circled(lines[n - 1].strip())]
    assert len(listed) == 6 and [h[0] for _, h in headings] == list("①②③④⑥⑤"), headings
    out = []
    for k, (n, heading) in enumerate(headings):
        code = heading[0]
        stop = headings[k + 1][0] - 1 if k + 1 < len(headings) else VIEWPOINT_DETAIL[1]
        local = f"viewpoint-{CIRCLED.index(code) + 1}"
        name, list_line = listed[code]
        detail = heading[1:].strip()
        note = "" if detail == name else f"The heading at line {n} reads 「{detail}」."
        out.append(text_row("viewpoint", local, CIRCLED.index(code) + 1, name, list_line, list_line,
                            code=code, heading=name, heading_line=list_line, note=note))
        for i, (t, a, b) in enumerate(items_in(lines, n + 1, stop), start=1):
            out.append(text_row("viewpoint_item", f"{local}-item-{i}", i, t, a, b, parent=local, code=code,
                                heading=detail, heading_line=n))
    return sorted(out, key=lambda r: (r["text_id"].split(":")[1].split("-item-")[0], r["section"] != "viewpoint",
                                      r["position"]))


def terms(lines: list[str]) -> list[dict]:
    """The 用語解説 (※１-※９): the term and its meaning, joined across wraps."""
    assert lines[128].strip().endswith("用語解説"), lines[128]
    starts = [n for n in range(TERMS[0], TERMS[1] + 1) if lines[n - 1].startswith("※")]
    out = []
    for i, n in enumerate(starts, start=1):
        stop = starts[i] - 1 if i < len(starts) else TERMS[1]
        m = re.match(r"^(※[０-９0-9]+) (\S+)(?: (.*))?$", lines[n - 1].strip())
        assert m, lines[n - 1]
        parts = [m.group(3) or ""] + [lines[k - 1].strip() for k in range(n + 1, stop + 1)]
        end = max([n] + [k for k in range(n + 1, stop + 1) if lines[k - 1].strip()])
        out.append(text_row("term", f"term-{i}", i, "".join(parts), n, end, code=m.group(1),
                            heading=m.group(2), heading_line=n))
    assert len(out) == 9, out
    return out


def build(lines: list[str]) -> dict[str, list[dict]]:
    """Rows of the package's one resource."""
    return {"texts": considerations(lines) + viewpoints(lines) + terms(lines)}


def field(name: str, type_: str, title: str, description: str, **extra: object) -> dict:
    """One schema field."""
    return {"name": name, "type": type_, "title": title, "description": description, **extra}


FIELDS = [
    field("text_id", "string", "Text ID", "Portal identifier.",
          constraints={"required": True, "pattern": r"[a-z0-9-]+(:[a-z0-9-]+)*"}),
    field("document_id", "string", "Document", "The document in plan-documents/documents.csv."),
    field("section", "string", "Section", "consideration (検討にあたっての考え方), viewpoint (主な視点), "
          "viewpoint_item (an item under a 視点) or term (用語解説).",
          constraints={"enum": ["consideration", "viewpoint", "viewpoint_item", "term"]}),
    field("parent_id", "string", "Parent", "The 視点 of an item (FK texts); empty otherwise."),
    field("code", "string", "Code", "As printed: ①-⑥ for 視点 and their items, ※１-※９ for terms."),
    field("position", "integer", "Position", "Order within its section or 視点 as printed."),
    field("heading_ja", "string", "Heading", "The heading the text sits under, as printed on heading_line: the "
          "section heading for considerations, the 視点 name as listed for a 視点, the 視点 heading above an item, "
          "the term for a 用語解説 entry."),
    field("heading_line", "integer", "Line of the heading", "1-based line where heading_ja is printed."),
    field("text_ja", "string", "Text", "As printed: bullet removed, wrapped lines joined with no space, no NFKC."),
    field("line_start", "integer", "First line", "Source span: first line of the text."),
    field("line_end", "integer", "Last line", "Source span: last line of the text."),
    field("note", "string", "Note", "Extraction note (e.g. where a heading is printed differently)."),
    field("source_document", "string", "Source document",
          "Text file the row was read from (document and page: plan-documents).", constraints={"required": True}),
    field("source_line", "integer", "Source line", "Same as line_start.", constraints={"required": True, "minimum": 1}),
]


def descriptor() -> dict:
    """The datapackage.json descriptor."""
    return {
        "profile": "tabular-data-package", "name": NAME, "version": "1.0.0",
        "title": f"{TITLE_EN} (unofficial translation of 「{TITLE_JA}」)",
        "title_ja": TITLE_JA,
        "description": "The ward's approach to drafting its next Basic Plan: 9 considerations, 6 main viewpoints for "
                       "policies and measures with their items, and the document's glossary, as text with the lines "
                       "they are printed on. The document carries no figures. It is an excerpt (page ３ and a glossary "
                       "on page ８) and prints no date.",
        "description_ja": "「次期基本計画策定の考え方」の本文：次期基本計画検討にあたっての考え方（9項目）、政策や施策検討に"
                          "あたっての主な視点（6つ）とその項目、用語解説（9語）。資料に日付の記載はない。",
        "created": "2026-12-02T12:00:00+09:00",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "attribution_ja": f"出典：世田谷区『{TITLE_JA}』を加工して作成",
        "sources": [{"title": TITLE_JA, "path": SEED_NAME, "publisher": "世田谷区"}],
        "contributors": [{"title": "Setagaya plan-progress portal team", "role": "author"},
                         {"title": "世田谷区", "role": "publisher"}],
        "keywords": ["世田谷区", "基本計画", "次期基本計画", "策定の考え方", "Setagaya", "basic plan", "approach"],
        "portal": {"changelog": CHANGELOG, "kind": "text", "plan_id": "", "theme": "ward basic plan",
                   "translation_note": "English names are unofficial translations by the portal team, not the ward's."},
        "resources": [{
            "name": "texts", "path": "texts.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": "Texts", "title_ja": "本文",
            "description": "One printed item per row with its source span (line_start-line_end).",
            "schema": {"fields": FIELDS, "missingValues": [""], "primaryKey": ["text_id"],
                       "foreignKeys": [{"fields": ["parent_id"],
                                        "reference": {"resource": "texts", "fields": ["text_id"]}}]},
        }],
    }


def write_package(out: Path, shared: Path) -> list[Path]:
    """Build the package from SHARED/seeds into OUT."""
    rows = build(load(shared / "seeds" / SEED_NAME))
    return packagefiles.write_package(out, descriptor(), rows)


if __name__ == "__main__":
    command.run(__doc__, write_package, ROOT.parent / "shared", ROOT / "datasets" / NAME)
