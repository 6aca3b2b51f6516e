"""Whitespace into the form the structure pass reads: one paragraph per line, nothing around it.

Line endings become "\\n"; indentation (full- or half-width) and trailing spaces go; inside a line a
run holding web spaces (no-break spaces, tabs) becomes one ASCII space (it separates names and subhead
halves, so it is kept, not deleted) and zero-width characters go; runs of blank lines become one.
Punctuation is never touched.
"""

from __future__ import annotations

import re

from viewer.core.documents import Repair, RepairChange
from viewer.core.repair.chars import SPACE_CLASS
from viewer.errors import message

KIND = "whitespace"
KIND_LINE_ENDINGS = "line_endings"

_ODD_SPACE = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f"  # web and word-processor spaces
_ZERO_WIDTH = "\u200b\u2060\ufeff"
# A run of spaces holding at least one odd space: one ASCII space. Runs of plain spaces or of
# ideographic spaces alone are the source's own typography ("二首  其一") and stay as they are.
_ODD_RUN_RE = re.compile(f"[ \u3000]*[{_ODD_SPACE}][ \u3000{_ODD_SPACE}]*")
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
# Space next to a line break, an odd space anywhere, or two blank lines in a row. (Cheaper than a
# multiline ^/$ pattern; the two ends of the text are checked apart.)
_NEEDS_WORK_RE = re.compile(f"[{_ODD_SPACE}{_ZERO_WIDTH}]|\\n(?=[{SPACE_CLASS}]|\\n\\n)|[ \\u3000]\\n")


def _needs_work(text: str) -> bool:
    return (
        text[:1].isspace()
        or text.endswith("\n\n")
        or (text[-1:].isspace() and text[-1:] != "\n")
        or bool(_NEEDS_WORK_RE.search(text))
    )


def _clean_line(line: str) -> str:
    return _ODD_RUN_RE.sub(" ", _ZERO_WIDTH_RE.sub("", line)).strip()  # str.strip() knows every Unicode space


def normalise_line_endings(text: str) -> tuple[str, list[Repair]]:
    """CRLF and lone CR line endings become LF."""
    if "\r" not in text:
        return text, []
    count = text.count("\r")
    fixed = text.replace("\r\n", "\n").replace("\r", "\n")
    return fixed, [
        Repair(
            KIND_LINE_ENDINGS, count, message("Converted {count} CR/CRLF line endings to LF.", count=count)
        )
    ]


def normalise_whitespace(text: str) -> tuple[str, list[Repair]]:
    """Trim every line, collapse inner space runs to one space and blank-line runs to one blank line."""
    if not _needs_work(text):
        return text.removesuffix("\n"), []  # the output never ends in a newline; not worth a report
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline is ordinary, not something to report
    out: list[str] = []
    changes: list[RepairChange] = []
    offset = 0
    blank_run_start: int | None = None
    blank_run = ""
    for line in lines:
        clean = _clean_line(line)
        if clean:
            if blank_run_start is not None:
                if not out or blank_run.count("\n") > 1:  # leading blanks, or more than one blank line
                    changes.append(RepairChange(blank_run_start, blank_run, "\n" if out else ""))
                if out:
                    out.append("")
                blank_run_start = None
            if clean != line:
                changes.append(RepairChange(offset, line, clean))
            out.append(clean)
        else:
            if line:
                changes.append(RepairChange(offset, line, ""))
            if blank_run_start is None:
                blank_run_start, blank_run = offset, ""
            blank_run += line + "\n"
        offset += len(line) + 1
    if blank_run_start is not None and out:
        changes.append(RepairChange(blank_run_start, blank_run, ""))
    result = "\n".join(out)
    if not changes or result == text:
        return result, []
    return result, [
        Repair(
            KIND,
            len(changes),
            message(
                "Normalised whitespace in {count} places (indentation, trailing and repeated spaces, "
                "blank lines).",
                count=len(changes),
            ),
            tuple(changes),
        )
    ]
