"""The window on an archive published to a search cluster, on a real thread pool: searches answer
from the cluster like the local index, a stopped shard is said beside the totals, the server gone
falls back to the local index, and Preferences remembers the server per archive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import sphinx_cluster
from tests.gui.test_real_pool import same_as_core, type_and_enter, wait_for_results
from viewer.cli import main
from viewer.core.search.engines import CLUSTER_ENGINE
from viewer.settings import Settings

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.skipif(not sphinx_cluster.available(), reason="searchd (sphinxsearch) is not installed"),
]


@pytest.fixture
def published(tmp_path: Path, seeds_dir: Path):
    """The seeds published to a cluster of their own (the tests stop its shards)."""
    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive)
    cluster = sphinx_cluster.Cluster(2)
    servers = ",".join(f"{h}:{p}" for h, p in cluster.servers)
    assert (
        main(["publish", "--archive", str(archive), "--data-dir", str(tmp_path / "pub"), "--server", servers])
        == 0
    )
    yield archive, cluster
    cluster.close()


def test_window_searches_the_cluster_and_says_a_missing_shard(make_window, qtbot, pool, published) -> None:
    archive, cluster = published
    first = f"127.0.0.1:{cluster.servers[0][1]}"
    window = make_window(pool=pool, archive=archive, servers=first)
    qtbot.waitUntil(lambda: window.search_index is not None, timeout=60_000)
    assert window.search_index.engine == CLUSTER_ENGINE
    assert "server" in window.archive_jobs._status.index_label.text()
    assert len(window.archive_session.archive.documents) == 5  # the published catalogue, not read again
    type_and_enter(qtbot, window, "區域合作")
    wait_for_results(qtbot, window, "區域合作")
    same_as_core(window, "區域合作")
    whole = window.results.results().total_hits
    assert whole > 0 and "shards" not in window.results.message.text()

    cluster.stop(2)
    type_and_enter(qtbot, window, "区域合作")
    wait_for_results(qtbot, window, "区域合作")
    results = window.results.results()
    assert results.incomplete and results.total_hits < whole
    assert "1 of 2 shards answered; results are incomplete." in window.results.message.text()


def test_server_gone_falls_back_to_the_local_index(make_window, qtbot, pool, published, tmp_path) -> None:
    archive, cluster = published
    cluster.stop(1)
    first = f"127.0.0.1:{cluster.servers[0][1]}"
    window = make_window(pool=pool, archive=archive, servers=first)
    # No local index yet: the window says why search is not available, never a traceback.
    qtbot.waitUntil(lambda: "does not answer" in window.statusBar().currentMessage(), timeout=60_000)
    assert window.search_index is None


def test_preferences_remember_the_server_per_archive(
    make_window, qtbot, pool, published, monkeypatch
) -> None:
    from viewer.gui.dialogs.preferences import PreferencesDialog

    archive, cluster = published
    settings = Settings()
    window = make_window(pool=pool, archive=archive, settings=settings)
    qtbot.waitUntil(lambda: window.search_index is not None, timeout=60_000)
    assert window.search_index.engine != CLUSTER_ENGINE  # no server: read and indexed here
    first = f"127.0.0.1:{cluster.servers[0][1]}"

    def exec_with_server(dialog: PreferencesDialog) -> int:
        dialog.servers.setText(first)
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", exec_with_server)
    window.show_preferences()
    assert settings.servers_for(window.archive_root) == first and len(settings.archive_servers) == 1
    qtbot.waitUntil(
        lambda: window.search_index is not None and window.search_index.engine == CLUSTER_ENGINE,
        timeout=60_000,
    )
    type_and_enter(qtbot, window, "合作")
    wait_for_results(qtbot, window, "合作")
    same_as_core(window, "合作")


def test_preferences_refuse_a_bad_address(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from viewer.gui.dialogs.preferences import PreferencesDialog

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    dialog = PreferencesDialog(Settings(), servers="")
    qtbot.addWidget(dialog)
    dialog.servers.setText("server:port")
    dialog.accept()
    assert said and "server:port" in said[0] and dialog.result() == 0
