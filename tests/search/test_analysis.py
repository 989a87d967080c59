"""Folding, bigrams, Sudachi forms and readings, era years: what makes Japanese queries match."""

from __future__ import annotations

from portal.search.analysis import bigrams, clean_query, fold, fold_with_offsets, is_kana
from portal.search.japanese import morph_tokens, reading
from portal.search.query import MAX_QUERY_CHARS, analyse
from portal.search.years import western_years, year_keywords


def test_fold_unifies_width_kana_case_and_long_vowels():
    assert fold("ＡＥＤ") == fold("aed") == "aed"
    assert fold("２０２３") == "2023"
    assert fold("ｶﾞｲﾄﾞﾌﾞｯｸ") == fold("ガイドブック") == fold("がいどぶっく")
    assert fold("サーバー") == fold("サーバ")
    assert fold("ゴミ") == fold("ごみ")


def test_fold_keeps_circled_numbers_and_fullwidth_brackets():
    assert fold("①") == "①"
    assert fold("＜script＞") == "＜script＞"
    assert "<" not in fold("＜ｓｃｒｉｐｔ＞")


def test_fold_with_offsets_maps_back_to_the_source():
    text = "ｶﾞｲﾄﾞとサーバー"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert text[offsets[folded.index("と")]] == "と"


def test_bigrams_split_cjk_runs_and_keep_latin_words():
    assert bigrams("防災塾") == ["防災", "災塾"]
    assert bigrams("区") == ["区"]
    assert bigrams("ACPの普及") == ["acp", "の普", "普及"]


def test_morph_tokens_use_normalised_forms():
    assert morph_tokens("ぼうさい") == morph_tokens("防災")
    assert "申し込み" in morph_tokens("申込み")


def test_reading_is_hiragana():
    assert reading("世田谷") == "せたがや"
    assert reading("防災塾") == "ぼうさいじゅく"


def test_era_years_become_western_years():
    assert western_years("令和5年度") == [2023]
    assert western_years("令和元年") == [2019]
    assert western_years("平成27年8月") == [2015]
    assert western_years("審議会（R5.4.26）") == [2023]
    assert western_years("令和５年") == [2023]
    assert year_keywords("2023年") == ""


def test_query_analysis_ignores_syntax_and_caps_length():
    chunks = analyse('"AND OR NOT" (title:* ~ ?')
    assert all(c.text for c in chunks)
    assert sum(len(c.text) for c in analyse("あ" * 10_000)) <= MAX_QUERY_CHARS
    assert analyse("\x00\x01\x7f") == []
    assert clean_query("a\x00b", 10) == "a b"


def test_kana_detection():
    assert is_kana("せたがや") and is_kana("ボウサイ")
    assert not is_kana("世田谷") and not is_kana("setagaya")
