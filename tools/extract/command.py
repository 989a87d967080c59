"""The command line the extractors share: `--shared DIR --out DIR`, then print each file written.

The files themselves are written by portal.packagefiles (the portal's one package-folder writer),
so run the extractors with the project's Python: `.venv/bin/python tools/extract/areas.py`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def run(doc: str, build: Callable[[Path, Path], list[Path]], shared: Path, out: Path) -> None:
    """Parse `--shared DIR --out DIR`, build the package into OUT, print each file written."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=shared)
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args()
    for p in build(args.out, args.shared):
        print(p)
