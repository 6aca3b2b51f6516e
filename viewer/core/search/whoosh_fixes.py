"""Fixes for Whoosh defects the search relies on, applied in this one place (imported by the package).

WORKAROUND for https://github.com/Sygil-Dev/whoosh-reloaded (2.7.4 and 2.7.5, unfixed):
`AndNotMatcher._find_first` only advances the excluded matcher when both sit on the same document,
so when the excluded matcher starts on an earlier document, the first positive document is let
through even if it is excluded: `AndNot(A, B)` (what Whoosh's own parser makes of "A NOT B")
returns a document containing B. The fix skips the excluded matcher forward to the first positive
document, then past every excluded one. Our searcher builds `And([..., Not(kind/year filter)])`,
which Whoosh evaluates with an InverseMatcher rather than AndNotMatcher, and the tests check that
path against brute force; the patch is applied anyway so that no AndNot can go wrong here.
tests/core/search/test_whoosh_fixes.py reproduces the defect on a raw Whoosh index.

Not worked around because nothing here relies on it: short-posting inlining is dead code in both
versions (`W3TermInfo.set_inline` does not exist); our postings are tiny anyway.
"""

from __future__ import annotations

from typing import Any

from whoosh.matching import binary

ORIGINAL_FIND_FIRST = binary.AndNotMatcher._find_first


def _find_first(self: Any) -> None:
    if self.a.is_active() and self.b.is_active():
        self._find_next()


def apply() -> None:
    """Patch once; idempotent."""
    binary.AndNotMatcher._find_first = _find_first


apply()
