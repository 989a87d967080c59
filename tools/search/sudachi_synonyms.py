"""Write portal/search/data/sudachi_synonyms.tsv from Sudachi's synonym dictionary (run by hand).

Source: the npm package ``sudachi-synonyms-dictionary`` (Apache-2.0), which ships Sudachi's
``synonyms.txt`` as JSON (chikkarpy, the Python reader, downloads the dictionary from outside the
package registries while installing, so it cannot be installed here). Usage::

    npm pack sudachi-synonyms-dictionary@18.0.0 && tar xzf sudachi-synonyms-dictionary-18.0.0.tgz
    python tools/search/sudachi_synonyms.py package/sudachi-synonyms-dictionary.json

Kept: every group's words except those flagged "never expand" (展開制御 2). One line per group:
``<group id>\t<word>:<flag>|…`` where flag 0 may trigger an expansion and flag 1 is only a target.
Sudachi's morphemes carry these group ids (``synonym_group_ids()``), so the query side looks
groups up by id, as chikkarpy does, and never by a bare string that may belong to another sense.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[2] / "portal" / "search" / "data" / "sudachi_synonyms.tsv"


def convert(source: Path, target: Path = TARGET) -> int:
    """Write the compact group file from SOURCE (the package's JSON); return the number of groups."""
    groups = json.loads(source.read_text(encoding="utf-8"))
    lines = []
    for group in groups:
        words = dict.fromkeys(f"{item['midashi']}:{item['expandControl']}" for item in group["items"]
                              if item["expandControl"] != 2 and "|" not in item["midashi"])
        if len(words) > 1:
            lines.append(f"{int(group['id'])}\t{'|'.join(words)}")
    header = ("# Sudachi synonym dictionary (WorksApplications/SudachiDict synonyms.txt, Apache-2.0),"
              " via npm sudachi-synonyms-dictionary 18.0.0; made by tools/search/sudachi_synonyms.py\n")
    target.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    print(convert(Path(sys.argv[1])), "groups written")
