"""Seed 004's printed text around the 推進施策 as rows: 現状・課題・取組みの方向性 and two コラム.

Imported by tools/extract/seed001_004.py, which writes the resource `texts` of datasets/hoken-fukushi-plan.
The section labels of 004 are displaced in the extraction: 「現状やこれまでの取組み」「めざす姿」 come
after the めざす姿 statement, 「今後の課題」「取組みの方向性」 after both bullet lists, and part of the
現状 is printed before the めざす姿 title (the page's first column). Each block's span is therefore
located by hand below, and the extractor asserts that each span's first and last words are printed
there. A block is read as printed: one row per ● bullet (a コラム: one row per paragraph, i.e. up to a
line that ends with 「。」), each line stripped, wrapped lines joined with no space, no NFKC, the
bullet ● removed from the start. Tables printed inside a block (EXCLUDED) are not text: their
figures are in context_statistics or not published; a row never spans one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SEED004 = "004_77d912f534da2e2e.txt"
PLAN = "hoken-fukushi-plan"
REVISION = f"{PLAN}:r2024"
HEADINGS = {"current_state": "現状やこれまでの取組み", "issues": "今後の課題", "direction": "取組みの方向性"}
Span = tuple[int, int, str, str]  # first line, last line, first words, last words

#: Per めざす姿 (推進施策, めざす姿): heading lines (現状, 課題, 方向性) and the spans of each block.
#: 現状 may be printed in two parts (before the めざす姿 title and after the headings).
AIMS: dict[tuple[int, int], dict[str, Any]] = {
    (1, 1): {"lines": (261, 403, 405),
             "current_state": [(193, 215, "困りごとを抱えた区民が早", "した対応を行っています。"),
                               (266, 284, "「福祉の相談窓口」の区民", "付体制を構成しています。")],
             "issues": [(347, 371, "区民全体の福祉の相談窓口", "していく必要があります。")],
             "direction": [(377, 397, "「福祉の相談窓口」の認知", "化し、対応していきます。")]},
    (1, 2): {"lines": (679, 752, 754),
             "current_state": [(635, 655, "各地域の保健福祉センター", "た支援を実施しています。")],
             "issues": [(684, 696, "区では、これまで８０５０", "なげなければなりません。")],
             "direction": [(702, 730, "これまで強化してきた８０", "となって支援を行います。")]},
    (1, 3): {"lines": (960, 1023, 1025),
             "current_state": [(912, 936, "区では、高齢者や障害者、", "相談に繋がる方もいます。")],
             "issues": [(965, 979, "各分野や制度ごとにアウト", "る体制づくりが必要です。")],
             "direction": [(985, 1015, "これまで区が取り組んでき", "関係を構築していきます。")]},
    (1, 4): {"lines": (1187, 1238, 1240),
             "current_state": [(1125, 1161, "区では社会福祉協議会の職", "事業」を実施しています。")],
             "issues": [(1192, 1206, "複雑化・複合化した課題を", "会資源の開発が必要です。")],
             "direction": [(1212, 1234, "複雑化・複合化した課題や", "ます。")]},
    (2, 1): {"lines": (1424, 1495, 1497),
             "current_state": [(1372, 1408, "令和４年度（２０２２年度", "識の向上を図っています。"),
                               (1427, 1447, "在宅で療養生活を送るため", "生活支援を進めています。")],
             "issues": [(1453, 1469, "在宅医療及びACPについ", "なつなぎが求められます。")],
             "direction": [(1475, 1489, "本人や家族等が希望する在", "体制を構築していきます。")]},
    (3, 1): {"lines": (1833, 1868, 1870),
             "current_state": [(1785, 1817, "高齢者については、介護保", "けた支援を行っています。")],
             "issues": [(1836, 1844, "住み慣れた地域で安心して", "実させる必要があります。")],
             "direction": [(1850, 1856, "各分野においては、必要な", "制を整えます。")]},
    (4, 1): {"lines": (2217, 2297, 2299),
             "current_state": [(2165, 2203, "令和２年度（2020年度", "事業を実施しています。"),
                               (2220, 2224, "高齢者の自立した生活を支", "ます。")],
             "issues": [(2230, 2258, "平均寿命の延びに対して６", "取り組むことが重要です。")],
             "direction": [(2264, 2290, "６５歳健康寿命の延伸に向", "会拡充を図っていきます。")]},
    (5, 1): {"lines": (2696, 2731, 2733),
             "current_state": [(2628, 2680, "区は、平成１９年（200", "事業」を実施しています。"),
                               (2701, 2703, "特に難しいといわれている", "精神障害者を加えました。")],
             "issues": [(2709, 2711, "高齢者、障害者、子育て世", "めていく必要があります。")],
             "direction": [(2717, 2727, "住まいを確保することが困", "よう努めます。")]},
    (5, 2): {"lines": (2979, 3010, 3012),
             "current_state": [(2929, 2951, "区では、住み慣れた地域で", "協力依頼を行っています。")],
             "issues": [(2984, 2996, "ひとり暮らし高齢者や高齢", "っています。")],
             "direction": [(3002, 3006, "在宅での自立した生活を送", "きます。")]},
    (6, 1): {"lines": (3360, 3427, 3429),
             "current_state": [(3298, 3312, "「福祉の相談窓口」に寄せ", "な取組みを行っています。"),
                               (3363, 3377, "子ども・子育て関係の社会", "ー事業を実施しています。")],
             "issues": [(3383, 3395, "障害者の地域移行や精神障", "強化する必要があります。")],
             "direction": [(3401, 3419, "引き続き、「福祉の相談窓", "有などの強化を図ります。")]},
    (7, 1): {"lines": (3656, 3717, 3719),
             "current_state": [(3575, 3646, "区では、三茶おしごとカフ", "人が多い状況にあります。"),
                               (3659, 3663, "また、令和６年（2024", "も改善される見通しです。")],
             "issues": [(3669, 3685, "労働市場は求人が多い状況", "く必要があります。")],
             "direction": [(3691, 3713, "相談者のニーズにより一層", "さらに充実していきます。")]},
    (8, 1): {"lines": (3949, 4075, 4077),
             "current_state": [(3891, 3909, "世田谷区における不登校（", "働きかけを行っています。"),
                               (3954, 4004, "令和２年度（2020年度", "ます。")],
             "issues": [(4005, 4037, "不登校児童・生徒の増加傾", "と教育の連携が必要です。")],
             "direction": [(4043, 4067, "不登校を未然に防ぐことや", "情報の連携を推進します。")]},
    (8, 2): {"lines": (4315, 4395, 4397),
             "current_state": [(4249, 4295, "教育相談室では、学校や社", "居場所を提供しています。"),
                               (4320, 4346, "多世代交流の場として親し", "支援もおこなっています。")],
             "issues": [(4352, 4364, "児童館が地区の子どもの居", "る必要があります。")],
             "direction": [(4370, 4388, "子どもを中心とする放課後", "協働の意識を醸成します。")]},
    (9, 1): {"lines": (4695, 4764, 4766),
             "current_state": [(4641, 4665, "「区民意識調査」では、区", "仕組みづくりが必要です。"),
                               (4698, 4702, "ひきこもり状態にある方の", "場を充実させてきました。")],
             "issues": [(4708, 4728, "社会的な孤立や孤独が深刻", "速させる必要があります。")],
             "direction": [(4734, 4754, "地域住民同士が継続的に交", "加を加速させていきます。")]},
    (10, 1): {"lines": (5123, 5156, 5158),
              "current_state": [(5069, 5103, "２４時間どこからでも入り", "かけなどを行っています。")],
              "issues": [(5126, 5138, "令和４年度（2022年度", "りの状況が続いています。")],
              "direction": [(5144, 5152, "身近な地区で行われる防犯", "ます。")]},
}
#: Tables printed inside the blocks above (not text).
EXCLUDED = [(217, 241), (270, 274), (286, 346), (357, 361), (732, 748), (1392, 1398), (2638, 2658),
            (2939, 2943), (2953, 2967), (3314, 3340), (3579, 3640), (3895, 3897), (3911, 3921),
            (4255, 4259), (4267, 4273)]
#: コラム: (推進施策, title line, title as printed (wrapped lines joined), body spans). The body is printed
#: before the title (ACP: around it); sub-headings (◆, ●), lists, tables, captions and URLs are not paragraphs.
COLUMNS: list[tuple[int, int, str, list[Span]]] = [
    (1, 621, "「福祉の相談窓口」の誕生とこれから",
     [(553, 619, "人口約92万人、日常生活", "進化を求められています。")]),
    (2, 1753, "ACP（人生会議）普及啓発に関する取組み～区内大学との連携～",
     [(1709, 1711, "区では、ACP（人生会議", "ポスターを作成しました。"),
      (1737, 1745, "この取組みは、ACPにつ", "デザインを考案しました。"),
      (1758, 1770, "作成したポスターは、区が", "普及を進めてまいります。")]),
    (3, 2112, "ぷらっとホーム世田谷",
     [(2058, 2084, "“ぷらっと” 気軽に立ち", "携して支援していきます。"),
      (2146, 2148, "上記の他、くるくるひろば", "事業）なども行っている。")]),
    (4, 2613, "世田谷区国民健康保険健康ポイント事業のご紹介",
     [(2585, 2589, "世田谷区国民健康保険に加", "たる内容となっています。"),
      (2599, 2605, "事業に参加することで健康", "は、以下をご覧ください。")]),
    (5, 2928, "お部屋探しサポート",
     [(2874, 2880, "世田谷区と協定を結んだ不", "サポートも行っています。")]),
    (5, 3259, "障害者グループホーム",
     [(3247, 3257, "グループホームとは、障害", "ムの整備を進めています。")]),
    (5, 3281, "認知症高齢者グループホーム",
     [(3269, 3279, "認知症高齢者グループホー", "画的に進めてまいります。")]),
    (6, 3560, "移動販売車の誘致による買い物支援の取り組み",
     [(3514, 3556, "「福祉の相談窓口」では、", "められています。")]),
    (7, 3876, "世田谷・福祉生まれのモノゴトを届ける‟せせせ″",
     [(3852, 3862, "２０２２年１２月、区では", "賃向上を目指しています。"),
      (3866, 3874, "本事業では、オンラインシ", "業の輪が広がっています。")]),
    (8, 4626, "10 周年を迎える「メルクマールせたがや」",
     [(4578, 4594, "メルクマールせたがや（以", "をサポートしてきました。"),
      (4598, 4606, "一方でこの10年の間に8", "居場所のみ年齢制限あり）"),
      (4612, 4614, "相談前に参加できる居場所", "気軽にお問合せください。"),
      (4618, 4622, "※「メルクマール」は、目", "込めて名付けられました。")]),
    (9, 5046, "ピアサポート事業 みつけばハウス",
     [(4992, 5008, "みつけばハウスは、当時、", "取組みを紹介いたします。"),
      (5014, 5018, "様々な体験ができる多種多", "ショナルです。"),
      (5024, 5032, "令和3年度（2021年度", "います。"),
      (5038, 5040, "「世界自閉症啓発デー」に", "携にも取り組んでいます。")]),
    (10, 5424, "「ながら見守り活動」をしませんか？",
     [(5416, 5422, "決められた人や団体だけが", "活動の輪を広げましょう！")]),
]


#: Where 「コラム」 is printed on a line of its own (elsewhere it ends the title line).
COLUMN_LABEL = {1753: 1756, 2112: 2150}
#: Marks that open a printed item and are dropped from its start (001 prints U+F0D8 and ■).
BULLETS = "●■\uf0d8"


def _check(lines: list[str], span: Span) -> None:
    """The span's first and last words are printed on its first and last lines."""
    a, b, first, last = span
    assert first in lines[a - 1], (a, first, lines[a - 1])
    assert lines[b - 1].rstrip().endswith(last), (b, last, lines[b - 1])


