"""The query language: parsed into a small tree that the searcher (and the tests' brute force) evaluate.

    区域合作 协同          both (AND: terms separated by spaces)
    "赤峰 通辽"            an exact phrase, spaces included
    赤峰 OR 通辽           either;  AND may be written but is the default
    -赤峰 / NOT 赤峰       without
    (赤峰 OR 通辽) 合作    grouping
    title:通知 author:张 section:概况 kind:yearbook year:2015 year:2014..2023 folder:全唐诗

Text conditions hold for one paragraph (its folded text contains the folded term); title:, author:,
kind:, year: and folder: hold for the paragraph's document (folder: the archive folder holding its
file, or one below it); section: for the paragraph's section title.
A query with no positive text term selects documents instead (see searcher.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.core.documents import KINDS
from viewer.core.search.analysis import clean_query_text, fold
from viewer.errors import QuerySyntaxError, message

FIELDS = ("title", "author", "section", "kind", "year", "folder")
KIND_ALIASES = {
    "notice": "official_notice",
    "journal": "journal_article",
    "article": "journal_article",
    "年鉴": "yearbook",
    "年鑑": "yearbook",
    "通知": "official_notice",
    "公文": "official_notice",
    "期刊": "journal_article",
    "论文": "journal_article",
    "論文": "journal_article",
    "报纸": "newspaper",
    "報紙": "newspaper",
    "其他": "other",
}
_FIELD_RE = re.compile(r"^([A-Za-z]+):(.*)$", re.S)
_YEAR_RE = re.compile(r"^(\d{1,4})?(\.\.)?(\d{1,4})?$")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

# Limits that keep any input to a one-line message and a fast search: the parser and the engines
# recurse once per level of nesting (Python's stack ends near 1,000), and every term costs a lookup
# (issue 11: `(`x300 and `NOT `x2,000 overflowed the stack). A query someone types stays far inside.
MAX_QUERY_LENGTH = 1000  # characters
MAX_DEPTH = 32  # levels of parentheses and NOT / -
MAX_TERMS = 64  # words, phrases and field conditions
_SHOWN_VALUE = 40  # characters of a value quoted back in a message


@dataclass(frozen=True)
class Text:
    """Paragraph text contains `folded`."""

    raw: str
    folded: str


@dataclass(frozen=True)
class FieldText:
    """The document's title / an author / the paragraph's section title contains `folded`."""

    field: str
    raw: str
    folded: str


@dataclass(frozen=True)
class Kind:
    kind: str


@dataclass(frozen=True)
class Year:
    low: int | None
    high: int | None

    def accepts(self, year: int | None) -> bool:
        if year is None:
            return False
        return (self.low is None or year >= self.low) and (self.high is None or year <= self.high)


@dataclass(frozen=True)
class Folder:
    """The document's file lies in this archive folder or one below it (folded, "/" between names)."""

    folded: str

    def holds(self, source: str) -> bool:
        folder = fold(source.rpartition("/")[0])
        return folder == self.folded or folder.startswith(self.folded + "/")


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Text | FieldText | Kind | Year | Folder | And | Or | Not


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "phrase", "field", "(", ")", "OR", "AND", "NOT", "-"
    value: str
    pos: int  # 1-based column, for messages
    field: str = ""


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token(ch, ch, i + 1))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError(
                    message('Unclosed quote: the " at position {pos} has no closing "', pos=i + 1)
                )
            tokens.append(_Token("phrase", query[i + 1 : end], i + 1))
            i = end + 1
        elif (
            ch == "-"
            and i + 1 < n
            and not query[i + 1].isspace()
            and (
                not tokens
                or tokens[-1].kind in ("(", "OR", "AND", "NOT", "-")
                or query[i - 1].isspace()
                or query[i - 1] == "("
            )
        ):
            tokens.append(_Token("-", ch, i + 1))
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in '()"':
                i += 1
            word = query[start:i]
            match = _FIELD_RE.match(word)
            if match:
                name, value = match.group(1), match.group(2)
                if not value and i < n and query[i] == '"':
                    end = query.find('"', i + 1)
                    if end < 0:
                        raise QuerySyntaxError(
                            message('Unclosed quote: the " at position {pos} has no closing "', pos=i + 1)
                        )
                    value = query[i + 1 : end]
                    i = end + 1
                tokens.append(_Token("field", value, start + 1, name))
            elif word in ("OR", "AND", "NOT"):
                tokens.append(_Token(word, word, start + 1))
            else:
                tokens.append(_Token("word", word, start + 1))
    return tokens


