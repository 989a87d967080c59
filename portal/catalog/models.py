"""Catalogue tables: a Dataset is one published release of a data package, with its resources."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base


class Dataset(Base):
    """One release (name + version) of a Frictionless data package found in datasets/."""

    __tablename__ = "dataset"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Package name, the folder name under datasets/.
    name: Mapped[str] = mapped_column(String(100), index=True)
    #: Package version as declared; a data change must bump it.
    version: Mapped[str] = mapped_column(String(40))
    #: "plan", "reference" or "consultation": what the loader did with the rows.
    kind: Mapped[str] = mapped_column(String(20))
    title_ja: Mapped[str] = mapped_column(Text, default="")
    title_en: Mapped[str] = mapped_column(Text, default="")
    description_ja: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    #: The whole datapackage.json as published.
    descriptor: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: sha256 over datapackage.json and every resource file: "loads nothing twice" compares it.
    content_hash: Mapped[str] = mapped_column(String(64))
    #: True for the newest loaded version of this name.
    is_latest: Mapped[bool] = mapped_column(default=True)
    loaded_at: Mapped[datetime]

    resources: Mapped[list[Resource]] = relationship(
        back_populates="dataset", cascade="all, delete-orphan", order_by="Resource.position"
    )


class Resource(Base):
    """One tabular resource (CSV file) of a dataset release, with its schema and checksum."""

    __tablename__ = "resource"
    __table_args__ = (UniqueConstraint("dataset_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("dataset.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    path: Mapped[str] = mapped_column(Text)
    title_ja: Mapped[str] = mapped_column(Text, default="")
    title_en: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    #: The Table Schema (fields with types, units and descriptions; keys).
    table_schema: Mapped[dict[str, Any]] = mapped_column(JSON)
    row_count: Mapped[int]
    #: Size in bytes and sha256 of the CSV file as published.
    bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))

    dataset: Mapped[Dataset] = relationship(back_populates="resources")
