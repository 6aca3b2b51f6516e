"""What the window's parts add beyond the reading tests: first start, empty state, the prebuilt index,
collection labels, the shortcuts list, and frozen-build readiness."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer import prebuilt
from viewer.core.excerpts import DEFAULT_COLLECTION

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_first_start_opens_the_first_document_of_the_tree(make_window) -> None:
    window = make_window()
    doc = window.current_document()
    assert doc is not None
    assert doc.id == window.tree_model.first_document_id()
    assert window.windowTitle().startswith(doc.title or doc.source)
    assert window.left_header.text()


def test_empty_archive_shows_the_hint_not_a_blank_page(make_window, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    window = make_window(archive=empty)
    assert window.archive is not None and window.archive.documents == []
    assert window.current_document() is None
    assert "holds no documents (text, web pages, PDF, DOCX or EPUB)" in window.view.placeholder_text()
    assert "Ctrl+Shift+O" in window.view.placeholder_text() and "Ctrl+O" in window.view.placeholder_text()
    seeds = make_window()
    assert "Ctrl+K" in seeds.view.placeholder_text() and "tree" in seeds.view.placeholder_text()


def test_index_update_installs_the_shipped_index_first(make_window, tmp_path, monkeypatch) -> None:
    """The window's index path calls the prebuilt hook with the index folder and the archive root."""
    import viewer.gui.archive_jobs as archive_jobs

    calls: list[tuple[Path, Path]] = []
    real = prebuilt.install_prebuilt_index

    def spy(index_dir: Path, archive: Path) -> bool:
        calls.append((index_dir, Path(archive)))
        return real(index_dir, archive)

    monkeypatch.setattr(archive_jobs, "install_prebuilt_index", spy)
    window = make_window()
    assert calls == [(window.paths.index_dir(window.archive.root), window.archive.root)]
    assert window.search_index is not None


def test_shipped_index_is_copied_for_the_bundled_archive(
    make_window, seeds_dir, tmp_path, monkeypatch
) -> None:
    """A bundle whose prebuilt-index/ holds a real index of the seeds: the window starts from a copy."""
    from viewer.core.search import SearchIndex

    root = tmp_path / "bundle"
    root.mkdir()
    prebuilt.build_prebuilt_index(seeds_dir, root / prebuilt.PREBUILT_DIRNAME)
    (root / prebuilt.PREBUILT_DIRNAME / "shipped-marker").write_text("x", encoding="utf-8")
    monkeypatch.setattr(prebuilt, "bundled_root", lambda: root)
    monkeypatch.setattr(prebuilt, "bundled_archive", lambda: seeds_dir)
    window = make_window()
    index_dir = window.paths.index_dir(window.archive.root)
    assert (index_dir / "shipped-marker").is_file()  # the copy, not a fresh build
    assert window.search_index is not None and window.search_index.ready
    with SearchIndex.open(index_dir, window.archive.catalogue) as index:
        assert not index.needs_update()  # the shipped index was used as it is


