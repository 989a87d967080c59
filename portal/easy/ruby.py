"""ふりがな as HTML ruby: <ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>, on kanji only.

Okurigana stay outside the ruby (申<rt>もう</rt>し込<rt>こ</rt>み), so the reading sits over the
characters it belongs to. `<rp>` gives browsers without ruby support 漢字(かんじ). `ruby_page`
adds ruby to a whole rendered page: only text between tags, never attributes, and never inside
elements whose content is not phrasing HTML or must stay as written (head, script, style,
textarea, option, code, pre, svg, ruby itself, and `hidden` elements) — so labels read by
screen readers and the values a form sends are unchanged.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from portal.easy.readings import HAS_KANJI, KANJI, hiragana, segments

_RUNS = re.compile(f"[{KANJI}]+|[^{KANJI}]+")
#: Elements whose text gets no ruby.
SKIP = frozenset({"head", "title", "script", "style", "textarea", "option", "select", "code",
                  "pre", "svg", "math", "ruby", "rt", "rp", "noscript", "template"})
#: Raw-text elements: their content is taken whole (it may contain "<").
TOKENS = re.compile(r"<(script|style|textarea)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>",
                     re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
#: A `hidden` attribute: such an element's text is only read as a description (portal.easy.terms).
_HIDDEN = re.compile(r"\shidden[\s>=/]")


def _ruby(base: str, reading: str) -> str:
    """One ruby element (BASE and READING escaped)."""
    return (f"<ruby>{escape(base)}<rp>(</rp><rt>{escape(reading)}</rt><rp>)</rp></ruby>")


def _aligned(surface: str, reading: str) -> list[tuple[str, str | None]] | None:
    """SURFACE cut into kanji runs with their part of READING and kana as written, or None."""
    runs = _RUNS.findall(surface)
    pattern = "".join("(.+?)" if HAS_KANJI.match(run) else f"({re.escape(hiragana(run))})"
                      for run in runs)
    match = re.fullmatch(pattern, reading)
    if match is None:
        return None
    return [(run, part if HAS_KANJI.match(run) else None)
            for run, part in zip(runs, match.groups(), strict=True)]


def _word(surface: str, reading: str | None) -> str:
    """SURFACE as HTML, with ruby on its kanji when READING is known."""
    if reading is None or hiragana(surface) == reading:
        return str(escape(surface))
    pieces = _aligned(surface, reading)
    if pieces is None:
        # Kanji and kana that do not align: the whole word under one reading, unless it holds
        # digits or Latin letters (which never get ruby).
        if _RUNS.sub("", surface) == "" and re.fullmatch(f"[{KANJI}ぁ-ゖァ-ヺー]+", surface):
            return _ruby(surface, reading)
        return str(escape(surface))
    return "".join(_ruby(run, part) if part else str(escape(run)) for run, part in pieces)


def ruby_html(text: str) -> Markup:
    """TEXT (plain, unescaped) as escaped HTML with ruby on every kanji word."""
    if not HAS_KANJI.search(text):
        return escape(text)
    return Markup("".join(_word(surface, read) for surface, read in segments(text)))


def ruby_page(page: str) -> str:
    """PAGE (a whole HTML document) with ruby on the kanji of its visible text."""
    out: list[str] = []
    skipping: list[str] = []
    pos = 0
    for token in TOKENS.finditer(page):
        out.append(_text(page[pos:token.start()], bool(skipping)))
        out.append(token.group())
        tag = TAG.match(token.group())
        if tag and not token.group().endswith("/>") and token.group(1) is None:
            name = tag.group(2).lower()
            if tag.group(1):
                if name in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(name):]
            elif name in SKIP or _HIDDEN.search(token.group()):
                skipping.append(name)
        pos = token.end()
    out.append(_text(page[pos:], bool(skipping)))
    return "".join(out)


def _text(chunk: str, skipping: bool) -> str:
    """A text chunk of a page (entities kept), with ruby unless SKIPPING or without kanji."""
    if skipping or not HAS_KANJI.search(chunk):
        return chunk
    return str(ruby_html(html.unescape(chunk)))
