"""Build the `setagaya-areas` reference Data Package (5 地域, 28 地区, 277 町丁目).

Reads /work/shared/reference/*.csv (see its README.md) and writes
datasets/setagaya-areas/{chiiki,chiku,chome}.csv and datapackage.json deterministically.
No value from the reference files is changed; the only additions are the ASCII 地域 ids,
the hiragana readings of the 5 地域 names not present in the files and of the 61 町 names
(both marked as added by the portal team).

Usage: python tools/extract/areas.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[2])]
from command import run  # noqa: E402  (the extractors' shared command line)

from portal.packagefiles import write_package  # noqa: E402  (the portal's one package writer)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "datasets" / "setagaya-areas"

NAME = "setagaya-areas"
VERSION = "1.0.0"
CREATED = "2026-11-26T00:00:00+00:00"
EXPECTED_POPULATION_2015 = 903346

ESTAT_CREDIT = (
    "出典：政府統計の総合窓口(e-Stat) 平成27年国勢調査 小地域境界データ（世田谷区分を抽出・加工）"
)
PORTAL_READING = "reading added by the portal team (not from e-Stat)"

# The five 地域, in the order they appear in setagaya_chiku.csv; ids are the file's chiiki_romaji.
# Readings of 北沢, 砧 and 烏山 are the readings the reference file gives for the 地区 of the same
# name; 世田谷 and 玉川 have no 地区 of that name, so their readings are added by the portal team.
CHIIKI_KANA_PORTAL: dict[str, str] = {"世田谷": "せたがや", "玉川": "たまがわ"}

# Readings (hiragana) of the 61 町 names, added by the portal team (common knowledge, checked one
# by one; 三軒茶屋 is officially さんげんぢゃや). An empty string would mean "not sure".
TOWN_KANA: dict[str, str] = {
    "池尻": "いけじり",
    "三宿": "みしゅく",
    "太子堂": "たいしどう",
    "三軒茶屋": "さんげんぢゃや",
    "若林": "わかばやし",
    "世田谷": "せたがや",
    "桜": "さくら",
    "弦巻": "つるまき",
    "経堂": "きょうどう",
    "宮坂": "みやさか",
    "桜丘": "さくらがおか",
    "下馬": "しもうま",
    "野沢": "のざわ",
    "上馬": "かみうま",
    "駒沢": "こまざわ",
    "代田": "だいた",
    "梅丘": "うめがおか",
    "豪徳寺": "ごうとくじ",
    "代沢": "だいざわ",
    "羽根木": "はねぎ",
    "大原": "おおはら",
    "北沢": "きたざわ",
    "松原": "まつばら",
    "赤堤": "あかつつみ",
    "桜上水": "さくらじょうすい",
    "東玉川": "ひがしたまがわ",
    "奥沢": "おくさわ",
    "玉川田園調布": "たまがわでんえんちょうふ",
    "玉堤": "たまづつみ",
    "等々力": "とどろき",
    "尾山台": "おやまだい",
    "上野毛": "かみのげ",
    "野毛": "のげ",
    "中町": "なかまち",
    "上用賀": "かみようが",
    "用賀": "ようが",
    "玉川": "たまがわ",
    "瀬田": "せた",
    "玉川台": "たまがわだい",
    "駒沢公園": "こまざわこうえん",
    "新町": "しんまち",
    "桜新町": "さくらしんまち",
    "深沢": "ふかさわ",
    "成城": "せいじょう",
    "祖師谷": "そしがや",
    "千歳台": "ちとせだい",
    "船橋": "ふなばし",
    "喜多見": "きたみ",
    "宇奈根": "うなね",
    "鎌田": "かまた",
    "岡本": "おかもと",
    "大蔵": "おおくら",
    "砧": "きぬた",
    "砧公園": "きぬたこうえん",
    "上北沢": "かみきたざわ",
    "八幡山": "はちまんやま",
    "上祖師谷": "かみそしがや",
    "粕谷": "かすや",
    "給田": "きゅうでん",
    "南烏山": "みなみからすやま",
    "北烏山": "きたからすやま",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 CSV file into a list of dicts (all values as strings)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def field(name: str, ftype: str, title: str, description: str, **extra: Any) -> dict[str, Any]:
    """Build one Table Schema field descriptor."""
    out: dict[str, Any] = {"name": name, "type": ftype, "title": title, "description": description}
    out.update(extra)
    return out


def build_rows(shared: Path) -> dict[str, list[dict[str, Any]]]:
    """Read the reference files and return the rows of chiiki, chiku and chome."""
    ref = shared / "reference"
    chiku_src = read_csv(ref / "setagaya_chiku.csv")
    census = read_csv(ref / "setagaya_chome_2015_census.csv")
    assign = {r["key_code"]: r for r in read_csv(ref / "setagaya_chome_chiku.csv")}

    chiku_kana_by_name = {r["name"]: r["kana"] for r in chiku_src}
    chiiki: list[dict[str, Any]] = []
    seen: set[str] = set()
    for r in chiku_src:
        if r["chiiki_romaji"] in seen:
            continue
        seen.add(r["chiiki_romaji"])
        name = r["chiiki"]
        if name in chiku_kana_by_name:
            kana, kana_source = chiku_kana_by_name[name], "reference_file"
        else:
            kana, kana_source = CHIIKI_KANA_PORTAL.get(name, ""), "portal_team"
        chiiki.append(
            {
                "chiiki_id": r["chiiki_romaji"],
                "name": name,
                "kana": kana,
                "kana_source": kana_source,
                "romaji": r["chiiki_romaji"],
                "sogo_shisho": "",
                "position": len(chiiki) + 1,
            }
        )

    chiku = [
        {
            "chiku_id": r["chiku_id"],
            "name": r["name"],
            "kana": r["kana"],
            "romaji": r["romaji"],
            "chiiki_id": r["chiiki_romaji"],
            "machizukuri_center": r["machizukuri_center"],
            "confidence": r["confidence"],
        }
        for r in chiku_src
    ]

    chome: list[dict[str, Any]] = []
    for r in census:
        a = assign[r["key_code"]]
        if a["name"] != r["name"]:
            raise ValueError(f"name mismatch for {r['key_code']}: {a['name']} / {r['name']}")
        chome.append(
            {
                "key_code": r["key_code"],
                "city_code": r["city_code"],
                "town_code": r["town_code"],
                "chome": r["chome"],
                "town": r["town"],
                "town_kana": TOWN_KANA.get(r["town"], ""),
                "chome_no": r["chome_no"],
                "name": r["name"],
                "name_estat": r["name_estat"],
                "chiku_id": a["chiku_id"],
                "confidence": a["confidence"],
                "note": a["note"],
                "area_m2": r["area_m2"],
                "population_2015": r["population_2015"],
                "households_2015": r["households_2015"],
                "rep_lon": r["rep_lon"],
                "rep_lat": r["rep_lat"],
            }
        )
    if len(assign) != len(chome):
        raise ValueError("assignment file and census file do not have the same 町丁目")
    total = sum(int(r["population_2015"]) for r in chome)
    if total != EXPECTED_POPULATION_2015:
        raise ValueError(f"population total {total} != {EXPECTED_POPULATION_2015}")
    return {"chiiki": chiiki, "chiku": chiku, "chome": chome}


CONFIDENCE_DESC = (
    "How sure the 地区 assignment is (from the reference file): verified = a ward page lists the "
    "地区's 町; inferred = follows by elimination, consistent with areas and populations; "
    "uncertain = an open point remains (see the package description)."
)

SCHEMAS: dict[str, dict[str, Any]] = {
    "chiiki": {
        "fields": [
            field("chiiki_id", "string", "地域 id",
                  "ASCII id of the 地域 (the romaji of its name, from setagaya_chiku.csv "
                  "column chiiki_romaji).", constraints={"required": True, "unique": True,
                                                         "pattern": "[a-z0-9-]+"}),
            field("name", "string", "地域名", "Name of the 地域 as in setagaya_chiku.csv.",
                  constraints={"required": True}),
            field("kana", "string", "よみ",
                  "Reading in hiragana. For 北沢, 砧 and 烏山 it is the reading the reference "
                  "file gives for the 地区 of the same name; for 世田谷 and 玉川 it is a "
                  + PORTAL_READING + ". See kana_source."),
            field("kana_source", "string", "よみの出典",
                  "reference_file = taken from setagaya_chiku.csv (地区 of the same name); "
                  "portal_team = " + PORTAL_READING + ".",
                  constraints={"enum": ["reference_file", "portal_team"]}),
            field("romaji", "string", "ローマ字", "Romaji as in setagaya_chiku.csv."),
            field("sogo_shisho", "string", "総合支所",
                  "Name of the 地域's 総合支所 (area branch office). Left empty: the reference "
                  "files say each 地域 has one but do not name it."),
            field("position", "integer", "順序",
                  "Order of first appearance in setagaya_chiku.csv (1-based)."),
        ],
        "primaryKey": ["chiiki_id"],
        "foreignKeys": [],
    },
    "chiku": {
        "fields": [
            field("chiku_id", "string", "地区 id",
                  "Two-digit id as in setagaya_chiku.csv (01–28). These ids are the portal's "
                  "own; the ward publishes no numeric 地区 code.",
                  constraints={"required": True, "unique": True, "pattern": "[0-9]{2}"}),
            field("name", "string", "地区名", "Name of the 地区 as in the reference file.",
                  constraints={"required": True}),
            field("kana", "string", "よみ", "Reading (hiragana) as in the reference file."),
            field("romaji", "string", "ローマ字", "Romaji as in the reference file."),
            field("chiiki_id", "string", "地域 id", "The 地域 the 地区 belongs to (FK chiiki).",
                  constraints={"required": True}),
            field("machizukuri_center", "string", "まちづくりセンター",
                  "The 地区's まちづくりセンター, as in the reference file."),
            field("confidence", "string", "確度", CONFIDENCE_DESC,
                  constraints={"required": True,
                               "enum": ["verified", "inferred", "uncertain"]}),
        ],
        "primaryKey": ["chiku_id"],
        "foreignKeys": [
            {"fields": ["chiiki_id"], "reference": {"resource": "chiiki", "fields": ["chiiki_id"]}}
        ],
    },
    "chome": {
        "fields": [
            field("key_code", "string", "KEY_CODE",
                  "e-Stat 小地域 key as in the census file: 13112 + 4-digit town_code + 2-digit "
                  "chome (11 digits); for the two 町 without 丁目 (駒沢公園, 砧公園) e-Stat's key "
                  "is 13112 + town_code only (9 digits). Kept as text.",
                  constraints={"required": True, "unique": True, "pattern": "13112[0-9]{4,6}"}),
            field("city_code", "string", "市区町村コード", "13112 (世田谷区), as in the census file."),
            field("town_code", "string", "町コード", "e-Stat 4-digit 町 code, as in the census file."),
            field("chome", "string", "丁目コード",
                  "e-Stat 2-digit 丁目 code (00 = a 町 without 丁目), as in the census file."),
            field("town", "string", "町名", "Name of the 町 (61 in all), as in the census file."),
            field("town_kana", "string", "町名よみ",
                  "Reading (hiragana) of the 町 name: " + PORTAL_READING + ". Empty where the "
                  "team was not sure. The 丁目 number is in chome_no."),
            field("chome_no", "integer", "丁目",
                  "丁目 number, as in the census file; empty for a 町 without 丁目."),
            field("name", "string", "町丁目名", "町丁目 name with kanji numerals, as in the census "
                  "file.", constraints={"required": True}),
            field("name_estat", "string", "町丁目名（e-Stat表記）",
                  "Name as written in the e-Stat data (full-width digits), kept as printed."),
            field("chiku_id", "string", "地区 id",
                  "The 地区 the 町丁目 is assigned to (FK chiku), from setagaya_chome_chiku.csv.",
                  constraints={"required": True}),
            field("confidence", "string", "確度", CONFIDENCE_DESC,
                  constraints={"required": True,
                               "enum": ["verified", "inferred", "uncertain"]}),
            field("note", "string", "備考",
                  "Note from setagaya_chome_chiku.csv, e.g. a 丁目 split between two 地区."),
            field("area_m2", "number", "面積", "Polygon area from the e-Stat boundary data.",
                  unit="m2"),
            field("population_2015", "integer", "人口（平成27年国勢調査）",
                  "2015 census population (e-Stat). Sums to 903,346.", unit="人"),
            field("households_2015", "integer", "世帯数（平成27年国勢調査）",
                  "2015 census households (e-Stat).", unit="世帯"),
            field("rep_lon", "number", "代表点経度",
                  "e-Stat representative point, longitude (JGD2000 degrees).", unit="degree"),
            field("rep_lat", "number", "代表点緯度",
                  "e-Stat representative point, latitude (JGD2000 degrees).", unit="degree"),
        ],
        "primaryKey": ["key_code"],
        "foreignKeys": [
            {"fields": ["chiku_id"], "reference": {"resource": "chiku", "fields": ["chiku_id"]}}
        ],
    },
}

RESOURCE_TEXT: dict[str, tuple[str, str, str]] = {
    "chiiki": (
        "Areas (地域)",
        "地域",
        "The 5 地域 (administrative areas) of Setagaya, each with a 総合支所. Ids are ASCII "
        "romaji from the reference file.",
    ),
    "chiku": (
        "Districts (地区)",
        "地区",
        "The 28 地区 (districts), each with a まちづくりセンター, with the 地域 they belong to "
        "and how sure the 町丁目 assignment of each 地区 is (confidence). 二子玉川 (19) was split "
        "off from 用賀 on 2019-07-16. Confidence is as in setagaya_chiku.csv: 10 verified, 12 "
        "inferred, 6 uncertain (the reference README counts 11 inferred and 7 uncertain; the "
        "difference appears to be 池尻 (01), whose 四丁目 is split with 代沢 but which the file "
        "marks inferred; the file's value is kept).",
    ),
    "chome": (
        "Town blocks (町丁目) with 2015 census figures",
        "町丁目",
        "The 277 町丁目 (61 町) of the 2015 census 小地域 data, with e-Stat keys, names, area, "
        "2015 population and households, representative point, and the 地区 each one is assigned "
        "to (confidence and note kept). Population sums to 903,346. Uncertain assignments: where "
        "中町 belongs (上野毛 or 深沢); where 千歳台1・2 and 砧1・2 fall among 祖師谷, 船橋 and 砧; "
        "池尻四丁目 is split (33〜39番 belong to 代沢地区) but is put whole in 池尻 (see note).",
    ),
}


def descriptor() -> dict[str, Any]:
    """Return the datapackage.json descriptor."""
    resources = []
    for name in ("chiiki", "chiku", "chome"):
        title, title_ja, desc = RESOURCE_TEXT[name]
        schema = dict(SCHEMAS[name])
        schema["missingValues"] = [""]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": title,
                "title_ja": title_ja,
                "description": desc,
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Setagaya areas: 5 地域, 28 地区 and 277 町丁目",
        "title_ja": "世田谷区の地域・地区・町丁目",
        "description": (
            "Reference data for the portal: the 5 地域 and 28 地区 of Setagaya and the 277 "
            "町丁目 of the 2015 census small-area data with their 2015 population and households, "
            "and which 地区 each 町丁目 belongs to. The 地区 assignment was assembled from the "
            "ward's 地区 pages and carries a confidence flag (verified / inferred / uncertain) "
            "that must be shown with the data. 地区 ids 01–28 are the portal's own. Readings of "
            "the 町 names (town_kana) were added by the portal team, not taken from e-Stat."
        ),
        "description_ja": (
            "世田谷区の5地域・28地区と、平成27年国勢調査小地域（町丁・字等）の277町丁目（人口・世帯数・"
            "代表点）、各町丁目の所属地区。地区への割当ては区の地区ページ等から作成したもので、確度"
            "（verified / inferred / uncertain）を付しています。地区ID（01〜28）はポータル独自のもの"
            "です。町名のよみ（town_kana）はポータルチームが付したもので、e-Statのデータではありません。"
        ),
        "version": VERSION,
        "created": CREATED,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "attribution_ja": ESTAT_CREDIT,
        "sources": [
            {
                "title": "政府統計の総合窓口(e-Stat) 平成27年国勢調査 小地域境界データ"
                "（世田谷区分を抽出・加工）",
                "path": "https://www.e-stat.go.jp/",
                "publisher": "総務省統計局",
            },
            {
                "title": "nyampire/jp_chome_boundary Shapefile/13-tokyo-all.dbf "
                "(commit 9dcadbd9d0e184fcfe4e0b2a810e9e03e3b96933), rows KEN=13 CITY=112 "
                "→ setagaya_chome_2015_census.csv",
                "path": "setagaya_chome_2015_census.csv",
            },
            {
                "title": "町丁目→地区 対応表（区の地区ページからポータルチームが作成、確度付き）",
                "path": "setagaya_chome_chiku.csv",
            },
            {
                "title": "5地域・28地区一覧（区の地区ページからポータルチームが作成、確度付き）",
                "path": "setagaya_chiku.csv",
            },
        ],
        "contributors": [
            {"title": "Setagaya plan-progress portal team", "role": "author"},
        ],
        "keywords": [
            "世田谷区", "地域", "地区", "町丁目", "国勢調査", "まちづくりセンター",
            "Setagaya", "areas", "districts", "town blocks", "census 2015", "reference",
        ],
        "portal": {
            "kind": "reference",
            "plan_id": "",
            "theme": "geography",
            "translation_note": (
                "English names are unofficial translations by the portal team, not the ward's."
            ),
        },
        "resources": resources,
    }


def build(out_dir: Path = DEFAULT_OUT, shared: Path = DEFAULT_SHARED) -> list[Path]:
    """Write the CSV files and datapackage.json into out_dir; return the written paths."""
    return write_package(out_dir, descriptor(), build_rows(shared))


def main() -> None:
    """Command-line entry point."""
    run(__doc__, build, DEFAULT_SHARED, DEFAULT_OUT)


if __name__ == "__main__":
    main()
