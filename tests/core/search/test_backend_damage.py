"""Damaged index files: a backend either reports the damage or still answers exactly, never wrongly."""

from __future__ import annotations

import contextlib
import random
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from viewer.core.documents import Document
from viewer.core.ingest import Archive, ingest_archive
from viewer.core.progress import never, no_progress
from viewer.core.search import tantivy_backend, whoosh_backend
from viewer.core.search.backend import STATE_CORRUPT, SearchBackend
from viewer.core.search.engines import available_engines, open_backend
from viewer.core.search.query import parse_query
from viewer.errors import ViewerError

QUERIES = [
    "赤峰",
    "合作 -赤峰",
    "(赤峰 OR 北京) 合作",
    "区域 OR -合作",
    "kind:newspaper",
    "title:通知 -赤峰",
    "改过",
]
# Files that only point at or describe the index: damage to them may also read as "no index yet",
# or be harmless (tantivy rewrites its list of files for garbage collection, .managed.json).
DESCRIPTIVE = {"CURRENT", "manifest.json", "files.json", ".managed.json"}


@pytest.fixture(scope="module", params=available_engines())
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _answers(backend: SearchBackend) -> list[Any]:
    answers = []
    for query in QUERIES:
        page = backend.search(parse_query(query), limit=None)
        answers.append(([(h.doc_id, h.paragraph) for h in page.hits], page.total_hits, page.facets))
    return answers


@pytest.fixture(scope="module")
def poetry(corpus_dir: Path) -> list[Document]:
    # Enough text that the large index files are only checksummed by check(), not on open.
    return ingest_archive(corpus_dir / "poetry").documents[::8]


@pytest.fixture(scope="module")
def pristine(
    tmp_path_factory: pytest.TempPathFactory, engine: str, seeds_archive: Archive, poetry: list[Document]
) -> tuple[Path, list[Any], str]:
    """An index of two commits (so deletions are on disk too), its answers and its identity."""
    directory = tmp_path_factory.mktemp("pristine") / engine
    backend = open_backend(engine, directory)
    docs: list[Document] = list(seeds_archive.documents)
    backend.update(docs + poetry, [], reset=True, progress=no_progress, cancelled=never)
    edited = replace(docs[1], paragraphs=[replace(p, text=p.text + "改过") for p in docs[1].paragraphs])
    backend.update([edited], [docs[2].id], progress=no_progress, cancelled=never)
    answers, identity = _answers(backend), backend.identity
    backend.close()
    return directory, answers, identity


@pytest.fixture
def copy(tmp_path: Path, pristine: tuple[Path, list[Any], str]) -> Iterator[Path]:
    directory = tmp_path / "ix"
    shutil.copytree(pristine[0], directory)
    yield directory


