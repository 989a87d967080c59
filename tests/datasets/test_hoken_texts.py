"""hoken-fukushi-plan's texts (seed 004 現状・課題・方向性 and コラム, seed 001 基本方針・視点・圏域・策定体制).

Every row is found verbatim in the joined lines of its source span, lies inside the chapter of its
推進施策, and the counts are pinned.
"""

from __future__ import annotations

import csv
import json
from collections import Counter

from tests.helpers import ROOT, SEEDS, needs_seeds

PACKAGE = ROOT / "datasets" / "hoken-fukushi-plan"
PLAN = "hoken-fukushi-plan"
SEED001 = "001_eaae7631a2875d99.txt"
SEED004 = "004_77d912f534da2e2e.txt"


def _csv(name: str) -> list[dict[str, str]]:
    with (PACKAGE / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _seed(name: str, cache: dict[str, list[str]] = {}) -> list[str]:  # noqa: B006 (a cache on purpose)
    if name not in cache:
        cache[name] = (SEEDS / name).read_text(encoding="utf-8").split("\n")
    return cache[name]


def _joined(lines: list[str], first: int, last: int) -> str:
    """Lines FIRST..LAST stripped and concatenated (wrapped lines joined with no space)."""
    return "".join(line.strip() for line in lines[first - 1:last])


def test_counts_per_kind_are_pinned():
    assert Counter(r["kind"] for r in _csv("texts")) == {
        "current_state": 89, "issues": 44, "direction": 52, "column": 51,
        "basic_policy": 7, "viewpoint": 4, "area": 2, "planning_structure": 1}


def test_resource_is_a_text_resource_of_the_new_version():
    meta = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    entry = next(e for e in meta["portal"]["changelog"] if e["version"] == "1.3.0")  # the release that added texts
    assert tuple(int(x) for x in meta["version"].split(".")) >= (1, 3, 0)
    assert "数値の変更はない" in entry["summary_ja"]
    texts = next(r for r in meta["resources"] if r["name"] == "texts")
    assert all(f.get("description") for f in texts["schema"]["fields"])


def test_every_row_carries_its_source_span_and_references_exist():
    nodes = {r["node_id"] for r in _csv("nodes")}
    revisions = {r["revision_id"] for r in _csv("revisions")}
    for r in _csv("texts"):
        assert r["source_document"] in (SEED001, SEED004), r["text_id"]
        assert 1 <= int(r["source_line"]) <= int(r["source_line_end"]), r["text_id"]
        assert r["revision_id"] in revisions and (r["node_id"] in nodes or r["node_id"] == ""), r["text_id"]
        assert r["text_ja"] and r["text_ja"][0] not in "●■\uf0d8 ", r["text_id"]
        assert r["text_ja"].endswith("。") or r["kind"] == "column" and r["text_ja"][-1] in "）！", r["text_id"]


@needs_seeds
def test_every_text_is_printed_verbatim_in_its_span():
    for r in _csv("texts"):
        lines = _seed(r["source_document"])
        assert r["text_ja"] in _joined(lines, int(r["source_line"]), int(r["source_line_end"])), r["text_id"]
        heading = int(r["heading_line"])
        assert _joined(lines, heading, heading + 2).startswith(r["heading_ja"]), r["text_id"]


def test_spans_lie_inside_the_chapter_of_their_node():
    nodes = {r["node_id"]: r for r in _csv("nodes")}
    measures = sorted(int(n["source_line"]) for n in nodes.values()
                      if n["revision_id"] == f"{PLAN}:r2024" and n["level"] == "measure")
    for r in _csv("texts"):
        if r["source_document"] != SEED004:
            continue
        node = nodes[r["node_id"]]
        measure = node if node["level"] == "measure" else nodes[node["parent_id"]]
        start = int(measure["source_line"])
        end = next((m for m in measures if m > start), 10**9)
        assert start < int(r["source_line"]) <= int(r["source_line_end"]) < end, r["text_id"]
        assert start < int(r["heading_line"]) < end, r["text_id"]


def test_every_aim_has_its_current_state_issues_and_direction():
    aims = {r["node_id"] for r in _csv("nodes") if r["revision_id"] == f"{PLAN}:r2024" and r["level"] == "aim"}
    assert len(aims) == 15
    kinds = {(r["node_id"], r["kind"]) for r in _csv("texts")}
    for aim in aims:
        assert {(aim, k) for k in ("current_state", "issues", "direction")} <= kinds, aim
    measures = {r["node_id"] for r in _csv("nodes") if r["revision_id"] == f"{PLAN}:r2024" and r["level"] == "measure"}
    parents = {r["node_id"]: r["parent_id"] for r in _csv("nodes")}
    assert {parents[a] for a in aims} == measures and len(measures) == 10


def test_the_columns_are_there_with_their_titles():
    cols = [r for r in _csv("texts") if r["kind"] == "column"]
    by_title = Counter((r["node_id"].rsplit("-", 1)[1], r["heading_line"], r["heading_ja"]) for r in cols)
    assert by_title == {
        ("1", "621", "「福祉の相談窓口」の誕生とこれから"): 7,
        ("2", "1753", "ACP（人生会議）普及啓発に関する取組み～区内大学との連携～"): 5,
        ("3", "2112", "ぷらっとホーム世田谷"): 7,
        ("4", "2613", "世田谷区国民健康保険健康ポイント事業のご紹介"): 3,
        ("5", "2928", "お部屋探しサポート"): 1,
        ("5", "3259", "障害者グループホーム"): 3,
        ("5", "3281", "認知症高齢者グループホーム"): 2,
        ("6", "3560", "移動販売車の誘致による買い物支援の取り組み"): 5,
        ("7", "3876", "世田谷・福祉生まれのモノゴトを届ける‟せせせ″"): 4,
        ("8", "4626", "10 周年を迎える「メルクマールせたがや」"): 7,
        ("9", "5046", "ピアサポート事業 みつけばハウス"): 6,
        ("10", "5424", "「ながら見守り活動」をしませんか？"): 1,
    }
    assert all(r["node_id"].startswith(f"{PLAN}:r2024:measure-") for r in cols)
    first = next(r for r in cols if r["heading_line"] == "621" and r["position"] == "1")
    assert (first["source_line"], first["text_ja"][:12]) == ("553", "人口約92万人、日常生活")
    last = max((r for r in cols if r["heading_line"] == "3560"), key=lambda r: int(r["position"]))
    assert (last["source_line"], last["source_line_end"]) == ("3552", "3556")
    assert min(int(r["source_line"]) for r in cols if r["heading_line"] == "3560") == 3514


def test_the_draft_items_are_there():
    rows = [r for r in _csv("texts") if r["revision_id"] == f"{PLAN}:r2023-04-26"]
    assert all(r["node_id"] == "" and r["source_document"] == SEED001 for r in rows)
    headings = {(r["kind"], r["heading_ja"]) for r in rows}
    assert headings == {
        ("basic_policy", "①すべての人が自分らしく生きることができる環境をつくる"),
        ("basic_policy", "②予防的福祉を推進する"),
        ("basic_policy", "③参加と協働により地域福祉を推進する"),
        ("viewpoint", "④先端技術を柔軟に取り入れ、区民の福祉を向上する"),
        ("viewpoint", "⑤分野横断的な連携を推進する"),
        ("area", "第５節 圏域の考え方"),
        ("planning_structure", "第３節 計画の策定体制"),
    }
    structure = next(r for r in rows if r["kind"] == "planning_structure")
    assert "「総合計画策定研究会」" in structure["text_ja"] and "パブリックコメントやシンポジウム" in structure["text_ja"]
    assert any("28の地区" in r["text_ja"] for r in rows if r["kind"] == "area")

