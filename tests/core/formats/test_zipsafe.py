"""The zip limits: bombs stopped from the directory and while reading, damaged archives named as such."""

from __future__ import annotations

import dataclasses
import io
import time
import tracemalloc
import zipfile

import pytest

from tests.core.formats import zips
from viewer.core.decode import UndecodableError
from viewer.core.formats import zipsafe
from viewer.core.formats.zipsafe import SafeZip


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_reads_members_and_counts_what_came_out() -> None:
    text = "档案阅览".encode() * 1000
    archive = SafeZip(_zip({"a.txt": text, "b/c.txt": b"x"}), "EPUB")
    assert archive.names() == ["a.txt", "b/c.txt"]
    assert "a.txt" in archive and "nothing" not in archive
    assert archive.read("a.txt") == text
    assert archive.unpacked == len(text)
    with pytest.raises(KeyError):
        archive.read("nothing")


def test_a_gigabyte_of_zeros_is_refused_from_the_directory_before_anything_is_unpacked() -> None:
    bomb = zips.zeros("word/document.xml", 1024)
    data = zips.build([zips.deflated("[Content_Types].xml", b"<Types/>"), bomb])
    assert len(data) < 1.1 * 2**20  # 1 GB packed into about 1 MB
    with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("word/document.xml") as f:
        assert f.read(2**20) == bytes(2**20)  # a real deflate stream of zeros, as zipfile reads it
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(
        UndecodableError, match=r"zip bomb: word/document\.xml unpacks to more than 200 times"
    ):
        SafeZip(data, "DOCX")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert time.perf_counter() - start < 1.0
    assert peak < 4 * len(data)


def test_many_members_within_the_ratio_are_stopped_by_the_total() -> None:
    # 300 members of 1 MB each, every one within the 1 MB grace: only the total gives them away.
    one = zips.zeros("m.xml", 1)
    data = zips.build([dataclasses.replace(one, name=f"m{i}.xml") for i in range(300)])
    with pytest.raises(UndecodableError, match="zip bomb: the archive unpacks to more than"):
        SafeZip(data, "EPUB")


def test_a_member_whose_headers_understate_its_size_is_damaged_and_read_no_further() -> None:
    bomb = zips.zeros("chapter.xhtml", 1024)
    bomb.size = 100_000  # both headers say 100 KB; the stream would give 1 GB
    archive = SafeZip(zips.build([bomb]), "EPUB")
    tracemalloc.start()
    with pytest.raises(UndecodableError, match=r"damaged zip archive \(chapter.xhtml: Bad CRC-32"):
        archive.read("chapter.xhtml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert archive.unpacked <= 100_000
    assert peak < 8 * 2**20


def test_the_counter_stops_a_stream_that_runs_past_its_limit_whatever_the_headers_say() -> None:
    # zipfile stops at the declared size; were it not to, the counter must. Simulated by raising the
    # size zipfile bounds the stream by after the directory was checked.
    member = zips.zeros("chapter.xhtml", 64)
    member.size = 2**20  # within the grace: the directory lets it through
    archive = SafeZip(zips.build([member]), "EPUB")
    info = archive._zip.getinfo("chapter.xhtml")
    info.file_size = 2**40
    with pytest.raises(UndecodableError, match=r"zip bomb: chapter\.xhtml unpacks to more than 200 times"):
        archive.read("chapter.xhtml")
    limit = zipsafe.MAX_RATIO * info.compress_size  # ~13 MB of the 64
    assert limit < archive.unpacked <= limit + 64 * 1024


def test_the_total_counts_across_members(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipsafe, "MAX_UNPACKED_BYTES", 3 * 2**20)
    monkeypatch.setattr(zipsafe, "MAX_RATIO", 10_000)  # so only the total is in play
    archive = SafeZip(zips.build([zips.zeros(f"m{i}", 1) for i in range(3)]), "EPUB")
    archive.read("m0")
    archive.read("m1")
    archive.budget = 2 * 2**20 + 10  # as if the directory had been generous
    with pytest.raises(UndecodableError, match="the archive unpacks to more than 2 MB"):
        archive.read("m2")


def test_too_many_members() -> None:
    data = zips.build([zips.deflated(f"{i}.txt", b"") for i in range(zipsafe.MAX_MEMBERS + 1)])
    with pytest.raises(UndecodableError, match=r"too many members \(10001; the limit is 10000\)"):
        SafeZip(data, "EPUB")


def test_overlapping_members_are_damage() -> None:
    one = zips.deflated("a.xhtml", b"<p>x</p>" * 100)
    data = zips.build([one])
    # A second central-directory entry pointing at the same local header and packed stream.
    directory = data.index(b"PK\x01\x02")
    end = data.index(b"PK\x05\x06")
    entry = data[directory:end]
    twice = data[:end] + entry.replace(b"a.xhtml", b"b.xhtml")
    twice += b"PK\x05\x06" + bytes(4) + (2).to_bytes(2, "little") * 2
    twice += (2 * len(entry)).to_bytes(4, "little") + directory.to_bytes(4, "little") + bytes(2)
    with pytest.raises(UndecodableError, match="damaged zip archive"):
        SafeZip(twice, "EPUB")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "file is empty"),
        ("纯文本，不是压缩包".encode(), r"^not a zip archive, as EPUB files are$"),
        (_zip({"a.txt": b"x" * 1000})[:-30], "damaged zip archive"),
    ],
)
def test_not_a_sound_zip(data: bytes, expected: str) -> None:
    with pytest.raises(UndecodableError, match=expected):
        SafeZip(data, "EPUB")


def test_encrypted_and_unsupported_members_are_named() -> None:
    plain = zips.deflated("a.xhtml", b"<p/>")
    locked = zips.deflated("b.xhtml", b"<p/>")
    locked.flags = 0x1
    odd = zips.deflated("c.xhtml", b"<p/>")
    odd.method = zips.DEFLATE64
    archive = SafeZip(zips.build([plain, locked, odd]), "EPUB")
    assert archive.read("a.xhtml") == b"<p/>"
    with pytest.raises(UndecodableError, match=r"zip member b.xhtml is encrypted"):
        archive.read("b.xhtml")
    with pytest.raises(
        UndecodableError, match=r"zip member c.xhtml uses an unsupported compression method \(9\)"
    ):
        archive.read("c.xhtml")


@pytest.mark.parametrize(
    ("members", "kind"),
    [
        ({"mimetype": b"application/epub+zip", "META-INF/container.xml": b""}, "EPUB"),
        ({"META-INF/container.xml": b""}, "EPUB"),
        ({"[Content_Types].xml": b"", "word/document.xml": b""}, "DOCX"),
        ({"[Content_Types].xml": b"", "xl/workbook.xml": b""}, "XLSX"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}, "ODT"),
        ({"readme.txt": b""}, ""),
    ],
)
def test_kind(members: dict[str, bytes], kind: str) -> None:
    assert SafeZip(_zip(members), "EPUB").kind() == kind
