"""The DCAT catalogue as JSON-LD (DCAT 3 terms, @ja and @en literals, one DatasetSeries per plan).

The @context is inline so harvesters and tests parse it without fetching anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from portal.catalog import citation, releases
from portal.catalog.models import Dataset
from portal.catalog.rows import load_table

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
    "dct:issued": {"@type": "xsd:dateTime"}, "dct:modified": {"@type": "xsd:dateTime"},
}
IANA = "https://www.iana.org/assignments/media-types/"


def _text(ja: str, en: str) -> list[dict[str, str]]:
    """A literal in Japanese and English (empty ones left out)."""
    return [{"@value": v, "@language": lang} for lang, v in (("ja", ja), ("en", en)) if v]


def _publisher() -> dict[str, Any]:
    """The ward as a foaf:Organization."""
    return {"@type": "foaf:Organization", "foaf:name": _text(citation.PUBLISHER_JA, citation.PUBLISHER_EN)}


def _distribution(man: dict[str, Any], filename: str, url: str, licence: str) -> dict[str, Any]:
    """One file of a release as a dcat:Distribution with media type, size and sha256."""
    entry = man["files"][filename]
    return {"@id": url, "@type": "dcat:Distribution", "dct:title": filename,
            "dcat:downloadURL": {"@id": url}, "dcat:accessURL": {"@id": url},
            "dcat:mediaType": {"@id": IANA + entry["mediatype"].split(";")[0]},
            "dcat:byteSize": entry["bytes"], "dct:license": {"@id": licence},
            "spdx:checksum": {"@type": "spdx:Checksum",
                              "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                              "spdx:checksumValue": entry["sha256"]}}


def _series_id(base_url: str, plan_id: str) -> str:
    """The identifier of a plan's dataset series."""
    return f"{base_url.rstrip('/')}/plans/{plan_id}#series"


def _dataset(man: dict[str, Any], base_url: str, file_url: Callable[[str, str, str], str]) -> dict[str, Any]:
    """One release as a dcat:Dataset with its distributions."""
    desc, name, version = man["descriptor"], man["name"], man["version"]
    licence = citation.licence(desc).get("path", "")
    item = {
        "@id": citation.release_url(base_url, name, version), "@type": "dcat:Dataset",
        "dct:identifier": name, "dcat:version": version, "owl:versionInfo": version,
        "dct:title": _text(desc.get("title_ja", ""), desc.get("title", "")),
        "dct:description": _text(desc.get("description_ja", ""), desc.get("description", "")),
        "dct:issued": desc.get("created", ""), "dct:modified": man["published_at"],
        "dct:license": {"@id": licence}, "dct:publisher": _publisher(),
        "dct:rightsHolder": _publisher(), "dcat:keyword": desc.get("keywords", []),
        "dct:bibliographicCitation": citation.attribution_ja(desc),
        "dcat:distribution": [_distribution(man, f, file_url(name, version, f), licence)
                              for f in man["files"]],
    }
    plan_id = (desc.get("portal") or {}).get("plan_id")
    if plan_id:
        item["dcat:inSeries"] = {"@id": _series_id(base_url, plan_id)}
    return item


def _series(base: str | Path, man: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A plan's dcat:DatasetSeries, named as the plan is named in its plans table."""
    plan_id = man["descriptor"]["portal"]["plan_id"]
    table = load_table(base, man["name"], man["version"], "plans")
    row = next((r for r in (table.rows if table else []) if r.get("plan_id") == plan_id), {})
    return {"@id": _series_id(base_url, plan_id), "@type": "dcat:DatasetSeries", "dct:identifier": plan_id,
            "dct:title": _text(row.get("name_ja", ""), row.get("name_en", "")),
            "dct:publisher": _publisher()}


def catalog(base: str | Path, datasets: Iterable[Dataset], *, base_url: str,
            file_url: Callable[[str, str, str], str]) -> dict[str, Any]:
    """Return the whole catalogue as a JSON-LD document."""
    manifests = [m for ds in datasets if (m := releases.manifest(base, ds.name, ds.version))]
    series = {m["descriptor"]["portal"]["plan_id"]: _series(base, m, base_url) for m in manifests
              if (m["descriptor"].get("portal") or {}).get("plan_id")}
    return {
        "@context": CONTEXT, "@id": f"{base_url.rstrip('/')}/catalog.jsonld", "@type": "dcat:Catalog",
        "dct:title": _text("世田谷区 計画進捗オープンデータ", "Setagaya plan-progress open data"),
        "dct:publisher": _publisher(), "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/ja"},
                                                       {"@id": "http://id.loc.gov/vocabulary/iso639-1/en"}],
        "dcat:dataset": [_dataset(m, base_url, file_url) for m in manifests] + list(series.values()),
    }
