"""The archive tree over document summaries: folders or kinds, natural order, lazy sections, label filter."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator

from viewer.core.documents import KIND_NOTICE, KIND_OTHER, KIND_YEARBOOK, DocumentSummary, Section
from viewer.errors import ViewerError
from viewer.gui.models.doc_tree import (
    DOC_ID_ROLE,
    NODE_ROLE,
    PARAGRAPH_ID_ROLE,
    SECTION_ID_ROLE,
    DocumentFilterModel,
    DocumentTreeModel,
    document_tooltip,
)
from viewer.gui.widgets.document_tree import FILTER_DELAY_MS, DocumentTreePanel
from viewer.paths import resources_dir

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def summary(source: str, title: str = "", **fields: object) -> DocumentSummary:
    values: dict[str, object] = {
        "id": "id:" + source,
        "source": source,
        "title": title,
        "subtitle": "",
        "kind": KIND_OTHER,
        "volume": "",
        "year": None,
        "script": "simplified",
        "authors": (),
        "encoding": "utf-8",
        "size": 2048,
        "repaired": False,
        "paragraph_count": 12,
    }
    values.update(fields)
    return DocumentSummary(**values)  # type: ignore[arg-type]


@dataclass
class FakeArchive:
    """An archive as the tree sees it; counts the catalogue reads of sections."""

    documents: list[DocumentSummary]
    root: Path = Path("/archives/地方志")
    sections_of: dict[str, list[Section]] = field(default_factory=dict)
    reads: list[str] = field(default_factory=list)

    def sections(self, doc_id: str) -> list[Section]:
        self.reads.append(doc_id)
        return self.sections_of.get(doc_id, [])


def two_sections(doc_id: str) -> list[Section]:
    return [
        Section(f"{doc_id}-s1", "一、概况", 1, f"{doc_id}-p1", [f"{doc_id}-p1", f"{doc_id}-p2"]),
        Section(
            f"{doc_id}-s2", "（一）人口", 2, None, [f"{doc_id}-p3"], author="张三", parent=f"{doc_id}-s1"
        ),
        Section(f"{doc_id}-s3", "二、经济", 1, f"{doc_id}-p4", [f"{doc_id}-p4"]),
    ]


def outline(model, parent: QModelIndex | None = None, depth: int = 0) -> list[str]:
    """The rows as "  " * depth + "node:label", without fetching anything not already read."""
    parent = parent or QModelIndex()
    lines = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        lines.append("  " * depth + f"{index.data(NODE_ROLE)}:{index.data()}")
        lines.extend(outline(model, index, depth + 1))
    return lines


def model_of(archive: FakeArchive | None, grouping: str = "") -> DocumentTreeModel:
    model = DocumentTreeModel()
    model.set_grouping(grouping)
    model.set_archive(archive)
    return model


def visible_documents(proxy) -> set[str]:
    found: set[str] = set()

    def walk(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            if index.data(NODE_ROLE) == "document":
                found.add(index.data(DOC_ID_ROLE))
            walk(index)

    walk(QModelIndex())
    return found


FOLDERED = [
    summary("a/b/第10册.txt"),
    summary("a/b/第2册.txt"),
    summary("a/b/第十一册.txt"),
    summary("a/卷四百五十一/x.txt"),
    summary("a/卷四百二十八/y.txt"),
    summary("a/总目.txt", "总目录"),
    summary("top.txt", "顶层"),
    summary("b/c/d/深.txt"),
]


def test_folders_view_builds_the_archive_hierarchy_in_natural_order(qapp) -> None:
    model = model_of(FakeArchive(FOLDERED))
    assert model.grouping() == "folders"
    assert outline(model) == [
        "archive:地方志",
        "  folder:a",
        "    folder:b",
        "      document:第2册.txt",
        "      document:第10册.txt",
        "      document:第十一册.txt",
        "    folder:卷四百二十八",
        "      document:y.txt",
        "    folder:卷四百五十一",
        "      document:x.txt",
        "    document:总目录",  # shown by title, sorted by its file name
        "  folder:b",
        "    folder:c",
        "      folder:d",
        "        document:深.txt",
        "  document:顶层",
    ]
    folder = model.index(0, 0, model.index(0, 0))
    assert folder.data(Qt.ItemDataRole.ToolTipRole) == "a"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == str(Path("/archives/地方志"))


def test_kinds_view_groups_by_kind_then_volume_newest_first(qapp) -> None:
    archive = FakeArchive(
        [
            summary("n1.txt", "通知甲", kind=KIND_NOTICE, year=2019),
            summary("y9.txt", "年鉴九", kind=KIND_YEARBOOK, volume="第九卷"),
            summary("y10.txt", "年鉴十", kind=KIND_YEARBOOK, volume="第十卷"),
            summary("y23b.txt", "年鉴乙", kind=KIND_YEARBOOK, volume="2023卷"),
            summary("y23a.txt", "年鉴甲", kind=KIND_YEARBOOK, volume="2023卷"),
            summary("o.txt", kind=KIND_OTHER),
            summary("n2.txt", "通知乙", kind=KIND_NOTICE),
        ]
    )
    model = model_of(archive)
    assert model.grouping() == "kinds"  # no document is in a folder
    assert outline(model) == [
        "archive:地方志",
        "  kind:Yearbooks",
        "    volume:第十卷",
        "      document:年鉴十",
        "    volume:第九卷",
        "      document:年鉴九",
        "    volume:2023卷",
        "      document:年鉴甲",
        "      document:年鉴乙",
        "  kind:Official notices",
        "    volume:2019",
        "      document:通知甲",
        "    document:通知乙",
        "  kind:Other",
        "    document:o.txt",
    ]
    assert archive.reads == []


def test_grouping_can_be_chosen_and_defaults_by_archive(qapp) -> None:
    model = model_of(FakeArchive(FOLDERED), grouping="kinds")
    assert model.grouping() == "kinds"
    assert outline(model)[1] == "  kind:Other"
    model.set_grouping("folders")
    assert outline(model)[1] == "  folder:a"
    model.set_grouping("")  # the archive's own choice
    assert model.grouping() == "folders"
    model.set_archive(FakeArchive([summary("x.txt")]))
    assert model.grouping() == "kinds"
    with pytest.raises(ValueError):
        model.set_grouping("years")


def test_sections_are_read_when_a_document_is_expanded(qtbot) -> None:
    archive = FakeArchive(FOLDERED, sections_of={"id:a/b/第2册.txt": two_sections("id:a/b/第2册.txt")})
    panel = DocumentTreePanel()
    qtbot.addWidget(panel)
    panel.set_archive(archive)
    panel.show()
    panel.grab()
    assert archive.reads == []  # painting the tree reads no sections
    doc = panel.proxy.mapFromSource(panel.model.index_of("id:a/b/第2册.txt"))
    assert doc.isValid() and panel.proxy.hasChildren(doc) and panel.proxy.rowCount(doc) == 0
    panel.tree.expand(doc.parent())  # a/b: the panel opens the archive and its top folders only
    assert archive.reads == []
    panel.tree.expand(doc)
    assert archive.reads == ["id:a/b/第2册.txt"]
    assert outline(panel.proxy, doc) == ["section:一、概况", "  section:（一）人口", "section:二、经济"]
    first = panel.proxy.index(0, 0, doc)
    assert first.data(SECTION_ID_ROLE) == "id:a/b/第2册.txt-s1"
    assert first.data(PARAGRAPH_ID_ROLE) == "id:a/b/第2册.txt-p1"
    assert first.data(DOC_ID_ROLE) == "id:a/b/第2册.txt"
    nested = panel.proxy.index(0, 0, first)
    assert nested.data(PARAGRAPH_ID_ROLE) == "id:a/b/第2册.txt-p3"  # no heading: its first paragraph
    assert nested.data(Qt.ItemDataRole.ToolTipRole) == "张三"
    panel.tree.collapse(doc)
    panel.tree.expand(doc)
    assert len(archive.reads) == 1  # read once
    # a document without sections loses its arrow once read
    other = panel.proxy.mapFromSource(panel.model.index_of("id:a/b/第10册.txt"))
    panel.tree.expand(other)
    assert not panel.proxy.hasChildren(other)


def test_index_of_reads_the_sections_of_a_document_not_yet_expanded(qapp) -> None:
    doc_id = "id:b/c/d/深.txt"
    archive = FakeArchive(FOLDERED, sections_of={doc_id: two_sections(doc_id)})
    model = model_of(archive)
    index = model.index_of(doc_id, f"{doc_id}-s2")
    assert archive.reads == [doc_id]
    assert index.isValid() and index.data(SECTION_ID_ROLE) == f"{doc_id}-s2"
    assert index.parent().data(SECTION_ID_ROLE) == f"{doc_id}-s1"
    assert index.parent().parent() == model.index_of(doc_id)
    assert model.index_of(doc_id, "no-such-section") == model.index_of(doc_id)  # falls back to the document
    assert not model.index_of("no-such-document").isValid()
    assert len(archive.reads) == 1
    # what was read survives a change of grouping, without reading again
    model.set_grouping("kinds")
    assert model.index_of(doc_id, f"{doc_id}-s3").data(SECTION_ID_ROLE) == f"{doc_id}-s3"
    assert len(archive.reads) == 1


def test_a_section_that_cannot_be_read_leaves_the_document_without_sections(qapp, caplog) -> None:
    class Broken(FakeArchive):
        def sections(self, doc_id: str) -> list[Section]:
            raise ViewerError("catalogue locked")

    model = model_of(Broken(FOLDERED))
    index = model.index_of("id:top.txt", "s1")
    assert index == model.index_of("id:top.txt") and index.isValid()
    assert "catalogue locked" in caplog.text


def test_panel_selects_a_section_of_an_unexpanded_document(qtbot) -> None:
    doc_id = "id:a/卷四百五十一/x.txt"
    archive = FakeArchive(FOLDERED, sections_of={doc_id: two_sections(doc_id)})
    panel = DocumentTreePanel()
    qtbot.addWidget(panel)
    panel.set_archive(archive)
    panel.select_location(doc_id, f"{doc_id}-s3")
    current = panel.tree.currentIndex()
    assert (current.data(NODE_ROLE), current.data(SECTION_ID_ROLE)) == ("section", f"{doc_id}-s3")
    assert panel.tree.isExpanded(current.parent())


def test_filter_looks_at_labels_in_either_script(qtbot) -> None:
    archive = FakeArchive(
        [
            summary("年鉴/赤峰年鉴.txt", "赤峰市年鉴", authors=("李谭芳",)),
            summary("通知/区域合作.txt", "內蒙古自治區區域合作重點", script="traditional"),
            summary("通知/会议纪要.txt", "会议纪要", subtitle="Harbin meeting"),
            summary("其他/札记.txt", "读书札记"),
        ],
        sections_of={"id:其他/札记.txt": [Section("s1", "赤峰游记", 1, "p1")]},
    )
    panel = DocumentTreePanel()
    qtbot.addWidget(panel)
    panel.set_archive(archive)
    everything = visible_documents(panel.proxy)
    assert len(everything) == 4

    def shown(query: str) -> set[str]:
        panel.filter.setText(query)
        return {d.removeprefix("id:") for d in visible_documents(panel.proxy)}

    assert shown("赤峯") == {"年鉴/赤峰年鉴.txt"}  # a variant form
    assert shown("區域合作") == {"通知/区域合作.txt"}  # traditional query, traditional title
    assert shown("区域合作重点") == {"通知/区域合作.txt"}  # simplified query, traditional title
    assert shown("會議紀要") == {"通知/会议纪要.txt"}  # traditional query, simplified title
    assert shown("ＨＡＲＢＩＮ") == {"通知/会议纪要.txt"}  # full width, upper case: the subtitle
    assert shown("李谭芳") == {"年鉴/赤峰年鉴.txt"}  # an author
    assert shown("通知") == {"通知/区域合作.txt", "通知/会议纪要.txt"}  # a folder name
    assert shown("没有这样的文件名") == set()
    assert not panel.proxy.set_query(" 没有这样的文件名\x07")  # the same query: nothing to redo
    # a section title counts once its document has been expanded, and shows under its document
    doc = panel.model.index_of("id:其他/札记.txt")
    panel.model.fetchMore(doc)
    assert shown("游记") == {"其他/札记.txt"}
    section = panel.proxy.mapFromSource(panel.model.index_of("id:其他/札记.txt", "s1"))
    assert section.isValid() and panel.tree.isExpanded(section.parent())
    assert archive.reads == ["id:其他/札记.txt"]  # filtering read nothing
    panel.filter.setText("")
    assert visible_documents(panel.proxy) == everything


def test_filter_keeps_what_is_below_a_matching_folder_and_survives_a_regrouping(qtbot) -> None:
    panel = DocumentTreePanel()
    qtbot.addWidget(panel)
    panel.set_archive(FakeArchive(FOLDERED))
    panel.filter.setText("卷四百")
    assert visible_documents(panel.proxy) == {"id:a/卷四百五十一/x.txt", "id:a/卷四百二十八/y.txt"}
    folder = panel.proxy.mapFromSource(panel.model.index_of("id:a/卷四百五十一/x.txt")).parent()
    assert panel.tree.isExpanded(folder)
    panel.set_grouping("kinds")  # the same query over the new rows
    assert visible_documents(panel.proxy) == {"id:a/卷四百五十一/x.txt", "id:a/卷四百二十八/y.txt"}


def test_filter_model_alone_on_the_model(qapp) -> None:
    model = model_of(FakeArchive(FOLDERED))
    proxy = DocumentFilterModel()
    proxy.setSourceModel(model)
    proxy.set_query("第2")
    assert visible_documents(proxy) == {"id:a/b/第2册.txt"}
    model.set_archive(FakeArchive([summary("第2卷/z.txt")]))
    assert visible_documents(proxy) == {"id:第2卷/z.txt"}


def test_first_document_id_follows_the_tree(qapp) -> None:
    assert model_of(FakeArchive(FOLDERED)).first_document_id() == "id:a/b/第2册.txt"
    assert model_of(FakeArchive(FOLDERED), "kinds").first_document_id() == "id:a/b/第2册.txt"
    kinds = FakeArchive(
        [
            summary("o.txt"),
            summary("y.txt", kind=KIND_YEARBOOK, year=2001),
            summary("z.txt", kind=KIND_YEARBOOK),
        ]
    )
    assert model_of(kinds).first_document_id() == "id:y.txt"
    assert model_of(FakeArchive([])).first_document_id() is None
    assert model_of(None).first_document_id() is None
    model = model_of(FakeArchive(FOLDERED))
    assert model.document("id:top.txt") == FOLDERED[6]
    assert model.document("nothing") is None


def test_grouping_box_switches_and_says_so_only_when_the_user_picks(qtbot) -> None:
    doc_id = "id:a/b/第10册.txt"
    archive = FakeArchive(FOLDERED, sections_of={doc_id: two_sections(doc_id)})
    panel = DocumentTreePanel()
    qtbot.addWidget(panel)
    changes: list[str] = []
    panel.grouping_changed.connect(changes.append)
    panel.set_archive(archive)
    assert panel.grouping() == "folders" and panel.grouping_box.currentData() == "folders"
    panel.select_location(doc_id, f"{doc_id}-s3")
    panel.grouping_box.activated.emit(panel.grouping_box.findData("kinds"))
    assert changes == ["kinds"] and panel.grouping() == "kinds"
    assert panel.proxy.index(0, 0, panel.proxy.index(0, 0)).data(NODE_ROLE) == "kind"
    current = panel.tree.currentIndex()  # the reader's place is kept
    assert (current.data(DOC_ID_ROLE), current.data(SECTION_ID_ROLE)) == (doc_id, f"{doc_id}-s3")
    panel.set_grouping("folders")  # from the settings: no signal
    assert changes == ["kinds"] and panel.grouping_box.currentData() == "folders"
    assert len(archive.reads) == 1
    panel.set_archive(None)
    assert panel.proxy.rowCount() == 0 and panel.first_document_id() is None


def test_tooltip_shows_the_summary_escaped(qapp) -> None:
    doc = summary(
        "a/<b>.txt",
        '<script>alert("x")</script>',
        authors=("甲", "乙"),
        kind=KIND_YEARBOOK,
        volume="2023卷",
        year=2023,
        repaired=True,
    )
    tip = document_tooltip(doc)
    assert "<script>" not in tip and "&lt;script&gt;" in tip and "a/&lt;b&gt;.txt" in tip
    assert "甲、乙" in tip and "2023卷" in tip and "2.0 KB" in tip and "12" in tip
    assert "Repairs applied" in tip
    assert "Repairs applied" not in document_tooltip(summary("plain.txt"))
    model = model_of(FakeArchive([doc]))
    index = model.index_of(doc.id)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == tip
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # the repaired mark


def test_grouping_box_and_tooltip_are_translated(qtbot, tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    qm = tmp_path / "zh_CN.qm"
    ts = resources_dir() / "translations" / "archive_viewer_zh_CN.ts"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        panel = DocumentTreePanel()
        qtbot.addWidget(panel)
        labels = [panel.grouping_box.itemText(i) for i in range(panel.grouping_box.count())]
        assert labels == ["按文件夹", "按类别和年份"]
        tip = document_tooltip(summary("x.txt", repaired=True))
        assert "段落数" in tip and "已做修复" in tip and "修复与原始文本" in tip
    finally:
        QCoreApplication.removeTranslator(translator)


def test_87000_documents_build_and_paint(qtbot) -> None:
    """Not a benchmark (no bound asserted): prints the time; the archive's layout is the scale bench's."""
    folders = ["全唐诗"] * 644 + ["御定全唐詩"] * 133 + ["宋词"] * 48 + ["元曲"] * 28 + ["蒙学"] * 17
    documents = [
        summary(f"copy{copy:03d}/{folder}/{i * 10:05d}.txt", f"第{i}首", kind=KIND_OTHER)
        for copy in range(1, 101)
        for i, folder in enumerate(folders)
    ]
    assert len(documents) == 87000
    archive = FakeArchive(documents)
    panel = DocumentTreePanel()
    qtbot.addWidget(panel)
    panel.resize(400, 800)
    panel.show()
    start = time.perf_counter()
    panel.set_archive(archive)
    panel.grab()
    painted = time.perf_counter() - start
    panel.select_location(panel.first_document_id() or "")
    panel.grab()
    opened = time.perf_counter() - start - painted
    for typed in ("第", "第6", "第64", "第643", "第643首"):  # typed quickly: one pass when typing pauses
        panel.filter.setText(typed)
        assert panel.filter_pending()
    assert len(visible_documents(panel.proxy)) == 87000
    start = time.perf_counter()
    qtbot.waitUntil(lambda: not panel.filter_pending(), timeout=5000)
    panel.grab()
    filtered = time.perf_counter() - start
    print(
        f"\n87,000 documents: tree painted in {painted * 1000:.0f} ms, first document shown in "
        f"{opened * 1000:.0f} ms more, filtered {filtered * 1000:.0f} ms after the last keystroke "
        f"(a pause of {FILTER_DELAY_MS} ms, then one pass)"
    )
    assert len(visible_documents(panel.proxy)) == 100
    assert archive.reads == []


# -- a real archive: the poetry corpus (870 files in 13 folders), read into a catalogue once -----------


@pytest.fixture(scope="module")
def poetry(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The poetry corpus as the window sees it (its catalogue, no index), read-only in place."""
    from viewer.core.archive_update import open_archive, refresh

    root = corpus_dir / "poetry"
    if not root.is_dir():
        pytest.skip("../shared/corpus/poetry is not present")
    index_dir = tmp_path_factory.mktemp("poetry-index")
    refresh(root, index_dir, with_index=False)
    archive = open_archive(root, index_dir)
    yield archive
    archive.catalogue.close()


