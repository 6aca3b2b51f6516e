"""Zip archives written byte by byte, for what zipfile will not write: bombs, lying sizes, odd methods."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

STORED, DEFLATED, DEFLATE64 = 0, 8, 9


@dataclass
class Member:
    """One member as it goes into the archive: packed bytes and what the headers say about them."""

    name: str
    packed: bytes
    size: int  # the uncompressed size the headers declare
    crc: int
    method: int = DEFLATED
    flags: int = 0


def deflated(name: str, data: bytes) -> Member:
    """An honest member: `data` deflated, its true size and CRC."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member(name, c.compress(data) + c.flush(), len(data), zlib.crc32(data))


def zeros(name: str, megabytes: int) -> Member:
    """`megabytes` MB of zeros, deflated one MB at a time: 1 GB packs into ~1 MB in well under a second.

    Each MB is deflated with a full flush (byte-aligned, no reference back), so the packed MB repeats
    and one copy serves for all; an empty final block ends the stream.
    """
    mb = bytes(2**20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(mb) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(mb, crc)
    return Member(name, block * megabytes + b"\x03\x00", megabytes * 2**20, crc)


def build(members: list[Member]) -> bytes:
    """A zip archive of `members`, local headers then the central directory (no ZIP64: < 4 GB)."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        flags = m.flags | 0x800  # UTF-8 names
        offset = len(out)
        out += struct.pack(
            "<4sHHHHHIIIHH",
            b"PK\x03\x04",
            20,
            flags,
            m.method,
            0,
            0x21,
            m.crc,
            len(m.packed),
            m.size,
            len(name),
            0,
        )
        out += name + m.packed
        central += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            flags,
            m.method,
            0,
            0x21,
            m.crc,
            len(m.packed),
            m.size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return bytes(out + central + end)
