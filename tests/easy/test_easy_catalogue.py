"""The やさしい日本語 catalogue (translations/ja_easy): every string a resident can meet has an easy
translation, and every translation keeps the measurable rules of the 2020 guideline
「在留支援のためのやさしい日本語ガイドライン」 (出入国在留管理庁・文化庁):

- short sentences: at most MAX_SENTENCE characters a sentence (spaces not counted, a placeholder
  such as %(name)s counted as PLACEHOLDER_WIDTH characters);
- no 尊敬語/謙譲語 forms (HONORIFICS: いらっしゃる, おっしゃる, ご覧, いただく, お〜ください …);
- no double negatives (DOUBLE_NEGATIVES: 〜なければなりません, 〜ないことはない …);
- the same placeholders as the English message, so nothing is lost or invented.

Strings used only by the staff pages (/staff/…, which have no language prefix and so never
render in やさしい日本語) are exempt; STAFF_SOURCES lists where they live.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from tests.helpers import ROOT

MAX_SENTENCE = 40
PLACEHOLDER_WIDTH = 3
#: Sources whose strings only the staff pages show.
STAFF_SOURCES = (
    "portal/staff/", "portal/publishing/", "portal/templates/staff/", "portal/templates/publishing/",
    "portal/review/group_views.py", "portal/review/setup_views.py", "portal/review/views.py",
    "portal/review/forms.py", "portal/review/moderation.py", "portal/review/pages.py",
    "portal/review/grouping.py", "portal/review/opening.py", "portal/review/package.py",
    "portal/review/cli.py", "portal/review/retention.py", "portal/review/demo.py",
    "portal/review/completeness.py", "portal/cli.py",
)
#: 尊敬語 and 謙譲語 (and the very polite ございます) the guideline replaces with plain です/ます.
HONORIFICS = (
    "いらっしゃ", "おっしゃ", "召し上が", "なさい", "なさっ", "なさる", "ご覧", "拝見", "拝読",
    "申し上げ", "いたし", "致し", "存じ", "ございま", "いただ", "頂き", "頂け", "くださいませ",
    "お越し", "お待ちし", "参り", "伺", "ご確認", "ご意見", "ご利用", "ご自身", "お住まい",
    "お試し", "お送り", "お申し込み", "お知らせし", "お寄せ", "お使い", "お取り",
)
#: Patterns of 尊敬語/謙譲語 built with お・ご: お〜になる, お〜ください, お/ご〜する.
HONORIFIC_PATTERNS = (re.compile(r"[おご][一-龥]{1,3}[ぁ-ゖ]?(になり|になる|ください)"),
                      re.compile(r"[おご][一-龥]{1,3}(します|しました|する)"))
#: Double negatives the guideline rewrites as one positive statement.
DOUBLE_NEGATIVES = (
    "なければなりません", "なければならない", "なければ なりません", "なければ ならない",
    "なくてはなら", "なくては なら", "なくてはいけ", "なくては いけ", "ないといけ", "ないと いけ",
    "ないことはな", "ないことは な", "ないわけではな", "ないわけでは な", "なくはな", "なくは な",
    "なくもな", "なくも な", "ざるを得", "ざるを え",
)
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _pot() -> dict[str, list[str]]:
    """Every msgid of messages.pot (plural ones by their singular) with its source files."""
    with open(ROOT / "translations" / "messages.pot", "rb") as fh:
        return {(m.id[0] if isinstance(m.id, tuple) else m.id): [loc for loc, _line in m.locations]
                for m in read_po(fh) if m.id}


def _easy() -> dict[str, tuple[str, bool]]:
    """The ja_easy catalogue: msgid → (translation, fuzzy)."""
    with open(ROOT / "translations" / "ja_easy" / "LC_MESSAGES" / "messages.po", "rb") as fh:
        catalog = read_po(fh)
    out = {}
    for m in catalog:
        if not m.id:
            continue
        key = m.id[0] if isinstance(m.id, tuple) else m.id
        text = m.string[0] if isinstance(m.string, tuple) else m.string
        out[key] = (text or "", m.fuzzy)
    return out


def _resident_strings() -> list[str]:
    """The msgids a resident can meet: used by at least one source outside STAFF_SOURCES."""
    return [msgid for msgid, places in _pot().items()
            if not all(place.startswith(STAFF_SOURCES) for place in places)]


def _sentences(text: str) -> list[str]:
    """TEXT cut into sentences, spaces removed, each placeholder PLACEHOLDER_WIDTH characters."""
    flat = _PLACEHOLDER.sub("x" * PLACEHOLDER_WIDTH, text).replace(" ", "").replace("　", "")
    return [s for s in _SENTENCE_END.split(flat) if s]


def test_every_resident_string_has_an_easy_translation():
    easy = _easy()
    resident = _resident_strings()
    assert len(resident) > 500
    missing = [m for m in resident if not easy.get(m, ("", False))[0] or easy[m][1]]
    assert not missing, f"{len(missing)} strings lack a やさしい日本語 translation, e.g. {missing[:5]}"


def test_easy_translations_keep_the_placeholders():
    easy = _easy()
    wrong = [(m, easy[m][0]) for m in _resident_strings()
             if set(_PLACEHOLDER.findall(m)) != set(_PLACEHOLDER.findall(easy[m][0]))]
    assert not wrong, wrong[:5]


def test_easy_sentences_are_short():
    easy = _easy()
    long = [(len(s), s) for m in _resident_strings() for s in _sentences(easy[m][0])
            if len(s) > MAX_SENTENCE]
    assert not long, f"{len(long)} sentences over {MAX_SENTENCE} characters: {sorted(long)[-5:]}"


def test_easy_translations_use_no_honorific_forms():
    easy = _easy()
    found = [(word, easy[m][0]) for m in _resident_strings() for word in HONORIFICS
             if word in easy[m][0]]
    found += [(p.pattern, easy[m][0]) for m in _resident_strings() for p in HONORIFIC_PATTERNS
              if p.search(easy[m][0])]
    assert not found, found[:5]


def test_easy_translations_have_no_double_negatives():
    easy = _easy()
    found = [(neg, easy[m][0]) for m in _resident_strings() for neg in DOUBLE_NEGATIVES
             if neg in easy[m][0]]
    assert not found, found[:5]


@pytest.mark.parametrize(("text", "rule"), [
    ("内容をご確認ください。", "honorific"), ("しばらくお待ちください。", "honorific"),
    ("意見を受け付けいたします。", "honorific"), ("書かなければなりません。", "double negative"),
    ("使えないことはないです。", "double negative"),
    ("この文はとても長くて、ひとつの文の中にいくつもの考えを入れてしまっているので読みにくい。",
     "length"),
])
def test_the_checks_catch_what_the_guideline_rules_out(text, rule):
    """Each rule's check finds a known bad example (so a passing test means something)."""
    if rule == "honorific":
        assert any(w in text for w in HONORIFICS) or any(p.search(text) for p in HONORIFIC_PATTERNS)
    elif rule == "double negative":
        assert any(n in text for n in DOUBLE_NEGATIVES)
    else:
        assert any(len(s) > MAX_SENTENCE for s in _sentences(text))


def test_staff_only_strings_never_show_on_easy_pages(client):
    """The exemption holds: staff pages have no language prefix, so no /ja-easy/ address."""
    assert client.get("/ja-easy/staff/login").status_code == 404
    assert client.get("/staff/login").status_code == 200


def test_the_easy_glossary_keeps_the_same_rules():
    from portal.easy.glossary import TERMS

    for term in TERMS:
        text = term.easy
        assert all(len(s) <= MAX_SENTENCE for s in _sentences(text)), term.word
        assert not any(w in text for w in HONORIFICS + DOUBLE_NEGATIVES), term.word
        assert not any(p.search(text) for p in HONORIFIC_PATTERNS), term.word
