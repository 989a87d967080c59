"""Build the `sogo-senryaku-2015` Data Package from seed 000 (世田谷区総合戦略（素案）, 2015).

Reads /work/shared/seeds/000_076715ebbd3c51e9.txt (and 003_a0da86d5be0d2af2.txt lines 1279–1297
for the adopted strategy's 基本目標) and writes datasets/sogo-senryaku-2015/*.csv and
datapackage.json deterministically. Every name and text is read from the cited line of the seed
(the extractor checks it is there); every number is checked against its source line.

Usage: python tools/extract/seed000.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[2])]
from command import run  # noqa: E402  (the extractors' shared command line)
from seed000_outlook import schema as texts_schema  # noqa: E402
from seed000_outlook import text_rows  # noqa: E402

from portal.packagefiles import write_package  # noqa: E402  (the portal's one package writer)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "datasets" / "sogo-senryaku-2015"

NAME = "sogo-senryaku-2015"
VERSION = "1.2.0"
CREATED = "2026-11-26T00:00:00+00:00"
#: What changed in 1.0.1 (a correction: wording only, no figure changed).
CHANGELOG_1_0_1 = {
    "version": "1.0.1", "kind": "revision", "date": "2026-12-02",
    "summary_ja": "対応表の注記（策定版の重点取組み11件）を、参照した資料の名で書き直した。項目の説明と版の注記も同様。数値の変更はない。",
    "summary_en": "Crosswalk notes of the 11 adopted-strategy initiatives, field descriptions and the revision note "
                  "name the documents at hand instead of a working name. No figure changed.",
}
#: What 1.1.0 added (a new resource; no earlier figure changed).
CHANGELOG_1_1_0 = {
    "version": "1.1.0", "kind": "revision", "date": "2026-12-02",
    "summary_ja": "かがみ文の「主な予定」（区民意見募集を含む策定までの日程、7件）を追加。数値の変更はない。",
    "summary_en": "Added the cover memo's schedule (主な予定: 7 steps to adoption, the resident consultation among them). "
                  "No figure changed.",
}
#: What changed in 1.1.1 (a correction of one English name; no figure changed).
CHANGELOG_1_1_1 = {
    "version": "1.1.1", "kind": "revision", "date": "2026-12-03",
    "summary_ja": "素案の柱(2)「地方との交流と豊かな暮らし」の英語名を改めた（「地方」は基本目標3の訳（regional areas）、"
                  "「豊かな暮らし」は重点取組み①の訳（richer lives）にそろえた）。数値の変更はない。",
    "summary_en": "The English name of the draft's pillar (2) 「地方との交流と豊かな暮らし」 reads 'Exchange with regional "
                  "areas and richer lives' instead of 'Exchange with regional Japan and rich living' (地方 translated as in "
                  "goal 3, 豊かな暮らし as in initiative ①). No figure changed.",
}
#: What 1.2.0 added (a new text resource; no figure changed).
CHANGELOG_1_2_0 = {
    "version": "1.2.0", "kind": "revision", "date": "2026-12-03",
    "summary_ja": "人口ビジョンの本文を追加（texts、17件）：「(2)将来の人口推計」の段落4件と図の注記2件、「(3)将来展望」の"
                  "①将来展望（段落2件、現状・課題と目指すべき方向性の表3行×2）と②総合戦略につながる3つの視点（3件）。"
                  "将来展望に新しい数値はなく、数値の変更はない。",
    "summary_en": "Added the Population Vision's text (texts, 17 rows): 4 paragraphs and 2 chart notes of (2)将来の人口推計, "
                  "and of (3)将来展望 the 2 paragraphs and the table of 3 rows × 2 (現状・課題, 目指すべき方向性) of ①将来展望 "
                  "and the 3 viewpoints of ②. The 将来展望 prints no new figure. No figure changed.",
}
#: The cover memo's 「３ 主な予定」 (lines 49-65): (first line, last line) of each step.
SCHEDULE_LINES = [(51, 51), (53, 53), (55, 57), (59, 59), (61, 61), (63, 63), (65, 65)]
SEED = "000_076715ebbd3c51e9.txt"
SEED_003 = "003_a0da86d5be0d2af2.txt"
PLAN = "sogo-senryaku-2015"
SOAN = f"{PLAN}:soan"
ADOPTED = f"{PLAN}:adopted"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def fold_number_text(text: str) -> str:
    """Fold full-width digits to ASCII and drop spaces and thousands separators."""
    return re.sub(r"[ \u3000,，]", "", text.translate(FULLWIDTH_DIGITS))


# --------------------------------------------------------------------------------------------
# Plan tree of the 素案: (pillar name line, aim line, direction line range, concept slug, name_en)
# and under each pillar its 重点取組み: (heading line, first ・ line, last ・ line, name_en,
# sub-item names in English). Line numbers are 1-based lines of seed 000.
# --------------------------------------------------------------------------------------------


@dataclass
class Initiative:
    """One 重点取組み with its ・ sub-items."""

    line: int
    first_sub: int
    last_sub: int
    name_en: str
    subs_en: list[str]


@dataclass
class Pillar:
    """One pillar of 基本的な考え方と方向性."""

    line: int
    aim_line: int
    direction: tuple[int, int]
    slug: str
    name_en: str
    initiatives: list[Initiative] = field(default_factory=list)


PILLARS: list[Pillar] = [
    Pillar(974, 1086, (980, 997), "population-trends", "Responding to population trends", [
        Initiative(1328, 1339, 1340, "Child-rearing support", [
            "Promoting child-rearing support at home and in the community",
            "Improving childcare and early childhood education",
        ]),
        Initiative(1342, 1355, 1358, "Support for children and families who need help", [
            "Support for families with parenting difficulties and children needing protection",
            "Support for children who need special consideration",
            "Support for children of single-parent, low-income and similar households",
            "Support for children with worries or difficulties",
        ]),
        Initiative(1360, 1372, 1375, "Support for children and young people", [
            "Supporting children's growth and activities",
            "Supporting young people's exchange and activities",
            "Promoting young people's social independence",
            "Supporting young people who find life hard",
        ]),
        Initiative(1382, 1395, 1395, "Seamless support from pregnancy onwards", [
            "Building and expanding a seamless support system for families from pregnancy "
            "through child-rearing",
        ]),
        Initiative(1398, 1405, 1407, "Promoting work-life balance", [
            "Working with employers",
            "An environment where it is easier to raise children while working",
            "Understanding and promoting harmony between work and life",
        ]),
        Initiative(1410, 1421, 1421,
                   "Promoting activities that connect people with their community and give "
                   "purpose in life", [
                       "Promoting mutual support in the community (listed again)",
                   ]),
        Initiative(1424, 1433, 1434, "Building the foundations of health, medical and welfare "
                   "services", [
                       "Stronger cooperation among health, medical care and welfare",
                       "Health and welfare services that support living at home",
                   ]),
    ]),
    Pillar(1087, 1091, (1093, 1106), "regional-exchange",
           "Exchange with regional areas and richer lives", [
               Initiative(1437, 1450, 1453,
                          "Richer lives for residents through exchange between municipalities", [
                              "Exchange through events (festivals, local products, hands-on "
                              "experiences, etc.)",
                              "Exchange in industry",
                              "Exchange in traditional culture and the arts",
                              "Exchange through volunteering",
                          ]),
               Initiative(1456, 1470, 1471, "Solving issues across a wider area", [
                   "Promoting the use of renewable energy in cooperation with friendship "
                   "municipalities",
                   "Setting up a (provisionally named) council of exchange-partner municipalities",
               ]),
           ]),
    Pillar(1187, 1191, (1193, 1210), "local-resources",
           "Using and revitalising local human resources and social resources", [
               Initiative(1499, 1512, 1514,
                          "Using and expanding existing networks (neighbourhood associations, "
                          "businesses, universities, etc.)", [
                              "Collaborative community-building by residents toward a rich "
                              "local society",
                              "Promoting young people's social independence",
                              "Developing and using Setagaya's human resources",
                          ]),
               Initiative(1517, 1533, 1535,
                          "Promoting area-based administration (district disaster "
                          "preparedness, integrated community care system)", [
                              "Promoting watch-over measures",
                              "Promoting mutual support in the community",
                              "Strengthening community disaster preparedness",
                          ]),
           ]),
]

# The adopted strategy's 基本目標 as cited in seed 003: (label line, name lines, concept slug,
# name_en). Order in the adopted strategy: 1 = 素案(1), 2 = 素案(3), 3 = 素案(2).
ADOPTED_GOALS: list[tuple[int, tuple[int, ...], str, str]] = [
    (1281, (1283,), "population-trends", "Realising the hopes of many generations"),
    (1285, (1287, 1289), "local-resources",
     "Building a vibrant local society that makes use of local human and social resources"),
    (1291, (1293, 1295, 1297), "regional-exchange",
     "Cooperation and exchange with regional areas and cities for enriched lives"),
]

CROSSWALK_PILLARS: dict[str, tuple[str, str, str]] = {
    # slug: (relation, note_ja, note_en)
    "population-trends": (
        "renamed",
        "素案の柱(1)「人口動向への対応」は策定版の基本目標１「多くの世代の希望の実現」に対応する"
        "（ポータルチームの判断）。素案の図（000 L382–394）の「多くの世代の希望がかない…持続可能な"
        "地域社会の実現を目指す」が基本目標１の名称と一致する。番号は同じ。",
        "素案 pillar (1) corresponds to adopted 基本目標1 (portal team's judgement): the 素案 "
        "diagram for pillar (1) (000 L382–394) leads to 「多くの世代の希望がかない…」, the wording "
        "of 基本目標1. Same number, new name.",
    ),
    "regional-exchange": (
        "renamed_and_renumbered",
        "素案の柱(2)「地方との交流と豊かな暮らし」は策定版の基本目標３「心豊かな暮らしを実現するため"
        "の地方・都市との連携・交流」に対応する（ポータルチームの判断）。素案の図（000 L231、L1158）"
        "に「心豊かな社会の実現」、目標（L1091）に「地方、近隣都市との…関係構築」とある。(2)→３。",
        "素案 pillar (2) corresponds to adopted 基本目標3 (portal team's judgement): the 素案 "
        "diagram says 「心豊かな社会の実現」 (000 L231, L1158) and the aim is about relations with "
        "regional areas and neighbouring cities (L1091). Renamed and moved from (2) to 3.",
    ),
    "local-resources": (
        "renamed_and_renumbered",
        "素案の柱(3)「地域人材と社会資源の活用・活性化」は策定版の基本目標２「地域人材と社会資源を"
        "活用した活力ある地域社会の構築」に対応する。素案の目標（000 L1191）「地域人材と社会資源を"
        "活用し、活力ある地域社会構築」とほぼ同文。(3)→２。",
        "素案 pillar (3) corresponds to adopted 基本目標2: its aim (000 L1191) is almost the same "
        "wording as the adopted name. Renamed and moved from (3) to 2.",
    ),
}

# --------------------------------------------------------------------------------------------
# 人口ビジョン figures. Each row: the value_text must occur on source_line; a value (if any) must
# be one of the numbers printed on source_line.
# --------------------------------------------------------------------------------------------

#: The figures of the population vision, one object per row as read from the seed (line table:
#: tools/extract/tables/seed000_population_vision.json; each row names its source line, and
#: build_rows checks that the printed value is really on that line).
PV_TABLE = Path(__file__).resolve().parent / "tables" / "seed000_population_vision.json"


def pv_rows() -> list[dict[str, Any]]:
    """Return the population_vision rows (before checking against the seed)."""
    table = json.loads(PV_TABLE.read_text(encoding="utf-8"))
    return [{"figure_id": f"{SOAN}:pv-{i:02d}", "revision_id": SOAN,
             **{k: v for k, v in row.items() if k != "source_line"},
             "is_projection": "true" if row["is_projection"] else "false",
             "source_document": SEED, "source_line": row["source_line"]}
            for i, row in enumerate(table, start=1)]


# --------------------------------------------------------------------------------------------
# Reading the seed
# --------------------------------------------------------------------------------------------


class Seed:
    """A seed text file addressed by 1-based line numbers."""

    def __init__(self, path: Path) -> None:
        """Read the file (UTF-8) and keep its lines."""
        self.name = path.name
        self.lines = path.read_text(encoding="utf-8").split("\n")

    def line(self, n: int) -> str:
        """Return line n (1-based) with trailing whitespace removed."""
        return self.lines[n - 1].rstrip()

    def text(self, n: int) -> str:
        """Return line n trimmed on both sides (ASCII and ideographic spaces)."""
        return self.lines[n - 1].strip(" \t\u3000")

    def block(self, first: int, last: int) -> str:
        """Join lines first..last: wrapped lines with no space, indented lines as new paragraphs."""
        paragraphs: list[str] = []
        for n in range(first, last + 1):
            raw = self.lines[n - 1].rstrip()
            if not raw.strip():
                continue
            starts_para = raw[:1] in (" ", "\u3000") or not paragraphs
            if starts_para:
                paragraphs.append(raw.strip(" \u3000"))
            else:
                paragraphs[-1] += raw.strip(" \u3000")
        return "\n".join(paragraphs)


HEADING = re.compile(r"^(\(\d\)|[①-⑳])(.+)$")


def split_heading(text: str) -> tuple[str, str]:
    """Split a heading such as 「①子育て支援」 into code and name."""
    m = HEADING.match(text)
    if not m:
        raise ValueError(f"not a numbered heading: {text!r}")
    return m.group(1), m.group(2).strip()


def node_row(**kw: Any) -> dict[str, Any]:
    """Return a nodes row with defaults for the optional columns."""
    row: dict[str, Any] = {
        "vision_ja": "", "direction_ja": "", "department_ja": "", "status": "published",
        "code": "", "parent_id": "",
    }
    row.update(kw)
    return row


def build_rows(shared: Path) -> dict[str, list[dict[str, Any]]]:
    """Read the seeds and return every resource's rows."""
    seed = Seed(shared / "seeds" / SEED)
    seed3 = Seed(shared / "seeds" / SEED_003)
    nodes = soan_nodes(seed)
    crosswalk = adopted_goals(seed3, nodes)
    pv = pv_rows()
    check_population_vision(seed, pv)
    pillar_names = {n["node_id"]: n["name_ja"] for n in nodes if n["level"] == "pillar"}
    return {
        "plans": plan_rows(seed), "revisions": revision_rows(seed, seed3), "nodes": nodes,
        "indicators": [], "observations": [], "population_vision": pv, "crosswalk": crosswalk,
        "schedule": schedule_rows(seed), "texts": text_rows(seed.lines, pillar_names),
    }


