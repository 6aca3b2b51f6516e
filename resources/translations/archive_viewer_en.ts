<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArchiveJobs</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/archive_jobs.py" line="157"/>
        <source>⚠ %n file(s) not read</source>
        <translation>
            <numerusform>⚠ %n file not read</numerusform>
            <numerusform>⚠ %n files not read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/archive_jobs.py" line="307"/>
        <source>Added %n file(s).</source>
        <translation>
            <numerusform>Added %n file.</numerusform>
            <numerusform>Added %n files.</numerusform>
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
        <location filename="../../viewer/gui/excerpts_controller.py" line="219"/>
        <source>%n excerpt(s) whose source text is not in this archive are marked; they are kept.</source>
        <translation>
            <numerusform>%n excerpt whose source text is not in this archive is marked; it is kept.</numerusform>
            <numerusform>%n excerpts whose source text is not in this archive are marked; they are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/excerpts_controller.py" line="276"/>
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
        <location filename="../../viewer/gui/dialogs/export_dialog.py" line="214"/>
        <source>%n excerpt(s)</source>
        <translation>
            <numerusform>%n excerpt</numerusform>
            <numerusform>%n excerpts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IngestReportDialog</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/dialogs/ingest_report.py" line="31"/>
        <source>%n file(s) in %1 could not be read; every other file was read.</source>
        <translation>
            <numerusform>%n file in %1 could not be read; every other file was read.</numerusform>
            <numerusform>%n files in %1 could not be read; every other file was read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepairsPanel</name>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="64"/>
        <source>%n repair rule(s) changed this document; the raw text is below.</source>
        <translation>
            <numerusform>%n repair rule changed this document; the raw text is below.</numerusform>
            <numerusform>%n repair rules changed this document; the raw text is below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/repairs_panel.py" line="71"/>
        <source>(%n place(s) marked, not guessed)</source>
        <translation>
            <numerusform>(%n place marked, not guessed)</numerusform>
            <numerusform>(%n places marked, not guessed)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message numerus="yes">
        <source>(the first %n listed)</source>
        <translation>
            <numerusform>(the first hit listed)</numerusform>
            <numerusform>(the first %n listed)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="206"/>
        <source>The kind/year filter hides all %n hit(s).</source>
        <translation>
            <numerusform>The kind/year filter hides the only hit.</numerusform>
            <numerusform>The kind/year filter hides all %n hits.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="212"/>
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../viewer/gui/widgets/search_panel.py" line="213"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
</TS>
