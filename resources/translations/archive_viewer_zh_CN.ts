<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="43"/>
        <source>WenQuanYi Micro Hei (bundled font subset)</source>
        <translation>文泉驿微米黑（内置字体子集）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="52"/>
        <source>Archive Viewer</source>
        <translation>档案阅览</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="53"/>
        <source>Read, search and excerpt an archive of Chinese documents offline.</source>
        <translation>离线阅读、检索和摘录中文档案。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="60"/>
        <source>About Archive Viewer</source>
        <translation>关于档案阅览</translation>
    </message>
</context>
<context>
    <name>DocumentTree</name>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="117"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="118"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="119"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="120"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="121"/>
        <source>Volume</source>
        <translation>卷</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="122"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="123"/>
        <source>Script</source>
        <translation>字体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="124"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="125"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="126"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/models/doc_tree.py" line="136"/>
        <source>Repairs applied</source>
        <translation>已做修复</translation>
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
    <name>Kinds</name>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="55"/>
        <source>Yearbooks</source>
        <translation>年鉴</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="56"/>
        <source>Official notices</source>
        <translation>公文</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="57"/>
        <source>Journal articles</source>
        <translation>期刊文章</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="58"/>
        <source>Newspapers</source>
        <translation>报纸</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="59"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="66"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="67"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/i18n.py" line="68"/>
        <source>Mixed</source>
        <translation>简繁混合</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="159"/>
        <source>Archive Viewer</source>
        <translation>档案阅览</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="203"/>
        <source>Filter documents (either script)</source>
        <translation>筛选文档（简繁均可）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="219"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="225"/>
        <source>Search results</source>
        <translation>检索结果</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="230"/>
        <source>Repairs and raw text</source>
        <translation>修复与原始文本</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="278"/>
        <source>&amp;Open archive folder…</source>
        <translation>打开档案文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="280"/>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="281"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="283"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="286"/>
        <source>Add &amp;excerpt</source>
        <translation>添加摘录(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="289"/>
        <source>Add the selected text to the excerpts</source>
        <translation>将所选文字加入摘录</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="292"/>
        <source>Copy with &amp;citation</source>
        <translation>带引文复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="295"/>
        <source>&amp;Find in document…</source>
        <translation>在文档中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="297"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="298"/>
        <source>&amp;Search the archive</source>
        <translation>检索档案(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="299"/>
        <source>&amp;Next hit</source>
        <translation>下一个结果(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="301"/>
        <source>&amp;Previous hit</source>
        <translation>上一个结果(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="303"/>
        <source>&amp;Rebuild index</source>
        <translation>重建索引(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="304"/>
        <source>S&amp;wap sides</source>
        <translation>左右互换(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="306"/>
        <source>&amp;Single pane</source>
        <translation>单栏(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="309"/>
        <source>Show &amp;repairs and raw text</source>
        <translation>显示修复与原始文本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="312"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="317"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="319"/>
        <source>&amp;Reset zoom</source>
        <translation>恢复原始大小(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="321"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="323"/>
        <source>&amp;About Archive Viewer</source>
        <translation>关于档案阅览(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="327"/>
        <source>OpenCC standard traditional forms (赤峰 becomes 赤峯)</source>
        <translation>OpenCC 标准繁体字形（赤峰 变为 赤峯）</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="328"/>
        <source>Taiwan standard forms (keeps 赤峰); the default</source>
        <translation>台湾标准字形（保留 赤峰）；默认</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="329"/>
        <source>Hong Kong standard forms</source>
        <translation>香港标准字形</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="331"/>
        <source>Taiwan forms and Taiwan vocabulary: rewrites words (项目 → 專案), not only characters</source>
        <translation>台湾字形及台湾惯用词：会改写词语（项目 → 專案），不只是转换字形</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="346"/>
        <source>As detected</source>
        <translation>按检测结果</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="347"/>
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="348"/>
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="359"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="360"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="361"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="369"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="373"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="377"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="378"/>
        <source>Traditional &amp;form</source>
        <translation>繁体字形(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="381"/>
        <source>&amp;Original script</source>
        <translation>原文字体(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="386"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="389"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="392"/>
        <source>&amp;Search</source>
        <translation>检索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="396"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="400"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="418"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="426"/>
        <source>Index: not built</source>
        <translation>索引：未建立</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="496"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="503"/>
        <source>Reading the archive</source>
        <translation>正在读取档案</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/mainwindow.py" line="532"/>
        <source>%n file(s) could not be read; see the tooltip of the archive size.</source>
        <translation>
            <numerusform>有 %n 个文件无法读取；详见档案大小的提示。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="544"/>
        <source>Reading cancelled</source>
        <translation>已取消读取</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="546"/>
        <source>Archive not loaded</source>
        <translation>档案未载入</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="547"/>
        <source>Cannot read the archive</source>
        <translation>无法读取档案</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="554"/>
        <source>%1 documents · %2 MB</source>
        <translation>%1 篇文档 · %2 MB</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="566"/>
        <source>Search unavailable</source>
        <translation>检索不可用</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="588"/>
        <source>Index: updating…</source>
        <translation>索引：正在更新…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="589"/>
        <source>Indexing</source>
        <translation>正在建立索引</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="605"/>
        <source>Index: ready</source>
        <translation>索引：就绪</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="615"/>
        <source>Index: update cancelled</source>
        <translation>索引：已取消更新</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="617"/>
        <source>Index: failed</source>
        <translation>索引：失败</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="619"/>
        <source>Indexing failed: %1</source>
        <translation>建立索引失败：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="649"/>
        <source>Open archive folder</source>
        <translation>打开档案文件夹</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="660"/>
        <source>Add files to the archive</source>
        <translation>向档案添加文件</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="660"/>
        <source>Text files (*.txt *.md)</source>
        <translation>文本文件 (*.txt *.md)</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="669"/>
        <source>Only .txt and .md files can be added.</source>
        <translation>只能添加 .txt 和 .md 文件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/mainwindow.py" line="684"/>
        <source>Added %n file(s).</source>
        <translation>
            <numerusform>已添加 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="788"/>
        <source>Original · %1</source>
        <translation>原文 · %1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="876"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="877"/>
        <source>The new language takes effect when you restart the app.</source>
        <translation>新语言将在重新启动程序后生效。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="911"/>
        <location filename="../../viewer/gui/mainwindow.py" line="920"/>
        <source>Select some text first.</source>
        <translation>请先选择文字。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="914"/>
        <source>Excerpts are not available yet.</source>
        <translation>摘录功能尚不可用。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="1004"/>
        <source>The index is being built; the search runs when it is ready.</source>
        <translation>正在建立索引；索引就绪后将执行检索。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="1007"/>
        <source>Search is not available: the index could not be built.</source>
        <translation>无法检索：索引未能建立。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="1014"/>
        <source>Searching…</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="1027"/>
        <source>Search failed: %1</source>
        <translation>检索失败：%1</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/mainwindow.py" line="1076"/>
        <source>Hit %1 of %2</source>
        <translation>第 %1 个结果，共 %2 个</translation>
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
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="51"/>
        <source>No document open.</source>
        <translation>未打开文档。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="57"/>
        <source>%n repair rule(s) changed this document; the raw text is below.</source>
        <translation>
            <numerusform>%n 条修复规则修改了本文档；下方为原始文本。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="60"/>
        <source>No repairs were needed; the raw text is below.</source>
        <translation>无需修复；下方为原始文本。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="64"/>
        <source>(%n place(s) marked, not guessed)</source>
        <translation>
            <numerusform>（%n 处已标记，未作猜测）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="70"/>
        <source>at %1</source>
        <translation>位置 %1</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
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
        <location filename="../../viewer/gui/widgets/search_panel.py" line="181"/>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="184"/>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="204"/>
        <source>Nothing in the archive matches this query.</source>
        <translation>档案中没有与此检索式匹配的内容。</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="206"/>
        <source>No results for “%1”. %2</source>
        <translation>“%1”没有结果。%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="209"/>
        <source>The kind/year filter hides all %n hit(s).</source>
        <translation>
            <numerusform>类别/年份筛选隐藏了全部 %n 个结果。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../viewer/gui/widgets/search_panel.py" line="213"/>
        <source>%1 hit(s) in %2 document(s)</source>
        <translation>%2 篇文档中共 %1 处</translation>
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
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="68"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="72"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../viewer/gui/dialogs/about.py" line="72"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
</TS>
