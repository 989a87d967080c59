"""The consultation box of 施策 and indicator pages: the open consultation's form, or after the
result the comments' count, the groups and the ward's responses about this 施策.

A page's 施策 is tied to a consultation's 施策 when it is that 施策, shares its concept id (any
revision), or a published crosswalk row leads from it to the page's 施策 in a later revision.
The ties depend only on the plan data and the scope frozen at opening, so they are kept with the
page cache's lifetime; the status and the groups are read per request (they follow the clock and
the ward's publication, which the data stamp does not see).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, render_template
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.cache import cached_value
from portal.consult import services as consult_services
from portal.consult.crosswalk import later_places
from portal.consult.models import Consultation, ConsultationMeasure
from portal.plan import services as plan_services
from portal.plan.models import Node
from portal.review.results import GroupView, result_view


@dataclass(frozen=True)
class Tie:
    """How a page's 施策 is tied to a 施策 in a consultation's scope."""

    measure_node_id: str
    #: "same" (the very 施策), "concept" (same concept id) or a crosswalk relation (renamed …).
    relation: str


@dataclass
class Box:
    """One consultation as the box of a 施策 page shows it."""

    consultation: Consultation
    measure: ConsultationMeasure
    tie: Tie
    status: str
    groups: list[GroupView] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Comments considered (in a published group) about this 施策."""
        return sum(len(g.comments) for g in self.groups)


def _ties(session: Session, datasets_dir: str, consultation: Consultation) -> dict[str, list[Tie]]:
    """Every node id (any revision) tied to a 施策 of CONSULTATION's scope, with how."""
    ties: dict[str, list[Tie]] = {}
    for m in consultation.measures:
        found = {m.node_id: "same"}
        for node_id in session.scalars(select(Node.node_id).where(Node.concept_id == m.concept_id)):
            found.setdefault(node_id, "concept")
        for place in later_places(session, datasets_dir, consultation.revision_id, m.node_id,
                                  m.concept_id):
            if place.node is not None and place.basis == "crosswalk":
                found[place.node.node_id] = place.relation
            elif place.node is not None:
                found.setdefault(place.node.node_id, "concept")
        for node_id, relation in found.items():
            ties.setdefault(node_id, []).append(Tie(m.node_id, relation))
    return ties


def cached_ties(session: Session, consultation: Consultation) -> dict[str, list[Tie]]:
    """CONSULTATION's ties, computed once per data stamp and scope."""
    scope = tuple(m.node_id for m in consultation.measures)
    datasets_dir = current_app.config["DATASETS_DIR"]
    return cached_value(session, ("consult-ties", consultation.id, scope),
                        lambda: _ties(session, datasets_dir, consultation))


def boxes_for(session: Session, node_ids: list[str], now: datetime) -> list[Box]:
    """The consultations (opened already) tied to the first of NODE_IDS each one reaches."""
    found = []
    for c in consult_services.list_consultations(session):
        status = c.status(now)
        if status == "scheduled":
            continue
        ties = cached_ties(session, c)
        tie = next((ties[n][0] for n in node_ids if n in ties), None)
        measure = c.measure(tie.measure_node_id) if tie else None
        if tie is None or measure is None:
            continue
        box = Box(c, measure, tie, status)
        if status == "results":
            box.groups = [g for g in result_view(session, c).groups
                          if g.group.node_id == measure.node_id]
        found.append(box)
    return found


def page_nodes(session: Session, kind: str, object_id: str) -> list[str]:
    """The 施策 ids a page stands for: the node itself, or an indicator's node and its ancestors."""
    if kind == "node":
        return [object_id]
    indicator = plan_services.get_indicator(session, object_id)
    if indicator is None or indicator.node is None:
        return []
    return [indicator.node.node_id, *(a.node_id for a in reversed(plan_services.ancestors(indicator.node)))]


def render_box(session: Session, kind: str, object_id: str, now: datetime) -> str:
    """The box's HTML for the node or indicator page OBJECT_ID ("" when no consultation is tied)."""
    boxes = boxes_for(session, page_nodes(session, kind, object_id), now)
    if not boxes:
        return ""
    from portal.consult.dates import show_time
    from portal.review.labels import CATEGORY_LABELS

    return render_template("consult/_box.html", boxes=boxes, consult_time=show_time,
                           category_labels=CATEGORY_LABELS, now=now)
