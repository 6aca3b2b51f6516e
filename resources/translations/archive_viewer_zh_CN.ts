<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="40"/>
        <source>This program</source>
        <translation>本程序</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="51"/>
        <source>WenQuanYi Micro Hei (bundled font subset)</source>
        <translation>文泉驿微米黑（内置字体子集）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="69"/>
        <source>Log file (details of problems, for a bug report):</source>
        <translation>日志文件（问题的详细信息，可用于报告错误）：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="72"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="61"/>
        <source>Read, search and excerpt an archive of Chinese documents offline.</source>
        <translation>离线阅读、检索和摘录中文档案。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../viewer/app.py" line="173"/>
        <source>An unexpected error occurred.</source>
        <translation>发生了意外错误。</translation>
    </message>
    <message>
        <location filename="../../viewer/app.py" line="175"/>
        <source>An unexpected error occurred; the details are in %1</source>
        <translation>发生了意外错误；详细信息见 %1</translation>
    </message>
</context>
<context>
    <name>ArchiveJobs</name>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="357"/>
        <source>Updating failed: %1</source>
        <translation>更新失败：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="393"/>
        <source>Index: rebuilding…</source>
        <translation>索引：正在重建…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="471"/>
        <source>Cannot add the files</source>
        <translation>无法添加这些文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="130"/>
        <source>Index: not built</source>
        <translation>索引：未建立</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="182"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="292"/>
        <source>Reading the archive</source>
        <translation>正在读取档案</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="238"/>
        <location filename="../../viewer/gui/archive_jobs.py" line="347"/>
        <source>Archive not loaded</source>
        <translation>档案未载入</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="239"/>
        <source>Cannot read the archive</source>
        <translation>无法读取档案</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="367"/>
        <source>%1 documents · %2 MB</source>
        <translation>%1 篇文档 · %2 MB</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/archive_jobs.py" line="374"/>
        <source>⚠ %n file(s) not read</source>
        <translation>
            <numerusform>⚠ %n 个文件未能读取</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="375"/>
        <source>Show the files that could not be read, and why</source>
        <translation>查看未能读取的文件及原因</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="230"/>
        <location filename="../../viewer/gui/archive_jobs.py" line="234"/>
        <location filename="../../viewer/gui/archive_jobs.py" line="290"/>
        <source>Index: updating…</source>
        <translation>索引：正在更新…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="330"/>
        <location filename="../../viewer/gui/archive_jobs.py" line="339"/>
        <location filename="../../viewer/gui/archive_jobs.py" line="348"/>
        <source>Index: ready</source>
        <translation>索引：就绪</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="339"/>
        <source>Index: update cancelled</source>
        <translation>索引：已取消更新</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="312"/>
        <location filename="../../viewer/gui/archive_jobs.py" line="348"/>
        <source>Index: failed</source>
        <translation>索引：失败</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="315"/>
        <location filename="../../viewer/gui/archive_jobs.py" line="354"/>
        <source>Search is not available: %1</source>
        <translation>无法检索：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="317"/>
        <location filename="../../viewer/gui/archive_jobs.py" line="359"/>
        <source>Search is not available: the index could not be built.</source>
        <translation>无法检索：索引未能建立。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="327"/>
        <source>Index: on a search server</source>
        <translation>索引：在检索服务器上</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="342"/>
        <source>The index was not built (cancelled): search is not available.</source>
        <translation>索引未建立（已取消），暂时无法检索。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="437"/>
        <source>Open archive folder</source>
        <translation>打开档案文件夹</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="451"/>
        <source>Documents (%1)</source>
        <translation>文档（%1）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="453"/>
        <source>Web pages (*.html *.htm *.mhtml *.mht)</source>
        <translation>网页 (*.html *.htm *.mhtml *.mht)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="454"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="455"/>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="456"/>
        <source>E-books (*.epub)</source>
        <translation>电子书 (*.epub)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="460"/>
        <source>Add files to the archive</source>
        <translation>向档案添加文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="475"/>
        <source>Only text files, web pages, PDF, DOCX and EPUB files can be added.</source>
        <translation>只能添加文本文件、网页、PDF、DOCX 和 EPUB 文件。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="452"/>
        <source>Text files (*.txt *.md)</source>
        <translation>文本文件 (*.txt *.md)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/archive_jobs.py" line="479"/>
        <source>Added %n file(s).</source>
        <translation>
            <numerusform>已添加 %n 个文件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BookmarkListModel</name>
    <message>
        <location filename="../../viewer/gui/models/bookmarks.py" line="63"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/bookmarks.py" line="63"/>
        <source>¶</source>
        <translation>段</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/bookmarks.py" line="63"/>
        <source>Beginning</source>
        <translation>段首</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/bookmarks.py" line="63"/>
        <source>Note</source>
        <translation>注释</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/bookmarks.py" line="81"/>
        <source> [paragraph gone]</source>
        <translation> [段落已不在]</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/bookmarks.py" line="87"/>
        <source>The paragraph is no longer in the archive; the bookmark is kept.</source>
        <translation>该段落已不在档案中；书签仍保留。</translation>
    </message>
</context>
<context>
    <name>BookmarkPanel</name>
    <message>
        <location filename="../../viewer/gui/widgets/bookmark_panel.py" line="60"/>
        <source>Delete bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/bookmark_panel.py" line="64"/>
        <source>Edit note</source>
        <translation>编辑注释</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/bookmark_panel.py" line="133"/>
        <source>No bookmarks yet. Ctrl+D bookmarks the paragraph you are reading.</source>
        <translation>还没有书签。按 Ctrl+D 为正在阅读的段落加书签。</translation>
    </message>
</context>
<context>
    <name>BookmarksController</name>
    <message>
        <location filename="../../viewer/gui/bookmarks_controller.py" line="56"/>
        <source>Undo remove bookmark</source>
        <translation>撤销删除书签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/bookmarks_controller.py" line="66"/>
        <source>Toggle &amp;Bookmark</source>
        <translation>添加/取消书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/bookmarks_controller.py" line="68"/>
        <source>Bookmark the paragraph being read, or remove its bookmark</source>
        <translation>为正在阅读的段落加书签，或取消其书签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/bookmarks_controller.py" line="78"/>
        <source>Open a document and click in a paragraph to bookmark it.</source>
        <translation>请先打开文档并点击一个段落，再加书签。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/bookmarks_controller.py" line="88"/>
        <source>Bookmarked ¶%1 of “%2”.</source>
        <translation>已为“%2”第%1段加书签。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/bookmarks_controller.py" line="95"/>
        <source>Bookmark removed. Undo with Ctrl+Z in the bookmark list.</source>
        <translation>书签已删除。可在书签列表中按 Ctrl+Z 撤销。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/bookmarks_controller.py" line="116"/>
        <source>%n bookmark(s) removed. Undo with Ctrl+Z.</source>
        <translation>
            <numerusform>已删除 %n 个书签。按 Ctrl+Z 撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/bookmarks_controller.py" line="135"/>
        <source>%n bookmark(s) restored.</source>
        <translation>
            <numerusform>已恢复 %n 个书签。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/bookmarks_controller.py" line="161"/>
        <source>%n bookmark(s) whose paragraph is not in this archive are marked; they are kept.</source>
        <translation>
            <numerusform>有 %n 个书签的段落不在此档案中，已标记并保留。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/bookmarks_controller.py" line="188"/>
        <source>The paragraph of this bookmark is no longer in the archive; it is kept.</source>
        <translation>此书签的段落已不在档案中；书签仍保留。</translation>
    </message>
</context>
<context>
    <name>DocumentTree</name>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="478"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="479"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="480"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="481"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="482"/>
        <source>Volume</source>
        <translation>卷</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="483"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="484"/>
        <source>Script</source>
        <translation>字体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="485"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="486"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="487"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="489"/>
        <source>Paragraphs</source>
        <translation>段落数</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="496"/>
        <source>Repairs applied</source>
        <translation>已做修复</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="497"/>
        <source>yes: see Repairs and raw text</source>
        <translation>是，见“修复与原始文本”</translation>
    </message>
