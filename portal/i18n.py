"""The only source of gettext functions; language-in-URL handling; localized content."""

from __future__ import annotations

from typing import Any

from babel import support
from flask import Flask, abort, current_app, g, has_request_context, request
from flask_babel import Babel, Domain, format_decimal, gettext, lazy_gettext, ngettext
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from portal.japantime import wareki
from portal.switcher import EASY_LANG, ruby_on, switch_url

__all__ = [
    "_",
    "_l",
    "ngettext",
    "format_decimal",
    "init_app",
    "localized",
    "fiscal_year_label",
    "babel_locale",
    "LANGUAGE_NAMES",
    "EASY",
    "content_lang",
    "is_japanese",
]

_ = gettext
_l = lazy_gettext

#: URL code of the やさしい日本語 interface: Japanese (Babel locale ja, <html lang="ja">, the plan's
#: Japanese content) with its own message catalogue, translations/ja_easy. Offered wherever "ja" is.
EASY = EASY_LANG
#: The folder under translations/ holding the やさしい日本語 catalogue.
EASY_CATALOGUE = "ja_easy"
#: URL code → Babel locale identifier (the folder name under translations/, except EASY's).
BABEL_LOCALES = {"ja": "ja", "en": "en", "zh-hans": "zh_Hans", "ko": "ko", EASY: "ja"}
#: Each language's name in itself, for the switcher (never translated).
LANGUAGE_NAMES = {"ja": "日本語", EASY: "やさしい にほんご", "en": "English", "zh-hans": "简体中文",
                  "ko": "한국어"}
#: Languages whose plan content exists in the data; others fall back to Japanese with a note.
CONTENT_LANGUAGES = ("ja", "en")

babel = Babel()


class _PortalDomain(Domain):
    """The portal's message domain: the やさしい日本語 catalogue on EASY pages, else Flask-Babel's."""

    def get_translations(self) -> Any:
        """This request's catalogue (EASY's loaded once per app, with the ja one behind it)."""
        if not (has_request_context() and g.get("lang") == EASY):
            return super().get_translations()
        cached = current_app.extensions.get("easy_translations")
        if cached is None:
            folder = current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0]
            cached = support.Translations.load(folder, [EASY_CATALOGUE])
            cached.add_fallback(super().get_translations())  # staff-only strings, never shown here
            current_app.extensions["easy_translations"] = cached
        return cached


def babel_locale(lang: str) -> str:
    """Return the Babel locale for a URL language code."""
    return BABEL_LOCALES.get(lang, "ja")


def _select_locale() -> str:
    """Pick the locale from the URL's language, else the default language."""
    lang = g.get("lang") or current_app.config["DEFAULT_LANGUAGE"]
    return babel_locale(lang)


def init_app(app: Flask) -> None:
    """Install Babel and the URL processors that move /<lang>/ into g.lang and back."""
    babel.init_app(app, locale_selector=_select_locale, default_timezone=app.config["TIMEZONE"])
    babel.domain_instance = _PortalDomain(domain=app.extensions["babel"].default_domain)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_translations().unpgettext(c, s, p, n),
    )
    # gettext and ngettext (and `_`) take the catalogue the context processor put in the
    # template's context: a page calls them dozens of times, and through Jinja's wrappers each
    # call looked the request's catalogue up again (an eighth of a small page's CPU).
    app.jinja_env.globals.update(gettext=_template_gettext, _=_template_gettext,
                                 ngettext=_template_ngettext)
    app.url_value_preprocessor(_pull_lang)
    app.url_defaults(_add_lang)
    app.context_processor(_template_globals)


@pass_context
def _template_gettext(context: Context, string: str, **variables: Any) -> str:
    """Jinja's newstyle gettext (escaped %-formatting of VARIABLES) on the context's catalogue."""
    translations = context.get("_translations") or _request_translations()
    text = translations.ugettext(string)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


@pass_context
def _template_ngettext(context: Context, singular: str, plural: str, num: int,
                       **variables: Any) -> str:
    """Jinja's newstyle ngettext (NUM is available as %(num)s) on the context's catalogue."""
    variables.setdefault("num", num)
    translations = context.get("_translations") or _request_translations()
    text = translations.ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


