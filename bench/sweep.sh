#!/usr/bin/env bash
# bench/sweep.sh runs kerrlint over every package of large real modules,
# fetched through the Go module proxy. They do not use kerror, so any
# diagnostic is a false positive; any panic or error is a bug unless the
# module's own code has it; any difference from a -list-all run (every
# package listed, no narrowing) is a narrowing bug. Results go into
# BENCHMARKS.md's sweep section.
#
#   bench/sweep.sh [module@version ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT-$root/BENCHMARKS.md}
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(golang.org/x/tools@v0.52.0 github.com/golangci/golangci-lint/v2@v2.15.0 github.com/caddyserver/caddy/v2@v2.11.9)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/kerrlint" "$root/cmd/kerrlint"

section="$work/section.md"
{
  echo "## Real-corpus sweep"
  echo
  echo "Produced by \`bench/sweep.sh\` on $(date -u +%Y-%m-%d): \`kerrlint ./...\` (tests included) on every package of each module, after \`go build ./...\` (test variants compile during the run)."
  echo
  echo "| module | packages | diagnostics | errors | panics | exit | wall (s) | peak RSS (MB) | -list-all wall (s) | output as -list-all |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} > "$section"
for m in "${modules[@]}"; do
  src=$(go mod download -json "$m" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  dir="$work/$(echo "$m" | tr '/@' '__')"
  cp -r "$src" "$dir" && chmod -R u+w "$dir"
  (cd "$dir" && go mod download && go build ./... >/dev/null 2>&1 || true)
  pkgs=$(cd "$dir" && go list ./... 2>/dev/null | wc -l)
  set +e
  (cd "$dir" && /usr/bin/time -f "%e %M" -o "$work/time" "$work/kerrlint" ./... > "$work/out" 2> "$work/err")
  code=$?
  (cd "$dir" && /usr/bin/time -f "%e" -o "$work/time-all" "$work/kerrlint" -list-all ./... > "$work/out-all" 2> "$work/err-all")
  code_all=$?
  set -e
  same=yes
  if ! cmp -s "$work/out" "$work/out-all" || ! diff -q <(grep -v '^Command exited' "$work/err") <(grep -v '^Command exited' "$work/err-all") >/dev/null || [ "$code" != "$code_all" ]; then
    same="**no**"; diff "$work/err" "$work/err-all" | head -20 >&2
  fi
  diags=$(grep -c -E '^[^ ]+\.go:[0-9]+:[0-9]+: ' "$work/err" || true)
  panics=$(grep -c -E '^panic:|^goroutine [0-9]+ \[' "$work/err" || true)
  errors=$(grep -v -c -E '^[^ ]+\.go:[0-9]+:[0-9]+: |^\s|^$|^Command exited' "$work/err" || true)
  read -r wall rss < "$work/time"
  wall_all=$(tail -1 "$work/time-all")
  echo "| $m | $pkgs | $diags | $errors | $panics | $code | $wall | $((rss / 1024)) | $wall_all | $same |" >> "$section"
  echo "$m: $pkgs packages, $diags diagnostics, $errors error lines, $panics panics, exit $code, ${wall}s" >&2
  if [ "$diags" -gt 0 ] || [ "$panics" -gt 0 ]; then head -20 "$work/err" >&2; fi
done
"$root/bench/section.sh" sweep "$OUT" < "$section"
echo "wrote $OUT" >&2