</context>
<context>
    <name>DocumentTreePanel</name>
    <message>
        <location filename="../../viewer/gui/widgets/document_tree.py" line="51"/>
        <source>Filter documents (either script)</source>
        <translation>筛选文档（简繁均可）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/document_tree.py" line="61"/>
        <source>By folder</source>
        <translation>按文件夹</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/document_tree.py" line="62"/>
        <source>By kind and year</source>
        <translation>按类别和年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/document_tree.py" line="63"/>
        <source>Group the documents by folder, or by kind and year</source>
        <translation>按文件夹，或按类别和年份排列文档</translation>
    </message>
</context>
<context>
    <name>ExcerptListModel</name>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="89"/>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="89"/>
        <source>Note</source>
        <translation>注释</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="89"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="107"/>
        <source> [source text gone]</source>
        <translation> [原文已不在]</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="115"/>
        <source>The source text is no longer in the archive; the excerpt is kept.</source>
        <translation>原文已不在档案中；摘录仍予保留。</translation>
    </message>
</context>
<context>
    <name>ExcerptPanel</name>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="87"/>
        <source>Collection (e.g. one per paper)</source>
        <translation>摘录集（例如每篇论文一个）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="90"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="90"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="226"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="234"/>
        <source>New collection</source>
        <translation>新建摘录集</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="92"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="92"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="244"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="252"/>
        <source>Rename collection</source>
        <translation>重命名摘录集</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="95"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="95"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="263"/>
        <source>Delete collection</source>
        <translation>删除摘录集</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="101"/>
        <source>Filter by text, note, tag or source</source>
        <translation>按正文、注释、标签或出处筛选</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="120"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="208"/>
        <source>Delete excerpt</source>
        <translation>删除摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="122"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="124"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="128"/>
        <source>Copy with citation</source>
        <translation>连同引文复制</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="129"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="181"/>
        <source>Add excerpt</source>
        <translation>添加摘录</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="208"/>
        <source>Delete %n excerpts</source>
        <translation>
            <numerusform>删除 %n 条摘录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="210"/>
        <source>Deleted. Undo with Ctrl+Z.</source>
        <translation>已删除。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="226"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="244"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="268"/>
        <source>Collection deleted. Undo with Ctrl+Z.</source>
        <translation>摘录集已删除。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="327"/>
        <source>Edit note</source>
        <translation>编辑注释</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="327"/>
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="343"/>
        <source>Clear the filter to reorder excerpts.</source>
        <translation>请先清除筛选，再调整摘录顺序。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="349"/>
        <source>Move excerpt</source>
        <translation>移动摘录</translation>
    </message>
</context>
<context>
    <name>ExcerptsController</name>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="95"/>
        <source>Excerpts are read-only: the folder %1 cannot be written.</source>
        <translation>摘录为只读：无法写入文件夹 %1。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="102"/>
        <source>Excerpts are unavailable: %1</source>
        <translation>摘录功能不可用：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="133"/>
        <location filename="../../viewer/gui/excerpts_controller.py" line="152"/>
        <source>Select some text first.</source>
        <translation>请先选择文字。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="148"/>
        <location filename="../../viewer/gui/excerpts_controller.py" line="202"/>
        <source>Copied with citation.</source>
        <translation>已连同引文复制。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="164"/>
        <source>The selected document is no longer in the archive.</source>
        <translation>所选文档已不在档案中。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="193"/>
        <source>Excerpt added to “%1”.</source>
        <translation>已添加摘录到“%1”。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="210"/>
        <source>The archive is still being read; try again in a moment.</source>
        <translation>正在读取档案，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="216"/>
        <source>The source text of this excerpt is no longer in the archive (%1); the excerpt is kept.</source>
        <translation>此摘录的原文已不在档案中（%1）；摘录仍予保留。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="227"/>
        <source>The document changed; the excerpt&apos;s text was found in a new place.</source>
        <translation>文档已有改动；已在新位置找到摘录原文。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/excerpts_controller.py" line="247"/>
        <source>%n excerpt(s) whose source text is not in this archive are marked; they are kept.</source>
        <translation>
            <numerusform>有 %n 条摘录的原文不在此档案中，已作标记并予保留。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="265"/>
        <source>Collection “%1” (%2)</source>
        <translation>摘录集“%1”（%2）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="276"/>
        <source>All collections (%1)</source>
        <translation>全部摘录集（%1）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="279"/>
        <source>Selected excerpts (%1)</source>
        <translation>所选摘录（%1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/excerpts_controller.py" line="315"/>
        <source>Exported %n excerpt(s) to %1.</source>
        <translation>
            <numerusform>已导出 %n 条摘录到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="330"/>
        <source>Excerpts file damaged</source>
        <translation>摘录文件已损坏</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="332"/>
        <source>The excerpts file could not be read. It was moved aside (not deleted) and a new one was started with what could be recovered from it; the app works normally.</source>
        <translation>无法读取摘录文件。已将其移到一旁（未删除），并用其中可恢复的内容新建了一个摘录文件；程序可正常使用。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="337"/>
        <source>Excerpts unavailable</source>
        <translation>摘录功能不可用</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="338"/>
        <source>The excerpts file cannot be opened, so excerpts cannot be kept in this session.</source>
        <translation>无法打开摘录文件，本次运行无法保存摘录。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="59"/>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="255"/>
        <source>Export excerpts</source>
        <translation>导出摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="75"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="76"/>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="77"/>
        <source>HTML (one self-contained file)</source>
        <translation>HTML（单个独立文件）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="78"/>
        <source>Word (DOCX)</source>
        <translation>Word（DOCX）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="79"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="80"/>
        <source>CSV (spreadsheet)</source>
        <translation>CSV（电子表格）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="81"/>
        <source>RIS (reference managers)</source>
        <translation>RIS（文献管理软件）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="87"/>
        <source>Original</source>
        <translation>原文字形</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="88"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="89"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="90"/>
        <source>Both, side by side</source>
        <translation>简繁对照</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="95"/>
        <source>GB/T 7714-2015</source>
        <translation>GB/T 7714-2015</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="96"/>
        <source>Short (《title》(volume,【entry】)：「text」)</source>
        <translation>简式（《题名》(卷,【条目】)：「正文」）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="98"/>
        <source>Include notes</source>
        <translation>包含注释</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="100"/>
        <source>Include tags</source>
        <translation>包含标签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="103"/>
        <source>Include bookmarks (%1)</source>
        <translation>包括书签（%1）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="109"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="117"/>
        <source>Excerpts:</source>
        <translation>摘录：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="120"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="121"/>
        <source>Excerpt text:</source>
        <translation>摘录正文：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="122"/>
        <source>Citation style:</source>
        <translation>引文格式：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="129"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="206"/>
        <source>Choose a file to export to.</source>
        <translation>请选择要导出到的文件。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="209"/>
        <source>There are no excerpts to export.</source>
        <translation>没有可导出的摘录。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="218"/>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="235"/>
        <source>%n excerpt(s)</source>
        <translation>
            <numerusform>%n 条摘录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../viewer/gui/widgets/find_bar.py" line="22"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/find_bar.py" line="24"/>
        <source>in this document, either script</source>
        <translation>在本文档中查找（简繁均可）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/find_bar.py" line="31"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一处（Shift+Enter）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/find_bar.py" line="36"/>
        <source>Next match (Enter)</source>
        <translation>下一处（Enter）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/find_bar.py" line="43"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/find_bar.py" line="60"/>
        <source>no matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/find_bar.py" line="62"/>
        <source>%1 of %2</source>
        <translation>第 %1 处，共 %2 处</translation>
    </message>
