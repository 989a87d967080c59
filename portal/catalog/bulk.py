"""One ZIP of every dataset's current release: each release's own ZIP, a README and SHA256SUMS.

The archive depends only on which releases are current, so it is built once per set of releases
and kept in memory (a few hundred kilobytes); its ETag is the hash of that set.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from functools import lru_cache
from pathlib import Path

from portal.catalog import releases

FOLDER = "setagaya-plan-progress-current"


def members(base: str | Path, current: list[tuple[str, str]]) -> list[tuple[str, Path, str]]:
    """(archive name, path, sha256) of the release ZIP of each (name, version) in CURRENT."""
    found = []
    for name, version in current:
        filename = f"{name}-{version}.zip"
        man = releases.manifest(base, name, version)
        path = releases.file_path(base, name, version, filename) if man else None
        if man and path:
            found.append((filename, path, man["files"][filename]["sha256"]))
    return found


def etag(items: list[tuple[str, Path, str]]) -> str:
    """A tag naming exactly this set of release ZIPs."""
    return hashlib.sha256("\n".join(f"{n} {s}" for n, _p, s in items).encode()).hexdigest()


@lru_cache(maxsize=4)
def _archive(items: tuple[tuple[str, str, str], ...]) -> bytes:
    """The bulk ZIP of ITEMS ((archive name, path, sha256), …)."""
    readme = ["# 世田谷区 計画進捗オープンデータ：現行版の一括ダウンロード",
              "# Setagaya plan-progress open data: every current release", "",
              "各データセットの現行版の ZIP（データ、datapackage.json、README、項目定義）を収めています。",
              "Each file is the current release's own ZIP (data, datapackage.json, README, data dictionary).",
              "", *[f"- {name}" for name, _p, _s in items]]
    sums = "".join(f"{sha}  {name}\n" for name, _p, sha in items)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in [("README.md", "\n".join(readme).encode("utf-8")), ("SHA256SUMS", sums.encode())]:
            archive.writestr(zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=(1980, 1, 1, 0, 0, 0)), data)
        for name, path, _sha in items:
            archive.writestr(zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=(1980, 1, 1, 0, 0, 0)),
                             Path(path).read_bytes())
    return buffer.getvalue()


def archive(items: list[tuple[str, Path, str]]) -> bytes:
    """The bulk ZIP of ITEMS (cached per set)."""
    return _archive(tuple((n, str(p), s) for n, p, s in items))
