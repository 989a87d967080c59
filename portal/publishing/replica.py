"""Several app hosts on one database: publications and their files live in the database.

An approval records a Publication (package, version, the search documents it changed) and keeps
every file of the new version in the database (the release folder and the package folder). A
host with PUBLISHING_REPLICA on reads the newest publication id at most once per STAMP_SECONDS;
when the database has publications this host has not applied (the last id applied is in
SEARCH_INDEX_DIR/.publication), it writes the versions it lacks into its own RELEASES_DIR and
DATASETS_DIR (each folder swapped in whole by rename) before answering, then redoes the named
search documents in a background thread while it keeps serving. Pages need nothing more: the
plan rows are in the shared database and the page cache keys on the data stamp.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from portal.catalog import releases
from portal.publishing import reindex
from portal.publishing.models import Publication, StoredFile

#: Seconds between two reads of the newest publication id in one process.
STAMP_SECONDS = 1.0
#: The file, in SEARCH_INDEX_DIR, holding the last publication id this host applied.
MARKER = ".publication"


def store_files(session: Session, publication: Publication, release: Path, package: Path) -> int:
    """Keep every file of PUBLICATION's release and package folders in the database; return how many."""
    count = 0
    for kind, folder in (("release", release), ("package", package)):
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            data = path.read_bytes()
            session.add(StoredFile(publication_id=publication.id, kind=kind, filename=path.name,
                                   sha256=hashlib.sha256(data).hexdigest(), data=data))
            count += 1
    session.flush()
    return count


def applied(index_dir: str) -> int:
    """The last publication id this host applied (0: none)."""
    try:
        return int((Path(index_dir) / MARKER).read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return 0


def mark_applied(index_dir: str, publication_id: int) -> None:
    """Record PUBLICATION_ID as applied on this host (atomically; never moves backwards)."""
    folder = Path(index_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if applied(index_dir) >= publication_id:
        return
    tmp = folder / f"{MARKER}.{os.getpid()}.tmp"
    tmp.write_text(str(publication_id), encoding="ascii")
    os.replace(tmp, folder / MARKER)


def _write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Put FILES in place as folder TARGET, replacing it whole (rename, never half-written)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        staged = work / target.name
        staged.mkdir()
        for name, data in files.items():
            (staged / Path(name).name).write_bytes(data)
        staged.chmod(0o755)
        if target.exists():
            os.replace(target, work / "previous")
        os.replace(staged, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def pending(session: Session, index_dir: str) -> list[Publication]:
    """The publications this host has not applied yet, oldest first."""
    stmt = select(Publication).where(Publication.id > applied(index_dir)).order_by(Publication.id)
    return list(session.scalars(stmt))


def write_files(session: Session, publication: Publication, datasets_dir: str, releases_dir: str) -> bool:
    """Write PUBLICATION's release (if this host lacks it) and, when newest, its package folder."""
    name, version = publication.package_name, publication.version
    folder = releases.release_dir(releases_dir, name, version)
    if folder is None or (folder / releases.MANIFEST).is_file():
        return False
    rows = session.scalars(select(StoredFile).where(StoredFile.publication_id == publication.id)).all()
    _write_folder(folder, {r.filename: r.data for r in rows if r.kind == "release"})
    if releases.latest_version(releases_dir, name) == version:
        _write_folder(Path(datasets_dir) / name, {r.filename: r.data for r in rows if r.kind == "package"})
    return True


def apply_search(app: Flask, session: Session, publication: Publication) -> dict[str, int]:
    """Redo the search documents PUBLICATION changed, as the shared database has them."""
    from portal.publishing.packages import read_plan_package

    name, plan_id = publication.package_name, publication.package_name  # the registry has no plan
    if publication.kind == "figures":
        pkg = read_plan_package(app.config["DATASETS_DIR"], name)
        plan_id = (pkg.descriptor.get("portal") or {}).get("plan_id", pkg.name)
    changes = reindex.redo(app, session, name, plan_id, publication.search_changes)
    return reindex.apply(changes)


def _state(app: Flask) -> dict:
    """This process's throttle and its background search update."""
    return app.extensions.setdefault(
        "publishing_replica", {"read": 0.0, "lock": threading.Lock(), "thread": None})


def _catch_up_search(app: Flask) -> None:
    """Apply the pending publications' search changes, then mark them applied (background thread)."""
    from portal.db import get_session

    with app.app_context():
        session = get_session()
        try:
            for publication in pending(session, app.config["SEARCH_INDEX_DIR"]):
                apply_search(app, session, publication)
                mark_applied(app.config["SEARCH_INDEX_DIR"], publication.id)
        finally:
            session.rollback()


def catch_up(app: Flask, session: Session) -> int:
    """Write the files of publications this host lacks now; start the search update; return how many."""
    todo = pending(session, app.config["SEARCH_INDEX_DIR"])
    for publication in todo:
        write_files(session, publication, app.config["DATASETS_DIR"], app.config["RELEASES_DIR"])
    state = _state(app)
    if todo and not (state["thread"] and state["thread"].is_alive()):
        state["thread"] = threading.Thread(target=_catch_up_search, args=(app,),
                                           name="publishing-search", daemon=True)
        state["thread"].start()
    return len(todo)


def check_publications() -> None:
    """Before a request (at most once per STAMP_SECONDS): catch up with newer publications."""
    from portal.db import get_session

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    state = _state(app)
    now = time.monotonic()
    if now - state["read"] < STAMP_SECONDS or not state["lock"].acquire(blocking=False):
        return
    try:
        state["read"] = now
        session = get_session()
        try:
            newest = session.scalar(select(func.max(Publication.id))) or 0
            if newest > applied(app.config["SEARCH_INDEX_DIR"]):
                catch_up(app, session)
        except SQLAlchemyError:  # a database not migrated yet: nothing to catch up with
            pass
        finally:
            session.rollback()
    finally:
        state["lock"].release()


def init_app(app: Flask) -> None:
    """Check for newer publications before requests when PUBLISHING_REPLICA is on (several app hosts)."""
    if app.config["PUBLISHING_REPLICA"]:
        app.before_request(check_publications)