</context>
<context>
    <name>HitsChart</name>
    <message>
        <location filename="../../viewer/gui/widgets/hits_chart.py" line="204"/>
        <source>By year</source>
        <translation>按年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/hits_chart.py" line="206"/>
        <source>By kind</source>
        <translation>按类型</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/hits_chart.py" line="208"/>
        <source>By folder</source>
        <translation>按文件夹</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/hits_chart.py" line="221"/>
        <source>No documents to chart.</source>
        <translation>没有可绘制的文档。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/hits_chart.py" line="267"/>
        <source>(top folder)</source>
        <translation>（顶层文件夹）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/hits_chart.py" line="282"/>
        <source>Undated</source>
        <translation>无年份</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/hits_chart.py" line="287"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 篇文档</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IngestReportDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="27"/>
        <source>Files that could not be read</source>
        <translation>未能读取的文件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="33"/>
        <source>%n file(s) in %1 could not be read; every other file was read.</source>
        <translation>
            <numerusform>%1 中有 %n 个文件未能读取；其余文件均已读取。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="39"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="39"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="72"/>
        <source>Yearbooks</source>
        <translation>年鉴</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="73"/>
        <source>Official notices</source>
        <translation>公文</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="74"/>
        <source>Journal articles</source>
        <translation>期刊文章</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="75"/>
        <source>Newspapers</source>
        <translation>报纸</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="76"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="83"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="84"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="85"/>
        <source>Mixed</source>
        <translation>简繁混合</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="128"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>KwicModel</name>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="89"/>
        <source>Left context</source>
        <translation>左语境</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="90"/>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="91"/>
        <source>Right context</source>
        <translation>右语境</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="92"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="93"/>
        <source>¶</source>
        <translation>段</translation>
    </message>
</context>
<context>
    <name>KwicView</name>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="167"/>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="170"/>
        <source>Result order</source>
        <translation>结果顺序</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="171"/>
        <source>Left context</source>
        <translation>左语境</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="172"/>
        <source>Right context</source>
        <translation>右语境</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="173"/>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="174"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="182"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="235"/>
        <source>Collecting matches: %1 of %2 paragraphs</source>
        <translation>正在收集匹配：已读 %1 / %2 段</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="280"/>
        <source>%1 of at least %2 matches (from %3 of %4 matching paragraphs)</source>
        <translation>显示 %1 处匹配，共至少 %2 处（取自 %4 个匹配段落中的 %3 个）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="288"/>
        <source>This query selects whole documents: it has no words to show in context.</source>
        <translation>此查询按整篇文档筛选，没有可在上下文中显示的词。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="289"/>
        <source>No matches.</source>
        <translation>没有匹配。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="291"/>
        <source>%1 in %2</source>
        <comment>matches in paragraphs</comment>
        <translation>%2中共 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="292"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 处匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="293"/>
        <source>%n paragraph(s)</source>
        <translation>
            <numerusform>%n 段</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="301"/>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="341"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="305"/>
        <source>%1 lines saved to %2</source>
        <translation>已将 %1 行保存到 %2</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="343"/>
        <source>CSV (spreadsheet) (*.csv)</source>
        <translation>CSV（电子表格）(*.csv)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="147"/>
        <location filename="../../viewer/gui/mainwindow.py" line="133"/>
        <location filename="../../viewer/gui/mainwindow.py" line="541"/>
        <source>Archive Viewer</source>
        <translation>档案阅览</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="406"/>
        <source>Choose a document in the tree on the left, or search the archive (%1).</source>
        <translation>请在左侧目录中选择一篇文档，或检索档案（%1）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="251"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="156"/>
        <source>Excerpts</source>
        <translation>摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="259"/>
        <source>Hits</source>
        <translation>检索结果</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="260"/>
        <source>Keyword in context</source>
        <translation>上下文关键词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="261"/>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="264"/>
        <source>Search results</source>
        <translation>检索结果</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="271"/>
        <source>Repairs and raw text</source>
        <translation>修复与原始文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="290"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="316"/>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="328"/>
        <source>PDF page</source>
        <translation>PDF 页面</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="399"/>
        <source>This folder holds no documents (text, web pages, PDF, DOCX or EPUB): add files (%1), drop them here, or open another folder (%2).</source>
        <translation>此文件夹中没有文档（文本、网页、PDF、DOCX 或 EPUB）：请添加文件（%1）、将文件拖放到此处，或打开其他文件夹（%2）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="635"/>
        <source>Original · %1</source>
        <translation>原文 · %1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="674"/>
        <source>¶%1 of %2</source>
        <translation>第 %1 段，共 %2 段</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="684"/>
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="690"/>
        <source>Open a document first.</source>
        <translation>请先打开一个文档。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="694"/>
        <source>Go to paragraph</source>
        <translation>转到段落</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="695"/>
        <source>Paragraph (1–%1):</source>
        <translation>段落（1–%1）：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="769"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="770"/>
        <source>The new language takes effect when you restart the app.</source>
        <translation>新语言将在重新启动程序后生效。</translation>
    </message>
</context>
<context>
    <name>ParallelView</name>
    <message>
        <location filename="../../viewer/gui/widgets/parallel_view.py" line="261"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/parallel_view.py" line="263"/>
        <source>Repaired in this paragraph: %1.</source>
        <translation>本段经过修复：%1。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/parallel_view.py" line="266"/>
        <source>Click the dot, or open the Repairs view (%1), to see each change beside the raw file.</source>
        <translation>点击圆点，或打开修复视图（%1），可对照原始文件查看每处改动。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/parallel_view.py" line="341"/>
        <source>Search the archive for “%1”</source>
        <translation>在档案中搜索“%1”</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/parallel_view.py" line="344"/>
        <source>Search the archive for the selection</source>
        <translation>在档案中搜索所选文字</translation>
    </message>
