"""Tests for datasets/mirai-plan-2022 (seed 003, 世田谷区未来つながるプラン 推進状況（案）)."""

from __future__ import annotations

import csv
import filecmp
import re
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import Package

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "datasets" / "mirai-plan-2022"
EXTRACTOR = REPO / "tools" / "extract" / "seed003.py"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED = SEEDS / "003_a0da86d5be0d2af2.txt"
REVS = ("mirai-plan-2022:original", "mirai-plan-2022:revised")
FW = str.maketrans("０１２３４５６７８９", "0123456789")


def rows(name: str) -> list[dict[str, str]]:
    """Read one CSV of the package."""
    with (PACKAGE / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def need_seed() -> list[str]:
    """Seed lines, or skip when the shared seeds are not available."""
    if not SEED.exists():
        pytest.skip(f"seed not available at {SEED} (needs /work/shared/seeds)")
    return SEED.read_text(encoding="utf-8").split("\n")


def test_package_validates() -> None:
    """The package is valid, foreign keys included."""
    report = Package(PACKAGE / "datapackage.json").validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_tree_counts_per_revision() -> None:
    """4 pillars, 19 measures, 62 projects in each revision."""
    nodes = rows("nodes")
    for rev in REVS:
        levels = [n["level"] for n in nodes if n["revision_id"] == rev]
        assert levels.count("pillar") == 4
        assert levels.count("measure") == 19
        assert levels.count("project") == 62
    concepts = defaultdict(set)
    for n in nodes:
        concepts[n["concept_id"]].add((n["revision_id"], n["name_ja"]))
    assert all(len(v) == 2 and len({name for _, name in v}) == 1 for v in concepts.values())


def test_indicator_counts() -> None:
    """78 行動量 and 76 成果指標, all on revised 事業 nodes."""
    inds = rows("indicators")
    kinds = [i["kind"] for i in inds]
    assert kinds.count("action") == 78
    assert kinds.count("outcome") == 76
    assert all(i["revision_id"] == REVS[1] and ":revised:project-" in i["node_id"] for i in inds)
    assert all(i["name_en"] for i in inds)
    lower = {i["code"] for i in inds if i["direction"] == "lower_is_better"
             and i["kind"] == "outcome"}
    assert lower == {"15-2②", "18-1", "18-2", "18-3"}


def test_change_counts() -> None:
    """10 plan changes (9 施策) and 9 target changes (7 施策), as the document counts them."""
    changes = rows("changes")
    plan = [c for c in changes if c["change_kind"] == "plan"]
    target = [c for c in changes if c["change_kind"] == "target"]
    assert len(plan) == 10 and len(target) == 9
    measure = lambda c: c["indicator_id"].split(":")[2].split("-")[0]  # noqa: E731
    assert len({measure(c) for c in plan}) == 9
    assert len({measure(c) for c in target}) == 7
    assert all(c["reason_ja"] and c["old_value"] and c["new_value"] for c in changes)


def test_changes_match_observations() -> None:
    """Each change's new value is the revised R5 plan or the target; old value is on record."""
    obs = rows("observations")
    by_ind = defaultdict(list)
    for o in obs:
        by_ind[o["indicator_id"]].append(o)
    for c in rows("changes"):
        series = ("planned_revised", "planned_original") if c["change_kind"] == "plan" \
            else ("target", "target_original")
        new = [o for o in by_ind[c["indicator_id"]] if o["series"] == series[0]
               and o["fiscal_year"] == "2023" and o["value"] == c["new_value"]]
        old = [o for o in by_ind[c["indicator_id"]] if o["series"] == series[1]
               and o["fiscal_year"] == "2023" and o["value"] == c["old_value"]]
        assert new and old, c["change_id"]


def test_sum_totals_equal_yearly_values() -> None:
    """Every 総量 of a 'sum' indicator equals the sum of its yearly values, where all are printed.

    Planned series have R4 and R5 cells; 実績 has only R4 (the R5 cell is blank in the document).
    """
    semantics = {i["indicator_id"]: i["total_semantics"] for i in rows("indicators")}
    cells: dict[tuple[str, str, str, str], str] = {}
    for o in rows("observations"):
        slot = "total" if o["is_total"] == "true" else o["fiscal_year"]
        cells[(o["indicator_id"], o["series"], o["sub_item"], slot)] = o["value"]
    checked = 0
    for (ind, series, sub, slot), total in cells.items():
        if slot != "total" or not total or semantics[ind] != "sum":
            continue
        years = ("2022",) if series == "actual" else ("2022", "2023")
        # a cell printed once for all sub-items (e.g. 2-3 修正計画 R4 ―) has an empty sub_item
        values = [cells.get((ind, series, sub, y), cells.get((ind, series, "", y))) for y in years]
        if not all(values):
            continue
        assert sum(Decimal(v) for v in values) == Decimal(total), (ind, series, sub)
        checked += 1
    assert checked > 100


def test_revised_totals_are_original_r4_plus_revised_r5() -> None:
    """For changed 'sum' rows, the revised 総量 = 当初 R4 + 修正 R5 (how the document adds)."""
    semantics = {i["indicator_id"]: i["total_semantics"] for i in rows("indicators")}
    vals: dict[tuple[str, str, str, str], str] = {}
    for o in rows("observations"):
        slot = "total" if o["is_total"] == "true" else o["fiscal_year"]
        vals[(o["indicator_id"], o["sub_item"], o["series"], slot)] = o["value"]
    for (ind, sub, series, slot), total in vals.items():
        if series != "planned_revised" or slot != "total" or not total \
                or semantics[ind] != "sum":
            continue
        r4 = vals[(ind, sub, "planned_original", "2022")]
        r5 = vals[(ind, sub, "planned_revised", "2023")]
        assert Decimal(r4) + Decimal(r5) == Decimal(total), ind


def test_budget_total_is_printed_not_summed() -> None:
    """The 合計 row is kept as printed and flagged; the document says it is not additive."""
    budgets = rows("budgets")
    totals = [b for b in budgets if b["is_total"] == "true"]
    assert len(totals) == 4 and all(not b["node_id"] for b in totals)
    assert len(budgets) == 80
    actual = [int(b["value"]) for b in budgets if b["series"] == "actual"
              and b["is_total"] == "false"]
    total = next(int(b["value"]) for b in totals if b["series"] == "actual")
    assert sum(actual) != total  # 5,361,718 vs 5,139,507 printed


def test_observation_values_are_printed_on_their_line() -> None:
    """Provenance: every value occurs on source_line (full-width folded, spaces/commas dropped)."""
    lines = need_seed()
    for name in ("observations", "budgets", "changes"):
        for r in rows(name):
            pairs = [(r["value"], r["source_line"])] if name != "changes" else [
                (r["old_value"], r["old_source_line"]), (r["new_value"], r["new_source_line"])]
            for value, line_no in pairs:
                if not value:
                    continue
                line = re.sub(r"[ \u3000,，]", "", lines[int(line_no) - 1].translate(FW))
                assert value in line, (name, value, line_no, line)


def test_value_text_is_on_its_line() -> None:
    """Plain (non-composite) value_text cells are printed on their source line."""
    lines = need_seed()
    for r in rows("observations"):
        if r["sub_item"] or r["indicator_id"].endswith(":6-1"):
            continue
        assert r["value_text"] in lines[int(r["source_line"]) - 1], r["observation_id"]


def test_extractor_reproduces_committed_files(tmp_path: Path) -> None:
    """Re-running the extractor gives byte-identical files."""
    need_seed()
    subprocess.run([sys.executable, str(EXTRACTOR), "--seed", str(SEED), "--out", str(tmp_path)],
                   check=True)
    produced = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in PACKAGE.iterdir())
    assert produced == committed
    match, mismatch, errors = filecmp.cmpfiles(tmp_path, PACKAGE, produced, shallow=False)
    assert not mismatch and not errors, (mismatch, errors)


def test_text_not_nfkc_normalised() -> None:
    """Circled codes and units stay as printed."""
    inds = {i["code"] for i in rows("indicators")}
    assert "12-3②" in inds and "1-1①" in inds
    units = {i["unit"] for i in rows("indicators")}
    assert {"㎡", "㎥", "t-CO₂"} <= units
