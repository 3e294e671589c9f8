"""A page every reader shares but for one small slot (who is signed in), kept and compressed once.

The members' summary page names its reader in the bar at its top; the rest (the whole table's
agreed language, a megabyte at 1,500 clauses) is the same for every member at a revision. Kept
per reader, a ratification rush of a few thousand members rendered and compressed it once per
member. Here it is rendered once per revision with a marker where the slot goes; each request
splices its reader's slot in.

Compressed, too: gzip's deflate stream may be cut where the compressor flushed to a byte
boundary (Z_SYNC_FLUSH) and go on with blocks compressed on their own, as long as those refer
to nothing before their start; pigz builds its parallel gzip this way. So the tail after the
slot is deflated once and kept; a request deflates only the head and its slot (a few kilobytes),
then writes the gzip header, the pieces, and the CRC-32 and length of the whole text.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from bargaining.services.table_cache.store import GZIP_LEVEL

SLOT = b"<!--reader-slot-->"
_RAW = -15  # zlib's wbits for a raw deflate stream (no zlib or gzip wrapper)
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no flags, no mtime, unknown OS


def _deflate(data: bytes, mode: int) -> bytes:
    """Raw deflate of data, ended by mode (Z_SYNC_FLUSH: more may follow; Z_FINISH: the last)."""
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, _RAW)
    return packer.compress(data) + packer.flush(mode)


@dataclass(frozen=True, slots=True)
class SlottedPage:
    """A page's bytes before and after its slot, and the tail as a finished deflate stream."""

    head: bytes
    tail: bytes
    tail_deflated: bytes

    @classmethod
    def split(cls, page: bytes) -> SlottedPage:
        """Cut a rendered page at its one SLOT marker; deflate the tail once."""
        head, found, tail = page.partition(SLOT)
        if not found or SLOT in tail:
            raise ValueError("a slotted page holds its slot marker exactly once")
        return cls(head, tail, _deflate(tail, zlib.Z_FINISH))

    @property
    def size(self) -> int:
        """The bytes held (what a store counts against its bound)."""
        return len(self.head) + len(self.tail) + len(self.tail_deflated)

    def body(self, slot: bytes) -> bytes:
        """The page with this reader's slot, as sent uncompressed."""
        return b"".join((self.head, slot, self.tail))

    def gzipped(self, slot: bytes) -> bytes:
        """The page with this reader's slot as one gzip member, deflating only the head and slot."""
        front = self.head + slot
        crc = zlib.crc32(self.tail, zlib.crc32(front))
        length = (len(front) + len(self.tail)) & 0xFFFFFFFF
        trailer = struct.pack("<II", crc, length)
        return b"".join((_GZIP_HEADER, _deflate(front, zlib.Z_SYNC_FLUSH), self.tail_deflated, trailer))
