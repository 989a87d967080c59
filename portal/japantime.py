"""Japan time and the Japanese era (和暦): the one place both are computed.

Times are stored as naive UTC; the ward's periods and dates are read in Asia/Tokyo. Eras are
one table, read in both directions: a Western year or date → 令和5年度 / 令和8年12月1日 (pages),
an era year → its Western year (search, so 「令和5年度」 and 「2023」 find each other).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

#: The ward's time zone (Japan has no daylight saving time).
JST = ZoneInfo("Asia/Tokyo")


class Era(NamedTuple):
    """A Japanese era: its name, its one-letter abbreviation (R5, H30) and its first day."""

    name: str
    letter: str
    start: date


#: The eras the portal's documents use, newest first.
ERAS = (Era("令和", "R", date(2019, 5, 1)), Era("平成", "H", date(1989, 1, 8)),
        Era("昭和", "S", date(1926, 12, 25)))


def to_utc(local: datetime) -> datetime:
    """Turn a naive Asia/Tokyo time into naive UTC."""
    return local.replace(tzinfo=JST).astimezone(UTC).replace(tzinfo=None)


def to_jst(utc: datetime) -> datetime:
    """Turn a naive UTC time into an aware Asia/Tokyo time."""
    return utc.replace(tzinfo=UTC).astimezone(JST)


def _numeral(n: int) -> str:
    """An era year as written: 元 for the first year."""
    return "元" if n == 1 else str(n)


def era_of_year(year: int) -> tuple[Era, int] | None:
    """The era and era year naming YEAR (a fiscal or calendar year: 2019 → 令和元), or None before 昭和.

    A year is named after the era that begins in it (2019 → 令和元年度, not 平成31年度), as the
    ward's documents name fiscal years.
    """
    for era in ERAS:
        if year >= era.start.year:
            return era, year - era.start.year + 1
    return None


def era_of_date(day: date) -> tuple[Era, int] | None:
    """The era and era year in force on DAY (2019-04-30 → 平成31), or None before 昭和."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    return None


def wareki(year: int, suffix: str = "年度") -> str:
    """Write YEAR in the Japanese era, e.g. 2023 → 令和5年度, 2019 → 令和元年度."""
    found = era_of_year(year)
    if found is None:
        return f"{year}{suffix}"
    era, n = found
    return f"{era.name}{_numeral(n)}{suffix}"


def wareki_date(day: date) -> str:
    """Write DAY in the Japanese era: 令和8年12月1日 (元年 for the first year)."""
    found = era_of_date(day)
    if found is None:
        return f"{day.year}年{day.month}月{day.day}日"
    era, n = found
    return f"{era.name}{_numeral(n)}年{day.month}月{day.day}日"


def western_year(era_name: str, n: int) -> int | None:
    """The Western year of era year N of ERA_NAME (a name or its letter, any case), or None."""
    for era in ERAS:
        if era_name in (era.name, era.letter, era.letter.lower()):
            return era.start.year + n - 1
    return None
