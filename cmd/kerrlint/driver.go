package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/internal/loader"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// driverFlags are the standalone driver's own flags; the analyzer's are
// registered beside them.
type driverFlags struct {
	format                  string // text, json or sarif
	json, fix, diff, tests  bool
	listAll, stack, version bool
	context                 int
	cpuprofile              string
	analyzer                *analysis.Analyzer // nil: kerrlint's (tests set their own)
}

// formats are the output formats of -f.
var formats = []string{"text", "json", "sarif"}

// usage is the synopsis -h and usage errors print.
const usage = `Usage: kerrlint [flags] packages        analyse packages, like go vet
       go vet -vettool=$(command -v kerrlint) [flags] packages
       go fix -fixtool=$(command -v kerrlint) [-diff] packages
       kerrlint help [CHECK]                the checks, or one check's documentation
       kerrlint version                     kerrlint's, Go's and the embedded registry's versions
       kerrlint registry ...                check, show, list, diff registries (kerrlint registry -h)

Exit status: 0 clean, 3 diagnostics reported (or left unfixed by -fix), 1 errors
(or a non-empty -fix -diff), 2 usage errors.

Flags:
`

// standalone analyses the packages the command names and returns the exit
// status, as singlechecker does, but type-checks and analyses only the
// packages that matter (see load): the relevant ones named, and the relevant
// dependencies, whose facts are needed. Their other imports are read from
// export data; the rest is never compiled.
func standalone(cmd *command, stdout, stderr io.Writer) int {
	df, args := cmd.df, cmd.args
	if df.version {
		return printUserVersion(stdout)
	}
	if len(args) == 0 {
		cmd.usage()
		return 2
	}
	switch args[0] {
	case "help":
		return help(args[1:], stdout, stderr)
	case "version":
		return printUserVersion(stdout)
	}
	if df.json {
		df.format = "json"
	}
	if !slices.Contains(formats, df.format) {
		fmt.Fprintf(stderr, "kerrlint: -f %s: unknown format (text, json or sarif)\n", df.format)
		return 2
	}
	if df.cpuprofile != "" {
		f, err := os.Create(df.cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, "kerrlint:", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "kerrlint:", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	return analyze(args, df, stdout, stderr)
}

// analyze runs the analyzer on the packages patterns name and prints the
// results as df says.
func analyze(patterns []string, df driverFlags, stdout, stderr io.Writer) int {
	a := df.analyzer
	if a == nil {
		a = analyzer.Analyzer
	}
	prog, err := loader.Load(loader.Config{Patterns: patterns, Tests: df.tests, ListAll: df.listAll, Relevance: analyzer.NewRelevance(analyzer.FlagFuncs())})
	if err != nil {
		fmt.Fprintln(stderr, "kerrlint:", err)
		return 1
	}
	graph, err := prog.Analyze(recovering(a))
	if err != nil {
		fmt.Fprintln(stderr, "kerrlint:", err)
		return 1
	}
	exit := 0
	if printErrors(stderr, prog.Roots) > 0 {
		exit = 1
	}
	for _, pattern := range prog.Unmatched {
		fmt.Fprintf(stderr, "go: warning: %q matched no packages\n", pattern)
	}
	if len(prog.Roots) == 0 && len(prog.Unmatched) > 0 {
		fmt.Fprintln(stderr, "kerrlint: no packages to analyze")
		return 1
	}
	if df.format == "json" && !df.fix {
		if err := graph.PrintJSON(stdout); err != nil {
			return 1
		}
		if printActionErrors(io.Discard, graph, false) > 0 {
			return 1
		}
		return exit
	}
	if printActionErrors(stderr, graph, df.stack) > 0 {
		exit = 1
	}
	fs := findings(graph)
	if df.fix {
		if code := applyFixes(fs, prog, df.diff, df.context, stdout, stderr); exit == 0 {
			exit = code
		}
		return exit
	}
	if df.format == "sarif" && !df.fix {
		if err := printSARIF(stdout, fs); err != nil {
			fmt.Fprintln(stderr, "kerrlint:", err)
			return 1
		}
		return exit
	}
	printText(stderr, fs, df.context)
	if exit == 0 && len(fs) > 0 {
		exit = 3
	}
	return exit
}

// edit replaces old[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// overlaps reports whether an edit of add overlaps, without being
// identical to, an edit of have (two insertions at one offset overlap).
func overlaps(have, add []edit) bool {
	for _, a := range add {
		for _, h := range have {
			if a != h && (a.start < h.end && h.start < a.end || a.start == h.start) {
				return true
			}
		}
	}
	return false
}

// unifiedDiff renders edits (sorted by decreasing offset, not overlapping)
// of old as a unified diff with three lines of context: each run of lines
// that edits touch is replaced, the lines between stay context.
func unifiedDiff(file string, old []byte, edits []edit) string {
	const context = 3
	lines := splitLines(old) // each with its newline
	starts := make([]int, len(lines)+1)
	for i, l := range lines {
		starts[i+1] = starts[i] + len(l)
	}
	lineOf := func(off int) int { return sort.Search(len(lines), func(i int) bool { return starts[i+1] > off }) }
	// A change is a run of old lines [first, last] and the edits within it.
	type change struct {
		first, last int
		edits       []edit // in file order
	}
	var changes []*change
	for k := len(edits) - 1; k >= 0; k-- { // in file order
		e := edits[k]
		first, last := lineOf(e.start), min(lineOf(max(e.end-1, e.start)), len(lines)-1)
		if n := len(changes); n > 0 && first <= changes[n-1].last {
			c := changes[n-1]
			c.last, c.edits = max(c.last, last), append(c.edits, e)
			continue
		}
		changes = append(changes, &change{first, last, []edit{e}})
	}
	replaced := func(c *change) (removed, added []string) {
		text := old[starts[c.first]:starts[c.last+1]]
		for i := len(c.edits) - 1; i >= 0; i-- { // from the end, so offsets stay valid
			e := c.edits[i]
			text = slices.Concat(text[:e.start-starts[c.first]], []byte(e.text), text[e.end-starts[c.first]:])
		}
		return lines[c.first : c.last+1], splitLines(text)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", file, file)
	shift := 0 // lines added minus lines removed by earlier hunks
	for i := 0; i < len(changes); {
		// A hunk: the changes closer to each other than twice the context.
		j := i + 1
		for j < len(changes) && changes[j].first-changes[j-1].last <= 2*context {
			j++
		}
		lo, hi := max(changes[i].first-context, 0), min(changes[j-1].last+1+context, len(lines))
		var body strings.Builder
		delta, at := 0, lo
		for _, c := range changes[i:j] {
			for _, l := range lines[at:c.first] {
				body.WriteString(" " + l)
			}
			removed, added := replaced(c)
			for _, l := range removed {
				body.WriteString("-" + l)
			}
			for _, l := range added {
				body.WriteString("+" + l)
			}
			delta += len(added) - len(removed)
			at = c.last + 1
		}
		for _, l := range lines[at:hi] {
			body.WriteString(" " + l)
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n%s", lo+1, hi-lo, lo+1+shift, hi-lo+delta, body.String())
		shift += delta
		i = j
	}
	return out.String()
}

func splitLines(data []byte) []string {
	var lines []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, string(data)+"\n\\ No newline at end of file\n")
			break
		}
		lines = append(lines, string(data[:i+1]))
		data = data[i+1:]
	}
	return lines
}

// printErrors prints the errors of the packages of the graph to w, as
// packages.PrintErrors prints them to os.Stderr, and returns their number.
func printErrors(w io.Writer, roots []*packages.Package) int {
	n := 0
	modules := map[*packages.Module]bool{}
	for p := range packages.Postorder(roots) {
		for _, err := range p.Errors {
			err.Pos = shortPos(err.Pos)
			fmt.Fprintln(w, err)
			n++
		}
		if m := p.Module; m != nil && m.Error != nil && !modules[m] {
			modules[m] = true
			fmt.Fprintln(w, m.Error.Err)
			n++
		}
	}
	return n
}
