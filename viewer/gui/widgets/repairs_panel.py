"""The repairs view: what each repair rule changed, shown in the raw file and in the repaired text side by side.

A roomy panel meant for a large dock or tab: on the left the repairs grouped by rule, each named in
plain words and explained, each change located by repaired paragraph (¶N) and raw-file line; on the
right the raw text and the repaired text, both large. Choosing a change scrolls both texts to it and
marks the "before" in the raw text and the "after" (or the place something was removed) in the
repaired text. Where each change lies comes from viewer.core.repair.locate (no Qt there).

A web page's raw text is what its reader extracted; a button above it swaps in the page's HTML source
(decoded as the reader decodes it, read from the file in a job, shown as plain text and never
rendered) and back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.catalogue import read_web_page_source
from viewer.core.documents import Document
from viewer.core.formats import FORMAT_HTML, format_of
from viewer.core.repair.locate import LocatedChange, RepairLocations, locate_repairs
from viewer.gui import plain
from viewer.gui.i18n import core_text, repair_explanation, repair_label
from viewer.gui.jobs import JobRunner, JobSlot

logger = logging.getLogger(__name__)

MAX_CHANGES_SHOWN = 2000  # per rule; a rule that changed more is summarised by its count
SHOWN_CHARS = 24  # of a change's before/after in the list
BEFORE_COLOR = "#ffb4a8"  # what was there (raw text)
AFTER_COLOR = "#b8e6b0"  # what is there now (repaired text)
REMOVED_COLOR = "#ff6f61"  # the two characters around the place something was removed
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1


def _utf16_length(text: str) -> int:
    """Qt counts positions in UTF-16 units: characters beyond the BMP (CJK Ext B…) take two."""
    return len(text.encode("utf-16-le")) // 2


def _for_display(text: str) -> str:
    """Line endings as Qt's text document makes them (\\r\\n and \\r become one break)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _short(text: str) -> str:
    flat = text.replace("\r", "").replace("\n", "⏎")
    return flat if len(flat) <= SHOWN_CHARS else flat[:SHOWN_CHARS] + "…"


