"""The 地区 page's printed sentences about every 地区, grouped by plan and plan item.

Each sentence of the chiku-rollout package is shown under the plan and the item whose text holds
it; when the item (or, for a 施策, its 事業) has indicators, their ward-wide status is shown beside
it, e.g. アクションチーム 「28 地区」 next to the count of teams the 4-4 事業 measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from portal.plan.extras import package_rows
from portal.plan.figures import IndicatorFigures, figures
from portal.plan.models import Node, Plan


@dataclass
class ItemSentences:
    """One plan item, the printed sentences about the 地区 found in its text, its indicators."""

    node: Node
    quotes: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[IndicatorFigures] = field(default_factory=list)
    #: Sentences from a コラム printed inside the item's chapter (shown folded: background, not the plan).
    column_quotes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PlanSentences:
    """One plan and its items with sentences about the 地区, in the plan's order."""

    plan: Plan
    items: list[ItemSentences] = field(default_factory=list)


def _indicators(node: Node) -> list[IndicatorFigures]:
    """The indicators of NODE itself (a 事業's own 行動量 and 成果指標), with their status."""
    return [figures(ind) for ind in node.indicators]


def grouped(session: Session, datasets_dir: str) -> list[PlanSentences]:
    """The chiku-rollout sentences grouped by plan (newest first), then item (source order)."""
    plans: dict[str, PlanSentences] = {}
    items: dict[str, ItemSentences] = {}
    rows = package_rows(datasets_dir, "chiku-rollout", "rollout")
    for row in sorted(rows, key=lambda r: (r["source_document"], r["source_line"])):
        node = session.get(Node, row["node_id"])
        if node is None:
            continue
        if row["node_id"] not in items:
            items[row["node_id"]] = ItemSentences(node, indicators=_indicators(node))
            group = plans.get(row["plan_id"])
            if group is None:
                group = plans[row["plan_id"]] = PlanSentences(session.get(Plan, row["plan_id"]))
            group.items.append(items[row["node_id"]])
        item = items[row["node_id"]]
        (item.column_quotes if row.get("attached_by") == "column" else item.quotes).append(row)
    found = [g for g in plans.values() if g.plan is not None]
    return sorted(found, key=lambda g: -(g.plan.start_fy or 0))  # the newest plan first