def pieces(lines: list[str], span: Span, paragraphs: bool,
           excluded: list[tuple[int, int]] = EXCLUDED) -> list[tuple[str, int, int]]:
    """(text, first line, last line) per bullet (PARAGRAPHS: per paragraph) of SPAN, EXCLUDED lines skipped."""
    _check(lines, span)
    out: list[list[Any]] = []
    open_row = False
    for n in range(span[0], span[1] + 1):
        text = lines[n - 1].strip()
        if any(a <= n <= b for a, b in excluded):
            open_row = False
            continue
        if not text:
            continue
        if text[0] in BULLETS or not open_row:
            out.append([text[1:].lstrip(" 　") if text[0] in BULLETS else text, n, n])
        else:
            out[-1][0] += text
            out[-1][2] = n
        open_row = not (paragraphs and text.endswith("。"))
    return [(t, a, b) for t, a, b in out]


def text_rows(rows: list[dict[str, Any]], local: str, revision: str, node: str, kind: str, heading: str,
              heading_line: int, items: list[tuple[str, int, int]], document: str) -> None:
    """Append one row of `texts` per item (text, first line, last line) of a block."""
    for k, (text, a, b) in enumerate(items, start=1):
        rows.append({"text_id": f"{PLAN}:text:{local}-{k}", "revision_id": revision, "node_id": node,
                     "kind": kind, "heading_ja": heading, "heading_line": heading_line, "position": k,
                     "text_ja": text, "source_document": document, "source_line": a, "source_line_end": b})


