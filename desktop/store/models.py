"""The whole data model as typed SQLAlchemy 2 models.

Money is stored as integer cents (exact on SQLite and PostgreSQL alike). Times are naive local
wall-clock times: the operator's laptop is the clock of record. Tables aggregated by day keep the
day in its own indexed column, because computing date() inside GROUP BY was 4.6x slower.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop.domain.enums import (
    BroadcastStatus,
    CampaignStatus,
    ChannelKind,
    DeliveryStatus,
    DimensionKind,
    FulfilmentStatus,
    GroupStatus,
    ImportStatus,
    InteractionKind,
    Lifespan,
    MessageFormat,
    PaymentStatus,
    Platform,
    Role,
    ScheduleKind,
    Tier,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def enum_column(enum: type[StrEnum]) -> SAEnum:
    """Store an enum as its value string: portable, readable in a SQL shell, no native type."""
    return SAEnum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Stamped:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now, onupdate=datetime.now)


class ImportBatch(Base):
    """One import run; every imported row carries its batch so the import can be undone whole."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    source_name: Mapped[str] = mapped_column(String(500), default="")
    file_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[ImportStatus] = mapped_column(enum_column(ImportStatus), default=ImportStatus.DONE)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)


def batch_fk() -> Mapped[int | None]:
    return mapped_column(ForeignKey("import_batches.id", ondelete="SET NULL"), index=True)


def batch_ref() -> Mapped[int | None]:
    """The import batch as a plain indexed integer: for tables that got the column in a later
    migration, where SQLite could only add a foreign key by rebuilding the table (batches are
    never deleted, so nothing can dangle)."""
    return mapped_column(Integer, index=True)


class Group(Stamped, Base):
    __tablename__ = "groups"
    __table_args__ = (
        UniqueConstraint("platform", "external_id"),
        Index("ix_groups_status_platform", "status", "platform"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    platform: Mapped[Platform] = mapped_column(enum_column(Platform), default=Platform.WECHAT)
    external_id: Mapped[str | None] = mapped_column(String(120))
    owner: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[GroupStatus] = mapped_column(enum_column(GroupStatus), default=GroupStatus.ACTIVE)
    lifespan: Mapped[Lifespan] = mapped_column(enum_column(Lifespan), default=Lifespan.LONG)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, index=True)
    capacity: Mapped[int] = mapped_column(Integer, default=500)
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    area: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    #: name + full pinyin + pinyin initials, lower-case; written by the services
    search_key: Mapped[str] = mapped_column(Text, default="")
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)
    import_batch_id: Mapped[int | None] = batch_fk()

    labels: Mapped[list[GroupLabel]] = relationship(back_populates="group", cascade="all, delete-orphan")


class Dimension(Base):
    """A classification axis: time, function, audience or the operator's own."""

    __tablename__ = "dimensions"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[DimensionKind] = mapped_column(enum_column(DimensionKind), default=DimensionKind.CUSTOM)
    multi: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    labels: Mapped[list[Label]] = relationship(
        back_populates="dimension", cascade="all, delete-orphan", order_by="Label.position"
    )


