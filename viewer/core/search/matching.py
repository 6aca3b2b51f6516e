"""Exact evaluation of a query on one document's folded text, in C loops (re, str) wherever possible.

A document's folded paragraphs are one string joined by PARAGRAPH_SEPARATOR (records.py). For each
document, the conditions that hold or fail for the document as a whole (title:, author:, kind:,
year:, and terms the document does not contain at all) are first replaced by constants; what
remains is a formula F over "the paragraph contains T". It becomes one regular expression whose
every match is one paragraph holding at least one of the terms, from its first term to its end:

    [first characters of the terms](?<=(?=T1|T2|...)(?:F(?=(.))|).)[^SEP]*

The search skips to candidate characters at C speed; the one-character lookbehind steps back to the
match start p, the paragraph's first occurrence of any term, so lookaheads from p see every
occurrence in the paragraph. F is written with lookaheads ("contains T" is (?=[^SEP]*?T), NOT is
(?!...), OR is an alternation) and the group captures a character exactly when F holds. `findall`
thus counts the paragraphs that satisfy the query with no Python step per paragraph, and `finditer`
lists them only for the documents whose hits are shown. Every match consumes the rest of its
paragraph, so the work is linear in the text whatever the query. A single term, or terms only ORed,
need no formula: T[^SEP]* (a literal prefix: the fastest search re has).

Two shapes fall back to sets of paragraph indices: a formula that a paragraph without any term can
satisfy (`A OR -B`: such paragraphs are never matched by the pattern) and section: conditions (they
depend on the paragraph's section, which the text does not hold).

Why not sets everywhere (the first version): a Python step per matching paragraph made single common
characters (之, 不) and broad boolean queries cost 50-150 ms on the 10 MB corpus; see
tests/perf/bench_search.py for the figures now.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from viewer.core.search.analysis import PARAGRAPH_SEPARATOR
from viewer.core.search.query import And, FieldText, Folder, Kind, Node, Not, Or, Text, Year
from viewer.core.search.records import FoldedText, Sections

_NOT_SEP = "[^\\x1f]"
assert PARAGRAPH_SEPARATOR == "\x1f"
_REST = _NOT_SEP + "*"
MAX_PLANS = 64  # distinct per-document formulas compiled for one query before presence is ignored

Reduced = Node | bool


def reduce(node: Node, holds: Callable[[Node], bool | None]) -> Reduced:
    """`node` with every condition that `holds` decides (True/False) replaced, constants folded away.

    `holds` returns None for a condition that depends on the paragraph.
    """
    if isinstance(node, Not):
        inner = reduce(node.item, holds)
        return (not inner) if isinstance(inner, bool) else Not(inner)
    if isinstance(node, And | Or):
        absorbing = isinstance(node, Or)  # True absorbs an Or, False an And
        items: list[Node] = []
        for item in node.items:
            reduced = reduce(item, holds)
            if isinstance(reduced, bool):
                if reduced is absorbing:
                    return absorbing
                continue
            if reduced not in items:
                items.append(reduced)
        if not items:
            return not absorbing
        if len(items) == 1:
            return items[0]
        return And(tuple(items)) if isinstance(node, And) else Or(tuple(items))
    decided = holds(node)
    return node if decided is None else decided


def _terms(node: Node, into: list[str]) -> list[str]:
    if isinstance(node, Text):
        if node.folded not in into:
            into.append(node.folded)
    elif isinstance(node, Not):
        _terms(node.item, into)
    elif isinstance(node, And | Or):
        for item in node.items:
            _terms(item, into)
    return into


def _has_section(node: Node) -> bool:
    if isinstance(node, FieldText):
        return True
    if isinstance(node, Not):
        return _has_section(node.item)
    if isinstance(node, And | Or):
        return any(_has_section(item) for item in node.items)
    return False


def _without_terms(node: Node) -> bool:
    """The formula's value on a paragraph that contains none of its terms."""
    if isinstance(node, Text):
        return False
    if isinstance(node, Not):
        return not _without_terms(node.item)
    if isinstance(node, And):
        return all(_without_terms(item) for item in node.items)
    if isinstance(node, Or):
        return any(_without_terms(item) for item in node.items)
    raise TypeError(node)


def _only_ored_terms(node: Node) -> bool:
    if isinstance(node, Text):
        return True
    return isinstance(node, Or) and all(_only_ored_terms(item) for item in node.items)


def _lookahead(node: Node) -> str:
    """`node` as a zero-width pattern that holds at a paragraph's first term occurrence iff it holds."""
    if isinstance(node, Text):
        return f"(?={_NOT_SEP}*?{re.escape(node.folded)})"
    if isinstance(node, Not):
        return f"(?!{_lookahead(node.item)})"
    if isinstance(node, And):
        return "".join(_lookahead(item) for item in node.items)
    if isinstance(node, Or):
        return "(?:" + "|".join(_lookahead(item) for item in node.items) + ")"
    raise TypeError(node)


