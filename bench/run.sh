#!/usr/bin/env bash
# bench/run.sh measures kerrlint against the floor (a no-op analyzer without
# facts, run by the same kind of driver) and against go vet's default suite,
# interleaved in one run, writes BENCHMARKS.md and prints the ratios.
#
#   bench/run.sh                           # every target below
#   SIZES="10 100" MIXED= REAL= bench/run.sh # quicker
#
# Targets: generated corpora where every package raises (SIZES), generated
# mixed corpora where one package in K raises (MIXED, "pkgs:K"), bottom-heavy
# corpora (BOTTOM, "pkgs:K": one package in K raises, every package imports
# its two neighbours below), installed-registry corpora (INSTALLED,
# "ids:depth": a package installing that many ids under a chain of that many
# packages), and real modules from the module proxy (REAL, module@version). Needs: go,
# /usr/bin/time (Debian's time package). Cold runs use an empty GOCACHE each,
# so they include compiling the export data of whatever each tool compiles.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" # go build and go run below need the module
SIZES=${SIZES-"1000"}
MIXED=${MIXED-"600:20"}
BOTTOM=${BOTTOM-"600:20"}
INSTALLED=${INSTALLED-"10000:50 10000:200 10000:400"}
REAL=${REAL-golang.org/x/tools@v0.52.0}
SITES=${SITES-20}
REPS=${REPS-3}
COLD=${COLD-1}   # 0: skip the cold-cache runs
VETCOLD=${VETCOLD-1} # 0: no cold go vet runs (the slowest part)
GOVET=${GOVET-1} # 0: leave out go vet's default suite
OUT=${OUT-$root/BENCHMARKS.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "bench/run.sh needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

go build -o "$work/kerrlint" "$root/cmd/kerrlint"
go build -o "$work/floor" "$root/bench/floor"
results="$work/results.tsv"
: > "$results"
vettools="floor kerrlint"
[ "$GOVET" = 1 ] && vettools="$vettools govet"

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

# table prints the results so far as a markdown table: medians per (target,
# mode, tool), and the ratios of wall time, CPU time and peak RSS to the
# floor's in the same mode.
table() {
  echo "| target | mode | tool | wall (s) | CPU (s) | peak RSS (MB) | wall ratio | CPU ratio | RSS ratio |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '
    { k=$1 FS $2 FS $3; n[k]++; w[k,n[k]]=$4; c[k,n[k]]=$5; if ($6>r[k]) r[k]=$6; if (!(k in seen)) { seen[k]=1; order[++m]=k } }
    function median(arr, k, cnt,   i, j, t, v) { for (i=1;i<=cnt;i++) v[i]=arr[k,i]; for (i=1;i<=cnt;i++) for (j=i+1;j<=cnt;j++) if (v[j]+0<v[i]+0) { t=v[i]; v[i]=v[j]; v[j]=t } return v[int((cnt+1)/2)] }
    function ratio(a, b) { return (b > 0) ? sprintf("%.2f", a/b) : "—" }
    END {
      for (i=1;i<=m;i++) { k=order[i]; mw[k]=median(w,k,n[k]); mc[k]=median(c,k,n[k]) }
      for (i=1;i<=m;i++) { k=order[i]; split(k, f, FS); fk=f[1] FS f[2] FS "floor"
        has = (fk in mw)
        printf "| %s | %s | %s | %.2f | %.2f | %d | %s | %s | %s |\n", f[1], f[2], f[3], mw[k], mc[k], r[k]/1024,
          has ? ratio(mw[k], mw[fk]) : "—", has ? ratio(mc[k], mc[fk]) : "—", has ? ratio(r[k], r[fk]) : "—" }
    }' "$results"
}

# report writes the results so far into BENCHMARKS.md's run section. The
# rest of the file (the sweep section, notes) is kept.
report() {
{
  echo "Produced by \`bench/run.sh\` on $(date -u +%Y-%m-%d) — $(go version | cut -d' ' -f3), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Corpora: \`go run ./bench/gen -pkgs N -sites $SITES\` (every package raises, in every form, wrappers across packages, one \`Define\` each, no diagnostics); mixed: \`-raise-every K\` (one package in K raises, the others are plain code calling their nearest plain ancestor); bottom-heavy: \`-shape bottom-heavy -raise-every K\` (package i imports i-1 and i-2, one in K raises constant ids and exports only a plain function); installed: \`-shape installed -ids N -pkgs D\` (a package installing N ids with \`kerror.InstallFS\` from embedded JSON, under a chain of D packages each raising one of them)."
  echo "floor: a no-op analyzer without facts run by the same driver (singlechecker standalone, unitchecker under go vet);"
  echo "govet: \`go vet ./...\` with its default analyzers. Wall and CPU are medians of $REPS interleaved runs (1 for cold), RSS the maximum; each ratio is kerrlint's value over the floor's, same target and mode."
  echo
  table
} | "$root/bench/section.sh" run "$OUT"
echo "wrote $OUT" >&2
}

# clean DIR fails unless kerrlint reports nothing on the generated module
# in DIR: a corpus measures the analysis alone.
clean() {
  (cd "$1" && "$work/kerrlint" ./... >"$work/clean.txt" 2>&1) || { echo "kerrlint reports on $1:" >&2; cat "$work/clean.txt" >&2; exit 1; }
}

# fresh TOOL copies the tool to $work/TOOL.rerun with bytes appended that
# no earlier copy had: a vet tool ID go vet has cached nothing for.
fresh() {
  cp "$work/$1" "$work/$1.rerun" && echo "$$ $(date +%s%N)" >> "$work/$1.rerun"
}

# bench TARGET DIR TOUCHFILE: every mode, tools interleaved.
bench() {
  local target=$1 dir=$2 touch=$3
  # Warm up the build cache (export data of every dependency, test variants
  # included) and the file cache: one run of each, not measured.
  (cd "$dir" && go build ./... && go vet ./... >/dev/null 2>&1) || true
  for tool in floor kerrlint; do (cd "$dir" && $(standalone $tool) >/dev/null 2>&1) || true; done
  for tool in $vettools; do (cd "$dir" && $(vet $tool) >/dev/null 2>&1) || true; done
  for rep in $(seq "$REPS"); do
    for tool in floor kerrlint; do run "$target" "standalone warm" "$tool" "$dir" $(standalone $tool); done
    for tool in $vettools; do run "$target" "vet warm" "$tool" "$dir" $(vet $tool); done
    # go vet re-analysing every package, compiled export data cached: a
    # copy of the tool with bytes appended has another content hash, so
    # another vet tool ID (-V=full), which every vet action is keyed on.
    # The bytes are new to every run (a copy equal to one of an earlier
    # target or bench run would find its vet results cached): "every
    # package" includes the standard library's that the module imports,
    # which go vet analyses for their facts; "every module package" has
    # those analysed by the same copy first, unmeasured, so that only the
    # module and its non-standard dependencies are.
    for tool in floor kerrlint; do
      fresh "$tool"
      run "$target" "vet every package" "$tool" "$dir" go vet -vettool="$work/$tool.rerun" ./...
      fresh "$tool"
      (cd "$dir" && go vet -vettool="$work/$tool.rerun" $(go list -deps -f '{{if .Standard}}{{.ImportPath}}{{end}}' ./...) >/dev/null 2>&1) || true
      run "$target" "vet every module package" "$tool" "$dir" go vet -vettool="$work/$tool.rerun" ./...
    done
    # go vet after touching one file: that package and its importers rerun.
    # The file is restored afterwards, so that the next warm runs are warm
    # (the build cache is keyed by content).
    for tool in $vettools; do
      cp "$dir/$touch" "$work/touched.orig"
      echo "// touched $rep $tool" >> "$dir/$touch"
      run "$target" "vet touch one file" "$tool" "$dir" $(vet $tool)
      cp "$work/touched.orig" "$dir/$touch"
    done
  done
  [ "$COLD" = 1 ] || return 0
  for tool in floor kerrlint; do
    local cache; cache=$(mktemp -d)
    GOCACHE=$cache run "$target" "standalone cold" "$tool" "$dir" $(standalone $tool)
    rm -rf "$cache"
  done
  [ "$VETCOLD" = 1 ] || return 0
  for tool in $vettools; do
    local cache; cache=$(mktemp -d)
    GOCACHE=$cache run "$target" "vet cold" "$tool" "$dir" $(vet $tool)
    rm -rf "$cache"
  done
}

# generated TARGET NAME PKGS GEN-FLAGS...: writes a corpus with bench/gen,
# checks it is clean, and measures it (touching its last package).
generated() {
  local target=$1 dir="$work/$2" pkgs=$3; shift 3
  go run "$root/bench/gen" "$@" -out "$dir" -kerrlint "$root"
  clean "$dir"
  bench "$target" "$dir" "p$(printf %05d $((pkgs - 1)))/p.go"
  report
}

for n in $SIZES; do
  generated "corpus $n pkgs" "corpus$n" "$n" -pkgs "$n" -sites "$SITES"
done
for m in $MIXED; do
  n=${m%:*} k=${m#*:}
  generated "mixed $n pkgs, 1 in $k raises" "mixed$n" "$n" -pkgs "$n" -sites "$SITES" -raise-every "$k"
done
for m in $BOTTOM; do
  n=${m%:*} k=${m#*:}
  generated "bottom-heavy $n pkgs, 1 in $k raises" "bottom$n" "$n" -shape bottom-heavy -pkgs "$n" -sites "$SITES" -raise-every "$k"
done
for m in $INSTALLED; do
  ids=${m%:*} depth=${m#*:}
  generated "installed $ids ids, $depth pkgs" "installed$ids-$depth" "$depth" -shape installed -ids "$ids" -pkgs "$depth"
done

for real in $REAL; do
  src=$(go mod download -json "$real" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  dir="$work/real-${real//[^A-Za-z0-9.]/_}"
  cp -r "$src" "$dir" && chmod -R u+w "$dir"
  (cd "$dir" && go mod download)
  # A package nothing else of the module builds on top of would rebuild alone;
  # take the first leaf of the import graph that has Go files.
  touch=$(cd "$dir" && go list -f '{{if and (not .Imports) .GoFiles}}{{.Dir}}/{{index .GoFiles 0}}{{end}}' ./... | sed -n 1p)
  [ -n "$touch" ] || touch=$(cd "$dir" && go list -f '{{.Dir}}/{{index .GoFiles 0}}' ./... | sed -n 1p)
  bench "$real" "$dir" "${touch#$dir/}"
  report
done

table