def poetry_panel(qtbot, archive) -> DocumentTreePanel:
    panel = DocumentTreePanel()
    qtbot.addWidget(panel)
    panel.resize(320, 600)
    panel.show()
    panel.set_archive(archive)
    return panel


def brute_force_shown(archive, query: str) -> set[str]:
    """The documents a label filter must show: the query folded in the folded labels, as search folds."""
    from viewer.core.folding import clean_query_text, fold

    needle = fold(clean_query_text(query).strip())
    if needle in fold(archive.root.name):
        return {d.id for d in archive.documents}
    return {
        d.id
        for d in archive.documents
        if needle in fold(" ".join([d.title, d.subtitle, d.source, *d.authors]))
        or any(needle in fold(folder) for folder in d.source.split("/")[:-1])
    }


def test_poetry_tree_shows_the_archive_folders_in_natural_order(qtbot, poetry) -> None:
    from viewer.core.natural_sort import natural_key

    panel = poetry_panel(qtbot, poetry)
    assert panel.grouping() == "folders"  # the default ("") chooses folders: the archive has them
    lines = outline(panel.proxy)
    assert lines[0] == "archive:poetry"
    folders = sorted({d.source.split("/")[0] for d in poetry.documents}, key=natural_key)
    assert [line.strip() for line in lines if line.startswith("  folder:")] == [
        f"folder:{f}" for f in folders
    ]
    assert len(folders) == 13 and not any("其他" in line or "Other" in line for line in lines)
    for folder in folders:  # every file under its own folder, in the order of its file name
        index = next(
            panel.proxy.index(r, 0, panel.proxy.index(0, 0))
            for r in range(panel.proxy.rowCount(panel.proxy.index(0, 0)))
            if panel.proxy.index(r, 0, panel.proxy.index(0, 0)).data() == folder
        )
        ids = [panel.proxy.index(r, 0, index).data(DOC_ID_ROLE) for r in range(panel.proxy.rowCount(index))]
        names = {d.id: d.source for d in poetry.documents if d.source.startswith(folder + "/")}
        assert ids == sorted(names, key=lambda i: natural_key(names[i].rpartition("/")[2]))
    assert len(visible_documents(panel.proxy)) == 870
    panel.set_grouping("kinds")  # the kind/year view stays one choice away
    assert outline(panel.proxy)[:2] == ["archive:poetry", "  kind:Other"]
    assert len(visible_documents(panel.proxy)) == 870


