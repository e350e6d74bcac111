#!/usr/bin/env bash
# Renders the application icon (resources/packaging/icons/overlap.svg) to the
# PNG sizes that are installed into the hicolor theme and embedded as the
# window icon. The PNGs are committed, so a build never needs rsvg-convert:
# run this after editing the SVG and commit the result.
set -euo pipefail

cd "$(dirname "$0")/../resources/packaging/icons"

command -v rsvg-convert >/dev/null || {
    echo "rsvg-convert not found: apt-get install librsvg2-bin" >&2
    exit 1
}
for size in 16 32 48 64 128 256; do
    rsvg-convert --width "$size" --height "$size" overlap.svg --output "overlap-$size.png"
done
