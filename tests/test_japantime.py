"""Japan time and 和暦: one era table read both ways, for fiscal years, dates and search."""

from __future__ import annotations

from datetime import date, datetime

from portal.japantime import to_jst, to_utc, wareki, wareki_date, western_year
from portal.search.years import western_years


def test_fiscal_years_are_named_after_the_era_that_begins_in_them():
    assert [wareki(y) for y in (1988, 1989, 2018, 2019, 2023)] == [
        "昭和63年度", "平成元年度", "平成30年度", "令和元年度", "令和5年度"]


def test_dates_use_the_era_in_force_that_day():
    assert wareki_date(date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki_date(date(1989, 1, 7)) == "昭和64年1月7日"


def test_era_years_read_back_to_the_same_western_year():
    for year in (1990, 2019, 2026):
        name = wareki(year, suffix="")
        assert western_years(f"{name}年") == [year]
    assert western_year("r", 5) == western_year("令和", 5) == 2023
    assert western_year("大正", 5) is None


def test_japan_time_round_trips_through_naive_utc():
    local = datetime(2026, 12, 1, 23, 59)
    assert to_utc(local) == datetime(2026, 12, 1, 14, 59)
    assert to_jst(to_utc(local)).replace(tzinfo=None) == local
