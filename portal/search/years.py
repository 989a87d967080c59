"""Japanese era years ⇄ Western years, so 「令和5年度」 and 「2023」 find each other."""

from __future__ import annotations

import re

from portal.search.analysis import fold

_ERA_START = {"令和": 2018, "平成": 1988, "昭和": 1925}
_ERA_YEAR = re.compile(r"(令和|平成|昭和)\s*(元|[0-9]{1,2})\s*年")
_WESTERN = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9][0-9])(?![0-9])")


def western_years(text: str) -> list[int]:
    """Western years of every era year written in TEXT (令和元年 → 2019)."""
    found = []
    for era, num in _ERA_YEAR.findall(fold(text)):
        found.append(_ERA_START[era] + (1 if num == "元" else int(num)))
    return found


def era_names(year: int) -> list[str]:
    """Era spellings of a Western year (2019 → 令和元年, 平成31年)."""
    names = []
    for era, start in _ERA_START.items():
        n = year - start
        if 1 <= n <= 64:
            names.append(f"{era}{'元' if n == 1 else n}年")
    return names


def year_keywords(text: str) -> str:
    """Extra keywords for TEXT: the Western year of each era year and the eras of each year."""
    words: list[str] = [str(y) for y in western_years(text)]
    for match in _WESTERN.findall(fold(text)):
        words.extend(era_names(int(match)))
    return " ".join(dict.fromkeys(words))
