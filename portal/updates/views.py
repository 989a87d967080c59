"""The updates page, the Atom feeds (site, plan, 施策 concept, consultation) and the .ics of a
consultation. Feeds answer conditional GETs (ETag, Last-Modified, 304)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, render_template, request

from portal import clock
from portal.db import get_session
from portal.i18n import _, content_lang, current_lang, localized
from portal.updates import atom, events, ical
from portal.updates.present import show
from portal.urls import public_base, public_url

bp = Blueprint("updates", __name__, url_prefix="/<lang>/updates")


@bp.context_processor
def _helpers() -> dict[str, object]:
    """The time formatter of the updates page (Japan time)."""
    from portal.consult.dates import show_time

    return {"consult_time": show_time}


def _conditional(body: bytes, mimetype: str, modified: datetime) -> Response:
    """BODY with its ETag and Last-Modified, or 304 when the client already holds it."""
    response = Response(body, mimetype=mimetype)
    response.set_etag(hashlib.sha256(body).hexdigest())
    response.last_modified = modified.replace(microsecond=0, tzinfo=UTC)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response.make_conditional(request)


def _entries(found: list[events.Event]) -> list[atom.Entry]:
    """Atom entries for FOUND, in the page's language, each linking its page."""
    entries = []
    for event in found:
        shown = show(event)
        link = (public_url(shown.endpoint, **shown.args)
                if shown.endpoint in current_app.view_functions else public_url("updates.index"))
        entries.append(atom.Entry(event.id, shown.title, event.at, link, shown.summary))
    return entries


def _feed(key: str, title: str, page_url: str, found: list[events.Event]) -> Response:
    """The Atom feed KEY (its own URL is this request's, on PUBLIC_BASE_URL)."""
    entries = _entries(found)
    feed = atom.Feed(f"urn:uuid:{uuid.uuid5(events.NAMESPACE, f'feed/{key}/{current_lang()}')}",
                     title, content_lang(), public_base() + request.path, page_url,
                     _("Setagaya plan-progress portal"))
    return _conditional(atom.document(feed, entries), "application/atom+xml",
                        atom.updated_of(entries))


def _events() -> list[events.Event]:
    """Every public event by the portal's clock."""
    return events.public_events(get_session(), clock.now())


def _consultation_or_404(slug: str):
    """The consultation SLUG, or a 404."""
    c = events.consultation(get_session(), slug)
    if c is None:
        abort(404)
    return c


@bp.get("/")
def index():
    """Every public event, newest first, with the feeds and the calendar files."""
    shown = [(e, show(e)) for e in _events()]
    return render_template("updates/index.html", shown=shown)


@bp.get("/feed.atom")
def site_feed():
    """The site's feed: every public event."""
    return _feed("site", _("Setagaya plan-progress portal: updates"), public_url("updates.index"),
                 _events())


@bp.get("/plans/<plan_id>.atom")
def plan_feed(plan_id: str):
    """The events of one plan: data versions, revisions, its consultations."""
    name = events.plan_name(get_session(), plan_id)
    if name is None:
        abort(404)
    page = public_url("plan.plan_page", plan_id=plan_id)
    return _feed(f"plan/{plan_id}", _("Updates: %(title)s", title=localized(name)), page,
                 events.for_plan(_events(), plan_id))


@bp.get("/measures/<concept_id>.atom")
def concept_feed(concept_id: str):
    """The events of one 施策 across revisions (its concept id)."""
    found = events.concept_plan(get_session(), concept_id)
    if found is None:
        abort(404)
    plan_id, node = found
    title = _("Updates on the 施策 %(name)s", name=localized({"ja": node.name_ja, "en": node.name_en}))
    return _feed(f"concept/{concept_id}", title, public_url("plan.node_page", node_id=node.node_id),
                 events.for_concept(_events(), plan_id, concept_id))


@bp.get("/consultations/<slug>.atom")
def consultation_feed(slug: str):
    """The events of one consultation: opened, closing soon, closed, result published."""
    c = _consultation_or_404(slug)
    title = _("Updates: %(title)s", title=localized({"ja": c.title_ja, "en": c.title_en}))
    return _feed(f"consultation/{slug}", title, public_url("consult.detail", slug=slug),
                 events.for_consultation(_events(), slug))


@bp.get("/consultations/<slug>.ics")
def consultation_calendar(slug: str):
    """The opening and the closing minute of a consultation, for a resident's calendar."""
    c = _consultation_or_404(slug)
    title = localized({"ja": c.title_ja, "en": c.title_en})
    body = ical.calendar(
        slug=slug, host=urlsplit(public_base()).hostname or "localhost", opens_at=c.opens_at,
        closes_at=c.closes_at, stamp=c.created_at, opening=_("Consultation opens: %(title)s", title=title),
        closing=_("Consultation closes (comments must arrive by the end of this minute): %(title)s",
                  title=title),
        url=public_url("consult.detail", slug=slug),
        description=_("Public comment on the plan. Comments are accepted until the end of the "
                      "closing minute, Japan time."))
    response = _conditional(body, "text/calendar", c.created_at)
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response
