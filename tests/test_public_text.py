"""Public text on every page in Japanese and English (issue 18).

Every HTML page reachable by links from the home page of each language is fetched (no query
strings: table-browser and search variants repeat the same text). On each page's visible text:
- no word "seed" (the extraction's working name for the source documents);
- no text file name (003_a0da86d5be0d2af2.txt) where a document title belongs;
- no date written with full-width digits (令和６年度, ２０２４年度) outside a quotation of the
  printed text (<q>, <blockquote>, or a figure cell shown as printed): one digit width per language;
- Japanese pages: no English-only note (a run of English words), and no "." closing a Japanese
  sentence. English marked lang="en" is allowed on Japanese pages only in the data dictionary and
  API reference (/datasets/, /api/), where field and parameter descriptions are English by convention.
Raw data cells (`data-raw`: the table browser and previews show each CSV cell as published; the
citation strings are to be copied as they are) are left out of the file-name, English and
punctuation checks (they are the data, with their provenance columns), but not of the "seed" check.
The data catalogue and API reference pages are crawled like every other page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

SEED_WORD = re.compile(r"\bseeds?\b", re.IGNORECASE)
TEXT_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
JA_SENTENCE_DOT = re.compile(r"[぀-ヿ一-鿿）」』％%]\.(?=\s|$)")
WIDE_DATE = re.compile(r"(令和|平成|昭和)\s*[０-９]|[０-９]+\s*年度|[０-９]+\s*月\s*[０-９]+\s*日")
ENGLISH_RUN = re.compile(r"(?:\b[A-Za-z][a-z']+\b[ ,;:()-]+){5,}[A-Za-z]+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
REFERENCE_PAGES = ("/ja/datasets/", "/ja/api/")
DOWNLOADS = (".json", ".csv", ".zip", ".xlsx", ".ics")
SKIP_PREFIXES = ("/static/", "/datasets/", "/api/", "/catalog.", "/staff", "/ja/staff", "/en/staff")


class _Text(HTMLParser):
    """Visible text of a page, split into (text, inside lang=en, inside data-raw) pieces, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool, bool, bool, bool]] = []
        self.pieces: list[tuple[str, bool, bool, bool]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in VOID:
            return
        parent = self.stack[-1] if self.stack else ("", False, False, False, False)
        english = a.get("lang") == "en" if "lang" in a else parent[1]
        raw = parent[2] or "data-raw" in a
        hidden = parent[3] or tag in ("script", "style", "template")
        quoted = parent[4] or tag in ("q", "blockquote") or "printed" in (a.get("class") or "").split()
        self.stack.append((tag, english, raw, hidden, quoted))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        top = self.stack[-1] if self.stack else ("", False, False, False, False)
        if not top[3] and data.strip():
            self.pieces.append((data, top[1], top[2], top[4]))


def _crawl(client, lang: str, limit: int = 4000) -> dict[str, _Text]:
    """Every HTML page of LANG reachable from its home page, parsed."""
    seen: dict[str, _Text] = {}
    queue = [f"/{lang}/"]
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        parsed = _Text()
        parsed.feed(response.get_data(as_text=True))
        seen[url] = parsed
        for href in parsed.links:
            path = href.split("#")[0]
            skip = path.startswith(SKIP_PREFIXES)
            if (path.startswith(f"/{lang}/") and "?" not in path and not skip
                    and "/table/" not in path and not path.endswith(DOWNLOADS)
                    and path not in seen):
                queue.append(path)
    return seen


def _problems(url: str, page: _Text, lang: str) -> list[str]:
    """What is wrong with one page's public text."""
    found = []
    for text, english, raw, quoted in page.pieces:
        if SEED_WORD.search(text):
            found.append(f"{url}: 'seed' in {text.strip()[:80]!r}")
        if raw:
            continue
        if not quoted and WIDE_DATE.search(text):
            found.append(f"{url}: date in full-width digits in {text.strip()[:80]!r}")
        if TEXT_FILE.search(text):
            found.append(f"{url}: file name in {text.strip()[:80]!r}")
        if lang == "ja" and not english and JA_SENTENCE_DOT.search(text):
            found.append(f"{url}: '.' closes a Japanese sentence in {text.strip()[:80]!r}")
        reference = english and url.startswith(REFERENCE_PAGES)
        if lang == "ja" and not reference and ENGLISH_RUN.search(text):
            found.append(f"{url}: English text on a Japanese page: {text.strip()[:80]!r}")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_public_text_of_every_page(site_client, lang):
    pages = _crawl(site_client, lang)
    assert len(pages) > 150, "the crawl should reach every plan, measure, indicator, 地区 and dataset page"
    problems = [p for url, page in sorted(pages.items()) for p in _problems(url, page, lang)]
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:200])
