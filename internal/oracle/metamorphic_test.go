package oracle

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// notFollowed lists the rewrites, by name, the analyzer does not follow by
// design, with the reason the README's "What kerrlint does not follow"
// gives; the fixed-seed run skips them. Each has a test in the analyzer
// showing it stays quiet there.
var notFollowed = map[string]string{}

// followedRewrites are the rewrites the analyzer must follow.
func followedRewrites() []rewrite {
	var rws []rewrite
	for _, rw := range rewrites {
		if _, skip := notFollowed[rw.name]; !skip {
			rws = append(rws, rw)
		}
	}
	return rws
}

// TestMetamorphic generates programs from a fixed seed and requires the
// analyzer to report, site by site, the same diagnostics on every
// rewritten copy as on the original, and never to crash.
func TestMetamorphic(t *testing.T) {
	env := newEnv(t)
	cfg := Config{Packages: 3, Sites: 30, MutationRate: 0.5, Skip: skipKeys()}
	progs := Generate(2, 4, cfg)
	rws := followedRewrites()
	if names := os.Getenv("KERRLINT_ORACLE_REWRITES"); names != "" {
		rws = nil
		for _, name := range strings.Split(names, ",") {
			rw, ok := rewriteNamed(name)
			if !ok {
				t.Fatalf("no rewrite %q", name)
			}
			rws = append(rws, rw)
		}
	}
	counts := map[string]*MetaCounts{}
	dis, err := env.CheckRewrites(progs, rws, counts)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(metaReport(counts))
	for _, d := range dis {
		t.Errorf("%s", d)
	}
	for _, rw := range rws {
		if c := counts[rw.name]; c == nil || c.Diags == 0 {
			t.Errorf("rewrite %s compared no diagnostic", rw.name)
		}
	}
}

// metaReport renders the per-rewrite counts.
func metaReport(counts map[string]*MetaCounts) string {
	var names []string
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%-18s %6s %6s %7s %7s\n", "rewrite", "sites", "diags", "differ", "edits")
	for _, n := range names {
		c := counts[n]
		fmt.Fprintf(&b, "%-18s %6d %6d %7d %7d\n", n, c.Sites, c.Diags, c.Differ, c.Edits)
	}
	return b.String()
}

// TestMetamorphicDetects: a rewrite that changes what the program means (a
// typo in every id kerror.New raises) and one that breaks the build are
// both caught, so that a passing TestMetamorphic says something.
func TestMetamorphicDetects(t *testing.T) {
	env := newEnv(t)
	progs := Generate(3, 2, Config{Packages: 2, Sites: 20, MutationRate: 0, Forms: []string{"new"}})
	typo := rewrite{"typo", func(c *rwFile) {
		c.calls(func(call *ast.CallExpr, _ []ast.Node) {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && len(call.Args) > 0 {
				if fn, ok := c.kerrorSel(sel).(*types.Func); ok && fn.Name() == "New" {
					c.insert(call.Args[0].End(), `+"x"`)
				}
			}
		})
	}}
	broken := rewrite{"broken", func(c *rwFile) { c.insert(c.file.End(), "\nvar _ = undefinedName\n") }}
	dis, err := env.CheckRewrites(progs, []rewrite{typo, broken}, map[string]*MetaCounts{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, d := range dis {
		kinds[d.Form+" "+d.Kind]++
	}
	if kinds["typo metamorphic"] == 0 || kinds["broken rewrite-error"] == 0 {
		t.Errorf("disagreements %v, want typo metamorphic and broken rewrite-error", kinds)
	}
}

// TestCrashIsItsOwnKind: a panicking analyzer, and a package the driver
// reports an internal error for, are crashes, not missing diagnostics.
func TestCrashIsItsOwnKind(t *testing.T) {
	dir := t.TempDir()
	for name, script := range map[string]string{
		"panic":    "echo 'panic: interface conversion' >&2; exit 2",
		"internal": `echo '{"m/p": {"kerrlint": {"error": "internal error: boom"}}}'; exit 1`,
	} {
		bin := filepath.Join(dir, name)
		if err := os.WriteFile(bin, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		env := &Env{Kerrlint: bin}
		diags, err := env.verdicts(dir, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		dis := compare(nil, nil, diags, newStats())
		if len(dis) != 1 || dis[0].Kind != "crash" {
			t.Errorf("%s: disagreements %v, want one crash", name, dis)
		}
	}
}
