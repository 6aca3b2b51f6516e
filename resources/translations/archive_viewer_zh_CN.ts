<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="44"/>
        <source>WenQuanYi Micro Hei (bundled font subset)</source>
        <translation>文泉驿微米黑（内置字体子集）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="53"/>
        <source>Archive Viewer</source>
        <translation>档案阅览</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="54"/>
        <source>Read, search and excerpt an archive of Chinese documents offline.</source>
        <translation>离线阅读、检索和摘录中文档案。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="61"/>
        <source>About Archive Viewer</source>
        <translation>关于档案阅览</translation>
    </message>
</context>
<context>
    <name>ArchiveJobs</name>
    <message>
        <source>Updating failed: %1</source>
        <translation>更新失败：%1</translation>
    </message>
    <message>
        <source>Index: rebuilding…</source>
        <translation>索引：正在重建…</translation>
    </message>
    <message>
        <source>Cannot add the files</source>
        <translation>无法添加这些文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="94"/>
        <source>Index: not built</source>
        <translation>索引：未建立</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="105"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="112"/>
        <source>Reading the archive</source>
        <translation>正在读取档案</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="139"/>
        <source>Reading cancelled</source>
        <translation>已取消读取</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="141"/>
        <source>Archive not loaded</source>
        <translation>档案未载入</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="142"/>
        <source>Cannot read the archive</source>
        <translation>无法读取档案</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="150"/>
        <source>%1 documents · %2 MB</source>
        <translation>%1 篇文档 · %2 MB</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/archive_jobs.py" line="157"/>
        <source>⚠ %n file(s) not read</source>
        <translation>
            <numerusform>⚠ %n 个文件未能读取</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="158"/>
        <source>Show the files that could not be read, and why</source>
        <translation>查看未能读取的文件及原因</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="191"/>
        <source>Index: updating…</source>
        <translation>索引：正在更新…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="192"/>
        <source>Indexing</source>
        <translation>正在建立索引</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="221"/>
        <source>Index: ready</source>
        <translation>索引：就绪</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="231"/>
        <source>Index: update cancelled</source>
        <translation>索引：已取消更新</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="233"/>
        <source>Index: failed</source>
        <translation>索引：失败</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="236"/>
        <source>Indexing failed: %1</source>
        <translation>建立索引失败：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="271"/>
        <source>Open archive folder</source>
        <translation>打开档案文件夹</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="282"/>
        <source>Add files to the archive</source>
        <translation>向档案添加文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="282"/>
        <source>Text files (*.txt *.md)</source>
        <translation>文本文件 (*.txt *.md)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/archive_jobs.py" line="292"/>
        <source>Only .txt and .md files can be added.</source>
        <translation>只能添加 .txt 和 .md 文件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/archive_jobs.py" line="307"/>
        <source>Added %n file(s).</source>
        <translation>
            <numerusform>已添加 %n 个文件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentTree</name>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="443"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="444"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="445"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="446"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="447"/>
        <source>Volume</source>
        <translation>卷</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="448"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="449"/>
        <source>Script</source>
        <translation>字体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="450"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="451"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="452"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="454"/>
        <source>Paragraphs</source>
        <translation>段落数</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="461"/>
        <source>Repairs applied</source>
        <translation>已做修复</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="462"/>
        <source>yes: see Repairs and raw text</source>
        <translation>是，见“修复与原始文本”</translation>
    </message>
</context>
<context>
    <name>DocumentTreePanel</name>
    <message>
        <location filename="../../viewer/gui/widgets/document_tree.py" line="46"/>
        <source>Filter documents (either script)</source>
        <translation>筛选文档（简繁均可）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/document_tree.py" line="52"/>
        <source>By folder</source>
        <translation>按文件夹</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/document_tree.py" line="53"/>
        <source>By kind and year</source>
        <translation>按类别和年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/document_tree.py" line="54"/>
        <source>Group the documents by folder, or by kind and year</source>
        <translation>按文件夹，或按类别和年份排列文档</translation>
    </message>
