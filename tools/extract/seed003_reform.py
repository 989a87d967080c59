"""Seed 003 第4章 行政経営改革 (別紙1, lines 372-1066) as rows: the 35 取組み and every printed figure.

Imported by tools/extract/seed003.py, which writes them into datasets/mirai-plan-2022 as the
resources `reform_items` and `reform_figures`. The tables of this chapter lose their layout in the
text (labels printed after their numbers, vertical one-character headings), so every row is located
by hand: each names its line and the extractor asserts that the printed text is on that line.
Nothing is computed; the sums the document implies are checked in tests/datasets.

Normalisation: names are kept as printed (no NFKC: ＤＸ stays full-width); only `value` folds
full-width digits to ASCII and drops thousands separators.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SEED_NAME = "003_a0da86d5be0d2af2.txt"
PLAN = "mirai-plan-2022"
FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
AS_OF = "令和4年12月末時点での令和4年度末見込み"  # the chapter's footnote (line 784)
AS_OF_LINE = 784

#: 基本方針 printed as vertical text (one character per line): (first line, last line, 視点 codes).
BASIC_POLICIES = [(380, 396, range(1, 5)), (453, 467, range(5, 9)), (517, 531, range(9, 11))]
#: 視点 names in the 10視点 list, wrapped over these lines (first line starts with the number).
VIEWPOINT_LINES = {1: (398, 399), 2: (405, 409), 3: (425, 429), 4: (443, 444), 5: (469, 475),
                   6: (481, 486), 7: (494, 497), 8: (511, 513), 9: (533, 534), 10: (538, 544)}
#: The 35 取組み rows of the 効果額 table (別紙1 p.9-10).
ITEM_LINES = list(range(742, 783, 2)) + list(range(908, 935, 2))
ROW = re.compile(r"^(?:\S+ \S+ )?(\d+-\d+) (.+?) ((?:○ )*)(\S+) (\S+) (\S+)$")
COLUMNS = [("fy2022", "令和4年度見込み", 2022), ("fy2023", "令和5年度計画", 2023), ("total", "合計", None)]

Lines = Callable[[int], str]


def fold(text: str) -> str:
    """Full-width digits to ASCII, thousands separators dropped: the `value` of a printed cell."""
    m = re.search(r"[0-9０-９][0-9０-９,，.]*", text)
    return m.group(0).translate(FW_DIGITS).replace(",", "").replace("，", "") if m else ""


def expect(line: Lines, n: int, needle: str) -> str:
    """Line N after asserting NEEDLE is printed on it."""
    text = line(n)
    assert needle in text, f"line {n}: expected {needle!r} in {text!r}"
    return text


def viewpoints(line: Lines) -> dict[int, tuple[str, str, int]]:
    """視点 number -> (視点 name as printed, 基本方針 joined from its vertical text, first line)."""
    out: dict[int, tuple[str, str, int]] = {}
    for first, last, codes in BASIC_POLICIES:
        policy = "".join(line(n).strip() for n in range(first, last + 1))
        for v in codes:
            a, b = VIEWPOINT_LINES[v]
            name = "".join(line(n).strip() for n in range(a, b + 1))
            number = str(v).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
            assert name.startswith((f"{number} ", f"{v} ")), (a, name)
            out[v] = (name.split(" ", 1)[1], policy, a)
    assert out[1][1] == "区民に信頼される行政経営改革の推進" and out[9][1] == "資産等の有効活用による経営改善"
    return out


def items(line: Lines) -> list[dict]:
    """The 35 取組み of the 効果額 table with their 視点 and 基本方針."""
    views = viewpoints(line)
    out = []
    for n in ITEM_LINES:
        m = ROW.match(line(n).strip())
        assert m, (n, line(n))
        code, name, marks = m.group(1), m.group(2), m.group(3)
        starred = name.endswith("（＊）")
        v = int(code.split("-")[0])
        out.append({
            "item_id": f"{PLAN}:reform:{code}", "code": code, "viewpoint": v,
            "viewpoint_ja": views[v][0], "basic_policy_ja": views[v][1],
            "name_ja": name.removesuffix("（＊）"), "effect_marks": marks.count("○"),
            "excluded_from_total": "true" if starred else "false",
            "source_document": SEED_NAME, "source_line": n,
            "_cells": m.groups()[3:],
        })
    assert len(out) == 35 and len({i["code"] for i in out}) == 35
    return out


def figure(table: str, row: str, col: tuple[str, str, int | None], text: str, n: int,
           **extra: object) -> dict:
    """One printed figure (value folded from TEXT, which must be printed on line N)."""
    slug, column_ja, fy = col
    row_out = {
        "figure_id": f"{PLAN}:reform:{table}:{row}:{slug}", "table": table, "item_id": "",
        "row_label_ja": "", "label_line": n, "sub_item": "", "column_ja": column_ja,
        "fiscal_year": fy if fy else "", "is_total": "false", "total_semantics": "",
        "value": fold(text) if text != "―" else "", "value_text": text,
        "unit": re.sub(r"^[0-9０-９,，.]+", "", text) if text != "―" else "",
        "is_estimate": "true" if fy == 2022 else "false",
        "as_of": AS_OF if fy == 2022 else "", "note": "",
        "source_document": SEED_NAME, "source_line": n,
    }
    row_out.update(extra)
    return row_out


def effect_rows(line: Lines, item_rows: list[dict]) -> list[dict]:
    """Figures of the 効果額 table: 3 columns per 取組み, then the summary rows (labels printed later)."""
    expect(line, AS_OF_LINE, "令和4年度実績は、令和4年12月末時点での令和4年度末見込み")
    out = []
    for it in item_rows:
        for col, text in zip(COLUMNS, it["_cells"], strict=True):
            out.append(figure("effects", it["code"], col, text, it["source_line"],
                              item_id=it["item_id"], row_label_ja=it["name_ja"], unit="千円",
                              is_total="true" if col[0] == "total" else "false",
                              total_semantics="sum" if col[0] == "total" else ""))
    summary = [  # (line, label line, label as printed, sub-item, slug, note)
        (936, 1016, "外郭団体改革基本方針に基づく取組み", "", "affiliated-bodies", ""),
        (938, 1043, "公共施設等総合管理計画に基づく取組み", "削減額", "facilities-reduction",
         "Unlabelled row; its figures are the 削減額 効果額 of the 公共施設等総合管理計画 table (lines 704, 706)."),
        (940, 1043, "公共施設等総合管理計画に基づく取組み", "抑制額・歳入増", "facilities-restraint",
         "Unlabelled row; its figures are the 抑制額・歳入増 subtotal of the 公共施設等総合管理計画 table "
         "(lines 696, 698). Label line 1045: 9-1's 再掲分 is included here."),
        (942, 1047, "合計", "", "total",
         "Label line 1049: 5-1 and 9-1 (再掲分) are excluded; the 取組み rows without 5-1 and 9-1 plus the "
         "three rows above add up to this row in every column (tested)."),
        (944, 1062, "内訳 削減額", "", "breakdown-reduction", "Label order inferred: the three 内訳 "
         "labels (lines 1062-1066) are printed in this order after the table; the rows add up to 合計 (tested)."),
        (946, 1064, "内訳 抑制額", "", "breakdown-restraint", "Label order inferred, as for 削減額."),
        (948, 1066, "内訳 歳入増", "", "breakdown-revenue", "Label order inferred, as for 削減額."),
    ]
    for n, label_line, label, sub, slug, note in summary:
        expect(line, label_line, label.removeprefix("内訳 "))
        texts = line(n).replace("○", "").split()
        assert len(texts) == 3, (n, texts)
        for col, text in zip(COLUMNS, texts, strict=True):
            out.append(figure("effects", slug, col, text, n, row_label_ja=label, label_line=label_line,
                              sub_item=sub, unit="千円", note=note,
                              is_total="true" if col[0] == "total" or slug == "total" else "false",
                              total_semantics="sum" if col[0] == "total" or slug == "total" else ""))
    return out


#: 公共施設等総合管理計画 (lines 655-730): (table, row slug, line, label as printed, semantics, note).
FACILITY_ROWS = [
    ("cost-cap", "total", 664, "経費上限", "sum", "建物 + 都市基盤 (tested)."),
    ("cost-cap", "buildings", 666, "建物", "", ""),
    ("cost-cap", "infrastructure", 668, "都市基盤", "", ""),
    ("facility-effects", "buildings", 688, "建物に関する取組み", "", ""),
    ("facility-effects", "paving", 690, "舗装更新計画に基づく取組み", "", ""),
    ("facility-effects", "parks", 692, "公園等長寿命化改修計画に基づく取組み", "", ""),
    ("facility-effects", "bridges", 694, "橋梁長寿命化修繕計画に基づく取組み", "", ""),
    ("facility-effects", "subtotal", 696, "", "sum",
     "Unlabelled row: the sum of the four rows above in each year (tested)."),
    ("facility-effects", "cumulative", 698, "累計額", "cumulative",
     "Running total: FY2022, then FY2022 + FY2023 of the unlabelled subtotal (tested)."),
    ("facility-reduction", "effect", 704, "効果額", "", ""),
    ("facility-reduction", "cumulative", 706, "累計額", "cumulative",
     "Running total of the 効果額 row above (tested)."),
    ("floor-area", "facilities", 722, "公共施設数（建物数）", "level", "Number of buildings, a level."),
    ("floor-area", "ward-offices", 724, "延床面積 区長部局等", "", ""),
    ("floor-area", "schools", 726, "学校教育施設", "", ""),
    ("floor-area", "total", 728, "合計", "sum", "延床面積 区長部局等 + 学校教育施設: equal for FY2023; "
     "for FY2022 the printed 1,333,556㎡ is 1㎡ less than 609,046 + 724,511 (kept as printed, tested)."),
]
FACILITY_GROUP = {"cost-cap": ("経費上限・内訳", 708), "facility-effects": ("抑制額・歳入増", 710),
                  "facility-reduction": ("削減額", 710), "floor-area": ("建物総量上限", 730)}


def facility_rows(line: Lines) -> list[dict]:
    """Figures of the three 公共施設等総合管理計画 tables (two years each, headings printed after the data)."""
    expect(line, 708, "■公共施設の整備費及び維持管理経費")
    expect(line, 710, "■公共施設等総合管理計画に基づく各取組みの効果額")
    expect(line, 730, "■建物総量上限")
    out = []
    for table, slug, n, label, semantics, note in FACILITY_ROWS:
        text = line(n).strip()
        assert text.startswith(label), (n, text)
        texts = text[len(label):].split()
        assert len(texts) == 2, (n, texts)
        for col, cell in zip(COLUMNS[:2], texts, strict=True):
            out.append(figure(table, slug, col, cell, n, row_label_ja=label,
                              sub_item=FACILITY_GROUP[table][0] if table.startswith("facility-") else "",
                              is_total="true" if semantics in ("sum", "cumulative") else "false",
                              total_semantics=semantics, note=note))
    return out


def affiliated_rows(line: Lines) -> list[dict]:
    """The printed figures of 2 外郭団体の見直し: the two counts and the one change with numbers."""
    text = expect(line, 611, "研修・講習会受講者延べ人数（320名→590名）")
    out = [
        figure("affiliated-bodies", "policies", ("count", "改革の取組み方針の数", None), "5", 604,
               row_label_ja="外郭団体改革基本方針における5つの改革の取組み方針", unit="",
               total_semantics="level", note="Count as printed; the five 方針 are listed at lines 624-628 (tested)."),
        figure("affiliated-bodies", "bodies", ("count", "団体数", None), "11団体", 605,
               row_label_ja="11団体ごとに改革を", total_semantics="level",
               note="Count as printed; the eleven 団体 are listed at lines 644-654 (tested)."),
    ]
    expect(line, 604, "5つの改革の取組み方針")
    before, after = re.search(r"（(\d+名)→(\d+名)）", text).groups()
    for slug, label, cell in (("before", "変更前", before), ("after", "変更後", after)):
        out.append(figure("affiliated-bodies", "sports-training", (slug, label, None), cell, 611,
                          row_label_ja="研修・講習会受講者延べ人数", sub_item="世田谷区スポーツ振興財団",
                          note="Printed 「（320名→590名）」 among the 主な計画の変更点（令和5年度） (line 622); "
                               "the text does not say which years the two numbers belong to."))
    for row in out:
        row["is_estimate"], row["as_of"] = "false", ""
    return out


def affiliated_lists(line: Lines) -> list[dict]:
    """The five 改革の取組み方針 (lines 624-628) and the eleven 外郭団体 (lines 644-654) as printed."""
    out = []
    for kind, first, last in (("policy", 624, 628), ("body", 644, 654)):
        for pos, n in enumerate(range(first, last + 1), start=1):
            name = re.sub(r"^[0-9０-９]+ ", "", line(n).strip())
            out.append({"entry_id": f"{PLAN}:affiliated:{kind}-{pos}", "kind": kind, "position": pos,
                        "name_ja": name, "source_document": SEED_NAME, "source_line": n})
    assert out[5]["name_ja"] == "せたがや文化財団" and out[-1]["name_ja"] == "多摩川緑地広場管理公社"
    return out


def build_rows(line: Lines) -> dict[str, list[dict]]:
    """Rows of reform_items, reform_figures and affiliated_bodies."""
    item_rows = items(line)
    figures = effect_rows(line, item_rows) + facility_rows(line) + affiliated_rows(line)
    for it in item_rows:
        del it["_cells"]
    assert len({f["figure_id"] for f in figures}) == len(figures)
    return {"reform_items": item_rows, "reform_figures": figures, "affiliated_bodies": affiliated_lists(line)}


def resources(f: Callable[..., dict], src_fields: list[dict], id_rule: dict) -> list[dict]:
    """Descriptors of the three resources (F builds a field; SRC_FIELDS are source_document/line)."""
    reform_fk = {"fields": ["item_id"], "reference": {"resource": "reform_items", "fields": ["item_id"]}}
    return [
        {
            "name": "reform_items", "title": "Administrative reform initiatives",
            "title_ja": "行政経営改革の取組み",
            "description": "The 35 initiatives (取組み) of chapter 4 行政経営改革 of the summary (別紙1), as listed "
                           "in its 行政経営改革効果額 table (lines 742-934), with their 視点 and 基本方針.",
            "fields": [
                f("item_id", "string", "Initiative ID", "Portal identifier.", constraints=id_rule),
                f("code", "string", "Code", "As printed in the 効果額 table (the 10視点 list prints 2-2 as 2-3, line 413)."),
                f("viewpoint", "integer", "視点 number", "The number before the hyphen (1-10)."),
                f("viewpoint_ja", "string", "視点", "Name of the 視点 as printed in the 10視点 list (wrapped lines joined)."),
                f("basic_policy_ja", "string", "基本方針",
                  "Printed as vertical text, one character per line (lines 380-396, 453-467, 517-531), joined."),
                f("name_ja", "string", "Name (Japanese)", "As printed in the 効果額 table, without the (＊) mark."),
                f("effect_marks", "integer", "○ marks",
                  "Number of ○ printed in the 削減額/抑制額/歳入増 columns; which column is lost in the text."),
                f("excluded_from_total", "boolean", "Excluded from 合計",
                  "(＊) printed after the name: the 合計 row excludes it (line 1049: 5-1 and 9-1 再掲分)."),
            ] + src_fields,
            "primaryKey": ["item_id"], "foreignKeys": [],
        },
        {
            "name": "reform_figures", "title": "Administrative reform figures", "title_ja": "行政経営改革の数値",
            "description": "Every figure of chapter 4 of the summary (別紙1): effect amounts (効果額, thousand yen) per "
                           "initiative and the summary rows (lines 731-1066), the 公共施設等総合管理計画 tables "
                           "(cost caps in 億円, effect amounts in 千円, building totals; lines 655-730) and the "
                           "外郭団体 figures (lines 602-654). One printed cell per row; nothing computed. Printed "
                           "totals are marked by total_semantics and checked against their parts by the tests.",
            "fields": [
                f("figure_id", "string", "Figure ID", "Portal identifier.", constraints=id_rule),
                f("table", "string", "Table", "effects (行政経営改革効果額), cost-cap (経費上限), facility-effects "
                  "(抑制額・歳入増), facility-reduction (削減額), floor-area (建物総量上限) or affiliated-bodies.",
                  constraints={"enum": ["effects", "cost-cap", "facility-effects", "facility-reduction",
                                        "floor-area", "affiliated-bodies"]}),
                f("item_id", "string", "Initiative", "FK reform_items; empty for other rows."),
                f("row_label_ja", "string", "Row label", "As printed; empty where the row has no label."),
                f("label_line", "integer", "Line of the label", "Where the label is printed (some labels follow "
                  "their figures by up to 120 lines)."),
                f("sub_item", "string", "Sub-item", "Part of a row label (e.g. 削減額) where one label covers two rows."),
                f("column_ja", "string", "Column", "Column heading as printed (令和4年度見込み, 令和5年度計画, 合計)."),
                f("fiscal_year", "integer", "Fiscal year", "Western fiscal year; empty for 合計 and counts."),
                f("is_total", "boolean", "Is a total", "True for printed totals (合計 column or row, 小計, 累計額)."),
                f("total_semantics", "string", "Meaning of the total", "sum (of years or rows, tested), "
                  "cumulative (running total, tested), level (a count or stock), or empty.",
                  constraints={"enum": ["sum", "cumulative", "level"]}),
                f("value", "number", "Value", "The number as printed (digits folded to ASCII, separators "
                  "dropped); empty for ―."),
                f("value_text", "string", "Cell as printed", "The cell exactly as printed."),
                f("unit", "string", "Unit", "As printed (千円, 億円, 施設, ㎡, 名, 団体)."),
                f("is_estimate", "boolean", "Is estimate", "True for 令和4年度見込み."),
                f("as_of", "string", "As of", "Date note as printed (line 784) for estimates."),
                f("note", "string", "Note", "Extraction note: unlabelled rows, inferred labels, printed differences."),
            ] + src_fields,
            "primaryKey": ["figure_id"], "foreignKeys": [reform_fk],
        },
        {
            "name": "affiliated_bodies", "title": "Affiliated bodies and reform policies",
            "title_ja": "外郭団体と改革の取組み方針",
            "description": "The five 改革の取組み方針 of the 外郭団体改革基本方針 (lines 624-628) and the eleven "
                           "外郭団体 (lines 644-654) as printed.",
            "fields": [
                f("entry_id", "string", "Entry ID", "Portal identifier.", constraints=id_rule),
                f("kind", "string", "Kind", "policy (改革の取組み方針) or body (外郭団体).",
                  constraints={"enum": ["policy", "body"]}),
                f("position", "integer", "Position", "Order as printed."),
                f("name_ja", "string", "Name (Japanese)", "As printed (the policy number removed)."),
            ] + src_fields,
            "primaryKey": ["entry_id"], "foreignKeys": [],
        },
    ]