def test_default_collection_is_shown_translated(make_window, qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from viewer.gui.i18n import install_translators, resources_dir

    window = make_window()
    combo = window.excerpts.panel.collections
    assert combo.itemText(0) == "Default (0)"
    assert window.excerpts.store.collections()[0].name == DEFAULT_COLLECTION  # stored name is stable
    if not (resources_dir() / "translations" / "archive_viewer_zh_CN.qm").is_file():
        pytest.skip("archive_viewer_zh_CN.qm is not built: run `make translations`")
    installed = install_translators(qapp, "zh_CN")
    try:
        window.excerpts.panel.refresh()
        assert combo.itemText(0) == "默认 (0)"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_shortcuts_list_names_the_text_keys(make_window) -> None:
    window = make_window()
    texts = [a.text() for a in window.commands.shortcut_actions()]
    assert any(t.startswith("Text: extend the selection") for t in texts)
    assert any(t.startswith("Text: select the paragraph") for t in texts)


def test_frozen_entry_point_calls_freeze_support_first() -> None:
    """The PyInstaller entry script must let a spawned indexer child start (multiprocessing docs)."""
    import ast

    main = Path(__file__).resolve().parents[2] / "viewer" / "__main__.py"
    body = ast.parse(main.read_text(encoding="utf-8")).body[1:]  # after the docstring
    first = next(n for n in body if not isinstance(n, ast.Import | ast.ImportFrom))
    assert ast.unparse(first) == "multiprocessing.freeze_support()"
    assert all(n.names[0].name == "multiprocessing" for n in body[: body.index(first)])


def test_labels_lose_their_mnemonics_on_toolbars_and_lists(make_window) -> None:
    from viewer.gui.i18n import plain_label

    assert plain_label("单栏(&S)") == "单栏"
    assert plain_label("打开档案文件夹(&O)…") == "打开档案文件夹…"
    assert plain_label("Copy with &citation") == "Copy with citation"
    assert plain_label("R&&D") == "R&D"
    window = make_window()
    assert window.commands.swap_action.iconText() == "Swap sides"
    listed = {a.text() for a in window.commands.shortcut_actions()}
    assert window.commands.repairs_action.text() in listed  # Ctrl+R is listed with the others


def test_result_snippets_start_near_their_first_match() -> None:
    from viewer.gui.models.results import SNIPPET_LEAD, lead_trimmed

    text = "…" + "甲" * 40 + "协同发展" + "乙" * 10 + "协同发展"
    first = text.index("协同发展")
    trimmed, matches = lead_trimmed(text, [(first, first + 4), (len(text) - 4, len(text))])
    assert trimmed.startswith("…") and len(trimmed) < len(text)
    assert [trimmed[s:e] for s, e in matches] == ["协同发展", "协同发展"]
    assert matches[0][0] == SNIPPET_LEAD + 1
    short = "优化能源结构 推进绿能与产业协同发展"
    assert lead_trimmed(short, [(14, 18)]) == (short, [(14, 18)])  # already close: unchanged
    assert lead_trimmed(short, []) == (short, [])


def test_results_panel_shows_every_match_near_the_start_of_its_row(make_window) -> None:
    from viewer.gui.models.results import SNIPPET_LEAD, SNIPPET_MATCHES_ROLE, SNIPPET_MIN_CUT

    window = make_window()
    window.run_search("协同发展")
    model = window.results.model
    rows = [
        model.index(r, 0, model.index(d, 0))
        for d in range(model.rowCount())
        for r in range(model.rowCount(model.index(d, 0)))
    ]
    assert rows
    for index in rows:
        text, matches = index.data(), index.data(SNIPPET_MATCHES_ROLE)
        assert matches and all(text[s:e] in ("协同发展", "協同發展") for s, e in matches)
        prefix = text.index("  ") + 2
        assert matches[0][0] - prefix < SNIPPET_LEAD + SNIPPET_MIN_CUT


def test_dark_theme_darkens_the_text_view_even_where_the_platform_ignores_the_request(
    make_window, qtbot
) -> None:
    """The offscreen platform, like plain X11, ignores a requested colour scheme."""
    from PySide6.QtGui import QPalette

    window = make_window()
    base, text = QPalette.ColorRole.Base, QPalette.ColorRole.Text
    system = window.view.palette().color(base).name()
    try:
        window.set_theme("dark")  # widgets take the new application palette from a posted event
        qtbot.waitUntil(lambda: window.view.palette().color(base).lightness() < 80)
        assert window.view.palette().color(text).lightness() > 180
        assert window.commands.theme_actions["dark"].isChecked() and window.settings.theme == "dark"
        window.set_theme("light")
        qtbot.waitUntil(lambda: window.view.palette().color(base).lightness() > 200)
    finally:
        window.set_theme("system")
    qtbot.waitUntil(lambda: window.view.palette().color(base).name() == system)


def test_tree_grouping_is_remembered(make_window) -> None:
    from viewer.settings import Settings

    window = make_window(settings=Settings(tree_grouping="kinds"))
    assert window.tree_panel.grouping() == "kinds"
    box = window.tree_panel.grouping_box
    row = next(i for i in range(box.count()) if box.itemData(i) == "folders")
    box.setCurrentIndex(row)
    box.activated.emit(row)  # what a user's choice in the box sends
    assert window.settings.tree_grouping == "folders"
    assert window.tree_panel.grouping() == "folders"


def test_results_line_gives_the_true_totals_and_says_how_many_are_loaded(make_window, monkeypatch) -> None:
    import viewer.gui.search_controller as search_controller

    window = make_window()
    expected = window.search_index.search("合作", limit=None)
    monkeypatch.setattr(search_controller, "PAGE_SIZE", 3)
    window.run_search("合作")
    text = window.results.message.text()  # untranslated plural forms here: "48 hit(s) in 5 document(s)"
    assert text.startswith(f"{expected.total_hits} hit(s) in {expected.total_documents} document(s)"), text
    assert text.endswith("(3 loaded; scroll for more)") and len(window.results.visible_hits()) == 3
    monkeypatch.setattr(search_controller, "PAGE_SIZE", 500)
    window.run_search("區域合作")  # every hit loaded: nothing more to say
    everything = window.search_index.search("區域合作", limit=None)
    assert window.results.message.text() == (
        f"{everything.total_hits} hit(s) in {everything.total_documents} document(s)"
    )


def test_every_hit_is_reachable_by_scrolling_and_by_f3(make_window, monkeypatch) -> None:
    """Pages load as the list is scrolled to its end (and as F3 passes the last hit loaded): the
    hits shown are the core's whole result, in its order, each once."""
    import viewer.gui.search_controller as search_controller

    window = make_window()
    everything = window.search_index.search("合作", limit=None)
    assert everything.total_hits > 10
    monkeypatch.setattr(search_controller, "PAGE_SIZE", 4)
    window.run_search("合作")
    model = window.results.model
    assert len(model.hits()) == 4 and model.can_request_more()
    for _ in range(100):
        if not model.can_request_more():
            break
        model.request_more()  # what the panel does when the list is scrolled to its end
    listed = [(h.doc_id, h.paragraph_id) for h in window.results.visible_hits()]
    assert listed == [(h.doc_id, h.paragraph_id) for h in everything.hits]
    groups = [model.index(r, 0) for r in range(model.rowCount())]
    assert len(groups) == everything.total_documents  # a document cut by a page boundary stays one row
    assert sum(model.rowCount(g) for g in groups) == everything.total_hits
    assert window.results.message.text() == (
        f"{everything.total_hits} hit(s) in {everything.total_documents} document(s)"
    )
    # F3 walks on into pages not loaded yet.
    window.run_search("合作")
    steps = sum(max(1, len(h.matches)) for h in everything.hits)
    for _ in range(steps):
        window.next_hit()
    assert len(window.results.visible_hits()) == everything.total_hits
    assert window.search.current_hit().paragraph_id == everything.hits[-1].paragraph_id


def test_a_facet_searches_again_and_counts_the_whole_filtered_result(make_window) -> None:
    from viewer.core.search.results import UNDATED

    window = make_window()
    window.run_search("合作")
    kinds = window.results.results().facets["kind"]
    kind = next(iter(kinds))
    window.results.set_filter("kind", kind)
    filtered = window.search_index.search(f"(合作) kind:{kind}", limit=None)
    shown = window.results.results()
    assert (shown.total_hits, shown.total_documents) == (filtered.total_hits, filtered.total_documents)
    assert {h.kind for h in window.results.visible_hits()} == {kind}
    box = window.results.kind_box
    assert box.count() == len(kinds) + 1  # the unfiltered facets stay offered
    window.results.set_filter("kind", "")
    years = window.results.results().facets["year"]
    if UNDATED in years:
        window.results.set_filter("year", UNDATED)
        assert {h.year for h in window.results.visible_hits()} == {None}
        assert window.results.results().total_documents == years[UNDATED]


def test_the_folder_filter_and_the_chart_by_folder(make_window, seeds_dir, tmp_path) -> None:
    """A folder chosen (in the panel or on the chart) narrows the search to that folder and below it."""
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(seeds_dir, archive / "a" / "b")
    shutil.copytree(seeds_dir, archive / "c")
    window = make_window(archive=archive)
    window.run_search("合作")
    whole = window.results.results()
    assert set(whole.facets["folder"]) == {"a/b", "c"}
    window.hits_chart.set_field("folder")
    bars = {bar.value: bar for bar in window.hits_chart.bars()}
    assert set(bars) == {"a/b", "c"}
    window.hits_chart.filter_requested.emit("folder", "a")  # a parent folder works too (not a bar)
    assert window.results.filters()[2] == ""  # not offered in the box: ignored
    window.hits_chart.filter_requested.emit("folder", "c")  # what a click on the bar sends
    shown = window.results.results()
    assert window.results.filters()[2] == "c"
    assert {h.source.split("/")[0] for h in window.results.visible_hits()} == {"c"}
    assert (shown.total_hits, shown.total_documents) == (whole.total_hits // 2, whole.total_documents // 2)
    expected = window.search_index.search('(合作) folder:"c"', limit=None)
    assert shown.total_hits == expected.total_hits


def test_pages_load_when_the_list_is_scrolled_to_its_end_and_not_before(
    make_window, qtbot, monkeypatch
) -> None:
    """Only a list scrolled to its end (or too short to scroll) asks for the next page: Qt's own
    fetchMore loaded page after page while the tree's layout was pending."""
    import viewer.gui.search_controller as search_controller

    monkeypatch.setattr(search_controller, "PAGE_SIZE", 5)
    window = make_window()
    window.results_dock.show()
    window.run_search("合作")
    model, bar = window.results.model, window.results.view.verticalScrollBar()
    total = window.results.results().total_hits
    qtbot.waitUntil(lambda: bar.maximum() > 0 or not model.has_more(), timeout=5000)
    loaded = len(model.hits())
    assert 5 <= loaded < total
    qtbot.wait(300)
    assert len(model.hits()) == loaded  # nothing more unasked
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: len(model.hits()) > loaded, timeout=5000)
