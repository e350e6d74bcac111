#!/bin/sh
# Fails when a user-visible string of the UI has no Português (Brasil)
# translation: extracts the strings afresh into a copy of the .ts file (so a
# string added without running update_translations counts too) and looks for
# unfinished entries.
#   check_translations.sh LUPDATE SOURCE_DIR LUPDATE_PROJECT_JSON
# The project file (written by qt_add_translations) carries the include paths
# lupdate needs to name each class's context as update_translations does.
set -eu
lupdate=$1
src=$2
project=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src/translations/overlap_pt_BR.ts" "$tmp/check.ts"
"$lupdate" -silent -project "$project" -ts "$tmp/check.ts" >/dev/null
missing=$(grep -c 'type="unfinished"' "$tmp/check.ts" || true)
if [ "$missing" -ne 0 ]; then
    echo "$missing string(s) without a pt_BR translation:"
    grep -B3 'type="unfinished"' "$tmp/check.ts" | grep '<source>' || true
    exit 1
fi
echo "every UI string has a pt_BR translation"
