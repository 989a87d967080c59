"""Issue 18's labelling: periods, as_of read as a date, one unit spelling, one is_estimate, joinable sub-items."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest

from portal.plan.labelling import as_of_fields, prose_value
from tests.helpers import ROOT

PLANS = ("mirai-plan-2022", "hoken-fukushi-plan")


def _rows(plan: str, resource: str) -> list[dict[str, str]]:
    with open(ROOT / "datasets" / plan / f"{resource}.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _observations() -> list[dict[str, str]]:
    return [r for plan in PLANS for r in _rows(plan, "observations")]


def test_two_year_sums_cover_two_fiscal_years_and_single_years_their_own():
    two_years = [r for r in _rows("mirai-plan-2022", "observations") if re.search(r"[2２]年間の合計", r["note"] + r["value_text"])]
    assert len(two_years) == 29  # 6-2② 「65人（2年間の合計）」 and the rest
    for row in two_years:
        assert (int(row["period_start_fy"]), int(row["period_end_fy"])) == (2022, 2023), row["observation_id"]
    for row in _observations():
        if row["is_total"] == "false" and row["fiscal_year"] and row not in two_years:
            assert row["period_start_fy"] == row["period_end_fy"] == row["fiscal_year"], row["observation_id"]


def test_a_total_covers_the_years_printed_in_its_series():
    totals = {r["observation_id"]: r for r in _rows("hoken-fukushi-plan", "observations") if r["is_total"] == "true"}
    assert totals and all((r["period_start_fy"], r["period_end_fy"]) == ("2024", "2027") for r in totals.values())
    mirai = [r for r in _rows("mirai-plan-2022", "observations")
             if r["is_total"] == "true" and r["series"] == "planned_original"]
    assert mirai and all((r["period_start_fy"], r["period_end_fy"]) == ("2022", "2023") for r in mirai)


@pytest.mark.parametrize(("printed", "month", "fiscal"), [
    ("令和4年12月末現在での令和4年度末見込み", "2022-12", 2022),
    ("令和５年度見込み", "", 2023),
    ("令和5年１２月時点", "2023-12", 2023),
    ("令和5年度末", "2024-03", 2023),
    ("令和元年度", "", 2019),
    ("", "", None),
])
def test_as_of_is_read_as_a_month_or_fiscal_year(printed, month, fiscal):
    assert as_of_fields(printed) == (month, fiscal)


def test_every_printed_as_of_is_kept_and_read():
    rows = [r for r in _observations() if r["as_of"]]
    assert rows and all(r["as_of_fiscal_year"] for r in rows)
    widths = {r["as_of"] for r in rows if r["as_of_month"] == "2023-12"}
    assert {"令和5年12月時点", "令和５年12月時点", "令和5年１２月時点"} <= widths  # printed widths kept, one reading
    estimates = [r for r in _rows("hoken-fukushi-plan", "observations")
                 if r["series"] == "baseline" and r["is_estimate"] == "true"]
    assert len(estimates) == 40 and all(r["as_of"] == "令和５年度見込み" for r in estimates)
    assert all(r["as_of_fiscal_year"] == "2023" for r in estimates)


def test_is_estimate_has_one_meaning_in_every_package():
    """true exactly when the value is printed as a 見込み (in its as_of or its cell), whatever its series."""
    for row in _observations():
        printed = "見込み" in row["as_of"] + row["value_text"]
        assert (row["is_estimate"] == "true") == printed, row["observation_id"]


def test_units_are_spelt_one_way_and_the_printed_spelling_is_kept():
    indicators = [r for plan in PLANS for r in _rows(plan, "indicators")]
    assert not [r for r in indicators if "％" in r["unit"]]
    assert sum(r["unit_printed"] == "％" and r["unit"] == "%" for r in indicators) == 35  # 33 in mirai, 2 in hoken


def test_sub_items_join_across_series():
    """Every yearly or baseline cell of an indicator joins on (indicator_id, sub_item) with the others."""
    labels: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows("hoken-fukushi-plan", "observations"):
        if row["is_total"] == "false":
            labels[row["indicator_id"]][row["series"]].add(row["sub_item"])
    for indicator, series in labels.items():
        if "baseline" in series and "target" in series:
            assert series["target"] <= series["baseline"], indicator
    ids = {r["indicator_id"] for r in _rows("hoken-fukushi-plan", "indicators")}
    assert {"hoken-fukushi-plan:outcome:p10-5a", "hoken-fukushi-plan:outcome:p10-5b"} <= ids
    assert "hoken-fukushi-plan:outcome:p10-5" not in ids
    codes = {r["code"] for r in _rows("hoken-fukushi-plan", "indicators")}
    assert {"P10-5a", "P10-5b", "P5.2-1a", "P5.2-1b"} <= codes


def test_the_annual_sub_item_of_yearly_targets_sums_to_its_printed_total():
    rows = [r for r in _rows("hoken-fukushi-plan", "observations") if r["indicator_id"].endswith("action:p10-2")]
    yearly = [r for r in rows if r["fiscal_year"] and r["series"] == "target"]
    total = next(r for r in rows if r["is_total"] == "true" and r["sub_item"] == "修了人数")
    assert {r["sub_item"] for r in yearly} == {"修了人数"}
    assert sum(float(r["value"]) for r in yearly) == float(total["value"]) == 80


@pytest.mark.parametrize(("printed", "unit", "value"), [
    ("区内 28 地区で始動", "地区", 28), ("区内３地区で始動", "地区", 3),
    ("健康危機管理マニュアル（平成23年4月）", "件", None), ("第10期世田谷区高齢者保健福祉計画・介護保険事業計画に基づく取組み", "箇所", None),
    ("各地区の四者連携の取組みの中で、１０歳代～３０歳代の若者に対して周知活動を実施する。", "回", None),
])
def test_one_rule_for_numbers_in_prose_cells(printed, unit, value):
    assert prose_value(printed, unit) == value


def test_the_prose_rule_is_applied_everywhere():
    """Every cell with a digit and no value is one the rule leaves empty; every cell it reads has that value."""
    units = {r["indicator_id"]: r["unit"] for plan in PLANS for r in _rows(plan, "indicators")}
    cells = [r for r in _observations() if re.search(r"[0-9０-９]", r["value_text"])]
    read = 0
    for row in cells:
        expected = prose_value(row["value_text"], units[row["indicator_id"]])
        if not row["value"]:
            assert expected is None, row["observation_id"]
        elif expected is not None:
            assert float(row["value"]) == expected, row["observation_id"]
            read += 1
    assert read > 100  # plain cells such as 「20 人」 read the same way
    target = next(r for r in _rows("mirai-plan-2022", "observations")
                  if r["indicator_id"] == "mirai-plan-2022:outcome:4-4" and r["series"] == "target")
    assert target["value_text"] == "区内 28 地区で始動" and target["value"] == "28"