class _Parser:
    """Recursive descent: or_expr := and_expr (OR and_expr)*; and_expr := unary ([AND] unary)*.

    `depth` counts the open parentheses and NOTs, so nesting past MAX_DEPTH is a message, not a
    RecursionError."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuerySyntaxError(
                message(
                    "The query nests too deeply at position {pos} (at most {limit} levels of parentheses and NOT)",
                    pos=token.pos,
                    limit=MAX_DEPTH,
                )
            )

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr()
        token = self.peek()
        if token is not None:  # only a stray ")" can stop or_expr early
            raise QuerySyntaxError(message("Unmatched ')' at position {pos}", pos=token.pos))
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OR", "AND"):
                raise QuerySyntaxError(message("'OR' at position {pos} needs a term after it", pos=token.pos))
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        items = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind in (")", "OR", "AND"):
                    raise QuerySyntaxError(
                        message("'AND' at position {pos} needs a term after it", pos=token.pos)
                    )
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError(message("The query ends where a term was expected"))
        if token.kind in ("-", "NOT"):
            self.take()
            if self.peek() is None:
                raise QuerySyntaxError(
                    message(
                        "'{operator}' at position {pos} needs a term after it",
                        operator=token.value,
                        pos=token.pos,
                    )
                )
            self.enter(token)
            node = Not(self.unary())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "(":
            if (nxt := self.peek()) is not None and nxt.kind == ")":
                raise QuerySyntaxError(message("Empty parentheses at position {pos}", pos=token.pos))
            self.enter(token)
            node = self.or_expr()
            self.depth -= 1
            close = self.peek()
            if close is None or close.kind != ")":
                raise QuerySyntaxError(message("Missing ')' for the '(' at position {pos}", pos=token.pos))
            self.take()
            return node
        if token.kind == ")":
            raise QuerySyntaxError(message("Unmatched ')' at position {pos}", pos=token.pos))
        if token.kind in ("OR", "AND"):
            raise QuerySyntaxError(
                message(
                    "'{operator}' at position {pos} needs a term before it",
                    operator=token.kind,
                    pos=token.pos,
                )
            )
        if token.kind == "field":
            return _field_node(token)
        return _text_node(token.value, token.pos, phrase=token.kind == "phrase")


def _text_node(raw: str, pos: int, *, phrase: bool) -> Text:
    value = clean_query_text(raw).strip()
    if not value:
        if phrase:
            raise QuerySyntaxError(message("Empty phrase at position {pos}", pos=pos))
        raise QuerySyntaxError(message("Empty term at position {pos}", pos=pos))
    return Text(value, fold(value))


def _field_node(token: _Token) -> Node:
    name = token.field.lower()
    value = clean_query_text(token.value).strip()
    if name not in FIELDS:
        known = ", ".join(f"{f}:" for f in FIELDS)
        raise QuerySyntaxError(
            message(
                "Unknown field '{field}:' at position {pos} (fields: {known})",
                field=_shown(token.field),
                pos=token.pos,
                known=known,
            )
        )
    if not value:
        example = "2015" if name == "year" else "yearbook" if name == "kind" else "赤峰"
        raise QuerySyntaxError(
            message(
                "'{field}:' at position {pos} needs a value, e.g. {field}:{example}",
                field=name,
                pos=token.pos,
                example=example,
            )
        )
    if name == "year":
        return _year_node(value, token.pos)
    if name == "kind":
        kind = KIND_ALIASES.get(value, KIND_ALIASES.get(value.lower(), value.lower()))
        if kind not in KINDS:
            raise QuerySyntaxError(
                message("Unknown kind '{kind}' (kinds: {kinds})", kind=_shown(value), kinds=", ".join(KINDS))
            )
        return Kind(kind)
    if name == "folder":
        return Folder(fold(value.replace("\\", "/")).strip("/"))
    return FieldText(name, value, fold(value))


def _year_node(value: str, pos: int) -> Year:
    match = _YEAR_RE.match(value)
    if not match or not (match.group(1) or match.group(3)) or (match.group(3) and not match.group(2)):
        raise QuerySyntaxError(
            message(
                "year: at position {pos} expects a year like year:2015 or a range like year:2014..2023 "
                "(got '{value}')",
                pos=pos,
                value=_shown(value),
            )
        )
    low = int(match.group(1)) if match.group(1) else None
    high = int(match.group(3)) if match.group(3) else None
    if not match.group(2):
        high = low
    if low is not None and high is not None and low > high:
        raise QuerySyntaxError(
            message(
                "year:{value}: the range runs backwards (write year:{high}..{low})",
                value=value,
                high=high,
                low=low,
            )
        )
    return Year(low, high)


def _shown(value: str) -> str:
    """A value as a one-line message quotes it: whitespace runs as one space, and not too long."""
    value = " ".join(value.split())
    return value if len(value) <= _SHOWN_VALUE else value[: _SHOWN_VALUE - 1] + "…"


def _check_limits(query: str) -> None:
    """Refuse what no search should attempt, before any work: too long, or not text at all."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(
            message(
                "The query is too long ({length} characters; at most {limit})",
                length=len(query),
                limit=MAX_QUERY_LENGTH,
            )
        )
    # A lone surrogate is what Python makes of bytes that were not UTF-8 (a command-line argument in
    # another encoding); it is no character, cannot be printed or stored, and can match nothing.
    surrogate = _SURROGATE_RE.search(query)
    if surrogate:
        raise QuerySyntaxError(
            message(
                "The query has an invalid character at position {pos} (text that is not UTF-8?)",
                pos=surrogate.start() + 1,
            )
        )


