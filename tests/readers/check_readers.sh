#!/bin/sh
# ctest entry of the trace readers test (see check_readers.js): finds node and
# Chromium, and fails, never skips, when one is missing.
set -eu
hint="scripts/bootstrap.sh test (or scripts/bootstrap.sh readers) installs it"
node=$(command -v node) || { echo "trace_readers: node is not installed; $hint" >&2; exit 1; }
chromium=$(command -v chromium) || { echo "trace_readers: chromium is not installed; $hint" >&2; exit 1; }
exec "$node" "$(dirname "$0")/check_readers.js" --chromium "$chromium" "$@"
