"""Debian's nginx started on loopback with deploy/nginx/portal.conf, for tests and the harness.

The repository's configuration is used as shipped: only its @PLACEHOLDERS@ are filled in (free
ports, a self-signed certificate made with openssl, the upstream server, a static folder).
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from bench.harness_server import ROOT, free_port

CONF = ROOT / "deploy" / "nginx" / "portal.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def self_signed(folder: Path, name: str = "localhost") -> tuple[Path, Path]:
    """A throw-away certificate and key for NAME (openssl), for loopback TLS only."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


class NginxProxy:
    """nginx in the foreground under FOLDER, proxying to UPSTREAM (host:port)."""

    def __init__(self, folder: Path, upstream: str, static_root: Path | None = None) -> None:
        self.folder, self.upstream = folder, upstream
        self.static_root = static_root or folder / "static"
        self.http_port, self.https_port = free_port(), free_port()
        self.proc: subprocess.Popen | None = None

    def render(self) -> Path:
        """Write nginx.conf (a minimal main file including the filled-in portal.conf)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.static_root.mkdir(parents=True, exist_ok=True)
        cert, key = self_signed(self.folder)
        site = CONF.read_text(encoding="utf-8")
        for name, value in {"SERVER_NAME": "localhost", "TLS_CERT": cert, "TLS_KEY": key,
                            "UPSTREAM": self.upstream, "STATIC_ROOT": self.static_root,
                            "HTTP_PORT": f"127.0.0.1:{self.http_port}",
                            "HTTPS_PORT": f"127.0.0.1:{self.https_port}"}.items():
            site = site.replace(f"@{name}@", str(value))
        left = re.findall(r"@[A-Z_]+@", "\n".join(
            x for x in site.splitlines() if not x.lstrip().startswith("#")))
        assert not left, f"placeholders not filled in: {left}"
        (self.folder / "portal.conf").write_text(site, encoding="utf-8")
        main = self.folder / "nginx.conf"
        # Under root nginx's workers would run as nobody and could not read a private folder.
        user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
        main.write_text(f"""{user}daemon off;
worker_processes 1;
pid {self.folder / 'nginx.pid'};
error_log {self.folder / 'error.log'} warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {self.folder / 'body'};
    proxy_temp_path {self.folder / 'proxy'};
    fastcgi_temp_path {self.folder / 'fastcgi'};
    uwsgi_temp_path {self.folder / 'uwsgi'};
    scgi_temp_path {self.folder / 'scgi'};
    include {self.folder / 'portal.conf'};
}}
""", encoding="utf-8")
        return main

    def start(self, wait: float = 20) -> None:
        """Check the configuration (nginx -t), start nginx and wait for its HTTPS port."""
        main = self.render()
        subprocess.run([NGINX, "-t", "-p", str(self.folder), "-c", str(main)], check=True,
                       capture_output=True)
        with open(self.folder / "stderr.log", "wb") as stderr:
            self.proc = subprocess.Popen([NGINX, "-p", str(self.folder), "-c", str(main)],
                                         stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.time() + wait
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError((self.folder / "stderr.log").read_text()) from None
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        """Stop nginx (SIGQUIT: graceful), then wait."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
