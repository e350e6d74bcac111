#!/usr/bin/env bash
# Remakes the README's images of runs in docs/images: the window under Xvfb
# (with a small window manager, so that keys reach it) and the command line's
# --image exports. Run it on a quiet machine: the images show real runs, and
# another program on the cores shows in them as time ready but not running.
#
#   scripts/readme-images.sh [BUILD_DIR]     (default build/dev)
#
# Needs xvfb-run, openbox, xdotool, imagemagick (import), librsvg2-bin
# (rsvg-convert) and poppler-utils (pdftoppm): apt-get install them.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
overlap=$(realpath "$build/app/overlap")
out=$(realpath docs/images)
examples=$(realpath resources/examples)
for tool in xvfb-run openbox xdotool import rsvg-convert pdftoppm; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install xvfb openbox xdotool imagemagick librsvg2-bin poppler-utils)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME/.config/Overlap" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# A copy of an example with some run settings changed (python: key=value ...).
variant() {
    python3 - "$1" "$2" "${@:3}" <<'EOF'
import json, sys
src, dst, *changes = sys.argv[1:]
d = json.load(open(src))
for c in changes:
    key, value = c.split("=", 1)
    target = d
    parts = key.split(".")
    for p in parts[:-1]:
        target = target[p] if not p.isdigit() else target[int(p)]
    target[parts[-1]] = json.loads(value)
json.dump(d, open(dst, "w"), indent=2, ensure_ascii=False)
EOF
}

# shoot OUT.png SECONDS LANGUAGE LANES KEYS -- ARGS...: starts the window on
# ARGS, presses KEYS (xdotool names, may be empty), waits SECONDS for what
# they started, and grabs the window.
shoot() {
    local png=$1 secs=$2 language=$3 lanes=$4 keys=$5
    shift 6
    printf '[General]\nlanguage=%s\nlaneMode=%s\ngeometry=@ByteArray()\n' "$language" "$lanes" \
        >"$HOME/.config/Overlap/Overlap.conf"
    xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
        openbox >/dev/null 2>&1 &
        sleep 1
        "$0" "${@:4}" >/dev/null 2>&1 &
        app=$!
        sleep 2
        win=$(xdotool search --sync --pid $app --onlyvisible | tail -1)
        xdotool windowmove $win 0 0 windowsize $win 1400 900 windowactivate --sync $win
        sleep 1
        for k in $3; do xdotool key --window $win "$k"; sleep 0.5; done
        sleep "$2"
        import -window root "$1"
        kill $app' "$overlap" "$png" "$secs" "$keys" "$@"
    log "$png"
}

if [ "${ONLY:-}" = cli ]; then :; else
log "the window"
shoot "$out/io-benchmark-threads.png" 4 en_US 0 "" -- "$examples/io-benchmark.overlap.json" --run
variant "$examples/cpu-benchmark.overlap.json" "$work/cpu-threads.overlap.json" run.model='"threads"' run.workers=8 run.gil=false \
    name='"CPU bound: 8 jobs on 8 threads"'
shoot "$out/cpu-benchmark-threads.png" 12 en_US 0 "" -- "$work/cpu-threads.overlap.json" --run
shoot "$out/cpu-benchmark-threads-cores.png" 12 en_US 2 "" -- "$work/cpu-threads.overlap.json" --run
variant "$examples/cpu-benchmark.overlap.json" "$work/cpu-gil.overlap.json" run.model='"threads"' run.workers=2 \
    run.gil=true tasks.0.count=2 tasks.0.steps.0.cpu=100 name='"CPU bound: 2 jobs of 100 ms under the GIL"'
shoot "$out/cpu-benchmark-gil.png" 4 en_US 0 "" -- "$work/cpu-gil.overlap.json" --run
shoot "$out/compare-pt_BR.png" 25 pt_BR 0 "ctrl+F5" -- "$examples/io-benchmark.overlap.json"

fi
log "the command line's exports"
QT_QPA_PLATFORM=offscreen "$overlap" run "$examples/mixed.overlap.json" --model all --image "$out/export-mixed-all.png" >/dev/null
QT_QPA_PLATFORM=offscreen "$overlap" run "$examples/cache-lock.overlap.json" --image "$work/cache.svg" >/dev/null
rsvg-convert -w 3200 "$work/cache.svg" -o "$out/export-cache-lock-from-svg.png"
QT_QPA_PLATFORM=offscreen "$overlap" run "$examples/gil-convoy.overlap.json" --image "$work/convoy.pdf" >/dev/null
pdftoppm -png -scale-to-x 3200 -scale-to-y -1 -singlefile "$work/convoy.pdf" "$work/convoy"
cp "$work/convoy.png" "$out/export-gil-convoy-from-pdf.png"
QT_QPA_PLATFORM=offscreen "$overlap" inspect tests/fixtures/traces/chromium_startup.json --image "$work/chromium.png" >/dev/null
convert "$work/chromium.png" -crop 3200x1400+0+0 +repage "$out/inspect-chromium.png"
QT_QPA_PLATFORM=offscreen "$overlap" inspect tests/fixtures/traces/node_trace.json --image "$out/inspect-node.png" >/dev/null
log "done: $out"
