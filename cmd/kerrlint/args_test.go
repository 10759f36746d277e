package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// stubAnalyzer has flags like kerrlint's, so that parseCommand can be tested
// without setting those of the analyzer the other tests use.
func stubAnalyzer() *analysis.Analyzer {
	a := &analysis.Analyzer{Name: "kerrlint", Doc: "kerrlint: the stub\n\nmore"}
	a.Flags.String("registry", "", "registries")
	a.Flags.Bool("strict", false, "strict")
	a.Flags.String("funcs", "", "funcs")
	return a
}

func TestParseCommand(t *testing.T) {
	a := stubAnalyzer()
	var stderr strings.Builder
	c, _ := parseCommand(a, []string{"-registry", "x,y", "-strict", "-json", "-c", "2", "-test=false", "./...", "-strict=false"}, "e", &stderr)
	if c == nil {
		t.Fatalf("parseCommand: %s", stderr.String())
	}
	if !c.df.json || c.df.context != 2 || c.df.tests || !c.named || c.vet() || c.version != "" {
		t.Errorf("parsed %+v", c)
	}
	if got := strings.Join(c.args, " "); got != "./... -strict=false" {
		t.Errorf("args %q", got)
	}
	// $KERRLINT_REGISTRY comes first; the flag after it.
	if got := a.Flags.Lookup("registry").Value.String(); got != "x,y" {
		t.Errorf("-registry = %q (the stub's flag keeps the last value)", got)
	}
	if got := a.Flags.Lookup("strict").Value.String(); got != "true" {
		t.Errorf("-strict = %q", got)
	}

	a = stubAnalyzer()
	if c, _ := parseCommand(a, []string{"./..."}, "e", &stderr); c == nil || c.named || a.Flags.Lookup("registry").Value.String() != "e" {
		t.Errorf("$KERRLINT_REGISTRY alone: %+v, -registry %q", c, a.Flags.Lookup("registry").Value)
	}
	for arg, want := range map[string]versionFlag{"-V=full": "full", "--V=full": "full", "-V": "true"} {
		if c, _ := parseCommand(stubAnalyzer(), []string{arg}, "", &stderr); c == nil || c.version != want {
			t.Errorf("%s: %+v, want -V %q", arg, c, want)
		}
	}
	if c, _ := parseCommand(stubAnalyzer(), []string{"-flags"}, "", &stderr); c == nil || !c.vet() {
		t.Errorf("-flags: %+v, want go vet's protocol", c)
	}
}

// TestParseCommandUsage: -h lists the flags but the vet protocol's; a bad
// flag is a usage error.
func TestParseCommandUsage(t *testing.T) {
	var stderr strings.Builder
	if c, exit := parseCommand(stubAnalyzer(), []string{"-h"}, "", &stderr); c != nil || exit != 0 {
		t.Errorf("-h: %+v, exit %d", c, exit)
	}
	usage := stderr.String()
	if !strings.HasPrefix(usage, "kerrlint: the stub\n\nUsage: kerrlint [flags] packages") || !strings.Contains(usage, "\n  -registry value\n") || !strings.Contains(usage, "\n  -list-all\n") {
		t.Errorf("-h:\n%s", usage)
	}
	for _, h := range append(hidden, vetNoOps...) {
		if strings.Contains(usage, "\n  -"+h+" ") || strings.Contains(usage, "\n  -"+h+"\n") {
			t.Errorf("-h lists -%s:\n%s", h, usage)
		}
	}
	for _, bad := range []string{"-bogus", "-source", "-c=x"} {
		stderr.Reset()
		if c, exit := parseCommand(stubAnalyzer(), []string{bad, "./..."}, "", &stderr); c != nil || exit != 2 || !strings.Contains(stderr.String(), "Usage: kerrlint") {
			t.Errorf("%s: %+v, exit %d\n%s", bad, c, exit, stderr.String())
		}
	}
}

// TestParseCommandVet: under go vet (a last *.cfg argument), the unit's
// configuration is read, relative registry paths are the go command's, and
// the flags unitchecker ignores are accepted.
func TestParseCommandVet(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "vet.cfg")
	if err := os.WriteFile(cfg, []byte(`{"ID": "p", "VetxOnly": true, "GoFiles": ["p.go"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	a := stubAnalyzer()
	var stderr strings.Builder
	c, _ := parseCommand(a, []string{"-registry=rel,/abs", "-source", "-tags=x", "-json", cfg}, "env", &stderr)
	if c == nil || c.cfg != cfg || c.unit == nil || !c.unit.VetxOnly || c.unit.ID != "p" || !c.vet() || !c.named || !c.df.json {
		t.Fatalf("parsed %+v (%s)", c, stderr.String())
	}
	want := "rel,/abs"
	if dir, ok := goCommandDir(); ok {
		want = filepath.Join(dir, "rel") + ",/abs"
	}
	if got := a.Flags.Lookup("registry").Value.String(); got != want {
		t.Errorf("-registry = %q, want %q", got, want)
	}
	if c, _ := parseCommand(stubAnalyzer(), []string{filepath.Join(t.TempDir(), "missing.cfg")}, "", &stderr); c == nil || c.unit != nil || !c.vet() {
		t.Errorf("unreadable configuration: %+v", c)
	}
}
