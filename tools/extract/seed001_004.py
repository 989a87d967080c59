"""Extract the 世田谷区地域保健医療福祉総合計画 package (seeds 001 and 004) into datasets/hoken-fukushi-plan/."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from portal import packagefiles  # noqa: E402  (the portal's one package writer)
from portal.plan import labelling  # noqa: E402  (periods, as_of, units, prose cells)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed001_texts  # noqa: E402  (001's 基本方針, 視点, 圏域, 策定体制)
import seed004_context  # noqa: E402  (004's context statistics, their own module)
import seed004_texts  # noqa: E402  (004's 現状・課題・方向性 and コラム, their own module)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
OUT = REPO / "datasets" / "hoken-fukushi-plan"
SEED001 = "001_eaae7631a2875d99.txt"
SEED004 = "004_77d912f534da2e2e.txt"
PLAN = "hoken-fukushi-plan"
R_STUDY = f"{PLAN}:r2023-03-27"
R_DRAFT = f"{PLAN}:r2023-04-26"
R_2024 = f"{PLAN}:r2024"
CREATED = "2026-11-26T12:00:00+09:00"
#: What changed in 1.0.1 (a correction of the crosswalk; no figure changed).
CHANGELOG_1_0_1 = {
    "version": "1.0.1", "kind": "revision", "date": "2026-12-02",
    "summary_ja": "対応表cw-009：「調整中」のまま埋まらなかった④各分野・施策との連携に付いていた「filled」（埋まった）を削除。"
                  "cw-007・cw-009の注記と項目の説明を資料の名で書き直した。英語名を用語集どおりに統一"
                  "（児童館、防災塾、お部屋探しサポート、延べ人数、P9-1の若者）。数値の変更はない。",
    "summary_en": "Crosswalk cw-009: dropped 'filled' from the placeholder ④ coordination with each field, which was never "
                  "filled; the notes of cw-007 and cw-009 and the field descriptions name the documents. English names "
                  "follow the glossary (児童館, 防災塾, お部屋探しサポート, 延べ人数, 若者 in P9-1). No figure changed.",
}
#: What 1.3.0 added (a text resource; no figure changed).
CHANGELOG_1_3_0 = {
    "version": "1.3.0", "kind": "revision", "date": "2026-12-03",
    "summary_ja": "本文（texts）を追加：後の版（第4章第1節）の15のめざす姿それぞれの「現状やこれまでの取組み」「今後の課題」"
                  "「取組みの方向性」と、12のコラム（「「福祉の相談窓口」の誕生とこれから」「移動販売車の誘致による買い物支援の"
                  "取り組み」など）、素案（審議会R5.4.26）の基本方針①～③・地域福祉推進の視点④⑤・圏域の考え方・計画の策定体制を、"
                  "段落・項目（●）ごとに記載どおり、資料の行範囲つきで収録。数値の変更はない。",
    "summary_en": "Added the resource texts: for each of the 15 めざす姿 of the later text (chapter 4 section 1) its "
                  "現状やこれまでの取組み (current state), 今後の課題 (issues) and 取組みの方向性 (direction), and the "
                  "12 columns (コラム, e.g. 「福祉の相談窓口」の誕生とこれから, 移動販売車の誘致による買い物支援の取り組み), "
                  "and the council draft's (R5.4.26) 基本方針 ①-③, 視点 ④⑤, 圏域 and 策定体制, one paragraph or bullet "
                  "per row as printed, with its source lines. No figure changed.",
}
TEXT_KINDS = ["current_state", "issues", "direction", "column", "basic_policy", "viewpoint", "area",
              "planning_structure"]
#: What 1.1.0 added (a new resource; no earlier figure changed).
CHANGELOG_1_3_1 = {
    "version": "1.3.1", "kind": "revision", "date": "2026-12-03",
    "summary_ja": "対応表 cw-010・cw-012・cw-016・cw-019 と「調整中」だった⑥～⑨の注記に、素案の区の取組みが後の版では"
                  "推進施策になったこと（一段上がり、先頭に推進施策1が置かれたため番号+1）を書き加えた。数値の変更はない。",
    "summary_en": "The crosswalk notes of the draft's ①②④⑤ and of the placeholders ⑥-⑨ now say that each ward initiative "
                  "became a measure (one level up; its number is one higher because measure 1 now comes first), as "
                  "cw-014's note does. No figure changed.",
}
CHANGELOG_1_2_0 = {
    "version": "1.2.0", "kind": "revision", "date": "2026-12-03",
    "summary_ja": "ラベル付けを統一：observations に期間（period_start_fy・period_end_fy。総量は令和6～9年度）と、as_of を"
                  "年度・月として読んだ列（as_of_month・as_of_fiscal_year）を追加。「令和5年度見込み」の現況値40件と"
                  "「令和4年度」の2件に記載どおりの as_of を入れた。P10-5 の成果指標 a)・b) を P10-5a・P10-5b の2つの"
                  "指標にし、P5.2-1a/b・P5.2-2・P10-2 の年度別の目標値に項目名（整備数・修了人数）を付けた（年度の値の合計が"
                  "総量と一致）。記載どおりの単位を unit_printed に残した。数値の変更はない。",
    "summary_en": "One labelling: observations gain their period (period_start_fy, period_end_fy; a 総量 covers FY2024-2027) "
                  "and as_of read as a date (as_of_month, as_of_fiscal_year); the 40 baselines printed 「令和5年度見込み」 and "
                  "two printed 「令和4年度」 (both in full-width digits) now carry that as_of. P10-5's outcome sub-items a) and b) are the "
                  "indicators P10-5a and P10-5b; the yearly targets of P5.2-1a/b, P5.2-2 and P10-2 carry the annual "
                  "sub-item (整備数, 修了人数; their sum is the printed 総量), so every series joins. The printed unit is "
                  "kept in unit_printed. No figure changed.",
}
CHANGELOG_1_1_0 = {
    "version": "1.1.0", "kind": "revision", "date": "2026-12-02",
    "summary_ja": "推進施策の本文に添えられた統計を追加：「福祉の相談窓口」相談件数、不登校の児童・生徒の人数（令和元～4年度）、"
                  "ほっとスクール3か所の令和4年度実績。既存の数値の変更はない。",
    "summary_en": "Added the statistics printed beside the measures' text: consultations at the welfare counters, children not "
                  "attending school (FY2019-2022) and the FY2022 results of the three ほっとスクール. No earlier figure changed.",
}
#: What changed in 1.1.1 (a correction of the crosswalk and one English name; no figure changed).
CHANGELOG_1_1_1 = {
    "version": "1.1.1", "kind": "revision", "date": "2026-12-03",
    "summary_ja": "対応表cw-014：注記を資料どおりに書き直した（素案の区の取組み③が後の版では推進施策4になり一段上がったこと、"
                  "番号が③から4になった理由、「・」→「、」は第4章の見出しだけで素案の施策体系は元から「予防、健康づくり」"
                  "だったこと）。cw-037：主な取組み「参加支援事業」を「new」（新規）から素案の(2)③参加支援の続き"
                  "（名称変更・移動・番号変更、両方の資料の行つき）に改め、cw-008の注記にもそのことを書いた。"
                  "P8.1-2の成果指標の英語名を「connected to nowhere」から「who have no support contact」に改めた"
                  "（未来つながるプラン15-2②と同じ訳）。数値の変更はない。",
    "summary_en": "Crosswalk cw-014: the note now says what the documents show (the draft's ward initiative ③ became "
                  "measure 4, one level up; why its number went from ③ to 4; '・' → '、' changed only the chapter 4 "
                  "heading, the draft's structure chart already printed 「予防、健康づくり」). cw-037: the main initiative "
                  "参加支援事業 is no longer 'new' but continues the draft's (2) ③ 参加支援 (renamed, moved, renumbered, "
                  "with source lines on both sides); the note of cw-008 says so too. The English name of outcome P8.1-2 "
                  "reads 'who have no support contact' instead of 'connected to nowhere' (as in mirai-plan-2022 15-2②). "
                  "No figure changed.",
}
PUA = "\uf0d8\uf06c"
FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
BASELINE_RULE = (
    "現況値に時点の記載なし。004 L111–113: 現況値は「原則、令和５年度の実績値」"
    "（令和5年度実績でない場合はカッコ書きで時点を補足）"
)


def read_lines(name: str) -> list[str]:
    """Return the seed's lines (index 0 = line 1) without line terminators."""
    return (SEEDS / name).read_text(encoding="utf-8").split("\n")


def clean(text: str) -> str:
    """Trim, drop PUA bullet glyphs and justification spaces between two non-ASCII characters."""
    text = "".join(ch for ch in text if ch not in PUA).strip()
    return re.sub(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])", "", text)


def join(lines: list[str], a: int, b: int) -> str:
    """Join lines a..b (1-based, inclusive) as line-wrap joins (no space), skipping blanks."""
    return "".join(clean(lines[i - 1]) for i in range(a, b + 1) if clean(lines[i - 1]))


def bullets(lines: list[str], a: int, b: int) -> str:
    """Join a bullet list (PUA bullet glyph starts an item) into one item per line."""
    items: list[str] = []
    for i in range(a, b + 1):
        raw = lines[i - 1]
        if not raw.strip():
            continue
        if any(ch in raw for ch in PUA) or not items:
            items.append(clean(raw))
        else:
            items[-1] += clean(raw)
    return "\n".join(items)


def fold_number(text: str) -> str:
    """Fold a printed number to ASCII: full-width digits, ． → ., drop spaces and thousands separators."""
    t = text.translate(FW_DIGITS).replace("．", ".")
    return re.sub(r"[ \u3000,，]", "", t)


def fy_ref(code: str) -> str:
    """Fold 【実施計画 施策８－２】-style codes to `8-2`."""
    return re.sub(r"\s", "", code.translate(FW_DIGITS)).replace("－", "-")


# ---------------------------------------------------------------------------
# English names (unofficial translations by the portal team)
# ---------------------------------------------------------------------------
MEASURE_EN = {
    1: "A system that receives consultations in each district and stays connected",
    2: "Coordination of health, medical care and welfare supporting life in the community",
    3: "Welfare services",
    4: "Prevention and health promotion",
    5: "Housing",
    6: "Support for daily life",
    7: "Employment",
    8: "Coordination between schools/education and welfare",
    9: "Promoting social participation",
    10: "Crime prevention and disaster preparedness",
}

# (measure, aim) -> (title line or 0, statement first line, statement last line, name_en)
AIMS: list[tuple[int, int, int, int, int, str]] = [
    (1, 1, 245, 247, 251, "Multi-layered support system: comprehensive consultation support"),
    (1, 2, 659, 661, 663, "Multi-layered support system: multi-agency collaboration"),
    (1, 3, 944, 946, 950, "Multi-layered support system: continuous support through outreach"),
    (1, 4, 1167, 1169, 1173, "Multi-layered support system: participation support"),
    (2, 1, 0, 1412, 1414, "A high-quality home-care system lets people live as they wish at home"),
    (3, 1, 0, 1823, 1823, "Basic welfare services reliably reach those who need support"),
    (4, 1, 0, 2207, 2209, "Lifelong health promotion: everyone lives a lively life"),
    (5, 1, 0, 2684, 2686, "Housing support for people who have difficulty securing housing is well developed"),
    (5, 2, 0, 2971, 2971, "Diverse housing meeting diverse needs is secured"),
    (6, 1, 0, 3344, 3348, "Daily-life support needs are identified and missing resources are developed"),
    (7, 1, 0, 3650, 3650, "Everyone who wants to work can work in their own way"),
    (8, 1, 0, 3927, 3929, "Education and welfare work together more closely so that no child is left behind"),
    (8, 2, 0, 4299, 4301, "Diverse places and environments where children and young people can choose and grow"),
    (9, 1, 0, 4669, 4677, "New ties among residents and a circular model of social participation"),
    (10, 1, 0, 5107, 5109, "Residents' awareness of crime prevention and disaster preparedness has risen"),
]
MEASURE_LINES = {1: 179, 2: 1357, 3: 1771, 4: 2151, 5: 2614, 6: 3284, 7: 3561, 8: 3877, 9: 4627, 10: 5055}

