"""The reliability attack run (issue 11): fuzzed input, kills and damaged files, counted per attack.

Five attacks, each reported as tries, failures and data lost:

- queries: seeded generated queries (CJK from the corpus, ASCII words, AND/OR/NOT/-, parentheses
  unbalanced and nested up to 300 deep, quotes, fields with good and bad values, year ranges,
  wildcards, lone surrogates, control characters, NUL, emoji, up to 10,000 characters) against the
  10 MB corpus in-process. Each must answer, or raise QuerySyntaxError, within 1 s; one in
  `oracle_every` answers is compared with the brute-force oracle (tests/core/search/brute_force.py),
  and some are sent through `search --stdin --json`, whose totals must equal the in-process ones.
- arguments: viewer.cli.main(argv) in-process, argv drawn from the real parser's commands and
  options, with good values, bad UTF-8, huge and negative numbers, empty strings, files, folders,
  /dev/null and missing paths. An exception out of main, a traceback or "unexpected error" on
  stderr, or a failing exit with more than one stderr line is a failure; an excerpt gone or altered
  by a command that did not delete it is data lost.
- index-kills: `index` (an update) and `index --rebuild` (and, every tenth time, a first build) of a
  2 MB sample SIGKILLed at a random moment of their usual run time, between edits of the archive;
  then `search` must give the brute-force oracle's totals and hits. Wrong hits are the index's data
  lost: damage served.
- excerpt-kills: tests/core/crash_worker.py SIGKILLed mid-write, as test_excerpt_crash.py does; an
  excerpt (or a note edit) whose save returned and that is missing or altered afterwards is lost.
- byte-flips: 1 to 3 bits flipped in one file of an index folder at a time (catalogue, tantivy
  segments, manifests; the file's date kept, as bit rot keeps it), then `search` twice. Other hits,
  titles, snippets or facets than the undamaged index gave are damage served; one warning line is fine.

Run: .venv/bin/python tests/perf/attack.py [--quick] [--only NAME] [--seed N] [--keep]
Figures, not asserts: prints the environment, a markdown table and the first failures of each attack
(input and symptom); exits 1 when an attack failed. About 7 minutes on two shared cores (--quick: 1).

It never touches the user's data: every data dir is in a temporary folder, ARCHIVE_VIEWER_HOME points
there too, and the in-process commands run with that folder as the working directory. Outputs
(-o, --csv) are never /dev/null and --portable is never given: run as root, a bug could otherwise
replace a device or write beside the program.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.core.search.brute_force import matching  # noqa: E402
from viewer.core.ingest import ingest_archive  # noqa: E402
from viewer.core.search.query import parse_query  # noqa: E402
from viewer.errors import QuerySyntaxError  # noqa: E402
from viewer.paths import HOME_ENV, DataPaths  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "poetry"
SEEDS = REPO / "seeds"
SAMPLE_EVERY = 5  # every fifth file of the corpus: the 2 MB sample (174 files)
SLOW_SECONDS = 1.0  # a query must be answered within this
MAX_EXAMPLES = 8  # failures listed per attack
ALL_HITS = "100000"  # --limit that returns every hit of FIXED_QUERIES
# Queries with a known answer (the oracle's), for the seeds and the sample: fields, NOT, OR, phrases,
# document mode (kind:, folder:), and 攻击, which only the lines the kill attack appends contain.
FIXED_QUERIES = ["明月", "山 -水", "春风 OR 秋风", "title:李", "kind:other", "folder:全唐诗", '"白日"']
FIXED_QUERIES += [
    "天下 (人 OR 心)",
    "攻击",
    "区域合作",
    "協同發展",
    "赤峰 -通辽",
    "kind:yearbook",
    "year:2015",
]


@dataclass(frozen=True)
class Sizes:
    """How much of each attack a run makes."""

    queries: int
    cli_queries: int
    oracle_every: int
    arguments: int
    index_kills: int
    excerpt_kills: int
    flip_tries: int
    flip_archives: tuple[str, ...]


FULL = Sizes(4000, 200, 20, 1000, 30, 30, 3, ("seeds", "sample"))
QUICK = Sizes(600, 60, 40, 150, 6, 6, 1, ("seeds",))


@dataclass
class Outcome:
    """One attack's figures, and the first failures in words."""

    name: str
    lost_means: str
    tries: int = 0
    failures: int = 0
    lost: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    kinds: dict[str, list[Any]] = field(default_factory=dict)  # symptom -> [count, first failure]

    def fail(self, what: str, kind: str | None = None) -> None:
        """Count a failure; the first of each kind of symptom (numbers and temp paths aside) is shown."""
        self.failures += 1
        key = re.sub(r"\d+", "N", re.sub(r"/tmp/attack-\w+", "", kind if kind is not None else what))
        self.kinds.setdefault(key, [0, what])[0] += 1


@dataclass
class Run:
    """What every attack shares: the work folder, the sizes and the seed."""

    work: Path
    sizes: Sizes
    seed: int
    flipped_files: int = 0
    empty_files: int = 0

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}-{name}")

    def sample(self) -> Path:
        """The 2 MB sample of the corpus (its folders kept), built once."""
        root = self.work / "sample"
        if not root.exists():
            for path in sorted(CORPUS.rglob("*.txt"))[SAMPLE_EVERY - 1 :: SAMPLE_EVERY]:
                target = root / path.relative_to(CORPUS)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
        return root


def shown(value: Any, limit: int = 110) -> str:
    """A repr short enough for a report line."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} chars)"


def raised(exc: BaseException) -> str:
    """An exception in one line: type, message, and where (in our code, then where it was raised)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(REPO / "viewer"))]
    places = [
        f"{Path(f.filename).relative_to(REPO) if f in ours else Path(f.filename).name}:{f.lineno}"
        for f in ([ours[-1]] if ours else []) + frames[-1:]
    ]
    return f"{type(exc).__name__}: {shown(str(exc), 100)} at {' < '.join(dict.fromkeys(reversed(places)))}"


def last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def stderr_problem(stderr: str) -> str | None:
    """A traceback or an unexpected error on stderr, in one line."""
    if "Traceback" in stderr:
        return f"traceback on stderr: {last_line(stderr)}"
    for line in stderr.splitlines():
        if "unexpected error" in line:
            return f"stderr: {line.strip()}"
    return None


# ---------------------------------------------------------------- the CLI and the oracle


def cli_env(home: Path) -> dict[str, str]:
    return {**os.environ, HOME_ENV: str(home), "QT_QPA_PLATFORM": "offscreen"}


