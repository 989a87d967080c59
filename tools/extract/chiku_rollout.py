"""Build the `chiku-rollout` package: plan items whose printed text says they reach every 地区.

For each plan item (施策, 事業, めざす姿, 重点取組み) of the plans' current revisions, the lines of
the source document from the item's own line up to the next item's line (at most 150 lines) are
searched for phrases that mean "in every 地区" (「各地区」「全地区」「28地区」「各まちづくりセンター」…
and 「まちづくりセンター」, since each of the 28 地区 has one). Every hit becomes one row with the
phrase, the whole printed line quoted, and its line number, so a reader can check it. Nothing is
inferred beyond that: an item is listed because its printed text contains the phrase.

Usage: python tools/extract/chiku_rollout.py [--seeds DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from portal import packagefiles  # noqa: E402  (the portal's one package writer)
from tools.extract.sentences import Sentence, sentence_at  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
DEFAULT_OUT = REPO / "datasets" / "chiku-rollout"
#: Plan packages and the revision whose items are searched (the one residents read).
PLANS = {"mirai-plan-2022": "mirai-plan-2022:revised", "hoken-fukushi-plan": "hoken-fukushi-plan:r2024",
         "sogo-senryaku-2015": "sogo-senryaku-2015:soan"}
#: Phrases meaning "in every 地区 / in the 地区", as printed (a space may sit inside 「28 地区」).
PHRASE = re.compile(r"[全各]まちづくりセンター|すべての地区|全?[２2][８8]\s?(?:地区|か所|箇所)|各地区|全地区"
                    r"|地区展開|身近な地区|まちづくりセンター")
LEVELS = ("measure", "project", "aim", "initiative")
MAX_SPAN = 250
#: Sentences about a few 地区 only (a model run) are not about every 地区.
SOME = re.compile(r"一部の地区")
#: Seed 004 prints an aim's 現状 bullets after the heading of the previous aim's 主な取組み table and
#: before the めざす姿 title they belong to (the extraction's reading order).
MAIN_EFFORTS = "めざす姿の実現に向けた主な取組み"
#: コラム bodies (first line, title line) located by hand; their sentences belong to the 推進施策 around them.
COLUMNS = {"004_77d912f534da2e2e.txt": ((553, 621), (3514, 3560))}
#: Version history (datapackage.json portal.changelog).
CHANGELOG = [{"version": "1.1.0", "kind": "revision", "date": "2026-12-03",
              "summary_ja": "引用を記載行から一文まるごと（改行をつないだ文）に改め、文を含む施策・めざす姿・取組みに"
                            "結び付け直した。「28 地区」（空白入り）等の記載も拾い、表の欄や見出しの断片は除いた。",
              "summary_en": "Quotes are whole printed sentences (wrapped lines joined) instead of single lines, "
                            "attached to the item whose text holds them (columns source_line_end, attached_by added); "
                            "phrases printed with a space (「28 地区」) found; table cells and heading fragments left out."}]
FIELDS = ["rollout_id", "plan_id", "node_id", "concept_id", "level", "phrase", "quote_ja",
          "source_document", "source_line", "source_line_end", "attached_by"]


def _nodes(plan: str) -> list[dict[str, str]]:
    """The nodes of PLAN's searched revision that have a source line, by line."""
    with open(REPO / "datasets" / plan / "nodes.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["revision_id"] == PLANS[plan] and r["source_line"]]
    return sorted(rows, key=lambda r: (r["source_document"], int(r["source_line"])))


def spans(nodes: list[dict[str, str]]) -> dict[str, tuple[int, int]]:
    """Each node's source span: its own line up to the line before the next node (at most MAX_SPAN)."""
    out = {}
    for i, node in enumerate(nodes):
        start = int(node["source_line"])
        nxt = next((int(n["source_line"]) for n in nodes[i + 1:]
                    if n["source_document"] == node["source_document"] and int(n["source_line"]) > start),
                   start + MAX_SPAN)
        out[node["node_id"]] = (start, min(nxt, start + MAX_SPAN) - 1)
    return out


def _ancestor(node: dict[str, str], by_id: dict[str, dict[str, str]], level: str) -> dict[str, str] | None:
    """NODE or its nearest ancestor at LEVEL."""
    while node is not None and node["level"] != level:
        node = by_id.get(node["parent_id"])
    return node


def attach(sentence: Sentence, owner: dict[str, str], nodes: list[dict[str, str]],
           lines: list[str]) -> tuple[dict[str, str], str]:
    """The plan item a sentence found in OWNER's span belongs to, and the rule that says so."""
    by_id = {n["node_id"]: n for n in nodes}
    doc, first = owner["source_document"], sentence.first_line
    if any(a <= first <= b for a, b in COLUMNS.get(doc, ())):
        return _ancestor(owner, by_id, "measure") or owner, "column"
    after = [n for n in nodes if n["source_document"] == doc and int(n["source_line"]) > first]
    heading = next((k for k in range(first - 1, int(owner["source_line"]), -1)
                    if lines[k - 1].strip() == MAIN_EFFORTS), None)
    if heading and after and after[0]["level"] == "aim":
        return after[0], "before_aim"
    aim = _ancestor(owner, by_id, "aim")
    if owner["level"] == "project" and aim is not None:
        siblings = [n for n in nodes if n["parent_id"] == aim["node_id"] and n["level"] == "project"]
        for k in range(first - 1, max(first - 25, int(owner["source_line"])), -1):
            cell = lines[k - 1].strip()
            match = [n for n in siblings if len(cell) >= 6 and n["name_ja"].startswith(cell)]
            if match:
                return match[0], "table_row"
    return owner, "span"


def rows_for(plan: str, seeds: Path) -> list[dict[str, object]]:
    """Rollout rows of one plan: one per whole sentence with a phrase, attached to its plan item."""
    nodes = _nodes(plan)
    out: list[dict[str, object]] = []
    seen: set[tuple[str, int]] = set()
    texts: dict[str, list[str]] = {}
    for node, (start, end) in zip(nodes, spans(nodes).values(), strict=True):
        if node["level"] not in LEVELS:
            continue
        doc = node["source_document"]
        lines = texts.setdefault(doc, (seeds / doc).read_text(encoding="utf-8").splitlines())
        headings = frozenset(int(n["source_line"]) for n in nodes if n["source_document"] == doc)
        for number in range(start, min(end, len(lines)) + 1):
            for match in PHRASE.finditer(lines[number - 1]):
                sentence = sentence_at(lines, number, match.start(), headings)
                if sentence is None or (doc, sentence.first_line) in seen or SOME.search(sentence.text):
                    continue
                seen.add((doc, sentence.first_line))
                item, rule = attach(sentence, node, nodes, lines)
                out.append({"rollout_id": f"{item['node_id']}:l{sentence.first_line}", "plan_id": plan,
                            "node_id": item["node_id"], "concept_id": item["concept_id"],
                            "level": item["level"], "phrase": match.group(), "quote_ja": sentence.text,
                            "source_document": doc, "source_line": sentence.first_line,
                            "source_line_end": sentence.last_line, "attached_by": rule})
    return out


def descriptor(count: int) -> dict[str, object]:
    """The datapackage.json of the package."""
    string = {"type": "string"}
    fields = [
        {"name": "rollout_id", **string, "title": "Row id", "description": "node id + ':l' + line."},
        {"name": "plan_id", **string, "title": "Plan", "description": "Plan package the item belongs to."},
        {"name": "node_id", **string, "title": "Plan item", "description": "nodes.node_id of the item."},
        {"name": "concept_id", **string, "title": "Concept", "description": "nodes.concept_id (stable across revisions)."},
        {"name": "level", **string, "title": "Level", "description": "measure, project, aim or initiative.",
         "constraints": {"enum": list(LEVELS)}},
        {"name": "phrase", **string, "title": "Phrase",
         "description": "The words about the 地区 found in the sentence, as printed (e.g. 各地区, 28 地区)."},
        {"name": "quote_ja", **string, "title": "Printed sentence",
         "description": "The whole sentence as printed, its wrapped lines joined (each line trimmed)."},
        {"name": "source_document", **string, "title": "Source document",
         "description": "Text file of the ward document (see the plan-documents package for its title)."},
        {"name": "source_line", "type": "integer", "title": "First line", "description": "1-based line where the sentence starts."},
        {"name": "source_line_end", "type": "integer", "title": "Last line", "description": "1-based line where it ends."},
        {"name": "attached_by", **string, "title": "Attached by",
         "description": ("Why the sentence belongs to the item: span (inside the item's own text), table_row "
                         "(its row of the 行動量 table), before_aim (the 現状 bullets the 地域保健医療福祉総合計画 prints after the "
                         "heading 「めざす姿の実現に向けた主な取組み」 of the previous table and before the めざす姿 they belong "
                         "to), column (a コラム inside the 推進施策)."),
         "constraints": {"enum": ["span", "table_row", "before_aim", "column"]}},
    ]
    return {
        "profile": "tabular-data-package", "name": "chiku-rollout",
        "title": "Plan items carried out in every 地区 (as printed)",
        "title_ja": "全地区で展開される施策・事業（計画書の記載による）",
        "description": ("Plan items (施策, 事業, めざす姿, 重点取組み) whose printed text says they are carried out "
                        "in every 地区 or at every まちづくりセンター, each with the whole printed sentence quoted (wrapped lines "
                        "joined) and its lines. Built by tools/extract/chiku_rollout.py: each item's text, from its "
                        "own line to the next item's line, is searched; table cells and headings are left out; "
                        "nothing is inferred beyond the quoted text. No plan figure is "
                        "broken down by 地区: the plans publish ward-wide figures only."),
        "description_ja": ("計画書の本文に「各地区」「全地区」「28地区」「まちづくりセンター」等の記載がある施策・事業の一覧。"
                           "該当する文を一文まるごと（改行をつないで）引用しています。地区別の数値は計画書に記載がないため含みません。"),
        "version": "1.1.0", "created": "2026-11-26T00:00:00+00:00",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "attribution_ja": "出典：世田谷区の計画書（未来つながるプラン推進状況（案）、地域保健医療福祉総合計画、総合戦略素案）を加工して作成",
        "sources": [{"title": "世田谷区 計画書（各データパッケージの sources を参照）", "path": doc, "publisher": "世田谷区"}
                    for doc in ("003_a0da86d5be0d2af2.txt", "004_77d912f534da2e2e.txt", "000_076715ebbd3c51e9.txt")],
        "contributors": [{"title": "Setagaya plan-progress portal team", "role": "author"},
                         {"title": "世田谷区", "role": "publisher"}],
        "keywords": ["世田谷区", "地区", "まちづくりセンター", "Setagaya", "districts", "roll-out"],
        "portal": {"changelog": CHANGELOG, "kind": "rollout", "plan_id": "", "theme": "geography",
                   "translation_note": "English names are unofficial translations by the portal team, not the ward's."},
        "resources": [{
            "name": "rollout", "path": "rollout.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": f"Plan items in every 地区 ({count} rows)",
            "title_ja": "全地区で展開される施策・事業", "description": "One row per item and phrase, with the printed line.",
            "schema": {"fields": fields, "primaryKey": ["rollout_id"], "missingValues": [""]},
        }],
    }


def main() -> None:
    """Write rollout.csv and datapackage.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    rows = [r for plan in PLANS for r in rows_for(plan, args.seeds)]
    packagefiles.write_package(args.out, descriptor(len(rows)), {"rollout": rows})
    print(f"{len(rows)} rows")


if __name__ == "__main__":
    main()
