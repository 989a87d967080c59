"""Atom 1.0 documents (RFC 4287) written with ElementTree, so every text is escaped by the writer."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The `updated` of a feed with no entry yet (RFC 4287 requires one).
EMPTY_UPDATED = datetime(2000, 1, 1)
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    """One entry: a stable id, a title, when (UTC, naive), the page it leads to, a summary."""

    id: str
    title: str
    updated: datetime
    link: str
    summary: str


@dataclass(frozen=True)
class Feed:
    """A feed's own facts: id, title, language, its own URL and the page it stands for."""

    id: str
    title: str
    lang: str
    self_url: str
    page_url: str
    author: str


def stamp(moment: datetime) -> str:
    """RFC 3339 in UTC (a naive UTC datetime), to the second."""
    return moment.replace(microsecond=0).isoformat() + "Z"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    """Add <TAG>TEXT</TAG> in the Atom namespace."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def updated_of(entries: list[Entry]) -> datetime:
    """The feed's `updated`: its newest entry's, or EMPTY_UPDATED."""
    return max((e.updated for e in entries), default=EMPTY_UPDATED)


def document(feed: Feed, entries: list[Entry]) -> bytes:
    """The feed as UTF-8 XML, entries in the order given (newest first)."""
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: feed.lang})
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "updated", stamp(updated_of(entries)))
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml",
                                            "href": feed.self_url})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                            "href": feed.page_url})
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", feed.author)
    for e in entries:
        node = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(node, "id", e.id)
        _text(node, "title", e.title)
        _text(node, "updated", stamp(e.updated))
        ET.SubElement(node, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                "href": e.link})
        if e.summary:
            _text(node, "summary", e.summary)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
