"""Archives of 10 MB to 1 GB for bench_scale.py: the poetry corpus replicated, every copy different.

Copy k of the corpus goes to `copyNNN/` with the corpus' own subfolders. Copy 1 is the corpus as it
is (so the 10 MB archive is the corpus itself); copy k >= 2 is converted with OpenCC, s2t for even
k and t2s for odd k, and has the lines after the title rotated by k // 2, so copies of one direction
differ from each other. A file with too few lines for that to be unique (about 50 of the 870 have
fewer than 50 body lines) takes the next rotation not yet used, and failing that a last line
`（副本NNN）`: no file of an archive is byte-identical to another, which a content hash would notice.

Each source file is converted once per direction and its copies written before the next file is
read: building 1 GB holds one file in memory, never the archive. The OpenCC conversions of the whole
corpus take about 0.7 s; building is bound by writing the files.

Run alone: .venv/bin/python tests/perf/scale_archive.py SIZE_MB WORK_DIR
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from viewer.core.convert import convert  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "poetry"
CORPUS_MB = 10  # a size of N MB is N / 10 copies of the corpus
# Bump when the transformation changes: archives built by another version are rebuilt.
BUILDER_VERSION = 1


@dataclass(frozen=True)
class ScaleArchive:
    """A built archive and what it holds."""

    root: Path
    size_mb: int
    copies: int
    files: int
    text_bytes: int
    marked: int  # files that needed the `（副本NNN）` line to be unique
    build_seconds: float  # of the build that made it (a reused archive keeps its first figure)
    reused: bool


def copies_for(size_mb: int) -> int:
    """How many copies of the corpus make an archive of about `size_mb` MB."""
    return max(1, round(size_mb / CORPUS_MB))


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    """The corpus' .txt files, relative to it, in a fixed order."""
    return sorted(p.relative_to(corpus) for p in corpus.rglob("*.txt") if p.is_file())


def rotate_body(text: str, steps: int) -> str:
    """`text` with its lines after the first rotated left by `steps` (the title stays in place)."""
    ends_with_newline = text.endswith("\n")
    lines = (text[:-1] if ends_with_newline else text).split("\n")
    body = lines[1:]
    if len(body) > 1:
        steps %= len(body)
        lines[1:] = body[steps:] + body[:steps]
    return "\n".join(lines) + ("\n" if ends_with_newline else "")


