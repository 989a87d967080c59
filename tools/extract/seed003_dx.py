"""Seed 003 第3章 ＤＸの推進 as rows: the 4 方針, their 重点取組み and 取組み with texts and figures.

Imported by tools/extract/seed003.py, which writes the resources `dx_texts` and `dx_figures` into
datasets/mirai-plan-2022. The structure (方針, 重点取組み, ◆ 取組み内容) is read from the summary's
list (別紙1, lines 319-371). The detail pages (別紙2, lines 5084-5442) print three columns,
取組み内容 / 4年度の実績等 / 5年度の予定, one after the other as blocks of lines; each block's span is
located by hand below and the extractor asserts its first and last words are printed there. The
column of a block is its reading order (content, then FY2022, then FY2023), as in every block whose
text says which year it is about. Text is kept as printed: wrapped lines joined with no space (a
space only between two ASCII letters), no NFKC (ＤＸ stays full-width).
"""

from __future__ import annotations

import re
from collections.abc import Callable

SEED_NAME = "003_a0da86d5be0d2af2.txt"
PLAN = "mirai-plan-2022"
FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
Lines = Callable[[int], str]

#: 方針 as printed in the 別紙1 list (label lines) and the 別紙2 heading line.
POLICIES = [(1, (323, 324), 5149), (2, (337, 338), 5206), (3, (352, 353), 5342), (4, (368, 369), 5418)]
#: 重点取組み: (方針, code as printed, name as printed in 別紙1, line in 別紙1, heading line in 別紙2).
FOCUSES = [
    (1, "01", "オンライン手続き", 326, 5147), (1, "02", "オンライン相談", 331, 5153),
    (1, "03", "キャッシュレス", 335, 5175),
    (2, "01", "気軽な区民参加", 340, 5204), (2, "02", "ニーズのみえる化", 344, 5247),
    (2, "03", "コミュニケーションの多様化", 346, 5275), (2, "04", "デジタルデバイド対策", 350, 5306),
    (3, "01", "どこでも繋がるネットワーク", 355, 5340), (3, "02", "オンラインツール（zoom等）活用の拡充", 360, 5369),
    (3, "03", "コミュニケーションの活性化", 362, 5391), (3, "04", "オープンデータ", 364, 5392),
    (4, "", "DX人材の育成・確保", 371, 5416),
]
#: 取組み: (方針, 重点取組み code, 別紙1 ◆ line(s), content span, FY2022 span, FY2023 span) in 別紙2.
ITEMS = [
    (1, "01", (327, 327), (5120, 5121), (5123, 5128), (5130, 5132)),
    (1, "01", (328, 329), (5134, 5138), (5140, 5141), (5143, 5145)),
    (1, "02", (332, 333), (5157, 5160), (5162, 5166), (5168, 5172)),
    (1, "03", (335, 335), (5179, 5180), (5182, 5193), (5195, 5201)),
    (2, "01", (341, 341), (5210, 5211), (5213, 5217), (5219, 5222)),
    (2, "01", (342, 342), (5224, 5226), (5228, 5238), (5240, 5242)),
    (2, "02", (344, 344), (5251, 5257), (5259, 5268), (5270, 5273)),
    (2, "03", (347, 347), (5279, 5281), (5283, 5287), (5289, 5292)),
    (2, "03", (348, 348), (5294, 5295), (5297, 5302), (5304, 5305)),
    (2, "04", (350, 350), (5310, 5311), (5313, 5325), (5327, 5332)),
    (3, "01", (357, 358), (5346, 5349), (5351, 5357), (5359, 5365)),
    (3, "02", None, (5373, 5376), (5378, 5382), (5384, 5389)),
    (3, "04", (365, 366), (5396, 5400), (5402, 5408), (5410, 5413)),
    (4, "", (371, 371), (5422, 5422), (5422, 5432), (5434, 5440)),
]
#: Figures: (slug, line, printed text, label as printed, unit, semantics, as-of, note).
FIGURES = [
    ("web-debit-count", 5128, "6,430件", "実績件数（対象９科目合計）", "件", "level", "令和4年 10月末現在",
     "A total over nine 科目 whose parts are not printed: kept as a level."),
    ("web-debit-subjects", 5128, "９科目", "対象科目", "科目", "level", "", ""),
    ("procedures-total", 5134, "26手続", "国が指定する手続", "手続", "sum", "", "子育て15 + 介護11 (tested)."),
    ("procedures-childcare", 5135, "15手続", "子育て", "手続", "", "", ""),
    ("procedures-care", 5135, "11手続", "介護", "手続", "", "", ""),
    ("online-consultation-centres", 5165, "5か所", "モデルまちづくりセンター", "か所", "level", "", ""),
    ("online-consultation-sections", 5165, "4課", "各総合支所保健福祉センター", "課", "level", "", ""),
    ("cashless-counters", 5183, "10か所", "くみん窓口及び出張所", "か所", "level", "令和４年９月27日より", ""),
    ("cashless-credit", 5185, "６種", "クレジットカード", "種", "", "", ""),
    ("cashless-emoney", 5186, "６種", "電子マネー", "種", "", "", ""),
    ("cashless-qr", 5187, "８種", "二次元コード決済", "種", "", "", ""),
    ("line-survey-public-comment", 5216, "1回", "パブリックコメント", "回", "", "", ""),
    ("line-survey-event", 5217, "1回", "イベントアンケート", "回", "", "", "The label is wrapped: イベントアン / ケート."),
    ("decidim-workshops", 5233, "３回", "区民検討会議（ワークショップ）", "回", "level", "７月から",
     "Printed 「計３回」: a count of meetings, kept as a level."),
    ("smartphone-anshin-min", 5315, "２回", "各あんしんすこやかセンター（年度内、以上）", "回", "", "",
     "Printed 「年度内２回以上」: a minimum."),
    ("smartphone-anshin", 5317, "60回", "あんしんすこやかセンターのスマートフォン教室", "回", "level",
     "令和４年11月末時点", ""),
    ("smartphone-districts", 5318, "28", "各地区", "箇所", "level", "", "Printed 「各地区(28箇所)」."),
    ("smartphone-basic-each", 5321, "５回", "基礎講座（各地区）", "回", "", "", ""),
    ("smartphone-basic-total", 5321, "140回", "基礎講座（計）", "回", "sum",
     "", "Printed 「(計140回)」: ５回 in each of the 28 地区 (tested)."),
    ("smartphone-help-each", 5322, "２回", "操作相談会（各地区）", "回", "", "", ""),
    ("smartphone-help-total", 5323, "56回", "操作相談会（計）", "回", "sum", "",
     "Printed 「(計56回)」: ２回 in each of the 28 地区 (tested)."),
    ("smartphone-basic-done", 5324, "95回", "基礎講座（実施）", "回", "", "12月末時点", ""),
    ("smartphone-help-done", 5325, "38回", "操作相談会（実施）", "回", "", "12月末時点", ""),
    ("terminals-fy2022", 5357, "3200台", "新事務用端末（令和4年度）", "台", "", "", ""),
    ("terminals-fy2023", 5365, "3400台", "新事務用端末（令和5年度）", "台", "", "", ""),
    ("terminals-tools-fy2022", 5382, "3200台", "新事務用端末調達（R４年度）", "台", "", "", "Repeats line 5357."),
    ("terminals-tools-fy2023", 5388, "3400台", "新事務用端末調達（R５年度、予定）", "台", "", "", "Repeats line 5365."),
    ("training-managers", 5426, "200名", "管理職向け（対象）", "名", "", "", ""),
    ("training-leaders", 5427, "151名", "DX推進リーダー向け（対象）", "名", "", "", ""),
    ("training-online-people", 5429, "181名", "オンライン研修（延べ）", "名", "", "1月時点", ""),
    ("training-online-hours", 5429, "3,000時間", "オンライン研修（約）", "時間", "", "1月時点",
     "Printed 「約3,000時間」: an approximate figure."),
    ("training-all-staff", 5431, "53名", "全職員向けDX講習会", "名", "", "", ""),
]


