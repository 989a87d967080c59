"""Plan use cases: load a plan package's rows, read the tree of a revision."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from portal.catalog.packages import PackageData
from portal.plan.models import Indicator, Node, Observation, Plan, Revision


def _columns(model: type) -> set[str]:
    """Names of MODEL's table columns."""
    return {c.name for c in model.__table__.columns}


def _shape(model: type, rows: list[dict[str, Any]], **fixed: Any) -> list[dict[str, Any]]:
    """Keep the row keys MODEL has; put the others in `extra` when the model has that column."""
    cols = _columns(model)
    shaped = []
    for row in rows:
        item = {k: v for k, v in row.items() if k in cols}
        if "extra" in cols:
            item["extra"] = {k: _jsonable(v) for k, v in row.items()
                             if k not in cols and v is not None}
        item.update(fixed)
        shaped.append(item)
    return shaped


def _jsonable(value: Any) -> Any:
    """Make a cell value storable in a JSON column."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _parents_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order node rows so that every parent is inserted before its children."""
    by_id = {r["node_id"]: r for r in rows}
    depth: dict[str, int] = {}

    def level(node_id: str, seen: int = 0) -> int:
        if node_id not in depth:
            parent = by_id[node_id].get("parent_id")
            depth[node_id] = 0 if not parent or parent not in by_id or seen > 50 else \
                level(parent, seen + 1) + 1
        return depth[node_id]

    return sorted(rows, key=lambda r: level(r["node_id"]))


def load_plan(session: Session, pkg: PackageData, dataset_id: int) -> dict[str, int]:
    """Replace the plan rows of PKG's plans with PKG's rows; return counts per table."""
    plan_ids = [r["plan_id"] for r in pkg.rows("plans")]
    session.execute(delete(Plan).where(Plan.plan_id.in_(plan_ids)))
    tables: list[tuple[type, list[dict[str, Any]]]] = [
        (Plan, _shape(Plan, pkg.rows("plans"), dataset_id=dataset_id)),
        (Revision, _shape(Revision, pkg.rows("revisions"))),
        (Node, _parents_first(_shape(Node, pkg.rows("nodes")))),
        (Indicator, _shape(Indicator, pkg.rows("indicators"))),
        (Observation, _shape(Observation, pkg.rows("observations"))),
    ]
    counts = {}
    for model, rows in tables:
        if rows:
            session.execute(insert(model), rows)
        counts[model.__tablename__] = len(rows)
    session.flush()
    return counts


def list_plans(session: Session) -> list[Plan]:
    """Return every plan, by name."""
    return list(session.scalars(select(Plan).order_by(Plan.plan_id)))


def get_plan(session: Session, plan_id: str) -> Plan | None:
    """Return the plan PLAN_ID, or None."""
    return session.get(Plan, plan_id)
