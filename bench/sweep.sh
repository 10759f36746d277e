#!/usr/bin/env bash
# bench/sweep.sh runs kerrlint over every package of large real modules,
# fetched through the Go module proxy. They do not use kerror, so any
# diagnostic is a false positive; any panic or error is a bug unless the
# module's own code has it. Results go into BENCHMARKS.md's sweep section.
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
  echo "Produced by \`bench/sweep.sh\` on $(date -u +%Y-%m-%d): \`kerrlint ./...\` (tests included) on every package of each module, after `go build ./...` (test variants compile during the run)."
  echo
  echo "| module | packages | diagnostics | errors | panics | exit | wall (s) | peak RSS (MB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
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
  set -e
  diags=$(grep -c -E '^[^ ]+\.go:[0-9]+:[0-9]+: ' "$work/err" || true)
  panics=$(grep -c -E '^panic:|^goroutine [0-9]+ \[' "$work/err" || true)
  errors=$(grep -v -c -E '^[^ ]+\.go:[0-9]+:[0-9]+: |^\s|^$|^Command exited' "$work/err" || true)
  read -r wall rss < "$work/time"
  echo "| $m | $pkgs | $diags | $errors | $panics | $code | $wall | $((rss / 1024)) |" >> "$section"
  echo "$m: $pkgs packages, $diags diagnostics, $errors error lines, $panics panics, exit $code, ${wall}s" >&2
  if [ "$diags" -gt 0 ] || [ "$panics" -gt 0 ]; then head -20 "$work/err" >&2; fi
done
"$root/bench/section.sh" sweep "$OUT" < "$section"
echo "wrote $OUT" >&2
