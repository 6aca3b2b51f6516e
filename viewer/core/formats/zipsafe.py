"""Zip archives (DOCX, EPUB) read under limits, so a damaged file or a zip bomb costs a message, not memory.

A DOCX or EPUB is a zip archive whose members unpack to many times their packed size: python-docx's
own template packs 42 KB into 1 MB (styles.xml 29:1, a repetitive document.xml 32:1). A zip bomb
packs far more (one deflate stream tops out near 1,032:1; 1 GB of zeros packs into ~1 MB). The limits:

- `MAX_RATIO` (200:1) per member once it passes `RATIO_GRACE_BYTES` (1 MB), and for the archive as a
  whole (200 times the file, at least 1 MB): small members may pack as tightly as they like (they
  cost nothing), big ones may not. Apache POI's 100:1 (ZipSecureFile) is known to stop real
  spreadsheets; 200:1 is six times the tightest member measured above and five times below deflate's
  ceiling, where bombs sit.
- `MAX_UNPACKED_BYTES` (200 MB) in all: the largest text file ingest reads is 64 MB (max_file_mb), and
  200 MB of WordprocessingML or XHTML markup holds more text than that, so no document a user could
  import as text is refused; it also caps what a reader holds in memory (lxml trees are several
  times their XML).
- `MAX_MEMBERS` (10,000): an EPUB with an image per page has a few thousand; each member costs a
  ZipInfo before anything is read.

Each limit is checked twice: on the sizes the central directory declares, before anything is
unpacked (cheap, catches the plain bomb), and while a member is read, counting the bytes that come
out in 64 KB chunks (the declared sizes are the attacker's to write). Every reader of this module
reads from the bytes in memory, so nothing can change between the check and the read.
"""

from __future__ import annotations

import io
import logging
import lzma
import zipfile
import zlib

from viewer.core.decode import UndecodableError
from viewer.errors import message

logger = logging.getLogger(__name__)

MAX_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 200 * 2**20
MAX_RATIO = 200
RATIO_GRACE_BYTES = 2**20
_CHUNK = 64 * 1024

# mimetype member (ODF, EPUB) or a telling member name -> the kind of file a user would call it.
_MIMETYPES = {
    "application/epub+zip": "EPUB",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.oasis.opendocument.presentation": "ODP",
}
_MARKERS = (
    ("word/", "DOCX"),
    ("xl/", "XLSX"),
    ("ppt/", "PPTX"),
    ("META-INF/container.xml", "EPUB"),
)


class SafeZip:
    """A zip archive held in memory whose members are read under the limits above.

    `kind` ("DOCX", "EPUB") names the file in messages about bytes that are not a zip archive at all.
    Raises UndecodableError, with a message a user understands, for anything that is not a sound zip.
    """

    def __init__(self, data: bytes, kind: str) -> None:
        if not data:
            raise UndecodableError(message("file is empty"))
        self.budget = min(MAX_UNPACKED_BYTES, max(MAX_RATIO * len(data), RATIO_GRACE_BYTES))
        self.unpacked = 0  # bytes read so far, counted as they came out
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            if not data.startswith(b"PK"):
                raise UndecodableError(message("not a zip archive, as {kind} files are", kind=kind)) from exc
            raise UndecodableError(message("damaged zip archive ({error})", error=str(exc))) from exc
        if len(infos) > MAX_MEMBERS:
            raise UndecodableError(
                message(
                    "zip archive has too many members ({count}; the limit is {limit})",
                    count=len(infos),
                    limit=MAX_MEMBERS,
                )
            )
        for info in infos:
            if info.file_size > _member_limit(info):
                raise _ratio_bomb(info.filename)
        if sum(info.file_size for info in infos) > self.budget:
            raise _total_bomb(self.budget)
        if _overlap(infos, self._zip.start_dir):
            # Members sharing packed bytes: the overlapping-files bomb (Fifield 2019), or damage.
            raise UndecodableError(message("damaged zip archive ({error})", error="members overlap"))
        self._infos = {info.filename: info for info in infos}

    def names(self) -> list[str]:
        """The members' names, in the central directory's order."""
        return list(self._infos)

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """A member's bytes, counted as they are unpacked; KeyError when there is no such member."""
        info = self._infos[name]
        if info.flag_bits & 0x1:
            raise UndecodableError(
                message("zip member {member} is encrypted (password-protected)", member=name)
            )
        limit = min(_member_limit(info), self.budget - self.unpacked)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise _ratio_bomb(name) if limit == _member_limit(info) else _total_bomb(self.budget)
                    chunks.append(chunk)
        except NotImplementedError as exc:
            raise UndecodableError(
                message(
                    "zip member {member} uses an unsupported compression method ({method})",
                    member=name,
                    method=info.compress_type,
                )
            ) from exc
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, ValueError, EOFError, OSError) as exc:
            raise UndecodableError(message("damaged zip archive ({error})", error=f"{name}: {exc}")) from exc
        finally:
            self.unpacked += size
        if size != info.file_size:  # zipfile stops at the declared size; another reader might not
            raise UndecodableError(
                message(
                    "damaged zip archive ({error})",
                    error=f"{name}: declares {info.file_size} bytes, unpacks to {size}",
                )
            )
        return b"".join(chunks)

    def verify_all(self) -> None:
        """Unpack every member once under the limits (for a library that will read them on its own)."""
        for name in self._infos:
            self.read(name)

    def kind(self) -> str:
        """What the archive is (EPUB, DOCX, XLSX, PPTX, ODT…), from its mimetype or member names; "" if unknown."""
        if "mimetype" in self._infos and self._infos["mimetype"].file_size < 200:
            try:
                mimetype = self.read("mimetype").decode("ascii", "replace").strip()
            except UndecodableError:
                mimetype = ""
            if mimetype in _MIMETYPES:
                return _MIMETYPES[mimetype]
        for prefix, kind in _MARKERS:
            if any(name.startswith(prefix) for name in self._infos):
                return kind
        return ""


def _overlap(infos: list[zipfile.ZipInfo], directory_offset: int) -> bool:
    """Whether members' packed bytes overlap: each must end before the next local header begins."""
    spans = sorted((info.header_offset, info.header_offset + info.compress_size) for info in infos)
    ends = [start for start, _ in spans[1:]] + [directory_offset]
    return any(end > next_start for (_, end), next_start in zip(spans, ends, strict=True))


def _member_limit(info: zipfile.ZipInfo) -> int:
    """The most a member may unpack to: any size up to the grace, then MAX_RATIO times its packed size."""
    return max(MAX_RATIO * info.compress_size, RATIO_GRACE_BYTES)


def _ratio_bomb(name: str) -> UndecodableError:
    return UndecodableError(
        message(
            "zip bomb: {member} unpacks to more than {ratio} times its packed size",
            member=name,
            ratio=MAX_RATIO,
        )
    )


def _total_bomb(budget: int) -> UndecodableError:
    return UndecodableError(
        message("zip bomb: the archive unpacks to more than {limit} MB", limit=f"{budget / 2**20:.0f}")
    )
