"""The Document every feature hands to the search index; no feature imports Whoosh."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One searchable item in one language: a plan, 施策, indicator, dataset, 地区 …"""

    kind: str
    key: str
    lang: str
    title: str
    body: str = ""
    #: Extra text that should match but not show: readings, codes, English names, years.
    keywords: str = ""
    #: Flask endpoint and its arguments (without lang) for the result's link.
    endpoint: str = "site.home"
    args: tuple[tuple[str, str], ...] = ()
    #: Facet values, e.g. {"plan": "mirai-plan-2022", "chiku": "01"}.
    facets: dict[str, str] = field(default_factory=dict)