class Label(Base):
    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("dimension_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    dimension_id: Mapped[int] = mapped_column(ForeignKey("dimensions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    color: Mapped[str] = mapped_column(String(9), default="#607d8b")
    position: Mapped[int] = mapped_column(Integer, default=0)

    dimension: Mapped[Dimension] = relationship(back_populates="labels")


class GroupLabel(Base):
    """A label on a group. ``exclusive`` mirrors a single-choice dimension, so the store itself
    refuses a second label of that dimension on one group (partial unique index)."""

    __tablename__ = "group_labels"
    __table_args__ = (
        Index(
            "uq_group_labels_single_choice",
            "group_id",
            "dimension_id",
            unique=True,
            sqlite_where=text("exclusive = 1"),
            postgresql_where=text("exclusive"),
        ),
        Index("ix_group_labels_label", "label_id"),
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True)
    dimension_id: Mapped[int] = mapped_column(ForeignKey("dimensions.id", ondelete="CASCADE"))
    exclusive: Mapped[bool] = mapped_column(Boolean, default=True)

    group: Mapped[Group] = relationship(back_populates="labels")
    label: Mapped[Label] = relationship()


class Segment(Stamped, Base):
    """A saved filter ("VIP服务群·活跃"), resolved to groups whenever it is used."""

    __tablename__ = "segments"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    filter_json: Mapped[str] = mapped_column(Text, default="{}")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Member(Stamped, Base):
    """A person, usually in several of the operator's groups."""

    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    nickname: Mapped[str] = mapped_column(String(120), index=True)
    wechat_id: Mapped[str | None] = mapped_column(String(80), index=True)
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    tier: Mapped[Tier] = mapped_column(enum_column(Tier), default=Tier.PROSPECT, index=True)
    seed_user: Mapped[bool] = mapped_column(Boolean, default=False)
    referrer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    source: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    import_batch_id: Mapped[int | None] = batch_fk()
    #: cached desktop.domain.activity level (1..4) as of ``activity_level_on``; None for staff and for
    #: members never computed (``activity_level_on`` None). Kept by MemberService.refresh_activity_levels.
    activity_level: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    activity_level_on: Mapped[date | None] = mapped_column(Date, index=True)


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("member_id", "group_id"),
        Index("ix_memberships_group_role", "group_id", "role"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.LURKER)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    group_nickname: Mapped[str] = mapped_column(String(120), default="")
    import_batch_id: Mapped[int | None] = batch_fk()


class Interaction(Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_group_day", "group_id", "day"),
        Index("ix_interactions_member_time", "member_id", "occurred_at"),
        Index("ix_interactions_kind_day", "kind", "day"),
        Index("ix_interactions_day", "day"),
        # the dashboard heatmap counts (day, hour) cells from this index alone; SQLite only (migration 0007)
        Index("ix_interactions_kind_day_hour", "kind", "day", text("substr(occurred_at, 12, 2)"), "group_id")
        .ddl_if(dialect="sqlite"),
        # partial: nearly every interaction has no follow-up and comes from no import
        Index("ix_interactions_follow_up", "follow_up_on", "follow_up_done",
              sqlite_where=text("follow_up_on IS NOT NULL"), postgresql_where=text("follow_up_on IS NOT NULL")),
        Index("ix_interactions_import_batch", "import_batch_id",
              sqlite_where=text("import_batch_id IS NOT NULL"), postgresql_where=text("import_batch_id IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    day: Mapped[date] = mapped_column(Date)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[InteractionKind] = mapped_column(enum_column(InteractionKind))
    summary: Mapped[str] = mapped_column(Text, default="")
    amount_cents: Mapped[int | None] = mapped_column(Integer)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)


class GroupDayStat(Base):
    """Per group and day: what dashboards read instead of scanning interactions."""

    __tablename__ = "group_day_stats"
    #: covering: the dashboard's and the report's scans over a range of days read index pages only
    __table_args__ = (Index("ix_group_day_stats_day_totals", "day", "group_id", "messages", "active_members",
                            "joins", "leaves"),)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    messages: Mapped[int] = mapped_column(Integer, default=0)
    active_members: Mapped[int] = mapped_column(Integer, default=0)
    joins: Mapped[int] = mapped_column(Integer, default=0)
    leaves: Mapped[int] = mapped_column(Integer, default=0)
    import_batch_id: Mapped[int | None] = batch_fk()


class Template(Stamped, Base):
    __tablename__ = "templates"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[MessageFormat] = mapped_column(enum_column(MessageFormat), default=MessageFormat.TEXT)
    #: JSON list of file paths (images, files) the operator attaches to manual sends
    attachments_json: Mapped[str] = mapped_column(Text, default="[]")


class Channel(Stamped, Base):
    """A group robot (WeCom / DingTalk / Feishu webhook) linked to one group."""

    __tablename__ = "channels"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[ChannelKind] = mapped_column(enum_column(ChannelKind))
    webhook_url: Mapped[str] = mapped_column(Text)
    secret: Mapped[str] = mapped_column(String(200), default="")
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"), index=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: why the dispatcher switched the robot off (bad key, bad signature, 404); empty when fine
    disabled_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)


class Broadcast(Stamped, Base):
    __tablename__ = "broadcasts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    template_id: Mapped[int | None] = mapped_column(ForeignKey("templates.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[MessageFormat] = mapped_column(enum_column(MessageFormat), default=MessageFormat.TEXT)
    schedule_kind: Mapped[ScheduleKind] = mapped_column(enum_column(ScheduleKind), default=ScheduleKind.ONCE)
    run_at: Mapped[datetime | None] = mapped_column(DateTime)
    rrule: Mapped[str] = mapped_column(Text, default="")
    #: JSON list of {"offset_days": n, "time": "HH:MM", "body": "..."} for SOPs
    sop_steps_json: Mapped[str] = mapped_column(Text, default="[]")
    #: JSON list of file paths sent by hand with the text; empty: the template's attachments apply
    attachments_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    quiet_start: Mapped[time | None] = mapped_column(Time, default=time(22, 0))
    quiet_end: Mapped[time | None] = mapped_column(Time, default=time(8, 0))
    segment_id: Mapped[int | None] = mapped_column(ForeignKey("segments.id", ondelete="SET NULL"))
    status: Mapped[BroadcastStatus] = mapped_column(
        enum_column(BroadcastStatus), default=BroadcastStatus.DRAFT, index=True
    )
    #: when the broadcast was (last) activated: occurrences before it are never sent
    activated_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: schedule expanded into deliveries up to here, so a restart or clock jump never re-expands
    expanded_until: Mapped[datetime | None] = mapped_column(DateTime)


class BroadcastTarget(Base):
    """Explicit target groups of a broadcast (segments are resolved when an occurrence falls due)."""

    __tablename__ = "broadcast_targets"
    broadcast_id: Mapped[int] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)


class Delivery(Base):
    """One send of one broadcast occurrence to one group; never two for the same triple."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "group_id", "occurrence_at"),
        Index("ix_deliveries_status_due", "status", "due_at"),
        Index("ix_deliveries_group", "group_id", "occurrence_at"),
        Index("ix_deliveries_broadcast", "broadcast_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    occurrence_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id", ondelete="SET NULL"))
    status: Mapped[DeliveryStatus] = mapped_column(enum_column(DeliveryStatus), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    body_rendered: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: index of the SOP step this delivery sends (None for once/RRULE broadcasts)
    step: Mapped[int | None] = mapped_column(Integer)
    #: parts of a split text already accepted by the robot; a resumed send continues after them
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    #: the dispatcher holding the delivery while it is `sending`, and until when
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)
    #: a `sending` delivery whose dispatcher vanished: outcome unknown, the operator must confirm
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now, onupdate=datetime.now)


class PickupPoint(Base):
    """自提点; shared across campaigns because leaders reuse the same points."""

    __tablename__ = "pickup_points"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    import_batch_id: Mapped[int | None] = batch_ref()


class Campaign(Stamped, Base):
    """A group buy (团购活动)."""

    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    leader: Mapped[str] = mapped_column(String(80), default="")
    open_at: Mapped[datetime | None] = mapped_column(DateTime)
    cutoff_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[CampaignStatus] = mapped_column(
        enum_column(CampaignStatus), default=CampaignStatus.DRAFT, index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    import_batch_id: Mapped[int | None] = batch_ref()


class CampaignGroup(Base):
    __tablename__ = "campaign_groups"
    __table_args__ = (Index("ix_campaign_groups_group", "group_id"),)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)


class CampaignPickupPoint(Base):
    __tablename__ = "campaign_pickup_points"
    __table_args__ = (Index("ix_campaign_pickup_points_point", "pickup_point_id"),)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    pickup_point_id: Mapped[int] = mapped_column(
        ForeignKey("pickup_points.id", ondelete="CASCADE"), primary_key=True
    )
    import_batch_id: Mapped[int | None] = batch_ref()


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("campaign_id", "name", "spec"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    spec: Mapped[str] = mapped_column(String(80), default="")
    price_cents: Mapped[int] = mapped_column(Integer, default=0)
    cost_cents: Mapped[int] = mapped_column(Integer, default=0)
    per_person_limit: Mapped[int | None] = mapped_column(Integer)
    stock: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    import_batch_id: Mapped[int | None] = batch_ref()


class Order(Stamped, Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("campaign_id", "external_no"),
        Index("ix_orders_day", "day"),
        Index("ix_orders_group_day", "group_id", "day"),
        Index("ix_orders_member", "member_id"),
        Index("ix_orders_pickup_point", "pickup_point_id"),
        # one order per 接龙 line and campaign: a longer paste of the same 接龙 adds only new lines (partial:
        # other orders have no source_key and no entry, migration 0009)
        Index("uq_orders_campaign_source_key", "campaign_id", "source_key", unique=True,
              sqlite_where=text("source_key IS NOT NULL"), postgresql_where=text("source_key IS NOT NULL")),
        # covering indexes of the group-buy summaries (migration 0006; desktop.services.order_summaries)
        Index("ix_orders_campaign_summary", "campaign_id", "pickup_point_id", "payment_status", "group_id",
              "fulfilment_status", "member_id", "buyer_phone", "buyer_name", "amount_cents", "refund_cents", "pieces"),
        Index("ix_orders_campaign_groups", "campaign_id", "group_id", "payment_status", "member_id", "buyer_phone",
              "buyer_name"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    external_no: Mapped[str | None] = mapped_column(String(60))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"))
    pickup_point_id: Mapped[int | None] = mapped_column(ForeignKey("pickup_points.id", ondelete="SET NULL"))
    placed_at: Mapped[datetime] = mapped_column(DateTime)
    day: Mapped[date] = mapped_column(Date)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime)
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    refund_cents: Mapped[int] = mapped_column(Integer, default=0)
    payment_status: Mapped[PaymentStatus] = mapped_column(
        enum_column(PaymentStatus), default=PaymentStatus.UNPAID
    )
    fulfilment_status: Mapped[FulfilmentStatus] = mapped_column(
        enum_column(FulfilmentStatus), default=FulfilmentStatus.WAITING
    )
    buyer_name: Mapped[str] = mapped_column(String(80), default="")
    buyer_phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    import_batch_id: Mapped[int | None] = batch_fk()
    leader_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: 楼号 / 房号 when known: the pickup list sorts by them
    building: Mapped[str] = mapped_column(String(40), default="", server_default="")
    room: Mapped[str] = mapped_column(String(40), default="", server_default="")
    #: export fields without a column of their own (快递公司, 快递单号, 收货人 ...), as a JSON object
    extras_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    #: the sum of the order lines' quantities, kept by every path that writes order lines (the pickup
    #: totals read it instead of joining the lines)
    pieces: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: the 接龙 line the order came from: its number, a key (desktop.domain.jielong.line_key) and its text
    source_seq: Mapped[int | None] = mapped_column(Integer)
    source_key: Mapped[str | None] = mapped_column(String(40))
    source_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class OrderItem(Base):
    __tablename__ = "order_items"
    __table_args__ = (UniqueConstraint("order_id", "product_id"),
                      # covering, by product: the supplier order sums quantity and amount per product in
                      # index order (no sort) without the table (migration 0006 replaced ix_order_items_product)
                      Index("ix_order_items_product_totals", "product_id", "order_id", "quantity", "amount_cents"))
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    # Checked at commit: deleting a whole campaign removes its orders and products together (the
    # cascades run in no fixed order on PostgreSQL); deleting a product that was ordered is refused.
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", deferrable=True, initially="DEFERRED"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price_cents: Mapped[int] = mapped_column(Integer, default=0)
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)


class AuditLog(Base):
    """Who changed what, when (needed when a team shares one database)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now, index=True)
    actor: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail_json: Mapped[str] = mapped_column(Text, default="{}")