def cli(home: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m viewer ARGS` with `home` as the data dir (and ARCHIVE_VIEWER_HOME)."""
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=cli_env(home),
        timeout=600,
        check=False,
    )


@dataclass(frozen=True)
class Answer:
    """A query's answer: total and hit ids; `view` digests what a reader sees (the oracle has none)."""

    total: int
    hits: frozenset[tuple[str, str]]
    view: str = ""


@dataclass
class CliSearch:
    """What `search --stdin --json` printed for a list of queries."""

    answers: dict[str, Answer]
    problem: str | None  # a traceback, an unexpected error, an exit code, output that is not JSON
    warnings: list[str]  # the lines on stderr


def search_cli(root: Path, data: Path, queries: list[str]) -> CliSearch:
    proc = cli(
        data,
        *("--archive", str(root), "--data-dir", str(data)),
        *("search", "--stdin", "--json", "--limit", ALL_HITS),
        stdin="".join(q + "\n" for q in queries).encode("utf-8"),
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    problem = stderr_problem(stderr)
    if problem is None and proc.returncode != 0:
        problem = f"exit {proc.returncode}: {last_line(stderr)}"
    answers: dict[str, Answer] = {}
    if problem is None:
        try:
            for line in proc.stdout.splitlines():
                item = json.loads(line)
                hits = item["hits"]
                view = json.dumps(
                    [item["facets"], [[h["source"], h["title"], h["snippet"], h["matches"]] for h in hits]],
                    ensure_ascii=False,
                    sort_keys=True,
                )
                answers[item["query"]] = Answer(
                    item["total_hits"],
                    frozenset((h["doc"], h["paragraph"]) for h in hits),
                    hashlib.sha1(view.encode()).hexdigest(),
                )
        except (ValueError, KeyError, TypeError) as exc:
            problem = f"output that is not the JSON expected ({type(exc).__name__}: {exc})"
        if problem is None and len(answers) != len(set(queries)):
            problem = f"{len(answers)} answers for {len(set(queries))} queries"
    return CliSearch(answers, problem, [line for line in stderr.splitlines() if line.strip()])


def oracle(root: Path, queries: list[str]) -> dict[str, Answer]:
    """The brute-force answers: every paragraph of the archive as read now, checked with `in`."""
    documents = ingest_archive(root).documents
    answers = {}
    for query in queries:
        found = matching(documents, parse_query(query))
        answers[query] = Answer(len(found), frozenset(found))
    return answers


def differences(expected: dict[str, Answer], got: dict[str, Answer]) -> list[str]:
    """One line per query answered otherwise (views compared only when both have one)."""
    lines = []
    for query, want in expected.items():
        have = got.get(query)
        if have is None:
            lines.append(f"{query}: no answer")
        elif (have.total, have.hits) != (want.total, want.hits):
            lines.append(
                f"{query}: {have.total} hits, not {want.total} "
                f"({len(want.hits - have.hits)} missing, {len(have.hits - want.hits)} extra)"
            )
        elif want.view and have.view != want.view:
            lines.append(f"{query}: same hits, but other titles, snippets or facets")
    return lines


def verdict(expected: dict[str, Answer], found: CliSearch) -> str:
    """ "right", or how a search went wrong, in a few words."""
    if found.problem:
        return f"failed ({found.problem})"
    wrong = differences(expected, found.answers)
    return f"still wrong ({summary(wrong)})" if wrong else "right"


def summary(lines: list[str]) -> str:
    return lines[0] + (f" (and {len(lines) - 1} more queries)" if len(lines) > 1 else "")


# ---------------------------------------------------------------- 1. queries


ASCII_WORDS = ["a", "the", "Li", "Bai", "OR", "AND", "NOT", "or", "and", "not", "TO", "x1", "foo_bar", "2015"]
ODD_CHARS = [
    *["\ud800", "\udfff", "\udcff", "\x00", "\x01", "\x07", "\x1b[31m", "\t", "\r", "\n", "\x7f", "\x85"],
    *["\u200b", "\u200d", "\ufeff", "\u202e", "\u2028", "\ufffd", "\uffff", "\ue000", "😀", "🀄", "e\u0301"],
    *["👨\u200d👩\u200d👧", "𠀀", "𪚥", "\U0010ffff", "ＯＲ", "（", "）", "“", "”"],
    *["「", "」", "：", "\u3000"],
    *["٣", "ß", "İ", "ﬁ", "Ⅻ", "①", "\\", "'", "`", "*", "?", "%", "_", "[", "]", "{", "}", "^", "~"],
    *["|", "&", "!", "+", "..", ":", "::", "\u0000明"],
]
ODD_QUERIES = [
    *["", " ", "OR", "AND", "NOT", "-", "--", "()", "(())", ")(", '""', '"', '" "', "OR OR", "明 OR"],
    *["OR 明", "明 AND", "NOT NOT 明", "- -明", "明 OR OR 月", "(明 OR) 月", "明)", "(明", "明 (", ":"],
    *["*", "?", "明*", "*月", "明?月", "title:*", "明~2", "明^3", "\\", "明\\", "[明 TO 月]", "明 || 月"],
    *["明 && 月", "!明", "+明", "year:", "year:..", "year:2015..", "year:..2015", "year:0..0", "year:-1"],
    *["year:....", "year:99999999999999999999", "year:2023..2014", "folder:", 'folder:""', "kind:"],
    *["title:", 'title:""', "author:", "section:", "-kind:other 明", "NOT year:0..9999", "-year:0..9999 月"],
    *["kind:other -kind:other"],
]
FIELD_VALUES: dict[str, tuple[list[str], list[str]]] = {  # good values, bad values
    "title": (["李", "春", '"明月"', "詩"], ["", '"', "(", '"x', *ODD_CHARS[:6]]),
    "author": (["李白", "杜甫", "纳兰性德", "曹操", "李谭芳"], ["", "李白)", "*"]),
    "section": (["概况", "卷一"], ["", '"', *ODD_CHARS[:4]]),
    "kind": (
        [
            *["yearbook", "official_notice", "journal_article", "newspaper", "other"],
            *["年鉴", "通知", "期刊"],
        ],
        ["poem", "", "YEARBOOK", "kind:", "年", "other)", "\ud800", "报纸 "],
    ),
    "year": (
        ["2015", "2023", "2014..2023", "..2000", "2000..", "0..9999", "1..1"],
        [
            *["abc", "", "2023..2014", "..", "...", "1..2..3", "99999999999999999999999", "-5", "２０１５"],
            *["2015-2016", "1e3", "0x7e0", "2015..abc", "٢٠١٥", "2015 ..2016"],
        ],
    ),
    "folder": (
        ["全唐诗", "宋词", '"御定全唐詩"', "全唐诗/", "元曲", '"a b/c"'],
        ["", "..", "../..", "/", "/etc", "a/../../b", '"', "\\", "全唐诗/../宋词", "\x00"],
    ),
}


