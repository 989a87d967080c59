"""The Document every feature hands to the search index, and the adapter that declares its kinds.

No feature imports Whoosh: a feature's ``search.py`` builds Documents and declares, in one
SearchAdapter, the document kinds it produces with their ranking boost and shown name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Facets every index counts and filters on (a document may carry several values, joined by "|").
FACETS = ("plan", "kind", "pillar", "chiku", "department")


@dataclass(frozen=True)
class Document:
    """One searchable item in one language: a plan, 施策, indicator, dataset, 地区 …"""

    kind: str
    key: str
    lang: str
    title: str
    body: str = ""
    #: Extra text that should match but not show: codes, other-language names, years.
    keywords: str = ""
    #: Flask endpoint and its arguments (without lang) for the result's link.
    endpoint: str = "site.home"
    args: tuple[tuple[str, str], ...] = ()
    #: Facet values, e.g. {"plan": "mirai-plan-2022", "chiku": "01"}; several joined by "|".
    facets: dict[str, str] = field(default_factory=dict)
    #: The label to show for this document's facet values, e.g. {"chiku": "池尻地区"}.
    facet_labels: dict[str, str] = field(default_factory=dict)
    #: The English name and text (unofficial translations), analysed with English stemming.
    title_en: str = ""
    text_en: str = ""
    #: A reading supplied by the data (e.g. 町丁目 town_kana); Sudachi readings are added to it.
    reading: str = ""
    #: Whole names a resident may type for this item (池尻, いけじり, Ikejiri); an exact match ranks first.
    names: tuple[str, ...] = ()

    @property
    def uid(self) -> str:
        """The identity of the document within a language's index."""
        return f"{self.kind}:{self.key}"


@dataclass(frozen=True)
class Kind:
    """One document kind a feature indexes: its boost (whole plans outrank mentions) and shown name."""

    boost: float
    label: Any


@dataclass(frozen=True)
class SearchAdapter:
    """What a feature registers with the search index: its kinds and its document source."""

    kinds: Mapping[str, Kind]
    #: (database session, language) → the feature's documents in that language.
    documents: Callable[[Any, str], Iterable[Document]]
