"""Labelling rules shared by the extractors and the publishing flow: periods, as_of, units, prose cells.

Each rule derives machine-readable columns from what is printed, and the printed text stays as it
is in its own column (docs/dataset-conventions.md, "Labelling"):

- period_start_fy / period_end_fy: the fiscal years a value covers. A single year's value covers
  its year; a 総量 covers the years printed in its series; a value printed with 「（2年間の合計）」
  covers the two fiscal years ending with its fiscal_year.
- as_of_month (YYYY-MM) and as_of_fiscal_year: the printed as_of read as a date: 「令和4年12月末」 →
  2022-12; 「令和5年度見込み」 → fiscal year 2023; 「令和5年度末」 → fiscal year 2023 and 2024-03.
  Full-width digits are read as digits for this only; the printed text is never rewritten.
- unit: one spelling per unit (％ → %), the printed spelling kept in unit_printed.
- value of a prose cell: a cell printed as words gets a number only when it holds exactly one
  number and that number is followed by the indicator's unit (「区内 28 地区で始動」 with unit 地区 → 28);
  otherwise (years, ages, plan names, two numbers) value stays empty.
"""

from __future__ import annotations

import re
from typing import Any

from portal.japantime import western_year

#: Full-width digits read as ASCII digits (for reading a number or a year only).
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ERA = r"(令和|平成)\s*(元|[0-9]{1,2})\s*年"
_MONTH = re.compile(_ERA + r"\s*([0-9]{1,2})\s*月")
_FISCAL = re.compile(_ERA + r"\s*度")
_TWO_YEARS = re.compile(r"[2２]\s*年間の合計")
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
#: Unit spellings: printed → the one spelling the packages use.
UNIT_SPELLING = {"％": "%", "ｔ": "t"}


def _year(era: str, n: str) -> int | None:
    """The Western year of an era year as printed (元 is 1)."""
    return western_year(era, 1 if n == "元" else int(n))


def as_of_fields(printed: str | None) -> tuple[str, int | None]:
    """(as_of_month 'YYYY-MM' or '', as_of_fiscal_year or None) read from a printed as_of."""
    text = (printed or "").translate(_DIGITS)
    month, fiscal = "", None
    found = _MONTH.search(text)
    if found:
        year, m = _year(found.group(1), found.group(2)), int(found.group(3))
        if year and 1 <= m <= 12:
            month = f"{year:04d}-{m:02d}"
            fiscal = year if m >= 4 else year - 1
    years = [(_year(g.group(1), g.group(2)), g.end()) for g in _FISCAL.finditer(text)]
    if years and years[-1][0]:
        fiscal = years[-1][0]  # 「令和4年12月末現在での令和4年度末見込み」: the year the value is for
        if not month and text[years[-1][1]:].startswith("末"):
            month = f"{fiscal + 1:04d}-03"  # 年度末: the end of March after the fiscal year began
    return month, fiscal


def period(row: dict[str, Any], years: tuple[int, int] | None) -> tuple[int | None, int | None]:
    """(period_start_fy, period_end_fy) of an observation row (None, None when it has no period).

    YEARS are the first and last fiscal year printed in the row's series (a 総量 covers them).
    """
    if str(row.get("is_total")).lower() == "true":
        return years or (None, None)
    fy = row.get("fiscal_year")
    if fy in (None, ""):
        return None, None
    fy = int(fy)
    printed = f"{row.get('note') or ''}{row.get('value_text') or ''}"
    if _TWO_YEARS.search(printed):
        return fy - 1, fy
    return fy, fy


def unit_fields(printed: str | None) -> tuple[str, str]:
    """(unit in the packages' one spelling, unit as printed)."""
    text = printed or ""
    return UNIT_SPELLING.get(text, text), text


def prose_value(value_text: str | None, unit: str | None) -> float | None:
    """The number of a prose cell by the one rule above, or None."""
    text = (value_text or "").translate(_DIGITS)
    numbers = list(_NUMBER.finditer(text))
    if len(numbers) != 1 or not unit:
        return None
    after = text[numbers[0].end():].lstrip(" 　")
    if not after.startswith(unit):
        return None
    return float(numbers[0].group().replace(",", ""))


def label_observation(row: dict[str, Any], unit: str | None, years: tuple[int, int] | None) -> dict[str, Any]:
    """ROW with the derived columns filled (and a prose cell's value by the rule); printed text kept."""
    out = dict(row)
    out["period_start_fy"], out["period_end_fy"] = period(row, years)
    out["as_of_month"], out["as_of_fiscal_year"] = as_of_fields(row.get("as_of"))
    if out.get("value") in (None, "") and out.get("value_text"):
        number = prose_value(out["value_text"], unit)
        if number is not None:
            out["value"] = int(number) if number.is_integer() else number
    return out


def label_observations(rows: list[dict[str, Any]], units: dict[str, str]) -> list[dict[str, Any]]:
    """Every row labelled; UNITS maps indicator_id → unit (a 総量's period: its series' printed years)."""
    years: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        if row.get("fiscal_year") not in (None, "") and str(row.get("is_total")).lower() != "true":
            years.setdefault((row["indicator_id"], row["series"]), []).append(int(row["fiscal_year"]))
    out = []
    for row in rows:
        found = years.get((row["indicator_id"], row["series"]))
        out.append(label_observation(row, units.get(row["indicator_id"]),
                                     (min(found), max(found)) if found else None))
    return out


#: The one meaning of is_estimate in every package.
IS_ESTIMATE = ("true when the value is printed as a 見込み (an expected figure, not yet a final result), "
               "whatever its series: an actual estimated before its year ends, or a baseline printed as "
               "「令和5年度見込み」. as_of then says when, as printed.")

#: The derived observation columns, as Table Schema fields (appended to observations' schema).
OBSERVATION_FIELDS = [
    {"name": "period_start_fy", "type": "integer", "title": "Period: first fiscal year",
     "description": "First fiscal year the value covers (its own year; a 総量: its series' first year; "
                    "「（2年間の合計）」: the year before fiscal_year). Empty when the value has no period."},
    {"name": "period_end_fy", "type": "integer", "title": "Period: last fiscal year",
     "description": "Last fiscal year the value covers."},
    {"name": "as_of_month", "type": "string", "title": "As of (month)",
     "constraints": {"pattern": "[0-9]{4}-[0-9]{2}"},
     "description": "The month of as_of, YYYY-MM (令和4年12月末 → 2022-12); empty when it names none."},
    {"name": "as_of_fiscal_year", "type": "integer", "title": "As of (fiscal year)",
     "description": "The fiscal year as_of names or falls in (令和5年度見込み → 2023)."},
]
#: The indicators' printed unit, kept beside the one spelling in `unit`.
UNIT_PRINTED_FIELD = {"name": "unit_printed", "type": "string", "title": "Unit as printed",
                      "description": "The unit as printed (％ or %); `unit` spells it one way (%)."}
