"""Writing an extracted package: CSV files in the portal's convention, datapackage.json, the CLI.

Shared by the extractors that build a whole package from rows (areas.py, seed000.py); they
import it from their own folder, which is on the path whether they are run as scripts or
loaded by path in the tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def csv_text(header: list[str], rows: list[dict[str, Any]]) -> str:
    """Render rows as RFC 4180 CSV text with LF line endings."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row[k]) for k in header})
    return buf.getvalue()


def write_package(out_dir: Path, desc: dict[str, Any],
                  rows: dict[str, list[dict[str, Any]]]) -> list[Path]:
    """Write each resource of DESC from ROWS (UTF-8 CSV) and datapackage.json; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for res in desc["resources"]:
        header = [f["name"] for f in res["schema"]["fields"]]
        path = out_dir / res["path"]
        path.write_bytes(csv_text(header, rows[res["name"]]).encode("utf-8"))
        written.append(path)
    pkg = out_dir / "datapackage.json"
    pkg.write_bytes((json.dumps(desc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    written.append(pkg)
    return written


def run(doc: str, build: Callable[[Path, Path], list[Path]], shared: Path, out: Path) -> None:
    """Command line of an extractor: `--shared DIR --out DIR`, then print each file written."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=shared)
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args()
    for p in build(args.out, args.shared):
        print(p)
