"""schema.org Dataset JSON-LD for a release page (Google Dataset Search), in the page's language."""

from __future__ import annotations

from typing import Any

from portal.catalog.agents import WARD_CODE, Agent
from portal.catalog.rows import Table
from portal.i18n import localized


def _organisation(who: Agent, lang: str, kind: str = "Organization") -> dict[str, Any]:
    """An organisation named in LANG, with its other name and homepage."""
    other = who.name_ja if lang == "en" else who.name_en
    node = {"@type": kind, "@id": who.iri, "name": who.name(lang), "alternateName": other,
            "url": who.homepage}
    if who.email:
        node["email"] = who.email
    return node


def _temporal(period: tuple[str, str] | None) -> str | None:
    """A plan period in fiscal years as an ISO 8601 interval (open-ended without an end year)."""
    if not period or not str(period[0]).isdigit():
        return None
    start, end = period
    return f"{start}-04-01/{int(end) + 1}-03-31" if str(end).isdigit() else f"{start}-04-01/.."


def variables(indicators: Table | None, fields: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """What the data set measures: its indicators (name and unit) or, without any, its numeric fields."""
    if indicators and indicators.rows:
        return [{"@type": "PropertyValue", "propertyID": r["indicator_id"],
                 "name": localized({"ja": r.get("name_ja") or "", "en": r.get("name_en") or ""}, lang),
                 **({"unitText": r["unit"]} if r.get("unit") else {})} for r in indicators.rows]
    return [{"@type": "PropertyValue", "name": f["name"], "description": f["title"] or f["description"],
             **({"unitText": f["unit"]} if f["unit"] else {})}
            for f in fields if f["type"] in {"integer", "number"}]


def _downloads(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Every file of the release as a DataDownload."""
    files = [d for res in meta["resources"] for d in res["downloads"]] + meta["downloads"]
    return [{"@type": "DataDownload", "encodingFormat": d["mediatype"].split(";")[0], "contentUrl": d["url"],
             "contentSize": f"{d['bytes']} B", "name": d["filename"]} for d in files]


def dataset(meta: dict[str, Any], page_url: str, lang: str, *, publisher: Agent, ward: Agent,
            period: tuple[str, str] | None, measured: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the schema.org Dataset of a release: names and descriptions in LANG (else Japanese)."""
    node = {
        "@context": "https://schema.org/", "@type": "Dataset", "@id": meta["url"], "url": page_url,
        "identifier": [meta["url"], f"{meta['name']}@{meta['version']}"], "inLanguage": lang,
        "name": localized(meta["title"], lang), "description": localized(meta["description"], lang),
        "version": meta["version"], "license": meta["licence"].get("path", ""), "keywords": meta["keywords"],
        "datePublished": meta["published_at"], "dateModified": meta["published_at"],
        "dateCreated": meta["created"], "publisher": _organisation(publisher, lang),
        "creator": _organisation(publisher, lang),
        "spatialCoverage": {"@type": "AdministrativeArea", "name": ward.name(lang),
                            "identifier": {"@type": "PropertyValue", "propertyID": "全国地方公共団体コード",
                                           "value": WARD_CODE}},
        "creditText": meta["attribution"]["en" if lang == "en" else "ja"],
        "citation": meta["citation"]["text"], "distribution": _downloads(meta),
        "isBasedOn": [{"@type": "CreativeWork", "name": s["title"],
                       "creator": _organisation(ward, lang, "GovernmentOrganization")}
                      for s in meta["sources"] if s.get("title") and s.get("publisher") == "世田谷区"],
        "variableMeasured": measured, "isAccessibleForFree": True,
    }
    if temporal := _temporal(period):
        node["temporalCoverage"] = temporal
    return node
