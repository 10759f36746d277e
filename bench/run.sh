#!/usr/bin/env bash
# bench/run.sh measures kerrlint against the floor (a no-op analyzer without
# facts, run by the same kind of driver) and against go vet's default suite,
# interleaved in one run, and writes BENCHMARKS.md.
#
#   bench/run.sh                      # corpora of 10, 100, 1000 packages + golangci-lint v2.15.0
#   SIZES="10 100" REAL= bench/run.sh # quicker
#
# Needs: go, /usr/bin/time (Debian's time package). Cold runs use an empty
# GOCACHE each, so they include compiling every dependency's export data.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES-"10 100 1000"}
SITES=${SITES-20}
REPS=${REPS-3}
COLD=${COLD-1}  # 0: skip the cold-cache runs
REAL=${REAL-github.com/golangci/golangci-lint/v2@v2.15.0}
OUT=${OUT-$root/BENCHMARKS.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "bench/run.sh needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

go build -o "$work/kerrlint" "$root/cmd/kerrlint"
go build -o "$work/floor" "$root/bench/floor"
results="$work/results.tsv"
: > "$results"

# run TARGET MODE TOOL DIR CMD...: one measurement, appended to results.
run() {
  local target=$1 mode=$2 tool=$3 dir=$4; shift 4
  local t="$work/time.txt"
  (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >/dev/null 2>"$work/stderr.txt") || true
  if grep -q -E 'panic:|goroutine 1 \[' "$work/stderr.txt"; then
    echo "PANIC in $tool $mode on $target" >&2; cat "$work/stderr.txt" >&2; exit 1
  fi
  read -r wall user sys rss < <(tail -1 "$t")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$mode" "$tool" "$wall" "$(echo "$user + $sys" | bc)" "$rss" >> "$results"
  printf '%-28s %-18s %-9s wall %6ss cpu %6ss rss %7sKB\n' "$target" "$mode" "$tool" "$wall" "$(echo "$user + $sys" | bc)" "$rss" >&2
}

standalone() { # TOOL: the command line of a standalone run
  case $1 in kerrlint) echo "$work/kerrlint ./...";; floor) echo "$work/floor ./...";; esac
}
vet() {
  case $1 in kerrlint) echo "go vet -vettool=$work/kerrlint ./...";; floor) echo "go vet -vettool=$work/floor ./...";; govet) echo "go vet ./...";; esac
}

# report writes the results so far into BENCHMARKS.md's run section: medians
# per (target, mode, tool), ratio of wall time to the floor. The rest of the
# file (the sweep section, notes) is kept.
report() {
{
  echo "Produced by \`bench/run.sh\` on $(date -u +%Y-%m-%d) — $(go version | cut -d' ' -f3), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB."
  echo "Corpora: \`go run ./bench/gen -pkgs N -sites $SITES\` (every raise form, wrappers across packages, one \`Define\` per package, no diagnostics)."
  echo "floor: a no-op analyzer without facts run by the same driver (singlechecker standalone, unitchecker under go vet);"
  echo "govet: \`go vet ./...\` with its default analyzers. Wall and CPU are medians of $REPS runs (1 for cold), RSS the maximum; ratio = wall / floor's wall in the same mode."
  echo
  echo "| target | mode | tool | wall (s) | CPU (s) | peak RSS (MB) | ratio to floor |"
  echo "|---|---|---|---:|---:|---:|---:|"
  awk -F'\t' '
    { k=$1 FS $2 FS $3; n[k]++; w[k,n[k]]=$4; c[k,n[k]]=$5; if ($6>r[k]) r[k]=$6; if (!(k in seen)) { seen[k]=1; order[++m]=k } }
    function median(arr, k, cnt,   i, j, t, v) { for (i=1;i<=cnt;i++) v[i]=arr[k,i]; for (i=1;i<=cnt;i++) for (j=i+1;j<=cnt;j++) if (v[j]+0<v[i]+0) { t=v[i]; v[i]=v[j]; v[j]=t } return v[int((cnt+1)/2)] }
    END {
      for (i=1;i<=m;i++) { k=order[i]; mw[k]=median(w,k,n[k]); mc[k]=median(c,k,n[k]) }
      for (i=1;i<=m;i++) { k=order[i]; split(k, f, FS); fk=f[1] FS f[2] FS "floor"
        ratio = (fk in mw && mw[fk] > 0) ? sprintf("%.2f", mw[k]/mw[fk]) : "—"
        printf "| %s | %s | %s | %.2f | %.2f | %d | %s |\n", f[1], f[2], f[3], mw[k], mc[k], r[k]/1024, ratio }
    }' "$results"
} | "$root/bench/section.sh" run "$OUT"
echo "wrote $OUT" >&2
}

# bench TARGET DIR TOUCHFILE: every mode, tools interleaved.
bench() {
  local target=$1 dir=$2 touch=$3
  # Warm up the build cache (export data of every dependency, test variants
  # included) and the file cache: one run of each, not measured.
  (cd "$dir" && go build ./... && go vet ./... >/dev/null 2>&1) || true
  for tool in floor kerrlint; do (cd "$dir" && $(standalone $tool) >/dev/null 2>&1) || true; done
  for rep in $(seq "$REPS"); do
    for tool in floor kerrlint; do run "$target" "standalone warm" "$tool" "$dir" $(standalone $tool); done
  done
  for tool in floor kerrlint govet; do
    # go vet: fully cached, then after touching one file.
    (cd "$dir" && $(vet $tool) >/dev/null 2>&1) || true
    for rep in $(seq "$REPS"); do
      run "$target" "vet warm" "$tool" "$dir" $(vet $tool)
      echo "// touched $rep $tool" >> "$dir/$touch"
      run "$target" "vet touch one file" "$tool" "$dir" $(vet $tool)
    done
  done
  [ "$COLD" = 1 ] || return 0
  for tool in floor kerrlint govet; do
    local cache; cache=$(mktemp -d)
    if [ "$tool" != govet ]; then
      GOCACHE=$cache run "$target" "standalone cold" "$tool" "$dir" $(standalone $tool)
      rm -rf "$cache"; cache=$(mktemp -d)
    fi
    GOCACHE=$cache run "$target" "vet cold" "$tool" "$dir" $(vet $tool)
    rm -rf "$cache"
  done
}

for n in $SIZES; do
  dir="$work/corpus$n"
  go run "$root/bench/gen" -pkgs "$n" -sites "$SITES" -out "$dir" -kerrlint "$root"
  bench "corpus $n pkgs" "$dir" "p$(printf %05d $((n - 1)))/p.go"
  report
done

if [ -n "$REAL" ]; then
  mod=${REAL%@*}
  src=$(go mod download -json "$REAL" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  dir="$work/real"
  cp -r "$src" "$dir" && chmod -R u+w "$dir"
  (cd "$dir" && go mod download)
  # A package nothing else of the module builds on top of would rebuild alone;
  # take the first leaf of the import graph that has Go files.
  touch=$(cd "$dir" && go list -f '{{if and (not .Imports) .GoFiles}}{{.Dir}}/{{index .GoFiles 0}}{{end}}' ./... | sed -n 1p)
  [ -n "$touch" ] || touch=$(cd "$dir" && go list -f '{{.Dir}}/{{index .GoFiles 0}}' ./... | sed -n 1p)
  bench "$REAL" "$dir" "${touch#$dir/}"
  report
fi

