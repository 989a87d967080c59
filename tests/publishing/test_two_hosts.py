"""Several app hosts: two `portal serve --production` hosts share one PostgreSQL database but not
their folders. A publication approved on the first shows on the second: the indicator page, the
search hit for the source document, and the new version's download, byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.harness_server import BIN, ROOT, ProductionServer, build, server_env
from tests.helpers import MIRAI_NEXT, PG_ADMIN_URL, database_url, wait_until
from tests.publishing.filling import fill_actuals, fill_source

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PG_ADMIN_URL, reason="set PORTAL_TEST_POSTGRES_URL: the hosts share a PostgreSQL"),
]

PASSWORD = "two hosts passphrase"
#: A source title no document of the build holds (the search hit can only come from the publication).
TITLE = "令和5年度推進状況（Zetaquartz版）"
PAGE = "/ja/plans/indicator/mirai-plan-2022:action:1-1-1/"
DOWNLOAD = f"/datasets/mirai-plan-2022/{MIRAI_NEXT}/observations.csv"
SEARCH = "/ja/search?q=Zetaquartz"
HIT = b'href="/ja/datasets/mirai-plan-2022/"'


def _env(host: Path, url: str) -> dict[str, str]:
    """A host's settings: the shared database, its own folders, catching up with publications."""
    return server_env(host, url, DATASETS_DIR=str(host / "datasets"), DEMO_MODE="false",
                      PUBLISHING_REPLICA="true")


def _portal(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    """Run the portal CLI on a host; return its output."""
    done = subprocess.run([str(BIN / "portal"), *args], env=env, cwd=ROOT, input=stdin, text=True,
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _get(url: str) -> tuple[int, bytes]:
    """Status and body of GET URL."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _hosts(tmp: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Host one builds mirai-plan-2022 into the shared database; host two copies its folders."""
    one, two = tmp / "one", tmp / "two"
    shutil.copytree(ROOT / "datasets" / "mirai-plan-2022", one / "datasets" / "mirai-plan-2022")
    url = database_url(tmp)
    build(_env(one, url))
    for name in ("datasets", "releases", "search_index"):
        shutil.copytree(one / name, two / name, symlinks=True)
    for user, role in (("sato", "editor"), ("suzuki", "admin")):
        _portal(_env(one, url), "user", "add", user, "--role", role, "--password-stdin",
                stdin=PASSWORD + "\n")
    return _env(one, url), _env(two, url)


def _publish(env: dict[str, str], tmp: Path) -> None:
    """On host one: fill the template with three FY2023 actuals, import as sato, approve as suzuki."""
    _portal(env, "data", "template", "mirai-plan-2022", "--out", str(tmp / "t.xlsx"))
    book = load_workbook(tmp / "t.xlsx")
    fill_actuals(book)
    fill_source(book, title_ja=TITLE)
    book.save(tmp / "upload.xlsx")
    out = _portal(env, "data", "import", str(tmp / "upload.xlsx"), "--by", "sato")
    draft = out.split()[1].rstrip(":")
    _portal(env, "data", "approve", draft, "--by", "suzuki")


def test_publication_on_one_host_is_served_by_the_other(tmp_path):
    env_one, env_two = _hosts(tmp_path)
    first = ProductionServer(env_one, tmp_path / "one.log", workers=1)
    second = ProductionServer(env_two, tmp_path / "two.log", workers=1)
    first.start(ready_path="/healthz")
    second.start(ready_path="/healthz")
    try:
        assert b"1,600" not in _get(second.url + PAGE)[1] and _get(second.url + DOWNLOAD)[0] == 404
        assert HIT not in _get(second.url + SEARCH)[1]
        _publish(env_one, tmp_path)
        published = (tmp_path / "one" / "releases" / "mirai-plan-2022" / MIRAI_NEXT
                     / "observations.csv").read_bytes()
        # waiting for the second host to catch up (readiness, not a timed assertion)
        wait_until(lambda: b"1,600" in _get(second.url + PAGE)[1], "the new actual on host two")
        wait_until(lambda: _get(second.url + DOWNLOAD) == (200, published), "the download on host two")
        wait_until(lambda: HIT in _get(second.url + SEARCH)[1], "the search hit on host two")
        assert HIT in _get(first.url + SEARCH)[1]
    finally:
        first.stop()
        second.stop()
    copy = tmp_path / "two" / "releases" / "mirai-plan-2022" / MIRAI_NEXT / "observations.csv"
    assert copy.read_bytes() == published
