// Command gen writes a benchmark corpus: a module of N packages that raise
// registry errors in every form kerrlint follows, all correct, so that
// kerrlint reports nothing and its cost is the analysis alone.
//
//	go run ./bench/gen -pkgs 100 -sites 20 -out /tmp/corpus
//
// Package i imports package (i-1)/2 (a tree of depth log2 N) and calls its
// wrapper; each package defines one error with kerror.Define.
//
// With -raise-every K, only package K-1 of every K raises errors (as above,
// calling its parent's wrapper when the parent raises too); the others are
// plain code that never imports kerror and calls its nearest plain ancestor:
// the shape of a real module, where few packages raise registry errors.
//
//	go run ./bench/gen -pkgs 600 -raise-every 20 -out /tmp/mixed
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	pkgs := flag.Int("pkgs", 100, "number of packages")
	sites := flag.Int("sites", 20, "raise sites per package")
	out := flag.String("out", "", "directory to write the module to (required)")
	root := flag.String("kerrlint", ".", "the kerrlint repository, for the module's replace directive")
	every := flag.Int("raise-every", 1, "only one package in this many raises errors; the others are plain code")
	flag.Parse()
	if *out == "" || *pkgs < 1 || *pkgs > 50_000 || *sites < 0 || *every < 1 {
		flag.Usage()
		os.Exit(2)
	}
	repo, err := filepath.Abs(*root)
	if err != nil {
		log.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(repo, "example", "go.sum"))
	if err != nil {
		log.Fatalf("reading the example module's go.sum for the dependencies' checksums: %v", err)
	}
	write := func(name, content string) {
		path := filepath.Join(*out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("go.mod", fmt.Sprintf("module bench.example/corpus\n\ngo 1.26.0\n\nrequire github.com/kerrlint/kerrlint v0.0.0\n\nreplace github.com/kerrlint/kerrlint => %s\n", repo))
	write("go.sum", string(sum))
	raises := func(i int) bool { return i%*every == *every-1 }
	for i := 0; i < *pkgs; i++ {
		text := pkgSource(i, *sites, raises)
		if !raises(i) {
			text = plainSource(i, *sites, raises)
		}
		src, err := format.Source([]byte(text))
		if err != nil {
			log.Fatal(err)
		}
		write(fmt.Sprintf("p%05d/p.go", i), string(src))
	}
}

// domainOf places package i in a domain and subdomain of its own: 200
// subdomains per domain, domains from 0x60.
func domainOf(i int) (domain string, domainCode, subCode int) {
	return fmt.Sprintf("bench%d", i/200), 0x60 + i/200, i%200 + 1
}

// pkgSource is package i, which raises errors in every form.
func pkgSource(i, sites int, raises func(int) bool) string {
	var b bytes.Buffer
	domain, dc, sc := domainOf(i)
	sub := fmt.Sprintf("p%05d", i)
	fmt.Fprintf(&b, "// Package %s is generated benchmark code.\npackage %s\n\nimport (\n\t\"errors\"\n\n\t\"github.com/kerrlint/kerrlint/kerror\"\n", sub, sub)
	parent := -1
	if i > 0 {
		parent = (i - 1) / 2
		fmt.Fprintf(&b, "\tparent \"bench.example/corpus/p%05d\"\n", parent)
	}
	plainParent := parent >= 0 && !raises(parent)
	b.WriteString(")\n\n")
	id := fmt.Sprintf("%s.%s.custom", domain, sub)
	fmt.Fprintf(&b, "// ErrCustom is this package's own error.\nvar ErrCustom = kerror.Define(%q, 0x%02x%02x0001, kerror.NotFoundError, \"Custom %%s failed\")\n\n", id, dc, sc)
	b.WriteString("var storage = kerror.Wrap(\"services\", \"storage\")\n\n")
	b.WriteString("// Fail raises id: a wrapper.\nfunc Fail(id string, args ...any) error { return kerror.New(id, args...) }\n\n")
	b.WriteString("// Raise raises errors in every form.\nfunc Raise(err error, n int) error {\n\tvar ke *kerror.Error\n\t_ = errors.As(err, &ke)\n\tswitch n {\n")
	forms := []string{
		`return kerror.New("services.storage.not_found")`,
		`return kerror.Get("services", "storage", "unknown_index", "idx")`,
		`return storage.Get("document_already_exists")`,
		`return kerror.NotFound("services.storage.not_found")`,
		`return &kerror.Error{ID: "security.token.expired", Code: 0x07010006, Status: 401, Class: kerror.UnauthorizedError}`,
		`if kerror.Is(err, "api.assert.missing_argument") { return nil }`,
		`if ke != nil && ke.ID == "security.token.invalid" { return ke }`,
		`return Fail("core.fatal.unexpected_error")`,
		`return ErrCustom.New("x")`,
		`return kerror.New(` + fmt.Sprintf("%q", id) + `, "y")`,
	}
	switch {
	case plainParent:
		forms = append(forms, `return Fail("services.storage.not_found", parent.Work("z", n))`)
	case parent >= 0:
		forms = append(forms, `return parent.Fail("services.storage.not_found")`, `return parent.ErrCustom.New("z")`)
	}
	for s := 0; s < sites; s++ {
		fmt.Fprintf(&b, "\tcase %d:\n\t\t%s\n", s, strings.ReplaceAll(forms[s%len(forms)], "{ return", "{\n\t\t\treturn"))
	}
	b.WriteString("\t}\n\tif ke != nil {\n\t\tswitch ke.ID {\n\t\tcase \"services.storage.not_found\", \"security.token.expired\":\n\t\t\treturn nil\n\t\t}\n\t}\n\treturn nil\n}\n")
	return b.String()
}

// plainSource is package i of a mixed corpus: plain code of about the size
// of a raising package, calling its nearest plain ancestor.
func plainSource(i, sites int, raises func(int) bool) string {
	var b bytes.Buffer
	name := fmt.Sprintf("p%05d", i)
	parent := (i - 1) / 2
	for parent > 0 && raises(parent) {
		parent = (parent - 1) / 2
	}
	if i == 0 || raises(parent) {
		parent = -1
	}
	fmt.Fprintf(&b, "// Package %s is generated benchmark code that raises no error.\npackage %s\n\nimport (\n\t\"strconv\"\n\t\"strings\"\n", name, name)
	if parent >= 0 {
		fmt.Fprintf(&b, "\tparent \"bench.example/corpus/p%05d\"\n", parent)
	}
	b.WriteString(")\n\n// Total counts calls.\nvar Total int\n\n// Work transforms s in one of several ways.\nfunc Work(s string, n int) string {\n\tTotal++\n\tswitch n {\n")
	forms := []string{
		`return strings.ToUpper(s)`,
		`return s + strconv.Itoa(n)`,
		`if strings.HasPrefix(s, "x") { return s[1:] }`,
		`return strings.Repeat(s, 2)`,
		`parts := strings.Split(s, ","); return strings.Join(parts, ";")`,
		`if v, err := strconv.Atoi(s); err == nil { return strconv.Itoa(v * 2) }`,
		`return strings.TrimSpace(s)`,
		`var sb strings.Builder; sb.WriteString(s); sb.WriteByte('!'); return sb.String()`,
		`return strings.ReplaceAll(s, "a", "b")`,
		`return strconv.Quote(s)`,
	}
	if parent >= 0 {
		forms = append(forms, `return parent.Work(s, n-1)`, `return parent.Work(strings.ToLower(s), n%7)`)
	}
	for s := 0; s < sites; s++ {
		fmt.Fprintf(&b, "\tcase %d:\n\t\t%s\n", s, strings.ReplaceAll(forms[s%len(forms)], "; ", "\n\t\t"))
	}
	b.WriteString("\t}\n\treturn s\n}\n")
	return b.String()
}
