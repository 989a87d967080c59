"""Search documents for plans, revisions, nodes (pillars, 施策, 事業 …) and indicators.

Titles and bodies are in the index's language when the data has it (Japanese and the unofficial
English names), else Japanese. The other language's name always goes into the keywords and the
English name into the stemmed English fields, so either finds the item in any language's index.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.i18n import _l, localized
from portal.plan.models import Indicator, Node, Plan, Revision
from portal.search.documents import Document, Kind, SearchAdapter
from portal.search.years import year_keywords


def _text(ja: str | None, en: str | None, lang: str) -> str:
    """Pick the Japanese or English text for LANG (Japanese for languages the data lacks)."""
    return localized({"ja": ja or "", "en": en or ""}, lang)


def _join(*parts: str | None) -> str:
    """Join the non-empty PARTS with spaces."""
    return " ".join(p for p in parts if p)


def documents(session: Session, lang: str) -> Iterator[Document]:
    """Yield a document per plan, revision, node and indicator in LANG (Japanese fallback)."""
    plans = {p.plan_id: p for p in session.scalars(select(Plan))}
    for plan in plans.values():
        yield _plan_document(plan, lang)
    for rev in session.scalars(select(Revision)):
        yield _revision_document(rev, plans, lang)
    nodes = {n.node_id: n for n in session.scalars(select(Node))}
    for node in nodes.values():
        yield _node_document(node, nodes, plans, lang)
    for ind in session.scalars(select(Indicator)):
        yield _indicator_document(ind, nodes, plans, lang)


def _plan_document(plan: Plan, lang: str) -> Document:
    """The document of a whole plan."""
    title = _text(plan.name_ja, plan.name_en, lang)
    return Document(
        "plan", plan.plan_id, lang, title, _join(plan.period_ja, plan.publisher_ja),
        _join(plan.name_ja, plan.name_en, year_keywords(plan.period_ja or ""),
              *(str(y) for y in (plan.start_fy, plan.end_fy) if y)),
        "plan.plan_page", (("plan_id", plan.plan_id),), {"plan": plan.plan_id},
        {"plan": title}, plan.name_en or "", "", names=(plan.name_ja, plan.name_en or ""))


def _revision_document(rev: Revision, plans: dict[str, Plan], lang: str) -> Document:
    """The document of one revision (素案, 当初計画, 修正計画 …)."""
    plan = plans.get(rev.plan_id)
    plan_name = _text(plan.name_ja, plan.name_en, lang) if plan else ""
    published = str(rev.published.year) if rev.published else ""
    return Document(
        "revision", rev.revision_id, lang, _text(rev.label_ja, rev.label_en, lang),
        _join(plan_name, rev.date_note),
        _join(rev.label_ja, rev.label_en, published, year_keywords(_join(rev.label_ja, rev.date_note))),
        "plan.revision_page", (("plan_id", rev.plan_id), ("revision_id", rev.revision_id)),
        {"plan": rev.plan_id}, {"plan": plan_name}, rev.label_en or "", plan.name_en if plan else "")


def _ancestor(node: Node, nodes: dict[str, Node], levels: tuple[str, ...]) -> Node | None:
    """NODE or its nearest ancestor whose level is one of LEVELS."""
    current: Node | None = node
    while current is not None:
        if current.level in levels:
            return current
        current = nodes.get(current.parent_id) if current.parent_id else None
    return None


def _facets(node: Node, nodes: dict[str, Node], plans: dict[str, Plan],
            lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Facet values and labels of NODE: plan, pillar and 所管部."""
    plan_id = node.revision_id.split(":", 1)[0]
    plan = plans.get(plan_id)
    facets = {"plan": plan_id}
    labels = {"plan": _text(plan.name_ja, plan.name_en, lang) if plan else plan_id}
    pillar = _ancestor(node, nodes, ("pillar",))
    if pillar is not None:
        facets["pillar"] = pillar.concept_id
        labels["pillar"] = _join(pillar.code, _text(pillar.name_ja, pillar.name_en, lang))
    owner = _ancestor(node, nodes, ("measure", "pillar"))
    if owner is not None and owner.department_ja:
        parts = [d.strip() for d in owner.department_ja.replace("、", "|").split("|")]
        facets["department"] = "|".join(d for d in parts if d)
    return facets, labels


def _node_document(node: Node, nodes: dict[str, Node], plans: dict[str, Plan], lang: str) -> Document:
    """The document of one plan node."""
    body_ja = _join(node.vision_ja, node.direction_ja, node.department_ja)
    body = _join(node.vision_en, node.department_ja) if lang == "en" and node.vision_en else body_ja
    facets, labels = _facets(node, nodes, plans, lang)
    keywords = _join(node.name_ja, node.name_en, node.code, node.level_ja,
                     year_keywords(_join(node.name_ja, body_ja)))
    return Document(node.level, node.node_id, lang, _text(node.name_ja, node.name_en, lang),
                    body, keywords, "plan.node_page", (("node_id", node.node_id),),
                    facets, labels, node.name_en or "", node.vision_en or "",
                    names=(node.name_ja, node.name_en or ""))


def _indicator_document(ind: Indicator, nodes: dict[str, Node], plans: dict[str, Plan],
                        lang: str) -> Document:
    """The document of one indicator (行動量 or 成果指標)."""
    node = nodes.get(ind.node_id)
    facets, labels = _facets(node, nodes, plans, lang) if node else ({}, {})
    parent = _text(node.name_ja, node.name_en, lang) if node else ""
    return Document("indicator", ind.indicator_id, lang, _text(ind.name_ja, ind.name_en, lang),
                    _join(parent, ind.unit, ind.note), _join(ind.name_ja, ind.name_en, ind.code),
                    "plan.indicator_page", (("indicator_id", ind.indicator_id),), facets, labels,
                    ind.name_en or "", node.name_en if node else "")


#: Whole plans outrank the many items that mention them; indicators rank below the 施策 they measure
#: (0.4: an indicator's short name outranked the 事業 page listing it; labelled MRR 0.856 → 0.898).
ADAPTER = SearchAdapter({
    "plan": Kind(2.0, _l("Plan")), "revision": Kind(1.1, _l("Plan version")),
    "pillar": Kind(1.3, _l("Pillar or goal")), "measure": Kind(1.3, _l("Measure")),
    "project": Kind(1.1, _l("Project")), "aim": Kind(1.0, _l("Aim")),
    "initiative": Kind(1.0, _l("Priority initiative")), "section": Kind(1.0, _l("Section")),
    "indicator": Kind(0.4, _l("Indicator")),
}, documents)
