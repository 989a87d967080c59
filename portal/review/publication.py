"""Publish a consultation's result: check completeness, write the data package into
PUBLISHED_DIR, validate it, and hand it to the catalogue (database row and immutable release).

The catalogue's own functions do the import and the release files (catalog.packages.validate,
catalog.packages.read, catalog.services.import_package and publish_package), so a result gets the
same downloads as every dataset. Search is updated by the entry point after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from portal import packagefiles
from portal.catalog import packages, releases
from portal.catalog.services import import_package, publish_package
from portal.consult.models import Consultation
from portal.consult.services import ConsultError, list_chiku
from portal.i18n import _
from portal.japantime import to_jst
from portal.review import package as pkgdata
from portal.review.completeness import Completeness, completeness
from portal.review.models import ConsultationResult
from portal.review.moderation import ensure_not_published
from portal.review.results import ResultView, receipt_digest, receipt_hashes, result_view


class ResultIncomplete(ConsultError):
    """Something is left before the result may be published (see .left)."""

    def __init__(self, left: Completeness) -> None:
        super().__init__(_("The result is not complete: comments or groups are left."))
        self.left = left


@dataclass(frozen=True)
class Destinations:
    """Where a result goes: the published-packages folder, the releases folder, the public URL."""

    published_dir: str
    releases_dir: str
    base_url: str


def package_name(consultation: Consultation) -> str:
    """Name of the result package (a catalogue dataset name)."""
    return f"consultation-{consultation.slug}"


def _free_version(releases_dir: str, name: str) -> str:
    """1.0.0, or the next patch number if an unfinished earlier attempt left a release behind."""
    taken = set(releases.versions(releases_dir, name))
    patch = 0
    while f"1.0.{patch}" in taken:
        patch += 1
    return f"1.0.{patch}"


def descriptor(view: ResultView, *, name: str, version: str, now: datetime,
               base_url: str) -> dict[str, Any]:
    """The datapackage.json of a result, following docs/dataset-conventions.md."""
    c = view.consultation
    url = f"{base_url}/ja/consultations/{c.slug}/result"
    return {
        "profile": "tabular-data-package", "name": name, "version": version,
        "title": f"Result of the public comment: {c.title_en or c.title_ja}",
        "title_ja": f"意見募集の結果：{c.title_ja}",
        "description": ("Comments received in a public-comment consultation (texts as published, "
                        "with personal information removed), their grouping into summaries, the "
                        "ward's responses, counts, and the receipt-code hashes residents can check. "
                        "No names or contacts are included."),
        "description_ja": ("意見募集で寄せられた意見（公表用の本文。個人情報は削除）、"
                           "意見の概要と区の考え方、集計、および受付コードのハッシュ一覧です。氏名・連絡先は含みません。"),
        "created": to_jst(now).replace(microsecond=0).isoformat(),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "attribution_ja": f"出典：世田谷区「{c.title_ja}」意見募集の結果",
        "sources": [{"title": f"{c.title_ja}（結果の公表）", "path": url, "publisher": "世田谷区"}],
        "contributors": [{"title": "Setagaya plan-progress portal team", "role": "author"},
                         {"title": "世田谷区", "role": "publisher"}],
        "keywords": ["世田谷区", "パブリックコメント", "意見募集", "区の考え方", "public comment",
                     c.plan_id],
        "portal": {"kind": "consultation", "plan_id": c.plan_id, "consultation": c.slug,
                   "translation_note": "Summaries and responses are the ward's, in Japanese only."},
        "resources": [pkgdata.resource_descriptor(n) for n in pkgdata.SCHEMAS],
    }


def _files(view: ResultView, digest: str, hashes: list[str], chiku: dict[str, str],
           now: datetime) -> dict[str, bytes]:
    """The CSV files of a result package."""
    return {
        "consultation.csv": pkgdata.to_csv("consultation", pkgdata.consultation_rows(view, digest, now)),
        "groups.csv": pkgdata.to_csv("groups", pkgdata.group_rows(view)),
        "comments.csv": pkgdata.to_csv("comments", pkgdata.comment_rows(view)),
        "counts.csv": pkgdata.to_csv("counts", pkgdata.count_rows(view, chiku)),
        "receipts.csv": pkgdata.to_csv("receipts", [{"receipt_code_sha256": h} for h in hashes]),
    }


def write_package(folder: Path, desc: dict[str, Any], files: dict[str, bytes]) -> None:
    """Write the package as FOLDER, swapped in whole (portal.packagefiles)."""
    packagefiles.write_folder(folder, {"datapackage.json": packagefiles.descriptor_bytes(desc), **files})


def publish_result(session: Session, consultation: Consultation, *, actor: str, now: datetime,
                   to: Destinations) -> ConsultationResult:
    """Publish the result once everything is grouped or excluded and every group is answered.

    :raise ResultIncomplete: something is left (the staff page lists it).
    """
    ensure_not_published(session, consultation)
    left = completeness(session, consultation, now=now)
    if not left.complete:
        raise ResultIncomplete(left)
    view = result_view(session, consultation)
    hashes = receipt_hashes(session, consultation)
    digest = receipt_digest(hashes)
    name = package_name(consultation)
    if not releases.is_safe_name(name):
        raise ConsultError(_("The consultation ID %(name)s cannot be used as a dataset name.", name=name))
    version = _free_version(to.releases_dir, name)
    chiku = {k.chiku_id: k.name for k in list_chiku(session)}
    folder = Path(to.published_dir) / name
    write_package(folder, descriptor(view, name=name, version=version, now=now,
                                     base_url=to.base_url), _files(view, digest, hashes, chiku, now))
    problems = packages.validate(folder)
    if problems:
        raise ConsultError(_("The result package does not validate: %(problems)s",
                             problems="; ".join(map(str, problems))))
    pkg = packages.read(folder)
    import_package(session, pkg, now=now)
    publish_package(pkg, to.releases_dir, now=now, base_url=to.base_url)
    result = ConsultationResult(consultation_id=consultation.id, published_at=now,
                                published_by=actor, receipt_digest=digest,
                                receipt_count=len(hashes), package_name=name,
                                package_version=version)
    session.add(result)
    consultation.results_published_at = now
    session.flush()
    return result