def build_rows(lines: list[str], node_ids: set[str]) -> list[dict[str, Any]]:
    """Rows of `texts` for seed 004: 現状・課題・方向性 per めざす姿, then the コラム per 推進施策."""
    rows: list[dict[str, Any]] = []

    def add(local: str, node: str, kind: str, heading: str, heading_line: int, items: list) -> None:
        assert node in node_ids, node
        text_rows(rows, local, REVISION, node, kind, heading, heading_line, items, SEED004)

    for (m, a), spec in AIMS.items():
        for kind, heading_line in zip(HEADINGS, spec["lines"], strict=True):
            assert lines[heading_line - 1].strip() == HEADINGS[kind], (heading_line, kind)
            items = [p for span in spec[kind] for p in pieces(lines, span, paragraphs=False)]
            add(f"aim-{m}-{a}-{kind.replace('_', '-')}", f"{PLAN}:r2024:aim-{m}-{a}", kind, HEADINGS[kind],
                heading_line, items)
    for m, title_line, title, spans in COLUMNS:
        printed = "".join(line.strip() for line in lines[title_line - 1:title_line + 2])
        label = COLUMN_LABEL.get(title_line, title_line)
        assert printed.startswith(title) and lines[label - 1].rstrip().endswith("コラム"), title_line
        add(f"measure-{m}-column-{title_line}", f"{PLAN}:r2024:measure-{m}", "column", title, title_line,
            [p for span in spans for p in pieces(lines, span, paragraphs=True)])
    assert len({r["text_id"] for r in rows}) == len(rows)
    return rows


