"""A plan revision as Decidim Accountability results: 施策 as results, 事業 as their sub-results.

The CSV has exactly the columns decidim-accountability's importer reads
(app/services/decidim/accountability/results_csv_importer.rb: id, parent/id, title/<locale>,
description/<locale>, start_date, end_date, status/id, category/id, proposal_urls; `progress`
reaches its ResultForm through the row), so the ward's Decidim can show the portal's progress.
Ids are row numbers, parents before children (the importer maps a child's parent/id to the new
id of an earlier row). Progress follows the portal's status rule: the share of measured indicators
(achieved, on track or behind) that are achieved or on track; empty when none is measured.
status/id and category/id are left empty: they are ids inside the ward's Decidim, which the
portal cannot know; the status is written into each description instead, with a link back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.plan.models import Node, Revision
from portal.plan.progress import ACHIEVED, BEHIND, ON_TRACK
from portal.plan.tree import RevisionTree, build_tree

LOCALES = ("ja", "en")
COLUMNS = ["id", "parent/id", *[f"title/{lo}" for lo in LOCALES], *[f"description/{lo}" for lo in LOCALES],
           "start_date", "end_date", "status/id", "progress", "category/id", "proposal_urls"]
STATUS_TEXT = {"ja": {ACHIEVED: "達成", ON_TRACK: "順調", BEHIND: "遅れ"},
               "en": {ACHIEVED: "achieved", ON_TRACK: "on track", BEHIND: "behind"}}


@dataclass
class Result:
    """One row: a node of the plan with its place in the export and its progress."""

    row_id: int
    parent_row: int | None
    node: Node
    counts: dict[str, int]


def progress(counts: dict[str, int]) -> int | None:
    """Percentage of measured indicators achieved or on track (None when nothing is measured)."""
    measured = sum(counts.get(s, 0) for s in (ACHIEVED, ON_TRACK, BEHIND))
    if not measured:
        return None
    return round(100 * (counts.get(ACHIEVED, 0) + counts.get(ON_TRACK, 0)) / measured)


def results(tree: RevisionTree) -> list[Result]:
    """Every 施策 (level measure) followed by its 事業 (level project), in printed order."""
    found: list[Result] = []

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            if node.level == "measure":
                parent = len(found) + 1
                found.append(Result(parent, None, node, tree.rollup(node.node_id)))
                for child in tree.kids(node.node_id):
                    if child.level == "project":
                        found.append(Result(len(found) + 1, parent, child, tree.rollup(child.node_id)))
            else:
                walk(tree.kids(node.node_id))

    walk(tree.roots())
    return found


def _description(result: Result, lang: str, url: str) -> str:
    """What Decidim shows: the aim as printed (Japanese), the status counts and the link back."""
    counts = ", ".join(f"{STATUS_TEXT[lang][s]} {result.counts[s]}" for s in STATUS_TEXT[lang]
                       if result.counts.get(s))
    if lang == "ja":
        lines = [result.node.vision_ja or "", f"指標の状況：{counts or '測定できる指標なし'}", f"詳細：{url}"]
    else:
        lines = [f"Indicator status: {counts or 'no measurable indicator'}", f"Details: {url}"]
    return "\n".join(line for line in lines if line)


def export(session: Session, revision: Revision, node_url: Callable[[str], str]) -> bytes:
    """The revision's results as a UTF-8 CSV the Decidim importer reads."""
    plan = revision.plan
    start = f"{plan.start_fy}-04-01" if plan.start_fy else ""
    end = f"{plan.end_fy + 1}-03-31" if plan.end_fy else ""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for result in results(build_tree(session, revision.revision_id)):
        node, url = result.node, node_url(result.node.node_id)
        code = f"{node.code} " if node.code else ""
        share = progress(result.counts)
        writer.writerow([result.row_id, result.parent_row or "", f"{code}{node.name_ja}",
                         f"{code}{node.name_en or node.name_ja}", _description(result, "ja", url),
                         _description(result, "en", url), start, end, "", "" if share is None else share,
                         "", ""])
    return out.getvalue().encode("utf-8")
