"""What every review page shares: the consultation from the URL, the write transaction, the
audit entry of the logged-in staff member, and the vocabularies and time formatters of the
staff templates."""

from __future__ import annotations

from typing import Any

from flask import abort, g, render_template
from sqlalchemy.orm import Session

from portal import clock
from portal.consult import services
from portal.consult.models import Consultation
from portal.db import begin_write, get_session
from portal.japantime import to_jst
from portal.review.models import CATEGORIES, CHANNELS, EXCLUSIONS
from portal.staff import audit
from portal.staff.blueprint import bp
from portal.staff.views import private


def consultation_or_404(slug: str) -> Consultation:
    """The consultation SLUG, or 404."""
    return services.get_consultation(get_session(), slug) or abort(404)


def write_consultation(slug: str) -> tuple[Session, Consultation]:
    """Open the write transaction, then read the consultation in it."""
    session = get_session()
    session.rollback()
    begin_write(session)
    return session, consultation_or_404(slug)


def actor() -> str:
    """Username of the logged-in staff member."""
    return g.staff_user.username


def log_action(session: Session, action: str, target: str, before: Any = None,
               after: Any = None) -> None:
    """Append an audit entry for the logged-in staff member."""
    audit.record(session, actor=actor(), action=action, target=target, before=before, after=after,
                 now=clock.now())


def render(template: str, status: int = 200, **context: Any):
    """Render a staff template with the vocabularies every review page uses (never cached)."""
    return private(render_template(template, exclusions=EXCLUSIONS, categories=CATEGORIES,
                                   channels=CHANNELS, **context), status=status)


def local_minute(utc) -> str:
    """A naive-UTC time as 'YYYY-MM-DD HH:MM' in Japan time (for the edit form)."""
    return to_jst(utc).strftime("%Y-%m-%d %H:%M")


@bp.context_processor
def template_helpers() -> dict[str, object]:
    """Labels and time formatters for staff templates."""
    from portal.consult.dates import show_time
    from portal.consult.forms import AGE_GROUPS
    from portal.review.labels import CATEGORY_LABELS, CHANNEL_LABELS, EXCLUSION_LABELS

    return {"consult_time": show_time, "consult_local": local_minute, "age_groups": AGE_GROUPS,
            "exclusion_labels": EXCLUSION_LABELS, "category_labels": CATEGORY_LABELS,
            "channel_labels": CHANNEL_LABELS}
