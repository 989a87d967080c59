"""Staff forms of the review pages: read posted fields into the services' dataclasses, with the
problems found per field (services never see a form)."""

from __future__ import annotations

from datetime import date
from typing import Any

from portal.consult.forms import CommentDraft, read_draft
from portal.i18n import _
from portal.review.models import CHANNELS
from portal.review.moderation import OfflineEntry


def read_offline(form: Any, *, limit: int) -> tuple[OfflineEntry | None, CommentDraft, dict[str, str]]:
    """Read the staff entry form; return the entry (None when invalid), the draft and errors."""
    draft = read_draft(form, limit=limit)
    errors = dict(draft.errors)
    channel = str(form.get("channel", ""))
    if channel not in CHANNELS or channel == "web":
        errors["channel"] = _("Choose how the comment arrived.")
    try:
        received = date.fromisoformat(str(form.get("received_on", "")).strip())
    except ValueError:
        received = None
        errors["received_on"] = _("Give the date of receipt as YYYY-MM-DD.")
    same = str(form.get("same_submitter_as", "")).strip()
    if same and not same.isdigit():
        errors["same_submitter_as"] = _("Give a receipt number (digits only) or leave this empty.")
    if errors or received is None:
        return None, draft, errors
    return (OfflineEntry(channel, received, draft.values(), int(same) if same else None), draft,
            errors)
