"""Links from plan words to the 用語集 on the Japanese pages (ordinary and やさしい日本語).

The first occurrence of each 用語集 word in a page's <main> becomes a link to its entry,
`<a class="term" href="…/glossary/#term-…" aria-describedby="term-note-…">`, and the page gets
the explanations once, in a `hidden` block the links point to: a screen reader announces the
explanation as the link's description without leaving the page, and sighted readers follow the
link. Words inside links, headings, buttons, form controls, code and visitor text (textarea,
blockquote) are left alone. Like ruby, links are added to the finished page, once per distinct
body and language for requests without cookies (RUBY_ENTRIES bodies kept per process).
"""

from __future__ import annotations

import hashlib
import re

from flask import Response, g, request, url_for
from markupsafe import escape

from portal.cache import Cache
from portal.easy.glossary import BY_WORD, TERMS, explanation
from portal.easy.ruby import TAG, TOKENS

#: Languages whose pages link their words to the 用語集.
GLOSSARY_LANGS = ("ja", "ja-easy")
#: Elements whose text never becomes a term link.
SKIP = frozenset({"a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend",
                  "summary", "select", "option", "textarea", "script", "style", "code", "pre",
                  "svg", "dfn", "abbr", "ruby", "title", "blockquote", "caption", "th",
                  "template", "noscript"})
#: Longest words first, so 成果指標 is one term and not 成果 + 指標.
_WORDS = re.compile("|".join(re.escape(t.word) for t in sorted(TERMS, key=lambda t: -len(t.word))))


def _link_text(chunk: str, used: set[str], glossary: str) -> str:
    """CHUNK with the first occurrence of each not yet USED word linked to GLOSSARY."""
    def link(match: re.Match[str]) -> str:
        word = match.group()
        if word in used:
            return word
        used.add(word)
        slug = BY_WORD[word].slug
        return (f'<a class="term" href="{glossary}#term-{slug}" '
                f'aria-describedby="term-note-{slug}">{word}</a>')
    return _WORDS.sub(link, chunk)


def _notes(used: set[str], easy: bool) -> str:
    """The hidden block of explanations the term links describe themselves with."""
    spans = "".join(f'<span id="term-note-{t.slug}">{escape(explanation(t, easy))}</span>'
                    for t in TERMS if t.word in used)
    return f'<div class="term-notes" hidden>{spans}</div>'


def link_terms(page: str, glossary: str, easy: bool) -> str:
    """PAGE with the first occurrence of each 用語集 word in <main> linked to GLOSSARY."""
    start, end = page.find("<main"), page.rfind("</main>")
    if start < 0 or end < start:
        return page
    out, used, skipping, pos = [page[:start]], set(), [], start
    for token in TOKENS.finditer(page, start, end):
        text = page[pos:token.start()]
        out.append(text if skipping else _link_text(text, used, glossary))
        out.append(token.group())
        tag = TAG.match(token.group())
        name = tag.group(2).lower() if tag else ""
        if name in SKIP and not token.group().endswith("/>") and token.group(1) is None:
            if not tag.group(1):
                skipping.append(name)
            elif name in skipping:
                del skipping[len(skipping) - 1 - skipping[::-1].index(name):]
        pos = token.end()
    text = page[pos:end]
    out.append(text if skipping else _link_text(text, used, glossary))
    out.append(_notes(used, easy) if used else "")
    out.append(page[end:])
    return "".join(out)


def terms_response(response: Response, cache: Cache) -> Response:
    """Link the 用語集 words of a Japanese HTML page (not the 用語集 itself)."""
    lang = g.get("lang")
    if (lang not in GLOSSARY_LANGS or response.mimetype != "text/html"
            or response.direct_passthrough or response.is_streamed
            or response.status_code != 200 or request.endpoint == "easy.glossary_page"):
        return response
    page = response.get_data(as_text=True)
    glossary = url_for("easy.glossary_page", lang=lang)
    easy = lang == "ja-easy"
    if request.cookies:
        response.set_data(link_terms(page, glossary, easy))
        return response
    key = (lang, hashlib.sha256(page.encode("utf-8")).digest())
    response.set_data(cache.get_or_set(key, lambda: link_terms(page, glossary, easy)))
    return response
