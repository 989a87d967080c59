"""Re-index only what a publication changed: the search documents of one package, compared.

A publication changes one plan package. Its documents (the dataset, and the plan's plan,
revision, 施策 and indicator documents, in every language) are collected before and after the
approval in the same transaction; only those that differ are written and only those that
vanished are deleted, in one commit per language (portal.search.index.SearchIndex.apply under
the writer lock), so a search sees each language's index before or after, never half-way.
A full rebuild of every index took 112 s for a 20× plan; new figures change a handful of documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask import Flask
from sqlalchemy.orm import Session

from portal.search.documents import Document
from portal.search.index import get_index

#: (language, uid) → the document, for one package.
Snapshot = dict[tuple[str, str], Document]


@dataclass(frozen=True)
class SearchChanges:
    """What a publication asks of the search index: documents to write, uids to delete."""

    update: list[Document]
    delete: list[str]

    def as_record(self) -> dict[str, list[str]]:
        """The uids, for the publication's row (other hosts redo the same documents)."""
        return {"update": sorted({d.uid for d in self.update}), "delete": sorted(self.delete)}


def _belongs(doc: Document, name: str, plan_id: str) -> bool:
    """True when DOC describes package NAME: its dataset, or anything of its plan."""
    return (doc.kind == "dataset" and doc.key == name) or plan_id in (doc.facets.get("plan") or "").split("|")


def documents(app: Flask, session: Session, name: str, plan_id: str,
              uids: Iterable[str] | None = None) -> Snapshot:
    """Package NAME's documents in every language, from the registered sources (only UIDS if given)."""
    wanted = None if uids is None else set(uids)
    out: Snapshot = {}
    for lang in app.config["LANGUAGES"]:
        for source in app.extensions.get("search_sources", []):
            for doc in source(session, lang):
                if _belongs(doc, name, plan_id) and (wanted is None or doc.uid in wanted):
                    out[(lang, doc.uid)] = doc
    return out


def compare(before: Snapshot, after: Snapshot) -> SearchChanges:
    """The documents that are new or differ, and the uids no language has any more."""
    update = [doc for key, doc in after.items() if before.get(key) != doc]
    gone = {uid for _lang, uid in before} - {uid for _lang, uid in after}
    return SearchChanges(update, sorted(gone))


def apply(changes: SearchChanges, timeout: float | None = None) -> dict[str, int]:
    """Write CHANGES into this host's index; return how many documents were written and deleted."""
    if changes.update or changes.delete:
        get_index().apply(docs=changes.update, uids=changes.delete, timeout=timeout)
    return {"updated": len(changes.update), "deleted": len(changes.delete)}


def redo(app: Flask, session: Session, name: str, plan_id: str,
         record: dict[str, list[str]]) -> SearchChanges:
    """The changes a publication RECORD names, with the documents as the shared database has them now."""
    docs = documents(app, session, name, plan_id, record.get("update", []))
    return SearchChanges(list(docs.values()), list(record.get("delete", [])))
