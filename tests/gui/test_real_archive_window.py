"""The real window on a real archive (../shared/corpus/poetry, 10 MB, 870 files), on a real thread
pool: 20 searches by Enter, the first ones while the index is being built; no search may be taken
for damage or start a rebuild, and every result must equal what the CLI answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import Qt, QThreadPool

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

POETRY = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "poetry"
QUERIES = [
    "山",
    "明月",
    "春风",
    "故人",
    '"白日依山尽"',
    "长安 OR 洛阳",
    "江南 -春",
    "愁",
    "落花",
    "杨柳",
    "秋 雨",
    "天涯",
    "黄河",
    "相思",
    "酒",
    "孤舟",
    "烟",
    "關山",
    "西風",
    "人生",
]


@pytest.mark.skipif(not POETRY.is_dir(), reason="the shared poetry corpus is not beside the repo")
def test_twenty_searches_by_enter_on_the_poetry_corpus_match_the_cli(
    make_window, qtbot, data_dir: Path, monkeypatch
) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(4)
    window = make_window(pool=pool, archive=POETRY)
    rebuilds: list[str] = []
    real_damaged = window.archive_jobs.index_damaged
    monkeypatch.setattr(
        window.archive_jobs,
        "index_damaged",
        lambda message: (rebuilds.append(message), real_damaged(message)),
    )
    messages: list[str] = []
    window.results.message.setObjectName("results-message")
    shown: dict[str, tuple[int, int, list[tuple[str, str]]]] = {}
    edit = window.search_bar.query_box.lineEdit()
    while_indexing = 0
    for number, query in enumerate(QUERIES):
        if number == 5:
            qtbot.waitUntil(lambda: not window.archive_jobs.is_working(), timeout=300_000)
        if number >= 5 and not window.archive_jobs.is_working():
            # The rest while the index is rebuilt (again when one rebuild ends): they run on the index in place.
            window.archive_jobs.rebuild_index()
        if window.archive_jobs.is_working():
            while_indexing += 1
        edit.setFocus()
        edit.selectAll()
        edit.insert(query)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

        def answered(query: str = query) -> bool:
            messages.append(window.results.message.text())
            results = window.results.results()
            return results is not None and results.query == query and not window.search._slot.busy()

        qtbot.waitUntil(answered, timeout=300_000)
        results = window.results.results()
        shown[query] = (
            results.total_hits,
            results.total_documents,
            [(h.doc_id, h.paragraph_id) for h in results.hits],
        )
    qtbot.waitUntil(lambda: not window.archive_jobs.is_working(), timeout=300_000)
    window.close()
    pool.waitForDone(60_000)
    assert while_indexing >= 15, "too few searches ran while the index was being built"
    assert rebuilds == []
    assert not [m for m in messages if "damaged" in m]

    # The same questions to the CLI, on the same data directory.
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "viewer",
            "--archive",
            str(POETRY),
            "--data-dir",
            str(data_dir),
            "search",
            "--stdin",
            "--json",
            "--limit",
            "200",
        ],
        input="\n".join(QUERIES).encode("utf-8"),
        capture_output=True,
        timeout=600,
    )
    assert cli.returncode == 0, cli.stderr.decode("utf-8", "replace")
    answers = [json.loads(line) for line in cli.stdout.decode("utf-8").splitlines() if line.strip()]
    assert [a["query"] for a in answers] == QUERIES
    for answer in answers:
        total_hits, total_documents, hits = shown[answer["query"]]
        assert (total_hits, total_documents) == (answer["total_hits"], answer["total_documents"]), answer[
            "query"
        ]
        assert hits == [(h["doc"], h["paragraph"]) for h in answer["hits"]][: len(hits)], answer["query"]
    print(f"{len(QUERIES)} searches, {while_indexing} while indexing, 0 damaged, 0 rebuilds")
