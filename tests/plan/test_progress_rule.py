"""Edge cases of the status rule that the real data does not (yet) contain."""

from __future__ import annotations

from portal.plan.progress import Cell, SubSeries, achievement_rate, assess, overall, rollup


def _sub(plan: dict[int, float], actual: dict[int, float], total: float | None = None) -> SubSeries:
    sub = SubSeries()
    sub.by_year["planned_original"] = {y: Cell(v, str(v)) for y, v in plan.items()}
    sub.by_year["actual"] = {y: Cell(v, str(v)) for y, v in actual.items()}
    if total is not None:
        sub.totals["planned_original"] = Cell(total, str(total))
    return sub


def test_sum_semantics_adds_actuals_up_to_the_latest_year():
    sub = _sub({2022: 10, 2023: 10}, {2022: 12, 2023: 9}, total=20)
    assert assess(sub, "higher_is_better", "sum").status == "achieved"


def test_lower_is_better_rate_is_plan_over_actual():
    assert achievement_rate(50, 40, "lower_is_better") == 0.8
    assert achievement_rate(0, 40, "lower_is_better") is None


def test_revised_dash_keeps_the_original_value():
    sub = _sub({2022: 10}, {2022: 10})
    sub.by_year["planned_revised"] = {2022: Cell(None, "―")}
    assert sub.plan_for(2022).value == 10


def test_no_plan_for_the_latest_year_is_not_measurable():
    sub = _sub({2023: 10}, {2022: 5})
    assert assess(sub, "higher_is_better", "level").status == "not_measurable"


def test_overall_takes_the_least_favourable_and_rollup_counts():
    behind = assess(_sub({2022: 10}, {2022: 5}), "higher_is_better", "level")
    done = assess(_sub({2022: 10}, {2022: 10}), "higher_is_better", "level")
    assert overall([done, behind]).status == "behind"
    assert rollup(["achieved", "behind", "behind"]) == {
        "achieved": 1, "on_track": 0, "behind": 2, "no_data": 0, "not_measurable": 0}
