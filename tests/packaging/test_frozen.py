"""The built .deb, installed into a temporary root: layout, offline self-test, and a real X11 window.

Runs only when `make dist` has produced dist/archive-viewer_*.deb (skipped otherwise, with the reason).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

APP = "archive-viewer"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MAX_BUNDLE_MB = 150  # issue 13: the bundle with the format readers stays under this
# What the self-test says when it has read one file of each format (see viewer/selftest.py).
FORMATS_NOTE = "5 sample files read (docx, epub, html, pdf)"
SCREENSHOTS = REPO / "build" / "screenshots"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .deb is Linux only")


def _newest_deb() -> Path | None:
    debs = sorted((REPO / "dist").glob(f"{APP}_*.deb"), key=lambda p: p.stat().st_mtime)
    return debs[-1] if debs else None


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The newest .deb unpacked with `dpkg -x` into a temporary root (what dpkg -i would install)."""
    deb = _newest_deb()
    if deb is None:
        pytest.skip("no dist/archive-viewer_*.deb: run `make dist` to build and test the installer")
    if shutil.which("dpkg") is None:
        pytest.skip("dpkg is not installed")
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    return root


def _binary(root: Path) -> Path:
    return root / "opt" / APP / APP


def _offline_prefix() -> list[str]:
    """A command prefix that runs its command with no network namespace access, or skip saying why."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is not installed: cannot run the app without network")
    prefix = [unshare, "-n"] if os.geteuid() == 0 else [unshare, "-rn"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(
            f"cannot create a network namespace here ({' '.join(prefix)}: "
            f"{probe.stderr.strip() or probe.returncode})"
        )
    return prefix


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def test_package_layout(installed: Path) -> None:
    launcher = installed / "usr" / "bin" / APP
    assert launcher.is_symlink() and os.readlink(launcher) == f"/opt/{APP}/{APP}"
    assert os.access(_binary(installed), os.X_OK)
    internal = installed / "opt" / APP / "_internal"
    assert sorted(p.name for p in (internal / "seeds").iterdir()) == sorted(
        p.name for p in (REPO / "seeds").iterdir()
    )
    assert any((internal / "prebuilt-index").iterdir()), "no prebuilt index in the bundle"
    assert (internal / "opencc" / "clib" / "share" / "opencc" / "s2twp.json").is_file()
    qt_translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").iterdir()}
    assert {"qtbase_zh_CN.qm", "qtbase_zh_TW.qm", "qtbase_en.qm"} <= qt_translations
    assert all(name.endswith(("_zh_CN.qm", "_zh_TW.qm", "_en.qm")) for name in qt_translations)
    share = installed / "usr" / "share"
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP}.svg").is_file()
    assert list((share / "metainfo").glob("*.metainfo.xml"))
    assert (share / "doc" / APP / "copyright").is_file()


def test_format_readers_are_collected_and_what_they_never_use_is_not(installed: Path) -> None:
    """The data files no hook collects (the readers fail without them) are in; dateparser, its
    dependencies and babel's locale data, which they never load, are out (viewer.spec)."""
    import justext

    internal = installed / "opt" / APP / "_internal"
    assert list((internal / "pypdfium2_raw").glob("*pdfium*")), "pdfium's library is missing"
    assert (internal / "trafilatura" / "settings.cfg").is_file()
    assert list(internal.glob("trafilatura-*.dist-info/METADATA")), "trafilatura reads its version on import"
    shipped = {p.name for p in (internal / "justext" / "stoplists").glob("*.txt")}
    assert shipped == {p.name for p in (Path(justext.__file__).parent / "stoplists").glob("*.txt")}
    assert (internal / "tld" / "res" / "effective_tld_names.dat.txt").is_file()
    assert sorted(p.name for p in (internal / "resources" / "selftest").iterdir()) == sorted(
        p.name for p in (REPO / "resources" / "selftest").iterdir()
    )
    assert (internal / "babel").is_dir() and not (internal / "babel" / "locale-data").exists()
    for left_out in ("dateparser", "dateparser_data", "regex", "pytz", "tzlocal"):
        assert not (internal / left_out).exists(), f"{left_out} was bundled"
    assert not list((internal / "lxml").glob("objectify.*")), "lxml.objectify was bundled"