def joined(line: Lines, span: tuple[int, int] | None, skip_prefix: str = "") -> str:
    """The lines of SPAN joined as printed (wraps joined with no space, ◆ dropped)."""
    if span is None:
        return ""
    out = ""
    for n in range(span[0], span[1] + 1):
        part = line(n).strip()
        part = part.split("◆", 1)[1] if "◆" in part else part
        if n == span[0] and skip_prefix:
            part = part.removeprefix(skip_prefix).strip()
        if not part:
            continue
        if out and re.match(r"[A-Za-z]", part[0]) and re.match(r"[A-Za-z]", out[-1]):
            out += " "
        out += part
    return re.sub(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])", "", out)  # PDF spacing: keep spaces between ASCII


def policy_rows(line: Lines) -> list[dict]:
    """The four 方針 (from the 別紙1 list, heading line in 別紙2)."""
    out = []
    for number, span, heading in POLICIES:
        name = joined(line, span)
        assert re.sub(r"^（[0-9０-９１-４]）", "", name) in line(heading).replace("(", "（").replace(")", "）") or \
            name[3:] in line(heading), (name, line(heading))
        out.append(text_row(f"policy-{number}", "policy", "", number, name, span, "", heading))
    return out


def text_row(local: str, kind: str, parent: str, position: int, name: str, span: tuple[int, int] | None,
             code: str, heading_line: int) -> dict:
    """One row of dx_texts with empty columns for content, FY2022 and FY2023."""
    return {"text_id": f"{PLAN}:dx:{local}", "kind": kind, "parent_id": f"{PLAN}:dx:{parent}" if parent else "",
            "code": code, "position": position, "name_ja": name,
            "name_line": span[0] if span else "", "detail_line": heading_line,
            "content_ja": "", "content_start": "", "content_end": "",
            "fy2022_ja": "", "fy2022_start": "", "fy2022_end": "",
            "fy2023_ja": "", "fy2023_start": "", "fy2023_end": "",
            "source_document": SEED_NAME, "source_line": span[0] if span else heading_line}


