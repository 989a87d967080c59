"""`portal export-static`: a mirror of every public read-only page, with no broken link."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portal.export import export_static

LINK = re.compile(r'\b(?:href|src)="([^"]*)"')
DYNAMIC = "https://portal.example.jp"


@pytest.fixture(scope="module")
def mirror(real_app, tmp_path_factory) -> Path:
    """The static export of the app built from the real datasets."""
    out = tmp_path_factory.mktemp("mirror") / "site"
    export_static(real_app, out, DYNAMIC)
    return out


def _resolve(page: Path, root: Path, url: str) -> Path | None:
    """The file a relative link on PAGE points at (None for anchors and other sites)."""
    parts = urlsplit(html.unescape(url))
    if parts.scheme or parts.netloc or not parts.path:
        return None
    assert not parts.path.startswith("/"), f"{page}: root-relative link {url}"
    target = (page.parent / parts.path).resolve()
    return target / "index.html" if parts.path.endswith("/") or target.is_dir() else target


def test_export_has_no_broken_link(mirror):
    pages = list(mirror.rglob("*.html"))
    broken, checked = [], 0
    for page in pages:
        for url in LINK.findall(page.read_text(encoding="utf-8")):
            target = _resolve(page, mirror, url)
            if target is None:
                continue
            checked += 1
            if not target.is_file() or mirror.resolve() not in target.parents:
                broken.append(f"{page.relative_to(mirror)} → {url}")
    assert checked > 10000
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:5]}"


@pytest.mark.parametrize("lang", ["ja", "en", "zh-hans", "ko"])
def test_export_holds_every_language(mirror, lang):
    assert (mirror / lang / "index.html").is_file()
    assert (mirror / lang / "plans" / "index.html").is_file()
    assert (mirror / lang / "chiku" / "index.html").is_file()
    assert (mirror / lang / "datasets" / "index.html").is_file()
    assert len(list((mirror / lang / "plans" / "node").iterdir())) > 200
    assert len(list((mirror / lang / "chiku").iterdir())) >= 28


def test_export_holds_dataset_files_and_dcat(mirror):
    assert (mirror / "catalog.jsonld").is_file()
    files = {p.name for p in (mirror / "datasets" / "mirai-plan-2022").rglob("*") if p.is_file()}
    assert {"observations.csv", "observations-excel.csv", "observations.json",
            "datapackage.json", "mirai-plan-2022-1.1.1.zip"} <= files


def test_dynamic_parts_point_at_the_flask_app(mirror):
    home = (mirror / "ja" / "index.html").read_text(encoding="utf-8")
    assert f'action="{DYNAMIC}/ja/search/"' in home or f'action="{DYNAMIC}/ja/search"' in home
    assert not (mirror / "ja" / "search").exists()
    assert not (mirror / "staff").exists()
    assert not (mirror / "api").exists()


def test_root_sends_visitors_to_japanese(mirror):
    root = (mirror / "index.html").read_text(encoding="utf-8")
    assert 'href="ja/"' in root and "url=ja/" in root
