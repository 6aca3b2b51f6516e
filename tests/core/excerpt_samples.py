"""Documents and excerpts the excerpt, citation and export tests share."""

from __future__ import annotations

from dataclasses import replace

from viewer.core.documents import (
    KIND_YEARBOOK,
    ROLE_HEADING,
    Document,
    Paragraph,
    Section,
    paragraph_id,
)
from viewer.core.excerpts import Excerpt, ExcerptStore, make_excerpt

FIXED_TIME = "2024-05-01T08:00:00+00:00"

# Passages of the seeds, found by their text so the tests survive changes to paragraph splitting.
# (file, text the passage starts with, characters to take or None = to the end of the paragraph,
#  paragraphs to span, note, tags)
SEED_PASSAGES = [
    (
        "000_7afbcf673c75e218.txt",
        "2022年,“双子星座”《通辽赤峰协同发展合作备忘录》",
        40,
        1,
        'Compare with <script>alert("x")</script> & 赤峰 figures',
        ["双子星座", "合作"],
    ),
    ("001_8bc3bdda47a0d5aa.txt", "各盟行政公署、市人民政府", 12, 1, "", ["公文"]),
    ("002_e6c407031090df99.txt", "尊重客观规律", 30, 1, "定位 *重点*", []),
    ("003_75a584e44efd689f.txt", "通辽市牢记“国之大者”", 25, 1, "", ["生态"]),
    ("004_190cf7dfcffd7ea5.txt", "朋友越走越近", 8, 2, "two paragraphs\nsecond line", []),
]


def seed_excerpts(archive, store: ExcerptStore) -> list[Excerpt]:
    """Add the SEED_PASSAGES to `store` (fixed times, so exports are reproducible)."""
    out = []
    for source, starts, length, span, note, tags in SEED_PASSAGES:
        doc = archive.find(source)
        assert doc is not None, source
        index, para = next((i, p) for i, p in enumerate(doc.paragraphs) if starts in p.text)
        start = para.text.index(starts)
        last = doc.paragraphs[index + span - 1]
        end = start + length if span == 1 else length
        excerpt = make_excerpt(doc, para.id, start, last.id, min(end, len(last.text)), note=note, tags=tags)
        out.append(store.add(replace(excerpt, created=FIXED_TIME)))
    return out


def yearbook_doc() -> Document:
    """A small yearbook with two entries, each with its author, as structure.py should build it."""
    doc_id = "yb0000000001"
    texts = [
        ("通辽年鉴", "title", None),
        ("2023卷", "meta", None),
        ("【概况】", ROLE_HEADING, "s1"),
        ("2022年,“双子星座”合作喜结硕果。配合自治区开展辽河流域生态环境补偿。 (李谭芳)", "body", "s1"),
        ("【协同推进教育高质量发展】", ROLE_HEADING, "s2"),
        ("2022年,通辽赤峰协同推进基础教育和职业教育发展。", "body", "s2"),
        ("考察学习教育高质量发展成功经验。 (王明)", "body", "s2"),
    ]
    paragraphs = [
        Paragraph(paragraph_id(doc_id, i), i, t, role, sec) for i, (t, role, sec) in enumerate(texts)
    ]
    text = "\n".join(t for t, _, _ in texts)
    sections = [
        Section("s1", "【概况】", 1, paragraph_id(doc_id, 2), [p.id for p in paragraphs[2:4]], "李谭芳"),
        Section(
            "s2",
            "【协同推进教育高质量发展】",
            1,
            paragraph_id(doc_id, 4),
            [p.id for p in paragraphs[4:]],
            "王明",
        ),
    ]
    return Document(
        id=doc_id,
        source="yearbook/通辽年鉴2023.txt",
        encoding="utf-8",
        raw_text=text,
        text=text,
        size=len(text.encode()),
        mtime=0.0,
        sha256="0" * 64,
        title="通辽年鉴",
        kind=KIND_YEARBOOK,
        volume="2023卷",
        year=2023,
        paragraphs=paragraphs,
        sections=sections,
    )
