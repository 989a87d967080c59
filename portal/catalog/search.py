"""Search documents for datasets, with the names, titles and descriptions of their fields."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from portal.catalog import services
from portal.catalog.models import Dataset
from portal.i18n import _l, localized
from portal.search.documents import Document, Kind, SearchAdapter
from portal.search.years import year_keywords


def _fields_text(ds: Dataset) -> str:
    """Resource names and titles, and every field's name, title and description."""
    parts = []
    for res in ds.resources:
        parts.append(f"{res.name} {res.title_ja} {res.title_en}")
        for f in (res.table_schema or {}).get("fields", []):
            parts.append(f"{f.get('name', '')} {f.get('title', '')} {f.get('description', '')}")
    return " ".join(parts)


def documents(session: Session, lang: str) -> Iterator[Document]:
    """Yield a document per dataset (its newest release)."""
    for ds in services.list_datasets(session):
        plan = (ds.descriptor.get("portal") or {}).get("plan_id", "")
        title = localized({"ja": ds.title_ja, "en": ds.title_en}, lang)
        body = localized({"ja": ds.description_ja, "en": ds.description_en}, lang)
        fields = _fields_text(ds)
        sources = " ".join(str(s.get("title", "")) for s in ds.descriptor.get("sources", []))
        yield Document(
            "dataset", ds.name, lang, title, body,
            f"{ds.name} {ds.title_ja} {ds.title_en} {sources} {fields} {year_keywords(ds.description_ja)}",
            "catalog.dataset_page", (("name", ds.name),), {"plan": plan} if plan else {},
            title_en=ds.title_en, text_en=f"{ds.description_en} {fields}")


ADAPTER = SearchAdapter({"dataset": Kind(1.5, _l("Dataset"))}, documents)
