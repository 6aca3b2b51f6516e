"""OpenCC conversion: every configuration the app offers reproduces OpenCC's own test cases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from viewer.core.convert import (
    OFFICIAL_BINDING,
    VARIANTS,
    ConversionCache,
    char_table,
    convert,
    detect_script,
)

CASES_FILE = Path(__file__).resolve().parent.parent / "opencc_testcases.json"
# The configurations offered to readers, plus t2s, which search folding uses character by character.
CONFIGS = sorted({*VARIANTS, "t2s"})


def _load_cases() -> list[dict]:
    # OpenCC's file has trailing commas (JSON5-style); drop them before parsing.
    text = CASES_FILE.read_text(encoding="utf-8")
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", text))["cases"]


CASES = _load_cases()


def _params() -> list:
    params = []
    for config in CONFIGS:
        for case in CASES:
            if config in case["expected"]:
                params.append(
                    pytest.param(config, case["input"], case["expected"][config], id=f"{config}-{case['id']}")
                )
    return params


def test_every_offered_configuration_has_cases() -> None:
    covered = {config for case in CASES for config in case["expected"]}
    assert set(CONFIGS) <= covered
    assert len(_params()) > 300


@pytest.mark.skipif(
    not OFFICIAL_BINDING,
    reason="the pure-Python fallback is known to be less accurate (about half the cases; see README, Search)",
)
@pytest.mark.parametrize(("config", "text", "expected"), _params())
def test_opencc_case(config: str, text: str, expected: str) -> None:
    assert convert(text, config) == expected


def test_fallback_still_converts_common_characters() -> None:
    # What must hold even with the reimplementation: plain character conversion both ways.
    assert convert("區域合作", "t2s") == "区域合作"
    assert convert("协同发展", "s2t") == "協同發展"


def test_empty_text_is_returned_as_is() -> None:
    assert convert("", "s2t") == ""


def test_char_table_is_one_to_one_and_context_free() -> None:
    table = char_table("t2s")
    assert table[ord("區")] == "区"
    assert (
        table[ord("乾")] == "干"
    )  # alone; phrase conversion keeps 乾隆, which is why search folds per character
    assert convert("乾隆", "t2s") == "乾隆"
    assert all(len(v) == 1 and v != chr(k) for k, v in table.items())


def test_conversion_cache_returns_the_same_as_convert() -> None:
    cache = ConversionCache(max_entries=2)
    for text in ["协同发展", "区域合作", "赤峰", "协同发展"]:
        assert cache.convert(text, "s2tw") == convert(text, "s2tw")


def test_detect_script() -> None:
    assert detect_script("內蒙古自治區區域合作重點推進事項") == "traditional"
    assert detect_script("内蒙古自治区区域合作重点推进事项") == "simplified"