def schedule_rows(seed: Seed) -> list[dict[str, Any]]:
    """The 主な予定 as printed: the year carried down from the row that prints it, the time and the step."""
    assert seed.line(49).strip() == "３ 主な予定", seed.line(49)
    rows, year = [], ""
    for pos, (first, last) in enumerate(SCHEDULE_LINES, start=1):
        text = seed.line(first).strip()
        m = re.match(r"^(平成[０-９0-9]+年)\s+", text)
        if m:
            year, text = m.group(1), text[m.end():]
        when, event = re.split(r"\s{2,}", text, maxsplit=1)
        when += "".join(seed.line(n).strip() for n in range(first + 1, last + 1))
        rows.append({"step_id": f"{PLAN}:schedule-{pos}", "position": pos, "year_ja": year, "when_ja": when,
                     "event_ja": event.strip(), "is_consultation": "true" if "区民意見募集" in event else "false",
                     "line_end": last, "source_document": SEED, "source_line": first})
    assert sum(r["is_consultation"] == "true" for r in rows) == 1
    return rows


def soan_nodes(seed: Seed) -> list[dict[str, Any]]:
    """The 素案's tree: pillars, their 重点取組み and each one's ・ items."""
    nodes: list[dict[str, Any]] = []
    for pi, p in enumerate(PILLARS, start=1):
        code, name = split_heading(seed.text(p.line))
        pid = f"{SOAN}:p{pi}"
        nodes.append(node_row(
            node_id=pid, revision_id=SOAN, concept_id=f"{PLAN}:{p.slug}", level="pillar",
            level_ja="基本的な考え方と方向性", code=code, position=pi, name_ja=name,
            name_en=p.name_en, vision_ja=seed.text(p.aim_line),
            direction_ja=seed.block(*p.direction), source_document=SEED, source_line=p.line))
        for ii, ini in enumerate(p.initiatives, start=1):
            icode, iname = split_heading(seed.text(ini.line))
            iid = f"{pid}-i{ii}"
            nodes.append(node_row(
                node_id=iid, revision_id=SOAN, concept_id=f"{PLAN}:{p.slug}:i{ii}",
                parent_id=pid, level="initiative", level_ja="重点取組み", code=icode,
                position=ii, name_ja=iname, name_en=ini.name_en,
                direction_ja=seed.block(ini.line + 1, ini.first_sub - 1),
                source_document=SEED, source_line=ini.line))
            sub_lines = [n for n in range(ini.first_sub, ini.last_sub + 1) if seed.text(n)]
            if len(sub_lines) != len(ini.subs_en):
                raise ValueError(f"sub-items of line {ini.line}: {sub_lines} vs {ini.subs_en}")
            for si, (n, en) in enumerate(zip(sub_lines, ini.subs_en, strict=True), start=1):
                text = seed.text(n)
                if not text.startswith("・"):
                    raise ValueError(f"line {n} is not a ・ item: {text!r}")
                nodes.append(node_row(
                    node_id=f"{iid}-s{si}", revision_id=SOAN,
                    concept_id=f"{PLAN}:{p.slug}:i{ii}:s{si}", parent_id=iid, level="project",
                    level_ja="取組み", position=si, name_ja=text[1:].strip(), name_en=en,
                    source_document=SEED, source_line=n))
    return nodes


