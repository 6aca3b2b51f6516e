"""The catalogue: read once, then only what changed; equal to reading everything; kills and damage lose nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from viewer.core.catalogue import Catalogue, CatalogueArchive, CatalogueCorrupt, read_raw_text
from viewer.core.documents import Document
from viewer.core.ingest import ingest_archive
from viewer.core.sync import sync_catalogue
from viewer.errors import Cancelled, ViewerError

REPO = Path(__file__).resolve().parents[2]


def _essence(doc: Document) -> tuple:
    """Everything the catalogue must give back as ingest made it (raw text is read from the file)."""
    return (
        doc.id,
        doc.source,
        doc.encoding,
        doc.size,
        doc.sha256,
        doc.title,
        doc.subtitle,
        doc.kind,
        doc.volume,
        doc.year,
        doc.script,
        list(doc.authors),
        [(p.id, p.ordinal, p.text, p.role, p.section) for p in doc.paragraphs],
        [s.to_json() for s in doc.sections],
        [r.to_json() for r in doc.repairs],
        doc.metadata,
        list(doc.warnings),
    )


def _assert_same_as_ingest(root: Path, catalogue: Catalogue) -> None:
    expected = ingest_archive(root)
    summaries = catalogue.summaries()
    assert [s.source for s in summaries] == [d.source for d in expected.documents]
    for doc in expected.documents:
        stored = catalogue.document(doc.id)
        assert stored is not None, doc.source
        assert _essence(stored) == _essence(doc), doc.source
    assert [(p.source, p.reason) for p in catalogue.problems()] == [
        (p.source, p.reason) for p in expected.problems
    ]


@pytest.fixture
def archive_copy(tmp_path: Path, seeds_dir: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(seeds_dir, root)
    return root


def test_first_read_equals_ingest_and_second_reads_nothing(archive_copy: Path, tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "ix", archive_copy) as catalogue:
        first = sync_catalogue(archive_copy, catalogue)
        assert first.added == 5 and not first.updated and not first.removed
        _assert_same_as_ingest(archive_copy, catalogue)
        second = sync_catalogue(archive_copy, catalogue)
        assert second.to_json() | {"seconds": 0} == {
            "added": 0, "updated": 0, "removed": 0, "unchanged": 5, "reprocessed": 0, "problems": 0, "seconds": 0,
        }  # fmt: skip


def test_only_changes_are_processed(archive_copy: Path, tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "ix", archive_copy) as catalogue:
        sync_catalogue(archive_copy, catalogue)
        files = sorted(archive_copy.glob("*.txt"))
        files[0].write_text(files[0].read_text(encoding="utf-8") + "\n新增的一段文字。\n", encoding="utf-8")
        files[1].unlink()
        (archive_copy / "sub").mkdir()
        (archive_copy / "sub" / "新文件.txt").write_text("标题\n\n一段正文，内容在此。\n", encoding="utf-8")
        touched = files[2]
        os.utime(touched, (time.time() + 10, time.time() + 10))  # a new date, the same bytes
        stats = sync_catalogue(archive_copy, catalogue)
        assert (stats.added, stats.updated, stats.removed) == (1, 1, 1)
        assert stats.unchanged == 3  # the touched file was hashed, found the same, not processed
        _assert_same_as_ingest(archive_copy, catalogue)
        assert catalogue.find("sub/新文件.txt") is not None
        assert catalogue.summary(catalogue.find("sub/新文件.txt").id).folder == "sub"


def test_shared_chrome_lines_follow_the_archive(tmp_path: Path) -> None:
    """A line becomes chrome only when enough documents share it; adding or removing pages changes
    what was already stored, and the result always equals reading the whole folder."""
    root = tmp_path / "pages"
    root.mkdir()
    footer = "本站导航页面"

    def page(n: int) -> str:
        return f"第{n}篇报道\n\n这是第{n}篇报道的正文，讲述了一些事情。\n{footer}\n"

    for n in range(2):
        (root / f"p{n}.txt").write_text(page(n), encoding="utf-8")
    with Catalogue.open(tmp_path / "ix", root) as catalogue:
        sync_catalogue(root, catalogue)
        _assert_same_as_ingest(root, catalogue)
        assert footer not in catalogue.common_lines()
        (root / "p2.txt").write_text(page(2), encoding="utf-8")  # three pages share it now
        stats = sync_catalogue(root, catalogue)
        assert footer in catalogue.common_lines()
        assert stats.reprocessed == 3  # the stored pages lose their footer too (and the new one)
        _assert_same_as_ingest(root, catalogue)
        (root / "p2.txt").unlink()
        stats = sync_catalogue(root, catalogue)
        assert footer not in catalogue.common_lines() and stats.reprocessed == 2
        _assert_same_as_ingest(root, catalogue)


def test_cancel_keeps_what_was_committed(archive_copy: Path, tmp_path: Path) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with Catalogue.open(tmp_path / "ix", archive_copy) as catalogue:
        with pytest.raises(Cancelled):
            sync_catalogue(archive_copy, catalogue, cancelled=cancelled)
        assert catalogue.document_count_rows() == 2
        sync_catalogue(archive_copy, catalogue)
        _assert_same_as_ingest(archive_copy, catalogue)


def test_raw_text_is_read_from_the_file_and_changes_are_said(archive_copy: Path, tmp_path: Path) -> None:
    with Catalogue.open(tmp_path / "ix", archive_copy) as catalogue:
        sync_catalogue(archive_copy, catalogue)
        archive = CatalogueArchive(archive_copy, catalogue)
        summary = archive.documents[0]
        doc = archive.document(summary.id)
        assert archive.raw_text(doc) == ingest_archive(archive_copy).find(summary.id).raw_text
        path = archive_copy / doc.source
        path.write_text("changed", encoding="utf-8")
        with pytest.raises(ViewerError, match="changed since"):
            read_raw_text(archive_copy, doc)
        path.unlink()
        with pytest.raises(ViewerError, match="no longer"):
            read_raw_text(archive_copy, doc)


def test_damaged_bytes_are_never_served(archive_copy: Path, tmp_path: Path) -> None:
    """Flip bytes anywhere in the database: reading gives the same documents, or says it is damaged
    (and the next open starts anew and reads the folder again)."""
    index_dir = tmp_path / "ix"
    with Catalogue.open(index_dir, archive_copy) as catalogue:
        sync_catalogue(archive_copy, catalogue)
    pristine = (index_dir / "catalogue.sqlite3").read_bytes()
    expected = {d.id: _essence(d) for d in ingest_archive(archive_copy).documents}
    rng = random.Random(7)
    outcomes = {"same": 0, "detected": 0}
    for _ in range(60):
        shutil.rmtree(index_dir)
        index_dir.mkdir()
        damaged = bytearray(pristine)
        for _ in range(rng.randint(1, 3)):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        (index_dir / "catalogue.sqlite3").write_bytes(bytes(damaged))
        catalogue = Catalogue.open(index_dir, archive_copy)
        try:
            if catalogue.reset_reason or catalogue.check():
                raise CatalogueCorrupt(catalogue.reset_reason or "check")
            got = {s.id: _essence(catalogue.document(s.id)) for s in catalogue.summaries()}
            catalogue.close()
        except (CatalogueCorrupt, Exception) as exc:
            catalogue.close()
            outcomes["detected"] += 1
            assert isinstance(exc, CatalogueCorrupt | ViewerError) or "database" in str(exc).lower(), exc
            # the next open starts anew and reads the folder again
            with Catalogue.open(index_dir, archive_copy) as fresh:
                sync_catalogue(archive_copy, fresh)
                _assert_same_as_ingest(archive_copy, fresh)
            continue
        outcomes["same"] += 1
        assert got == expected
    assert outcomes["detected"] > 0 and outcomes["same"] > 0, outcomes


WORKER = """
import sys
from pathlib import Path
from viewer.core import sync
from viewer.core.catalogue import Catalogue
sync.BATCH_DOCUMENTS = 1
root, index_dir = Path(sys.argv[1]), Path(sys.argv[2])
with Catalogue.open(index_dir, root) as catalogue:
    print("started", flush=True)
    sync.sync_catalogue(root, catalogue)
