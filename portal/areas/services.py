"""Area use cases: load the 地域/地区/町丁目 reference package, look areas up."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from portal.areas.models import Chiiki, Chiku, Chome
from portal.catalog.packages import PackageData


def load_areas(session: Session, pkg: PackageData, dataset_id: int) -> dict[str, int]:
    """Replace all area rows with those of PKG; return counts per table."""
    for model in (Chome, Chiku, Chiiki):
        session.execute(delete(model))
    counts = {}
    for model, name in ((Chiiki, "chiiki"), (Chiku, "chiku"), (Chome, "chome")):
        cols = {c.name for c in model.__table__.columns}
        rows = [{**{k: v for k, v in r.items() if k in cols}, "dataset_id": dataset_id}
                for r in pkg.rows(name)]
        if rows:
            session.execute(insert(model), rows)
        counts[name] = len(rows)
    session.flush()
    return counts


def list_chiiki(session: Session) -> list[Chiiki]:
    """Return the 地域 with their 地区, in id order."""
    return list(session.scalars(select(Chiiki).order_by(Chiiki.chiiki_id)))
