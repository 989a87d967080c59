"""Fill translation catalogues from a JSON file {locale: {msgid: msgstr or [singular, plural]}}.

Usage: python tools/po_fill.py translations.json — creates missing catalogues from messages.pot,
adds every msgid of the template, and sets the given translations (clearing their fuzzy flag).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"


def _load(locale: str, template: Catalog) -> Catalog:
    """Open LOCALE's catalogue (or start one) and bring it up to date with TEMPLATE."""
    path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    if path.exists():
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=locale)
    else:
        catalog = Catalog(locale=locale, project="setagaya-portal", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def main(source: str) -> None:
    """Apply the translations in SOURCE to every catalogue it names."""
    with open(TRANSLATIONS / "messages.pot", "rb") as fh:
        template = read_po(fh)
    wanted = json.loads(Path(source).read_text(encoding="utf-8"))
    for locale, strings in wanted.items():
        catalog = _load(locale, template)
        for msgid, msgstr in strings.items():
            message = catalog.get(msgid) or next(
                (m for m in catalog if isinstance(m.id, tuple) and m.id[0] == msgid), None)
            if message is None:
                print(f"{locale}: not in template, skipped: {msgid[:60]}", file=sys.stderr)
                continue
            message.string = tuple(msgstr) if isinstance(message.id, tuple) else msgstr
            message.flags.discard("fuzzy")
        path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False)


if __name__ == "__main__":
    main(sys.argv[1])
