"""Clean documents that look a little like damage: repair_text must leave every one of them unchanged.

Verse in stanzas (blank lines between them, the last line without a full stop, prose after it), real
brackets (`（一）`, `(2013—2030)`, `(B型)`), pinyin in Latin text, readings the author meant
(`鲥(shí)鱼`), a newspaper page index line inside a body (`第1版：要闻`), page-index lines; and
People's Daily documents as they are, in simplified and in traditional characters.
"""

from __future__ import annotations

from collections.abc import Iterator

from tests.core.repair.evaluation.corpus import traditional

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

# More of what issue 12 found changed in clean text.
CLEAN_DOCUMENTS.update(
    {
        "page_index_inside_body": "\n".join(["本报讯 全市经济运行平稳。", "第1版：要闻", PROSE, NEWS]),
        "page_index_in_brackets": "\n".join([PROSE, "（本版编辑：张三）", "（第3版）", PROSE]),
        "stanzas_blank_separated": "\n".join(
            [
                "山那边",
                "",
                "小时候，我常伏在窗口痴想",
                "山那边是什么呢",
                "妈妈给我说过：海",
                "",
                "哦，山那边是海吗",
                "于是，怀着一种隐秘的想望",
                "有一天我终于爬上了那个山顶",
                "",
                PROSE,
            ]
        ),
        "poem_last_line_then_news": "\n".join(
            [
                "大江东去，浪淘尽，千古风流人物。",
                "故垒西边，人道是，三国周郎赤壁。",
                "乱石穿空，惊涛拍岸，卷起千堆雪",
                "",
                NEWS,
            ]
        ),
        "readings_repeated": "\n".join(
            ["龟(qiū)兹是古代西域大国。", "龟兹乐舞闻名于世，龟兹石窟保存至今。", "长江鲥(shí)鱼，又称鲥鱼。"]
        ),
        "reading_of_a_rare_name": "\n".join(["记者 王堃(kūn) 报道", PROSE]),
        "latin_with_brackets": "\n".join(
            [
                "会议由世界卫生组织(WHO)主办，讨论了维生素(C)和(B型)流感。",
                "Qingdao (Qīngdǎo) is a port; Xi'an (Xī'ān) is inland.",
            ]
        ),
        "numbered_and_years": "\n".join(
            [
                "（一）总体要求",
                "（二）主要目标",
                "根据《规划(2013—2030)》，到2020年(第一阶段)基本建成。",
                "1. 加强领导",
                "2. 落实责任",
            ]
        ),
    }
)


# Verse quoted in news, stanza by stanza (blank lines between), the last line often without a full stop.
STANZAS = [
    [
        "从明天起，做一个幸福的人",
        "喂马，劈柴，周游世界",
        "从明天起，关心粮食和蔬菜",
        "我有一所房子，面朝大海，春暖花开",
    ],
    ["给每一条河每一座山取一个温暖的名字", "陌生人，我也为你祝福", "愿你有一个灿烂的前程"],
    ["大江东去，浪淘尽，千古风流人物", "故垒西边，人道是，三国周郎赤壁"],
    ["乱石穿空，惊涛拍岸，卷起千堆雪", "江山如画，一时多少豪杰"],
    ["黑夜给了我黑色的眼睛", "我却用它寻找光明"],
    ["小时候，乡愁是一枚小小的邮票", "我在这头，母亲在那头"],
]


def with_verse(paragraphs: list[str], k: int) -> str:
    """A corpus document with two stanzas quoted in its middle, in the layout of its paragraphs."""
    stanzas = ["\n".join(STANZAS[(k + i) % len(STANZAS)]) for i in range(2)]
    middle = len(paragraphs) // 2
    return "\n".join([*paragraphs[:middle], "", "\n\n".join(stanzas), "", *paragraphs[middle:]])


def clean_documents(
    corpus_documents: list[list[str]] = (),  # type: ignore[assignment]
) -> Iterator[tuple[str, str, str]]:
    """(name, text, what repair must return) of every clean document: the ones above, and corpus documents
    in both scripts, with verse quoted in them, and in other layouts (indented paragraphs come out
    without their indentation: that is the output's form, not a change of the text)."""
    for name, text in sorted(CLEAN_DOCUMENTS.items()):
        yield name, text, text
    for k, paragraphs in enumerate(corpus_documents):
        text = "\n".join(paragraphs)
        yield f"people's daily {k}", text, text
        yield f"people's daily {k} (traditional)", traditional(text), traditional(text)
        yield f"people's daily {k} with verse", with_verse(paragraphs, k), with_verse(paragraphs, k)
        blank_separated = "\n\n".join(paragraphs)
        yield f"people's daily {k} blank-separated", blank_separated, blank_separated
        yield (
            f"people's daily {k} indented",
            "\n\n".join("\u3000\u3000" + p for p in paragraphs),
            blank_separated,
        )