# 主な取組み: (measure, aim, 番号, number line, last name line, last 目的と内容 line, name_en)
# The name starts on the number line (after the printed 番号) or on the following lines.
PROJECTS: list[tuple[int, int, int, int, int, int, str]] = [
    (1, 1, 1, 408, 411, 415, "Welfare consultation desks (comprehensive consultation support)"),
    (1, 1, 2, 417, 423, 427, "Publicising the welfare consultation desks to people in their teens to thirties"),
    (1, 1, 3, 429, 432, 438, "Publicising the welfare consultation desks to professionals"),
    (1, 2, 1, 757, 757, 760, "Multi-agency collaboration project"),
    (1, 2, 2, 762, 765, 769, "Training on an inclusive community and multi-agency collaboration"),
    (1, 3, 1, 1028, 1031, 1035, "Continuous support through outreach"),
    (1, 3, 2, 1037, 1037, 1040, "Watch-over agreements not limited to specific target groups"),
    (1, 4, 1, 1243, 1243, 1249, "Participation support project"),
    (1, 4, 2, 1251, 1254, 1260, "Developing community resources that lead to social participation"),
    (2, 1, 1, 1500, 1503, 1507, "Raising awareness of home medical care and ACP"),
    (2, 1, 2, 1509, 1512, 1520, "Supporting information sharing among home medical and care professionals"),
    (2, 1, 3, 1522, 1525, 1531, "Strengthening support measures for people with mental disabilities"),
    (3, 1, 1, 1873, 1876, 1884, "Promoting accessible consultation support on dementia"),
    (3, 1, 2, 1886, 1886, 1892, "Support for children (and adults) needing medical care"),
    (3, 1, 3, 1894, 1897, 1905, "Promoting community resource development for child-rearing support"),
    (4, 1, 1, 2302, 2305, 2311, "Creating environments that lead to healthy lifestyles"),
    (4, 1, 2, 2313, 2316, 2320, "Raising awareness of mental health problems and mental illness"),
    (4, 1, 3, 2322, 2322, 2328, "Suicide prevention"),
    (4, 1, 4, 2330, 2333, 2339, "Promoting long-term-care prevention and daily-life support services"),
    (5, 1, 1, 2736, 2739, 2745, "Move-in support for older people, people with disabilities and others needing housing assistance"),
    (5, 1, 2, 2747, 2750, 2754, "Housing stability for single-parent households"),
    (5, 2, 1, 3015, 3018, 3024, "Developing facilities for older people needing support or care"),
    (5, 2, 2, 3026, 3029, 3035, "Developing group homes for people with severe disabilities"),
    (6, 1, 1, 3432, 3438, 3444, "Creating places and daily-life support services that address district issues"),
    (7, 1, 1, 3722, 3725, 3731, "Developing intermediate employment and work-experience opportunities"),
    (8, 1, 1, 4080, 4083, 4089, "Setagaya Council for Supporting Children and Young People"),
    (8, 1, 2, 4091, 4094, 4100, "Consultation and support by the school non-attendance support group"),
    (8, 1, 3, 4102, 4105, 4111, "Promoting support for young carers"),
    (8, 2, 1, 4400, 4403, 4411, "More opportunities for children to participate and express their views"),
    (8, 2, 2, 4413, 4419, 4425, "Children's-centre community round-tables to build networks supporting children"),
    (8, 2, 3, 4427, 4435, 4439, "Learning and life support project 'My Place' for children of low-income households"),
    (9, 1, 1, 4781, 4784, 4790, "Promoting active participation of junior-high and high-school-age youth"),
    (9, 1, 2, 4792, 4795, 4801, "Enhancing youth centre programmes"),
    (9, 1, 3, 4803, 4809, 4815, "Developing community resources that lead to social participation (repeated)"),
    (10, 1, 1, 5161, 5161, 5167, "Running disaster-preparedness workshops (bosai-juku)"),
    (10, 1, 2, 5169, 5169, 5175, "Training women disaster-preparedness leaders"),
    (10, 1, 3, 5177, 5180, 5186, "Raising awareness through creating 'My Timeline' evacuation plans"),
    (10, 1, 4, 5188, 5191, 5199, "Promoting 'while-doing' watch-over activities"),
    (10, 1, 5, 5201, 5201, 5213, "Promoting individual evacuation plans"),
]
MULTI_AIM = {1, 5, 8}

# 行動量 (action) / 成果指標 (outcome) rows: (kind, code, number line, first value line, last value line,
# last name line or 0 = line before the values, name_en).  Lines checked against the seed text.
INDICATORS: list[tuple[str, str, int, int, int, int, str]] = [
    ("action", "P1.1-2", 462, 470, 474, 0, "Publicising the welfare consultation desks to people in their teens to thirties"),
    ("action", "P1.1-3", 476, 484, 484, 0, "Training on district roll-out of community-based integrated care and publishing videos"),
    ("action", "P1.2-2", 793, 803, 809, 0, "Training sessions on multi-agency collaboration and an inclusive community"),
    ("action", "P1.3-2", 1064, 1074, 1074, 0, "Organisations and agencies approached to conclude watch-over agreements not limited to target groups"),
    ("action", "P1.4-2", 1284, 1292, 1298, 0, "Visits to organisations for community resource development"),
    ("action", "P2-1", 1555, 1567, 1573, 0, "Public lectures, symposiums and mini-courses on home medical care and ACP held"),
    ("action", "P2-2", 1575, 1583, 1597, 0, "Web operation of the home-care resource map"),
    ("action", "P2-3", 1599, 1609, 1618, 0, "Psychiatric hospitals cooperating in home-visit support for long-term inpatients (cumulative)"),
    ("action", "P3-1", 1929, 1937, 1943, 0, "Lectures publicising dementia consultation services held"),
    ("action", "P3-2", 1945, 1953, 1959, 0, "Participants in training for staff supporting people needing medical care"),
    ("action", "P3-3", 1961, 1969, 1975, 0, "Child-rearing organisation network meetings held"),
    ("action", "P4-1a", 2363, 2368, 2374, 0, "Walking maps distributed"),
    ("action", "P4-1b", 2376, 2386, 2395, 0, "Shops offering 'Seta-meal' products through partner businesses (cumulative)"),
    ("action", "P4-2a", 2397, 2405, 2411, 0, "Mental-health courses held"),
    ("action", "P4-2b", 2413, 2421, 2427, 0, "Mental-health consultation sessions held"),
    ("action", "P4-3", 2429, 2437, 2443, 0, "Gatekeeper courses held"),
    ("action", "P4-4", 2445, 2455, 2461, 0, "Training etc. to enhance resident-participation and resident-led services"),
    ("action", "P5.1-1", 2780, 2788, 2794, 0, "Users consulting the flat-hunting support service"),
    ("action", "P5.1-2", 2796, 2804, 2810, 0, "New registrations of subsidised dwellings"),
    ("action", "P5.2-1a", 3059, 3067, 3099, 0, "New group homes for older people with dementia"),
    ("action", "P5.2-1b", 3101, 3109, 3125, 0, "New urban low-cost homes for older people"),
    ("action", "P5.2-2", 3127, 3135, 3151, 0, "New group-home facilities for people with severe disabilities"),
    ("action", "P6-1", 3468, 3473, 3479, 0, "Four-party coordination meetings held"),
    ("action", "P7-1a", 3755, 3763, 3771, 0, "Cooperating businesses offering intermediate employment or work experience (cumulative) (Platform Setagaya)"),
    ("action", "P7-1b", 3773, 3783, 3791, 0, "Cooperating businesses offering intermediate employment or work experience (cumulative) (Setagaya Youth Support Station)"),
    ("action", "P8.1-1", 4135, 4145, 4145, 0, "Setagaya Council for Supporting Children and Young People (individual case conferences held as needed)"),
    ("action", "P8.1-2", 4147, 4155, 4161, 0, "Support cases for pupils not attending school and their parents"),
    ("action", "P8.1-3", 4163, 4171, 4177, 0, "Training etc. on young-carer support held"),
    ("action", "P8.2-1", 4463, 4471, 4480, 0, "Places offering opportunities for children's participation and expression of views (cumulative)"),
    ("action", "P8.2-2", 4482, 4487, 4493, 0, "Children's-centre community round-tables held"),
    ("action", "P8.2-3", 4495, 4503, 4506, 0, "Sites of 'My Place' (cumulative)"),
    ("action", "P9-1", 4839, 4847, 4853, 0, "Teens project sessions held"),
    ("action", "P9-2", 4855, 4865, 4871, 0, "Youth-centre programmes in which young people participate actively"),
    ("action", "P9-3", 4873, 4881, 4887, 0, "Visits to organisations for community resource development (repeated)"),
    ("action", "P10-1", 5237, 5242, 5248, 0, "Disaster-preparedness workshops held"),
    ("action", "P10-2", 5250, 5258, 5269, 0, "Graduates of the women disaster-preparedness coordinator course"),
    ("action", "P10-3", 5271, 5279, 5279, 0, "'My Timeline' workshops held"),
    ("action", "P10-4", 5281, 5285, 5285, 0, "Training sessions for instant volunteers held"),
    ("action", "P10-5", 5287, 5295, 5295, 0, "People sent guidance on preparing individual evacuation plans"),
    ("outcome", "P1.1-1", 508, 516, 516, 0, "Share of residents with worries or anxieties who are connected to support or agencies"),
    ("outcome", "P1.1-2", 518, 526, 526, 0, "Awareness of the welfare consultation desks among people in their teens to thirties"),
    ("outcome", "P1.1-3", 528, 532, 532, 0, "Awareness of the welfare consultation desks among professionals"),
    ("outcome", "P1.2-1", 833, 843, 865, 0, "Cases that consultation desks held on to without connecting them"),
    ("outcome", "P1.2-2", 867, 875, 899, 0, "Participants in training on an inclusive community and multi-agency collaboration (counting repeats)"),
    ("outcome", "P1.3-1", 1098, 1102, 1102, 0, "Share of residents considered isolated"),
    ("outcome", "P1.3-2", 1104, 1112, 1112, 0, "New watch-over agreements not limited to target groups"),
    ("outcome", "P1.4-2", 1322, 1330, 1352, 0, "Community resources leading to social-participation support (cumulative)"),
    ("outcome", "P2-1", 1642, 1654, 1660, 0, "Attendees of public lectures, symposiums and mini-courses on home medical care and ACP"),
    ("outcome", "P2-2", 1662, 1670, 1670, 0, "Visits to the home-care resource map website"),
    ("outcome", "P2-3", 1672, 1680, 1704, 0, "Support provided to long-term inpatients of psychiatric hospitals"),
    ("outcome", "P3-1", 1999, 2007, 2013, 0, "Dementia consultations at community comprehensive support centres"),
    ("outcome", "P3-2", 2015, 2023, 2032, 0, "Facilities providing medical-care support (cumulative)"),
    ("outcome", "P3-3", 2034, 2042, 2051, 0, "Child-rearing organisations cooperating with children's centres (cumulative)"),
    ("outcome", "P4-1a", 2488, 2496, 2496, 0, "Share of residents walking 30 minutes or more a day"),
    ("outcome", "P4-1b", 2498, 2506, 2506, 0, "'Seta-meal' products supplied by partner shops"),
    ("outcome", "P4-2a", 2508, 2516, 2522, 0, "Participants in mental-health courses"),
    ("outcome", "P4-2b", 2524, 2532, 2538, 0, "Mental-health consultations"),
    ("outcome", "P4-3", 2540, 2548, 2554, 0, "Participants in gatekeeper courses"),
    ("outcome", "P4-4", 2556, 2564, 2570, 0, "Users of resident-participation and resident-led services"),
    ("outcome", "P5.1-1", 2834, 2844, 2850, 0, "Users who received property information through the flat-hunting support service"),
    ("outcome", "P5.1-2", 2852, 2860, 2869, 0, "Move-ins to subsidised dwellings (cumulative)"),
    ("outcome", "P5.2-1a", 3175, 3183, 3201, 0, "Capacity of group homes for older people with dementia (cumulative)"),
    ("outcome", "P5.2-1b", 3203, 3211, 3214, 0, "Capacity of urban low-cost homes for older people (cumulative)"),
    ("outcome", "P5.2-2", 3216, 3224, 3227, 0, "Capacity of group homes for people with severe disabilities (cumulative)"),
    ("outcome", "P6-1", 3503, 3507, 3507, 0, "Daily-life support services at fiscal year end (cumulative)"),
    ("outcome", "P7-1a", 3815, 3823, 3829, 0, "People connected to intermediate employment or work experience (counting repeats) (Platform Setagaya)"),
    ("outcome", "P7-1b", 3831, 3841, 3847, 0, "People connected to intermediate employment or work experience (counting repeats) (Setagaya Youth Support Station)"),
    ("outcome", "P8.1-1", 4201, 4213, 4213, 0, "Share of supporters saying education and welfare cooperate in most cases needing it"),
    ("outcome", "P8.1-2", 4215, 4223, 4226, 0, "Share of pupils not attending school who have no support contact"),
    ("outcome", "P8.1-3", 4228, 4240, 4246, 0, "People reporting better understanding in surveys after young-carer training"),
    ("outcome", "P8.2-1", 4530, 4538, 4544, 0, "Participants in opportunities for children's participation and expression of views"),
    ("outcome", "P8.2-2", 4546, 4554, 4560, 0, "Adults who helped children's-centre activities"),
    ("outcome", "P8.2-3", 4562, 4567, 4573, 0, "Users of 'My Place'"),
    ("outcome", "P9-1", 4911, 4921, 4927, 0, "Young people using children's centres who took part in self-directed activities"),
    ("outcome", "P9-2", 4929, 4939, 4945, 0, "Young people taking part in youth-centre programmes"),
    ("outcome", "P9-3a", 4947, 4955, 4977, 0, "Community resources leading to social-participation support (cumulative) (repeated)"),
    ("outcome", "P9-3b", 4979, 4987, 4987, 0, "Share of residents who feel connected to people in their community"),
    ("outcome", "P10-1", 5322, 5334, 5337, 0, "Share of disaster-preparedness workshop participants who understood their district's disaster risks and how to evacuate"),
    ("outcome", "P10-2", 5339, 5349, 5355, 0, "Participants in disaster-preparedness training by women coordinators (community awareness training)"),
    ("outcome", "P10-3", 5357, 5365, 5365, 0, "People who attended a workshop and created a 'My Timeline'"),
    ("outcome", "P10-4", 5367, 5372, 5378, 0, "Participants in instant-volunteer training"),
    # L5384–5386 (the a)/b) labels) are sub-items, not part of the name.
    ("outcome", "P10-5", 5380, 5390, 5415, 5382, "Individual evacuation plans prepared"),
]
# Direction: lower is better only where the targets fall by design (checked against the printed targets).
LOWER_IS_BETTER = {("outcome", "P1.2-1"), ("outcome", "P1.3-1"), ("outcome", "P8.1-2")}
# Rows whose direction is not meaningful (prose/status cells) or not stated.
NO_DIRECTION = {("action", "P1.1-2"), ("action", "P2-2"), ("action", "P10-5")}
EXTRA_NOTES = {
    ("action", "P1.1-2"): "R6–R9 printed as one merged prose cell (L471–473).",
    ("action", "P1.1-3"): "番号3 joins 取組み3 「専門職等への福祉の相談窓口の周知」; the 行動量 name differs (as printed).",
    ("action", "P2-2"): "Status text per year, no numbers (L1583–1597).",
    ("action", "P5.2-1a"): "L3075 「４箇所」 is printed once after the 現況値; the extracted text cannot tell whether it is the 令和6年度 cell or a cell merged over 令和6–8年度. Stored under 令和6年度 with that caveat. 令和9年度 side: merged text cell (L3077–3091).",
    ("action", "P5.2-1b"): "L3117 「３箇所」 printed once after the 現況値; same column ambiguity as P5.2-1a. The merged 第10期 text cell (L3077–3091) is printed once for rows 1-① and 1-②.",
    ("action", "P10-2"): "取組み2 is named 「女性防災リーダーの育成」; the 行動量 says コーディネーター (as printed).",
    ("action", "P10-4"): "番号4 joins 取組み4 「「ながら見守り活動」の推進」; the 行動量 is 瞬間ボランティア育成講習会 (as printed).",
    ("action", "P10-5"): "Direction not stated: the number of people sent guidance depends on newly eligible people.",
    ("action", "P9-3"): "【再掲】 repeats hoken-fukushi-plan:action:p1-4-2 (same figures, same 実施計画 8-2).",
    ("outcome", "P9-3a"): "【再掲】 repeats hoken-fukushi-plan:outcome:p1-4-2 (same figures, same 実施計画 8-2).",
    ("outcome", "P1.1-1"): "※ footnote on the 重層的支援体制整備事業 indicators: L538–552.",
    ("outcome", "P1.2-1"): "Definition L903–905: 支援やつなぎ等の対応ができなかった件数. Every cell carries （重複あり）.",
    ("outcome", "P1.3-1"): "Definition of 孤立: L1114–1116.",
    ("outcome", "P4-1a"): "※ 30分の歩行 defined at L2572–2573.",
    ("outcome", "P5.2-1a"): "L3183 「９９０人」 printed once after the 現況値; column (令和6年度 or merged 令和6–8年度) ambiguous. Merged 第10期 text cell L3185–3197.",
    ("outcome", "P5.2-1b"): "L3211 「２６０人」 printed once after the 現況値; column ambiguous as for P5.2-1a. The merged 第10期 text cell (L3185–3197) is printed once for rows 1-① and 1-②.",
    ("outcome", "P10-5"): "Composite cells a)多摩川洪水浸水想定区域内 / b)多摩川洪水浸水想定区域以外 (labels L5384–5386), stored as sub_item; one 時点 note (L5394–5396) for both baselines.",
    ("outcome", "P10-4"): "番号4 joins 取組み4 「「ながら見守り活動」の推進」 (name differs, as printed).",
    ("outcome", "P10-2"): "取組み2 says 女性防災リーダー; the indicator says コーディネーター (as printed).",
}

