"""Area use cases: load the 地域/地区/町丁目 reference package, look areas up, find a 地区 by 町丁目."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from portal.areas.lookup import Query, parse
from portal.areas.models import Chiiki, Chiku, Chome
from portal.catalog.packages import PackageData


def load_areas(session: Session, pkg: PackageData, dataset_id: int) -> dict[str, int]:
    """Replace all area rows with those of PKG; return counts per table."""
    for model in (Chome, Chiku, Chiiki):
        session.execute(delete(model))
    counts = {}
    for model, name in ((Chiiki, "chiiki"), (Chiku, "chiku"), (Chome, "chome")):
        cols = {c.name for c in model.__table__.columns}
        rows = [{**{k: v for k, v in r.items() if k in cols}, "dataset_id": dataset_id}
                for r in pkg.rows(name)]
        if rows:
            session.execute(insert(model), rows)
        counts[name] = len(rows)
    session.flush()
    return counts


def list_chiiki(session: Session) -> list[Chiiki]:
    """Return the 地域 with their 地区, in the reference package's order."""
    order = {"setagaya": 1, "kitazawa": 2, "tamagawa": 3, "kinuta": 4, "karasuyama": 5}
    return sorted(session.scalars(select(Chiiki)), key=lambda c: (order.get(c.chiiki_id, 9), c.chiiki_id))


def get_chiku(session: Session, chiku_id: str) -> Chiku | None:
    """Return 地区 CHIKU_ID, or None."""
    return session.get(Chiku, chiku_id)


def get_chiiki(session: Session, chiiki_id: str) -> Chiiki | None:
    """Return 地域 CHIIKI_ID, or None."""
    return session.get(Chiiki, chiiki_id)


def all_chome(session: Session) -> list[Chome]:
    """Every 町丁目 (for maps and lookups)."""
    return list(session.scalars(select(Chome).order_by(Chome.key_code)))


def population(chomes: list[Chome]) -> tuple[int, int]:
    """Sum of the 2015 census population of CHOMES, and how many have a figure."""
    known = [c.population_2015 for c in chomes if c.population_2015 is not None]
    return sum(known), len(known)


@dataclass(frozen=True)
class Match:
    """A 町丁目 that matches what was typed, with its 地区."""

    chome: Chome
    chiku: Chiku


def _town_matches(chome: Chome, query: Query) -> bool:
    """True when CHOME's town (or its reading) matches the query's town."""
    if query.is_kana:
        return bool(chome.town_kana) and chome.town_kana.startswith(query.town)
    return bool(chome.town) and (chome.town == query.town or
                                 (len(query.town) >= 2 and chome.town.startswith(query.town)))


def find_chome(session: Session, raw: str) -> tuple[Query | None, list[Match]]:
    """Find the 町丁目 matching RAW (kanji or kana, with or without a 丁目 number)."""
    query = parse(raw)
    if query is None:
        return None, []
    matches = [c for c in all_chome(session) if _town_matches(c, query)]
    if query.number is not None:
        matches = [c for c in matches if c.chome_no and int(c.chome_no) == query.number]
    return query, [Match(c, c.chiku) for c in matches]


def chikus_of(matches: list[Match]) -> list[Chiku]:
    """The distinct 地区 of MATCHES, in id order."""
    seen: dict[str, Chiku] = {m.chiku.chiku_id: m.chiku for m in matches}
    return [seen[k] for k in sorted(seen)]


def dataset_attribution(session: Session, name: str = "setagaya-areas") -> dict[str, Any]:
    """The attribution (出典) and sources of the areas package, from its catalogue entry."""
    from portal.catalog.models import Dataset

    dataset = session.scalars(select(Dataset).where(Dataset.name == name)
                              .order_by(Dataset.id.desc())).first()
    desc = dataset.descriptor if dataset else {}
    return {"attribution_ja": desc.get("attribution_ja", ""), "version": desc.get("version", "")}
