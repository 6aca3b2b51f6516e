"""`archive-viewer kwic` on the seeds: every match once (against brute force), sorts, CSV, JSON, errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from viewer import cli
from viewer.cli import main
from viewer.core.folding import fold
from viewer.core.search import kwic as core


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _occurrences(seeds_archive, needle: str) -> set[tuple[str, str, int]]:
    """(document, paragraph, start) of every non-overlapping occurrence, by plain str.find on folded text."""
    found = set()
    for doc in seeds_archive.documents:
        for p in doc.paragraphs:
            folded, at = fold(p.text), 0
            while (at := folded.find(needle, at)) >= 0:
                found.add((doc.id, p.id, at))
                at += len(needle)
    return found


def test_json_lists_every_match_once(capsys: pytest.CaptureFixture[str], seeds_archive) -> None:
    code, out, _ = _run(capsys, "kwic", "区域合作", "--json", "--width", "5")
    assert code == 0
    data = json.loads(out)
    keys = [(x["doc"], x["paragraph"], x["start"]) for x in data["lines"]]
    assert len(keys) == len(set(keys)) and set(keys) == _occurrences(seeds_archive, fold("区域合作"))
    docs = seeds_archive.by_id()
    for line in data["lines"]:
        text = docs[line["doc"]].paragraph(line["paragraph"]).text
        start, end = line["start"], line["end"]
        assert line["keyword"] == text[start:end] and fold(line["keyword"]) == fold("区域合作")
        assert line["left"] == text[max(0, start - 5) : start].replace("\n", " ")
        assert line["right"] == text[end : end + 5].replace("\n", " ")
    assert not data["truncated"] and data["sort"] == "order"


def test_text_output_lines_up_the_keywords(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "kwic", "区域合作", "--width", "8")
    assert code == 0
    lines = out.splitlines()
    body, summary = lines[:-1], lines[-1]
    assert len(body) == 7 and summary == "7 matches in 6 paragraphs of 3 documents"
    columns = {cli._columns(line[: line.index("[")]) for line in body}
    assert columns == {2 * 8 + 1}  # every keyword starts in the same terminal column
    assert "001_8bc3bdda47a0d5aa.txt ¶4" in out  # paragraphs numbered from 1, as citations


def test_sort_left_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "kwic", "合作", "--json", "--sort", "left")
    assert code == 0
    lines = json.loads(out)["lines"]
    keys = [fold(x["left"])[::-1] for x in lines]
    assert keys == sorted(keys) and len(lines) > 10
    code, out, _ = _run(capsys, "kwic", "合作", "--json", "--limit", "10")
    data = json.loads(out)
    assert data["truncated"] and len(data["lines"]) == 10 and data["total_matches_seen"] >= 10
    code, out, _ = _run(capsys, "kwic", "合作", "--limit", "10")
    assert out.splitlines()[-1].startswith("10 of at least ")


def test_csv_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "kwic.csv"
    code, out, _ = _run(capsys, "kwic", "协同发展", "--csv", str(target), "--sort", "right")
    assert code == 0 and f"-> {target}" in out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == core.CSV_COLUMNS
    count = int(out.split()[0])
    assert len(rows) == count + 1 > 1
    rights = [fold(row[5]) for row in rows[1:]]
    assert rights == sorted(rights)
    assert all(row[2].isdigit() and int(row[2]) >= 1 for row in rows[1:])


def test_document_query_and_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = _run(capsys, "kwic", "kind:newspaper")
    assert code == 0 and "selects whole documents (2)" in out
    for args in (["(赤峰"], ["赤峰", "--width", "-1"], ["赤峰", "--limit", "-3"], ["赤峰", "--sort", "size"]):
        code, _out, err = _run(capsys, "kwic", *args)
        assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, _out, err = _run(capsys, "kwic", "赤峰", "--csv", str(tmp_path))  # a folder
    assert code == 1 and "folder" in err and "Traceback" not in err


def test_cli_defaults_match_the_core() -> None:
    assert cli.KWIC_SORTS == core.SORT_KEYS
    assert (cli.KWIC_WIDTH, cli.KWIC_LIMIT) == (core.DEFAULT_WIDTH, core.DEFAULT_LIMIT)


def test_search_json_counts_the_undated(capsys: pytest.CaptureFixture[str], seeds_archive) -> None:
    code, out, _ = _run(capsys, "search", "合作", "--json", "--limit", "0")
    assert code == 0
    data = json.loads(out)
    undated = sum(1 for d in seeds_archive.documents if d.year is None)  # 合作 occurs in every seed
    assert data["facets"]["year"]["undated"] == undated == 3
    assert sum(data["facets"]["year"].values()) == data["total_documents"] == 5
