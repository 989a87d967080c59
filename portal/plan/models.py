"""Plan tables: a plan has revisions; a revision has a tree of nodes; indicators hang off nodes."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String, Text, and_
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from portal.db import Base


class Plan(Base):
    """A ward plan (e.g. 未来つながるプラン), loaded from one data package."""

    __tablename__ = "plan"

    plan_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: The dataset release the rows came from (replaced as a whole on reload).
    dataset_id: Mapped[int] = mapped_column(ForeignKey("dataset.id", ondelete="CASCADE"))
    name_ja: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text, default="")
    period_ja: Mapped[str | None] = mapped_column(Text)
    start_fy: Mapped[int | None]
    end_fy: Mapped[int | None]
    publisher_ja: Mapped[str | None] = mapped_column(Text)

    revisions: Mapped[list[Revision]] = relationship(
        back_populates="plan", order_by="Revision.position", passive_deletes=True
    )


class Revision(Base):
    """One state of a plan as printed in one document (素案, 案, 当初計画, 修正計画 …)."""

    __tablename__ = "revision"

    revision_id: Mapped[str] = mapped_column(String(150), primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.plan_id", ondelete="CASCADE"), index=True)
    #: Order of the revision within its plan, 1 = oldest.
    position: Mapped[int]
    stage: Mapped[str] = mapped_column(String(30))
    label_ja: Mapped[str] = mapped_column(Text)
    label_en: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date | None]
    date_note: Mapped[str | None] = mapped_column(Text)
    source_document: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None]

    plan: Mapped[Plan] = relationship(back_populates="revisions")


class Node(Base):
    """A pillar, measure (施策), aim, project (事業) … of one revision; concept_id spans revisions."""

    __tablename__ = "node"

    node_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    revision_id: Mapped[str] = mapped_column(
        ForeignKey("revision.revision_id", ondelete="CASCADE"), index=True
    )
    #: Stable identity of the same 施策 across revisions (the crosswalk's unit).
    concept_id: Mapped[str] = mapped_column(String(200), index=True)
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("node.node_id", ondelete="CASCADE"), index=True
    )
    level: Mapped[str] = mapped_column(String(20))
    level_ja: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(default=0)
    name_ja: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text, default="")
    vision_ja: Mapped[str | None] = mapped_column(Text)
    vision_en: Mapped[str | None] = mapped_column(Text)
    direction_ja: Mapped[str | None] = mapped_column(Text)
    department_ja: Mapped[str | None] = mapped_column(Text)
    #: "published", or "placeholder" for a section printed as 「調整中」.
    status: Mapped[str] = mapped_column(String(20), default="published")
    #: Columns of the CSV the portal has no column for (e.g. strategy_marks), kept as published.
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_document: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None]

    parent: Mapped[Node | None] = relationship(remote_side=[node_id], back_populates="children")
    children: Mapped[list[Node]] = relationship(
        back_populates="parent", order_by="Node.position", passive_deletes=True
    )
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="node", order_by="Indicator.indicator_id", passive_deletes=True
    )


class Indicator(Base):
    """A 行動量 (action) or 成果指標 (outcome) with its unit, direction and how totals read."""

    __tablename__ = "indicator"

    indicator_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    node_id: Mapped[str] = mapped_column(ForeignKey("node.node_id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[str] = mapped_column(
        ForeignKey("revision.revision_id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))
    name_ja: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str | None] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(String(20), default="higher_is_better")
    cumulative: Mapped[bool] = mapped_column(default=False)
    total_semantics: Mapped[str | None] = mapped_column(String(20))
    implementation_plan_ref: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_document: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None]

    node: Mapped[Node] = relationship(back_populates="indicators")
    #: The ward-wide figures (area empty): every status and chart reads these.
    observations: Mapped[list[Observation]] = relationship(
        primaryjoin=lambda: and_(Indicator.indicator_id == foreign(Observation.indicator_id),
                                 Observation.area.is_(None)),
        viewonly=True,
        order_by="(Observation.series, Observation.is_total, Observation.fiscal_year)",
    )
    #: Figures the ward published per 地区 or 地域 (area set); empty for most indicators.
    area_observations: Mapped[list[Observation]] = relationship(
        primaryjoin=lambda: and_(Indicator.indicator_id == foreign(Observation.indicator_id),
                                 Observation.area.is_not(None)),
        viewonly=True, order_by="(Observation.area, Observation.series, Observation.fiscal_year)",
    )


class Observation(Base):
    """One printed cell: a planned, actual, baseline or target value, with its source line."""

    __tablename__ = "observation"

    observation_id: Mapped[str] = mapped_column(String(250), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(
        ForeignKey("indicator.indicator_id", ondelete="CASCADE"), index=True
    )
    revision_id: Mapped[str] = mapped_column(
        ForeignKey("revision.revision_id", ondelete="CASCADE"), index=True
    )
    series: Mapped[str] = mapped_column(String(20), index=True)
    fiscal_year: Mapped[int | None] = mapped_column(index=True)
    is_total: Mapped[bool] = mapped_column(default=False)
    sub_item: Mapped[str | None] = mapped_column(Text)
    #: A 地区 (01…28) or 地域 (setagaya …) code of setagaya-areas; empty for the ward total.
    area: Mapped[str | None] = mapped_column(String(40), index=True)
    #: The number, empty when the cell is ―, blank or prose (never invented).
    value: Mapped[float | None] = mapped_column(Float)
    #: The cell exactly as printed.
    value_text: Mapped[str] = mapped_column(Text, default="")
    is_estimate: Mapped[bool] = mapped_column(default=False)
    as_of: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    source_document: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None]

    indicator: Mapped[Indicator] = relationship(viewonly=True)
