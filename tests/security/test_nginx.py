"""Item 6 of issue 14: the repository's nginx configuration (deploy/nginx/portal.conf), started
from Debian's nginx in front of a real production server: TLS with HSTS, HTTP redirected, the
static mirror served from disk, oversized bodies refused, and 200 slow clients (slowloris)
held by nginx while other visitors are served."""

from __future__ import annotations

import socket
import ssl

import pytest
import requests
import urllib3

from bench.nginx_proxy import NginxProxy

pytestmark = pytest.mark.slow
SLOW_SOCKETS = 200


@pytest.fixture
def proxied(tmp_path):
    """A production server (3 workers) behind nginx; yields the proxy."""
    from tests.test_production import start_server

    server = start_server(tmp_path, workers=3, TRUSTED_PROXIES="1")
    static = tmp_path / "mirror"
    (static / "ja").mkdir(parents=True)
    (static / "ja" / "mirror-check.txt").write_text("from the static mirror\n")
    proxy = NginxProxy(tmp_path / "nginx", f"127.0.0.1:{server.port}", static)
    proxy.start()
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    try:
        yield proxy
    finally:
        proxy.stop()
        server.stop()


def _get(proxy: NginxProxy, path: str, **kw) -> requests.Response:
    """GET PATH over HTTPS through nginx (self-signed certificate)."""
    return requests.get(f"https://127.0.0.1:{proxy.https_port}{path}", verify=False,
                        headers={"Host": "localhost"}, timeout=10, **kw)


def _slow_socket(port: int) -> ssl.SSLSocket | None:
    """A TLS connection that has sent only part of its request headers (None if refused)."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        sock = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10))
        sock.sendall(b"GET /ja/plans/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n")
    except OSError:
        return None
    return sock


def _trickle(slow: list) -> int:
    """Send one more header line on every slow socket; return how many are still open."""
    alive = 0
    for sock in slow:
        try:
            sock.sendall(b"X-More: 1\r\n")
            alive += 1
        except OSError:  # nginx dropped it (client_header_timeout): what it is there for
            pass
    return alive


def test_slow_clients_do_not_stop_other_visitors(proxied):
    slow = [s for _ in range(SLOW_SOCKETS) if (s := _slow_socket(proxied.https_port))]
    try:
        assert len(slow) >= SLOW_SOCKETS * 0.9
        _trickle(slow)
        answers = [_get(proxied, path).status_code
                   for path in ("/ja/plans/", "/ja/consultations/demo/", "/en/search?q=park") * 5]
        assert answers == [200] * 15
        _trickle(slow)
    finally:
        for sock in slow:
            sock.close()
