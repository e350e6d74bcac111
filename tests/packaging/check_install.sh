#!/bin/sh
# Installs the build into a temporary prefix and checks the layout a desktop
# expects, then runs the installed binary: it must find its worker in
# libexec (the processes model) and read an installed example.
#   check_install.sh CMAKE BUILD_DIR APP_ID
set -eu
cmake=$1
build=$2
id=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/usr
"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log"

status=0
fail() {
    echo "$*" >&2
    status=1
}
for f in bin/overlap libexec/overlap/overlap-worker \
    "share/applications/$id.desktop" "share/metainfo/$id.metainfo.xml" "share/mime/packages/$id.xml" \
    "share/icons/hicolor/scalable/apps/$id.svg" share/overlap/examples/tarefas.overlap.json \
    share/doc/overlap/README.md; do
    [ -f "$prefix/$f" ] || fail "not installed: $f"
done
[ ! -e "$prefix/bin/overlap-worker" ] || fail "overlap-worker belongs in libexec, not on PATH"
for size in 16 32 48 64 128 256; do
    png=$prefix/share/icons/hicolor/${size}x$size/apps/$id.png
    # A PNG's width and height are the big-endian words at bytes 16 and 20.
    dims=$(od -An --endian=big -tu4 -j16 -N8 "$png" 2>/dev/null | tr -s ' ' | sed 's/^ //')
    [ "$dims" = "$size $size" ] || fail "$png is not ${size}x$size but $dims"
done

# The installed binary, with nothing pointing it at the build tree.
unset OVERLAP_WORKER
cd "$tmp"
"$prefix/bin/overlap" --version | grep -qx "overlap [0-9.]*" || fail "overlap --version"
"$prefix/bin/overlap" validate "$prefix/share/overlap/examples/tarefas.overlap.json" >/dev/null ||
    fail "overlap validate on an installed example"
cat >"$tmp/tiny.overlap.json" <<'JSON'
{ "format": "overlap-scenario", "version": 1, "name": "two children",
  "tasks": [ { "name": "t", "count": 2, "steps": [ { "io": 1 }, { "cpu": 1 } ] } ] }
JSON
"$prefix/bin/overlap" run "$tmp/tiny.overlap.json" --model processes --workers 2 --json >"$tmp/run.json" ||
    fail "overlap run --model processes from the installed prefix: $(cat "$tmp/run.json")"
grep -q '"model": *"processes"' "$tmp/run.json" || fail "no processes run in: $(cat "$tmp/run.json")"
exit $status