def _request_translations() -> Any:
    """This request's catalogue, looked up once: a page calls gettext dozens of times, and
    Flask-Babel's own lookup walks the context each time (a third of a page's render time)."""
    from flask_babel import get_translations

    if not has_request_context():
        return get_translations()
    translations = g.get("_translations")
    if translations is None or g.get("_translations_lang") != g.get("lang"):
        translations = g._translations = get_translations()
        g._translations_lang = g.get("lang")
    return translations


def _pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Take the language out of the URL values; an unknown language is a 404."""
    if values and "lang" in values:
        lang = values.pop("lang")
        if lang not in site_languages():
            abort(404)
        g.lang = lang


def _add_lang(endpoint: str, values: dict[str, Any]) -> None:
    """Fill in the current language when building a URL that needs one."""
    if "lang" in values:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = current_lang()


def best_language(accept: Any, languages: list[str], default: str) -> str:
    """Choose a URL language from an Accept-Language header (zh-* → zh-hans)."""
    aliases = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans", "zh-hans": "zh-hans",
               "zh-tw": "zh-hans", "zh-hk": "zh-hans", "zh-hant": "zh-hans"}
    for value, _quality in accept:
        tag = value.lower()
        if tag in languages:
            return tag
        if tag in aliases and aliases[tag] in languages:
            return aliases[tag]
        primary = tag.split("-")[0]
        if primary in languages:
            return primary
        if primary == "zh" and "zh-hans" in languages:
            return "zh-hans"
    return default


def current_lang() -> str:
    """Return the language of this request (URL code)."""
    return g.get("lang") or current_app.config["DEFAULT_LANGUAGE"]


def site_languages() -> list[str]:
    """The URL languages of this site: LANGUAGES, and EASY wherever Japanese is offered."""
    languages = current_app.config["LANGUAGES"]
    return [*languages, EASY] if "ja" in languages else list(languages)


def _switcher_order(languages: list[str]) -> list[str]:
    """LANGUAGES with EASY right after Japanese, for the language switcher."""
    return [c for code in languages for c in ((code, EASY) if code == "ja" else (code,))]


def content_lang(lang: str | None = None) -> str:
    """The language of plan content and search for LANG: EASY pages show the Japanese."""
    lang = lang or current_lang()
    return "ja" if lang == EASY else lang


def is_japanese(lang: str | None = None) -> bool:
    """True on the Japanese pages, ordinary or やさしい日本語."""
    return content_lang(lang) == "ja"


def localized(values: dict[str, str | None], lang: str | None = None) -> str:
    """Pick the text for LANG from {lang: text}, falling back to Japanese, then any text."""
    lang = content_lang(lang)
    for key in (lang, "ja", "en"):
        text = values.get(key)
        if text:
            return text
    return next((v for v in values.values() if v), "")


def content_falls_back(lang: str | None = None) -> bool:
    """True when plan content is not available in LANG and Japanese is shown instead."""
    return content_lang(lang) not in CONTENT_LANGUAGES


def fiscal_year_label(year: int | None, lang: str | None = None) -> str:
    """Show a fiscal year: 令和5年度（2023年度） in Japanese, FY2023 / 2023 in others."""
    if year is None:
        return ""
    if is_japanese(lang):
        return f"{wareki(year)}（{year}年度）"
    return _("FY%(year)s", year=year)


def _template_globals() -> dict[str, Any]:
    """Expose language helpers to every template."""
    lang = current_lang()
    return {
        "lang": lang,
        "html_lang": {"zh-hans": "zh-Hans", EASY: "ja"}.get(lang, lang),
        "japanese": is_japanese(lang),
        "easy": lang == EASY,
        "languages": current_app.config["LANGUAGES"],
        "switcher_languages": _switcher_order(current_app.config["LANGUAGES"]),
        "language_names": LANGUAGE_NAMES,
        "localized": localized,
        "fy": fiscal_year_label,
        "content_falls_back": content_falls_back(lang),
        "switch_url": switch_url,
        "ruby_on": ruby_on(),
        "request_path": request.path if request else "",
        "_translations": _request_translations(),
    }
