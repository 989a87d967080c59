"""Search documents for 地域, 地区 and 町丁目, with their kana readings and romaji."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.areas.models import Chiiki, Chiku, Chome
from portal.i18n import _l
from portal.search.documents import Document, Kind, SearchAdapter


def _romaji(value: str | None) -> str:
    """Capitalised romaji (kinuta → Kinuta), empty when unknown."""
    return (value or "").strip().title()


def _title(name: str, romaji: str, suffix_ja: str, suffix_en: str, lang: str) -> str:
    """「池尻地区」 in Japanese, "Ikejiri district (池尻地区)" in English (romaji, not a translation)."""
    if lang == "en" and romaji:
        return f"{romaji} {suffix_en} ({name}{suffix_ja})"
    return f"{name}{suffix_ja}"


def documents(session: Session, lang: str) -> Iterator[Document]:
    """Yield a document per 地域, 地区 and 町丁目."""
    for chiiki in session.scalars(select(Chiiki)):
        romaji = _romaji(chiiki.romaji)
        yield Document("chiiki", chiiki.chiiki_id, lang,
                       _title(chiiki.name, romaji, "地域", "area", lang), chiiki.sogo_shisho or "",
                       f"{chiiki.name} {romaji}", "areas.chiiki_page", (("chiiki_id", chiiki.chiiki_id),),
                       title_en=f"{romaji} area", reading=chiiki.kana or "",
                       names=(chiiki.name, f"{chiiki.name}地域", chiiki.kana or "", romaji))
    for chiku in session.scalars(select(Chiku)):
        yield _chiku_document(chiku, lang)
    for chome in session.scalars(select(Chome)):
        yield _chome_document(chome, lang)


def _chiku_document(chiku: Chiku, lang: str) -> Document:
    """The document of one 地区 (its まちづくりセンター and 地域 in the body)."""
    romaji = _romaji(chiku.romaji)
    title = _title(chiku.name, romaji, "地区", "district", lang)
    body = " ".join(x for x in (chiku.machizukuri_center, f"{chiku.chiiki.name}地域") if x)
    return Document("chiku", chiku.chiku_id, lang, title, body, f"{chiku.name} {romaji}",
                    "areas.chiku_page", (("chiku_id", chiku.chiku_id),), {"chiku": chiku.chiku_id},
                    {"chiku": title}, f"{romaji} district", "", chiku.kana or "",
                    (chiku.name, f"{chiku.name}地区", chiku.kana or "", romaji))


def _chome_document(chome: Chome, lang: str) -> Document:
    """The document of one 町丁目; its link is its 地区's page."""
    chiku = chome.chiku
    chiku_title = _title(chiku.name, _romaji(chiku.romaji), "地区", "district", lang)
    return Document("chome", chome.key_code, lang, chome.name, chiku_title,
                    f"{chome.name_estat or ''} {chome.town or ''}", "areas.chiku_page",
                    (("chiku_id", chome.chiku_id),), {"chiku": chome.chiku_id},
                    {"chiku": chiku_title}, reading=chome.town_kana or "")


#: Places a resident names rank high; the many 町丁目 rank below the 地区 that hold them.
ADAPTER = SearchAdapter({"chiiki": Kind(1.6, _l("Area (地域)")), "chiku": Kind(1.6, _l("District (地区)")),
                         "chome": Kind(0.7, _l("Neighbourhood (町丁目)"))}, documents)
