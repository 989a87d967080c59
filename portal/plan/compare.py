"""Compare two revisions of a plan: what happened to each node, and to indicators and targets.

Where the plan package publishes a crosswalk (地域保健医療福祉総合計画, 総合戦略) its rows say what
happened to each node, with the team's note and source lines. Nodes the crosswalk does not cover
are matched by concept_id (stable across revisions): same name → unchanged, other name → renamed,
only on one side → new or removed. Target changes come from the observations (当初計画 vs 修正計画,
target_original vs target) and are joined with the reasons printed in the `changes` resource.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from portal.i18n import _
from portal.plan import services
from portal.plan.extras import changes_by_indicator, crosswalk
from portal.plan.figures import sub_series
from portal.plan.models import Indicator, Node, Plan, Revision

#: Relations a node can have between two revisions (crosswalk vocabulary plus concept matching).
RELATIONS = ("unchanged", "renamed", "renumbered", "renamed_and_renumbered", "moved", "merged",
             "split", "filled", "new", "removed", "unknown")


@dataclass
class NodeChange:
    """What happened to one node between the two revisions."""

    relation: str
    also: list[str]
    old: Node | None
    new: Node | None
    name_diff: list[tuple[str, str]] | None = None
    vision_diff: list[tuple[str, str]] | None = None
    note: dict[str, str] = field(default_factory=dict)
    sources: str = ""


@dataclass
class TargetChange:
    """One planned value or target that differs between 当初 and 修正, with its printed reason."""

    indicator: Indicator
    series: str
    fiscal_year: int | None
    sub_item: str
    old_text: str
    new_text: str
    reason: dict[str, Any] | None = None


@dataclass
class Comparison:
    """The whole comparison, ready for the page."""

    old_has_tree: bool
    nodes: list[NodeChange]
    added: list[Indicator]
    removed: list[Indicator]
    targets: list[TargetChange]

    def counts(self) -> dict[str, int]:
        """Number of nodes per relation, in display order, omitting zeros."""
        found = {r: sum(1 for c in self.nodes if c.relation == r) for r in RELATIONS}
        return {r: n for r, n in found.items() if n}


def text_diff(old: str | None, new: str | None) -> list[tuple[str, str]]:
    """Character diff of two texts as (op, text) with op in equal/delete/insert."""
    old, new = old or "", new or ""
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", old[i1:i2]))
            continue
        if i2 > i1:
            out.append(("delete", old[i1:i2]))
        if j2 > j1:
            out.append(("insert", new[j1:j2]))
    return out


def choose_pair(plan: Plan, old_id: str | None, new_id: str | None) -> tuple[Revision, Revision] | str:
    """Pick the revisions to compare, or return a message saying what is wrong with the request."""
    revisions = {r.revision_id: r for r in plan.revisions}
    if old_id is None and new_id is None:
        with_tree = [r for r in plan.revisions if services.has_nodes(r)]
        if len(with_tree) < 2:
            return _("This plan has fewer than two revisions with a published plan tree.")
        return with_tree[-2], with_tree[-1]
    if not old_id or not new_id:
        return _("Choose both revisions to compare (“from” and “to”).")
    if old_id not in revisions or new_id not in revisions:
        return _("One of the revisions to compare does not belong to this plan.")
    old, new = revisions[old_id], revisions[new_id]
    if old.position >= new.position:
        return _("The “from” revision must be older than the “to” revision.")
    return old, new


def _node_change(relation: str, also: list[str], old: Node | None, new: Node | None,
                 row: dict[str, Any] | None = None) -> NodeChange:
    """Build a NodeChange with name and めざす姿 diffs when both sides exist."""
    change = NodeChange(relation, also, old, new)
    if old is not None and new is not None:
        change.name_diff = text_diff(old.name_ja, new.name_ja)
        if (old.vision_ja or new.vision_ja) and old.vision_ja != new.vision_ja:
            change.vision_diff = text_diff(old.vision_ja, new.vision_ja)
    if row:
        change.note = {"ja": row.get("note_ja") or "", "en": row.get("note_en") or ""}
    return change


def _crosswalk_changes(rows, old_nodes, new_nodes) -> tuple[list[NodeChange], set[str]]:
    """NodeChanges from the crosswalk rows, and the node ids they cover."""
    changes, covered = [], set()
    for row in rows:
        old, new = old_nodes.get(row.get("from_node_id") or ""), new_nodes.get(row.get("to_node_id") or "")
        covered.update(x for x in (row.get("from_node_id"), row.get("to_node_id")) if x)
        also = [r for r in (row.get("relations") or "").split(";") if r]
        changes.append(_node_change(row["relation"], also, old, new, row))
    return changes, covered


def _concept_changes(old_nodes, new_nodes, covered) -> list[NodeChange]:
    """NodeChanges by concept_id for the nodes the crosswalk does not cover."""
    old_by_concept = {n.concept_id: n for n in old_nodes.values() if n.node_id not in covered}
    changes = []
    for new in new_nodes.values():
        if new.node_id in covered:
            continue
        old = old_by_concept.pop(new.concept_id, None)
        if old is None:
            changes.append(_node_change("new", [], None, new))
        else:
            same = old.name_ja == new.name_ja
            changes.append(_node_change("unchanged" if same else "renamed", [], old, new))
    changes.extend(_node_change("removed", [], old, None) for old in old_by_concept.values())
    return changes


def _order(changes: list[NodeChange], new_order: dict[str, int], old_order: dict[str, int]) -> None:
    """Sort changes by the new tree's order, removed nodes after, in the old tree's order."""
    def key(c: NodeChange) -> tuple[int, int]:
        if c.new is not None:
            return (0, new_order.get(c.new.node_id, 0))
        return (1, old_order.get(c.old.node_id, 0) if c.old else 0)
    changes.sort(key=key)


def compare(session: Session, datasets_dir: str, plan: Plan, old: Revision, new: Revision) -> Comparison:
    """Compare revision OLD with revision NEW of PLAN."""
    old_list = services.revision_nodes(session, old.revision_id)
    new_list = services.revision_nodes(session, new.revision_id)
    old_nodes, new_nodes = {n.node_id: n for n in old_list}, {n.node_id: n for n in new_list}
    dataset = services.plan_dataset_name(session, plan)
    rows = [r for r in crosswalk(datasets_dir, dataset)
            if r["from_revision_id"] == old.revision_id and r["to_revision_id"] == new.revision_id]
    nodes: list[NodeChange] = []
    if old_list:
        nodes, covered = _crosswalk_changes(rows, old_nodes, new_nodes)
        nodes += _concept_changes(old_nodes, new_nodes, covered)
        _order(nodes, _tree_order(new_list), _tree_order(old_list))
    old_inds = services.revision_indicators(session, old.revision_id)
    new_inds = services.revision_indicators(session, new.revision_id)
    old_codes, new_codes = {i.code for i in old_inds}, {i.code for i in new_inds}
    return Comparison(
        bool(old_list), nodes,
        [i for i in new_inds if i.code not in old_codes],
        [i for i in old_inds if i.code not in new_codes],
        target_changes(session, datasets_dir, dataset, old, new, new_inds))


def _tree_order(nodes: list[Node]) -> dict[str, int]:
    """Depth-first printed order of NODES (by source line, which follows the document)."""
    ordered = sorted(nodes, key=lambda n: (n.source_line or 0, n.position))
    return {n.node_id: i for i, n in enumerate(ordered)}


def target_changes(session: Session, datasets_dir: str, dataset: str, old: Revision, new: Revision,
                   indicators: list[Indicator]) -> list[TargetChange]:
    """Planned values and targets of 当初 (OLD) that 修正 (NEW) changed, with printed reasons."""
    if (old.stage, new.stage) != ("original", "revised"):
        return []
    reasons = changes_by_indicator(datasets_dir, dataset)
    found: list[TargetChange] = []
    for ind in indicators:
        for sub in sub_series(list(ind.observations)):
            for before, after in (("planned_original", "planned_revised"), ("target_original", "target")):
                for year, cell in sorted(sub.by_year.get(after, {}).items()):
                    prior = sub.cell(before, year)
                    if prior is None or cell.value is None or prior.value == cell.value:
                        continue
                    reason = _reason(reasons.get(ind.indicator_id, []), year, sub.sub_item, after)
                    found.append(TargetChange(ind, after, year, sub.sub_item, prior.text, cell.text,
                                              reason))
    return found


def _reason(rows: list[dict[str, Any]], year: int, sub_item: str, series: str) -> dict[str, Any] | None:
    """The printed change row for one changed value, if any."""
    kind = "plan" if series == "planned_revised" else "target"
    for row in rows:
        if row["change_kind"] == kind and row.get("fiscal_year") in (year, None) and \
                (row.get("sub_item") or "") == sub_item:
            return row
    return None
