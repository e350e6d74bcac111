#!/usr/bin/env bash
# Runs the test suites while other processes keep every core busy: the tests
# must hold on a loaded machine, not only on an idle one. Builds what is
# needed first (as scripts/bootstrap.sh does), then starts the spinners, runs
# each suite, and reports per preset how many tests passed and failed.
# The spinners are stopped on any exit (success, failure, Ctrl-C), and stop
# themselves if this script is killed outright.
#
#   scripts/stress-test.sh                       both presets, one spinner per core, each suite once
#   scripts/stress-test.sh --repeat 2            each suite twice
#   scripts/stress-test.sh --preset dev -R Processes --spinners 4
#
# Exits 0 only when every run of every suite passed. Not part of `.ci/run`:
# it takes tens of minutes (see the README's Development section).
set -euo pipefail

cd "$(dirname "$0")/.."

usage() {
    cat <<'EOF'
usage: scripts/stress-test.sh [options] [-- extra ctest arguments]
  --preset dev|asan|both   which suites to run (default: both)
  --spinners N             processes that spin while the tests run (default: one per usable core, nproc)
  --repeat K               run each suite K times (default: 1)
  -R REGEX                 only the tests whose name matches (ctest -R)
  -E REGEX                 leave out the tests whose name matches (ctest -E)
  --no-build               run what is built, without configuring or building
  --logs DIR               where each run's ctest output goes (default: build/stress)
EOF
}

presets=(dev asan)
spinners=$(nproc)
repeat=1
build=1
logs=build/stress
ctest_args=()
while [ $# -gt 0 ]; do
    case "$1" in
    --preset)
        case "${2:-}" in
        dev | asan) presets=("$2") ;;
        both) presets=(dev asan) ;;
        *) echo "--preset takes dev, asan or both, not '${2:-}'" >&2; exit 2 ;;
        esac
        shift 2 ;;
    --spinners | --repeat)
        [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "$1 takes a number, not '${2:-}'" >&2; exit 2; }
        if [ "$1" = --spinners ]; then spinners=$2; else repeat=$2; fi
        shift 2 ;;
    -R | -E)
        [ -n "${2:-}" ] || { echo "$1 takes a regular expression" >&2; exit 2; }
        ctest_args+=("$1" "$2")
        shift 2 ;;
    --no-build) build=0; shift ;;
    --logs)
        [ -n "${2:-}" ] || { echo "--logs takes a directory" >&2; exit 2; }
        logs=$2
        shift 2 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; ctest_args+=("$@"); break ;;
    *) echo "unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[ "$repeat" -ge 1 ] || { echo "--repeat must be at least 1" >&2; exit 2; }

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- the spinners -----------------------------------------------------------

spinner_pids=()
# Each spinner is a shell loop that only computes; every 100,000 turns it
# checks that this script still lives, so a SIGKILL of the script (which no
# trap sees) does not leave it spinning for ever.
start_spinners() {
    local parent=$$ i
    for ((i = 0; i < spinners; i++)); do
        (
            trap - EXIT INT TERM
            n=0
            while :; do
                if ((++n % 100000 == 0)); then kill -0 "$parent" 2>/dev/null || exit 0; fi
            done
        ) &
        spinner_pids+=($!)
    done
}

stop_spinners() {
    local pid
    for pid in "${spinner_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${spinner_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    spinner_pids=()
}

# A spinner that died would make the run a lighter test than it claims.
spinners_alive() {
    local pid
    for pid in "${spinner_pids[@]}"; do
        kill -0 "$pid" 2>/dev/null || return 1
    done
}

ctest_pid=
# shellcheck disable=SC2317 # called from the traps
stop_ctest() {
    [ -n "$ctest_pid" ] || return 0
    kill -TERM -- "-$ctest_pid" 2>/dev/null || true
    wait "$ctest_pid" 2>/dev/null || true
    ctest_pid=
}

trap stop_spinners EXIT
trap 'echo; log "interrupted: stopping ctest and the spinners"; stop_ctest; stop_spinners; exit 130' INT
trap 'stop_ctest; stop_spinners; exit 143' TERM

# --- build (without the spinners: they would only slow the compiler) ---------

if [ "$build" = 1 ]; then
    for p in "${presets[@]}"; do
        scripts/bootstrap.sh build "$p"
    done
fi

# --- run ----------------------------------------------------------------------

mkdir -p "$logs"
results=()
failed_any=0
started=$(date +%s)
log "$spinners spinning process(es) on $(nproc) usable core(s) while the tests run"
start_spinners
for p in "${presets[@]}"; do
    for ((run = 1; run <= repeat; run++)); do
        out="$logs/$p-$run.log"
        log "ctest --preset $p ${ctest_args[*]} (run $run of $repeat, load average $(cut -d' ' -f1-3 /proc/loadavg)) > $out"
        t0=$(date +%s)
        rc=0
        # In the background, so that a signal to this script is handled at
        # once (bash runs traps only between commands), and in a session of
        # its own, so that the trap can end ctest with every test and worker
        # process under it (ctest leaves its tests running when it is killed).
        setsid ctest --preset "$p" "${ctest_args[@]}" >"$out" 2>&1 &
        ctest_pid=$!
        wait "$ctest_pid" || rc=$?
        ctest_pid=
        seconds=$(($(date +%s) - t0))
        # "100% tests passed, 0 tests failed out of 251"
        summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$out" | tail -1 || true)
        if [ -n "$summary" ]; then
            total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
            failed=$(sed -E 's/.* ([0-9]+) tests? failed.*/\1/' <<<"$summary")
        else
            total=0 failed=1 # ctest did not get as far as running the tests
        fi
        passed=$((total - failed))
        alive=yes
        spinners_alive || alive=no
        results+=("$(printf '%-5s %3d %7d %7d %7d %7ds   %s' "$p" "$run" "$passed" "$failed" "$total" "$seconds" "$alive")")
        if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$alive" = no ]; then
            failed_any=1
            log "$p run $run: $failed of $total failed (ctest exit $rc)"
            sed -n '/^The following tests FAILED:/,$p' "$out" | grep -E '^\s+[0-9]+ - ' || tail -20 "$out"
            [ "$alive" = yes ] || echo "a spinner died during the run: it ran with less load than asked" >&2
        else
            log "$p run $run: $passed of $total passed in ${seconds} s"
        fi
    done
done
stop_spinners

echo
printf '%-5s %3s %7s %7s %7s %8s   %s\n' preset run passed failed total time "spinners held"
printf '%s\n' "${results[@]}"
echo "$spinners spinner(s), $(nproc) core(s), $(($(date +%s) - started)) s in all; logs in $logs/"
exit "$failed_any"
