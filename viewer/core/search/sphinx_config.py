"""Ready `searchd` configurations for a cluster of N shards (`archive-viewer server-config`).

Shard k (1-based) listens for SphinxQL on 127.0.0.1:P+k-1 and for the binary protocol (which the
distributed index uses to reach its agents) on 127.0.0.1:P+100+k-1, and keeps its data under
DIR/shardk/. Every shard holds the RT indexes of its part of the archive; the first shard also holds
the distributed indexes over all of them (what readers query) and the small `archives` index that
names each published archive's current generation. The same files run Sphinx 2.2 (Debian's
`sphinxsearch`, used by the tests) and Manticore.

Why these index settings: a hit is an exact substring of a paragraph's folded text (schema.py), so
sphinxql_backend.py writes every character as one token (`ngram_len = 1` over the whole range
below; characters outside it are written as two private-use characters, see sphinxql_text.py) and
a term becomes a phrase of consecutive tokens, which the engine decides exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from viewer.core.atomic import atomic_write_text

NGRAM_CHARS = "U+3000..U+2FA1F"
PARAGRAPHS = "paragraphs"  # distributed over every shard's paragraphs_local
DOCUMENTS = "documents"  # distributed over every shard's documents_local
ARCHIVES = "archives"  # on the first shard only: archive -> current generation
LOCAL = "_local"
BINARY_OFFSET = 100


@dataclass(frozen=True)
class Shard:
    """One searchd of the cluster (k from 1)."""

    number: int
    sql_port: int
    binary_port: int
    data: Path

    @property
    def config_name(self) -> str:
        return f"shard{self.number}.conf"


def shards(count: int, port: int, out: Path) -> list[Shard]:
    """The shards of a cluster whose first SphinxQL port is `port`."""
    return [
        Shard(k, port + k - 1, port + BINARY_OFFSET + k - 1, out / f"shard{k}") for k in range(1, count + 1)
    ]


def _rt_common(path: Path) -> str:
    return (
        f"    type = rt\n"
        f"    path = {path}\n"
        f"    rt_mem_limit = 256M\n"
        f"    ngram_len = 1\n"
        f"    ngram_chars = {NGRAM_CHARS}\n"
        f"    charset_table = {NGRAM_CHARS}\n"
        f"    min_word_len = 1\n"
    )


def _indexes(shard: Shard) -> str:
    data = shard.data
    text = (
        f"index {PARAGRAPHS}{LOCAL}\n{{\n{_rt_common(data / PARAGRAPHS)}"
        "    rt_field = body\n"
        "    rt_field = section\n"
        "    rt_field = docsections\n"
        "    rt_attr_uint = archive\n"
        "    rt_attr_uint = docnum\n"
        "    rt_attr_uint = para\n"
        "}\n\n"
        f"index {DOCUMENTS}{LOCAL}\n{{\n{_rt_common(data / DOCUMENTS)}"
        "    rt_field = unused\n"
        "    rt_attr_uint = archive\n"
        "    rt_attr_uint = docnum\n"
        "    rt_attr_string = info\n"
        "}\n\n"
    )
    return text


def _distributed(all_shards: list[Shard]) -> str:
    text = ""
    for name in (PARAGRAPHS, DOCUMENTS):
        agents = "".join(f"    agent = 127.0.0.1:{s.binary_port}:{name}{LOCAL}\n" for s in all_shards[1:])
        text += f"index {name}\n{{\n    type = distributed\n    local = {name}{LOCAL}\n{agents}}}\n\n"
    text += (
        f"index {ARCHIVES}\n{{\n{_rt_common(all_shards[0].data / ARCHIVES)}"
        "    rt_field = unused\n"
        "    rt_attr_uint = generation\n"
        "    rt_attr_uint = stamp\n"
        "    rt_attr_uint = schema\n"
        "    rt_attr_string = identity\n"
        "    rt_attr_string = layout\n"
        "}\n\n"
    )
    return text


def _searchd(shard: Shard) -> str:
    data = shard.data
    return (
        "searchd\n{\n"
        f"    listen = 127.0.0.1:{shard.sql_port}:mysql41\n"
        f"    listen = 127.0.0.1:{shard.binary_port}\n"
        f"    log = {data / 'searchd.log'}\n"
        f"    query_log = {data / 'query.log'}\n"
        f"    pid_file = {data / 'searchd.pid'}\n"
        f"    binlog_path = {data}\n"
        "    workers = threads\n"
        "    read_timeout = 5\n"
        "    client_timeout = 300\n"
        "    max_packet_size = 128M\n"
        "    max_filter_values = 1000000\n"
        "    agent_connect_timeout = 1000\n"
        "    agent_query_timeout = 30000\n"
        "    agent_retry_count = 0\n"
        "}\n"
    )


def shard_config(shard: Shard, all_shards: list[Shard]) -> str:
    """The searchd configuration of one shard."""
    header = (
        f"# Archive Viewer search cluster, shard {shard.number} of {len(all_shards)}"
        " (written by `archive-viewer server-config`).\n"
        f"# Start: searchd --config {shard.data.parent / shard.config_name}\n"
        f"# Stop:  searchd --config {shard.data.parent / shard.config_name} --stopwait\n\n"
    )
    body = _indexes(shard)
    if shard.number == 1:
        body += _distributed(all_shards)
    return header + body + _searchd(shard)


def write_configs(count: int, port: int, out: Path) -> list[Path]:
    """Write DIR/shard1.conf … DIR/shardN.conf and create each shard's data folder."""
    if count < 1:
        raise ValueError("a cluster has at least one shard")
    if port < 1 or port + BINARY_OFFSET + count - 1 > 65535:
        raise ValueError(f"ports {port}..{port + BINARY_OFFSET + count - 1} are not all valid")
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    all_shards = shards(count, port, out)
    written = []
    for shard in all_shards:
        shard.data.mkdir(exist_ok=True)
        path = out / shard.config_name
        atomic_write_text(path, shard_config(shard, all_shards))
        written.append(path)
    return written