def focus_rows(line: Lines) -> list[dict]:
    """The 重点取組み under each 方針."""
    out = []
    for policy, code, name, list_line, heading in FOCUSES:
        assert name in line(list_line) and (name.replace("（zoom等）", "") in line(heading)), (name, heading)
        local = f"policy-{policy}-focus-{code or 'x'}"
        pos = int(code) if code else 1
        out.append(text_row(local, "focus", f"policy-{policy}", pos, name, (list_line, list_line), code, heading))
    return out


def item_rows(line: Lines) -> list[dict]:
    """The 取組み with their three columns and source spans."""
    out, counts = [], {}
    for policy, code, list_span, content, fy22, fy23 in ITEMS:
        parent = f"policy-{policy}-focus-{code or 'x'}"
        counts[parent] = counts.get(parent, 0) + 1
        name = joined(line, list_span) if list_span else joined(line, content)
        row = text_row(f"{parent}-item-{counts[parent]}", "item", parent, counts[parent], name,
                       list_span or content, code, content[0])
        content_text = joined(line, content)
        first = content_text if content[0] != fy22[0] else "ＤＸ人材の育成"
        row.update(content_ja=first, content_start=content[0], content_end=content[1],
                   fy2022_ja=joined(line, fy22, skip_prefix=first if content[0] == fy22[0] else ""),
                   fy2022_start=fy22[0], fy2022_end=fy22[1],
                   fy2023_ja=joined(line, fy23), fy2023_start=fy23[0], fy2023_end=fy23[1])
        out.append(row)
    assert len(out) == 14
    return out


def figure_rows(line: Lines) -> list[dict]:
    """Every figure printed in the chapter's detail pages, on its line."""
    out = []
    for slug, n, text, label, unit, semantics, as_of, note in FIGURES:
        assert text in line(n), (n, text, line(n))
        value = re.search(r"[0-9０-９][0-9０-９,]*", text).group(0).translate(FW_DIGITS).replace(",", "")
        out.append({"figure_id": f"{PLAN}:dx:{slug}", "label_ja": label, "value": value, "value_text": text,
                    "unit": unit, "is_total": "true" if semantics == "sum" else "false",
                    "total_semantics": semantics, "as_of": as_of, "note": note,
                    "source_document": SEED_NAME, "source_line": n})
    return out