TEXT_10KI = "第10期世田谷区高齢者保健福祉計画・介護保険事業計画に基づく取組み"


@dataclass
class Cell:
    """One printed cell of an indicator row."""

    slot: str  # "base", "2024".."2027", "total"
    line: int
    raw: str  # as printed (line breaks joined)
    sub_item: str = ""
    note: str = ""
    numeric: bool = True


# Hand corrections (004), each checked against the text by check_raw():
#   L470–474  P1.1-2 行動量: ― / one prose cell merged over R6–R9 (L471–473) / ―.
#   L1583–1597 P2-2 行動量: status text per year (一部運用, 全面運用, アクセス数向上に向けた取組み ×2).
#   L3067–3151 P5.2 行動量: composite cells 整備数/累計整備数; L3075, L3117 single numbers of ambiguous column
#             (stored under R6 with a note); merged 第10期 text L3077–3091 stored under R9 for rows 1-① and 1-②.
#   L3183–3214 P5.2-1a/b 成果指標: same ambiguity (L3183, L3211), merged text L3185–3197.
#   L5258–5269 P10-2 行動量: composite 修了人数/累計人数 cells.
#   L5390–5415 P10-5 成果指標: a)/b) interleaved per year, one shared 時点 note (L5394–5396).
# Hand-specified rows whose cells the tokenizer cannot assign (merged/composite cells).  Each raw text is
# checked against the seed lines below (whitespace-insensitive), the number against its own line.
def special_cells() -> dict[tuple[str, str], list[Cell]]:
    """Return explicit cell lists for rows with merged, composite or prose cells."""
    years = ["2024", "2025", "2026", "2027"]
    merged_note = "merged cell spanning 令和6–9年度, printed once (L471–473)"
    t10_act = "merged text cell printed once for rows 1-① and 1-② (L3077–3091); it refers to the 第10期 plan; which of 令和7–9年度 it spans is not recoverable from the text"
    t10_out = "merged text cell printed once for rows 1-① and 1-② (L3185–3197); it refers to the 第10期 plan; which of 令和7–9年度 it spans is not recoverable from the text"
    amb = "column ambiguous: printed once after the 現況値; may be 令和6年度 only or a cell merged over 令和6–8年度"
    p112 = "各地区の四者連携の取組みの中で、１０歳代～３０歳代の若者に対して周知活動を実施する。"
    return {
        ("action", "P1.1-2"): [Cell("base", 470, "―", numeric=False)]
        + [Cell(y, 471, p112, note=merged_note, numeric=False) for y in years]
        + [Cell("total", 474, "―", numeric=False)],
        ("action", "P2-2"): [
            Cell("base", 1583, "―", numeric=False),
            Cell("2024", 1583, "一部運用", numeric=False),
            Cell("2025", 1583, "全面運用", numeric=False),
            Cell("2026", 1585, "アクセス数向上に向けた取組み", numeric=False),
            Cell("2027", 1591, "アクセス数向上に向けた取組み", numeric=False),
            Cell("total", 1597, "―", numeric=False),
        ],
        ("action", "P5.2-1a"): [
            Cell("base", 3069, "１箇所", "整備数"),
            Cell("base", 3073, "４９箇所", "累計整備数"),
            Cell("2024", 3075, "４箇所", note=amb),
            Cell("2027", 3077, TEXT_10KI, note=t10_act, numeric=False),
            Cell("total", 3095, "４箇所", "整備数"),
            Cell("total", 3099, "５３箇所", "累計整備数"),
        ],
        ("action", "P5.2-1b"): [
            Cell("base", 3111, "０箇所", "整備数"),
            Cell("base", 3115, "１１箇所", "累計整備数"),
            Cell("2024", 3117, "３箇所", note=amb),
            Cell("2027", 3077, TEXT_10KI, note=t10_act, numeric=False),
            Cell("total", 3121, "３箇所", "整備数"),
            Cell("total", 3125, "１４箇所", "累計整備数"),
        ],
        ("action", "P5.2-2"): [
            Cell("base", 3137, "１箇所", "整備数"),
            Cell("base", 3141, "４箇所", "累計整備数"),
            Cell("2024", 3143, "２箇所"),
            Cell("2025", 3143, "１箇所"),
            Cell("2026", 3143, "４箇所"),
            Cell("2027", 3143, "１箇所"),
            Cell("total", 3147, "８箇所", "整備数"),
            Cell("total", 3151, "１２箇所", "累計整備数"),
        ],
        ("outcome", "P5.2-1a"): [
            Cell("base", 3183, "9１８人"),
            Cell("2024", 3183, "９９０人", note=amb),
            Cell("2027", 3185, TEXT_10KI, note=t10_out, numeric=False),
            Cell("total", 3199, "９９０人（累計）"),
        ],
        ("outcome", "P5.2-1b"): [
            Cell("base", 3211, "200 人"),
            Cell("2024", 3211, "２６０人", note=amb),
            Cell("2027", 3185, TEXT_10KI, note=t10_out, numeric=False),
            Cell("total", 3212, "260 人（累計）"),
        ],
        ("action", "P10-2"): [
            Cell("base", 5260, "０人", "修了人数"),
            Cell("base", 5264, "３４人", "累計人数"),
        ]
        + [Cell(y, 5266, "20 人") for y in years]
        + [Cell("total", 5267, "修了人数 ８０人", "修了人数"), Cell("total", 5269, "累計人数 １１４人", "累計人数")],
        ("outcome", "P10-5"): [
            Cell("base", 5390, "a)340 件（令和５年度見込み）", "a)多摩川洪水浸水想定区域内"),
            Cell("base", 5392, "b)3,200 件（令和５年度見込み）", "b)多摩川洪水浸水想定区域以外"),
            Cell("2024", 5398, "a)６0 件", "a)多摩川洪水浸水想定区域内"),
            Cell("2024", 5400, "b)640 件", "b)多摩川洪水浸水想定区域以外"),
            Cell("2025", 5402, "a)７0 件", "a)多摩川洪水浸水想定区域内"),
            Cell("2025", 5404, "b)640 件", "b)多摩川洪水浸水想定区域以外"),
            Cell("2026", 5406, "a)８0 件", "a)多摩川洪水浸水想定区域内"),
            Cell("2026", 5408, "b)640 件", "b)多摩川洪水浸水想定区域以外"),
            Cell("2027", 5410, "a)90 件", "a)多摩川洪水浸水想定区域内"),
            Cell("2027", 5412, "b)640 件", "b)多摩川洪水浸水想定区域以外"),
            Cell("total", 5413, "a)３０0 件", "a)多摩川洪水浸水想定区域内"),
            Cell("total", 5415, "b)2,560 件", "b)多摩川洪水浸水想定区域以外"),
        ],
    }


UNIT_RE = r"(?:事\s*業\s*者|箇\s*所|病\s*院|施\s*設|団\s*体|店\s*舗|機\s*関|件|人|名|回|部|食|%|％)"
NUM_RE = r"[0-9０-９](?:[0-9０-９,，.．]|[ \u3000](?=[0-9０-９.．]))*"
TOKEN_RE = re.compile(
    rf"(?P<note>（[^（）]*）)|(?P<dash>[―－])|(?P<pre>延べ)|(?P<val>(?P<num>{NUM_RE})\s*(?P<unit>{UNIT_RE}))"
)


