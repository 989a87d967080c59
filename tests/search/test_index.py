"""Index writes: feature updates, the single writer across processes, rebuilds while serving, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from portal.search.documents import Document
from portal.search.index import SearchIndex, get_index
from portal.search.rebuild import rebuild_index
from portal.search.services import remove_documents, search_documents, update_documents
from portal.search.store import IndexBusy

LANGS = ("ja", "en", "zh-hans", "ko")


def _doc(key: str, title: str, body: str = "", lang: str = "ja") -> Document:
    return Document("consultation", key, lang, title, body, endpoint="site.home")


def _keys(app, q: str, lang: str = "ja") -> list[str]:
    with app.test_request_context(f"/{lang}/search"):
        return [r.key for r in search_documents(lang, q).results]


def test_update_documents_makes_a_new_item_findable_and_remove_takes_it_away(app):
    with app.app_context():
        update_documents([_doc("c1", "公園の使い方に関する意見募集", lang=lang) for lang in LANGS])
    assert _keys(app, "意見募集") == ["c1"]
    assert _keys(app, "いけんぼしゅう") == ["c1"]
    with app.app_context():
        remove_documents(["consultation:c1"])
    assert "c1" not in _keys(app, "意見募集")


def test_update_replaces_rather_than_duplicates(app):
    with app.app_context():
        update_documents([_doc("c2", "旧題名の意見募集")])
        update_documents([_doc("c2", "新題名の意見募集")])
    with app.test_request_context("/ja/search"):
        answer = search_documents("ja", "意見募集")
    assert [r.title for r in answer.results] == ["新題名の意見募集"]


def test_markup_in_document_and_query_is_escaped(app, client):
    evil = '<script>alert(1)</script> 防災 "><img src=x onerror=alert(2)>'
    with app.app_context():
        update_documents([_doc("evil", f"{evil}の意見", evil)])
    q = "<script>alert(1)</script> 防災"
    page = client.get("/ja/search", query_string={"q": q}).get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "<mark>" in page


_WRITER = """
import sys
from portal.search.documents import Document
from portal.search.index import SearchIndex
folder, worker, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
index = SearchIndex(folder)
for i in range(n):
    index.apply(docs=[Document("consultation", f"w{worker}-{i}", "ja", f"並行更新 {worker} {i}")])
"""


def test_concurrent_writer_processes_lose_no_update(app, tmp_path):
    folder = app.config["SEARCH_INDEX_DIR"]
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, folder, str(w), "10"]) for w in range(4)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    index = SearchIndex(folder)
    with app.test_request_context("/ja/search"):
        answer = search_documents("ja", "並行更新", index=index)
    assert answer.total == 40


def test_writer_lock_times_out_instead_of_waiting_forever(app):
    index = SearchIndex(app.config["SEARCH_INDEX_DIR"])
    with index.store.writer_lock():
        with pytest.raises(IndexBusy):
            index.apply(docs=[_doc("late", "遅い更新")], timeout=0.2)


def test_rebuild_while_serving_loses_no_answer(app):
    failures: list[str] = []
    answers = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                keys = _keys(app, "防災塾")
                answers.append(keys)
                if "tiny:revised:measure-1" not in keys:
                    failures.append(f"missing in {keys}")
            except Exception as exc:  # noqa: BLE001 - every failure is what the test counts
                failures.append(repr(exc))

    threads = [threading.Thread(target=serve) for _ in range(3)]
    for t in threads:
        t.start()
    with app.app_context():
        for _ in range(3):
            rebuild_index(app, force=True)
    stop.set()
    for t in threads:
        t.join()
    assert len(answers) > 10
    assert failures == []


def test_outdated_index_is_rebuilt_by_build_without_force(app):
    with app.app_context():
        index = get_index()
        path = Path(index.store.current("ja"))
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        meta["version"] = 0
        (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        assert not index.is_current("ja")
        assert set(rebuild_index(app, force=False)) == {"ja"}
        assert index.is_current("ja")


def test_cli_rebuild_shows_progress_and_counts(runner):
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexing (ja)" in result.output
    assert "search index rebuilt: ja" in result.output


def test_page_says_when_the_index_is_not_built(app, tmp_path):
    from portal import create_app
    from tests.helpers import make_config

    fresh = create_app(make_config(tmp_path / "fresh"))
    with fresh.app_context():
        from portal.db import get_engine
        from portal.migrate import upgrade
        upgrade(get_engine())
    page = fresh.test_client().get("/ja/search", query_string={"q": "防災"})
    assert page.status_code == 200
    assert "索引を作成中" in page.get_data(as_text=True)
    api = fresh.test_client().get("/api/v1/search", query_string={"q": "防災"})
    assert api.status_code == 503


def test_every_indexed_kind_is_declared_by_a_feature_adapter(real_app):
    from portal.search.rebuild import collect_documents

    kinds = real_app.extensions["search_kinds"]
    with real_app.app_context():
        indexed = {doc.kind for doc in collect_documents(real_app, "ja")}
    assert indexed <= set(kinds), indexed - set(kinds)
    boosts = real_app.extensions["search_index"].boosts
    assert boosts["plan"] > boosts["indicator"]


def test_a_kind_declared_by_two_adapters_is_refused():
    from flask import Flask

    from portal.search.documents import Kind, SearchAdapter
    from portal.search.index import init_app

    app = Flask(__name__)
    app.config["SEARCH_INDEX_DIR"] = "unused"
    twice = [SearchAdapter({"plan": Kind(1.0, "Plan")}, lambda s, lang: []),
             SearchAdapter({"plan": Kind(2.0, "Plan")}, lambda s, lang: [])]
    with pytest.raises(ValueError, match="plan"):
        init_app(app, twice)
