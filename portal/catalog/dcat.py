"""The DCAT-AP 3.0.1 catalogue as JSON-LD: @ja and @en literals, one DatasetSeries per plan.

The @context is inline so harvesters and tests parse it without fetching anything. The graph
validates against the DCAT-AP 3.0.1 SHACL shapes (tests/catalog/test_dcat_ap.py); Turtle and
RDF/XML are serialisations of this same graph (rdf.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from portal.catalog import citation, releases
from portal.catalog.agents import Agent
from portal.catalog.dcat_nodes import (
    CONTEXT,
    agent,
    contact_point,
    distribution,
    document,
    eu_scheme,
    fiscal_period,
    languages,
    licence_node,
    text,
    theme_concepts,
    theme_scheme,
    ward_location,
)
from portal.catalog.models import Dataset
from portal.catalog.rows import load_table


class Context:
    """What every node needs: base URL, publisher, the ward, URL builders and theme labels."""

    def __init__(self, base: str | Path, *, base_url: str, publisher: Agent, ward: Agent,
                 file_url: Callable[[str, str, str], str], page_url: Callable[[str, str], str],
                 theme_labels: Callable[[str], dict[str, str]],
                 documents: Callable[[str], list[Any]] | None = None) -> None:
        self.base, self.base_url = base, base_url.rstrip("/")
        self.publisher, self.ward = publisher, ward
        self.file_url, self.page_url, self.theme_labels = file_url, page_url, theme_labels
        self.documents = documents or (lambda _text_file: [])


def plan_row(base: str | Path, man: dict[str, Any]) -> dict[str, Any]:
    """The plans-table row of a release's plan (names, period in fiscal years), or {}."""
    plan_id = (man["descriptor"].get("portal") or {}).get("plan_id")
    table = load_table(base, man["name"], man["version"], "plans") if plan_id else None
    return next((r for r in (table.rows if table else []) if r.get("plan_id") == plan_id), {})


def _series_id(base_url: str, plan_id: str) -> str:
    """The identifier of a plan's dataset series."""
    return f"{base_url}/plans/{plan_id}#series"


def _sources(desc: dict[str, Any], ctx: Context) -> list[dict[str, Any]]:
    """The plan documents a release was extracted from, each created by its publisher (the ward)."""
    ward = [s for s in desc.get("sources") or [] if s.get("title") and s.get("publisher") == "世田谷区"]
    nodes, seen = [], set()
    for source in ward:
        for doc in ctx.documents(source.get("path") or "") or [None]:
            key = doc.document_id if doc else source["title"]
            if key in seen:
                continue
            seen.add(key)
            nodes.append(_document_node(doc, source["title"], ctx))
    return nodes


def _document_node(doc: Any, fallback_title: str, ctx: Context) -> dict[str, Any]:
    """One source document: from the documents registry when it knows it, else the package's title."""
    if doc is None:
        return {"@type": "foaf:Document", "dct:title": text(fallback_title, ""),
                "dct:creator": agent(ctx.ward)}
    node: dict[str, Any] = {"@type": "foaf:Document", "dct:identifier": doc.document_id,
                            "dct:title": text(doc.title_ja, doc.title_en), "dct:creator": agent(ctx.ward)}
    if doc.date:
        node["dct:issued"] = {"@value": doc.date, "@type": "xsd:date"}
    when = f"（{doc.date_printed}）" if doc.date_printed else ""
    node["dct:bibliographicCitation"] = text(f"{doc.title_ja}{when}", "")
    if doc.url:
        node["foaf:page"] = {"@id": doc.url}
    return node


def _distributions(man: dict[str, Any], ctx: Context, licence: dict[str, Any]) -> list[dict[str, Any]]:
    """Every file of a release as a distribution, titled by its resource."""
    titles = {"sources.csv": ("出典一覧（sources.csv）",
                              "Sources: document and page of each cited line (sources.csv)")}
    for res in man["resources"]:
        for filename in res["files"].values():
            titles[filename] = (f"{res.get('title_ja') or res['name']}（{filename}）",
                                f"{res.get('title') or res['name']} ({filename})")
    return [distribution(entry, ctx.file_url(man["name"], man["version"], filename), licence,
                         titles.get(filename, (filename, filename)), man["published_at"])
            for filename, entry in man["files"].items()]


