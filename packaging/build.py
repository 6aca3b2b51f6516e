"""Build the installers: the PyInstaller one-folder bundle, then (Linux) the .deb and the portable .tar.gz.

    python packaging/build.py all        # `make dist`: bundle + deb + tarball (Linux); bundle elsewhere
    python packaging/build.py bundle     # dist/archive-viewer/ (or dist/Archive Viewer.app on macOS)
    python packaging/build.py deb        # dist/archive-viewer_<version>_<arch>.deb from the bundle
    python packaging/build.py tarball    # dist/archive-viewer-<version>-linux-<machine>.tar.gz

Windows and macOS installers are made from the bundle by packaging/windows/ and packaging/macos/.
Every step prints what it made, its size and how long it took.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer import __version__  # noqa: E402

APP = "archive-viewer"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
BUNDLE = DIST / APP
MAC_APP = DIST / "Archive Viewer.app"
APPSTREAM_ID = "io.github.archive_viewer.ArchiveViewer"
MAINTAINER = "Archive Viewer maintainers <archive-viewer@users.noreply.github.com>"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

# Libraries the bundle leaves to the distribution (viewer.spec keeps them out): soname -> package.
# Same package names on Debian 12 and Ubuntu 22.04/24.04 (where t64 packages provide the old names).
SYSTEM_LIBRARIES = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    **{
        f"libxcb{suffix}": package
        for suffix, package in {
            ".so.1": "libxcb1",
            "-cursor.so.0": "libxcb-cursor0",
            "-icccm.so.4": "libxcb-icccm4",
            "-image.so.0": "libxcb-image0",
            "-keysyms.so.1": "libxcb-keysyms1",
            "-randr.so.0": "libxcb-randr0",
            "-render-util.so.0": "libxcb-render-util0",
            "-render.so.0": "libxcb-render0",
            "-shape.so.0": "libxcb-shape0",
            "-shm.so.0": "libxcb-shm0",
            "-sync.so.1": "libxcb-sync1",
            "-xfixes.so.0": "libxcb-xfixes0",
            "-xkb.so.1": "libxcb-xkb1",
            "-glx.so.0": "libxcb-glx0",
            "-xinput.so.0": "libxcb-xinput0",
            "-xinerama.so.0": "libxcb-xinerama0",
            "-util.so.1": "libxcb-util1",
        }.items()
    },
}
# Qt's xcb plugin dlopen()s libxcb-cursor (no NEEDED entry to find), and aborts without it.
DLOPENED = ("libxcb-cursor0",)


def _say(message: str) -> None:
    print(f"build: {message}", flush=True)


def _size(path: Path) -> str:
    total = (
        path.stat().st_size
        if path.is_file()
        else sum(p.lstat().st_size for p in path.rglob("*") if not p.is_symlink())
    )
    return f"{total / 1e6:.1f} MB"


# ---------------------------------------------------------------- the bundle


def build_bundle() -> None:
    """PyInstaller one-folder bundle, then the prebuilt index of the bundled seeds written into it."""
    t0 = time.perf_counter()
    shutil.rmtree(BUNDLE, ignore_errors=True)
    shutil.rmtree(MAC_APP, ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(ROOT / "packaging" / "viewer.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    for seeds in _bundled_seeds():
        _add_prebuilt_index(seeds)
    _say(f"bundle {BUNDLE} ({_size(BUNDLE)}) in {time.perf_counter() - t0:.1f} s")


def _bundled_seeds() -> list[Path]:
    """The seeds folder inside each bundle PyInstaller made (one-folder, and the .app on macOS)."""
    found = [BUNDLE / "_internal" / "seeds", MAC_APP / "Contents" / "Resources" / "seeds"]
    return [p for p in found if p.is_dir() and not p.is_symlink()]


def _add_prebuilt_index(seeds: Path) -> None:
    """Index the bundle's own copy of the seeds (their size and mtime are what users will have)."""
    from viewer.prebuilt import PREBUILT_DIRNAME, build_prebuilt_index

    target = seeds.parent / PREBUILT_DIRNAME
    # The index records each file's mtime; tar (.deb, .tar.gz) keeps whole seconds only.
    for path in seeds.rglob("*"):
        mtime = int(path.stat().st_mtime)
        os.utime(path, (mtime, mtime))
    summary = build_prebuilt_index(seeds, target)  # a failure stops the build: the app needs it
    frameworks_link = seeds.parent.parent / "Frameworks" / PREBUILT_DIRNAME
    if seeds.parent.name == "Resources" and not frameworks_link.exists():
        frameworks_link.symlink_to(Path("..") / "Resources" / PREBUILT_DIRNAME)  # as PyInstaller does
    _say(f"prebuilt index: {summary} -> {target} ({_size(target)})")


# ---------------------------------------------------------------- Linux: .deb


def _elf_files(folder: Path) -> list[Path]:
    result = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    result.append(path)
    return result


def _objdump(flag: str, path: Path) -> str:
    return subprocess.run(["objdump", flag, str(path)], capture_output=True, text=True, check=True).stdout