def tokenize(lines: list[str], a: int, b: int) -> list[Cell]:
    """Split the value lines a..b of a regular row into cells; raise on any unrecognised text."""
    region = ""
    starts: list[tuple[int, int]] = []
    for i in range(a, b + 1):
        t = lines[i - 1].strip()
        if t:
            starts.append((len(region), i))
            region += t + "\n"

    def line_at(pos: int) -> int:
        """Line number holding region offset pos."""
        return [ln for off, ln in starts if off <= pos][-1]

    cells: list[Cell] = []
    prefix = ""
    pos = 0
    for m in TOKEN_RE.finditer(region):
        gap = region[pos:m.start()]
        if gap.strip():
            raise ValueError(f"unrecognised text {gap!r} in L{a}-{b}")
        pos = m.end()
        if m.group("note"):
            cells[-1].raw += m.group("note").replace("\n", "")
        elif m.group("dash"):
            cells.append(Cell("", line_at(m.start()), m.group("dash"), numeric=False))
        elif m.group("pre"):
            prefix = m.group("pre")
        else:
            raw = prefix + m.group("val").replace("\n", "")
            cells.append(Cell("", line_at(m.start("num")), raw))
            prefix = ""
    if region[pos:].strip():
        raise ValueError(f"unrecognised trailing text in L{a}-{b}")
    if len(cells) != 6:
        raise ValueError(f"expected 6 cells in L{a}-{b}, got {len(cells)}")
    for cell, slot in zip(cells, ["base", "2024", "2025", "2026", "2027", "total"], strict=True):
        cell.slot = slot
    return cells


def parse_value(raw: str) -> tuple[str, str]:
    """Return (folded number, unit) of a printed cell like 「２，１２0 名」."""
    m = re.search(rf"({NUM_RE})\s*({UNIT_RE})", raw)
    if not m:
        raise ValueError(raw)
    unit = re.sub(r"\s", "", m.group(2))
    return fold_number(m.group(1)), unit


def check_raw(lines: list[str], cell: Cell) -> None:
    """Assert that the cell text is printed at (or from) its line, ignoring whitespace and line breaks."""
    squash = lambda s: re.sub(r"[\s（）]", "", s)  # noqa: E731
    window = "".join(lines[max(cell.line - 4, 0) : cell.line + 14])
    core = re.sub(r"（令和[^）]*）", "", cell.raw) if cell.slot == "base" and cell.sub_item.startswith(("a)", "b)")) else cell.raw
    if squash(core) not in squash(window):
        raise ValueError(f"cell {cell.raw!r} not found from L{cell.line}")
    if cell.numeric:
        num, _ = parse_value(cell.raw)
        if num not in fold_number(lines[cell.line - 1]):
            raise ValueError(f"number {num} not on L{cell.line}")


# ---------------------------------------------------------------------------
# Seed 001 (draft of R5.4.26): 第4章 第1節 and 第3節
# ---------------------------------------------------------------------------
# (key, parent key, level, level_ja, code, name line, name_ja override or "", vision (a,b) or None,
#  direction (a,b) or None, status, concept, name_en)
DRAFT_NODES: list[tuple[str, str, str, str, str, int, str, Any, Any, str, str, str]] = [
    ("section-1", "", "section", "節", "第１節", 352, "包括的な支援体制を地区で構築する", None, None, "published", "c-section-1",
     "Building a comprehensive support system in each district"),
    ("measure-1", "section-1", "measure", "推進施策", "（1）", 355, "既存の地域包括ケアシステムを強化する", None, (356, 360), "published",
     "c-existing-care-system", "Strengthening the existing community-based integrated care system"),
    # L300–340: the diagram page prints a short description before each element label → direction_ja.
    ("project-1-1", "measure-1", "project", "区の取組み", "①", 382, "医療", (378, 378), (302, 307), "published", "c-medical", "Medical care"),
    ("project-1-2", "measure-1", "project", "区の取組み", "②", 386, "福祉サービス", (384, 384), (320, 323), "published", "c-welfare-services", "Welfare services"),
    ("project-1-3", "measure-1", "project", "区の取組み", "③", 390, "予防・健康づくり", (388, 388), (326, 331), "published", "c-prevention-health", "Prevention and health promotion"),
    ("project-1-4", "measure-1", "project", "区の取組み", "④", 395, "住まい", (392, 393), (335, 338), "published", "c-housing", "Housing"),
    ("project-1-5", "measure-1", "project", "区の取組み", "⑤", 409, "生活支援", (397, 407), (310, 316), "published", "c-daily-life", "Daily-life support"),
    # L412–426: headings ⑥–⑨ followed by four 「調整中」 (L420, 422, 424, 426) in the same order.
    ("project-1-6", "measure-1", "project", "区の取組み", "⑥", 412, "就労", None, None, "placeholder", "c-employment", "Employment"),
    ("project-1-7", "measure-1", "project", "区の取組み", "⑦", 414, "教育", None, None, "placeholder", "c-education", "Education"),
    ("project-1-8", "measure-1", "project", "区の取組み", "⑧", 416, "社会参加", None, None, "placeholder", "c-social-participation", "Social participation"),
    ("project-1-9", "measure-1", "project", "区の取組み", "⑨", 418, "防犯・防災", None, None, "placeholder", "c-safety-disaster", "Crime prevention and disaster preparedness"),
    ("measure-2", "section-1", "measure", "推進施策", "（2）", 430, "複雑化・複合化した課題にも対応できる仕組みづくり", None, (436, 440), "published",
     "c-p1", "Building a system that can also respond to complex and compound issues"),
    ("project-2-1", "measure-2", "project", "区の取組み", "①", 455, "相談支援", None, (459, 463), "published", "c-consultation", "Consultation support"),
    ("project-2-2", "measure-2", "project", "区の取組み", "②", 467, "地域づくり", None, (468, 473), "published", "c-community-building", "Community building"),
    ("project-2-3", "measure-2", "project", "区の取組み", "③", 475, "参加支援", None, (476, 479), "published", "c-participation-support", "Participation support"),
    # L483 heading, L489 「調整中」.
    ("project-2-4", "measure-2", "project", "区の取組み", "④", 483, "各分野・施策との連携", None, None, "placeholder", "c-cross-field", "Coordination with each field and policy"),
    # 第3節 (L492); L514/532/547 print the variant title 「誰もが安心して暮らしていくための基盤をつくる」.
    ("section-3", "", "section", "節", "第３節", 492, "誰一人取り残さない世田谷をつくるための基盤整備", None, None, "published", "c-section-3",
     "Building the foundations for a Setagaya that leaves no one behind"),
    # L493 and L505 both print （１）権利擁護の推進 with a qualifier → one measure with two めざす姿 groups.
    ("measure-3-1", "section-3", "measure", "推進施策", "（１）", 493, "権利擁護の推進", None, None, "published", "c-rights-advocacy", "Promoting advocacy of rights"),
    ("aim-3-1-1", "measure-3-1", "aim", "めざす姿", "", 493, "（成年後見制度）", (494, 503), None, "published", "c-adult-guardianship", "Adult guardianship system"),
    ("aim-3-1-2", "measure-3-1", "aim", "めざす姿", "", 505, "（虐待・DV防止）", (506, 508), None, "published", "c-abuse-prevention", "Prevention of abuse and domestic violence"),
    ("measure-3-2", "section-3", "measure", "推進施策", "（２）", 515, "福祉人材の確保・育成・定着", (516, 523), None, "published", "c-welfare-workforce",
     "Securing, training and retaining welfare personnel"),
    ("measure-3-3", "section-3", "measure", "推進施策", "（３）", 525, "保健福祉サービスの質の向上", (526, 529), None, "published", "c-service-quality",
     "Improving the quality of health and welfare services"),
    ("measure-3-4", "section-3", "measure", "推進施策", "（４）", 533, "保健医療福祉の全区的な拠点運営", (534, 539), None, "published", "c-ward-wide-hub",
     "Operating a ward-wide hub for health, medical care and welfare"),
    ("measure-3-5", "section-3", "measure", "推進施策", "（５）", 541, "寄附文化の醸成、基金の活用", (542, 544), None, "published", "c-donation-fund",
     "Fostering a culture of giving and using the fund"),
    ("measure-3-6", "section-3", "measure", "推進施策", "（６）", 548, "課題抽出の仕組み", (549, 550), None, "published", "c-issue-identification",
     "A mechanism for identifying issues"),
]
OPINION_THEMES = {
    "権利擁護の推進": "c-rights-advocacy",
    "福祉人材の確保・育成・定着": "c-welfare-workforce",
    "保健福祉サービスの質の向上": "c-service-quality",
    "保健医療福祉の全区的な拠点運営": "c-ward-wide-hub",
    "寄附文化の醸成、基金の活用": "c-donation-fund",
    "課題抽出の仕組み": "c-issue-identification",
}

# r2024 concept ids per 推進施策 (shared with the draft where the concept continues).
MEASURE_CONCEPT = {1: "c-p1", 2: "c-medical", 3: "c-welfare-services", 4: "c-prevention-health", 5: "c-housing",
                   6: "c-daily-life", 7: "c-employment", 8: "c-education", 9: "c-social-participation", 10: "c-safety-disaster"}
AIM_CONCEPT = {(1, 1): "c-consultation", (1, 2): "c-multi-agency", (1, 3): "c-outreach", (1, 4): "c-participation-support"}
CONCEPT_EN = {
    "c-section-1": "Section 1 of chapter 4 (community-based integrated care / comprehensive support in districts)",
    "c-existing-care-system": "Strengthening the existing community-based integrated care system (draft sub-part (1))",
    "c-p1": "District consultation and continuous connection (multi-layered support system)",
    "c-consultation": "Comprehensive consultation support",
    "c-multi-agency": "Multi-agency collaboration",
    "c-outreach": "Continuous support through outreach",
    "c-participation-support": "Participation support",
    "c-community-building": "Community building",
    "c-cross-field": "Coordination with each field and policy",
    "c-medical": "Medical care / coordination of health, medical care and welfare",
    "c-welfare-services": "Welfare services",
    "c-prevention-health": "Prevention and health promotion",
    "c-housing": "Housing",
    "c-daily-life": "Daily-life support",
    "c-employment": "Employment",
    "c-education": "Education / coordination of schools and welfare",
    "c-social-participation": "Social participation",
    "c-safety-disaster": "Crime prevention and disaster preparedness",
    "c-section-3": "Foundations for a Setagaya that leaves no one behind (draft section 3)",
    "c-rights-advocacy": "Promoting advocacy of rights",
    "c-adult-guardianship": "Adult guardianship system",
    "c-abuse-prevention": "Prevention of abuse and domestic violence",
    "c-welfare-workforce": "Welfare personnel",
    "c-service-quality": "Quality of health and welfare services",
    "c-ward-wide-hub": "Ward-wide hub for health, medical care and welfare",
    "c-donation-fund": "Culture of giving and the fund",
    "c-issue-identification": "Mechanism for identifying issues",
}

