; Archive Viewer (档案阅览) - Windows installer (NSIS 3, Unicode).
; Per-user install without admin rights, Start menu and desktop shortcuts, an uninstaller,
; and a wizard in English, Simplified and Traditional Chinese (chosen from the system language).
;
; Build (from the repository root, after `python packaging/build.py bundle` on Windows):
;   makensis /DVERSION=0.1.0 packaging\windows\installer.nsi
; -> dist\archive-viewer-<VERSION>-windows-x64-setup.exe
; On Linux, `makensis -DVERSION=0 -DBUNDLE_DIR=<any folder> packaging/windows/installer.nsi` checks
; the script (Debian package `nsis`).

Unicode true
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\..\dist\archive-viewer"
!endif
!ifndef OUT_DIR
  !define OUT_DIR "..\..\dist"
!endif
!define APP_ID "ArchiveViewer"
!define APP_EXE "archive-viewer.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "Archive Viewer"
OutFile "${OUT_DIR}\archive-viewer-${VERSION}-windows-x64-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\Archive Viewer"
InstallDirRegKey HKCU "Software\${APP_ID}" "InstallDir"
RequestExecutionLevel user
BrandingText "Archive Viewer ${VERSION}"

!include "MUI2.nsh"
!define MUI_ICON "..\..\resources\icons\archive-viewer.ico"
!define MUI_UNICON "..\..\resources\icons\archive-viewer.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "..\..\resources\licenses\README.md"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "TradChinese"

LangString DisplayName ${LANG_ENGLISH} "Archive Viewer"
LangString DisplayName ${LANG_SIMPCHINESE} "档案阅览"
LangString DisplayName ${LANG_TRADCHINESE} "檔案閱覽"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "Archive Viewer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "Archive Viewer installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "MIT licence"

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Archive Viewer" SecMain
  SectionIn RO
  ; A previous version's files go first, so nothing stale is left among the new ones.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\$(DisplayName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$DESKTOP\$(DisplayName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "Software\${APP_ID}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\${APP_ID}" "ShortcutName" "$(DisplayName)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "$(DisplayName)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Archive Viewer contributors"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; The user's settings, excerpts and indexes (in %LOCALAPPDATA%\archive-viewer) are kept.
  ReadRegStr $0 HKCU "Software\${APP_ID}" "ShortcutName"
  StrCmp $0 "" 0 +2
    StrCpy $0 "$(DisplayName)"
  Delete "$SMPROGRAMS\$0.lnk"
  Delete "$DESKTOP\$0.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\archive-viewer-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_ID}"
SectionEnd
