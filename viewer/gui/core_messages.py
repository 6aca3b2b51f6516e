"""The core's message templates, for lupdate and the GUI's translation of core messages (context "core").

Generated from the `message("...")` calls in viewer/ outside gui/ (tests/gui/test_translations.py fails
when this list and the core differ, and prints the list to paste here). `QT_TRANSLATE_NOOP` only marks
a string for lupdate; `viewer.gui.i18n.core_text` translates at run time.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

CORE_CONTEXT = "core"

# QT_TRANSLATE_NOOP returns its text; typed `object` in the stubs.
CORE_TEMPLATES: tuple[str, ...] = tuple(
    str(template)
    for template in (
        # viewer/core/catalogue.py
        QT_TRANSLATE_NOOP(
            "core",
            "The archive's catalogue is damaged and still in use by another Archive Viewer window; close it and open the archive again ({error}).",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "The archive's catalogue is damaged; it will be rebuilt the next time the archive is opened.",
        ),
        # viewer/core/decode.py
        QT_TRANSLATE_NOOP(
            "core", "binary data ({controls} control characters in the first {length}), not text"
        ),
        QT_TRANSLATE_NOOP("core", "binary file (contains NUL bytes), not text"),
        QT_TRANSLATE_NOOP("core", "file is empty"),
        QT_TRANSLATE_NOOP("core", "has a {encoding} byte-order mark but invalid {encoding} at byte {offset}"),
        QT_TRANSLATE_NOOP("core", "not valid UTF-8, GB18030, Big5 or UTF-16 text"),
        # viewer/core/ingest.py
        QT_TRANSLATE_NOOP("core", "could not be processed ({error})"),
        QT_TRANSLATE_NOOP("core", "not a regular file"),
        QT_TRANSLATE_NOOP("core", "permission denied (cannot read the file)"),
        QT_TRANSLATE_NOOP(
            "core", "too large ({size} MB; the limit is {limit} MB, set by max_file_mb in the settings)"
        ),
        QT_TRANSLATE_NOOP("core", "too large to read into memory"),
        # viewer/core/repair/chrome.py
        QT_TRANSLATE_NOOP("core", "Removed {count} lines of web-page navigation and footers."),
        # viewer/core/repair/doubled.py
        QT_TRANSLATE_NOOP(
            "core",
            "The text was there twice ({lines} lines each); removed the first copy, which had more damaged characters.",
        ),
        QT_TRANSLATE_NOOP("core", "The text was there twice ({lines} lines each); removed the second copy."),
        # viewer/core/repair/mojibake.py
        QT_TRANSLATE_NOOP(
            "core", "Restored {restored} character run(s) damaged by a GBK byte misalignment. {notes}"
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "Restored {restored} character run(s) damaged by a GBK byte misalignment; marked {unresolved} that cannot be restored with {mark}. {notes}",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "at {where}: {before} is a character lost with the opening of its gloss; no byte of it is left, marked {mark}",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "at {where}: {before} → {after}; first character chosen from {count} candidates ({candidates}) because {why}",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "at {where}: {before} → {after}; {trail} is the trail byte of {char} (GBK {bytes}), which the document glosses {gloss}",
        ),
        QT_TRANSLATE_NOOP("core", "no evidence in the document singles out one candidate"),
        QT_TRANSLATE_NOOP(
            "core",
            "at {where}: {before} → {after}; a lost lead byte read the bytes one over ({why}){marked}",
        ),
        QT_TRANSLATE_NOOP("core", "no evidence singles out one candidate"),
        QT_TRANSLATE_NOOP(
            "core", "the bytes can be read more than one way and no reading forms clearly better words"
        ),
        QT_TRANSLATE_NOOP("core", "the reading the bytes leave does not form words"),
        QT_TRANSLATE_NOOP("core", "the ways of reading the bytes agree only on the characters kept"),
        QT_TRANSLATE_NOOP("core", "the words the characters form decide: {words}"),
        QT_TRANSLATE_NOOP(
            "core",
            "at {where}: {before} → {after}; a gloss glued inside a character read the bytes one over ({why}){marked}",
        ),
        QT_TRANSLATE_NOOP("core", "; marked {mark}, candidates: {candidates}"),
        QT_TRANSLATE_NOOP("core", "the bytes leave one reading"),
        QT_TRANSLATE_NOOP("core", "the document's own use of the words decides"),
        QT_TRANSLATE_NOOP("core", "the only reading whose words all occur elsewhere in this document"),
        QT_TRANSLATE_NOOP("core", "{text} occurs {count}× in this document"),
        # viewer/core/repair/pagebreaks.py
        QT_TRANSLATE_NOOP("core", "Joined {count} paragraphs that a page break had cut in two."),
        # viewer/core/repair/pinyin.py
        QT_TRANSLATE_NOOP("core", "Removed {count} pinyin glosses a web converter glued after characters."),
        # viewer/core/repair/whitespace.py
        QT_TRANSLATE_NOOP("core", "Converted {count} CR/CRLF line endings to LF."),
        QT_TRANSLATE_NOOP(
            "core",
            "Normalised whitespace in {count} places (indentation, trailing and repeated spaces, blank lines).",
        ),
        # viewer/core/scan.py
        QT_TRANSLATE_NOOP("core", "broken symbolic link ({error}); skipped"),
        QT_TRANSLATE_NOOP("core", "cannot be read ({error})"),
        QT_TRANSLATE_NOOP("core", "not a regular file; skipped"),
        QT_TRANSLATE_NOOP("core", "symbolic link loop; skipped"),
        # viewer/core/search/index.py
        QT_TRANSLATE_NOOP("core", "The search index was closed (another one replaced it)."),
        QT_TRANSLATE_NOOP("core", "Each term occurs, but no paragraph satisfies the whole query."),
        QT_TRANSLATE_NOOP("core", "No document matches the field filters."),
        QT_TRANSLATE_NOOP("core", "No paragraph satisfies the whole query."),
        QT_TRANSLATE_NOOP("core", "The index is empty: the archive has no documents."),
        QT_TRANSLATE_NOOP("core", "The search index is not ready yet."),
        QT_TRANSLATE_NOOP("core", "“{term}” does not occur anywhere in the archive (in either script)."),
        # viewer/core/search/query.py
        QT_TRANSLATE_NOOP("core", "'AND' at position {pos} needs a term after it"),
        QT_TRANSLATE_NOOP("core", "'OR' at position {pos} needs a term after it"),
        QT_TRANSLATE_NOOP("core", "'{field}:' at position {pos} needs a value, e.g. {field}:{example}"),
        QT_TRANSLATE_NOOP("core", "'{operator}' at position {pos} needs a term after it"),
        QT_TRANSLATE_NOOP("core", "'{operator}' at position {pos} needs a term before it"),
        QT_TRANSLATE_NOOP("core", "Empty parentheses at position {pos}"),
        QT_TRANSLATE_NOOP("core", "Empty phrase at position {pos}"),
        QT_TRANSLATE_NOOP("core", "Empty term at position {pos}"),
        QT_TRANSLATE_NOOP("core", "Missing ')' for the '(' at position {pos}"),
        QT_TRANSLATE_NOOP("core", "The query ends where a term was expected"),
        QT_TRANSLATE_NOOP(
            "core", "The query has an invalid character at position {pos} (text that is not UTF-8?)"
        ),
        QT_TRANSLATE_NOOP("core", "The query has too many terms ({count}; at most {limit})"),
        QT_TRANSLATE_NOOP("core", "The query is empty"),
        QT_TRANSLATE_NOOP("core", "The query is too long ({length} characters; at most {limit})"),
        QT_TRANSLATE_NOOP(
            "core",
            "The query nests too deeply at position {pos} (at most {limit} levels of parentheses and NOT)",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "The query only excludes things; add something to find (e.g. '赤峰 -通辽' rather than '-通辽')",
        ),
        QT_TRANSLATE_NOOP("core", 'Unclosed quote: the " at position {pos} has no closing "'),
        QT_TRANSLATE_NOOP("core", "Unknown field '{field}:' at position {pos} (fields: {known})"),
        QT_TRANSLATE_NOOP("core", "Unknown kind '{kind}' (kinds: {kinds})"),
        QT_TRANSLATE_NOOP("core", "Unmatched ')' at position {pos}"),
        QT_TRANSLATE_NOOP(
            "core",
            "year: at position {pos} expects a year like year:2015 or a range like year:2014..2023 (got '{value}')",
        ),
        QT_TRANSLATE_NOOP("core", "year:{value}: the range runs backwards (write year:{high}..{low})"),
        # viewer/core/search/tantivy_backend.py
        QT_TRANSLATE_NOOP("core", "being updated by another Archive Viewer process"),
        QT_TRANSLATE_NOOP("core", "damaged earlier: {problem}"),
        QT_TRANSLATE_NOOP("core", "index fields differ from this version's"),
        QT_TRANSLATE_NOOP("core", "index file {name} is damaged (checksum)"),
        QT_TRANSLATE_NOOP("core", "index file {name} is missing"),
        QT_TRANSLATE_NOOP("core", "index schema {version}, this version needs {needed}"),
        QT_TRANSLATE_NOOP("core", "no index yet"),
        QT_TRANSLATE_NOOP("core", "not opened"),
        # archive reading and updating, raw files, excerpts, bookmarks, exports
        QT_TRANSLATE_NOOP("core", "Reading the archive failed: {reason}"),
        QT_TRANSLATE_NOOP("core", "Updating the archive failed: {reason}"),
        QT_TRANSLATE_NOOP("core", "No paragraph {paragraph} in {file}"),
        QT_TRANSLATE_NOOP("core", "The file {file} cannot be decoded ({reason})."),
        QT_TRANSLATE_NOOP("core", "The file {file} cannot be read ({reason})."),
        QT_TRANSLATE_NOOP(
            "core", "The file {file} has changed since it was read; reopen the archive to read it again."
        ),
        QT_TRANSLATE_NOOP("core", "The file {file} is no longer in the archive folder."),
        QT_TRANSLATE_NOOP("core", "A collection named '{name}' already exists"),
        QT_TRANSLATE_NOOP("core", "A collection needs a name"),
        QT_TRANSLATE_NOOP("core", "The last collection cannot be deleted"),
        QT_TRANSLATE_NOOP("core", "The selection holds only white space; nothing to excerpt"),
        QT_TRANSLATE_NOOP("core", "Cannot export to {target}: it is a folder"),
        QT_TRANSLATE_NOOP("core", "Cannot write {target}: permission denied. Nothing was written."),
        QT_TRANSLATE_NOOP("core", "Cannot write {target}: the disk is full. Nothing was written."),
        QT_TRANSLATE_NOOP("core", "Cannot write {target}: the disk is read-only. Nothing was written."),
        QT_TRANSLATE_NOOP("core", "Cannot write {target}: the folder does not exist. Nothing was written."),
        QT_TRANSLATE_NOOP("core", "Cannot write {target}: {reason}. Nothing was written."),
        QT_TRANSLATE_NOOP(
            "core",
            "No font with Chinese characters is installed, so the PDF would show empty boxes; install one (e.g. fonts-noto-cjk) or export to another format.",
        ),
        QT_TRANSLATE_NOOP("core", "Qt did not produce a PDF (nothing was written)"),
        # viewer/core/export/__init__.py (issues 11 and 13)
        QT_TRANSLATE_NOOP(
            "core", "Cannot export to {target}: it is a device, not a file. Nothing was written."
        ),
        QT_TRANSLATE_NOOP(
            "core", "Cannot export to {target}: it is a named pipe, not a file. Nothing was written."
        ),
        QT_TRANSLATE_NOOP(
            "core", "Cannot export to {target}: it is not a regular file. Nothing was written."
        ),
        # viewer/core/formats/docx.py (issues 11 and 13)
        QT_TRANSLATE_NOOP(
            "core", "a Word 97-2003 .doc file, not DOCX (save it as .docx in Word or LibreOffice)"
        ),
        QT_TRANSLATE_NOOP("core", "damaged {kind} file ({error})"),
        QT_TRANSLATE_NOOP("core", "damaged {kind}: {part} is not well-formed XML ({error})"),
        QT_TRANSLATE_NOOP("core", "not a Word document (its main part is {content_type})"),
        QT_TRANSLATE_NOOP("core", "not a Word document (no main document part)"),
        QT_TRANSLATE_NOOP("core", "not a Word document ({kind} file)"),
        QT_TRANSLATE_NOOP("core", "password-protected Word document (encrypted)"),
        # viewer/core/formats/epub.py (issues 11 and 13)
        QT_TRANSLATE_NOOP("core", "EPUB with DRM (encrypted content)"),
        QT_TRANSLATE_NOOP("core", "damaged EPUB: container.xml names no package document"),
        QT_TRANSLATE_NOOP("core", "damaged {kind}: {part} is missing"),
        QT_TRANSLATE_NOOP("core", "not an EPUB e-book (no META-INF/container.xml)"),
        QT_TRANSLATE_NOOP("core", "not an EPUB e-book ({kind} file)"),
        # viewer/core/formats/html.py (issues 11 and 13)
        QT_TRANSLATE_NOOP("core", "web archive (MHTML) without a web page in it"),
        QT_TRANSLATE_NOOP("core", "web page with no main text"),
        # viewer/core/formats/pdf.py (issues 11 and 13)
        QT_TRANSLATE_NOOP("core", "damaged PDF ({error})"),
        QT_TRANSLATE_NOOP("core", "encrypted PDF (a password is needed)"),
        QT_TRANSLATE_NOOP("core", "reading the PDF was cancelled"),
        QT_TRANSLATE_NOOP("core", "scanned: no text layer"),
        # viewer/core/formats/zipsafe.py (issues 11 and 13)
        QT_TRANSLATE_NOOP("core", "damaged zip archive ({error})"),
        QT_TRANSLATE_NOOP("core", "not a zip archive, as {kind} files are"),
        QT_TRANSLATE_NOOP("core", "zip archive has too many members ({count}; the limit is {limit})"),
        QT_TRANSLATE_NOOP("core", "zip bomb: the archive unpacks to more than {limit} MB"),
        QT_TRANSLATE_NOOP("core", "zip bomb: {member} unpacks to more than {ratio} times its packed size"),
        QT_TRANSLATE_NOOP("core", "zip member {member} is encrypted (password-protected)"),
        QT_TRANSLATE_NOOP("core", "zip member {member} uses an unsupported compression method ({method})"),
        # viewer/core/ingest.py (issues 11 and 13)
        QT_TRANSLATE_NOOP("core", "Left out {count} lines of navigation (tables of contents, menus)."),
        QT_TRANSLATE_NOOP("core", "Left out {count} lines that are not the document's text."),
        QT_TRANSLATE_NOOP(
            "core", "Left out {count} pieces of web-page chrome (breadcrumbs, share bars, widgets)."
        ),
        QT_TRANSLATE_NOOP("core", "Removed {count} page numbers."),
        QT_TRANSLATE_NOOP(
            "core", "Removed {count} running heads (lines repeated at the top or foot of the pages)."
        ),
        QT_TRANSLATE_NOOP("core", "a part of the book is missing from the file: {part}"),
        QT_TRANSLATE_NOOP("core", "changed while it was being read; it will be read at the next update"),
        QT_TRANSLATE_NOOP("core", "too large ({size} MB; the limit for {kind} files is {limit} MB)"),
        # viewer/core/scan.py (issues 11 and 13)
        QT_TRANSLATE_NOOP("core", "a device, not a regular file; skipped"),
        QT_TRANSLATE_NOOP("core", "a named pipe (FIFO), not a regular file; skipped"),
        QT_TRANSLATE_NOOP("core", "a socket, not a regular file; skipped"),
        QT_TRANSLATE_NOOP("core", "shows under the same name as another file; rename one of them"),
        QT_TRANSLATE_NOOP("core", "symbolic link leaves the archive folder (to {target}); skipped"),
        # viewer/core/store_salvage.py (issues 11 and 13)
        QT_TRANSLATE_NOOP(
            "core",
            "The excerpt store {path} could not be read ({error}); it was moved to {backup}, nothing in it could be recovered, and a new, empty store was started.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "The excerpt store {path} is damaged and could not be moved aside ({error}); close the other Archive Viewer windows and start again.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "The excerpt store {path} was damaged ({error}); it was moved to {backup} and {recovered} of {total} excerpts and {bookmarks_recovered} of {bookmarks_total} bookmarks were recovered.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "The excerpt store {path} was damaged ({error}); it was moved to {backup} and {recovered} of {total} excerpts were recovered.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "The excerpt store {path} was empty (0 bytes), as a crash or a sync tool can leave it; it was moved to {backup}, nothing in it could be recovered, and a new, empty store was started.",
        ),
        # viewer/index_place.py (issues 11 and 13)
        QT_TRANSLATE_NOOP(
            "core",
            "The index folder {folder} cannot be used ({reason}), and no temporary folder can be created ({error}).",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "The index folder {folder} cannot be used ({reason}); this session keeps the archive's index in a temporary folder.",
        ),
        # viewer/core/search (issue 14: the search cluster)
        QT_TRANSLATE_NOOP("core", "{error} Searching the local index instead."),
        QT_TRANSLATE_NOOP("core", "No server address given (use HOST:PORT)."),
        QT_TRANSLATE_NOOP("core", "Not a server address: {address} (use HOST:PORT)."),
        QT_TRANSLATE_NOOP("core", "Publishing cancelled; the server's index is unchanged."),
        QT_TRANSLATE_NOOP("core", "The query selects too many documents for the server at once; narrow it."),
        QT_TRANSLATE_NOOP("core", "The search server warned: {warning}"),
        QT_TRANSLATE_NOOP("core", "The search server {server} does not answer ({error})."),
        QT_TRANSLATE_NOOP("core", "The search server {server} refused a query: {error}"),
        QT_TRANSLATE_NOOP(
            "core", "The search server's index changed during the search; search again ({doc})."
        ),
        QT_TRANSLATE_NOOP("core", "The server's index is full; publish the archive anew (--rebuild)."),
        QT_TRANSLATE_NOOP("core", "not published to this server yet"),
        QT_TRANSLATE_NOOP("core", "published by another version of Archive Viewer"),
        QT_TRANSLATE_NOOP("core", "the server holds {held} paragraphs of {expected}"),
        QT_TRANSLATE_NOOP("core", "{answered} of {total} shards answered; results are incomplete."),
        QT_TRANSLATE_NOOP("core", "{source} has more than {limit} paragraphs; the server cannot hold it."),
        QT_TRANSLATE_NOOP("core", "nothing is published beside this archive"),
        QT_TRANSLATE_NOOP("core", "This archive is no longer published on the search server."),
        QT_TRANSLATE_NOOP(
            "core", "The archive was published again since it was opened; open it again to search it."
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "The cluster has {count} shards; publishing needs all of them, in order (--server HOST:PORT,HOST:PORT,…).",
        ),
        QT_TRANSLATE_NOOP("core", "Publishing needs every shard, and not all answered: {problem}"),
        QT_TRANSLATE_NOOP("core", "published to the shards {then}, now {now} given"),
        QT_TRANSLATE_NOOP(
            "core",
            "the catalogue beside the archive is not the one of the server's index (a publish is running or did not finish)",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "at {where}: {before} → {after}; two characters' bytes spelled a full-width {mark}, written as ASCII, and the bytes after it read one over ({why}){marked}",
        ),
    )
)