print("done", flush=True)
"""


@pytest.mark.slow
def test_kills_lose_at_most_a_batch(tmp_path: Path, corpus_dir: Path) -> None:
    root = tmp_path / "archive"
    root.mkdir()
    for path in sorted((corpus_dir / "poetry").rglob("*.txt"))[:60]:
        shutil.copy(path, root / path.name)
    index_dir = tmp_path / "ix"
    rng = random.Random(3)
    for _ in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(root), str(index_dir)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Catalogue.open(index_dir, root) as catalogue:
            assert catalogue.check() == ""
            for summary in catalogue.summaries():  # every stored document reads back whole
                assert catalogue.document(summary.id) is not None
    with Catalogue.open(index_dir, root) as catalogue:
        sync_catalogue(root, catalogue)
        _assert_same_as_ingest(root, catalogue)


def test_sqlite_errors_on_read_are_damage_said_in_words(archive_copy: Path, tmp_path: Path, capsys) -> None:
    """A text column that no longer decodes (what a flipped byte did): CatalogueCorrupt and the mark,
    never sqlite3's own error; the command line says it in one line and reads the archive again."""
    import sqlite3

    from viewer.cli import main
    from viewer.core.catalogue import DAMAGED_MARK
    from viewer.paths import DataPaths

    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "--archive", str(archive_copy), "index"]) == 0
    index_dir = DataPaths(data).index_dir(archive_copy)
    with sqlite3.connect(index_dir / "catalogue.sqlite3") as conn:
        conn.execute(
            "UPDATE documents SET sha256 = CAST(X'ff61' AS TEXT) WHERE rowid = (SELECT MIN(rowid) FROM documents)"
        )
    catalogue = Catalogue.open(index_dir, archive_copy)
    with pytest.raises(CatalogueCorrupt):
        catalogue.file_states()
    catalogue.close()
    assert (index_dir / DAMAGED_MARK).exists()
    capsys.readouterr()
    assert (
        main(["--data-dir", str(data), "--archive", str(archive_copy), "search", "区域合作", "--json"]) == 0
    )
    out, err = capsys.readouterr()
    assert "Traceback" not in err and '"total_hits": 6' in out  # as before the damage