def copy_text(original: str, converted: dict[str, str], copy: int, seen: set[bytes]) -> tuple[str, bool]:
    """The text of one file in copy `copy` (1-based), unique among `seen` (digests, updated here).

    `converted` holds the original already converted by "s2t" and "t2s". Returns the text and
    whether it needed the marker line.
    """
    if copy == 1:
        source, rotations = original, [0]
    else:
        source = converted["s2t" if copy % 2 == 0 else "t2s"]
        body_lines = max(1, original.rstrip("\n").count("\n"))
        rotations = [copy // 2 + extra for extra in range(body_lines)]
    for steps in rotations:  # lazily: most files take the first
        text = rotate_body(source, steps) if steps else source
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        if digest not in seen:
            seen.add(digest)
            return text, False
    marked = rotate_body(source, rotations[0]).rstrip("\n") + f"\n（副本{copy:03d}）\n"
    seen.add(hashlib.blake2b(marked.encode("utf-8"), digest_size=16).digest())
    return marked, True


def _manifest_path(root: Path) -> Path:
    return root.with_name(root.name + ".json")


def _corpus_fingerprint(corpus: Path, files: list[Path]) -> dict[str, int]:
    return {"files": len(files), "bytes": sum((corpus / f).stat().st_size for f in files)}


def build_archive(
    size_mb: int,
    work: Path,
    *,
    corpus: Path = CORPUS,
    progress: Callable[[int, int], None] | None = None,
) -> ScaleArchive:
    """The archive `work/scale-<size>mb`, built unless a complete one of this version is there.

    Built in a `.partial` folder renamed when complete, then described by `scale-<size>mb.json`:
    an interrupted build is never taken for a finished one. `progress(done, total)` is called
    after each source file.
    """
    root = work / f"scale-{size_mb}mb"
    copies = copies_for(size_mb)
    files = corpus_files(corpus)
    if not files:
        raise FileNotFoundError(f"no .txt files in {corpus}")
    fingerprint = _corpus_fingerprint(corpus, files)
    manifest = _manifest_path(root)
    if root.is_dir() and manifest.is_file():
        try:
            saved = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError):
            saved = {}
        if (
            saved.get("version") == BUILDER_VERSION
            and saved.get("copies") == copies
            and saved.get("corpus") == fingerprint
        ):
            return ScaleArchive(
                root,
                size_mb,
                copies,
                int(saved["files"]),
                int(saved["text_bytes"]),
                int(saved["marked"]),
                float(saved["build_seconds"]),
                reused=True,
            )

    started = time.perf_counter()
    partial = root.with_name(root.name + ".partial")
    for stale in (partial, root):
        shutil.rmtree(stale, ignore_errors=True)
    manifest.unlink(missing_ok=True)
    folders = sorted({f.parent for f in files})
    for copy in range(1, copies + 1):
        for folder in folders:
            (partial / f"copy{copy:03d}" / folder).mkdir(parents=True, exist_ok=True)

    text_bytes = marked = 0
    for done, relative in enumerate(files, 1):
        original = (corpus / relative).read_bytes().decode("utf-8")
        converted = {config: convert(original, config) for config in ("s2t", "t2s")} if copies > 1 else {}
        seen: set[bytes] = set()
        for copy in range(1, copies + 1):
            text, was_marked = copy_text(original, converted, copy, seen)
            data = text.encode("utf-8")
            (partial / f"copy{copy:03d}" / relative).write_bytes(data)
            text_bytes += len(data)
            marked += was_marked
        if progress is not None:
            progress(done, len(files))

    partial.rename(root)
    seconds = time.perf_counter() - started
    built = ScaleArchive(
        root, size_mb, copies, len(files) * copies, text_bytes, marked, seconds, reused=False
    )
    record = {k: v for k, v in asdict(built).items() if k not in ("root", "reused")}
    manifest.write_text(
        json.dumps(dict(record, version=BUILDER_VERSION, corpus=fingerprint), indent=2), "utf-8"
    )
    return built


@contextlib.contextmanager
def one_change_of_each_kind(archive: ScaleArchive, spare: Path) -> Iterator[dict[str, Path]]:
    """Within the block: one file with a line appended, one file added and one deleted (moved to
    `spare`, a folder outside the archive). Undone on exit; the manifest is withdrawn meanwhile, so
    an archive left altered by a killed run is rebuilt by the next one, never reused.
    """
    root = archive.root
    files = sorted(root.rglob("*.txt"))
    changed, deleted = files[0], files[-1]
    added = changed.with_name("bench-scale-added.txt")
    parked = spare / "bench-scale-deleted.txt"
    manifest = _manifest_path(root)
    record = manifest.read_bytes()
    original = changed.read_bytes()
    manifest.unlink()
    try:
        changed.write_bytes(
            original.rstrip(b"\n") + "\n新增一行：春风又绿江南岸，明月何时照我还。\n".encode()
        )
        added.write_text("新增的文件\n无名氏\n山外青山楼外楼，西湖歌舞几时休。\n", "utf-8")
        spare.mkdir(parents=True, exist_ok=True)
        shutil.move(deleted, parked)
        yield {"changed": changed, "added": added, "deleted": deleted}
    finally:
        changed.write_bytes(original)
        added.unlink(missing_ok=True)
        if parked.exists():
            shutil.move(parked, deleted)
        manifest.write_bytes(record)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        sys.stderr.write("usage: scale_archive.py SIZE_MB WORK_DIR\n")
        return 2
    built = build_archive(int(argv[0]), Path(argv[1]))
    state = "reused" if built.reused else f"built in {built.build_seconds:.1f} s"
    print(
        f"{built.root}: {built.files} files, {built.text_bytes / 1e6:.1f} MB, {built.copies} copies, "
        f"{built.marked} marked, {state}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
