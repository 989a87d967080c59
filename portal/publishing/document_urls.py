"""Official URLs of registered ward documents: proposed by staff, approved by a second person.

The documents registry (datasets/plan-documents) gives a document's official URL only where the
ward prints or supplies one; none of the texts prints one. Staff supply it here: an editor
proposes the URL and says where it comes from; an administrator other than the proposer
approves, which publishes the registry's next patch version (documents.csv with the URL, a
changelog entry) through the same steps as new figures: validated before the swap, released to
the catalogue, audited. Until then nothing public changes.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.catalog import packages, releases
from portal.catalog.documents import PACKAGE, Document, registry
from portal.catalog.services import import_package, publish_package
from portal.i18n import _
from portal.packagefiles import csv_bytes, descriptor_bytes
from portal.publishing import packagefolder
from portal.publishing.models import APPROVED, DRAFT, DocumentUrlDraft
from portal.publishing.packages import PublishingError
from portal.publishing.release import Destinations, Published, next_version
from portal.publishing.services import NotAllowed, check_decision, mark_sent_back, today_jst
from portal.staff import audit
from portal.staff.models import StaffUser

#: Longest URL accepted (the ward's page addresses are far shorter).
MAX_URL = 500


class UrlRefused(PublishingError):
    """A proposed URL or note that cannot be accepted; the message says why, in the user's language."""


def check_url(url: str, hosts: tuple[str, ...]) -> str:
    """URL without surrounding spaces ("" means: remove the URL), or UrlRefused saying what is wrong.

    Only https on one of HOSTS (or their subdomains; no HOSTS: any host), no user name or password,
    no spaces or invisible characters (a right-to-left override could disguise the address).
    """
    url = url.strip()
    if not url:
        return ""
    if len(url) > MAX_URL:
        raise UrlRefused(_("The URL is longer than %(max)s characters.", max=MAX_URL))
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        raise UrlRefused(_("The URL must not contain spaces or invisible characters."))
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        has_login = bool(parts.username or parts.password)
    except ValueError:
        raise UrlRefused(_("The URL must start with https:// followed by the site's address.")) from None
    if parts.scheme != "https" or not host or "." not in host or not host.isascii():
        raise UrlRefused(_("The URL must start with https:// followed by the site's address."))
    if has_login:
        raise UrlRefused(_("The URL must not contain a user name or password."))
    if hosts and not any(host == h or host.endswith("." + h) for h in hosts):
        raise UrlRefused(_("The URL must be on the ward's site (%(hosts)s).", hosts=", ".join(hosts)))
    return url


def documents(datasets_dir: str) -> list[Document]:
    """The registered documents, in registry order."""
    return registry(datasets_dir)[0]


