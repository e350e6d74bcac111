#!/usr/bin/env bash
# Installs what is missing (Debian 12), builds, and then either runs the
# default example or runs every test. Safe to run again: each stage skips
# what is already done.
#
#   scripts/bootstrap.sh run     build and run the default example
#   scripts/bootstrap.sh test    build and run every test (dev and asan presets),
#                                then the benchmark suite in its quick mode
#   scripts/bootstrap.sh readers install only what the trace readers test needs
#   scripts/bootstrap.sh build PRESET...
#                                install what is missing and build those presets
#                                (scripts/stress-test.sh builds through this)
set -euo pipefail

cd "$(dirname "$0")/.."

PACKAGES=(
    cmake ninja-build g++ ccache
    libboost-fiber-dev nlohmann-json3-dev
    # The trace import's fast path: nlohmann's lexer alone caps it at ~85 MB/s.
    libsimdjson-dev
    libgtest-dev libbenchmark-dev
    # Qt Charts needs Qt OpenGL's development files, which apt leaves out
    # without recommends; Qt draws boxes without a font package.
    qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev libqt6opengl6-dev fonts-dejavu-core
    xvfb xauth
    # The packaging tests' validators; dpkg-shlibdeps for the .deb's Depends.
    desktop-file-utils appstream libxml2-utils shared-mime-info dpkg-dev
    # The benchmark suite compares Overlap with Python 3's standard library.
    python3
)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The trace readers test (tests/readers) reads Overlap's traces with
# speedscope, in headless Chromium, and with the npm chrome-trace parser: node
# and npm from Debian unless a node is installed already, Chromium from Debian,
# and the npm packages at the versions tests/readers/package-lock.json pins,
# from the npm registry into build/readers (again only when the lock changed).
READERS_DIR=build/readers
install_readers() {
    local missing=()
    command -v node >/dev/null || missing+=(nodejs npm)
    command -v chromium >/dev/null || missing+=(chromium)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing for the trace readers test: ${missing[*]}"
        local sudo=()
        if [ "$(id -u)" -ne 0 ]; then
            command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
            sudo=(sudo)
        fi
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
    command -v npm >/dev/null || { echo "node is installed without npm: install npm for the trace readers test" >&2; exit 1; }
    if [ -d "$READERS_DIR/node_modules" ] && cmp -s tests/readers/package-lock.json "$READERS_DIR/package-lock.json"; then
        return 0
    fi
    log "installing the trace readers (npm: speedscope, chrome-trace) into $READERS_DIR"
    mkdir -p "$READERS_DIR"
    cp tests/readers/package.json tests/readers/package-lock.json "$READERS_DIR/"
    (cd "$READERS_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
}

build() {
    local preset=$1
    if [ ! -f "build/$preset/build.ninja" ]; then
        log "configuring ($preset)"
        cmake --preset "$preset" >/dev/null
    fi
    log "building ($preset)"
    cmake --build --preset "$preset"
}

mode=${1:-run}
case "$mode" in
run)
    install_packages
    build dev
    example=resources/examples/io-benchmark.overlap.json
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        log "opening $example and running it"
        exec ./build/dev/app/overlap "$example" --run
    fi
    log "no display (DISPLAY is not set): running $example under every model on the command line"
    ./build/dev/app/overlap run "$example" --model all --image io-benchmark.png
    log "the timeline of every run: $(pwd)/io-benchmark.png"
    ;;
test)
    install_packages
    install_readers
    build dev
    log "testing (dev)"
    ctest --preset dev
    log "benchmarks, quick mode (checks they build and run; asserts nothing about time)"
    python3 bench/run_suite.py --quick --build build/dev
    build asan
    log "testing (asan: address + undefined behaviour sanitizers)"
    ctest --preset asan
    ;;
readers)
    install_readers
    ;;
build)
    shift
    [ $# -gt 0 ] || { echo "usage: $0 build PRESET..." >&2; exit 2; }
    install_packages
    for preset in "$@"; do
        # The dev suite holds the trace readers test; sanitized builds leave it out.
        [ "$preset" = dev ] && install_readers
        build "$preset"
    done
    ;;
*)
    echo "usage: $0 run|test|readers|build PRESET..." >&2
    exit 2
    ;;
esac
