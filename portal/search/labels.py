"""Names shown for result kinds and facets (UI strings; the values themselves are data)."""

from __future__ import annotations

from portal.i18n import _l

KIND_LABELS = {
    "plan": _l("Plan"),
    "revision": _l("Plan version"),
    "pillar": _l("Pillar or goal"),
    "measure": _l("Measure"),
    "project": _l("Project"),
    "aim": _l("Aim"),
    "initiative": _l("Priority initiative"),
    "section": _l("Section"),
    "indicator": _l("Indicator"),
    "dataset": _l("Dataset"),
    "chiiki": _l("Area (地域)"),
    "chiku": _l("District (地区)"),
    "chome": _l("Neighbourhood (町丁目)"),
    "consultation": _l("Public comment"),
}

FACET_LABELS = {
    "plan": _l("Plan"),
    "kind": _l("Kind of item"),
    "pillar": _l("Pillar or goal"),
    "chiku": _l("District (地区)"),
    "department": _l("Department in charge"),
}


def kind_label(kind: str) -> str:
    """The shown name of a result kind (the kind itself when a feature adds a new one)."""
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else kind