class ClassificationRule(Stamped, Base):
    """An auto-classification rule: groups matching ``conditions_json`` (desktop.domain.rules) get a label.
    Deleting the label deletes its rules."""

    __tablename__ = "classification_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: also applied automatically to groups created or imported later
    apply_to_new: Mapped[bool] = mapped_column(Boolean, default=False)
    conditions_json: Mapped[str] = mapped_column(Text, default="{}")
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)


#: every entity, for ``qundesk info`` and the tests
ENTITY_TABLES: tuple[type[Base], ...] = (
    Group, Dimension, Label, GroupLabel, Segment, Member, Membership, Interaction, GroupDayStat,
    Template, Channel, Broadcast, BroadcastTarget, Delivery, PickupPoint, Campaign, CampaignGroup,
    CampaignPickupPoint, Product, Order, OrderItem, ImportBatch, AuditLog, ClassificationRule,
)


class ImportChange(Base):
    """The values a row had before an import updated it, so undoing the import restores them.
    ``entity`` names the table; a group_day_stat's key (group_id, day) is inside ``before_json``."""

    __tablename__ = "import_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    before_json: Mapped[str] = mapped_column(Text, default="{}")


ENTITY_TABLES = (*ENTITY_TABLES, ImportChange)


class Tag(Base):
    """A member tag the operator makes up ("团长候选", "宝妈"); members carry any number of them."""

    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    color: Mapped[str] = mapped_column(String(9), default="#607d8b")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)


class MemberTag(Base):
    """A tag on a member. The (tag_id, member_id) index answers "members with tag X" from the index alone."""

    __tablename__ = "member_tags"
    __table_args__ = (Index("ix_member_tags_tag", "tag_id", "member_id"),)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)


ENTITY_TABLES = (*ENTITY_TABLES, Tag, MemberTag)
