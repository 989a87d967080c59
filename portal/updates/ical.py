"""An iCalendar file (RFC 5545) per consultation: its opening and its closing minute, in Asia/Tokyo
(a VTIMEZONE is included, so a calendar shows the minute the ward stated)."""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.japantime import to_jst

TIMEZONE = ["BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE"]


def _escape(text: str) -> str:
    """TEXT as an iCalendar TEXT value (backslash, semicolon, comma, newline escaped)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    parts, current, limit = [], "", 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current, limit = char, 74  # a continuation line starts with one space
        else:
            current += char
    parts.append(current)
    return [parts[0], *(" " + part for part in parts[1:])]


def _local(utc: datetime) -> str:
    """A naive UTC time as an Asia/Tokyo local DATE-TIME value."""
    return to_jst(utc).strftime("%Y%m%dT%H%M%S")


def _event(uid: str, stamp: datetime, start: datetime, end: datetime, summary: str, url: str,
           description: str) -> list[str]:
    """One VEVENT from START to END (UTC, naive), shown in Asia/Tokyo."""
    return ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;TZID=Asia/Tokyo:{_local(start)}", f"DTEND;TZID=Asia/Tokyo:{_local(end)}",
            f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(description)}", f"URL:{url}",
            "END:VEVENT"]


def calendar(*, slug: str, host: str, opens_at: datetime, closes_at: datetime, stamp: datetime,
             opening: str, closing: str, url: str, description: str) -> bytes:
    """The .ics of a consultation: a 1-minute event at the opening and one at the closing minute."""
    minute = timedelta(minutes=1)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Setagaya plan-progress portal//updates//EN",
             "CALSCALE:GREGORIAN", *TIMEZONE,
             *_event(f"{slug}-opening@{host}", stamp, opens_at, opens_at + minute, opening, url,
                     description),
             *_event(f"{slug}-closing@{host}", stamp, closes_at, closes_at + minute, closing, url,
                     description),
             "END:VCALENDAR"]
    return ("\r\n".join(part for line in lines for part in _fold(line)) + "\r\n").encode("utf-8")