</context>
<context>
    <name>ExcerptListModel</name>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="88"/>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="88"/>
        <source>Note</source>
        <translation>注释</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="88"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="106"/>
        <source> [source text gone]</source>
        <translation> [原文已不在]</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/excerpts.py" line="114"/>
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
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="239"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="247"/>
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
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="257"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="265"/>
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
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="276"/>
        <source>Delete collection</source>
        <translation>删除摘录集</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="101"/>
        <source>Filter by text, note, tag or source</source>
        <translation>按正文、注释、标签或出处筛选</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="131"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="221"/>
        <source>Delete excerpt</source>
        <translation>删除摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="133"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="135"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="139"/>
        <source>Copy with citation</source>
        <translation>连同引文复制</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="140"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="194"/>
        <source>Add excerpt</source>
        <translation>添加摘录</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="221"/>
        <source>Delete %n excerpts</source>
        <translation>
            <numerusform>删除 %n 条摘录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="223"/>
        <source>Deleted. Undo with Ctrl+Z.</source>
        <translation>已删除。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="239"/>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="257"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="281"/>
        <source>Collection deleted. Undo with Ctrl+Z.</source>
        <translation>摘录集已删除。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="340"/>
        <source>Edit note</source>
        <translation>编辑注释</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="340"/>
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="356"/>
        <source>Clear the filter to reorder excerpts.</source>
        <translation>请先清除筛选，再调整摘录顺序。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="362"/>
        <source>Move excerpt</source>
        <translation>移动摘录</translation>
    </message>
