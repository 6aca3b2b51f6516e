"""A search cluster for the tests: two `searchd` (Debian's sphinxsearch) on free loopback ports.

The configs come from `archive-viewer server-config` (sphinx_config.py), in a temp folder; each
searchd is stopped by its pid file. Tests ask for `servers()` (started on first use, once per
session); tests/conftest.py stops every cluster at the end of the session.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from viewer.core.search.sphinx_config import BINARY_OFFSET, Shard, shards, write_configs

SEARCHD = shutil.which("searchd")


def available() -> bool:
    return SEARCHD is not None


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_base(count: int) -> int:
    """A first port with this and the next ports free (random: two test runs at once get two clusters)."""
    for base in random.sample(range(21306, 40000, 7), 200):
        ports = [base + k for k in range(count)] + [base + BINARY_OFFSET + k for k in range(count)]
        if all(_free(p) for p in ports):
            return base
    raise RuntimeError("no free loopback ports for searchd")


class Cluster:
    """N searchd processes started from the configs server-config writes."""

    def __init__(self, count: int = 2) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="sphinx-cluster-"))
        self.base = _free_base(count)
        self.configs = write_configs(count, self.base, self.root)
        self.shards: list[Shard] = shards(count, self.base, self.root.resolve())
        for number in range(1, count + 1):
            self.start(number)

    @property
    def servers(self) -> list[tuple[str, int]]:
        return [("127.0.0.1", s.sql_port) for s in self.shards]

    def _pid(self, number: int) -> int | None:
        with contextlib.suppress(OSError, ValueError):
            return int((self.shards[number - 1].data / "searchd.pid").read_text().strip())
        return None

    def start(self, number: int) -> None:
        assert SEARCHD is not None
        shard = self.shards[number - 1]
        subprocess.run(
            [SEARCHD, "--config", str(self.configs[number - 1])],
            check=True,
            capture_output=True,
            timeout=60,
        )
        # searchd exits 0 and writes its pid even when its port is taken: its own process must be alive
        # and listening, and its log must not say it could not bind.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pid = self._pid(number)
            if pid is not None and _alive(pid):
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", shard.sql_port), 1):
                    log = (shard.data / "searchd.log").read_text(errors="replace")
                    if "bind() failed" in log or "FATAL" in log:
                        break
                    return
            time.sleep(0.05)
        raise RuntimeError(f"searchd of shard {number} did not start (see {shard.data / 'searchd.log'})")

    def stop(self, number: int, *, strict: bool = True) -> None:
        """Stop one shard by its pid file and wait until it is gone (strict: it must have been running)."""
        pid = self._pid(number)
        if pid is None or not _alive(pid):
            if strict:
                raise RuntimeError(f"shard {number} was not running")
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # (its port may stay in TIME_WAIT: searchd reuses it)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)

    def close(self) -> None:
        for number in range(1, len(self.shards) + 1):
            self.stop(number, strict=False)
        shutil.rmtree(self.root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_CLUSTERS: dict[int, Cluster] = {}


def cluster(count: int = 2) -> Cluster:
    """The session's cluster of `count` shards (started on first use)."""
    if count not in _CLUSTERS:
        _CLUSTERS[count] = Cluster(count)
    return _CLUSTERS[count]


def servers() -> list[tuple[str, int]]:
    return cluster().servers


def stop_all() -> None:
    while _CLUSTERS:
        _CLUSTERS.popitem()[1].close()


# ---------------------------------------------------------------- looking inside (tests only)


def stored_rows(backend: object, generation: int | None = None) -> int:
    """Paragraph rows of a generation on every shard, staged ones too (None: of every archive)."""
    from viewer.core.search.sphinxql_backend import _row

    total = 0
    for server in backend.servers:  # type: ignore[attr-defined]
        where = (
            ""
            if generation is None
            else f" WHERE id >= {_row(generation, 0)} AND id < {_row(generation + 1, 0)}"
        )
        rows, _ = server.run(f"SELECT COUNT(*) FROM paragraphs_local{where} GROUP BY archive LIMIT 100")
        total += sum(int(r[0]) for r in rows)
    return total


def mark_schema(backend: object, schema: int) -> None:
    """Record another schema version for the backend's archive (as if published by another version)."""
    backend.servers[0].run(f"UPDATE archives SET schema = {schema} WHERE id = {backend.archive_key}")  # type: ignore[attr-defined]
