"""The building blocks of the DCAT-AP 3.0.1 graph: agents, places, periods, themes, distributions.

Every object node carries the class DCAT-AP's shapes expect (foaf:Agent, dct:LicenseDocument,
dct:MediaType, spdx:ChecksumAlgorithm …), so a SHACL validator needs no ontology reasoning.
"""

from __future__ import annotations

from typing import Any

from portal.catalog import themes
from portal.catalog.agents import WARD_CODE, Agent

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "locn": "http://www.w3.org/ns/locn#",
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
    "dct:issued": {"@type": "xsd:dateTime"}, "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:startDate": {"@type": "xsd:date"}, "dcat:endDate": {"@type": "xsd:date"},
    "spdx:checksumValue": {"@type": "xsd:hexBinary"},
}
IANA = "https://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
#: EU file-type codes of the release files, by file kind.
FILE_TYPES = {"csv": "CSV", "excel": "CSV", "json": "JSON", "datapackage": "JSON", "zip": "ZIP",
              "xlsx": "XLSX", "workbook": "XLSX", "sums": "TXT",
              "original": "XLSX", "original-csv": "CSV", "sources": "CSV"}


def text(ja: str, en: str) -> list[dict[str, str]]:
    """A literal in Japanese and English (empty ones left out)."""
    return [{"@value": v, "@language": lang} for lang, v in (("ja", ja), ("en", en)) if v]


def document(iri: str) -> dict[str, Any]:
    """A web page as a foaf:Document."""
    return {"@id": iri, "@type": "foaf:Document"}


def agent(who: Agent) -> dict[str, Any]:
    """An organisation as a foaf:Agent (and foaf:Organization) with its names and homepage."""
    return {"@id": who.iri, "@type": ["foaf:Agent", "foaf:Organization"],
            "foaf:name": text(who.name_ja, who.name_en), "foaf:homepage": document(who.homepage)}


def contact_point(who: Agent) -> dict[str, Any]:
    """The publisher as a vcard:Organization: its e-mail when configured, its homepage always."""
    node: dict[str, Any] = {"@id": f"{who.iri.split('#')[0]}#contact",
                            "@type": ["vcard:Kind", "vcard:Organization"],
                            "vcard:fn": text(who.name_ja, who.name_en), "vcard:hasURL": {"@id": who.homepage}}
    if who.email:
        node["vcard:hasEmail"] = {"@id": f"mailto:{who.email}"}
    return node


def ward_location(base_url: str) -> dict[str, Any]:
    """世田谷区 as a dct:Location identified by its 全国地方公共団体コード."""
    return {"@id": f"{base_url.rstrip('/')}/#location-{WARD_CODE}", "@type": "dct:Location",
            "dct:identifier": WARD_CODE, "skos:prefLabel": text("世田谷区", "Setagaya City"),
            "locn:geographicName": text("東京都世田谷区", "Setagaya City, Tokyo")}


def fiscal_period(start_fy: str, end_fy: str) -> dict[str, Any] | None:
    """A plan period in fiscal years (April to March) as a dct:PeriodOfTime; None without a start."""
    if not str(start_fy).isdigit():
        return None
    node: dict[str, Any] = {"@type": "dct:PeriodOfTime", "dcat:startDate": f"{start_fy}-04-01"}
    if str(end_fy).isdigit():
        node["dcat:endDate"] = f"{int(end_fy) + 1}-03-31"
    return node


def theme_scheme(base_url: str) -> dict[str, Any]:
    """The portal's own theme list as a skos:ConceptScheme."""
    return {"@id": f"{base_url.rstrip('/')}/themes", "@type": "skos:ConceptScheme",
            "dct:title": text("世田谷区計画進捗ポータルのテーマ",
                              "Themes of the Setagaya plan-progress portal")}


def eu_scheme() -> dict[str, Any]:
    """The EU data-theme vocabulary as a skos:ConceptScheme."""
    return {"@id": themes.EU_SCHEME, "@type": "skos:ConceptScheme", "dct:title": text("", "Data theme")}


def theme_concepts(slug: str, kind: str, base_url: str, labels: dict[str, str]) -> list[dict[str, Any]]:
    """A dataset's themes: its EU data themes and the portal's own theme (LABELS: name per language)."""
    nodes = [{"@id": f"{themes.EU_SCHEME}/{code}", "@type": "skos:Concept",
              "skos:prefLabel": text("", themes.EU_LABELS[code]), "skos:inScheme": {"@id": themes.EU_SCHEME}}
             for code in themes.eu_themes(slug, kind)]
    if slug:
        nodes.append({"@id": f"{base_url.rstrip('/')}/themes#{themes.key(slug)}", "@type": "skos:Concept",
                      "skos:prefLabel": [{"@value": v, "@language": k} for k, v in labels.items()],
                      "skos:inScheme": {"@id": f"{base_url.rstrip('/')}/themes"}})
    return nodes


def licence_node(licence: dict[str, Any]) -> dict[str, Any]:
    """A licence as a dct:LicenseDocument."""
    return {"@id": licence.get("path", ""), "@type": "dct:LicenseDocument",
            "dct:title": licence.get("title", "")}


def distribution(entry: dict[str, Any], url: str, licence: dict[str, Any], titles: tuple[str, str],
                 issued: str) -> dict[str, Any]:
    """One release file as a dcat:Distribution: format, media type, size, sha256, licence."""
    return {"@id": url, "@type": "dcat:Distribution", "dct:title": text(*titles),
            "dcat:downloadURL": {"@id": url}, "dcat:accessURL": {"@id": url},
            "dct:format": {"@id": FILE_TYPE + FILE_TYPES[entry["kind"]], "@type": "dct:MediaTypeOrExtent"},
            "dcat:mediaType": {"@id": IANA + entry["mediatype"].split(";")[0], "@type": "dct:MediaType"},
            "dcat:byteSize": entry["bytes"], "dct:license": licence_node(licence), "dct:issued": issued,
            "spdx:checksum": {"@type": "spdx:Checksum",
                              "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256",
                                                 "@type": "spdx:ChecksumAlgorithm"},
                              "spdx:checksumValue": entry["sha256"]}}


def languages() -> list[dict[str, Any]]:
    """Japanese and English as dct:LinguisticSystem (EU language authority)."""
    return [{"@id": LANGUAGE + code, "@type": "dct:LinguisticSystem"} for code in ("JPN", "ENG")]
