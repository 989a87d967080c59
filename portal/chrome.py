"""The layout's chrome (stylesheet and language links, header, navigation, footer), rendered once
per language and page address.

None of it depends on the visitor: only on the language, the page's endpoint and path
arguments (the language switcher links to this same page in each language) and the app's
configuration. Rendering it was half the template time of a small page such as the comment
confirmation and receipt, so it is kept per app. Pages whose switcher keeps query parameters
(portal.switcher.KEPT_QUERY) are rendered every time (visitors' queries must not fill the
cache); other query arguments are never rendered in the chrome, so they share the key; the
cache keeps the MAX_ENTRIES most recently used fragments (portal.cache). Templates under
`templates/chrome/` say
so at the top: nothing visitor-specific may go there.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from portal.cache import Cache

#: Fragments kept per app (a bound, not a tuning knob).
MAX_ENTRIES = 6000


def _key(name: str) -> tuple[Any, ...] | None:
    """What fragment NAME depends on, or None when it must be rendered every time."""
    from portal.i18n import current_lang
    from portal.switcher import kept_query, ruby_on

    query = kept_query()
    if query:
        return None
    args = tuple(sorted((request.view_args or {}).items()))
    return (name, current_lang(), request.endpoint, args, current_app.config["DEMO_MODE"],
            ruby_on())


@pass_context
def chrome(context: Context, name: str) -> Markup:
    """Return the chrome fragment NAME for this page, rendered with the page's context once."""
    key = _key(name)
    cache: Cache = current_app.extensions["chrome_cache"]
    if key is not None and (held := cache.get(key)) is not None:
        return held
    # The fragment is one of our autoescaped templates: its output is safe markup.
    html = Markup(context.environment.get_template(name).render(context.get_all()))
    if key is not None:
        cache.set(key, html)
    return html


def init_app(app: Flask) -> None:
    """Offer `chrome(name)` to templates, with this app's cache."""
    app.extensions["chrome_cache"] = Cache(MAX_ENTRIES)
    app.jinja_env.globals["chrome"] = chrome
