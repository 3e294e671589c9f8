"""Storing uploads: checked (size, media type against content), content-addressed, in the same transaction."""

from __future__ import annotations

import magic
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import Invalid, NotFound
from bargaining.domain.sessions.media import check_upload
from bargaining.models import Attachment, FileBlob
from bargaining.services import audit
from bargaining.services.access import load_table, require_writable
from bargaining.services.files.targets import Target, load_target

SNIFF_BYTES = 64 * 1024


def detect(content: bytes) -> str:
    """What the content is, by libmagic (python-magic), from its first bytes."""
    return str(magic.from_buffer(content[:SNIFF_BYTES], mime=True))


def upload(
    session: Session,
    actor: Actor,
    kind: str,
    object_id: int,
    upload: tuple[bytes, str, str] | None,
    limit: int,
) -> Attachment:
    """Attach a file (content, declared type, name) to an object; the bytes are stored once per SHA-256."""
    target = load_target(session, actor, kind, object_id)
    target.require_attacher()
    table, _standing = load_table(session, actor, target.table_id)
    require_writable(table)
    if upload is None:
        raise Invalid("Send the file as multipart/form-data in the field 'file'.", field="file")
    content, declared, filename = upload
    checked = check_upload(content, declared, detect(content), filename, limit)
    if session.get(FileBlob, checked.sha256) is None:
        session.add(FileBlob(sha256=checked.sha256, size=checked.size, content=content))
        session.flush()  # the blob's row before the attachment that points at it
    attachment = Attachment(
        table_id=target.table_id,
        object_type=kind,
        object_id=object_id,
        sha256=checked.sha256,
        filename=checked.filename,
        media_type=checked.media_type,
        size=checked.size,
        side=target.standing.writer_side,
        uploaded_by_id=actor.id,
    )
    session.add(attachment)
    session.flush()
    audit.record(
        session,
        actor.id,
        "file.attached",
        attachment,
        table_id=target.table_id,
        visible_to=target.private_to.value if target.private_to else None,
        detail={
            "object_type": kind,
            "object_id": object_id,
            "sha256": checked.sha256,
            "filename": checked.filename,
            "media_type": checked.media_type,
            "size": checked.size,
        },
    )
    return attachment


def attachments_of(session: Session, actor: Actor, kind: str, object_id: int) -> Select[Attachment]:
    """Select the files attached to an object the caller may see, oldest first."""
    target = load_target(session, actor, kind, object_id)
    return _of(target).order_by(Attachment.id)


def _of(target: Target) -> Select[Attachment]:
    """The object's attachments."""
    return select(Attachment).where(
        Attachment.object_type == target.kind, Attachment.object_id == target.object_id
    )


def load_file(session: Session, actor: Actor, file_id: int) -> Attachment:
    """Return a file's record if the caller may see the object it is attached to, or 404."""
    attachment = session.get(Attachment, file_id)
    if attachment is None:
        raise NotFound("No such file.", code="file_not_found")
    try:
        load_target(session, actor, attachment.object_type, attachment.object_id)
    except NotFound as exc:
        raise NotFound("No such file.", code="file_not_found") from exc
    return attachment


def file_content(session: Session, actor: Actor, file_id: int) -> tuple[Attachment, bytes]:
    """A file's record and its original bytes."""
    attachment = load_file(session, actor, file_id)
    content = session.scalar(select(FileBlob.content).where(FileBlob.sha256 == attachment.sha256))
    assert content is not None
    return attachment, content
