"""HEAD is answered as GET without the body, so no view ever sees a method other than GET or POST.

Views branch on `request.method == "GET"`; a HEAD used to fall through to the POST branch and
skip CSRF (Flask-WTF checks POST, PUT, PATCH, DELETE only). Answering HEAD with the GET handler
(RFC 9110 §9.3.2: the same headers, no content) closes that for every route at once. OPTIONS is
answered by Flask itself (the Allow header) and any other method gets 405 from the URL map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class HeadAsGet:
    """WSGI middleware: run HEAD requests as GET and drop the body of the answer."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Pass GET/POST/… through; turn HEAD into GET, then return headers only."""
        if environ.get("REQUEST_METHOD", "").upper() != "HEAD":
            return self.app(environ, start_response)
        body = self.app({**environ, "REQUEST_METHOD": "GET"}, start_response)
        close = getattr(body, "close", None)
        if close is not None:
            close()
        return []
