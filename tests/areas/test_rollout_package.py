"""The chiku-rollout package: every row quotes its source line and names a real plan item."""

from __future__ import annotations

import csv

from portal.catalog import packages
from tests.helpers import ROOT, SEEDS, needs_seeds

FOLDER = ROOT / "datasets" / "chiku-rollout"


def _rows() -> list[dict[str, str]]:
    with open(FOLDER / "rollout.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_package_validates():
    assert packages.validate(FOLDER) == []


def _seed(name: str, cache: dict[str, list[str]] = {}) -> list[str]:  # noqa: B006 (a cache on purpose)
    if name not in cache:
        cache[name] = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    return cache[name]


def _nodes() -> dict[str, dict[str, str]]:
    nodes: dict[str, dict[str, str]] = {}
    for plan in ("mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015"):
        with open(ROOT / "datasets" / plan / "nodes.csv", encoding="utf-8") as fh:
            nodes |= {r["node_id"]: r for r in csv.DictReader(fh)}
    return nodes


def _joined(lines: list[str], first: int, last: int) -> str:
    """The printed lines FIRST..LAST with their line breaks joined (each line trimmed)."""
    return "".join(line.strip() for line in lines[first - 1:last])


def _span(node: dict[str, str], nodes: dict[str, dict[str, str]], levels: tuple[str, ...] = ()
          ) -> tuple[int, int]:
    """NODE's text: its own line up to the line before the next item (of LEVELS, if given) in the document."""
    start = int(node["source_line"])
    later = [int(n["source_line"]) for n in nodes.values()
             if n["revision_id"] == node["revision_id"] and n["source_document"] == node["source_document"]
             and n["source_line"] and int(n["source_line"]) > start and (not levels or n["level"] in levels)]
    return start, min(later, default=start + 250) - 1


@needs_seeds
def test_every_quote_is_a_whole_printed_sentence_with_its_phrase():
    """Each quote is found verbatim in its lines joined, starts a sentence and ends with 「。」."""
    for row in _rows():
        lines = _seed(row["source_document"])
        first, last = int(row["source_line"]), int(row["source_line_end"])
        text = _joined(lines, first, last)
        quote = row["quote_ja"]
        assert row["phrase"] in quote and quote.endswith("。"), row["rollout_id"]
        assert quote in text, row["rollout_id"]
        assert text.endswith(quote) or text[text.index(quote) + len(quote) - 1] == "。", row["rollout_id"]
        before = text[:text.index(quote)]
        assert before == "" or before.endswith("。") or before.strip("●・◆○■◎※□ 　") == "", row["rollout_id"]
        assert quote.count("。") == 1, row["rollout_id"]  # one sentence, not a paragraph


@needs_seeds
def test_every_quote_lies_in_the_source_span_of_the_item_it_is_attached_to():
    """The 地区 test of issue 18: a quote sits inside its item's text, by the rule the row names."""
    nodes = _nodes()
    for row in _rows():
        node = nodes[row["node_id"]]
        first, last = int(row["source_line"]), int(row["source_line_end"])
        start, end = _span(node, nodes)
        lines = _seed(row["source_document"])
        if row["attached_by"] == "span":
            assert start <= first and last <= end, row["rollout_id"]
        elif row["attached_by"] == "column":  # the 推進施策 chapter holds the コラム
            assert node["level"] == "measure", row["rollout_id"]
            chapter_start, chapter_end = _span(node, nodes, ("measure", "section"))
            assert chapter_start <= first and last <= chapter_end, row["rollout_id"]
        elif row["attached_by"] == "before_aim":  # 現状 bullets printed just before their めざす姿
            assert node["level"] == "aim" and last < start, row["rollout_id"]
            heading = max(k for k in range(1, first) if "めざす姿の実現に向けた主な取組み" in lines[k - 1])
            between = [n for n in nodes.values() if n["revision_id"] == node["revision_id"]
                       and n["source_line"] and heading < int(n["source_line"]) < start]
            assert not between, row["rollout_id"]
        else:  # table_row: the row of the item's table, under the same めざす姿
            assert row["attached_by"] == "table_row" and node["level"] == "project"
            parent = nodes[node["parent_id"]]
            assert int(parent["source_line"]) <= first, row["rollout_id"]
            assert not [n for n in nodes.values() if n["revision_id"] == node["revision_id"]
                        and n["level"] in ("aim", "measure") and n["source_line"]
                        and int(parent["source_line"]) < int(n["source_line"]) <= first], row["rollout_id"]
            cells = [lines[k - 1].strip() for k in range(first - 25, first)]
            assert any(len(c) >= 6 and node["name_ja"].startswith(c) for c in cells), row["rollout_id"]
        assert node["revision_id"] in {"mirai-plan-2022:revised", "hoken-fukushi-plan:r2024",
                                       "sogo-senryaku-2015:soan"}


@needs_seeds
def test_sentences_the_issue_named_are_found_and_fragments_are_gone():
    """Issue 18's list: 「28 地区」 with a space found; cells cut mid-word and mis-attached rows gone."""
    by_line = {(r["source_document"][:3], int(r["source_line"])): r for r in _rows()}
    assert "、28 地区の日常生活圏域ごとに" in by_line[("003", 1929)]["quote_ja"]
    assert by_line[("003", 1929)]["node_id"] == "mirai-plan-2022:revised:project-4-4"
    assert by_line[("004", 635)]["node_id"] == "hoken-fukushi-plan:r2024:aim-1-2"
    assert by_line[("004", 1228)]["quote_ja"].startswith("各地区においては既存の社会資源の拡充")
    assert by_line[("004", 471)]["node_id"] == "hoken-fukushi-plan:r2024:project-1-1-2"
    assert by_line[("004", 1125)]["node_id"] == "hoken-fukushi-plan:r2024:aim-1-4"
    assert by_line[("004", 553)]["node_id"] == "hoken-fukushi-plan:r2024:measure-1"
    assert by_line[("000", 1528)]["quote_ja"].startswith("また、身近な地区において、多くの団体が")
    # table cell 「各地区におけるアクションチ」 and the fragment 「知症の本人…」 of earlier versions
    assert ("003", 1986) not in by_line and ("003", 1923) not in by_line
    assert not any(r["quote_ja"].startswith(("知症", "ームの")) for r in _rows())


def test_every_row_names_a_published_plan_item():
    nodes = set()
    for plan in ("mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015"):
        with open(ROOT / "datasets" / plan / "nodes.csv", encoding="utf-8") as fh:
            nodes |= {r["node_id"] for r in csv.DictReader(fh)}
    rows = _rows()
    assert rows and all(r["node_id"] in nodes for r in rows)
    assert any("防災塾" in r["quote_ja"] for r in rows)  # 各地区において「防災塾」を実施します
    assert any("福祉の相談窓口" in r["quote_ja"] for r in rows)
