"""`archive-viewer --self-test`: prove an installed (frozen) app works end to end, offscreen, offline.

It runs the real code paths on the bundled archive in a throwaway data dir: ingest, the prebuilt
search index, search in both scripts, every conversion variant, an excerpt exported to every format,
and one file of each format the readers take (resources/selftest/, made by
packaging/make_selftest_samples.py: web pages in GBK and Big5, a PDF, a DOCX, an EPUB) read through
ingest and compared with what their makers put in, so a library or data file PyInstaller left out
(pdfium, trafilatura's settings, jusText's stoplists) fails here, not in a user's archive.
One line on stdout; exit 0 on success, 1 with the failing check and its reason otherwise.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer import __version__
from viewer.paths import HOME_ENV, DataPaths, bundled_archive, bundled_root, resources_dir

# The seeds are fixed: the traditional-script notice and the simplified yearbook.
NOTICE_SOURCE = "001_8bc3bdda47a0d5aa.txt"
YEARBOOK_SOURCE = "000_7afbcf673c75e218.txt"
SEARCHES = (("区域合作", NOTICE_SOURCE, "區域合作"), ("協同發展", YEARBOOK_SOURCE, "协同发展"))
# One input and the output only that variant gives, so a variant silently mapped to another fails.
CONVERSIONS = {
    "t2s": ("區域合作", "区域合作"),
    "s2t": ("赤峰里面", "赤峯裏面"),
    "s2tw": ("赤峰里面", "赤峰裡面"),
    "s2hk": ("温为", "温為"),
    "s2twp": ("项目", "專案"),
}
QT_LANGUAGES = ("zh_CN", "zh_TW", "en")
SAMPLES = "selftest"  # resources/selftest: one file of each format and expected.json


class CheckFailed(Exception):
    """A self-test check found something wrong; the message says what."""


@dataclass
class _State:
    """What the checks hand on to each other."""

    paths: DataPaths
    work: Path
    archive: Any = None
    index: Any = None
    excerpt: Any = None
    prebuilt_copied: bool = False
    app: Any = None  # the QApplication, kept alive for the PDF export
    notes: list[str] = field(default_factory=list)


def _require(condition: object, reason: str) -> None:
    if not condition:
        raise CheckFailed(reason)


def _check_qt(state: _State) -> None:
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        state.app = QApplication([sys.argv[0] if sys.argv else "archive-viewer"])
    platform = QGuiApplication.platformName()
    _require(platform == "offscreen", f"Qt platform is {platform!r}, not offscreen")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for language in QT_LANGUAGES:
        translator = QTranslator()
        _require(
            translator.load(f"qtbase_{language}", folder),
            f"Qt translation qtbase_{language}.qm not found in {folder}",
        )
    state.notes.append(f"Qt {QLibraryInfo.version().toString()}")


def _check_archive(state: _State) -> None:
    from viewer.core.archive_update import open_archive
    from viewer.core.sync import sync_catalogue
    from viewer.prebuilt import install_prebuilt_index

    root = bundled_archive()
    index_dir = state.paths.index_dir(root)
    state.prebuilt_copied = install_prebuilt_index(index_dir, root)
    archive = open_archive(root, index_dir)
    sync = sync_catalogue(root, archive.catalogue)
    if state.prebuilt_copied:
        _require(
            not sync.changed,
            f"the prebuilt catalogue was not reused: {sync.added} added, {sync.updated} changed",
        )
    _require(
        len(archive.documents) >= 5,
        f"bundled archive has {len(archive.documents)} documents, expected 5 in {bundled_archive()}",
    )
    _require(not archive.problems, f"ingest problems: {'; '.join(map(str, archive.problems))}")
    for source in (NOTICE_SOURCE, YEARBOOK_SOURCE):
        _require(archive.find(source) is not None, f"{source} missing from the bundled archive")
    state.archive = archive
    state.notes.append(f"{len(archive.documents)} documents")


def _check_index(state: _State) -> None:
    from viewer.core.search import SearchIndex
    from viewer.prebuilt import prebuilt_index_dir

    index_dir = state.paths.index_dir(state.archive.root)
    shipped = prebuilt_index_dir().is_dir()
    _require(
        shipped or not getattr(sys, "frozen", False),
        f"the installed app ships no prebuilt index ({prebuilt_index_dir()})",
    )
    copied = state.prebuilt_copied
    _require(copied or not shipped, "a prebuilt index is shipped but was not copied to the data dir")
    index = SearchIndex.open(index_dir, state.archive.catalogue)
    stats = index.update()
    if copied:
        reindexed = stats.added + stats.updated + stats.removed
        _require(
            not stats.rebuilt and reindexed == 0,
            f"the prebuilt index was not reused: rebuilt={stats.rebuilt}, added={stats.added}, "
            f"updated={stats.updated}, removed={stats.removed} (state was {index.state!r})",
        )
        state.notes.append("prebuilt index reused")
    else:
        state.notes.append(f"indexed in {stats.seconds:.2f} s")
    state.index = index


def _check_search(state: _State) -> None:
    from viewer.core.search import fold

    by_id = state.archive.by_id()
    for query, expected_source, expected_text in SEARCHES:
        results = state.index.search(query)
        sources = [h.source for h in results.hits]
        _require(
            expected_source in sources,
            f"search {query!r} did not find {expected_source} (hits in: {sorted(set(sources))})",
        )
        hit = next(h for h in results.hits if h.source == expected_source)
        paragraph = next((p for p in by_id[hit.doc_id].paragraphs if p.id == hit.paragraph_id), None)
        if paragraph is None:
            raise CheckFailed(f"hit paragraph {hit.paragraph_id} not in document {hit.doc_id}")
        found = [paragraph.text[a:b] for a, b in hit.matches]
        _require(expected_text in found, f"search {query!r}: matches {found}, expected {expected_text!r}")
        _require(
            all(fold(t) == fold(query) for t in found),
            f"search {query!r}: a match does not fold to the query: {found}",
        )
    state.notes.append("search both scripts")


def _check_convert(state: _State) -> None:
    from viewer.core import convert

    _require(convert.OFFICIAL_BINDING, "the official OpenCC binding is not in use (fallback loaded)")
    for config, (text, expected) in CONVERSIONS.items():
        _require(config in convert.VARIANTS, f"variant {config} is not offered")
        got = convert.convert(text, config)
        _require(got == expected, f"{config}: {text} -> {got}, expected {expected}")
    state.notes.append(f"{len(CONVERSIONS)} variants")


def _check_excerpt(state: _State) -> None:
    from viewer.core.excerpts import ExcerptStore, make_excerpt

    doc = state.archive.document(state.archive.find(NOTICE_SOURCE).id)
    paragraph = next((p for p in doc.paragraphs if "區域合作" in p.text), None)
    if paragraph is None:
        raise CheckFailed(f"no paragraph of {NOTICE_SOURCE} holds 區域合作")
    start = paragraph.text.index("區域合作")
    end = min(len(paragraph.text), start + 8)
    excerpt = make_excerpt(doc, paragraph.id, start, paragraph.id, end, note="self-test", tags=["self-test"])
    with ExcerptStore(state.paths.excerpts_db) as store:
        saved = store.add(excerpt)
        listed = store.list(all_collections=True)
    _require([e.id for e in listed] == [saved.id], f"excerpt store lists {len(listed)} excerpts, expected 1")
    _require(saved.text.startswith("區域合作"), f"excerpt text is {saved.text!r}")
    _require(saved.text_simplified.startswith("区域合作"), f"simplified text is {saved.text_simplified!r}")
    state.excerpt = saved


def _check_export(state: _State) -> None:
    from viewer.core.export import FORMATS, ExportOptions
    from viewer.render.pdf import export

    options = ExportOptions(script="both")
    for fmt, (suffix, _label) in FORMATS.items():
        target = state.work / f"export{suffix}"
        size = export(target, fmt, [state.excerpt], options)
        _require(
            target.is_file() and size > 0 and target.stat().st_size == size,
            f"{fmt} export wrote {size} bytes to {target}",
        )
        data = target.read_bytes()
        if fmt == "pdf":
            _require(data.startswith(b"%PDF"), "the PDF export is not a PDF")
        elif fmt == "docx":
            with zipfile.ZipFile(target) as docx:
                body = docx.read("word/document.xml").decode("utf-8")
            _require("區域合作" in body, "the DOCX export lacks the excerpt text")
        else:
            _require(
                "區域合作".encode() in data and "区域合作".encode() in data,
                f"the {fmt} export lacks the excerpt text in both scripts",
            )
    state.notes.append(f"{len(FORMATS)} export formats")


def _check_formats(state: _State) -> None:
    from viewer.core.ingest import ingest_archive

    samples = resources_dir() / SAMPLES
    expected = json.loads((samples / "expected.json").read_text(encoding="utf-8"))
    with _warnings_logged() as warnings:  # e.g. a reader that fell back for want of its data
        archive = ingest_archive(samples)
    _require(not archive.problems, f"sample files not read: {'; '.join(map(str, archive.problems))}")
    _require(not warnings, f"reading the sample files logged: {'; '.join(warnings)}")
    read = {Path(d.source).name: d for d in archive.documents}
    _require(set(read) == set(expected), f"read {sorted(read)}, expected {sorted(expected)}")
    for name, want in expected.items():
        doc = read[name]
        for what, value in (("encoding", doc.encoding), ("title", doc.title), ("authors", doc.authors)):
            _require(value == want[what], f"{name}: {what} {value!r}, expected {want[what]!r}")
        paragraphs = [[p.text, p.page] for p in doc.paragraphs]  # the page: a PDF's, None otherwise
        if paragraphs != want["paragraphs"]:
            pairs = itertools.zip_longest(paragraphs, want["paragraphs"])
            i, (got, wanted) = next((i, pair) for i, pair in enumerate(pairs) if pair[0] != pair[1])
            raise CheckFailed(f"{name}: paragraph {i} is {got}, expected {wanted}")
    kinds = sorted({d.encoding.partition(":")[0] for d in archive.documents})
    state.notes.append(f"{len(expected)} sample files read ({', '.join(kinds)})")


@contextmanager
def _warnings_logged() -> Iterator[list[str]]:
    """The messages of WARNING and worse records logged meanwhile (by us or a library)."""
    messages: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(f"{record.name}: {record.getMessage()}")

    handler = _Collect(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield messages
    finally:
        root.removeHandler(handler)


CHECKS: list[tuple[str, Callable[[_State], None]]] = [
    ("qt", _check_qt),
    ("archive", _check_archive),
    ("index", _check_index),
    ("search", _check_search),
    ("convert", _check_convert),
    ("excerpt", _check_excerpt),
    ("export", _check_export),
    ("formats", _check_formats),
]


def run_self_test(*, verbose: bool = False) -> int:
    """Run every check in a temporary data dir; print one line; 0 if all passed, 1 otherwise."""
    started = time.perf_counter()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import: no display needed
    work = Path(tempfile.mkdtemp(prefix="archive-viewer-selftest-"))
    previous_home = os.environ.get(HOME_ENV)
    os.environ[HOME_ENV] = str(work / "data")  # anything resolving paths on its own lands here too
    state = _State(DataPaths.resolve(work / "data").ensure(), work)
    current = "setup"
    try:
        for current, check in CHECKS:
            t0 = time.perf_counter()
            check(state)
            if verbose:
                sys.stderr.write(f"self-test: {current} ok ({time.perf_counter() - t0:.2f} s)\n")
    except Exception as exc:
        reason = str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"
        if verbose and not isinstance(exc, CheckFailed):
            traceback.print_exc()
        _print(f"self-test FAILED at {current}: {reason}")
        return 1
    finally:
        if state.index is not None:
            state.index.close()
        if previous_home is None:
            os.environ.pop(HOME_ENV, None)
        else:
            os.environ[HOME_ENV] = previous_home
        shutil.rmtree(work, ignore_errors=True)
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    _print(
        f"self-test passed: archive-viewer {__version__} ({frozen}, {bundled_root()}): "
        f"{', '.join(state.notes)}; {time.perf_counter() - started:.2f} s"
    )
    return 0


def _print(line: str) -> None:
    sys.stdout.buffer.write(line.encode("utf-8", "replace") + b"\n")
    sys.stdout.flush()
