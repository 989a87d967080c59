"""The ward's response to an opinion group (区の考え方): the summary, the response, its category
and the place where the plan changed (a node of a later revision of the same plan)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.consult.models import Consultation
from portal.consult.services import ConsultError
from portal.i18n import _
from portal.plan.models import Node
from portal.review.grouping import check_text
from portal.review.models import CATEGORIES, OpinionGroup
from portal.review.moderation import ensure_not_published


@dataclass
class Answer:
    """The ward's side of a group: summary, response, category and where the plan changed."""

    summary_ja: str
    response_ja: str
    category: str
    change_revision_id: str = ""
    change_node_id: str = ""


def _check_change(session: Session, consultation: Consultation, answer: Answer) -> None:
    """The changed 施策 must be a node of another revision of the same plan."""
    if not answer.change_node_id:
        return
    node = session.get(Node, answer.change_node_id)
    if node is None or node.revision_id == consultation.revision_id \
            or not node.revision_id.startswith(consultation.plan_id + ":"):
        raise ConsultError(_("The changed 施策 must be in another revision of the same plan."))
    answer.change_revision_id = node.revision_id


def answer_group(session: Session, consultation: Consultation, group: OpinionGroup,
                 answer: Answer) -> None:
    """Set a group's summary, the ward's response, its category and the change link."""
    ensure_not_published(session, consultation)
    if answer.category and answer.category not in CATEGORIES:
        raise ConsultError(_("Choose a category for the response from the list."))
    _check_change(session, consultation, answer)
    group.summary_ja = check_text(answer.summary_ja, required=True)
    group.response_ja = check_text(answer.response_ja, required=False)
    group.category = answer.category or None
    group.change_revision_id = answer.change_revision_id or None
    group.change_node_id = answer.change_node_id or None
    session.flush()
