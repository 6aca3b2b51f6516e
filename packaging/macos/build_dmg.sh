#!/usr/bin/env bash
# macOS: localise, sign (and optionally notarise) dist/Archive Viewer.app, then pack it in a .dmg.
# Run after `python packaging/build.py bundle` on a Mac. See SIGNING.md for the identities.
#   MACOS_SIGN_IDENTITY  "Developer ID Application: Name (TEAMID)"; unset: ad-hoc signature (local use)
#   MACOS_NOTARY_PROFILE a `xcrun notarytool store-credentials` profile; unset: no notarisation
set -euo pipefail
cd "$(dirname "$0")/../.."
here=packaging/macos
app="dist/Archive Viewer.app"
version=$(python3 -c 'import re;print(re.search(r"__version__ = \"(.+?)\"", open("viewer/__init__.py").read())[1])')
dmg="dist/archive-viewer-${version}-macos-$(uname -m).dmg"
[ -d "$app" ] || { echo "no $app: run python packaging/build.py bundle first" >&2; exit 1; }

# Chinese names in Finder and the Dock (CFBundleLocalizations is set in viewer.spec).
for lproj in en.lproj zh_CN.lproj zh_TW.lproj; do
  mkdir -p "$app/Contents/Resources/$lproj"
  cp "$here/$lproj/InfoPlist.strings" "$app/Contents/Resources/$lproj/"
done

# Resources changed after PyInstaller signed the bundle: sign again, inside out (--deep is not
# enough for notarisation with nested frameworks, but codesign signs nested code it finds first).
identity="${MACOS_SIGN_IDENTITY:--}"
sign=(codesign --force --timestamp --options runtime --entitlements "$here/entitlements.plist" -s "$identity")
[ "$identity" = "-" ] && sign=(codesign --force -s -)
find "$app/Contents" -type f \( -name '*.so' -o -name '*.dylib' \) -print0 | xargs -0 -n 50 "${sign[@]}"
find "$app/Contents/Frameworks" -type d -name '*.framework' -prune -print0 | xargs -0 -n 20 "${sign[@]}"
"${sign[@]}" "$app"
codesign --verify --deep --strict "$app"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Archive Viewer" -srcfolder "$staging" -ov -format UDZO "$dmg" >/dev/null

if [ -n "${MACOS_NOTARY_PROFILE:-}" ] && [ "$identity" != "-" ]; then
  codesign --force --timestamp -s "$identity" "$dmg"
  xcrun notarytool submit "$dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
fi
echo "dmg: $dmg ($(du -h "$dmg" | cut -f1))"
