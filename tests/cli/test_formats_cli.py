"""The CLI over an archive of every format: `list` names each file's encoding, `show` gives a PDF's pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.formats.test_ingest_formats import Samples, expected_pdf_paragraphs, make_archive
from viewer.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def samples(tmp_path: Path, qapp: object) -> Samples:
    return make_archive(tmp_path / "archive")


def test_list_shows_each_formats_encoding(samples: Samples, tmp_path: Path, capsys) -> None:
    opts = ["--archive", str(samples.root), "--data-dir", str(tmp_path / "d")]
    code, out, _ = run(capsys, *opts, "list")
    assert code == 0
    rows = {line.split()[1]: line for line in out.splitlines() if line[:1].isalnum() and "  " in line}
    assert ", pdf]" in rows["概况.pdf"]
    assert ", docx]" in rows["报告.docx"]
    assert ", epub]" in rows["史稿.epub"]
    assert ", html:gb" in rows["通知.html"]
    assert ", utf-8]" in rows["随笔.txt"]
    assert "5 documents" in out
    code, out, _ = run(capsys, *opts, "list", "--json")
    encodings = {d["source"]: d["encoding"] for d in json.loads(out)["documents"]}
    assert encodings["概况.pdf"] == "pdf" and encodings["报告.docx"] == "docx"


def test_show_json_gives_each_paragraphs_page(samples: Samples, tmp_path: Path, capsys) -> None:
    opts = ["--archive", str(samples.root), "--data-dir", str(tmp_path / "d")]
    code, out, _ = run(capsys, *opts, "show", "概况.pdf", "--json")
    assert code == 0
    doc = json.loads(out)
    assert [(p["text"], p["page"]) for p in doc["paragraphs"]] == expected_pdf_paragraphs(samples.pdf)
    assert {r["kind"] for r in doc["repairs"]} >= {"running_head", "page_number"}
    assert doc["metadata"]["file_date"]
    code, out, _ = run(capsys, *opts, "show", "随笔.txt", "--json")
    assert all("page" not in p for p in json.loads(out)["paragraphs"])  # text files: as before


def test_show_marks_pages_and_raw_shows_the_readers_text(samples: Samples, tmp_path: Path, capsys) -> None:
    opts = ["--archive", str(samples.root), "--data-dir", str(tmp_path / "d")]
    code, out, _ = run(capsys, *opts, "show", "概况.pdf")
    assert code == 0
    assert "[p. 1]" in out and f"[p. {samples.pdf.page_count}]" in out
    assert "pdf]" in out and "repaired: running_head" in out
    code, out, _ = run(capsys, *opts, "show", "通知.html", "--raw")
    assert code == 0 and out.startswith("# 关于做好档案开放审核工作的通知\n")