# ---------------------------------------------------------------- plans


class Plan:
    """How to find the paragraphs of one document that satisfy a reduced formula."""

    def count(self, text: FoldedText, sections: Callable[[], Sections]) -> int:
        raise NotImplementedError

    def paragraphs(self, text: FoldedText, sections: Callable[[], Sections]) -> list[int]:
        """Indices of the matching paragraphs, in reading order."""
        raise NotImplementedError


class _Nothing(Plan):
    def count(self, text: FoldedText, sections: Callable[[], Sections]) -> int:
        return 0

    def paragraphs(self, text: FoldedText, sections: Callable[[], Sections]) -> list[int]:
        return []


class _Everything(Plan):
    def count(self, text: FoldedText, sections: Callable[[], Sections]) -> int:
        return text.paragraph_count

    def paragraphs(self, text: FoldedText, sections: Callable[[], Sections]) -> list[int]:
        return list(range(text.paragraph_count))


@dataclass
class _Pattern(Plan):
    """One regular expression; each match is one paragraph (flagged: only if group 1 took part)."""

    pattern: re.Pattern[str]
    flagged: bool

    def count(self, text: FoldedText, sections: Callable[[], Sections]) -> int:
        found = self.pattern.findall(text.text)
        return len(found) - found.count("") if self.flagged else len(found)

    def paragraphs(self, text: FoldedText, sections: Callable[[], Sections]) -> list[int]:
        starts = text.starts
        matches = self.pattern.finditer(text.text)
        if self.flagged:
            return [bisect_right(starts, m.start()) - 1 for m in matches if m.group(1) is not None]
        return [bisect_right(starts, m.start()) - 1 for m in matches]


def _count_chars_ored(body: str, chars: str) -> int:
    """Paragraphs holding any of `chars`: all mapped to the first by str.replace, then one literal."""
    first = chars[0]
    for ch in chars[1:]:
        body = body.replace(ch, first)
    return len(_literal_rest(first).findall(body))


@dataclass
class _CharsOred(_Pattern):
    """Single characters ORed: counted as one literal after str.replace maps them all to the first.

    A literal is the fastest search re has (~0.65 ns a character here against ~3 for a character
    class); the replace is cheaper than the difference. Listing uses the class pattern as usual.
    """

    chars: str = ""

    def count(self, text: FoldedText, sections: Callable[[], Sections]) -> int:
        return _count_chars_ored(text.text, self.chars)


@dataclass
class _CharsWithout(_Pattern):
    """(a OR b ...) -c -d ... on single characters, counted as |a,b,c,d ORed| - |c,d ORed|.

    Two literal searches instead of the formula's character class (2x faster on the poetry
    corpus); listing uses the formula pattern as usual.
    """

    union: str = ""
    excluded: str = ""

    def count(self, text: FoldedText, sections: Callable[[], Sections]) -> int:
        body = text.text
        return _count_chars_ored(body, self.union) - _count_chars_ored(body, self.excluded)


def _single_chars(node: Node) -> str | None:
    """The characters of a single-character term or an OR of them, else None."""
    if isinstance(node, Text):
        return node.folded if len(node.folded) == 1 else None
    if isinstance(node, Or):
        parts = [_single_chars(item) for item in node.items]
        return None if any(p is None for p in parts) else "".join(p for p in parts if p)
    return None


def _chars_without(node: Node) -> tuple[str, str] | None:
    """(wanted, excluded) characters when `node` is `(a OR b ...) -c -d ...`, else None."""
    if not isinstance(node, And):
        return None
    wanted: list[str] = []
    excluded = ""
    for item in node.items:
        chars = _single_chars(item.item if isinstance(item, Not) else item)
        if chars is None:
            return None
        if isinstance(item, Not):
            excluded += chars
        else:
            wanted.append(chars)
    if len(wanted) != 1 or not excluded:
        return None
    return wanted[0], excluded


@dataclass
class _Sets(Plan):
    """The fallback: sets of paragraph indices, combined per node."""

    formula: Node

    def count(self, text: FoldedText, sections: Callable[[], Sections]) -> int:
        return len(self._evaluate(self.formula, text, sections))

    def paragraphs(self, text: FoldedText, sections: Callable[[], Sections]) -> list[int]:
        return sorted(self._evaluate(self.formula, text, sections))

    def _evaluate(self, node: Node, text: FoldedText, sections: Callable[[], Sections]) -> set[int]:
        if isinstance(node, Text):
            return set(term_plan(node.folded).paragraphs(text, sections))
        if isinstance(node, FieldText):  # section: (the others were decided per document)
            found = sections()
            wanted = {i for i, title in enumerate(found.titles) if node.folded in title}
            return {i for i, s in enumerate(found.of_paragraph) if s in wanted}
        if isinstance(node, Not):
            return set(range(text.paragraph_count)) - self._evaluate(node.item, text, sections)
        if isinstance(node, And):
            result = self._evaluate(node.items[0], text, sections)
            for item in node.items[1:]:
                if not result:
                    break
                result &= self._evaluate(item, text, sections)
            return result
        if isinstance(node, Or):
            union: set[int] = set()
            for item in node.items:
                union |= self._evaluate(item, text, sections)
            return union
        raise TypeError(node)


