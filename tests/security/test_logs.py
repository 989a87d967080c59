"""Item 10 of issue 14: no query string and no exception message (which may quote a parameter)
reaches any log line, gunicorn's own error lines included."""

from __future__ import annotations

import logging
import socket
import sys

import pytest
import requests

from portal.logs import JsonFormatter

SEARCH = "ログ検索語QSTRZ"
RAW = "QSTRZRAW"


def _record(msg: str, *args, exc: BaseException | None = None) -> logging.LogRecord:
    """A log record as gunicorn or Flask would make it."""
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("gunicorn.error", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_formatter_drops_query_strings_and_exception_messages():
    try:
        int("q=" + RAW)
    except ValueError as caught:
        exc = caught
    lines = [JsonFormatter().format(_record("Error handling request %s %s", "GET",
                                            f"/ja/search?q={RAW}&page=2")),
             JsonFormatter().format(_record("Exception on /ja/search [GET]", exc=exc)),
             JsonFormatter().format(_record(f"Invalid request from ip=127.0.0.1: Invalid HTTP "
                                            f"request line: 'GET http://x.example/a?q={RAW} B'"))]
    for line in lines:
        assert RAW not in line
    assert "/ja/search" in lines[0] and "ValueError" in lines[1]


@pytest.mark.slow
def test_no_query_string_in_any_log_of_a_production_server(tmp_path):
    from tests.test_production import start_server

    server = start_server(tmp_path)
    try:
        assert requests.get(f"{server.url}/ja/search", params={"q": SEARCH}).status_code == 200
        requests.get(f"{server.url}/api/v1/observations", params={"fiscal_year": RAW})
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
            raw.sendall(f"GET /ja/search?q={RAW}\r\nHost: x\r\n\r\n".encode())
            raw.recv(4096)
    finally:
        assert server.stop() == 0
    log = server.log.read_text(encoding="utf-8")
    assert "Invalid" in log or "invalid" in log, log[-2000:]
    for secret in (SEARCH, RAW, requests.utils.quote(SEARCH)):
        assert secret not in log, secret
    print(log[-1500:], file=sys.stderr)
