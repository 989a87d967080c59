"""The documents registry (datasets/plan-documents): printed titles, dates and derived pages."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers import ROOT

PKG = ROOT / "datasets" / "plan-documents"
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")
PLAN_PACKAGES = ("mirai-plan-2022", "hoken-fukushi-plan", "sogo-senryaku-2015", "chiku-rollout")


def _extractor() -> ModuleType:
    """Import tools/extract/documents.py by path (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("extract_documents", ROOT / "tools/extract/documents.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _lines(text_file: str) -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    return (SEEDS / text_file).read_text(encoding="utf-8").split("\n")


def _squash(text: str) -> str:
    return "".join(text.split())


def test_every_title_part_date_and_department_is_printed_on_its_line():
    for doc in _extractor().table()["documents"]:
        lines = _lines(doc["text_file"])
        for part, line in doc["title_parts"]:
            assert _squash(part) in _squash(lines[line - 1]), (doc["document_id"], part, line)
        if doc["date_printed"]:
            assert _squash(doc["date_printed"]) in _squash(lines[doc["date_line"] - 1]), doc["document_id"]
        if doc["department_ja"]:
            assert _squash(doc["department_ja"]) in _squash(lines[doc["department_line"] - 1])


def test_documents_of_a_text_file_do_not_overlap_and_no_url_is_invented():
    docs = _rows(PKG, "documents")
    by_file: dict[str, list[tuple[int, int]]] = {}
    for d in docs:
        by_file.setdefault(d["text_file"], []).append((int(d["line_start"]), int(d["line_end"])))
        assert d["url"] == "", "no official URL is printed in the texts"
    for spans in by_file.values():
        spans.sort()
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_pages_are_derived_from_printed_numbers_only():
    ex = _extractor()
    ends, starts = [[1693, 10]], [[1542, 9], [1760, 12]]
    assert ex.page_bounds(1600, ends, starts) == (9, 10)       # between a page start and a page foot
    assert ex.page_bounds(1700, ends, starts) == (11, 11)      # after the foot of p.10, before p.12
    assert ex.page_bounds(1542, ends, starts) == (9, 9)
    assert ex.page_bounds(1800, [], [[1760, 12]]) == (12, None)  # one side only: no page row


def test_page_rows_of_the_progress_report_match_its_list_of_measures():
    pages = {int(r["line_start"]): r for r in _rows(PKG, "document_pages")}
    # 施策一覧 (003 L1223–1277): 施策1 p.7 at L1389, 施策13 p.39 at L3475, and p.11 after the foot "10" (L1693)
    assert (pages[1389]["page_from"], pages[1389]["confidence"]) == ("7", "exact")
    assert (pages[3475]["page_from"], pages[3475]["page_to"], pages[3475]["confidence"]) == ("39", "39", "exact")
    assert (pages[1697]["page_from"], pages[1697]["page_to"]) == ("11", "11")
    assert all(r["document_id"] == "mirai-2022-progress" for r in pages.values())


def test_committed_package_is_what_the_extractor_writes(tmp_path):
    _lines("003_a0da86d5be0d2af2.txt")
    _extractor().build(tmp_path / "out", SEEDS.parent)
    for name in ("documents.csv", "document_pages.csv", "datapackage.json"):
        assert (tmp_path / "out" / name).read_bytes() == (PKG / name).read_bytes(), name


@pytest.mark.parametrize("package", PLAN_PACKAGES)
def test_every_cited_line_lies_in_a_registered_document(package):
    docs = _rows(PKG, "documents")
    folder = ROOT / "datasets" / package
    for res in sorted(folder.glob("*.csv")):
        for row in _rows(folder, res.stem):
            text_file, line = row.get("source_document"), row.get("source_line")
            if not text_file or not line or not text_file.endswith(".txt"):
                continue
            assert any(d["text_file"] == text_file and int(d["line_start"]) <= int(line) <= int(d["line_end"])
                       for d in docs), (package, res.name, text_file, line)
