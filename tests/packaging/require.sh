#!/bin/sh
# Runs a validator, failing (never skipping) when it is not installed.
#   require.sh DEBIAN_PACKAGE COMMAND [ARGS...]
set -eu
package=$1
shift
if ! command -v "$1" >/dev/null 2>&1; then
    echo "$1 not found: install the Debian package $package (scripts/bootstrap.sh does)" >&2
    exit 1
fi
exec "$@"
