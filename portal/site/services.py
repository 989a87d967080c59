"""Site-wide use cases: health of the database and the index."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from portal.catalog.models import Dataset
from portal.plan.models import Observation


def health(session: Session, index_status: dict[str, Any]) -> dict[str, Any]:
    """Check that the database answers and count what is loaded; merge the index status."""
    try:
        datasets = session.scalar(select(func.count(Dataset.id))) or 0
        observations = session.scalar(select(func.count(Observation.observation_id))) or 0
        database = {"ok": True, "datasets": datasets, "observations": observations}
    except SQLAlchemyError as exc:
        database = {"ok": False, "error": type(exc).__name__}
    ok = database["ok"] and index_status.get("ok", False)
    return {"status": "ok" if ok else "degraded", "database": database,
            "search_index": index_status}
