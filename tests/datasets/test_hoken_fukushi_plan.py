"""Tests for datasets/hoken-fukushi-plan (seeds 001 and 004)."""
from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
PKG = REPO / "datasets" / "hoken-fukushi-plan"
EXTRACTOR = REPO / "tools" / "extract" / "seed001_004.py"
R2024 = "hoken-fukushi-plan:r2024"
RDRAFT = "hoken-fukushi-plan:r2023-04-26"
FW = str.maketrans("０１２３４５６７８９", "0123456789")

needs_seeds = pytest.mark.skipif(
    not (SEEDS / "004_77d912f534da2e2e.txt").exists() or not (SEEDS / "001_eaae7631a2875d99.txt").exists(),
    reason=f"seed files 001/004 not found in {SEEDS}",
)


def rows(name: str) -> list[dict[str, str]]:
    """Read one CSV resource of the package."""
    with (PKG / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_frictionless_valid() -> None:
    """The package validates, foreign keys included."""
    from frictionless import Package

    report = Package(str(PKG / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_descriptor_contract() -> None:
    """Required package properties and resource names."""
    desc = json.loads((PKG / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["name"] == "hoken-fukushi-plan"
    assert desc["portal"]["kind"] == "plan" and desc["portal"]["plan_id"] == "hoken-fukushi-plan"
    assert "unofficial" in desc["portal"]["translation_note"]
    names = [r["name"] for r in desc["resources"]]
    for core in ["plans", "revisions", "nodes", "indicators", "observations", "crosswalk", "opinions"]:
        assert core in names
    for r in desc["resources"]:
        assert r["path"] == f"{r['name']}.csv" and r["schema"]["primaryKey"]


def test_node_counts_r2024() -> None:
    """10 推進施策, 15 めざす姿, 39 主な取組み under one root in the later text."""
    nodes = [n for n in rows("nodes") if n["revision_id"] == R2024]
    levels = Counter(n["level"] for n in nodes)
    assert levels == {"section": 1, "measure": 10, "aim": 15, "project": 39}
    by_id = {n["node_id"]: n for n in nodes}
    per_measure = Counter(by_id[n["parent_id"]]["code"] for n in nodes if n["level"] == "aim")
    assert per_measure["推進施策１"] == 4 and per_measure["推進施策５"] == 2 and per_measure["推進施策８"] == 2
    for n in nodes:
        if n["level"] == "project":
            assert by_id[n["parent_id"]]["level"] == "aim" and n["direction_ja"]
        if n["level"] == "aim":
            assert n["vision_ja"]


def test_draft_nodes_and_placeholders() -> None:
    """The draft has ①–⑨ and ①–④ under 第1節; 「調整中」 items are placeholders."""
    nodes = [n for n in rows("nodes") if n["revision_id"] == RDRAFT]
    placeholders = sorted(n["name_ja"] for n in nodes if n["status"] == "placeholder")
    assert placeholders == sorted(["就労", "教育", "社会参加", "防犯・防災", "各分野・施策との連携"])
    sec1 = [n for n in nodes if n["parent_id"].endswith(":measure-1") or n["parent_id"].endswith(":measure-2")]
    assert len(sec1) == 13


def test_indicator_counts() -> None:
    """39 行動量 and 44 成果指標 (P10-5 a)/b), one printed row, are P10-5a and P10-5b; 【再掲】 rows kept)."""
    kinds = Counter(i["kind"] for i in rows("indicators"))
    assert kinds == {"action": 39, "outcome": 44}
    refs = [i for i in rows("indicators") if i["implementation_plan_ref"]]
    assert len(refs) == 65  # 33 on 行動量 + 32 on 成果指標 (P10-5a and P10-5b each carry P10-5's)
    node_ids = {n["node_id"]: n for n in rows("nodes")}
    for i in rows("indicators"):
        assert node_ids[i["node_id"]]["level"] == "project"
        assert re.fullmatch(r"[a-z0-9-]+(:[a-z0-9-]+)+", i["indicator_id"]), i["indicator_id"]


def test_ids_ascii() -> None:
    """All ids follow the [a-z0-9-] parts joined by ':' rule."""
    pat = re.compile(r"[a-z0-9-]+(:[a-z0-9-]+)+")
    for res, col in [("nodes", "node_id"), ("observations", "observation_id"), ("crosswalk", "crosswalk_id"),
                     ("opinions", "opinion_id"), ("concepts", "concept_id"), ("revisions", "revision_id")]:
        for r in rows(res):
            assert pat.fullmatch(r[col]), r[col]


def test_crosswalk_node_ids_exist() -> None:
    """Every node id in the crosswalk exists in the right revision; every r2024 node is reached."""
    nodes = {n["node_id"]: n for n in rows("nodes")}
    reached = set()
    for c in rows("crosswalk"):
        if c["from_node_id"]:
            assert nodes[c["from_node_id"]]["revision_id"] == c["from_revision_id"]
        else:
            assert c["relation"] == "new"
        if c["to_node_id"]:
            assert nodes[c["to_node_id"]]["revision_id"] == c["to_revision_id"]
            reached.add(c["to_node_id"])
        else:
            assert c["relation"] == "removed"
    assert {n for n, r in nodes.items() if r["revision_id"] == R2024} == reached


def test_sum_totals() -> None:
    """Totals with total_semantics=sum equal the sum of the printed years (per sub-item; 累計 = baseline + sum)."""
    inds = {i["indicator_id"]: i for i in rows("indicators")}
    obs = defaultdict(list)
    for o in rows("observations"):
        obs[o["indicator_id"]].append(o)
    checked = 0
    for iid, ind in inds.items():
        if ind["total_semantics"] != "sum":
            continue
        os_ = obs[iid]
        for t in [o for o in os_ if o["is_total"] == "true" and o["value"]]:
            sub = t["sub_item"]
            yearly = [o for o in os_ if o["fiscal_year"] and o["series"] == "target" and o["value"]]
            # a running total (累計…) grows by the annual cells; any other total is their sum
            years = [float(o["value"]) for o in yearly
                     if ("累計" not in o["sub_item"] if sub.startswith("累計") else o["sub_item"] == sub)]
            if sub.startswith("累計"):
                base = [float(o["value"]) for o in os_ if o["series"] == "baseline" and o["sub_item"] == sub]
                assert base and abs(base[0] + sum(years) - float(t["value"])) < 1e-9, iid
            else:
                assert abs(sum(years) - float(t["value"])) < 1e-9, (iid, sub)
            checked += 1
    assert checked >= 50


def test_observation_shape() -> None:
    """Targets cover FY2024–2027; value_text always filled; totals have no fiscal year."""
    for o in rows("observations"):
        assert o["value_text"]
        if o["is_total"] == "true":
            assert o["fiscal_year"] == ""
        elif o["series"] == "target":
            assert o["fiscal_year"] in {"2024", "2025", "2026", "2027"}
        if o["is_estimate"] == "true":
            assert "見込み" in o["value_text"] or "L5394" in o["note"]


def fold(text: str) -> str:
    """Fold a printed line: full-width digits → ASCII, ． → ., drop spaces and thousands separators."""
    return re.sub(r"[ \u3000,，]", "", text.translate(FW).replace("．", "."))


@needs_seeds
def test_provenance() -> None:
    """For every observation with a value, the number as printed occurs on its source line."""
    cache: dict[str, list[str]] = {}
    n = 0
    for o in rows("observations"):
        if not o["value"]:
            continue
        lines = cache.setdefault(o["source_document"], (SEEDS / o["source_document"]).read_text(encoding="utf-8").split("\n"))
        assert o["value"] in fold(lines[int(o["source_line"]) - 1]), (o["observation_id"], o["value"])
        n += 1
    assert n > 400


@needs_seeds
def test_names_on_source_lines() -> None:
    """Node and opinion source lines point at the printed text."""
    cache: dict[str, list[str]] = {}
    for nd in rows("nodes"):
        lines = cache.setdefault(nd["source_document"], (SEEDS / nd["source_document"]).read_text(encoding="utf-8").split("\n"))
        window = re.sub(r"\s", "", "".join(lines[int(nd["source_line"]) - 1 : int(nd["source_line"]) + 3]))
        assert re.sub(r"\s", "", nd["name_ja"])[:4] in window, nd["node_id"]
    for op in rows("opinions"):
        lines = cache.setdefault(op["source_document"], (SEEDS / op["source_document"]).read_text(encoding="utf-8").split("\n"))
        assert op["body_ja"][:10] in re.sub(r"[ \uf0d8]", "", lines[int(op["source_line"]) - 1]), op["opinion_id"]


def test_opinions() -> None:
    """52 unique dated opinions, all tied to a theme concept and the 3/27 revision."""
    ops = rows("opinions")
    assert len(ops) == 52
    assert Counter(o["theme_ja"] for o in ops) == {
        "権利擁護の推進": 13, "福祉人材の確保・育成・定着": 14, "保健福祉サービスの質の向上": 5,
        "保健医療福祉の全区的な拠点運営": 5, "寄附文化の醸成、基金の活用": 5, "課題抽出の仕組み": 10}
    assert all(o["date"] == "2023-03-27" and o["concept_id"] for o in ops)
    assert sum(1 for o in ops if o["also_printed_at"]) == 4


@needs_seeds
def test_extractor_reproduces_files() -> None:
    """Re-running the extractor gives byte-identical files."""
    spec = importlib.util.spec_from_file_location("seed001_004", EXTRACTOR)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader
    sys.modules[spec.name] = mod  # dataclasses resolve string annotations through sys.modules
    try:
        spec.loader.exec_module(mod)
        rendered = mod.render()
    finally:
        sys.modules.pop(spec.name, None)
    for name, data in rendered.items():
        assert (PKG / name).read_bytes() == data, name
    assert sorted(p.name for p in PKG.iterdir()) == sorted(rendered)


def test_draft_section1_fully_mapped() -> None:
    """Every draft 第1節 node appears as a from_node in the crosswalk (第3節 has no counterpart in seed 004)."""
    nodes = [n for n in rows("nodes") if n["revision_id"] == RDRAFT]
    by_id = {n["node_id"]: n for n in nodes}

    def in_section1(n: dict[str, str]) -> bool:
        """True when the node sits under 第1節."""
        while n["parent_id"]:
            n = by_id[n["parent_id"]]
        return n["code"] == "第１節"

    expected = {n["node_id"] for n in nodes if in_section1(n)}
    assert len(expected) == 16  # 第1節, (1), ①–⑨, (2), ①–④
    assert expected == {c["from_node_id"] for c in rows("crosswalk") if c["from_node_id"]}


def test_cumulative_and_level_totals() -> None:
    """Cumulative and level totals equal the printed 令和9年度 value; no total is computed."""
    inds = {i["indicator_id"]: i for i in rows("indicators")}
    obs = defaultdict(dict)
    for o in rows("observations"):
        if not o["sub_item"]:
            obs[o["indicator_id"]]["total" if o["is_total"] == "true" else o["fiscal_year"] or "base"] = o["value"]
    for iid, ind in inds.items():
        if ind["total_semantics"] in {"cumulative", "level"} and obs[iid].get("2027"):
            assert float(obs[iid]["total"]) == float(obs[iid]["2027"]), iid
