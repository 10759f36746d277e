package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// TestSourceHasDirective checks the driver's file test against the
// analyzer's, on parsed comments: they must agree.
func TestSourceHasDirective(t *testing.T) {
	for _, src := range []string{
		"package p\n",
		"package p\n\n//kerrlint:ignore reason\nvar x = 1\n",
		"package p\n\nvar s = \"//kerrlint:id id\"\n",
		"package p\n\n/* //kerrlint:id id */\nvar x = 1\n",
		"package p\n\n// see //kerrlint:id\nvar x = 1\n",
		"package p\n\nfunc f() {\n\tx := 1 //kerrlint:ignore why\n\t_ = x\n}\n",
		"package p\n\nvar r = `\n//kerrlint:id id\n`\n",
		"//kerrlint:error id=ID\npackage p\n",
	} {
		f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := SourceHasDirective([]byte(src)), FilesHaveDirective([]*ast.File{f}); got != want {
			t.Errorf("SourceHasDirective(%q) = %v, the parsed file says %v", src, got, want)
		}
	}
}

func TestRelevance(t *testing.T) {
	funcs, err := ParseFuncs([]string{"example.com/legacy.Fail:id", "(*example.com/api.Client).Raise:id", "gopkg.in/x.v3.F:id", "(*Client).Raise:id"})
	if err != nil {
		t.Fatal(err)
	}
	r := NewRelevance(funcs)
	none := func(string) bool { return false }
	no := func() bool { return false }
	for _, tt := range []struct {
		path      string
		imports   []string
		relevant  []string // imports that are relevant
		directive bool
		want      bool
	}{
		{"a", nil, nil, false, false},
		{"a", []string{"fmt", KerrorPath}, nil, false, true},
		{"a", []string{"fmt", "b"}, []string{"b"}, false, true},
		{"a", []string{"fmt", "b"}, nil, true, true},
		{KerrorPath, []string{"fmt"}, nil, true, false},
		{"example.com/legacy", []string{"errors"}, nil, false, true},
		{"example.com/api", nil, nil, false, true},
		{"gopkg.in/x.v3", nil, nil, false, true},
		{"Client", nil, nil, false, false},
		{"", nil, nil, false, false},
	} {
		rel := func(p string) bool {
			for _, q := range tt.relevant {
				if p == q {
					return true
				}
			}
			return false
		}
		if tt.relevant == nil {
			rel = none
		}
		dir := no
		if tt.directive {
			dir = func() bool { return true }
		}
		if got := r.Relevant(tt.path, tt.imports, rel, dir); got != tt.want {
			t.Errorf("Relevant(%s, %v, relevant %v, directive %v) = %v, want %v", tt.path, tt.imports, tt.relevant, tt.directive, got, tt.want)
		}
	}
}
