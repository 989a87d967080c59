"""Area tables: 5 地域, 28 地区 and 277 町丁目 with 2015 census figures and assignment confidence."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base


class Chiiki(Base):
    """A 地域 (one of five, each with a 総合支所)."""

    __tablename__ = "chiiki"

    chiiki_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("dataset.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    kana: Mapped[str | None] = mapped_column(Text)
    romaji: Mapped[str | None] = mapped_column(Text)
    sogo_shisho: Mapped[str | None] = mapped_column(Text)

    chikus: Mapped[list[Chiku]] = relationship(back_populates="chiiki", order_by="Chiku.chiku_id")


class Chiku(Base):
    """A 地区 (one of 28, each with a まちづくりセンター)."""

    __tablename__ = "chiku"

    chiku_id: Mapped[str] = mapped_column(String(10), primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("dataset.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    kana: Mapped[str | None] = mapped_column(Text)
    romaji: Mapped[str | None] = mapped_column(Text)
    chiiki_id: Mapped[str] = mapped_column(ForeignKey("chiiki.chiiki_id", ondelete="CASCADE"))
    machizukuri_center: Mapped[str | None] = mapped_column(Text)
    #: verified / inferred / uncertain, as in the reference data.
    confidence: Mapped[str | None] = mapped_column(String(20))

    chiiki: Mapped[Chiiki] = relationship(back_populates="chikus")
    chomes: Mapped[list[Chome]] = relationship(back_populates="chiku", order_by="Chome.key_code")


class Chome(Base):
    """A 町丁目 with its 2015 census population and e-Stat representative point."""

    __tablename__ = "chome"

    key_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("dataset.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    name_estat: Mapped[str | None] = mapped_column(Text)
    town: Mapped[str | None] = mapped_column(Text)
    town_kana: Mapped[str | None] = mapped_column(Text)
    chome_no: Mapped[str | None] = mapped_column(String(10))
    chiku_id: Mapped[str] = mapped_column(ForeignKey("chiku.chiku_id", ondelete="CASCADE"))
    confidence: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    area_m2: Mapped[float | None] = mapped_column(Float)
    population_2015: Mapped[int | None]
    households_2015: Mapped[int | None]
    rep_lon: Mapped[float | None] = mapped_column(Float)
    rep_lat: Mapped[float | None] = mapped_column(Float)

    chiku: Mapped[Chiku] = relationship(back_populates="chomes")
