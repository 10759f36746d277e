package main

import (
	"cmp"
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/kerrlint/kerrlint/internal/safefile"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// A finding is one diagnostic of a named package, once: a file that belongs
// to a package and to its test variant is analysed twice.
type finding struct {
	act      *checker.Action
	d        analysis.Diagnostic
	pos, end token.Position
}

// findings returns the diagnostics of the named packages, without
// duplicates, sorted by file, position, check and message.
func findings(graph *checker.Graph) []finding {
	type key struct {
		pos, end          token.Position
		category, message string
	}
	seen := map[key]bool{}
	var out []finding
	for _, act := range graph.Roots {
		if act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := finding{act: act, d: d, pos: fset.Position(d.Pos), end: fset.Position(d.End)}
			k := key{f.pos, f.end, d.Category, d.Message}
			if !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.pos.Filename, b.pos.Filename), cmp.Compare(a.pos.Line, b.pos.Line),
			cmp.Compare(a.pos.Column, b.pos.Column), cmp.Compare(a.d.Category, b.d.Category), cmp.Compare(a.d.Message, b.d.Message))
	})
	return out
}

// shortPath returns path relative to the current directory when that is
// shorter and does not climb out of it, as the go command prints paths
// (cmd/go's base.ShortPath); otherwise path as it is.
func shortPath(path string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(path) {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || len(rel) >= len(path) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}

// shortPos is a "file:line:col" position (go list's, the type checker's)
// with the file's short path.
func shortPos(pos string) string {
	if i := strings.Index(pos, ".go:"); i > 0 && filepath.IsAbs(pos) {
		return shortPath(pos[:i+3]) + pos[i+3:]
	}
	return pos
}

// positionString is pos as file:line:col with the file's short path.
func positionString(pos token.Position) string {
	if !pos.IsValid() {
		return "-"
	}
	s := fmt.Sprintf("%s:%d", shortPath(pos.Filename), pos.Line)
	if pos.Column > 0 {
		s += fmt.Sprintf(":%d", pos.Column)
	}
	return s
}

// printText prints each finding as file:line:col: message (check), its
// related positions indented below it, and with context >= 0 the lines
// around it.
func printText(w io.Writer, fs []finding, context int) {
	for _, f := range fs {
		fmt.Fprintf(w, "%s: %s (%s)\n", positionString(f.pos), f.d.Message, f.d.Category)
		printContext(w, f.pos, f.end, context)
		fset := f.act.Package.Fset
		for _, r := range f.d.Related {
			pos := fset.Position(r.Pos)
			fmt.Fprintf(w, "%s: \t%s\n", positionString(pos), r.Message) // as go vet: the position first
		}
	}
}

// printContext prints the lines from pos to end with context lines around.
func printContext(w io.Writer, pos, end token.Position, context int) {
	if context < 0 || !pos.IsValid() {
		return
	}
	if !end.IsValid() {
		end = pos
	}
	data, err := safefile.ReadFile(pos.Filename, true)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for i := pos.Line - context; i <= end.Line+context; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// A panicError is an analyzer's panic on one package, recovered.
type panicError struct {
	pkg   string
	value any
	stack []byte
}

func (e *panicError) Error() string {
	return fmt.Sprintf("internal error analysing package %s: panic: %v", e.pkg, e.value)
}

// recovering returns a copy of a whose Run recovers a panic as a
// *panicError, so that one package's crash fails that package (and the
// packages that need its facts) rather than the whole run.
func recovering(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	w.Run = func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if v := recover(); v != nil {
				result, err = nil, &panicError{pkg: pass.Pkg.Path(), value: v, stack: debug.Stack()}
			}
		}()
		return a.Run(pass)
	}
	return &w
}

// printActionErrors prints the errors of the graph's actions, one per
// package: an internal error with its stack when stack is set, a package
// that could not be analysed because a dependency failed, any other error.
// It returns their number.
func printActionErrors(w io.Writer, graph *checker.Graph, stack bool) int {
	n := 0
	for act := range graph.All() {
		if act.Err == nil {
			continue
		}
		n++
		var pe *panicError
		switch {
		case errors.As(act.Err, &pe):
			fmt.Fprintf(w, "kerrlint: %v\n", pe)
			if stack {
				w.Write(pe.stack)
			} else {
				fmt.Fprintln(w, "kerrlint: (run with -stack for the stack; please report it)")
			}
		case strings.HasPrefix(act.Err.Error(), "failed prerequisites"):
			fmt.Fprintf(w, "kerrlint: package %s not analysed: the analysis of a package it imports failed (above)\n", act.Package.PkgPath)
		default:
			fmt.Fprintf(w, "kerrlint: %s: %v\n", act.Package.PkgPath, act.Err)
		}
	}
	return n
}