def parse_query(query: str) -> Node:
    """Parse a query; raise QuerySyntaxError with a message that says where and why."""
    _check_limits(query)
    tokens = _tokenize(query)
    if not tokens:
        raise QuerySyntaxError(message("The query is empty"))
    terms = sum(token.kind in ("word", "phrase", "field") for token in tokens)
    if terms > MAX_TERMS:
        raise QuerySyntaxError(
            message("The query has too many terms ({count}; at most {limit})", count=terms, limit=MAX_TERMS)
        )
    node = _Parser(tokens).parse()
    if not has_positive(node):
        raise QuerySyntaxError(
            message(
                "The query only excludes things; add something to find (e.g. '赤峰 -通辽' rather than '-通辽')"
            )
        )
    return node


def has_positive(node: Node, negated: bool = False) -> bool:
    """Whether some condition is not under a NOT: a query must ask for something, not only exclude."""
    if isinstance(node, Not):
        return has_positive(node.item, not negated)
    if isinstance(node, And | Or):
        return any(has_positive(item, negated) for item in node.items)
    return not negated


def positive_terms(node: Node, negated: bool = False) -> list[Text]:
    """The text terms the user wants to see (not under a NOT): what ranking and highlighting use."""
    if isinstance(node, Text):
        return [] if negated else [node]
    if isinstance(node, Not):
        return positive_terms(node.item, not negated)
    if isinstance(node, And | Or):
        terms: list[Text] = []
        for item in node.items:
            for term in positive_terms(item, negated):
                if term not in terms:
                    terms.append(term)
        return terms
    return []
