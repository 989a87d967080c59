"""Japanese era years → Western years, so 「令和5年度」 and 「2023」 find each other.

Both sides map to the Western year: an indexed text that says 令和5年度 also gets the keyword 2023,
and a query that says 令和5年度 (or Ｒ５, H30年) also asks for 2023. A text or query written in
Western years therefore needs no expansion.
"""

from __future__ import annotations

import re

from portal.japantime import western_year
from portal.search.analysis import fold

_ERA_YEAR = re.compile(r"(令和|平成|昭和)\s*(元|[0-9]{1,2})\s*年"
                       r"|(?<![0-9a-z])([rhs])\.?\s*(元|[0-9]{1,2})(?![0-9])")


def western_years(text: str) -> list[int]:
    """Western years of every era year written in TEXT (令和元年 → 2019, R5 → 2023)."""
    found = []
    for era, num, abbr, abbr_num in _ERA_YEAR.findall(fold(text)):
        name, value = (era, num) if era else (abbr, abbr_num)
        year = western_year(name, 1 if value == "元" else int(value))
        if year is not None and year >= 1926 and year not in found:
            found.append(year)
    return found


def year_keywords(text: str) -> str:
    """Extra keywords for TEXT: the Western year of each era year it mentions."""
    return " ".join(str(y) for y in western_years(text))