@pytest.mark.parametrize("query", ["山", "全唐", "詩", "00", "0865", "李白", "上", "poetry", "无此标题xyz"])
def test_poetry_filter_equals_brute_force(qtbot, poetry, query: str) -> None:
    panel = poetry_panel(qtbot, poetry)
    panel.filter.setText(query)
    assert not panel.filter_pending()  # 883 rows: filtered as typed
    assert visible_documents(panel.proxy) == brute_force_shown(poetry, query)
    panel.filter.setText("")
    assert len(visible_documents(panel.proxy)) == 870


def test_selection_is_kept_when_the_filter_is_cleared(qtbot, poetry) -> None:
    panel = poetry_panel(qtbot, poetry)
    target = next(d for d in poetry.documents if d.source == "全唐诗/06490.txt")
    source = panel.model.index_of(target.id)
    panel.tree.setCurrentIndex(panel.proxy.mapFromSource(source))  # as a click or the arrow keys do

    def selected() -> str | None:
        index = panel.tree.currentIndex()
        return index.data(DOC_ID_ROLE) if panel.tree.selectionModel().isSelected(index) else None

    def in_view() -> bool:
        rect = panel.tree.visualRect(panel.tree.currentIndex())
        return rect.isValid() and panel.tree.viewport().rect().contains(rect.center())

    assert selected() == target.id
    panel.filter.setText("纳兰")  # hides it
    assert target.id not in visible_documents(panel.proxy) and selected() is None
    panel.filter.setText("")
    assert selected() == target.id and in_view()
    panel.filter.setText("06490")  # shows it: selected while filtered too
    assert selected() == target.id and in_view()
    panel.filter.setText("")
    assert selected() == target.id and in_view()
    # where the reader is (the window calls select_location) is kept the same way
    reader = next(d for d in poetry.documents if d.source == "蒙学/08670.txt")
    panel.filter.setText("宋词")
    panel.select_location(reader.id)
    assert selected() is None
    panel.filter.setText("")
    assert selected() == reader.id and in_view()
    assert panel.location() == (reader.id, "")


def test_set_archive_while_the_filter_holds_text(qtbot, poetry) -> None:
    """Issue 10 item 4: the window froze ~15 s when an archive opened with text in the filter."""
    panel = poetry_panel(qtbot, poetry)
    reader = next(d for d in poetry.documents if d.source == "全唐诗/00850.txt")
    panel.select_location(reader.id)
    panel.filter.setText("山")
    start = time.perf_counter()
    panel.set_archive(poetry)  # as a reopened (or another) archive arrives
    panel.grab()
    took = time.perf_counter() - start
    print(f"\npoetry (870 files): set_archive with the filter holding 山, painted in {took * 1000:.0f} ms")
    assert panel.filter.text() == "山"
    assert visible_documents(panel.proxy) == brute_force_shown(poetry, "山")
    panel.filter.setText("")
    assert len(visible_documents(panel.proxy)) == 870
    current = panel.tree.currentIndex()
    assert current.data(DOC_ID_ROLE) == reader.id
