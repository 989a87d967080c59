"""Easy Japanese: readings (SudachiPy and a table of proper nouns), ふりがな as ruby, and the ふりがな
switch of the Japanese pages (`?furigana=1`: the same page with ruby, off by default).

The switch is a link, so it works without JavaScript, and the page stays cacheable: the page cache
and the chrome key on the switch's state (portal.switcher.ruby_on), and the ruby is added to the
finished page here, once per distinct page body (RUBY_ENTRIES bodies kept per process) for
requests without cookies, like the page cache: a page that may hold what a visitor typed (the
comment confirmation) gets ruby every time and is never kept.
"""

from __future__ import annotations

import hashlib
import re

from flask import Flask, Response, request

from portal.cache import Cache
from portal.easy.ruby import ruby_page
from portal.switcher import RUBY_PARAM, ruby_on

#: Pages with ruby kept per process (a bound, not a tuning knob).
RUBY_ENTRIES = 2000
#: Opening tags of links; those to other Japanese pages of the site keep ruby on.
_ANCHOR = re.compile(r"<a\s[^>]*>")
_HREF = re.compile(r'(\shref=")(/ja/[^"?#]*)(\?[^"#]*)?(#[^"]*)?"')


def _keep_ruby(page: str) -> str:
    """PAGE with its links to Japanese pages asking for ruby too (furigana=1), except the switch."""
    def href(match: re.Match[str]) -> str:
        query = match.group(3) or ""
        if f"{RUBY_PARAM}=" in query:
            return match.group()
        query = f"{query}&amp;{RUBY_PARAM}=1" if query else f"?{RUBY_PARAM}=1"
        return f'{match.group(1)}{match.group(2)}{query}{match.group(4) or ""}"'

    def anchor(match: re.Match[str]) -> str:
        tag = match.group()
        return tag if "data-ruby-switch" in tag else _HREF.sub(href, tag, count=1)
    return _ANCHOR.sub(anchor, page)


def ruby_response(response: Response, cache: Cache) -> Response:
    """Add ruby to an HTML RESPONSE when the request asked for ふりがな."""
    if (not ruby_on() or response.mimetype != "text/html" or response.direct_passthrough
            or response.is_streamed or response.status_code != 200):
        return response
    page = response.get_data(as_text=True)
    if request.cookies:
        response.set_data(_keep_ruby(ruby_page(page)))
        return response
    key = hashlib.sha256(page.encode("utf-8")).digest()
    response.set_data(cache.get_or_set(key, lambda: _keep_ruby(ruby_page(page))))
    return response


def init_app(app: Flask) -> None:
    """Add ruby to pages that ask for it, 用語集 links to Japanese pages (before the ruby: Flask
    runs after_request functions last registered first), and the 用語集 page."""
    from portal.easy.terms import terms_response
    from portal.easy.views import bp

    cache = Cache(RUBY_ENTRIES)
    app.extensions["ruby_cache"] = cache
    app.after_request(lambda response: ruby_response(response, cache))
    terms_cache = Cache(RUBY_ENTRIES)
    app.extensions["terms_cache"] = terms_cache
    app.after_request(lambda response: terms_response(response, terms_cache))
    app.register_blueprint(bp)