_NOTHING = _Nothing()
_EVERYTHING = _Everything()


@functools.lru_cache(maxsize=256)
def _literal_rest(folded: str) -> re.Pattern[str]:
    return re.compile(re.escape(folded) + _REST + "()", re.S)


def term_plan(folded: str) -> Plan:
    """The paragraphs that contain one folded term."""
    return _Pattern(_literal_rest(folded), flagged=False)


def make_plan(formula: Reduced) -> Plan:
    """The cheapest exact plan for a formula already reduced for one document."""
    if formula is True:
        return _EVERYTHING
    if formula is False:
        return _NOTHING
    assert not isinstance(formula, bool)
    if _has_section(formula) or _without_terms(formula):
        return _Sets(formula)
    if isinstance(formula, Text):
        return term_plan(formula.folded)
    terms = _terms(formula, [])
    any_term = "|".join(map(re.escape, terms))
    if _only_ored_terms(formula):
        ored = re.compile(f"(?:{any_term}){_REST}()", re.S)
        if all(len(t) == 1 for t in terms):
            return _CharsOred(ored, flagged=False, chars="".join(terms))
        return _Pattern(ored, flagged=False)
    firsts = "".join(map(re.escape, sorted({t[0] for t in terms})))
    starts_a_term = "" if all(len(t) == 1 for t in terms) else f"(?={any_term})"
    pattern = re.compile(f"[{firsts}](?<={starts_a_term}(?:{_lookahead(formula)}(?=(.))|).){_REST}", re.S)
    chars_without = _chars_without(formula)
    if chars_without is not None:
        wanted, excluded = chars_without
        union = "".join(dict.fromkeys(wanted + excluded))
        return _CharsWithout(pattern, flagged=True, union=union, excluded="".join(dict.fromkeys(excluded)))
    return _Pattern(pattern, flagged=True)


# ---------------------------------------------------------------- per query


class QueryPlanner:
    """Plans for one query: per document, the query reduced by what holds for the document.

    A document is summed up by a key (each document-level condition: true or false; each term:
    absent or not), so the reduction and the regex compilation run once per distinct key.
    """

    def __init__(self, tree: Node, document_holds: Callable[[int, Node], bool]) -> None:
        self.tree = tree
        self.document_holds = document_holds  # docnum, FieldText/Kind/Year -> bool
        self.terms = _terms(tree, [])
        self.conditions = document_conditions(tree, [])
        # Testing each term's presence first pays off only when terms are combined: it turns a
        # document's formula into a simpler one, often a single literal (the fastest search).
        self._presence = len(self.terms) > 1
        self._by_key: dict[tuple[bool, ...], Plan] = {}
        self._by_formula: dict[Reduced, Plan] = {}

    def plan(self, docnum: int, text: FoldedText) -> Plan:
        body = text.text
        presence = self._presence and len(self._by_formula) < MAX_PLANS
        key = tuple(self.document_holds(docnum, c) for c in self.conditions)
        if presence:
            key += tuple(t in body for t in self.terms)
        plan = self._by_key.get(key)
        if plan is None:
            decided: dict[Node, bool] = dict(zip(self.conditions, key, strict=False))
            if presence:
                decided.update(
                    (Text(t, t), False)
                    for t, present in zip(self.terms, key[len(self.conditions) :], strict=True)
                    if not present
                )
            formula = reduce(self.tree, lambda node: decided.get(_leaf_key(node)))
            plan = self._by_formula.get(formula)
            if plan is None:
                plan = self._by_formula[formula] = make_plan(formula)
            self._by_key[key] = plan
        return plan


def _leaf_key(node: Node) -> Node:
    return Text(node.folded, node.folded) if isinstance(node, Text) else node


def document_conditions(node: Node, into: list[Node]) -> list[Node]:
    """The distinct title:, author:, kind: and year: conditions (section: is per paragraph)."""
    if isinstance(node, FieldText | Kind | Year | Folder):
        if not (isinstance(node, FieldText) and node.field == "section") and node not in into:
            into.append(node)
    elif isinstance(node, Not):
        document_conditions(node.item, into)
    elif isinstance(node, And | Or):
        for item in node.items:
            document_conditions(item, into)
    return into
