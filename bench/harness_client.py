"""A minimal HTTP/1.1 client on asyncio streams: hundreds of concurrent keep-alive connections.

Threads would share one GIL and a thread per client costs a stack; here every simulated
resident is a coroutine with its own socket, so one process keeps 200+ connections open and
in flight at once while the server (not the client) is the bottleneck. Bodies are read by
Content-Length or chunked encoding; cookies are kept per client.
"""

from __future__ import annotations

import asyncio
import functools
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode


@functools.cache
def insecure_tls() -> ssl.SSLContext:
    """One TLS context without certificate checks (loopback, self-signed nginx only), made once:
    create_default_context() loads the system CA store (≈ 15–30 ms of CPU), which, per
    connection, blocked the event loop every client runs on and inflated every latency."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return context


class HttpError(Exception):
    """The connection failed or closed before a full response arrived."""


@dataclass
class Response:
    """Status, lower-cased headers, body text and seconds taken."""

    status: int
    headers: dict[str, str]
    text: str
    seconds: float


@dataclass
class Client:
    """One browser: a keep-alive connection to HOST:PORT and a cookie jar."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    #: True once the current request's status line arrived.
    answered: bool = False
    #: Requests sent again because a kept-alive connection failed before answering.
    stale_retries: int = 0
    #: TLS (no certificate check: loopback tests against a self-signed nginx) and the Host sent.
    tls: bool = False
    host_header: str = ""

    async def close(self) -> None:
        """Close the connection, if open."""
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None

    async def get(self, path: str, timeout: float = 30) -> Response:
        """GET PATH."""
        return await self.request("GET", path, b"", timeout)

    async def post(self, path: str, form: dict[str, str], timeout: float = 30) -> Response:
        """POST FORM (urlencoded) to PATH."""
        return await self.request("POST", path, urlencode(form).encode(), timeout)

    async def request(self, method: str, path: str, body: bytes, timeout: float) -> Response:
        """Send one request; on a reused keep-alive connection that fails before any answer byte
        (the server closed it meanwhile), reopen and send once more, as browsers do."""
        reused = self.writer is not None
        start = time.perf_counter()
        try:
            return await asyncio.wait_for(self._exchange(method, path, body, start), timeout)
        except (HttpError, ConnectionError, asyncio.IncompleteReadError) as exc:
            await self.close()
            if not reused or self.answered:
                raise HttpError(type(exc).__name__) from exc
            self.stale_retries += 1
        except (TimeoutError, OSError) as exc:
            await self.close()
            raise HttpError(type(exc).__name__) from exc
        try:
            return await asyncio.wait_for(self._exchange(method, path, body, start), timeout)
        except (TimeoutError, OSError, HttpError, asyncio.IncompleteReadError) as exc:
            await self.close()
            raise HttpError(type(exc).__name__) from exc

    async def _exchange(self, method: str, path: str, body: bytes, start: float) -> Response:
        """Write the request and read the response on the (re)opened connection."""
        self.answered = False
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, ssl=insecure_tls() if self.tls else None,
                server_hostname=self.host_header or None if self.tls else None)
        # Through TLS nginx, the host as a browser on port 443 names it (nginx passes $host,
        # without a port, and Flask-WTF compares the Referer with it).
        authority = self.host_header if self.tls and self.host_header else f"{self.host}:{self.port}"
        head = [f"{method} {path} HTTP/1.1", f"Host: {authority}",
                "Connection: keep-alive", "Accept-Language: ja"]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            head += ["Content-Type: application/x-www-form-urlencoded",
                     f"Content-Length: {len(body)}"]
            if self.tls:  # Flask-WTF checks the Referer of HTTPS posts, as browsers send it
                head.append(f"Referer: https://{authority}{path}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise HttpError("closed before answering")
        self.answered = True
        status = int(status_line.split()[1])
        headers = await self._headers()
        data = await self._body(headers)
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, headers, data.decode("utf-8", "replace"),
                        time.perf_counter() - start)

    async def _headers(self) -> dict[str, str]:
        """Read header lines; remember cookies."""
        headers: dict[str, str] = {}
        while True:
            line = (await self.reader.readline()).decode("latin-1").rstrip("\r\n")
            if not line:
                return headers
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
            headers[name] = value

    async def _body(self, headers: dict[str, str]) -> bytes:
        """Read the body by Content-Length or chunked transfer encoding."""
        if "content-length" in headers:
            return await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    return b"".join(parts)
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
        data = await self.reader.read()
        await self.close()
        return data
