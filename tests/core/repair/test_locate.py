"""Every repair change located in the raw file and the repaired text, checked against the seeds' real damage."""

from __future__ import annotations

import random
from dataclasses import replace

from viewer.core.documents import Document, Repair, RepairChange
from viewer.core.ingest import LoadedFile, build_document
from viewer.core.repair.locate import locate_repairs, repair_marks
from viewer.core.repair.pinyin import remove_glosses
from viewer.core.scan import SourceFile


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def _line_column(text: str, pos: int) -> tuple[int, int]:
    """Brute force: count line breaks before pos (\\r\\n, \\r, \\n each one)."""
    head = text[:pos].replace("\r\n", "\n").replace("\r", "\n")
    return head.count("\n") + 1, len(head) - (head.rfind("\n") + 1) + 1


def _check(doc: Document, raw: str | None = None) -> tuple[int, int]:
    """Assert every located span; return (changes, changes whose raw span is verbatim)."""
    loc = locate_repairs(doc, raw)
    raw_text = loc.raw_text
    assert loc.replayed
    assert [loc.repaired_text[s:e] for s, e in loc.paragraph_spans] == [p.text for p in doc.paragraphs]
    assert len(loc.changes) == sum(len(r.changes) for r in doc.repairs)
    verbatim = 0
    for c in loc.changes:
        change = doc.repairs[c.repair_index].changes[c.change_index]
        assert (c.before, c.after) == (change.before, change.after)
        # the "after" always stands in the repaired text exactly where the change is said to be
        assert loc.repaired_text[c.text_start : c.text_end] == c.after, c
        found = raw_text[c.raw_start : c.raw_end]
        if found == c.before:
            verbatim += 1
        else:  # an earlier rule changed this stretch too (a glossed footer): only removals in between
            assert _is_subsequence(c.before, found), (c.kind, c.before, found)
        assert (c.raw_line, c.raw_column) == _line_column(raw_text, c.raw_start)
        assert c.paragraph_index is not None
        s, e = loc.paragraph_spans[c.paragraph_index]
        assert c.paragraph_id == doc.paragraphs[c.paragraph_index].id
        if c.after.strip():  # what was put in lies inside the paragraph it is listed under
            assert s <= c.text_start and c.text_end <= e + 1
        assert c.paragraph_offset == max(0, c.text_start - s) or c.text_start < s
    return len(loc.changes), verbatim


def test_every_change_of_every_seed_is_located(seeds_archive) -> None:
    total = verbatim = 0
    kinds = set()
    for doc in seeds_archive.documents:
        n, v = _check(doc)
        total, verbatim = total + n, verbatim + v
        kinds.update(r.kind for r in doc.repairs)
    assert {"doubled", "mojibake", "pinyin_gloss", "chrome", "page_break", "whitespace"} <= kinds
    assert total > 350 and total - verbatim <= 5  # nearly all "before"s are verbatim in the raw file


def test_glossed_footer_is_found_glossed_in_the_raw_file(seeds_archive) -> None:
    doc = next(d for d in seeds_archive.documents if any(r.kind == "pinyin_gloss" for r in d.repairs))
    loc = locate_repairs(doc)
    footers = [c for c in loc.changes if c.kind == "chrome" and "版權" in c.before]
    assert footers
    for c in footers:
        raw = loc.raw_text[c.raw_start : c.raw_end]
        assert "(quán)" in raw and remove_glosses(raw)[0] == c.before
    # each pinyin gloss: verbatim in the raw text, and nothing in the repaired text at its place
    glosses = [c for c in loc.changes if c.kind == "pinyin_gloss"]
    assert len(glosses) > 300
    restored_ends = {c.raw_end for c in loc.changes if c.kind == "mojibake"}
    chrome = [(c.raw_start, c.raw_end) for c in loc.changes if c.kind == "chrome"]
    for c in glosses:
        assert loc.raw_text[c.raw_start : c.raw_end] == c.before and c.text_start == c.text_end
        if any(s <= c.raw_start < e for s, e in chrome):
            continue  # in a footer line removed afterwards
        glossed = loc.raw_text[c.raw_start - 1], loc.repaired_text[c.text_start - 1]
        assert glossed[0] == glossed[1] or c.raw_start in restored_ends  # the glossed character, or restored


def test_catalogue_documents_are_located_from_the_file_text(seeds_archive) -> None:
    for doc in seeds_archive.documents:
        stored = replace(doc, raw_text="", text="")  # as the catalogue returns it
        a = locate_repairs(doc).changes
        b = locate_repairs(stored, doc.raw_text).changes
        assert a == b


def test_repair_marks_name_the_paragraphs(seeds_archive) -> None:
    doc = next(d for d in seeds_archive.documents if any(r.kind == "mojibake" for r in d.repairs))
    marks = repair_marks(doc)
    assert any("mojibake" in kinds for kinds in marks.values())
    assert any("pinyin_gloss" in kinds for kinds in marks.values())
    assert all(doc.paragraph(pid) is not None for pid in marks)
    text = "  正文第一段。\n\n\n  第二段。  "  # whitespace tidied only: nothing worth a mark
    plain = build_document(LoadedFile(SourceFile("", "p.txt"), text, "utf-8", len(text), 0.0, ""))
    assert plain.repaired and repair_marks(plain) == {}


def _generated(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(3, 12)):
        words = "".join(
            rng.choice("區業國發展合作") + rng.choice(["", "", "(qū)", "(yè)"])
            for _ in range(rng.randint(5, 30))
        )
        indent = rng.choice(["", "  ", "\u3000\u3000", "\t"])
        end = rng.choice(["。", "，", "", "。  "])
        lines.append(indent + words + end)
        if rng.random() < 0.5:
            lines.append(rng.choice(["", " ", "\u00a0"]))
    lines.append(rng.choice(["版權所有:某某網站", "上一篇 下一篇", "正文结束。"]))
    return rng.choice(["\n", "\r\n"]).join(lines)


def test_generated_damage_is_located_exactly() -> None:
    rng = random.Random(10)
    for k in range(150):
        text = _generated(rng)
        source = SourceFile("", f"g{k}.txt")
        doc = build_document(LoadedFile(source, text, "utf-8", len(text), 0.0, ""))
        _check(doc)


def test_repairs_from_other_rule_versions_are_searched_not_fatal(seeds_archive) -> None:
    doc = next(d for d in seeds_archive.documents if any(r.kind == "mojibake" for r in d.repairs))
    odd = [Repair("pinyin_gloss", 1, "old", (RepairChange(5, "(qū)", ""),)), Repair("renamed_rule", 0, "x")]
    loc = locate_repairs(replace(doc, repairs=odd))
    assert not loc.replayed and len(loc.changes) == 1
    c = loc.changes[0]
    assert not c.exact and loc.raw_text[c.raw_start : c.raw_end] == "(qū)"
