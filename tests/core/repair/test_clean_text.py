"""Clean documents that look a little like damage (verse, brackets, readings) come out of repair unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from viewer.core.repair import repair_text

PROSE = "今年以来，全市上下认真贯彻落实各项决策部署，经济社会发展稳中有进，人民群众获得感不断增强。"
NEWS = "新华社北京3月5日电 第十四届全国人民代表大会第一次会议5日上午在人民大会堂开幕，代表们认真听取报告。"

CLEAN_DOCUMENTS = {
    # Modern verse in stanzas, blank lines between them, inside prose.
    "stanzas": "\n".join(
        [
            "诗歌朗诵会在礼堂举行",
            "",
            PROSE,
            "",
            "从明天起，做一个幸福的人",
            "喂马，劈柴，周游世界",
            "从明天起，关心粮食和蔬菜",
            "我有一所房子，面朝大海，春暖花开",
            "",
            "从明天起，和每一个亲人通信",
            "告诉他们我的幸福",
            "那幸福的闪电告诉我的",
            "我将告诉每一个人",
            "",
            "给每一条河每一座山取一个温暖的名字",
            "陌生人，我也为你祝福",
            "愿你有一个灿烂的前程",
            "愿你在尘世获得幸福",
            "",
            PROSE,
        ]
    ),
    # A poem quoted in a news story, its last line without a full stop, then the story goes on.
    "poem_then_prose": "\n".join(
        [
            "大江东去，浪淘尽，千古风流人物。",
            "故垒西边，人道是，三国周郎赤壁。",
            "乱石穿空，惊涛拍岸，卷起千堆雪",
            "",
            NEWS,
        ]
    ),
    "poem_with_full_stop_then_prose": "\n".join(
        [
            "大江东去，浪淘尽，千古风流人物。",
            "故垒西边，人道是，三国周郎赤壁。",
            "乱石穿空，惊涛拍岸，卷起千堆雪。",
            "",
            NEWS,
        ]
    ),
    # Free verse without punctuation, stanza after stanza.
    "free_verse": "\n".join(
        [
            "黑夜给了我黑色的眼睛",
            "我却用它寻找光明",
            "",
            "我们站在这片土地上",
            "看河流一次次改道，看麦子一茬茬熟透",
            "风从北方吹来",
            "",
            "我们把名字写进泥土",
            "把春天写进河流",
            "",
            PROSE,
        ]
    ),
    # Verse printed one line to a paragraph.
    "verse_line_per_paragraph": "\n\n".join(
        [
            "面朝大海",
            "从明天起，做一个幸福的人",
            "喂马，劈柴，周游世界",
            "从明天起，关心粮食和蔬菜",
            "我有一所房子，面朝大海，春暖花开",
            PROSE,
        ]
    ),
    "brackets": "\n".join(
        [
            "（一）加强区域合作",
            "根据《规划(2013—2030)》的要求，建设综合保税区(B型)，由自治区负责(牵头)。",
            "(2)完善基础设施，补充维生素(C)，推进项目建设。",
        ]
    ),
    "pinyin_in_latin_text": "The capital is Beijing (Běijīng), and the river is the Huang He (Huánghé).",
    "intended_readings": "\n".join(
        [
            "长江鲥(shí)鱼曾是名贵的江鲜，如今已难得一见。",
            "龟(qiū)兹是古代西域的一个国家，位于今天的新疆库车一带。",
            "这些鱼和古国的故事，在鱼市和博物馆里都能听到。",
        ]
    ),
    "page_index": "\n".join(
        [
            "本期导读",
            "要闻 第2版",
            "经济 第5版",
            "上接第一版",
            PROSE,
            "（下转第三版）",
        ]
    ),
}


@pytest.mark.parametrize("name", sorted(CLEAN_DOCUMENTS))
def test_clean_document_unchanged(name: str) -> None:
    text = CLEAN_DOCUMENTS[name]
    repaired, repairs = repair_text(text)
    assert repaired == text
    assert repairs == []


def _verse_lines(path: Path) -> list[str]:
    """A file's verse lines: short lines of clause-punctuated text."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
    return [line for line in lines if 8 <= len(line) <= 16 and re.fullmatch("[\\w，。]+[，。]", line)]


def test_classical_verse_quoted_in_prose_unchanged(corpus_dir: Path) -> None:
    """Classical stanzas quoted without their last full stop (as newspapers print them), between prose."""
    files = sorted((corpus_dir / "poetry").rglob("*.txt"))[::80]
    assert len(files) >= 5
    checked = 0
    for path in files:
        verse = _verse_lines(path)[:8]
        if len(verse) < 8:
            continue
        stanzas = [verse[:4], verse[4:]]
        body = ["\n".join([*stanza[:-1], stanza[-1][:-1]]) for stanza in stanzas]
        text = "\n\n".join([PROSE, *body, NEWS])
        repaired, repairs = repair_text(text)
        assert (repaired, repairs) == (text, []), path
        checked += 1
    assert checked >= 5
