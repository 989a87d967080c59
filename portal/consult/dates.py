"""Consultation times as residents read them: Asia/Tokyo, 和暦 and Western in Japanese."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date

from portal.i18n import babel_locale, current_lang, is_japanese
from portal.japantime import to_jst, wareki_date


def show_time(utc: datetime, lang: str | None = None) -> str:
    """Show a naive-UTC instant in Japan time: 令和8年12月1日（2026年12月1日）23時59分, or 23:59 JST."""
    lang = lang or current_lang()
    local = to_jst(utc)
    if is_japanese(lang):
        day = local.date()
        return (f"{wareki_date(day)}（{day.year}年{day.month}月{day.day}日）"
                f"{local.hour}時{local.minute:02d}分")
    return f"{format_date(local.date(), 'long', locale=babel_locale(lang))}, {local:%H:%M} JST"
