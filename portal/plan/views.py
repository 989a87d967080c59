"""Plan pages: plans, revisions, nodes (pillar, 施策, 事業 …) and indicators."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from portal.db import get_session
from portal.plan import services

bp = Blueprint("plan", __name__, url_prefix="/<lang>/plans")


@bp.get("/")
def plans_index():
    """List every plan with its revisions."""
    return render_template("plan/index.html", plans=services.list_plans(get_session()))


@bp.get("/<plan_id>/")
def plan_page(plan_id: str):
    """Show a plan: its revisions and the tree of its newest revision."""
    plan = services.get_plan(get_session(), plan_id) or abort(404)
    return render_template("plan/plan.html", plan=plan)


@bp.get("/<plan_id>/revisions/<revision_id>/")
def revision_page(plan_id: str, revision_id: str):
    """Show one revision's tree."""
    abort(404)


@bp.get("/node/<node_id>/")
def node_page(node_id: str):
    """Show one node (pillar, 施策, 事業 …)."""
    abort(404)


@bp.get("/indicator/<indicator_id>/")
def indicator_page(indicator_id: str):
    """Show one indicator."""
    abort(404)
