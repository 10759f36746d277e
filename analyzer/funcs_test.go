package analyzer

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"testing"
)

func TestParseFuncs(t *testing.T) {
	for _, tt := range []struct {
		entries []string
		want    Funcs
		err     string
	}{
		{nil, nil, ""},
		{[]string{"example.com/legacy.Fail:id"}, Funcs{{"example.com/legacy", "", "Fail", "id"}}, ""},
		{[]string{"gopkg.in/x.v3.F:id"}, Funcs{{"gopkg.in/x.v3", "", "F", "id"}}, ""},
		{[]string{"(*example.com/api.Client).Raise:id", "(example.com/api.Client).Get:name"},
			Funcs{{"example.com/api", "Client", "Raise", "id"}, {"example.com/api", "Client", "Get", "name"}}, ""},
		// One function named twice (with and without the pointer): the
		// later entry's parameter counts.
		{[]string{"(*p.T).M:a", "q.F:x", "(p.T).M:b"}, Funcs{{"p", "T", "M", "b"}, {"q", "", "F", "x"}}, ""},
		// A receiver without a package path names no package.
		{[]string{"(*T).M:id"}, Funcs{{"", "T", "M", "id"}}, ""},
		{[]string{"Fail:id"}, nil, `-funcs "Fail:id": want pkg/path.Func:param`},
		{[]string{"p.F:id", "p.F"}, nil, `-funcs "p.F": want pkg/path.Func:param or (*pkg/path.Type).Method:param`},
		{[]string{":id"}, nil, `-funcs ":id": want pkg/path.Func:param or`},
		{[]string{"p.:id"}, nil, `-funcs "p.:id": want pkg/path.Func:param`},
		{[]string{"(*p.T.M:id"}, nil, `-funcs "(*p.T.M:id": want (*pkg/path.Type).Method:param`},
		{[]string{"(*).M:id"}, nil, `want (*pkg/path.Type).Method:param`},
		{[]string{"(p.T).:id"}, nil, `want (*pkg/path.Type).Method:param`},
	} {
		got, err := ParseFuncs(tt.entries)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseFuncs(%q) = %v, %v; want error %q", tt.entries, got, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFuncs(%q) = %v, %v; want %v", tt.entries, got, err, tt.want)
		}
	}
}

// TestFuncsFlagParsed: the flag parses its entries as they are set (trimmed,
// and repeated flags adding up), keeps them as given for its String, and
// rejects a malformed one leaving the earlier ones.
func TestFuncsFlagParsed(t *testing.T) {
	c := &checker{}
	a := c.analyzer(true)
	if err := a.Flags.Set("funcs", " p.F:id , (*q.T).M:name"); err != nil {
		t.Fatal(err)
	}
	if err := a.Flags.Set("funcs", "p.G:id,bad"); err == nil {
		t.Error("-funcs bad: no error")
	}
	want := Funcs{{"p", "", "F", "id"}, {"q", "T", "M", "name"}}
	if !reflect.DeepEqual(c.funcs, want) {
		t.Errorf("after -funcs, Funcs = %v, want %v", c.funcs, want)
	}
	if got := a.Flags.Lookup("funcs").Value.String(); got != "p.F:id,(*q.T).M:name" {
		t.Errorf("-funcs String() = %q", got)
	}
	if got := NewRelevance(c.funcs).FuncsPackages(); !reflect.DeepEqual(got, []string{"p", "q"}) {
		t.Errorf("FuncsPackages = %q", got)
	}
}

// TestFuncsParam: a target names the function or method it declares,
// a method by its receiver's type, pointer or not.
func TestFuncsParam(t *testing.T) {
	const src = `package p
type T struct{}
func (*T) M(id string) {}
func (T) V(id string) {}
func F(id string) {}
func G(id string) {}
type I interface{ N(id string) }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("example.com/p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	funcs, err := ParseFuncs([]string{"example.com/p.F:id", "(example.com/p.T).M:a", "(*example.com/p.T).V:b", "(example.com/p.I).N:c", "p.G:id"})
	if err != nil {
		t.Fatal(err)
	}
	method := func(typ, name string) *types.Func {
		obj, _, _ := types.LookupFieldOrMethod(pkg.Scope().Lookup(typ).Type(), true, pkg, name)
		return obj.(*types.Func)
	}
	for _, tt := range []struct {
		fn   *types.Func
		want string
	}{
		{pkg.Scope().Lookup("F").(*types.Func), "id"},
		{pkg.Scope().Lookup("G").(*types.Func), ""},
		{method("T", "M"), "a"},
		{method("T", "V"), "b"},
		{method("I", "N"), "c"},
	} {
		got, ok := funcs.param(tt.fn)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("param(%s) = %q, %v; want %q", tt.fn.FullName(), got, ok, tt.want)
		}
	}
}

// TestChecksFlagParsed: -checks is parsed as it is set; a bad list leaves
// the selection as it was.
func TestChecksFlagParsed(t *testing.T) {
	c := &checker{}
	a := c.analyzer(true)
	if !c.checks.enabled(unknownID) {
		t.Error("no -checks: unknown-id disabled")
	}
	if err := a.Flags.Set("checks", "all,-unknown-id"); err != nil {
		t.Fatal(err)
	}
	if err := a.Flags.Set("checks", "nosuch"); err == nil {
		t.Error("-checks nosuch: no error")
	}
	if c.checks.enabled(unknownID) || !c.checks.enabled(classMismatch) {
		t.Errorf("-checks all,-unknown-id: selection %v", c.checks)
	}
}
