"""Change a consultation's period and texts before it opens (never after: residents rely on them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from portal.consult.models import Consultation
from portal.consult.services import ConsultationSpec, ConsultError, period_days
from portal.i18n import _
from portal.japantime import to_utc

#: Fields staff may change before opening (the revision and scope stay as opened).
TEXT_FIELDS = ("title_ja", "title_en", "description_ja", "description_en", "channels_ja",
               "channels_en", "short_period_reason_ja", "short_period_reason_en")


def snapshot(c: Consultation) -> dict[str, Any]:
    """The editable fields of C, for the audit log."""
    return {"opens_at": c.opens_at.isoformat(), "closes_at": c.closes_at.isoformat(),
            **{f: getattr(c, f) for f in TEXT_FIELDS}}


def edit_consultation(session: Session, c: Consultation, spec: ConsultationSpec, *,
                      min_days: int, now: datetime) -> None:
    """Change C's period and texts; refuse once it has opened, or a short period without reason."""
    if now >= c.opens_at:
        raise ConsultError(_("This consultation has opened: its period and texts can no longer "
                             "be changed."))
    opens_at, closes_at = to_utc(spec.opens_local), to_utc(spec.closes_local)
    if closes_at <= opens_at:
        raise ConsultError(_("The period must close after it opens."))
    days = period_days(opens_at, closes_at)
    if days < min_days and not (spec.short_period_reason_ja or "").strip():
        raise ConsultError(_("The period is %(days)s days, shorter than the minimum of %(min)s "
                             "days: give the reason.", days=days, min=min_days))
    if not spec.title_ja.strip():
        raise ConsultError(_("Give the title of the consultation."))
    c.opens_at, c.closes_at = opens_at, closes_at
    for name in TEXT_FIELDS:
        setattr(c, name, getattr(spec, name) or ("" if not name.startswith("short") else None))
    session.flush()
