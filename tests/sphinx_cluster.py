"""A search cluster for the tests: two `searchd` (Debian's sphinxsearch) on free loopback ports.

The configs come from `archive-viewer server-config` (sphinx_config.py), in a temp folder; each
searchd is stopped by its pid file. Tests ask for `servers()` (started on first use, once per
session); tests/conftest.py stops every cluster at the end of the session.
"""

from __future__ import annotations

import contextlib
import os
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
    for base in range(21306, 40000, 7):
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
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", shard.sql_port), 1):
                return
            time.sleep(0.05)
        raise RuntimeError(f"searchd of shard {number} did not start (see {shard.data / 'searchd.log'})")

    def stop(self, number: int) -> None:
        """Stop one shard by its pid file and wait until it is gone."""
        pid = self._pid(number)
        if pid is None:
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
            self.stop(number)
        shutil.rmtree(self.root, ignore_errors=True)


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