def adopted_goals(seed3: Seed, nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Append the adopted strategy's 基本目標 (seed 003) to NODES; return the crosswalk rows."""
    crosswalk: list[dict[str, Any]] = []
    slug_to_soan = {p.slug: f"{SOAN}:p{i}" for i, p in enumerate(PILLARS, start=1)}
    for gi, (label_line, name_lines, slug, name_en) in enumerate(ADOPTED_GOALS, start=1):
        label = seed3.text(label_line)
        m = re.match(r"^[①-③]：(基本目標[０-９0-9])$", label)
        if not m:
            raise ValueError(f"seed 003 line {label_line}: {label!r}")
        gid = f"{ADOPTED}:g{gi}"
        nodes.append(node_row(
            node_id=gid, revision_id=ADOPTED, concept_id=f"{PLAN}:{slug}", level="pillar",
            level_ja="基本目標", code=m.group(1), position=gi,
            name_ja="".join(seed3.text(n) for n in name_lines), name_en=name_en,
            source_document=SEED_003, source_line=name_lines[0]))
        relation, note_ja, note_en = CROSSWALK_PILLARS[slug]
        crosswalk.append({
            "from_revision_id": SOAN, "from_node_id": slug_to_soan[slug],
            "to_revision_id": ADOPTED, "to_node_id": gid, "relation": relation,
            "note_ja": note_ja, "note_en": note_en,
        })
    crosswalk.sort(key=lambda r: r["from_node_id"])
    for n in nodes:
        if n["revision_id"] == SOAN and n["level"] == "initiative":
            crosswalk.append({
                "from_revision_id": SOAN, "from_node_id": n["node_id"],
                "to_revision_id": ADOPTED, "to_node_id": "", "relation": "unknown",
                "note_ja": "策定版の重点取組みは、参照できる資料（素案と令和5年の引用）に含まれないため、対応は不明。",
                "note_en": "The adopted strategy's 重点取組み are not in the documents at hand (the 素案 "
                "and the 2023 citation); the counterpart (if any) is unknown.",
            })
    for i, r in enumerate(crosswalk, start=1):
        r["crosswalk_id"] = f"{PLAN}:crosswalk-{i:02d}"
    return crosswalk


def check_population_vision(seed: Seed, pv: list[dict[str, Any]]) -> None:
    """Every population-vision figure (and chart title) is printed on its source line."""
    for r in pv:
        line = seed.line(r["source_line"])
        if r["value_text"] and r["value_text"] not in line:
            raise ValueError(f"{r['figure_id']}: {r['value_text']!r} not on L{r['source_line']}")
        if r["value"] != "" and r["value"] not in fold_number_text(line):
            raise ValueError(f"{r['figure_id']}: {r['value']} not on L{r['source_line']}")
        if r["table_id"] == "charts-without-values" and r["source_line"] != 736:
            if r["topic_ja"] not in seed.text(r["source_line"]):
                raise ValueError(f"{r['figure_id']}: chart title not on its line")


def plan_rows(seed: Seed) -> list[dict[str, Any]]:
    """The plan row, its period and publisher read from the seed."""
    plans = [{
        "plan_id": PLAN,
        "name_ja": "世田谷区総合戦略",
        "name_en": "Setagaya Comprehensive Strategy (regional revitalisation, "
                   "まち・ひと・しごと創生)",
        "period_ja": seed.text(109),
        "start_fy": 2015,
        "end_fy": 2019,
        "publisher_ja": seed.text(1774).replace("発  行", "").strip(" \u3000"),
    }]
    if plans[0]["period_ja"] != "平成27年度(2015年度)から平成31年度(2019年度)までの５か年":
        raise ValueError("period line moved")
    if plans[0]["publisher_ja"] != "世田谷区政策経営部":
        raise ValueError("publisher line moved")
    return plans


def revision_rows(seed: Seed, seed3: Seed) -> list[dict[str, Any]]:
    """The 素案 and the adopted strategy (known only from its 2023 citation)."""
    revisions = [
        {
            "revision_id": SOAN, "plan_id": PLAN, "position": 1, "stage": "draft_soan",
            "label_ja": "素案", "label_en": "Preliminary draft (素案)", "published": "2015-08-12",
            "date_note": "平成２７年８月１２日 printed on the cover memo (L2) and the 概要版 (L78); "
                         "the booklet's colophon says 発行日 平成27年9月 (L1772).",
            "source_document": SEED, "source_line": 8,
        },
        {
            "revision_id": ADOPTED, "plan_id": PLAN, "position": 2, "stage": "adopted",
            "label_ja": "策定（基本目標のみ、令和5年の引用による）",
            "label_en": "Adopted strategy (basic goals only, as cited in 2023)",
            "published": "",
            "date_note": "No adoption date is printed in the documents: the 素案 (text 000, L63) schedules "
                         "「総合戦略」策定 for 平成27年12月. Only the three 基本目標 are known, "
                         "from the 【総合戦略】 legend of 世田谷区未来つながるプラン推進状況（案） "
                         "(令和5年2月, text 003 L1279–1297), which names no edition or date; "
                         "that the 2023 citation matches the text adopted in 2015 is assumed, "
                         "not proven.",
            "source_document": SEED_003, "source_line": 1279,
        },
    ]
    if "素案" not in seed.text(8) or seed3.text(1279) != "【総合戦略】":
        raise ValueError("revision source lines moved")
    return revisions


# --------------------------------------------------------------------------------------------
# Descriptor
# --------------------------------------------------------------------------------------------


def f(name: str, ftype: str, title: str, description: str, **extra: Any) -> dict[str, Any]:
    """Build one Table Schema field descriptor."""
    out: dict[str, Any] = {"name": name, "type": ftype, "title": title, "description": description}
    out.update(extra)
    return out


REQ = {"required": True}
ID = {"required": True, "unique": True, "pattern": "[a-z0-9-]+(:[a-z0-9-]+)*"}
FK_ID = {"pattern": "[a-z0-9-]+(:[a-z0-9-]+)*"}
SRC_FIELDS = [
    f("source_document", "string", "出典文書", "Text file the row was read from (document and page: plan-documents)."),
    f("source_line", "integer", "出典行", "1-based line of source_document (blank lines counted).",
      constraints={"minimum": 1}),
]


def fk(fields: str, resource: str, ref: str) -> dict[str, Any]:
    """Build a foreign key descriptor."""
    return {"fields": [fields], "reference": {"resource": resource, "fields": [ref]}}


SCHEMAS: dict[str, dict[str, Any]] = {
    "texts": texts_schema(f, ID),
    "schedule": {
        "fields": [
            f("step_id", "string", "Step ID", "Portal identifier.", constraints=ID),
            f("position", "integer", "Position", "Order as printed."),
            f("year_ja", "string", "Year as printed", "The year printed on the first row of its year and carried down "
              "(平成27年 = 2015, 平成28年 = 2016, printed with full-width digits); digits as printed."),
            f("when_ja", "string", "Time as printed", "Month and part of the month as printed (e.g. ９月中旬～１０月上旬, "
              "wrapped lines joined)."),
            f("event_ja", "string", "Step", "As printed."),
            f("is_consultation", "boolean", "Is the resident consultation", "True for 区民意見募集."),
            f("line_end", "integer", "Last line", "Last line of the step (a time may wrap)."),
        ] + SRC_FIELDS,
        "primaryKey": ["step_id"], "foreignKeys": [],
    },
    "plans": {
        "fields": [
            f("plan_id", "string", "計画ID", "ASCII plan id.", constraints=ID),
            f("name_ja", "string", "計画名", "Plan name in Japanese.", constraints=REQ),
            f("name_en", "string", "Plan name", "Unofficial English name."),
            f("period_ja", "string", "計画期間", "Plan period as printed (text 000, L109)."),
            f("start_fy", "integer", "開始年度", "First fiscal year (Western)."),
            f("end_fy", "integer", "終了年度", "Last fiscal year (Western)."),
            f("publisher_ja", "string", "発行", "Publisher as printed in the colophon (L1774)."),
        ],
        "primaryKey": ["plan_id"], "foreignKeys": [],
    },
    "revisions": {
        "fields": [
            f("revision_id", "string", "版ID", "ASCII revision id.", constraints=ID),
            f("plan_id", "string", "計画ID", "FK plans.", constraints=REQ),
            f("position", "integer", "順序", "1 = oldest."),
            f("stage", "string", "段階", "Stage of the document.", constraints={
                "required": True, "enum": ["research_draft", "committee_draft", "draft_soan",
                                           "draft_an", "adopted", "original", "revised"]}),
            f("label_ja", "string", "版名", "Label in Japanese."),
            f("label_en", "string", "Label", "Unofficial English label."),
            f("published", "date", "日付", "Date of the document, empty if not printed."),
            f("date_note", "string", "日付の根拠", "How the date is known (or why it is empty)."),
            *SRC_FIELDS,
        ],
        "primaryKey": ["revision_id"], "foreignKeys": [fk("plan_id", "plans", "plan_id")],
    },
    "nodes": {
        "fields": [
            f("node_id", "string", "ノードID", "ASCII node id.", constraints=ID),
            f("revision_id", "string", "版ID", "FK revisions.", constraints=REQ),
            f("concept_id", "string", "概念ID",
              "Stable across revisions: a 素案 pillar and the adopted 基本目標 it became share "
              "it. 再掲 items keep their own concept_id (the printed name carries 「（再掲）」).",
              constraints=FK_ID),
            f("parent_id", "string", "親ノード", "FK nodes; empty for pillars."),
            f("level", "string", "階層", "pillar = 基本的な考え方と方向性の柱 / 基本目標; "
              "initiative = 重点取組み; project = the ・ items listed under a 重点取組み (the "
              "document calls them 取組み; they are not budgeted 事業).",
              constraints={"required": True, "enum": ["pillar", "measure", "project", "aim",
                                                      "initiative", "section"]}),
            f("level_ja", "string", "階層名", "The document's own term for the level."),
            f("code", "string", "番号", "Number as printed ((1), ①, 基本目標１); empty for ・ "
              "items."),
            f("position", "integer", "順序", "Order among siblings (1-based)."),
            f("name_ja", "string", "名称", "Name as printed (line-wrap joined, trimmed).",
              constraints=REQ),
            f("name_en", "string", "Name", "Unofficial English translation by the portal team."),
            f("vision_ja", "string", "目指す姿",
              "For pillars, the aim printed under 【基本的な考え方と方向性】 (as printed)."),
            f("direction_ja", "string", "方向性・内容",
              "Descriptive text as printed: for pillars the 基本的な考え方と方向性 paragraphs, "
              "for 重点取組み their explanatory paragraphs. Wrapped lines are joined with no "
              "space; an indented line starts a new paragraph (newline)."),
            f("department_ja", "string", "所管部", "Not printed in the 素案 (empty)."),
            f("status", "string", "状態", "published or placeholder.",
              constraints={"enum": ["published", "placeholder"]}),
            *SRC_FIELDS,
        ],
        "primaryKey": ["node_id"],
        "foreignKeys": [fk("revision_id", "revisions", "revision_id"),
                        fk("parent_id", "", "node_id")],
    },
    "indicators": {
        "fields": [
            f("indicator_id", "string", "指標ID", "ASCII indicator id.", constraints=ID),
            f("node_id", "string", "ノードID", "FK nodes.", constraints=REQ),
            f("revision_id", "string", "版ID", "FK revisions.", constraints=REQ),
            f("code", "string", "番号", "Code as printed."),
            f("kind", "string", "種別", "action (行動量) or outcome (成果指標).",
              constraints={"enum": ["action", "outcome"]}),
            f("name_ja", "string", "指標名", "Indicator name as printed."),
            f("name_en", "string", "Indicator", "Unofficial English name."),
            f("unit", "string", "単位", "Unit as printed."),
            f("direction", "string", "方向", "higher_is_better or lower_is_better.",
              constraints={"enum": ["higher_is_better", "lower_is_better"]}),
            f("cumulative", "boolean", "累計", "Values are running totals."),
            f("total_semantics", "string", "総量の意味", "How the 総量 column is to be read.",
              constraints={"enum": ["sum", "cumulative", "level", "none"]}),
            f("implementation_plan_ref", "string", "実施計画参照", "Only in the later text of the welfare plan (004)."),
            f("note", "string", "備考", "Note."),
            *SRC_FIELDS,
        ],
        "primaryKey": ["indicator_id"],
        "foreignKeys": [fk("node_id", "nodes", "node_id"),
                        fk("revision_id", "revisions", "revision_id")],
    },
    "observations": {
        "fields": [
            f("observation_id", "string", "観測ID", "ASCII observation id.", constraints=ID),
            f("indicator_id", "string", "指標ID", "FK indicators.", constraints=REQ),
            f("revision_id", "string", "版ID", "FK revisions.", constraints=REQ),
            f("series", "string", "系列", "Series of the value.", constraints={"enum": [
                "planned_original", "planned_revised", "actual", "baseline", "target",
                "target_original"]}),
            f("fiscal_year", "integer", "年度", "Western fiscal year."),
            f("is_total", "boolean", "総量", "True for 総量."),
            f("sub_item", "string", "内訳", "Label of one value in a composite cell."),
            f("value", "number", "値", "Parsed number."),
            f("value_text", "string", "表記", "The cell exactly as printed."),
            f("is_estimate", "boolean", "見込み", "見込み values."),
            f("as_of", "string", "時点", "As printed."),
            f("note", "string", "備考", "Note."),
            *SRC_FIELDS,
        ],
        "primaryKey": ["observation_id"],
        "foreignKeys": [fk("indicator_id", "indicators", "indicator_id"),
                        fk("revision_id", "revisions", "revision_id")],
    },
    "population_vision": {
        "fields": [
            f("figure_id", "string", "数値ID", "ASCII id of one printed figure.", constraints=ID),
            f("revision_id", "string", "版ID", "FK revisions.", constraints=REQ),
            f("table_id", "string", "表ID", "Groups figures that belong together (one chart, "
              "one paragraph).", constraints={"required": True, "pattern": "[a-z0-9-]+"}),
            f("topic_ja", "string", "項目", "What the figure is about (for charts whose values "
              "are lost: the chart title as printed)."),
            f("topic_en", "string", "Topic", "Unofficial English."),
            f("area", "string", "地域", "Area the figure describes (setagaya, tokyo = 東京都, "
              "ward_average = 23区平均, national = 全国, kanagawa = 神奈川県 as an origin/"
              "destination of movers, not_applicable for a reference level).",
              constraints={"enum": ["setagaya", "tokyo", "ward_average", "national", "kanagawa",
                                    "not_applicable"]}),
            f("measure", "string", "指標", "ASCII name of what is measured."),
            f("period_ja", "string", "時点・期間（表記）",
              "Year or period as printed near the figure (empty if none is printed)."),
            f("year", "integer", "年", "Calendar year of a single-year figure, filled only where "
              "it is known (see year_basis); empty for periods and unknown years."),
            f("year_from", "integer", "開始年", "First year of a period."),
            f("year_to", "integer", "終了年", "Last year of a period."),
            f("year_basis", "string", "年の根拠",
              "printed = Western year printed with the figure or in its sentence; era_converted "
              "= only the 和暦 year is printed (converted); context = not printed beside the "
              "figure but fixed by its sentence; inferred = inferred from consistency with "
              "other printed figures (see note; to be checked against the PDF); unknown = "
              "cannot be recovered; empty = no year applies.",
              constraints={"enum": ["printed", "era_converted", "context", "inferred",
                                    "unknown"]}),
            f("chart_label", "integer", "グラフ表示ラベル番号",
              "For the projection chart: which of the three surviving data labels (1–3, left "
              "to right) the figure is."),
            f("unit", "string", "単位", "Unit of value."),
            f("value", "number", "値", "The number as printed (folded to ASCII, no thousands "
              "separators). Empty where the figure is qualitative, a chart lost its values, or "
              "a chart label's year is unknown."),
            f("value_text", "string", "表記", "The figure exactly as printed on source_line "
              "(empty only for charts whose values are lost)."),
            f("is_projection", "boolean", "推計", "True for projected / assumed figures."),
            f("note", "string", "備考", "Caveats: approximations, inferred years, source errors."),
            *SRC_FIELDS,
        ],
        "primaryKey": ["figure_id"],
        "foreignKeys": [fk("revision_id", "revisions", "revision_id")],
    },
    "crosswalk": {
        "fields": [
            f("crosswalk_id", "string", "対応ID", "ASCII id.", constraints=ID),
            f("from_revision_id", "string", "元の版", "FK revisions.", constraints=REQ),
            f("from_node_id", "string", "元のノード", "FK nodes.", constraints=REQ),
            f("to_revision_id", "string", "先の版", "FK revisions.", constraints=REQ),
            f("to_node_id", "string", "先のノード", "FK nodes; empty when the counterpart is "
              "unknown."),
            f("relation", "string", "関係", "unchanged, renamed, renumbered, "
              "renamed_and_renumbered, or unknown (no counterpart in the sources).",
              constraints={"required": True, "enum": ["unchanged", "renamed", "renumbered",
                                                      "renamed_and_renumbered", "unknown"]}),
            f("note_ja", "string", "備考", "Evidence for the match."),
            f("note_en", "string", "Note", "Evidence for the match (English)."),
        ],
        "primaryKey": ["crosswalk_id"],
        "foreignKeys": [fk("from_revision_id", "revisions", "revision_id"),
                        fk("from_node_id", "nodes", "node_id"),
                        fk("to_revision_id", "revisions", "revision_id"),
                        fk("to_node_id", "nodes", "node_id")],
    },
}

RESOURCE_TEXT: dict[str, tuple[str, str, str]] = {
    "plans": ("Plan", "計画", "The plan: 世田谷区総合戦略 (FY2015–FY2019)."),
    "revisions": (
        "Revisions", "版",
        "The 素案 of 2015-08-12 (text 000) and the adopted strategy, of which only the three "
        "基本目標 are known, from a 2023 citation (text 003 L1279–1297).",
    ),
    "nodes": (
        "Plan tree", "体系",
        "素案: 3 pillars (基本的な考え方と方向性), 11 重点取組み and the 29 ・ items listed under "
        "them, with aims and descriptive text as printed. Adopted: the 3 基本目標 only, sharing "
        "concept_id with the 素案 pillars they correspond to.",
    ),
    "indicators": (
        "Indicators", "指標",
        "Empty on purpose: the 素案 has no 数値目標 or KPI — no 重点取組み has an indicator, "
        "baseline or target in the extracted text (the 資料編 was not extracted). KPIs may have "
        "been added in the 案 or the adopted strategy, which are not in the documents at hand.",
    ),
    "observations": (
        "Observations", "実績・目標値",
        "Empty on purpose: there are no indicators in the 素案 (see indicators), so no values.",
    ),
    "population_vision": (
        "Population Vision figures", "人口ビジョンの数値",
        "Every figure of the 人口ビジョン that survives in the extracted text, one per row, "
        "with its line. Honest gaps: charts whose values were lost are listed with empty "
        "value; the projection chart's middle data labels have no recoverable year (value "
        "empty, number kept in value_text); the years of its first and last labels are "
        "inferred (year_basis = inferred). The source's 「平成7年(2005年)」 (L614) is kept as "
        "printed and explained in note.",
    ),
    "schedule": (
        "Schedule to adoption", "主な予定",
        "The cover memo's 「３ 主な予定」 (lines 49-65): the steps from the 素案 to the strategy's start, the resident "
        "consultation (区民意見募集) among them, with the times as printed (no day is printed).",
    ),
    "texts": (
        "Population Vision text: projection and future outlook", "人口ビジョンの本文：将来の人口推計・将来展望",
        "The text of the 人口ビジョン's (2)将来の人口推計 (lines 651-808: the projection's assumptions and result, and "
        "two notes printed among its charts) and (3)将来展望 (lines 812-899: ①将来展望 with its table of 現状・課題 "
        "and 目指すべき方向性 for 自然増減, 社会増減 and 年齢3階層別人口, and ②総合戦略につながる3つの視点, which name "
        "the 素案's 3 pillars), one printed paragraph, table cell or bullet per row with its lines. The figures printed "
        "in this text are in population_vision; the 将来展望 prints none.",
    ),
    "crosswalk": (
        "Crosswalk 素案 → adopted", "素案と策定版の対応",
        "How the 素案's pillars map to the adopted strategy's 基本目標 (wording changed; "
        "(2) and (3) swapped). The 重点取組み have no known counterpart (relation unknown).",
    ),
}

ORDER = ["plans", "revisions", "nodes", "indicators", "observations", "population_vision",
         "crosswalk", "schedule", "texts"]


def descriptor() -> dict[str, Any]:
    """Return the datapackage.json descriptor."""
    resources = []
    for name in ORDER:
        title, title_ja, desc = RESOURCE_TEXT[name]
        schema = dict(SCHEMAS[name])
        schema["missingValues"] = [""]
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "title": title,
            "title_ja": title_ja, "description": desc, "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Setagaya Comprehensive Strategy 2015 (preliminary draft): pillars, priority "
                 "initiatives and Population Vision figures",
        "title_ja": "世田谷区総合戦略（素案）2015：基本的な考え方と方向性・重点取組み・人口ビジョンの数値",
        "description": (
            "The 2015 preliminary draft (素案, 2015-08-12) of Setagaya's local comprehensive "
            "strategy under the まち・ひと・しごと創生法: its 3 pillars, 11 priority initiatives "
            "(重点取組み) with their listed items, and the Population Vision (人口ビジョン) "
            "figures that survive in the text extraction, with honest gaps where charts lost "
            "their labels, and its text on the projection and the future outlook (将来展望). The draft has no KPIs, so indicators and observations are empty. "
            "A second revision gives the adopted strategy's 3 basic goals as cited in 2023, "
            "with a crosswalk from the draft's pillars."
        ),
        "description_ja": (
            "まち・ひと・しごと創生「世田谷区総合戦略（素案）」（平成27年8月12日）の基本的な考え方と"
            "方向性（3つの柱）、重点取組み（11）とその項目、人口ビジョンのうちテキストに残る数値。"
            "グラフのラベルが失われた箇所は空欄とし理由を注記。人口ビジョンの将来の人口推計と将来展望の本文。素案には数値目標（KPI）がないため"
            "指標・実績は0件。策定版の基本目標（令和5年の資料による引用）と素案の柱の対応表を含む。"
        ),
        "version": VERSION,
        "created": CREATED,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "attribution_ja": (
            "出典：世田谷区『まち・ひと・しごと創生「世田谷区総合戦略（素案）」』（平成27年8月）、"
            "世田谷区『世田谷区未来つながるプラン推進状況（案）』（令和5年2月）を加工して作成"
        ),
        "sources": [
            {"title": "まち・ひと・しごと創生「世田谷区総合戦略（素案）」（概要版・本文）",
             "path": SEED, "publisher": "世田谷区"},
            {"title": "世田谷区未来つながるプラン推進状況（案）", "path": SEED_003,
             "publisher": "世田谷区"},
        ],
        "contributors": [
            {"title": "Setagaya plan-progress portal team", "role": "author"},
            {"title": "世田谷区", "role": "publisher"},
        ],
        "keywords": ["世田谷区", "総合戦略", "まち・ひと・しごと創生", "人口ビジョン", "重点取組み", "素案",
                     "Setagaya", "comprehensive strategy", "regional revitalisation",
                     "population vision", "draft"],
        "portal": {
            "changelog": [CHANGELOG_1_0_1, CHANGELOG_1_1_0, CHANGELOG_1_1_1, CHANGELOG_1_2_0],
            "kind": "plan",
            "plan_id": PLAN,
            "theme": "population-and-regional-revitalisation",
            "translation_note": (
                "English names are unofficial translations by the portal team, not the ward's."
            ),
        },
        "resources": resources,
    }


def build(out_dir: Path = DEFAULT_OUT, shared: Path = DEFAULT_SHARED) -> list[Path]:
    """Write the CSV files and datapackage.json into out_dir; return the written paths."""
    return write_package(out_dir, descriptor(), build_rows(shared))


def main() -> None:
    """Command-line entry point."""
    run(__doc__, build, DEFAULT_SHARED, DEFAULT_OUT)


if __name__ == "__main__":
    main()