</context>
<context>
    <name>PdfPagePanel</name>
    <message>
        <location filename="../../viewer/gui/widgets/pdf_page_panel.py" line="117"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 / 共 %2 页</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/pdf_page_panel.py" line="123"/>
        <source>No PDF page for this document</source>
        <translation>此文档没有 PDF 页面</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="29"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="33"/>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="42"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="37"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="38"/>
        <source>A new language takes effect when the app is restarted.</source>
        <translation>新语言将在程序重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="43"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="44"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="46"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="50"/>
        <source>Simplified Chinese font:</source>
        <translation>简体中文字体：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="54"/>
        <source>Traditional Chinese font:</source>
        <translation>繁体中文字体：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="60"/>
        <source>Line spacing:</source>
        <translation>行距：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="64"/>
        <source>Zoom (points):</source>
        <translation>缩放（磅）：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="66"/>
        <source>none: this computer&apos;s index</source>
        <translation>无：使用本机索引</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="68"/>
        <source>Search server for this archive:</source>
        <translation>本档案的检索服务器：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="71"/>
        <source>HOST:PORT of the institution&apos;s search cluster (its first shard). Leave empty to search on this computer.</source>
        <translation>机构检索集群的 主机:端口（第一个分片）。留空则在本机检索。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="99"/>
        <source>Search server</source>
        <translation>检索服务器</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="112"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>PrintCommands</name>
    <message>
        <location filename="../../viewer/gui/print_commands.py" line="52"/>
        <source>Print to PDF</source>
        <translation>打印为 PDF</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/print_commands.py" line="52"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/print_commands.py" line="61"/>
        <source>Open a document first.</source>
        <translation>请先打开一个文档。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/print_commands.py" line="72"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/print_commands.py" line="75"/>
        <source>Printed %n page(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 页打印到 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/print_commands.py" line="77"/>
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已将 %n 页发送到打印机。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepairsPanel</name>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="216"/>
        <source>Line endings made uniform</source>
        <translation>换行符已统一</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="217"/>
        <source>Text repeated twice removed</source>
        <translation>已删除重复两遍的正文</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="218"/>
        <source>Mojibake restored</source>
        <translation>乱码已恢复</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="219"/>
        <source>Pinyin glosses removed</source>
        <translation>已删除拼音注音</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="220"/>
        <source>Site chrome removed</source>
        <translation>已删除网页导航与页脚</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="221"/>
        <source>Page-break joins</source>
        <translation>已接合被分页截断的段落</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="222"/>
        <source>Whitespace tidied</source>
        <translation>空白已整理</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="223"/>
        <source>Running heads removed</source>
        <translation>已删除书眉</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="224"/>
        <source>Page numbers removed</source>
        <translation>已删除页码</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="225"/>
        <source>Navigation left out</source>
        <translation>已略去导航</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="226"/>
        <source>Web-page chrome left out</source>
        <translation>已略去网页杂项</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="227"/>
        <source>Lines left out by the reader</source>
        <translation>读取时略去的行</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="230"/>
        <source>The file used Windows or old Mac line endings; they were made uniform so lines are counted the same everywhere.</source>
        <translation>文件使用 Windows 或旧版 Mac 的换行符；已统一，使各处的行号一致。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="235"/>
        <source>The whole text was saved twice in one file. One copy was removed: the one with more damaged characters, or the second.</source>
        <translation>整篇正文在同一文件中保存了两遍。已删除其中一份：损坏字符较多的一份，或第二份。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="240"/>
        <source>Characters whose GBK bytes were read out of step (shown as ? and odd symbols) were restored from the bytes; what cannot be restored is marked 〓, never guessed.</source>
        <translation>GBK 字节错位读取的字符（显示为 ? 和奇怪符号）已按字节恢复；无法恢复的标为〓，绝不猜测。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="245"/>
        <source>A web converter glued the pinyin of characters after them, as in 區(qū). The glosses are not part of the text, so they were removed.</source>
        <translation>网页转换工具把拼音粘在字后，如 區(qū)。注音不属于正文，已删除。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="250"/>
        <source>Lines of the web page around the text (navigation, copyright and technical-support footers, page indexes) were removed.</source>
        <translation>已删除正文周围的网页内容（导航、版权与技术支持页脚、版面索引）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="255"/>
        <source>A paragraph cut in two by a page break (a line ending mid-sentence, then a blank line) was joined again.</source>
        <translation>被分页截成两半的段落（一行在句中结束，后接空行）已重新接合。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="260"/>
        <source>Indentation, trailing spaces, web spaces and runs of blank lines were tidied so there is one paragraph per line.</source>
        <translation>已整理缩进、行尾空格、网页空格和连续空行，使每行一段。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="265"/>
        <source>Lines repeated at the top or foot of the PDF&apos;s pages (the book&apos;s or chapter&apos;s title) were removed, so they do not break the text.</source>
        <translation>PDF 各页顶部或底部重复的行（书名或章名）已删除，以免打断正文。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="270"/>
        <source>The PDF&apos;s page numbers were removed; each paragraph keeps its page for citations.</source>
        <translation>PDF 的页码已删除；每个段落都保留其页码，供引用使用。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="273"/>
        <source>Tables of contents and menus of the file were left out of the text.</source>
        <translation>文件中的目录和菜单未计入正文。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="276"/>
        <source>Breadcrumbs, share bars and other parts of the web page around the article were left out.</source>
        <translation>文章周围的面包屑导航、分享栏等网页部分未计入正文。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="280"/>
        <source>Lines the file holds that are not the document&apos;s text were left out.</source>
        <translation>文件中不属于正文的行未计入。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="98"/>
        <source>Repair / where</source>
        <translation>修复 / 位置</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="98"/>
        <source>Change</source>
        <translation>改动</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="113"/>
        <source>The page&apos;s HTML as saved, shown as text (never rendered).</source>
        <translation>网页保存时的 HTML，以纯文本显示（从不渲染）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="120"/>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="285"/>
        <source>Raw file (as read from disk)</source>
        <translation>原始文件（从磁盘读取）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="123"/>
        <source>Repaired text (what the reader shows)</source>
        <translation>修复后文本（阅读视图所显示）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="281"/>
        <source>Show the raw text</source>
        <translation>显示原始文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="281"/>
        <source>Show the HTML source</source>
        <translation>显示 HTML 源代码</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="283"/>
        <source>HTML source (as saved, not rendered)</source>
        <translation>HTML 源代码（按保存原样，不渲染）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="296"/>
        <source>Reading the HTML source…</source>
        <translation>正在读取 HTML 源代码…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="320"/>
        <source>%n repair rule(s) changed this document. Choose a change to see it in both texts.</source>
        <translation>
            <numerusform>%n 条修复规则改动了此文档。选择一处改动即可在两边文本中查看。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="326"/>
        <source>No repairs were needed; the raw text is shown.</source>
        <translation>无需修复；显示的是原始文本。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="330"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="346"/>
        <source>… %n more</source>
        <translation>
            <numerusform>……另有 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="355"/>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="358"/>
        <source>¶%1 · raw %2</source>
        <translation>¶%1 · 原始文件%2</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="362"/>
        <source>“%1” removed</source>
        <translation>删除“%1”</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="363"/>
        <source>“%1” → “%2”</source>
        <translation>“%1” → “%2”</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="380"/>
        <source>Raw file line %1, column %2; repaired text ¶%3.</source>
        <translation>原始文件第 %1 行第 %2 列；修复后文本 ¶%3。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="388"/>
        <source>(Located by searching for the text: the position may be approximate.)</source>
        <translation>（按文字搜索定位：位置可能不精确。）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="423"/>
        <source>No document open.</source>
        <translation>未打开文档。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="335"/>
        <source>(%n place(s) marked, not guessed)</source>
        <translation>
            <numerusform>（%n 处已标记，未作猜测）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="366"/>
        <source>candidates: %1</source>
        <translation>候选：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="386"/>
        <source>〓 could stand for: %1</source>
        <translation>〓 可能是：%1</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="154"/>
        <source>Relevance</source>
        <translation>相关度</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="155"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="161"/>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="163"/>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="167"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="169"/>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="190"/>
        <source>Type a query above and press Enter.</source>
        <translation>在上方输入检索词并按回车。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="231"/>
        <source>Searching…</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="298"/>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="301"/>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="303"/>
        <source>Undated</source>
        <translation>无年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="325"/>
        <source>Nothing in the archive matches this query.</source>
        <translation>档案中没有与此检索式匹配的内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="327"/>
        <source>No results for “%1”. %2</source>
        <translation>“%1”没有结果。%2</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="341"/>
        <source>(%1 loaded; scroll for more)</source>
        <translation>（已载入 %1 条；向下滚动以载入更多）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="332"/>
        <source>%1 in %2</source>
        <comment>hits in documents</comment>
        <translation>%2中共 %1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="305"/>
        <source>All folders</source>
        <translation>全部文件夹</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="320"/>
        <source>The filters leave no hits.</source>
        <translation>筛选后没有结果。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="333"/>
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n 处</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="334"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 篇文档</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsViews</name>
    <message>
        <location filename="../../viewer/gui/results_views.py" line="106"/>
        <source>Reading the matches…</source>
        <translation>正在读取匹配内容…</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="49"/>
        <source>Search the archive (either script; &quot;phrase&quot;, AND/OR/NOT, kind:, year:)</source>
        <translation>检索档案（简繁均可；&quot;短语&quot;、AND/OR/NOT、kind:、year:）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="59"/>
        <source>Search</source>
        <translation>检索</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="197"/>
        <source>The search index is damaged; it will be rebuilt.</source>
        <translation>搜索索引已损坏，将重新建立。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="131"/>
        <source>The index is being built; the search runs when it is ready.</source>
        <translation>正在建立索引；索引就绪后将执行检索。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="134"/>
        <source>Search is not available: the index could not be built.</source>
        <translation>无法检索：索引未能建立。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="183"/>
        <source>Search failed: %1</source>
        <translation>检索失败：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="227"/>
        <source>Type a query above and press Enter.</source>
        <translation>在上方输入检索词并按回车。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="302"/>
        <source>Hit %1 of %2</source>
        <translation>第 %1 个结果，共 %2 个</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="80"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="84"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="84"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>Variants</name>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="96"/>
        <source>Simplified (t2s)</source>
        <translation>简体 (t2s)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="97"/>
        <source>Traditional (OpenCC standard, s2t)</source>
        <translation>繁體 (OpenCC 标准, s2t)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="98"/>
        <source>Taiwan (s2tw)</source>
        <translation>臺灣正體 (s2tw)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="99"/>
        <source>Hong Kong (s2hk)</source>
        <translation>香港繁體 (s2hk)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="100"/>
        <source>Taiwan with Taiwanese vocabulary (s2twp)</source>
        <translation>臺灣正體+慣用詞 (s2twp)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="108"/>
        <source>Simplified forms</source>
        <translation>简体字形</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="109"/>
        <source>OpenCC standard traditional forms (赤峰 becomes 赤峯)</source>
        <translation>OpenCC 标准繁体字形（赤峰 变为 赤峯）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="112"/>
        <source>Taiwan standard forms (keeps 赤峰); the default</source>
        <translation>台湾标准字形（保留 赤峰）；默认</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="113"/>
        <source>Hong Kong standard forms</source>
        <translation>香港标准字形</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="114"/>
        <source>Taiwan forms and Taiwan vocabulary: rewrites words (项目 → 專案), not only characters</source>
        <translation>台湾字形及台湾惯用词：会改写词语（项目 → 專案），不只是转换字形</translation>
    </message>
</context>
<context>
    <name>WindowCommands</name>
    <message>
        <location filename="../../viewer/gui/actions.py" line="102"/>
        <source>&amp;Open archive folder…</source>
        <translation>打开档案文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="104"/>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="106"/>
        <source>Files that could not be &amp;read…</source>
        <translation>未能读取的文件(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="108"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="110"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="113"/>
        <source>Print to P&amp;DF…</source>
        <translation>打印为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="115"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="118"/>
        <source>&amp;Export excerpts…</source>
        <translation>导出摘录(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="125"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="128"/>
        <source>Add &amp;excerpt</source>
        <translation>添加摘录(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="131"/>
        <source>Add the selected text to the excerpts</source>
        <translation>将所选文字加入摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="134"/>
        <source>Copy with &amp;citation</source>
        <translation>带引文复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="137"/>
        <source>Copy the selected text (or the selected excerpts) with its citation</source>
        <translation>连同引文复制所选文字（或所选摘录）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="141"/>
        <source>GB/T 7714-2015</source>
        <translation>GB/T 7714-2015</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="142"/>
        <source>Short: 《title》(volume,【entry】)：「text」</source>
        <translation>简式：《题名》(卷,【条目】)：「正文」</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="147"/>
        <source>As in the source</source>
        <translation>与原文相同</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="148"/>
        <location filename="../../viewer/gui/actions.py" line="216"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="149"/>
        <location filename="../../viewer/gui/actions.py" line="217"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="150"/>
        <source>Both, side by side</source>
        <translation>简繁对照</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="172"/>
        <source>&amp;Find in document…</source>
        <translation>在文档中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="174"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="178"/>
        <source>S&amp;wap sides</source>
        <translation>左右互换(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="180"/>
        <source>&amp;Single pane</source>
        <translation>单栏(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="183"/>
        <source>Show &amp;repairs and raw text</source>
        <translation>显示修复与原始文本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="187"/>
        <source>P&amp;DF page</source>
        <translation>PDF 页面(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="189"/>
        <source>Show the PDF page of the current paragraph beside the text</source>
        <translation>在正文旁显示当前段落所在的 PDF 页面</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="194"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="199"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="201"/>
        <source>&amp;Reset zoom</source>
        <translation>恢复原始大小(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="203"/>
        <source>&amp;Go to paragraph…</source>
        <translation>转到段落(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="206"/>
        <source>Jump to a paragraph of the open document by its number</source>
        <translation>按编号跳到当前文档的某一段</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="215"/>
        <source>As detected</source>
        <translation>按检测结果</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="224"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="225"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="226"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="234"/>
        <source>&amp;Search the archive</source>
        <translation>检索档案(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="235"/>
        <source>&amp;Next hit</source>
        <translation>下一个结果(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="237"/>
        <source>&amp;Previous hit</source>
        <translation>上一个结果(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="239"/>
        <source>&amp;Rebuild index</source>
        <translation>重建索引(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="241"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="244"/>
        <source>&amp;About Archive Viewer</source>
        <translation>关于档案阅览(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="288"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="297"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="301"/>
        <source>Citation st&amp;yle</source>
        <translation>引文格式(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="302"/>
        <source>E&amp;xcerpt text</source>
        <translation>摘录正文字形(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="305"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="306"/>
        <source>Traditional &amp;form</source>
        <translation>繁体字形(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="307"/>
        <source>&amp;Original script</source>
        <translation>原文字体(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="314"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="316"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="320"/>
        <source>&amp;Search</source>
        <translation>检索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="324"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="329"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="373"/>
        <source>No recent archives</source>
        <translation>没有最近打开的档案</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="376"/>
        <source>Clear the list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="389"/>
        <source>Text: extend the selection (Shift+arrows, Shift+Home/End)</source>
        <translation>正文：扩展选区（Shift+方向键、Shift+Home/End）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="393"/>
        <source>Text: select the paragraph; pressed again, the document</source>
        <translation>正文：选中本段；再按一次选中全文</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="400"/>
        <source>Excerpts: delete the selected excerpts</source>
        <translation>摘录：删除所选摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="401"/>
        <source>Excerpts: undo</source>
        <translation>摘录：撤销</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="402"/>
        <source>Excerpts: redo</source>
        <translation>摘录：重做</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="19"/>
        <source>The archive&apos;s catalogue is damaged and still in use by another Archive Viewer window; close it and open the archive again ({error}).</source>
        <translation>档案的目录数据已损坏，且仍被另一个档案阅览窗口使用；请关闭该窗口后重新打开档案（{error}）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="23"/>
        <source>The archive&apos;s catalogue is damaged; it will be rebuilt the next time the archive is opened.</source>
        <translation>档案的目录数据已损坏；下次打开该档案时将重建。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="28"/>
        <source>binary data ({controls} control characters in the first {length}), not text</source>
        <translation>二进制数据（前 {length} 个字符中有 {controls} 个控制字符），不是文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="31"/>
        <source>binary file (contains NUL bytes), not text</source>
        <translation>二进制文件（含有 NUL 字节），不是文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="32"/>
        <source>file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="33"/>
        <source>has a {encoding} byte-order mark but invalid {encoding} at byte {offset}</source>
        <translation>带有 {encoding} 字节顺序标记，但第 {offset} 字节处不是有效的 {encoding}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="34"/>
        <source>not valid UTF-8, GB18030, Big5 or UTF-16 text</source>
        <translation>不是有效的 UTF-8、GB18030、Big5 或 UTF-16 文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="36"/>
        <source>could not be processed ({error})</source>
        <translation>无法处理（{error}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="37"/>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="38"/>
        <source>permission denied (cannot read the file)</source>
        <translation>权限不足（无法读取该文件）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="39"/>
        <source>too large ({size} MB; the limit is {limit} MB, set by max_file_mb in the settings)</source>
        <translation>文件过大（{size} MB；上限为 {limit} MB，由设置中的 max_file_mb 决定）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="42"/>
        <source>too large to read into memory</source>
        <translation>文件过大，无法读入内存</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="44"/>
        <source>Removed {count} lines of web-page navigation and footers.</source>
        <translation>已删除 {count} 行网页导航和页脚。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="46"/>
        <source>The text was there twice ({lines} lines each); removed the first copy, which had more damaged characters.</source>
        <translation>正文重复了一遍（每份 {lines} 行）；已删除损坏字符较多的第一份。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="50"/>
        <source>The text was there twice ({lines} lines each); removed the second copy.</source>
        <translation>正文重复了一遍（每份 {lines} 行）；已删除第二份。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="52"/>
        <source>Restored {restored} character run(s) damaged by a GBK byte misalignment. {notes}</source>
        <translation>已恢复 {restored} 处因 GBK 字节错位而损坏的字符串。{notes}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="55"/>
        <source>Restored {restored} character run(s) damaged by a GBK byte misalignment; marked {unresolved} that cannot be restored with {mark}. {notes}</source>
        <translation>已恢复 {restored} 处因 GBK 字节错位而损坏的字符串；无法恢复的 {unresolved} 处已用 {mark} 标出。{notes}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="59"/>
        <source>at {where}: {before} is a character lost with the opening of its gloss; no byte of it is left, marked {mark}</source>
        <translation>位置 {where}：{before} 是随注音开头一起丢失的字符，已没有任何字节留下，标为 {mark}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="63"/>
        <source>at {where}: {before} → {after}; first character chosen from {count} candidates ({candidates}) because {why}</source>
        <translation>位置 {where}：{before} → {after}；首字从 {count} 个候选字（{candidates}）中选出，依据：{why}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="67"/>
        <source>at {where}: {before} → {after}; {trail} is the trail byte of {char} (GBK {bytes}), which the document glosses {gloss}</source>
        <translation>位置 {where}：{before} → {after}；{trail} 是 {char}（GBK {bytes}）的尾字节，文档中该字的注音为 {gloss}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="91"/>
        <source>{text} occurs {count}× in this document</source>
        <translation>{text} 在本文档中出现 {count} 次</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="71"/>
        <source>no evidence in the document singles out one candidate</source>
        <translation>文档中没有依据能确定唯一的候选字</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="72"/>
        <source>at {where}: {before} → {after}; a lost lead byte read the bytes one over ({why}){marked}</source>
        <translation>位置 {where}：{before} → {after}；一个字丢了首字节，其后字节错位一字节读出（{why}）{marked}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="76"/>
        <source>no evidence singles out one candidate</source>
        <translation>没有依据能确定唯一的候选字</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="77"/>
        <source>the bytes can be read more than one way and no reading forms clearly better words</source>
        <translation>字节有多种读法，没有哪一种明显构成更好的词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="80"/>
        <source>the reading the bytes leave does not form words</source>
        <translation>字节容许的读法构不成词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="81"/>
        <source>the ways of reading the bytes agree only on the characters kept</source>
        <translation>字节的各种读法只在保留的字上一致</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="82"/>
        <source>the words the characters form decide: {words}</source>
        <translation>由这些字所构成的词决定：{words}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="83"/>
        <source>at {where}: {before} → {after}; a gloss glued inside a character read the bytes one over ({why}){marked}</source>
        <translation>位置 {where}：{before} → {after}；注音插在一个字的字节中间，其后字节错位一字节读出（{why}）{marked}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="87"/>
        <source>; marked {mark}, candidates: {candidates}</source>
        <translation>；已用 {mark} 标出，候选：{candidates}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="88"/>
        <source>the bytes leave one reading</source>
        <translation>字节只容许一种读法</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="89"/>
        <source>the document&apos;s own use of the words decides</source>
        <translation>依据本文档中这些词的用法</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="90"/>
        <source>the only reading whose words all occur elsewhere in this document</source>
        <translation>唯一一种其词语都在本文档别处出现的读法</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="93"/>
        <source>Joined {count} paragraphs that a page break had cut in two.</source>
        <translation>已接合 {count} 个被分页截断的段落。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="95"/>
        <source>Removed {count} pinyin glosses a web converter glued after characters.</source>
        <translation>已删除 {count} 处网页转换工具附在汉字后面的拼音注音。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="97"/>
        <source>Converted {count} CR/CRLF line endings to LF.</source>
        <translation>已将 {count} 处 CR/CRLF 换行符转换为 LF。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="98"/>
        <source>Normalised whitespace in {count} places (indentation, trailing and repeated spaces, blank lines).</source>
        <translation>已规范 {count} 处空白（缩进、行尾空格、连续空格、空行）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="103"/>
        <source>broken symbolic link ({error}); skipped</source>
        <translation>符号链接已失效（{error}）；已跳过</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="104"/>
        <source>cannot be read ({error})</source>
        <translation>无法读取（{error}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="105"/>
        <source>not a regular file; skipped</source>
        <translation>不是普通文件；已跳过</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="106"/>
        <source>symbolic link loop; skipped</source>
        <translation>符号链接循环；已跳过</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="108"/>
        <source>The search index was closed (another one replaced it).</source>
        <translation>检索索引已关闭（已由新索引取代）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="109"/>
        <source>Each term occurs, but no paragraph satisfies the whole query.</source>
        <translation>每个检索词都出现过，但没有一个段落满足整个查询。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="110"/>
        <source>No document matches the field filters.</source>
        <translation>没有文档符合字段筛选条件。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="111"/>
        <source>No paragraph satisfies the whole query.</source>
        <translation>没有段落满足整个查询。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="112"/>
        <source>The index is empty: the archive has no documents.</source>
        <translation>索引是空的：档案中没有文档。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="113"/>
        <source>The search index is not ready yet.</source>
        <translation>检索索引尚未就绪。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="114"/>
        <source>“{term}” does not occur anywhere in the archive (in either script).</source>
        <translation>“{term}”在档案中任何地方都没有出现（简体和繁体都没有）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="116"/>
        <source>&apos;AND&apos; at position {pos} needs a term after it</source>
        <translation>第 {pos} 个字符处的“AND”后面需要一个检索词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="117"/>
        <source>&apos;OR&apos; at position {pos} needs a term after it</source>
        <translation>第 {pos} 个字符处的“OR”后面需要一个检索词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="118"/>
        <source>&apos;{field}:&apos; at position {pos} needs a value, e.g. {field}:{example}</source>
        <translation>第 {pos} 个字符处的“{field}:”需要一个值，例如 {field}:{example}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="119"/>
        <source>&apos;{operator}&apos; at position {pos} needs a term after it</source>
        <translation>第 {pos} 个字符处的“{operator}”后面需要一个检索词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="120"/>
        <source>&apos;{operator}&apos; at position {pos} needs a term before it</source>
        <translation>第 {pos} 个字符处的“{operator}”前面需要一个检索词</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="121"/>
        <source>Empty parentheses at position {pos}</source>
        <translation>第 {pos} 个字符处的括号是空的</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="122"/>
        <source>Empty phrase at position {pos}</source>
        <translation>第 {pos} 个字符处的短语是空的</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="123"/>
        <source>Empty term at position {pos}</source>
        <translation>第 {pos} 个字符处的检索词是空的</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="124"/>
        <source>Missing &apos;)&apos; for the &apos;(&apos; at position {pos}</source>
        <translation>第 {pos} 个字符处的“(”缺少对应的“)”</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="125"/>
        <source>The query ends where a term was expected</source>
        <translation>查询在应有检索词的地方结束了</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="130"/>
        <source>The query is empty</source>
        <translation>查询为空</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="184"/>
        <source>Cannot export to {target}: it is a device, not a file. Nothing was written.</source>
        <translation>无法导出到 {target}：这是一个设备，不是文件。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="187"/>
        <source>Cannot export to {target}: it is a named pipe, not a file. Nothing was written.</source>
        <translation>无法导出到 {target}：这是一个命名管道，不是文件。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="190"/>
        <source>Cannot export to {target}: it is not a regular file. Nothing was written.</source>
        <translation>无法导出到 {target}：这不是普通文件。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="194"/>
        <source>a Word 97-2003 .doc file, not DOCX (save it as .docx in Word or LibreOffice)</source>
        <translation>这是 Word 97-2003 的 .doc 文件，不是 DOCX（请在 Word 或 LibreOffice 中另存为 .docx）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="197"/>
        <source>damaged {kind} file ({error})</source>
        <translation>{kind} 文件已损坏（{error}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="198"/>
        <source>damaged {kind}: {part} is not well-formed XML ({error})</source>
        <translation>{kind} 文件已损坏：{part} 不是格式正确的 XML（{error}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="199"/>
        <source>not a Word document (its main part is {content_type})</source>
        <translation>不是 Word 文档（其主体部分的类型为 {content_type}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="200"/>
        <source>not a Word document (no main document part)</source>
        <translation>不是 Word 文档（没有文档主体部分）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="201"/>
        <source>not a Word document ({kind} file)</source>
        <translation>不是 Word 文档（是 {kind} 文件）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="202"/>
        <source>password-protected Word document (encrypted)</source>
        <translation>受密码保护的 Word 文档（已加密）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="204"/>
        <source>EPUB with DRM (encrypted content)</source>
        <translation>EPUB 带有 DRM（内容已加密）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="205"/>
        <source>damaged EPUB: container.xml names no package document</source>
        <translation>EPUB 文件已损坏：container.xml 未指明包文档（OPF）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="206"/>
        <source>damaged {kind}: {part} is missing</source>
        <translation>{kind} 文件已损坏：缺少 {part}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="207"/>
        <source>not an EPUB e-book (no META-INF/container.xml)</source>
        <translation>不是 EPUB 电子书（没有 META-INF/container.xml）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="208"/>
        <source>not an EPUB e-book ({kind} file)</source>
        <translation>不是 EPUB 电子书（是 {kind} 文件）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="210"/>
        <source>web archive (MHTML) without a web page in it</source>
        <translation>网页存档（MHTML）中没有网页</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="211"/>
        <source>web page with no main text</source>
        <translation>网页中没有正文</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="213"/>
        <source>damaged PDF ({error})</source>
        <translation>PDF 文件已损坏（{error}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="214"/>
        <source>encrypted PDF (a password is needed)</source>
        <translation>PDF 已加密（需要密码）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="215"/>
        <source>reading the PDF was cancelled</source>
        <translation>已取消读取 PDF</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="216"/>
        <source>scanned: no text layer</source>
        <translation>扫描件：没有文字层</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="218"/>
        <source>damaged zip archive ({error})</source>
        <translation>zip 压缩包已损坏（{error}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="219"/>
        <source>not a zip archive, as {kind} files are</source>
        <translation>不是 zip 压缩包（{kind} 文件应是 zip 压缩包）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="220"/>
        <source>zip archive has too many members ({count}; the limit is {limit})</source>
        <translation>zip 压缩包中的文件过多（{count} 个，上限为 {limit} 个）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="221"/>
        <source>zip bomb: the archive unpacks to more than {limit} MB</source>
        <translation>压缩炸弹：解压后超过 {limit} MB</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="222"/>
        <source>zip bomb: {member} unpacks to more than {ratio} times its packed size</source>
        <translation>压缩炸弹：{member} 解压后超过压缩大小的 {ratio} 倍</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="223"/>
        <source>zip member {member} is encrypted (password-protected)</source>
        <translation>zip 压缩包中的 {member} 已加密（需要密码）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="224"/>
        <source>zip member {member} uses an unsupported compression method ({method})</source>
        <translation>zip 压缩包中的 {member} 使用了不支持的压缩方法（{method}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="226"/>
        <source>Left out {count} lines of navigation (tables of contents, menus).</source>
        <translation>已略去 {count} 行导航（目录、菜单）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="227"/>
        <source>Left out {count} lines that are not the document&apos;s text.</source>
        <translation>已略去 {count} 行非正文内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="228"/>
        <source>Left out {count} pieces of web-page chrome (breadcrumbs, share bars, widgets).</source>
        <translation>已略去 {count} 处网页杂项（面包屑导航、分享栏、小部件）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="231"/>
        <source>Removed {count} page numbers.</source>
        <translation>已删除 {count} 个页码。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="232"/>
        <source>Removed {count} running heads (lines repeated at the top or foot of the pages).</source>
        <translation>已删除 {count} 处书眉（各页顶部或底部重复的行）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="235"/>
        <source>a part of the book is missing from the file: {part}</source>
        <translation>文件中缺少书的一部分：{part}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="236"/>
        <source>changed while it was being read; it will be read at the next update</source>
        <translation>读取时文件发生了变化；将在下次更新时读取</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="237"/>
        <source>too large ({size} MB; the limit for {kind} files is {limit} MB)</source>
        <translation>文件过大（{size} MB；{kind} 文件的上限为 {limit} MB）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="239"/>
        <source>a device, not a regular file; skipped</source>
        <translation>是设备文件，不是普通文件；已跳过</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="240"/>
        <source>a named pipe (FIFO), not a regular file; skipped</source>
        <translation>是命名管道，不是普通文件；已跳过</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="241"/>
        <source>a socket, not a regular file; skipped</source>
        <translation>是套接字，不是普通文件；已跳过</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="242"/>
        <source>shows under the same name as another file; rename one of them</source>
        <translation>显示的文件名与另一个文件相同；请将其中一个改名</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="243"/>
        <source>symbolic link leaves the archive folder (to {target}); skipped</source>
        <translation>符号链接指向档案文件夹之外（{target}）；已跳过</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="245"/>
        <source>The excerpt store {path} could not be read ({error}); it was moved to {backup}, nothing in it could be recovered, and a new, empty store was started.</source>
        <translation>无法读取摘录文件 {path}（{error}）；已将其移至 {backup}，其中没有可恢复的内容，并新建了一个空的摘录文件。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="249"/>
        <source>The excerpt store {path} is damaged and could not be moved aside ({error}); close the other Archive Viewer windows and start again.</source>
        <translation>摘录文件 {path} 已损坏，且无法移到一旁（{error}）；请关闭其他档案阅览窗口后重新启动。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="253"/>
        <source>The excerpt store {path} was damaged ({error}); it was moved to {backup} and {recovered} of {total} excerpts and {bookmarks_recovered} of {bookmarks_total} bookmarks were recovered.</source>
        <translation>摘录文件 {path} 已损坏（{error}）；已将其移至 {backup}，并恢复了 {total} 条摘录中的 {recovered} 条、{bookmarks_total} 个书签中的 {bookmarks_recovered} 个。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="257"/>
        <source>The excerpt store {path} was damaged ({error}); it was moved to {backup} and {recovered} of {total} excerpts were recovered.</source>
        <translation>摘录文件 {path} 已损坏（{error}）；已将其移至 {backup}，并恢复了 {total} 条摘录中的 {recovered} 条。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="261"/>
        <source>The excerpt store {path} was empty (0 bytes), as a crash or a sync tool can leave it; it was moved to {backup}, nothing in it could be recovered, and a new, empty store was started.</source>
        <translation>摘录文件 {path} 为空（0 字节），程序崩溃或同步工具可能造成这种情况；已将其移至 {backup}，其中没有可恢复的内容，并新建了一个空的摘录文件。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="266"/>
        <source>The index folder {folder} cannot be used ({reason}), and no temporary folder can be created ({error}).</source>
        <translation>索引文件夹 {folder} 无法使用（{reason}），也无法创建临时文件夹（{error}）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="270"/>
        <source>The index folder {folder} cannot be used ({reason}); this session keeps the archive&apos;s index in a temporary folder.</source>
        <translation>索引文件夹 {folder} 无法使用（{reason}）；本次会话将档案的索引保存在临时文件夹中。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="275"/>
        <source>{error} Searching the local index instead.</source>
        <translation>{error} 改用本机索引检索。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="276"/>
        <source>No server address given (use HOST:PORT).</source>
        <translation>未给出服务器地址（请用 主机:端口）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="277"/>
        <source>Not a server address: {address} (use HOST:PORT).</source>
        <translation>不是服务器地址：{address}（请用 主机:端口）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="278"/>
        <source>Publishing cancelled; the server&apos;s index is unchanged.</source>
        <translation>发布已取消；服务器上的索引未变。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="279"/>
        <source>The query selects too many documents for the server at once; narrow it.</source>
        <translation>该检索一次选中的文档过多，服务器无法处理；请缩小范围。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="280"/>
        <source>The search server warned: {warning}</source>
        <translation>检索服务器发出警告：{warning}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="281"/>
        <source>The search server {server} does not answer ({error}).</source>
        <translation>检索服务器 {server} 没有响应（{error}）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="282"/>
        <source>The search server {server} refused a query: {error}</source>
        <translation>检索服务器 {server} 拒绝了一次查询：{error}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="283"/>
        <source>The search server&apos;s index changed during the search; search again ({doc}).</source>
        <translation>检索期间服务器上的索引发生了变化；请重新检索（{doc}）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="286"/>
        <source>The server&apos;s index is full; publish the archive anew (--rebuild).</source>
        <translation>服务器上的索引已满；请重新发布档案（--rebuild）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="287"/>
        <source>not published to this server yet</source>
        <translation>尚未发布到此服务器</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="288"/>
        <source>published by another version of Archive Viewer</source>
        <translation>由另一版本的档案阅览发布</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="292"/>
        <source>nothing is published beside this archive</source>
        <translation>档案旁没有发布的内容</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="293"/>
        <source>This archive is no longer published on the search server.</source>
        <translation>此档案已不在检索服务器上发布。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="294"/>
        <source>The archive was published again since it was opened; open it again to search it.</source>
        <translation>打开此档案后它又被重新发布了；请重新打开档案再检索。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="297"/>
        <source>The cluster has {count} shards; publishing needs all of them, in order (--server HOST:PORT,HOST:PORT,…).</source>
        <translation>集群有 {count} 个分片；发布需要按顺序给出全部分片（--server 主机:端口,主机:端口,…）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="301"/>
        <source>Publishing needs every shard, and not all answered: {problem}</source>
        <translation>发布需要全部分片，但并非全部响应：{problem}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="302"/>
        <source>published to the shards {then}, now {now} given</source>
        <translation>发布时的分片为 {then}，现在给出的是 {now}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="303"/>
        <source>the catalogue beside the archive is not the one of the server&apos;s index (a publish is running or did not finish)</source>
        <translation>档案旁的目录与服务器上的索引不一致（发布正在进行或未完成）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="307"/>
        <source>at {where}: {before} → {after}; two characters&apos; bytes spelled a full-width {mark}, written as ASCII, and the bytes after it read one over ({why}){marked}</source>
        <translation>位置 {where}：{before} → {after}；两个字的字节拼成了全角的 {mark}，被写成半角，其后字节错位一字节读出（{why}）{marked}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="289"/>
        <source>the server holds {held} paragraphs of {expected}</source>
        <translation>服务器上有 {held} 个段落，应有 {expected} 个</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="290"/>
        <source>{answered} of {total} shards answered; results are incomplete.</source>
        <translation>{total} 个分片中有 {answered} 个响应；结果不完整。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="291"/>
        <source>{source} has more than {limit} paragraphs; the server cannot hold it.</source>
        <translation>{source} 的段落超过 {limit} 个；服务器无法容纳。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="126"/>
        <source>The query has an invalid character at position {pos} (text that is not UTF-8?)</source>
        <translation>查询第 {pos} 个字符处有无效字符（输入的文本可能不是 UTF-8 编码）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="129"/>
        <source>The query has too many terms ({count}; at most {limit})</source>
        <translation>查询的检索词过多（{count} 个；最多 {limit} 个）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="131"/>
        <source>The query is too long ({length} characters; at most {limit})</source>
        <translation>查询过长（{length} 个字符；最多 {limit} 个）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="132"/>
        <source>The query nests too deeply at position {pos} (at most {limit} levels of parentheses and NOT)</source>
        <translation>查询在第 {pos} 个字符处嵌套过深（括号和 NOT 最多嵌套 {limit} 层）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="136"/>
        <source>The query only excludes things; add something to find (e.g. &apos;赤峰 -通辽&apos; rather than &apos;-通辽&apos;)</source>
        <translation>查询只有排除条件；请加上要查找的内容（例如用“赤峰 -通辽”，而不是“-通辽”）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="140"/>
        <source>Unclosed quote: the &quot; at position {pos} has no closing &quot;</source>
        <translation>引号未闭合：第 {pos} 个字符处的 &quot; 没有对应的结束引号 &quot;</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="141"/>
        <source>Unknown field &apos;{field}:&apos; at position {pos} (fields: {known})</source>
        <translation>第 {pos} 个字符处的字段“{field}:”无法识别（可用字段：{known}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="142"/>
        <source>Unknown kind &apos;{kind}&apos; (kinds: {kinds})</source>
        <translation>无法识别的类型“{kind}”（可用类型：{kinds}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="143"/>
        <source>Unmatched &apos;)&apos; at position {pos}</source>
        <translation>第 {pos} 个字符处的“)”没有对应的“(”</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="144"/>
        <source>year: at position {pos} expects a year like year:2015 or a range like year:2014..2023 (got &apos;{value}&apos;)</source>
        <translation>第 {pos} 个字符处的 year: 需要一个年份（如 year:2015）或一个年份范围（如 year:2014..2023），而不是“{value}”</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="148"/>
        <source>year:{value}: the range runs backwards (write year:{high}..{low})</source>
        <translation>year:{value}：范围顺序颠倒了（请写作 year:{high}..{low}）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="150"/>
        <source>being updated by another Archive Viewer process</source>
        <translation>正由另一个档案阅览进程更新</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="151"/>
        <source>damaged earlier: {problem}</source>
        <translation>先前已损坏：{problem}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="152"/>
        <source>index fields differ from this version&apos;s</source>
        <translation>索引字段与本版本不同</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="153"/>
        <source>index file {name} is damaged (checksum)</source>
        <translation>索引文件 {name} 已损坏（校验和不符）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="154"/>
        <source>index file {name} is missing</source>
        <translation>索引文件 {name} 缺失</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="155"/>
        <source>index schema {version}, this version needs {needed}</source>
        <translation>索引结构版本为 {version}，本版本需要 {needed}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="156"/>
        <source>no index yet</source>
        <translation>尚未建立索引</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="157"/>
        <source>not opened</source>
        <translation>尚未打开</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="159"/>
        <source>Reading the archive failed: {reason}</source>
        <translation>读取档案失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="160"/>
        <source>Updating the archive failed: {reason}</source>
        <translation>更新档案失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="161"/>
        <source>No paragraph {paragraph} in {file}</source>
        <translation>{file} 中没有段落 {paragraph}</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="162"/>
        <source>The file {file} cannot be decoded ({reason}).</source>
        <translation>无法解码文件 {file}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="163"/>
        <source>The file {file} cannot be read ({reason}).</source>
        <translation>无法读取文件 {file}（{reason}）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="164"/>
        <source>The file {file} has changed since it was read; reopen the archive to read it again.</source>
        <translation>文件 {file} 在读取后已被修改；请重新打开档案以再次读取。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="167"/>
        <source>The file {file} is no longer in the archive folder.</source>
        <translation>文件 {file} 已不在档案文件夹中。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="168"/>
        <source>A collection named &apos;{name}&apos; already exists</source>
        <translation>已有名为“{name}”的摘录集</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="169"/>
        <source>A collection needs a name</source>
        <translation>摘录集需要一个名称</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="170"/>
        <source>The last collection cannot be deleted</source>
        <translation>不能删除最后一个摘录集</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="171"/>
        <source>The selection holds only white space; nothing to excerpt</source>
        <translation>所选内容只有空白，无可摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="172"/>
        <source>Cannot export to {target}: it is a folder</source>
        <translation>无法导出到 {target}：这是一个文件夹</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="173"/>
        <source>Cannot write {target}: permission denied. Nothing was written.</source>
        <translation>无法写入 {target}：权限不足。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="174"/>
        <source>Cannot write {target}: the disk is full. Nothing was written.</source>
        <translation>无法写入 {target}：磁盘已满。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="175"/>
        <source>Cannot write {target}: the disk is read-only. Nothing was written.</source>
        <translation>无法写入 {target}：磁盘为只读。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="176"/>
        <source>Cannot write {target}: the folder does not exist. Nothing was written.</source>
        <translation>无法写入 {target}：文件夹不存在。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="177"/>
        <source>Cannot write {target}: {reason}. Nothing was written.</source>
        <translation>无法写入 {target}：{reason}。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="178"/>
        <source>No font with Chinese characters is installed, so the PDF would show empty boxes; install one (e.g. fonts-noto-cjk) or export to another format.</source>
        <translation>系统未安装含中文字符的字体，导出的 PDF 将显示空白方框；请安装一种（如 fonts-noto-cjk）或改用其他格式导出。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/core_messages.py" line="182"/>
        <source>Qt did not produce a PDF (nothing was written)</source>
        <translation>Qt 未能生成 PDF（未写入任何内容）</translation>
    </message>
</context>
</TS>
