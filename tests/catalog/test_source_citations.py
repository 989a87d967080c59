"""Sources are named as documents and pages (the plan-documents registry), not as text files."""

from __future__ import annotations

import json

INDICATOR = "/{lang}/plans/indicator/mirai-plan-2022:action:1-1-1/"
TITLE_JA = "世田谷区未来つながるプラン2022-2023（実施計画）推進状況（案）"


def test_japanese_indicator_page_cites_document_date_and_page(site_client):
    page = site_client.get(INDICATOR.format(lang="ja")).get_data(as_text=True)
    # 1-1① is printed on line 1436, inside 施策1 (pp.7–8 in the list of measures)
    assert f"出典：{TITLE_JA}（令和5年2月）p.7–8" in page
    assert "抽出テキストの1436行目" in page
    assert "003_a0da86d5be0d2af2.txt" not in page


def test_english_indicator_page_cites_the_printed_title_with_an_unofficial_translation(site_client):
    page = site_client.get(INDICATOR.format(lang="en")).get_data(as_text=True)
    assert f"Source: {TITLE_JA} [Setagaya Future Connections Plan 2022-2023 (implementation plan): " in page
    assert "unofficial translation], February 2023, p.7–8" in page
    assert "line 1436 of the extracted text" in page
    assert ".txt" not in page


def test_dataset_page_lists_documents_not_file_names(site_client):
    page = site_client.get("/ja/datasets/mirai-plan-2022/").get_data(as_text=True)
    assert "世田谷区未来つながるプラン2022-2023（実施計画）推進状況（案）【概要版】" in page
    assert '<span class="meta">(003_a0da86d5be0d2af2.txt)</span>' not in page  # the sources list


def test_dcat_names_each_source_document_with_its_date(site_client):
    doc = json.dumps(site_client.get("/catalog.jsonld").get_json(), ensure_ascii=False)
    assert '"dct:identifier": "hoken-fukushi-2023-04-26-draft"' in doc
    assert '"@value": "2023-04-26"' in doc
    assert "世田谷区総合戦略（素案）（平成27年9月）" in doc
