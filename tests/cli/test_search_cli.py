"""`archive-viewer index` and `archive-viewer search` on the seeds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from viewer.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_then_update(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = _run(capsys, "index")
    assert code == 0 and "Archive read: 5 added" in out and "rebuilt: 5 added" in out
    assert any((data_dir / "indexes").iterdir())  # in the user data dir, not next to the program
    code, out, _ = _run(capsys, "index", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["catalogue"]["unchanged"] == 5 and stats["catalogue"]["added"] == 0
    assert stats["index"]["unchanged"] == 5 and not stats["index"]["rebuilt"]
    code, out, _ = _run(capsys, "index", "--rebuild")
    assert code == 0 and "rebuilt" in out


def test_search_json_indexes_first(capsys: pytest.CaptureFixture[str], seeds_archive) -> None:
    code, out, _ = _run(capsys, "search", "区域合作", "--json", "--limit", "50")
    assert code == 0
    data = json.loads(out)
    assert {"query", "total_hits", "total_documents", "facets", "hits"} <= data.keys()
    assert data["total_hits"] == len(data["hits"]) > 0
    hit = next(h for h in data["hits"] if h["source"] == "001_8bc3bdda47a0d5aa.txt")
    doc = seeds_archive.find(hit["source"])
    text = doc.paragraph(hit["paragraph"]).text
    assert next(text[s:e] for s, e in hit["matches"]) == "區域合作"
    assert {"doc", "source", "title", "paragraph", "snippet", "matches"} <= hit.keys()
    assert set(data["facets"]) == {"kind", "year", "folder"}


def test_search_text_output_and_sort(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", "協同發展", "--sort", "year", "--limit", "2")
    assert code == 0
    assert "000_7afbcf673c75e218.txt" in out.splitlines()[0]  # 2023, the newest
    assert "hits in" in out


def test_search_sees_archive_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_dir: Path
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive)
    code, out, _ = _run(capsys, "search", "量子纠缠", "--archive", str(archive))
    assert code == 0 and "0 hits" in out
    (archive / "new.txt").write_text("新文件\n\n量子糾纏\n", encoding="utf-8")
    code, out, _ = _run(capsys, "search", "量子纠缠", "--archive", str(archive), "--json")
    assert json.loads(out)["total_hits"] == 1


@pytest.mark.parametrize("query", ["(赤峰", '"abc', "foo:bar", "year:20x", "NOT 赤峰"])
def test_bad_query_is_a_one_line_usage_error(capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, _out, err = _run(capsys, "search", query)
    assert code == 2
    assert err.startswith("archive-viewer: ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "search", "赤峰", "--limit", "-1")
    assert code == 2 and "--limit" in err


def test_offset_pages_through_every_hit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", "合作", "--json", "--limit", "1000")
    everything = json.loads(out)
    paged = []
    for offset in range(0, everything["total_hits"] + 5, 5):
        code, out, _ = _run(capsys, "search", "合作", "--json", "--limit", "5", "--offset", str(offset))
        page = json.loads(out)
        assert code == 0 and page["total_hits"] == everything["total_hits"] and page["offset"] == offset
        paged += [(h["doc"], h["paragraph"]) for h in page["hits"]]
    assert paged == [(h["doc"], h["paragraph"]) for h in everything["hits"]]
    code, _, err = _run(capsys, "search", "合作", "--offset", "-1")
    assert code == 2 and "--offset" in err


def test_stdin_batch_answers_each_line_as_one_json_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    lines = "区域合作\n\n(赤峰\n協同發展 -北京\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines), encoding="utf-8"))
    code, out, _ = _run(capsys, "search", "--stdin", "--json", "--limit", "3")
    assert code == 0
    answers = [json.loads(line) for line in out.splitlines()]
    assert [a["query"] for a in answers] == ["区域合作", "(赤峰", "協同發展 -北京"]
    assert answers[0]["total_hits"] > 0 and len(answers[0]["hits"]) <= 3
    assert "error" in answers[1] and "Missing" in answers[1]["error"]
    code, _, err = _run(capsys, "search", "区域合作", "--stdin")
    assert code == 2 and "not both" in err


def test_search_text_numbers_paragraphs_as_citations_do(capsys: pytest.CaptureFixture[str]) -> None:
    """¶N in the CLI's text output is the paragraph the citation calls 第N段 (it printed N-1)."""
    from viewer.core.citation import paragraph_label

    _code, out, _ = _run(capsys, "search", "区域合作", "--json", "--limit", "1")
    hit = json.loads(out)["hits"][0]
    _code, out, _ = _run(capsys, "search", "区域合作", "--limit", "1")
    assert f"¶{hit['ordinal'] + 1}  " in out
    assert paragraph_label([hit["paragraph"]]) == f"第{hit['ordinal'] + 1}段"
