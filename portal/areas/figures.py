"""Figures the ward published per 地区 or 地域 (observations with an area), for two pages.

An indicator page gets a table and a dot map of its 地区 values; a 地区 page gets every indicator
with a value for that 地区. Each area is assessed with the plan's own status rule on its own
figures (a 地区 status needs a 地区 plan or target; without one it is not measurable and no
status is shown). Where the ward published no area figure nothing is returned, so nothing is
shown or implied.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.areas.maps import HEIGHT, WIDTH, project
from portal.areas.models import Chiiki, Chiku
from portal.areas.services import all_chome
from portal.plan.figures import sub_series
from portal.plan.models import Indicator, Observation
from portal.plan.progress import ACHIEVED, BEHIND, ON_TRACK, Assessment, Cell, assess, overall

#: Statuses worth showing for one area (the others mean "no 地区 plan or target to compare with").
MEASURED = (ACHIEVED, ON_TRACK, BEHIND)
#: Number of shades on the map (equal intervals between the smallest and largest value).
SHADES = 4


@dataclass(frozen=True)
class AreaFigure:
    """One area's latest actual of one indicator (or sub-item) and its status if computable."""

    code: str
    name: str
    kind: str  # chiku | chiiki
    sub_item: str
    year: int | None
    actual: Cell | None
    status: Assessment | None


def _names(session: Session) -> dict[str, tuple[str, str]]:
    """Area code → (kind, name) for every 地区 and 地域 loaded."""
    names = {c.chiku_id: ("chiku", c.name) for c in session.scalars(select(Chiku))}
    names.update({c.chiiki_id: ("chiiki", c.name) for c in session.scalars(select(Chiiki))})
    return names


def _latest_actual(sub) -> tuple[int | None, Cell | None]:
    """The latest fiscal year with a numeric actual, and that cell."""
    cells = sub.by_year.get("actual", {})
    years = [y for y, c in cells.items() if c.value is not None]
    return (max(years), cells[max(years)]) if years else (None, None)


def _area_figures(indicator: Indicator, code: str, rows: list[Observation], names) -> list[AreaFigure]:
    """The figures of one area: one per sub-item."""
    kind, name = names.get(code, ("", code))
    found = []
    for sub in sub_series(rows):
        year, actual = _latest_actual(sub)
        status = assess(sub, indicator.direction, indicator.total_semantics)
        found.append(AreaFigure(code, name, kind, sub.sub_item, year, actual,
                                status if status.status in MEASURED else None))
    return found


def indicator_areas(session: Session, indicator: Indicator) -> list[AreaFigure]:
    """Every area figure of INDICATOR: 地区 in code order, then 地域 (empty when none published)."""
    rows = list(indicator.area_observations)
    if not rows:
        return []
    names = _names(session)
    found = []
    for code, group in groupby(sorted(rows, key=lambda o: o.area), key=lambda o: o.area):
        found += _area_figures(indicator, code, list(group), names)
    return sorted(found, key=lambda f: (f.kind != "chiku", f.code, f.sub_item))


def has_figures(session: Session, codes: list[str]) -> bool:
    """True when the ward published any figure for one of the areas CODES."""
    query = select(Observation.observation_id).where(Observation.area.in_(codes)).limit(1)
    return session.scalar(query) is not None


@dataclass(frozen=True)
class ChikuEntry:
    """One indicator with a value for a 地区: its figures there and its overall status there."""

    indicator: Indicator
    figures: list[AreaFigure]
    status: Assessment | None


def chiku_entries(session: Session, chiku_id: str) -> list[ChikuEntry]:
    """Every indicator with a figure for 地区 CHIKU_ID, by indicator id (empty when none)."""
    rows = list(session.scalars(select(Observation).where(Observation.area == chiku_id)
                                .order_by(Observation.indicator_id)))
    names = _names(session)
    entries = []
    for indicator_id, group in groupby(rows, key=lambda o: o.indicator_id):
        indicator = session.get(Indicator, indicator_id)
        if indicator is None:
            continue
        figures = _area_figures(indicator, chiku_id, list(group), names)
        measured = [f.status for f in figures if f.status is not None]
        entries.append(ChikuEntry(indicator, figures, overall(measured) if measured else None))
    return entries


@dataclass(frozen=True)
class Shade:
    """One class of the map's legend: a range of values and its CSS class."""

    css: str
    low: float
    high: float


def value_map(session: Session, figures: list[AreaFigure]) -> dict | None:
    """The dot map of the 28 地区 shaded by each 地区's latest actual (None when no 地区 has one)."""
    values = {f.code: f.actual.value for f in figures
              if f.kind == "chiku" and not f.sub_item and f.actual is not None}
    if not values:
        return None
    low, high = min(values.values()), max(values.values())
    step = (high - low) / SHADES or 1
    shades = [Shade(f"shade-{i + 1}", low + i * step, low + (i + 1) * step) for i in range(SHADES)]
    if high == low:
        shades = shades[:1]

    def shade_of(code: str) -> str:
        if code not in values:
            return "pt-other"
        return shades[min(int((values[code] - low) / step), len(shades) - 1)].css

    points = [(p, shade_of(p.chiku_id), values.get(p.chiku_id)) for p in project(all_chome(session), set())]
    return {"points": points, "shades": shades, "width": WIDTH, "height": HEIGHT,
            "shown": len(values)}
