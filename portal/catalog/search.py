"""Search documents for datasets and their fields."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from portal.catalog import services
from portal.i18n import localized
from portal.search.documents import Document


def documents(session: Session, lang: str) -> Iterator[Document]:
    """Yield a document per dataset, with its resources' field names and descriptions."""
    for ds in services.list_datasets(session):
        fields = []
        for res in ds.resources:
            fields.append(f"{res.name} {res.title_ja} {res.title_en}")
            for f in res.table_schema.get("fields", []):
                fields.append(f"{f.get('name', '')} {f.get('title', '')} {f.get('description', '')}")
        plan = (ds.descriptor.get("portal") or {}).get("plan_id", "")
        yield Document("dataset", ds.name, lang,
                       localized({"ja": ds.title_ja, "en": ds.title_en}, lang),
                       localized({"ja": ds.description_ja, "en": ds.description_en}, lang),
                       f"{ds.title_ja} {ds.title_en} {' '.join(fields)}",
                       "catalog.dataset_page", (("name", ds.name),), {"plan": plan} if plan else {})
