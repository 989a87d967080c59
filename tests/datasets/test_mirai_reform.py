"""mirai-plan-2022's chapter 4 行政経営改革 (seed 003 別紙1): 35 取組み, every printed total a tested sum or level."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal

import pytest

from tests.helpers import ROOT, SEEDS

PACKAGE = ROOT / "datasets" / "mirai-plan-2022"
SEED = SEEDS / "003_a0da86d5be0d2af2.txt"


def rows(name: str) -> list[dict[str, str]]:
    """Read one CSV of the package."""
    with (PACKAGE / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def grid(table: str) -> dict[tuple[str, str], Decimal | None]:
    """(row slug, column slug) -> value of one table of reform_figures (None for ―)."""
    out = {}
    for r in rows("reform_figures"):
        if r["table"] == table:
            _, _, _, row, col = r["figure_id"].split(":")
            out[row, col] = Decimal(r["value"]) if r["value"] else None
    return out


def test_35_initiatives_with_their_codes_as_printed():
    items = rows("reform_items")
    assert len(items) == 35
    assert [i["code"] for i in items][:3] == ["1-1", "1-2", "2-1"] and items[-1]["code"] == "10-6"
    assert {i["code"] for i in items if i["excluded_from_total"] == "true"} == {"5-1", "9-1"}
    assert len({i["viewpoint"] for i in items}) == 10 and len({i["basic_policy_ja"] for i in items}) == 3


def test_effect_amounts_add_up_to_the_printed_6563188():
    effects = grid("effects")
    items = [i["code"] for i in rows("reform_items")]
    assert effects["total", "total"] == Decimal(6563188)
    counted = [c for c in items if c not in ("5-1", "9-1")]  # 合計 excludes them (line 1049)
    summary = ["affiliated-bodies", "facilities-reduction", "facilities-restraint"]
    for col in ("fy2022", "fy2023", "total"):
        parts = [effects[c, col] or 0 for c in counted] + [effects[s, col] or 0 for s in summary]
        assert sum(parts) == effects["total", col], col
        breakdown = sum(effects[b, col] for b in ("breakdown-reduction", "breakdown-restraint",
                                                   "breakdown-revenue"))
        assert breakdown == effects["total", col], col


def test_each_initiative_total_is_its_two_years():
    effects = grid("effects")
    slugs = {row for row, _ in effects}
    for slug in slugs:
        r4, r5, total = (effects[slug, c] for c in ("fy2022", "fy2023", "total"))
        if total is not None:
            assert (r4 or 0) + (r5 or 0) == total, slug
        else:
            assert r4 is None and r5 is None, slug


def test_facility_totals_are_tested_sums_and_running_totals():
    cap, eff, red, floor = (grid(t) for t in ("cost-cap", "facility-effects", "facility-reduction",
                                              "floor-area"))
    for col in ("fy2022", "fy2023"):
        assert cap["total", col] == cap["buildings", col] + cap["infrastructure", col]
        assert eff["subtotal", col] == sum(eff[r, col] for r in ("buildings", "paving", "parks", "bridges"))
    assert eff["cumulative", "fy2022"] == eff["subtotal", "fy2022"]
    assert eff["cumulative", "fy2023"] == eff["subtotal", "fy2022"] + eff["subtotal", "fy2023"]
    assert red["cumulative", "fy2023"] == red["effect", "fy2022"] + red["effect", "fy2023"]
    # The summary rows of the 効果額 table repeat the facility table (labels printed 100 lines later).
    effects = grid("effects")
    assert effects["facilities-restraint", "total"] == eff["cumulative", "fy2023"]
    assert effects["facilities-reduction", "total"] == red["cumulative", "fy2023"]
    assert floor["total", "fy2023"] == floor["ward-offices", "fy2023"] + floor["schools", "fy2023"]
    # FY2022 is printed 1 ㎡ below the sum of its parts (rounding in the document): kept as printed.
    assert floor["total", "fy2022"] == floor["ward-offices", "fy2022"] + floor["schools", "fy2022"] - 1


def test_every_total_is_marked_and_every_level_counts_its_list():
    figures = rows("reform_figures")
    totals = [f for f in figures if f["is_total"] == "true"]
    assert totals and all(f["total_semantics"] in ("sum", "cumulative") for f in totals)
    levels = {f["figure_id"].split(":")[3]: Decimal(f["value"]) for f in figures
              if f["total_semantics"] == "level" and f["table"] == "affiliated-bodies"}
    entries = defaultdict(list)
    for e in rows("affiliated_bodies"):
        entries[e["kind"]].append(e["name_ja"])
    assert levels == {"policies": len(entries["policy"]), "bodies": len(entries["body"])} == {
        "policies": 5, "bodies": 11}


def test_names_and_labels_are_printed_on_their_lines():
    if not SEED.exists():
        pytest.skip(f"seed not available at {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for i in rows("reform_items"):
        assert i["name_ja"] in lines[int(i["source_line"]) - 1], i["code"]
    for f in rows("reform_figures"):
        assert f["value_text"] in lines[int(f["source_line"]) - 1], f["figure_id"]
        if f["row_label_ja"]:
            label = f["row_label_ja"].split(" ")[-1]
            assert label in lines[int(f["label_line"]) - 1], f["figure_id"]
    for e in rows("affiliated_bodies"):
        assert e["name_ja"] in lines[int(e["source_line"]) - 1]


def test_codes_and_units_are_not_nfkc_normalised():
    names = {i["name_ja"] for i in rows("reform_items")}
    assert "ＤＸ推進を支える情報化基盤の強化" in names
    units = {f["unit"] for f in rows("reform_figures")}
    assert {"千円", "億円", "㎡", "施設"} <= units