def test_bundle_size(installed: Path) -> None:
    opt = installed / "opt" / APP
    size = sum(p.lstat().st_size for p in opt.rglob("*") if not p.is_symlink())
    assert size <= MAX_BUNDLE_MB * 1e6, f"the bundle is {size / 1e6:.1f} MB, more than {MAX_BUNDLE_MB} MB"


def test_desktop_entry_validates(installed: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate (desktop-file-utils) is not installed")
    entry = installed / "usr" / "share" / "applications" / f"{APP}.desktop"
    result = subprocess.run([validator, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Exec={APP}" in entry.read_text(encoding="utf-8")


def test_control_depends_on_qt_xcb_libraries() -> None:
    deb = _newest_deb()
    if deb is None:
        pytest.skip("no dist/archive-viewer_*.deb: run `make dist`")
    depends = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    for package in (
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxcb-cursor0",
        "libxkbcommon-x11-0",
        "libegl1",
        "libfontconfig1",
        "libc6 (>=",
    ):
        assert package in depends
    recommends = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Recommends"], capture_output=True, text=True, check=True
    ).stdout
    assert "fonts-noto-cjk" in recommends


def test_self_test_passes_offline(installed: Path, tmp_path: Path) -> None:
    before = _snapshot(installed)
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen on its own
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [*_offline_prefix(), str(_binary(installed)), "--self-test"],
        capture_output=True,
        env=env,
        timeout=300,
    )
    out = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    assert out.startswith("self-test passed") and "frozen" in out
    assert "prebuilt index reused" in out
    assert FORMATS_NOTE in out, out  # pdfium, trafilatura, jusText, python-docx and lxml in the bundle
    assert len(out.strip().splitlines()) == 1
    # The installed program writes nothing next to itself (it may be read-only or shared).
    assert _snapshot(installed) == before
    assert not (tmp_path / "xdg").exists(), "the self-test touched the user's data dir"


@pytest.mark.parametrize(
    ("removed", "failure"),
    [
        ("seeds", "self-test FAILED at archive:"),
        # what PyInstaller would leave out without viewer.spec's datas, or its hook for pdfium
        ("justext/stoplists", "self-test FAILED at formats: sample files not read: flash.htm:"),
        ("pypdfium2_raw/libpdfium.so", "self-test FAILED at formats: sample files not read: yearbook.pdf:"),
    ],
)
def test_self_test_reports_a_failure(installed: Path, tmp_path: Path, removed: str, failure: str) -> None:
    """A broken installation fails loudly: the bundled archive, or a reader's data or library, is gone."""
    broken = tmp_path / "opt"
    shutil.copytree(installed / "opt", broken, symlinks=True)
    gone = broken / APP / "_internal" / removed
    if gone.is_dir():
        shutil.rmtree(gone)
    else:
        gone.unlink()
    result = subprocess.run(
        [str(broken / APP / APP), "--self-test"],
        capture_output=True,
        env={**os.environ, "HOME": str(tmp_path)},
        timeout=300,
    )
    out = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 1
    assert out.startswith(failure), out


def _ppm_colours(ppm: bytes) -> int:
    """How many distinct colours a binary PPM (P6) holds, sampled: a blank screen has one."""
    fields = ppm.split(maxsplit=4)
    assert fields[0] == b"P6", fields[0]
    pixels = fields[4]
    return len({pixels[i : i + 3] for i in range(0, len(pixels) - 2, 3 * 97)})


def test_window_opens_under_xvfb(installed: Path, tmp_path: Path) -> None:
    """The installed app on a real X server (xcb plugin, system libraries): screenshot it."""
    tools = {t: shutil.which(t) for t in ("Xvfb", "xwd", "xwdtopnm", "pnmtopng")}
    missing = [t for t, path in tools.items() if path is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (packages xvfb, x11-apps, netpbm)")
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        [tools["Xvfb"], "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    app = None
    try:
        display = ":" + os.read(read_fd, 64).decode().strip()
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "HOME": str(tmp_path),
            "ARCHIVE_VIEWER_HOME": str(tmp_path / "data"),
            "LANG": "zh_CN.UTF-8",
        }
        app = subprocess.Popen(
            [str(_binary(installed))], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        colours, ppm = 1, b""
        deadline = time.monotonic() + 60
        while colours < 8 and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.5)
            xwd = subprocess.run(
                [tools["xwd"], "-root", "-silent", "-display", display], capture_output=True, check=True
            ).stdout
            ppm = subprocess.run([tools["xwdtopnm"]], input=xwd, capture_output=True, check=True).stdout
            colours = _ppm_colours(ppm)
        if app.poll() is not None:
            _out, err = app.communicate()
            pytest.fail(f"the app exited with {app.returncode}: {err.decode('utf-8', 'replace')}")
        assert colours >= 8, "nothing was painted on the X server within 60 s"
        time.sleep(1.0)  # let the tree and the text finish painting before the picture for people
        xwd = subprocess.run(
            [tools["xwd"], "-root", "-silent", "-display", display], capture_output=True, check=True
        ).stdout
        ppm = subprocess.run([tools["xwdtopnm"]], input=xwd, capture_output=True, check=True).stdout
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        png = subprocess.run([tools["pnmtopng"]], input=ppm, capture_output=True, check=True).stdout
        (SCREENSHOTS / "frozen-deb-xvfb.png").write_bytes(png)
        assert png.startswith(b"\x89PNG")
    finally:
        if app is not None:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)
        os.close(read_fd)


def test_portable_tarball_runs_anywhere_and_writes_nothing_beside_itself(tmp_path: Path) -> None:
    tarballs = sorted((REPO / "dist").glob(f"{APP}-*-linux-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not tarballs:
        pytest.skip("no dist/archive-viewer-*-linux-*.tar.gz: run `make dist`")
    unpacked = tmp_path / "some where" / "深层目录"
    unpacked.mkdir(parents=True)
    subprocess.run(["tar", "-xzf", str(tarballs[-1]), "-C", str(unpacked)], check=True)
    (top,) = unpacked.iterdir()
    assert (top / "README.txt").is_file()
    before = _snapshot(top)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    env.pop("ARCHIVE_VIEWER_HOME", None)  # the default user data dir, under this HOME
    for args in (["--self-test"], ["list"]):
        result = subprocess.run(
            [str(top / APP), *args], cwd=elsewhere, env=env, capture_output=True, timeout=300
        )
        assert result.returncode == 0, result.stdout + result.stderr
        if args == ["--self-test"]:
            assert FORMATS_NOTE in result.stdout.decode("utf-8", "replace")
    assert _snapshot(top) == before, "the portable app wrote into its own folder"
    assert list(elsewhere.iterdir()) == [], "the portable app wrote into the working directory"


def test_installed_app_publishes_to_and_searches_a_cluster(installed: Path, tmp_path: Path) -> None:
    """PyMySQL is in the bundle: the installed app publishes the seeds and reads them back with --server."""
    from tests import sphinx_cluster

    if not sphinx_cluster.available():
        pytest.skip("searchd (sphinxsearch) is not installed")
    archive = tmp_path / "archive"
    shutil.copytree(REPO / "seeds", archive)
    cluster = sphinx_cluster.Cluster(2)
    try:
        servers = ",".join(f"{host}:{port}" for host, port in cluster.servers)
        env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
        base = [str(_binary(installed)), "--archive", str(archive)]
        published = subprocess.run(
            [*base, "--data-dir", str(tmp_path / "p"), "publish", "--server", servers],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert published.returncode == 0, published.stdout + published.stderr
        assert "5 added" in published.stdout
        found = subprocess.run(
            [
                *base,
                "--data-dir",
                str(tmp_path / "r"),
                "search",
                "區域合作",
                "--server",
                servers.split(",")[0],
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert found.returncode == 0, found.stdout + found.stderr
        assert "6 hits in 3 documents" in found.stdout and not found.stderr
    finally:
        cluster.close()
