"""CSV formula injection: a cell a spreadsheet would run as a formula goes out with a leading ' (OWASP)."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.core.bookmarks import make_bookmark
from viewer.core.excerpts import ExcerptStore
from viewer.core.export import ExportOptions, write_export
from viewer.core.search.kwic import KwicLine, write_kwic_csv

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
ORDINARY = ["合作喜结硕果", "通辽 2023卷", "2022年,合作", "abc=1", "'已有引号", "x\t-y"]
TEXT_COLUMNS = ["text", "text_original", "text_simplified", "text_traditional", "note", "tags"]


def _export_rows(path: Path, excerpts, bookmarks=()) -> list[dict[str, str]]:
    write_export(path, "csv", excerpts, ExportOptions(), bookmarks)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _with_text(excerpt, text: str):
    """The excerpt with `text` in every user- or document-supplied text field and the title."""
    return replace(
        excerpt,
        text=text,
        text_simplified=text,
        text_traditional=text,
        note=text,
        tags=(text,),
        citation=replace(excerpt.citation, title=text),
    )


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_cells_are_prefixed(seed_store: ExcerptStore, tmp_path: Path, text: str) -> None:
    base = seed_store.list()[0]
    (row,) = _export_rows(tmp_path / "out.csv", [_with_text(base, text)])
    for column in [*TEXT_COLUMNS, "title"]:
        assert row[column] == "'" + text, column
    # The app's own numbers stay plain numbers.
    assert row["excerpt_id"] == str(base.id)
    assert row["start"] == str(base.start) and row["end"] == str(base.end)
    assert row["paragraphs"].replace(" ", "").isdigit()


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_cells_are_unchanged(seed_store: ExcerptStore, tmp_path: Path, text: str) -> None:
    (row,) = _export_rows(tmp_path / "out.csv", [_with_text(seed_store.list()[0], text)])
    for column in [*TEXT_COLUMNS, "title"]:
        assert row[column] == text, column


def test_seed_excerpts_are_unchanged(seed_store: ExcerptStore, tmp_path: Path) -> None:
    rows = _export_rows(tmp_path / "out.csv", seed_store.list())
    assert [r["text"] for r in rows] == [e.text for e in seed_store.list()]
    assert [r["note"] for r in rows] == [e.note for e in seed_store.list()]


def test_bookmark_note_is_prefixed(seed_store: ExcerptStore, seeds_archive, tmp_path: Path) -> None:
    doc = seeds_archive.by_id()[seed_store.list()[0].doc_id]
    seed_store.bookmarks.add(make_bookmark(doc, doc.paragraphs[1].id, note="@SUM(A1)"))
    rows = _export_rows(tmp_path / "out.csv", [], seed_store.bookmarks.list())
    assert [r["note"] for r in rows] == ["'@SUM(A1)"]


def _kwic_line(left: str, keyword: str = "合作", right: str = "喜结硕果") -> KwicLine:
    return KwicLine("d1", "a.txt", "通辽年鉴", 2023, "yearbook", "p4", 4, 0, 2, left, keyword, right, 0)


def test_kwic_csv_prefixes_formula_cells(tmp_path: Path) -> None:
    lines = [
        _kwic_line('=HYPERLINK("http://x","y")'),
        _kwic_line("-2+3", "@SUM(A1)", "+1"),
        _kwic_line("2022年,“双子星座”"),
    ]
    path = tmp_path / "kwic.csv"
    write_kwic_csv(lines, path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["left"], r["keyword"], r["right"]) for r in rows] == [
        ('\'=HYPERLINK("http://x","y")', "合作", "喜结硕果"),
        ("'-2+3", "'@SUM(A1)", "'+1"),
        ("2022年,“双子星座”", "合作", "喜结硕果"),
    ]
    # Numbers the app writes stay numbers; document fields are unchanged.
    assert {(r["paragraph"], r["year"], r["document"], r["kind"]) for r in rows} == {
        ("5", "2023", "通辽年鉴", "yearbook")
    }


def test_safe_cell_rule() -> None:
    from viewer.core.export.csv import safe_cell

    for text in DANGEROUS:
        assert safe_cell(text) == "'" + text
    for text in [*ORDINARY, "", "12", "合作"]:
        assert safe_cell(text) == text
