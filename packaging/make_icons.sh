#!/usr/bin/env bash
# Regenerate the app icons from resources/icons/archive-viewer.svg (the generated files are committed).
# Needs: rsvg-convert (librsvg2-bin), icotool (icoutils), png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
svg=archive-viewer.svg
for size in 16 22 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "archive-viewer-$size.png"
done
# Windows: small sizes as BMP entries, 256 as a PNG entry (-r), as Windows Vista+ expects.
icotool -c -o archive-viewer.ico archive-viewer-16.png archive-viewer-24.png archive-viewer-32.png \
  archive-viewer-48.png archive-viewer-64.png archive-viewer-128.png -r archive-viewer-256.png
# macOS: png2icns picks the icns slot from each PNG's size.
png2icns archive-viewer.icns archive-viewer-16.png archive-viewer-32.png archive-viewer-48.png \
  archive-viewer-128.png archive-viewer-256.png archive-viewer-512.png >/dev/null
ls -l archive-viewer*
