"""Licence, attribution (出典) and "how to cite" texts of a release, built from its descriptor."""

from __future__ import annotations

from typing import Any

#: Licence used when a package declares none (configurable per package through `licenses`).
DEFAULT_LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                   "title": "Creative Commons Attribution 4.0"}
PUBLISHER_JA = "世田谷区"
PUBLISHER_EN = "Setagaya City"
AUTHOR = "Setagaya plan-progress portal team"


def licence(desc: dict[str, Any]) -> dict[str, Any]:
    """Return the package's first licence, or CC BY 4.0 when it declares none."""
    licences = desc.get("licenses") or []
    return {**DEFAULT_LICENCE, **licences[0]} if licences else dict(DEFAULT_LICENCE)


def source_titles(desc: dict[str, Any]) -> list[str]:
    """Return the titles of the documents the package was extracted from, as printed."""
    return [s.get("title", "") for s in desc.get("sources") or [] if s.get("title")]


def attribution_ja(desc: dict[str, Any]) -> str:
    """Return the 出典 text: the package's own, or one naming the ward and its source document."""
    if desc.get("attribution_ja"):
        return str(desc["attribution_ja"])
    docs = "』『".join(source_titles(desc)) or desc.get("title_ja") or desc.get("name", "")
    return f"出典：{PUBLISHER_JA}『{docs}』を加工して作成"


def attribution_en(desc: dict[str, Any]) -> str:
    """Return an English attribution naming the ward and the source document by its Japanese title."""
    if desc.get("attribution_en"):
        return str(desc["attribution_en"])
    docs = "; ".join(f"『{t}』" for t in source_titles(desc)) or desc.get("title", "")
    return f"Source: {PUBLISHER_EN}, {docs}, processed by the {AUTHOR}."


def release_url(base_url: str, name: str, version: str) -> str:
    """Return the permanent URL of a release."""
    return f"{base_url.rstrip('/')}/datasets/{name}/{version}/"


def _year(released: str) -> str:
    """Return the year of an ISO date, or an empty string."""
    return released[:4] if released[:4].isdigit() else ""


def cite_text(desc: dict[str, Any], version: str, url: str, released: str) -> str:
    """Return a plain-text citation naming the publisher, title, version, release date and URL."""
    title = desc.get("title_ja") or desc.get("title", "")
    en = f" [{desc['title']}]" if desc.get("title") and desc.get("title") != title else ""
    return (f"{PUBLISHER_JA} ({PUBLISHER_EN}); {AUTHOR} ({_year(released)}). {title}{en}, "
            f"version {version} [Data set]. Released {released[:10]}. {url}")


def _bibtex_escape(text: str) -> str:
    """Escape the characters BibTeX treats specially."""
    for char in "\\{}&%$#_":
        text = text.replace(char, "\\" + char)
    return text


def cite_bibtex(desc: dict[str, Any], version: str, url: str, released: str) -> str:
    """Return a BibTeX @misc entry for the release."""
    key = f"{desc.get('name', 'dataset')}_{version}".replace("-", "_").replace(".", "_")
    title = _bibtex_escape(desc.get("title_ja") or desc.get("title", ""))
    fields = [
        ("author", f"{{{PUBLISHER_JA}}} and {{{AUTHOR}}}"), ("title", title),
        ("year", _year(released)), ("version", version), ("howpublished", "Data set"),
        ("url", url), ("note", _bibtex_escape(f"Released {released[:10]}. {desc.get('title', '')}")),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@misc{{{key},\n{body}\n}}"
