"""The next Basic Plan's approach (次期基本計画策定の考え方): its text package read for its page.

The document prints considerations, six 視点 with their items and a 用語解説, and no figures;
datasets/next-basic-plan-approach keeps each as text with its source span. The page shows the
Japanese text as printed on every language's page (the ward publishes no translation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from portal.catalog.documents import registry
from portal.plan.extras import package_rows

PACKAGE = "next-basic-plan-approach"


@dataclass
class Viewpoint:
    """One 主な視点 with the items printed under it."""

    text: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Approach:
    """The document's title (from the documents registry) and its texts by section."""

    document_id: str
    title_ja: str
    title_en: str
    considerations: list[dict[str, Any]]
    viewpoints: list[Viewpoint]
    terms: list[dict[str, Any]]


def load_approach(datasets_dir: str) -> Approach | None:
    """The approach as shown on its page, or None when the package or its document is absent."""
    rows = package_rows(datasets_dir, PACKAGE, "texts")
    if not rows:
        return None
    docs, _pages = registry(datasets_dir)
    doc = next((d for d in docs if d.document_id == rows[0]["document_id"]), None)
    if doc is None:
        return None
    by_section: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_section.setdefault(row["section"], []).append(row)
    views = {r["text_id"]: Viewpoint(r) for r in by_section.get("viewpoint", [])}
    for item in by_section.get("viewpoint_item", []):
        views[item["parent_id"]].items.append(item)
    return Approach(doc.document_id, doc.title_ja, doc.title_en, by_section.get("consideration", []),
                    sorted(views.values(), key=lambda v: v.text["position"]), by_section.get("term", []))