# Crosswalk draft (r2023-04-26) → later text (r2024), after seed-001-004.md §3.1, verified against the text.
# (from draft key or "", to r2024 key or "", relation, other relations, note_ja, note_en, from lines, to lines)
CROSSWALK: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("section-1", "section-1", "renamed", "merged",
     "節名「包括的な支援体制を地区で構築する」→「世田谷版地域包括ケアシステムを強化する」。(1)(2)の二部構成は推進施策1–10の一覧に統合。",
     "Section renamed; its two sub-parts were merged into one list of ten measures.", "352", "148"),
    ("measure-1", "section-1", "merged", "renamed",
     "(1)の見出しと導入文（L356–360）が第1節の見出し・導入文（L153–163）にほぼそのまま引き継がれた（「世田谷版」、「相談支援の仕組みと」を追加）。",
     "The heading and intro of sub-part (1) became those of section 1 (adding 'Setagaya-style' and 'the consultation-support system').", "355-360", "148-163"),
    ("measure-2", "measure-1", "renamed", "moved;renumbered",
     "(2)の相談支援・参加支援が重層的支援体制整備事業の4つのめざす姿として推進施策1「地区で相談を受け止め、つながり続ける仕組み」になり、先頭に移動（内容からの推定）。",
     "Sub-part (2) became measure 1, whose four aims are the components of the multi-layered support system, moved to the front (inferred from content).", "430-440", "179"),
    ("project-2-1", "aim-1-1", "split", "renamed;moved",
     "相談支援（L459–463）は、福祉の相談窓口（めざす姿①）、縦割りを超えたチーム＝多機関協働（②）、アウトリーチ（③）に分割。",
     "Consultation support was split into aims 1 (consultation desks), 2 (multi-agency team) and 3 (outreach) of measure 1.", "455-463", "245-251"),
    ("project-2-1", "aim-1-2", "split", "new",
     "相談支援の「縦割りを超えたチームでの支援」が多機関協働事業（保健福祉センター又はぷらっとホーム世田谷）としてめざす姿②に。",
     "The 'team beyond silos' part of consultation support became aim 2, the multi-agency collaboration project.", "459-463", "659-663"),
    ("project-2-1", "aim-1-3", "split", "new",
     "相談支援の「アウトリーチ強化」がめざす姿③「アウトリーチを通じた継続的支援」に。",
     "The 'stronger outreach' part of consultation support became aim 3.", "459-463", "944-950"),
    ("project-2-2", "", "removed", "",
     "「地域づくり」は第1節の見出しとしては無くなった（近い内容は推進施策6・9）。第2節は後の版の本文（第４章 第１節のみ）に含まれないため、移動したかは確認できない。",
     "Community building is no longer a heading in section 1 (related content in measures 6 and 9); section 2 is not in the later text (which holds section 1 only), so a move cannot be checked.", "467-473", ""),
    ("project-2-3", "aim-1-4", "moved", "renumbered;renamed",
     "(2)③参加支援 → 推進施策1 めざす姿④「重層的支援体制整備事業―参加支援―」。説明文は今後の課題へ移動し、"
     "その1文目はめざす姿④の主な取組み1「参加支援事業」の目的と内容にもなった。",
     "Participation support moved to aim 4 of measure 1; its description text moved into the list of future issues, "
     "and its first sentence also became the purpose of main initiative 1 of that aim, the participation support "
     "project.", "475-479", "1167-1173"),
    ("project-2-4", "", "removed", "",
     "「調整中」だった④各分野・施策との連携は第1節に対応する項目がない。第2節は後の版の本文（第４章 第１節のみ）に含まれないため、移動したかは確認できない。",
     "The placeholder 'coordination with each field' has no counterpart in section 1; section 2 is not in the later text (which holds section 1 only).", "483-489", ""),
    ("project-1-1", "measure-2", "renamed", "renumbered",
     "①医療 → 推進施策2「地域生活を支える保健、医療、福祉の連携」（区の取組みから推進施策へ一段上がり、先頭に推進施策1が置かれたため番号+1）。",
     "Medical care became measure 2, renamed. Raised from a ward initiative to a measure; its number is one higher because measure 1 now comes first.", "382", "1357"),
    ("project-1-1", "aim-2-1", "renamed", "",
     "めざす姿の文言：「…質の高い在宅療養体制をつくる。」→「…質の高い在宅療養体制ができています。」",
     "Aim wording changed from 'create' to 'is in place'.", "378", "1412-1414"),
    ("project-1-2", "measure-3", "renumbered", "",
     "②福祉サービス → 推進施策3「福祉サービス」（区の取組みから推進施策へ一段上がり、先頭に推進施策1が置かれたため番号+1）。", "Welfare services became measure 3. Raised from a ward initiative to a measure; its number is one higher because measure 1 now comes first.", "386", "1771"),
    ("project-1-2", "aim-3-1", "renamed", "",
     "めざす姿の文言：「…確実に届いている。」→「…確実に届いています。」", "Aim wording changed (tense/politeness only).", "384", "1823"),
    # L390 heading 「③予防・健康づくり」; the draft's 第3章第4節 施策体系 (L191–243, columns 推進施策 / 区の取組み)
    # prints 「予防、健康づくり」 (L219); the later text's 第1節 intro still prints 「予防・健康づくり」 (L155).
    ("project-1-3", "measure-4", "renamed", "renumbered",
     "素案では(1)「既存の地域包括ケアシステムを強化する」の下の区の取組み③で、第4章の見出しは「予防・健康づくり」、"
     "第3章第4節の施策体系では「予防、健康づくり」。後の版では第1節の推進施策4「予防、健康づくり」になった。"
     "区の取組みから推進施策へ一段上がり、番号は③から4へ（先頭に推進施策1「地区で相談を受け止め、つながり続ける仕組み」が置かれ、"
     "①～⑨が1つずつ後ろにずれた）。名称の変化は第4章の見出しの「・」が「、」になったことだけで、素案の施策体系と同じ表記。"
     "後の版の第1節の導入文は「予防・健康づくり」のまま。",
     "In the draft this is ward initiative ③ under sub-part (1) 'Strengthening the existing community-based integrated "
     "care system'; its chapter 4 heading prints 「予防・健康づくり」, the draft's policy structure chart (chapter 3, "
     "section 4) 「予防、健康づくり」. In the later text it is measure 4 「予防、健康づくり」 of section 1: raised from a "
     "ward initiative to a measure, and numbered 4 instead of ③ because measure 1 (consultation in each district) now "
     "comes first and ①–⑨ each moved down one place. The only change to the name is '・' → '、' in the chapter 4 "
     "heading, the spelling the draft's chart already used; the later text's introduction to section 1 still prints "
     "「予防・健康づくり」.", "390", "2151"),
    ("project-1-3", "aim-4-1", "renamed", "",
     "めざす姿の文言：「…いつまでも元気で生活できる。」→「…いつまでもいきいきと暮らしています。」", "Aim wording changed.", "388", "2207-2209"),
    ("project-1-4", "measure-5", "renumbered", "",
     "④住まい → 推進施策5「住まい」（区の取組みから推進施策へ一段上がり、先頭に推進施策1が置かれたため番号+1）。", "Housing became measure 5. Raised from a ward initiative to a measure; its number is one higher because measure 1 now comes first.", "395", "2614"),
    ("project-1-4", "aim-5-1", "split", "renamed",
     "④住まいの2つ目のめざす姿「住宅確保要配慮者が住まいを確保でき…」→ めざす姿①「住まいを確保することが困難な方に対する居住支援の仕組みが充実しています。」（順序入替・文言変更）。",
     "The draft's second housing aim became aim 1 (order swapped, wording changed).", "393", "2684-2686"),
    ("project-1-4", "aim-5-2", "split", "renamed",
     "④住まいの1つ目のめざす姿「多様なニーズに応えられる、多様な住まいが確保されている。」→ めざす姿②（…確保されています。）。",
     "The draft's first housing aim became aim 2 (tense changed).", "392", "2971"),
    ("project-1-5", "measure-6", "renamed", "renumbered",
     "⑤生活支援 → 推進施策6「日常生活の支援」（区の取組みから推進施策へ一段上がり、先頭に推進施策1が置かれたため番号+1）。", "Daily-life support became measure 6 'support for daily life'. Raised from a ward initiative to a measure; its number is one higher because measure 1 now comes first.", "409", "3284"),
    ("project-1-5", "aim-6-1", "merged", "renamed",
     "⑤生活支援の4つのめざす姿（L397–407）→ 1つのめざす姿（L3344–3348）。", "The draft's four daily-life aims were merged into one.", "397-407", "3344-3348"),
    ("project-1-6", "measure-7", "filled", "renumbered",
     "「調整中」だった⑥就労 → 推進施策7「就労」（区の取組みから推進施策へ一段上がり、先頭に推進施策1が置かれたため番号+1）。", "Employment was a placeholder; now filled as measure 7. Raised from a ward initiative to a measure; its number is one higher because measure 1 now comes first.", "412,420", "3561"),
    ("project-1-6", "aim-7-1", "filled", "", "めざす姿が新たに記載された。", "Aim newly written (was a placeholder).", "420", "3650"),
    ("project-1-7", "measure-8", "filled", "renamed;renumbered",
     "「調整中」だった⑦教育 → 推進施策8「学校や教育分野と福祉分野の連携」（区の取組みから推進施策へ一段上がり、先頭に推進施策1が置かれたため番号+1）。", "Education was a placeholder; now measure 8, renamed. Raised from a ward initiative to a measure; its number is one higher because measure 1 now comes first.", "414,422", "3877"),
    ("project-1-7", "aim-8-1", "filled", "", "めざす姿①が新たに記載された。", "Aim 1 newly written (was a placeholder).", "422", "3927-3929"),
    ("project-1-7", "aim-8-2", "filled", "", "めざす姿②が新たに記載された。", "Aim 2 newly written (was a placeholder).", "422", "4299-4301"),
    ("project-1-8", "measure-9", "filled", "renamed;renumbered",
     "「調整中」だった⑧社会参加 → 推進施策9「社会参加の促進」（区の取組みから推進施策へ一段上がり、先頭に推進施策1が置かれたため番号+1）。", "Social participation was a placeholder; now measure 9, renamed. Raised from a ward initiative to a measure; its number is one higher because measure 1 now comes first.", "416,424", "4627"),
    ("project-1-8", "aim-9-1", "filled", "", "めざす姿が新たに記載された。", "Aim newly written (was a placeholder).", "424", "4669-4677"),
    ("project-1-9", "measure-10", "filled", "renumbered",
     "「調整中」だった⑨防犯・防災 → 推進施策10「防犯・防災」（区の取組みから推進施策へ一段上がり、先頭に推進施策1が置かれたため番号+1）。", "Crime prevention and disaster preparedness was a placeholder; now measure 10. Raised from a ward initiative to a measure; its number is one higher because measure 1 now comes first.", "418,426", "5055"),
    ("project-1-9", "aim-10-1", "filled", "", "めざす姿が新たに記載された。", "Aim newly written (was a placeholder).", "426", "5107-5109"),
]


#: 主な取組み that continue a draft node, by r2024 project key → the CROSSWALK fields after the to key.
#: 参加支援事業 (L1243–1249) repeats the first sentence of the draft's ③参加支援 (L475–479) almost word for word.
CONTINUED_PROJECTS: dict[str, tuple[str, str, str, str, str, str]] = {
    "1-4-1": ("project-2-3", "renamed", "moved;renumbered",
              "素案の(2)③参加支援 → 推進施策1 めざす姿④の主な取組み1「参加支援事業」。目的と内容は素案の説明文の1文目をほぼ"
              "そのまま引き継ぐ（「…地域や社会と関わり方を選択し自らの役割を見出すために多様な接点を確保する必要がある。」→"
              "「…地域や社会との関わり方を選択し自らの役割を見出し、再び社会とつながることができるよう支援します。」）。"
              "素案には主な取組みの一覧がないが、この取組みは素案の③参加支援の続き。",
              "The draft's (2) ③ Participation support continues as main initiative 1, the participation support "
              "project, under aim 4 of measure 1: its purpose repeats the first sentence of the draft's description "
              "(people with complex and compound issues, or with needs that fall between systems, choosing how to "
              "relate to their community and society and finding their own role), now ending 'so that they can "
              "reconnect with society'. The draft lists no main initiatives, but this one continues the draft's ③.",
              "475-479"),
}


def lines_first(spec: str) -> int | None:
    """First line number of a 'a-b' or 'a,b' spec, or None."""
    return int(re.split(r"[-,]", spec)[0]) if spec else None


# ---------------------------------------------------------------------------
# Build rows
# ---------------------------------------------------------------------------
REVISIONS = [
    {"revision_id": R_STUDY, "plan_id": PLAN, "position": 1, "stage": "research_draft",
     "label_ja": "第４回 地域保健医療福祉総合計画研究会 資料（令和５年３月２７日）",
     "label_en": "Material of the 4th study group on the plan (27 March 2023)",
     "published": "2023-03-27",
     "date_note": "Date printed on the 別紙 cover (001 L575–577) and on the opinion pages (「R5年3月27日研究会」). The extracted text 001 reproduces only an excerpt of this material (L557–1033); no node tree is published for this revision. It is the revision the 研究会 opinions concern.",
     "source_document": SEED001, "source_line": 577},
    {"revision_id": R_DRAFT, "plan_id": PLAN, "position": 2, "stage": "committee_draft",
     "label_ja": "審議会（R5.4.26）資料 素案", "label_en": "Draft for the community health and welfare council of 26 April 2023",
     "published": "2023-04-26",
     "date_note": "Page header 「審議会（R5.4.26）」 printed on every page of the draft (001 L1 ff.).",
     "source_document": SEED001, "source_line": 1},
    {"revision_id": R_2024, "plan_id": PLAN, "position": 3, "stage": "draft_an",
     "label_ja": "第４章 今後の施策の方向 第１節（後の版）", "label_en": "Chapter 4, section 1 (later text, early 2024)",
     "published": "",
     "date_note": "No date printed. Latest dates in the text: 「令和６年１月現在」 (004 L3251), baselines 「令和5年12月時点」 and 「令和５年度見込み」; first plan year 令和６年度 (L103). Written between January and March 2024. Stage 案 assumed: the text does not prove it is the adopted plan.",
     "source_document": SEED004, "source_line": 1},
]


