// Package kerrlint is the shop's nogo analyzer: kerrlint checking raise sites
// against Kuzzle's embedded registry merged with the shop's codes.
package kerrlint

import (
	"example.com/shop/codes"
	"github.com/kerrlint/kerrlint/analyzer"
	"golang.org/x/tools/go/analysis"
)

// Analyzer is what nogo runs. A broken registry does not panic at start-up:
// the analyzer then fails on every package that imports kerror, with the
// registry's problems (file:line:col) as nogo's error.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a, err := analyzer.New(analyzer.Settings{RegistryFS: codes.FS})
	if err == nil {
		return a
	}
	return &analysis.Analyzer{
		Name: "kerrlint",
		Doc:  "kerrlint, unable to load its registry: " + err.Error(),
		Run: func(pass *analysis.Pass) (any, error) {
			for _, imp := range pass.Pkg.Imports() {
				if imp.Path() == analyzer.KerrorPath {
					return nil, err
				}
			}
			return nil, nil
		},
	}
}