def build_rows(line: Lines) -> dict[str, list[dict]]:
    """Rows of dx_texts and dx_figures."""
    return {"dx_texts": policy_rows(line) + focus_rows(line) + item_rows(line), "dx_figures": figure_rows(line)}


def resources(f: Callable[..., dict], src_fields: list[dict], id_rule: dict) -> list[dict]:
    """Descriptors of dx_texts and dx_figures (F builds a field; SRC_FIELDS are source_document/line)."""
    span = [f(f"{col}_{end}", "integer", f"{title} {end}", f"{end.capitalize()} line of the {title} block (empty if none).")
            for col, title in (("content", "取組み内容"), ("fy2022", "4年度の実績等"), ("fy2023", "5年度の予定"))
            for end in ("start", "end")]
    return [
        {
            "name": "dx_texts", "title": "Digital transformation: policies, focus areas and initiatives",
            "title_ja": "ＤＸの推進：方針・重点取組み・取組み",
            "description": "Chapter 3 ＤＸの推進: 4 policies (方針), 12 focus areas (2年間の重点取組み) and 14 initiatives "
                           "with their text in three columns as printed (取組み内容, 4年度の実績等, 5年度の予定) and the "
                           "lines of each block. The columns are read in the order the blocks are printed.",
            "fields": [
                f("text_id", "string", "Text ID", "Portal identifier.", constraints=id_rule),
                f("kind", "string", "Kind", "policy (方針), focus (重点取組み) or item (取組み).",
                  constraints={"enum": ["policy", "focus", "item"]}),
                f("parent_id", "string", "Parent", "FK dx_texts; empty for policies."),
                f("code", "string", "Code", "重点取組み number as printed (01-04); empty where none is printed."),
                f("position", "integer", "Position", "Order among siblings."),
                f("name_ja", "string", "Name (Japanese)", "As printed in the summary's list (◆ dropped, wraps joined)."),
                f("name_line", "integer", "Line of the name", "Line in the summary's list (lines 319-371); for the one "
                  "initiative the list does not print (3-02), its first line in the detail pages."),
                f("detail_line", "integer", "Line in the detail pages", "Heading or first line in lines 5084-5442."),
                f("content_ja", "string", "取組み内容", "As printed."),
                f("fy2022_ja", "string", "4年度の実績等", "As printed (FY2022 results and status)."),
                f("fy2023_ja", "string", "5年度の予定", "As printed (FY2023 plans)."),
            ] + span + src_fields,
            "primaryKey": ["text_id"],
            "foreignKeys": [{"fields": ["parent_id"], "reference": {"resource": "dx_texts", "fields": ["text_id"]}}],
        },
        {
            "name": "dx_figures", "title": "Digital transformation figures", "title_ja": "ＤＸの推進の数値",
            "description": "Every figure printed in chapter 3 ＤＸの推進 (lines 5084-5442), on its line; totals are "
                           "marked and checked against their parts by the tests.",
            "fields": [
                f("figure_id", "string", "Figure ID", "Portal identifier.", constraints=id_rule),
                f("label_ja", "string", "Label", "What is counted, in the words printed around the figure."),
                f("value", "number", "Value", "The number as printed (digits folded to ASCII, separators dropped)."),
                f("value_text", "string", "Printed", "The figure with its unit as printed."),
                f("unit", "string", "Unit", "As printed."),
                f("is_total", "boolean", "Is a total", "True for printed totals (計, 合計)."),
                f("total_semantics", "string", "Meaning of the total", "sum (tested against its parts) or level "
                  "(a count or a total whose parts are not printed).", constraints={"enum": ["sum", "level"]}),
                f("as_of", "string", "As of", "Date note as printed."),
                f("note", "string", "Note", "Extraction note."),
            ] + src_fields,
            "primaryKey": ["figure_id"], "foreignKeys": [],
        },
    ]
