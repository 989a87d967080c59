"""`portal serve --production` as a real process: JSON logs without personal data, request ids,
graceful shutdown on SIGTERM. The server runs on a free loopback port; its stderr is captured."""

from __future__ import annotations

import html
import json
import re
import socket
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests

from bench.harness_server import ProductionServer, build, server_env
from tests.helpers import database_url

pytestmark = pytest.mark.slow

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
#: What a resident types: none of it may reach the logs.
NAME, CONTACT = "ログ確認用 山田花子", "hanako.logcheck@example.jp"
TEXT = "ログに出てはいけない意見本文ZQX：① 砧公園の樹木"


def hidden(page: str) -> dict[str, str]:
    """The hidden inputs of a page, unescaped."""
    return {k: html.unescape(v) for k, v in HIDDEN.findall(page)}


def start_server(tmp: Path, workers: int = 2, **settings: str) -> ProductionServer:
    """Build the real datasets with the demo consultation and start a production server."""
    env = server_env(tmp, database_url(tmp), **settings)
    build(env, index=False)
    server = ProductionServer(env, tmp / "server.log", workers=workers)
    server.start()
    return server


def confirm_page(http: requests.Session, base: str, lang: str = "ja", **fields: str) -> str:
    """Open the form, fill it in and return the confirmation screen."""
    form = hidden(http.get(f"{base}/{lang}/consultations/demo/comment").text)
    form.update({"body": TEXT, "name": NAME, "contact": CONTACT, "website": "", **fields})
    response = http.post(f"{base}/{lang}/consultations/demo/confirm", data=form)
    assert response.status_code == 200, response.text[:500]
    return response.text


def log_lines(server: ProductionServer) -> list[dict]:
    """Every line the server wrote, parsed as JSON (a line that is not JSON fails the test)."""
    return [json.loads(line) for line in server.log.read_text().splitlines() if line.strip()]


def test_logs_hold_no_name_contact_or_comment_text_and_every_line_is_json(tmp_path):
    server = start_server(tmp_path)
    try:
        http = requests.Session()
        page = confirm_page(http, server.url)
        sent = http.post(f"{server.url}/ja/consultations/demo/submit", data=hidden(page),
                         headers={"X-Request-ID": "submit-1"})
        assert sent.status_code == 200 and 'id="receipt-no"' in sent.text
        refused = http.post(f"{server.url}/ja/consultations/demo/confirm",
                            data={**hidden(page), "body": TEXT * 400, "name": NAME})
        assert refused.status_code == 400
        http.get(f"{server.url}/ja/search", params={"q": TEXT})
    finally:
        assert server.stop() == 0
    raw = server.log.read_text()
    for secret in (NAME, CONTACT, TEXT, "ZQX", "hanako.logcheck", "山田花子"):
        assert secret not in raw
        assert json.dumps(secret)[1:-1] not in raw
    lines = log_lines(server)
    access = [e for e in lines if e.get("logger") == "portal.access"]
    assert {"method", "path", "status", "duration_ms", "request_id", "pid"} <= set(access[0])
    assert any(e["path"] == "/ja/search" and e["status"] == 200 for e in access)


def test_request_id_is_echoed_and_logged_or_generated_when_missing_or_malformed(tmp_path):
    server = start_server(tmp_path, workers=1)
    try:
        given = requests.get(f"{server.url}/ja/", headers={"X-Request-ID": "cdn-abc.123"})
        none = requests.get(f"{server.url}/en/")
        bad = requests.get(f"{server.url}/ko/", headers={"X-Request-ID": "bad id\" {}"})
    finally:
        server.stop()
    assert given.headers["X-Request-ID"] == "cdn-abc.123"
    assert re.fullmatch(r"[0-9a-f]{32}", none.headers["X-Request-ID"])
    assert re.fullmatch(r"[0-9a-f]{32}", bad.headers["X-Request-ID"])
    logged = {e["request_id"]: e for e in log_lines(server) if e.get("logger") == "portal.access"}
    assert logged["cdn-abc.123"]["path"] == "/ja/" and logged["cdn-abc.123"]["status"] == 200
    assert logged[none.headers["X-Request-ID"]]["path"] == "/en/"
    assert logged[bad.headers["X-Request-ID"]]["path"] == "/ko/"


def _raw_post(port: int, path: str, cookies: dict[str, str], body: bytes) -> socket.socket:
    """Open a connection and send a POST's headers and the first half of its body."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    sock.sendall(head + body[: len(body) // 2])
    return sock


def _read_all(sock: socket.socket) -> str:
    """Read until the server closes the connection."""
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    sock.close()
    return b"".join(chunks).decode("utf-8", "replace")


def test_sigterm_lets_a_comment_being_uploaded_finish_and_stops_cleanly(tmp_path):
    server = start_server(tmp_path, workers=1)
    try:
        http = requests.Session()
        page = confirm_page(http, server.url)
        body = urlencode(hidden(page)).encode()
        sock = _raw_post(server.port, "/ja/consultations/demo/submit", http.cookies.get_dict(),
                         body)
        time.sleep(0.5)
        server.terminate()
        time.sleep(1.5)
        assert server.proc.poll() is None, "the server must wait for the request in flight"
        sock.sendall(body[len(body) // 2:])
        answer = _read_all(sock)
        code = server.proc.wait(30)
    finally:
        server.stop()
    assert answer.startswith("HTTP/1.1 200"), answer[:300]
    assert 'id="receipt-no">1<' in answer
    assert code == 0
    assert any(e.get("path") == "/ja/consultations/demo/submit" and e.get("status") == 200
               for e in log_lines(server))
