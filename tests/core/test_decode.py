"""Encoding detection on real seed text re-encoded every way users' files come in."""

from __future__ import annotations

import codecs

import pytest

from viewer.core.decode import UndecodableError, decode_bytes

SIMPLIFIED = "通辽赤峰协同发展合作备忘录多项合作事项进展顺利，双子星座合作喜结硕果。配合自治区开展辽河流域生态环境补偿。"
TRADITIONAL = "經自治區人民政府同意，現將內蒙古自治區區域合作重點推進事項及分工方案印發給你們，請結合實際，認真組織實施。"


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8", SIMPLIFIED),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig", SIMPLIFIED),
        (codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16", SIMPLIFIED),
        (codecs.BOM_UTF16_BE + TRADITIONAL.encode("utf-16-be"), "utf-16", TRADITIONAL),
        (SIMPLIFIED.encode("gb18030"), "gb18030", SIMPLIFIED),
        (SIMPLIFIED.encode("gbk"), "gb18030", SIMPLIFIED),
        (TRADITIONAL.encode("big5"), "big5", TRADITIONAL),
    ],
)
def test_detects_encoding_and_decodes_exactly(data: bytes, encoding: str, text: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text == text


def test_big5_text_is_not_mistaken_for_gbk_mojibake(seeds_dir) -> None:
    # A long real traditional text (the notice) in Big5: it also decodes as GB18030, into nonsense.
    from viewer.core.convert import convert

    text = convert("经自治区人民政府同意，现将区域合作重点推进事项及分工方案印发给你们。", "s2tw") * 5
    decoded = decode_bytes(text.encode("big5"))
    assert decoded.encoding == "big5"
    assert decoded.text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8, "binary"),
        (b"GIF89a" + bytes(range(256)) * 4, "binary"),
        (bytes([0x80, 0xFF, 0xFE, 0x81]) * 300, "not valid"),
    ],
)
def test_rejects_non_text_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UndecodableError, match=reason):
        decode_bytes(data)
