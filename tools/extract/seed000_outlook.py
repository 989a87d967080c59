"""Seed 000's 人口ビジョン text: (2)将来の人口推計 and (3)将来展望 as rows of the resource `texts`.

Imported by tools/extract/seed000.py, which writes `texts` into datasets/sogo-senryaku-2015. Each
block (a printed paragraph, a chart note, a cell of the 将来展望 table or a ・ bullet) is located by
hand below, and the extractor asserts that its first and last words are printed on its first and
last line. Text is kept as printed: each line stripped and the lines joined with nothing between
them (tools/extract/sentences.py joined()), the ・ of a bullet dropped, no NFKC.

The 将来展望 table (lines 821-877) prints three rows (自然増減, 社会増減, 年齢3階層別人口) under two
column headings printed on one line (現状・課題 目指すべき方向性); the extraction gives each row's
label, then its 現状・課題 cell, then its 目指すべき方向性 cell, in the order of the headings. The
section prints no figure that the figures resource (population_vision) lacks: the projection's
numbers (lines 655-808) are all there already, and the 将来展望 itself prints none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sentences import joined

SEED_NAME = "000_076715ebbd3c51e9.txt"
PLAN = "sogo-senryaku-2015"
SOAN = f"{PLAN}:soan"

#: Headings as printed (stripped), by line.
HEADINGS = {
    651: "(2)将来の人口推計",
    812: "(3)将来展望 ～人口動向の特性や人口推計から見えてくるもの～",
    814: "①将来展望",
    821: "現状・課題 目指すべき方向性",
    893: "②総合戦略につながる3つの視点",
}
#: The 将来展望 table's rows: label as printed (wrapped lines joined) and its lines.
ASPECTS = [("自然増減", (823, 823)), ("社会増減", (839, 839)), ("年齢3階層別人口", (857, 859))]
#: The 総合戦略 pillar each ②視点 names (nodes of the 素案, names checked against nodes.csv's).
VIEWPOINT_NODES = [f"{SOAN}:p1", f"{SOAN}:p2", f"{SOAN}:p3"]


@dataclass(frozen=True)
class Block:
    """One printed block: where it sits and the words it starts and ends with."""

    section: str
    heading_line: int
    heading_ja: str
    first: int
    last: int
    first_words: str
    last_words: str
    aspect: int = 0  # 1-3: the 将来展望 table row (ASPECTS), 0 outside the table
    note: str = ""


PARAGRAPH_END = ("Line 804 is not indented in the text, but line 802 ends short of the line width after 「。」: "
                 "read as two paragraphs.")
BLOCKS = [
    Block("projection", 651, "(2)将来の人口推計", 653, 657, "人口増加等の分析における特徴", "以下の推計をしました。"),
    Block("projection", 651, "(2)将来の人口推計", 659, 663, "具体的には、現行の基本計画", "しています。"),
    Block("projection_note", 651, "(2)将来の人口推計", 730, 730, "各歳別データが得られないため", "総数のみの推計となっている。",
          note="Printed among the projection charts (＜外国人を含む＞ line 727, ■年齢3階層別 line 728, ■総人口 "
               "line 736); the extraction does not show which chart it sits under."),
    Block("projection_note", 651, "(2)将来の人口推計", 732, 734, "※平成24年6月以前の住民基本台帳人口", "含まれていない。",
          note="Printed among the projection charts; it explains why the age-group projection (＜日本人のみ＞, "
               "line 793) leaves out foreign residents."),
    Block("projection", 651, "(2)将来の人口推計", 794, 802, "推計結果を見ると", "上昇傾向にあります。", note=PARAGRAPH_END),
    Block("projection", 651, "(2)将来の人口推計", 804, 808, "これらの状況を維持していくためには", "可能性もあります。",
          note=PARAGRAPH_END),
    Block("future_outlook", 814, "①将来展望", 816, 820, "区の将来展望にあたっては", "まとめました。"),
    Block("outlook_issue", 821, "現状・課題", 825, 831, "平成24年度以降", "能性があります。", aspect=1),
    Block("outlook_direction", 821, "目指すべき方向性", 833, 837, "引き続き、安心して", "の対応の両立を図ります。", aspect=1),
    Block("outlook_issue", 821, "現状・課題", 841, 847, "区における社会増は", "響を受けます。", aspect=2),
    Block("outlook_direction", 821, "目指すべき方向性", 849, 855, "若い世代にとっても", "連携して進めていきます。", aspect=2),
    Block("outlook_issue", 821, "現状・課題", 861, 869, "例え人口規模が", "推移することが望ましい。", aspect=3),
    Block("outlook_direction", 821, "目指すべき方向性", 871, 877, "年少人口、生産年齢人口が", "の目配りが欠かせません。", aspect=3),
    Block("future_outlook", 814, "①将来展望", 880, 892, "これらの現状と課題", "求められています。"),
    Block("viewpoint", 893, "②総合戦略につながる3つの視点", 895, 895, "・「人口動向への対応」", "(出生数増加の推進など)"),
    Block("viewpoint", 893, "②総合戦略につながる3つの視点", 897, 897, "・「地方との交流と豊かな暮らし」", "(地方との相互の発展など)"),
    Block("viewpoint", 893, "②総合戦略につながる3つの視点", 899, 899, "・「地域人材と社会資源の活用・活性化」",
          "(世田谷区における活力向上など)"),
]
#: Rows per section (pinned by the tests too).
COUNTS = {"projection": 4, "projection_note": 2, "future_outlook": 2, "outlook_issue": 3, "outlook_direction": 3,
          "viewpoint": 3}
SECTIONS = tuple(COUNTS)


def text_rows(lines: list[str], pillar_names: dict[str, str]) -> list[dict]:
    """The rows of `texts`, in printed order; PILLAR_NAMES maps the 素案's pillar node ids to their names."""
    line: Callable[[int], str] = lambda n: lines[n - 1].strip()  # noqa: E731
    for n, heading in HEADINGS.items():
        assert line(n) == heading, (n, line(n))
    out, positions = [], dict.fromkeys(SECTIONS, 0)
    for b in BLOCKS:
        assert line(b.first).startswith(b.first_words) and line(b.last).endswith(b.last_words), b
        assert b.heading_ja in line(b.heading_line), b
        positions[b.section] += 1
        pos = positions[b.section]
        text = joined(lines, b.first, b.last).removeprefix("・")
        aspect, aspect_span = ASPECTS[b.aspect - 1] if b.aspect else ("", (0, 0))
        if aspect:
            assert "".join(line(n) for n in range(aspect_span[0], aspect_span[1] + 1)) == aspect, aspect
        node = ""
        if b.section == "viewpoint":
            node = VIEWPOINT_NODES[pos - 1]
            assert text.startswith(f"「{pillar_names[node]}」"), (text, pillar_names[node])
        out.append({
            "text_id": f"{SOAN}:{b.section.replace('_', '-')}-{pos}", "revision_id": SOAN, "section": b.section,
            "heading_ja": b.heading_ja, "heading_line": b.heading_line, "position": pos,
            "aspect_ja": aspect, "aspect_line": aspect_span[0] or "", "node_id": node, "text_ja": text,
            "note": b.note, "source_document": SEED_NAME, "source_line": b.first, "source_line_end": b.last,
        })
    assert positions == COUNTS, positions
    return out