</context>
<context>
    <name>ExcerptsController</name>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="69"/>
        <source>Excerpts</source>
        <translation>摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="73"/>
        <source>Excerpts are unavailable: %1</source>
        <translation>摘录功能不可用：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="104"/>
        <location filename="../../viewer/gui/excerpts_controller.py" line="123"/>
        <source>Select some text first.</source>
        <translation>请先选择文字。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="119"/>
        <location filename="../../viewer/gui/excerpts_controller.py" line="174"/>
        <source>Copied with citation.</source>
        <translation>已连同引文复制。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="135"/>
        <source>The selected document is no longer in the archive.</source>
        <translation>所选文档已不在档案中。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="165"/>
        <source>Excerpt added to “%1”.</source>
        <translation>已添加摘录到“%1”。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="182"/>
        <source>The archive is still being read; try again in a moment.</source>
        <translation>正在读取档案，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="188"/>
        <source>The source text of this excerpt is no longer in the archive (%1); the excerpt is kept.</source>
        <translation>此摘录的原文已不在档案中（%1）；摘录仍予保留。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="199"/>
        <source>The document changed; the excerpt&apos;s text was found in a new place.</source>
        <translation>文档已有改动；已在新位置找到摘录原文。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/excerpts_controller.py" line="219"/>
        <source>%n excerpt(s) whose source text is not in this archive are marked; they are kept.</source>
        <translation>
            <numerusform>有 %n 条摘录的原文不在此档案中，已作标记并予保留。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="237"/>
        <source>Collection “%1” (%2)</source>
        <translation>摘录集“%1”（%2）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="248"/>
        <source>All collections (%1)</source>
        <translation>全部摘录集（%1）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="251"/>
        <source>Selected excerpts (%1)</source>
        <translation>所选摘录（%1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/excerpts_controller.py" line="276"/>
        <source>Exported %n excerpt(s) to %1.</source>
        <translation>
            <numerusform>已导出 %n 条摘录到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="291"/>
        <source>Excerpts file damaged</source>
        <translation>摘录文件已损坏</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="293"/>
        <source>The excerpts file could not be read. It was moved aside (not deleted) and a new, empty one was started; the app works normally.</source>
        <translation>无法读取摘录文件。已将其移到一旁（未删除），并新建了一个空的摘录文件；程序可正常使用。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="298"/>
        <source>Excerpts unavailable</source>
        <translation>摘录功能不可用</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/excerpts_controller.py" line="299"/>
        <source>The excerpts file cannot be opened, so excerpts cannot be kept in this session.</source>
        <translation>无法打开摘录文件，本次运行无法保存摘录。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="54"/>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="230"/>
        <source>Export excerpts</source>
        <translation>导出摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="69"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="70"/>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="71"/>
        <source>HTML (one self-contained file)</source>
        <translation>HTML（单个独立文件）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="72"/>
        <source>Word (DOCX)</source>
        <translation>Word（DOCX）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="73"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="74"/>
        <source>CSV (spreadsheet)</source>
        <translation>CSV（电子表格）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="75"/>
        <source>RIS (reference managers)</source>
        <translation>RIS（文献管理软件）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="81"/>
        <source>Original</source>
        <translation>原文字形</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="82"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="83"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="84"/>
        <source>Both, side by side</source>
        <translation>简繁对照</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="89"/>
        <source>GB/T 7714-2015</source>
        <translation>GB/T 7714-2015</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="90"/>
        <source>Short (《title》(volume,【entry】)：「text」)</source>
        <translation>简式（《题名》(卷,【条目】)：「正文」）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="92"/>
        <source>Include notes</source>
        <translation>包含注释</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="94"/>
        <source>Include tags</source>
        <translation>包含标签</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="97"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="105"/>
        <source>Excerpts:</source>
        <translation>摘录：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="108"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="109"/>
        <source>Excerpt text:</source>
        <translation>摘录正文：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="110"/>
        <source>Citation style:</source>
        <translation>引文格式：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="116"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="185"/>
        <source>Choose a file to export to.</source>
        <translation>请选择要导出到的文件。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="188"/>
        <source>There are no excerpts to export.</source>
        <translation>没有可导出的摘录。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="197"/>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="214"/>
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
    <name>IngestReportDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="26"/>
        <source>Files that could not be read</source>
        <translation>未能读取的文件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="31"/>
        <source>%n file(s) in %1 could not be read; every other file was read.</source>
        <translation>
            <numerusform>%1 中有 %n 个文件未能读取；其余文件均已读取。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="38"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="38"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="61"/>
        <source>Yearbooks</source>
        <translation>年鉴</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="62"/>
        <source>Official notices</source>
        <translation>公文</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="63"/>
        <source>Journal articles</source>
        <translation>期刊文章</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="64"/>
        <source>Newspapers</source>
        <translation>报纸</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="65"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="72"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="73"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="74"/>
        <source>Mixed</source>
        <translation>简繁混合</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="117"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="129"/>
        <location filename="../../viewer/gui/mainwindow.py" line="372"/>
        <source>Archive Viewer</source>
        <translation>档案阅览</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="267"/>
        <source>Choose a document in the tree on the left, or search the archive (%1).</source>
        <translation>请在左侧目录中选择一篇文档，或检索档案（%1）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="179"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="183"/>
        <source>Search results</source>
        <translation>检索结果</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="188"/>
        <source>Repairs and raw text</source>
        <translation>修复与原始文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="204"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="262"/>
        <source>This folder holds no .txt or .md documents: add files (%1), drop them here, or open another folder (%2).</source>
        <translation>此文件夹中没有 .txt 或 .md 文档：请添加文件（%1）、把文件拖放到这里，或打开其他文件夹（%2）。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="401"/>
        <source>Original · %1</source>
        <translation>原文 · %1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="482"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="483"/>
        <source>The new language takes effect when you restart the app.</source>
        <translation>新语言将在重新启动程序后生效。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="26"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="30"/>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="39"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="34"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="35"/>
        <source>A new language takes effect when the app is restarted.</source>
        <translation>新语言将在程序重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="40"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="41"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="43"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="48"/>
        <source>Simplified Chinese font:</source>
        <translation>简体中文字体：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="53"/>
        <source>Traditional Chinese font:</source>
        <translation>繁体中文字体：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="59"/>
        <source>Line spacing:</source>
        <translation>行距：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/preferences.py" line="63"/>
        <source>Zoom (points):</source>
        <translation>缩放（磅）：</translation>
    </message>
