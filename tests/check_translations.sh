#!/bin/sh
# Fails when a user-visible string of the UI has no Português (Brasil)
# translation: extracts the strings afresh into a copy of the .ts file (so a
# string added without running update_translations counts too) and looks for
# unfinished entries.
#   check_translations.sh LUPDATE SOURCE_DIR CMAKE GENERATE_SCRIPT PROJECT_CMAKE
# The project file (made from what qt_add_translations wrote at configure
# time) carries the include paths lupdate needs to name each class's context
# as update_translations does.
set -eu
lupdate=$1
src=$2
cmake=$3
generate=$4
projectIn=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src/translations/overlap_pt_BR.ts" "$tmp/check.ts"
"$cmake" -DIN_FILE="$projectIn" -DOUT_FILE="$tmp/project.json" -P "$generate"
"$lupdate" -silent -project "$tmp/project.json" -ts "$tmp/check.ts" >/dev/null
missing=$(grep -c 'type="unfinished"' "$tmp/check.ts" || true)
if [ "$missing" -ne 0 ]; then
    echo "$missing string(s) without a pt_BR translation:"
    grep -B3 'type="unfinished"' "$tmp/check.ts" | grep '<source>' || true
    exit 1
fi
echo "every UI string has a pt_BR translation"
