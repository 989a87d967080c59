"""Turn an indicator's observation rows into series per sub-item and assess them."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.plan.models import Indicator, Observation
from portal.plan.progress import Assessment, Cell, SubSeries, assess, overall


def cell_of(obs: Observation) -> Cell:
    """Copy one observation into a plain Cell."""
    return Cell(obs.value, obs.value_text, bool(obs.is_estimate), obs.as_of, obs.note,
                obs.source_document, obs.source_line)


def sub_series(observations: list[Observation]) -> list[SubSeries]:
    """Group observations by sub-item (in printed order) into SubSeries."""
    subs: dict[str, SubSeries] = {}
    for obs in sorted(observations, key=lambda o: (o.source_line or 0, o.observation_id)):
        sub = subs.setdefault(obs.sub_item or "", SubSeries(obs.sub_item or ""))
        cell = cell_of(obs)
        if obs.series == "baseline":
            sub.baseline = sub.baseline or cell
        elif obs.is_total:
            sub.totals[obs.series] = cell
        elif obs.fiscal_year is not None:
            sub.by_year.setdefault(obs.series, {})[obs.fiscal_year] = cell
    found = list(subs.values())
    if len(found) > 1:  # a composite cell: drop the empty row that only holds an unprinted baseline
        found = [s for s in found if s.by_year or s.totals or (s.baseline and s.baseline.value is not None)]
    return found


@dataclass
class IndicatorFigures:
    """An indicator's series and status, ready for a page."""

    indicator: Indicator
    subs: list[SubSeries]
    assessments: list[Assessment]
    status: Assessment
    years: list[int] = field(default_factory=list)

    @property
    def has_estimate(self) -> bool:
        """True when any figure shown is an estimate (見込み)."""
        return any(c.is_estimate for s in self.subs for cells in s.by_year.values()
                   for c in cells.values()) or any(
            c.is_estimate for s in self.subs for c in s.totals.values()) or any(
            s.baseline is not None and s.baseline.is_estimate for s in self.subs)


def figures(indicator: Indicator) -> IndicatorFigures:
    """Assess INDICATOR from its observations (loaded through the relationship)."""
    subs = sub_series(list(indicator.observations))
    assessments = [assess(s, indicator.direction, indicator.total_semantics) for s in subs]
    years = sorted({y for s in subs for y in s.years()})
    return IndicatorFigures(indicator, subs, assessments, overall(assessments), years)