def _dataset(man: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """One release as a dcat:Dataset with its distributions, themes, coverage and contact."""
    desc, name, version = man["descriptor"], man["name"], man["version"]
    portal = desc.get("portal") or {}
    licence = citation.licence(desc)
    item: dict[str, Any] = {
        "@id": citation.release_url(ctx.base_url, name, version), "@type": "dcat:Dataset",
        "dct:identifier": name, "dcat:version": version, "owl:versionInfo": version,
        "dct:title": text(desc.get("title_ja", ""), desc.get("title", "")),
        "dct:description": text(desc.get("description_ja", ""), desc.get("description", "")),
        "dct:issued": man["published_at"], "dct:modified": man["published_at"],
        "dct:license": licence_node(licence), "dct:publisher": {"@id": ctx.publisher.iri},
        "dcat:contactPoint": contact_point(ctx.publisher),
        "dcat:landingPage": document(ctx.page_url(name, version)),
        "dcat:keyword": desc.get("keywords", []), "dct:language": languages(),
        "dct:spatial": {"@id": ward_location(ctx.base_url)["@id"]},
        "dcat:theme": theme_concepts(portal.get("theme", ""), portal.get("kind", ""), ctx.base_url,
                                     ctx.theme_labels(portal.get("theme", ""))),
        "dct:bibliographicCitation": citation.attribution_ja(desc),
        "prov:wasDerivedFrom": _sources(desc, ctx),
        "dcat:distribution": _distributions(man, ctx, licence),
    }
    row = plan_row(ctx.base, man)
    if period := fiscal_period(row.get("start_fy", ""), row.get("end_fy", "")):
        item["dct:temporal"] = period
    if portal.get("plan_id"):
        item["dcat:inSeries"] = {"@id": _series_id(ctx.base_url, portal["plan_id"])}
    return item


def _series(man: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """A plan's dcat:DatasetSeries (also a dcat:Dataset), named as its plans table names it."""
    plan_id = man["descriptor"]["portal"]["plan_id"]
    row = plan_row(ctx.base, man)
    name_ja, name_en = row.get("name_ja", ""), row.get("name_en", "")
    item = {"@id": _series_id(ctx.base_url, plan_id), "@type": ["dcat:DatasetSeries", "dcat:Dataset"],
            "dct:identifier": plan_id, "dct:title": text(name_ja, name_en),
            "dct:description": text(f"「{name_ja}」のデータセットを版ごとに公開したもの。",
                                    f"The released versions of the data of the {name_en}."),
            "dct:publisher": {"@id": ctx.publisher.iri},
            "dcat:contactPoint": contact_point(ctx.publisher),
            "dct:spatial": {"@id": ward_location(ctx.base_url)["@id"]}}
    if period := fiscal_period(row.get("start_fy", ""), row.get("end_fy", "")):
        item["dct:temporal"] = period
    return item


def catalog(base: str | Path, datasets: Iterable[Dataset], ctx: Context) -> dict[str, Any]:
    """Return the whole catalogue as a JSON-LD document."""
    manifests = [m for ds in datasets if (m := releases.manifest(base, ds.name, ds.version))]
    series = {m["descriptor"]["portal"]["plan_id"]: _series(m, ctx) for m in manifests
              if (m["descriptor"].get("portal") or {}).get("plan_id")}
    stamps = sorted(m["published_at"] for m in manifests)
    node: dict[str, Any] = {
        "@context": CONTEXT, "@id": f"{ctx.base_url}/catalog", "@type": "dcat:Catalog",
        "dct:title": text("世田谷区 計画進捗オープンデータ", "Setagaya plan-progress open data"),
        "dct:description": text(
            "世田谷区の計画（実施計画・総合計画等）の体系、指標、目標値と実績を、出典の行とともに公開するデータカタログ。",
            "The structure, indicators, targets and results of Setagaya City's plans, each figure "
            "with the document line it was printed on."),
        "dct:publisher": agent(ctx.publisher), "foaf:homepage": document(f"{ctx.base_url}/"),
        "dct:license": licence_node(citation.DEFAULT_LICENCE), "dct:language": languages(),
        "dct:spatial": ward_location(ctx.base_url),
        "dcat:themeTaxonomy": [eu_scheme(), theme_scheme(ctx.base_url)],
        "dcat:dataset": [_dataset(m, ctx) for m in manifests] + list(series.values()),
    }
    if stamps:
        node["dct:issued"], node["dct:modified"] = stamps[0], stamps[-1]
    return node
