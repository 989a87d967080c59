"""Search documents for plans, revisions, nodes and indicators."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.i18n import localized
from portal.plan.models import Indicator, Node, Plan, Revision
from portal.search.documents import Document
from portal.search.years import year_keywords


def _text(ja: str | None, en: str | None, lang: str) -> str:
    """Pick the Japanese or English text for LANG."""
    return localized({"ja": ja or "", "en": en or ""}, lang)


def documents(session: Session, lang: str) -> Iterator[Document]:
    """Yield a document per plan, revision, node and indicator in LANG (Japanese fallback)."""
    for plan in session.scalars(select(Plan)):
        yield Document("plan", plan.plan_id, lang, _text(plan.name_ja, plan.name_en, lang),
                       plan.period_ja or "", f"{plan.name_ja} {plan.name_en}",
                       "plan.plan_page", (("plan_id", plan.plan_id),), {"plan": plan.plan_id})
    for rev in session.scalars(select(Revision)):
        yield Document("revision", rev.revision_id, lang, _text(rev.label_ja, rev.label_en, lang),
                       rev.date_note or "",
                       f"{rev.label_ja} {rev.label_en} {year_keywords(str(rev.published or ''))}",
                       "plan.revision_page", (("revision_id", rev.revision_id),),
                       {"plan": rev.plan_id, "revision": rev.revision_id})
    nodes = {n.node_id: n for n in session.scalars(select(Node))}
    for node in nodes.values():
        yield _node_document(node, nodes, lang)
    for ind in session.scalars(select(Indicator)):
        node = nodes.get(ind.node_id)
        facets = _facets(node, nodes) if node else {}
        yield Document("indicator", ind.indicator_id, lang, _text(ind.name_ja, ind.name_en, lang),
                       f"{ind.code} {ind.unit or ''} {ind.note or ''}",
                       f"{ind.name_ja} {ind.name_en} {ind.code}", "plan.indicator_page",
                       (("indicator_id", ind.indicator_id),), facets)


def _facets(node: Node, nodes: dict[str, Node]) -> dict[str, str]:
    """Facet values of NODE: plan, revision, its pillar and department."""
    pillar = node
    while pillar.parent_id and pillar.parent_id in nodes and pillar.level != "pillar":
        pillar = nodes[pillar.parent_id]
    plan_id = node.revision_id.split(":", 1)[0]
    facets = {"plan": plan_id, "revision": node.revision_id}
    if pillar.level == "pillar":
        facets["pillar"] = pillar.concept_id
    measure = node
    while measure.parent_id and measure.level not in ("measure", "pillar"):
        measure = nodes.get(measure.parent_id, measure)
        if measure.parent_id is None:
            break
    if measure.department_ja:
        facets["department"] = measure.department_ja
    return facets


def _node_document(node: Node, nodes: dict[str, Node], lang: str) -> Document:
    """Build the document of one plan node."""
    body = " ".join(x for x in (node.vision_ja, node.direction_ja, node.department_ja) if x)
    keywords = " ".join(x for x in (node.name_ja, node.name_en, node.code, node.level_ja) if x)
    return Document(node.level, node.node_id, lang, _text(node.name_ja, node.name_en, lang),
                    body, keywords, "plan.node_page", (("node_id", node.node_id),),
                    _facets(node, nodes))
