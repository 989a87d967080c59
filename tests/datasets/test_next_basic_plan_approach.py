"""datasets/next-basic-plan-approach (seed 002, 次期基本計画策定の考え方): texts with their source spans."""

from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from portal.catalog import packages
from tests.helpers import ROOT, SEEDS

PACKAGE = ROOT / "datasets" / "next-basic-plan-approach"
EXTRACTOR = ROOT / "tools" / "extract" / "seed002.py"
SEED = SEEDS / "002_5af82924fcec8af0.txt"


def texts() -> list[dict[str, str]]:
    """The package's one resource."""
    with (PACKAGE / "texts.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_validates_as_a_text_package():
    assert packages.validate(PACKAGE) == []
    assert packages.read(PACKAGE).kind == "text"


def test_counts_as_printed():
    sections = [t["section"] for t in texts()]
    assert sections.count("consideration") == 9
    assert sections.count("viewpoint") == 6
    assert sections.count("viewpoint_item") == 4 + 4 + 4 + 6 + 4 + 3
    assert sections.count("term") == 9
    codes = [t["code"] for t in texts() if t["section"] == "viewpoint"]
    assert codes == list("①②③④⑤⑥")  # ⑥ is printed before ⑤ in the text; kept in the document's order


def test_every_text_is_printed_within_its_source_span():
    if not SEED.exists():
        pytest.skip(f"seed not available at {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for t in texts():
        span = "".join(line.strip() for line in lines[int(t["line_start"]) - 1:int(t["line_end"])])
        assert t["text_ja"] in span.replace("\uf0d8", ""), t["text_id"]
        assert t["heading_ja"] and t["heading_ja"] in lines[int(t["heading_line"]) - 1], t["text_id"]


def test_the_document_is_registered_in_plan_documents():
    with (ROOT / "datasets" / "plan-documents" / "documents.csv").open(encoding="utf-8", newline="") as fh:
        docs = {d["document_id"]: d for d in csv.DictReader(fh)}
    for t in texts():
        doc = docs[t["document_id"]]
        assert doc["title_ja"] == "次期基本計画策定の考え方"
        assert doc["text_file"] == t["source_document"]
        assert int(doc["line_start"]) <= int(t["line_start"]) <= int(t["line_end"]) <= int(doc["line_end"])


def test_text_is_not_nfkc_normalised():
    joined = "".join(t["text_ja"] + t["heading_ja"] + t["code"] for t in texts())
    assert "ＥＢＰＭ" in joined and "※１" in joined and "①" in joined


def test_extractor_reproduces_committed_files(tmp_path: Path):
    if not SEED.exists():
        pytest.skip(f"seed not available at {SEED}")
    subprocess.run([sys.executable, str(EXTRACTOR), "--shared", str(SEEDS.parent), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    produced = sorted(p.name for p in tmp_path.iterdir())
    assert produced == sorted(p.name for p in PACKAGE.iterdir())
    _match, mismatch, errors = filecmp.cmpfiles(tmp_path, PACKAGE, produced, shallow=False)
    assert not mismatch and not errors
