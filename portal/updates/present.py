"""How an event reads in the page's language (Japanese content as the fallback): its title, the
page it leads to and its summary. Shared by the updates page, the Atom feeds and the mails."""

from __future__ import annotations

from dataclasses import dataclass

from portal.catalog.documents import ascii_digits
from portal.consult.dates import show_time
from portal.i18n import _, localized
from portal.updates.events import Event


@dataclass(frozen=True)
class Shown:
    """An event as text: a title, the endpoint and arguments of its page, a summary."""

    title: str
    endpoint: str
    args: dict
    summary: str


def _title(event: Event) -> str:
    """The event's title in the current language."""
    # Titles as printed may carry full-width digits (令和５年３月); pages show one digit width.
    name = ascii_digits(localized(event.title))
    version = event.dataset[1] if event.dataset else ""
    texts = {
        "data_version": _("New data version %(version)s: %(title)s", version=version, title=name),
        "correction": _("Correction, data version %(version)s: %(title)s", version=version, title=name),
        "revision": _("New plan revision: %(title)s", title=name),
        "consultation_opened": _("Consultation opened: %(title)s", title=name),
        "consultation_closing": _("Consultation closes within 7 days: %(title)s", title=name),
        "consultation_closed": _("Consultation closed: %(title)s", title=name),
        "result_published": _("Result published: %(title)s", title=name),
    }
    return texts[event.kind]


def _page(event: Event) -> tuple[str, dict]:
    """The endpoint and arguments of the page an event leads to."""
    if event.dataset:
        return "catalog.dataset_page", {"name": event.dataset[0]}
    if event.kind == "revision":
        return "plan.revision_page", {"plan_id": event.plan_id, "revision_id": event.revision_id}
    if event.kind == "result_published":
        return "consult_result.result", {"slug": event.slug}
    return "consult.detail", {"slug": event.slug}


def _summary(event: Event) -> str:
    """One or two sentences: the changelog of a data version, the deadline of a consultation."""
    if event.dataset:
        what = event.summary.get("what") or {}
        counts = (_("%(added)s figures added, %(changed)s changed, %(removed)s removed.",
                    added=what.get("added", 0), changed=what.get("changed", 0),
                    removed=what.get("removed", 0)) if what else _("Loaded from the ward's documents."))
        note = event.summary.get("note") or ""
        return f"{counts} {note}".strip()
    if event.kind in ("consultation_opened", "consultation_closing"):
        return _("Comments are accepted until %(deadline)s.", deadline=show_time(
            event.deadline)) if event.deadline else ""
    return ""


def show(event: Event) -> Shown:
    """EVENT as text in the current language."""
    endpoint, args = _page(event)
    return Shown(_title(event), endpoint, args, _summary(event))
