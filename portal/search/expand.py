"""Query-time expansion: the portal thesaurus (everyday words → the plans' words) and Sudachi synonyms.

Two sources, both read from files in portal/search/data (nothing is fetched at run time):

* ``thesaurus.csv`` — reviewed entries, each with its reason: what a resident types (年配の人,
  保育園に入れない, seniors, quake) → the words the plans use (高齢者, 待機児童, older people, earthquake).
  Every plan word must occur in the plans (tests/search/test_thesaurus.py checks it).
* ``sudachi_synonyms.tsv`` — Sudachi's synonym dictionary, looked up by the synonym group ids that
  SudachiPy gives each morpheme (the same analyser family as the index), so a word is expanded only
  within its own sense, and never from a word the dictionary marks as "not a trigger".

Expanded words always weigh less than the words typed (see the weights below). Keys are matched
on folded text (width, kana, case: portal.search.analysis.fold) — never NFKC.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from portal.search.analysis import fold

DATA = Path(__file__).with_name("data")
#: Weight of a thesaurus word and of a Sudachi synonym, relative to a typed word (1.0).
THESAURUS_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.3
#: At most this many synonyms of one word (a group can hold dozens of rare spellings).
MAX_SYNONYMS = 6
_LATIN = re.compile(r"[0-9a-z]")
#: The plans' action nouns (Sudachi normalised, folded) and their English stems: never a topic alone.
GENERIC = frozenset(fold(w) for w in (
    "対策 推進 支援 事業 計画 充実 強化 向上 整備 促進 実施 取り組み 取組 確保 拡充 活用 構築 "
    "展開 創出 体制 施策 連携 対応 実現 提供 検討 仕組み 作り 事 為 方 等 関する 向け 全体 各種 その他 area "
    "support promot measur project strengthen plan develop improv enhanc servic activ initi").split())


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, tuple[str, ...]]:
    """Folded typed expression → the plan words it stands for (both languages in one table)."""
    table: dict[str, tuple[str, ...]] = {}
    with open(DATA / "thesaurus.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = " ".join(fold(row["typed"]).split())
            table[key] = tuple(dict.fromkeys(table.get(key, ()) + tuple(row["plan_terms"].split("|"))))
    return table


@lru_cache(maxsize=1)
def _groups() -> dict[int, tuple[tuple[str, int], ...]]:
    """Sudachi synonym group id → its (word, expansion flag) pairs."""
    groups = {}
    with open(DATA / "sudachi_synonyms.tsv", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\t" not in line:
                continue
            gid, words = line.rstrip("\n").split("\t")
            pairs = (w.rsplit(":", 1) for w in words.split("|"))
            groups[int(gid)] = tuple((word, int(flag)) for word, flag in pairs)
    return groups


def thesaurus_terms(text: str, skip: frozenset[str] = frozenset()) -> list[str]:
    """Plan words for TEXT: its own entry, else the entries of the longest expressions inside it.

    Expressions in SKIP (folded: the text's generic words) are not looked for inside TEXT, so
    競馬場の計画 is not answered by the entry for 計画 alone.
    """
    table = thesaurus()
    key = " ".join(fold(text).split())
    if key in table:
        return list(table[key])
    if _LATIN.search(key):
        return []
    found: list[str] = []
    rest = key
    inside = (k for k in table if len(k) > 1 and k in key and k not in skip)
    for typed in sorted(inside, key=len, reverse=True):
        if typed in rest:
            rest = rest.replace(typed, "\x00")
            found.extend(t for t in table[typed] if t not in found)
    return found


def synonyms(surface: str, normalized: str, group_ids: list[int]) -> list[str]:
    """Words of the Sudachi synonym groups GROUP_IDS, unless the typed word may not trigger them."""
    groups = _groups()
    own = {fold(surface), fold(normalized)}
    found: list[str] = []
    for gid in group_ids:
        items = groups.get(gid, ())
        if any(fold(word) in own and flag != 0 for word, flag in items):
            continue
        for word, _flag in items:
            if fold(word) not in own and not _LATIN.search(fold(word)) and word not in found:
                found.append(word)
    return found[:MAX_SYNONYMS]


def phrase_keys() -> list[tuple[str, ...]]:
    """The thesaurus' multi-word Latin keys as word tuples (heavy rain, end of life), longest first."""
    keys = [tuple(k.split()) for k in thesaurus() if " " in k and _LATIN.search(k)]
    return sorted(keys, key=len, reverse=True)
