"""Fill the translation catalogues from tools/i18n/*.json after `pybabel extract`.

Each JSON file maps an English msgid to its translations: {"msgid": {"ja": "…", "zh_Hans": "…",
"ko": "…", "ja_easy": "…"}}; a msgid may appear in several files (their locales are merged), so the
やさしい日本語 strings can live in a file of their own (tools/i18n/easy.json). English catalogues get
the msgid itself. ja_easy is the やさしい日本語 catalogue (a Japanese catalogue in its own folder,
served on /ja-easy/); strings used only by the staff pages, which have no /ja-easy/ address, may
stay empty there. Plural messages are keyed by their singular msgid; ja, ja_easy, zh_Hans and ko
have a single plural form. Missing catalogues are created from translations/messages.pot;
existing translations made in a PO editor are kept.
Usage: python tools/po_fill.py [tools/i18n/*.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
LOCALES = ("ja", "en", "zh_Hans", "ko", "ja_easy")
#: Catalogue folder → Babel locale of its PO header (ja_easy is Japanese).
BABEL_LOCALE = {"ja_easy": "ja"}


def _load(locale: str, template: Catalog) -> Catalog:
    """Open LOCALE's catalogue (or start one) and bring it up to date with TEMPLATE."""
    path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    if path.exists():
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=BABEL_LOCALE.get(locale, locale))
    else:
        catalog = Catalog(locale=BABEL_LOCALE.get(locale, locale), project="setagaya-portal",
                          fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def _translations(files: list[Path]) -> dict[str, dict[str, str]]:
    """Merge every JSON file's {msgid: {locale: text}} (a msgid's locales from every file)."""
    merged: dict[str, dict[str, str]] = {}
    for path in files:
        for msgid, texts in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(msgid, {}).update(texts)
    return merged


def main(files: list[Path]) -> None:
    """Update every catalogue from the template and the JSON translations."""
    with open(TRANSLATIONS / "messages.pot", "rb") as fh:
        template = read_po(fh)
    wanted = _translations(files)
    for locale in LOCALES:
        catalog = _load(locale, template)
        for message in catalog:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if locale == "en":
                text: str | tuple[str, ...] = message.id
            elif key in wanted and wanted[key].get(locale):
                text = (wanted[key][locale],) if isinstance(message.id, tuple) else wanted[key][locale]
            else:
                continue
            message.string = text
            message.flags.discard("fuzzy")
        path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=100)


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "tools" / "i18n").glob("*.json"))
    main(args)
