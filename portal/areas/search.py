"""Search documents for 地域, 地区 and 町丁目 (with kana readings)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.areas.models import Chiiki, Chiku, Chome
from portal.search.documents import Document


def documents(session: Session, lang: str) -> Iterator[Document]:
    """Yield a document per 地域, 地区 and 町丁目."""
    for chiiki in session.scalars(select(Chiiki)):
        yield Document("chiiki", chiiki.chiiki_id, lang, f"{chiiki.name}地域",
                       chiiki.sogo_shisho or "", f"{chiiki.kana or ''} {chiiki.romaji or ''}",
                       "areas.chiiki_page", (("chiiki_id", chiiki.chiiki_id),))
    for chiku in session.scalars(select(Chiku)):
        yield Document("chiku", chiku.chiku_id, lang, f"{chiku.name}地区",
                       chiku.machizukuri_center or "", f"{chiku.kana or ''} {chiku.romaji or ''}",
                       "areas.chiku_page", (("chiku_id", chiku.chiku_id),),
                       {"chiku": chiku.chiku_id})
    for chome in session.scalars(select(Chome)):
        yield Document("chome", chome.key_code, lang, chome.name,
                       f"{chome.chiku.name}地区", f"{chome.town_kana or ''} {chome.name_estat or ''}",
                       "areas.chiku_page", (("chiku_id", chome.chiku_id),),
                       {"chiku": chome.chiku_id})
