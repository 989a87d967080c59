"""Plan endpoints: plans, revisions, the node tree, indicators and observations with filters."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from portal.api import bad_parameter, bp, dump
from portal.areas.services import get_chiku
from portal.catalog import rows
from portal.db import get_session
from portal.errors import fail
from portal.i18n import _
from portal.params import whole_number
from portal.plan import services
from portal.plan.models import Node, Plan
from portal.plan.services import OBSERVATION_FILTERS, OBSERVATION_SORTS
from portal.urls import public_url


def _plan(plan: Plan) -> dict[str, Any]:
    """A plan with its revisions."""
    return {**dump(plan), "revisions": [dump(r) for r in plan.revisions],
            "url": public_url("api.plan_detail", plan_id=plan.plan_id)}


@bp.get("/plans")
def plans():
    """List every plan with its revisions."""
    return jsonify({"plans": [_plan(p) for p in services.list_plans(get_session())]})


@bp.get("/plans/<plan_id>")
def plan_detail(plan_id: str):
    """Return one plan with its revisions."""
    plan = services.get_plan(get_session(), plan_id)
    if plan is None:
        fail(404, _("There is no plan %(id)s.", id=plan_id))
    return jsonify(_plan(plan))


def _tree(nodes: list[Node], indicators: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Nest NODES under their parents, each with its indicators."""
    items = {n.node_id: {**dump(n), "indicators": indicators.get(n.node_id, []), "children": []}
             for n in nodes}
    roots = []
    for node in nodes:
        parent = items.get(node.parent_id or "")
        (parent["children"] if parent else roots).append(items[node.node_id])
    return roots


@bp.get("/plans/<plan_id>/revisions/<revision_id>/tree")
def revision_tree(plan_id: str, revision_id: str):
    """Return the tree of one revision: pillars → measures → projects, with their indicators."""
    session = get_session()
    revision = services.get_revision(session, plan_id, revision_id)
    if revision is None:
        fail(404, _("There is no revision %(id)s in this plan.", id=revision_id))
    nodes = services.revision_nodes(session, revision_id)
    indicators: dict[str, list[dict[str, Any]]] = {}
    for ind in services.revision_indicators(session, revision_id):
        indicators.setdefault(ind.node_id, []).append(dump(ind))
    return jsonify({"plan_id": plan_id, "revision": dump(revision), "nodes": _tree(nodes, indicators)})


@bp.get("/nodes/<node_id>")
def node_detail(node_id: str):
    """Return one node with its children's ids and its indicators."""
    node = services.get_node(get_session(), node_id)
    if node is None:
        fail(404, _("There is no node %(id)s.", id=node_id))
    return jsonify({**dump(node), "children": [c.node_id for c in node.children],
                    "indicators": [dump(i) for i in node.indicators]})


@bp.get("/indicators/<indicator_id>")
def indicator_detail(indicator_id: str):
    """Return one indicator with every observation printed for it."""
    ind = services.get_indicator(get_session(), indicator_id)
    if ind is None:
        fail(404, _("There is no indicator %(id)s.", id=indicator_id))
    return jsonify({**dump(ind), "observations": [dump(o) for o in ind.observations]})


def _observation_order() -> services.ObservationOrder:
    """Parse `_sort` (a column, '-' for descending) and `_cursor`; raise rows.QueryError if bad."""
    raw = request.args.get("_sort", "observation_id")
    desc = raw.startswith("-")
    column = raw[1:] if desc else raw
    if column not in OBSERVATION_SORTS:
        raise rows.QueryError("_sort", "unknown_column", column)
    cursor = request.args.get("_cursor")
    if cursor is None:
        return services.ObservationOrder(column, desc)
    value = rows.decode_cursor(cursor)
    numeric = column in ("fiscal_year", "value")
    kinds = (int, float) if numeric else (str,)
    if (len(value) != 3 or not isinstance(value[0], str) or isinstance(value[1], bool)
            or not (value[1] is None or isinstance(value[1], kinds))):
        raise rows.QueryError("_cursor", "bad_cursor")
    return services.ObservationOrder(column, desc, after=(value[1], value[0]))


def _observation_args() -> tuple[dict[str, str], services.ObservationOrder, int]:
    """Validate the observations parameters; raise rows.QueryError naming the bad one."""
    allowed = set(OBSERVATION_FILTERS) | {"chiku", "_size", "_cursor", "_sort", "_lang"}
    for key in request.args:
        if key not in allowed:
            raise rows.QueryError(key, "unknown_column", key)
    filters = {k: request.args[k] for k in OBSERVATION_FILTERS if k in request.args}
    if "fiscal_year" in filters and whole_number(filters["fiscal_year"], -9999, 9999) is None:
        raise rows.QueryError("fiscal_year", "not_integer", filters["fiscal_year"])
    return filters, _observation_order(), rows.parse_limit(request.args.get("_size"))


@bp.get("/observations")
def observations():
    """Observations filtered by plan, revision, node, indicator, series, fiscal_year and 地区."""
    try:
        filters, order, limit = _observation_args()
    except rows.QueryError as exc:
        return bad_parameter(exc.param, exc.code, exc.value, max=rows.MAX_LIMIT)
    session = get_session()
    chiku = request.args.get("chiku")
    if chiku is not None and get_chiku(session, chiku) is None:
        return bad_parameter("chiku", "unknown_value", chiku)
    typed = {k: int(v) if k == "fiscal_year" else v for k, v in filters.items()}
    found = [] if chiku else services.find_observations(session, typed, order=order, limit=limit + 1)
    total = 0 if chiku else services.count_observations(session, typed)
    body: dict[str, Any] = {"filters": {**filters, **({"chiku": chiku} if chiku else {})},
                            "sort": ("-" if order.desc else "") + order.column, "total": total,
                            "count": min(len(found), limit),
                            "observations": [dump(o) for o in found[:limit]], "next": None}
    if chiku:
        body["note"] = ("No published observation is broken down by 地区: the plans report ward-wide "
                        "figures, and the portal never estimates a district share.")
    if len(found) > limit:
        last = found[limit - 1]
        position = [last.observation_id, getattr(last, order.column), 0]
        args = {**request.args.to_dict(), "_cursor": rows.encode_cursor(position)}
        body["next"] = public_url("api.observations", **args)
    return jsonify(body)
