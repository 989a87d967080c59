"""Publishing use cases: import an upload as a draft, send a draft back, find drafts.

Services take plain arguments (the acting StaffUser, values, now), flush and audit; the entry
point (staff view or CLI) commits. Approval and the release it writes are in release.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.i18n import _
from portal.japantime import to_jst
from portal.publishing import merge, preview
from portal.publishing.models import DRAFT, SENT_BACK, Draft
from portal.publishing.packages import PublishingError, plan_package_names, read_plan_package
from portal.publishing.upload import Limits, Upload, read_upload
from portal.publishing.validate import Checked, check_upload
from portal.staff import audit
from portal.staff.models import StaffUser


class UploadInvalid(PublishingError):
    """The upload breaks rules; .issues lists every one (by sheet, row and column)."""

    def __init__(self, issues: list) -> None:
        super().__init__(_("The upload has %(n)s error(s); nothing was changed.", n=len(issues)))
        self.issues = issues


class NotAllowed(PublishingError):
    """The acting staff member may not do this (role, or approving their own upload)."""


@dataclass(frozen=True)
class UploadRequest:
    """One upload: the file, who sends it, and what it is (new figures or a correction)."""

    filename: str
    data: bytes
    package: str | None = None
    correction: bool = False
    note: str = ""
    source: dict[str, str] | None = None


def today_jst(now: datetime) -> date:
    """The date in Japan for a naive-UTC NOW (fiscal years and estimates are judged by it)."""
    return to_jst(now).date()


def guess_package(upload: Upload, datasets_dir: str) -> str | None:
    """The package an upload was made for: the most common plan id of its indicator ids."""
    sheet = upload.sheets.get("observations")
    prefixes = Counter(v.get("indicator_id", "").split(":", 1)[0] for _, v in (sheet.rows if sheet else []))
    names = set(plan_package_names(datasets_dir))
    return next((p for p, _ in prefixes.most_common() if p in names), None)


def check_request(datasets_dir: str, request: UploadRequest, *, limits: Limits, now: datetime) -> Checked:
    """Read and check an upload against the current version of its package."""
    upload = read_upload(request.filename, request.data, limits)
    name = request.package or guess_package(upload, datasets_dir)
    if name is None:
        raise PublishingError(_("The file does not say which plan it is for. Start from the template."))
    pkg = read_plan_package(datasets_dir, name)
    return check_upload(pkg, upload, today=today_jst(now), source=request.source)


def import_upload(
    session: Session,
    datasets_dir: str,
    request: UploadRequest,
    *,
    actor: StaffUser,
    limits: Limits,
    now: datetime,
) -> Draft:
    """Check an upload and keep it as a private draft with its preview; nothing public changes.

    :raise NotAllowed: the actor is not an editor or admin.
    :raise UploadRefused: the file cannot be read. :raise UploadInvalid: rules are broken.
    """
    if not actor.can("editor"):
        raise NotAllowed(_("Your role does not allow uploading figures."))
    if request.correction and not request.note.strip():
        raise PublishingError(_("A correction needs a reason."))
    checked = check_request(datasets_dir, request, limits=limits, now=now)
    if not checked.ok:
        raise UploadInvalid(checked.issues)
    pkg = checked.package
    rows = merge.next_observations(checked)
    summary = preview.summarize(pkg, rows, [_target_line(pkg, c) for c in checked.changes])
    draft = Draft(
        package_name=pkg.name,
        base_version=pkg.version,
        bump="patch" if request.correction else "minor",
        status=DRAFT,
        filename=request.filename[:200],
        original=request.data,
        sha256=checked.upload.sha256,
        source=checked.source,
        source_given=request.source or {},
        summary=summary,
        note=request.note.strip(),
        uploaded_by=actor.username,
        uploaded_at=now,
        comment="",
    )
    session.add(draft)
    session.flush()
    audit.record(
        session,
        actor=actor.username,
        action="publishing.upload",
        target=f"draft:{draft.id}",
        after={
            "package": pkg.name,
            "base_version": pkg.version,
            "sha256": draft.sha256,
            "bump": draft.bump,
            "counts": counts(summary),
        },
        now=now,
    )
    return draft


def _target_line(pkg, change) -> dict:
    """A target change for the preview: indicator, year, old → new, reason."""
    ind = next((r for r in pkg.rows("indicators") if r["indicator_id"] == change.old["indicator_id"]), {})
    return {
        "indicator_id": change.old["indicator_id"],
        "code": ind.get("code"),
        "name_ja": ind.get("name_ja"),
        "fiscal_year": change.old.get("fiscal_year"),
        "sub_item": change.old.get("sub_item"),
        "old_value_text": change.old.get("value_text"),
        "new_value_text": change.new_value_text,
        "reason": change.reason,
        "sheet_row": change.number,
    }


def counts(summary: dict) -> dict[str, int]:
    """How many figures a draft adds, changes and removes, targets and statuses it changes."""
    return {k: len(summary.get(k, [])) for k in ("added", "changed", "removed", "targets", "statuses")}


def get_draft(session: Session, draft_id: int) -> Draft | None:
    """The draft DRAFT_ID, or None."""
    return session.get(Draft, draft_id)


def list_drafts(session: Session, limit: int = 100) -> list[Draft]:
    """The newest drafts first."""
    return list(session.scalars(select(Draft).order_by(Draft.id.desc()).limit(limit)))


def check_decider(draft: Draft, actor: StaffUser) -> None:
    """An admin other than the uploader decides on a waiting draft.

    :raise NotAllowed: not an admin, or the uploader. :raise PublishingError: already decided.
    """
    check_decision(actor, draft.uploaded_by, draft.status,
                   _("You uploaded this draft; another administrator must decide on it."))


def check_decision(actor: StaffUser, author: str, status: str, own: str) -> None:
    """ACTOR may decide on AUTHOR's waiting draft only as another admin (OWN: the message to AUTHOR)."""
    if not actor.can("admin"):
        raise NotAllowed(_("Only an administrator can approve or send back a draft."))
    if actor.username == author:
        raise NotAllowed(own)
    if status != DRAFT:
        raise PublishingError(_("This draft has already been decided."))


def send_back(session: Session, draft: Draft, *, actor: StaffUser, comment: str, now: datetime) -> Draft:
    """Return a draft to its uploader with a comment; nothing is published."""
    check_decider(draft, actor)
    mark_sent_back(session, draft, actor=actor, comment=comment, now=now, action="publishing.send_back",
                   target=f"draft:{draft.id}")
    return draft


def mark_sent_back(session: Session, draft: Any, *, actor: StaffUser, comment: str, now: datetime,
                   action: str, target: str) -> None:
    """Record DRAFT (figures or a document URL) as sent back with COMMENT, which must say something."""
    if not comment.strip():
        raise PublishingError(_("Say what needs to change when sending a draft back."))
    draft.status, draft.decided_by, draft.decided_at = SENT_BACK, actor.username, now
    draft.comment = comment.strip()
    session.flush()
    audit.record(session, actor=actor.username, action=action, target=target, before={"status": DRAFT},
                 after={"status": SENT_BACK, "comment": draft.comment}, now=now)
