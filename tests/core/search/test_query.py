"""The query language: what parses to what, and the messages for what does not."""

from __future__ import annotations

import pytest

from viewer.core.search.analysis import fold
from viewer.core.search.query import (
    And,
    FieldText,
    Kind,
    Not,
    Or,
    Text,
    Year,
    parse_query,
    positive_terms,
)
from viewer.errors import QuerySyntaxError


def t(raw: str) -> Text:
    return Text(raw, fold(raw))


def test_terms_are_anded_and_folded() -> None:
    assert parse_query("區域合作 協同") == And((t("區域合作"), t("協同")))
    assert parse_query("區域合作").folded == "区域合作"


def test_phrase_keeps_spaces() -> None:
    assert parse_query('"双子 星座"') == t("双子 星座")


def test_or_binds_looser_than_and() -> None:
    assert parse_query("a b OR c") == Or((And((t("a"), t("b"))), t("c")))
    assert parse_query("a AND b") == And((t("a"), t("b")))


def test_negation_forms() -> None:
    assert parse_query("a -b") == And((t("a"), Not(t("b"))))
    assert parse_query("a NOT b") == And((t("a"), Not(t("b"))))
    assert parse_query("a -(b OR c)") == And((t("a"), Not(Or((t("b"), t("c"))))))
    assert parse_query("2014-2023") == t("2014-2023")  # a hyphen inside a word is text


def test_parentheses() -> None:
    assert parse_query("(a OR b) c") == And((Or((t("a"), t("b"))), t("c")))


def test_fields() -> None:
    assert parse_query("title:通知 a") == And((FieldText("title", "通知", "通知"), t("a")))
    assert parse_query('author:"張 學剛"') == FieldText("author", "張 學剛", fold("張 學剛"))
    assert parse_query("section:概況") == FieldText("section", "概況", "概况")
    assert parse_query("kind:yearbook") == Kind("yearbook")
    assert parse_query("kind:年鉴") == Kind("yearbook")
    assert parse_query("kind:notice") == Kind("official_notice")
    assert parse_query("year:2015") == Year(2015, 2015)
    assert parse_query("year:2014..2023") == Year(2014, 2023)
    assert parse_query("year:..2000") == Year(None, 2000)
    assert parse_query("year:2000..") == Year(2000, None)
    assert parse_query("-kind:yearbook a") == And((Not(Kind("yearbook")), t("a")))


def test_positive_terms_exclude_negated_ones() -> None:
    tree = parse_query("a (b OR -c) -(d -e) title:f")
    assert [x.raw for x in positive_terms(tree)] == ["a", "b", "e"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"abc', "Unclosed quote"),
        ("(a OR b", "Missing ')'"),
        ("a)", "Unmatched ')'"),
        ("a OR", "needs a term after"),
        ("OR a", "needs a term before"),
        ("a AND", "needs a term after"),
        ("a -", "a"),  # a lone trailing hyphen is text, so this is fine... checked below
        ("-a", "only excludes"),
        ("NOT a", "only excludes"),
        ("foo:bar", "Unknown field 'foo:'"),
        ("year:15x", "expects a year"),
        ("year:2023..2014", "runs backwards"),
        ("kind:poem", "Unknown kind 'poem'"),
        ("title:", "needs a value"),
        ('""', "Empty phrase"),
        ("()", "Empty parentheses"),
    ],
)
def test_bad_syntax_gives_a_clear_message(query: str, message: str) -> None:
    if query == "a -":
        assert parse_query(query) == And((t("a"), t("-")))
        return
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    assert message.lower() in str(info.value).lower()
