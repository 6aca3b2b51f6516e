"""Document-level metadata and kind: labelled fields (摘要, 关键词, 参考文献…), captions, addressees,
and the general features that tell a yearbook, a journal article, an official notice and a newspaper apart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from viewer.core import lines
from viewer.core.documents import (
    KIND_JOURNAL,
    KIND_NEWSPAPER,
    KIND_NOTICE,
    KIND_OTHER,
    KIND_YEARBOOK,
    ROLE_AUTHOR,
    ROLE_CAPTION,
    ROLE_HEADING,
    ROLE_META,
    ROLE_REFERENCE,
    Document,
    Repair,
    Section,
    StoredMetadata,
    paragraph_id,
)
from viewer.core.lines import LineInfo
from viewer.core.repair import chrome

if TYPE_CHECKING:
    from viewer.core.structure import Scan

KIND_THRESHOLD = 3
NAV_WINDOW = 800  # web page navigation sits at the very top or bottom of the raw text

_RESPONSIBLE = re.compile(r"[（(][^()（）]{0,60}[负負][责責][^()（）]{0,60}[)）]$")
_DOC_NUMBER = re.compile(r"[〔\[［(（](?:19|20)\d\d[〕\]］)）]\s*\d{1,4}\s*[号號]")


def responsible_marks(paragraphs: list[str], indexes: list[int]) -> int:
    """Paragraphs (among `indexes`) ending in a "(…负责…)" assignment, as official work plans do."""
    return sum(1 for i in indexes if paragraphs[i][-1] in ")）" and _RESPONSIBLE.search(paragraphs[i][-130:]))


def document_number(text: str) -> str:
    m = _DOC_NUMBER.search(text[:3000])
    return m.group(0) if m else ""


YEAR_RE = re.compile(r"^((?:1[5-9]|20)\d\d)(?!\d)")
_PAGE = re.compile(r"(?:当前版|當前版)\s*[:：]\s*(\d{1,3}\s*版)")
_NOTICE_TITLE = re.compile(
    r"(?:通知|通报|通報|方案|办法|辦法|意见|意見|规定|規定|决定|決定|批复|批覆|细则|細則|要点|要點|规划|規劃|函)$"
)
_NOTICE_WORDS = (
    ("印发", "印發"),
    ("特此通知",),
    ("现将", "現將"),
    ("请结合实际", "請結合實際"),
    ("遵照执行", "遵照執行", "贯彻执行", "貫徹執行"),
)


def newspaper_page(raw: str) -> str:
    """The page ("08版") a web newspaper's navigation names, read from the raw text's head."""
    m = _PAGE.search(raw[:4000])
    return m.group(1).replace(" ", "") if m else ""


def is_notice_title(title: str) -> bool:
    return bool(_NOTICE_TITLE.search(title))


def notice_words(text: str) -> int:
    """How many distinct formulas of official notices appear ("现将…印发给你们", "特此通知")."""
    return sum(1 for forms in _NOTICE_WORDS if any(form in text for form in forms))


# ---------------------------------------------------------------- metadata


def extract_metadata(scan: Scan, doc: Document) -> StoredMetadata:
    """Labelled metadata (摘要, 关键词, 参考文献, 责任编辑, 作者单位…), captions, addressees; sets roles."""
    paras, infos, roles = scan.paras, scan.infos, scan.roles
    meta: StoredMetadata = {
        "abstract": "",
        "keywords": [],
        "references": [],
        "editor": "",
        "affiliation": "",
        "captions": [],
    }
    for i in sorted(infos):
        info = infos[i]
        if info.kind == "caption":
            roles[i] = ROLE_CAPTION
            meta["captions"].append(
                {"paragraph": paragraph_id(doc.id, i), "text": info.title, "photographers": list(info.names)}
            )
        elif info.kind == "byline":
            roles[i] = ROLE_AUTHOR
        elif info.kind in ("date", "nav") or (
            info.kind == "volume" and (i == scan.volume_idx or info.number)
        ):
            roles[i] = ROLE_META
        elif info.kind == "label":
            _label_metadata(scan, i, info, meta)
    for i in range(min(len(paras), 6)):
        if i not in infos and lines.is_salutation(paras[i]):
            meta["addressees"] = paras[i].rstrip(":：")
            break
    number = document_number(doc.text)
    if number:
        meta["document_number"] = number
    page = newspaper_page(doc.raw_text)
    if page:
        meta["page"] = page
    dates = [infos[i].title for i in sorted(infos) if infos[i].kind == "date"]
    fields = page_metadata(doc.repairs)
    if dates:
        meta["date"] = dates[0]
    elif fields.get("date"):
        meta["date"] = fields["date"]
    if fields.get("source"):
        meta["source"] = fields["source"]
    if fields.get("editor") and not meta["editor"]:
        meta["editor"] = fields["editor"]
    return meta


def page_metadata(repairs: list[Repair]) -> dict[str, str]:
    """Date, source, author and editor from the page's metadata lines the chrome repair removed
    (`发布时间：… 来源：… 作者：…`): the raw view shows the lines, the document keeps their values."""
    fields: dict[str, str] = {}
    for repair in repairs:
        if repair.kind != chrome.KIND:
            continue
        for change in repair.changes:
            for key, value in chrome.metadata_fields(change.before).items():
                fields.setdefault(key, value)
    return fields


def page_authors(repairs: list[Repair]) -> list[str]:
    """The authors a page's metadata line names ("作者：张三 李四"; a value that is no list of names
    stays whole: "本报评论员")."""
    value = page_metadata(repairs).get("author", "")
    if not value:
        return []
    return lines.parse_names(value) or [value]


def _label_metadata(scan: Scan, i: int, info: LineInfo, meta: StoredMetadata) -> None:
    paras, infos, roles = scan.paras, scan.infos, scan.roles
    name, value = info.style, info.title
    n = len(paras)
    if name == "references":
        roles[i] = ROLE_HEADING
        if meta["references"]:
            return
        refs: list[str] = [value] if value else []
        j = i + 1
        while j < n and (j not in infos or infos[j].kind == "heading") and lines.is_reference(paras[j]):
            refs.append(paras[j])
            scan.references.append(j)
            roles[j] = ROLE_REFERENCE
            j += 1
        meta["references"] = refs
        return
    roles[i] = ROLE_META
    if not value and name in ("abstract", "keywords") and i + 1 < n and i + 1 not in infos:
        value = paras[i + 1]  # the label stands alone; its text is the next paragraph
        roles[i + 1] = ROLE_META
    if name == "keywords":
        if not meta["keywords"]:
            meta["keywords"] = lines.split_keywords(value)
    elif name in _TEXT_LABELS and not meta.get(name):
        meta[name] = value  # type: ignore[literal-required]  # one of _TEXT_LABELS: plain-text keys


# The labels whose value is kept as plain text under their own name.
_TEXT_LABELS = ("abstract", "editor", "affiliation")


# ---------------------------------------------------------------- kind


def decide_kind(scan: Scan, doc: Document, sections: list[Section], styles: list[str]) -> str:
    """Score general features of each kind; the best score of at least KIND_THRESHOLD wins."""
    infos, meta = scan.infos, doc.metadata
    raw = doc.raw_text
    kinds_seen = [info.kind for info in infos.values()]
    labels = {info.style for info in infos.values() if info.kind == "label"}
    entries = kinds_seen.count("entry")
    entry_authors = sum(1 for s, style in zip(sections, styles, strict=True) if s.author and style == "entry")
    subheads = styles.count("subhead")
    head = doc.text[:3000]
    scores = {
        KIND_YEARBOOK: 2 * bool(scan.volume_idx is not None) + 2 * (entries >= 2) + (entry_authors >= 1),
        KIND_JOURNAL: 2 * ("abstract" in labels)
        + 2 * ("keywords" in labels)
        + 2 * ("references" in labels)
        + (len(meta["references"]) >= 2)
        + ("affiliation" in labels)
        + bool(labels & {"funding", "classification", "doi", "author_bio"}),
        KIND_NOTICE: 2 * ("addressees" in meta)
        + 2 * (responsible_marks(scan.paras, scan.candidates) >= 2)
        + 2 * ("document_number" in meta)
        + min(2, notice_words(head))
        + is_notice_title(doc.title),
        KIND_NEWSPAPER: 2 * bool(meta["captions"])
        + ("byline" in kinds_seen)
        + ("本报" in head or "本報" in head)
        + bool(meta["editor"])
        + 2 * (lines.has_navigation(raw[:NAV_WINDOW]) or lines.has_navigation(raw[-NAV_WINDOW:]))
        + (subheads >= 2),
    }
    best = max(
        scores, key=lambda k: scores[k]
    )  # dict order breaks ties: yearbook, journal, notice, newspaper
    return best if scores[best] >= KIND_THRESHOLD else KIND_OTHER
