"""Seed 001's texts about the plan as a whole: 基本方針①–③, 視点④⑤, 圏域 and 策定体制 of the R5.4.26 draft.

Imported by tools/extract/seed001_004.py, which adds them to the resource `texts` of
datasets/hoken-fukushi-plan with the draft's revision and an empty node_id (they belong to the plan,
not to one 施策). The labels ①–⑤ are printed after their bullets (two-column layout, 001 L140, 144,
149, 162, 166), and the 圏域 bullets before the heading 「第５節 圏域の考え方」 (L267). Spans are located
by hand; their first and last words are asserted, and the text is read as in seed004_texts: one row
per bullet (U+F0D8 or ■, dropped), lines stripped and joined with no space, no NFKC.
"""

from __future__ import annotations

from typing import Any

import seed004_texts

SEED001 = "001_eaae7631a2875d99.txt"
PLAN = "hoken-fukushi-plan"
REVISION = f"{PLAN}:r2023-04-26"
#: (kind, local id, heading as printed, heading line, span: first line, last line, first words, last words)
BLOCKS = [
    ("basic_policy", "draft-basic-policy-1", "①すべての人が自分らしく生きることができる環境をつくる", 140,
     (129, 138, "年齢、性別、国籍の違", "という視点から支援を考えます。")),
    ("basic_policy", "draft-basic-policy-2", "②予防的福祉を推進する", 144,
     (141, 142, "これまでの申請主義", "予防的福祉を推進します。")),
    ("basic_policy", "draft-basic-policy-3", "③参加と協働により地域福祉を推進する", 149,
     (146, 147, "住民が主体的に福祉の", "多様な手法を導入します。")),
    ("viewpoint", "draft-viewpoint-4", "④先端技術を柔軟に取り入れ、区民の福祉を向上する", 162,
     (156, 160, "進歩するデジタル技", "価値も尊重し、検討します。")),
    ("viewpoint", "draft-viewpoint-5", "⑤分野横断的な連携を推進する", 166,
     (164, 164, "必要に応じて積極的に", "連携し、施策を展開します。")),
    ("area", "draft-area", "第５節 圏域の考え方", 267,
     (244, 245, "５つの地域に総合支所", "「まちづくりセンター」を各地区に設置。")),
    ("planning_structure", "draft-planning-structure", "第３節 計画の策定体制", 24,
     (25, 29, "本計画の策定にあたっては", "民の意見を計画に反映する。")),
]


def build_rows(lines: list[str]) -> list[dict[str, Any]]:
    """Rows of `texts` for seed 001, each heading asserted on its line."""
    rows: list[dict[str, Any]] = []
    for kind, local, heading, heading_line, span in BLOCKS:
        assert lines[heading_line - 1].strip() == heading, (heading_line, heading)
        items = seed004_texts.pieces(lines, span, paragraphs=False, excluded=[])
        seed004_texts.text_rows(rows, local, REVISION, "", kind, heading, heading_line, items, SEED001)
    return rows
