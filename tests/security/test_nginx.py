"""Item 6 of issue 14: the repository's nginx configuration (deploy/nginx/portal.conf), started
from Debian's nginx in front of a real production server: TLS with HSTS, HTTP redirected, the
static mirror served from disk, oversized bodies refused, and 200 slow clients (slowloris)
held by nginx while other visitors are served."""

from __future__ import annotations

import re
import socket
import ssl
import subprocess
import sys
import time

import pytest
import requests
from requests.adapters import HTTPAdapter

from bench.nginx_proxy import NginxProxy
from tests.helpers import PASSWORD, ROOT

#: Loopback TLS with a throw-away certificate: not verifying it is the point, not a risk.
pytestmark = [pytest.mark.slow,
              pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")]
SLOW_SOCKETS = 200


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    """A production server (3 workers, an admin account) behind nginx; yields the proxy."""
    from tests.test_production import start_server

    tmp_path = tmp_path_factory.mktemp("nginx")
    server = start_server(tmp_path, workers=3, TRUSTED_PROXIES="1", STAFF_LOCKOUT_ATTEMPTS="1")
    subprocess.run([sys.executable, "-c", "from portal.cli import main; main()", "user", "add", "clerk",
                    "--role", "admin", "--name", "Proxy Test Clerk", "--password-stdin"],
                   input=PASSWORD + "\n", text=True, check=True, cwd=ROOT, env=server.env,
                   capture_output=True)
    static = tmp_path / "mirror"
    (static / "ja").mkdir(parents=True)
    (static / "ja" / "mirror-check.txt").write_text("from the static mirror\n")
    proxy = NginxProxy(tmp_path / "nginx", f"127.0.0.1:{server.port}", static)
    proxy.start()
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


class _FromAddress(HTTPAdapter):
    """Connect from a given loopback address (127.0.0.2, 127.0.0.3 …): another client."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        kwargs["source_address"] = (self.address, 0)
        return super().init_poolmanager(*args, **kwargs)


def _client(address: str) -> requests.Session:
    """A browser-like session whose connections come from ADDRESS."""
    http = requests.Session()
    http.mount("https://", _FromAddress(address))
    return http


def _login(proxy: NginxProxy, http: requests.Session, password: str, spoofed: str) -> int:
    """Log in as clerk through nginx, claiming to be SPOOFED in X-Forwarded-For; the status."""
    # As a browser on the public port 443 would name it (nginx passes $host, without a port).
    base, host = f"https://localhost:{proxy.https_port}", {"Host": "localhost"}
    page = http.get(f"{base}/staff/login", timeout=20, verify=False, headers=host).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return http.post(f"{base}/staff/login", allow_redirects=False, timeout=20, verify=False,
                     headers={**host, "X-Forwarded-For": spoofed, "Referer": "https://localhost/staff/login"},
                     data={"csrf_token": token, "username": "clerk", "password": password}).status_code


def test_the_app_sees_each_clients_own_address_never_the_one_it_claims(proxied):
    """nginx replaces X-Forwarded-For with the client's address (PORTAL_TRUSTED_PROXIES=1): the
    login throttle then slows the client that failed, whatever it claims, and no one else."""
    failing, other = _client("127.0.0.2"), _client("127.0.0.3")
    # With STAFF_LOCKOUT_ATTEMPTS=1 each counted failure doubles the wait (2 s, 4 s, then 8 s);
    # a failure counts only once the previous wait is over, hence the pauses.
    for n, pause in enumerate((2.2, 4.2, 0)):
        assert _login(proxied, failing, "wrong password!", f"203.0.113.{n}") == 401
        time.sleep(pause)
    # Same client claiming yet another address: still slowed down (the claim was not believed).
    assert _login(proxied, failing, PASSWORD, "198.51.100.1") == 401
    # Another client through the same nginx is not (the app did not see everyone as nginx).
    assert _login(proxied, other, PASSWORD, "127.0.0.2") == 303


def test_tls_hsts_redirects_static_mirror_and_body_limit(proxied):
    page = _get(proxied, "/ja/plans/")
    assert page.status_code == 200 and "max-age=63072000" in page.headers["Strict-Transport-Security"]
    plain = requests.get(f"http://127.0.0.1:{proxied.http_port}/ja/plans/?x=1", allow_redirects=False,
                         headers={"Host": "evil.example"}, timeout=10)
    # The redirect names the configured host, never the one the client sent.
    assert plain.status_code == 301 and plain.headers["Location"] == "https://localhost/ja/plans/?x=1"
    mirrored = _get(proxied, "/ja/mirror-check.txt")
    assert mirrored.status_code == 200 and mirrored.text == "from the static mirror\n"
    large = requests.post(f"https://127.0.0.1:{proxied.https_port}/ja/consultations/demo/confirm",
                          data=b"x" * (2 * 1024 * 1024), verify=False, timeout=20,
                          headers={"Host": "localhost", "Content-Type": "application/x-www-form-urlencoded"})
    assert large.status_code == 413
