"""Extract seed 003 (世田谷区未来つながるプラン 2022-2023 推進状況（案）) into datasets/mirai-plan-2022/.

Usage: python tools/extract/seed003.py [--seed PATH] [--out DIR]

The seed is a plain-text extraction of a PDF (see /work/shared/design/sources/seed-003.md).
The parser is line-oriented and scoped to the 別紙2 施策 pages (lines 1389-4866) and the
別紙2 事業費一覧 (lines 4867-5083). Cells whose layout the generic parser cannot follow
(composite cells, prose cells) are located by hand: every hand-located cell names its line and
the extractor asserts that the printed text really is on that line. No value is computed.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from portal import packagefiles  # noqa: E402  (the portal's one package writer)
from portal.plan import labelling  # noqa: E402  (periods, as_of, units, prose cells)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed003_dx  # noqa: E402  (第3章 ＤＸの推進, its own module)
import seed003_reform  # noqa: E402  (第4章 行政経営改革, its own module)

ROOT = Path(__file__).resolve().parents[2]
SEED_NAME = "003_a0da86d5be0d2af2.txt"
DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / SEED_NAME
DEFAULT_OUT = ROOT / "datasets" / "mirai-plan-2022"

PLAN = "mirai-plan-2022"
REV_ORIG = f"{PLAN}:original"
REV_REV = f"{PLAN}:revised"
CREATED = "2026-11-26T12:00:00+09:00"
VERSION = "1.2.0"
#: What changed in 1.0.1 (a correction: English names and field descriptions; no figure changed).
CHANGELOG_1_0_1 = {
    "version": "1.0.1", "kind": "revision", "date": "2026-12-02",
    "summary_ja": "英語名を用語集どおりに統一（防災塾、延べ数、まちづくりセンター）し、項目の説明を資料の名で書き直した。数値の変更はない。",
    "summary_en": "English names follow the glossary (防災塾, 延べ数, まちづくりセンター) and field descriptions name the "
                  "documents. No figure changed.",
}

#: What 1.1.0 added (new resources; no earlier figure changed).
CHANGELOG_1_2_0 = {
    "version": "1.2.0", "kind": "revision", "date": "2026-12-03",
    "summary_ja": "ラベル付けを統一：observations に期間（period_start_fy・period_end_fy。「2年間の合計」の目標値29件は"
                  "2年間）と、as_of を日付・年度として読んだ列（as_of_month・as_of_fiscal_year）を追加（記載どおりの "
                  "as_of はそのまま）。単位は「%」に統一し、記載どおりの表記を unit_printed に残した。文章のセルの数値は"
                  "1つの規則（数が1つで、その後に指標の単位が続くときだけ value に入れる）で読み、4-4 の成果指標"
                  "「区内３地区で始動」「区内 28 地区で始動」に 3 と 28 が入った。ほかの数値の変更はない。",
    "summary_en": "One labelling: observations gain their period (period_start_fy, period_end_fy; the 29 targets printed "
                  "as 2年間の合計 cover two years) and as_of read as a date (as_of_month, as_of_fiscal_year; the printed "
                  "as_of kept); units spelt one way (%), the printed spelling in unit_printed; prose cells read by one "
                  "rule (a number only when it is the cell's one number and the indicator's unit follows it): the 4-4 "
                  "outcome's 「区内３地区で始動」 and 「区内 28 地区で始動」 now carry 3 and 28. No other figure changed.",
}
CHANGELOG_1_1_0 = {
    "version": "1.1.0", "kind": "revision", "date": "2026-12-02",
    "summary_ja": "概要版の第4章 行政経営改革を追加：35の取組みと効果額（合計6,563,188千円）、公共施設等総合管理計画の3つの表、"
                  "外郭団体の見直し（11団体・5つの方針）。第3章 ＤＸの推進を追加：4つの方針、12の重点取組み、14の取組みの"
                  "取組み内容・4年度の実績等・5年度の予定と、その数値。既存の数値の変更はない。",
    "summary_en": "Added chapter 4 of the summary, administrative reform: the 35 initiatives with their effect amounts "
                  "(total 6,563,188 thousand yen), the three tables of the public facilities management plan and the "
                  "review of affiliated bodies (11 bodies, 5 policies). Added chapter 3, digital transformation: 4 policies, "
                  "12 focus areas and 14 initiatives with their content, FY2022 results and FY2023 plans, and their figures. "
                  "No earlier figure changed.",
}
#: What changed in 1.1.1 (a correction of one English name; no figure changed).
CHANGELOG_1_1_1 = {
    "version": "1.1.1", "kind": "revision", "date": "2026-12-03",
    "summary_ja": "成果指標17-3②（他自治体との連携による区内への自治体産電力供給件数（累計））の英語名を改めた。"
                  "資料は件数が何を数えるかを書いていないので、「Homes in the ward supplied …」（住宅数）をやめ、"
                  "「Cases of supplying municipality-produced electricity into the ward …」（供給の件数）とした。数値の変更はない。",
    "summary_en": "The English name of outcome 17-3② (他自治体との連携による区内への自治体産電力供給件数（累計）) no longer "
                  "reads 'Homes in the ward supplied …': the document counts supplies (件) without saying of what, so it "
                  "now reads 'Cases of supplying municipality-produced electricity into the ward through partnerships "
                  "with other municipalities (cumulative)'. No figure changed.",
}

MEASURE_RANGE = (1389, 4866)  # 19 施策 pages of 別紙2
BUDGET_RANGE = (4867, 5083)  # 別紙2 第2章 2 事業費一覧
ACTUAL_AS_OF = "令和4年12月末現在での令和4年度末見込み"  # line 48 and lines 1147-1149
NOT_ADDITIVE_LINE = 5069
FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CIRCLED = {"①": "1", "②": "2"}


# --------------------------------------------------------------------------- text helpers


def fold_digits(text: str) -> str:
    """Fold full-width digits to ASCII (no NFKC: ① and units stay as printed)."""
    return text.translate(FW_DIGITS)


def clean(text: str) -> str:
    """Drop PDF spacing artefacts: keep a space only between two ASCII characters."""
    text = re.sub(r"\s+", " ", text.strip())
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == " ":
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if out and nxt and out[-1].isascii() and nxt.isascii():
                out.append(" ")
            continue
        out.append(ch)
    return "".join(out)


def join_lines(parts: Iterable[str]) -> str:
    """Join wrapped lines with no space (a space only between two ASCII letters)."""
    result = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if result and result[-1].isascii() and result[-1].isalpha() and part[0].isascii() \
                and part[0].isalpha():
            result += " "
        result += part
    return clean(result)


def number_of(cell: str) -> str:
    """Return the number printed in a cell as an ASCII string ('' if none)."""
    m = re.search(r"[0-9０-９][0-9０-９,，.]*", cell)
    if not m:
        return ""
    return fold_digits(m.group(0)).replace(",", "").replace("，", "").rstrip(".")


def unit_of(cell: str) -> str:
    """Return the unit printed after the number of a cell ('' if none)."""
    m = re.search(r"[0-9０-９][0-9０-９,，.]*\s*(\S*)", cell)
    return m.group(1) if m else ""


CELL_RE = re.compile(
    r"―|検討・調整|（[^）]*）|延べ\s*[0-9０-９][0-9０-９,，.]*\s?[^\s0-9０-９―（]*"
    r"|[0-9０-９][0-9０-９,，.]*\s?[^\s0-9０-９―（]*"
)


def cells(text: str, limit: int | None = None) -> tuple[list[str], str]:
    """Split leading value cells off a line; return (cells, rest of the line)."""
    out: list[str] = []
    pos = 0
    while limit is None or len(out) < limit:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        m = CELL_RE.match(text, pos)
        if not m:
            break
        out.append(m.group(0).strip())
        pos = m.end()
    return out, text[pos:].strip()


# --------------------------------------------------------------------------- data classes


@dataclass
class Seed:
    """The seed text, addressable by 1-based line number."""

    lines: list[str]

    def __getitem__(self, n: int) -> str:
        return self.lines[n - 1]

    def expect(self, n: int, needle: str) -> str:
        """Return line n after asserting that `needle` is printed on it."""
        line = self[n]
        assert needle in line, f"line {n}: expected {needle!r} in {line!r}"
        return line


@dataclass
class Obs:
    """One printed cell of an indicator table."""

    series: str
    fiscal_year: int | None
    is_total: bool
    value_text: str
    line: int
    sub_item: str = ""
    sub_slug: str = ""
    as_of: str = ""
    note: str = ""
    value: str | None = None  # None: parse from value_text

    def number(self) -> str:
        """The numeric value as printed, or '' for ―, 検討・調整 and prose."""
        if self.value is not None:
            return self.value
        return number_of(self.value_text)


@dataclass
class Indicator:
    """One 行動量 or 成果指標 row."""

    kind: str
    project: str  # e.g. "12-3"
    suffix: str  # "", "①", "②"
    name: str
    line: int
    unit: str = ""
    note: str = ""
    obs: list[Obs] = field(default_factory=list)
    reason: str = ""
    reason_line: int = 0
    changed: bool = False
    change_old: tuple[str, int] | None = None
    change_new: tuple[str, int] | None = None

    @property
    def code(self) -> str:
        """Code as printed, e.g. 12-3②."""
        return self.project + self.suffix

    @property
    def slug(self) -> str:
        """ASCII code, e.g. 12-3-2."""
        return self.project + ("-" + CIRCLED[self.suffix] if self.suffix else "")

    @property
    def indicator_id(self) -> str:
        """Portal identifier."""
        return f"{PLAN}:{self.kind}:{self.slug}"


@dataclass
class Project:
    """One 事業."""

    code: str
    name: str
    direction: str
    line: int
    note: str = ""


@dataclass
class Measure:
    """One 施策 with its 事業 and indicators."""

    number: int
    pillar: int
    name: str
    line: int
    vision: str
    departments: list[str]
    marks: str = ""
    projects: list[Project] = field(default_factory=list)
    actions: list[Indicator] = field(default_factory=list)
    outcomes: list[Indicator] = field(default_factory=list)
    bounds: tuple[int, int, int, int] = (0, 0, 0, 0)  # start, action, outcome, end


# --------------------------------------------------------------------------- structure

HEADER_LINES = {
    "事業", "番号", "指標 策定時", "目標値", "（令和 5 年度末）", "目標値変更理由等",
    "事業名 事業の方向性", "取組み 令和 4 年度 令和 5 年度 総量 計画変更理由・内容等",
}


def is_noise(text: str) -> bool:
    """True for blank lines, repeated table headers and lone page numbers."""
    t = text.strip()
    return not t or t in HEADER_LINES or bool(re.fullmatch(r"\d+", t))


def parse_pillars(seed: Seed) -> dict[int, tuple[str, int]]:
    """Pillar names from the page-top lines ' 政策の柱N <name>' (first occurrence)."""
    pillars: dict[int, tuple[str, int]] = {}
    for n in range(MEASURE_RANGE[0], MEASURE_RANGE[1] + 1):
        m = re.match(r"^\s*政策の柱([0-9０-９])\s+(.+?)\s*$", seed[n])
        if m:
            num = int(fold_digits(m.group(1)))
            pillars.setdefault(num, (clean(m.group(2)), n))
    assert sorted(pillars) == [1, 2, 3, 4], pillars
    return pillars


def parse_strategy_marks(seed: Seed) -> dict[int, str]:
    """総合戦略 marks from the 施策一覧 of 別紙2 (lines 1223-1277)."""
    marks: dict[int, str] = {}
    for n in range(1214, 1278):
        m = re.match(r"^(\d+) (.+?)\s+([①②③]*)\s*(\d+)\s*$", seed[n])
        if m:
            marks[int(m.group(1))] = m.group(3)
    assert sorted(marks) == list(range(1, 20)), marks
    return marks


# The 3 事業 whose name and direction share the code line: (line, name as printed).
SAME_LINE_PROJECT_NAMES = {
    1566: "豪雨対策の推進",  # 2-1
    2601: "DX 推進による行政サービスの変革",  # 8-3
    2745: "「就労・就業支援」プロジェクト",  # 9-5
}
# Footnote markers glued to words (their footnotes are at 2987-2991); removed from names.
FOOTNOTE_FIXES = {
    2943: ("エコシステム1の", "エコシステムの"),  # 施策10 目指す姿, footnote 1
    2954: ("ハンズオン支援2の", "ハンズオン支援の"),  # 10-1 name, footnote 2
    2960: ("PORT3による", "PORTによる"),  # 10-2 name, footnote 3
}


# Footnotes of those markers (printed after the 所管部 line / under the page), kept in nodes.note.
FOOTNOTES = {
    "measure-10": (2987,),  # 1 エコシステム
    "project-10-1": (2988, 2990),  # 2 地域連携型ハンズオン支援事業 (wrapped over 2988/2990)
    "project-10-2": (2991,),  # 3 SETAGAYA PORT
    "project-13-2": (3535,),  # 4 ユニット (marker printed on its own line 3522, dropped as noise)
}


def footnote(seed: Seed, local: str) -> str:
    """The footnote text for a node, without its number ('' if none)."""
    if local not in FOOTNOTES:
        return ""
    text = join_lines(seed[n] for n in FOOTNOTES[local])
    m = re.match(r"^[1-4]\s?(\S.*)$", text)
    assert m, text
    return "注：" + m.group(1)


def line_text(seed: Seed, n: int) -> str:
    """Line n with the documented footnote-marker corrections applied."""
    text = seed[n]
    if n in FOOTNOTE_FIXES:
        old, new = FOOTNOTE_FIXES[n]
        assert old in text, (n, text)
        text = text.replace(old, new)
    return text


def parse_measures(seed: Seed) -> list[Measure]:
    """Find the 19 施策 blocks and parse name, 目指す姿, 事業 and 所管部."""
    marks = parse_strategy_marks(seed)
    starts = [
        n for n in range(MEASURE_RANGE[0], MEASURE_RANGE[1] + 1)
        if re.match(r"^\s*政策の柱[0-9０-９]", seed[n])
        and seed[n + 1].strip() == "" and any(seed[k].strip() == "施策" for k in range(n, n + 6))
    ]
    assert len(starts) == 19, starts
    measures: list[Measure] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < 19 else MEASURE_RANGE[1]
        pillar = int(fold_digits(re.match(r"^\s*政策の柱([0-9０-９])", seed[start]).group(1)))
        n = start + 1
        while seed[n].strip() != "施策":
            n += 1
        n += 1
        while not seed[n].strip():
            n += 1
        number = int(fold_digits(seed[n].strip()))
        assert number == i + 1, (n, seed[n])
        name_lines: list[int] = []
        n += 1
        while seed[n].strip() != "目指す姿":
            if seed[n].strip():
                name_lines.append(n)
            n += 1
        name = join_lines(seed[k] for k in name_lines)
        vision_parts: list[str] = []
        n += 1
        while not seed[n].startswith("■施策を構成する事業"):
            vision_parts.append(line_text(seed, n))
            n += 1
        projects_start = n
        action = next(k for k in range(n, end) if "■実現に向けた取組み（行動量）" in seed[k])
        outcome = next(k for k in range(action, end) if seed[k].strip() == "■成果指標")
        dept_line = next(k for k in range(n, action) if seed[k].startswith("所管部："))
        departments = [d.strip() for d in seed[dept_line][len("所管部："):].split("、")]
        m = Measure(
            number=number, pillar=pillar, name=name, line=name_lines[0],
            vision=join_lines(vision_parts), departments=departments,
            marks=marks[number], bounds=(start, action, outcome, end),
        )
        m.projects = parse_projects(seed, number, projects_start, dept_line)
        measures.append(m)
    assert [m.pillar for m in measures] == [1] * 7 + [2] * 4 + [3] * 4 + [4] * 4
    return measures


def parse_projects(seed: Seed, number: int, start: int, stop: int) -> list[Project]:
    """Parse the 事業 table: code, name (short lines), direction (long lines)."""
    projects: list[Project] = []
    cur: dict | None = None
    for n in range(start + 1, stop):
        text = line_text(seed, n)
        if is_noise(text):
            continue
        m = re.match(rf"^({number}-\d+)\s*(.*)$", text.strip())
        if m:
            cur = {"code": m.group(1), "line": n, "name": [], "dir": [], "note": []}
            projects.append(cur)  # type: ignore[arg-type]
            rest = m.group(2).strip()
            if n in SAME_LINE_PROJECT_NAMES:
                pname = SAME_LINE_PROJECT_NAMES[n]
                assert rest.startswith(pname), (n, rest)
                cur["name"].append(pname)
                cur["dir"].append(rest[len(pname):])
            elif rest:
                cur["name"].append(rest)
            continue
        assert cur is not None, (n, text)
        if cur["note"] or text.strip().startswith("※"):
            cur["note"].append(text)  # 13-2: explanatory ※ block (lines 3519-3525)
        elif not cur["dir"] and len(text.strip()) <= 25:
            cur["name"].append(text)  # short line before any direction line: wrapped name
        else:
            cur["dir"].append(text)
    result = []
    for p in projects:
        # 13-2: the ※ block (3519-3525): heading line, then body; the heading is kept apart by
        # one space. Its footnote marker '4' (3522) is a lone digit and was dropped as noise.
        note = " ".join([join_lines(p["note"][:1]), join_lines(p["note"][1:])]).strip()
        result.append(Project(p["code"], join_lines(p["name"]), join_lines(p["dir"]), p["line"],
                              note))
    return result


# --------------------------------------------------------------------------- 行動量


def parse_actions(seed: Seed, m: Measure) -> list[Indicator]:
    """Parse the 行動量 table of one 施策 (generic rows + hand-located composite rows)."""
    _, start, stop, _ = m.bounds
    rows: list[tuple[int, list[int]]] = []
    for n in range(start + 1, stop):
        if is_noise(seed[n]) or "※令和４年度実績は見込み" in seed[n]:
            continue
        if re.match(rf"^{m.number}-\d+(\s|$)", seed[n].strip()):
            rows.append((n, []))
        else:
            assert rows, (n, seed[n])
            rows[-1][1].append(n)
    result = []
    for code_line, body in rows:
        code, rest = re.match(r"^(\d+-\d+)\s*(.*)$", seed[code_line].strip()).groups()
        suffix = ""
        if body and seed[body[0]].strip() in CIRCLED:
            suffix = seed[body[0]].strip()
            body = body[1:]
        key = code + suffix
        if key in COMPOSITE_ACTIONS:
            result.append(COMPOSITE_ACTIONS[key](seed, code, suffix, code_line))
            continue
        result.append(parse_action_row(seed, code, suffix, code_line, rest, body))
    return result


def parse_action_row(seed: Seed, code: str, suffix: str, code_line: int, rest: str,
                     body: list[int]) -> Indicator:
    """Parse one standard 行動量 row."""
    i = 0
    name_parts = [rest] if rest else []
    while not seed[body[i]].strip().startswith("当初計画"):
        name_parts.append(seed[body[i]])
        i += 1
    ind = Indicator("action", code, suffix, join_lines(name_parts), code_line)
    plan_line = body[i]
    plan, reason_rest = cells(seed[plan_line].strip()[len("当初計画"):], limit=3)
    i += 1
    plan_lines = [plan_line] * len(plan)
    if len(plan) == 2 and not reason_rest:
        # Cumulative rows: 総量 on the next line, '（累計）' after it (e.g. 2158/2159/2161).
        total_line = body[i]
        plan.append(seed[total_line].strip())
        plan_lines.append(total_line)
        i += 1
        assert seed[body[i]].strip() == "（累計）", body[i]
        ind.note = "総量（累計）"
        i += 1
    assert len(plan) == 3, (code_line, plan)
    reason_parts = [reason_rest] if reason_rest else []
    reason_line = plan_line if reason_rest else 0
    while not re.match(r"^(―\s+)?修正計画", seed[body[i]].strip()):
        reason_parts.append(seed[body[i]])
        reason_line = reason_line or body[i]
        i += 1
    rev_line = body[i]
    rev_text = seed[rev_line].strip()
    unchanged = rev_text.startswith("―")
    rev, rest_rev = cells(rev_text.split("修正計画", 1)[1], limit=3)
    assert len(rev) == 3 and not rest_rev, (rev_line, rev)
    i += 1
    act_line = body[i]
    act_m = re.match(r"^実\s+績 (.*)$", seed[act_line].strip())
    assert act_m, act_line
    actual = [c.strip() for c in re.split(r"\s{2,}", act_m.group(1).strip())]
    assert len(actual) == 2, (act_line, actual)
    assert i == len(body) - 1, (code_line, body[i + 1:])
    ind.unit = next((unit_of(c) for c in plan + rev if number_of(c)), "")
    ind.obs = [
        Obs("planned_original", 2022, False, plan[0], plan_lines[0]),
        Obs("planned_original", 2023, False, plan[1], plan_lines[1]),
        Obs("planned_original", None, True, plan[2], plan_lines[2]),
        Obs("planned_revised", 2022, False, rev[0], rev_line),
        Obs("planned_revised", 2023, False, rev[1], rev_line),
        Obs("planned_revised", None, True, rev[2], rev_line),
        Obs("actual", 2022, False, actual[0], act_line, as_of=ACTUAL_AS_OF),
        Obs("actual", None, True, actual[1], act_line, as_of=ACTUAL_AS_OF),
    ]
    if unchanged:
        assert rev == ["―"] * 3 and not reason_parts, code_line
    else:
        ind.changed = True
        ind.reason = join_lines(reason_parts)
        ind.reason_line = reason_line
        ind.change_old = (plan[1], plan_lines[1])
        ind.change_new = (rev[1], rev_line)
    return ind


def composite_cells(seed: Seed, spec: list[tuple[str, int | None, bool, str, str, int]],
                    ) -> list[Obs]:
    """Build observations from hand-located cells: (series, fy, total, slug, label, line)."""
    out = []
    for series, fy, total, slug, label, n in spec:
        text = seed[n].strip()
        if label and not text.startswith(label):
            # the label is on the line above the value (13-2 'グループホーム' / '：5 人')
            text = label + text
        out.append(Obs(series, fy, total, text, n, sub_item=label.rstrip("：）") if label else "",
                       sub_slug=slug, as_of=ACTUAL_AS_OF if series == "actual" else ""))
    return out


def action_2_3(seed: Seed, code: str, suffix: str, code_line: int) -> Indicator:
    """2-3 (lines 1630-1680): cells hold a）件 and b）枚; reason starts on 1655 after 'b）12,000 枚'."""
    ind = Indicator("action", code, suffix, join_lines([seed[1632], seed[1634]]), code_line)
    ind.note = ("複合セル: a）支援対象建築物への直接周知件数（件）, b）掲示物を通じての周知枚数（枚）"
                "（lines 1636-1642）")
    seed.expect(1644, "当初計画")
    seed.expect(1663, "修正計画 ―")
    seed.expect(1672, "実  績")
    assert seed[1676].strip() == "", "1676 is the blank R5 actual cell"
    a, b = "a）", "b）"
    spec = [
        ("planned_original", 2022, False, "a", a, 1645), ("planned_original", 2022, False, "b", b, 1647),
        ("planned_original", 2023, False, "a", a, 1649), ("planned_original", 2023, False, "b", b, 1651),
        ("planned_original", None, True, "a", a, 1653), ("planned_original", None, True, "b", b, 1655),
        ("planned_revised", 2023, False, "a", a, 1664), ("planned_revised", 2023, False, "b", b, 1666),
        ("planned_revised", None, True, "a", a, 1668), ("planned_revised", None, True, "b", b, 1670),
        ("actual", 2022, False, "a", a, 1673), ("actual", 2022, False, "b", b, 1675),
        ("actual", None, True, "a", a, 1678), ("actual", None, True, "b", b, 1680),
    ]
    ind.obs = composite_cells(seed, spec)
    labels = {"a": "a）支援対象建築物への直接周知件数", "b": "b）掲示物を通じての周知枚数"}
    for o in ind.obs:
        o.sub_item = labels[o.sub_slug]
    # 1655 'b）12,000 枚 a）直接周知を早期に…': the cell is 'b）12,000 枚', the rest is the reason.
    cell_1655, reason_rest = cells(seed[1655].strip()[2:], limit=1)
    ind.obs[5].value_text = "b）" + cell_1655[0]
    ind.obs.insert(6, Obs("planned_revised", 2022, False, "―", 1663))
    ind.changed = True
    ind.reason = join_lines([reason_rest] + [seed[k] for k in (1657, 1659, 1661)])
    ind.reason_line = 1655
    ind.change_old = (seed[1649].strip(), 1649)
    ind.change_new = (seed[1664].strip(), 1664)
    return ind


def action_13_2(seed: Seed, code: str, suffix: str, code_line: int) -> Indicator:
    """13-2 (lines 3559-3613): each cell is 'グループホーム' / '：5 人' / 'ユニット' / '：6.5 人'."""
    name = join_lines([seed[3561], seed[3563], seed[3565]])
    ind = Indicator("action", code, suffix, name, code_line, unit="人")
    ind.note = "複合セル: グループホーム / ユニット（１単位あたりの定員数の平均値）"
    seed.expect(3567, "当初計画")
    seed.expect(3593, "― 修正計画 ― ― ―")
    seed.expect(3595, "実  績")
    g, u = "グループホーム", "ユニット"
    spec = []
    for series, fy, total, first in [
        ("planned_original", 2022, False, 3569), ("planned_original", 2023, False, 3577),
        ("planned_original", None, True, 3585), ("actual", 2022, False, 3597),
        ("actual", None, True, 3607),
    ]:
        seed.expect(first, g)
        seed.expect(first + 4, u)
        spec.append((series, fy, total, "group-home", g, first + 2))
        spec.append((series, fy, total, "unit", u, first + 6))
    ind.obs = composite_cells(seed, spec)
    for o in ind.obs:
        o.value_text = o.sub_item + seed[o.line].strip()
    for fy, total in [(2022, False), (2023, False), (None, True)]:
        ind.obs.append(Obs("planned_revised", fy, total, "―", 3593))
    return ind


def action_19_3_2(seed: Seed, code: str, suffix: str, code_line: int) -> Indicator:
    """19-3② (lines 4693-4747): 電線共同溝整備 (ｍ) and 歩道築造 (㎡); R5 has 歩道築造 only."""
    ind = Indicator("action", code, suffix, join_lines([seed[4697], seed[4699]]), code_line)
    ind.note = ("複合セル: 電線共同溝整備（ｍ）/ 歩道築造（㎡）。令和5年度の当初計画は歩道築造のみ"
                "（電線共同溝整備の欄は空白, lines 4711-4713）")
    seed.expect(4701, "当初計画")
    seed.expect(4727, "― 修正計画 ― ― ―")
    seed.expect(4729, "実  績")
    e, s = "電線共同溝整備", "歩道築造"
    spec = []
    for series, fy, total, e_label_line, s_label_line in [
        ("planned_original", 2022, False, 4703, 4707), ("planned_original", 2023, False, None, 4715),
        ("planned_original", None, True, 4719, 4723), ("actual", 2022, False, 4731, 4735),
        ("actual", None, True, 4741, 4745),
    ]:
        if e_label_line:
            seed.expect(e_label_line, e)
            spec.append((series, fy, total, "utility-conduit", e, e_label_line + 2))
        seed.expect(s_label_line, s)
        spec.append((series, fy, total, "sidewalk", s, s_label_line + 2))
    ind.obs = composite_cells(seed, spec)
    for o in ind.obs:
        o.value_text = o.sub_item + " " + seed[o.line].strip()
    for fy, total in [(2022, False), (2023, False), (None, True)]:
        ind.obs.append(Obs("planned_revised", fy, total, "―", 4727))
    return ind


COMPOSITE_ACTIONS = {"2-3": action_2_3, "13-2": action_13_2, "19-3②": action_19_3_2}


# --------------------------------------------------------------------------- 成果指標

VALUE_START = re.compile(r"^(―|[0-9０-９]|【)")


def parse_outcomes(seed: Seed, m: Measure) -> list[Indicator]:
    """Parse the 成果指標 table of one 施策."""
    _, _, start, stop = m.bounds
    rows: list[tuple[int, list[int]]] = []
    for n in range(start + 1, stop + 1):
        if is_noise(seed[n]) or re.match(r"^\s*政策の柱", seed[n]):
            continue
        if re.match(rf"^{m.number}-\d+(\s|$)", seed[n].strip()):
            rows.append((n, []))
        else:
            assert rows, (n, seed[n])
            rows[-1][1].append(n)
    result = []
    for code_line, body in rows:
        code, rest = re.match(r"^(\d+-\d+)\s*(.*)$", seed[code_line].strip()).groups()
        suffix = ""
        if body and seed[body[0]].strip() in CIRCLED:
            suffix = seed[body[0]].strip()
            body = body[1:]
        key = code + suffix
        if key in HAND_OUTCOMES:
            result.append(HAND_OUTCOMES[key](seed, code, suffix, code_line))
        else:
            result.append(parse_outcome_row(seed, code, suffix, code_line, rest, body))
    return result


def parse_as_of(qual: str) -> tuple[str, int | None]:
    """'（令和 2 年度）' -> ('令和2年度', 2020); month-dated notes get no fiscal year."""
    as_of = clean(qual.strip("（）"))
    m = re.fullmatch(r"令和([0-9０-９]+|元)年度", as_of)
    if not m:
        return as_of, None
    era = 1 if m.group(1) == "元" else int(fold_digits(m.group(1)))
    return as_of, 2018 + era


def parse_outcome_row(seed: Seed, code: str, suffix: str, code_line: int, rest: str,
                      body: list[int]) -> Indicator:
    """Parse one standard 成果指標 row: name, baseline (+as-of), target (+qualifier), reason."""
    frags: list[tuple[int, str]] = [(code_line, rest)] + [(n, seed[n].strip()) for n in body]
    name_parts: list[str] = []
    values: list[tuple[int, str]] = []
    for n, text in frags:
        if values or VALUE_START.match(text):
            values.append((n, text))
        elif " ―" in text:
            name, val = text.split(" ―", 1)
            name_parts.append(name)
            values.append((n, "―" + val))
        elif text:
            name_parts.append(text)
    name = join_lines(name_parts)
    note = ""
    if "※" in name:
        name, note = name.split("※", 1)
        note = "※" + note
    ind = Indicator("outcome", code, suffix, name, code_line, note=note)
    slots: dict[str, tuple[str, int]] = {}
    reason: list[tuple[int, str]] = []
    for n, text in values:
        if "target" in slots and ("t_qual" in slots or not text.startswith("（")):
            reason.append((n, text))
            continue
        toks, remainder = cells(text)
        for tok in toks:
            if "target" in slots and "t_qual" not in slots and tok.startswith("（"):
                slots["t_qual"] = (tok, n)
            elif "target" in slots:
                remainder = (tok + " " + remainder).strip()
                break
            elif "baseline" not in slots:
                slots["baseline"] = (tok, n)
            elif tok.startswith("（"):
                assert "b_qual" not in slots, (n, tok)
                slots["b_qual"] = (tok, n)
            else:
                slots["target"] = (tok, n)
        if remainder:
            reason.append((n, remainder))
    assert "baseline" in slots and "target" in slots, (code_line, slots)
    base_text, base_line = slots["baseline"]
    as_of, fy = parse_as_of(slots["b_qual"][0]) if "b_qual" in slots else ("", None)
    tgt_text, tgt_line = slots["target"]
    t_note = clean(slots["t_qual"][0]) if "t_qual" in slots else ""
    ind.unit = next((unit_of(c) for c in (tgt_text, base_text) if number_of(c)), "")
    ind.obs = [
        Obs("baseline", fy, False, base_text, base_line, as_of=as_of),
        Obs("target", 2023, False, tgt_text, tgt_line, as_of="令和5年度末", note=t_note),
    ]
    if [t for _, t in reason] == ["―"]:
        return ind
    assert reason and reason[-1][1].startswith("【目標値（策定時）】"), (code_line, reason)
    old_line, old_text = reason[-1]
    old_cells, old_rest = cells(old_text[len("【目標値（策定時）】"):])
    assert 1 <= len(old_cells) <= 2 and not old_rest, (old_line, old_cells)
    ind.obs.append(Obs("target_original", 2023, False, old_cells[0], old_line, as_of="令和5年度末",
                       note=clean(old_cells[1]) if len(old_cells) > 1 else ""))
    ind.changed = True
    ind.reason = join_lines(t for _, t in reason[:-1])
    ind.reason_line = reason[0][0]
    ind.change_old = (old_cells[0], old_line)
    ind.change_new = (tgt_text, tgt_line)
    return ind


def outcome_2_3(seed: Seed, code: str, suffix: str, code_line: int) -> Indicator:
    """2-3 (lines 1729-1743): 耐震診断 / 耐震改修等, baseline 令和２年度, 2-year target."""
    name = seed[code_line].strip()[len(code):]
    ind = Indicator("outcome", code, suffix, clean(name), code_line, unit="件")
    ind.note = "複合セル: 耐震診断 / 耐震改修等"
    as_of, fy = parse_as_of(seed.expect(1735, "（令和２年度）").strip())
    t_note = clean(seed.expect(1741, "（2 年間の合計）"))
    seed.expect(1743, "―")
    for slug, label, b_line, t_line in [("diagnosis", "耐震診断", 1731, 1737),
                                         ("retrofit", "耐震改修等", 1733, 1739)]:
        seed.expect(b_line, label + "：")
        seed.expect(t_line, label + "：")
        ind.obs.append(Obs("baseline", fy, False, seed[b_line].strip(), b_line, label, slug, as_of))
        ind.obs.append(Obs("target", 2023, False, seed[t_line].strip(), t_line, label, slug,
                           "令和5年度末", t_note))
    return ind


def outcome_4_4(seed: Seed, code: str, suffix: str, code_line: int) -> Indicator:
    """4-4 (lines 2041-2049): prose cells '区内３地区で始動' -> '区内 28 地区で始動'."""
    ind = Indicator("outcome", code, suffix, join_lines([seed[2042], seed[2044]]), code_line,
                    unit="地区")
    as_of, fy = parse_as_of(seed.expect(2048, "（令和 3 年 12 月時点）").strip())
    base = seed.expect(2046, "区内３地区で始動").strip()
    tgt = seed.expect(2049, "区内 28 地区で始動 ―").strip()[:-1].strip()
    ind.note = "値は文で印字（「区内３地区で始動」「区内 28 地区で始動」）; 数値は印字どおり抽出"
    ind.obs = [Obs("baseline", fy, False, base, 2046, as_of=as_of),
               Obs("target", 2023, False, tgt, 2049, as_of="令和5年度末")]
    return ind


def outcome_6_1(seed: Seed, code: str, suffix: str, code_line: int) -> Indicator:
    """6-1 (lines 2369-2395): two documents; the cells are prose, no numeric value."""
    # The name is printed as two separate items (2371, 2373-2375); the portal joins them with ／.
    name = join_lines([seed[2371]]) + "／" + join_lines([seed[2373], seed[2375]])
    ind = Indicator("outcome", code, suffix, name, code_line)
    ind.note = "文で表す指標（計画・マニュアルの改訂）。数値なし。名称の「／」は2項目の区切りとして付加"
    seed.expect(2395, "―")
    items = [("flu-plan", "新型インフルエンザ等対策行動計画", (2377, 2379, 2381), (2387, 2389)),
             ("manual", "健康危機管理マニュアル", (2383, 2385), (2391, 2393))]
    for slug, label, b_lines, t_lines in items:
        seed.expect(b_lines[0], label[:8])
        seed.expect(t_lines[0], label[:8])
        ind.obs.append(Obs("baseline", None, False, join_lines(seed[k] for k in b_lines),
                           b_lines[0], label, slug, value=""))
        ind.obs.append(Obs("target", 2023, False, join_lines(seed[k] for k in t_lines),
                           t_lines[0], label, slug, "令和5年度末", value=""))
    return ind


def outcome_19_3_2(seed: Seed, code: str, suffix: str, code_line: int) -> Indicator:
    """19-3② (lines 4854-4866): baseline ―, targets 電線共同溝整備 100％ / 歩道築造 100％."""
    ind = Indicator("outcome", code, suffix, join_lines([seed[4858], seed[4860]]), code_line,
                    unit="％")
    ind.note = "複合セル: 電線共同溝整備 / 歩道築造"
    seed.expect(4861, "―")
    seed.expect(4866, "―")
    ind.obs.append(Obs("baseline", None, False, "―", 4861))
    for slug, label, n in [("utility-conduit", "電線共同溝整備", 4863), ("sidewalk", "歩道築造", 4865)]:
        ind.obs.append(Obs("target", 2023, False, seed.expect(n, label).strip(), n, label, slug,
                           "令和5年度末"))
    return ind


HAND_OUTCOMES = {"2-3": outcome_2_3, "4-4": outcome_4_4, "6-1": outcome_6_1,
                 "19-3②": outcome_19_3_2}


# --------------------------------------------------------------------------- semantics

# 総量 of a 行動量 row that is a level or a rate, not R4 + R5 (seed-003.md §2; judged by reading):
LEVEL_TOTALS = {
    "4-2": "rate: 総量 repeats the FY2023 rate (80％, 90％ → 90％), line 1964",
    "8-1": "level: 28 地区 is the number of districts reached by FY2023, line 2621",
    "8-2": "level: 5 地域 is the number of areas reached by FY2023, line 2637",
    "12-1①": "level: registered capacity (100 名, 140 名 → 140 名), line 3329",
    "12-3②": "level: districts with a network (15, 28 → 28 地区), line 3393",
    "13-2": "level: averages per unit (平均値); 総量 repeats the FY2023 value, lines 3567-3591",
    "16-3②": "level: installed tablets (7, 7 → 7 台), line 4113",
}
NO_TOTAL = {"14-1": "rate: 総量 printed as ―, line 3709"}
# Indicators where a lower value is the aim (seed-003.md §2, plus 13-2 by judgement):
LOWER_IS_BETTER = {
    ("outcome", "15-2②"): "どこにもつながっていない不登校児童・生徒の割合 (19.6％ → 17.6％)",
    ("outcome", "18-1"): "食品ロス排出量 (10,165t → 9,564t)",
    ("outcome", "18-2"): "ごみ排出量 (550 → 498 g/人・日)",
    ("outcome", "18-3"): "事業系ごみ排出量 (47,005t → 42,305t)",
    ("action", "13-2"): "定員数 per unit is to be reduced (事業 13-2 note, lines 3521-3525)",
}


def action_semantics(ind: Indicator) -> tuple[bool, str]:
    """(cumulative, total_semantics) of a 行動量 row."""
    if ind.note.startswith("総量（累計）"):
        return True, "cumulative"
    if ind.code in LEVEL_TOTALS:
        return False, "level"
    if ind.code in NO_TOTAL:
        return False, "none"
    return False, "sum"


def check_action_sums(ind: Indicator, semantics: str) -> None:
    """Assert that 当初計画 R4 + R5 = 総量 exactly for 'sum' rows (a check, nothing written)."""
    by_key: dict[tuple[str, str], dict[str, str]] = {}
    for o in ind.obs:
        if o.series == "planned_original":
            by_key.setdefault(("po", o.sub_slug), {})["T" if o.is_total else str(o.fiscal_year)] = \
                o.number()
    for vals in by_key.values():
        if not all(vals.get(k) for k in ("2022", "2023", "T")):
            continue
        ok = abs(float(vals["2022"]) + float(vals["2023"]) - float(vals["T"])) < 1e-9
        if semantics == "sum":
            assert ok, (ind.code, vals)
        elif semantics in ("level", "cumulative") and ind.code != "13-2":
            assert not ok, (ind.code, vals)


# --------------------------------------------------------------------------- English names
# Unofficial translations by the portal team (see portal.translation_note).

PILLAR_EN = {
    1: "Protecting the health and lives of all residents, including older people and people "
       "with disabilities",
    2: "Supporting the activities of residents and businesses and revitalising local communities",
    3: "Supporting the learning and growth of children and young people",
    4: "Building a sustainable society for the post-COVID era",
}

MEASURE_EN = {
    1: "Strengthening community disaster preparedness",
    2: "Building a safe, disaster-resilient city",
    3: "Supporting people in social withdrawal (hikikomori)",
    4: "Comprehensive dementia policy under the Setagaya Ordinance on Living with Dementia "
       "with Hope",
    5: "Supporting people with disabilities to live in the community",
    6: "Maintaining and improving residents' health and strengthening health-crisis management",
    7: "Housing support so that people can keep living safely in a familiar neighbourhood",
    8: "Promoting community-based local administration",
    9: "Encouraging older people to take part in community life",
    10: "Laying the foundations of a sustainable local economy",
    11: "Creating a new library as an information hub for knowledge, learning and culture",
    12: "Supporting children and families who need help",
    13: "Promoting social care for children (alternative care)",
    14: "New forms of education built on the ICT infrastructure",
    15: "High-quality education and childcare centred on the Education Centre",
    16: "Respecting diversity",
    17: "Climate change mitigation and adaptation",
    18: "Promoting the 3Rs towards a circular society",
    19: "Attractive town planning through participation and collaboration",
}

PROJECT_EN = {
    "1-1": "Disaster preparedness of residents and neighbourhoods",
    "1-2": "Measures for evacuees",
    "2-1": "Measures against torrential rain",
    "2-2": "Eliminating densely built wooden-housing areas",
    "2-3": "Promoting earthquake-resistant buildings",
    "2-4": "Promoting priority road projects",
    "3-1": "Consultation and support for hikikomori and others who find life hard",
    "3-2": "Closer cooperation between support organisations",
    "3-3": "Promoting public understanding of hikikomori",
    "4-1": "Information and sharing project",
    "4-2": "Self-advocacy and participation project (people living with dementia)",
    "4-3": "\"My Hope File\" project",
    "4-4": "Community-building project",
    "5-1": "Promoting understanding of disability and publicising the elimination of "
           "discrimination",
    "5-2": "Support for children (and adults) who need medical care",
    "5-3": "Improving mental-health disability services",
    "6-1": "Strengthening health-crisis management",
    "6-2": "Mental health promotion",
    "6-3": "Preventing lifestyle-related diseases",
    "7-1": "Help finding housing for older people, people with disabilities and others who "
           "need support to secure housing",
    "7-2": "Housing stability for single-parent households",
    "8-1": "Strengthening the functions of the community development centres "
           "(machizukuri centres)",
    "8-2": "Strengthening the functions of the general branch offices",
    "8-3": "Transforming administrative services through digital transformation (DX)",
    "9-1": "\"Places to belong\" project",
    "9-2": "\"Health promotion\" project",
    "9-3": "\"Community participation and contribution\" project",
    "9-4": "\"Knowledge and learning\" project",
    "9-5": "\"Employment and work support\" project",
    "10-1": "Community-linked hands-on business support",
    "10-2": "Creating new industries through SETAGAYA PORT",
    "10-3": "Running the Sangenjaya Employment Support Centre",
    "10-4": "Matching local companies with job seekers",
    "11-1": "Promoting children's reading",
    "11-2": "Expanding problem-solving support services",
    "11-3": "More resident participation in library management and services",
    "11-4": "Strengthening the management role of the Central Library",
    "12-1": "Support for children and families facing hardship",
    "12-2": "Support for single-parent families",
    "12-3": "Strengthening neighbourhood watch networks based at children's centres (jidokan)",
    "13-1": "Promoting alternative care in a family-like environment",
    "13-2": "Making residential care facilities as family-like as possible",
    "14-1": "Promoting learning with ICT",
    "14-2": "Improving the ICT environment",
    "14-3": "Supporting and training teaching staff",
    "15-1": "Strengthening support for schools and teaching staff",
    "15-2": "Strengthening child support, educational counselling and individual support",
    "15-3": "Strengthening and expanding support for early-childhood education and care",
    "15-4": "Strengthening links with the community and society",
    "16-1": "Promoting human-rights policies",
    "16-2": "Promoting gender equality",
    "16-3": "Promoting multicultural coexistence",
    "17-1": "Shifting to environmentally friendly lifestyles",
    "17-2": "Promoting environmentally friendly housing",
    "17-3": "Promoting Setagaya RE100 (wider use of renewable energy)",
    "17-4": "Conserving and creating greenery",
    "18-1": "Reducing food waste (kitchen waste) and food loss",
    "18-2": "Reuse and recycling to reduce waste",
    "18-3": "Encouraging business-led 3R activities",
    "19-1": "Promoting district-level town planning",
    "19-2": "Promoting urban development projects",
    "19-3": "Safe and secure hubs through continuous grade-separation (railway) projects",
}

INDICATOR_EN = {
    # 行動量 (action)
    ("action", "1-1①"): "Participants in disaster-preparedness workshops (bosai-juku)",
    ("action", "1-1②"): "Participants in follow-up training for women disaster-preparedness "
                        "coordinators",
    ("action", "1-2"): "Individual evacuation plans drawn up",
    ("action", "2-1"): "Rainwater runoff control facilities installed",
    ("action", "2-2①"): "Applications for subsidies to demolish or rebuild old buildings",
    ("action", "2-2②"): "Land acquired for roads, parks etc. (area)",
    ("action", "2-3"): "Raising awareness of the need for seismic retrofitting",
    ("action", "2-4"): "Area of priority roads built",
    ("action", "3-1"): "People consulting the hikikomori consultation desk",
    ("action", "3-2"): "Support (coordination) meetings where staff of several agencies share "
                       "information and discuss support plans",
    ("action", "3-3"): "Participants in seminars etc. for families of people in social "
                       "withdrawal and the general public",
    ("action", "4-1"): "Participants in lectures etc. aimed at changing views of dementia",
    ("action", "4-2"): "Share of dementia-related meetings in which people living with "
                       "dementia take part",
    ("action", "4-3"): "Participants in lectures etc. promoting the \"My Hope File\"",
    ("action", "4-4"): "Planning meetings held towards forming action teams in each district",
    ("action", "5-1"): "Organisations receiving outreach lectures or instructors",
    ("action", "5-2①"): "Participants in training for staff supporting medical care "
                        "(counting repeats)",
    ("action", "5-2②"): "Places for children needing medical care at designated ward "
                        "nurseries (cumulative)",
    ("action", "5-3"): "New groups doing peer-support work with peer supporters and "
                       "support workers",
    ("action", "6-1"): "Meetings of the health-crisis liaison committee and the pandemic "
                       "influenza regional medical-care subcommittee",
    ("action", "6-2①"): "Participants in mental-health courses",
    ("action", "6-2②"): "Users of the night and holiday mental-health telephone line",
    ("action", "6-3"): "New partner businesses and organisations for lifestyle-disease "
                       "prevention awareness (cumulative)",
    ("action", "7-1"): "People using the flat-hunting support service",
    ("action", "7-2"): "New registrations of subsidised rental homes",
    ("action", "8-1"): "Districts holding district information liaison meetings",
    ("action", "8-2"): "Areas holding town meetings",
    ("action", "8-3"): "Districts piloting video-link one-stop services (cumulative)",
    ("action", "9-1"): "Participants in programmes at drop-in places (counting repeats)",
    ("action", "9-2"): "Participants in exercise guidance by health centres",
    ("action", "9-3①"): "Older people doing community-contribution activities (counting repeats)",
    ("action", "9-3②"): "Community activities joined through Otagaisama Bank",
    ("action", "9-4"): "Participants in courses of varied content and length (counting repeats)",
    ("action", "9-5"): "New registrations for senior employment services",
    ("action", "10-1"): "Businesses completing a new project with hands-on support",
    ("action", "10-2"): "SETAGAYA PORT member registrations",
    ("action", "10-3"): "Users of the Sangenjaya Employment Support Centre",
    ("action", "10-4"): "Participants in company/job-seeker matching events",
    ("action", "11-1"): "Participants in courses for junior and senior high-school students",
    ("action", "11-2"): "Participants in library-use and information-search courses",
    ("action", "11-3"): "Participants in library volunteer courses",
    ("action", "11-4"): "Participants in training towards a librarian qualification",
    ("action", "12-1①"): "Registered capacity of learning and living support services for "
                         "children of low-income households",
    ("action", "12-1②"): "Participants in the child-poverty forum (counting repeats)",
    ("action", "12-2"): "Holiday consultation sessions for single-parent families",
    ("action", "12-3①"): "Children's-centre staff trained in skills and support capacity "
                         "(counting repeats)",
    ("action", "12-3②"): "Districts with a consultation and watch network for children and "
                         "families",
    ("action", "13-1"): "New enquiries about foster care",
    ("action", "13-2"): "Average capacity per group home and per unit",
    ("action", "14-1"): "Share of pupils using ICT devices at school every day",
    ("action", "14-2"): "Schools with the new integrated school-administration system",
    ("action", "14-3"): "Participants in ICT training",
    ("action", "15-1"): "Participants in the Education Centre's priority training",
    ("action", "15-2①"): "School visits by the special-needs education visiting team",
    ("action", "15-2②"): "Support cases for pupils not attending school and their parents",
    ("action", "15-3"): "Early-childhood education and care facilities taking part in "
                        "Manabiya (cumulative)",
    ("action", "15-4"): "Registered people available to support schools",
    ("action", "16-1①"): "Participants in human-rights awareness events",
    ("action", "16-1②"): "Participants in training on understanding sexual minorities",
    ("action", "16-2①"): "Participants in work-life balance events",
    ("action", "16-2②"): "Participants in outreach lectures on dating violence",
    ("action", "16-3①"): "Students in Japanese classes for foreign residents",
    ("action", "16-3②"): "Tablets with a multilingual interpreting app installed",
    ("action", "17-1"): "Participants reporting results in the energy-saving points scheme",
    ("action", "17-2"): "Grants for environmentally friendly home renovation",
    ("action", "17-3①"): "Awareness activities for Setagaya RE100 sign-ups",
    ("action", "17-3②"): "Awareness activities for electricity supplied by partner "
                         "municipalities",
    ("action", "17-4"): "Greening grants",
    ("action", "18-1"): "Reduction in household food waste (kitchen waste)",
    ("action", "18-2①"): "Recyclables collected",
    ("action", "18-2②"): "Kinds of recyclables collected (cumulative)",
    ("action", "18-3①"): "Participants in waste-manager courses and waste-reduction seminars",
    ("action", "18-3②"): "New Eco-Friendly Shops registered",
    ("action", "19-1"): "Districts considering district plans",
    ("action", "19-2①"): "Participants in social experiments etc. (counting repeats)",
    ("action", "19-2②"): "Participants in local activities of groups preparing urban "
                         "redevelopment (counting repeats)",
    ("action", "19-3①"): "Kitazawa Design Council meetings and consultations on the "
                         "Shimokitazawa station plaza",
    ("action", "19-3②"): "Length and area built for the Shimokitazawa station plaza "
                         "facilities",
    # 成果指標 (outcome)
    ("outcome", "1-1①"): "Share of disaster-preparedness workshop participants who understood their "
                         "district's risks and how to evacuate",
    ("outcome", "1-1②"): "Participants in training by women disaster-preparedness "
                         "coordinators (community awareness training, cumulative)",
    ("outcome", "1-2"): "Share of people who have an individual evacuation plan",
    ("outcome", "2-1"): "Basin storage volume (rainwater runoff control, cumulative)",
    ("outcome", "2-2"): "Fire-resistant area ratio",
    ("outcome", "2-3"): "Use of support schemes (wooden houses)",
    ("outcome", "2-4"): "Improvement rate of main local roads",
    ("outcome", "3-1"): "Satisfaction of people who have completed support",
    ("outcome", "3-2"): "Satisfaction with inter-agency cooperation among people who have "
                        "completed support",
    ("outcome", "3-3"): "Share of seminar participants whose understanding or interest grew",
    ("outcome", "4-1"): "Share of lecture participants whose image of dementia changed to "
                        "a new, hopeful view",
    ("outcome", "4-2"): "Share of people living with dementia who feel able to express their "
                        "views at meetings",
    ("outcome", "4-3"): "Share of lecture participants who want to use the \"My Hope File\"",
    ("outcome", "4-4"): "Districts where action teams discuss community building",
    ("outcome", "5-1"): "Share of participants whose understanding of disability deepened",
    ("outcome", "5-2①"): "Facilities providing medical-care support",
    ("outcome", "5-2②"): "Nursery admission rate of children who need medical care and can "
                         "join group care",
    ("outcome", "5-3"): "People with mental-health disabilities supported by peer supporters",
    ("outcome", "6-1"): "Revision of the pandemic influenza action plan and of the "
                        "health-crisis management manual (interim summary)",
    ("outcome", "6-2①"): "Course participants who understood that mental distress can "
                         "happen to anyone",
    ("outcome", "6-2②"): "Night and holiday telephone consultations referred to local support",
    ("outcome", "6-3"): "Awareness activities on lifestyle-disease prevention using ICT or "
                        "partners",
    ("outcome", "7-1"): "Users who received housing information from the flat-hunting "
                        "support service",
    ("outcome", "7-2"): "Households moving into subsidised homes (cumulative)",
    ("outcome", "8-1"): "Organisations taking part in district information liaison meetings "
                        "(counting repeats)",
    ("outcome", "8-2"): "Share of town-meeting participants with experience of or intention "
                        "to join community activities",
    ("outcome", "8-3"): "Uses of the online system",
    ("outcome", "9-1"): "Share of programme participants who want to come again",
    ("outcome", "9-2"): "Share of older people who feel they now exercise regularly",
    ("outcome", "9-3①"): "Residents taking part in community-contribution activities "
                         "(counting repeats)",
    ("outcome", "9-3②"): "Otagaisama Bank members who took part in community activities",
    ("outcome", "9-4"): "Share of course participants who want to keep learning locally",
    ("outcome", "9-5"): "People placed in work by senior employment services",
    ("outcome", "10-1"): "Businesses whose activity improved with hands-on support",
    ("outcome", "10-2"): "Collaborations realised through SETAGAYA PORT programmes",
    ("outcome", "10-3"): "People finding jobs through the Sangenjaya Employment Support Centre",
    ("outcome", "10-4"): "Successful matches between local companies and job seekers",
    ("outcome", "11-1"): "Library registration rate of junior and senior high-school students",
    ("outcome", "11-2"): "Reference enquiries received",
    ("outcome", "11-3"): "Registered library volunteers",
    ("outcome", "11-4"): "Share of permanent staff with a librarian qualification",
    ("outcome", "12-1①"): "Share of children who kept using learning and living support "
                          "services",
    ("outcome", "12-1②"): "Share of forum participants who said their understanding deepened",
    ("outcome", "12-2"): "People using holiday consultations for single-parent families "
                         "(counting repeats)",
    ("outcome", "12-3①"): "Consultations at children's centres (counting repeats)",
    ("outcome", "12-3②"): "Consultations handled with partner agencies (counting repeats)",
    ("outcome", "13-1"): "Registered foster families (cumulative)",
    ("outcome", "13-2"): "Group-home capacity as a share of total facility capacity",
    ("outcome", "14-1"): "Share of pupils whose curiosity grew through using ICT devices",
    ("outcome", "14-2"): "Share of teachers with more time for children thanks to the new "
                         "school-administration system",
    ("outcome", "14-3"): "Share of teachers with the ICT skills needed to run online lessons",
    ("outcome", "15-1"): "Share of teachers who say priority training improves their teaching",
    ("outcome", "15-2①"): "Share of schools that find the special-needs visiting team's "
                          "advice effective",
    ("outcome", "15-2②"): "Share of pupils not attending school who have no support contact",
    ("outcome", "15-3"): "Parents' awareness of Manabiya cooperation and exchange",
    ("outcome", "15-4"): "Share of school requests for helpers that could be met",
    ("outcome", "16-1①"): "Share of human-rights event participants whose understanding or "
                          "interest grew",
    ("outcome", "16-1②"): "Share of sexual-minority training participants whose "
                          "understanding or interest grew",
    ("outcome", "16-2①"): "Share of event participants more interested in work-life balance",
    ("outcome", "16-2②"): "Share of dating-violence lecture participants whose understanding "
                          "or interest grew",
    ("outcome", "16-3①"): "Share of Japanese-class students whose Japanese improved",
    ("outcome", "16-3②"): "Uses of the interpreting app (counting repeats)",
    ("outcome", "17-1"): "Residents who saved energy in the energy-saving points scheme",
    ("outcome", "17-2"): "CO₂ reduction from environmentally friendly home renovation",
    ("outcome", "17-3①"): "Setagaya RE100 sign-ups (cumulative)",
    # 他自治体との連携による区内への自治体産電力供給件数（累計）: 件 counts supplies; the text does not say of what
    # (homes, contracts, sites), so the English does not either.
    ("outcome", "17-3②"): "Cases of supplying municipality-produced electricity into the ward through "
                          "partnerships with other municipalities (cumulative)",
    ("outcome", "17-4"): "Area greened with greening grants",
    ("outcome", "18-1"): "Household food loss (five-year average)",
    ("outcome", "18-2"): "Waste per resident per day",
    ("outcome", "18-3"): "Business waste",
    ("outcome", "19-1①"): "Districts where district plans were adopted or changed",
    ("outcome", "19-1②"): "Districts where zoning was changed",
    ("outcome", "19-2①"): "Registrations for town-planning meetings after social experiments",
    ("outcome", "19-2②"): "Share of participants in local activities for urban redevelopment "
                          "whose understanding or interest grew",
    ("outcome", "19-3①"): "Participants in Kitazawa Design Council meetings and "
                          "consultations on the Shimokitazawa station plaza (counting repeats)",
    ("outcome", "19-3②"): "Completion rate of the Shimokitazawa station plaza facilities",
}

DEPARTMENT_EN = {
    "危機管理部": "Crisis Management Department",
    "保健福祉政策部": "Health and Welfare Policy Department",
    "総合支所": "General Branch Offices",
    "道路・交通計画部": "Roads and Transport Planning Department",
    "防災街づくり担当部": "Disaster-Resilient Town Planning Department",
    "土木部": "Civil Engineering Department",
    "障害福祉部": "Disability Welfare Department",
    "高齢福祉部": "Elderly Welfare Department",
    "子ども・若者部": "Children and Youth Department",
    "保育部": "Childcare Department",
    "世田谷保健所": "Setagaya Public Health Centre",
    "教育委員会事務局": "Board of Education Secretariat",
    "都市整備政策部": "Urban Development Policy Department",
    "地域行政部": "Community Administration Department",
    "生活文化政策部": "Lifestyle and Culture Policy Department",
    "スポーツ推進部": "Sports Promotion Department",
    "経済産業部": "Economy and Industry Department",
    "児童相談所": "Child Guidance Centre",
    "環境政策部": "Environmental Policy Department",
    "みどり３３推進担当部": "Midori 33 Greenery Promotion Department",
    "清掃・リサイクル部": "Waste and Recycling Department",
}


# --------------------------------------------------------------------------- 事業費


def parse_budgets(seed: Seed, measures: list[Measure]) -> list[dict]:
    """事業費一覧 (lines 4867-5083): the k-th 当初計画 line belongs to 施策 k, the 20th to 合計."""
    plan_lines = [n for n in range(BUDGET_RANGE[0], BUDGET_RANGE[1] + 1)
                  if re.match(r"^当初計画 [0-9]", seed[n])]
    assert len(plan_lines) == 20, plan_lines
    seed.expect(NOT_ADDITIVE_LINE, "※重複する予算事業があるため、施策ごとの事業費と合計額は一致しません")
    rows: list[dict] = []
    for k, n in enumerate(plan_lines, start=1):
        m = measures[k - 1] if k <= 19 else None
        label_line = n - 2
        while not seed[label_line].strip() or seed[label_line].startswith("※"):
            label_line -= 1
        label = clean(re.sub(r"^\d+\s+", "", seed[label_line].strip()))
        if m:
            assert label == m.name, (label_line, label, m.name)
        else:
            assert label == "合計", label
        orig = re.split(r"\s+", seed[n].strip())[1:]
        rev_line, act_line = n + 2, n + 4
        rev = re.split(r"\s+", seed.expect(rev_line, "修正計画 ―").strip())[1:]
        act = re.split(r"\s+", seed.expect(act_line, "実   績").strip())[2:]
        assert len(orig) == 2 and len(rev) == 2 and rev[0] == "―" and len(act) == 1, n
        note = ""
        if m and "※特別会計含む" in seed[label_line + 2]:
            note = f"※特別会計含む (line {label_line + 2})"
        if not m:
            note = (f"合計 as printed; not the sum of the 施策 rows: 「{seed[NOT_ADDITIVE_LINE].strip()}」"
                    f" (line {NOT_ADDITIVE_LINE})")
        for series, fy, text, line in [
            ("planned_original", 2022, orig[0], n), ("planned_original", 2023, orig[1], n),
            ("planned_revised", 2023, rev[1], rev_line), ("actual", 2022, act[0], act_line),
        ]:
            rows.append({"measure": m, "series": series, "fy": fy, "text": text, "line": line,
                         "note": note, "label": label, "label_line": label_line})
    return rows


# --------------------------------------------------------------------------- rows


def node_id(rev: str, local: str) -> str:
    """Node id inside a revision."""
    return f"{rev}:{local}"


def concept_id(local: str) -> str:
    """Concept id shared by both revisions."""
    return f"{PLAN}:{local}"


def bool_s(value: bool) -> str:
    """CSV boolean."""
    return "true" if value else "false"


def build(seed: Seed) -> dict[str, list[dict]]:
    """Parse the seed and return rows per resource."""
    measures = parse_measures(seed)
    pillars = parse_pillars(seed)
    for m in measures:
        m.actions = parse_actions(seed, m)
        m.outcomes = parse_outcomes(seed, m)
    n_act = sum(len(m.actions) for m in measures)
    n_out = sum(len(m.outcomes) for m in measures)
    n_proj = sum(len(m.projects) for m in measures)
    assert (n_act, n_out, n_proj) == (78, 76, 62), (n_act, n_out, n_proj)
    # The document's own counts (lines 213, 215): 10 行動量 changes, 9 target changes.
    assert sum(i.changed for m in measures for i in m.actions) == 10
    assert sum(i.changed for m in measures for i in m.outcomes) == 9
    seed.expect(213, "９施策10事業の計画を変更")
    seed.expect(215, "7施策9指標の目標値を変更")

    src = SEED_NAME
    out: dict[str, list[dict]] = {k: [] for k in (
        "plans", "revisions", "nodes", "indicators", "observations", "changes", "budgets",
        "departments", "measure_departments")}
    seed.expect(28, "世田谷区未来つながるプラン")
    out["plans"].append({
        "plan_id": PLAN, "name_ja": "世田谷区未来つながるプラン 2022-2023（実施計画）",
        "name_en": "Setagaya Future Connections Plan 2022-2023 (implementation plan)",
        "period_ja": "令和4年度～令和5年度", "start_fy": 2022, "end_fy": 2023,
        "publisher_ja": "世田谷区", "source_document": src, "source_line": 43,
    })
    seed.expect(43, "令和4年度～")
    seed.expect(44, "令和4年3月に策定")
    seed.expect(25, "令和5年2月")
    out["revisions"] += [
        {"revision_id": REV_ORIG, "plan_id": PLAN, "position": 1, "stage": "original",
         "label_ja": "当初計画（計画策定時 令和4年3月）",
         "label_en": "Original plan (as adopted, March 2022)", "published": "",
         "date_note": "Adopted 令和4年3月 (March 2022) per lines 44 and 1359; only the month is "
                      "printed, so published is left empty. The original values are read from "
                      "the 当初計画 rows and 【目標値（策定時）】 notes of the 推進状況（案）.",
         "source_document": src, "source_line": 44},
        {"revision_id": REV_REV, "plan_id": PLAN, "position": 2, "stage": "revised",
         "label_ja": "修正計画（推進状況（案） 令和5年2月）",
         "label_en": "Revised plan (progress report draft, February 2023)", "published": "",
         "date_note": "The 推進状況（案） is dated 令和5年2月 (February 2023, line 25); only the "
                      "month is printed, so published is left empty. Final adoption was "
                      "scheduled for end of March 2023 (line 21).",
         "source_document": src, "source_line": 25},
    ]
    dept_ids: dict[str, str] = {}
    for m in measures:
        for d in m.departments:
            if d not in dept_ids:
                dept_ids[d] = f"{PLAN}:dept-{len(dept_ids) + 1}"
                dept_line = next(k for k in range(m.bounds[0], m.bounds[1])
                                 if seed[k].startswith("所管部："))
                out["departments"].append({
                    "department_id": dept_ids[d], "name_ja": d, "name_en": DEPARTMENT_EN[d],
                    "source_document": src, "source_line": dept_line})
    for rev in (REV_ORIG, REV_REV):
        for p, (pname, pline) in sorted(pillars.items()):
            out["nodes"].append(node_row(rev, f"pillar-{p}", "", "pillar", "政策の柱", str(p), p,
                                         pname, PILLAR_EN[p], pline))
        for m in measures:
            pos = m.number - sum(1 for x in measures if x.pillar < m.pillar)
            row = node_row(rev, f"measure-{m.number}", node_id(rev, f"pillar-{m.pillar}"),
                           "measure", "施策", str(m.number), pos, m.name, MEASURE_EN[m.number],
                           m.line)
            row.update(vision_ja=m.vision, department_ja="、".join(m.departments),
                       strategy_marks=m.marks, note=footnote(seed, f"measure-{m.number}"))
            out["nodes"].append(row)
            for j, p in enumerate(m.projects, start=1):
                row = node_row(rev, f"project-{p.code}", node_id(rev, f"measure-{m.number}"),
                               "project", "事業", p.code, j, p.name, PROJECT_EN[p.code], p.line)
                fn = footnote(seed, f"project-{p.code}")
                row.update(direction_ja=p.direction, note=" ".join(x for x in (p.note, fn) if x))
                out["nodes"].append(row)
    for m in measures:
        for j, d in enumerate(m.departments, start=1):
            out["measure_departments"].append({
                "node_id": node_id(REV_REV, f"measure-{m.number}"),
                "department_id": dept_ids[d], "position": j, "source_document": src,
                "source_line": next(k for k in range(m.bounds[0], m.bounds[1])
                                    if seed[k].startswith("所管部："))})
    for m in measures:
        for ind in m.actions + m.outcomes:
            add_indicator(out, ind)
    out.update(seed003_reform.build_rows(lambda n: seed[n]))
    out.update(seed003_dx.build_rows(lambda n: seed[n]))
    for b in parse_budgets(seed, measures):
        m = b["measure"]
        rev = REV_ORIG if b["series"] == "planned_original" else REV_REV
        local = f"measure-{m.number}" if m else "total"
        out["budgets"].append({
            "budget_id": f"{PLAN}:budget:{local}:{b['series'].replace('_', '-')}:fy{b['fy']}",
            "revision_id": rev, "node_id": node_id(rev, local) if m else "",
            "code": str(m.number) if m else "", "label_ja": b["label"], "series": b["series"],
            "fiscal_year": b["fy"], "is_total": bool_s(m is None),
            "value": number_of(b["text"]), "value_text": b["text"], "unit": "千円",
            "is_estimate": bool_s(b["series"] == "actual"),
            "as_of": ACTUAL_AS_OF if b["series"] == "actual" else "",
            "note": b["note"], "source_document": src, "source_line": b["line"],
        })
    return out


def node_row(rev: str, local: str, parent: str, level: str, level_ja: str, code: str, pos: int,
             name: str, name_en: str, line: int) -> dict:
    """One nodes row (both revisions share the concept id)."""
    return {
        "node_id": node_id(rev, local), "revision_id": rev, "concept_id": concept_id(local),
        "parent_id": parent, "level": level, "level_ja": level_ja, "code": code,
        "position": pos, "name_ja": name, "name_en": name_en, "vision_ja": "",
        "direction_ja": "", "department_ja": "", "strategy_marks": "", "status": "published",
        "note": "", "source_document": SEED_NAME, "source_line": line,
    }


def add_indicator(out: dict[str, list[dict]], ind: Indicator) -> None:
    """Append the indicator, its observations and its change (if any)."""
    if ind.kind == "action":
        cumulative, semantics = action_semantics(ind)
        check_action_sums(ind, semantics)
    else:
        qual = " ".join(o.note for o in ind.obs if o.series == "target")
        cumulative, semantics = ("（累計）" in qual or "（累計）" in ind.name), "none"
    notes = [ind.note] if ind.note else []
    if ind.kind == "action" and ind.code in LEVEL_TOTALS:
        notes.append("総量 is a level, not a sum: " + LEVEL_TOTALS[ind.code])
    if ind.kind == "action" and ind.code in NO_TOTAL:
        notes.append(NO_TOTAL[ind.code])
    key = (ind.kind, ind.code)
    if key in LOWER_IS_BETTER:
        notes.append("lower is better: " + LOWER_IS_BETTER[key])
    if key == ("outcome", "11-3"):
        notes.append("目標値 460人 is below the 策定時 value 488人, as printed (line 3250/3253)")
    out["indicators"].append({
        "indicator_id": ind.indicator_id, "node_id": node_id(REV_REV, f"project-{ind.project}"),
        "revision_id": REV_REV, "code": ind.code, "kind": ind.kind, "name_ja": ind.name,
        "name_en": INDICATOR_EN[key], "unit": labelling.unit_fields(ind.unit)[0], "unit_printed": ind.unit,
        "direction": "lower_is_better" if key in LOWER_IS_BETTER else "higher_is_better",
        "cumulative": bool_s(cumulative), "total_semantics": semantics,
        "implementation_plan_ref": "", "note": "; ".join(notes),
        "source_document": SEED_NAME, "source_line": ind.line,
    })
    for o in ind.obs:
        rev = REV_ORIG if o.series in ("planned_original", "target_original") else REV_REV
        parts = [ind.indicator_id, o.series.replace("_", "-"),
                 "total" if o.is_total else f"fy{o.fiscal_year}" if o.fiscal_year else "na"]
        if o.sub_slug:
            parts.append(o.sub_slug)
        note = o.note
        if o.is_total and ind.kind == "action" and o.series != "actual" \
                and ind.note.startswith("総量（累計）"):
            note = "（累計）"
        if o.is_total and o.value_text.startswith("延べ"):
            note = "延べ (running total of the two years, as printed)"
        if key == ("outcome", "4-4"):
            note = "prose cell; the number is part of the text and is not extracted as a value"
        value = "" if key == ("outcome", "4-4") else o.number()
        out["observations"].append({
            "observation_id": ":".join(parts), "indicator_id": ind.indicator_id,
            "revision_id": rev, "series": o.series,
            "fiscal_year": o.fiscal_year if o.fiscal_year else "",
            "is_total": bool_s(o.is_total), "sub_item": o.sub_item, "value": value,
            "value_text": o.value_text, "is_estimate": bool_s(o.series == "actual"),
            "as_of": o.as_of, "note": note, "source_document": SEED_NAME, "source_line": o.line,
        })
    if ind.changed:
        assert ind.change_old and ind.change_new
        kind = "plan" if ind.kind == "action" else "target"
        (old_t, old_l), (new_t, new_l) = ind.change_old, ind.change_new
        out["changes"].append({
            "change_id": f"{PLAN}:change:{kind}:{ind.slug}", "indicator_id": ind.indicator_id,
            "change_kind": kind, "fiscal_year": 2023,
            "sub_item": "a）支援対象建築物への直接周知件数" if ind.code == "2-3" else "",
            "old_value_text": old_t, "new_value_text": new_t,
            "old_value": number_of(old_t), "new_value": number_of(new_t),
            "reason_ja": ind.reason, "old_source_line": old_l, "new_source_line": new_l,
            "reason_source_line": ind.reason_line, "source_document": SEED_NAME,
            "source_line": new_l,
        })


# --------------------------------------------------------------------------- descriptor


def f(name: str, type_: str, title: str, description: str, **extra: object) -> dict:
    """One schema field."""
    field_ = {"name": name, "type": type_, "title": title, "description": description}
    field_.update(extra)
    return field_


SRC_FIELDS = [
    f("source_document", "string", "Source document", "Text file the row was read from (document and page: plan-documents).",
      constraints={"required": True}),
    f("source_line", "integer", "Source line",
      "1-based line of the text file where the name or value is printed.",
      constraints={"required": True, "minimum": 1}),
]
ID = {"required": True, "pattern": r"[a-z0-9-]+(:[a-z0-9-]+)*"}
SERIES = ["planned_original", "planned_revised", "actual", "baseline", "target",
          "target_original"]

RESOURCES: list[dict] = [
    {
        "name": "plans", "title": "Plan", "title_ja": "計画",
        "description": "The plan this package describes (one row).",
        "fields": [
            f("plan_id", "string", "Plan ID", "Portal identifier of the plan.", constraints=ID),
            f("name_ja", "string", "Name (Japanese)", "Plan name as printed."),
            f("name_en", "string", "Name (English)", "Unofficial English name."),
            f("period_ja", "string", "Period (Japanese)", "Plan period as printed (lines 43-44)."),
            f("start_fy", "integer", "First fiscal year", "Western fiscal year (令和4年度 = 2022)."),
            f("end_fy", "integer", "Last fiscal year", "Western fiscal year (令和5年度 = 2023)."),
            f("publisher_ja", "string", "Publisher", "Publishing body."),
        ] + SRC_FIELDS,
        "primaryKey": ["plan_id"], "foreignKeys": [],
    },
    {
        "name": "revisions", "title": "Plan revisions", "title_ja": "計画の版",
        "description": "The original plan (当初計画, March 2022) and the revised plan "
                       "(修正計画) printed in the progress report draft of February 2023.",
        "fields": [
            f("revision_id", "string", "Revision ID", "Portal identifier.", constraints=ID),
            f("plan_id", "string", "Plan ID", "The plan (FK plans)."),
            f("position", "integer", "Position", "1 = oldest."),
            f("stage", "string", "Stage", "Stage of the revision.",
              constraints={"enum": ["research_draft", "committee_draft", "draft_soan", "draft_an",
                                    "adopted", "original", "revised"]}),
            f("label_ja", "string", "Label (Japanese)", "Label of the revision."),
            f("label_en", "string", "Label (English)", "Unofficial English label."),
            f("published", "date", "Published", "Publication date; empty when no full date is "
              "printed."),
            f("date_note", "string", "Date note", "How the date is known."),
        ] + SRC_FIELDS,
        "primaryKey": ["revision_id"],
        "foreignKeys": [{"fields": ["plan_id"], "reference": {"resource": "plans",
                                                              "fields": ["plan_id"]}}],
    },
    {
        "name": "nodes", "title": "Plan tree", "title_ja": "計画の体系",
        "description": "4 policy pillars (政策の柱), 19 measures (施策) and 62 projects (事業), "
                       "once per revision. The names are identical in both revisions.",
        "fields": [
            f("node_id", "string", "Node ID", "Portal identifier (revision-specific).",
              constraints=ID),
            f("revision_id", "string", "Revision", "FK revisions."),
            f("concept_id", "string", "Concept ID", "Stable across revisions.", constraints=ID),
            f("parent_id", "string", "Parent node", "FK nodes; empty for pillars."),
            f("level", "string", "Level", "pillar, measure or project.",
              constraints={"enum": ["pillar", "measure", "project", "aim", "initiative",
                                    "section"]}),
            f("level_ja", "string", "Level (Japanese)", "The document's own term."),
            f("code", "string", "Code", "Number as printed (施策 1-19, 事業 e.g. 12-3)."),
            f("position", "integer", "Position", "Order among siblings."),
            f("name_ja", "string", "Name (Japanese)", "Name as printed (wrapped lines joined)."),
            f("name_en", "string", "Name (English)", "Unofficial English translation."),
            f("vision_ja", "string", "Vision (目指す姿)", "施策 only."),
            f("direction_ja", "string", "Direction (事業の方向性)", "事業 only."),
            f("department_ja", "string", "Departments (所管部)",
              "施策 only; several departments joined with 「、」 as printed."),
            f("strategy_marks", "string", "総合戦略 marks",
              "施策 only: the marks of the 総合戦略 column of the 施策一覧 (lines 1223-1277) as "
              "printed (① 基本目標１, ② 基本目標２, ③ 基本目標３); empty when none."),
            f("status", "string", "Status", "published or placeholder.",
              constraints={"enum": ["published", "placeholder"]}),
            f("note", "string", "Note", "Explanatory ※ text and numbered footnotes printed "
              "with the node (the footnote markers glued to words are removed from the names)."),
        ] + SRC_FIELDS,
        "primaryKey": ["node_id"],
        "foreignKeys": [
            {"fields": ["revision_id"], "reference": {"resource": "revisions",
                                                      "fields": ["revision_id"]}},
            {"fields": ["parent_id"], "reference": {"resource": "nodes", "fields": ["node_id"]}},
        ],
    },
    {
        "name": "indicators", "title": "Indicators", "title_ja": "行動量・成果指標",
        "description": "78 action indicators (行動量) and 76 outcome indicators (成果指標), "
                       "attached to the 事業 of the revised plan.",
        "fields": [
            f("indicator_id", "string", "Indicator ID", "Portal identifier.", constraints=ID),
            f("node_id", "string", "Project node", "FK nodes (事業 of the revised plan)."),
            f("revision_id", "string", "Revision", "FK revisions."),
            f("code", "string", "Code", "As printed, e.g. 12-3②."),
            f("kind", "string", "Kind", "action (行動量) or outcome (成果指標).",
              constraints={"enum": ["action", "outcome"]}),
            f("name_ja", "string", "Name (Japanese)", "As printed (wrapped lines joined)."),
            f("name_en", "string", "Name (English)", "Unofficial English translation."),
            f("unit", "string", "Unit", "Unit of the cells in one spelling (％ written %); empty for "
              "composite cells with different units and prose cells."),
            labelling.UNIT_PRINTED_FIELD,
            f("direction", "string", "Direction", "Whether a higher or lower value is the aim.",
              constraints={"enum": ["higher_is_better", "lower_is_better"]}),
            f("cumulative", "boolean", "Cumulative", "Values are running totals （累計）."),
            f("total_semantics", "string", "Meaning of 総量",
              "sum = R4 + R5; cumulative = running total at end of FY2023; level = a level or "
              "rate at end of FY2023; none = no 総量 (outcomes, or 総量 printed as ―).",
              constraints={"enum": ["sum", "cumulative", "level", "none"]}),
            f("implementation_plan_ref", "string", "Implementation plan reference",
              "Not used in this document."),
            f("note", "string", "Note", "Composite cells, semantics and other remarks."),
        ] + SRC_FIELDS,
        "primaryKey": ["indicator_id"],
        "foreignKeys": [
            {"fields": ["node_id"], "reference": {"resource": "nodes", "fields": ["node_id"]}},
            {"fields": ["revision_id"], "reference": {"resource": "revisions",
                                                      "fields": ["revision_id"]}},
        ],
    },
    {
        "name": "observations", "title": "Observations", "title_ja": "計画値・実績値・目標値",
        "description": "One printed cell per row. 行動量: 当初計画 (R4, R5, 総量), 修正計画 "
                       "(R4 always ―, R5, 総量), 実績 (R4 = year-end estimate, 総量). 成果指標: "
                       "策定時 (baseline), 目標値（令和5年度末）, and 【目標値（策定時）】 for the 9 "
                       "changed targets. value is empty for ―, 検討・調整 and prose; nothing is "
                       "computed.",
        "fields": [
            f("observation_id", "string", "Observation ID", "Portal identifier.", constraints=ID),
            f("indicator_id", "string", "Indicator", "FK indicators."),
            f("revision_id", "string", "Revision",
              "FK revisions: planned_original and target_original belong to the original plan, "
              "the rest to the revised plan."),
            f("series", "string", "Series", "Which column the cell is in.",
              constraints={"enum": SERIES}),
            f("fiscal_year", "integer", "Fiscal year",
              "Western fiscal year (令和4年度 = 2022); empty for 総量 and for baselines dated by "
              "month."),
            f("is_total", "boolean", "Is 総量", "True for the 総量 column."),
            f("sub_item", "string", "Sub-item", "Label of one value in a composite cell."),
            f("value", "number", "Value", "The number as printed; empty for ―, 検討・調整, "
              "blank and prose cells."),
            f("value_text", "string", "Cell as printed", "The cell exactly as printed."),
            f("is_estimate", "boolean", "Is estimate", labelling.IS_ESTIMATE),
            f("as_of", "string", "As of", "Date note as printed."),
            f("note", "string", "Note", "Qualifier printed with the cell, e.g. （累計）, "
              "（2年間の合計）."),
            *labelling.OBSERVATION_FIELDS,
        ] + SRC_FIELDS,
        "primaryKey": ["observation_id"],
        "foreignKeys": [
            {"fields": ["indicator_id"], "reference": {"resource": "indicators",
                                                       "fields": ["indicator_id"]}},
            {"fields": ["revision_id"], "reference": {"resource": "revisions",
                                                      "fields": ["revision_id"]}},
        ],
    },
    {
        "name": "changes", "title": "Plan and target changes", "title_ja": "計画・目標値の変更",
        "description": "The 10 changed 行動量 plans (FY2023) and the 9 changed 成果指標 targets, "
                       "with the reason as printed (「全19施策62事業のうち、９施策10事業の計画を"
                       "変更」 line 213; 「全19施策76指標のうち、7施策9指標の目標値を変更」 line 215).",
        "fields": [
            f("change_id", "string", "Change ID", "Portal identifier.", constraints=ID),
            f("indicator_id", "string", "Indicator", "FK indicators."),
            f("change_kind", "string", "Kind", "plan (行動量 FY2023 plan) or target (成果指標).",
              constraints={"enum": ["plan", "target"]}),
            f("fiscal_year", "integer", "Fiscal year", "Fiscal year of the changed value."),
            f("sub_item", "string", "Sub-item", "Changed sub-item of a composite cell."),
            f("old_value_text", "string", "Old value as printed",
              "当初計画 R5 cell or 【目標値（策定時）】."),
            f("new_value_text", "string", "New value as printed", "修正計画 R5 cell or 目標値."),
            f("old_value", "number", "Old value", "Number as printed."),
            f("new_value", "number", "New value", "Number as printed."),
            f("reason_ja", "string", "Reason", "計画変更理由・内容等 / 目標値変更理由等 as printed."),
            f("old_source_line", "integer", "Line of the old value", "1-based line of the text file."),
            f("new_source_line", "integer", "Line of the new value", "1-based line of the text file."),
            f("reason_source_line", "integer", "First line of the reason", "1-based line of the text file."),
        ] + SRC_FIELDS,
        "primaryKey": ["change_id"],
        "foreignKeys": [{"fields": ["indicator_id"], "reference": {"resource": "indicators",
                                                                   "fields": ["indicator_id"]}}],
    },
    {
        "name": "budgets", "title": "Project costs per measure", "title_ja": "事業費一覧",
        "description": "事業費 per 施策 in thousand yen (別紙2 第2章 2 事業費一覧, lines "
                       "4867-5083), plus the printed 合計. NOT ADDITIVE: the document says "
                       f"「※重複する予算事業があるため、施策ごとの事業費と合計額は一致しません。」 "
                       f"(line {NOT_ADDITIVE_LINE}; also line 318): budget items are shared "
                       "between measures, so the measure rows must not be summed; use the "
                       "合計 row as printed.",
        "fields": [
            f("budget_id", "string", "Budget row ID", "Portal identifier.", constraints=ID),
            f("revision_id", "string", "Revision", "FK revisions."),
            f("node_id", "string", "Measure node", "FK nodes (施策); empty for the 合計 row."),
            f("code", "string", "施策 number", "As printed; empty for the 合計 row."),
            f("label_ja", "string", "Row label", "施策名 or 合計 as printed in the table."),
            f("series", "string", "Series", "planned_original, planned_revised or actual.",
              constraints={"enum": SERIES}),
            f("fiscal_year", "integer", "Fiscal year", "Western fiscal year."),
            f("is_total", "boolean", "Is 合計",
              "True for the printed 合計 row, which is NOT the sum of the measure rows."),
            f("value", "integer", "Amount", "Thousand yen, as printed.", unit="千円"),
            f("value_text", "string", "Cell as printed", "The cell exactly as printed."),
            f("unit", "string", "Unit", "千円 (thousand yen)."),
            f("is_estimate", "boolean", "Is estimate", "True for 実績 (令和4年度末見込み)."),
            f("as_of", "string", "As of", "Date note."),
            f("note", "string", "Note", "※ notes printed with the row."),
        ] + SRC_FIELDS,
        "primaryKey": ["budget_id"],
        "foreignKeys": [
            {"fields": ["node_id"], "reference": {"resource": "nodes", "fields": ["node_id"]}},
            {"fields": ["revision_id"], "reference": {"resource": "revisions",
                                                      "fields": ["revision_id"]}},
        ],
    },
    {
        "name": "departments", "title": "Departments", "title_ja": "所管部",
        "description": "Departments named in the 所管部 lines of the 施策 pages.",
        "fields": [
            f("department_id", "string", "Department ID", "Portal identifier (numbered in "
              "order of first appearance).", constraints=ID),
            f("name_ja", "string", "Name (Japanese)", "As printed."),
            f("name_en", "string", "Name (English)", "Unofficial English translation."),
        ] + SRC_FIELDS,
        "primaryKey": ["department_id"], "foreignKeys": [],
    },
    {
        "name": "measure_departments", "title": "Departments per measure",
        "title_ja": "施策の所管部",
        "description": "Which departments are responsible for each 施策 (revised plan nodes).",
        "fields": [
            f("node_id", "string", "Measure node", "FK nodes."),
            f("department_id", "string", "Department", "FK departments."),
            f("position", "integer", "Position", "Order in the 所管部 line."),
        ] + SRC_FIELDS,
        "primaryKey": ["node_id", "department_id"],
        "foreignKeys": [
            {"fields": ["node_id"], "reference": {"resource": "nodes", "fields": ["node_id"]}},
            {"fields": ["department_id"], "reference": {"resource": "departments",
                                                        "fields": ["department_id"]}},
        ],
    },
]


def descriptor() -> dict:
    """The datapackage.json descriptor."""
    resources = []
    for r in RESOURCES + seed003_reform.resources(f, SRC_FIELDS, ID) + seed003_dx.resources(f, SRC_FIELDS, ID):
        resources.append({
            "name": r["name"], "path": f"{r['name']}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "title": r["title"],
            "title_ja": r["title_ja"], "description": r["description"],
            "schema": {"fields": r["fields"], "missingValues": [""],
                       "primaryKey": r["primaryKey"], "foreignKeys": r["foreignKeys"]},
        })
    return {
        "profile": "tabular-data-package",
        "name": PLAN,
        "title": "Setagaya Future Connections Plan 2022-2023: progress report (draft, Feb 2023)",
        "title_ja": "世田谷区未来つながるプラン 2022-2023（実施計画）推進状況（案）",
        "description": (
            "Plan tree (4 pillars, 19 measures, 62 projects), 78 action indicators and 76 "
            "outcome indicators with their original plan, revised plan, FY2022 year-end "
            "estimates, baselines and targets, the 10 plan changes and 9 target changes with "
            "their reasons, and project costs per measure (thousand yen; measure amounts are "
            "not additive, see the budgets resource), and chapter 4 of the summary: the 35 administrative "
            "reform initiatives with their effect amounts, the public facilities management plan tables and "
            "the affiliated bodies, and chapter 3 on digital transformation (texts with their lines and figures). Extracted from the ward's progress-report "
            "draft of February 2023; every figure carries the text line it was read from (document and page: plan-documents). "
            "FY2022 actuals are estimates as of end of December 2022."),
        "description_ja": (
            "世田谷区未来つながるプラン 2022-2023（実施計画）推進状況（案）（令和5年2月）から、"
            "政策の柱・施策・事業、行動量・成果指標とその当初計画・修正計画・実績（令和4年度末見込み）"
            "・策定時・目標値、計画変更（10件）と目標値変更（9件）、施策別事業費（千円）、"
            "概要版第4章の行政経営改革（35の取組みと効果額、公共施設等総合管理計画、外郭団体の見直し）、"
            "第3章 ＤＸの推進（方針・重点取組み・取組みの本文と数値）を抽出。"
            "事業費は重複する予算事業があるため施策ごとの合計と合計額は一致しない（資料の注記どおり）。"),
        "version": VERSION,
        "created": CREATED,
        "licenses": [{"name": "CC-BY-4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "attribution_ja": "出典：世田谷区『世田谷区未来つながるプラン2022-2023 推進状況（案）』"
                          "（令和5年2月）を加工して作成",
        "sources": [{"title": "世田谷区未来つながるプラン 2022-2023（実施計画）推進状況（案）",
                     "path": SEED_NAME, "publisher": "世田谷区"}],
        "contributors": [{"title": "Setagaya plan-progress portal team", "role": "author"},
                         {"title": "世田谷区", "role": "publisher"}],
        "keywords": ["世田谷区", "未来つながるプラン", "実施計画", "推進状況", "行動量", "成果指標",
                     "事業費", "Setagaya", "implementation plan", "progress report",
                     "indicators", "budget"],
        "portal": {
            "changelog": [CHANGELOG_1_0_1, CHANGELOG_1_1_0, CHANGELOG_1_1_1, CHANGELOG_1_2_0], "kind": "plan", "plan_id": PLAN, "theme": "ward implementation plan",
            "translation_note": "English names are unofficial translations by the portal team, "
                                "not the ward's.",
        },
        "resources": resources,
    }


# --------------------------------------------------------------------------- output


def check_fields(desc: dict, rows: dict[str, list[dict]]) -> None:
    """Every row carries exactly its resource's fields (no column silently empty or dropped)."""
    for res in desc["resources"]:
        fields = {fl["name"] for fl in res["schema"]["fields"]}
        for row in rows[res["name"]]:
            assert set(row) == fields, (res["path"], set(row) ^ fields)


def write_package(seed_path: Path, out_dir: Path) -> list[Path]:
    """Parse the seed and write the CSVs and datapackage.json (portal.packagefiles)."""
    text = seed_path.read_text(encoding="utf-8")
    seed = Seed(text.split("\n"))
    rows = build(seed)
    units = {i["indicator_id"]: i["unit"] for i in rows["indicators"]}
    rows["observations"] = labelling.label_observations(rows["observations"], units)
    desc = descriptor()
    check_fields(desc, rows)
    return packagefiles.write_package(out_dir, desc, rows)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    write_package(args.seed, args.out)


if __name__ == "__main__":
    main()