def system_dependencies(bundle: Path) -> tuple[list[str], str]:
    """Debian packages for every library the bundle needs but does not ship, and the glibc floor."""
    shipped = {p.name for p in bundle.rglob("*")}
    packages: set[str] = set(DLOPENED)
    unknown: dict[str, str] = {}
    glibc = (2, 17)
    for elf in _elf_files(bundle):
        for line in _objdump("-p", elf).splitlines():
            if line.strip().startswith("NEEDED"):
                name = line.split()[1]
                if name in shipped:
                    continue
                if name in SYSTEM_LIBRARIES:
                    packages.add(SYSTEM_LIBRARIES[name])
                else:
                    unknown[name] = str(elf.relative_to(bundle))
        for found in re.findall(r"GLIBC_(\d+)\.(\d+)", _objdump("-T", elf)):
            glibc = max(glibc, (int(found[0]), int(found[1])))
    if unknown:
        details = ", ".join(f"{k} (needed by {v})" for k, v in sorted(unknown.items()))
        raise SystemExit(
            f"build: libraries neither bundled nor mapped to a package: {details}. "
            "Bundle them (viewer.spec) or add them to SYSTEM_LIBRARIES."
        )
    packages.discard("libc6")
    floor = f"{glibc[0]}.{glibc[1]}"
    return [f"libc6 (>= {floor})", *sorted(packages)], floor


def _deb_arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _normalise_modes(tree: Path, executables: set[Path]) -> None:
    """0755 folders and programs, 0644 everything else (shared libraries need no exec bit)."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path in executables else 0o644)


def build_deb() -> Path:
    """dist/archive-viewer_<version>_<arch>.deb: the bundle in /opt, launcher, menu entry, icons."""
    t0 = time.perf_counter()
    if not (BUNDLE / APP).is_file():
        raise SystemExit(f"build: no bundle at {BUNDLE}; run `build.py bundle` first")
    arch = _deb_arch()
    stage = BUILD / "deb" / f"{APP}_{__version__}_{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    opt = stage / "opt" / APP
    shutil.copytree(BUNDLE, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    # The bootloader resolves its own real path, so a symlink finds _internal/ next to the target.
    (stage / "usr" / "bin" / APP).symlink_to(f"/opt/{APP}/{APP}")
    share = stage / "usr" / "share"
    resources = ROOT / "resources"
    _copy(resources / f"{APP}.desktop", share / "applications" / f"{APP}.desktop")
    _copy(resources / f"{APP}.metainfo.xml", share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml")
    for size in ICON_SIZES:
        _copy(
            resources / "icons" / f"{APP}-{size}.png",
            share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP}.png",
        )
    _copy(
        resources / "icons" / f"{APP}.svg", share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP}.svg"
    )
    doc = share / "doc" / APP
    _copy(ROOT / "packaging" / "linux" / "copyright", doc / "copyright")
    _copy(ROOT / "CHANGELOG.md", doc / "CHANGELOG.md")
    date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime())
    changelog = (
        f"{APP} ({__version__}) unstable; urgency=medium\n\n  * Release {__version__}; "
        f"see /usr/share/doc/{APP}/CHANGELOG.md.\n\n -- {MAINTAINER}  {date}\n"
    )
    doc.joinpath("changelog.gz").write_bytes(gzip.compress(changelog.encode(), mtime=0))
    _copy(ROOT / "packaging" / "linux" / f"{APP}.1", share / "man" / "man1" / f"{APP}.1")
    _copy(ROOT / "packaging" / "linux" / "lintian-overrides", share / "lintian" / "overrides" / APP)

    depends, floor = system_dependencies(opt)
    installed_kb = sum(p.lstat().st_size for p in stage.rglob("*")) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {APP}\nVersion: {__version__}\nArchitecture: {arch}\nMaintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kb}\nDepends: {', '.join(depends)}\n"
        "Recommends: fonts-noto-cjk\nSection: text\nPriority: optional\n"
        "Description: read, search and excerpt Chinese document archives offline\n"
        " Archive Viewer (档案阅览) reads a folder of Chinese text documents, repairs\n"
        " text that web converters damaged, and shows each document in traditional\n"
        " and simplified script side by side. It searches the archive exactly in\n"
        " either script and exports excerpts with citations (GB/T 7714) to Markdown,\n"
        " HTML, DOCX, PDF, CSV and RIS. It never uses the network.\n",
        encoding="utf-8",
    )
    man = share / "man" / "man1" / f"{APP}.1"
    man.with_suffix(".1.gz").write_bytes(gzip.compress(man.read_bytes(), mtime=0))
    man.unlink()
    _normalise_modes(stage, {opt / APP})
    control.parent.chmod(0o755)
    out = DIST / f"{APP}_{__version__}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    _say(f"deb {out} ({_size(out)}, glibc >= {floor}) in {time.perf_counter() - t0:.1f} s")
    return out


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


# ---------------------------------------------------------------- portable archive


def build_tarball() -> Path:
    """A .tar.gz of the bundle that runs from wherever it is unpacked (it writes nothing beside itself)."""
    t0 = time.perf_counter()
    if not (BUNDLE / APP).is_file():
        raise SystemExit(f"build: no bundle at {BUNDLE}; run `build.py bundle` first")
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    top = f"{APP}-{__version__}"
    out = DIST / f"{top}-{system}-{platform.machine().lower()}.tar.gz"

    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        if info.isfile() or info.isdir():
            executable = info.isdir() or info.name == f"{top}/{APP}"
            info.mode = 0o755 if executable else 0o644
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=top, filter=clean)
        tar.add(
            ROOT / "packaging" / "linux" / "README-portable.txt", arcname=f"{top}/README.txt", filter=clean
        )
    _say(f"tarball {out} ({_size(out)}) in {time.perf_counter() - t0:.1f} s")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("all", "bundle", "deb", "tarball"))
    step = parser.parse_args(argv).step
    t0 = time.perf_counter()
    if step in ("all", "bundle"):
        build_bundle()
    if sys.platform.startswith("linux"):
        if step in ("all", "deb"):
            build_deb()
        if step in ("all", "tarball"):
            build_tarball()
    elif step in ("deb", "tarball"):
        raise SystemExit(f"build: {step} is built on Linux only")
    _say(f"done in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
