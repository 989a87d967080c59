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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from portal import packagefiles  # noqa: E402  (the portal's one package writer)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
DEFAULT_OUT = REPO / "datasets" / "chiku-rollout"
#: Plan packages and the revision whose items are searched (the one residents read).
PLANS = {"mirai-plan-2022": "mirai-plan-2022:revised", "hoken-fukushi-plan": "hoken-fukushi-plan:r2024",
         "sogo-senryaku-2015": "sogo-senryaku-2015:soan"}
#: Phrases, longest first so that 「各まちづくりセンター」 wins over 「まちづくりセンター」.
PHRASES = ("全まちづくりセンター", "各まちづくりセンター", "全２８地区", "全28地区", "２８地区", "28地区",
           "２８か所", "28か所", "28箇所", "２８箇所", "各地区", "全地区", "まちづくりセンター")
LEVELS = ("measure", "project", "aim", "initiative")
MAX_SPAN = 150
FIELDS = ["rollout_id", "plan_id", "node_id", "concept_id", "level", "phrase", "quote_ja",
          "source_document", "source_line"]


def _nodes(plan: str) -> list[dict[str, str]]:
    """The nodes of PLAN's searched revision, by source line."""
    with open(REPO / "datasets" / plan / "nodes.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["revision_id"] == PLANS[plan]]
    return sorted(rows, key=lambda r: (r["source_document"], int(r["source_line"] or 0)))


def _hits(lines: list[str], start: int, end: int) -> list[tuple[str, int, str]]:
    """(phrase, line number, line) for the first phrase found on each line in [start, end)."""
    found = []
    for number in range(start, min(end, start + MAX_SPAN, len(lines) + 1)):
        text = lines[number - 1].strip()
        phrase = next((p for p in PHRASES if p in text), None)
        if phrase:
            found.append((phrase, number, text))
    return found


def rows_for(plan: str, seeds: Path) -> list[dict[str, object]]:
    """Rollout rows of one plan."""
    nodes = _nodes(plan)
    out: list[dict[str, object]] = []
    for i, node in enumerate(nodes):
        if node["level"] not in LEVELS or not node["source_line"]:
            continue
        doc = node["source_document"]
        lines = (seeds / doc).read_text(encoding="utf-8").splitlines()
        start = int(node["source_line"])
        nxt = next((int(n["source_line"]) for n in nodes[i + 1:]
                    if n["source_document"] == doc and int(n["source_line"] or 0) > start), start + MAX_SPAN)
        seen: set[str] = set()
        for phrase, number, text in _hits(lines, start, nxt):
            if phrase in seen:
                continue
            seen.add(phrase)
            out.append({"rollout_id": f"{node['node_id']}:l{number}", "plan_id": plan,
                         "node_id": node["node_id"], "concept_id": node["concept_id"],
                         "level": node["level"], "phrase": phrase, "quote_ja": text,
                         "source_document": doc, "source_line": number})
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
        {"name": "phrase", **string, "title": "Phrase", "description": "The phrase meaning 'every 地区' found on the line.",
         "constraints": {"enum": list(PHRASES)}},
        {"name": "quote_ja", **string, "title": "Printed line", "description": "The whole line as printed (trimmed)."},
        {"name": "source_document", **string, "title": "Source document", "description": "Seed file name."},
        {"name": "source_line", "type": "integer", "title": "Source line", "description": "1-based line of the quote."},
    ]
    return {
        "profile": "tabular-data-package", "name": "chiku-rollout",
        "title": "Plan items carried out in every 地区 (as printed)",
        "title_ja": "全地区で展開される施策・事業（計画書の記載による）",
        "description": ("Plan items (施策, 事業, めざす姿, 重点取組み) whose printed text says they are carried out "
                        "in every 地区 or at every まちづくりセンター, each with the phrase and the printed line quoted. "
                        "Built by tools/extract/chiku_rollout.py: the lines from an item's own line to the next "
                        "item's line are searched; nothing is inferred beyond the quoted text. No plan figure is "
                        "broken down by 地区: the plans publish ward-wide figures only."),
        "description_ja": ("計画書の本文に「各地区」「全地区」「28地区」「まちづくりセンター」等の記載がある施策・事業の一覧。"
                           "該当する語と記載行をそのまま引用しています。地区別の数値は計画書に記載がないため含みません。"),
        "version": "1.0.0", "created": "2026-11-26T00:00:00+00:00",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "attribution_ja": "出典：世田谷区の計画書（未来つながるプラン推進状況（案）、地域保健医療福祉総合計画、総合戦略素案）を加工して作成",
        "sources": [{"title": "世田谷区 計画書（各データパッケージの sources を参照）", "path": doc, "publisher": "世田谷区"}
                    for doc in ("003_a0da86d5be0d2af2.txt", "004_77d912f534da2e2e.txt", "000_076715ebbd3c51e9.txt")],
        "contributors": [{"title": "Setagaya plan-progress portal team", "role": "author"},
                         {"title": "世田谷区", "role": "publisher"}],
        "keywords": ["世田谷区", "地区", "まちづくりセンター", "Setagaya", "districts", "roll-out"],
        "portal": {"kind": "rollout", "plan_id": "", "theme": "geography",
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
