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
//
// With -shape bottom-heavy, package i imports packages i-1 and i-2 and
// calls their exported function; one package in K (-raise-every, 20 unless
// given), package 0 among them, raises constant ids of Kuzzle's registry
// and exports only a plain function returning error (no wrapper, Define or
// Scope variable), so every package reaches kerror through its imports:
// the shape of a service whose errors package sits at the bottom.
//
//	go run ./bench/gen -shape bottom-heavy -pkgs 600 -out /tmp/bottom
//
// With -shape installed, package codes installs -ids N ids (Kuzzle 2's
// format, embedded JSON, kerror.InstallFS in an init function), under a
// chain of -pkgs D packages, each importing the one below and raising one
// installed id with its class's typed constructor.
//
//	go run ./bench/gen -shape installed -ids 10000 -pkgs 200 -out /tmp/installed
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

// config is what to generate.
type config struct {
	shape string // "tree" (the default), "bottom-heavy" or "installed"
	pkgs  int    // number of packages (installed: the chain's length)
	sites int    // raise sites per package
	every int    // one package in every raises (tree, bottom-heavy)
	ids   int    // installed ids (installed)
	out   string // the module's directory
	repo  string // the kerrlint repository, absolute
}

func main() {
	var c config
	flag.StringVar(&c.shape, "shape", "tree", "the module's shape: tree, bottom-heavy or installed (see the command's doc)")
	flag.IntVar(&c.pkgs, "pkgs", 100, "number of packages (-shape installed: of the chain above the installing package)")
	flag.IntVar(&c.sites, "sites", 20, "raise sites per package")
	flag.StringVar(&c.out, "out", "", "directory to write the module to (required)")
	root := flag.String("kerrlint", ".", "the kerrlint repository, for the module's replace directive")
	flag.IntVar(&c.every, "raise-every", 1, "only one package in this many raises errors; the others are plain code (-shape bottom-heavy: 20 unless given)")
	flag.IntVar(&c.ids, "ids", 10_000, "-shape installed: number of ids the bottom package installs")
	flag.Parse()
	if c.shape == "bottom-heavy" && !isSet("raise-every") {
		c.every = 20
	}
	var err error
	if c.repo, err = filepath.Abs(*root); err != nil {
		log.Fatal(err)
	}
	if err := c.valid(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		flag.Usage()
		os.Exit(2)
	}
	if err := generate(c); err != nil {
		log.Fatal(err)
	}
}

// isSet reports whether the command line gives the flag name.
func isSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// valid reports what is wrong with c.
func (c config) valid() error {
	switch {
	case c.out == "":
		return fmt.Errorf("-out is required")
	case c.pkgs < 1 || c.pkgs > 50_000:
		return fmt.Errorf("-pkgs %d: not in [1, 50000]", c.pkgs)
	case c.sites < 0 || c.every < 1:
		return fmt.Errorf("-sites and -raise-every: -sites ≥ 0, -raise-every ≥ 1")
	case c.shape == "installed" && (c.ids < 1 || c.ids > maxInstalled):
		return fmt.Errorf("-ids %d: not in [1, %d]", c.ids, maxInstalled)
	case c.shape != "tree" && c.shape != "bottom-heavy" && c.shape != "installed":
		return fmt.Errorf("-shape %q: tree, bottom-heavy or installed", c.shape)
	}
	return nil
}

// generate writes the module c describes.
func generate(c config) error {
	sum, err := os.ReadFile(filepath.Join(c.repo, "example", "go.sum"))
	if err != nil {
		return fmt.Errorf("reading the example module's go.sum for the dependencies' checksums: %v", err)
	}
	write := func(name, content string) error {
		path := filepath.Join(c.out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, []byte(content), 0o644)
	}
	// writeGo writes Go source, formatted.
	writeGo := func(name, text string) error {
		src, err := format.Source([]byte(text))
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		return write(name, string(src))
	}
	if err := write("go.mod", fmt.Sprintf("module bench.example/corpus\n\ngo 1.26.0\n\nrequire github.com/kerrlint/kerrlint v0.0.0\n\nreplace github.com/kerrlint/kerrlint => %s\n", c.repo)); err != nil {
		return err
	}
	if err := write("go.sum", string(sum)); err != nil {
		return err
	}
	if c.shape == "installed" {
		for name, content := range installedFiles(c.ids) {
			if err := write(name, content); err != nil {
				return err
			}
		}
		for k := 0; k < c.pkgs; k++ {
			if err := writeGo(fmt.Sprintf("p%05d/p.go", k), chainSource(k, c.ids)); err != nil {
				return err
			}
		}
		return nil
	}
	for i := 0; i < c.pkgs; i++ {
		var text string
		switch {
		case c.shape == "bottom-heavy" && i%c.every == 0:
			text = bottomRaiseSource(i, c.sites)
		case c.shape == "bottom-heavy":
			text = bottomPlainSource(i, c.sites)
		case c.raises(i):
			text = pkgSource(i, c.sites, c.raises)
		default:
			text = plainSource(i, c.sites, c.raises)
		}
		if err := writeGo(fmt.Sprintf("p%05d/p.go", i), text); err != nil {
			return err
		}
	}
	return nil
}

// raises reports whether package i of a tree corpus raises errors.
func (c config) raises(i int) bool { return i%c.every == c.every-1 }

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
