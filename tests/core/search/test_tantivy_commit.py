"""An update killed after tantivy's commit but before its files were recorded is not damage."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.core.progress import never, no_progress
from viewer.core.search import tantivy_backend
from viewer.core.search.query import parse_query
from viewer.core.search.tantivy_backend import COMMITTING_FILE, DAMAGED_FILE, TantivyBackend


def _hits(backend: TantivyBackend, query: str) -> set[tuple[str, int]]:
    page = backend.search(parse_query(query), limit=None)
    return {(h.doc_id, h.paragraph) for h in page.hits}


def test_a_commit_whose_record_was_not_written_is_recorded_not_rebuilt(
    tmp_path: Path, seeds_archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = seeds_archive.documents
    backend = TantivyBackend.open(tmp_path / "tantivy")
    backend.update(docs, [], reset=True, progress=no_progress, cancelled=never)
    identity = backend.identity
    changed = replace(docs[0], paragraphs=[replace(docs[0].paragraphs[0], text="量子纠缠的新段落")])

    def killed(gen: Path) -> None:
        raise KeyboardInterrupt  # the process dies here: after the commit, before the record

    monkeypatch.setattr(tantivy_backend, "_record_files", killed)
    with pytest.raises(KeyboardInterrupt):
        backend.update([changed], [], progress=no_progress, cancelled=never)
    backend.close()
    monkeypatch.undo()
    gen = tantivy_backend.current_generation(tmp_path / "tantivy")
    assert gen is not None and (gen / COMMITTING_FILE).exists()

    reopened = TantivyBackend.open(tmp_path / "tantivy")
    assert reopened.health.ready, reopened.health.problem
    assert reopened.identity == identity  # the same index, not a rebuild
    assert not (tmp_path / "tantivy" / DAMAGED_FILE).exists()
    assert not (gen / COMMITTING_FILE).exists()
    assert _hits(reopened, "量子纠缠") == {(docs[0].id, 0)}  # the committed update is there
    assert reopened.check().ready
    reopened.close()


def test_an_update_records_only_what_it_wrote(
    tmp_path: Path, seeds_archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = seeds_archive.documents
    backend = TantivyBackend.open(tmp_path / "tantivy")
    backend.update(docs, [], reset=True, progress=no_progress, cancelled=never)
    read: list[Path] = []
    real_crc = tantivy_backend.file_crc
    monkeypatch.setattr(tantivy_backend, "file_crc", lambda path: read.append(path) or real_crc(path))
    backend.update([docs[1]], [], progress=no_progress, cancelled=never)
    gen = tantivy_backend.current_generation(tmp_path / "tantivy")
    assert gen is not None
    recorded = json.loads((gen / tantivy_backend.FILES_FILE).read_text(encoding="utf-8"))["files"]
    unchanged = [name for name in recorded if (gen / name) not in read]
    assert read and unchanged  # new files and the JSON ones are read; old segment files are not
    backend.close()