def registry_version(datasets_dir: str) -> str:
    """The published version of the documents registry."""
    desc = json.loads((Path(datasets_dir) / PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    return str(desc["version"])


def propose(session: Session, datasets_dir: str, *, document_id: str, url: str, note: str,
            actor: StaffUser, hosts: tuple[str, ...], now: datetime) -> DocumentUrlDraft:
    """Keep a proposed URL for DOCUMENT_ID as a draft (nothing public changes); audited."""
    if not actor.can("editor"):
        raise NotAllowed(_("Only an editor or an administrator can propose a URL."))
    doc = next((d for d in documents(datasets_dir) if d.document_id == document_id), None)
    if doc is None:
        raise UrlRefused(_("Choose a document of the registry."))
    url = check_url(url, hosts)
    note = " ".join(note.split())
    if not note:
        raise UrlRefused(_("Say where the URL comes from, e.g. the ward page that lists the document."))
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in note):
        raise UrlRefused(_("The note must not contain invisible characters."))
    if url == doc.url:
        raise UrlRefused(_("The registry already has this URL for the document."))
    draft = DocumentUrlDraft(document_id=document_id, base_version=registry_version(datasets_dir),
                             old_url=doc.url, url=url, note=note, status=DRAFT, proposed_by=actor.username,
                             proposed_at=now, comment="")
    session.add(draft)
    session.flush()
    audit.record(session, actor=actor.username, action="publishing.document_url.propose",
                 target=f"document-url:{draft.id}", after={"document": document_id, "url": url, "note": note},
                 now=now)
    return draft


def get(session: Session, draft_id: int) -> DocumentUrlDraft | None:
    """One proposal by id."""
    return session.get(DocumentUrlDraft, draft_id)


def recent(session: Session, limit: int = 50) -> list[DocumentUrlDraft]:
    """The newest proposals first."""
    return list(session.scalars(select(DocumentUrlDraft).order_by(DocumentUrlDraft.id.desc()).limit(limit)))


def check_decider(draft: DocumentUrlDraft, actor: StaffUser) -> None:
    """An administrator other than the proposer decides on a waiting proposal (as for figures)."""
    check_decision(actor, draft.proposed_by, draft.status,
                   _("You proposed this URL; another administrator must decide on it."))


def send_back(session: Session, draft: DocumentUrlDraft, *, actor: StaffUser, comment: str,
              now: datetime) -> None:
    """Return a proposal to its proposer with a comment; nothing is published."""
    check_decider(draft, actor)
    mark_sent_back(session, draft, actor=actor, comment=comment, now=now,
                   action="publishing.document_url.send_back", target=f"document-url:{draft.id}")


def _documents_csv(folder: Path, document_id: str, url: str) -> bytes:
    """documents.csv with DOCUMENT_ID's url set to URL (every other cell as it was)."""
    text = (folder / "documents.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = [{**r, "url": url} if r["document_id"] == document_id else r for r in reader]
    return csv_bytes(list(reader.fieldnames or []), rows)


def _changelog_entry(doc: Document, draft: DocumentUrlDraft, version: str, actor: StaffUser,
                     now: datetime) -> dict[str, str]:
    """The public changelog entry of the new registry version."""
    if draft.url:
        ja = f"「{doc.title_ja}」の公式ページのURLを登録（区の提供）。"
        en = f"Official page of “{doc.title_en}” added (supplied by the ward)."
    else:
        ja, en = f"「{doc.title_ja}」の公式ページのURLを削除。", f"Official page of “{doc.title_en}” removed."
    return {"version": version, "kind": "revision", "date": today_jst(now).isoformat(),
            "summary_ja": ja, "summary_en": en, "document_id": doc.document_id, "url": draft.url,
            "note": draft.note, "uploaded_by": draft.proposed_by, "approved_by": actor.username,
            "published_at": now.replace(microsecond=0).isoformat() + "Z"}


def approve(session: Session, draft: DocumentUrlDraft, *, actor: StaffUser, now: datetime,
            to: Destinations, comment: str = "") -> Published:
    """Publish the registry's next patch version with DRAFT's URL; every step is audited."""
    check_decider(draft, actor)
    folder = Path(to.datasets_dir) / PACKAGE
    pkg = packages.read(folder)
    if pkg.version != draft.base_version:
        raise PublishingError(_("Version %(version)s of the documents registry was published after this "
                                "proposal; propose the URL again.", version=pkg.version))
    doc = next((d for d in documents(to.datasets_dir) if d.document_id == draft.document_id), None)
    if doc is None:
        raise PublishingError(_("Choose a document of the registry."))
    version = next_version(pkg.version, "patch", releases.versions(to.releases_dir, pkg.name))
    desc = json.loads(json.dumps(pkg.descriptor, default=str))
    desc["version"] = version
    portal = desc.setdefault("portal", {})
    portal["changelog"] = [*portal.get("changelog", []), _changelog_entry(doc, draft, version, actor, now)]
    files = {"documents.csv": _documents_csv(folder, draft.document_id, draft.url),
             "datapackage.json": descriptor_bytes(desc)}
    packagefolder.replace_files(folder, files, check=packages.validate)
    new = packages.read(folder)
    import_package(session, new, now=now)
    manifest = publish_package(new, to.releases_dir, now=now, base_url=to.base_url)
    audit.record(session, actor=actor.username, action="publishing.document_url.approve",
                 target=f"document-url:{draft.id}",
                 before={"status": DRAFT, "version": pkg.version, "url": draft.old_url},
                 after={"status": APPROVED, "version": version, "url": draft.url, "comment": comment.strip(),
                        "files": sorted((manifest or {}).get("files", {}))}, now=now)
    draft.status, draft.decided_by, draft.decided_at = APPROVED, actor.username, now
    draft.comment, draft.published_version = comment.strip(), version
    session.flush()
    return Published(new.name, version)
