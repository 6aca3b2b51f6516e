"""An archive on a search cluster, as an institution and its readers use it: server-config, publish,
search --server (paging, facets, incremental publish), a shard stopped mid-run, the server gone."""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from tests import sphinx_cluster
from viewer.cli import main
from viewer.core.search.sphinx_config import BINARY_OFFSET

needs_searchd = pytest.mark.skipif(
    not sphinx_cluster.available(), reason="searchd (sphinxsearch) is not installed"
)

QUERIES = [
    "区域合作",
    "區域合作",
    "合作 -赤峰",
    "kind:yearbook",
    "年鉴 OR 年鑑",
    "协同 OR 赤峰",
    "year:2015..",
    "，",
]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _search(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code, out, err = _run(capsys, "search", "--json", *args)
    assert code == 0, err
    return json.loads(out)


def _servers(cluster: sphinx_cluster.Cluster) -> str:
    return ",".join(f"{host}:{port}" for host, port in cluster.servers)


def test_server_config_writes_one_config_per_shard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "server-config", "--shards", "3", "--port", "9400", "--out", str(tmp_path))
    assert code == 0 and "searchd --config" in out
    configs = sorted(tmp_path.glob("shard*.conf"))
    assert [p.name for p in configs] == ["shard1.conf", "shard2.conf", "shard3.conf"]
    for k, path in enumerate(configs, start=1):
        text = path.read_text()
        assert f"listen = 127.0.0.1:{9400 + k - 1}:mysql41" in text
        assert f"listen = 127.0.0.1:{9400 + BINARY_OFFSET + k - 1}\n" in text
        assert f"path = {tmp_path.resolve() / f'shard{k}'}/paragraphs" in text
        assert (tmp_path / f"shard{k}").is_dir()
        assert ("type = distributed" in text) == (k == 1)
    first = configs[0].read_text()
    agents = re.findall(r"agent = 127\.0\.0\.1:(\d+):paragraphs_local", first)
    assert agents == ["9501", "9502"]
    code, _, err = _run(capsys, "server-config", "--shards", "0", "--port", "9400", "--out", str(tmp_path))
    assert code == 2 and "at least one shard" in err


def test_bad_server_address_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "search", "之", "--server", "127.0.0.1:notaport")
    assert code == 2 and "Not a server address: 127.0.0.1:notaport" in err
    code, _, err = _run(capsys, "publish")
    assert code == 2 and "publish needs --server" in err


