"""The figures of issue 12's goals table, for any sample of the generated and real damage.

Mojibake is judged place by place. The damaged text keeps, for each character, the source characters its
bytes came from (`damage.Damaged.owners`), so each difference between the repaired line and the clean
line belongs to one place of damage, or to none (a gloss left, or a change where nothing was damaged).
A place is *exact* when nothing differs there; *marked* when every difference is a 〓 standing for what
the clean text has; *wrong* when a change made there claims characters the clean text does not have
(the goal is none); *left* otherwise (damage the rules did not recognise, or garbage beside a mark).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from tests.core.repair.evaluation import corpus, damage
from tests.core.repair.evaluation.clean import clean_documents
from viewer.core.documents import Repair
from viewer.core.repair import repair_text
from viewer.core.repair.chrome import metadata_fields
from viewer.core.repair.mojibake import MARK, repair_mojibake
from viewer.core.repair.pinyin import remove_glosses

REAL_PAGES = Path(__file__).with_name("real_pages.json")
OUTCOMES = ("exact", "marked", "left", "wrong")


@dataclass
class Figures:
    """Counts behind the goals table."""

    glosses: int = 0
    glosses_left: int = 0
    mojibake: dict[int, Counter[str]] = field(
        default_factory=lambda: {1: Counter(), 2: Counter(), 3: Counter()}
    )
    stray_changes: list[str] = field(default_factory=list)  # changes where nothing was damaged
    wrong_sites: list[str] = field(default_factory=list)
    chrome: int = 0
    chrome_left: list[str] = field(default_factory=list)
    metadata: int = 0
    metadata_wrong: list[str] = field(default_factory=list)
    body_lost: list[str] = field(default_factory=list)
    breaks: int = 0
    breaks_left: list[str] = field(default_factory=list)
    breaks_by_layout: Counter[str] = field(default_factory=Counter)
    breaks_left_by_layout: Counter[str] = field(default_factory=Counter)
    false_joins: list[str] = field(default_factory=list)
    doubled: int = 0
    doubled_left: int = 0
    clean: int = 0
    clean_changed: list[str] = field(default_factory=list)
    # Paragraphs separated by blank lines and not indented: a page break leaves nothing to tell it from a
    # paragraph break, and a paragraph without a full stop (a headline with a comma) is joined to the next.
    blank_separated: int = 0
    blank_separated_changed: list[str] = field(default_factory=list)
    real: Counter[str] = field(default_factory=Counter)
    real_notes: list[str] = field(default_factory=list)
    notice_marks: int | None = None
    documents: int = 0  # generated documents of each kind


def _pattern(text: str) -> str:
    return "".join(".+?" if ch == MARK else re.escape(ch) for ch in text)


def _mojibake_changes(repairs: list[Repair]) -> list[tuple[int, int, str]]:
    return [
        (c.where, c.where + len(c.before), c.after)
        for r in repairs
        if r.kind == "mojibake"
        for c in r.changes
    ]


def _judge_site(
    site: damage.Site, clean: str, repaired_region: str, clean_region: str, changes: list[str]
) -> str:
    """One place of damage: exact, marked, left or wrong (see the module docstring)."""
    context = clean[max(0, site.first - 3) : site.last + 4]
    if any(not re.search(_pattern(after), context) for after in changes if after.strip(MARK)):
        return "wrong"
    if repaired_region == clean_region:
        return "exact"
    if MARK in repaired_region and re.fullmatch(_pattern(repaired_region), clean_region):
        return "marked"
    return "left"


def mojibake_document(paragraphs: list[str], rng: random.Random, figures: Figures, lose_share: float) -> None:
    """Damage one document (traditional, glossed, some lead bytes lost) and judge every place."""
    clean = corpus.traditional("\n".join(paragraphs))
    candidates = [k for k, ch in enumerate(clean) if len(ch.encode("gbk", "replace")) == 2]
    lose = frozenset(rng.sample(candidates, int(len(candidates) * lose_share)))
    damaged = damage.damage_bytes(clean, lose, damage.real_like_glosses())
    text, repairs = repair_mojibake(damaged.text)
    changes = _mojibake_changes(repairs)
    repaired, _ = remove_glosses(text)
    figures.glosses += damaged.glosses
    figures.glosses_left += len(damage.GLOSS_RE.findall(repaired)) - len(damage.GLOSS_RE.findall(clean))
    # Where each site shows in the damaged text, and the changes made there.
    spans = []
    spans_at = []
    for site in damaged.sites:
        at = [
            j for j, o in enumerate(damaged.owners) if o and site.first <= min(o) and max(o) <= site.last + 1
        ]
        start, end = (min(at), max(at) + 1) if at else (0, 0)
        gloss = damage.GLOSS_RE.match(damaged.text, end)
        end = gloss.end() if gloss else end
        spans.append([c for c in changes if c[0] < end and start < c[1]])
        spans_at.append((max(0, start - 2), end + 2))
    # Differences line by line, each given to the site it touches.
    clean_lines, repaired_lines = clean.split("\n"), repaired.split("\n")
    assert len(clean_lines) == len(repaired_lines)
    offset = r_offset = 0
    site_regions: dict[int, list[tuple[int, int, int, int]]] = {}
    for cl, rl in zip(clean_lines, repaired_lines, strict=True):
        if cl != rl:
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, cl, rl, autojunk=False).get_opcodes():
                if tag == "equal":
                    continue
                a, b = offset + i1, offset + i2
                owner = next(
                    (n for n, s in enumerate(damaged.sites) if s.first - 1 <= b and a <= s.last + 1), None
                )
                if owner is None:
                    if not (i1 == i2 and damage.GLOSS_RE.fullmatch(rl[j1:j2])):
                        figures.stray_changes.append(
                            f"{cl[max(0, i1 - 8) : i2 + 8]} → {rl[max(0, j1 - 8) : j2 + 8]}"
                        )
                    continue
                site_regions.setdefault(owner, []).append((a, b, r_offset + j1, r_offset + j2))
        offset += len(cl) + 1
        r_offset += len(rl) + 1
    for n, site in enumerate(damaged.sites):
        regions = site_regions.get(n)
        if not regions:
            outcome = _judge_site(site, clean, "", "", [c[2] for c in spans[n]])
        else:
            a, b = min(r[0] for r in regions), max(r[1] for r in regions)
            j1, j2 = min(r[2] for r in regions), max(r[3] for r in regions)
            outcome = _judge_site(site, clean, repaired[j1:j2], clean[a:b], [c[2] for c in spans[n]])
        figures.mojibake[site.mechanism][outcome] += 1
        if outcome == "wrong":
            figures.wrong_sites.append(
                f"mechanism {site.mechanism}: {clean[max(0, site.first - 2) : site.last + 3]} shown "
                f"{damaged.text[spans_at[n][0] : spans_at[n][1]]} → {'; '.join(c[2] for c in spans[n])}"
            )


def chrome_document(paragraphs: list[str], rng: random.Random, figures: Figures) -> None:
    lines, chrome = damage.add_chrome(paragraphs, rng)
    expected = [damage.METADATA_FIELDS[line] for line in chrome if line in damage.METADATA_FIELDS]
    if rng.random() < 0.5:
        lines = [corpus.traditional(line) for line in lines]
        chrome = [corpus.traditional(line) for line in chrome]
        expected = [{k: corpus.traditional(v) for k, v in e.items()} for e in expected]
    repaired, repairs = repair_text("\n".join(lines))
    # The metadata line becomes the document's date, source and authors (read from the repair record).
    read = [metadata_fields(c.before) for r in repairs if r.kind == "chrome" for c in r.changes]
    figures.metadata += len(expected)
    figures.metadata_wrong += [str(e) for e in expected if e not in read]
    kept = set(repaired.split("\n"))
    figures.chrome += len(chrome)
    figures.chrome_left += [line for line in chrome if line.strip() in kept]
    chrome_set = set(chrome)
    figures.body_lost += [line for line in lines if line not in chrome_set and line.strip() not in kept]


LAYOUTS = ("one to a line", "indented", "blank-separated")


def page_break_document(paragraphs: list[str], rng: random.Random, figures: Figures, page: int) -> None:
    """Cut some paragraphs across a page break, in one of three layouts of paragraphs: one to a line,
    indented with blank lines between, or blank lines between and no indentation."""
    layout = rng.choice(LAYOUTS)
    lead = "\u3000\u3000" if layout == "indented" else ""
    width = rng.randint(*damage.LINE_WIDTHS)  # of the printed page the text was taken from
    out: list[str] = []
    cut: list[str] = []
    cut_at: dict[str, int] = {}
    for para in paragraphs:
        at = damage.cut_paragraph(para, rng, width) if len(para) >= 30 and rng.random() < 0.25 else None
        if at is None:
            out.append(lead + para)
        else:
            cut.append(para)
            cut_at[para] = at
            page += 1
            out.append(lead + para[:at] + damage.page_break(rng, page) + para[at:])
    text = ("\n" if layout == "one to a line" else "\n\n").join(out)
    repaired, _ = repair_text(text)
    kept = set(repaired.split("\n"))
    left = [p for p in cut if p not in kept]
    figures.breaks += len(cut)
    figures.breaks_left += [f"{p[: cut_at[p]]} ‖ {p[cut_at[p] :]}" for p in left]
    figures.breaks_by_layout[layout] += len(cut)
    figures.breaks_left_by_layout[layout] += len(left)
    figures.false_joins += [f"{layout}: {p}" for p in paragraphs if p not in cut and p not in kept]


def doubled_document(paragraphs: list[str], rng: random.Random, figures: Figures) -> None:
    text = damage.converter_damage(corpus.traditional("\n".join(paragraphs)), damage.real_like_glosses())
    single, _ = repair_text(text)
    twice, _ = repair_text(damage.doubled(text, rng))
    figures.doubled += 1
    figures.doubled_left += twice != single


def clean_document(name: str, text: str, expected: str, figures: Figures) -> None:
    repaired, repairs = repair_text(text)
    blank_separated = name.endswith("blank-separated")
    if blank_separated:
        figures.blank_separated += 1
    else:
        figures.clean += 1
    repairs = [r for r in repairs if r.kind != "whitespace" or text == expected]
    if repaired != expected.strip("\n") or repairs:
        kinds = ",".join(sorted({r.kind for r in repairs}))
        first = next((c for r in repairs for c in r.changes), None)
        (figures.blank_separated_changed if blank_separated else figures.clean_changed).append(
            f"{name} [{kinds}] {first.before[:30]!r} → {first.after[:30]!r}" if first else name
        )


def real_pages(figures: Figures) -> None:
    for entry in json.loads(REAL_PAGES.read_text(encoding="utf-8")):
        damaged, correct = entry["damaged"], entry["correct"]
        repaired, repairs = repair_text(damaged)
        claims = [c[2] for c in _mojibake_changes(repairs) if c[2].strip(MARK)]
        figures.glosses += len(damage.GLOSS_RE.findall(damaged))
        figures.glosses_left += len(damage.GLOSS_RE.findall(repaired)) - len(damage.GLOSS_RE.findall(correct))
        if entry["kind"] == "glosses":
            outcome = "exact" if repaired == correct else "left"
        elif any(not re.search(_pattern(after), correct) for after in claims):
            outcome = "wrong"
        elif repaired == correct:
            outcome = "exact"
        elif MARK in repaired and re.fullmatch(_pattern(repaired), correct):
            outcome = "marked"
        else:
            outcome = "left"
        figures.real[f"{entry['kind']}:{outcome}"] += 1
        if outcome != "exact":
            figures.real_notes.append(f"{entry['kind']} {outcome}: {damaged[:40]} → {repaired[:40]}")


def notice_marks() -> int:
    from tests.core.repair.conftest import seed_text

    return repair_text(seed_text("001"))[0].count(MARK)


def run(*, documents: int, seed: int = 12, lose_share: float = 0.004) -> Figures:
    """Every measurement on `documents` generated documents of each kind, the real pages and clean texts."""
    rng = random.Random(seed)
    figures = Figures()
    paras = corpus.paragraphs()
    # Separate stretches of the corpus for each kind of damage.
    size = 12
    stride = max(1, (len(paras) // size) // (4 * documents + 4))
    docs = corpus.documents(len(paras) // size, size=size)[::stride]
    kinds = [docs[k::4][:documents] for k in range(4)]
    figures.documents = min(map(len, kinds))
    for doc in kinds[0]:
        mojibake_document(doc, rng, figures, lose_share)
    for doc in kinds[1]:
        chrome_document(doc, rng, figures)
    page = 1
    for doc in kinds[2]:
        page_break_document(doc, rng, figures, page)
        page += 20
    for doc in kinds[3]:
        doubled_document(doc, rng, figures)
    for name, text, expected in clean_documents(kinds[3]):
        clean_document(name, text, expected, figures)
    real_pages(figures)
    figures.notice_marks = notice_marks()
    return figures


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} % ({part} / {whole})" if whole else "n/a"


def table(f: Figures) -> str:
    """The goals table, one row per goal."""
    rows = [("goal", "target", "measured")]
    rows.append(("pinyin glosses removed", "≥ 99.5 %", _pct(f.glosses - f.glosses_left, f.glosses)))
    for mech, target in ((2, "≥ 95 %"), (1, "≥ 90 %")):
        c = f.mojibake[mech]
        total = sum(c.values())
        detail = ", ".join(f"{k} {c[k]}" for k in OUTCOMES)
        rows.append(
            (f"mojibake mechanism {mech} restored exactly", target, f"{_pct(c['exact'], total)}: {detail}")
        )
    c = f.mojibake[3]
    rows.append(
        (
            "mojibake, a false pair written as a mark",
            "",
            f"{_pct(c['exact'], sum(c.values()))}: " + ", ".join(f"{k} {c[k]}" for k in OUTCOMES),
        )
    )
    wrong = sum(c["wrong"] for c in f.mojibake.values()) + sum(
        v for k, v in f.real.items() if k.endswith(":wrong")
    )
    rows.append(
        (
            "wrong restorations (generated + real)",
            "0",
            f"{wrong} (+{len(f.stray_changes)} changes where nothing was damaged)",
        )
    )
    real = ", ".join(f"{k} {v}" for k, v in sorted(f.real.items()))
    rows.append(("real pages", "", real))
    rows.append(
        (
            "site chrome lines removed",
            "≥ 95 %",
            f"{_pct(f.chrome - len(f.chrome_left), f.chrome)}; body lines lost {len(f.body_lost)}",
        )
    )
    metadata = _pct(f.metadata - len(f.metadata_wrong), f.metadata)
    rows.append(("metadata lines read (date, source, author)", "", metadata))
    rows.append(
        (
            "page breaks joined",
            "≥ 98 %",
            f"{_pct(f.breaks - len(f.breaks_left), f.breaks)}; false joins {len(f.false_joins)}",
        )
    )
    for layout in LAYOUTS:
        joined = f.breaks_by_layout[layout] - f.breaks_left_by_layout[layout]
        rows.append((f"  {layout}", "", _pct(joined, f.breaks_by_layout[layout])))
    rows.append(("doubled texts reduced to one copy", "", _pct(f.doubled - f.doubled_left, f.doubled)))
    rows.append(("clean documents changed", "0", f"{len(f.clean_changed)} of {f.clean}"))
    rows.append(
        (
            "  blank-separated, not indented",
            "",
            f"{len(f.blank_separated_changed)} of {f.blank_separated} (page breaks joined where a paragraph lacks its full stop)",
        )
    )
    rows.append(("〓 left in the bundled notice", "0", str(f.notice_marks)))
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    return "\n".join(f"{r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]}" for r in rows)
