package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"

	"github.com/kerrlint/kerrlint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// driverFlags are the standalone driver's own flags; the analyzer's are
// registered beside them.
type driverFlags struct {
	json, fix, diff, tests bool
	listAll                bool
	context                int
	cpuprofile             string
}

// standalone analyses the packages named by args and returns the exit
// status, as singlechecker does, but type-checks and analyses only the
// packages that matter (see load): the relevant ones named, and the relevant
// dependencies, whose facts are needed. Their other imports are read from
// export data; the rest is never compiled.
func standalone(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kerrlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var df driverFlags
	fs.BoolVar(&df.json, "json", false, "emit JSON output")
	fs.BoolVar(&df.fix, "fix", false, "apply the first suggested fix of each diagnostic")
	fs.BoolVar(&df.diff, "diff", false, "with -fix, print the changes as a unified diff instead of applying them")
	fs.BoolVar(&df.tests, "test", true, "also analyse test files")
	fs.BoolVar(&df.listAll, "list-all", false, "have go list list every package the patterns match, not only those that may be relevant (slower; same results)")
	fs.IntVar(&df.context, "c", -1, "display offending line with this many lines of context")
	fs.StringVar(&df.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\n\nUsage: kerrlint [flags] packages\n       kerrlint registry ...\n       kerrlint help\n\nFlags:\n", strings.SplitN(analyzer.Analyzer.Doc, "\n", 2)[0])
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if fs.Arg(0) == "help" {
		fmt.Fprintln(stdout, analyzer.Analyzer.Doc)
		return 0
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
	return analyze(fs.Args(), df, stdout, stderr)
}

func analyze(patterns []string, df driverFlags, stdout, stderr io.Writer) int {
	l, err := load(patterns, df.tests, df.listAll, analyzer.NewRelevance(funcsFlag()))
	if err != nil {
		fmt.Fprintln(stderr, "kerrlint:", err)
		return 1
	}
	exit := 0
	if printErrors(stderr, l.roots) > 0 {
		exit = 1
	}
	for _, pattern := range l.unmatched {
		fmt.Fprintf(stderr, "go: warning: %q matched no packages\n", pattern)
	}
	if len(l.roots) == 0 && len(l.unmatched) > 0 {
		fmt.Fprintln(stderr, "kerrlint: no packages to analyze")
		return 1
	}
	roots := l.relevantRoots()
	prune(roots, l.relevant)
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, roots, nil)
	if err != nil {
		fmt.Fprintln(stderr, "kerrlint:", err)
		return 1
	}
	if df.fix {
		if err := applyFixes(graph, df.diff, stdout); err != nil {
			fmt.Fprintln(stderr, "kerrlint:", err)
			return 1
		}
		return exit
	}
	if df.json {
		if err := graph.PrintJSON(stdout); err != nil {
			return 1
		}
		return exit
	}
	if err := graph.PrintText(stderr, df.context); err != nil {
		return 1
	}
	diags := 0
	for act := range graph.All() {
		if act.Err != nil {
			exit = 1
		} else if act.IsRoot {
			diags += len(act.Diagnostics)
		}
	}
	if exit == 0 && diags > 0 {
		exit = 3
	}
	return exit
}

// funcsFlag returns the -funcs entries given to the analyzer.
func funcsFlag() []string {
	f := analyzer.Analyzer.Flags.Lookup("funcs")
	if f == nil || f.Value.String() == "" {
		return nil
	}
	return strings.Split(f.Value.String(), ",")
}

// prune keeps, in the imports of roots and of the packages they reach, only
// the relevant packages: the checker analyses a package's imports for their
// facts, and the others have none (nor syntax: they were not type-checked).
func prune(roots []*packages.Package, relevant map[*packages.Package]bool) {
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		kept := map[string]*packages.Package{}
		for path, imp := range p.Imports {
			if relevant[imp] {
				kept[path] = imp
				visit(imp)
			}
		}
		p.Imports = kept
	}
	for _, p := range roots {
		visit(p)
	}
}

// edit replaces old[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// applyFixes applies the first suggested fix of each diagnostic of the
// named packages; identical edits (a file in a package and its test variant)
// apply once, and a fix overlapping another is skipped. With diff, the
// changes are printed as a unified diff instead.
func applyFixes(graph *checker.Graph, diff bool, stdout io.Writer) error {
	byFile := map[string][]edit{}
	for _, act := range graph.Roots {
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			var edits []edit
			var file string
			for _, e := range d.SuggestedFixes[0].TextEdits {
				tf := fset.File(e.Pos)
				end := e.End
				if !end.IsValid() {
					end = e.Pos
				}
				file = tf.Name()
				edits = append(edits, edit{tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)})
			}
			if !overlaps(byFile[file], edits) {
				for _, e := range edits {
					if !slices.Contains(byFile[file], e) {
						byFile[file] = append(byFile[file], e)
					}
				}
			}
		}
	}
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		edits := byFile[file]
		sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
		old, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		fixed := slices.Clone(old)
		for _, e := range edits {
			if e.end > len(fixed) {
				return fmt.Errorf("%s: fix beyond the end of the file (was it edited?)", file)
			}
			fixed = slices.Concat(fixed[:e.start], []byte(e.text), fixed[e.end:])
		}
		if diff {
			fmt.Fprint(stdout, unifiedDiff(file, old, edits))
			continue
		}
		if err := os.WriteFile(file, fixed, 0o644); err != nil {
			return err
		}
	}
	return nil
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
