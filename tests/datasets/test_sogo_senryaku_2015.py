"""Tests for the `sogo-senryaku-2015` plan Data Package and its extractor (seed 000)."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
PKG_DIR = REPO / "datasets" / "sogo-senryaku-2015"
EXTRACTOR = REPO / "tools" / "extract" / "seed000.py"
ID_RE = re.compile(r"^[a-z0-9-]+(:[a-z0-9-]+)*$")
FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def need_seeds() -> None:
    """Skip the calling test when the shared seeds are not available."""
    if not SEEDS.is_dir():
        pytest.skip(f"shared seeds not found at {SEEDS} (needed to check provenance)")


def load_extractor() -> ModuleType:
    """Import tools/extract/seed000.py by path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("extract_seed000", EXTRACTOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


def rows(name: str) -> list[dict[str, str]]:
    """Read one committed CSV resource."""
    with (PKG_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def seed_line(document: str, line: int) -> str:
    """Return 1-based line of a seed file."""
    return (SEEDS / document).read_text(encoding="utf-8").split("\n")[line - 1]


def fold(text: str) -> str:
    """Fold full-width digits, drop spaces and thousands separators (provenance rule)."""
    return re.sub(r"[ \u3000,，]", "", text.translate(FULLWIDTH))


def test_pillars_and_initiatives() -> None:
    """3 pillars and the 11 重点取組み (7 + 2 + 2) of the 素案, each under its pillar."""
    nodes = [r for r in rows("nodes") if r["revision_id"] == "sogo-senryaku-2015:soan"]
    pillars = [r for r in nodes if r["level"] == "pillar"]
    assert [p["name_ja"] for p in pillars] == [
        "人口動向への対応", "地方との交流と豊かな暮らし", "地域人材と社会資源の活用・活性化"
    ]
    initiatives = [r for r in nodes if r["level"] == "initiative"]
    assert len(initiatives) == 11
    per_pillar = Counter(r["parent_id"] for r in initiatives)
    assert [per_pillar[p["node_id"]] for p in pillars] == [7, 2, 2]
    assert [r["code"] for r in initiatives] == list("①②③④⑤⑥⑦①②①②")
    assert all(r["direction_ja"] for r in initiatives)
    assert all(p["vision_ja"] and p["direction_ja"] for p in pillars)
    items = [r for r in nodes if r["level"] == "project"]
    assert len(items) == 29
    assert any(r["name_ja"] == "地域支えあいの推進（再掲）" for r in items)


def test_adopted_goals_and_crosswalk() -> None:
    """Adopted 基本目標 share concept_ids with the 素案 pillars; (2) and (3) are swapped."""
    nodes = {r["node_id"]: r for r in rows("nodes")}
    goals = [r for r in nodes.values() if r["revision_id"] == "sogo-senryaku-2015:adopted"]
    assert [g["code"] for g in goals] == ["基本目標１", "基本目標２", "基本目標３"]
    assert goals[2]["name_ja"] == "心豊かな暮らしを実現するための地方・都市との連携・交流"
    mapped = {
        r["from_node_id"]: r["to_node_id"] for r in rows("crosswalk") if r["to_node_id"]
    }
    assert mapped == {
        "sogo-senryaku-2015:soan:p1": "sogo-senryaku-2015:adopted:g1",
        "sogo-senryaku-2015:soan:p2": "sogo-senryaku-2015:adopted:g3",
        "sogo-senryaku-2015:soan:p3": "sogo-senryaku-2015:adopted:g2",
    }
    for src, dst in mapped.items():
        assert nodes[src]["concept_id"] == nodes[dst]["concept_id"]


def test_no_kpis_published() -> None:
    """The 素案 has no KPIs: indicators and observations are header-only."""
    assert rows("indicators") == []
    assert rows("observations") == []
    desc = json.loads((PKG_DIR / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in desc["resources"]}
    assert "no 数値目標 or KPI" in by_name["indicators"]["description"]


def test_ids_are_ascii() -> None:
    """Every id column follows the convention's ASCII id format."""
    for name, col in (("plans", "plan_id"), ("revisions", "revision_id"), ("nodes", "node_id"),
                      ("nodes", "concept_id"), ("population_vision", "figure_id"),
                      ("crosswalk", "crosswalk_id")):
        for r in rows(name):
            assert ID_RE.match(r[col]), (name, r[col])


def test_population_vision_provenance() -> None:
    """Every value (and every value_text) is printed on its source_line."""
    need_seeds()
    pv = rows("population_vision")
    assert len(pv) >= 30
    with_value = [r for r in pv if r["value"]]
    assert with_value
    for r in pv:
        line = seed_line(r["source_document"], int(r["source_line"]))
        if r["value"]:
            assert fold(r["value"]) in fold(line), (r["figure_id"], r["value"], line)
            assert fold(r["value_text"]) in fold(line), r["figure_id"]
        if r["value_text"]:
            assert r["value_text"] in line, (r["figure_id"], r["value_text"], line)


def test_population_vision_honest_gaps() -> None:
    """The projection's middle labels have no year or value; the L614 error is kept."""
    pv = rows("population_vision")
    middle = [r for r in pv if r["chart_label"] == "2"]
    assert len(middle) == 3
    assert all(r["year"] == "" and r["value"] == "" and r["value_text"] for r in middle)
    assert all(r["note"] for r in middle)
    err = [r for r in pv if r["source_line"] == "614"]
    assert err and err[0]["value_text"] == "平成7年(2005年)"
    assert "1995" in err[0]["note"]
    inferred = [r for r in pv if r["year_basis"] == "inferred"]
    assert inferred and all("inferred" in r["year_basis"] and r["note"] for r in inferred)


def test_node_names_on_source_lines() -> None:
    """Each node's name starts with the text printed on its source_line (after its code)."""
    need_seeds()
    for r in rows("nodes"):
        line = seed_line(r["source_document"], int(r["source_line"])).strip(" \u3000")
        printed = re.sub(r"^(\(\d\)|[①-⑳]|・)", "", line).strip()
        assert printed and r["name_ja"].startswith(printed), (r["node_id"], line)


def test_frictionless_validates() -> None:
    """The package validates with frictionless, foreign keys included."""
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(PKG_DIR / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_extractor_reproduces_committed_files(tmp_path: Path) -> None:
    """Re-running the extractor gives byte-identical files."""
    need_seeds()
    module = load_extractor()
    written = module.build(tmp_path, SHARED)
    assert len(written) == 10  # 7 resources + schedule + texts + datapackage.json
    for p in written:
        assert p.read_bytes() == (PKG_DIR / p.name).read_bytes(), p.name
