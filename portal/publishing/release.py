"""Approve a draft (決裁): write the next package version, release it immutably and load it.

The upload is checked again against the package as it is now (a draft made against an older
version is refused), the next version is written into DATASETS_DIR/<name>/ (the previous
version stays in RELEASES_DIR byte for byte), then the catalogue's own code imports, releases
and loads it: catalog.services.import_package and publish_package (the 原本 goes into the
release beside the data files, with its sha256) and plan.services.load_plan. Every step is
audited. Search and cached pages are refreshed by the entry point after the commit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from portal import packagefiles
from portal.catalog import packages, releases
from portal.catalog.services import import_package, publish_package
from portal.i18n import _
from portal.plan.services import load_plan
from portal.publishing import merge, packagefolder
from portal.publishing.byarea import with_area
from portal.publishing.models import APPROVED, Draft
from portal.publishing.packages import PublishingError, package_folder, read_plan_package
from portal.publishing.services import check_decider, counts, today_jst
from portal.publishing.upload import Limits, read_upload
from portal.publishing.validate import Checked, check_upload
from portal.staff import audit
from portal.staff.models import StaffUser

#: Limits when re-reading a stored 原本 (it passed the upload limits once already).
STORED = Limits(max_bytes=1 << 40, max_rows=10_000_000)


@dataclass(frozen=True)
class Destinations:
    """Where a publication goes: the packages folder, the releases folder, the public URL."""

    datasets_dir: str
    releases_dir: str
    base_url: str


@dataclass(frozen=True)
class Published:
    """What an approval published: the package name and its new version."""

    name: str
    version: str


def next_version(version: str, bump: str, taken: list[str]) -> str:
    """1.0.0 → 1.1.0 (minor: new figures) or 1.0.1 (patch: a correction), skipping taken ones."""
    parts = [int(p) if p.isdigit() else 0 for p in version.split("-")[0].split(".")[:3]]
    major, minor, patch = (parts + [0, 0, 0])[:3]
    while True:
        minor, patch = (minor + 1, 0) if bump == "minor" else (minor, patch + 1)
        candidate = f"{major}.{minor}.{patch}"
        if candidate not in taken:
            return candidate


def _cell(value: Any) -> str:
    """A typed value as the published CSVs write it (true/false, 1000 not 1000.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def csv_bytes(fields: list[str], rows: list[dict[str, Any]]) -> bytes:
    """A resource's CSV as the portal writes every package (portal.packagefiles), typed cells formatted."""
    return packagefiles.csv_bytes(fields, ({f: _cell(row.get(f)) for f in fields} for row in rows))


def changelog_entry(draft: Draft, version: str, actor: StaffUser, now: datetime, original: str) -> dict:
    """The descriptor's changelog entry: who, when, what, from which source and 原本."""
    return {
        "version": version,
        "date": today_jst(now).isoformat(),
        "kind": "correction" if draft.bump == "patch" else "new figures",
        "uploaded_by": draft.uploaded_by,
        "approved_by": actor.username,
        "published_at": now.replace(microsecond=0).isoformat() + "Z",
        "what": counts(draft.summary),
        "note": draft.note,
        "source": draft.source,
        "original": {"file": original, "sha256": draft.sha256},
    }


def _descriptor(pkg: packages.PackageData, draft: Draft, version: str, entry: dict) -> dict:
    """The next version's datapackage.json: version, the source document, the changelog entry."""
    desc = json.loads(json.dumps(pkg.descriptor, default=str))
    desc["version"] = version
    src = draft.source
    desc.setdefault("sources", []).append(
        {
            "title": src.get("title_ja", ""),
            "path": src.get("url") or entry["original"]["file"],
            "publisher": src.get("publisher", ""),
            "title_en": src.get("title_en", ""),
            "published": src.get("published", ""),
            "page": src.get("page", ""),
            "original": entry["original"],
        }
    )
    portal = desc.setdefault("portal", {})
    portal["changelog"] = [*portal.get("changelog", []), entry]
    return desc


def _files(checked: Checked, version: str, desc: dict) -> dict[str, bytes]:
    """The rewritten resources (observations, changes) and the descriptor."""
    pkg = checked.package
    files: dict[str, bytes] = {}
    obs = pkg.resource("observations")
    rows = merge.next_observations(checked)
    schema = next(r for r in desc["resources"] if r["name"] == "observations")["schema"]
    schema["fields"] = with_area(schema["fields"], rows)
    files[obs.path] = csv_bytes([f["name"] for f in schema["fields"]], rows)
    changes = pkg.resource("changes")
    if checked.changes:
        if changes is None:
            raise PublishingError(_("This plan has no table of changes, so its targets cannot change here."))
        fields = [f["name"] for f in changes.descriptor["schema"]["fields"]]
        files[changes.path] = csv_bytes(fields, changes.rows + merge.next_changes(checked, version))
    files["datapackage.json"] = packagefiles.descriptor_bytes(desc)
    return files


def _recheck(draft: Draft, pkg: packages.PackageData, now: datetime) -> Checked:
    """Check the stored 原本 again against the package as it is now."""
    if pkg.version != draft.base_version:
        raise PublishingError(
            _(
                "Version %(version)s was published after this draft was made; upload the "
                "figures again on the new template.",
                version=pkg.version,
            )
        )
    checked = check_upload(
        pkg,
        read_upload(draft.filename, draft.original, STORED),
        today=today_jst(now),
        source=draft.source_given,
    )
    if not checked.ok:
        raise PublishingError(
            _("The draft no longer passes the checks: %(first)s", first=str(checked.issues[0]))
        )
    return checked


def approve(
    session: Session, draft: Draft, *, actor: StaffUser, now: datetime, to: Destinations, comment: str = ""
) -> Published:
    """Publish DRAFT as the package's next version; every step is audited."""
    check_decider(draft, actor)
    pkg = read_plan_package(to.datasets_dir, draft.package_name)
    checked = _recheck(draft, pkg, now)
    version = next_version(pkg.version, draft.bump, releases.versions(to.releases_dir, pkg.name))
    original = checked.upload.original_name
    entry = changelog_entry(draft, version, actor, now, original)
    files = _files(checked, version, _descriptor(pkg, draft, version, entry))
    folder = package_folder(to.datasets_dir, pkg.name)
    packagefolder.replace_files(folder, files, check=packages.validate)
    audit.record(
        session,
        actor=actor.username,
        action="publishing.approve",
        target=f"draft:{draft.id}",
        before={"status": draft.status, "version": pkg.version},
        after={"status": APPROVED, "version": version, "comment": comment},
        now=now,
    )
    new = packages.read(folder)
    outcome = import_package(session, new, now=now)
    man = publish_package(
        new,
        to.releases_dir,
        now=now,
        base_url=to.base_url,
        extra={original: ("original" if checked.upload.kind == "xlsx" else "original-csv", draft.original)},
    )
    audit.record(
        session,
        actor=actor.username,
        action="publishing.release",
        target=f"dataset:{new.name}",
        after={
            "version": version,
            "files": sorted((man or {}).get("files", {})),
            "original": {"file": original, "sha256": draft.sha256},
        },
        now=now,
    )
    loaded = load_plan(session, new, outcome.dataset.id)
    audit.record(
        session,
        actor=actor.username,
        action="publishing.load",
        target=f"dataset:{new.name}",
        after={"version": version, "rows": loaded},
        now=now,
    )
    draft.status, draft.decided_by, draft.decided_at = APPROVED, actor.username, now
    draft.comment, draft.published_version = comment.strip(), version
    session.flush()
    return Published(new.name, version)
