"""Queries that could escape: deep nesting, huge queries, invalid characters give a one-line message, fast.

Issue 11, item 2: `(`×300, `NOT `×2,000 raised RecursionError; a 10,000-character `明 OR 明 …` was slow;
a query with invalid UTF-8 (a lone surrogate) broke `search --json`. Any text must now give results or
a QuerySyntaxError within a second, and the CLI must answer with an exit code and one line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.search.indexing import build_index, engines
from viewer.cli import main
from viewer.core.ingest import Archive
from viewer.core.search import SearchIndex
from viewer.core.search.query import MAX_DEPTH, MAX_QUERY_LENGTH, MAX_TERMS, parse_query
from viewer.errors import QuerySyntaxError, UsageError

SECOND = 1.0

DEEP_PARENTHESES = "(" * 300 + "明" + ")" * 300
DEEP_NOT = "NOT " * 2000 + "明"
NOT_X200 = "NOT " * 200 + "明"  # as deep as the stack could not take, but short enough to parse
LONG_OR = " OR ".join(["明"] * 2500)[:10_000]
SURROGATE = b"\xff\xe6\x98\x8e".decode("utf-8", "surrogateescape")  # $'\xff明' as Python sees it
CASES = {
    "parentheses x300": DEEP_PARENTHESES,
    "NOT x2000": DEEP_NOT,
    "NOT x200": NOT_X200,
    "10,000 characters": LONG_OR,
    "lone surrogate": SURROGATE,
    "lone surrogate in a phrase": f'"赤峰{SURROGATE}" 合作',
    "lone surrogate in a field": f"title:{SURROGATE}",
}


def _timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    try:
        result: Any = call()
    except (QuerySyntaxError, UsageError) as exc:
        result = exc
    return result, time.perf_counter() - start


def _assert_one_line(exc: BaseException) -> None:
    text = str(exc)
    assert text and "\n" not in text and len(text) < 400  # no query (up to 1,000 characters) echoed whole
    text.encode("utf-8")  # printable on any UTF-8 stream: no surrogate echoed back


@pytest.fixture(scope="module", params=engines())
def seeds_index(
    request: pytest.FixtureRequest, seeds_archive: Archive, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchIndex]:
    index = build_index(seeds_archive.documents, tmp_path_factory.mktemp("limits"), request.param)
    yield index
    index.close()
    index.catalogue.close()


# ------------------------------------------------------------------ the concrete cases


@pytest.mark.parametrize("query", CASES.values(), ids=CASES.keys())
def test_attack_queries_parse_quickly_or_fail_in_one_line(query: str) -> None:
    result, seconds = _timed(lambda: parse_query(query))
    assert seconds < SECOND
    if isinstance(result, Exception):
        _assert_one_line(result)


@pytest.mark.parametrize("query", CASES.values(), ids=CASES.keys())
def test_attack_queries_search_quickly_or_fail_in_one_line(seeds_index: SearchIndex, query: str) -> None:
    result, seconds = _timed(lambda: seeds_index.search(query))
    assert seconds < SECOND
    if isinstance(result, Exception):
        _assert_one_line(result)


def test_each_limit_has_its_own_message() -> None:
    with pytest.raises(QuerySyntaxError, match="too long"):
        parse_query(LONG_OR)
    with pytest.raises(QuerySyntaxError, match="too deeply"):
        parse_query(DEEP_PARENTHESES)
    with pytest.raises(QuerySyntaxError, match="too deeply"):
        parse_query(NOT_X200)
    with pytest.raises(QuerySyntaxError, match="too long"):
        parse_query(DEEP_NOT)
    with pytest.raises(QuerySyntaxError, match="too many terms"):
        parse_query(" ".join(["明"] * (MAX_TERMS + 1)))
    with pytest.raises(QuerySyntaxError, match="position 3"):
        parse_query(f"赤峰{SURROGATE}")


def test_queries_just_inside_the_limits_still_parse() -> None:
    parse_query("(" * MAX_DEPTH + "明" + ")" * MAX_DEPTH)
    parse_query("NOT " * (MAX_DEPTH - 2) + "(明 -明明)")  # NOTs, "(" and "-" all count
    parse_query("-" * (MAX_DEPTH - 1) + "明 赤峰")
    parse_query(" OR ".join(["明"] * MAX_TERMS))
    parse_query("明" * MAX_QUERY_LENGTH)
    with pytest.raises(QuerySyntaxError, match="too deeply"):
        parse_query("(" * (MAX_DEPTH + 1) + "明" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(QuerySyntaxError, match="too long"):
        parse_query("明" * (MAX_QUERY_LENGTH + 1))


def test_the_longest_allowed_queries_search_within_a_second(seeds_index: SearchIndex) -> None:
    for query in (
        " OR ".join(["明明明明明明明明明明明"] * MAX_TERMS)[:MAX_QUERY_LENGTH],
        " ".join(["明明明明明明明明明明明明明"] * MAX_TERMS)[:MAX_QUERY_LENGTH],
        '"' + "明" * (MAX_QUERY_LENGTH - 2) + '"',
        "(" * MAX_DEPTH + " OR ".join(["明"] * MAX_TERMS) + ")" * MAX_DEPTH,
    ):
        result, seconds = _timed(partial(seeds_index.search, query))
        assert seconds < SECOND, (query[:40], seconds)
        assert not isinstance(result, Exception), result


# ------------------------------------------------------------------ fuzzing

# Pieces of the query language, so the fuzzer reaches nesting, operators and fields, not only noise.
PIECES = ["(", ")", "NOT ", "-", " OR ", " AND ", '"', " ", "明", "赤峰", "區域合作", "title:", "author:",
          "section:", "kind:", "year:", "2015", "..", "folder:", "yearbook", "x:", SURROGATE, "\x00",
          "\u3000", "\\", "/", "*", "?"]  # fmt: skip
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=300)  # surrogates included
WORDS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# One opener repeated ("(" x 300, "NOT " x 200) reaches the depths that used to overflow the stack.
DEEP = st.builds(
    lambda head, opener, count, tail: head + opener * count + tail,
    WORDS,
    st.sampled_from(["(", "NOT ", "-", "NOT (", "(-"]),
    st.integers(1, 400),
    WORDS,
)
QUERIES = st.one_of(ANY_TEXT, WORDS, DEEP)


@settings(max_examples=200, deadline=1000)
@given(QUERIES)
def test_any_text_parses_or_gives_a_query_syntax_error(query: str) -> None:
    try:
        parse_query(query)
    except QuerySyntaxError as exc:
        _assert_one_line(exc)


@settings(max_examples=200, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
def test_any_text_searches_or_gives_a_query_syntax_error(seeds_index: SearchIndex, query: str) -> None:
    try:
        results = seeds_index.search(query, limit=20)
    except (QuerySyntaxError, UsageError) as exc:
        _assert_one_line(exc)
    else:
        assert results.total_hits >= len(results.hits)


# ------------------------------------------------------------------ the command line


@pytest.mark.parametrize("args", [("--json",), ()], ids=["json", "text"])
def test_cli_search_with_invalid_utf8_answers_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: tuple[str, ...]
) -> None:
    code = main(["search", SURROGATE, *args])
    out, err = capsys.readouterr()
    assert code in (0, 2)
    assert "Traceback" not in err and "Error" not in err
    if code == 2:
        assert len(err.splitlines()) == 1 and not out
    else:
        assert not err


def test_cli_search_deep_nesting_is_a_usage_error(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code = main(["search", NOT_X200, "--json"])
    out, err = capsys.readouterr()
    assert code == 2 and not out
    assert len(err.splitlines()) == 1 and "too deeply" in err and "Traceback" not in err


def test_print_json_survives_lone_surrogates(capsys: pytest.CaptureFixture[str]) -> None:
    """Titles and paths from files whose names are not UTF-8 reach the JSON output too."""
    import json

    from viewer.cli import _print_json_line, print_json

    print_json({"source": f"bad{SURROGATE}.txt"})
    _print_json_line({"query": SURROGATE})
    out, _ = capsys.readouterr()
    first, second = out.split("\n}\n")
    assert json.loads(first + "}") == {"source": "bad\ufffd明.txt"}
    assert json.loads(second) == {"query": "\ufffd明"}
