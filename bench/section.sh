#!/usr/bin/env bash
# bench/section.sh NAME FILE: replace, in FILE, the lines between
# <!-- NAME --> and <!-- /NAME --> with standard input (markers included),
# or append them; the rest of FILE is kept.
set -euo pipefail
name=$1 file=$2
block=$(mktemp)
trap 'rm -f "$block"' EXIT
{ echo "<!-- $name -->"; cat; echo "<!-- /$name -->"; } > "$block"
touch "$file"
awk -v block="$block" -v first="<!-- $name -->" -v last="<!-- /$name -->" '
  $0 == first { skip = 1; while ((getline line < block) > 0) print line; done = 1; next }
  $0 == last  { skip = 0; next }
  !skip { print }
  END { if (!done) { if (NR > 0) print ""; while ((getline line < block) > 0) print line } }' "$file" > "$file.tmp"
mv "$file.tmp" "$file"