class RepairsPanel(QWidget):
    """The repairs of the open document, each shown where it happened in the raw and the repaired text."""

    paragraph_requested = Signal(str)  # paragraph id of the change chosen: scroll the reading view there

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        jobs: JobRunner | None = None,
        archive_root: Callable[[], Path | None] | None = None,
    ) -> None:
        """`jobs` and `archive_root` (the open archive's folder) let the panel read a web page's HTML
        source; without them it offers none."""
        super().__init__(parent)
        self._source_job = JobSlot(jobs, "html source", self) if jobs is not None else None
        self._archive_root = archive_root
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(self.splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.repairs = QTreeWidget(left)
        self.repairs.setHeaderLabels([self.tr("Repair / where"), self.tr("Change")])
        self.repairs.setRootIsDecorated(True)
        self.repairs.setUniformRowHeights(True)
        self.repairs.currentItemChanged.connect(self._on_repairs_current_item_changed)
        self.repairs.itemActivated.connect(self._on_repairs_item_activated)
        left_layout.addWidget(self.repairs, 1)
        self.explanation = QLabel(left)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setWordWrap(True)
        self.explanation.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left_layout.addWidget(self.explanation)
        self.source_button = QToolButton()  # a web page's HTML source in the raw text's place
        self.source_button.setCheckable(True)
        self.source_button.setToolTip(
            plain.tooltip(self.tr("The page's HTML as saved, shown as text (never rendered)."))
        )
        self.source_button.toggled.connect(self._on_source_button_toggled)
        self.source = self._plain_edit()  # the page is never rendered or interpreted
        self.source.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.source.hide()
        self.raw, self.raw_header = self._text_pane(
            self.tr("Raw file (as read from disk)"), corner=self.source_button, alternate=self.source
        )
        self.repaired, self.repaired_header = self._text_pane(
            self.tr("Repaired text (what the reader shows)")
        )
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        layout.addWidget(self.splitter, 1)
        self._document: Document | None = None
        self._locations: RepairLocations | None = None
        self._current: LocatedChange | None = None
        self._source_of: Document | None = None  # the document whose HTML source the source pane holds
        self._clear()

    def _text_pane(
        self, title: str, *, corner: QWidget | None = None, alternate: QWidget | None = None
    ) -> tuple[QPlainTextEdit, QLabel]:
        """A titled text pane; `corner` goes beside the title, `alternate` below the text (shown instead)."""
        pane = QWidget(self.splitter)
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.setSpacing(2)
        header = QLabel(title, pane)
        header.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(header.font())
        font.setBold(True)
        header.setFont(font)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(header, 1)
        if corner is not None:
            row.addWidget(corner)
        pane_layout.addLayout(row)
        edit = self._plain_edit()  # plain text: the raw file is never interpreted
        pane_layout.addWidget(edit, 1)
        if alternate is not None:
            pane_layout.addWidget(alternate, 1)
        return edit, header

    @staticmethod
    def _plain_edit() -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setReadOnly(True)
        edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        edit.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return edit

    # ------------------------------------------------------------ public

    def document(self) -> Document | None:
        """The document the panel shows (None: none, or not filled yet)."""
        return self._document

    def locations(self) -> RepairLocations | None:
        """Where the shown document's changes lie (None while no document is shown)."""
        return self._locations

    def set_document(
        self,
        doc: Document | None,
        raw_text: str = "",
        *,
        locations: RepairLocations | None = None,
        problem: str = "",
    ) -> None:
        """Show `doc`'s repairs beside its file's text as read (`raw_text`: read by the caller, who
        may have located the repairs already: `locations`); `problem` says why the file could not be read."""
        if doc is not None and doc is self._document:
            return  # shown again (e.g. the dock re-tabbed): already filled
        self._document = doc
        if doc is None:
            self._clear()
            return
        raw = raw_text or doc.raw_text
        if locations is not None or problem:
            self._locations = locations
        else:
            try:
                self._locations = locate_repairs(doc, raw)
            except Exception:  # a document from other rule versions must not cost the user the view
                logger.exception("Cannot locate the repairs of %s", doc.source)
                self._locations = None
        self._current = None
        self._drop_source()
        self._show_source(False)
        self.source_button.setVisible(self._offers_source(doc))
        self._fill_tree(doc)
        if problem:
            self.summary.setText(problem)
        self.raw.setPlainText(_for_display(raw))
        repaired = self._locations.repaired_text if self._locations is not None else doc.text
        self.repaired.setPlainText(repaired or "\n\n".join(p.text for p in doc.paragraphs))
        for edit in (self.raw, self.repaired):
            edit.setExtraSelections([])

    def show_paragraph(self, paragraph_id: str) -> bool:
        """Choose the first change made in a paragraph (the reader's repaired mark); False if none."""
        for item in self._change_items():
            change = item.data(0, CHANGE_ROLE)
            if isinstance(change, LocatedChange) and change.paragraph_id == paragraph_id:
                parent = item.parent()
                if parent is not None:
                    parent.setExpanded(True)
                self.repairs.setCurrentItem(item)
                self.repairs.scrollToItem(item)
                return True
        return False

    def show_change(self, change: LocatedChange) -> None:
        """Scroll both texts to a change and mark its before (raw) and after (repaired)."""
        self._current = change
        self._show_source(False)  # the change is marked in the raw text
        locations = self._locations
        if locations is None:
            return
        raw = locations.raw_text
        start = _utf16_length(_for_display(raw[: change.raw_start]))
        end = start + _utf16_length(_for_display(raw[change.raw_start : change.raw_end]))
        self._mark(self.raw, start, end, BEFORE_COLOR)
        text = locations.repaired_text
        t_start = _utf16_length(text[: change.text_start])
        t_end = t_start + _utf16_length(text[change.text_start : change.text_end])
        if t_end > t_start:
            self._mark(self.repaired, t_start, t_end, AFTER_COLOR)
        else:  # removed only: mark the characters either side of the place
            self._mark(self.repaired, max(0, t_start - 1), t_start + 1, REMOVED_COLOR, point=t_start)
        self.explanation.setText(self._change_explanation(change))

    def current_change(self) -> LocatedChange | None:
        return self._current

    def marked_span(self, edit: QPlainTextEdit) -> tuple[int, int] | None:
        """The (start, end) Qt positions marked in `edit` (the raw or repaired pane), for tests."""
        selections = edit.extraSelections()
        if not selections:
            return None
        selection = selections[0]
        cursor = QTextCursor(selection.cursor)
        return cursor.selectionStart(), cursor.selectionEnd()

    def showing_source(self) -> bool:
        """Whether the raw pane shows the page's HTML source instead of its raw text."""
        return self.source_button.isChecked()

    # ------------------------------------------------------------ the HTML source

    def _offers_source(self, doc: Document) -> bool:
        return (
            self._source_job is not None
            and self._archive_root is not None
            and format_of(doc.source) == FORMAT_HTML
        )

    def _show_source(self, shown: bool) -> None:
        """The raw text or the HTML source in the raw pane, the button and header saying which."""
        self.source_button.blockSignals(True)
        self.source_button.setChecked(shown)
        self.source_button.blockSignals(False)
        self.source_button.setText(self.tr("Show the raw text") if shown else self.tr("Show the HTML source"))
        self.raw_header.setText(
            self.tr("HTML source (as saved, not rendered)")
            if shown
            else self.tr("Raw file (as read from disk)")
        )
        self.raw.setVisible(not shown)
        self.source.setVisible(shown)

    def _read_source(self, doc: Document) -> None:
        """Read the page's HTML in a job; the source pane says so meanwhile."""
        root = self._archive_root() if self._archive_root is not None else None
        if self._source_job is None or root is None:
            return
        self._source_of = doc
        self.source.setPlainText(self.tr("Reading the HTML source…"))

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> str:
            return read_web_page_source(root, doc)

        def read(text: Any) -> None:
            if self._document is doc:
                self.source.setPlainText(_for_display(str(text)))

        def failed(error: Exception) -> None:
            if self._document is doc:
                self._source_of = None  # asked again, read again
                self.source.setPlainText(core_text(error))

        self._source_job.start(work, succeeded=read, failed=failed)

    # ------------------------------------------------------------ filling

    def _fill_tree(self, doc: Document) -> None:
        self.repairs.clear()
        applied = [(i, r) for i, r in enumerate(doc.repairs) if r.count or r.unresolved]
        if applied:
            self.summary.setText(
                self.tr(
                    "%n repair rule(s) changed this document. Choose a change to see it in both texts.",
                    "",
                    len(applied),
                )
            )
        else:
            self.summary.setText(self.tr("No repairs were needed; the raw text is shown."))
        located = self._locations
        for index, repair in applied:
            title = (
                self.tr("%1 (%2)").replace("%1", repair_label(repair.kind)).replace("%2", str(repair.count))
            )
            item = QTreeWidgetItem([title, ""])
            details = repair_explanation(repair.kind)
            if repair.unresolved:
                details += "  " + self.tr("(%n place(s) marked, not guessed)", "", repair.unresolved)
            item.setToolTip(0, plain.tooltip(details))
            item.setData(0, CHANGE_ROLE, repair.kind)
            changes = located.for_repair(index) if located is not None else []
            for change in changes[:MAX_CHANGES_SHOWN]:
                child = QTreeWidgetItem([self._where(change), self._what(change)])
                child.setData(0, CHANGE_ROLE, change)
                child.setToolTip(1, plain.tooltip(self._change_explanation(change)))
                item.addChild(child)
            if len(changes) > MAX_CHANGES_SHOWN:
                more = len(changes) - MAX_CHANGES_SHOWN
                item.addChild(QTreeWidgetItem([self.tr("… %n more", "", more), ""]))
            self.repairs.addTopLevelItem(item)
        only = self.repairs.topLevelItem(0) if self.repairs.topLevelItemCount() == 1 else None
        if only is not None:
            only.setExpanded(True)
        self.repairs.resizeColumnToContents(0)
        self.explanation.setText("")

    def _where(self, change: LocatedChange) -> str:
        line = self.tr("line %1").replace("%1", str(change.raw_line))
        if change.paragraph_number is None:
            return line
        return self.tr("¶%1 · raw %2").replace("%1", str(change.paragraph_number)).replace("%2", line)

    def _what(self, change: LocatedChange) -> str:
        if not change.after:
            return self.tr("“%1” removed").replace("%1", _short(change.before))
        what = self.tr("“%1” → “%2”").replace("%1", _short(change.before)).replace("%2", _short(change.after))
        candidates = self._candidates(change)
        if candidates:
            what += "  " + self.tr("candidates: %1").replace("%1", "; ".join(_short(c) for c in candidates))
        return what

    def _candidates(self, change: LocatedChange) -> tuple[str, ...]:
        """What each 〓 of a change could stand for, as the rule kept it (it would not guess)."""
        doc = self._document
        if doc is None or not 0 <= change.repair_index < len(doc.repairs):
            return ()
        changes = doc.repairs[change.repair_index].changes
        if not 0 <= change.change_index < len(changes):
            return ()
        return tuple(" ".join(c) if " " not in c else c for c in changes[change.change_index].candidates)

    def _change_explanation(self, change: LocatedChange) -> str:
        where = self.tr("Raw file line %1, column %2; repaired text ¶%3.")
        where = where.replace("%1", str(change.raw_line)).replace("%2", str(change.raw_column))
        where = where.replace("%3", str(change.paragraph_number or "–"))
        text = repair_explanation(change.kind) + "\n" + where
        for candidates in self._candidates(change)[:8]:  # (records of older versions held hundreds)
            shown = candidates if len(candidates) <= 200 else candidates[:200] + "…"
            text += "\n" + self.tr("〓 could stand for: %1").replace("%1", shown)
        if not change.exact:
            text += "\n" + self.tr("(Located by searching for the text: the position may be approximate.)")
        return text

    def _change_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for i in range(self.repairs.topLevelItemCount()):
            top = self.repairs.topLevelItem(i)
            if top is not None:
                items.extend(c for j in range(top.childCount()) if (c := top.child(j)) is not None)
        return items

    def _mark(self, edit: QPlainTextEdit, start: int, end: int, color: str, point: int | None = None) -> None:
        """Mark [start, end) in `edit`, scroll it to the middle of the view."""
        length = edit.document().characterCount() - 1
        start, end = max(0, min(start, length)), max(0, min(end, length))
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        fmt.setForeground(QColor("#000000"))  # dark on the light marks, in either theme
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selection.format = fmt
        selection.cursor = cursor
        edit.setExtraSelections([selection])
        caret = QTextCursor(edit.document())
        caret.setPosition(start if point is None else max(0, min(point, length)))
        edit.setTextCursor(caret)
        edit.centerCursor()

    def _clear(self) -> None:
        self.repairs.clear()
        self._locations = None
        self._current = None
        self.summary.setText(self.tr("No document open."))
        self.explanation.setText("")
        self.raw.setPlainText("")
        self.repaired.setPlainText("")
        self._show_source(False)
        self.source_button.hide()
        self._drop_source()

    def _drop_source(self) -> None:
        if self._source_job is not None:
            self._source_job.cancel()
        self._source_of = None
        self.source.setPlainText("")

    # ------------------------------------------------------------ slots

    def _on_repairs_current_item_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        data = current.data(0, CHANGE_ROLE)
        if isinstance(data, LocatedChange):
            self.show_change(data)
            if data.paragraph_id is not None:
                self.paragraph_requested.emit(data.paragraph_id)
        elif isinstance(data, str):
            self.explanation.setText(repair_explanation(data))

    def _on_source_button_toggled(self, checked: bool) -> None:
        self._show_source(checked)
        doc = self._document
        if checked and doc is not None and self._source_of is not doc:
            self._read_source(doc)

    def _on_repairs_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, CHANGE_ROLE)
        if isinstance(data, LocatedChange):  # chosen again (Enter, double click): show it again
            self.show_change(data)
            if data.paragraph_id is not None:
                self.paragraph_requested.emit(data.paragraph_id)
