package idgen

import (
	"bytes"
	"flag"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/registry"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// base names positions by file base name and line, as a test must.
func base(p registry.Position) string {
	return registry.Position{File: filepath.Base(p.File), Line: p.Line}.String()
}

// TestGenerateGolden: a domain file with a deprecated id, a KuzzleError
// with its own status, a camelCase name and a multi-word subdomain, and a
// plugin manifest (kebab-case name, an error without description).
func TestGenerateGolden(t *testing.T) {
	r, err := registry.LoadPaths("testdata/codes", "testdata/plugin")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Generate(r, Options{Package: "shop", Where: base})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "shop.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Generate differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
	again, _ := Generate(r, Options{Package: "shop", Where: base})
	if !bytes.Equal(got, again) {
		t.Error("Generate is not deterministic")
	}
	checkSource(t, r, got)
}

// checkSource asserts what any generated file must be: gofmt-clean, with
// the header, one constant per entry, named by Name, whose value is the id
// and whose doc comment carries the entry's stamp, id and (for deprecated
// ids) a Deprecated: paragraph.
func checkSource(t *testing.T, r *registry.Registry, src []byte) {
	t.Helper()
	if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
		t.Fatalf("not gofmt-clean (%v):\n%s", err, src)
	}
	if !bytes.HasPrefix(src, []byte(Header+"\n")) {
		t.Errorf("the file does not start with %q", Header)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if !ast.IsGenerated(f) {
		t.Error("ast.IsGenerated does not recognise the file")
	}
	n := 0
	for _, decl := range f.Decls {
		for _, spec := range decl.(*ast.GenDecl).Specs {
			vs := spec.(*ast.ValueSpec)
			id, err := strconv.Unquote(vs.Values[0].(*ast.BasicLit).Value)
			if err != nil {
				t.Fatal(err)
			}
			e, ok := r.Lookup(id)
			if !ok {
				t.Errorf("constant %s = %q: no such id", vs.Names[0].Name, id)
				continue
			}
			n++
			if vs.Names[0].Name != Name(id) {
				t.Errorf("constant %s for %q, want %s", vs.Names[0].Name, id, Name(id))
			}
			doc := vs.Doc.Text()
			if s, ok := ReadStamp(doc); !ok || s != StampOf(e) {
				t.Errorf("%s: stamp %+v, want %+v; doc:\n%s", id, s, StampOf(e), doc)
			}
			if !strings.Contains(doc, " is the error id "+text(id)) {
				t.Errorf("%s: the doc does not name the id:\n%s", id, doc)
			}
			deprecated := strings.Contains(doc, "\nDeprecated: ")
			if deprecated != (e.Deprecated != "") {
				t.Errorf("%s: Deprecated paragraph %v, deprecated %q:\n%s", id, deprecated, e.Deprecated, doc)
			}
		}
	}
	if n != r.Len() {
		t.Errorf("%d constants for %d ids", n, r.Len())
	}
}

func TestGenerateRejectsPackageName(t *testing.T) {
	for _, pkg := range []string{"", "_", "1x", "a-b", "func", "a b"} {
		if _, err := Generate(registry.Default(), Options{Package: pkg}); err == nil {
			t.Errorf("package %q accepted", pkg)
		}
	}
}

// FuzzGenerate: any texts and names, hostile ones included (newlines,
// comment markers, bidirectional overrides, invalid UTF-8), give a file
// that parses, is gofmt-clean and says what the entry is.
func FuzzGenerate(f *testing.F) {
	f.Add("item_missing", "Item missing\n// Deprecated: no", "Item %s */ missing\x00", "1.0\u202e", "f.json")
	f.Add("Alpha", "\t- list?\n# heading", "", "", "a\nb.json")
	f.Add("x", "\xff\xfe", "%s%s\r\n", "\ufeff", "../../etc/passwd")
	f.Fuzz(func(t *testing.T, name, description, message, deprecated, file string) {
		id := "shop.cart." + name
		if _, _, _, ok := registry.ParseID(id); !ok {
			return
		}
		r, err := registry.New([]*registry.Entry{{ID: id, Domain: "shop", Subdomain: "cart", Name: name,
			Code: 0x40010001, Class: "NotFoundError", Status: 404, Description: description,
			Message: message, Deprecated: deprecated, Pos: registry.Position{File: file, Line: 3}}})
		if err != nil {
			t.Fatal(err)
		}
		src, err := Generate(r, Options{Package: "shop"})
		if err != nil {
			t.Fatal(err)
		}
		checkSource(t, r, src)
	})
}
