package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestChecksDocumented keeps the table of checks and doc.go (Analyzer.Doc,
// printed by kerrlint help) in step: one section per check.
func TestChecksDocumented(t *testing.T) {
	headings := map[string]bool{}
	for _, line := range strings.Split(doc, "\n") {
		if h, ok := strings.CutPrefix(line, "// # "); ok {
			for _, cat := range strings.Split(h, ", ") {
				headings[cat] = true
			}
		}
	}
	for _, c := range checks {
		if !headings[c.name] {
			t.Errorf("doc.go has no section for check %s", c.name)
		}
		delete(headings, c.name)
	}
	delete(headings, "Analyzer kerrlint")
	for h := range headings {
		t.Errorf("doc.go documents %q, which is not in the table of checks", h)
	}
}

// TestChecksTable: every category has a row, with a name of its own, what
// the README and kerrlint help say of it, and a run exactly when it is a
// site check.
func TestChecksTable(t *testing.T) {
	seen := map[string]Category{}
	for c := range numChecks {
		row := checks[c]
		if row.name == "" || row.summary == "" || row.before == "" || row.after == "" {
			t.Errorf("check %d has an incomplete row: %+v", c, row)
		}
		if prev, dup := seen[row.name]; dup {
			t.Errorf("checks %d and %d are both named %s", prev, c, row.name)
		}
		seen[row.name] = c
		if got, ok := checkNamed(row.name); !ok || got != c {
			t.Errorf("checkNamed(%q) = %d, %v; want %d", row.name, got, ok, c)
		}
		if (row.run != nil) != (row.origin == siteCheck) {
			t.Errorf("check %s: origin %d, run given %v: a site check, and only one, runs on sites", row.name, row.origin, row.run != nil)
		}
	}
}

// TestNoCheckNameLiterals: outside the table (checks.go) a check is named
// by its Category, never by a string, so that a misspelt name does not
// compile; and no diagnostic sets its Category from a literal.
func TestNoCheckNameLiterals(t *testing.T) {
	names := map[string]bool{}
	for _, c := range checks {
		names[c.name] = true
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	parsed := 0
	for _, file := range files {
		if file == "checks.go" || file == "doc.go" || strings.HasSuffix(file, "_test.go") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, file, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed++
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(n.Value); n.Kind == token.STRING && err == nil && names[s] {
					t.Errorf("%s: check %s written as a string: use its Category", fset.Position(n.Pos()), s)
				}
			case *ast.KeyValueExpr:
				if key, ok := n.Key.(*ast.Ident); ok && key.Name == "Category" {
					if _, lit := n.Value.(*ast.BasicLit); lit {
						t.Errorf("%s: a diagnostic's Category set from a literal: use Category.String", fset.Position(n.Pos()))
					}
				}
			}
			return true
		})
	}
	if parsed < 10 {
		t.Fatalf("parsed %d files of the package; want them all", parsed)
	}
}