def schema(f: Callable[..., dict], id_rule: dict) -> dict:
    """The Table Schema of `texts` (F builds a field, ID_RULE is the package's id constraint)."""
    return {
        "fields": [
            f("text_id", "string", "Text ID", "Portal identifier.", constraints=id_rule),
            f("revision_id", "string", "版ID", "FK revisions (the 素案).", constraints={"required": True}),
            f("section", "string", "Section",
              "projection = a paragraph of (2)将来の人口推計 (assumptions and result of the projection); "
              "projection_note = a note printed among its charts; future_outlook = a paragraph of ①将来展望; "
              "outlook_issue / outlook_direction = the 現状・課題 / 目指すべき方向性 cell of a row of the 将来展望 "
              "table; viewpoint = a bullet of ②総合戦略につながる3つの視点.",
              constraints={"required": True, "enum": list(SECTIONS)}),
            f("heading_ja", "string", "Heading", "The heading the text sits under, as printed on heading_line; for "
              "a table cell, its column heading (both are printed on one line)."),
            f("heading_line", "integer", "Line of the heading", "1-based line where heading_ja is printed."),
            f("position", "integer", "Position", "Order within its section as printed (for table cells: the row)."),
            f("aspect_ja", "string", "Row of the table", "For table cells: the row label as printed (自然増減, "
              "社会増減, 年齢3階層別人口; the last is wrapped over two lines and joined); empty otherwise."),
            f("aspect_line", "integer", "Line of the row label", "First line of aspect_ja (empty outside the table)."),
            f("node_id", "string", "Pillar", "For a 視点: the 素案 pillar (FK nodes) it names, word for word; "
              "empty otherwise."),
            f("text_ja", "string", "Text", "As printed: each line stripped and the lines source_line..source_line_end "
              "joined with nothing between them, the ・ of a bullet dropped, no NFKC."),
            f("note", "string", "Note", "Extraction note (where the span or the place of a block is a reading)."),
            f("source_document", "string", "出典文書", "Text file the row was read from (document and page: "
              "plan-documents).", constraints={"required": True}),
            f("source_line", "integer", "出典行", "First line of the block (1-based, blank lines counted).",
              constraints={"required": True, "minimum": 1}),
            f("source_line_end", "integer", "出典行（終わり）", "Last line of the block.",
              constraints={"required": True, "minimum": 1}),
        ],
        "primaryKey": ["text_id"],
        "foreignKeys": [{"fields": ["revision_id"], "reference": {"resource": "revisions", "fields": ["revision_id"]}},
                        {"fields": ["node_id"], "reference": {"resource": "nodes", "fields": ["node_id"]}}],
    }
