"""A revision's plan tree with every indicator assessed and statuses rolled up per node."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.plan.figures import IndicatorFigures, figures
from portal.plan.models import Indicator, Node
from portal.plan.progress import rollup


@dataclass
class RevisionTree:
    """Nodes of one revision by parent, their indicators' figures, and roll-ups."""

    revision_id: str
    nodes: dict[str, Node]
    children: dict[str | None, list[Node]]
    indicators: dict[str, list[IndicatorFigures]] = field(default_factory=dict)

    def roots(self) -> list[Node]:
        """Top-level nodes in printed order."""
        return self.children.get(None, [])

    def kids(self, node_id: str) -> list[Node]:
        """Children of NODE_ID in printed order."""
        return self.children.get(node_id, [])

    def figures_under(self, node_id: str) -> list[IndicatorFigures]:
        """Figures of the indicators of NODE_ID and all its descendants, in tree order."""
        found = list(self.indicators.get(node_id, []))
        for child in self.kids(node_id):
            found.extend(self.figures_under(child.node_id))
        return found

    def rollup(self, node_id: str | None = None) -> dict[str, int]:
        """Status counts below NODE_ID (the whole revision when None)."""
        if node_id is None:
            items = [f for figs in self.indicators.values() for f in figs]
        else:
            items = self.figures_under(node_id)
        return rollup(f.status.status for f in items)


def build_tree(session: Session, revision_id: str) -> RevisionTree:
    """Load REVISION_ID's nodes and indicators (with observations) in three queries."""
    nodes = list(session.scalars(select(Node).where(Node.revision_id == revision_id)
                                 .order_by(Node.position, Node.node_id)))
    by_id = {n.node_id: n for n in nodes}
    children: dict[str | None, list[Node]] = {}
    for node in nodes:
        parent = node.parent_id if node.parent_id in by_id else None
        children.setdefault(parent, []).append(node)
    tree = RevisionTree(revision_id, by_id, children)
    if by_id:
        query = (select(Indicator).where(Indicator.node_id.in_(list(by_id)))
                 .options(selectinload(Indicator.observations)).order_by(Indicator.indicator_id))
        for ind in session.scalars(query):
            tree.indicators.setdefault(ind.node_id, []).append(figures(ind))
        for figs in tree.indicators.values():
            figs.sort(key=lambda f: (f.indicator.source_line or 0, f.indicator.indicator_id))
    return tree
