package analyzer_test

import (
	"flag"
	"go/format"
	"maps"
	"os"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the .golden files of fix tests from the analyzer's output, and the README's table of checks from checks.go (review the diff!)")

// runFixes runs a with analysistest.RunWithSuggestedFixes, after rewriting
// the golden files from the analyzer's fixes when -update is given: one txtar
// section per fix message, as analysistest reads them.
func runFixes(t *testing.T, a *analysis.Analyzer, pkg string) {
	t.Helper()
	if *update {
		writeGolden(t, analysistest.Run(nopT{}, testdata, a, pkg))
	}
	analysistest.RunWithSuggestedFixes(t, testdata, a, pkg)
}

type nopT struct{}

func (nopT) Errorf(string, ...any) {}

type edit struct {
	start, end int
	text       string
}

func writeGolden(t *testing.T, results []*analysistest.Result) {
	byFile := map[string]map[string][]edit{} // file → message → edits
	for _, res := range results {
		fset := res.Pass.Fset
		for _, d := range res.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					f := fset.File(e.Pos)
					if byFile[f.Name()] == nil {
						byFile[f.Name()] = map[string][]edit{}
					}
					ed := edit{f.Offset(e.Pos), f.Offset(e.End), string(e.NewText)}
					if !slices.Contains(byFile[f.Name()][fix.Message], ed) {
						byFile[f.Name()][fix.Message] = append(byFile[f.Name()][fix.Message], ed)
					}
				}
			}
		}
	}
	for name, byMsg := range byFile {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		ar := &txtar.Archive{}
		for _, msg := range slices.Sorted(maps.Keys(byMsg)) {
			edits := byMsg[msg]
			slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
			out := slices.Clone(src)
			for _, e := range edits {
				out = slices.Concat(out[:e.start], []byte(e.text), out[e.end:])
			}
			if f, err := format.Source(out); err == nil {
				out = f
			}
			ar.Files = append(ar.Files, txtar.File{Name: msg, Data: out})
		}
		if err := os.WriteFile(name+".golden", txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
