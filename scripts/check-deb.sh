#!/usr/bin/env bash
# Builds the release .deb and checks that it installs and runs.
#
#   scripts/check-deb.sh [--fresh] [FILE.deb]
#
# Without --fresh the package is installed on this machine with apt-get
# (Depends resolved from Debian's repositories) and purged at the end, with
# anything its installation pulled in: the installed packages end as they
# began. With --fresh it goes into a minimal Debian 12 made by debootstrap in
# a temporary directory instead, the closest this machine has to a fresh one
# (~1 min more, ~300 MB downloaded from deb.debian.org).
#
# Either way: the package's contents; every library of the installed binaries
# resolved; `overlap --version`, `validate` and `run --model all` on an
# installed example (the processes model finds its worker in libexec); the
# window starting on the offscreen platform; the MIME type registered; the
# installed desktop files validated where the validators exist.
#
# Needs root (or sudo) and Debian 12; --fresh needs debootstrap.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() {
    printf 'check-deb: %s\n' "$*" >&2
    exit 1
}

fresh=0
if [ "${1:-}" = --fresh ]; then
    fresh=1
    shift
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install the package"
    sudo=(sudo)
fi

if [ $# -ge 1 ]; then
    deb=$(realpath "$1")
else
    if [ ! -f build/release/build.ninja ]; then
        log "configuring (release)"
        cmake --preset release >/dev/null
    fi
    log "building the package (release)"
    cmake --build --preset release --target package
    version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' build/release/CMakeCache.txt)
    deb=$PWD/build/release/overlap_${version}_$(dpkg --print-architecture).deb
fi
[ -f "$deb" ] || die "no package at $deb"

log "package: $deb"
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
id=io.github.overlap.Overlap
for f in ./usr/bin/overlap ./usr/libexec/overlap/overlap-worker \
    ./usr/share/applications/$id.desktop ./usr/share/metainfo/$id.metainfo.xml \
    ./usr/share/mime/packages/$id.xml ./usr/share/icons/hicolor/scalable/apps/$id.svg \
    ./usr/share/icons/hicolor/48x48/apps/$id.png ./usr/share/overlap/examples/tarefas.overlap.json; do
    grep -qxF "$f" <<<"$contents" || die "the package lacks $f"
done
echo "contents: $(wc -l <<<"$contents") entries, the expected files present"

# What runs where the package is installed (this machine or the fresh root),
# from an empty directory and with nothing pointing into the build tree.
installed_checks() {
    cat <<EOF
set -eu
id=$id
EOF
    cat <<'EOF'
log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'check-deb: %s\n' "$*" >&2; exit 1; }
unset OVERLAP_WORKER
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

log "libraries"
for bin in /usr/bin/overlap /usr/libexec/overlap/overlap-worker; do
    if ldd "$bin" | grep -q "not found"; then
        ldd "$bin" >&2
        die "$bin has unresolved libraries"
    fi
    echo "$bin: $(ldd "$bin" | wc -l) libraries, all resolved"
done

log "overlap --version"
command -v overlap
overlap --version
example=/usr/share/overlap/examples/tarefas.overlap.json
log "overlap validate $example"
overlap validate "$example"
log "overlap run $example --model all"
overlap run "$example" --model all

log "the window (offscreen platform, 3 s)"
status=0
XDG_RUNTIME_DIR=$work QT_QPA_PLATFORM=offscreen timeout 3 overlap "$example" 2>"$work/gui.log" || status=$?
# 124: still running when timeout stopped it, as a window should be.
[ "$status" -eq 124 ] || { cat "$work/gui.log" >&2; die "the window exited with status $status"; }
echo "started and kept running"

log "desktop integration"
grep -F "application/x-overlap-scenario:*.overlap.json" /usr/share/mime/globs2 ||
    die "the MIME database does not know *.overlap.json (shared-mime-info's trigger did not run?)"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/$id.desktop
    echo "desktop-file-validate: ok"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net /usr/share/metainfo/$id.metainfo.xml
fi
if command -v xdg-mime >/dev/null; then
    cp "$example" "$work/scenario.overlap.json"
    type=$(xdg-mime query filetype "$work/scenario.overlap.json")
    echo "xdg-mime query filetype scenario.overlap.json: $type"
    [ "$type" = application/x-overlap-scenario ] || die "xdg-mime says $type"
    app=$(xdg-mime query default application/x-overlap-scenario)
    echo "xdg-mime query default application/x-overlap-scenario: $app"
    [ "$app" = "$id.desktop" ] || die "scenario files do not open with Overlap"
fi
EOF
}

if [ $fresh -eq 1 ]; then
    command -v debootstrap >/dev/null || die "debootstrap not found: apt-get install debootstrap"
    root=$(mktemp -d /var/tmp/overlap-fresh.XXXXXX)
    chmod 755 "$root" # apt downloads as the _apt user, which must reach it
    # shellcheck disable=SC2317 # run by the EXIT trap
    teardown() {
        log "removing the fresh root"
        "${sudo[@]}" umount "$root/proc" 2>/dev/null || true
        # Nothing else is mounted in it; --one-file-system guards against that anyway.
        "${sudo[@]}" rm -rf --one-file-system "$root"
    }
    trap teardown EXIT
    log "debootstrap: a minimal Debian 12 in $root"
    "${sudo[@]}" debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$root.log" 2>&1 ||
        { tail -20 "$root.log" >&2; die "debootstrap failed"; }
    rm -f "$root.log"
    "${sudo[@]}" mount -t proc proc "$root/proc"
    "${sudo[@]}" cp "$deb" "$root/tmp/"
    in_root=("${sudo[@]}" chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
        DEBIAN_FRONTEND=noninteractive)
    log "apt-get install $(basename "$deb") in the fresh root"
    "${in_root[@]}" apt-get update -qq
    "${in_root[@]}" apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" >"$root/install.log" 2>&1 ||
        { cat "$root/install.log" >&2; die "the package does not install"; }
    echo "installed with $(grep -c '^Setting up' "$root/install.log") packages (overlap and its dependencies)"
    installed_checks | "${in_root[@]}" bash -s
    log "ok (fresh root)"
    exit 0
fi

if dpkg-query -W -f='${Status}' overlap 2>/dev/null | grep -q "install ok installed"; then
    die "a package named overlap is already installed; remove it first"
fi
installed() { dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" {print $2}' | sort; }
before=$(installed)
cleanup() {
    log "purging overlap and what its installation pulled in"
    local added
    added=$(comm -13 <(echo "$before") <(installed) | tr '\n' ' ')
    echo "purging: $added"
    # shellcheck disable=SC2086 # one word per package
    [ -z "$added" ] || DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get purge -y -qq $added >/dev/null
    if [ "$(installed)" = "$before" ] && [ ! -e /usr/bin/overlap ]; then
        echo "the installed packages are as before"
    else
        echo "check-deb: the installed packages differ from before:" >&2
        diff <(echo "$before") <(installed) >&2 || true
        exit 1
    fi
}
trap cleanup EXIT

log "apt-get install $deb"
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$deb"
installed_checks | bash -s
log "ok"
