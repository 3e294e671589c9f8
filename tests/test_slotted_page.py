"""A page shared by every reader but for its slot: spliced bytes, and a gzip stream built from a
kept deflated tail, are exactly the page rendered for that reader."""

from __future__ import annotations

import gzip
import random
import zlib

import pytest

from bargaining.services.table_cache.slotted import SLOT, SlottedPage

WORDS = [
    "caseload",
    "clinician",
    "overtime",
    "grievance",
    "telehealth",
    "supervision",
    "differential",
    "seniority",
]


def _page(seed: int, size: int) -> bytes:
    rng = random.Random(seed)
    words = " ".join(rng.choice(WORDS) for _ in range(size))
    return b"<html><head><style>.bar{}</style></head><body>" + SLOT + f"<main>{words}</main>".encode()


@pytest.mark.parametrize("size", [0, 10, 50_000])
@pytest.mark.parametrize(
    "slot", [b"", b"<div>Signed in as Ana</div>", "<div>Signed in as José Núñez</div>".encode() * 200]
)
def test_the_spliced_page_and_its_gzip_are_the_page_rendered_for_that_reader(size, slot):
    page = _page(size, size)
    kept = SlottedPage.split(page)
    wanted = page.replace(SLOT, slot)
    assert kept.body(slot) == wanted
    packed = kept.gzipped(slot)
    assert gzip.decompress(packed) == wanted
    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)  # one gzip member, nothing after it
    assert stream.decompress(packed) == wanted and stream.eof and stream.unused_data == b""


def test_the_tail_is_deflated_once_and_kept():
    kept = SlottedPage.split(_page(1, 50_000))
    first, second = kept.gzipped(b"<b>one</b>"), kept.gzipped(b"<b>two</b>")
    assert kept.tail_deflated in first and kept.tail_deflated in second
    assert len(first) < len(kept.body(b"")) / 3  # it compresses: a kept tail, not a stored one
    assert kept.size == len(kept.head) + len(kept.tail) + len(kept.tail_deflated)


@pytest.mark.parametrize("page", [b"<html>no marker</html>", b"<html>" + SLOT + b"twice" + SLOT + b"</html>"])
def test_a_page_must_hold_its_slot_exactly_once(page):
    with pytest.raises(ValueError, match="exactly once"):
        SlottedPage.split(page)
