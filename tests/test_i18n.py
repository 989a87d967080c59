"""Language in the URL, Accept-Language redirect, switcher, <html lang>, catalogues complete."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from tests.helpers import ROOT


@pytest.mark.parametrize(("header", "target"), [
    ("en-GB,en;q=0.9", "/en/"), ("ja", "/ja/"), ("ko-KR", "/ko/"), ("zh-TW,zh;q=0.8", "/zh-hans/"),
    ("zh-CN", "/zh-hans/"), ("fr-FR", "/ja/"), ("", "/ja/"),
])
def test_root_redirects_by_accept_language(client, header, target):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(target)


@pytest.mark.parametrize(("lang", "html_lang", "text"), [
    ("ja", "ja", "計画"), ("en", "en", "Plans"), ("zh-hans", "zh-Hans", "计划"), ("ko", "ko", "계획"),
])
def test_home_answers_in_its_language(client, lang, html_lang, text):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<html lang="{html_lang}">' in page
    assert text in page


def test_unknown_language_is_404(client):
    assert client.get("/fr/").status_code == 404


def test_switcher_keeps_the_current_page(client):
    page = client.get("/en/plans/tiny/").get_data(as_text=True)
    assert 'href="/ja/plans/tiny/"' in page
    assert 'href="/ko/plans/tiny/"' in page
    assert re.search(r'href="/en/plans/tiny/"[^>]*aria-current="true"', page)


def test_error_page_speaks_the_users_language(client):
    response = client.get("/en/plans/no-such-plan/")
    assert response.status_code == 404
    assert "This page does not exist" in response.get_data(as_text=True)
    ja = client.get("/ja/plans/no-such-plan/").get_data(as_text=True)
    assert "このページは存在しません" in ja


@pytest.mark.parametrize("locale", ["ja", "en", "zh_Hans", "ko"])
def test_every_catalogue_translates_every_string(locale):
    pot = ROOT / "translations" / "messages.pot"
    po_path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with open(pot, "rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    with open(po_path, "rb") as fh:
        catalog = read_po(fh)
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)
               or (isinstance(m.string, tuple) and not all(m.string))]
    assert not missing, f"{locale} lacks translations for {missing[:10]}"
    present = {m.id for m in catalog if m.id}
    assert template <= present, f"{locale} lacks {sorted(map(str, template - present))[:10]}"


def test_templates_have_no_untranslated_message_left_out_of_the_template():
    """messages.pot is up to date with the code (run `make extract-messages`)."""
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pot") as tmp:
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                        "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-o", tmp.name, "."],
                       check=True, cwd=ROOT)
        with open(tmp.name, "rb") as fh:
            fresh = {m.id for m in read_po(fh) if m.id}
    with open(ROOT / "translations" / "messages.pot", "rb") as fh:
        committed = {m.id for m in read_po(fh) if m.id}
    assert fresh <= committed, f"run make extract-messages: {sorted(map(str, fresh - committed))[:5]}"


def test_template_messages_escape_their_values_and_pick_plural_forms(app):
    from flask import render_template_string

    page = ('{{ _("Remove filter: %(value)s", value=v) }}|'
            '{{ ngettext("%(num)d dataset", "%(num)d datasets", n) }}')
    with app.test_request_context("/en/"):
        app.preprocess_request()
        en = render_template_string(page, v="<script>x</script>", n=2)
    with app.test_request_context("/ja/"):
        app.preprocess_request()
        ja = render_template_string(page, v="<b>", n=1)
    assert en == "Remove filter: &lt;script&gt;x&lt;/script&gt;|2 datasets"
    assert ja == "条件を解除：&lt;b&gt;|1件のデータセット"
