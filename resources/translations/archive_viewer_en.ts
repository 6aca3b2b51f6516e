<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArchiveJobs</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/archive_jobs.py" line="256"/>
        <source>⚠ %n file(s) not read</source>
        <translation>
            <numerusform>⚠ %n file not read</numerusform>
            <numerusform>⚠ %n files not read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/archive_jobs.py" line="348"/>
        <source>Added %n file(s).</source>
        <translation>
            <numerusform>Added %n file.</numerusform>
            <numerusform>Added %n files.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BookmarksController</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/bookmarks_controller.py" line="115"/>
        <source>%n bookmark(s) removed. Undo with Ctrl+Z.</source>
        <translation>
            <numerusform>%n bookmark removed. Undo with Ctrl+Z.</numerusform>
            <numerusform>%n bookmarks removed. Undo with Ctrl+Z.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/bookmarks_controller.py" line="134"/>
        <source>%n bookmark(s) restored.</source>
        <translation>
            <numerusform>%n bookmark restored.</numerusform>
            <numerusform>%n bookmarks restored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/bookmarks_controller.py" line="160"/>
        <source>%n bookmark(s) whose paragraph is not in this archive are marked; they are kept.</source>
        <translation>
            <numerusform>%n bookmark whose paragraph is not in this archive are marked; they are kept.</numerusform>
            <numerusform>%n bookmarks whose paragraph is not in this archive are marked; they are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExcerptPanel</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/excerpt_panel.py" line="221"/>
        <source>Delete %n excerpts</source>
        <translation>
            <numerusform>Delete %n excerpt</numerusform>
            <numerusform>Delete %n excerpts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExcerptsController</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/excerpts_controller.py" line="239"/>
        <source>%n excerpt(s) whose source text is not in this archive are marked; they are kept.</source>
        <translation>
            <numerusform>%n excerpt whose source text is not in this archive is marked; it is kept.</numerusform>
            <numerusform>%n excerpts whose source text is not in this archive are marked; they are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/excerpts_controller.py" line="296"/>
        <source>Exported %n excerpt(s) to %1.</source>
        <translation>
            <numerusform>Exported %n excerpt to %1.</numerusform>
            <numerusform>Exported %n excerpts to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="233"/>
        <source>%n excerpt(s)</source>
        <translation>
            <numerusform>%n excerpt</numerusform>
            <numerusform>%n excerpts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HitsChart</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/hits_chart.py" line="275"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IngestReportDialog</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="32"/>
        <source>%n file(s) in %1 could not be read; every other file was read.</source>
        <translation>
            <numerusform>%n file in %1 could not be read; every other file was read.</numerusform>
            <numerusform>%n files in %1 could not be read; every other file was read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KwicView</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="286"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/kwic_view.py" line="287"/>
        <source>%n paragraph(s)</source>
        <translation>
            <numerusform>%n paragraph</numerusform>
            <numerusform>%n paragraphs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintCommands</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/print_commands.py" line="73"/>
        <source>Printed %n page(s) to %1.</source>
        <translation>
            <numerusform>Printed %n page to %1.</numerusform>
            <numerusform>Printed %n pages to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/print_commands.py" line="75"/>
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>Sent %n page to the printer.</numerusform>
            <numerusform>Sent %n pages to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepairsPanel</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="265"/>
        <source>%n repair rule(s) changed this document. Choose a change to see it in both texts.</source>
        <translation>
            <numerusform>%n repair rule changed this document. Choose a change to see it in both texts.</numerusform>
            <numerusform>%n repair rules changed this document. Choose a change to see it in both texts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="278"/>
        <source>(%n place(s) marked, not guessed)</source>
        <translation>
            <numerusform>(%n place marked, not guessed)</numerusform>
            <numerusform>(%n places marked, not guessed)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="289"/>
        <source>… %n more</source>
        <translation>
            <numerusform>… %n more</numerusform>
            <numerusform>… %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="295"/>
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="296"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
</TS>
