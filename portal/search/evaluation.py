"""Recall@k and MRR of a ranking function over a labelled query set (used by tests and bench/)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Evaluation:
    """Mean recall@k and MRR, with the queries that missed something."""

    recall: float
    mrr: float
    misses: list[tuple[str, list[str]]] = field(default_factory=list)


def load_queries(path: str | Path) -> list[dict]:
    """The labelled queries in PATH: [{"q", "type", "expect": [uid …]}] (empty: no page should be listed)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def evaluate(queries: list[dict], rank: Callable[[str], list[str]], k: int = 10) -> Evaluation:
    """Score RANK (query → ranked uids) on QUERIES: recall@K over each query's expected items, MRR.

    A query that expects nothing (a word no plan uses) scores 1 when nothing is listed, else 0.
    """
    recalls, reciprocal, misses = [], [], []
    for item in queries:
        ranked = rank(item["q"])[:k]
        expected = item["expect"]
        if not expected:
            recalls.append(0.0 if ranked else 1.0)
            reciprocal.append(recalls[-1])
            if ranked:
                misses.append((item["q"], ranked[:3]))
            continue
        found = [uid for uid in expected if uid in ranked]
        recalls.append(len(found) / min(len(expected), k))
        first = next((i for i, uid in enumerate(ranked, 1) if uid in expected), None)
        reciprocal.append(1 / first if first else 0.0)
        if len(found) < len(expected):
            misses.append((item["q"], [uid for uid in expected if uid not in ranked]))
    n = len(queries) or 1
    return Evaluation(sum(recalls) / n, sum(reciprocal) / n, misses)