@pytest.fixture
def archive(tmp_path: Path, seeds_dir: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(seeds_dir, root)
    return root


@needs_searchd
def test_publish_then_read_like_the_local_index(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cluster = sphinx_cluster.cluster()
    publisher = ["--archive", str(archive), "--data-dir", str(tmp_path / "publisher")]
    code, out, err = _run(capsys, "publish", *publisher, "--server", _servers(cluster))
    assert code == 0, err
    assert "5 added" in out and (archive / ".archive-viewer" / "catalogue.sqlite3").is_file()

    # A reader on another machine: its own data folder, the first shard only, nothing read again.
    reader = ["--archive", str(archive), "--data-dir", str(tmp_path / "reader")]
    first = f"127.0.0.1:{cluster.servers[0][1]}"
    local = ["--archive", str(archive), "--data-dir", str(tmp_path / "local")]
    for query in QUERIES:
        remote = _search(capsys, query, *reader, "--server", first, "--limit", "500")
        expected = _search(capsys, query, *local, "--limit", "500")
        for key in ("total_hits", "total_documents", "facets"):
            assert remote[key] == expected[key], (query, key)
        assert [(h["doc"], h["paragraph"], h["matches"]) for h in remote["hits"]] == [
            (h["doc"], h["paragraph"], h["matches"]) for h in expected["hits"]
        ], query
        assert remote["incomplete"] is None
        # Paging: pages of 2 make the whole.
        pages = [
            _search(capsys, query, *reader, "--server", first, "--offset", str(o), "--limit", "2")["hits"]
            for o in range(0, remote["total_hits"], 2)
        ]
        assert [h["paragraph"] for p in pages for h in p] == [h["paragraph"] for h in remote["hits"]], query
    assert (tmp_path / "reader").exists() and not list((tmp_path / "reader").rglob("tantivy"))


@needs_searchd
def test_incremental_publish_sends_only_changed_documents(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cluster = sphinx_cluster.cluster()
    publisher = [
        "--archive",
        str(archive),
        "--data-dir",
        str(tmp_path / "publisher"),
        "--server",
        _servers(cluster),
    ]
    assert _run(capsys, "publish", *publisher)[0] == 0
    notice = next(archive.glob("002_*.txt"))
    notice.write_text(
        notice.read_text(encoding="utf-8") + "\n\n新增的段落：霍林郭勒合作区。\n", encoding="utf-8"
    )
    next(archive.glob("003_*")).unlink()
    code, out, _ = _run(capsys, "publish", *publisher, "--json")
    stats = json.loads(out)
    assert code == 0
    assert (stats["added"], stats["updated"], stats["removed"], stats["unchanged"]) == (0, 1, 1, 3)
    reader = [
        "--archive",
        str(archive),
        "--data-dir",
        str(tmp_path / "reader"),
        "--server",
        f"127.0.0.1:{cluster.servers[0][1]}",
    ]
    found = _search(capsys, "霍林郭勒合作区", *reader)
    assert found["total_hits"] == 1 and found["hits"][0]["source"] == notice.name
    assert (
        _search(capsys, "kind:newspaper", *reader)["total_documents"]
        == _search(
            capsys, "kind:newspaper", "--archive", str(archive), "--data-dir", str(tmp_path / "local")
        )["total_documents"]
    )


@needs_searchd
def test_a_shard_stopped_mid_run_is_said(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cluster = sphinx_cluster.Cluster(2)  # its own: this test stops a shard
    try:
        publisher = [
            "--archive",
            str(archive),
            "--data-dir",
            str(tmp_path / "p"),
            "--server",
            _servers(cluster),
        ]
        assert _run(capsys, "publish", *publisher)[0] == 0
        reader = [
            "--archive",
            str(archive),
            "--data-dir",
            str(tmp_path / "r"),
            "--server",
            f"127.0.0.1:{cluster.servers[0][1]}",
        ]
        whole = _search(capsys, "合作", *reader)
        assert whole["incomplete"] is None
        cluster.stop(2)
        code, out, err = _run(capsys, "search", "合作", "--json", *reader)
        part = json.loads(out)
        assert code == 0
        assert part["incomplete"] == "1 of 2 shards answered; results are incomplete."
        assert "1 of 2 shards answered; results are incomplete." in err
        assert part["total_hits"] < whole["total_hits"]
        code, out, err = _run(capsys, "search", "合作", *reader)
        assert "1 of 2 shards answered" in err
        cluster.start(2)
        again = _search(capsys, "合作", *reader)
        assert again["incomplete"] is None and again["total_hits"] == whole["total_hits"]

        # The first shard gone: the local index if there is one, else a clear error.
        cluster.stop(1)
        code, _, err = _run(capsys, "search", "合作", *reader)
        assert code == 1 and f"The search server 127.0.0.1:{cluster.servers[0][1]} does not answer" in err
        assert "Traceback" not in err
        assert _run(capsys, "index", "--archive", str(archive), "--data-dir", str(tmp_path / "r"))[0] == 0
        code, out, err = _run(capsys, "search", "合作", *reader)
        assert code == 0 and "Searching the local index instead" in err and "hits in" in out
    finally:
        cluster.close()


@needs_searchd
def test_searches_on_many_threads_at_once(tmp_path: Path, seeds_archive) -> None:
    from viewer.core.progress import never, no_progress
    from viewer.core.search.engines import CLUSTER_ENGINE, open_backend
    from viewer.core.search.query import parse_query

    backend = open_backend(CLUSTER_ENGINE, tmp_path / "cluster", sphinx_cluster.servers())
    docs = list(seeds_archive.documents)
    backend.update(docs, [], reset=True, progress=no_progress, cancelled=never, total=len(docs))
    expected = {q: backend.search(parse_query(q), limit=None).total_hits for q in QUERIES}
    failures: list[str] = []

    def work() -> None:
        for _ in range(5):
            for query in QUERIES:
                got = backend.search(parse_query(query), limit=None).total_hits
                if got != expected[query]:
                    failures.append(f"{query}: {got} != {expected[query]}")

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads), "a search hung"
    backend.close()
    assert not failures


@needs_searchd
def test_publish_with_a_shard_left_out_is_refused(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cluster = sphinx_cluster.cluster()
    publisher = ["--archive", str(archive), "--data-dir", str(tmp_path / "publisher")]
    assert _run(capsys, "publish", *publisher, "--server", _servers(cluster))[0] == 0
    (archive / "new.txt").write_text("新加的文件。\n", encoding="utf-8")
    first = f"127.0.0.1:{cluster.servers[0][1]}"
    code, _, err = _run(capsys, "publish", *publisher, "--server", first)
    assert code == 2
    assert "The cluster has 2 shards; publishing needs all of them, in order" in err


@needs_searchd
def test_readers_get_what_was_published_or_are_told(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cluster = sphinx_cluster.cluster()
    first = f"127.0.0.1:{cluster.servers[0][1]}"
    reader = ["--archive", str(archive), "--server", first]
    # Nothing published beside the archive: said at once, nothing read or made up.
    code, _, err = _run(capsys, "search", "合作", *reader, "--data-dir", str(tmp_path / "r0"))
    assert code == 1 and "nothing is published beside this archive" in err and "publish it first" in err
    assert not list((tmp_path / "r0").rglob("cluster.json"))

    publisher = ["--archive", str(archive), "--data-dir", str(tmp_path / "p"), "--server", _servers(cluster)]
    assert _run(capsys, "publish", *publisher)[0] == 0
    old_copy = tmp_path / "old-published"
    shutil.copytree(archive / ".archive-viewer", old_copy)
    (archive / "new.txt").write_text("第二次发布的新文件。\n", encoding="utf-8")
    assert _run(capsys, "publish", *publisher)[0] == 0
    assert _search(capsys, "第二次发布", *reader, "--data-dir", str(tmp_path / "r1"))["total_hits"] == 1

    # A catalogue beside the archive that is not the server's (a publish whose last step failed).
    shutil.rmtree(archive / ".archive-viewer")
    shutil.copytree(old_copy, archive / ".archive-viewer")
    code, _, err = _run(capsys, "search", "合作", *reader, "--data-dir", str(tmp_path / "r2"))
    assert code == 1 and "is not the one of the server's index" in err

    # A publisher whose data folder is new takes the archive's name from beside it: one copy on the
    # cluster, and readers are served again.
    other = ["--archive", str(archive), "--data-dir", str(tmp_path / "p2"), "--server", _servers(cluster)]
    assert _run(capsys, "publish", *other)[0] == 0
    names = {p.read_text() for p in tmp_path.glob("p*/indexes/*/sphinxql/cluster.json")}
    assert len(names) == 1, names
    assert _search(capsys, "第二次发布", *reader, "--data-dir", str(tmp_path / "r2"))["total_hits"] == 1


@needs_searchd
def test_a_damaged_reader_catalogue_is_installed_again(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes flipped in the reader's copy: it is set aside and the published one installed again,
    so the hits are the same, never hits without their text."""
    cluster = sphinx_cluster.cluster()
    publisher = ["--archive", str(archive), "--data-dir", str(tmp_path / "p"), "--server", _servers(cluster)]
    assert _run(capsys, "publish", *publisher)[0] == 0
    reader = ["--archive", str(archive), "--data-dir", str(tmp_path / "r"), "--server", _servers(cluster)]
    before = _search(capsys, "合作", *reader, "--limit", "50")
    (catalogue,) = (tmp_path / "r").rglob("catalogue.sqlite3")
    data = bytearray(catalogue.read_bytes())
    data[0:16] = b"x" * 16  # no longer an SQLite file
    catalogue.write_bytes(bytes(data))
    code, out, err = _run(capsys, "search", "合作", "--json", "--limit", "50", *reader)
    assert code == 0 and "installed again" in err
    after = json.loads(out)
    assert after["hits"] == before["hits"] and after["total_hits"] == before["total_hits"]