def build() -> dict[str, list[dict[str, Any]]]:
    """Build all resources' rows from the seeds."""
    l1 = read_lines(SEED001)
    l4 = read_lines(SEED004)
    tree = Tree()
    draft_nodes(l1, tree)
    r2024_nodes(l4, tree)
    node_ids = {n["node_id"] for n in tree.nodes}
    indicators, observations = indicator_rows(l4, node_ids)
    return {
        "plans": plan_rows(l4), "revisions": [dict(r) for r in REVISIONS], "nodes": tree.nodes,
        "indicators": indicators, "observations": observations, "crosswalk": crosswalk_rows(node_ids),
        "opinions": opinion_rows(l1), "concepts": concept_rows(tree),
        "context_statistics": seed004_context.build_rows(l4),
        "texts": seed004_texts.build_rows(l4, node_ids) + seed001_texts.build_rows(l1),
    }


def plan_rows(l4: list[str]) -> list[dict[str, Any]]:
    """The plan row; its period as printed in 004 L103."""
    period = re.search(r"計画の初年度である令和６年度（２０２４年度）", l4[102]).group(0)
    assert period == "計画の初年度である令和６年度（２０２４年度）", period
    return [{
        "plan_id": PLAN, "name_ja": "世田谷区地域保健医療福祉総合計画",
        "name_en": "Setagaya Comprehensive Plan for Community Health, Medical Care and Welfare",
        "period_ja": period, "start_fy": 2024, "end_fy": "", "publisher_ja": "世田谷区",
    }]


@dataclass
class Tree:
    """The node rows of both revisions, and the concepts they use."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    concepts: set[str] = field(default_factory=set)

    def add(self, rev: str, key: str, parent: str, level: str, level_ja: str, code: str, pos: int, name_ja: str,
            name_en: str, vision: str, direction: str, status: str, concept: str, doc: str, line: int) -> None:
        """Append one node row."""
        tag = "r2023-04-26" if rev == R_DRAFT else "r2024"
        self.nodes.append({
            "node_id": f"{PLAN}:{tag}:{key}", "revision_id": rev, "concept_id": f"{PLAN}:{concept}",
            "parent_id": f"{PLAN}:{tag}:{parent}" if parent else "", "level": level, "level_ja": level_ja, "code": code,
            "position": pos, "name_ja": name_ja, "name_en": name_en, "vision_ja": vision, "direction_ja": direction,
            "department_ja": "", "status": status, "source_document": doc, "source_line": line,
        })
        self.concepts.add(concept)


def draft_nodes(l1: list[str], tree: Tree) -> None:
    """The 素案 (R5.4.26) tree from DRAFT_NODES, each name checked on its printed line."""
    sibling: dict[str, int] = {}
    for key, parent, level, level_ja, code, line, name, vis, dire, status, concept, name_en in DRAFT_NODES:
        printed = clean(l1[line - 1])
        if name.strip("（）") not in printed:
            raise ValueError(f"001 L{line}: {name!r} not in {printed!r}")
        sibling[parent] = sibling.get(parent, 0) + 1
        vision = bullets(l1, *vis) if vis else ""
        direction = join(l1, *dire) if dire else ""
        if status == "placeholder":
            assert "調整中" in "".join(l1[line - 1 : line + 77]), key
        tree.add(R_DRAFT, key, parent, level, level_ja, code, sibling[parent], name, name_en, vision, direction, status, concept, SEED001, line)



def r2024_nodes(l4: list[str], tree: Tree) -> None:
    """The later text's tree: section, 推進施策, めざす姿 and 主な取組み."""
    tree.add(R_2024, "section-1", "", "section", "節（基本目標1）", "第１節", 1, "世田谷版地域包括ケアシステムを強化する",
         "Strengthening the Setagaya-style community-based integrated care system", "", join(l4, 153, 163), "published",
         "c-section-1", SEED004, 148)
    assert "世田谷版地域包括ケアシステムを強化する" in l4[147]
    aims_by_measure: dict[int, list[tuple[int, int, int, int, int, str]]] = {}
    for a in AIMS:
        aims_by_measure.setdefault(a[0], []).append(a)
    for m in range(1, 11):
        heading = clean(l4[MEASURE_LINES[m] - 1])
        mm = re.match(r"推進施策([０-９0-9]+)(.+)", heading)
        assert mm and int(mm.group(1).translate(FW_DIGITS)) == m, heading
        statements = [join(l4, a[3], a[4]) for a in aims_by_measure[m]]
        tree.add(R_2024, f"measure-{m}", "section-1", "measure", "推進施策", f"推進施策{mm.group(1)}", m, mm.group(2).strip(), MEASURE_EN[m],
             statements[0] if len(statements) == 1 else "", "", "published", MEASURE_CONCEPT[m], SEED004, MEASURE_LINES[m])
        for (pm, an, title, s1, _s2, en), stmt in zip(aims_by_measure[m], statements, strict=True):
            name = clean(l4[title - 1]) if title else stmt
            concept = AIM_CONCEPT.get((pm, an), f"{MEASURE_CONCEPT[pm]}-aim-{an}")
            tree.add(R_2024, f"aim-{pm}-{an}", f"measure-{pm}", "aim", "めざす姿", f"P{pm}.{an}" if pm in MULTI_AIM else "", an,
                 name, en, stmt, "", "published", concept, SEED004, title or s1)
    for pm, an, num, nl, ne, pe, en in PROJECTS:
        first = re.sub(r"^\s*[0-9０-９]+\s*", "", l4[nl - 1])
        assert int(re.match(r"\s*([0-9０-９]+)", l4[nl - 1]).group(1).translate(FW_DIGITS)) == num, nl
        name = clean(first) + join(l4, nl + 1, ne) if ne > nl else clean(first)
        purpose = join(l4, ne + 1, pe)
        code = f"P{pm}.{an}-{num}" if pm in MULTI_AIM else f"P{pm}-{num}"
        concept = f"{MEASURE_CONCEPT[pm]}-aim-{an}-project-{num}" if (pm, an) not in AIM_CONCEPT else f"{AIM_CONCEPT[(pm, an)]}-project-{num}"
        tree.add(R_2024, f"project-{pm}-{an}-{num}", f"aim-{pm}-{an}", "project", "主な取組み", code, num, name, en, "", purpose,
             "published", concept, SEED004, nl)