class QueryFuzzer:
    """Seeded queries meant to break the parser and the engines, not to find anything in particular."""

    def __init__(self, rng: random.Random, cjk: list[str]) -> None:
        self.rng = rng
        self.cjk = cjk

    def query(self) -> str:
        roll = self.rng.random()
        if roll < 0.55:
            text = self.expression(self.rng.randint(0, 3))
        elif roll < 0.70:
            text = self.nested()
        elif roll < 0.80:
            text = self.long()
        elif roll < 0.92:
            text = self.weird(self.expression(1))
        else:
            text = self.rng.choice(ODD_QUERIES)
        return text[:10_000]

    def word(self) -> str:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.6:
            return "".join(rng.choice(self.cjk) for _ in range(rng.randint(1, 4)))
        if roll < 0.75:
            return rng.choice(ASCII_WORDS)
        if roll < 0.85:
            return rng.choice(ODD_CHARS) + rng.choice(self.cjk)
        if roll < 0.92:
            return str(rng.randint(0, 3000))
        return rng.choice(self.cjk) + rng.choice(["*", "?", "~", "^2", "*月", "%", "_"])  # wildcards

    def atom(self) -> str:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.45:
            return self.word()
        if roll < 0.60:
            phrase = " ".join(self.word() for _ in range(rng.randint(1, 3)))
            return '"' + phrase + ('"' if rng.random() < 0.95 else "")
        if roll < 0.80:
            return self.field()
        if roll < 0.97:
            return rng.choice(["-", "NOT ", "- ", "--", "-(", "NOT("]) + self.word()
        return rng.choice(["(", ")", '"', "OR", "AND", "NOT", "-", ":"])

    def field(self) -> str:
        rng = self.rng
        name = rng.choice([*FIELD_VALUES, "foo", "TITLE", "标题", "", "http"]) if rng.random() < 0.2 else ""
        name = name or rng.choice(list(FIELD_VALUES))
        good, bad = FIELD_VALUES.get(name, ([], ["x", "//example.com"]))
        value = rng.choice(good) if good and rng.random() < 0.75 else rng.choice([*bad, self.word()])
        if name in ("title", "author", "section") and rng.random() < 0.3:
            value = self.word()
        return f"{name}:{value}"

    def expression(self, depth: int) -> str:
        rng = self.rng
        parts = []
        for _ in range(rng.randint(1, 5)):
            part = self.expression(depth - 1) if depth > 0 and rng.random() < 0.3 else self.atom()
            if rng.random() < 0.25:
                part = rng.choice([f"({part})"] * 18 + [f"({part}", f"{part})"])
            parts.append(part)
        text = parts[0]
        for part in parts[1:]:
            text += rng.choice([" ", " ", " OR ", " AND ", " NOT ", " -", "  ", " or ", "|", "\u3000"]) + part
        return text

    def nested(self) -> str:
        rng = self.rng
        depth = rng.choice([1, 5, 31, 32, 33, 50, 100, 200, 300, rng.randint(1, 300)])
        word = self.word()
        kind = rng.choice(["paren", "not", "minus", "mixed", "open", "close", "or"])
        if kind == "paren":
            return "(" * depth + word + ")" * depth
        if kind == "not":
            return "NOT " * depth + word + " 明"
        if kind == "minus":
            return "明 " + "-" * depth + word
        if kind == "mixed":
            return "(NOT " * depth + word + ")" * depth + " 月"
        if kind == "open":
            return "(" * depth + word
        if kind == "close":
            return word + ")" * depth
        text = word
        for _ in range(depth):
            text = f"({text} OR {self.word()})"
        return text

    def long(self) -> str:
        rng = self.rng
        size = rng.choice([999, 1000, 1001, 2000, 5000, 10_000])
        kind = rng.choice(["or", "chars", "phrase", "terms", "field", "parens"])
        if kind == "or":
            return ("明 OR " * (size // 5 + 1))[:size]
        if kind == "chars":
            return "".join(rng.choice(self.cjk) for _ in range(size))
        if kind == "phrase":
            return '"' + "".join(rng.choice(self.cjk) for _ in range(size - 2)) + '"'
        if kind == "terms":
            return " ".join(self.word() for _ in range(rng.choice([63, 64, 65, 200, 1000])))[:size]
        if kind == "field":
            return "title:" + "李" * size
        return "(" * size

    def weird(self, base: str) -> str:
        rng = self.rng
        text = base
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(ODD_CHARS) + text[at:]
        return text


def cjk_pool(root: Path) -> list[str]:
    """CJK characters as often as the corpus has them (from every twentieth file)."""
    chars: list[str] = []
    for path in sorted(root.rglob("*.txt"))[::20]:
        text = path.read_text(encoding="utf-8", errors="replace")
        chars.extend(ch for ch in text if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0002ffff")
    return chars or ["明"]


def _search_once(index: Any, query: str) -> tuple[Any, float, str | None]:
    """(results or the QuerySyntaxError, seconds, what went wrong)."""
    started = time.perf_counter()
    try:
        results = index.search(query)
    except QuerySyntaxError as exc:
        seconds = time.perf_counter() - started
        return exc, seconds, ("a QuerySyntaxError of several lines" if "\n" in str(exc) else None)
    except Exception as exc:  # what the attack looks for
        return None, time.perf_counter() - started, raised(exc)
    seconds = time.perf_counter() - started
    if len(results.hits) != min(200, results.total_hits):
        return results, seconds, f"{len(results.hits)} hits on the page of {results.total_hits}"
    return results, seconds, None


def attack_queries(run: Run) -> Outcome:
    from viewer.core.archive_update import open_archive, refresh
    from viewer.core.search import SearchIndex

    out = Outcome("queries", "answers whose total differs from the brute-force oracle's")
    rng = run.rng("queries")
    data = run.work / "queries-data"
    index_dir = DataPaths(data).index_dir(CORPUS)  # where the CLI looks: it answers from the same index
    started = time.perf_counter()
    refresh(CORPUS, index_dir)
    out.notes.append(f"index of the corpus built in {time.perf_counter() - started:.0f} s")
    documents = ingest_archive(CORPUS).documents
    fuzzer = QueryFuzzer(rng, cjk_pool(CORPUS))
    queries = [fuzzer.query() for _ in range(run.sizes.queries)]
    archive = open_archive(CORPUS, index_dir)
    slow = checked = refused = answered = 0
    with SearchIndex.open(index_dir, archive.catalogue, "tantivy") as index:
        if not index.ready:
            out.fail(f"the corpus index is not ready: {index.problem}")
            return out
        for query in queries:
            out.tries += 1
            answer, seconds, problem = _search_once(index, query)
            if problem is None and seconds > SLOW_SECONDS:  # the machine is shared: time it again
                answer, seconds, problem = _search_once(index, query)
                if problem is None and seconds > SLOW_SECONDS:
                    slow += 1
                    problem = f"slow: {seconds:.2f} s (twice)"
            if problem is not None:
                out.fail(f"{shown(query)}: {problem}", problem)
                continue
            if isinstance(answer, QuerySyntaxError):
                refused += 1
                continue
            answered += 1
            if answered % run.sizes.oracle_every == 0:
                checked += 1
                found = matching(documents, parse_query(query))
                page = {(h.doc_id, h.paragraph_id) for h in answer.hits}
                if answer.total_hits != len(found) or not page <= found:
                    out.lost += 1
                    out.fail(
                        f"{shown(query)}: {answer.total_hits} hits, the oracle finds {len(found)}", "oracle"
                    )
        # The CLI reads one query per line (UTF-8, bad bytes replaced, stripped): the same queries as it
        # will see them, answered here first.
        lines = [q.replace("\n", " ") for q in queries[:: max(1, len(queries) // run.sizes.cli_queries)]]
        lines = lines[: run.sizes.cli_queries]
        as_read = [q.encode("utf-8", "surrogatepass").decode("utf-8", "replace").strip() for q in lines]
        expected: list[tuple[str, int | None]] = []
        for query in as_read:
            if query:
                answer, _seconds, _problem = _search_once(index, query)
                expected.append((query, answer.total_hits if hasattr(answer, "total_hits") else None))
    archive.catalogue.close()
    out.notes.append(
        f"{refused} refused with QuerySyntaxError, {slow} slow (> {SLOW_SECONDS:.0f} s twice), "
        f"{checked} compared with the oracle"
    )
    _queries_through_cli(out, data, lines, expected)
    return out


def _queries_through_cli(out: Outcome, data: Path, lines: list[str], expected: list[tuple[str, Any]]) -> None:
    """`search --stdin --json` over `lines`: one JSON line each, with the in-process totals."""
    stdin = b"".join(q.encode("utf-8", "surrogatepass") + b"\n" for q in lines)
    places = ["--archive", str(CORPUS), "--data-dir", str(data)]
    proc = cli(data, *places, "search", "--stdin", "--json", "--limit", "3", stdin=stdin)
    out.tries += len(lines)
    stderr = proc.stderr.decode("utf-8", "replace")
    problem = stderr_problem(stderr)
    if problem or proc.returncode not in (0, 2):
        out.fail(f"search --stdin --json ({len(lines)} queries): {problem or f'exit {proc.returncode}'}")
        return
    answers = proc.stdout.splitlines()
    if len(answers) != len(expected):
        out.fail(f"search --stdin --json: {len(answers)} answers for {len(expected)} non-empty lines")
    wrong = 0
    for raw, (query, total) in zip(answers, expected, strict=False):
        try:
            item = json.loads(raw)
        except ValueError:
            out.fail(f"search --stdin --json, {shown(query)}: not JSON: {shown(raw)}")
            continue
        got = item.get("total_hits") if "error" not in item else None
        if got != total:
            wrong += 1
            out.fail(f"search --stdin --json, {shown(query)}: {got} hits, in-process {total}", "cli total")
    out.notes.append(f"{len(lines)} of them through `search --stdin --json` ({wrong} answered otherwise)")


# ---------------------------------------------------------------- 2. arguments


NEVER = {"--portable", "--self-test", "--startup-probe"}  # writes beside the program / starts the window
NUMBERS = [0, 1, 2, 3, 5, 20, -1, -5, -(2**63), -(2**63) - 1, 2**62, 2**63 - 1, 2**63, 2**64, 10**20, 10**100]
NOT_NUMBERS = ["", "abc", "1.5", "1e3", "0x10", "١٢", " 7", "+3", "٣", "--1", "1_000"]
JUNK_TOKENS = ["--bogus", "extra", "-x", "--json=1", "--", "-", "--limit", "--archive", "明月"]


def _argv_text(text: str) -> str:
    """`text` as a real argv could carry it: no NUL, and only the surrogates surrogateescape makes."""
    raw = bytearray()
    for char in text.replace("\x00", ""):
        if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8, as Python decoded it
            raw.append(ord(char) - 0xDC00)
        else:
            raw += char.encode("utf-8", "surrogatepass")
    return os.fsdecode(bytes(raw))


class ArgPools:
    """Values for each kind of argument: good ones most of the time, and every kind of bad one."""

    def __init__(self, rng: random.Random, base: Path, archive: Path, data: Path) -> None:
        self.rng, self.base, self.archive_dir, self.data_dir_path = rng, base, archive, data
        self.counter = 0
        a_file = next(iter(sorted(archive.glob("*.txt"))))
        (base / "empty").mkdir()
        (base / "a-file").write_text("not a folder\n", encoding="utf-8")
        bad_name = Path(os.fsdecode(os.fsencode(str(base)) + b"/bad\xff\xfe"))
        shutil.copytree(SEEDS, bad_name)
        os.symlink("loop", base / "loop")
        os.symlink("nowhere", base / "dangling")
        missing = str(base / "missing" / "deeper")
        self.bad_archives = [missing, str(base / "a-file"), "/dev/null", str(base / "empty"), str(bad_name)]
        self.bad_archives += ["", str(base / "loop")]
        self.bad_data = [str(base / "a-file"), "/dev/null", "", str(base / "a-file" / "under"), str(archive)]
        self.bad_data += [str(bad_name / "data"), str(base / "loop")]
        self.docs = [str(a_file), str(SEEDS / a_file.name), str(base / "empty"), "/dev/null", missing, ""]
        self.docs += [os.fsdecode(b"bad\xff.txt"), "../" + a_file.name, "*", a_file.name.upper(), "-1"]
        self.paragraphs = ["", "x", "p1", "-p1"]
        self.texts = ["", "明月", "赤峰", "区域合作", "a", "x" * 3000, "长" * 100_000, "\t", "-", "--", "-明"]
        self.texts += [os.fsdecode(b"bad\xff\xfename"), "\x1b[31m红\x1b[0m", "line\nbreak", "😀", "\u202e反"]
        self.texts += ["'; DROP TABLE excerpts; --", "=1+2", "@SUM(A1)", "../../etc/passwd", "%s%n", "{0}"]
        self.texts += ["\ud800"]
        self.good_docs: list[str] = []
        self.good_paragraphs: list[str] = []

    def learn(self, docs: list[str], paragraphs: list[str]) -> None:
        """Add the archive's own document and paragraph ids (the good values)."""
        self.docs += docs
        self.paragraphs += [*paragraphs, f"{docs[0]}-p999999", f"{docs[0]}-p-1", f"{docs[-1]}-p1"]
        self.good_docs, self.good_paragraphs = docs, paragraphs

    def archive(self) -> str:
        return str(self.archive_dir) if self.rng.random() < 0.85 else self.rng.choice(self.bad_archives)

    def data_dir(self) -> str:
        if self.rng.random() < 0.85:
            return str(self.data_dir_path)
        self.counter += 1
        return self.rng.choice([*self.bad_data, str(self.base / "fresh" / f"d{self.counter}")])

    def output(self) -> str:
        self.counter += 1
        fresh = str(
            self.base / "out" / f"x{self.counter}.{self.rng.choice(['csv', 'md', 'txt', 'docx', 'pdf'])}"
        )
        choices = [str(self.base / "a-file"), str(self.base / "empty"), str(self.base / "missing" / "x.csv")]
        choices += [
            str(self.base / "a-file" / "x.csv"),
            os.fsdecode(os.fsencode(str(self.base)) + b"/o\xff.csv"),
        ]
        choices += ["", str(self.base / "dangling"), "relative.csv", str(self.base / "loop")]
        return fresh if self.rng.random() < 0.5 else self.rng.choice(choices)

    def number(self) -> str:
        if self.rng.random() < 0.85:
            return str(self.rng.choice(NUMBERS))
        return self.rng.choice(NOT_NUMBERS)

    def text(self) -> str:
        return self.rng.choice(self.texts)


def command_parsers(parser: argparse.ArgumentParser) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every command (('list',), ('excerpt', 'add'), …) and its parser, read from the real parser."""
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def walk(current: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found[path] = current
            return
        for name, sub in subs[0].choices.items():
            walk(sub, (*path, name))

    walk(parser, ())
    return found


class ArgvFuzzer:
    """argv for viewer.cli.main: always a command (never the window), options drawn from its parser."""

    def __init__(
        self, rng: random.Random, pools: ArgPools, parser: argparse.ArgumentParser, queries: QueryFuzzer
    ):
        self.rng, self.pools, self.queries = rng, pools, queries
        self.commands = command_parsers(parser)

    def argv(self) -> list[str]:
        rng, pools = self.rng, self.pools
        places = ["--archive", pools.archive(), "--data-dir", pools.data_dir()]
        if rng.random() < 0.03:
            odd = [
                ["excerpt"],
                ["foo"],
                ["--version"],
                ["search", "--help"],
                ["excerpt", "bogus"],
                ["list", "--json", "--json"],
            ]
            odd += [["--engine", "lucene", "list"], ["list", "--archive"], ["search", "明月", "extra"]]
            return [*places, *rng.choice(odd)]
        path = rng.choice(sorted(self.commands))
        options: list[list[str]] = []
        positionals: list[str] = []
        for action in self.commands[path]._actions:
            if not action.option_strings:
                if (action.nargs == "?" and rng.random() < 0.4) or rng.random() < 0.04:
                    continue
                count = rng.randint(1, 3) if action.nargs in ("+", "*") else 1
                positionals += [self.value(action) for _ in range(count)]
                continue
            if set(action.option_strings) & NEVER or action.dest in ("archive", "data_dir"):
                continue
            if isinstance(action, argparse._HelpAction | argparse._VersionAction):
                if rng.random() < 0.01:
                    options.append([action.option_strings[-1]])
                continue
            if rng.random() >= (0.9 if action.required else 0.35):
                continue
            flag = rng.choice(action.option_strings)
            if action.nargs == 0:
                options.append([flag])
                continue
            for _ in range(rng.choice([1, 1, 1, 2]) if action.dest == "tag" else 1):
                value = self.value(action)
                options.append(
                    [f"{flag}={value}"] if flag.startswith("--") and rng.random() < 0.15 else [flag, value]
                )
        front: list[str] = []
        for option in (places[:2], places[2:]):  # before the command, as `archive-viewer --archive A list`
            if rng.random() < 0.3:
                front += option
            else:
                options.append(option)
        rng.shuffle(options)
        rest = [word for option in options for word in option]
        tail = rest + positionals if rng.random() < 0.6 else positionals + rest
        argv = [*front, *path, *tail]
        if rng.random() < 0.04:
            argv.insert(rng.randint(len(front) + len(path), len(argv)), rng.choice(JUNK_TOKENS))
        return [_argv_text(word) for word in argv]

    def value(self, action: argparse.Action) -> str:
        rng, pools, dest = self.rng, self.pools, action.dest
        if dest in ("output", "csv"):
            return pools.output()
        if dest == "doc":
            return rng.choice(pools.good_docs) if rng.random() < 0.7 else rng.choice(pools.docs)
        if dest in ("paragraph", "end_paragraph"):
            return rng.choice(pools.good_paragraphs) if rng.random() < 0.7 else rng.choice(pools.paragraphs)
        if dest == "query":
            return self.queries.query() if rng.random() < 0.5 else rng.choice(FIXED_QUERIES)
        if action.choices:
            return str(rng.choice(list(action.choices))) if rng.random() < 0.85 else pools.text()
        if action.type not in (None, str):
            return pools.number()
        return pools.text()


@dataclass
class InProcess:
    """What one in-process main(argv) did."""

    code: int | None
    stdout: bytes
    stderr: str
    escaped: str | None  # an exception that escaped main
    seconds: float


def run_main(argv: list[str], stdin: bytes = b"") -> InProcess:
    """viewer.cli.main(argv) with its standard streams captured as a terminal would take them (stderr
    with backslashreplace, as Python's own; stdout strict UTF-8)."""
    from viewer.cli import main as cli_main

    out_buffer, err_buffer = io.BytesIO(), io.BytesIO()
    saved = (sys.stdin, sys.stdout, sys.stderr, sys.excepthook, threading.excepthook)
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(out_buffer, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err_buffer, encoding="utf-8", errors="backslashreplace", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = streams
    code = escaped = None
    started = time.perf_counter()
    try:
        code = cli_main(argv)
    except BaseException as exc:  # what escapes main is the finding
        escaped = raised(exc)
    finally:
        for stream in streams:
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdin, sys.stdout, sys.stderr, sys.excepthook, threading.excepthook = saved
        for stream in streams:
            stream.detach()  # so the wrappers never close the buffers read below
    seconds = time.perf_counter() - started
    return InProcess(
        code, out_buffer.getvalue(), err_buffer.getvalue().decode("utf-8", "replace"), escaped, seconds
    )


def argument_problem(result: InProcess, argv: list[str]) -> str | None:
    if result.escaped:
        return f"escaped main: {result.escaped}"
    problem = stderr_problem(result.stderr)
    if problem:
        return problem
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    verbose = "-v" in argv or "--verbose" in argv  # logs to stderr on purpose
    if result.code != 0 and len(lines) > 1 and not verbose:
        return f"exit {result.code} with {len(lines)} lines on stderr: {shown(lines[0], 70)} / {shown(lines[1], 70)}"
    if result.code not in (0, 1, 2, 130):
        return f"exit {result.code}"
    return None


def stored_excerpts(data: Path) -> dict[int, str] | str:
    """id -> text hash of every excerpt in the data dir's store, or what is wrong with the store."""
    from viewer.core.excerpts import ExcerptStore

    path = DataPaths(data).excerpts_db
    if not path.exists():
        return {}
    try:
        with ExcerptStore(path) as store:
            if store.recovered is not None:
                return f"the store was set aside: {store.recovered}"
            return {e.id: e.text_hash for e in store.list(all_collections=True)}
    except Exception as exc:  # reported as data lost
        return f"{type(exc).__name__}: {exc}"


def _whole_numbers(words: list[str]) -> Iterator[int]:
    """The words that int() takes, as `excerpt delete` reads its ids ('+3', ' 7' and '١٢' too)."""
    for word in words:
        with contextlib.suppress(ValueError):
            yield int(word)


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def attack_arguments(run: Run) -> Outcome:
    from viewer.cli import build_parser

    out = Outcome("arguments", "excerpts gone or altered by a command that did not delete them")
    rng = run.rng("arguments")
    base = run.work / "arguments"
    archive, data = base / "archive", base / "data"
    shutil.copytree(SEEDS, archive)
    (base / "cwd").mkdir()
    pools = ArgPools(rng, base, archive, data)
    fuzzer = ArgvFuzzer(rng, pools, build_parser(), QueryFuzzer(rng, cjk_pool(archive)))
    places = ["--archive", str(archive), "--data-dir", str(data)]
    with working_directory(base / "cwd"):
        listed = run_main([*places, "list", "--json"])
        docs = [d["id"] for d in json.loads(listed.stdout)["documents"]]
        paragraphs = []
        for doc in docs:
            shown_doc = json.loads(run_main([*places, "show", doc, "--json"]).stdout)
            paragraphs += [p for s in shown_doc["sections"] for p in s["paragraph_ids"]][:5]
        pools.learn(docs, paragraphs)
        for doc, paragraph in zip(docs, paragraphs[::5], strict=False):  # a few excerpts to lose
            run_main(
                [*places, "excerpt", "add", doc, "--paragraph", paragraph, "--end", "4", "--note", "攻击"]
            )
        before = stored_excerpts(data)
        slowest = (0.0, [""])
        codes: dict[int | None, int] = {}
        failed: dict[str, str] = {}
        for _ in range(run.sizes.arguments):
            argv = fuzzer.argv()
            stdin = b"\xff\xfe\n\xe6\x98\x8e\xe6\x9c\x88\n\n(((\n" if "--stdin" in argv else b""
            result = run_main(argv, stdin)
            out.tries += 1
            codes[result.code] = codes.get(result.code, 0) + 1
            if result.code == 1 and len(failed) < 6:  # the handled failures, for the report
                line = re.sub(r"/tmp/attack-\w+", "…", last_line(result.stderr))
                failed.setdefault(re.sub(r"\d+", "N", line)[:60], f"{line[:150]} ({shown(argv, 160)})")
            slowest = max(slowest, (result.seconds, argv))
            problem = argument_problem(result, argv)
            if problem:
                out.fail(f"{shown(argv, 200)}: {problem}", problem)
            after = stored_excerpts(data)
            deleted = set(_whole_numbers(argv)) if "delete" in argv else set()
            if isinstance(before, dict) and isinstance(after, dict):
                gone = sorted(
                    i for i, digest in before.items() if i not in deleted and after.get(i) != digest
                )
                if gone:
                    out.lost += len(gone)
                    out.fail(f"{shown(argv, 200)}: excerpts {gone} gone or altered", "gone")
            elif isinstance(after, str) and not isinstance(before, str):
                out.lost += len(before) if isinstance(before, dict) else 1
                out.fail(f"{shown(argv, 200)}: excerpt store: {after}")
            before = after
    _drop_log_handlers()
    count = len(before) if isinstance(before, dict) else before
    out.notes += [f"exit 1, one line: {line}" for line in failed.values()]
    out.notes.append("exit codes: " + ", ".join(f"{code}: {n}" for code, n in sorted(codes.items(), key=str)))
    out.notes.append(
        f"{count} excerpts in the store at the end; slowest {slowest[0]:.1f} s: {shown(slowest[1], 90)}"
    )
    return out


def _drop_log_handlers() -> None:
    """The in-process runs left their log handlers on the root logger (pointing at closed streams)."""
    import logging

    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_archive_viewer_handler", False)]:
        root.removeHandler(handler)
        with contextlib.suppress(Exception):
            handler.close()


# ---------------------------------------------------------------- 3. kills during indexing


MODES = {"first": ["index"], "update": ["index"], "rebuild": ["index", "--rebuild"]}


def mutate(root: Path, rng: random.Random, run: int) -> None:
    """Edits between runs, so every index run has work: two files appended to, one touched, a file
    added and older ones removed (which also changes a folder's time, so `search` looks again)."""
    files = sorted(p for p in root.rglob("*.txt") if not p.name.startswith("攻击"))
    for path in rng.sample(files, 2):
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"\n攻击{run}：{rng.choice(['明月照人', '秋风起兮', '白日依山尽'])}\n")
    os.utime(rng.choice(files))
    added = root / f"攻击{run:03d}.txt"
    added.write_text(f"攻击第{run}号\n\n明月照攻击{run}。\n\n春风 秋风\n", encoding="utf-8")
    for old in sorted(root.glob("攻击*.txt")):
        if old != added and rng.random() < 0.7:
            old.unlink()


def index_state(root: Path, data: Path) -> str:
    """How the catalogue and the index stand with each other (what `search` could have noticed)."""
    from viewer.core.archive_update import open_archive
    from viewer.core.search import SearchIndex

    index_dir = DataPaths(data).index_dir(root)
    try:
        archive = open_archive(root, index_dir)
        catalogue = archive.catalogue
        try:
            with SearchIndex.open(index_dir, catalogue, "tantivy") as index:
                hashes, indexed = catalogue.text_hashes(), catalogue.indexed("tantivy")
                behind = sum(indexed.get(d) != h for d, h in hashes.items()) + len(
                    indexed.keys() - hashes.keys()
                )
                return (
                    f"catalogue finished cleanly: {catalogue.finished_cleanly()}, same index identity: "
                    f"{catalogue.index_identity('tantivy') == index.backend.identity}, documents the index "
                    f"lacks or holds in an old version: {behind}, needs_update(): {index.needs_update()}"
                )
        finally:
            catalogue.close()
    except Exception as exc:  # a diagnosis only
        return f"state unknown ({type(exc).__name__}: {exc})"


def index_said(proc: subprocess.CompletedProcess[bytes]) -> str:
    return f": {last_line(proc.stderr.decode('utf-8', 'replace'))}" if proc.returncode else ""


def attack_index_kills(run: Run) -> Outcome:
    out = Outcome("index-kills", "kills after which `search` served wrong hits (damage served)")
    rng = run.rng("index-kills")
    root, data = run.work / "kill-archive", run.work / "kill-data"
    shutil.copytree(run.sample(), root)
    places = ["--archive", str(root), "--data-dir", str(data)]
    durations: dict[str, float] = {}
    for mode in ("first", "update", "rebuild"):  # how long each takes undisturbed, so kills land within it
        if mode == "update":
            mutate(root, rng, 0)
        started = time.perf_counter()
        proc = cli(data, *places, *MODES[mode])
        durations[mode] = time.perf_counter() - started
        if proc.returncode != 0:
            out.fail(
                f"undisturbed `{' '.join(MODES[mode])}`: exit {proc.returncode}: {last_line(proc.stderr.decode())}"
            )
    found = search_cli(root, data, FIXED_QUERIES)
    wrong = differences(oracle(root, FIXED_QUERIES), found.answers)
    if found.problem or wrong:
        out.fail(f"the undisturbed index is already wrong: {found.problem or summary(wrong)}; no kills made")
        return out
    out.notes.append("undisturbed: " + ", ".join(f"{m} {s:.1f} s" for m, s in durations.items()))
    finished = healed = 0
    for number in range(1, run.sizes.index_kills + 1):
        mode = "first" if number % 10 == 0 else ("rebuild" if number % 2 else "update")
        if mode == "first":
            shutil.rmtree(data / "indexes", ignore_errors=True)
        mutate(root, rng, number)
        delay = rng.uniform(0.05, durations[mode] * 1.1)
        label = f"kill {number} ({' '.join(MODES[mode])}{', first build' if mode == 'first' else ''}, at {delay:.2f} s)"
        worker = subprocess.Popen(
            [sys.executable, "-m", "viewer", *places, *MODES[mode]],
            cwd=REPO,
            env=cli_env(data),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: a reader child dies with it
        )
        try:
            _out, err = worker.communicate(timeout=delay)
            finished += 1
            if worker.returncode != 0 or stderr_problem(err.decode("utf-8", "replace")):
                out.fail(
                    f"{label}: finished first, exit {worker.returncode}: {last_line(err.decode('utf-8', 'replace'))}"
                )
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.communicate()
        out.tries += 1
        expected = oracle(root, FIXED_QUERIES)
        found = search_cli(root, data, FIXED_QUERIES)
        if found.problem:
            out.fail(f"{label}: `search` after it: {found.problem}", found.problem)
            continue
        wrong = differences(expected, found.answers)
        if not wrong:
            if len(found.warnings) > 1:
                out.notes.append(
                    f"{label}: right, {len(found.warnings)} lines on stderr: {shown(found.warnings[:2], 150)}"
                )
            continue
        out.lost += 1
        state = index_state(root, data)
        again = verdict(expected, search_cli(root, data, FIXED_QUERIES))
        proc = cli(data, *places, "index")
        after_index = verdict(expected, search_cli(root, data, FIXED_QUERIES))
        healed += after_index == "right"
        out.fail(
            f"{label}: wrong hits served: {summary(wrong)}; a second search: {again}; after an undisturbed "
            f"`index` (exit {proc.returncode}{index_said(proc)}): {after_index}; before that: {state}; stderr of the first "
            f"search: {len(found.warnings)} lines, e.g. {shown(found.warnings[:1], 120)}",
            f"wrong hits {mode} {again[:5]} {after_index[:5]}",
        )
    final = cli(data, *places, "index")
    last = verdict(oracle(root, FIXED_QUERIES), search_cli(root, data, FIXED_QUERIES))
    out.notes.append(
        f"{finished} runs finished before their kill; {healed} of {out.lost} wrong indexes were right again "
        f"after an undisturbed `index`; after the last kill an undisturbed `index` "
        f"(exit {final.returncode}), then `search`: {last}"
    )
    return out


# ---------------------------------------------------------------- 4. kills during excerpt writes


def attack_excerpt_kills(run: Run) -> Outcome:
    from viewer.core.anchor import text_hash
    from viewer.core.excerpts import ExcerptStore

    out = Outcome("excerpt-kills", "excerpts or note edits whose save returned, then missing or altered")
    rng = run.rng("excerpt-kills")
    path = run.work / "crash" / "excerpts.sqlite3"
    path.parent.mkdir()
    saved: dict[int, str] = {}  # id -> text hash, for every add that returned
    notes: dict[int, tuple[int, int]] = {}  # id -> (run, counter) of the last note edit that returned
    lost_ids: set[int] = set()
    lost_edits: set[int] = set()
    operations = 0
    for number in range(run.sizes.excerpt_kills):
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.core.crash_worker", str(path), str(number)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert worker.stdout is not None
        out.tries += 1
        if worker.stdout.readline().strip() != b"READY":
            worker.kill()
            _o, err = worker.communicate()
            out.fail(f"kill {number}: the writer did not start: {last_line(err.decode('utf-8', 'replace'))}")
            continue
        delay = rng.uniform(0.02, 0.4)  # a random moment, usually mid-transaction
        time.sleep(delay)
        worker.send_signal(signal.SIGKILL)
        stdout, stderr = worker.communicate()
        label = f"kill {number} at {delay:.2f} s"
        if worker.returncode != -signal.SIGKILL:
            out.fail(
                f"{label}: the writer stopped by itself (exit {worker.returncode}): {last_line(stderr.decode())}"
            )
        for line in stdout.decode().splitlines():
            parts = line.split()
            if parts[:1] == ["A"] and len(parts) == 3:
                saved[int(parts[1])] = parts[2]
                operations += 1
            elif parts[:1] == ["N"] and len(parts) == 4:
                notes[int(parts[1])] = (int(parts[2]), int(parts[3]))
                operations += 1
        problems = []
        with contextlib.closing(sqlite3.connect(path)) as raw:
            check = raw.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            problems.append(f"PRAGMA integrity_check: {check}")
        try:
            with ExcerptStore(path) as store:
                if store.recovered is not None:
                    problems.append(f"the store was set aside: {store.recovered}")
                if store.integrity_check() != "ok":
                    problems.append(f"integrity_check: {store.integrity_check()}")
                live = {e.id: e for e in store.list(all_collections=True)}
                positions = [e.position for e in store.list()]
        except Exception as exc:  # the attack's finding
            out.fail(f"{label}: opening the store: {type(exc).__name__}: {exc}")
            continue
        for excerpt_id, digest in saved.items():
            excerpt = live.get(excerpt_id)
            if excerpt is None or not excerpt.text_hash == digest == text_hash(excerpt.text):
                if excerpt_id not in lost_ids:
                    problems.append(f"excerpt {excerpt_id} {'lost' if excerpt is None else 'altered'}")
                lost_ids.add(excerpt_id)
        for excerpt_id, (note_run, counter) in notes.items():
            excerpt = live.get(excerpt_id)
            try:
                kept = excerpt is not None and tuple(map(int, excerpt.note.split(":"))) >= (note_run, counter)
            except ValueError:
                kept = False
            if not kept and excerpt_id not in lost_edits and excerpt_id not in lost_ids:
                problems.append(f"the note edit {note_run}:{counter} of excerpt {excerpt_id} lost")
                lost_edits.add(excerpt_id)
        if len(positions) != len(set(positions)):
            problems.append("two excerpts share a position")
        if problems:
            out.fail(f"{label}: {'; '.join(problems[:3])}{' …' if len(problems) > 3 else ''}")
    out.lost = len(lost_ids) + len(lost_edits)
    out.notes.append(f"{len(saved)} excerpts and {operations} confirmed operations checked after each kill")
    return out


# ---------------------------------------------------------------- 5. byte flips


def flip_bits(path: Path, rng: random.Random) -> list[tuple[int, int]]:
    """Flip 1 to 3 random bits of `path` in place, keeping its date (bit rot does not touch it)."""
    status = path.stat()
    data = bytearray(path.read_bytes())
    flips = []
    for _ in range(rng.randint(1, 3)):
        offset, bit = rng.randrange(len(data)), rng.randrange(8)
        data[offset] ^= 1 << bit
        flips.append((offset, bit))
    path.write_bytes(bytes(data))
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    return flips


def attack_byte_flips(run: Run) -> Outcome:
    out = Outcome("byte-flips", "tries where `search` served other answers than the undamaged index")
    rng = run.rng("byte-flips")
    unnoticed = warned = noisy = 0
    for label in run.sizes.flip_archives:
        root, data = run.work / f"flip-{label}", run.work / f"flip-{label}-data"
        shutil.copytree(SEEDS if label == "seeds" else run.sample(), root)
        built = cli(data, "--archive", str(root), "--data-dir", str(data), "index")
        pristine_answers = search_cli(root, data, FIXED_QUERIES)
        wrong = differences(oracle(root, FIXED_QUERIES), pristine_answers.answers)
        if built.returncode != 0 or pristine_answers.problem or wrong:
            out.fail(
                f"{label}: the undamaged index is already wrong: {pristine_answers.problem or summary(wrong)}"
            )
            continue
        indexes = data / "indexes"
        pristine = run.work / f"flip-{label}-pristine"
        shutil.copytree(indexes, pristine, symlinks=True)
        files = sorted(p for p in pristine.rglob("*") if p.is_file())
        run.empty_files += sum(1 for p in files if p.stat().st_size == 0)
        for source in [p for p in files if p.stat().st_size > 0]:
            run.flipped_files += 1
            relative = source.relative_to(pristine)
            for _ in range(run.sizes.flip_tries):
                shutil.rmtree(indexes)
                shutil.copytree(pristine, indexes, symlinks=True)
                flips = flip_bits(indexes / relative, rng)
                where = f"{label}: {relative.as_posix()}, bits (offset, bit) {flips}"
                out.tries += 1
                first = search_cli(root, data, FIXED_QUERIES)
                second = search_cli(root, data, FIXED_QUERIES)  # does the damage stay?
                wrong = [] if first.problem else differences(pristine_answers.answers, first.answers)
                wrong_later = [] if second.problem else differences(pristine_answers.answers, second.answers)
                later = second.problem or (
                    "damage served: " + summary(wrong_later) if wrong_later else "right"
                )
                out.lost += bool(wrong) or bool(wrong_later)
                if first.problem:
                    said = f" (after: {shown(first.warnings[0], 200)})" if len(first.warnings) > 1 else ""
                    out.fail(f"{where}: {first.problem}{said}; the next search: {later}", first.problem)
                elif wrong:
                    out.fail(f"{where}: damage served: {summary(wrong)}; the next search: {later}", "served")
                elif second.problem or wrong_later:
                    out.fail(f"{where}: the first search right, the next: {later}", later)
                elif len(first.warnings) > 1:
                    noisy += 1
                    if noisy <= 3:
                        out.notes.append(
                            f"{where}: right, with {len(first.warnings)} stderr lines: {shown(first.warnings, 600)}"
                        )
                elif first.warnings:
                    warned += 1
                else:
                    unnoticed += 1
    out.notes.insert(
        0,
        f"{run.flipped_files} files flipped ({run.empty_files} empty ones skipped); right answers: "
        f"{unnoticed} with no word, {warned} with one warning line, {noisy} with more lines",
    )
    return out


# ---------------------------------------------------------------- the run


ATTACKS: dict[str, Callable[[Run], Outcome]] = {
    "queries": attack_queries,
    "arguments": attack_arguments,
    "index-kills": attack_index_kills,
    "excerpt-kills": attack_excerpt_kills,
    "byte-flips": attack_byte_flips,
}


def _size_mb(root: Path) -> tuple[float, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def environment(run: Run, quick: bool) -> list[str]:
    corpus_mb, corpus_files = _size_mb(CORPUS)
    sample_mb, sample_files = _size_mb(run.sample())
    seeds_mb, seeds_files = _size_mb(SEEDS)
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.strip()
    return [
        f"- code: {commit or '?'} (the working tree as it was during the run), Python {sys.version.split()[0]}",
        f"- machine: {os.cpu_count()} cores, load average at the start {os.getloadavg()[0]:.1f}",
        f"- corpus: {CORPUS.name}, {corpus_mb:.1f} MB in {corpus_files} files; sample: every {SAMPLE_EVERY}th "
        f"file, {sample_mb:.1f} MB in {sample_files} files; seeds: {seeds_mb * 1000:.0f} kB in {seeds_files} files",
        f"- sizes: {'--quick' if quick else 'full'} {run.sizes}, seed {run.seed}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer tries: about 2 minutes")
    parser.add_argument("--only", action="append", choices=list(ATTACKS), help="run this attack (repeatable)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="attack-"))
    os.environ[HOME_ENV] = str(work / "home")  # nothing may reach the user's data dir
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    run = Run(work, QUICK if args.quick else FULL, args.seed)
    outcomes = []
    try:
        lines = environment(run, args.quick)
        for name in args.only or list(ATTACKS):
            started = time.perf_counter()
            try:
                outcome = ATTACKS[name](run)
            except Exception as exc:  # an attack that cannot go on is a failure, with its reason
                outcome = Outcome(name, "-")
                outcome.fail(f"the attack stopped: {raised(exc)}")
            outcome.seconds = time.perf_counter() - started
            outcomes.append(outcome)
            print(
                f"{name}: {outcome.tries} tries, {outcome.failures} failures, {outcome.seconds:.0f} s",
                file=sys.stderr,
            )
        lines.append(f"- files flipped: {run.flipped_files} ({run.empty_files} empty files skipped)")
        lines.append(f"- load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    print()
    print("| attack | tries | failures | data lost | seconds | data lost means |")
    print("|---|---:|---:|---:|---:|---|")
    for o in outcomes:
        print(f"| {o.name} | {o.tries} | {o.failures} | {o.lost} | {o.seconds:.0f} | {o.lost_means} |")
    for o in outcomes:
        print(f"\n{o.name}:")
        for note in o.notes:
            print(f"  - {note}")
        for count, first in list(o.kinds.values())[:MAX_EXAMPLES]:
            print(f"  - FAILURE{f' (×{count}, the first shown)' if count > 1 else ''}: {first}")
        if len(o.kinds) > MAX_EXAMPLES:
            print(f"  - … and {len(o.kinds) - MAX_EXAMPLES} more kinds of failure")
    return 1 if any(o.failures for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
