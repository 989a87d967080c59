"""The Document every feature hands to the search index; no feature imports Whoosh."""

from __future__ import annotations

from dataclasses import dataclass, field

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
