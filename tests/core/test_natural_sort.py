"""Natural order of names: digits and Chinese numerals by value, text by its fold, then the name itself."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from viewer.core.natural_sort import chinese_number, natural_key

DIGITS = "零一二三四五六七八九"


def _four(n: int) -> str:
    """1..9999 in Chinese numerals, with 零 for skipped places: 1005 → 一千零五."""
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero else "") + DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def to_chinese(n: int) -> str:
    """0..99,999,999 as written in Chinese: 10005 → 一万零五 (the oracle for the property tests)."""
    if n == 0:
        return "零"
    high, low = divmod(n, 10000)
    out = _four(high) + "万" if high else ""
    if low:
        out += ("零" if high and low < 1000 else "") + _four(low)
    return out


def _sorted(names: list[str]) -> list[str]:
    shuffled = names[:]
    random.Random(4).shuffle(shuffled)
    return sorted(shuffled, key=natural_key)


def test_volume_names_as_issue_10_met_them() -> None:
    """卷 volumes sorted as text on a large archive (卷10 before 卷2); digits and numerals, either script."""
    assert _sorted(["卷10", "卷2", "卷1"]) == ["卷1", "卷2", "卷10"]
    assert _sorted(["第十卷", "第二卷", "第一百卷", "第九十九卷"]) == [
        "第二卷",
        "第十卷",
        "第九十九卷",
        "第一百卷",
    ]
    assert _sorted(["卷10/詩.txt", "卷2/詩.txt", "卷十一/詩.txt"]) == [
        "卷2/詩.txt",
        "卷10/詩.txt",
        "卷十一/詩.txt",
    ]


def test_chinese_volume_numbers_sort_by_value() -> None:
    assert _sorted(["卷四百五十一", "卷四百二十八"]) == ["卷四百二十八", "卷四百五十一"]
    assert _sorted(["卷一百", "卷九十九"]) == ["卷九十九", "卷一百"]
    assert _sorted(["第十册", "第九册", "第十一册", "第二十册"]) == [
        "第九册",
        "第十册",
        "第十一册",
        "第二十册",
    ]


def test_digits_sort_by_value_fullwidth_too() -> None:
    assert _sorted(["第10册", "第2册"]) == ["第2册", "第10册"]
    assert _sorted(["第１０册", "第９册", "第11册"]) == ["第９册", "第１０册", "第11册"]
    # equal numbers stay together, the name itself deciding between them
    assert _sorted(["第2册", "第10册", "第02册", "第２册"]) == ["第02册", "第2册", "第２册", "第10册"]


def test_digits_and_numerals_compare_with_each_other() -> None:
    assert _sorted(["第12册", "第十一册", "第10册", "第九册"]) == ["第九册", "第10册", "第十一册", "第12册"]


def test_zero_two_twenty_thirty_and_years() -> None:
    assert chinese_number("一百零五") == 105
    assert chinese_number("一千零一十") == 1010
    assert chinese_number("两千") == 2000
    assert chinese_number("廿一") == 21
    assert chinese_number("卅") == 30
    assert chinese_number("二〇二三") == 2023  # years are written digit by digit
    assert chinese_number("一九九九") == 1999
    assert chinese_number("十") == 10
    assert chinese_number("一万零五") == 10005
    assert chinese_number("一亿三千万") == 130_000_000
    assert _sorted(["卷廿一", "卷二十", "卷卅", "卷廿九"]) == ["卷二十", "卷廿一", "卷廿九", "卷卅"]
    assert _sorted(["二〇二三年", "二〇一九年", "一九九九年"]) == ["一九九九年", "二〇一九年", "二〇二三年"]
    assert _sorted(["卷一百零五", "卷一百", "卷两百"]) == ["卷一百", "卷一百零五", "卷两百"]


def test_traditional_and_simplified_sort_alike() -> None:
    # 冊/册, 萬/万, 臺灣/台湾 fold alike, so the numbers decide
    assert _sorted(["第十冊", "第九册", "第十一冊"]) == ["第九册", "第十冊", "第十一冊"]
    assert _sorted(["一萬", "九千"]) == ["九千", "一萬"]
    assert _sorted(["臺灣10", "台湾2", "台灣3"]) == ["台湾2", "台灣3", "臺灣10"]
    assert natural_key("台湾2")[0] == natural_key("臺灣2")[0]  # the same parts; only the name differs


def test_text_compares_by_fold_then_by_the_name() -> None:
    assert _sorted(["b", "A", "a", "B"]) == ["A", "a", "B", "b"]
    assert _sorted(["Ｂ", "a"]) == ["a", "Ｂ"]  # fullwidth Latin folds to ASCII


@given(st.integers(min_value=0, max_value=10**30), st.integers(min_value=0, max_value=10**30))
def test_digits_order_like_their_numbers(a: int, b: int) -> None:
    for template in ("{}", "第{}册", "卷{}.txt", "a{}b"):
        ka, kb = natural_key(template.format(a)), natural_key(template.format(b))
        assert (ka < kb) == (a < b) and (ka == kb) == (a == b)


@given(st.integers(min_value=0, max_value=10**8 - 1), st.integers(min_value=0, max_value=10**8 - 1))
def test_chinese_numerals_order_like_their_numbers(a: int, b: int) -> None:
    assert chinese_number(to_chinese(a)) == a
    ka, kb = natural_key(f"卷{to_chinese(a)}"), natural_key(f"卷{to_chinese(b)}")
    assert (ka < kb) == (a < b)
    assert (natural_key(f"卷{to_chinese(a)}") < natural_key(f"卷{b}")) == (a < b)


NAMES = st.text(alphabet="0123０１２一二十百千万亿零〇两廿卅萬冊册卷第aAbB. /_-", max_size=12)


@given(NAMES, NAMES, NAMES)
def test_a_total_order(a: str, b: str, c: str) -> None:
    ka, kb, kc = natural_key(a), natural_key(b), natural_key(c)
    assert (ka == kb) == (a == b)  # never a tie between different names
    assert [ka < kb, ka == kb, ka > kb].count(True) == 1  # comparable, never a TypeError
    if ka <= kb and kb <= kc:
        assert ka <= kc
