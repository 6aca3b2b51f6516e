"""The repairs on the five bundled seeds: repaired text pinned by golden files, counts per rule."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from tests.core.repair.conftest import check_golden, seed_text
from viewer.core.repair import find_common_lines, repair_text

SEED_NAMES = sorted(p.name.split("_")[0] for p in SEEDS.glob("*.txt"))

# (kind, count, unresolved) per seed, in the order the rules run.
EXPECTED = {
    "000": [("doubled", 1, 0)],
    # 619 glosses in the raw file; 312 in what is kept after de-doubling (307 in the kept copy, two of
    # them behind restored characters, plus 5 in the footer lines; the gloss of 業 in `或?qū)I(yè)` goes
    # with its mojibake run).
    "001": [("doubled", 1, 0), ("mojibake", 3, 0), ("pinyin_gloss", 311, 0), ("chrome", 2, 0)],
    "002": [("page_break", 7, 0), ("whitespace", 1, 0)],
    "003": [("chrome", 20, 0), ("whitespace", 36, 0)],
    "004": [
        ("page_break", 5, 0),
        ("whitespace", 3, 0),
    ],  # 一些北京 ‖ 市有关: a 16-character half with only a comma, as a headline would be (left)
}


@pytest.fixture(scope="module")
def common() -> frozenset[str]:
    return find_common_lines(seed_text(name) for name in SEED_NAMES)


def test_all_seeds_covered() -> None:
    assert sorted(EXPECTED) == SEED_NAMES


def test_seeds_share_no_chrome_lines(common: frozenset[str]) -> None:
    assert common == frozenset()


@pytest.mark.parametrize("name", SEED_NAMES)
def test_golden_repaired_text(name: str, common: frozenset[str]) -> None:
    text, _ = repair_text(seed_text(name), common_lines=common)
    (path,) = SEEDS.glob(f"{name}_*.txt")
    check_golden(path.name, text + "\n")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_repair_counts(name: str, common: frozenset[str]) -> None:
    _, repairs = repair_text(seed_text(name), common_lines=common)
    assert [(r.kind, r.count, r.unresolved) for r in repairs] == EXPECTED[name]
    for repair in repairs:
        assert repair.description
        if repair.kind != "doubled":
            assert len(repair.changes) == repair.count


@pytest.mark.parametrize("name", SEED_NAMES)
def test_output_format(name: str) -> None:
    """What the structure pass relies on: trimmed lines, single blank lines, LF only."""
    text, _ = repair_text(seed_text(name))
    assert "\r" not in text and "\n\n\n" not in text
    assert text == text.strip()
    for line in text.split("\n"):
        assert line == line.strip()
        assert "\u00a0" not in line and "\u3000" not in line


@pytest.mark.parametrize("name", SEED_NAMES)
def test_repair_is_idempotent(name: str) -> None:
    once, _ = repair_text(seed_text(name))
    twice, repairs = repair_text(once)
    assert twice == once
    assert repairs == []


def test_001_keeps_the_less_damaged_copy() -> None:
    raw = seed_text("001")
    text, repairs = repair_text(raw)
    assert "其他省(區、市)簽署" in text  # the undamaged spelling of the second copy
    assert text.count("各盟行政公署") == 1
    assert "first copy" in repairs[0].description


def test_001_mojibake_restored_and_marked() -> None:
    text, repairs = repair_text(seed_text("001"))
    assert "?" not in text and "▍" not in text and "^" not in text
    # Byte reasoning restores a full-width bracket: 省（區 = CA A1 | A3 A8 | 85 5E.
    assert text.count("省（區、市)") == 2
    # Second mechanism: 業 from its trail byte and gloss; 專 (8C A3) lost its trail byte in a
    # user-defined pair the page shows as nothing, so 8C A1..A7 remain: of 尅將專尋尌對導 only 專 forms
    # a word with 業 in the word list (專業), far ahead of any other reading of the bytes.
    assert "或專業市場" in text and "〓" not in text
    mojibake = next(r for r in repairs if r.kind == "mojibake")
    assert [(c.before, c.after, c.candidates) for c in mojibake.changes] == [
        ("?。▍^", "省（區", ()),
        ("?qū)I(yè)", "專業", ()),
        ("?。▍^", "省（區", ()),
    ]
    assert "decide: 專業" in mojibake.description


def test_001_no_glosses_left_but_real_brackets_kept() -> None:
    text, _ = repair_text(seed_text("001"))
    assert "(qū)" not in text and "(yè)" not in text
    for bracket in ("(一)", "(二)", "(三)", "(2013—2030)", "(自治區鐵路辦負責,呼鐵局配合)"):
        assert bracket in text


def test_003_chrome_removed_metadata_kept() -> None:
    text, _ = repair_text(seed_text("003"))
    for chrome in ("往期阅读", "上一版", "下一篇", "放大 缩小", "标题导航", "第01版", "~~~"):
        assert chrome not in text
    for kept in (
        "抢滩新赛道 跑出加速度",
        "——通辽市全力助推“五大任务”见行见效",
        "□郭洪申 王晓飞",
        "城市面貌日新月异。 张启民 摄",
        "夯实发展之基 聚力筑牢生态安全屏障",
        "……",
    ):
        assert kept in text.split("\n")
    assert text.count("抢滩新赛道 跑出加速度") == 1  # the repeated headline of the page footer went


def test_002_page_breaks_joined_headings_kept() -> None:
    lines = repair_text(seed_text("002"))[0].split("\n")
    assert any("京津冀都市圈、环渤海地区" in line for line in lines)
    assert any("着力构建“空间结构协调" in line for line in lines)
    for kept in (
        "一、明确发展新定位",
        "■ 张学刚",
        "参考文献：",
        "(作者单位: 内蒙古党校)",
        "责任编辑: 张莉莉",
        "关键词：赤峰市 通辽市 “双子星座” 高质量发展",
    ):
        assert kept in lines


def test_004_page_breaks_joined() -> None:
    lines = repair_text(seed_text("004"))[0].split("\n")
    assert any("已拨付资金268.61万元。" in line for line in lines)
    assert any("北京市委和内蒙自治区党委" in line for line in lines)
    for kept in (
        "走亲戚 会朋友 刮起京蒙情谊之风",
        "座谈交流思路新——",
        "□魏那",
        "通州区&翁牛特旗",
        "赤峰市党政代表团与石景山区对接京蒙协作工作。石铁鑫 摄",
    ):
        assert kept in lines