def schema(F: Callable[..., dict], src: list[dict], kinds: list[str]) -> dict[str, Any]:
    """Table schema of `texts` (seed 004's texts and seed 001's items share it)."""
    return {"fields": [
        F("text_id", "string", "Text ID", "Portal identifier.", constraints={"required": True}),
        F("revision_id", "string", "Revision", "FK revisions: the version of the plan the text is printed in."),
        F("node_id", "string", "Node", "FK nodes: the 推進施策 (コラム) or めざす姿 (現状・課題・方向性) the text "
          "belongs to; empty for texts about the plan as a whole (the draft's 基本方針, 視点, 圏域, 策定体制)."),
        F("kind", "string", "Kind", "current_state (現状やこれまでの取組み), issues (今後の課題), direction "
          "(取組みの方向性), column (コラム), basic_policy (基本方針), viewpoint (視点), area (圏域) or "
          "planning_structure (策定体制).", constraints={"enum": kinds}),
        F("heading_ja", "string", "Heading", "The printed heading of the block (a コラム: its title)."),
        F("heading_line", "integer", "Line of the heading", "1-based line where heading_ja is printed; in 004 the "
          "section labels are printed after their text (displaced in the extraction)."),
        F("position", "integer", "Position", "Order of the paragraph or bullet within its block, as printed."),
        F("text_ja", "string", "Text", "As printed: one paragraph or ● bullet, each line stripped, wrapped lines "
          "joined with no space, no NFKC, the bullet removed from the start."),
        src[0],
        F("source_line", "integer", "First line", "Source span: first line of the text (1-based).",
          constraints={"required": True, "minimum": 1}),
        F("source_line_end", "integer", "Last line", "Source span: last line of the text (1-based).",
          constraints={"required": True, "minimum": 1}),
    ], "primaryKey": ["text_id"],
        "foreignKeys": [{"fields": "revision_id", "reference": {"resource": "revisions", "fields": "revision_id"}},
                        {"fields": "node_id", "reference": {"resource": "nodes", "fields": "node_id"}}],
        "missingValues": [""]}
