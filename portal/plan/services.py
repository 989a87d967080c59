"""Plan use cases: load a plan package's rows, read the tree of a revision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, delete, func, insert, or_, select
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


def get_revision(session: Session, plan_id: str, revision_id: str) -> Revision | None:
    """Return revision REVISION_ID of PLAN_ID, or None."""
    rev = session.get(Revision, revision_id)
    return rev if rev is not None and rev.plan_id == plan_id else None


def list_revisions(session: Session) -> list[Revision]:
    """Every revision of every plan, by id (the choice when opening a consultation)."""
    return list(session.scalars(select(Revision).order_by(Revision.revision_id)))


def get_node(session: Session, node_id: str) -> Node | None:
    """Return the node NODE_ID, or None."""
    return session.get(Node, node_id)


def get_indicator(session: Session, indicator_id: str) -> Indicator | None:
    """Return the indicator INDICATOR_ID, or None."""
    return session.get(Indicator, indicator_id)


def revision_nodes(session: Session, revision_id: str) -> list[Node]:
    """Every node of a revision, in tree order (position within parent)."""
    return list(session.scalars(
        select(Node).where(Node.revision_id == revision_id).order_by(Node.position, Node.node_id)
    ))


def roots(nodes: list[Node]) -> list[Node]:
    """The nodes without a parent among NODES, in position order."""
    return [n for n in nodes if n.parent_id is None]


def main_revision(plan: Plan) -> Revision | None:
    """The newest revision that has a plan tree (the one residents read), else the newest."""
    with_nodes = [r for r in plan.revisions if has_nodes(r)]
    return (with_nodes or plan.revisions or [None])[-1]


def has_nodes(revision: Revision) -> bool:
    """True when REVISION has at least one node."""
    from sqlalchemy.orm import object_session

    session = object_session(revision)
    if session is None:
        return False
    return session.scalar(select(Node.node_id).where(Node.revision_id == revision.revision_id)
                          .limit(1)) is not None


def indicators_under(session: Session, node: Node) -> list[Indicator]:
    """Every indicator of NODE and of its descendants, in tree order."""
    found: list[Indicator] = []
    stack = [node]
    while stack:
        current = stack.pop(0)
        found.extend(current.indicators)
        stack = list(current.children) + stack
    return found


def revision_indicators(session: Session, revision_id: str) -> list[Indicator]:
    """Every indicator attached to REVISION_ID, by id."""
    return list(session.scalars(select(Indicator).where(Indicator.revision_id == revision_id)
                                .order_by(Indicator.indicator_id)))


def plan_dataset_name(session: Session, plan: Plan) -> str:
    """The data package (folder) name PLAN was loaded from."""
    from portal.catalog.models import Dataset

    dataset = session.get(Dataset, plan.dataset_id)
    return dataset.name if dataset else plan.plan_id


def ancestors(node: Node) -> list[Node]:
    """NODE's ancestors from the root down (for breadcrumbs)."""
    chain: list[Node] = []
    current = node.parent
    while current is not None and len(chain) < 20:
        chain.insert(0, current)
        current = current.parent
    return chain


def revision_of(session: Session, revision_id: str) -> Revision | None:
    """Return the revision REVISION_ID, or None."""
    return session.get(Revision, revision_id)


#: Filters of the observations search and the column each one reads (fiscal_year is an integer).
OBSERVATION_FILTERS = {"plan": Revision.plan_id, "revision": Observation.revision_id,
                       "node": Indicator.node_id, "indicator": Observation.indicator_id,
                       "series": Observation.series, "fiscal_year": Observation.fiscal_year}


#: Columns /observations can be sorted by (`_sort`); ties are broken by observation_id.
OBSERVATION_SORTS = {"observation_id": Observation.observation_id,
                     "indicator_id": Observation.indicator_id,
                     "revision_id": Observation.revision_id, "series": Observation.series,
                     "fiscal_year": Observation.fiscal_year, "value": Observation.value}


@dataclass(frozen=True)
class ObservationOrder:
    """A sort for /observations: column, direction, and the keyset position to continue after."""

    column: str = "observation_id"
    desc: bool = False
    #: (sort value, observation_id) of the last row already seen, or None for the first page.
    after: tuple[Any, str] | None = None


def _observation_query(filters: dict[str, str | int]) -> Select:
    """Observations joined to their indicator and revision, filtered by FILTERS."""
    query = (select(Observation).join(Indicator)
             .join(Revision, Observation.revision_id == Revision.revision_id))
    for name, value in filters.items():
        query = query.where(OBSERVATION_FILTERS[name] == value)
    return query


def count_observations(session: Session, filters: dict[str, str | int]) -> int:
    """How many observations match FILTERS (the total behind every page)."""
    inner = _observation_query(filters).with_only_columns(Observation.observation_id).subquery()
    return session.scalar(select(func.count()).select_from(inner)) or 0


def _after(order: ObservationOrder):
    """The keyset condition for rows after ORDER.after; empty values sort last in both directions."""
    column, (value, last_id) = OBSERVATION_SORTS[order.column], order.after  # type: ignore[misc]
    later_id = Observation.observation_id > last_id
    if order.column == "observation_id":
        return Observation.observation_id < last_id if order.desc else later_id
    if value is None:
        return and_(column.is_(None), later_id)
    beyond = column < value if order.desc else column > value
    return or_(beyond, and_(column == value, later_id), column.is_(None))


def find_observations(session: Session, filters: dict[str, str | int], *, limit: int,
                      order: ObservationOrder = ObservationOrder()) -> list[Observation]:
    """Observations matching FILTERS (keys of OBSERVATION_FILTERS) in ORDER, at most LIMIT."""
    query = _observation_query(filters)
    if order.after is not None:
        query = query.where(_after(order))
    column = OBSERVATION_SORTS[order.column]
    first = (column.desc() if order.desc else column.asc()).nulls_last()
    if order.column == "observation_id":
        return list(session.scalars(query.order_by(first).limit(limit)))
    return list(session.scalars(query.order_by(first, Observation.observation_id).limit(limit)))
