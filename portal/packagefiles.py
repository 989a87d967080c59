"""The one writer of a package folder: CSV in the portal's convention, datapackage.json, atomic swap.

Every folder of files the portal or its extractors publish (a dataset package, a catalogue
release, a consultation's result) is written here: into a temporary sibling folder first, then
moved into place with one rename. Where a folder already exists, Linux's renameat2
RENAME_EXCHANGE swaps the two folders in one step, so a reader finds the old folder or the new
one, each whole, and never a missing or half-written one; a failure before the swap leaves the
old folder untouched. (Without renameat2 — not Linux, or a file system that lacks it — the old
folder is renamed aside just before the new one is renamed in: still never half-written, but
missing for the moment between the two renames.)
"""

from __future__ import annotations

import csv
import ctypes
import errno
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)


def csv_bytes(header: list[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """Rows as UTF-8 RFC 4180 CSV with LF line ends (None and missing keys are empty; extra keys fail)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    known = set(header)
    for row in rows:
        if not known.issuperset(row):
            raise ValueError(f"columns not in the header: {sorted(set(row) - known)}")
        writer.writerow(["" if row.get(k) is None else row[k] for k in header])
    return buf.getvalue().encode("utf-8")


def descriptor_bytes(desc: Mapping[str, Any]) -> bytes:
    """A datapackage.json as the portal writes it: UTF-8, unescaped, indented by 2, final newline."""
    return (json.dumps(desc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def package_files(desc: Mapping[str, Any], rows: Mapping[str, Iterable[Mapping[str, Any]]]
                  ) -> dict[str, bytes]:
    """Every file of a package: each resource of DESC rendered from ROWS[name], then datapackage.json."""
    files = {res["path"]: csv_bytes([f["name"] for f in res["schema"]["fields"]], rows[res["name"]])
             for res in desc["resources"]}
    files["datapackage.json"] = descriptor_bytes(desc)
    return files


def write_package(folder: Path, desc: Mapping[str, Any],
                  rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[Path]:
    """Write DESC's resources from ROWS and datapackage.json as FOLDER (atomically); return the paths."""
    return write_folder(folder, package_files(desc, rows))


def write_folder(folder: str | Path, files: Mapping[str, bytes], *, overwrite: bool = True,
                 mode: int = 0o755) -> list[Path]:
    """Make FOLDER hold exactly FILES ({relative path: bytes}), swapped in whole; return the paths.

    With overwrite=False an existing non-empty FOLDER is never replaced (OSError instead).
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, data in files.items():
            path = tmp / _relative(name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        tmp.chmod(mode)
        if overwrite and folder.is_dir() and not folder.is_symlink():
            exchange(tmp, folder)
        else:
            os.rename(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [folder / name for name in files]


def exchange(a: Path, b: Path) -> None:
    """Swap the folders A and B in one step (renameat2 RENAME_EXCHANGE), or rename B aside first."""
    if _renameat2 is not None:
        if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(b))
    aside = Path(tempfile.mkdtemp(prefix=f".{b.name}-old-", dir=b.parent))
    os.replace(b, aside)
    try:
        os.rename(a, b)
    except OSError:
        os.replace(aside, b)
        raise
    os.rename(aside, a)


def _relative(name: str) -> PurePosixPath:
    """NAME as a path inside the folder; refuse absolute paths and `..`."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"not a file name inside a package folder: {name!r}")
    return path
