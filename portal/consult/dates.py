"""Consultation times as residents read them: Asia/Tokyo, 和暦 and Western in Japanese."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from portal.consult.services import to_jst
from portal.i18n import babel_locale, current_lang

#: Era start dates (calendar dates, unlike fiscal years).
ERAS = ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"), (date(1926, 12, 25), "昭和"))


def wareki_date(day: date) -> str:
    """Write DAY in the Japanese era: 令和8年12月1日 (元年 for the first year)."""
    for start, era in ERAS:
        if day >= start:
            n = day.year - start.year + 1
            return f"{era}{'元' if n == 1 else n}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def show_time(utc: datetime, lang: str | None = None) -> str:
    """Show a naive-UTC instant in Japan time: 令和8年12月1日（2026年12月1日）23時59分, or 23:59 JST."""
    lang = lang or current_lang()
    local = to_jst(utc)
    if lang == "ja":
        day = local.date()
        return (f"{wareki_date(day)}（{day.year}年{day.month}月{day.day}日）"
                f"{local.hour}時{local.minute:02d}分")
    return f"{format_date(local.date(), 'long', locale=babel_locale(lang))}, {local:%H:%M} JST"
