// Command floor is the benchmark floor: an analyzer that does nothing and
// declares no facts, run by the standard driver (standalone, or go vet's
// -vettool). It costs what loading and type-checking the packages costs.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

var analyzer = &analysis.Analyzer{
	Name: "floor",
	Doc:  "floor: does nothing, to measure what loading packages costs",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