def indicator_rows(l4: list[str], node_ids: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The r2024 indicators (one per INDICATORS entry) and their observations (one per printed cell)."""
    specials = special_cells()
    indicators: list[dict[str, Any]] = []
    observations: list[dict[str, Any]] = []
    for kind, code, nl, vs, ve, name_end, en in INDICATORS:
        name, impl, node_id = indicator_text(l4, code, nl, vs, name_end, node_ids)
        ind_id = f"{PLAN}:{kind}:{code.lower().replace('.', '-')}"
        cells = specials.get((kind, code)) or tokenize(l4, vs, ve)
        for c in cells:
            check_raw(l4, c)
        unit, cumulative, semantics = total_semantics(code, name, cells)
        notes = []
        if EXTRA_NOTES.get((kind, code)):
            notes.append(EXTRA_NOTES[(kind, code)])
        if not impl:
            notes.append("No 【実施計画】 reference printed.")
        direction = "" if (kind, code) in NO_DIRECTION else ("lower_is_better" if (kind, code) in LOWER_IS_BETTER else "higher_is_better")
        indicators.append({
            "indicator_id": ind_id, "node_id": node_id, "revision_id": R_2024, "code": code, "kind": kind,
            "name_ja": name, "name_en": en, "unit": unit, "unit_printed": _printed_unit(cells, unit),
            "direction": direction,
            "cumulative": "true" if cumulative else "false", "total_semantics": semantics,
            "implementation_plan_ref": impl, "note": " ".join(notes), "source_document": SEED004, "source_line": nl + 1,
        })
        observations.extend(observation_rows(ind_id, cells))
    return indicators, observations


def indicator_text(l4: list[str], code: str, nl: int, vs: int, name_end: int,
                   node_ids: set[str]) -> tuple[str, str, str]:
    """An indicator's printed name, its 【実施計画】 reference and its 主な取組み node (all checked)."""
    m = re.match(r"P(\d+)(?:\.(\d+))?-(\d+)([ab]?)$", code)
    assert m, code
    pm, an, num, sub = int(m.group(1)), int(m.group(2) or 1), int(m.group(3)), m.group(4)
    printed_num = clean(l4[nl - 1])
    assert int(re.match(r"[0-9０-９]+", printed_num).group(0).translate(FW_DIGITS)) == num, (code, printed_num)
    if sub:
        assert printed_num[-1] == {"a": "①", "b": "②"}[sub], (code, printed_num)
    name_lines = [i for i in range(nl + 1, (name_end or vs - 1) + 1) if "【実施計画" not in l4[i - 1]]
    name = "".join(clean(l4[i - 1]) for i in name_lines if clean(l4[i - 1]))
    impl_lines = [i for i in range(nl + 1, vs) if "【実施計画" in l4[i - 1]]
    impl = ""
    if impl_lines:
        im = re.search(r"【実施計画\s*施策\s*([^】]+)】", l4[impl_lines[0] - 1])
        impl = fy_ref(im.group(1))
    node_id = f"{PLAN}:r2024:project-{pm}-{an}-{num}"
    assert node_id in node_ids, node_id
    return name, impl, node_id


def _printed_unit(cells: list[Cell], unit: str) -> str:
    """The unit as printed in the numeric cells (％ or %), else UNIT."""
    printed = {parse_value(c.raw)[1] for c in cells if c.numeric}
    return printed.pop() if len(printed) == 1 else unit


def total_semantics(code: str, name: str, cells: list[Cell]) -> tuple[str, bool, str]:
    """The unit of the numeric cells, whether the indicator counts cumulatively, and what 総量 means."""
    numeric = [c for c in cells if c.numeric]
    units = {parse_value(c.raw)[1].replace("％", "%") for c in numeric}
    assert len(units) <= 1, (code, units)
    unit = units.pop() if units else ""
    years = {c.slot: c for c in cells if c.slot.isdigit() and c.numeric and not c.sub_item}
    totals = [c for c in cells if c.slot == "total" and c.numeric]
    cumulative = "（累計）" in name or any("（累計）" in c.raw for c in totals)
    if not totals:
        semantics = "none"
    elif cumulative:
        semantics = "cumulative"
    elif any(c.sub_item for c in totals):
        semantics = "sum"  # composite totals: 整備数/修了人数/a)/b) = sum of the years (checked in the tests)
    else:
        tv = float(parse_value(totals[0].raw)[0])
        yv = [float(parse_value(years[y].raw)[0]) for y in sorted(years)]
        if len(yv) == 4 and abs(sum(yv) - tv) < 1e-9:
            semantics = "sum"
        elif yv and abs(yv[-1] - tv) < 1e-9 and "2027" in years:
            semantics = "level"
        else:
            raise ValueError(f"{code}: cannot classify 総量")
    return unit, cumulative, semantics


def observation_rows(ind_id: str, cells: list[Cell]) -> list[dict[str, Any]]:
    """One observation per printed cell: baseline (with its 時点 or 見込み), yearly targets, 総量."""
    observations: list[dict[str, Any]] = []
    seq: dict[str, int] = {}
    for c in cells:
        base_key = {"base": "baseline", "total": "total"}.get(c.slot, f"fy{c.slot}")
        seq[base_key] = seq.get(base_key, 0) + 1
        same = sum(1 for d in cells if ({"base": "baseline", "total": "total"}.get(d.slot, f"fy{d.slot}")) == base_key)
        obs_id = f"{ind_id}:{base_key}" + (f"-{seq[base_key]}" if same > 1 else "")
        value = parse_value(c.raw)[0] if c.numeric else ""
        value_text = c.raw
        fy: Any = ""
        is_est = False
        as_of = ""
        onotes = [c.note] if c.note else []
        if c.slot == "base":
            series = "baseline"
            note_m = re.search(r"（([^（）]*(?:見込み|時点|年度))）", c.raw)
            if c.sub_item.startswith(("a)", "b)")):
                note_m = re.search(r"（(令和[^）]*)）", c.raw)
                onotes.append("時点 note printed once for a) and b) at L5394–5396")
            if note_m:
                t = re.sub(r"\s", "", note_m.group(1))
                if t.endswith("見込み"):
                    fy, is_est = 2018 + int(re.search(r"令和(\d+)", t.translate(FW_DIGITS)).group(1)), True
                    as_of = t  # 「令和５年度見込み」 as printed (joined across its wrap)
                elif t.endswith("時点"):
                    as_of = t
                elif t.endswith("年度"):
                    fy = 2018 + int(re.search(r"令和(\d+)", t.translate(FW_DIGITS)).group(1))
                    as_of = t
            elif c.numeric:
                onotes.append(BASELINE_RULE)
        elif c.slot == "total":
            series = "target"
        else:
            series, fy = "target", int(c.slot)
        observations.append({
            "observation_id": obs_id, "indicator_id": ind_id, "revision_id": R_2024, "series": series,
            "fiscal_year": fy, "is_total": "true" if c.slot == "total" else "false", "sub_item": c.sub_item,
            "value": value, "value_text": value_text, "is_estimate": "true" if is_est else "false", "as_of": as_of,
            "note": "; ".join(onotes), "source_document": SEED004, "source_line": c.line,
        })
    return observations


def crosswalk_rows(node_ids: set[str]) -> list[dict[str, Any]]:
    """The draft-to-later crosswalk of CROSSWALK, then one row per 主な取組み: 'new' unless it continues a draft node."""
    cw: list[dict[str, Any]] = []
    for i, (fk, tk, rel, rels, nja, nen, fl, tl) in enumerate(CROSSWALK, 1):
        from_id = f"{PLAN}:r2023-04-26:{fk}" if fk else ""
        to_id = f"{PLAN}:r2024:{tk}" if tk else ""
        assert (not from_id or from_id in node_ids) and (not to_id or to_id in node_ids), (fk, tk)
        cw.append({
            "crosswalk_id": f"{PLAN}:cw-{i:03d}", "from_revision_id": R_DRAFT, "from_node_id": from_id,
            "to_revision_id": R_2024, "to_node_id": to_id, "relation": rel, "relations": rels,
            "note_ja": nja, "note_en": nen, "from_source_document": SEED001 if fk else "",
            "from_source_lines": fl, "from_source_line": lines_first(fl) or "",
            "to_source_document": SEED004 if tk else "", "to_source_lines": tl, "to_source_line": lines_first(tl) or "",
        })
    # the draft lists no 取組み: every 主な取組み is new unless CONTINUED_PROJECTS names its draft node
    n = len(cw)
    new = ("", "new", "", "素案（R5.4.26）には主な取組みの一覧がない。", "The draft has no list of main initiatives.", "")
    for pm, an, num, nl, _ne, pe, _en in PROJECTS:
        n += 1
        fk, rel, rels, nja, nen, fl = CONTINUED_PROJECTS.get(f"{pm}-{an}-{num}", new)
        from_id = f"{PLAN}:r2023-04-26:{fk}" if fk else ""
        assert not from_id or from_id in node_ids, fk
        cw.append({
            "crosswalk_id": f"{PLAN}:cw-{n:03d}", "from_revision_id": R_DRAFT, "from_node_id": from_id,
            "to_revision_id": R_2024, "to_node_id": f"{PLAN}:r2024:project-{pm}-{an}-{num}", "relation": rel, "relations": rels,
            "note_ja": nja, "note_en": nen, "from_source_document": SEED001 if fk else "",
            "from_source_lines": fl, "from_source_line": lines_first(fl) or "",
            "to_source_document": SEED004, "to_source_lines": f"{nl}-{pe}", "to_source_line": nl,
        })
    return cw


def opinion_rows(l1: list[str]) -> list[dict[str, Any]]:
    """The 研究会 opinions (001 L1037–1289), a duplicated page folded into also_printed_at."""
    ops: list[dict[str, Any]] = []
    theme = ""
    cur: dict[str, Any] | None = None
    seen: dict[str, dict[str, Any]] = {}
    raw_ops: list[tuple[str, int, int, str]] = []

    def flush() -> None:
        """Close the current opinion."""
        nonlocal cur
        if cur:
            raw_ops.append((cur["theme"], cur["line"], cur["end"], cur["body"]))
        cur = None

    for ln in range(1037, 1290):
        raw = l1[ln - 1]
        t = raw.strip()
        tm = re.match(r"^[\uf06c\s]*「(.+)」に関するご意見$", t)
        if not t:
            flush()
        elif t.startswith("「誰一人とり残さない") or t == "第４回研究会におけるご意見":
            flush()  # page title printed after the page body (L1058 …) / section title
        elif tm:
            flush()
            theme = tm.group(1)
        elif "\uf0d8" in raw:
            flush()
            cur = {"theme": theme, "line": ln, "end": ln, "body": clean(raw)}
        elif cur is not None:
            cur["body"] += clean(raw)
            cur["end"] = ln
        else:
            raise ValueError(f"001 L{ln}: stray text {t!r}")
    flush()
    for th, line, end, body in raw_ops:
        if body in seen:  # L1102–1112 repeat L1040–1050 (duplicated page)
            prev = seen[body]
            prev["also_printed_at"] = (prev["also_printed_at"] + "," if prev["also_printed_at"] else "") + f"{line}-{end}"
            continue
        row = {
            "opinion_id": f"{PLAN}:opinion-{len(ops) + 1:02d}", "revision_id": R_STUDY, "theme_ja": th,
            "concept_id": f"{PLAN}:{OPINION_THEMES[th]}" if th in OPINION_THEMES else "", "body_ja": body,
            "meeting_ja": "第４回 地域保健医療福祉総合計画研究会", "date": "2023-03-27",
            "source_document": SEED001, "source_line": line, "source_line_end": end, "also_printed_at": "",
        }
        ops.append(row)
        seen[body] = row
    return ops


def concept_rows(tree: Tree) -> list[dict[str, Any]]:
    """One row per concept used by a node or an opinion theme, named after its latest node."""
    concepts = []
    for c in sorted(tree.concepts | set(OPINION_THEMES.values())):
        latest = [nd for nd in tree.nodes if nd["concept_id"] == f"{PLAN}:{c}"]
        latest.sort(key=lambda nd: nd["revision_id"] == R_2024)
        concepts.append({
            "concept_id": f"{PLAN}:{c}", "name_ja": latest[-1]["name_ja"][:80] if latest else "",
            "name_en": CONCEPT_EN.get(c) or (latest[-1]["name_en"] if latest else ""),
            "revisions": ";".join(sorted({nd["revision_id"].split(":")[1] for nd in latest})),
        })
    return concepts


# ---------------------------------------------------------------------------
# Descriptor
# ---------------------------------------------------------------------------
def F(name: str, type_: str, title: str, description: str, **extra: Any) -> dict[str, Any]:
    """One schema field."""
    f = {"name": name, "type": type_, "title": title, "description": description}
    f.update(extra)
    return f


REQ = {"required": True}
SRC = [F("source_document", "string", "Source document", "Text file the row was read from (document and page: plan-documents)."),
       F("source_line", "integer", "Source line", "1-based line in the source document.")]


def schemas() -> dict[str, dict[str, Any]]:
    """Table schemas of all resources."""
    rev_fk = lambda fld: {"fields": fld, "reference": {"resource": "revisions", "fields": "revision_id"}}  # noqa: E731
    node_fk = lambda fld: {"fields": fld, "reference": {"resource": "nodes", "fields": "node_id"}}  # noqa: E731
    con_fk = lambda fld: {"fields": fld, "reference": {"resource": "concepts", "fields": "concept_id"}}  # noqa: E731
    return {
        "context_statistics": seed004_context.schema(F, SRC),
        "texts": seed004_texts.schema(F, SRC, TEXT_KINDS),
        "plans": {"fields": [
            F("plan_id", "string", "Plan ID", "Plan identifier.", constraints=REQ),
            F("name_ja", "string", "Name (ja)", "Plan name as printed."),
            F("name_en", "string", "Name (en)", "Unofficial English name."),
            F("period_ja", "string", "Period (ja)", "Plan period as printed (004 L103 prints only the first year)."),
            F("start_fy", "integer", "Start FY", "First fiscal year (Western)."),
            F("end_fy", "integer", "End FY", "Last fiscal year; empty: not printed (めざす姿 = 「８年後のあるべき姿」, 004 L19, suggests 2031)."),
            F("publisher_ja", "string", "Publisher", "Publisher."),
        ], "primaryKey": ["plan_id"], "foreignKeys": [], "missingValues": [""]},
        "revisions": {"fields": [
            F("revision_id", "string", "Revision ID", "Revision identifier.", constraints=REQ),
            F("plan_id", "string", "Plan ID", "Plan.", constraints=REQ),
            F("position", "integer", "Position", "1 = oldest."),
            F("stage", "string", "Stage", "Document stage.", constraints={"enum": ["research_draft", "committee_draft", "draft_soan", "draft_an", "adopted", "original", "revised"]}),
            F("label_ja", "string", "Label (ja)", "Label."),
            F("label_en", "string", "Label (en)", "Unofficial English label."),
            F("published", "date", "Published", "Date printed; empty if none."),
            F("date_note", "string", "Date note", "How the date is known."),
        ] + SRC, "primaryKey": ["revision_id"],
            "foreignKeys": [{"fields": "plan_id", "reference": {"resource": "plans", "fields": "plan_id"}}], "missingValues": [""]},
        "concepts": {"fields": [
            F("concept_id", "string", "Concept ID", "Stable id of a 施策 concept across revisions.", constraints=REQ),
            F("name_ja", "string", "Name (ja)", "Name in the latest revision that has it (truncated to 80 characters for long めざす姿 statements)."),
            F("name_en", "string", "Name (en)", "Unofficial English name."),
            F("revisions", "string", "Revisions", "Revision tags (r2023-04-26, r2024) that carry a node with this concept, ';'-separated; empty: only referenced by opinions."),
        ], "primaryKey": ["concept_id"], "foreignKeys": [], "missingValues": [""]},
        "nodes": {"fields": [
            F("node_id", "string", "Node ID", "Node identifier.", constraints=REQ),
            F("revision_id", "string", "Revision", "Revision.", constraints=REQ),
            F("concept_id", "string", "Concept", "Stable concept id (same 施策 in two revisions = same id)."),
            F("parent_id", "string", "Parent", "Parent node; empty for roots."),
            F("level", "string", "Level", "Normalised level.", constraints={"enum": ["pillar", "measure", "project", "aim", "initiative", "section"]}),
            F("level_ja", "string", "Level (ja)", "The document's own term (draft: from 施策体系 001 L192)."),
            F("code", "string", "Code", "Code as printed (r2024 aims/projects: portal scheme P1.1 / P1.1-2, matching the indicator codes)."),
            F("position", "integer", "Position", "Order among siblings."),
            F("name_ja", "string", "Name (ja)", "Name as printed (line-wrap joins; for めざす姿 blocks without a title, the statement)."),
            F("name_en", "string", "Name (en)", "Unofficial English translation."),
            F("vision_ja", "string", "Vision (ja)", "めざす姿 text; bullet lists one item per line."),
            F("direction_ja", "string", "Direction (ja)", "目的と内容 (主な取組み) or descriptive text of the draft item."),
            F("department_ja", "string", "Department", "所管部 (not printed in these documents)."),
            F("status", "string", "Status", "published, or placeholder where the draft prints 「調整中」.", constraints={"enum": ["published", "placeholder"]}),
        ] + SRC, "primaryKey": ["node_id"],
            "foreignKeys": [rev_fk("revision_id"), node_fk("parent_id"), con_fk("concept_id")], "missingValues": [""]},
        "indicators": {"fields": [
            F("indicator_id", "string", "Indicator ID", "Indicator identifier (kind + code, '.' written as '-').", constraints=REQ),
            F("node_id", "string", "Node", "The 主な取組み with the same 番号 in the same めざす姿 block."),
            F("revision_id", "string", "Revision", "Revision."),
            F("code", "string", "Code", "P<推進施策>[.<めざす姿>]-<番号>[a|b] (a/b for printed sub-rows 1-①/1-②)."),
            F("kind", "string", "Kind", "action = 行動量, outcome = 成果指標.", constraints={"enum": ["action", "outcome"]}),
            F("name_ja", "string", "Name (ja)", "Name as printed (line-wrap joins)."),
            F("name_en", "string", "Name (en)", "Unofficial English translation."),
            F("unit", "string", "Unit", "Unit in one spelling (％ written %); empty for prose rows."),
            labelling.UNIT_PRINTED_FIELD,
            F("direction", "string", "Direction", "higher_is_better / lower_is_better; empty where not meaningful.", constraints={"enum": ["higher_is_better", "lower_is_better"]}),
            F("cumulative", "boolean", "Cumulative", "Values are running totals (（累計）)."),
            F("total_semantics", "string", "Total semantics", "How 総量 reads: sum of the four years, cumulative (running total at R9), level (equals the R9 level), none.", constraints={"enum": ["sum", "cumulative", "level", "none"]}),
            F("implementation_plan_ref", "string", "実施計画 ref", "【実施計画 施策x－y】 folded to x-y; empty if not printed."),
            F("note", "string", "Note", "Notes and caveats."),
        ] + SRC, "primaryKey": ["indicator_id"],
            "foreignKeys": [node_fk("node_id"), rev_fk("revision_id")], "missingValues": [""]},
        "observations": {"fields": [
            F("observation_id", "string", "Observation ID", "Identifier.", constraints=REQ),
            F("indicator_id", "string", "Indicator", "Indicator."),
            F("revision_id", "string", "Revision", "Revision."),
            F("series", "string", "Series", "baseline (現況値) or target (令和6–9年度, 総量).", constraints={"enum": ["planned_original", "planned_revised", "actual", "baseline", "target", "target_original"]}),
            F("fiscal_year", "integer", "Fiscal year", "Western FY; empty for 総量 and for baselines printed without 年度."),
            F("is_total", "boolean", "Is total", "true for 総量."),
            F("sub_item", "string", "Sub-item", "Label of one value in a composite cell."),
            F("value", "number", "Value", "Parsed number; empty for ―, prose, 調整中."),
            F("value_text", "string", "Value text", "Cell as printed (line-wrap joins)."),
            F("is_estimate", "boolean", "Is estimate", labelling.IS_ESTIMATE),
            F("as_of", "string", "As of", "時点 as printed (e.g. 令和5年12月時点, 令和5年度見込み)."),
            F("note", "string", "Note", "Notes (column ambiguity, baseline rule)."),
            *labelling.OBSERVATION_FIELDS,
        ] + SRC, "primaryKey": ["observation_id"],
            "foreignKeys": [{"fields": "indicator_id", "reference": {"resource": "indicators", "fields": "indicator_id"}}, rev_fk("revision_id")],
            "missingValues": [""]},
        "crosswalk": {"fields": [
            F("crosswalk_id", "string", "Crosswalk ID", "Identifier.", constraints=REQ),
            F("from_revision_id", "string", "From revision", "Older revision."),
            F("from_node_id", "string", "From node", "Node in the older revision; empty for new."),
            F("to_revision_id", "string", "To revision", "Newer revision."),
            F("to_node_id", "string", "To node", "Node in the newer revision; empty for removed."),
            F("relation", "string", "Relation", "Main relation.", constraints={"enum": ["unchanged", "renamed", "merged", "split", "new", "removed", "filled", "moved", "renumbered"]}),
            F("relations", "string", "Other relations", "Further relations that also apply, ';'-separated."),
            F("note_ja", "string", "Note (ja)", "What changed."),
            F("note_en", "string", "Note (en)", "What changed (English)."),
            F("from_source_document", "string", "From document", "Text file of the older node."),
            F("from_source_lines", "string", "From lines", "Lines in the older document (a-b, comma-separated)."),
            F("from_source_line", "integer", "From line", "First of from_source_lines."),
            F("to_source_document", "string", "To document", "Text file of the newer node."),
            F("to_source_lines", "string", "To lines", "Lines in the newer document."),
            F("to_source_line", "integer", "To line", "First of to_source_lines."),
        ], "primaryKey": ["crosswalk_id"],
            "foreignKeys": [rev_fk("from_revision_id"), rev_fk("to_revision_id"), node_fk("from_node_id"), node_fk("to_node_id")],
            "missingValues": [""]},
        "opinions": {"fields": [
            F("opinion_id", "string", "Opinion ID", "Identifier.", constraints=REQ),
            F("revision_id", "string", "Revision", "Revision the opinion concerns (the 3/27 研究会 material)."),
            F("theme_ja", "string", "Theme", "Theme as printed (「…」に関するご意見)."),
            F("concept_id", "string", "Concept", "Concept the theme maps to (draft 第3節 item)."),
            F("body_ja", "string", "Body", "Opinion as printed (lines joined, bullet glyph removed)."),
            F("meeting_ja", "string", "Meeting", "Meeting as printed."),
            F("date", "date", "Date", "Meeting date (printed 令和5年3月27日 in full-width digits, 001 L577)."),
            F("source_document", "string", "Source document", "Text file the row was read from (document and page: plan-documents)."),
            F("source_line", "integer", "Source line", "First line of the opinion."),
            F("source_line_end", "integer", "Source end line", "Last line of the opinion."),
            F("also_printed_at", "string", "Also printed at", "Line ranges where the same text is printed again (duplicated page L1100–1112)."),
        ], "primaryKey": ["opinion_id"],
            "foreignKeys": [rev_fk("revision_id"), con_fk("concept_id")], "missingValues": [""]},
    }


RES_META = {
    "plans": ("Plan", "計画", "The plan (one row)."),
    "revisions": ("Revisions", "版", "Three stages: the 3/27 study-group material (no node tree, only opinions), the 4/26 council draft (001) and the later text of chapter 4 section 1 (004)."),
    "concepts": ("Concepts", "施策コンセプト", "Stable 施策 concepts shared across revisions."),
    "nodes": ("Plan tree", "計画体系", "Nodes of the draft (001: 第4章 第1節 and 第3節) and of the later text (004: 第1節, 10 推進施策, 15 めざす姿, 39 主な取組み)."),
    "indicators": ("Indicators", "行動量・成果指標", "39 行動量 and 44 成果指標 of 004, as printed (【再掲】 rows kept; P10-5's printed sub-items a) and b) are the indicators P10-5a and P10-5b)."),
    "observations": ("Observations", "現況値・目標値", "One printed cell per row: 現況値 (baseline), 令和6–9年度 targets and 総量 (is_total)."),
    "crosswalk": ("Crosswalk", "版間対応表", "Draft (R5.4.26) 第4章 第1節 → later 第1節. Draft 第3節 items are not mapped: their counterpart (第2節) is not in the later text (section 1 only)."),
    "context_statistics": ("Context statistics", "関連する統計", "Statistics printed beside the text of the measures of "
                           "the later text (004): consultations at the welfare counters, children not attending school "
                           "and the three ほっとスクール (the only per-place figures). Context, not indicators."),
    "texts": ("Texts", "本文", "The printed text around the measures of the later text (004), one paragraph or ● "
              "bullet per row: 現状やこれまでの取組み, 今後の課題 and 取組みの方向性 of each of the 15 めざす姿, and "
              "the 12 コラム (their prose paragraphs); and from the council draft (001) the 基本方針 ①-③, the 視点 ④⑤, the 圏域 and the "
              "策定体制 (node_id empty: about the plan as a whole). Each row carries its source span "
              "(source_line-source_line_end)."),
    "opinions": ("Study-group opinions", "研究会のご意見", "Opinions of the 4th study group (2023-03-27) printed in the study-group opinions (text 001, L1037–1289), 52 unique texts."),
}


def descriptor() -> dict[str, Any]:
    """The datapackage.json descriptor."""
    sch = schemas()
    resources = []
    for name, (title, title_ja, desc) in RES_META.items():
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": title, "title_ja": title_ja,
            "description": desc, "schema": sch[name],
        })
    return {
        "profile": "tabular-data-package",
        "name": "hoken-fukushi-plan",
        "title": "Setagaya Comprehensive Plan for Community Health, Medical Care and Welfare: draft (2023-04-26) and later text of chapter 4 section 1",
        "title_ja": "世田谷区地域保健医療福祉総合計画（審議会R5.4.26素案と第4章第1節の後の版）",
        "description": "Plan tree of two revisions (the council draft of 26 April 2023 and the later text of chapter 4 section 1, early 2024), the 行動量/成果指標 of the later text with baselines, FY2024–2027 targets and totals, a crosswalk between the revisions with stable concept ids, and the dated opinions of the 4th study group (27 March 2023). The later text holds chapter 4 section 1 only; the end year of the plan is not printed. Every figure carries its source line.",
        "description_ja": "世田谷区地域保健医療福祉総合計画の2つの版（審議会（R5.4.26）素案と、第4章第1節の後の版）の計画体系、後の版の行動量・成果指標（現況値、令和6～9年度、総量）、版間対応表、第4回研究会（令和5年3月27日）のご意見。",
        "version": "1.3.1",
        "created": CREATED,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}],
        "attribution_ja": "出典：世田谷区『世田谷区地域保健医療福祉総合計画』審議会（R5.4.26）資料（素案）及び第４章「今後の施策の方向」第１節を加工して作成",
        "sources": [
            {"title": "世田谷区地域保健医療福祉総合計画 素案（審議会（R5.4.26）資料、第４回研究会資料・ご意見を含む）", "path": SEED001, "publisher": "世田谷区"},
            {"title": "世田谷区地域保健医療福祉総合計画 第４章 今後の施策の方向 第１節", "path": SEED004, "publisher": "世田谷区"},
        ],
        "contributors": [{"title": "Setagaya plan-progress portal team", "role": "author"}, {"title": "世田谷区", "role": "publisher"}],
        "keywords": ["世田谷区", "地域保健医療福祉総合計画", "地域包括ケアシステム", "重層的支援体制整備事業", "行動量", "成果指標",
                     "Setagaya", "community health and welfare plan", "integrated community care", "indicators", "plan revisions"],
        "portal": {"changelog": [CHANGELOG_1_0_1, CHANGELOG_1_1_0, CHANGELOG_1_1_1, CHANGELOG_1_2_0, CHANGELOG_1_3_0, CHANGELOG_1_3_1], "kind": "plan", "plan_id": PLAN, "theme": "health-welfare",
                   "translation_note": "English names are unofficial translations by the portal team, not the ward's."},
        "resources": resources,
    }