def _files(directory: Path) -> list[Path]:
    """Every file of the index that holds data (lock files hold none)."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and p.name != "lock" and not p.name.endswith("LOCK") and not p.name.endswith(".lock")
    )


def _reported_or_exact(directory: Path, expected: list[Any], label: str) -> str:
    """Open (and if that finds nothing, run the full check): damage reported, or exact answers."""
    backend = open_backend(directory.name, directory)
    if backend.health.ready:
        with contextlib.suppress(ViewerError):  # before the full check, a search may fail or be wrong
            _answers(backend)
        assert backend.health.ready, f"{label}: a failing search changed the health"
        backend.check()
    state = backend.health.state
    if backend.health.ready:
        assert _answers(backend) == expected, f"{label}: different hits from a backend that reports ready"
    backend.close()
    return state


def test_flipped_bytes_are_reported_or_harmless(
    tmp_path: Path, engine: str, pristine: tuple[Path, list[Any], str]
) -> None:
    source, expected, _identity = pristine
    rng = random.Random(1234)
    reported = 0
    files = _files(source)
    assert len(files) >= 6, files
    for original in files:
        for attempt in range(3):
            directory = tmp_path / f"case-{original.name}-{attempt}" / engine
            shutil.copytree(source, directory)
            target = directory / original.relative_to(source)
            data = bytearray(target.read_bytes())
            if not data:
                continue
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] ^= rng.randint(1, 255)
            target.write_bytes(bytes(data))
            label = f"{original.relative_to(source)} #{attempt}"
            state = _reported_or_exact(directory, expected, label)
            # Beyond the contract: every file of the index data is checksummed, so any change is found.
            assert state == STATE_CORRUPT or original.name in DESCRIPTIVE, f"{label}: damage not found"
            if state == STATE_CORRUPT:
                reported += 1
                again = open_backend(engine, directory)  # the verdict is remembered on disk
                assert again.health.state == STATE_CORRUPT, again.health
                again.close()
    assert reported >= len(files), "most damage must be reported"


@pytest.mark.parametrize("how", ["truncated", "missing", "emptied"])
def test_truncated_or_missing_files_are_reported_on_open(
    tmp_path: Path, engine: str, pristine: tuple[Path, list[Any], str], how: str
) -> None:
    source, expected, _identity = pristine
    for original in _files(source):
        directory = tmp_path / f"{how}-{original.name}" / engine
        shutil.copytree(source, directory)
        target = directory / original.relative_to(source)
        size = target.stat().st_size
        if how == "truncated" and size < 2:
            continue
        if how == "missing":
            target.unlink()
        else:
            with open(target, "r+b") as handle:
                handle.truncate(size // 2 if how == "truncated" else 0)
        backend = open_backend(engine, directory)
        label = f"{how} {original.relative_to(source)}"
        if original.name in DESCRIPTIVE:
            assert not backend.health.ready or _answers(backend) == expected, label
        else:
            assert backend.health.state == STATE_CORRUPT, f"{label}: {backend.health}"
        backend.close()


def test_damage_is_remembered_until_a_rebuild(
    copy: Path,
    engine: str,
    pristine: tuple[Path, list[Any], str],
    seeds_archive: Archive,
    poetry: list[Document],
) -> None:
    _source, expected, identity = pristine
    target = max(_files(copy), key=lambda p: p.stat().st_size)  # the largest: postings or texts
    data = target.read_bytes()
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0x55
    target.write_bytes(bytes(damaged))
    backend = open_backend(engine, copy)
    assert backend.check().state == STATE_CORRUPT
    backend.close()
    target.write_bytes(data)  # even with the file repaired, the verdict stands until a rebuild
    for _ in range(2):
        backend = open_backend(engine, copy)
        assert backend.health.state == STATE_CORRUPT, backend.health
        assert backend.check().state == STATE_CORRUPT
        backend.close()
    backend = open_backend(engine, copy)
    docs = list(seeds_archive.documents)
    edited = replace(docs[1], paragraphs=[replace(p, text=p.text + "改过") for p in docs[1].paragraphs])
    with pytest.raises(ViewerError):  # an update cannot build on a damaged index
        backend.update([edited], [], progress=no_progress, cancelled=never)
    backend.update(
        [docs[0], edited, *docs[3:], *poetry], [], reset=True, progress=no_progress, cancelled=never
    )
    assert backend.health.ready and backend.identity not in ("", identity)
    backend.close()
    backend = open_backend(engine, copy)
    assert backend.health.ready and backend.check().ready
    assert _answers(backend) == expected
    backend.close()


def test_a_failing_search_does_not_declare_damage(
    copy: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated failure")

    module = tantivy_backend if engine == "tantivy" else whoosh_backend
    monkeypatch.setattr(module, "_search" if engine == "tantivy" else "_page", fail)
    backend = open_backend(engine, copy)
    assert backend.health.ready
    with pytest.raises(ViewerError, match="The search failed"):
        backend.search(parse_query("赤峰"))
    assert backend.health.ready
    backend.close()
    assert open_backend(engine, copy).health.ready
