"""Exhibits and attachments: content-addressed bytes in the database, and what each is attached to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, event
from sqlalchemy.orm import Mapped, mapped_column

from bargaining.domain.errors import Conflict
from bargaining.domain.records import Side
from bargaining.models.base import Base, utcnow
from bargaining.models.tables import enum_column


class FileBlob(Base):
    """The bytes of a file, stored once per SHA-256 however often it is attached; never changed."""

    __tablename__ = "file_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column()
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Attachment(Base):
    """A file attached to a proposal, TA, session, note or answer; seen by whoever sees that object."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    object_type: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(ForeignKey("file_blobs.sha256"))
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column()
    side: Mapped[Side | None] = mapped_column(enum_column(Side, "side"), default=None)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


def _refuse(kind: str) -> Any:
    """A mapper listener that refuses to change or delete a write-once row."""

    def listener(_mapper: Any, _conn: Any, target: Any) -> None:
        raise Conflict(f"{type(target).__name__} rows are written once: cannot {kind}.", code="immutable")

    return listener


for _model in (FileBlob,):
    event.listen(_model, "before_update", _refuse("update"))
    event.listen(_model, "before_delete", _refuse("delete"))