#: Composite rows whose sub-items are separate things (two areas), published as indicators of their own.
SPLIT = {f"{PLAN}:outcome:p10-5": {"a)多摩川洪水浸水想定区域内": ("a", "in the Tama River flood-risk area"),
                                  "b)多摩川洪水浸水想定区域以外": ("b", "outside the Tama River flood-risk area")}}


def _split(indicators: list[dict[str, Any]], observations: list[dict[str, Any]]) -> tuple[list, list]:
    """Each SPLIT row as one indicator per sub-item (code + a/b as printed), its cells moved to it."""
    out_ind: list[dict[str, Any]] = []
    for ind in indicators:
        parts = SPLIT.get(ind["indicator_id"])
        if not parts:
            out_ind.append(ind)
            continue
        for label, (letter, en) in parts.items():
            out_ind.append({**ind, "indicator_id": ind["indicator_id"] + letter, "code": ind["code"] + letter,
                            "name_ja": f"{ind['name_ja']}（{label[2:]}）", "name_en": f"{ind['name_en']} {en}",
                            "note": f"Printed as sub-item {label} of {ind['code']}; one indicator per sub-item "
                                    "so every series joins on indicator_id."})
    out_obs = []
    for obs in observations:
        parts = SPLIT.get(obs["indicator_id"])
        if parts and obs["sub_item"] in parts:
            letter = parts[obs["sub_item"]][0]
            new_id = obs["indicator_id"] + letter
            obs = {**obs, "indicator_id": new_id, "sub_item": "",
                   "observation_id": new_id + obs["observation_id"][len(obs["indicator_id"]):].rsplit("-", 1)[0]}
        out_obs.append(obs)
    return out_ind, out_obs


def _annual_sub_item(observations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Yearly cells printed without a label, given the annual sub-item beside a running total (累計).

    P5.2-1a/b, P5.2-2 and P10-2 print 整備数/累計整備数 (修了人数/累計人数) for the 現況値 and 総量 but
    the yearly targets once: they are the annual count (their sum is the annual 総量, asserted).
    """
    by_ind: dict[str, list[dict[str, Any]]] = {}
    for obs in observations:
        by_ind.setdefault(obs["indicator_id"], []).append(obs)
    out = []
    for obs in observations:
        rows = by_ind[obs["indicator_id"]]
        labels = {r["sub_item"] for r in rows if r["series"] == "baseline"} - {""}
        annual = [x for x in labels if "累計" not in x]
        if len(labels) == 2 and len(annual) == 1 and not obs["sub_item"] and obs["is_total"] == "false" \
                and obs["series"] == "target":
            yearly = [r for r in rows if r["series"] == "target" and r["is_total"] == "false" and not r["sub_item"]]
            total = next(r for r in rows if r["is_total"] == "true" and r["sub_item"] == annual[0])
            assert sum(float(r["value"] or 0) for r in yearly) == float(total["value"]), obs["indicator_id"]
            obs = {**obs, "sub_item": annual[0]}
        out.append(obs)
    return out


def labelled(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """ROWS with sub-items made joinable and the labelling rules applied (portal/plan/labelling.py)."""
    indicators, observations = _split(rows["indicators"], rows["observations"])
    observations = _annual_sub_item(observations)
    units = {i["indicator_id"]: i["unit"] for i in indicators}
    return {**rows, "indicators": indicators,
            "observations": labelling.label_observations(observations, units)}


def render() -> dict[str, bytes]:
    """Render every output file's bytes, keyed by file name."""
    return packagefiles.package_files(descriptor(), labelled(build()))


def main() -> int:
    """Write the package to datasets/hoken-fukushi-plan/."""
    packagefiles.write_folder(OUT, render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
