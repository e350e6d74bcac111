#!/bin/sh
# Builds a MIME database from the package's XML alone and checks what
# shared-mime-info made of it. update-mime-database reports mistakes on
# stderr but still exits 0, so any diagnostic fails the test.
#   check_mime.sh MIME_XML
set -eu
xml=$1
command -v update-mime-database >/dev/null 2>&1 || {
    echo "update-mime-database not found: install the Debian package shared-mime-info" >&2
    exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mime/packages"
cp "$xml" "$tmp/mime/packages/"
# With the directory on XDG_DATA_DIRS the tool does not warn that nobody reads it.
XDG_DATA_DIRS="$tmp" update-mime-database "$tmp/mime" 2>"$tmp/stderr"
if [ -s "$tmp/stderr" ]; then
    cat "$tmp/stderr" >&2
    exit 1
fi
status=0
expect() { # FILE LINE
    grep -qxF "$2" "$tmp/mime/$1" || { echo "mime/$1 lacks: $2" >&2; status=1; }
}
# Heavier than application/json's *.json (weight 50).
expect globs2 "80:application/x-overlap-scenario:*.overlap.json"
expect subclasses "application/x-overlap-scenario application/json"
expect types "application/x-overlap-scenario"
exit $status
