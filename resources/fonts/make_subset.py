"""Regenerate WenQuanYiMicroHei-subset.ttf (a developer tool; the app never runs it).

Keeps GB2312 + Big5 + every character of seeds/ + ASCII, Latin-1, general and CJK punctuation and
full-width forms from Debian's fonts-wqy-microhei (Apache-2.0), so the repo carries ~2.6 MB, not 5 MB.
Needs fontTools: `pip install fonttools` in a throwaway venv, then
`python resources/fonts/make_subset.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"


def double_byte(encoding: str, leads: range, trails: list[int]) -> set[str]:
    out = set()
    for lead in leads:
        for trail in trails:
            try:
                out.add(bytes([lead, trail]).decode(encoding))
            except UnicodeDecodeError:
                pass
    return out


def main() -> None:
    source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    gb2312 = double_byte("gb2312", range(0xA1, 0xF8), list(range(0xA1, 0xFF)))
    big5 = double_byte("big5", range(0xA1, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    seeds = {c for f in SEEDS.iterdir() for c in f.read_text(encoding="utf-8")}
    wanted = {ord(c) for c in gb2312 | big5 | seeds}
    for lo, hi in ((0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0)):
        wanted |= set(range(lo, hi))
    font = TTCollection(source).fonts[0]  # the proportional face
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    # Installable embedding (fsType 0), which the Apache-2.0 licence allows for this modified font:
    # the upstream "editable" flag makes lintian warn about the .deb and some PDF tools refuse it.
    font["OS/2"].fsType = 0
    font.save(HERE / "WenQuanYiMicroHei-subset.ttf")


if __name__ == "__main__":
    main()
