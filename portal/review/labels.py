"""Shown names of the ward-side vocabularies (UI strings; the stored values are ASCII keys)."""

from __future__ import annotations

from portal.i18n import _l

EXCLUSION_LABELS = {"spam": _l("Spam (not a comment)"), "duplicate": _l("Duplicate"),
                    "off_topic": _l("Not about this consultation")}
CATEGORY_LABELS = {"reflected": _l("Reflected in the plan"),
                   "partly_reflected": _l("Partly reflected in the plan"),
                   "already_included": _l("Already in the plan"),
                   "for_reference": _l("For future reference"), "other": _l("Other")}
CHANNEL_LABELS = {"web": _l("Web form"), "paper": _l("Post"), "fax": _l("FAX"),
                  "counter": _l("At the counter"), "email": _l("E-mail")}
