"""Index folders on disk: one symlink per language, builds swapped atomically, one writer at a time.

Layout of SEARCH_INDEX_DIR::

    ja -> builds/ja-<ns>      (a symlink; readers follow it, a rebuild replaces it in one rename)
    builds/ja-<ns>/           (the engine's files plus meta.json: schema version, facet labels,
                               did-you-mean vocabulary)
    .writer.lock              (fcntl lock: rebuilds and updates from any process queue behind it)

No engine is imported here, so another engine can reuse the same layout.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Seconds a replaced build is kept, so searches that opened it before the swap can finish.
RETIRED_GRACE = 60.0


class IndexBusy(Exception):
    """Raised when the writer lock could not be taken within the caller's timeout."""


class IndexStore:
    """The per-language index folders under one directory."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.builds = self.folder / "builds"

    def link(self, lang: str) -> Path:
        """Path of the symlink that points at LANG's current build."""
        return self.folder / lang

    def current(self, lang: str) -> str | None:
        """Real path of LANG's current build, None when there is none."""
        link = self.link(lang)
        return os.path.realpath(link) if link.exists() else None

    @contextmanager
    def writer_lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the single cross-process writer lock; raise IndexBusy after TIMEOUT seconds."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".writer.lock", "a") as handle:
            _acquire(handle.fileno(), timeout)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def new_build(self, lang: str) -> Path:
        """Create an empty folder for a new build of LANG."""
        self.builds.mkdir(parents=True, exist_ok=True)
        target = self.builds / f"{lang}-{time.time_ns()}"
        target.mkdir()
        return target

    def swap(self, lang: str, target: Path) -> None:
        """Point LANG's symlink at TARGET in one rename and mark the old build as retired."""
        old = self.current(lang)
        tmp = self.folder / f".{lang}.tmp-{os.getpid()}"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(Path("builds") / target.name, tmp)
        link = self.link(lang)
        if link.exists() and not link.is_symlink():
            shutil.rmtree(link)
        os.replace(tmp, link)
        if old and os.path.isdir(old) and old != str(target.resolve()):
            os.utime(old)

    def prune(self) -> None:
        """Delete builds no symlink points at once they have been retired for the grace period."""
        if not self.builds.is_dir():
            return
        live = {self.current(p.name) for p in self.folder.iterdir() if p.is_symlink()}
        for build in self.builds.iterdir():
            if str(build.resolve()) in live:
                continue
            if time.time() - build.stat().st_mtime > RETIRED_GRACE:
                shutil.rmtree(build, ignore_errors=True)

    def read_meta(self, path: str) -> dict[str, Any]:
        """The meta.json of the build at PATH (empty when missing)."""
        try:
            return json.loads((Path(path) / "meta.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def meta_mtime(self, path: str) -> float:
        """Modification time of the meta.json of the build at PATH (0 when missing)."""
        try:
            return (Path(path) / "meta.json").stat().st_mtime
        except FileNotFoundError:
            return 0.0

    def write_meta(self, path: str | Path, meta: dict[str, Any]) -> None:
        """Replace the meta.json of the build at PATH atomically."""
        tmp = Path(path) / f".meta.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, Path(path) / "meta.json")


def _acquire(fd: int, timeout: float | None) -> None:
    """Take an exclusive flock on FD, waiting at most TIMEOUT seconds (forever when None)."""
    if timeout is None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise IndexBusy("the search index is being written by another process") from None
            time.sleep(0.05)
