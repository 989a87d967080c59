"""Dataset themes: the portal's own (named in every UI language) mapped to the EU data-theme vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.i18n import _l

EU_SCHEME = "http://publications.europa.eu/resource/authority/data-theme"
#: The EU data themes used here, with the vocabulary's English labels.
EU_LABELS = {"GOVE": "Government and public sector", "HEAL": "Health",
             "SOCI": "Population and society", "REGI": "Regions and cities"}


@dataclass(frozen=True)
class Theme:
    """A portal theme: its slug as the packages write it, its label msgid and its EU data themes."""

    slug: str
    label: object
    eu: tuple[str, ...]


THEMES = {t.slug: t for t in (
    Theme("ward implementation plan", _l("Ward implementation plan"), ("GOVE",)),
    Theme("ward basic plan", _l("Ward basic plan"), ("GOVE",)),
    Theme("health-welfare", _l("Health, medical care and welfare"), ("HEAL", "SOCI")),
    Theme("population-and-regional-revitalisation", _l("Population and regional revitalisation"),
          ("SOCI", "REGI")),
    Theme("geography", _l("Areas and geography"), ("REGI",)),
)}


def label(slug: str) -> str:
    """The theme's name in the current language (the slug itself for a theme the portal does not know)."""
    theme = THEMES.get(slug)
    return str(theme.label) if theme else slug


def key(slug: str) -> str:
    """The theme as a URL-safe key (`ward implementation plan` → `ward-implementation-plan`)."""
    return re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")


def eu_themes(slug: str, kind: str) -> list[str]:
    """EU data-theme codes of a dataset: its theme's, plus GOVE for every plan."""
    codes = list(THEMES[slug].eu) if slug in THEMES else []
    if kind == "plan" and "GOVE" not in codes:
        codes.insert(0, "GOVE")
    return codes
