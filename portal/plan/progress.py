"""The status rule: one documented way to turn an indicator's printed figures into a status.

The rule (also shown to residents on /<lang>/about/method):

1. **Not measurable** — the indicator has no direction (higher or lower is better) or no numeric
   plan or target at all (e.g. a target printed as prose such as 「各地区で周知活動を実施する」).
2. **No data yet** — there is no numeric actual (実績) for any year (e.g. the 地域保健医療福祉総合計画
   prints a baseline 現況値 and targets for 令和6–9年度 only).
3. Otherwise take the latest fiscal year Y that has a numeric actual A.
   *Achieved* when A meets the plan's final target: the planned value of the last planned year,
   or, when the 総量 column is a sum of yearly amounts (total_semantics = "sum"), the actuals added
   up to Y compared with the 総量. Revised values (修正計画) replace original ones where printed;
   a cell printed 「―」 in the revised row means "unchanged".
   For cumulative (累計) and level indicators the values are already running totals or levels, so
   A is compared as it is.
4. Otherwise compare A with the value planned for year Y (revised where printed, else original;
   for outcome indicators, the target for Y). Achievement rate = A ÷ plan (higher is better) or
   plan ÷ A (lower is better). *On track* when the rate is at least 100 %, *behind* below it.
   When no value is planned for Y, the indicator is *not measurable* for that year.
5. A result based on an estimate (見込み, is_estimate) keeps its status but is labelled as an
   estimate everywhere it is shown. Indicators printed as several values (sub-items) are assessed
   per sub-item; the indicator shows the least favourable of them.

Roll-ups per 施策 and per pillar count the statuses of the indicators below them; rates are never
averaged, because units differ (人, 回, %, 地区 …).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Statuses in order from least to most favourable among the measured ones.
ACHIEVED, ON_TRACK, BEHIND = "achieved", "on_track", "behind"
NO_DATA, NOT_MEASURABLE = "no_data", "not_measurable"
STATUSES = (ACHIEVED, ON_TRACK, BEHIND, NO_DATA, NOT_MEASURABLE)
_SEVERITY = {BEHIND: 0, ON_TRACK: 1, ACHIEVED: 2, NO_DATA: 3, NOT_MEASURABLE: 4}
PLAN_SERIES = ("planned_original", "planned_revised", "target", "target_original")


@dataclass(frozen=True)
class Cell:
    """One printed figure: the number (if any), the text as printed and where it was printed."""

    value: float | None
    text: str
    is_estimate: bool = False
    as_of: str | None = None
    note: str | None = None
    source_document: str | None = None
    source_line: int | None = None


@dataclass
class SubSeries:
    """Every series of one indicator (or one sub-item of it), by fiscal year, plus 総量 totals."""

    sub_item: str = ""
    by_year: dict[str, dict[int, Cell]] = field(default_factory=dict)
    totals: dict[str, Cell] = field(default_factory=dict)
    baseline: Cell | None = None

    def cell(self, series: str, year: int) -> Cell | None:
        """Return the cell of SERIES for YEAR, if printed."""
        return self.by_year.get(series, {}).get(year)

    def years(self) -> list[int]:
        """Every fiscal year that has any figure, ascending."""
        return sorted({y for cells in self.by_year.values() for y in cells})

    def plan_for(self, year: int) -> Cell | None:
        """The numeric value planned for YEAR: revised, else original, else the outcome target."""
        for series in ("planned_revised", "planned_original", "target"):
            cell = self.cell(series, year)
            if cell is not None and cell.value is not None:
                return cell
        return None

    def plan_total(self) -> Cell | None:
        """The numeric 総量 planned: revised, else original."""
        for series in ("planned_revised", "planned_original"):
            cell = self.totals.get(series)
            if cell is not None and cell.value is not None:
                return cell
        return None

    def has_numeric_plan(self) -> bool:
        """True when any plan or target value is a number."""
        cells = [c for s in PLAN_SERIES for c in self.by_year.get(s, {}).values()]
        cells += [c for s, c in self.totals.items() if s in PLAN_SERIES]
        return any(c.value is not None for c in cells)


@dataclass(frozen=True)
class Assessment:
    """The status of one (sub-)series with the figures it was computed from."""

    status: str
    sub_item: str = ""
    year: int | None = None
    actual: Cell | None = None
    compared_with: Cell | None = None
    rate: float | None = None
    is_estimate: bool = False
    reason: str = ""


def meets(actual: float, goal: float, direction: str) -> bool:
    """True when ACTUAL is at least as good as GOAL in DIRECTION."""
    return actual <= goal if direction == "lower_is_better" else actual >= goal


def achievement_rate(actual: float, goal: float, direction: str) -> float | None:
    """Actual ÷ goal (higher is better) or goal ÷ actual (lower is better); None if undefined."""
    if direction == "lower_is_better":
        return goal / actual if actual else None
    return actual / goal if goal else None


def _final_goal(sub: SubSeries, semantics: str | None) -> tuple[Cell | None, bool]:
    """The final target and whether actuals must be summed to compare with it (総量 = sum)."""
    if semantics == "sum" and sub.plan_total() is not None:
        return sub.plan_total(), True
    planned = [y for y in sub.years() if sub.plan_for(y) is not None]
    return (sub.plan_for(planned[-1]) if planned else None), False


def assess(sub: SubSeries, direction: str | None, semantics: str | None) -> Assessment:
    """Apply the status rule of this module's docstring to one (sub-)series."""
    if direction not in ("higher_is_better", "lower_is_better") or not sub.has_numeric_plan():
        return Assessment(NOT_MEASURABLE, sub.sub_item, reason="no_numeric_target")
    actuals = {y: c for y, c in sub.by_year.get("actual", {}).items() if c.value is not None}
    if not actuals:
        return Assessment(NO_DATA, sub.sub_item, reason="no_actual")
    year = max(actuals)
    actual = actuals[year]
    estimate = actual.is_estimate
    goal, summed = _final_goal(sub, semantics)
    if goal is not None and goal.value is not None:
        so_far = sum(c.value for y, c in actuals.items() if y <= year) if summed else actual.value
        if meets(so_far, goal.value, direction):
            estimate = estimate or (summed and any(c.is_estimate for c in actuals.values()))
            return Assessment(ACHIEVED, sub.sub_item, year, actual, goal,
                              achievement_rate(so_far, goal.value, direction), estimate, "final_target")
    planned = sub.plan_for(year)
    if planned is None or planned.value is None:
        return Assessment(NOT_MEASURABLE, sub.sub_item, year, actual, reason="no_target_for_year")
    rate = achievement_rate(actual.value, planned.value, direction)
    ok = meets(actual.value, planned.value, direction)
    return Assessment(ON_TRACK if ok else BEHIND, sub.sub_item, year, actual, planned, rate, estimate,
                      "year_plan")


def overall(assessments: Iterable[Assessment]) -> Assessment:
    """The least favourable assessment among measured ones (no data / not measurable last)."""
    items = list(assessments)
    if not items:
        return Assessment(NOT_MEASURABLE, reason="no_numeric_target")
    return min(items, key=lambda a: _SEVERITY[a.status])


def rollup(statuses: Iterable[str]) -> dict[str, int]:
    """Count statuses in the fixed display order (every status present, zero when absent)."""
    counts = Counter(statuses)
    return {s: counts.get(s, 0) for s in STATUSES}
