"""`portal export-static`: every public read-only page and file, as files any static host can serve.

The export crawls the app in-process from each language's home page, the catalogue and the DCAT
document, following every internal link. Pages are written as `<path>/index.html` and their links
rewritten to relative ones, so the mirror works under any base path (or from disk). Parts that
must stay dynamic — search, consultations, staff, the JSON API, anything with a query string —
point at DYNAMIC_BASE_URL (the Flask app), or stay root-relative when it is empty.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

#: Path prefixes served by the Flask app, never mirrored.
DYNAMIC_PREFIXES = ("/api/", "/staff", "/healthz", "/static/../")
#: Path segments (after the language) that belong to the dynamic app.
DYNAMIC_SECTIONS = ("search", "consultations")
_LINK = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>[^"]*)"')


@dataclass
class ExportReport:
    """What an export wrote."""

    pages: int = 0
    files: int = 0
    skipped: list[str] = field(default_factory=list)


def is_dynamic(path: str, languages: list[str]) -> bool:
    """True for paths the static mirror leaves to the Flask app."""
    if path.startswith(DYNAMIC_PREFIXES):
        return True
    parts = path.strip("/").split("/")
    return len(parts) > 1 and parts[0] in languages and parts[1] in DYNAMIC_SECTIONS


def _target_file(path: str, is_html: bool) -> str:
    """The file (relative to the export root) that holds PATH."""
    clean = path.lstrip("/")
    if is_html and (not clean or clean.endswith("/")):
        return clean + "index.html"
    if is_html and not clean.endswith(".html"):
        return clean + "/index.html"
    return clean


class Exporter:
    """Crawl the app and write the mirror."""

    def __init__(self, app: Flask, outdir: Path, dynamic_base: str = "") -> None:
        self.app = app
        self.client = app.test_client()
        self.outdir = outdir
        self.dynamic_base = dynamic_base.rstrip("/")
        self.public_base = app.config["PUBLIC_BASE_URL"].rstrip("/")
        self.languages: list[str] = app.config["LANGUAGES"]
        self.files: dict[str, str] = {}
        self.redirects: set[str] = set()
        self.report = ExportReport()

    def seeds(self) -> list[str]:
        """Where the crawl starts: each language's home, the catalogue and DCAT document."""
        starts = ["/"] + [f"/{lang}/" for lang in self.languages]
        starts += [f"/{lang}/datasets/" for lang in self.languages]
        return [*starts, "/catalog.jsonld", "/catalog.ttl", "/catalog.rdf"]

    def run(self) -> ExportReport:
        """Fetch every reachable public page and file, then write the rewritten pages."""
        queue, seen = deque(self.seeds()), set(self.seeds())
        pages: dict[str, str] = {}
        while queue:
            path = queue.popleft()
            response = self.client.get(path)
            body = response.get_data()
            response.close()
            if response.status_code in (301, 302, 303, 307, 308):
                target = urlsplit(response.headers["Location"]).path
                pages[path] = _redirect_page(target)
                self.files[path] = _target_file(path, True)
                self.redirects.add(path)
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
                continue
            if response.status_code != 200:
                self.report.skipped.append(f"{path} ({response.status_code})")
                continue
            is_html = response.mimetype == "text/html"
            self.files[path] = _target_file(path, is_html)
            if is_html:
                text = body.decode("utf-8")
                pages[path] = text
                for link in self._links(path, text):
                    if link not in seen:
                        seen.add(link)
                        queue.append(link)
            else:
                self._write(self.files[path], body)
                self.report.files += 1
        for path, text in pages.items():
            self._write(self.files[path], self._rewrite(path, text).encode("utf-8"))
            self.report.pages += 1
        return self.report

    def _links(self, page: str, text: str) -> list[str]:
        """Internal, mirrorable link paths on a page."""
        found = []
        for match in _LINK.finditer(text):
            url = self._local(html.unescape(match.group("url")))
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path or parts.query:
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) \
                if not parts.path.startswith("/") else parts.path
            if parts.path.endswith("/") and not path.endswith("/"):
                path += "/"
            if match.group("attr") == "action" or is_dynamic(path, self.languages):
                continue
            found.append(path)
        return found

    def _rewrite(self, page: str, text: str) -> str:
        """Make mirrored links relative to PAGE and dynamic ones point at the Flask app."""
        here = posixpath.dirname(self.files[page])

        def replace(match: re.Match[str]) -> str:
            url = self._local(html.unescape(match.group("url")))
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not url.startswith("/"):
                return match.group(0)
            target = self.files.get(parts.path)
            if target is None or parts.query or match.group("attr") == "action":
                new = f"{self.dynamic_base}{url}" if self.dynamic_base else url
            else:
                new = posixpath.relpath(target, here or ".")
                if new.endswith("index.html"):
                    new = new[: -len("index.html")] or "./"
                if parts.fragment:
                    new += f"#{parts.fragment}"
            return f'{match.group("attr")}="{html.escape(new)}"'

        text = _LINK.sub(replace, text)
        if page in self.redirects:
            href = re.search(r'href="([^"]*)"', text)
            text = re.sub(r"url=[^\"]*", f"url={href.group(1) if href else './'}", text)
        return text

    def _local(self, url: str) -> str:
        """Turn an absolute link to this portal (PUBLIC_BASE_URL) into a root-relative one."""
        if self.public_base and url.startswith(self.public_base + "/"):
            return url[len(self.public_base):]
        return url

    def _write(self, relative: str, data: bytes) -> None:
        """Write DATA at RELATIVE under the export folder."""
        target = self.outdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _redirect_page(target: str) -> str:
    """A static stand-in for a redirect: a link (and a refresh) to TARGET."""
    safe = html.escape(target)
    return (f'<!doctype html><html lang="ja"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={safe}"><title>→</title></head>'
            f'<body><p><a href="{safe}">{safe}</a></p></body></html>')


def export_static(app: Flask, outdir: str | Path, dynamic_base: str = "") -> ExportReport:
    """Write the static mirror of APP into OUTDIR (emptied first)."""
    outdir = Path(outdir)
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    with app.app_context():
        return Exporter(app, outdir, dynamic_base).run()