</context>
<context>
    <name>RepairsPanel</name>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="39"/>
        <source>Repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="39"/>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="39"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="90"/>
        <source>No document open.</source>
        <translation>未打开文档。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="64"/>
        <source>%n repair rule(s) changed this document; the raw text is below.</source>
        <translation>
            <numerusform>%n 条修复规则修改了本文档；下方为原始文本。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="67"/>
        <source>No repairs were needed; the raw text is below.</source>
        <translation>无需修复；下方为原始文本。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="71"/>
        <source>(%n place(s) marked, not guessed)</source>
        <translation>
            <numerusform>（%n 处已标记，未作猜测）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="77"/>
        <source>at %1</source>
        <translation>位置 %1</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message numerus="yes">
        <source>(the first %n listed)</source>
        <translation>
            <numerusform>（列出前 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="114"/>
        <source>Relevance</source>
        <translation>相关度</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="115"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="119"/>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="121"/>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="123"/>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="141"/>
        <source>Type a query above and press Enter.</source>
        <translation>在上方输入检索词并按回车。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="178"/>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="181"/>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="201"/>
        <source>Nothing in the archive matches this query.</source>
        <translation>档案中没有与此检索式匹配的内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="203"/>
        <source>No results for “%1”. %2</source>
        <translation>“%1”没有结果。%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="206"/>
        <source>The kind/year filter hides all %n hit(s).</source>
        <translation>
            <numerusform>类别/年份筛选隐藏了全部 %n 个结果。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="211"/>
        <source>%1 in %2</source>
        <comment>hits in documents</comment>
        <translation>%2中共 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="212"/>
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n 处</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="213"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 篇文档</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="45"/>
        <source>Search the archive (either script; &quot;phrase&quot;, AND/OR/NOT, kind:, year:)</source>
        <translation>检索档案（简繁均可；&quot;短语&quot;、AND/OR/NOT、kind:、year:）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="52"/>
        <source>Search</source>
        <translation>检索</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>The search index is damaged; it will be rebuilt.</source>
        <translation>搜索索引已损坏，将重新建立。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="74"/>
        <source>The index is being built; the search runs when it is ready.</source>
        <translation>正在建立索引；索引就绪后将执行检索。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="77"/>
        <source>Search is not available: the index could not be built.</source>
        <translation>无法检索：索引未能建立。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="84"/>
        <source>Searching…</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="107"/>
        <source>Search failed: %1</source>
        <translation>检索失败：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/search_controller.py" line="157"/>
        <source>Hit %1 of %2</source>
        <translation>第 %1 个结果，共 %2 个</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="69"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="73"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="73"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>Variants</name>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="85"/>
        <source>Simplified (t2s)</source>
        <translation>简体 (t2s)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="86"/>
        <source>Traditional (OpenCC standard, s2t)</source>
        <translation>繁體 (OpenCC 标准, s2t)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="87"/>
        <source>Taiwan (s2tw)</source>
        <translation>臺灣正體 (s2tw)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="88"/>
        <source>Hong Kong (s2hk)</source>
        <translation>香港繁體 (s2hk)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="89"/>
        <source>Taiwan with Taiwanese vocabulary (s2twp)</source>
        <translation>臺灣正體+慣用詞 (s2twp)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="97"/>
        <source>Simplified forms</source>
        <translation>简体字形</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="98"/>
        <source>OpenCC standard traditional forms (赤峰 becomes 赤峯)</source>
        <translation>OpenCC 标准繁体字形（赤峰 变为 赤峯）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="101"/>
        <source>Taiwan standard forms (keeps 赤峰); the default</source>
        <translation>台湾标准字形（保留 赤峰）；默认</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="102"/>
        <source>Hong Kong standard forms</source>
        <translation>香港标准字形</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="103"/>
        <source>Taiwan forms and Taiwan vocabulary: rewrites words (项目 → 專案), not only characters</source>
        <translation>台湾字形及台湾惯用词：会改写词语（项目 → 專案），不只是转换字形</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../viewer/gui/actions.py" line="94"/>
        <source>&amp;Open archive folder…</source>
        <translation>打开档案文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="96"/>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="97"/>
        <source>Files that could not be &amp;read…</source>
        <translation>未能读取的文件(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="98"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="100"/>
        <source>&amp;Export excerpts…</source>
        <translation>导出摘录(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="106"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="108"/>
        <source>Add &amp;excerpt</source>
        <translation>添加摘录(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="111"/>
        <source>Add the selected text to the excerpts</source>
        <translation>将所选文字加入摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="114"/>
        <source>Copy with &amp;citation</source>
        <translation>带引文复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="117"/>
        <source>Copy the selected text (or the selected excerpts) with its citation</source>
        <translation>连同引文复制所选文字（或所选摘录）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="121"/>
        <source>GB/T 7714-2015</source>
        <translation>GB/T 7714-2015</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="122"/>
        <source>Short: 《title》(volume,【entry】)：「text」</source>
        <translation>简式：《题名》(卷,【条目】)：「正文」</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="127"/>
        <source>As in the source</source>
        <translation>与原文相同</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="128"/>
        <location filename="../../viewer/gui/actions.py" line="171"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="129"/>
        <location filename="../../viewer/gui/actions.py" line="172"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="130"/>
        <source>Both, side by side</source>
        <translation>简繁对照</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="140"/>
        <source>&amp;Find in document…</source>
        <translation>在文档中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="142"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="146"/>
        <source>S&amp;wap sides</source>
        <translation>左右互换(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="148"/>
        <source>&amp;Single pane</source>
        <translation>单栏(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="151"/>
        <source>Show &amp;repairs and raw text</source>
        <translation>显示修复与原始文本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="155"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="160"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="162"/>
        <source>&amp;Reset zoom</source>
        <translation>恢复原始大小(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="170"/>
        <source>As detected</source>
        <translation>按检测结果</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="179"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="180"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="181"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="189"/>
        <source>&amp;Search the archive</source>
        <translation>检索档案(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="190"/>
        <source>&amp;Next hit</source>
        <translation>下一个结果(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="192"/>
        <source>&amp;Previous hit</source>
        <translation>上一个结果(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="194"/>
        <source>&amp;Rebuild index</source>
        <translation>重建索引(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="196"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="198"/>
        <source>&amp;About Archive Viewer</source>
        <translation>关于档案阅览(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="205"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="211"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="213"/>
        <source>Citation st&amp;yle</source>
        <translation>引文格式(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="214"/>
        <source>E&amp;xcerpt text</source>
        <translation>摘录正文字形(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="217"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="218"/>
        <source>Traditional &amp;form</source>
        <translation>繁体字形(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="219"/>
        <source>&amp;Original script</source>
        <translation>原文字体(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="223"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="225"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="229"/>
        <source>&amp;Search</source>
        <translation>检索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="233"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="238"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="259"/>
        <source>Text: extend the selection (Shift+arrows, Shift+Home/End)</source>
        <translation>正文：扩展选区（Shift+方向键、Shift+Home/End）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="263"/>
        <source>Text: select the paragraph; pressed again, the document</source>
        <translation>正文：选中本段；再按一次选中全文</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="270"/>
        <source>Excerpts: delete the selected excerpts</source>
        <translation>摘录：删除所选摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="271"/>
        <source>Excerpts: undo</source>
        <translation>摘录：撤销</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/actions.py" line="272"/>
        <source>Excerpts: redo</source>
        <translation>摘录：重做</translation>
    </message>
</context>
</TS>
