"""The word list the mojibake repair weighs readings with: derived from jieba, and how it scores."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from viewer.core.repair import words
from viewer.core.repair.words import WordList, score


def test_shipped_list_is_what_extract_derives_from_jieba() -> None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        pytest.skip("jieba is not installed")
    source = Path(spec.origin).parent / "dict.txt"
    derived = words.extract(source.read_text(encoding="utf-8").splitlines())
    shipped = (Path(words.__file__).parent / words.WORDS_FILE).read_text(encoding="utf-8")
    assert shipped == derived, "regenerate viewer/core/repair/words.txt with words.extract"


def test_list_loads_once_with_prefixes() -> None:
    listed = words.word_list()
    assert listed is words.word_list()
    assert "专业" in listed.logp and "专" in listed.following and "业" in listed.following["专"]


def test_score_prefers_the_reading_that_forms_words() -> None:
    listed = WordList({"专业": 1000, "专": 10, "业": 10, "将": 50, "对": 50})
    found = score([{"或"}, {"將", "專", "對"}, {"業"}], listed)
    assert found.best == ("或", "專", "業")  # traditional candidates folded to simplified for lookup
    assert found.words[1] == "專業" and found.spans[1] == (1, 3)
    assert found.margins[0] == math.inf and found.margins[1] > 4
    assert found.worded(1, 3, listed)


def test_score_without_words_leaves_no_margin() -> None:
    listed = WordList({"甲乙": 5, "丙": 5})
    found = score([{"將", "對"}], listed)
    assert found.margins[0] == 0 and len(found.words[0]) == 1


def test_score_never_reads_two_marks_in_a_row() -> None:
    # A comma, stop, enumeration comma, semicolon or colon is never followed by one of them or an
    # ellipsis (5 in People's Daily 1998's 1.9 million characters), though each mark alone is likelier
    # than most words: `。。` must not beat `。”` where both are candidates.
    listed = WordList({"学习": 1000, "的": 1, "常": 1})
    found = score([{"習"}, {"。", "常"}, {"。", "”", "…"}], listed)
    assert found.best[1:] == ("。", "”"), found.best
    assert score([{"，"}, {"，", "的"}], listed).best == ("，", "的")
    # Possible in a text as shown, never likely; a quote before a stop is fine.
    assert score([{"，"}, {"，"}], listed).total > -math.inf
    assert score([{"”"}, {"。"}], listed).total > score([{"，"}, {"。"}], listed).total
