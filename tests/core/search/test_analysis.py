"""Per-character folding: 1:1 lengths, script-insensitive, idempotent; find-in-document."""

from __future__ import annotations

import pytest

from viewer.core.convert import char_table, convert
from viewer.core.search import find_matches, fold
from viewer.core.search.analysis import VARIANTS, fold_char, index_chars, merge_spans


def test_fold_keeps_length_on_the_seeds(seeds_archive) -> None:
    for doc in seeds_archive.documents:
        assert len(fold(doc.raw_text)) == len(doc.raw_text)
        for p in doc.paragraphs:
            assert len(fold(p.text)) == len(p.text)


def test_fold_keeps_length_on_the_corpus(corpus_dir) -> None:
    files = sorted((corpus_dir / "poetry").rglob("*.txt"))
    assert files
    for path in files[::5]:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert len(fold(text)) == len(text), path


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("區域合作", "区域合作"),
        ("協同發展", "协同发展"),
        ("峯", "峰"),
        ("爲", "為"),
        ("衆", "眾"),
        ("綫", "線"),
        ("裏", "裡"),
        ("衞", "卫"),
        ("値", "值"),
        ("ＡＢＣ１２３", "abc123"),
        ("Ｈｅｌｌｏ", "hello"),
        ("乾隆", "干隆"),
        ("\uf900", "豈"),  # a CJK compatibility ideograph
    ],
)
def test_forms_fold_together(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_characters_that_expand_are_left_alone() -> None:
    # casefold("ß") == "ss" and NFKC("㍿") == "株式会社": folding must not change the length.
    assert fold("ß") == "ß"
    assert fold("㍿") == "㍿"
    assert fold("ﬁ") == "ﬁ"


def test_fold_is_idempotent_and_one_to_one_over_all_cjk() -> None:
    for cp in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0xF900, 0xFB00)):
        ch = chr(cp)
        folded = fold_char(ch)
        assert len(folded) == 1
        assert fold_char(folded) == folded, ch


def test_traditional_and_simplified_texts_fold_alike() -> None:
    simplified = "内蒙古自治区2014年区域合作重点推进事项及分工方案"
    traditional = convert(simplified, "s2t")
    assert traditional != simplified
    assert fold(traditional) == fold(simplified)


def test_variant_table_maps_what_t2s_leaves_alone() -> None:
    table = char_table("t2s")
    for variant, standard in VARIANTS.items():
        assert ord(variant) not in table, f"{variant}: t2s already converts it; drop the entry"
        assert fold(variant) == fold(standard)


def test_index_chars_skip_whitespace() -> None:
    assert index_chars(fold("赤峰 通遼\u3000")) == set("赤峰通辽")


def test_find_matches_is_script_insensitive_and_in_original_offsets() -> None:
    text = "自治區各委、辦、廳、局，推動區域合作。区域合作"
    spans = find_matches("区域合作", text)
    assert spans == [(14, 18), (19, 23)]
    assert [text[s:e] for s, e in spans] == ["區域合作", "区域合作"]
    assert find_matches("", text) == []
    assert find_matches("   ", text) == []


def test_merge_spans() -> None:
    assert merge_spans([(5, 7), (0, 2), (1, 3), (6, 9)]) == [(0, 3), (5, 9)]


def test_one_character_t2s_equals_the_character_table() -> None:
    from viewer.core.convert import _cjk_codepoints
    from viewer.core.search.analysis import _t2s_char

    codepoints = _cjk_codepoints()
    table = char_table("t2s")
    for cp in codepoints:
        assert _t2s_char(chr(cp)) == table.get(cp, chr(cp)), hex(cp)
    assert _t2s_char("。") == "。" and _t2s_char("A") == "A"
