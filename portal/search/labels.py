"""Names shown for result kinds and facets (UI strings; the values themselves are data).

Each feature's search adapter declares its kinds' names; a kind nobody declared shows as itself.
"""

from __future__ import annotations

from flask import current_app

from portal.i18n import _l

FACET_LABELS = {
    "plan": _l("Plan"),
    "kind": _l("Kind of item"),
    "pillar": _l("Pillar or goal"),
    "chiku": _l("District (地区)"),
    "department": _l("Department in charge"),
}


def kind_label(kind: str) -> str:
    """The shown name of a result kind, as its feature's adapter declares it."""
    declared = current_app.extensions.get("search_kinds", {}).get(kind)
    return str(declared.label) if declared is not None else kind
